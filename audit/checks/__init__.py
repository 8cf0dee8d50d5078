"""Built-in checks, one module per check, grouped by the grid's seven sections.

- ``framework/``: the check framework (model, matching helpers, evidence, decisions,
  discovery in `audit.checks.framework.registry`, the per-site runner);
- ``common/``: helpers and vocabulary shared by checks of several sections;
- ``procedures/``, ``payment/``, ``social/``, ``accessibility/``, ``edemocracy/``,
  ``site/``, ``inclusion/``: the checks of each section (the prefix of their ``CRITERIA`` ids).

Every public module of a section package is a check; modules whose name starts
with ``_`` hold the section's shared vocabulary, not checks.
"""

#: The section packages, in the grid's order; `audit.checks.framework.registry` loads their checks.
SECTIONS = ("procedures", "payment", "social", "accessibility", "edemocracy", "site", "inclusion")
