"""Bilingual sites: a complete site per language, paired translations, localised interface."""
