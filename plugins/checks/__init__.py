"""Content checks: every story checked before it is built, and its internal links after."""
