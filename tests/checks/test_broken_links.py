"""site.broken_links: counts and list of internal URLs answering an error, from the crawl's fetches."""

from __future__ import annotations

from audit.checks.framework.model import FetchRecord, SiteFacts
from tests.conftest import audit_pages

HOME = "https://www.ville.fr/"
PAGE = "<html lang='fr'><head><title>Accueil</title></head><body><p>Bienvenue</p></body></html>"


def run(fetches: dict[str, FetchRecord]) -> dict:
    return audit_pages([(HOME, PAGE)], SiteFacts(start_url=HOME, final_url=HOME, fetches=fetches))["site.broken_links"]


def test_no_broken_link() -> None:
    answer = run({HOME: FetchRecord(200), HOME + "a": FetchRecord(200, [HOME]), HOME + "b": FetchRecord(301, [HOME])})
    assert answer["status"] == "absent"
    assert answer["value"] == {"checked": 3, "broken": 0, "share": 0.0, "items": []}


def test_broken_links_are_listed_with_their_referrers() -> None:
    answer = run({
        HOME: FetchRecord(200),
        HOME + "ok": FetchRecord(200, [HOME]),
        HOME + "old": FetchRecord(404, [HOME, HOME + "ok"]),
        HOME + "crash": FetchRecord(500, [HOME + "ok"]),
        HOME + "slow": FetchRecord(None, [HOME], error="TimeoutError: took too long"),
    })
    assert answer["status"] == "present"
    value = answer["value"]
    assert (value["checked"], value["broken"], value["share"]) == (5, 3, 0.6)
    assert value["items"][0] == {"url": HOME + "old", "status": 404, "referrers": [HOME, HOME + "ok"]}
    assert {item["url"] for item in value["items"]} == {HOME + "old", HOME + "crash", HOME + "slow"}
    assert answer["evidence"][0]["url"] == HOME
    assert "404" in answer["evidence"][0]["excerpt"]


def test_unreachable_only_is_less_sure() -> None:
    answer = run({HOME: FetchRecord(200), HOME + "x": FetchRecord(None, [HOME], error="ConnectionRefusedError")})
    assert answer["status"] == "present"
    assert answer["confidence"] < 0.9
    assert "injoignable" in answer["evidence"][0]["excerpt"]


def test_nothing_fetched_is_unknown() -> None:
    assert run({})["status"] == "unknown"
