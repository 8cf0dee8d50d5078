"""The check framework: isolation of failing checks, evidence rule, URL identity, input parsing."""

from __future__ import annotations

import pytest

from audit.artifacts.page import Page
from audit.artifacts.urls import canonical, site_key
from audit.checks.framework.model import Answer, Evidence, Observation, SiteFacts
from audit.checks.framework.registry import Check, load_checks
from audit.checks.framework.runner import SiteAudit
from audit.grid import load_grid
from audit.results.output import site_dir
from audit.spiders.sites import SiteInput, from_urls, normalise_url
from audit.spiders.url_rules import trap_pattern, path_is_runaway


def _check(name, criteria, observe=lambda page: [], decide=None, needs=("html",)):
    decide = decide or (lambda obs, site: {c: Answer("absent") for c in criteria})
    return Check(name=name, criteria=tuple(criteria), needs=frozenset(needs), observe=observe, decide=decide)


def _facts():
    facts = SiteFacts(start_url="http://ville.fr/")
    facts.html_pages = 1
    return facts


def _raise(*args):
    raise RuntimeError("boom")


@pytest.mark.parametrize("where", ["observe", "decide"])
def test_a_failing_check_only_loses_its_own_criteria(where):
    broken = _check("broken", ["site.search"], **{where: _raise})
    healthy = _check("healthy", ["site.sitemap"])
    audit = SiteAudit([broken, healthy])
    audit.observe(Page.from_html("http://ville.fr/", "<p>x</p>", is_home=True))
    criteria, errors = audit.decide(_facts())
    assert criteria["site.search"]["status"] == "unknown"
    assert criteria["site.sitemap"]["status"] == "absent"
    assert any(e["kind"] == "check_failed" and "broken" in e["message"] and "boom" in e["message"] for e in errors)


def test_present_without_evidence_is_refused():
    lazy = _check("lazy", ["site.search"], decide=lambda obs, site: {"site.search": Answer("present")})
    criteria, errors = SiteAudit([lazy]).decide(_facts())
    assert criteria["site.search"]["status"] == "unknown"
    assert any("sans preuve" in e["message"] for e in errors)


def test_evidence_is_tagged_with_the_check_name():
    found = _check("found", ["site.search"], decide=lambda obs, site: {
        "site.search": Answer("present", [Evidence("http://ville.fr/", "<form>")], confidence=0.9)})
    criteria, _ = SiteAudit([found]).decide(_facts())
    assert criteria["site.search"]["evidence"][0]["check"] == "found"


def test_browser_only_check_is_unknown_without_browser():
    axe = _check("axe", ["accessibility.automated_audit"], needs=("rendered", "axe"))
    criteria, errors = SiteAudit([axe], browser=False).decide(_facts())
    assert criteria["accessibility.automated_audit"]["status"] == "unknown"
    assert any(e["kind"] == "browser_required" for e in errors)


def test_unread_home_page_makes_everything_unknown():
    found = _check("found", ["site.search"], decide=lambda obs, site: {"site.search": Answer("absent")})
    criteria, _ = SiteAudit([found]).decide(SiteFacts(start_url="http://ville.fr/"))
    assert set(criteria) == set(load_grid().ids)
    assert {a["status"] for a in criteria.values()} == {"unknown"}


def test_builtin_checks_load_through_the_entry_point_group():
    checks, errors = load_checks()
    assert not errors
    assert "search" in {c.name for c in checks}
    owners = [cid for c in checks for cid in c.criteria]
    assert len(owners) == len(set(owners)), "two checks answer the same criterion"
    assert set(owners) <= set(load_grid().ids)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("https://www.ville.fr/", "https://ville.fr/contact"),
        ("http://WWW.Ville.fr:80/", "https://ville.fr/"),
    ],
)
def test_www_and_bare_domain_are_one_site(a, b):
    assert site_key(a) == site_key(b)


def test_other_port_is_another_site():
    assert site_key("http://127.0.0.1:8001/") != site_key("http://127.0.0.1:8002/")


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://v.fr/a?b=2&a=1#top", "http://v.fr/a?a=1&b=2"),
        ("http://v.fr/a;jsessionid=ABC?x=1", "http://v.fr/a?x=1"),
        ("http://v.fr/a?PHPSESSID=9&utm_source=fb&p=2", "http://v.fr/a?p=2"),
        ("http://v.fr/spip.php?article12", "http://v.fr/spip.php?article12"),
        ("http://v.fr/spip.php?rubrique3&lang=fr", "http://v.fr/spip.php?lang=fr&rubrique3"),
        ("http://v.fr/a?x=", "http://v.fr/a?x="),
    ],
)
def test_canonical_urls(url, expected):
    assert canonical(url) == expected


def test_trap_shapes_and_runaway_paths():
    assert trap_pattern("http://v.fr/agenda/2031/03?mois=3&annee=2031") == trap_pattern("http://v.fr/agenda/1999/12?annee=1&mois=4")
    assert path_is_runaway("http://v.fr/a/a/a/a/a/")
    assert not path_is_runaway("http://v.fr/vie-municipale/conseil/2024/")


@pytest.mark.parametrize(
    ("raw", "url", "given"),
    [("www.ville-x.fr", "https://www.ville-x.fr/", False), ("http://ville.fr/accueil", "http://ville.fr/accueil", True)],
)
def test_normalise_url(raw, url, given):
    assert normalise_url(raw) == (url, given)


@pytest.mark.parametrize("raw", ["", "ftp://ville.fr", "javascript:alert(1)", "http://", "pas une url"])
def test_invalid_urls_are_rejected(raw):
    sites, rejected = from_urls([raw])
    assert not sites and rejected and rejected[0].reason


@pytest.mark.parametrize("name", ["../../etc", "/abs/path", "Saint-Étienne <script>", "..", "a/b\\c"])
def test_slugs_cannot_escape_the_output_folder(tmp_path, name):
    slug = SiteInput(url="http://v.fr/", name=name).slug
    assert site_dir(tmp_path, slug).resolve().parent == tmp_path.resolve()


def test_rendered_dom_only_adds_what_scripts_inserted():
    def observe(page):
        return [Observation("site.search", page.url, link.text) for link in page.links]

    links = _check("links", ["site.search"], observe=observe)
    audit = SiteAudit([links], browser=True)
    audit.observe(Page.from_html("http://ville.fr/", "<a href='/a'>Accueil</a>", is_home=True))
    rendered = Page.from_html("http://ville.fr/", "<a href='/a'>Accueil</a><a href='/d'>Démarches</a>", is_home=True)
    rendered.rendered, rendered.viewport = True, "desktop"
    audit.observe(rendered, rendered=True)
    mobile = Page.from_html("http://ville.fr/", "<a href='/m'>Menu mobile</a>", is_home=True)
    mobile.rendered, mobile.viewport = True, "mobile"
    audit.observe(mobile, rendered=True)
    assert [o.excerpt for o in audit.observations["links"]] == ["Accueil", "Démarches"]
