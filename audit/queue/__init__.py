"""Sharing one audit between several machines: a list of sites in Redis, taken under lease by workers.

``redis_queue`` is the site list (pending sites, leases, finished sites), ``worker`` audits the
sites it takes one at a time, ``site_crawl`` is the per-site crawl subprocess, ``cli`` the commands.
"""
