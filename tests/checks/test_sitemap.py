"""site.sitemap: a linked or titled "Plan du site" page, and sitemap.xml from the site facts."""

from __future__ import annotations

import pytest

from audit.checks.framework.model import FetchRecord, SiteFacts
from tests.conftest import CORPUS, audit_pages

HOME = "https://www.ville-exemple.fr/"


def page(body: str, title: str = "Accueil - Ville d'Exemple") -> str:
    return f"<html lang='fr'><head><title>{title}</title></head><body>{body}</body></html>"


@pytest.mark.parametrize(
    "body",
    [
        "<footer><a href='/plan-du-site'>Plan du site</a></footer>",
        "<footer><ul><li><a href='/plan'>PLAN DU SITE</a></li></ul></footer>",
        "<nav><a href='/sitemap'>Plan de site</a></nav>",
        "<footer><a href='/site-map.html'>Sitemap</a></footer>",
        "<header><a href='/carte'><img src='s.svg' alt='Plan du site'></a></header>",
        "<footer><a href='/plan-du-site' aria-label=''><span class='icon-tree'></span></a></footer>",
    ],
)
def test_linked_site_map_page(body: str) -> None:
    answer = audit_pages([(HOME, page(body))])["site.sitemap"]
    assert answer["status"] == "present"
    assert answer["value"]["page"].startswith(HOME)
    assert answer["evidence"][0]["locator"]


def test_page_titled_site_map() -> None:
    pages = [(HOME, page("<p>Bienvenue</p>")), (HOME + "plan", page("<h1>Plan du site</h1>", "Plan du site | Ville"))]
    answer = audit_pages(pages)["site.sitemap"]
    assert answer["status"] == "present"
    assert answer["value"]["page"] == HOME + "plan"
    assert answer["confidence"] >= 0.9


@pytest.mark.parametrize(
    "body",
    [
        "<footer><p>Plan du site</p></footer>",  # plain text, no link
        "<footer><a href='#'>Plan du site</a></footer>",
        "<footer><a href='[url - à modifier]'>Plan du site</a></footer>",  # DSFR template placeholder
        "<footer><a href='javascript:void(0)'>Plan du site</a></footer>",
        "<main><a href='/actu/zac'>Le plan du site de la future ZAC des Prés est consultable</a></main>",
        "<main><a href='/urbanisme'>Urbanisme</a></main>",
    ],
)
def test_no_site_map_page(body: str) -> None:
    answer = audit_pages([(HOME, page(body))])["site.sitemap"]
    assert answer["status"] == "absent"
    assert answer["value"] == {"page": None, "xml": []}


def test_link_to_missing_page_is_no_site_map() -> None:
    facts = SiteFacts(start_url=HOME, final_url=HOME,
                      fetches={HOME + "plan-du-site": FetchRecord(404, [HOME])})
    answer = audit_pages([(HOME, page("<footer><a href='/plan-du-site'>Plan du site</a></footer>"))], facts)
    assert answer["site.sitemap"]["status"] == "absent"


def test_sitemap_xml_alone_is_present_with_less_confidence() -> None:
    xml = HOME + "sitemap_index.xml"
    facts = SiteFacts(start_url=HOME, final_url=HOME, robots_txt=f"User-agent: *\nSitemap: {xml}\n",
                      sitemap_urls=[xml])
    answer = audit_pages([(HOME, page("<p>Bienvenue</p>"))], facts)["site.sitemap"]
    assert answer["status"] == "present"
    assert answer["value"] == {"page": None, "xml": [xml]}
    assert answer["confidence"] < 0.8
    assert "robots.txt" in answer["evidence"][0]["excerpt"]


def test_page_and_xml_are_both_reported() -> None:
    xml = HOME + "sitemap.xml"
    facts = SiteFacts(start_url=HOME, final_url=HOME, sitemap_urls=[xml, xml])
    answer = audit_pages([(HOME, page("<footer><a href='/plan-du-site/'>Plan du site</a></footer>"))], facts)
    value = answer["site.sitemap"]["value"]
    assert value == {"page": HOME + "plan-du-site/", "xml": [xml]}


def test_dsfr_placeholder_footer_is_no_site_map() -> None:
    html = (CORPUS / "dsfr/example/layout/page/login/1-default/index.html").read_text(encoding="utf-8")
    assert audit_pages([(HOME, html)])["site.sitemap"]["status"] == "absent"
