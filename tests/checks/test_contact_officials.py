"""Contacting the mayor and elected officials online: wording variants and traps."""

import pytest

from tests.conftest import as_pages, audit_pages, followed

SITE = "https://www.ville-exemple.fr"
HOME = (SITE + "/", "<html><head><title>Accueil</title></head><body><main><p>Bienvenue</p></main></body></html>")


def page(body: str, title: str = "Ville d'Exemple", path: str = "/page") -> tuple[str, str]:
    return (SITE + path, f"<html><head><title>{title}</title></head><body>{body}</body></html>")


def answer(criterion: str, *pages: tuple[str, str]) -> dict:
    result = audit_pages([HOME, *pages])[criterion]
    if result["status"] == "present":
        assert result["evidence"] and all(e["url"] and e["excerpt"] for e in result["evidence"])
    return result


#: What the juror finds on the page the link leads to.
WRITE_FORM = '<form action="/envoyer" method="post"><label>Nom <input name="nom"></label><label>Courriel <input name="courriel" type="email"></label><label>Votre message <textarea name="message"></textarea></label><button>Envoyer</button></form>'


CONTACT = [
    ("ecrire au maire", followed(page('<nav><a href="/ecrire">Écrire au maire</a></nav>'), WRITE_FORM), "present"),
    ("contacter vos elus", followed(page('<footer><a href="/contact-elus">Contacter vos élus</a></footer>'), WRITE_FORM), "present"),
    ("ecrivez a madame le maire", followed(page('<main><a href="/form">Écrivez à Madame le Maire</a></main>'), WRITE_FORM), "present"),
    ("permanence en ligne", followed(page('<main><a href="/perm">Permanence en ligne du maire</a></main>'), WRITE_FORM), "present"),
    ("personal mailto on officials page", page('<main><h1>Les élus</h1><p>Marie Durand, adjointe : '
                                               '<a href="mailto:m.durand@ville-exemple.fr">écrire</a></p></main>', "Vos élus"), "present"),
    ("maire mailbox anywhere", page('<main><a href="mailto:maire@ville-exemple.fr">Nous contacter</a></main>'), "present"),
    ("form on officials page", page('<main><h1>Le Maire</h1><form action="/send"><input name="nom"><textarea name="msg"></textarea>'
                                    '<button>Envoyer</button></form></main>', "Le maire"), "present"),
    ("contact form choosing the mayor", page('<main><h1>Contact</h1><form action="/send"><select name="dest"><option>Accueil</option>'
                                             '<option>Cabinet du maire</option></select><textarea name="m"></textarea></form></main>', "Contact"), "present"),
    ("trap generic mailto footer", page('<main><h1>Les élus</h1></main><footer><a href="mailto:mairie@ville-exemple.fr">mairie@ville-exemple.fr</a></footer>',
                                        "Les élus"), "absent"),
    ("trap consent notice naming the mayor", page('<main><h1>Contact</h1><form action="/s"><textarea name="m"></textarea>'
                                                  '<input type="checkbox" id="c"><label for="c">J’accepte que mes données soient traitées par le Maire</label>'
                                                  '</form></main>', "Contact"), "absent"),
    ("trap town hall contact", page('<nav><a href="/contact">Contacter la mairie</a></nav>'), "absent"),
    ("trap postal", page("<main><p>Vous pouvez écrire au maire par courrier postal à l'adresse de la mairie.</p></main>"), "absent"),
    ("trap other permanence", page('<main><a href="/caf">Permanence en ligne de la CAF</a></main>'), "absent"),
    ("trap physical office hours", page("<main><p>Permanence des élus le samedi matin en mairie.</p></main>"), "absent"),
]


@pytest.mark.parametrize("name,page_,expected", CONTACT, ids=[c[0] for c in CONTACT])
def test_contact_officials(name, page_, expected):
    assert answer("edemocracy.contact_officials", *as_pages(page_))["status"] == expected
