"""Build report: counts problems, writes the manifest, prints the summary, fails strict builds."""
