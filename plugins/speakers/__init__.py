"""Speakers: a registry of people, speaker boxes on stories, speaker and organisation pages."""
