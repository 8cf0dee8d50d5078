"""Online appointment booking: widgets, labelled links; ANTS pre-request, phone-only and event traps."""

from __future__ import annotations

import pytest

from tests.conftest import audit_pages

HOME = "https://www.ville-exemple.fr/"
PAGE = (
    "<html><head><title>{title}</title></head><body><header><nav><a href='/'>Accueil</a>{nav}</nav></header>"
    "<main><h1>{title}</h1>{main}</main></body></html>"
)


def run(nav: str = "", main: str = "", title: str = "Ville d'Exemple") -> dict:
    return audit_pages([(HOME, PAGE.format(nav=nav, main=main, title=title))])["procedures.appointment"]


@pytest.mark.parametrize(
    ("nav", "main", "title"),
    [
        ('<a href="https://www.rdv360.com/mairie-exemple">Passeports</a>', "", "Accueil"),
        ("", '<iframe src="https://www.synbird.com/widget/123" title="Réservation"></iframe>', "Carte d'identité"),
        ("", '<script src="https://www.clicrdv.com/js/widget.js"></script>', "Passeport"),
        ('<a href="https://www.rendezvousonline.fr/mairie-exemple">CNI</a>', "", "Accueil"),
        ('<a href="https://calendly.com/mairie-exemple/urbanisme">RDV urbanisme</a>', "", "Accueil"),
        ('<a href="/rendez-vous">Prendre rendez-vous en ligne</a>', "", "Accueil"),
        ('<a href="/rdv">Prise de RDV en ligne</a>', "", "Accueil"),
        ('<a href="https://agenda.exemple-prestataire.fr/ville">Prendre rendez-vous</a>', "", "Accueil"),
        ("", "<p>Choisissez votre créneau ci-dessous.</p>", "Prise de rendez-vous en ligne - Passeports"),
    ],
)
def test_booking_found(nav: str, main: str, title: str) -> None:
    answer = run(nav=nav, main=main, title=title)
    assert answer["status"] == "present"
    assert answer["evidence"]


@pytest.mark.parametrize(
    ("main", "title"),
    [
        ('<a href="https://ants.gouv.fr/moncompte/pre-demande">Faire sa pré-demande en ligne</a>', "Passeport"),
        ('<p>Prise de rendez-vous uniquement par téléphone au <a href="tel:0123456789">01 23 45 67 89</a>.</p>', "Passeport"),
        ("<p>Rendez-vous au jardin le 3 juin ! Les rendez-vous de l'été continuent.</p>", "Agenda"),
        ("<p>La prise de rendez-vous en ligne n'est pas encore disponible.</p>", "Carte d'identité"),
        ('<a href="/contact">Prendre rendez-vous</a>', "Accueil"),
    ],
)
def test_pre_request_phone_and_events_are_absent(main: str, title: str) -> None:
    assert run(main=main, title=title)["status"] == "absent"


def test_booking_with_a_state_adviser_is_not_the_town_hall() -> None:
    link = '<a href="https://france-renov.gouv.fr/rdv">Prendre rendez-vous avec un conseiller</a>'
    assert run(nav=link)["status"] == "absent"


@pytest.mark.parametrize(
    ("main", "expected"),
    [
        # The booking URL only in a script attribute of a button or a link.
        ("<button type='button' onclick=\"window.open('https://mairie-exemple.synbird.com/reservation')\">"
         "Réserver un créneau pour votre passeport</button>", "present"),
        ("<button onclick=\"location.href='https://www.clicrdv.com/mairie-exemple'\">CNI : choisir une date</button>",
         "present"),
        ("<a href='#' data-href='https://www.rdv360.com/ville-exemple'>Guichet état civil</a>", "present"),
        ("<div class='btn' data-url=\"https://www.smartagenda.fr/pro/ville-exemple\">Urbanisme : réservez</div>",
         "present"),
        # A script attribute that opens no booking service, and a button whose text denies the service.
        ("<button onclick=\"window.open('https://www.ville-exemple.fr/horaires.pdf')\">Horaires</button>", "absent"),
        ("<button onclick=\"window.open('https://www.rdv360.com/ville-exemple')\" disabled>"
         "Réservation bientôt disponible</button>", "absent"),
    ],
)
def test_booking_url_in_script_attributes(main: str, expected: str) -> None:
    answer = run(main=main, title="Démarches")
    assert answer["status"] == expected
    if expected == "present":
        assert answer["evidence"][0]["locator"]
