"""Helpers that more than one part of the site needs: settings errors and URL checks,
source locations, the site's address and media types, generated pages and the outputs of a
build, compiled templates shared between generators, and the few places that reach into
Pelican beyond its public API (`pelican_api`)."""
