"""Family portal: labels, vendor hosts, unknown hosts with a clear label, and traps."""

from __future__ import annotations

import pytest

from tests.conftest import audit_pages

HOME = "https://www.ville-exemple.fr/"
PAGE = (
    "<html><head><title>{title}</title></head><body><header><nav><a href='/'>Accueil</a>{nav}</nav></header>"
    "<main><h1>{title}</h1>{main}</main><footer>{footer}</footer></body></html>"
)


def run(nav: str = "", main: str = "", footer: str = "", title: str = "Ville d'Exemple") -> dict:
    return audit_pages([(HOME, PAGE.format(nav=nav, main=main, footer=footer, title=title))])["procedures.family_portal"]


@pytest.mark.parametrize(
    ("nav", "main", "title"),
    [
        ('<a href="https://www.espace-citoyens.net/ville-exemple/espace-citoyens/">Mon compte</a>', "", "Accueil"),
        ('<a href="https://ville-exemple.portail-familles.net/">Accès</a>', "", "Accueil"),
        ('<a href="https://ville-exemple.inoe.fr/">Services en ligne</a>', "", "Accueil"),
        ('<a href="https://app.example-saas.com/ville">PORTAIL FAMILLE</a>', "", "Accueil"),
        ('<a href="/enfance/portail-famille">Portail des familles</a>', "", "Accueil"),
        ('<a href="https://kiosque.ville-exemple.fr/">Kiosque Famille</a>', "", "Accueil"),
        ('<a href="https://famille.ville-exemple.fr/">Mon Espace Famille</a>', "", "Accueil"),
        ('<a href="https://services.exemple.com/">Inscriptions périscolaires en ligne</a>', "", "Accueil"),
        ("", "<p>Présentation du service et accès.</p>", "Espace Famille - Ville d'Exemple"),
        ('<a href="https://citoyens.exemple-editeur.fr/ville">Espace Citoyens</a>', "", "Accueil"),
    ],
)
def test_family_portal_found(nav: str, main: str, title: str) -> None:
    answer = run(nav=nav, main=main, title=title)
    assert answer["status"] == "present"
    assert answer["evidence"] and answer["evidence"][0]["url"] == HOME


@pytest.mark.parametrize(
    ("main", "title"),
    [
        ("<p>Le portail famille n’est pas encore ouvert.</p>", "Enfance"),
        ("<p>La commune mettra prochainement en place un portail famille.</p>", "Actualités"),
        ('<p><a href="/docs/inscription-cantine.pdf">Fiche d’inscription cantine (PDF)</a></p>', "Restauration scolaire"),
        ("<p>Les inscriptions à la cantine se font en mairie, aux heures d’ouverture.</p>", "Cantine"),
        ('<p><a href="/vie-municipale">Espace citoyen</a></p>', "Accueil"),
    ],
)
def test_family_portal_traps(main: str, title: str) -> None:
    assert run(main=main, title=title)["status"] == "absent"


def test_body_mentions_on_two_pages_corroborate() -> None:
    text = "<p>Les inscriptions se font sur le portail famille.</p>"
    one = [(HOME, PAGE.format(nav="", main=text, footer="", title="Accueil"))]
    two = one + [(HOME + "ecole", PAGE.format(nav="", main="<p>Réservez les repas sur le Portail Famille.</p>", footer="", title="École"))]
    assert audit_pages(one)["procedures.family_portal"]["status"] == "absent"
    assert audit_pages(two)["procedures.family_portal"]["status"] == "present"
