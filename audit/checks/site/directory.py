"""Annuaire : annuaire ou guide des associations, des services ou des équipements (lien, page titrée, page de liste)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from lxml.html import HtmlElement

from audit.artifacts.page import Page, region_of
from audit.artifacts.text import fold, words_pattern
from audit.artifacts.urls import host_matches
from audit.checks.framework.decide import confidence_of, evidence_of, strongest_per_kind
from audit.checks.framework.evidence import excerpt, locator
from audit.checks.framework.model import Answer, Observation, SiteFacts
from audit.checks.framework.observe import from_link
from audit.checks.site.sitemap import real_target

CRITERIA = ("site.directory",)
NEEDS = frozenset({"html"})

_SUBJECTS = r"(?:associations?|equipements?|services?|structures|clubs?|commerces?|commercants|entreprises|artisans" \
            r"|professionnels(?: de sante)?|acteurs (?:associatifs|economiques|locaux)|salles)"
#: Link texts and page titles naming a directory.
DIRECTORY_WORDS = words_pattern(
    "annuaires?", "e-annuaire",
    rf"(?:guide|liste|repertoire|carte|catalogue|recherche) (?:des |de nos |de vos )?{_SUBJECTS}",
    rf"(?:trouver|rechercher|chercher) (?:une?|un club|des) ?{_SUBJECTS}",
)
#: Directories that are not the town's own list: elected officials, former pupils, reverse phone look-up.
NOT_DIRECTORY = words_pattern("annuaire des elus", "annuaire du conseil", "annuaire inverse", "anciens eleves")
#: National directories that many town sites link to ("Annuaire de l'administration").
NATIONAL_HOSTS = ("service-public.fr", "service-public.gouv.fr", "annuaire.gouv.fr", "annuaire-mairie.fr",
                  "pagesjaunes.fr", "pagesblanches.fr", "annuaire-administration.fr", "gouv.fr")
#: Titles of section pages that become a directory when they list entries: the subject comes first
#: ("Les associations de Rochefort", "Associations sportives et culturelles", "Vie associative").
SECTION_TITLE = re.compile(
    rf"^(?:les |nos |vos |la |le )?(?:{_SUBJECTS.replace('|salles', '|salles|vie associative')})(?![a-z0-9])"
    r"(?: [a-z'&-]+){0,6}$"
)
TITLE_SEPARATORS = re.compile(r"\s*[|–—:»/]\s+|\s+-\s+")
#: Contact details of listed entries: phone numbers and e-mail addresses.
PHONE = re.compile(r"(?<!\d)0[1-9](?:[ .-]?\d{2}){4}(?!\d)")
EMAIL = re.compile(r"[a-z0-9._-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)+")
#: A list page has several entries (list items, table rows, card headings) or several contacts; a
#: few entries are enough when each gives a contact (phone, e-mail, website).
MIN_ENTRIES = 5
MIN_CONTACTS = 3
MIN_ENTRIES_WITH_CONTACT = 3
ENTRY_TAGS = ("li", "tr", "p")
#: Elements that introduce an entry told by what follows them: card headings, terms of a definition list.
CARD_TAGS = ("h2", "h3", "h4", "h5", "dt")
#: Breadcrumbs are lists too, but of pages above this one.
BREADCRUMB = re.compile(r"breadcrumb|ariane|fil-d|chemin", re.I)
HEADING = re.compile(r"^h[1-6]$")
MAX_LINK_CHARS = 70
MAX_HEADING_CHARS = 80
SITE_REGIONS = frozenset({"nav", "header", "footer"})

STRENGTH = {"page": 0.95, "link": 0.85, "heading": 0.8, "external": 0.5, "listing": 0.75, "section": 0.3}


def _title_names(page: Page) -> list[str]:
    """The h1 and each part of the title ("Ville de X : Associations" -> "Ville de X", "Associations")."""
    h1 = next((text for level, text in page.headings if level == 1), "")
    return [name for name in (h1, *TITLE_SEPARATORS.split(page.title)) if name.strip()]


def _pseudo_heading_elements(page: Page) -> Iterator[HtmlElement]:
    """Paragraphs made only of bold or large text, as old sites title their sections."""
    for el in page.tree.iter("b", "strong", "font"):
        text = " ".join(el.text_content().split())
        parent = el.getparent()
        if 0 < len(text) <= MAX_HEADING_CHARS and parent is not None and parent.tag in ("p", "div", "td", "font", "b"):
            if " ".join(parent.text_content().split()) == text:
                yield parent


def _pseudo_headings(page: Page) -> Iterator[str]:
    """The texts of bold paragraphs standing as section titles."""
    for el in _pseudo_heading_elements(page):
        yield " ".join(el.text_content().split())


def _in_content(el: HtmlElement) -> bool:
    """Whether `el` stands in the page content: not in a menu, header, footer or breadcrumb."""
    if region_of(el) in SITE_REGIONS:
        return False
    return not any(
        BREADCRUMB.search(f"{a.get('class') or ''} {a.get('id') or ''} {a.get('aria-label') or ''}")
        for a in el.iterancestors()
    )


def _has_contact(text: str, anchors: Iterable[HtmlElement], external: set[HtmlElement]) -> bool:
    """Whether an entry gives a contact: a phone number, an e-mail address, a mailto or outside link."""
    folded = fold(text)
    if PHONE.search(folded) or EMAIL.search(folded):
        return True
    return any(a in external or (a.get("href") or "").lower().startswith("mailto:") for a in anchors)


def _card(heading: HtmlElement) -> tuple[str, list[HtmlElement]]:
    """The text and links of an entry introduced by a heading (or a ``dt``): up to the next one of its kind."""
    parts, anchors = [heading.text_content()], list(heading.iter("a"))
    for sibling in heading.itersiblings():
        if not isinstance(sibling.tag, str):
            continue
        if sibling.tag == heading.tag:
            break
        parts.append(sibling.text_content())
        anchors += sibling.iter("a")
    return " ".join(parts), anchors


def _entries_with_contact(page: Page) -> int:
    """The most entries of one shape (rows, items, paragraphs, cards) in the content that give a contact."""
    external = {link.element for link in page.links if not link.internal and link.url.startswith("http")}
    best = 0
    for tag in ENTRY_TAGS:
        entries = [el for el in page.tree.iter(tag) if _in_content(el) and not el.findall(f".//{tag}")]
        best = max(best, sum(1 for el in entries if _has_contact(el.text_content(), el.iter("a"), external)))
    for tag in CARD_TAGS:
        cards = [_card(h) for h in page.tree.iter(tag) if _in_content(h)]
        best = max(best, sum(1 for text, anchors in cards if _has_contact(text, anchors, external)))
    return best


def _section_blocks(heading: HtmlElement) -> list[HtmlElement]:
    """What a heading introduces: its following siblings (those of its wrapper when it stands alone
    in one) up to the next heading of the same or a higher rank."""
    level = int(heading.tag[1]) if HEADING.match(heading.tag) else 6
    stops = [f"h{n}" for n in range(1, level + 1)]
    anchor = heading
    while anchor.getnext() is None and anchor.getparent() is not None and anchor.getparent().tag not in ("body", "main"):
        anchor = anchor.getparent()
    blocks = []
    for sibling in anchor.itersiblings():
        if not isinstance(sibling.tag, str):
            continue
        if sibling.tag in stops or next(sibling.iter(*stops), None) is not None:
            break
        blocks.append(sibling)
    return blocks


def _section_entries(heading: HtmlElement, external: set[HtmlElement]) -> int:
    """The most entries of one shape (items, rows, paragraphs, cards) giving a contact in a heading's section."""
    blocks = _section_blocks(heading)
    best = 0
    for tag in ENTRY_TAGS:
        entries = [el for block in blocks for el in block.iter(tag) if not el.findall(f".//{tag}")]
        best = max(best, sum(1 for el in entries if _has_contact(el.text_content(), el.iter("a"), external)))
    for tag in CARD_TAGS:
        cards = [_card(h) for block in blocks for h in block.iter(tag)]
        best = max(best, sum(1 for text, anchors in cards if _has_contact(text, anchors, external)))
    return best


