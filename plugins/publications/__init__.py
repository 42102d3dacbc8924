"""Publications: reports and brochures with their documents, a section per language."""

from .publications import register

__all__ = ["register"]
