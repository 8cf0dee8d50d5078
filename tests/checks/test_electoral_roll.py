"""Online electoral-roll registration: service-public.fr R16396 and labelled links; offline and check-only traps."""

from __future__ import annotations

import pytest

from tests.conftest import audit_pages

HOME = "https://www.ville-exemple.fr/"
PAGE = (
    "<html><head><title>{title}</title></head><body><header><nav><a href='/'>Accueil</a>{nav}</nav></header>"
    "<main><h1>{title}</h1>{main}</main></body></html>"
)


def run(nav: str = "", main: str = "", title: str = "Ville d'Exemple") -> dict:
    return audit_pages([(HOME, PAGE.format(nav=nav, main=main, title=title))])["procedures.electoral_roll"]


@pytest.mark.parametrize(
    ("nav", "main", "title"),
    [
        ('<a href="https://www.service-public.fr/particuliers/vosdroits/R16396">Voter</a>', "", "Accueil"),
        ("", '<a href="https://www.service-public.gouv.fr/particuliers/vosdroits/R16396">en ligne</a>', "Élections"),
        ('<a href="https://www.service-public.fr/particuliers/vosdroits/F1367">S’inscrire en ligne sur les listes électorales</a>',
         "", "Accueil"),
        ('<a href="/elections/inscription">S’inscrire en ligne sur les listes électorales</a>', "", "Accueil"),
        ("", '<a href="https://demarches.interieur.gouv.fr/">Téléprocédure</a>', "Inscription sur les listes électorales"),
        ("", "<p>Vous pouvez vous inscrire en ligne sur les listes électorales jusqu'au 6e vendredi avant le scrutin,"
             ' sur <a href="https://www.service-public.fr/">service-public.fr</a>.</p>', "Inscription sur les listes électorales"),
    ],
)
def test_online_registration_found(nav: str, main: str, title: str) -> None:
    answer = run(nav=nav, main=main, title=title)
    assert answer["status"] == "present"
    assert answer["evidence"]


@pytest.mark.parametrize(
    ("main", "title"),
    [
        ("<p>Pour vous inscrire sur les listes électorales, présentez-vous en mairie avec un justificatif.</p>",
         "Listes électorales"),
        ('<a href="https://www.service-public.fr/particuliers/vosdroits/R51788">Vérifier sa situation électorale</a>',
         "Listes électorales"),
        ('<a href="/docs/cerfa_12669.pdf">Inscription sur les listes électorales (Cerfa)</a>', "Élections"),
        ('<a href="https://www.resultats-elections.interieur.gouv.fr/">Résultats</a>', "Élections municipales"),
        # service-public.fr's information sheet explains how to register; it registers no one.
        ('<a href="https://www.service-public.fr/particuliers/vosdroits/F1367">Inscription sur les listes électorales</a>',
         "Vos démarches"),
        ('<a href="https://www.service-public.fr/particuliers/vosdroits/F1367">Plus d’informations</a>', "Listes électorales"),
        ("<p>Vous pouvez vous inscrire en ligne sur les listes électorales.</p>", "Listes électorales"),
        ("<p>L'inscription en ligne sur les listes électorales n'est pas possible pour les Français de l'étranger.</p>",
         "Actualités"),
    ],
)
def test_offline_or_check_only_is_absent(main: str, title: str) -> None:
    assert run(main=main, title=title)["status"] == "absent"
