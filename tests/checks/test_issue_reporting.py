"""Reporting public-space issues: apps, labelled links, report forms; other kinds of reports are traps."""

from __future__ import annotations

import pytest

from tests.conftest import audit_pages

HOME = "https://www.ville-exemple.fr/"
PAGE = (
    "<html><head><title>{title}</title></head><body><header><nav><a href='/'>Accueil</a>{nav}</nav></header>"
    "<main><h1>{title}</h1>{main}</main></body></html>"
)


def run(nav: str = "", main: str = "", title: str = "Ville d'Exemple") -> dict:
    return audit_pages([(HOME, PAGE.format(nav=nav, main=main, title=title))])["procedures.issue_reporting"]


@pytest.mark.parametrize(
    ("nav", "main", "title"),
    [
        ('<a href="https://www.tellmycity.com/ville-exemple">Application</a>', "", "Accueil"),
        ('<a href="/signaler">Signaler un problème</a>', "", "Accueil"),
        ('<a href="/signalement">Signalements</a>', "", "Accueil"),
        ('<a href="/voirie/anomalie">Déclarer une anomalie</a>', "", "Accueil"),
        ('<a href="https://services.exemple.fr/">Allô Mairie</a>', "", "Accueil"),
        ('<a href="/dans-ma-rue">Dans ma rue</a>', "", "Accueil"),
        ("", '<a href="/proprete">Signaler un dépôt sauvage</a>', "Propreté"),
        ("", '<form method="post"><select name="type"><option>Éclairage public</option><option>Voirie</option></select>'
             '<input name="adresse" aria-label="Adresse"><textarea name="description"></textarea><button>Envoyer</button></form>',
         "Signaler un problème sur l'espace public"),
    ],
)
def test_issue_reporting_found(nav: str, main: str, title: str) -> None:
    answer = run(nav=nav, main=main, title=title)
    assert answer["status"] == "present"
    assert answer["evidence"]


@pytest.mark.parametrize(
    ("main", "title"),
    [
        ('<a href="https://www.internet-signalement.gouv.fr/">Signaler un contenu illicite</a>', "Sécurité"),
        ('<a href="/enfance-en-danger">Signalement d\'un enfant en danger : 119</a>', "Solidarité"),
        ('<a href="#">Signaler une erreur sur cette page</a>', "Accueil"),
        ("<p>Suite au signalement de riverains, la rue a été refaite.</p>", "Travaux"),
        ("<p>Le service de signalement en ligne des problèmes de voirie sera bientôt disponible.</p>", "Voirie"),
        ('<a href="/frelons">Signaler un nid de frelons asiatiques</a>', "Environnement"),
    ],
)
def test_other_reports_are_absent(main: str, title: str) -> None:
    assert run(main=main, title=title)["status"] == "absent"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Signaler", "present"),
        ("Signalements en ligne", "present"),
        ("Signaler un lampadaire en panne", "present"),
        ("Signaler un décès", "absent"),
        ("Signaler ce commentaire", "absent"),
        ("Signaler une absence à l'école", "absent"),
        ("Signaler un changement d'adresse", "absent"),
    ],
)
def test_bare_signaler_needs_nothing_or_a_public_space_object(text: str, expected: str) -> None:
    assert run(nav=f'<a href="/page">{text}</a>')["status"] == expected
