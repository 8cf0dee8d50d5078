"""Library catalogue: wording variants, vendors and traps."""

import pytest

from tests.conftest import as_pages, audit_pages, followed

SITE = "https://www.ville-exemple.fr"
HOME = (SITE + "/", "<html><head><title>Accueil</title></head><body><main><p>Bienvenue</p></main></body></html>")


def page(body: str, title: str = "Ville d'Exemple", path: str = "/page") -> tuple[str, str]:
    return (SITE + path, f"<html><head><title>{title}</title></head><body>{body}</body></html>")


def answer(criterion: str, *pages: tuple[str, str]) -> dict:
    result = audit_pages([HOME, *pages])[criterion]
    if result["status"] == "present":
        assert result["evidence"] and all(e["url"] and e["excerpt"] for e in result["evidence"])
    return result


#: What the juror finds on the page the link leads to.
CATALOGUE_PAGE = '<form action="/catalogue/recherche"><label>Titre, auteur <input name="q"></label><label>Support <select name="s"><option>Livres</option><option>DVD</option></select></label><button>Rechercher</button></form>'

LIBRARY = [
    ("catalogue de la mediatheque", followed(page('<nav><a href="/cat">Catalogue de la médiathèque</a></nav>'), CATALOGUE_PAGE), "present"),
    ("compte lecteur", followed(page('<main><a href="/compte">Mon compte lecteur</a></main>'), CATALOGUE_PAGE), "present"),
    ("reserver un document", followed(page('<main><a href="/resa">Réserver un document</a></main>'), CATALOGUE_PAGE), "present"),
    ("koha opac", page('<main><a href="https://bib.ville.fr/cgi-bin/koha/opac-main.pl">Bibliothèque</a></main>'), "present"),
    ("syracuse vendor", page('<main><a href="https://mediatheques.agglo.fr/Default/">Nos médiathèques</a></main>'), "present"),
    ("bare catalogue on library page", page('<main><h1>La médiathèque</h1><a href="https://x.decalog.net/">Catalogue</a></main>',
                                            "Médiathèque municipale"), "present"),
    ("search form to opac", page('<main><form action="https://bm.ville.fr/opac/search"><input name="q"></form></main>'), "present"),
    ("title author form on library page", page('<main><h1>Bibliothèque municipale</h1><form action="/recherche"><label for="t">Titre</label>'
                                               '<input id="t" name="t"><label for="a">Auteur</label><input id="a" name="a"></form></main>',
                                               "Bibliothèque"), "present"),
    ("trap opening hours only", page("<main><h1>La médiathèque</h1><p>Ouverte le mardi de 14h à 18h.</p></main>", "Médiathèque"), "absent"),
    ("trap training catalogue", page('<main><a href="/formations">Catalogue des formations</a></main>'), "absent"),
    ("trap citizen account", page('<header><a href="/compte">Mon compte</a></header>'), "absent"),
    ("trap bare catalogue elsewhere", page('<main><a href="/cat.pdf">Catalogue</a></main>'), "absent"),
    ("trap pdf list on library page",
     page('<main><h1>Bibliothèque municipale</h1><p>Nos derniers achats : <a href="/docs/acquisitions-2025.pdf">catalogue '
          'des acquisitions</a>. Les livres se consultent sur place.</p></main>', "Bibliothèque"), "absent"),
    ("trap named library catalogue as pdf", page('<nav><a href="/files/catalogue-mediatheque.odt">Catalogue de la '
                                                 'médiathèque</a></nav>'), "absent"),
    ("trap document announced by its text",
     page('<main><h1>Médiathèque</h1><a href="/telechargement?id=42">Catalogue jeunesse (PDF, 1,2 Mo)</a></main>',
          "Médiathèque"), "absent"),
    ("portal catalogue beside a pdf list",
     page('<main><h1>Médiathèque</h1><a href="/docs/nouveautes.pdf">Catalogue des nouveautés</a> '
          '<a href="https://mediatheque.ville-exemple.fr/recherche">Interroger le catalogue</a></main>', "Médiathèque"),
     "present"),
]

@pytest.mark.parametrize("name,page_,expected", LIBRARY, ids=[c[0] for c in LIBRARY])
def test_library_catalogue(name, page_, expected):
    assert answer("inclusion.library_catalogue", *as_pages(page_))["status"] == expected
