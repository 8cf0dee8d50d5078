"""Multi-year accessibility plan and accessibility aids: wording variants, vendors and traps."""

from __future__ import annotations

import pytest

from tests.conftest import audit_pages

HOME = "https://www.commune-exemple.fr/"


def page(title: str = "Accueil", main: str = "<p>Bienvenue</p>", header: str = "", footer: str = "",
         head: str = "") -> str:
    return (
        f"<html lang='fr'><head><title>{title}</title>{head}</head><body><header>{header}"
        f"<nav><a href='/agenda'>Agenda</a></nav></header><main>{main}</main><footer>{footer}</footer></body></html>"
    )


STATEMENT = "Déclaration d'accessibilité - Commune"


# --------------------------------------------------------------- multi-year plan
@pytest.mark.parametrize(("title", "main"), [
    (STATEMENT, "<p><a href='/docs/schema-2024.pdf'>Schéma pluriannuel de mise en accessibilité 2024-2026</a></p>"),
    (STATEMENT, "<p><a href='/docs/sp.pdf'>Schéma pluri-annuel d'accessibilité numérique</a></p>"),
    (STATEMENT, "<p><a href='/docs/pa.pdf'>Plan d'action 2024</a></p>"),
    (STATEMENT, "<p><a href='/docs/pa.pdf'>Plan d'actions annuel</a></p>"),
    ("Actualités", "<p><a href='/docs/pa.pdf'>Plan annuel de mise en accessibilité 2025</a></p>"),
    (STATEMENT, "<h2>Schéma pluriannuel</h2><p>Le schéma pluriannuel 2023-2025 fixe les priorités. "
                "<a href='/doc.pdf'>Télécharger (PDF, 200 Ko)</a></p>"),
    (STATEMENT, "<p>Consulter le document : <a href='/files/schema-pluriannuel-accessibilite.pdf'>ici</a></p>"),
])
def test_multiyear_plan_found(title: str, main: str) -> None:
    criteria = audit_pages([(HOME, page()), (HOME + "accessibilite", page(title, main))])
    assert criteria["accessibility.multiyear_plan"]["status"] == "present"
    assert criteria["accessibility.multiyear_plan"]["evidence"]


@pytest.mark.parametrize(("title", "main"), [
    (STATEMENT, "<h2>Schéma pluriannuel</h2><p>Le schéma pluriannuel est en cours d'élaboration.</p>"),
    (STATEMENT, "<p>Le schéma pluriannuel de mise en accessibilité n'a pas encore été publié.</p>"),
    (STATEMENT, "<p>Un plan d'action annuel sera publié prochainement.</p>"),
    ("Budget", "<p><a href='/ppi.pdf'>Schéma pluriannuel d'investissement 2024-2028</a></p>"),
    ("Environnement", "<p><a href='/climat.pdf'>Plan d'action 2024 pour le climat</a></p>"),
    ("Agenda", "<p><a href='/formation.pdf'>Plan annuel de formation des agents</a></p>"),
    (STATEMENT, "<p><a href='#'>Schéma pluriannuel de mise en accessibilité</a></p>"),
])
def test_multiyear_plan_traps(title: str, main: str) -> None:
    criteria = audit_pages([(HOME, page()), (HOME + "page", page(title, main))])
    assert criteria["accessibility.multiyear_plan"]["status"] == "absent"


# --------------------------------------------------------------- aids
@pytest.mark.parametrize(("kwargs", "kind"), [
    ({"main": "<a href='/docs/guide-falc.pdf'>Guide des démarches en FALC</a>"}, "falc"),
    ({"main": "<h2>Facile à lire et à comprendre</h2><p>Les informations essentielles.</p>"}, "falc"),
    ({"header": "<a href='/falc'><img src='/falc.png' alt='Version facile à lire et à comprendre'></a>"}, "falc"),
    ({"main": "<a href='/videos/conseil-lsf'>Le conseil municipal traduit en langue des signes</a>"}, "langue_des_signes"),
    ({"main": "<iframe src='https://www.youtube.com/embed/x' title='Accueil en LSF'></iframe>"}, "langue_des_signes"),
    ({"header": "<a href='/lsf'>Langue des signes</a>"}, "langue_des_signes"),
    ({"footer": "<a href='https://www.acce-o.fr/client/mairie-exemple'>Accès sourds et malentendants</a>"},
     "accueil_sourds"),
    ({"main": "<a href='https://elioz.fr/mairie'>Contacter la mairie via Elioz</a>"}, "accueil_sourds"),
    ({"footer": "<a href='/sourds'>Personnes sourdes et malentendantes</a>"}, "accueil_sourds"),
    ({"main": "<a href='https://www.rogervoice.com/'>Appeler avec RogerVoice</a>"}, "accueil_sourds"),
    ({"head": "<script src='https://cdn1.readspeaker.com/script/123/webReader/webReader.js'></script>"},
     "outil_adaptation"),
    ({"head": "<script src='https://ws.facil-iti.com/tag/faciliti-tag.min.js'></script>"}, "outil_adaptation"),
    ({"header": "<button type='button' class='facile-btn'>FacilE</button>"}, "outil_adaptation"),
    ({"header": "<button type='button'>Paramètres d’affichage</button>"}, "parametres_affichage"),
    ({"header": "<button aria-label='Contraste renforcé'><span class='icon'></span></button>"}, "parametres_affichage"),
    ({"header": "<button>A+</button><button>A-</button>"}, "parametres_affichage"),
    ({"header": "<a href='#' title='Augmenter la taille du texte'>+</a>"}, "parametres_affichage"),
    ({"header": "<button aria-controls='fr-theme-modal' data-fr-opened='false'>Thème</button>"}, "parametres_affichage"),
])
def test_aids_found(kwargs: dict[str, str], kind: str) -> None:
    answer = audit_pages([(HOME, page(**kwargs))])["accessibility.aids"]
    assert answer["status"] == "present"
    assert kind in answer["value"]


@pytest.mark.parametrize("kwargs", [
    {"footer": "<a href='/accessibilite'>Accessibilité : partiellement conforme</a>"},
    {"main": "<p>Nos agents ont suivi une formation au FALC. La langue des signes est enseignée au collège.</p>"},
    {"main": "<a href='/agenda/lsf'>Atelier d'initiation à la langue des signes</a>"},
    {"main": "<a href='/asso/12'>Association des sourds et malentendants du canton</a>"},
    {"main": "<p>Le contraste des couleurs et la taille du texte ont été revus lors de la refonte.</p>"},
    {"main": "<p>Ce formulaire est facile à remplir.</p><a href='/facile'>Facile</a>"},
    {"header": "<button class='fr-btn--close' aria-controls='fr-theme-modal'>Fermer</button>"},
])
def test_aids_traps(kwargs: dict[str, str]) -> None:
    assert audit_pages([(HOME, page(**kwargs))])["accessibility.aids"]["status"] == "absent"


def test_aids_lists_every_kind() -> None:
    header = "<button>Paramètres d'affichage</button><a href='/falc'>FALC</a>"
    head = "<script src='https://cdn1.readspeaker.com/script/1/webReader/webReader.js'></script>"
    answer = audit_pages([(HOME, page(header=header, head=head))])["accessibility.aids"]
    assert answer["value"] == ["falc", "outil_adaptation", "parametres_affichage"]
    assert len(answer["evidence"]) == 3
