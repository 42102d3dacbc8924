"""Helpers that more than one plugin needs: settings errors and URL checks, source
locations, the site's address and media types, generated pages and the outputs of a build,
compiled templates shared between generators, and per-build state in the context."""
