"""site.directory: a directory of associations, services or facilities (link, titled page, list page)."""

from __future__ import annotations

import pytest

from tests.conftest import audit_pages

HOME = "https://www.ville-exemple.fr/"
ROWS = "".join(f"<tr><td>Association {i}</td><td>0{i} 12 34 56 78</td></tr>" for i in range(1, 7))


def page(body: str, title: str = "Accueil - Ville d'Exemple") -> str:
    return f"<html lang='fr'><head><title>{title}</title></head><body>{body}</body></html>"


@pytest.mark.parametrize(
    "body",
    [
        "<nav><a href='/annuaire-des-associations'>Annuaire des associations</a></nav>",
        "<nav><a href='/assos'>Guide des associations</a></nav>",
        "<footer><a href='/annuaire'>ANNUAIRE</a></footer>",
        "<nav><a href='/services'>Annuaire des services municipaux</a></nav>",
        "<nav><a href='/equipements'>Liste des équipements</a></nav>",
        "<main><a href='/recherche-asso'>Trouver une association</a></main>",
        "<nav><a href='/repertoire'>Répertoire des associations</a></nav>",
    ],
)
def test_directory_link(body: str) -> None:
    answer = audit_pages([(HOME, page(body))])["site.directory"]
    assert answer["status"] == "present"
    assert answer["evidence"][0]["locator"]


@pytest.mark.parametrize(
    ("title", "body"),
    [
        ("Annuaire des associations - Ville", "<h1>Annuaire des associations</h1>"),
        ("Vie locale - Ville", f"<main><h1>Vie locale</h1><h2>Annuaire des associations</h2><table>{ROWS}</table></main>"),
        ("Les associations | Ville", f"<main><h1>Les associations</h1><table>{ROWS}</table></main>"),
        ("Équipements sportifs - Ville", "<main><h1>Équipements sportifs</h1><ul>"
         + "".join(f"<li>Salle {i}</li>" for i in range(6)) + "</ul></main>"),
    ],
)
def test_directory_page(title: str, body: str) -> None:
    pages = [(HOME, page("<p>Bienvenue</p>")), (HOME + "page", page(body, title))]
    answer = audit_pages(pages)["site.directory"]
    assert answer["status"] == "present"
    assert answer["evidence"][0]["url"] == HOME + "page"


@pytest.mark.parametrize(
    "body",
    [
        "<footer><a href='https://lannuaire.service-public.fr/'>Annuaire de l'administration</a></footer>",
        "<nav><a href='/elus'>Annuaire des élus</a></nav>",
        "<main><a href='/actu/forum'>Forum des associations le 7 septembre</a></main>",
        "<nav><a href='/associations'>Associations</a></nav>",  # a menu entry alone
        "<p>Consultez l'annuaire des associations en mairie.</p>",  # text, no link
        "<nav><a href='#'>Annuaire</a></nav>",
    ],
)
def test_no_directory(body: str) -> None:
    assert audit_pages([(HOME, page(body))])["site.directory"]["status"] == "absent"


def test_section_page_without_list_is_no_directory() -> None:
    body = ("<nav class='breadcrumb'><ol><li>Accueil</li><li>Vie locale</li><li>Associations</li></ol></nav>"
            "<main><h1>Associations</h1><p>La commune soutient la vie associative.</p></main>")
    pages = [(HOME, page("<nav><a href='/associations'>Associations</a></nav>")), (HOME + "associations", page(body, "Associations"))]
    assert audit_pages(pages)["site.directory"]["status"] == "absent"
