"""Reports: pure functions of the ``audit.json`` files of a run folder."""
