"""Newsletter: can one subscribe? Subscription forms and pages, not login, search, contact forms or PDF issues."""

from __future__ import annotations

import pytest

from tests.conftest import CORPUS, audit_pages

HOME = "https://www.ville-exemple.fr/"
INNER = "https://www.ville-exemple.fr/publications"


def page(body: str, title: str = "Mairie d'Exemple") -> str:
    return f"<html lang='fr'><head><title>{title}</title></head><body>{body}</body></html>"


EMAIL_FORM = '<form action="{action}" method="post">{before}<input type="email" name="email" placeholder="Votre e-mail">' \
             '<button type="submit">{button}</button></form>'


@pytest.mark.parametrize(
    "body",
    [
        '<footer><h2>Newsletter</h2>' + EMAIL_FORM.format(action="/newsletter", before="", button="OK") + "</footer>",
        '<footer><h3>Lettre d’information</h3>' + EMAIL_FORM.format(action="/", before="", button="Valider") + "</footer>",
        EMAIL_FORM.format(action="/", before="<label>Restez informés</label>", button="Je m'abonne"),
        EMAIL_FORM.format(action="https://ville.us5.list-manage.com/subscribe/post?u=1", before="", button="Go"),
        EMAIL_FORM.format(action="https://a1b2.sibforms.com/serve/MUIEA", before="", button="Envoyer"),
        '<form class="mailpoet_form" action="/wp-admin/admin-post.php"><input type="text" name="data[form_field_x]" '
        'title="Adresse e-mail"><input type="submit" value="Valider"></form>',
        '<nav><a href="/newsletter">Newsletter</a></nav>',
        '<footer><a href="/inscription-lettre-information">Recevoir la lettre d\'information</a></footer>',
        '<nav><a href="/infolettre">L\'infolettre</a></nav>',
        '<footer><a href="/alertes">Recevoir nos actualités par e-mail</a></footer>',
        '<footer><a href="https://eepurl.com/abc">S\'abonner à notre lettre</a></footer>',
        '<main><iframe src="https://a1b2.sibforms.com/serve/MUIEAabc" title="Inscription"></iframe></main>',
        '<main><p>Inscrivez-vous à notre newsletter pour recevoir les actualités de la commune.</p></main>',
        '<div id="nl"><h2>Newsletter</h2><input type="text" id="newsletter-input"><button>OK</button></div>',
        '<div><button type="button" title="S’abonner à notre lettre d’information">S\'abonner</button></div>',
    ],
)
def test_subscription_is_found(body: str) -> None:
    answer = audit_pages([(HOME, page(body))])["social.newsletter"]
    assert answer["status"] == "present"
    assert answer["evidence"][0]["url"] == HOME


@pytest.mark.parametrize(
    "body",
    [
        '<form action="/login" method="post"><input type="email" name="email" placeholder="Adresse e-mail">'
        '<input type="password" name="pwd"><button>Se connecter</button></form>',
        '<form role="search" action="/recherche"><input type="search" name="q" placeholder="Rechercher"><button>OK</button></form>',
        '<form action="/recherche"><input type="text" name="adresse" placeholder="Rechercher une adresse"></form>',
        '<form action="/contact" method="post"><h2>Contact</h2><input type="text" name="nom"><input type="email" name="email">'
        '<textarea name="message"></textarea><button>Envoyer</button></form>',
        '<main><ul><li><a href="/docs/lettre-information-12.pdf">Lettre d\'information n°12</a></li>'
        '<li><a href="/docs/lettre-information-11.pdf">Lettre d\'information n°11</a></li></ul></main>',
        '<main><p>La newsletter n\'existe plus : retrouvez nos actualités sur le site.</p></main>',
        '<main><h1>Bulletin municipal</h1><p>Le bulletin est distribué dans les boîtes aux lettres.</p></main>',
        '<main><p>Le conseil a évoqué la newsletter du département.</p></main>',
    ],
)
def test_no_subscription(body: str) -> None:
    assert audit_pages([(HOME, page(body))])["social.newsletter"]["status"] == "absent"


@pytest.mark.parametrize(("sample", "status"), [
    ("declaration-rgpd/__test__/samples/ressourcerie.html", "present"),  # scripted box: "Je m'inscris à la newsletter!"
    ("declaration-rgpd/__test__/samples/beta.html", "present"),  # Brevo form with a lone "S'inscrire" button
    ("declaration-rgpd/__test__/samples/1000jours-blues.html", "absent"),
    ("declaration-a11y/__test__/samples/code.html", "absent"),
])
def test_real_public_service_pages(sample: str, status: str) -> None:
    html = (CORPUS / "dashlord-actions" / sample).read_text(encoding="utf-8")
    assert audit_pages([("https://example.gouv.fr/", html)])["social.newsletter"]["status"] == status


def test_archive_page_of_pdf_letters_is_not_a_subscription() -> None:
    archive = page(
        '<main><h1>Lettres d\'information</h1><a href="/lettre-mars-2024.pdf">Lettre de mars 2024</a></main>',
        title="Lettres d'information - Mairie d'Exemple",
    )
    home = page('<nav><a href="/publications">Lettre d\'information</a></nav>')
    assert audit_pages([(HOME, home), (INNER, archive)])["social.newsletter"]["status"] == "absent"


@pytest.mark.parametrize(("path", "status"), [
    ("dsfr/example/component/follow/index.html", "present"),
    ("dsfr/example/layout/page/login/1-default/index.html", "absent"),
    ("dsfr/example/layout/page/register/1-single/index.html", "absent"),
    ("dsfr/example/component/search/index.html", "absent"),
])
def test_dsfr_pages(path: str, status: str) -> None:
    html = (CORPUS / path).read_text(encoding="utf-8")
    assert audit_pages([(HOME, html)])["social.newsletter"]["status"] == status
