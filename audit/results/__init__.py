"""Answers out: the site result item and the audit files written per site."""
