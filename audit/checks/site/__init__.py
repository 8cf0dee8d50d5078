"""Checks of the grid's `site` section. Modules starting with ``_`` are shared vocabulary, not checks."""