def _listed_section(page: Page) -> tuple[str, HtmlElement] | None:
    """A content heading naming a subject ("Les associations", "Équipements sportifs") followed by
    several entries with their contacts: a directory in a section of a page (one-page sites)."""
    external = {link.element for link in page.links if not link.internal and link.url.startswith("http")}
    headings = [*page.tree.iter("h2", "h3", "h4", "h5"), *_pseudo_heading_elements(page)]
    for heading in headings:
        text = " ".join(heading.text_content().split())
        if len(text) <= MAX_HEADING_CHARS and SECTION_TITLE.match(fold(text)) and _in_content(heading) and (
            _section_entries(heading, external) >= MIN_ENTRIES_WITH_CONTACT
        ):
            return text, heading
    return None


def _is_listing(page: Page) -> bool:
    """Whether the page's content lists entries (associations with their contacts, facilities...)."""
    contacts = len(PHONE.findall(page.folded)) + len(set(EMAIL.findall(page.folded) + [
        link.href.lower() for link in page.links if link.href.lower().startswith("mailto:")
    ]))
    if contacts > MIN_CONTACTS:  # the town hall's own phone and e-mail are on every page
        return True
    for tags in (("li",), ("tr",), ("h2", "h3", "h4")):
        if sum(1 for el in page.tree.iter(*tags) if _in_content(el)) >= MIN_ENTRIES:
            return True
    return _entries_with_contact(page) >= MIN_ENTRIES_WITH_CONTACT


