"""Listes électorales : lien vers l'inscription en ligne (service-public.fr)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from audit.artifacts.page import Link, Page
from audit.artifacts.text import words_pattern
from audit.artifacts.urls import host_matches
from audit.checks.common.procedures_vocab import (
    INFORMATION, SERVICE_PUBLIC, answer, followable, headline, headline_observation, link_observation, path_contains,
    strongest, text_observation,
)
from audit.checks.framework.model import Answer, Observation, SiteFacts

CRITERIA = ("procedures.electoral_roll",)
NEEDS = frozenset({"html"})

ELECTORAL = "procedures.electoral_roll"
#: service-public.fr online registration (R16396) and its information page (F1367).
ONLINE_REGISTRATION_PATH = re.compile(r"/r16396(?![0-9])")
INFO_PATH = re.compile(r"/(?:f1367|f1961|n47)(?![0-9])")
#: The state's other online-procedure hosts for elections.
STATE_HOSTS = ("demarches.interieur.gouv.fr", "mon.service-public.fr")
#: Checking one's registration (ISE) is not registering.
CHECK_ONLY = re.compile(r"/r51788(?![0-9])")
ROLL = words_pattern(
    "listes? electorales?", "inscriptions? electorales?", "s'inscrire pour voter", "inscri(?:re|ption|vez-vous) (?:[a-z']+ ){0,3}pour voter",
    "elections?",
)
REGISTRATION = words_pattern(
    "inscri(?:re|ptions?|vez-vous|vez vous) (?:[a-z']+ ){0,4}listes? electorales?", "inscriptions? electorales?",
    "inscri(?:re|ption|vez-vous) (?:[a-z']+ ){0,3}pour voter",
)
ONLINE_REGISTRATION = words_pattern(
    "inscri(?:re|ptions?|vez-vous|vez vous) (?:[a-z']+ ){0,4}en ligne (?:[a-z']+ ){0,4}listes? electorales?",
    "inscri(?:re|ptions?|vez-vous|vez vous) (?:[a-z']+ ){0,4}listes? electorales? (?:[a-z']+ ){0,4}en ligne",
    "inscriptions? electorales? en ligne", "inscri(?:re|ption|vez-vous) en ligne pour voter",
)


def _from_link(page: Page, link: Link, roll_page: bool) -> Observation | None:
    if not followable(link) or link.document or path_contains(link.url, CHECK_ONLY):
        return None
    state = host_matches(link.url, SERVICE_PUBLIC) or host_matches(link.url, STATE_HOSTS)
    if state:
        if path_contains(link.url, ONLINE_REGISTRATION_PATH):
            return link_observation(ELECTORAL, page, link, 0.95, kind="service-public")
        if ONLINE_REGISTRATION.search(link.folded) or (REGISTRATION.search(link.folded) and "en ligne" in link.folded):
            return link_observation(ELECTORAL, page, link, 0.85, kind="service-public")
        if REGISTRATION.search(link.folded) or (roll_page and path_contains(link.url, INFO_PATH)):
            # The information sheet (F1367) explains how to register; it registers no one.
            return link_observation(ELECTORAL, page, link, 0.4, kind=INFORMATION)
        if roll_page and ROLL.search(link.folded):
            return link_observation(ELECTORAL, page, link, 0.6, kind="service-public")
        if roll_page and host_matches(link.url, STATE_HOSTS):
            return link_observation(ELECTORAL, page, link, 0.6, kind="service-public")
        return link_observation(ELECTORAL, page, link, 0.4, kind="service-public") if roll_page else None
    if ONLINE_REGISTRATION.search(link.folded):
        return link_observation(ELECTORAL, page, link, 0.8 if not link.internal else 0.6)
    return None


def observe(page: Page) -> Iterator[Observation]:
    roll_page = bool(ROLL.search(headline(page)))
    found: list[Observation | None] = [_from_link(page, link, roll_page) for link in page.links]
    found.append(headline_observation(ELECTORAL, page, ONLINE_REGISTRATION, 0.6))
    found.append(text_observation(ELECTORAL, page, ONLINE_REGISTRATION, 0.4 if roll_page else 0.3))
    yield from strongest(found)


def decide(observations: list[Observation], site: SiteFacts | None) -> dict[str, Answer]:
    return {ELECTORAL: answer(observations, ELECTORAL)}
