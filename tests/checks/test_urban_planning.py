"""Online planning permits (GNAU / SVE): vendor portals, labelled links, and PLU / procurement traps."""

from __future__ import annotations

import pytest

from tests.conftest import audit_pages

HOME = "https://www.ville-exemple.fr/"
PAGE = (
    "<html><head><title>{title}</title></head><body><header><nav><a href='/'>Accueil</a>{nav}</nav></header>"
    "<main><h1>{title}</h1>{main}</main></body></html>"
)


def run(nav: str = "", main: str = "", title: str = "Ville d'Exemple") -> dict:
    return audit_pages([(HOME, PAGE.format(nav=nav, main=main, title=title))])["procedures.urban_planning"]


@pytest.mark.parametrize(
    ("nav", "main", "title"),
    [
        ('<a href="https://sve.sirap.fr/#/012345/">Déposer</a>', "", "Accueil"),
        ('<a href="https://gnau12.operis.fr/agglo/gnau/">Accès</a>', "", "Accueil"),
        ('<a href="https://ville-exemple.geopermis.fr/">Portail</a>', "", "Accueil"),
        ('<a href="https://ads.agglo-exemple.fr/guichet">Espace usager</a>', "", "Accueil"),
        ('<a href="/urbanisme/gnau">Guichet Numérique des Autorisations d’Urbanisme</a>', "", "Accueil"),
        ('<a href="https://portail.exemple.fr/">Urbanisme en ligne</a>', "", "Accueil"),
        ('<a href="https://depot.exemple.fr/">Déposer votre permis de construire en ligne</a>', "", "Accueil"),
        ("", '<a href="https://portail.exemple.fr/">Dépôt en ligne</a>', "Urbanisme : permis et déclarations"),
        ("", "<p>Depuis le 1er janvier 2022, vous pouvez déposer votre déclaration préalable en ligne.</p>",
         "Le guichet numérique des autorisations d'urbanisme"),
    ],
)
def test_online_planning_found(nav: str, main: str, title: str) -> None:
    answer = run(nav=nav, main=main, title=title)
    assert answer["status"] == "present"
    assert answer["evidence"]


@pytest.mark.parametrize(
    ("main", "title"),
    [
        ('<a href="/docs/plu-reglement.pdf">Règlement du PLU</a>', "Plan local d'urbanisme"),
        ("<p>Les demandes de permis de construire sont à déposer en mairie en 4 exemplaires.</p>", "Urbanisme"),
        ('<a href="https://marches.exemple.fr/">Dépôt en ligne des offres</a><p>Dossier de consultation des entreprises.</p>',
         "Marchés publics"),
        ("<p>Le guichet numérique de l’urbanisme sera mis en place prochainement.</p>", "Actualités"),
        ('<a href="/cerfa/13406.pdf">Formulaire de déclaration préalable en ligne</a>', "Urbanisme"),
    ],
)
def test_paper_plu_and_procurement_are_absent(main: str, title: str) -> None:
    assert run(main=main, title=title)["status"] == "absent"


@pytest.mark.parametrize(
    ("href", "text", "expected"),
    [
        ("https://urbanisme.agglo-exemple.fr/portail", "Accéder au portail", "present"),
        ("https://guichet.agglo-exemple.fr/", "Déposer une demande d'autorisation d'urbanisme", "present"),
        ("https://www.geoportail-urbanisme.gouv.fr/map/", "Consulter le PLU", "absent"),
        ("https://www.caue-urbanisme.fr/", "CAUE", "absent"),
        ("/urbanisme/permis", "Demande de permis de construire", "absent"),
    ],
)
def test_where_a_planning_link_leads(href: str, text: str, expected: str) -> None:
    assert run(nav=f'<a href="{href}">{text}</a>')["status"] == expected


@pytest.mark.parametrize(
    ("main", "title"),
    [
        ('<p>Pour nous joindre : <a href="https://portail.cc-du-val-exemple.fr/gnau/#/">accéder au service</a></p>', "Accueil"),
        ('<a href="https://services.agglo-exemple.fr/sve/">Saisir le service instructeur</a>', "Urbanisme"),
        ("<p>Vos demandes d’autorisation d’urbanisme peuvent être adressées sous forme dématérialisée sur la "
         '<a href="https://demarches.cc-exemple.fr/">plateforme intercommunale</a>.</p>', "Construire et rénover"),
        ("<p>Les permis de construire peuvent être transmis par voie électronique via "
         '<a href="https://www.cc-exemple.fr/services">le portail de la communauté de communes</a>.</p>', "Cadre de vie"),
        ('<a href="https://www.agglo-exemple.fr/demarches">Guichet unique de l’urbanisme de l’agglomération</a>', "Accueil"),
    ],
)
def test_interco_desk_by_path_name_or_sentence(main: str, title: str) -> None:
    answer = run(main=main, title=title)
    assert answer["status"] == "present"
    assert answer["evidence"][0]["url"] == HOME


@pytest.mark.parametrize(
    ("main", "title"),
    [
        ('<p><a href="https://www.service-public.fr/particuliers/vosdroits/R11637">Demande de permis de construire : '
         "formulaire Cerfa 13406</a></p><p>Dossier à déposer en mairie en quatre exemplaires.</p>", "Urbanisme"),
        ('<a href="https://www.formulaires.service-public.gouv.fr/gf/cerfa_13703.do">Télécharger la déclaration préalable</a>',
         "Urbanisme"),
        ('<a href="https://www.service-public.fr/particuliers/vosdroits/F1986">Déposer une demande de permis de construire</a>',
         "Urbanisme"),
        ('<a href="https://www.cc-exemple.fr/modeles">Modèle de demande de permis de démolir</a>', "Urbanisme"),
        ("<p>Le dépôt dématérialisé n’est pas encore possible : adressez vos dossiers à la "
         '<a href="https://www.cc-exemple.fr/">communauté de communes</a>.</p>', "Urbanisme"),
        ('<p>Les dossiers sont instruits par le <a href="https://www.cc-exemple.fr/ads">service commun</a> '
         "puis envoyés en recommandé.</p>", "Accueil"),
        ('<a href="https://regie.exemple-pub.fr/ads/bandeau">Votre publicité ici</a>', "Accueil"),
    ],
)
def test_paper_forms_and_offline_sentences_are_not_online_filing(main: str, title: str) -> None:
    assert run(main=main, title=title)["status"] == "absent"
