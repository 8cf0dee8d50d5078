"""Digital help: wording variants and traps."""

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
HELP_PAGE = '<p>Notre conseillère numérique vous accompagne gratuitement le mardi de 14 h à 17 h, sur rendez-vous au 01 23 45 67 89.</p>'

HELP = [
    ("epn menu", followed(page('<nav><a href="/epn">Espace Public Numérique</a></nav>'), HELP_PAGE), "present"),
    ("epn abbreviation", followed(page('<nav><a href="/epn">EPN</a></nav>'), HELP_PAGE), "present"),
    ("cyber-base", followed(page('<main><a href="/cb">La Cyber-base</a></main>'), HELP_PAGE), "present"),
    ("france services", followed(page('<nav><a href="/fs">Maison France Services</a></nav>'), HELP_PAGE), "present"),
    ("conseiller numerique sentence", page("<main><p>Une conseillère numérique vous aide dans vos démarches.</p></main>"), "present"),
    ("ateliers", page('<main><h2>Ateliers numériques pour les seniors</h2>' + HELP_PAGE + '</main>'), "present"),
    ("trap ateliers heading alone", page('<main><h2>Ateliers numériques pour les seniors</h2></main>'), "absent"),
    ("pass numerique", followed(page('<main><a href="/pass">Pass numérique</a></main>'), HELP_PAGE), "present"),
    ("initiation informatique", followed(page('<nav><a href="/init">Initiation à l’informatique</a></nav>'), HELP_PAGE), "present"),
    ("trap school ENT", page('<main><a href="https://ent.college.fr">Espace numérique de travail</a></main>'), "absent"),
    ("trap online services", page('<nav><a href="/demarches">Démarches en ligne</a></nav>'), "absent"),
    ("trap negation", page("<main><p>Il n'y a pas d'espace public numérique dans la commune.</p></main>"), "absent"),
    ("trap closed cyber-base under a heading",
     page("<main><h2>Numérique pour tous</h2><p>La cyber-base de la salle des fêtes a fermé ses portes en décembre 2023."
          "</p></main>"), "absent"),
    ("trap ended permanence, no longer any help",
     page("<main><h3>Aide aux démarches en ligne</h3><p>Les permanences du conseiller numérique ont pris fin l’an dernier"
          ". Il n’y a plus d’accompagnement sur place.</p></main>"), "absent"),
    ("trap EPN heading whose service was removed",
     page("<main><h2>Espace public numérique</h2><p>Ce service a été supprimé lors de la fermeture de l’ancienne poste."
          "</p></main>"), "absent"),
    ("trap workshops stopped, named again in the past",
     page("<main><h1>Ateliers informatiques</h1><p>Les ateliers informatiques accueillaient les seniors le jeudi. "
          "Ils ont cessé faute d’animateur.</p></main>", "Ateliers informatiques"), "absent"),
    ("workshops resumed",
     page("<main><h2>Ateliers numériques</h2><p>Interrompus en 2022, les ateliers numériques ont été relancés : "
          "prochaine session le 14 octobre à la médiathèque.</p></main>"), "present"),
    ("closed cyber-base replaced by France Services",
     page("<main><h2>Accompagnement numérique</h2><p>L’ancienne cyber-base a été remplacée par l’espace France Services"
          " de la place du marché.</p></main>"), "present"),
]

@pytest.mark.parametrize("name,page_,expected", HELP, ids=[c[0] for c in HELP])
def test_digital_help(name, page_, expected):
    assert answer("inclusion.digital_help", *as_pages(page_))["status"] == expected


def test_national_locator_is_not_the_communes_offer():
    pages = [page('<footer><a href="https://www.france-services.gouv.fr/">Trouver la France services la plus proche</a></footer>')]
    assert answer("inclusion.digital_help", *pages)["status"] == "absent"
