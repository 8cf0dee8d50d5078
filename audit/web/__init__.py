"""The self-audit web service (``audit serve``): a commune types its address and reads its report.

``app`` is the Starlette application, ``jobs`` the queue of audits run in
worker processes (``worker``), ``safety`` the address checks, rate limits and
security headers, ``history`` the earlier audits of a site and what changed.
"""
