"""Site builders and hosted platforms: their own pages and accounts are not the commune's.

A site made with Wix, Jimdo or Google Sites carries the builder's footer
(« Créé avec Google Sites », the builder's privacy policy, sometimes its social
accounts left in the template). Those links name the tool the site is built
with, never a page or an account of the commune.
"""

from __future__ import annotations

from audit.artifacts.urls import host_matches

#: Builder host -> name shown (subdomains included: fr.wix.com, www.jimdo.com).
BUILDER_HOSTS = {
    "sites.google.com": "Google Sites", "wix.com": "Wix", "editorx.com": "Wix", "jimdo.com": "Jimdo",
    "jimdofree.com": "Jimdo", "e-monsite.com": "e-monsite", "site123.com": "SITE123", "webnode.fr": "Webnode",
    "webnode.com": "Webnode", "squarespace.com": "Squarespace", "wordpress.com": "WordPress.com",
    "weebly.com": "Weebly", "strikingly.com": "Strikingly", "webflow.com": "Webflow", "godaddysites.com": "GoDaddy",
    "simplesite.com": "SimpleSite", "wixsite.com": "Wix", "canva.site": "Canva", "hostinger.fr": "Hostinger",
    "sitew.com": "SiteW", "wifeo.com": "Wifeo", "kalisport.com": "Kalisport",
}
#: Account handles of the builders themselves (twitter.com/jimdo, instagram.com/wix).
BUILDER_HANDLES = frozenset({
    "jimdo", "jimdo_fr", "jimdofr", "wix", "wixfr", "wix_fr", "googlesites", "google", "emonsite", "e_monsite",
    "site123", "webnode", "webnodefr", "squarespace", "wordpressdotcom", "wordpress", "weebly", "strikingly",
    "webflow", "godaddy", "simplesite", "canva", "hostinger", "sitew", "wifeo",
})


_HOSTS = frozenset(BUILDER_HOSTS)


def builder_of(url: str) -> str | None:
    """The site builder whose own site `url` is on, or None."""
    host = host_matches(url, _HOSTS)
    return BUILDER_HOSTS[host] if host else None
