"""site.contact: a contact page, link or form; traps that merely contain the word."""

from __future__ import annotations

import pytest

from audit.checks.framework.model import FetchRecord, SiteFacts
from tests.conftest import audit_pages

HOME = "https://www.ville-exemple.fr/"
CONTACT_FORM = """<form action="/envoyer" method="post">
  <label for="n">Nom</label><input id="n" name="nom">
  <label for="m">Courriel</label><input id="m" name="courriel">
  <label for="t">Votre message</label><textarea id="t" name="message"></textarea>
  <button type="submit">Envoyer</button></form>"""


def page(body: str, title: str = "Accueil - Ville d'Exemple") -> str:
    return f"<html lang='fr'><head><title>{title}</title></head><body>{body}</body></html>"


@pytest.mark.parametrize(
    "body",
    [
        "<nav><a href='/contact'>Contact</a></nav>",
        "<footer><a href='/nous-contacter'>Nous contacter</a></footer>",
        "<header><a href='/ecrire'>Contactez-nous</a></header>",
        "<nav><a href='/formulaire'>Écrire à la mairie</a></nav>",
        "<nav><a href='/formulaire'>ECRIRE AU MAIRE</a></nav>",
        "<footer><a href='/infos'>Horaires et contacts</a></footer>",
        "<main><a href='/form'>Formulaire de contact</a></main>",
        "<footer><a href='/joindre'>Nous écrire</a></footer>",
        "<nav><a href='/mairie/ecrire'>Contactez la mairie</a></nav>",
        "<nav><a href='/services'>Contacter un service municipal</a></nav>",
        "<nav><a href='/mairie/contact-mairie'><i class='icon-mail'></i></a></nav>",
    ],
)
def test_contact_link(body: str) -> None:
    answer = audit_pages([(HOME, page(body))])["site.contact"]
    assert answer["status"] == "present"
    assert answer["evidence"][0]["locator"]


def test_contact_page_and_form() -> None:
    pages = [(HOME, page("<p>Bienvenue</p>")),
             (HOME + "demande", page(f"<h1>Écrivez-nous</h1>{CONTACT_FORM}", "Écrivez-nous – Ville"))]
    answer = audit_pages(pages)["site.contact"]
    assert answer["status"] == "present"
    assert answer["confidence"] > 0.95


def test_contact_form_alone() -> None:
    pages = [(HOME, page("<p>Bienvenue</p>")), (HOME + "demande", page(f"<h1>Démarche</h1>{CONTACT_FORM}", "Démarche"))]
    answer = audit_pages(pages)["site.contact"]
    assert answer["status"] == "present"
    assert "form" in answer["evidence"][0]["excerpt"]


@pytest.mark.parametrize("footer", [
    "<a href='mailto:mairie@ville-exemple.fr'>mairie@ville-exemple.fr</a>",
    "<a href='mailto:mairie@ville-exemple.fr'>Contactez-nous</a>",
])
def test_an_email_address_alone_is_no_contact_page_or_form(footer: str) -> None:
    answer = audit_pages([(HOME, page(f"<footer>{footer}</footer>"))])
    assert answer["site.contact"]["status"] == "absent"


@pytest.mark.parametrize(
    "body",
    [
        "<p>Pour nous contacter, passez en mairie.</p>",  # text, no link
        "<main><a href='/actu/1'>Prendre contact avec le club de football pour les inscriptions de la saison</a></main>",
        "<main><a href='/actu/2'>Cas contact : les nouvelles règles à l'école</a></main>",
        "<main><a href='/actu/3'>Paiement sans contact à la cantine</a></main>",
        "<nav><a href='#'>Contact</a></nav>",
        "<main><a href='/x'>Page erreur 404, avec contact</a></main>",
        # a blog comment form and a newsletter form are no contact forms
        """<form id="commentform" action="/wp-comments-post.php" method="post"><input name="author">
           <input name="email" type="email"><textarea name="comment"></textarea></form>""",
        """<form class="newsletter" action="/inscription"><input type="email" name="email">
           <button>S'abonner</button></form>""",
    ],
)
def test_no_contact(body: str) -> None:
    assert audit_pages([(HOME, page(body))])["site.contact"]["status"] == "absent"


def test_association_contact_link_on_inner_page_is_not_the_towns() -> None:
    pages = [(HOME, page("<p>Bienvenue</p>")),
             (HOME + "assos", page("<main><ul><li>Club de judo <a href='https://judo-club.fr/'>Contact</a></li></ul></main>"))]
    assert audit_pages(pages)["site.contact"]["status"] == "absent"


def test_link_to_missing_contact_page() -> None:
    facts = SiteFacts(start_url=HOME, final_url=HOME, fetches={HOME + "contact": FetchRecord(404, [HOME])})
    answer = audit_pages([(HOME, page("<nav><a href='/contact'>Contact</a></nav>"))], facts)
    assert answer["site.contact"]["status"] == "absent"


@pytest.mark.parametrize(("main", "expected"), [
    ("<section id='contact'><h2>Contact</h2><p>Mairie, 1 place de l’Église, 12345 Exemple</p>"
     "<p>Tél. 05 65 12 34 56 – <a href='mailto:mairie@exemple.fr'>mairie@exemple.fr</a></p></section>", "present"),
    ("<h2>Nous contacter</h2><p>Téléphone : 05.65.12.34.56</p>", "present"),
    # A heading with nothing to reach anyone by is only a name.
    ("<h2>Contact</h2><p>Pour toute question, venez nous voir.</p>", "absent"),
])
def test_a_contact_section_gives_a_way_to_reach_the_mairie(main: str, expected: str) -> None:
    assert audit_pages([(HOME, page(f"<main><h1>Accueil</h1>{main}</main>"))])["site.contact"]["status"] == expected


def test_a_contact_page_with_no_way_to_reach_anyone_is_not_one() -> None:
    empty = "<html><head><title>Contact - Ville</title></head><body><main><h1>Contact</h1><p>Page en construction.</p></main></body></html>"
    assert audit_pages([(HOME, page("<main><p>Bienvenue</p></main>")), (HOME + "contact", empty)])["site.contact"]["status"] == "absent"

