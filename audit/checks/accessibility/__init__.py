"""Checks of the grid's `accessibility` section. Modules starting with ``_`` are shared vocabulary, not checks."""