def _titled(page: Page) -> Observation | None:
    """The page itself is a directory: titled so, or titled by its subject and listing entries; else a
    section of it is one (a heading naming the subject above entries with their contacts)."""
    for name in _title_names(page):
        folded = fold(name)
        if DIRECTORY_WORDS.search(folded) and not NOT_DIRECTORY.search(folded):
            return Observation("site.directory", page.url, excerpt(name), kind="page", strength=STRENGTH["page"],
                               value=page.url)
        if SECTION_TITLE.match(folded) and _is_listing(page):
            return Observation("site.directory", page.url, excerpt(f"{name} (page de liste)"), kind="listing",
                               strength=STRENGTH["listing"], value=page.url)
    listed = _listed_section(page)
    if listed:
        text, heading = listed
        return Observation("site.directory", page.url, excerpt(f"{text} (liste avec coordonnées)"), kind="listing",
                           locator=locator(heading), strength=STRENGTH["listing"], value=page.url)
    return None


def observe(page: Page) -> Iterator[Observation]:
    titled = _titled(page)
    if titled:
        yield titled
    for level, text in [*page.headings, *((2, text) for text in _pseudo_headings(page))]:
        folded = fold(text)
        if level > 1 and len(folded) <= MAX_HEADING_CHARS and DIRECTORY_WORDS.search(folded) and not (
            NOT_DIRECTORY.search(folded)
        ):
            yield Observation("site.directory", page.url, excerpt(text), kind="heading",
                              strength=STRENGTH["heading"], value=page.url)
            break
    section = None
    for link in page.links:
        if not real_target(link) or len(link.folded) > MAX_LINK_CHARS or NOT_DIRECTORY.search(link.folded):
            continue
        if DIRECTORY_WORDS.search(link.folded):
            if host_matches(link.url, NATIONAL_HOSTS):
                continue
            kind = "link" if link.internal else "external"
            yield from_link("site.directory", page, link, STRENGTH[kind], kind=kind, value=link.url)
            return
        if section is None and link.internal and link.region in SITE_REGIONS and SECTION_TITLE.match(link.folded):
            section = from_link("site.directory", page, link, STRENGTH["section"], kind="section", value=link.url)
    if section is not None:
        yield section


def decide(observations: list[Observation], site: SiteFacts | None) -> dict[str, Answer]:
    best = strongest_per_kind(observations)
    confidence = confidence_of(list(best.values()))
    if confidence >= 0.5:
        return {"site.directory": Answer("present", evidence_of(observations), confidence=confidence)}
    return {"site.directory": Answer("absent", [], confidence=0.75 - confidence / 2)}
