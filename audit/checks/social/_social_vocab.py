"""Shared vocabulary of the social checks: whose account a link is, and the text around a link.

A link to a social network or an app store only counts for the commune when it
is the commune's own: site-wide "Suivez-nous" blocks and names close to the
site's host or title say so; a label naming an association or another body
says it is someone else's.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from audit.artifacts.page import Link, Page
from audit.artifacts.text import fold, words_pattern
from audit.artifacts.urls import host_of

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
#: Headings of a page about other organisations: the accounts in its content are theirs.
OTHERS_PAGE = words_pattern(
    r"associations?", "vie associative", r"clubs?", r"comites? des fetes", r"partenaires", r"liens utiles",
)
#: A credit line: the account beside it is the web agency's or the webmaster's, not the commune's.
MAKER_CREDIT = words_pattern(
    r"(?:site|conception|graphisme|theme)?(?: internet| web)? ?(?:realise|concu|cree|developpe|propulse|maintenu|"
    r"mis en page|fabrique)e? (?:par|avec)", r"conception(?: graphique)?(?: et| &) (?:realisation|developpement)",
    r"(?:realisation|conception|developpement|webdesign|creation) ?:", "webmaster", "retrouvez-moi", "suivez-moi",
    "mon profil",
)
#: A sentence (or label) in which the commune speaks of its own account, or names itself as its owner.
OWN_ACCOUNT = words_pattern(
    "suivez[- ]nous", "retrouvez[- ]nous", "rejoignez[- ]nous", "abonnez[- ]vous", "nous suivre",
    "suivez la (?:ville|commune|mairie)", "(?:de|par) (?:la|notre) (?:ville|commune|mairie)",
    "(?:notre|nos) (?:chaines?|pages?|comptes?|reseaux|videos|reportages|publications)",
    "(?:page|compte|chaine)s? officiel(?:le)?s?",
)
#: Words naming the commune itself as a body: tell its account apart from another body's on
#: intercommunal portals.
COMMUNE_BODY = words_pattern("mairie", "(?:la|notre|votre) (?:ville|commune)", "(?:ville|commune) d(?:e|')", "hotel de ville")
#: A municipal service with accounts of its own: named with the commune ("médiathèque de la ville"),
#: it is still not the commune's account.
MUNICIPAL_SERVICE = words_pattern(
    "mediatheque", "bibliotheque", "musee", "theatre", "cinema", "piscine", "conservatoire", "ccas",
    "centre social", "centre culturel", "police municipale", "maison des jeunes", "espace jeunes", "ludotheque",
)
#: Another public body whose accounts an intercommunal portal or a partner block links.
OTHER_BODY = words_pattern(
    "communaute de communes", "communaute d'agglomeration", "communaute urbaine", "agglo(?:meration)?",
    "metropole", "intercommunalite", "interco", "office de tourisme", "departement", "conseil departemental",
    "conseil regional", "region", "prefecture", "parc naturel regional", "syndicat", "sivom", "sivu",
)
#: Fragments of an account handle naming another body (``AggloDuPaysX``, ``tourisme_x``, ``CCValleeX``).
OTHER_HANDLE = re.compile(
    r"agglo|communaute|metropole|interco|tourisme|departement|^cc(?!as)[a-z]|^cdc"
    r"|comitedesfetes|jumelage|association|amicale|foyerrural|soudesecoles|paroisse|festival"
)
#: Fragments of an account handle naming the commune (``MairieDeX``, ``villedex``).
COMMUNE_HANDLE = re.compile(r"mairie|^ville|commune|municipal")
_SENTENCE_END = re.compile(r"[.!?…]\s")
_SENTENCE_TAGS = frozenset({"p", "li", "td", "dd", "dt", "figcaption", "blockquote", "div", "section", "article"})
_SENTENCE_CHARS = 200
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


def link_sentence(link: Link) -> str:
    """Folded sentence of running text the link stands in (its own text included).

    The nearest block's text is cut at the sentence ends before and after the link,
    so "la chaîne YouTube de la commune" is read with its link but a neighbouring
    sentence about an association is not.
    """
    block = next((a for a in link.element.iterancestors() if a.tag in _SENTENCE_TAGS), None)
    if block is None:
        return link.folded
    parts: list[list[str]] = [[], [], []]

    def walk(node: HtmlElement, state: int) -> int:
        if node is link.element:
            parts[1].append(node.text_content())
            state = 2
        else:
            parts[state].append(node.text if isinstance(node.tag, str) and node.text else "")
            for child in node:
                state = walk(child, state)
        if node is not block and node.tail:
            parts[state].append(node.tail)
        return state

    walk(block, 0)
    before, after = (fold(" ".join(p)) for p in (parts[0], parts[2]))
    before = _SENTENCE_END.split(before[-_SENTENCE_CHARS:])[-1]
    after = _SENTENCE_END.split(after[:_SENTENCE_CHARS] + " ")[0]
    return f"{before} {fold(' '.join(parts[1]))} {after}".strip()


def owner_of(link: Link, handle: str, sentence: str, context: str) -> str:
    """Whose account a link names: "commune", "other" (intercommunality, tourism office...) or "" (unsaid).

    The handle is the most specific sign, then the link's own words and sentence,
    then the small block around it (a footer naming the agglomeration).
    """
    squashed = squash(handle)
    if OTHER_HANDLE.search(squashed):
        return "other"
    near = f"{link.folded} {sentence}"
    if OTHER_BODY.search(near) or OTHER_OWNER.search(near):
        return "other"
    if MUNICIPAL_SERVICE.search(near):
        return ""
    if COMMUNE_HANDLE.search(squashed) or COMMUNE_BODY.search(near):
        return "commune"
    other, commune = OTHER_BODY.search(context), COMMUNE_BODY.search(context)
    if other and not commune:
        return "other"
    if commune and not other:
        return "commune"
    return ""


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
