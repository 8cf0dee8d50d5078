"""Portail famille : inscriptions et démarches enfance, école, cantine, loisirs en ligne."""

from __future__ import annotations

from collections.abc import Iterator

from audit.artifacts.page import Link, Page
from audit.artifacts.text import words_pattern
from audit.checks.common.procedures_vocab import (
    CITIZEN_SPACE_PHRASES, FAMILY_PORTAL_HOSTS, FAMILY_PORTAL_PHRASES, FAMILY_PORTAL_WORDS, answer, followable, headline_observation, host_contains,
    link_observation, strongest, text_observation,
)
from audit.checks.framework.evidence import element_excerpt, locator
from audit.checks.framework.model import Answer, Observation, SiteFacts

CRITERIA = ("procedures.family_portal",)
NEEDS = frozenset({"html"})

FAMILY = "procedures.family_portal"
#: "Espace citoyen" may also title a plain section of the site: weaker on an internal link.
CITIZEN_SPACE = words_pattern(*CITIZEN_SPACE_PHRASES)
#: In running text, only unambiguous names of the portal.
FAMILY_PORTAL_TEXT = words_pattern(*FAMILY_PORTAL_PHRASES)
#: Children's services: a link to an unknown portal naming them is a family portal.
CHILDHOOD_WORDS = words_pattern(
    "periscolaires?", "cantine", "restauration scolaire", "centre de loisirs", "accueil de loisirs", "creches?",
    "garderie", "ecoles?", "enfance", "alsh", "activites? extrascolaires?",
)
ONLINE_ENROLMENT = words_pattern(
    "inscri(?:re|ptions?|vez|ption) (?:[a-z']+ ){0,5}en ligne", "reserv(?:er|ez|ations?) (?:[a-z']+ ){0,4}en ligne",
    "demarches? (?:[a-z']+ ){0,3}en ligne",
)


def _from_link(page: Page, link: Link) -> Observation | None:
    if not followable(link) or link.document:
        return None
    vendor = host_contains(link.url, FAMILY_PORTAL_HOSTS)
    if vendor and not link.internal:
        return link_observation(FAMILY, page, link, 0.9, kind="host")
    named = FAMILY_PORTAL_WORDS.search(link.folded)
    if not named:
        if not link.internal and ONLINE_ENROLMENT.search(link.folded) and CHILDHOOD_WORDS.search(link.folded):
            return link_observation(FAMILY, page, link, 0.75)
        return None
    if CITIZEN_SPACE.fullmatch(named.group(0)) and link.internal:
        return link_observation(FAMILY, page, link, 0.45)
    return link_observation(FAMILY, page, link, 0.8 if not link.internal else 0.75)


def _from_embeds(page: Page) -> Iterator[Observation]:
    for embed in page.embeds:
        if host_contains(embed.url, FAMILY_PORTAL_HOSTS):
            yield Observation(FAMILY, page.url, element_excerpt(embed.element), "embed", locator(embed.element), 0.9)


def observe(page: Page) -> Iterator[Observation]:
    found: list[Observation | None] = [_from_link(page, link) for link in page.links]
    found.extend(_from_embeds(page))
    found.append(headline_observation(FAMILY, page, FAMILY_PORTAL_TEXT, 0.6))
    found.append(text_observation(FAMILY, page, FAMILY_PORTAL_TEXT, 0.35))
    found.append(text_observation(FAMILY, page, ONLINE_ENROLMENT, 0.25, context=CHILDHOOD_WORDS))
    yield from strongest(found)


def decide(observations: list[Observation], site: SiteFacts | None) -> dict[str, Answer]:
    return {FAMILY: answer(observations, FAMILY)}
