"""Checks of the grid's `inclusion` section. Modules starting with ``_`` are shared vocabulary, not checks."""
