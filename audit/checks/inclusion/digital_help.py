"""Aide et médiation numérique : espace public numérique, France Services, conseiller numérique."""

from __future__ import annotations

import re

from audit.artifacts.page import Page
from audit.artifacts.text import words_pattern
from audit.checks.common.civic_vocab import Feature, decide_feature, observe_feature
from audit.checks.framework.model import Answer, Observation, SiteFacts

CRITERIA = ("inclusion.digital_help",)
NEEDS = frozenset({"html"})

HELP_NAMES = words_pattern(
    r"espaces? publics? numeriques?", "epn", r"cyber-?bases?", r"cyber-?centres?", r"cyber-?espaces?",
    r"espaces? (?:multimedias?|informatiques?)", r"(?:maisons?|espaces?|points?)? ?france services?",
    r"conseill(?:er|ere|ers|eres)s? numeriques?", r"ateliers? (?:du |de |d')?(?:numeriques?|informatiques?|multimedias?)",
    r"initiations? (?:a l'|a l |au |a )?(?:informatique|numerique|internet|ordinateur|tablette)",
    r"mediat(?:ion|eur|eurs|rice|rices) numeriques?", r"pass numeriques?", r"inclusion numerique",
    r"accompagnement (?:au |aux |a l')?(?:numerique|demarches? en ligne|usages? numeriques?|informatique)",
    r"aides? (?:au |aux )?(?:numerique|demarches? (?:administratives )?en ligne)", r"aidants? connect",
    r"points? (?:d'acces )?numeriques?", r"permanences? numeriques?", r"coup de pouce numerique",
    r"tiers-lieux? numeriques?", r"espaces? numeriques? (?:publics?|municipa(?:l|ux)|pour tous|solidaires?)",
    r"(?:cours|formations?) (?:d'|en )?informatique",
)
#: Body text naming these is a clear offer; "EPN" or "initiation" alone are only names in a menu.
HELP_MENTIONS = words_pattern(
    r"espaces? publics? numeriques?", r"cyber-?bases?", r"cyber-?centres?", r"(?:maisons?|espaces?) france services?",
    r"conseill(?:er|ere|ers|eres)s? numeriques?", r"ateliers? (?:du |de |d')?(?:numeriques?|informatiques?)",
    r"mediat(?:ion|eur|eurs|rice|rices) numeriques?", r"pass numeriques?", r"aidants? connect",
    r"accompagnement (?:au |aux |a l')?(?:numerique|demarches? en ligne|usages? numeriques?)",
)
#: Schools' "espace numérique de travail" (ENT) is not help for residents.
#: A national locator ("trouver la France services la plus proche") is not the commune's own offer.
HELP_TRAPS = words_pattern(
    r"espaces? numeriques? (?:de travail|d'apprentissage)", "ent", r"(?:la |le )?plus proches?",
    r"pres de chez (?:vous|soi)", r"(?:trouve[rz]|recherche[rz]|localise[rz]) (?:une?|la|le|votre)",
)
HELP_HOSTS = (
    "aidantsconnect.beta.gouv.fr", "conseiller-numerique.gouv.fr", "solidarite-numerique.fr", "lesbonsclics.fr",
)

DIGITAL_HELP = Feature(
    "inclusion.digital_help", HELP_NAMES, traps=HELP_TRAPS, hosts=HELP_HOSTS, host_strength=0.7,
    urls=re.compile(r"espaces?-publics?-numeriques?|/epn(?:[/.?_-]|$)|cyber-?base|france-services|conseillers?-numeriques?"),
    mentions=HELP_MENTIONS, text_strength=0.6,
)


def observe(page: Page) -> list[Observation]:
    return observe_feature(page, DIGITAL_HELP)


def decide(observations: list[Observation], site: SiteFacts | None) -> dict[str, Answer]:
    return {DIGITAL_HELP.criterion: decide_feature(observations, DIGITAL_HELP.criterion)}
