"""site.https: served over HTTPS, with the redirect, HSTS and security headers in the value."""

from __future__ import annotations

import pytest

from audit.checks.framework.model import SiteFacts
from tests.conftest import audit_pages

PAGE = "<html lang='fr'><head><title>Accueil</title></head><body><p>Bienvenue</p></body></html>"


def run(facts: SiteFacts) -> dict:
    return audit_pages([(facts.final_url or facts.start_url, PAGE)], facts)["site.https"]


def test_https_with_hsts_and_headers() -> None:
    facts = SiteFacts(
        start_url="https://www.ville.fr/", final_url="https://www.ville.fr/", http_redirects_to_https=True,
        home_headers={"strict-transport-security": "max-age=31536000", "x-frame-options": "SAMEORIGIN",
                      "content-type": "text/html", "server": "nginx"},
    )
    answer = run(facts)
    assert answer["status"] == "present"
    assert answer["value"] == {
        "https": True, "http_redirects_to_https": True, "hsts": True,
        "security_headers": {"strict-transport-security": "max-age=31536000", "x-frame-options": "SAMEORIGIN"},
    }
    assert "HTTPS" in answer["evidence"][0]["excerpt"]


@pytest.mark.parametrize(
    ("start", "final", "probe", "redirects"),
    [
        ("http://ville.fr/", "https://www.ville.fr/", None, True),  # the home page itself was redirected
        ("https://ville.fr/", "https://ville.fr/", False, False),  # the http:// probe was not redirected
        ("https://ville.fr/", "https://ville.fr/", None, None),  # probe not answered
    ],
)
def test_redirect_from_http(start: str, final: str, probe: bool | None, redirects: bool | None) -> None:
    answer = run(SiteFacts(start_url=start, final_url=final, http_redirects_to_https=probe))
    assert answer["status"] == "present"
    assert answer["value"]["http_redirects_to_https"] is redirects
    assert answer["value"]["hsts"] is False


def test_plain_http_site() -> None:
    answer = run(SiteFacts(start_url="http://www.village.fr/", final_url="http://www.village.fr/",
                           home_headers={"strict-transport-security": "max-age=1"}))
    assert answer["status"] == "absent"
    assert answer["value"]["https"] is False
    assert answer["value"]["http_redirects_to_https"] is False
    assert answer["value"]["hsts"] is False  # HSTS sent over plain HTTP is ignored by browsers
