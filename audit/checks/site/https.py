"""Connexion sécurisée : site servi en HTTPS, redirection depuis HTTP, HSTS et en-têtes de sécurité."""

from __future__ import annotations

from urllib.parse import urlsplit

from audit.artifacts.page import Page
from audit.checks.framework.model import Answer, Evidence, Observation, SiteFacts

CRITERIA = ("site.https",)
NEEDS = frozenset({"site_facts"})

#: Response headers that harden a site, reported as seen on the home page.
SECURITY_HEADERS = (
    "strict-transport-security", "content-security-policy", "content-security-policy-report-only",
    "x-frame-options", "x-content-type-options", "referrer-policy", "permissions-policy",
    "cross-origin-opener-policy", "cross-origin-embedder-policy", "cross-origin-resource-policy",
    "x-xss-protection",
)
MAX_HEADER_CHARS = 200


def observe(page: Page) -> tuple[Observation, ...]:
    """Nothing to see per page: the answer comes from the site facts."""
    return ()


def _redirects(site: SiteFacts, https: bool) -> bool | None:
    """Whether http:// leads to https://: probed when the input was https, else seen on the home page."""
    if site.http_redirects_to_https is not None:
        return site.http_redirects_to_https
    if urlsplit(site.start_url).scheme == "http":
        return https
    return None


def decide(observations: list[Observation], site: SiteFacts | None) -> dict[str, Answer]:
    home = (site.final_url or "") if site else ""
    if not home:
        return {"site.https": Answer("unknown")}
    https = urlsplit(home).scheme == "https"
    headers = {
        name: site.home_headers[name][:MAX_HEADER_CHARS] for name in SECURITY_HEADERS if name in site.home_headers
    }
    hsts = https and "strict-transport-security" in headers
    value = {
        "https": https, "http_redirects_to_https": _redirects(site, https), "hsts": hsts,
        "security_headers": headers,
    }
    if not https:
        evidence = [Evidence(url=home, excerpt=f"Page d'accueil servie en HTTP non chiffré : {home}")]
        return {"site.https": Answer("absent", evidence, confidence=0.95, value=value)}
    note = f"Page d'accueil servie en HTTPS : {home}"
    if hsts:
        note += f" ; Strict-Transport-Security: {headers['strict-transport-security']}"
    return {"site.https": Answer("present", [Evidence(url=home, excerpt=note[:500])], confidence=0.98, value=value)}
