"""Public procurement: wording variants, buyer profiles and traps."""

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
TENDERS_PAGE = '<p><a href="https://www.marches-securises.fr/entreprise/?module=liste_consultations">Consultations en cours sur notre profil d’acheteur</a></p>'

PROCUREMENT = [
    ("marches publics menu", followed(page('<nav><a href="/mp">Marchés publics</a></nav>'), TENDERS_PAGE), "present"),
    ("appels d'offres", followed(page('<main><a href="/ao">Appels d’offres en cours</a></main>'), TENDERS_PAGE), "present"),
    ("profil acheteur", followed(page('<footer><a href="/pa">Profil d\'acheteur</a></footer>'), TENDERS_PAGE), "present"),
    ("achatpublic host", page('<main><a href="https://www.achatpublic.com/sdm/ent/gen/ent_detail.do?id=1">Consultation</a></main>'), "present"),
    ("marches securises", page('<main><a href="https://www.marches-securises.fr/entreprise/">Plateforme</a></main>'), "present"),
    ("regional atexo platform", page('<main><a href="https://marchespublics.auvergnerhonealpes.eu/">Accès</a></main>'), "present"),
    ("commande publique title", page("<main><h1>La commande publique</h1>" + TENDERS_PAGE + "</main>", "Commande publique"), "present"),
    ("trap commande publique title, empty page", page("<main><h1>La commande publique</h1></main>", "Commande publique"), "absent"),
    ("trap weekly market", page('<nav><a href="/marche">Le marché du samedi</a></nav>'), "absent"),
    ("trap call for projects", page('<main><a href="/aap">Appel à projets associatifs</a></main>'), "absent"),
    ("trap legal notice", page("<main><p>Conformément au code des marchés publics.</p></main>"), "absent"),
]

@pytest.mark.parametrize("name,page_,expected", PROCUREMENT, ids=[c[0] for c in PROCUREMENT])
def test_public_procurement(name, page_, expected):
    assert answer("inclusion.public_procurement", *as_pages(page_))["status"] == expected
