"""Checks of the grid's `edemocracy` section. Modules starting with ``_`` are shared vocabulary, not checks."""
