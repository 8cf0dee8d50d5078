"""Shared machinery and vocabulary of the e-democracy and inclusion checks.

Most of these criteria are recognised the same way a juror reads a page: a link
whose text names the feature, a page whose title or main heading names it, a
link to a known vendor, and, more weakly, a sentence of body text. A `Feature`
holds one criterion's vocabulary; `observe_feature` turns one page into at most
a handful of observations; `decide_feature` combines them per site, counting a
menu link repeated on every page once.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice

from lxml.html import HtmlElement

from audit.decide import confidence_of, evidence_of
from audit.evidence import excerpt, locator
from audit.model import Answer, Observation
from audit.observe import REGION_WEIGHT, from_link
from audit.page import Link, Page, region_of
from audit.text import clean, fold, words_pattern
from audit.urls import host_matches, is_web

#: A sentence saying the feature does not exist (yet): "n'est pas encore disponible".
NEGATION = words_pattern(
    r"n'(?:est|sont|existe|existent|a|ont|offre|propose|dispose|y a)? ?(?:pas|plus|jamais|aucune?)",
    r"ne (?!manquez|ratez|oubliez|hesitez|tardez)(?:[a-z']+ ){0,3}(?:pas|plus|jamais)", "pas encore",
    r"(?:bientot|prochainement|sous peu) (?:disponibles?|en ligne|mise?s? en place|ouvert(?:e|s|es)?|accessibles?|lance(?:e|s|es)?)",
    r"(?:sera|seront) (?:bientot|prochainement|tres prochainement)",
    r"en cours de (?:construction|preparation|mise en place|creation|refonte)",
)
#: "Conseil municipal" as the council itself, not the children's or youth council.
COUNCIL_PHRASES = (
    r"conseils? municipa(?:l|ux)(?! (?:des |d')?(?:jeunes|enfants|ados|adolescents|juniors?))",
    r"conseils? communa(?:l|ux)(?! (?:des |d')?(?:jeunes|enfants))",
    r"seances? (?:du|des) conseils?(?! (?:des |d')?(?:jeunes|enfants|sages|quartiers?|ecoles?))",
    r"seances? publiques? du conseil", r"conseils? communautaires?", r"assemblees? deliberantes?",
)
COUNCIL = words_pattern(*COUNCIL_PHRASES)
_INVISIBLE = frozenset({"script", "style", "noscript", "template"})
_BLOCKS = frozenset({
    "p", "li", "td", "th", "dd", "dt", "h1", "h2", "h3", "h4", "h5", "h6", "div", "section", "article",
    "aside", "footer", "header", "nav", "main", "blockquote", "figcaption", "caption", "address", "body",
    "form", "label", "summary", "details",
})
#: Children that make their parent a container of separate blocks, not one sentence.
_STRUCTURE = _BLOCKS | {"ul", "ol", "dl", "table", "tbody", "tr", "figure"} - {"label"}
#: How many characters either side of a match decide whether a trap or a negation applies.
CONTEXT_CHARS = 160
#: At most this many body-text sightings are examined per page and criterion.
MAX_TEXT_BLOCKS = 6


@dataclass(frozen=True)
class Feature:
    """One criterion's vocabulary and how much each kind of sighting proves.

    `names` are what a link text or a page title says (folded); `mentions` what
    body text says (defaults to `names`); `traps` cancel a sighting when they
    occur near it; `hosts` are vendor hosts; `urls` match a link's folded URL.
    """

    criterion: str
    names: re.Pattern[str]
    mentions: re.Pattern[str] | None = None
    traps: re.Pattern[str] | None = None
    hosts: tuple[str, ...] = ()
    urls: re.Pattern[str] | None = None
    link_strength: float = 0.9
    title_strength: float = 0.85
    heading_strength: float = 0.6
    host_strength: float = 0.9
    url_strength: float = 0.6
    text_strength: float = 0.3


def window(context: str, start: int, end: int, chars: int = CONTEXT_CHARS) -> str:
    """The part of `context` around a match, cut at sentence ends so a neighbour's words do not count."""
    before = context[max(0, start - chars):start]
    after = context[end:end + chars]
    cut = max(before.rfind(". "), before.rfind("! "), before.rfind("? "))
    if cut >= 0:
        before = before[cut + 2:]
    stop = min((i for i in (after.find(". "), after.find("! "), after.find("? ")) if i >= 0), default=len(after))
    return before + context[start:end] + after[:stop]


def sighting(pattern: re.Pattern[str], context: str, traps: re.Pattern[str] | None) -> re.Match[str] | None:
    """The first match of `pattern` in folded `context` that no trap or negation next to it cancels."""
    for match in pattern.finditer(context):
        near = window(context, match.start(), match.end())
        if traps is not None and traps.search(near):
            continue
        if NEGATION.search(near):
            continue
        return match
    return None


def link_context(link: Link) -> str:
    """What surrounds a link for trap purposes: its text, its URL and a short enclosing block."""
    parts = [link.folded, fold(link.url or link.href)]
    parent = link.element.getparent()
    if parent is not None and parent.tag in ("li", "p", "td", "dd", "span", "div"):
        text = fold(parent.text_content())
        if len(text) <= 300:
            parts.append(text)
    return " | ".join(parts)


