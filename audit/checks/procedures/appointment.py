"""Rendez-vous en ligne : réservation d'un créneau en mairie (titres d'identité, services)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from audit.artifacts.page import Link, Page
from audit.artifacts.text import fold, words_pattern
from audit.artifacts.urls import host_matches, host_of
from audit.checks.common.procedures_vocab import (
    BENIGN_NEGATION, FUTURE, NEGATION, answer, followable, headline_observation, host_contains, link_observation,
    strongest, text_observation,
)
from audit.checks.framework.evidence import element_excerpt, locator
from audit.checks.framework.model import Answer, Observation, SiteFacts

CRITERIA = ("procedures.appointment",)
NEEDS = frozenset({"html"})

APPOINTMENT = "procedures.appointment"
#: Booking services, matched inside the host (``ville.rdv360.com``, ``widget.synbird.com``).
BOOKING_HOSTS = (
    "rdv360", "synbird", "clicrdv", "rendezvousonline", "agendize", "calendly", "smartagenda", "rdv.anct.gouv.fr",
    "rdv-solidarites", "rdv-mairie", "rdvmairie", "prendrerdv", "prendre-rdv", "mon-rdv", "monrdv", "timify",
    "simplybook", "zcal.co", "rendez-vous-mairie", "rdvenmairie", "qmatic", "e-rdv", "booking-mairie", "vitemonrdv",
)
#: The national map of passport / ID-card slots: it books, but in any town hall, not a sign of this one.
ANTS_SLOTS = ("rendezvouspasseport.ants.gouv.fr",)
#: ANTS pre-request: a form to fill before the appointment, not the booking itself.
ANTS = ("ants.gouv.fr",)
#: Attributes through which a button opens a URL by script, and the URLs written in them.
SCRIPT_ATTRIBUTES = ("onclick", "data-href", "data-url")
SCRIPT_URL = re.compile(r"https?://[^\s'\"<>)]+")
BOOKING_WORDS = words_pattern(
    "(?:prendre|prenez|prise de|reserver|reservez|reservation d'un|reservation de|demande de|demander un|fixer un) (?:un |votre |mon |le )?(?:rendez-vous|rdv|creneau) (?:[a-z']+ ){0,3}en ligne",
    "(?:rendez-vous|rdv) en ligne", "prise de (?:rendez-vous|rdv) (?:par|sur) internet",
    "(?:reserver|reservez) (?:un |votre )?creneau", "agenda en ligne (?:[a-z']+ ){0,3}rendez-vous",
)
#: "Prendre rendez-vous" without "en ligne": online only when the link leaves for a booking site.
BOOK_ACTION = words_pattern(
    "(?:prendre|prenez|prise de|reserver|reservez|reservation d'un|demander un|obtenir un) (?:un |votre |mon |le )?(?:rendez-vous|rdv)",
)


def _from_link(page: Page, link: Link) -> Observation | None:
    if not followable(link) or link.document:
        return None
    if host_contains(link.url, BOOKING_HOSTS):
        return link_observation(APPOINTMENT, page, link, 0.9, kind="host")
    if host_matches(link.url, ANTS_SLOTS):
        return link_observation(APPOINTMENT, page, link, 0.4, kind="ants")
    if host_matches(link.url, ANTS):
        return None
    if BOOKING_WORDS.search(link.folded):
        return link_observation(APPOINTMENT, page, link, 0.8 if not link.internal else 0.7)
    if BOOK_ACTION.search(link.folded):
        elsewhere = not link.internal and not host_of(link.url).endswith("gouv.fr")
        return link_observation(APPOINTMENT, page, link, 0.65 if elsewhere else 0.3)
    return None


def _widgets(page: Page) -> Iterator[Observation]:
    """Booking widgets embedded in the page (iframe or script)."""
    for embed in page.embeds:
        if host_contains(embed.url, BOOKING_HOSTS):
            yield Observation(APPOINTMENT, page.url, element_excerpt(embed.element), "widget", locator(embed.element), 0.95)
    for src in page.scripts:
        if host_contains(src, BOOKING_HOSTS):
            yield Observation(APPOINTMENT, page.url, src, "widget", None, 0.85)


def _scripted(page: Page) -> Iterator[Observation]:
    """Buttons and links that open a booking service from a script attribute
    (``onclick="window.open('https://…rdv360.com/…')"``, ``data-href``): the URL is in no ``href``."""
    for el in page.tree.xpath("//*[@onclick or @data-href or @data-url]"):
        script = " ".join(el.get(name) or "" for name in SCRIPT_ATTRIBUTES)
        if any(host_contains(url, BOOKING_HOSTS) for url in SCRIPT_URL.findall(script)):
            folded = fold(el.text_content())
            if not (FUTURE.search(folded) or NEGATION.search(BENIGN_NEGATION.sub(" ", folded))):
                yield Observation(APPOINTMENT, page.url, element_excerpt(el), "host", locator(el), 0.9)
                return


def observe(page: Page) -> Iterator[Observation]:
    found: list[Observation | None] = [_from_link(page, link) for link in page.links]
    found.extend(_widgets(page))
    found.extend(_scripted(page))
    found.append(headline_observation(APPOINTMENT, page, BOOKING_WORDS, 0.6))
    found.append(text_observation(APPOINTMENT, page, BOOKING_WORDS, 0.35))
    yield from strongest(found)


def decide(observations: list[Observation], site: SiteFacts | None) -> dict[str, Answer]:
    return {APPOINTMENT: answer(observations, APPOINTMENT)}
