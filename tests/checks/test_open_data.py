"""Open data: wording variants, portals and traps."""

import pytest

from tests.conftest import audit_pages

SITE = "https://www.ville-exemple.fr"
HOME = (SITE + "/", "<html><head><title>Accueil</title></head><body><main><p>Bienvenue</p></main></body></html>")


def page(body: str, title: str = "Ville d'Exemple", path: str = "/page") -> tuple[str, str]:
    return (SITE + path, f"<html><head><title>{title}</title></head><body>{body}</body></html>")


def answer(criterion: str, *pages: tuple[str, str]) -> dict:
    result = audit_pages([HOME, *pages])[criterion]
    if result["status"] == "present":
        assert result["evidence"] and all(e["url"] and e["excerpt"] for e in result["evidence"])
    return result


OPEN_DATA = [
    ("data.gouv organization", page('<main><a href="https://www.data.gouv.fr/fr/organizations/commune-d-exemple/">Nos données</a></main>'), "present"),
    ("opendatasoft portal", page('<main><a href="https://ville-exemple.opendatasoft.com/explore/">Portail</a></main>'), "present"),
    ("data subdomain", page('<footer><a href="https://data.ville-exemple.fr/">Portail</a></footer>'), "present"),
    ("open data menu", page('<nav><a href="/opendata">Open Data</a></nav>'), "present"),
    ("donnees ouvertes title", page("<main><h1>Données ouvertes</h1></main>", "Données ouvertes"), "present"),
    ("csv dataset", page('<main><a href="/files/equipements.csv">Liste des équipements</a></main>'), "present"),
    ("trap DSFR footer data.gouv", page('<footer><a href="https://data.gouv.fr">data.gouv.fr</a></footer>'), "absent"),
    ("trap personal data", page('<footer><a href="/rgpd">Données personnelles</a></footer>'), "absent"),
    ("trap negation", page("<main><p>La commune ne dispose pas encore de portail open data.</p></main>"), "absent"),
    ("trap vendor site", page('<main><a href="https://www.opendatasoft.com/fr/">Opendatasoft</a></main>'), "absent"),
]


@pytest.mark.parametrize("name,page_,expected", OPEN_DATA, ids=[c[0] for c in OPEN_DATA])
def test_open_data(name, page_, expected):
    assert answer("edemocracy.open_data", page_)["status"] == expected
