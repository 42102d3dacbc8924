"""Photos at the sizes pages show them: copies in a few widths and a modern format, the
camera's metadata left out, the full-size photo kept for journalists."""
