"""Build-time helpers for the clinic website: Markdown extensions and the publish checks."""
