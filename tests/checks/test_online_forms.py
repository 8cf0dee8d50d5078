"""Online request forms: HTML forms with a request subject, form services; search, newsletter, login, comment traps."""

from __future__ import annotations

import pytest

from tests.conftest import audit_pages

HOME = "https://www.ville-exemple.fr/"
PAGE = (
    "<html><head><title>{title}</title></head><body><header><nav><a href='/'>Accueil</a>{nav}</nav></header>"
    "<main><h1>{title}</h1>{main}</main></body></html>"
)
CONTACT_WITH_SUBJECT = (
    '<form method="post" action="/contact"><label for="n">Nom</label><input id="n" name="nom">'
    '<label for="m">Courriel</label><input id="m" type="email" name="courriel"><label for="o">Objet</label>'
    '<select id="o" name="objet"><option>État civil</option><option>Voirie</option></select>'
    '<label for="t">Message</label><textarea id="t" name="message"></textarea><button>Envoyer</button></form>'
)
CF7 = (
    '<form action="/contact/#wpcf7-f1" method="post" class="wpcf7-form"><input type="hidden" name="_wpcf7" value="1">'
    '<input name="your-name" placeholder="Votre nom"><input name="your-email" type="email">'
    '<input name="your-subject" placeholder="Sujet"><textarea name="your-message"></textarea>'
    '<input type="submit" value="Envoyer"></form>'
)
ROOM_BOOKING = (
    '<form method="post" action="/reservation"><input name="association" aria-label="Association">'
    '<input name="tel" type="tel" aria-label="Téléphone"><input name="date" type="date" aria-label="Date souhaitée">'
    '<textarea name="precisions"></textarea><button>Envoyer ma demande</button></form>'
)


def run(nav: str = "", main: str = "", title: str = "Ville d'Exemple") -> dict:
    return audit_pages([(HOME, PAGE.format(nav=nav, main=main, title=title))])["procedures.online_forms"]


@pytest.mark.parametrize(
    ("nav", "main", "title"),
    [
        ("", CONTACT_WITH_SUBJECT, "Contacter la mairie"),
        ("", CF7, "Contact"),
        ("", ROOM_BOOKING, "Demande de réservation de salle"),
        ("", '<iframe src="https://framaforms.org/demande-de-subvention-123"></iframe>', "Subventions"),
        ('<a href="https://docs.google.com/forms/d/e/1FAIpQL/viewform">Demande d’occupation du domaine public</a>', "", "Accueil"),
        ('<a href="https://www.demarches-simplifiees.fr/commencer/ville-exemple-subvention">Demande de subvention</a>', "",
         "Accueil"),
        ('<a href="/formulaires/intervention">Formulaire de demande d’intervention</a>', "", "Accueil"),
    ],
)
def test_request_form_found(nav: str, main: str, title: str) -> None:
    answer = run(nav=nav, main=main, title=title)
    assert answer["status"] == "present"
    assert answer["evidence"]


@pytest.mark.parametrize(
    ("main", "title"),
    [
        ('<form role="search" action="/recherche"><input name="q" type="search"><button>OK</button></form>', "Accueil"),
        ('<form action="/newsletter"><label>Inscrivez-vous à la newsletter</label><input type="email" name="email">'
         "<button>S'abonner</button></form>", "Accueil"),
        ('<form action="/login" method="post"><input name="user" aria-label="Identifiant"><input type="password" name="pw">'
         "<button>Connexion</button></form>", "Espace abonnés"),
        ('<form action="/wp-comments-post.php" method="post" id="commentform"><textarea name="comment"></textarea>'
         '<input name="author" aria-label="Nom"><input name="email" type="email"><input name="url"><input type="submit"></form>',
         "Fête de la musique"),
        ('<a href="/docs/demande-salle.pdf">Formulaire de demande de salle</a>'
         '<a href="/docs/cerfa_12345.pdf">Cerfa à imprimer</a>', "Formulaires"),
        ('<form action="https://www.payfip.gouv.fr/tpa/paiement.web"><input name="refdet" aria-label="Référence facture">'
         '<input name="montant" aria-label="Montant"><input type="email" name="mel"><select name="x"></select></form>',
         "Paiement"),
        ('<form><fieldset><legend>Sondage : êtes-vous satisfait ?</legend><input type="radio" name="a">'
         '<input type="radio" name="a"><input type="radio" name="a"></fieldset></form>', "Accueil"),
    ],
)
def test_non_request_forms_are_absent(main: str, title: str) -> None:
    assert run(main=main, title=title)["status"] == "absent"


