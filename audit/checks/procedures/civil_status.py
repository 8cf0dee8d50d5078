"""État civil en ligne : demande d'actes de naissance, mariage, décès."""

from __future__ import annotations

import re
from collections.abc import Iterator

from audit.artifacts.page import Form, Link, Page
from audit.artifacts.text import words_pattern
from audit.artifacts.urls import host_matches, host_of
from audit.checks.common.procedures_vocab import (
    INFORMATION, SERVICE_PUBLIC, answer, field_label, followable, form_title, headline, headline_observation, link_observation,
    path_contains, spaced_text, strongest, text_observation,
)
from audit.checks.framework.evidence import element_excerpt, locator
from audit.checks.framework.model import Answer, Observation, SiteFacts

CRITERIA = ("procedures.civil_status",)
NEEDS = frozenset({"html"})

CIVIL = "procedures.civil_status"
#: service-public.fr online requests: birth (R1406), marriage (R1407), death (R1409) certificates.
ONLINE_REQUEST_PATH = re.compile(r"/(?:r1406|r1407|r1409)(?![0-9])")
CERTIFICATE = words_pattern(
    "actes? (?:d'etat civil|de naissance|de mariage|de deces|de reconnaissance)", "etat civil",
    "demandes? d'actes?", "extraits? d'actes?", "copies? (?:integrales?|d'actes?)", "livret de famille",
)
ONLINE = words_pattern("en ligne", "par internet", "sur internet", "dematerialisee?s?", "teleservices?", "formulaire")
#: A request for a certificate made online, in one phrase.
ONLINE_REQUEST = words_pattern(
    "(?:demandes?|demander|obtenir|commander|commandes?) (?:[a-z']+ ){0,6}(?:d'|l')?(?:actes?|extraits?|copies?) (?:[a-z']+ ){0,6}en ligne",
    "(?:actes?|extraits?|copies?) (?:d'etat civil|de naissance|de mariage|de deces) en ligne",
    "etat civil en ligne", "demandes? d'actes? en ligne", "demarches? d'etat civil en ligne",
    "(?:demande|demander|obtenir) (?:[a-z']+ ){0,3}en ligne (?:[a-z']+ ){0,3}(?:un |une |des |vos )?(?:actes?|extraits?|copies?)",
)
COMEDEC = words_pattern("comedec")
#: Form fields of a certificate request.
REQUEST_FIELDS = words_pattern(
    "types? d'actes?", "nature de l'acte", "actes? de naissance", "actes? de mariage", "actes? de deces", "date de l'evenement",
    "filiation", "copies? integrales?", "actes? (?:demandes?|souhaites?|concernes?)",
    "extraits? (?:d'actes?|avec|sans|plurilingues?)", "lieu de l'evenement",
)
#: What a form on a civil-status page asks for, in its title or labels.
CERTIFICATE_ASKED = words_pattern("actes?", "extraits?", "copies?", "livret de famille")
NOT_TYPED = frozenset({"hidden", "submit", "button", "reset", "image"})


def _from_link(page: Page, link: Link, about_certificates: bool) -> Observation | None:
    if not followable(link) or link.document:
        return None
    if host_matches(link.url, SERVICE_PUBLIC):
        if path_contains(link.url, ONLINE_REQUEST_PATH):
            return link_observation(CIVIL, page, link, 0.95, kind="service-public")
        if CERTIFICATE.search(link.folded) and ONLINE.search(link.folded):
            return link_observation(CIVIL, page, link, 0.75, kind="service-public")
        if about_certificates or CERTIFICATE.search(link.folded):
            # An information sheet ("Acte de naissance : comment l'obtenir ?") explains, it requests nothing.
            return link_observation(CIVIL, page, link, 0.4, kind=INFORMATION)
        return None
    if ONLINE_REQUEST.search(link.folded):
        return link_observation(CIVIL, page, link, 0.8 if not link.internal else 0.7)
    if CERTIFICATE.search(link.folded) and not link.internal and not host_of(link.url).endswith("gouv.fr"):
        return link_observation(CIVIL, page, link, 0.75 if ONLINE.search(link.folded) else 0.6)
    return None


def _request_form(page: Page, form: Form, about_certificates: bool) -> Observation | None:
    """An HTML form on the site that requests a certificate.

    Read as a visitor reads it: labels wrapping their control, the options of
    a "Type d'acte" list, the form's legend or heading. Several fields, one
    naming the certificate; on a civil-status page, a form whose title or
    labels ask for an "acte" or an "extrait" is enough.
    """
    visible = [f for f in form.fields if f.type not in NOT_TYPED]
    if len(visible) < 3 or any(f.type == "password" for f in form.fields) or form.role == "search":
        return None
    labels = " | ".join(field_label(form, f) for f in visible)
    if REQUEST_FIELDS.search(spaced_text(form.element)) or REQUEST_FIELDS.search(labels):
        strength = 0.85
    elif about_certificates and (CERTIFICATE_ASKED.search(form_title(form)) or CERTIFICATE_ASKED.search(labels)):
        strength = 0.7
    else:
        return None
    return Observation(CIVIL, page.url, element_excerpt(form.element), "form", locator(form.element), strength)


def observe(page: Page) -> Iterator[Observation]:
    about = bool(CERTIFICATE.search(headline(page)))
    found: list[Observation | None] = [_from_link(page, link, about) for link in page.links]
    found.extend(_request_form(page, form, about) for form in page.forms)
    found.append(headline_observation(CIVIL, page, ONLINE_REQUEST, 0.6))
    found.append(text_observation(CIVIL, page, ONLINE_REQUEST, 0.35 if about else 0.25))
    found.append(text_observation(CIVIL, page, COMEDEC, 0.45))
    yield from strongest(found)


def decide(observations: list[Observation], site: SiteFacts | None) -> dict[str, Answer]:
    return {CIVIL: answer(observations, CIVIL)}
