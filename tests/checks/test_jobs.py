"""Job offers of the commune: wording variants and traps."""

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
OFFERS_PAGE = '<ul><li><a href="/docs/offre-agent-technique.pdf">Agent technique polyvalent (H/F) – candidatures avant le 30 janvier 2026</a></li></ul>'

JOBS = [
    ("offres d'emploi menu", followed(page('<nav><a href="/emploi">Offres d’emploi</a></nav>'), OFFERS_PAGE), "present"),
    ("la ville recrute", followed(page('<main><a href="/rec">La ville recrute</a></main>'), OFFERS_PAGE), "present"),
    ("la mairie embauche", followed(page('<nav><a href="/emplois-mairie/">La mairie embauche</a></nav>'), OFFERS_PAGE), "present"),
    ("nous embauchons", page("<main><h2>Nous embauchons</h2><p>Deux postes d'animateur périscolaire à pourvoir.</p></main>"), "present"),
    ("recrutement footer", followed(page('<footer><a href="/rec">Recrutement</a></footer>'), OFFERS_PAGE), "present"),
    ("nous rejoindre", followed(page('<nav><a href="/join">Nous rejoindre</a></nav>'), OFFERS_PAGE), "present"),
    ("emploi territorial", page('<main><a href="https://www.emploi-territorial.fr/offre/o123">Voir l\'annonce</a></main>'), "present"),
    ("notice sentence", page("<main><p>La commune recrute un agent technique polyvalent (cadre d'emplois des adjoints techniques).</p></main>"), "present"),
    ("title", page("<main><h1>Emplois et stages</h1>" + OFFERS_PAGE + "</main>", "Emplois et stages"), "present"),
    ("trap title with no offer", page("<main><h1>Emplois et stages</h1></main>", "Emplois et stages"), "absent"),
    ("trap menu to a page without offers", followed(page('<nav><a href="/emploi">Offres d’emploi</a></nav>'), "<p>Aucune offre pour le moment.</p>"), "absent"),
    ("trap pole emploi", page('<main><a href="https://www.francetravail.fr/">Offres d’emploi France Travail</a></main>'), "absent"),
    ("trap job fair", page('<main><h2>Forum de l’emploi le 12 mars</h2></main>'), "absent"),
    ("trap firefighters", page('<main><a href="/sdis">Recrutement de sapeurs-pompiers volontaires</a></main>'), "absent"),
    ("trap social follow", page('<footer><a href="https://facebook.com/ville">Rejoignez-nous sur Facebook</a></footer>'), "absent"),
    ("trap company offer in an article", page("<main><p>Le supermarché a publié une offre d’emploi de caissier.</p></main>"), "absent"),
    ("trap mission locale", page('<nav><a href="/ml">Mission locale : offres d’emploi</a></nav>'), "absent"),
    ("trap interco offers named in the link",
     page('<main><ul><li><a href="https://www.cc-exemple.fr/emplois/">Recrutements de la Communauté de communes</a>'
          '</li></ul></main>'), "absent"),
    ("trap department offers",
     page('<main><a href="https://www.exemple-departement.fr/offres">Offres d’emploi du Conseil départemental</a></main>'),
     "absent"),
    ("trap hospital recruiting",
     page('<main><p>Le centre hospitalier recrute des aides-soignants : <a href="/ch">postes à pourvoir</a>.</p></main>'),
     "absent"),
    ("trap bare job link on the interco host",
     page('<main><a href="https://www.agglo-exemple.fr/nous-rejoindre/">Nous rejoindre</a></main>'), "absent"),
    ("commune recruiting through the interco",
     page('<main><p>La mairie recrute via le service commun des ressources humaines : <a href="https://www.agglo-exemple'
          '.fr/recrutement/">voir les offres d’emploi</a>.</p></main>'), "present"),
    ("commune's offers beside a partner list",
     followed(page('<footer><div><a href="/recrutement">Offres d’emploi</a> <a href="https://www.agglo-exemple.fr/">'
          'Agglomération</a></div></footer>'), OFFERS_PAGE), "present"),
]

@pytest.mark.parametrize("name,page_,expected", JOBS, ids=[c[0] for c in JOBS])
def test_jobs(name, page_, expected):
    assert answer("inclusion.jobs", *as_pages(page_))["status"] == expected
