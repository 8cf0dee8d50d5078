"""Checks of the grid's `payment` section. Modules starting with ``_`` are shared vocabulary, not checks."""
