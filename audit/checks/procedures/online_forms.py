"""Formulaires en ligne : demandes à la mairie (salle, subvention, voirie, contact avec objet)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from audit.artifacts.page import Form, Link, Page
from audit.artifacts.text import fold, words_pattern
from audit.artifacts.urls import host_matches, host_of
from audit.checks.common.procedures_vocab import (
    SPECIALISED_HOSTS, SPECIALISED_WORDS, answer, field_label, followable, form_title, headline, host_contains, link_observation,
    path_contains, spaced_text, specialised_procedure, strongest,
)
from audit.checks.framework.evidence import element_excerpt, locator
from audit.checks.framework.model import Answer, Observation, SiteFacts

CRITERIA = ("procedures.online_forms",)
NEEDS = frozenset({"html"})

FORMS = "procedures.online_forms"
NOT_TYPED = frozenset({"hidden", "submit", "button", "reset", "image"})
#: Third-party form services, matched inside the host.
FORM_HOSTS = (
    "framaforms", "typeform", "forms.gle", "jotform", "forms.office.com", "forms.microsoft.com",
    "demarches-simplifiees.fr", "tally.so", "cognitoforms", "123formbuilder", "wufoo", "eudonet", "formstack",
    "mesdemarches", "mes-demarches", "limesurvey", "framadate",
)
GOOGLE_FORMS = re.compile(r"^/forms/")
#: Field names and labels of who is asking.
IDENTITY = words_pattern(
    "nom", "prenom", "name", "lastname", "firstname", "e-?mail", "courriel", "mail", "adresse electronique",
    "telephone", "tel", "phone", "identite", "raison sociale", "association",
)
#: Field names and labels of what is asked: a request, not a message in a bottle.
SUBJECT = words_pattern(
    "objet", "sujet", "subject", "motif", "type de (?:la )?demande", "nature de (?:la |votre )?demande", "votre demande",
    "service (?:concerne|destinataire)", "destinataire", "categorie", "thematique", "type d'intervention",
    "date (?:souhaitee|de la manifestation|de l'evenement|de reservation)", "salle", "lieu de l'intervention",
    "pieces? jointes?", "justificatifs?",
)
#: Page or form headings that name a request ("Demande de réservation de salle"). A contact page is not one:
#: a name, an e-mail and a message make a letter, and the grid counts a contact form only with a subject.
REQUEST_HEADLINE = words_pattern(
    "formulaires? de demande", "demandes? (?:de |d'|du |des )[a-z]+", "reservations? (?:de |d'|du |des )[a-z]+",
    "inscriptions?", "signal(?:er|ement)", "formulaires? en ligne", "faire une demande",
    "occupation (?:[a-z']+ ){0,2}(?:du|de l') (?:domaine|espace) public",
    "subventions?", "autorisations?",
)
#: Forms that are not requests: newsletter, comments, consent, surveys.
OTHER_PURPOSE = words_pattern(
    "newsletter", "lettre d'(?:information|info|actualites?)", "abonnez-vous", "s'abonner", "inscription a la lettre",
    "laisser un commentaire", "votre commentaire", "cookies?", "sondage", "mot de passe", "se connecter",
    "connexion", "identifiant",
)
#: Fields of a payment form ("Montant demandé" alone is a subsidy request, not a payment).
PAYMENT_FIELDS = words_pattern(
    "montant (?:a payer|a regler|du paiement|de la facture|du reglement)", "numero de facture",
    "reference (?:de la )?facture", "numero de titre", "carte bancaire", "numero de (?:la )?carte", "cryptogramme", "date d'expiration",
)
COMMENT_ACTION = re.compile(r"wp-comments-post|/comment", re.I)
#: Link text announcing an online request form (the target may sit on another site).
FORM_LINK = words_pattern(
    "formulaires? (?:de demande|en ligne|de contact|de reservation|d'inscription|de signalement)",
    "(?:faire|effectuer|deposer|formuler|adresser) (?:une|votre|ma|sa) demande en ligne", "formulaires? de demande en ligne",
    "formulaires? (?:de|d') (?:demande|reservation|inscription) (?:[a-z']+ ){0,5}",
)
SURVEY = words_pattern("sondage", "questionnaire", "enquete", "consultation")
#: State procedures (passports, certificates) are online, but they are not requests to the town hall.
STATE_SUFFIXES = ("gouv.fr", "service-public.fr")


def _request_strength(form: Form, page_headline: str) -> float:
    """How surely `form` is a request to the town hall (0 for search, login, newsletter, comments...).

    Fields are read by what a visitor sees (wrapping labels, legends,
    placeholders, names). A request is told by a subject-like field, or by its
    purpose: the form's legend or heading, or the page title ("Demande de
    subvention", "Réservation de salle").
    """
    visible = [f for f in form.fields if f.type not in NOT_TYPED]
    if len(visible) < 3 or any(f.type == "password" for f in visible) or form.role == "search":
        return 0.0
    if all(f.type in ("checkbox", "radio") for f in visible) or COMMENT_ACTION.search(form.action):
        return 0.0
    if host_contains(form.action, SPECIALISED_HOSTS):
        return 0.0
    labels = [field_label(form, f) for f in visible]
    if any(PAYMENT_FIELDS.search(label) for label in labels):
        return 0.0
    identity = any(IDENTITY.search(label) or f.type in ("email", "tel") for f, label in zip(visible, labels))
    if not identity:
        return 0.0
    subject = any(SUBJECT.search(label) for label in labels)
    title = form_title(form)
    if OTHER_PURPOSE.search(f"{title} {spaced_text(form.element)[:400]}") and not subject:
        return 0.0
    free_text = any(f.tag in ("textarea", "select") for f in visible)
    if REQUEST_HEADLINE.search(title) or (subject and free_text):
        return 0.85
    if REQUEST_HEADLINE.search(page_headline):
        return 0.85 if free_text else 0.7
    return 0.45 if free_text else 0.0


def _from_link(page: Page, link: Link, page_topic: str) -> Observation | None:
    """A form service, or a link announcing a request form; not the specialised procedures of other criteria.

    "Déposer ma demande en ligne" leaving an urbanism page is the planning desk,
    judged by its own criterion: `page_topic` (folded title and h1) tells.
    """
    if not followable(link) or link.document or specialised_procedure(link):
        return None
    service = host_contains(link.url, FORM_HOSTS) or (
        host_matches(link.url, ("docs.google.com",)) and path_contains(link.url, GOOGLE_FORMS)
    )
    if service:
        strength = 0.3 if SURVEY.search(link.folded) else 0.75
        return link_observation(FORMS, page, link, strength, kind="service")
    if not link.internal and SPECIALISED_WORDS.search(page_topic):
        return None
    if FORM_LINK.search(link.folded) and not host_of(link.url).endswith(STATE_SUFFIXES):
        return link_observation(FORMS, page, link, 0.6 if not link.internal else 0.5)
    return None


def observe(page: Page) -> Iterator[Observation]:
    page_headline = headline(page)
    page_topic = " | ".join([page.folded_title] + [fold(text) for level, text in page.headings if level == 1])
    found: list[Observation | None] = [_from_link(page, link, page_topic) for link in page.links]
    for form in page.forms:
        strength = _request_strength(form, page_headline)
        if strength:
            found.append(Observation(FORMS, page.url, element_excerpt(form.element), "form", locator(form.element), strength))
    for embed in page.embeds:
        if host_contains(embed.url, FORM_HOSTS) or (
            host_matches(embed.url, ("docs.google.com",)) and path_contains(embed.url, GOOGLE_FORMS)
        ):
            # An embedded questionnaire is an opinion survey (a consultation), not a request to the town hall.
            survey = SURVEY.search(f"{fold(embed.element.get('title') or '')} {page_topic}")
            found.append(Observation(FORMS, page.url, element_excerpt(embed.element), "embed", locator(embed.element),
                                     0.3 if survey else 0.85))
    yield from strongest(found)


def decide(observations: list[Observation], site: SiteFacts | None) -> dict[str, Answer]:
    return {FORMS: answer(observations, FORMS)}
