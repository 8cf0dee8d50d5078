"""Mentions légales et politique de protection des données personnelles (RGPD)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from lxml.html import HtmlElement

from audit.artifacts.page import Link, Page
from audit.artifacts.text import clean, fold, words_pattern
from audit.checks.common.a11y_vocab import headings_folded, real_target, topic_texts
from audit.checks.common.builders import builder_of
from audit.checks.framework.decide import confidence_of, evidence_of
from audit.checks.framework.evidence import excerpt, locator
from audit.checks.framework.model import Answer, Observation, SiteFacts
from audit.checks.framework.observe import from_link

CRITERIA = ("site.legal_notice", "site.privacy")
NEEDS = frozenset({"html"})

LEGAL, PRIVACY = CRITERIA

# --------------------------------------------------------------- vocabulary (folded text)
LEGAL_LINK = words_pattern(
    "mentions? legales?", "informations? legales?", "notice legale", "mentions juridiques", "avertissements? legal",
    "legal notice", "legal mentions", "impressum",
)
LEGAL_SLUG = re.compile(r"mentions?[-_]?legales?|informations?[-_]legales?|legal[-_]notice")
#: A page about the legal notice: its title or h1 starts with the name.
LEGAL_TOPIC = re.compile(r"^(?:les )?(?:mentions? legales?|informations? legales?|notice legale|mentions juridiques)\b")
#: What a legal notice says: who publishes the site and who hosts it.
LEGAL_CONTENT = {
    "publication": words_pattern("(?:directeur|directrice|responsable|direction) de (?:la )?publication"),
    "publisher": words_pattern("editeur", "editeur du site", "edite par", "proprietaire du site"),
    "host": words_pattern("hebergeur", "hebergement", "heberge par", "site heberge"),
    "registration": words_pattern("siret", "siren", "n° siret"),
}
#: A "Mentions légales" section (heading, then content) counts when it names at least this many of them.
MIN_LEGAL_CONTENT = 2
SECTION_CHARS = 1500
MAX_HEADING_CHARS = 60

PRIVACY_LINK = words_pattern(
    "donnees personnelles", "donnees a caractere personnel", "confidentialite", "protection des donnees",
    "vie privee", "rgpd", "gdpr", "privacy(?: policy)?",
)
PRIVACY_SLUG = re.compile(
    r"donnees[-_]personnelles|confidentialite|protection[-_]des[-_]donnees|vie[-_]privee|rgpd|privacy"
)
#: A page (or a section of the legal notice) about personal data: the name comes first.
PRIVACY_TOPIC = re.compile(
    r"^(?:\d+\s*[.)-]?\s*)?(?:(?:politique|charte|declaration|notice|information|protection|traitement|gestion|collecte"
    r"|utilisation|respect)(?: de| des| du| sur| relative aux?)? )?(?:la |les |vos )?(?:protection des |traitement des )?"
    r"(?:donnees personnelles|donnees a caractere personnel|confidentialite|vie privee|rgpd|protection des donnees"
    r"|privacy)"
)
#: Labels that are about cookies only: a cookie banner or policy is not a privacy policy.
COOKIES_ONLY = re.compile(r"^(?:gestion|parametres?|politique|preferences?|reglages?)?\s*(?:des |de |sur les )?cookies?$")
#: Link labels longer than this outside menus and footers are sentences (news titles), not page names.
MAX_LABEL_WORDS = 8
STRUCTURAL = frozenset({"nav", "header", "footer"})
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


# --------------------------------------------------------------- observe
def _link_strength(link: Link, words: re.Pattern[str], slug: re.Pattern[str]) -> float:
    """How surely `link` leads to the page its words or address name (0 when it does not)."""
    if not real_target(link) or COOKIES_ONLY.match(link.folded) or (not link.internal and builder_of(link.url)):
        return 0.0  # the site builder's own policy (« Politique de confidentialité de Wix ») is not the commune's
    if words.search(link.folded):
        strength = 0.9 if link.internal else 0.65
        if link.region not in STRUCTURAL and len(link.folded.split()) > MAX_LABEL_WORDS:
            strength *= 0.4
        return strength
    if link.internal and slug.search(fold(link.url)) and len(link.folded.split()) <= 3:
        return 0.6
    return 0.0


def _links(page: Page, criterion: str, words: re.Pattern[str], slug: re.Pattern[str]) -> Iterator[Observation]:
    best: dict[str, Observation] = {}
    for link in page.links:
        strength = _link_strength(link, words, slug)
        if strength and link.url != page.url:
            obs = from_link(criterion, page, link, strength, kind="link", value=link.url)
            if link.url not in best or obs.strength > best[link.url].strength:
                best[link.url] = obs
    yield from sorted(best.values(), key=lambda o: -o.strength)[:2]


def _page(page: Page, criterion: str, strength: float, label: str) -> Observation:
    return Observation(criterion, page.url, excerpt(label), kind="page", strength=strength, value=page.url)


def observe(page: Page) -> Iterator[Observation]:
    if page.status >= 400:
        return
    yield from _links(page, LEGAL, LEGAL_LINK, LEGAL_SLUG)
    yield from _links(page, PRIVACY, PRIVACY_LINK, PRIVACY_SLUG)
    topics = topic_texts(page)
    legal_page = next((t for t in topics if LEGAL_TOPIC.match(t)), None)
    if legal_page:
        yield _page(page, LEGAL, 0.95, f"{page.title} — {legal_page}")
    elif (section := _legal_section(page)) is not None:
        yield section
    privacy_page = next((t for t in topics if PRIVACY_TOPIC.match(t)), None)
    if privacy_page:
        yield _page(page, PRIVACY, 0.95, f"{page.title} — {privacy_page}")
    elif legal_page:
        # The legal notice often holds the personal-data policy as one of its sections.
        section = next((h for h in headings_folded(page) if PRIVACY_TOPIC.match(h)), None)
        if section:
            yield _page(page, PRIVACY, 0.75, f"{page.title} — {section}")


def _after(heading: HtmlElement) -> str:
    """The text following a heading up to the next heading, climbing out of a wrapper holding only it."""
    node, parts = heading, []
    while node is not None and node.tag not in ("body", "html") and not parts:
        parts.append(node.tail or "")
        for sibling in node.itersiblings():
            if isinstance(sibling.tag, str) and sibling.tag in HEADINGS:
                break
            parts += [" ".join(sibling.itertext()) if isinstance(sibling.tag, str) else "", sibling.tail or ""]
            if sum(map(len, parts)) > SECTION_CHARS:
                break
        parts = [p for p in parts if p.strip()]
        node = node.getparent()
    return fold(" ".join(parts))[:SECTION_CHARS]


def _legal_section(page: Page) -> Observation | None:
    """A "Mentions légales" heading (or a bold line) followed by who publishes and hosts the site."""
    candidates = page.tree.iter(*HEADINGS, "strong", "b")
    for el in candidates:
        title = fold(el.text_content())
        if len(title) > MAX_HEADING_CHARS or not LEGAL_TOPIC.match(title):
            continue
        after = _after(el)
        if sum(1 for words in LEGAL_CONTENT.values() if words.search(after)) >= MIN_LEGAL_CONTENT:
            return Observation(LEGAL, page.url, excerpt(f"{clean(el.text_content())} : {after}"), kind="page",
                               locator=locator(el), strength=0.85, value=page.url)
    return None


# --------------------------------------------------------------- decide
def _answer(observations: list[Observation], criterion: str) -> Answer:
    mine = [o for o in observations if o.criterion == criterion]
    pages = [o for o in mine if o.kind == "page"]
    links = [o for o in mine if o.kind == "link"]
    if pages:
        best = max(pages, key=lambda o: o.strength)
        pointing = [o for o in links if o.value == best.url]
        return Answer("present", evidence_of([best, *pointing], 3), confidence_of([best, *pointing[:1]]), best.url)
    if links:
        weight: Counter[str] = Counter()
        for obs in links:
            weight[obs.value] += obs.strength
        target = weight.most_common(1)[0][0]
        pointing = [o for o in links if o.value == target]
        confidence = confidence_of(pointing[:3])
        if confidence >= 0.5:
            return Answer("present", evidence_of(pointing, 3), min(confidence, 0.95), target)
    return Answer("absent", [], confidence=0.8 if not mine else 0.6)


def decide(observations: list[Observation], site: SiteFacts | None) -> dict[str, Answer]:
    return {LEGAL: _answer(observations, LEGAL), PRIVACY: _answer(observations, PRIVACY)}
