"""Urbanisme en ligne : dépôt dématérialisé des autorisations d'urbanisme (GNAU, SVE)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from audit.artifacts.page import Link, Page
from audit.artifacts.text import words_pattern
from audit.artifacts.urls import host_matches, host_of
from audit.checks.common.procedures_vocab import (
    PLANNING_HOSTS, PLANNING_SERVICE_PATH, SERVICE_PUBLIC, affirmed_matches, answer, followable, headline,
    headline_observation, host_contains, link_observation, path_contains, planning_desk, strongest,
    text_observation,
)
from audit.checks.framework.evidence import element_excerpt, locator
from audit.checks.framework.model import Answer, Observation, SiteFacts

CRITERIA = ("procedures.urban_planning",)
NEEDS = frozenset({"html"})

URBAN = "procedures.urban_planning"
#: Planning hosts that publish plans (PLU), not a filing desk.
PLAN_HOSTS = ("geoportail", "gouv.fr")
#: Host labels that name an ADS (application du droit des sols) service or a planning subdomain:
#: ``ads.agglo.fr``, ``sve-ads.cc.fr``, ``urbanisme.agglo.fr`` (not ``caue-urbanisme.fr``, an agency).
ADS_LABEL = re.compile(r"(?:^|[.-])(?:ads|sve)(?:[.-]|$)|^(?:[a-z0-9-]+\.)*urbanisme\.[a-z0-9-]+\.[a-z]+$")
#: Names of the online planning desk, distinctive enough alone.
DESK_WORDS = words_pattern(
    "guichets? numeriques? (?:des |d')?(?:autorisations? d'urbanisme|urbanisme|ads)", "gnau",
    "guichets? (?:numerique |en ligne )(?:de l'|d'|pour l')?urbanisme", "urbanisme en ligne", "ad'?au",
    "(?:autorisations?|demarches?|demandes?|dossiers?|permis) (?:[a-z']+ ){0,3}(?:d'urbanisme|de construire) (?:[a-z']+ ){0,2}en ligne",
    "dematerialisation (?:des |de l')?(?:autorisations?|demandes?|dossiers?|instruction)(?: du droit des sols| d'urbanisme)",
    "(?:deposer|deposez|depot|deposer) (?:[a-z']+ ){0,5}(?:d'urbanisme|de construire|declarations? prealables?) (?:[a-z']+ ){0,3}en ligne",
    "saisine par voie electronique (?:[a-z']+ ){0,4}urbanisme", "cart@ds", "cartads", "netads", "geopermis",
)
#: Generic online filing: counts only on a page (or link) about planning.
ONLINE_FILING = words_pattern(
    "depots? (?:[a-z']+ ){0,2}en ligne", "deposer (?:[a-z']+ ){0,4}en ligne", "deposez (?:[a-z']+ ){0,4}en ligne",
    "saisine par voie electronique", "sve", "teleprocedures?", "par voie electronique",
    "sous (?:forme|format) (?:electronique|dematerialisee)",
    "(?:depots?|demandes?|dossiers?|saisines?|transmissions?) (?:[a-z']+ ){0,3}dematerialisee?s?",
    "de (?:facon|maniere) dematerialisee", "dematerialisation",
)
#: The intercommunal planning desk named as such: online when the link leaves for its own site.
SHARED_DESK = words_pattern("guichets? unique (?:de l'|d'|pour l'|des )?(?:urbanisme|autorisations? d'urbanisme|ads)")
#: Link texts of a paper form to fetch (Cerfa, a form to download or print): not filing online.
PAPER_FORM = words_pattern("cerfa", "telecharger", "telechargez", "imprimer", "imprimez", "notices?", "formulaires?", "modeles?")
#: Sending a file somewhere: the sentence around a link says the link is where to file.
FILING = words_pattern(
    "depos(?:er|ez|ees?|es)", "depots?", "transm(?:ettre|ettez|ises?|is)", "adress(?:er|ez|ees?)", "envoy(?:er|ez|ees?)",
    "saisi(?:r|ssez|ne)",
)
PLANNING = words_pattern(
    "urbanisme", "permis de (?:construire|demolir|amenager)", "declarations? prealables?", "certificats? d'urbanisme",
    "autorisations? du droit des sols", "ads",
)
#: Asking for a permit: online when the link leaves for another site.
PERMIT_REQUEST = words_pattern(
    "(?:deposer|deposez|depot|demandes?|effectuer|faire) (?:[a-z']+ ){0,4}(?:autorisations? d'urbanisme|d'urbanisme"
    "|permis de (?:construire|demolir|amenager)|declarations? prealables?)",
)
#: Public procurement also "files online": those pages are not about planning permits.
PROCUREMENT = words_pattern("marches? publics?", "dossiers? de consultation", "appels? d'offres?", "consultation des entreprises", "dce")


def _from_link(page: Page, link: Link, planning_page: bool) -> Observation | None:
    """A link to the planning desk: by its host or path, its text, or the sentence it stands in.

    A Cerfa to download or a service-public information page about permits is
    paper filing, whatever its words: only an explicit online desk counts there.
    """
    if not followable(link) or link.document:
        return None
    host = host_of(link.url)
    external = not link.internal and not host_contains(link.url, PLAN_HOSTS)
    if external and (planning_desk(link.url) or (ADS_LABEL.search(host) and "google" not in host)):
        return link_observation(URBAN, page, link, 0.9, kind="host")
    block = link.block
    about_planning = planning_page or bool(PLANNING.search(link.folded) or PLANNING.search(block))
    if external and about_planning and path_contains(link.url, PLANNING_SERVICE_PATH):
        return link_observation(URBAN, page, link, 0.85, kind="host")
    if DESK_WORDS.search(link.folded):
        return link_observation(URBAN, page, link, 0.8 if not link.internal else 0.75)
    online_words = ONLINE_FILING.search(link.folded)
    paper = PAPER_FORM.search(link.folded) and not online_words
    if paper or host_matches(link.url, SERVICE_PUBLIC) or host.endswith("gouv.fr"):
        return None
    if online_words and about_planning:
        return link_observation(URBAN, page, link, 0.75 if not link.internal else 0.6)
    if not external:
        return None
    if SHARED_DESK.search(link.folded) or PERMIT_REQUEST.search(link.folded):
        return link_observation(URBAN, page, link, 0.75, kind="desk")
    if about_planning and FILING.search(block) and next(affirmed_matches(block, ONLINE_FILING), None):
        return link_observation(URBAN, page, link, 0.75, kind="sentence")
    return None


def observe(page: Page) -> Iterator[Observation]:
    about = headline(page)
    if PROCUREMENT.search(about):
        return
    planning_page = bool(PLANNING.search(about))
    found: list[Observation | None] = [_from_link(page, link, planning_page) for link in page.links]
    found.extend(
        Observation(URBAN, page.url, element_excerpt(e.element), "embed", locator(e.element), 0.85)
        for e in page.embeds if host_contains(e.url, PLANNING_HOSTS)
    )
    found.append(headline_observation(URBAN, page, DESK_WORDS, 0.6))
    found.append(text_observation(URBAN, page, DESK_WORDS, 0.4))
    if planning_page:
        found.append(text_observation(URBAN, page, ONLINE_FILING, 0.3))
    yield from strongest(found)


def decide(observations: list[Observation], site: SiteFacts | None) -> dict[str, Answer]:
    return {URBAN: answer(observations, URBAN)}
