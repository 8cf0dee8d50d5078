"""Marchés publics en ligne : avis d'appel public, profil d'acheteur."""

from __future__ import annotations

import re

from audit.artifacts.page import Page
from audit.artifacts.text import words_pattern
from audit.checks.common.civic_vocab import PUBLISHED, Feature, decide_feature, observe_feature
from audit.checks.framework.model import Answer, Observation, SiteFacts

CRITERIA = ("inclusion.public_procurement",)
NEEDS = frozenset({"html"})

PROCUREMENT_NAMES = words_pattern(
    r"marches? publics?", r"appels? d'offres?", r"avis d'appels? publics?(?: a la concurrence)?", "aapc",
    r"profils? (?:d'|d )?acheteurs?", r"commandes? publiques?", r"achats? publics?",
    r"consultations? (?:en cours|des entreprises)", r"dossiers? de consultation(?: des entreprises)?", "dce",
    r"marches? (?:et|&) (?:appels? d'offres|consultations?)", r"(?:plate-?formes?|salle) des marches",
    r"(?:avis|annonces?) de marches?", r"marches? (?:en cours|a procedure adaptee)", "mapa",
)
PROCUREMENT_TRAPS = words_pattern(
    r"code des marches publics", r"appels? (?:a projets?|a candidatures?|a manifestation)",
    r"marches? publics? (?:hebdomadaires?|du (?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|matin))",
)
#: Buyer-profile platforms (PLACE, Maximilien, Mégalis, AWS, Atexo-based regional platforms...).
PROCUREMENT_HOSTS = (
    "achatpublic.com", "achatpublic.info", "marches-securises.fr", "e-marchespublics.com", "marches-publics.gouv.fr",
    "maximilien.fr", "megalis.bretagne.bzh", "megalisbretagne.org", "klekoon.com", "aws-achat.com",
    "aws-france.com", "marches-publics.info", "centraledesmarches.com", "francemarches.com",
    "local-trust.com", "marchesonline.com", "e-bourgogne.fr", "ternum-bfc.fr", "alsacemarchespublics.eu",
    "synapse-entreprises.com", "demat-ampa.fr", "achatpublic.fr", "marches-publics.fr", "dematis.com",
    "atexo.com", "marchespublics596280.fr", "marchespublics.grandest.fr", "marchespublics.auvergnerhonealpes.eu",
)
PROCUREMENT_URLS = re.compile(
    r"marches?[-_]?publics?|achats?[-_]?publics?|appels?[-_]d[-_]?offres?|commande[-_]?publique"
    r"|profil[-_]?(?:d[-_]?)?acheteurs?|/dce(?:[/.?_-]|$)"
)

PROCUREMENT = Feature(
    "inclusion.public_procurement", PROCUREMENT_NAMES, traps=PROCUREMENT_TRAPS, hosts=PROCUREMENT_HOSTS,
    urls=PROCUREMENT_URLS, url_strength=0.75, text_strength=0.3, delivery=PUBLISHED,
)


def observe(page: Page) -> list[Observation]:
    return observe_feature(page, PROCUREMENT)


def decide(observations: list[Observation], site: SiteFacts | None) -> dict[str, Answer]:
    return {PROCUREMENT.criterion: decide_feature(observations, PROCUREMENT.criterion)}
