"""site.mobile (static part): device-width viewport and width media queries."""

from __future__ import annotations

import pytest

from tests.conftest import CORPUS, audit_pages

HOME = "https://www.ville-exemple.fr/"


def page(head: str) -> str:
    return f"<html lang='fr'><head><title>Accueil</title>{head}</head><body><p>Bienvenue</p></body></html>"


@pytest.mark.parametrize(
    "head",
    [
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="Viewport" content="WIDTH=DEVICE-WIDTH,initial-scale=1.0,user-scalable=no">',
        '<meta name="viewport" content="initial-scale=1, width = device-width">'
        '<style>@media screen and (max-width: 768px) { nav { display: none } }</style>',
    ],
)
def test_mobile_ready(head: str) -> None:
    answer = audit_pages([(HOME, page(head))])["site.mobile"]
    assert answer["status"] == "present"
    assert answer["value"]["viewport"] is True
    assert "viewport" in answer["evidence"][0]["excerpt"].lower()


@pytest.mark.parametrize(
    "head",
    [
        "",
        '<meta name="viewport" content="width=1024">',  # fixed desktop width
        "<style>@media print { nav { display: none } }</style>",
        "<style>@media (max-width: 600px) { .menu { display: none } }</style>",  # no viewport: phones zoom out
        '<meta name="description" content="width=device-width">',
    ],
)
def test_not_mobile_ready(head: str) -> None:
    assert audit_pages([(HOME, page(head))])["site.mobile"]["status"] == "absent"


def test_media_queries_are_reported() -> None:
    head = ('<meta name="viewport" content="width=device-width">'
            '<link rel="stylesheet" href="/m.css" media="only screen and (max-width: 640px)">')
    answer = audit_pages([(HOME, page(head))])["site.mobile"]
    assert answer["value"] == {"viewport": True, "media_queries": True}


def test_dsfr_page_is_mobile_ready() -> None:
    html = (CORPUS / "dsfr/example/layout/page/login/1-default/index.html").read_text(encoding="utf-8")
    assert audit_pages([(HOME, html)])["site.mobile"]["status"] == "present"