def link_is_trapped(link: Link, traps: re.Pattern[str] | None) -> bool:
    return traps is not None and bool(traps.search(link_context(link)))


def matching_blocks(page: Page, pattern: re.Pattern[str]) -> Iterator[HtmlElement]:
    """The innermost block elements whose visible text matches `pattern`, in document order."""
    if not pattern.search(page.folded):
        return iter(())
    body = page.tree.find("body")
    return islice(_innermost(body if body is not None else page.tree, pattern), MAX_TEXT_BLOCKS)


def _innermost(node: HtmlElement, pattern: re.Pattern[str]) -> Iterator[HtmlElement]:
    """Descend to the smallest elements holding a whole match.

    A match that only exists across several blocks (a menu item followed by an
    article) is a coincidence of concatenated text, not a sentence: dropped.
    """
    found = False
    for child in node.iterchildren():
        if not isinstance(child.tag, str) or child.tag in _INVISIBLE:
            continue
        if pattern.search(fold(child.text_content())):
            found = True
            yield from _innermost(child, pattern)
    if not found and not any(isinstance(c.tag, str) and c.tag in _STRUCTURE for c in node.iterchildren()):
        while node.tag not in _BLOCKS and node.getparent() is not None:
            node = node.getparent()
        yield node


def text_observation(
    criterion: str, page: Page, pattern: re.Pattern[str], traps: re.Pattern[str] | None, strength: float,
    kind: str = "text",
) -> Observation | None:
    """An observation for the first body-text sentence matching `pattern` that no trap or negation cancels."""
    seen: set[int] = set()
    for block in matching_blocks(page, pattern):
        if id(block) in seen:
            continue
        seen.add(id(block))
        raw = clean(block.text_content())
        match = sighting(pattern, fold(raw), traps)
        if match is None:
            continue
        return Observation(
            criterion=criterion, url=page.url, excerpt=excerpt(raw, match.group(0)), kind=kind,
            locator=locator(block), strength=strength * REGION_WEIGHT.get(region_of(block), 0.85),
        )
    return None


def heading_observations(
    criterion: str, page: Page, pattern: re.Pattern[str], traps: re.Pattern[str] | None,
    title_strength: float, heading_strength: float,
) -> list[Observation]:
    """Observations for a page whose title or h1 names the feature (strong), else an h2/h3 (weaker)."""
    if sighting(pattern, page.folded_title, traps):
        return [Observation(criterion, page.url, excerpt(f"Titre de la page : {page.title}"), "title",
                            strength=title_strength)]
    for tags, strength, kind in ((("h1",), title_strength, "title"), (("h2", "h3"), heading_strength, "heading")):
        for heading in page.tree.iter(*tags):
            text = clean(heading.text_content())
            if sighting(pattern, fold(text), traps):
                return [Observation(criterion, page.url, excerpt(f"{heading.tag} : {text}"), kind,
                                    locator=locator(heading), strength=strength)]
    return []


def link_strength(feature: Feature, link: Link) -> tuple[float, str]:
    """How much `link` alone proves `feature`, and which kind of sighting it is."""
    if not link.folded and not link.url:
        return 0.0, ""
    if feature.hosts and is_web(link.url) and host_matches(link.url, feature.hosts):
        if not link_is_trapped(link, feature.traps):
            return feature.host_strength, "host"
    if link.folded and sighting(feature.names, link.folded, feature.traps):
        if not link_is_trapped(link, feature.traps):
            return feature.link_strength, "link"
    if feature.urls is not None and link.url and feature.urls.search(fold(link.url)):
        if not link_is_trapped(link, feature.traps):
            return feature.url_strength, "url"
    return 0.0, ""


def best_link(feature: Feature, page: Page) -> Observation | None:
    """The strongest link naming or pointing at the feature on `page`."""
    best: Observation | None = None
    for link in page.links:
        strength, kind = link_strength(feature, link)
        if strength and (best is None or strength * REGION_WEIGHT.get(link.region, 0.85) > best.strength):
            best = from_link(feature.criterion, page, link, strength, kind)
    return best


def observe_feature(page: Page, feature: Feature) -> list[Observation]:
    """Links, headings and body text of `page` naming `feature`: at most three observations."""
    found = heading_observations(
        feature.criterion, page, feature.names, feature.traps, feature.title_strength, feature.heading_strength
    )
    link = best_link(feature, page)
    if link is not None:
        found.append(link)
    if feature.text_strength:
        text = text_observation(
            feature.criterion, page, feature.mentions or feature.names, feature.traps, feature.text_strength
        )
        if text is not None:
            found.append(text)
    return found


def decide_feature(observations: list[Observation], criterion: str, threshold: float = 0.5) -> Answer:
    """Present when the distinct sightings of `criterion` reach `threshold` together.

    A menu or footer link repeated on every page is one sighting, not one per
    page: observations are merged by excerpt, keeping the strongest.
    """
    distinct: dict[str, Observation] = {}
    for obs in observations:
        if obs.criterion != criterion:
            continue
        key = fold(obs.excerpt)
        if key not in distinct or obs.strength > distinct[key].strength:
            distinct[key] = obs
    mine = list(distinct.values())
    combined = confidence_of(mine)
    if mine and combined >= threshold:
        return Answer("present", evidence_of(mine), confidence=combined)
    return Answer("absent", [], confidence=0.7 * (1.0 - combined / 2))
