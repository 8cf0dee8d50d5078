"""site.design_system: the État design system (DSFR) from its classes and assets, not from look-alikes."""

from __future__ import annotations

import pytest

from tests.conftest import CORPUS, audit_pages

HOME = "https://www.ville-exemple.fr/"
DSFR_PAGES = sorted((CORPUS / "dsfr/example").rglob("index.html"))


def page(body: str, head: str = "") -> str:
    return f"<html lang='fr'><head><title>Accueil</title>{head}</head><body>{body}</body></html>"


@pytest.mark.parametrize("path", DSFR_PAGES, ids=lambda p: str(p.relative_to(CORPUS / "dsfr/example").parent))
def test_dsfr_corpus_pages(path) -> None:
    answer = audit_pages([(HOME, path.read_text(encoding="utf-8"))])["site.design_system"]
    assert answer["status"] == "present"
    assert answer["confidence"] >= 0.8


@pytest.mark.parametrize(
    ("body", "head"),
    [
        ("<header role='banner' class='fr-header'><div class='fr-header__body'></div></header>", ""),
        ("<footer class='fr-footer' id='footer'><p>Ville</p></footer>", ""),
        ("<p>Bienvenue</p>", "<link rel='stylesheet' href='/assets/dsfr/dsfr.min.css'>"),
        ("<p>Bienvenue</p>", "<link rel='stylesheet' href='https://cdn.jsdelivr.net/npm/@gouvfr/dsfr@1.11/dist/dsfr.min.css'>"),
        ("<script type='module' src='/js/dsfr.module.min.js'></script>", ""),
    ],
)
def test_dsfr_signals(body: str, head: str) -> None:
    answer = audit_pages([(HOME, page(body, head))])["site.design_system"]
    assert answer["status"] == "present"
    assert answer["evidence"]


@pytest.mark.parametrize(
    ("body", "head"),
    [
        ("<p>Bienvenue</p>", "<link rel='stylesheet' href='/themes/ville/style.css'>"),
        # the Froala editor writes fr-* classes into content
        ("<div class='fr-view'><p class='fr-dib fr-fic'>Texte</p></div>", ""),
        ("<main><div class='fr-container'><a class='fr-btn'>OK</a></div></main>", ""),  # generic classes alone
        ("<main><p>L'État publie son Système de design de l'État (DSFR) pour ses sites.</p></main>", ""),
        ("<p>Frais de scolarité</p>", "<link rel='stylesheet' href='/css/fradsfrance.css'>"),
    ],
)
def test_no_dsfr(body: str, head: str) -> None:
    assert audit_pages([(HOME, page(body, head))])["site.design_system"]["status"] == "absent"
