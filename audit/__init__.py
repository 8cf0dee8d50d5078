"""Audit of French commune websites against the Villes Internet grid."""