SUBSIDY = (
    "<h2>Demande de subvention de fonctionnement</h2>"
    '<form method="post" action="/envoi"><p><label>Association<br><input name="f1"></label></p>'
    '<p><label>Adresse électronique<br><input type="email" name="f2"></label></p>'
    '<p><label>Montant sollicité<br><input type="number" name="f3"></label></p><input type="submit" value="Envoyer"></form>'
)
PUBLIC_SPACE = (
    '<form method="post" action="/traitement"><input name="nom" placeholder="Nom"><input name="mail" type="email" '
    'placeholder="E-mail"><input name="adresse_chantier" placeholder="Adresse du chantier"><input type="date" name="debut">'
    '<input type="date" name="fin"><button>Envoyer</button></form>'
)
LEGEND_BOOKING = (
    '<form method="post" action="/index.php"><fieldset><legend>Réservation d’une salle communale</legend>'
    '<label>Vos nom et prénom <input name="a1"></label><label>Téléphone <input name="a2"></label>'
    '<label>Date <input type="date" name="a3"></label></fieldset><button>Valider</button></form>'
)


@pytest.mark.parametrize(
    ("main", "title"),
    [
        (SUBSIDY, "Vie associative"),
        (PUBLIC_SPACE, "Occupation temporaire du domaine public"),
        (LEGEND_BOOKING, "Salles municipales"),
        (PUBLIC_SPACE.replace('name="fin"', 'name="fin"><select name="objet"><option>Échafaudage</option></select'), "Accueil"),
    ],
)
def test_request_forms_known_by_their_purpose(main: str, title: str) -> None:
    answer = run(main=main, title=title)
    assert answer["status"] == "present"
    assert answer["evidence"][0]["excerpt"].startswith("<form")


@pytest.mark.parametrize(
    ("nav", "main", "title"),
    [
        ('<a href="https://gnau8.operis.fr/cc-exemple/gnau/">Faire ma demande en ligne</a>', "", "Accueil"),
        ('<a href="https://sve.sirap.fr/#/074123/connexion">Déposer votre demande en ligne</a>', "", "Accueil"),
        ('<a href="https://ville-exemple.portail-familles.net/">Formulaire d’inscription en ligne</a>', "", "Accueil"),
        ('<a href="https://www.service-public.fr/particuliers/vosdroits/R1406">Formulaire de demande en ligne</a>', "",
         "Accueil"),
        ("", "<p>Déclarations préalables et permis : <a href='https://demarches.agglo-exemple.fr/'>faire une demande "
             "en ligne</a></p>", "Accueil"),
        ("", "<a href='https://demarches.agglo-exemple.fr/'>Effectuer votre demande en ligne</a>", "Urbanisme"),
        ("", '<form action="https://www.payfip.gouv.fr/tpa/paiement.web" method="post"><input name="ref" aria-label="Référence">'
             '<input name="mt" aria-label="Montant"><input type="email" name="mel" aria-label="Courriel"></form>',
         "Payer une facture de cantine"),
        ("", PUBLIC_SPACE, "Nous contacter"),
        # A name, an e-mail and a message make a letter, whatever the page is called.
        ("", '<form method="post" action=""><label for="n">Nom</label><input id="n" name="name"><label for="e">E-mail'
             '</label><input id="e" type="email" name="email"><label for="m">Message</label><textarea id="m" name="message">'
             '</textarea><input type="submit" value="Envoyer"></form>', "Contactez la mairie"),
        # An embedded questionnaire asks an opinion: a consultation, not a request.
        ("", '<iframe title="Questionnaire aménagement de la place" src="https://docs.google.com/forms/d/e/1FAIpQ/viewform'
             '?embedded=true"></iframe>', "Votre avis"),
    ],
)
def test_specialised_procedures_and_plain_forms_are_not_request_forms(nav: str, main: str, title: str) -> None:
    assert run(nav=nav, main=main, title=title)["status"] == "absent"
