"""Metadata for machines: schema.org JSON-LD, Open Graph data, sitemap.xml and robots.txt."""
