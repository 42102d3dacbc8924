"""Publications: reports and brochures with their documents, a section per language."""
