"""Signalement en ligne : problème de voirie, propreté, éclairage sur l'espace public."""

from __future__ import annotations

import re
from collections.abc import Iterator

from audit.artifacts.page import Form, Link, Page
from audit.artifacts.text import words_pattern
from audit.artifacts.urls import host_of
from audit.checks.common.procedures_vocab import (
    answer, followable, headline, headline_observation, host_contains, link_observation, strongest,
    text_observation,
)
from audit.checks.framework.evidence import element_excerpt, locator
from audit.checks.framework.model import Answer, Observation, SiteFacts

CRITERIA = ("procedures.issue_reporting",)
NEEDS = frozenset({"html"})

ISSUES = "procedures.issue_reporting"
#: Reporting apps and services, matched inside the host.
REPORTING_HOSTS = (
    "tellmycity", "dansmarue", "fixmystreet", "signalement.", "signalements.", "allo-mairie", "allomairie",
    "allo-voirie", "allovoirie", "monquartier", "mon-quartier", "jesignale", "je-signale", "signaler.",
)
#: Names of the feature, distinctive enough alone.
SPECIFIC_PHRASES = (
    "signal(?:er|ez) (?:un |une |des |vos )?(?:problemes?|anomalies?|incidents?|dysfonctionnements?|degradations?|desordres?|dangers?|pannes?|nuisances?)",
    "signal(?:er|ez) (?:un |une |des )?(?:depots? sauvages?|nids? de poule|dechets?|tags?|graffitis?|eclairage)",
    "signalements? (?:d'|des |de |en ligne|citoyens?|sur l'espace public|voirie)", "faire un signalement",
    "(?:declarer|declarez) (?:un |une )?(?:anomalie|probleme|incident)", "gestion des signalements",
    "allo (?:mairie|voirie|proprete|services?|travaux|ville)", "tellmycity", "tell my city", "dans ma rue",
    "fix ?my ?street", "je signale", "signal'?ville", "anomalies? (?:sur|dans) (?:la voie|l'espace) publique?",
)
SPECIFIC = words_pattern(*SPECIFIC_PHRASES)
#: Bare "signalement" / "signaler": the feature in a menu, but also any news item.
GENERIC = words_pattern("signalements?", "signaler")
REPORT_WORDS = words_pattern(*SPECIFIC_PHRASES, "signalements?", "signaler")
#: Bare "signalement" / "signaler" count only beside public-space words.
PUBLIC_SPACE = words_pattern(
    "voirie", "proprete", "eclairage", "espaces? publics?", "voie publique", "chaussee", "trottoirs?", "nids? de poule",
    "depots? sauvages?", "encombrants?", "dechets?", "graffitis?", "tags?", "mobilier urbain", "anomalies?",
    "problemes?", "incidents?", "dysfonctionnements?", "degradations?", "espaces? verts?", "panne", "lampadaires?",
    "cadre de vie", "ma rue", "quartier", "mairie", "services techniques",
)
#: Other kinds of "signalement" that are not about the public space.
OTHER_REPORTS = words_pattern(
    "enfance en danger", "enfants? en danger", "maltraitance", "harcelement", "violences?", "pharos",
    "contenus? illicites?", "internet-signalement", "arnaques?", "escroquerie", "erreur (?:sur cette page|dans cette page|de contenu)?",
    "signaler une erreur", "signaler un bug", "covid", "cas contact", "radicalisation", "discrimination",
    "signalement (?:de |d')?(?:cette|ce) (?:page|contenu|commentaire)", "abus", "phishing", "hameconnage",
    "frelons?", "chenilles?", "moustiques?", "ambroisie", "signalement de naissance",
    "signal(?:er|ement d') (?:ce |cette |un |une )?(?:commentaires?|contenus?|messages?|avis|publications?)",
    "absences?", "deces", "naissance", "changement d'adresse", "demenagement", "depart",
)
#: A bare "Signaler" / "Signalements" label, with nothing after it to say what is reported.
GENERIC_ALONE = re.compile(r"^(?:je |nous )?(?:signaler|signalez|signalements?|faire un signalement)(?: en ligne| citoyens?)?\W*$")


def _specific(folded: str) -> bool:
    """Whether `folded` names issue reporting, not another kind of report."""
    match = REPORT_WORDS.search(folded)
    if not match or OTHER_REPORTS.search(folded):
        return False
    return not GENERIC.fullmatch(match.group(0)) or bool(PUBLIC_SPACE.search(folded) or GENERIC_ALONE.match(folded))


def _from_link(page: Page, link: Link, context: str) -> Observation | None:
    if not followable(link) or link.document or OTHER_REPORTS.search(link.folded):
        return None
    if not link.internal and host_contains(link.url, REPORTING_HOSTS) and not host_of(link.url).endswith("gouv.fr"):
        return link_observation(ISSUES, page, link, 0.9, kind="host")
    if not _specific(link.folded):
        return None
    generic = GENERIC.fullmatch(REPORT_WORDS.search(link.folded).group(0)) and not PUBLIC_SPACE.search(link.folded)
    if generic:
        return link_observation(ISSUES, page, link, 0.6 if not OTHER_REPORTS.search(context) else 0.0)
    return link_observation(ISSUES, page, link, 0.8)


def _report_form(page: Page, form: Form, context: str) -> Observation | None:
    """A form to report an issue: several fields, on a page or in a form that names reporting."""
    visible = [f for f in form.fields if f.type not in ("hidden", "submit", "button", "reset", "image")]
    if len(visible) < 2 or any(f.type == "password" for f in visible):
        return None
    if _specific(context) or (REPORT_WORDS.search(form.text) and PUBLIC_SPACE.search(form.text) and not OTHER_REPORTS.search(form.text)):
        return Observation(ISSUES, page.url, element_excerpt(form.element), "form", locator(form.element), 0.85)
    return None


def observe(page: Page) -> Iterator[Observation]:
    context = headline(page)
    found: list[Observation | None] = [_from_link(page, link, context) for link in page.links]
    found.extend(_report_form(page, form, context) for form in page.forms)
    if _specific(context):
        found.append(headline_observation(ISSUES, page, REPORT_WORDS, 0.6))
    if not OTHER_REPORTS.search(context):
        found.append(text_observation(ISSUES, page, SPECIFIC, 0.3, context=PUBLIC_SPACE))
    yield from strongest(o for o in found if o is None or o.strength > 0)


def decide(observations: list[Observation], site: SiteFacts | None) -> dict[str, Answer]:
    return {ISSUES: answer(observations, ISSUES)}
