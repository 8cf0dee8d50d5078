"""Artifacts: what the checks read, built once per page (parsed page, folded text, URL forms, browser setup).

The bottom layer: nothing here imports the checks, the spiders or the results.
"""
