"""Shared vocabulary of the social checks: whose account a link is, and the text around a link.

A link to a social network or an app store only counts for the commune when it
is the commune's own: site-wide "Suivez-nous" blocks and names close to the
site's host or title say so; a label naming an association or another body
says it is someone else's.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from audit.page import Link, Page
from audit.text import fold, words_pattern
from audit.urls import host_of

#: Words of a "follow us" block or label: the organisation speaking of its own accounts.
FOLLOW_WORDS = words_pattern(
    "suivez[- ]nous", "suivre la (?:ville|commune|mairie)", "retrouvez[- ]nous", "rejoignez[- ]nous",
    "nous suivre", "restez connecte", "reseaux sociaux", "sur les reseaux", "follow us",
    "(?:la )?(?:ville|commune|mairie) (?:de |d'|du |des )?[a-z' -]{0,40}sur",
    "(?:page|compte|chaine) (?:officiel(?:le)?|de la (?:ville|commune|mairie))",
)
#: Labels naming someone else's account: an association, a school, another public body.
OTHER_OWNER = words_pattern(
    "association", "asso", "comite des fetes", "comite de jumelage", "club", "amicale", "foyer rural",
    "ecole", "college", "lycee", "sou des ecoles", "apel", "ape", "parents d'eleves", "paroisse",
    "communaute de communes", "communaute d'agglomeration", "agglo", "metropole", "intercommunalite",
    "office de tourisme", "departement", "conseil departemental", "region", "prefecture", "prefet",
    "sdis", "pompiers", "gendarmerie", "syndicat", "festival", "restaurant", "commercant", "entreprise",
)
#: Words of a site's host or title that say nothing about which commune it is.
_GENERIC = frozenset(
    "www ville mairie commune communes accueil site officiel internet html index com net org fr gouv "
    "info infos les des del sur sous saint sainte bienvenue page".split()
)
_TOKEN = re.compile(r"[a-z]{4,}")
_BLOCK_TAGS = frozenset({"li", "p", "td", "dd", "figure", "section", "article", "aside", "div", "ul", "nav", "footer", "header"})
_CONTEXT_CHARS = 240


def site_tokens(page: Page) -> frozenset[str]:
    """Distinctive words naming the site: from its host, and from its title."""
    words = set(_TOKEN.findall(host_of(page.url).replace("-", " ").replace(".", " ")))
    words |= set(_TOKEN.findall(fold(page.title)))
    return frozenset(w for w in words if w not in _GENERIC)


def squash(text: str) -> str:
    """Folded letters and digits only: ``Ville-de-Saint_Malo`` → ``villedesaintmalo``."""
    return re.sub(r"[^a-z0-9]", "", fold(text))


def names_site(name: str, tokens: frozenset[str]) -> bool:
    """Whether an account or app name contains one of the site's distinctive words."""
    squashed = squash(name)
    return any(token in squashed for token in tokens)


def block_context(link: Link) -> str:
    """Folded text of the small block around a link (its list item, paragraph or widget).

    Climbs while the text stays short, so a "Suivez-nous" heading of an icon list
    is seen but a whole article is not.
    """
    node: HtmlElement | None = link.element.getparent()
    best = ""
    while node is not None and isinstance(node.tag, str) and node.tag not in ("body", "html"):
        text = fold(node.text_content())
        if len(text) > _CONTEXT_CHARS:
            break
        if node.tag in _BLOCK_TAGS:
            best = text
        node = node.getparent()
    return best
