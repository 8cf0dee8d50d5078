"""Checks of the grid's `procedures` section. Modules starting with ``_`` are shared vocabulary, not checks."""
