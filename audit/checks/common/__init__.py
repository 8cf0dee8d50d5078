"""Helpers and vocabulary shared by checks of several sections (not checks themselves)."""
