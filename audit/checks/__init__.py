"""Built-in checks: every public module of this package is a check (see `audit.registry`).

Modules whose name starts with ``_`` hold shared vocabulary, not checks.
"""
