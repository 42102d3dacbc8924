"""Pelican plugins of the newsroom site, one package each, and the helpers they share."""
