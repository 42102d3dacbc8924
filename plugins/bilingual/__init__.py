"""Bilingual sites: a complete site per language, paired translations, localised interface."""

from .bilingual import register

__all__ = ["register"]
