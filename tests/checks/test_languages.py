"""site.languages: other-language versions (regional languages count); machine translation alone does not."""

from __future__ import annotations

import pytest

from tests.conftest import CORPUS, audit_pages

HOME = "https://www.ville-exemple.fr/"
FRENCH = "<p>Bienvenue sur le site de la commune. Vous trouverez ici les actualités et les démarches pour les habitants.</p>"


def page(body: str, head: str = "", lang: str = "fr") -> str:
    return f"<html lang='{lang}'><head><title>Accueil</title>{head}</head><body>{body}{FRENCH}</body></html>"


@pytest.mark.parametrize(
    ("body", "head", "codes"),
    [
        ("", '<link rel="alternate" hreflang="en-GB" href="/en/"><link rel="alternate" hreflang="fr" href="/">', ["en"]),
        ("<header><a href='/en/'>English</a></header>", "", ["en"]),
        ("<header><ul><li><a href='/de/' lang='de'>DE - Deutsch</a></li><li><a href='/es/'>Español</a></li></ul></header>", "",
         ["de", "es"]),
        ("<nav><a href='/br/degemer'>Brezhoneg</a></nav>", "", ["br"]),
        ("<nav><a href='/oc/'>Occitan</a> <a href='/eu/'>Euskara</a> <a href='/co/'>Corsu</a></nav>", "", ["co", "eu", "oc"]),
        ("<footer><a href='/visit'>Version anglaise</a></footer>", "", ["en"]),
        ("<header><a href='/en/home'>EN</a></header>", "", ["en"]),
        ("<header><a href='/?lang=it'>IT</a></header>", "", ["it"]),
        ("<header><a href='https://en.ville-exemple.fr/'>English</a></header>", "", ["en"]),
        ("<header><a href='/welcome' hreflang='en'><img src='uk.png' alt=''></a></header>", "", ["en"]),
        ("<footer><a href='/en/'>About us (en)</a></footer>", "", ["en"]),
        ("<header><select onchange='location=this.value'><option value='/'>Français</option>"
         "<option value='/de/'>Deutsch</option></select></header>", "", ["de"]),
    ],
)
def test_other_languages(body: str, head: str, codes: list[str]) -> None:
    answer = audit_pages([(HOME, page(body, head))])["site.languages"]
    assert answer["status"] == "present"
    assert answer["value"] == codes


def test_page_in_english() -> None:
    english = ("<html lang='en'><head><title>Welcome</title></head><body><h1>Welcome to our town</h1>"
               "<p>The town is known for its castle and the river. Visit the market on Sunday.</p></body></html>")
    answer = audit_pages([(HOME, page("<p>Accueil</p>")), (HOME + "welcome", english)])["site.languages"]
    assert answer["status"] == "present"
    assert answer["value"] == ["en"]


@pytest.mark.parametrize(
    ("body", "head", "lang"),
    [
        ("<main><a href='/ecole/anglais'>Cours d'anglais pour adultes à la médiathèque</a></main>", "", "fr"),
        ("<p>Un <span lang='en'>city stade</span> pour les jeunes.</p>", "", "fr"),
        ("", "", "en-US"),  # theme default lang on a French page
        # Google Translate widget and GTranslate links: machine translation, not translated content
        ("<div id='google_translate_element'></div>",
         "<script src='https://translate.google.com/translate_a/element.js?cb=googleTranslateElementInit'></script>", "fr"),
        ("<header><a href='#' onclick=\"doGTranslate('fr|en');return false;\" class='glink'>English</a></header>", "", "fr"),
        ("<header><a href='https://translate.google.com/translate?sl=fr&tl=en&u=https://www.ville-exemple.fr'>English</a></header>",
         "", "fr"),
        ("<header><a href='[À MODIFIER - lien vers la version anglaise]' hreflang='en'>EN - English</a></header>", "", "fr"),
        ("<main><a href='/de-la-mairie/'>De</a></main>", "", "fr"),
        ("<main><a href='/en/'>Vie locale (en images)</a></main>", "", "fr"),
        ("<footer><a href='/lettre' lang='en'>Newsletter</a></footer>", "", "fr"),  # lang marks an English word
        ("<header><a href='[à modifier]' hreflang='en'>EN</a></header>", "", "fr"),
        ("<select onchange='doGTranslate(this);'><option value='fr|en'>English</option></select>", "", "fr"),
    ],
)
def test_no_other_language(body: str, head: str, lang: str) -> None:
    answer = audit_pages([(HOME, page(body, head, lang))])["site.languages"]
    assert answer["status"] == "absent"
    assert answer["value"] == []


def test_dsfr_page_has_no_other_language() -> None:
    html = (CORPUS / "dsfr/example/layout/page/login/1-default/index.html").read_text(encoding="utf-8")
    assert audit_pages([(HOME, html)])["site.languages"]["status"] == "absent"
