"""Civil-status certificates requested online: service-public.fr links, online forms, and offline traps."""

from __future__ import annotations

import pytest

from tests.conftest import audit_pages

HOME = "https://www.ville-exemple.fr/"
PAGE = (
    "<html><head><title>{title}</title></head><body><header><nav><a href='/'>Accueil</a>{nav}</nav></header>"
    "<main><h1>{title}</h1>{main}</main></body></html>"
)


def run(nav: str = "", main: str = "", title: str = "Ville d'Exemple") -> dict:
    return audit_pages([(HOME, PAGE.format(nav=nav, main=main, title=title))])["procedures.civil_status"]


@pytest.mark.parametrize(
    ("nav", "main", "title"),
    [
        ('<a href="https://www.service-public.fr/particuliers/vosdroits/R1406">Acte de naissance</a>', "", "Accueil"),
        ("", '<a href="https://www.service-public.gouv.fr/particuliers/vosdroits/R1407">cliquez ici</a>', "Mariage"),
        ("", '<a href="https://www.service-public.fr/particuliers/vosdroits/R1409">Faire la démarche</a>', "Décès"),
        ('<a href="/etat-civil/demande-acte">Demande d’acte d’état civil en ligne</a>', "", "Accueil"),
        ('<a href="https://demarches.exemple-gru.fr/ville/actes">Demander un acte de naissance en ligne</a>', "", "Accueil"),
        ("", '<a href="https://www.service-public.fr/particuliers/vosdroits/F1427">Demander en ligne une copie d\'acte de naissance</a>',
         "État civil"),
        ("", '<form action="/envoi" method="post"><label for="t">Type d\'acte</label><select id="t" name="type">'
             '<option>Acte de naissance</option><option>Acte de mariage</option></select><label for="n">Nom</label>'
             '<input id="n" name="nom"><label for="e">Courriel</label><input id="e" type="email" name="mail">'
             "<button>Envoyer</button></form>", "Demande d'acte d'état civil"),
        ("", "<p>Vos demandes d'actes de naissance peuvent être faites en ligne.</p>"
             "<p>La commune est raccordée à COMEDEC pour les notaires.</p>", "État civil"),
    ],
)
def test_online_certificate_request_found(nav: str, main: str, title: str) -> None:
    answer = run(nav=nav, main=main, title=title)
    assert answer["status"] == "present"
    assert answer["evidence"]


@pytest.mark.parametrize(
    ("main", "title"),
    [
        ("<p>Pour obtenir un acte de naissance, adressez-vous à la mairie du lieu de naissance.</p>", "État civil"),
        ('<p><a href="/docs/demande-acte-naissance.pdf">Formulaire de demande d’acte de naissance en ligne (PDF)</a></p>',
         "État civil"),
        ("<p>La demande d’acte ne peut pas se faire en ligne : présentez-vous au guichet.</p>", "État civil"),
        ('<p><a href="https://www.service-public.fr/particuliers/vosdroits/N19810">Carte grise</a></p>', "Voiture"),
        ('<p><a href="/etat-civil">Naissance, mariage, décès</a></p>', "Accueil"),
        # service-public.fr's information sheets explain; the request is an R page or the commune's own service.
        ('<p><a href="https://www.service-public.fr/particuliers/vosdroits/F1427">Acte de naissance : comment l’obtenir ?</a></p>',
         "Vos démarches"),
        ('<ul><li><a href="https://www.service-public.fr/particuliers/vosdroits/F1427">Acte de naissance</a></li>'
         '<li><a href="https://www.service-public.fr/particuliers/vosdroits/F1428">Acte de mariage</a></li></ul>', "État civil"),
    ],
)
def test_offline_or_unrelated_is_absent(main: str, title: str) -> None:
    assert run(main=main, title=title)["status"] == "absent"


@pytest.mark.parametrize(
    ("href", "expected"),
    [
        ("https://teleservices.exemple-editeur.fr/ville/etat-civil", "present"),
        ("/etat-civil/actes", "absent"),
        ("/docs/demande-acte.pdf", "absent"),
    ],
)
def test_a_certificate_link_is_online_when_it_leaves_for_a_service(href: str, expected: str) -> None:
    assert run(nav=f'<a href="{href}">Demande d’actes d’état civil</a>')["status"] == expected


WRAPPED_LABELS = (
    '<form action="/merci" method="post" class="plugin-form"><p><label>Votre nom<br><input name="champ-1"></label></p>'
    '<p><label>Courriel<br><input type="email" name="champ-2"></label></p>'
    '<p><label>Document souhaité<br><select name="champ-3"><option>Extrait avec filiation</option>'
    "<option>Copie intégrale</option></select></label></p>"
    '<p><label>Adresse d’envoi<textarea name="champ-4"></textarea></label></p><input type="submit" value="Valider"></form>'
)
LEGEND_RADIOS = (
    '<form method="post" action="/webform/submit"><fieldset><legend>Acte demandé</legend>'
    '<input type="radio" name="q1" value="n" id="q1n"><label for="q1n">Naissance</label>'
    '<input type="radio" name="q1" value="m" id="q1m"><label for="q1m">Mariage</label></fieldset>'
    '<input name="q2" placeholder="Nom et prénom"><input name="q3" type="email" placeholder="E-mail">'
    '<input name="q4" type="date" placeholder="Date"><button>Envoyer</button></form>'
)
TITLED_FORM = (
    "<h2>Formulaire de demande de copie</h2>"
    '<form method="post" action="/envoyer"><input name="nom" placeholder="Nom"><input name="prenom" placeholder="Prénom">'
    '<input name="mail" type="email" placeholder="Courriel"><textarea name="precisions"></textarea><button>Envoyer</button></form>'
)
PLAIN_CONTACT = (
    '<form method="post" action="/contact"><label>Nom <input name="nom"></label><label>Courriel <input type="email" '
    'name="mail"></label><label>Message <textarea name="message"></textarea></label><button>Envoyer</button></form>'
)


@pytest.mark.parametrize(
    ("main", "title", "expected"),
    [
        (WRAPPED_LABELS, "Naissances, mariages, décès", "present"),
        (WRAPPED_LABELS, "Nous écrire", "present"),
        (LEGEND_RADIOS, "Demander un document", "present"),
        (TITLED_FORM, "Service état civil", "present"),
        (TITLED_FORM, "Location de la salle des fêtes", "absent"),
        (PLAIN_CONTACT, "État civil", "absent"),
        ('<form role="search" action="/recherche"><input name="q" placeholder="Acte de naissance"><input name="t">'
         '<input name="u"></form>', "État civil", "absent"),
    ],
)
def test_request_forms_read_like_a_visitor(main: str, title: str, expected: str) -> None:
    answer = run(main=main, title=title)
    assert answer["status"] == expected
    if expected == "present":
        assert answer["evidence"][0]["excerpt"].startswith("<form")
