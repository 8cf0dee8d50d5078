"""Checks of the grid's `social` section. Modules starting with ``_`` are shared vocabulary, not checks."""
