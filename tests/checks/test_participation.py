"""Consultation, participatory budget and citizen bodies: wording variants and traps."""

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


CONSULTATION = [
    ("menu je participe", page('<nav><a href="/participer">Je participe</a></nav>'), "present"),
    ("concertation link", page('<main><a href="/plu">Concertation sur le PLU</a></main>'), "present"),
    ("consultation citoyenne title", page("<main><h1>Consultation citoyenne</h1></main>", "Consultation citoyenne"), "present"),
    ("sondage en ligne", page('<nav><a href="/sondage">Sondage : votre avis sur le marché</a></nav>'), "present"),
    ("decidim host", page('<main><a href="https://decidim.ville-exemple.fr/">Plateforme</a></main>'), "present"),
    ("cap collectif", page('<main><a href="https://ville.cap-collectif.com/">Participer</a></main>'), "present"),
    ("google form survey", page('<main><p>Répondez à notre <a href="https://docs.google.com/forms/d/e/x/viewform">questionnaire</a></p></main>'), "present"),
    ("survey form on consultation page",
     page('<main><h1>Questionnaire : vos besoins en mobilité</h1><form><input type="radio" name="a"><input type="radio" name="a">'
          '<textarea name="b"></textarea></form></main>', "Questionnaire mobilité"), "present"),
    ("CONSULTATION uppercase no accent", page('<nav><a href="/c">DEMOCRATIE PARTICIPATIVE</a></nav>'), "present"),
    ("trap legal consultation", page('<main><a href="/avocat">Consultations juridiques gratuites</a></main>'), "absent"),
    ("trap infant consultation", page("<main><h2>Consultation de nourrissons (PMI)</h2></main>"), "absent"),
    ("trap procurement DCE", page('<main><a href="/dce.pdf">Dossier de consultation des entreprises</a></main>'), "absent"),
    ("trap paper survey", page("<main><p>Un questionnaire est à déposer en mairie avant le 30 juin.</p></main>"), "absent"),
    ("trap gendarmerie scheme", page('<main><a href="/pc">Participation citoyenne avec la gendarmerie</a></main>'), "absent"),
    ("trap registration form", page('<main><a href="https://forms.gle/abc">Inscription au repas des aînés</a></main>'), "absent"),
    ("trap cadastre", page('<main><p>Consultation du cadastre sur rendez-vous.</p></main>'), "absent"),
]


@pytest.mark.parametrize("name,page_,expected", CONSULTATION, ids=[c[0] for c in CONSULTATION])
def test_consultation(name, page_, expected):
    assert answer("edemocracy.consultation", page_)["status"] == expected


BUDGET = [
    ("menu link", page('<nav><a href="/bp">Budget participatif</a></nav>'), "present"),
    ("plural heading", page("<main><h1>Budgets participatifs 2024</h1></main>"), "present"),
    ("vote call", page('<main><a href="/vote">Votez pour vos projets !</a></main>'), "present"),
    ("url only", page('<main><a href="/budget-participatif">En savoir plus</a></main>'), "present"),
    ("body sentence", page("<main><p>La deuxième édition du budget participatif est lancée : déposez vos idées.</p></main>"), "present"),
    ("trap department", page("<main><p>Le Département lance son budget participatif départemental.</p></main>"), "absent"),
    ("trap collegians", page('<main><a href="/x">Budget participatif des collégiens</a></main>'), "absent"),
    ("trap negation", page("<main><p>La commune n'a pas encore de budget participatif.</p></main>"), "absent"),
    ("trap plain budget", page('<nav><a href="/budget">Budget primitif 2024</a></nav>'), "absent"),
]


@pytest.mark.parametrize("name,page_,expected", BUDGET, ids=[c[0] for c in BUDGET])
def test_participatory_budget(name, page_, expected):
    assert answer("edemocracy.participatory_budget", page_)["status"] == expected


BODIES = [
    ("conseils de quartier", page('<nav><a href="/cq">Conseils de quartier</a></nav>'), "present"),
    ("CMJ abbreviation", page('<nav><a href="/cmj">CMJ</a></nav>'), "present"),
    ("conseil municipal des jeunes", page("<main><h1>Conseil Municipal des Jeunes</h1></main>"), "present"),
    ("conseil municipal d'enfants", page('<main><a href="/cme">Conseil municipal d’enfants</a></main>'), "present"),
    ("conseil des sages", page('<footer><a href="/sages">Le Conseil des Sages</a></footer>'), "present"),
    ("comite consultatif", page("<main><p>Le comité consultatif des usagers s'est réuni.</p></main>"), "present"),
    ("conseil citoyen", page('<main><a href="/cc">Conseil citoyen</a></main>'), "present"),
    ("trap council commission", page('<main><a href="/com">Commission des finances</a><a href="/cm">Conseil municipal</a></main>'), "absent"),
    ("trap constitutional council", page("<main><p>Le Conseil constitutionnel a validé la loi.</p></main>"), "absent"),
]


@pytest.mark.parametrize("name,page_,expected", BODIES, ids=[c[0] for c in BODIES])
def test_citizen_bodies(name, page_, expected):
    assert answer("edemocracy.citizen_bodies", page_)["status"] == expected


def test_menu_link_repeated_on_every_page_counts_once():
    """A weak footer sentence repeated on many pages must not add up to present."""
    footer = "<footer><p>Une consultation publique sera organisée.</p></footer>"
    pages = [page(f"<main><p>Article {i}</p></main>{footer}", path=f"/a{i}") for i in range(6)]
    result = answer("edemocracy.consultation", *pages)
    assert result["status"] == "absent"
