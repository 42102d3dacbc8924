"""Helpers that more than one plugin needs: settings errors and source locations."""
