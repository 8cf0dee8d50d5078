"""Budget et documents financiers publiés : budget primitif, compte administratif, ROB."""

from __future__ import annotations

import re

from audit.artifacts.page import Page
from audit.artifacts.text import words_pattern
from audit.checks.common.civic_vocab import PUBLISHED, Feature, decide_feature, observe_feature
from audit.checks.framework.model import Answer, Observation, SiteFacts

CRITERIA = ("edemocracy.budget_documents",)
NEEDS = frozenset({"html"})

#: The budget documents themselves.
DOCUMENT_NAMES = words_pattern(
    r"budgets? primitifs?", r"budgets? supplementaires?", r"comptes? administratifs?", r"comptes? financiers? uniques?",
    "cfu", r"comptes? de gestion", r"rapports? (?:d'|sur les )?orientations? budgetaires?",
    r"debats? d'orientations? budgetaires?", r"decisions? modificatives?",
    r"(?:notes? de )?presentation breve et synthetique", r"notes? de presentation (?:du budget|budgetaire)",
    r"(?:rob|dob|bp|cfu) ?20\d\d", r"documents? budgetaires?", r"maquettes? budgetaires?",
)
#: A page or menu entry about the commune's budget: weaker, it may only announce a vote.
PAGE_NAMES = words_pattern(
    r"^(?:le |les |nos )?budgets?(?: (?:et|&) finances)?(?: 20\d\d)?$",
    r"^(?:les |nos )?finances(?: (?:et|&) budgets?)?(?: (?:communales|locales|municipales|de la (?:commune|ville)))?$",
    r"budgets? (?:communa(?:l|ux)|municipa(?:l|ux)|de la (?:ville|commune))", r"finances (?:communales|municipales|de la (?:commune|ville))",
    r"(?:donnees|chiffres|informations) financieres", r"rapports? financiers?", r"(?:le |la )?commune en chiffres",
)
BUDGET_TRAPS = words_pattern(
    r"budgets? participatifs?", r"finances publiques", r"(?:centres?|services?|directions?) (?:des|de) finances",
    r"impots?", r"budgets? (?:familia(?:l|ux)|des menages)", r"associations?",
)
DOCUMENT_URLS = re.compile(
    r"budgets?[-_]primitifs?|comptes?[-_]administratifs?|orientations?[-_]budgetaires?|comptes?[-_]financiers?[-_]uniques?"
    r"|[/_-](?:rob|dob|bp|cfu)[-_]?20\d\d"
)

DOCUMENTS = Feature(
    "edemocracy.budget_documents", DOCUMENT_NAMES, traps=BUDGET_TRAPS, urls=DOCUMENT_URLS, url_strength=0.75,
    text_strength=0.2,
)
PAGES = Feature(
    "edemocracy.budget_documents", PAGE_NAMES, traps=BUDGET_TRAPS, link_strength=0.55, title_strength=0.6,
    heading_strength=0.35, text_strength=0.0, delivery=PUBLISHED,
)


def observe(page: Page) -> list[Observation]:
    return observe_feature(page, DOCUMENTS) + observe_feature(page, PAGES)


def decide(observations: list[Observation], site: SiteFacts | None) -> dict[str, Answer]:
    return {DOCUMENTS.criterion: decide_feature(observations, DOCUMENTS.criterion)}
