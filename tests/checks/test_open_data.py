"""Open data: wording variants, portals and traps."""

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
DATA_PAGE = '<ul><li><a href="/data/equipements-sportifs.csv">Équipements sportifs (CSV)</a></li></ul>'


OPEN_DATA = [
    ("data.gouv organization", page('<main><a href="https://www.data.gouv.fr/fr/organizations/commune-d-exemple/">Nos données</a></main>'), "present"),
    ("opendatasoft portal", page('<main><a href="https://ville-exemple.opendatasoft.com/explore/">Portail</a></main>'), "present"),
    ("data subdomain", page('<footer><a href="https://data.ville-exemple.fr/">Portail</a></footer>'), "present"),
    ("open data menu", followed(page('<nav><a href="/opendata">Open Data</a></nav>'), DATA_PAGE), "present"),
    ("donnees ouvertes title", page("<main><h1>Données ouvertes</h1>" + DATA_PAGE + "</main>", "Données ouvertes"), "present"),
    ("trap open data title, nothing published", page("<main><h1>Données ouvertes</h1></main>", "Données ouvertes"), "absent"),
    ("csv dataset", page('<main><a href="/files/equipements.csv">Liste des équipements</a></main>'), "present"),
    ("trap DSFR footer data.gouv", page('<footer><a href="https://data.gouv.fr">data.gouv.fr</a></footer>'), "absent"),
    ("trap personal data", page('<footer><a href="/rgpd">Données personnelles</a></footer>'), "absent"),
    ("trap negation", page("<main><p>La commune ne dispose pas encore de portail open data.</p></main>"), "absent"),
    ("trap vendor site", page('<main><a href="https://www.opendatasoft.com/fr/">Opendatasoft</a></main>'), "absent"),
    ("trap region portal named in the link",
     page('<footer><a href="https://data.exemple-region.fr/">Plateforme open data de la Région</a></footer>'), "absent"),
    ("trap departmental data portal",
     page('<main><p>Consultez le <a href="https://opendata.cd-exemple.fr/explore/">portail de données départemental</a>.'
          '</p></main>'), "absent"),
    ("trap national dataset on data.gouv",
     page('<main><p>La carte des bureaux de vote est téléchargeable sur <a href="https://www.data.gouv.fr/fr/datasets/'
          'bureaux-de-vote-et-adresses-de-leurs-electeurs/">data.gouv.fr</a>.</p></main>'), "absent"),
    ("trap INSEE statistics", page('<main><a href="https://www.insee.fr/fr/statistiques/fichier/1234/base-cc.csv">'
                                   'Données INSEE de la population</a></main>'), "absent"),
    ("trap ministry organisation",
     page('<main><a href="https://www.data.gouv.fr/fr/organizations/ministere-de-l-interieur/">Résultats des '
          'élections</a></main>'), "absent"),
    ("own dataset on data.gouv by slug",
     page('<main><a href="https://www.data.gouv.fr/fr/datasets/subventions-aux-associations-ville-exemple/">'
          'Subventions 2024</a></main>'), "present"),
    ("own dataset on data.gouv by wording",
     page('<main><p>Nos données ouvertes : <a href="https://www.data.gouv.fr/fr/datasets/arbres-remarquables-123/">'
          'arbres remarquables</a></p></main>'), "present"),
    ("intercommunal portal holding the commune's data",
     page('<nav><a href="https://data.agglo-exemple.fr/">Open data de l’agglomération</a></nav>'), "present"),
    ("commune publishing on the departmental portal",
     page('<main><p>La commune publie ses budgets sur le <a href="https://opendata.cd-exemple.fr/commune-exemple">'
          'portail open data du Département</a>.</p></main>'), "present"),
]


@pytest.mark.parametrize("name,page_,expected", OPEN_DATA, ids=[c[0] for c in OPEN_DATA])
def test_open_data(name, page_, expected):
    assert answer("edemocracy.open_data", *as_pages(page_))["status"] == expected
