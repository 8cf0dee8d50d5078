"""Lettre d'information : formulaire ou page d'abonnement à la newsletter de la commune."""

from __future__ import annotations

import re
from collections.abc import Iterator

from lxml.html import HtmlElement

from audit.artifacts.page import Form, Link, Page
from audit.artifacts.text import fold, words_pattern
from audit.artifacts.urls import host_matches
from audit.checks.framework.decide import confidence_of, evidence_of, strongest_per_kind
from audit.checks.framework.evidence import element_excerpt, excerpt, locator
from audit.checks.framework.model import Answer, Observation, SiteFacts
from audit.checks.framework.observe import from_link

CRITERIA = ("social.newsletter",)
NEEDS = frozenset({"html"})

#: Names of an e-mail letter: these words mean one receives it by e-mail.
NEWSLETTER = words_pattern(
    "newsletters?", "news letters?", "infolettres?", "info-lettres?", "lettres? electroniques?", "e-?lettres?",
    "lettres? numeriques?", "e-?newsletters?", "mailing-?list", "liste de diffusion",
)
#: Names that may as well be a paper or PDF letter: weaker alone.
LETTER = words_pattern("lettres? d'informations?", "lettres? d'infos?", "lettres? hebdo(?:madaire)?", "lettres? mensuelles?")
#: Words of subscribing (with or without the thing's name).
SUBSCRIBE = words_pattern(
    "s'abonner", "abonnez-vous", "abonnement", "s'inscrire", "inscrivez-vous", "inscription", "je m'abonne",
    "je m'inscris", "recevoir (?:nos|les|toute l'|l')?\\s?(?:actualites|actus|informations|infos|nouvelles)",
    "restez informes?", "tenez-vous informes?", "subscribe",
)
#: Mailing services that host subscription forms (Brevo/Sendinblue, Mailchimp, Mailjet...).
MAILING_HOSTS = (
    "sibforms.com", "sendinblue.com", "brevo.com", "list-manage.com", "mailchimp.com", "eepurl.com",
    "mailjet.com", "mjt.lu", "mailerlite.com", "mlsend.com", "sarbacane.com", "createsend.com",
    "cmail19.com", "cmail20.com", "mailpoet.com", "sendy.co", "ymlp.com", "mailup.com", "substack.com",
    "cleverreach.com", "dolist.net", "mailify.com", "sarbacane.fr", "kiosque-newsletter.fr",
)
#: Form markup of newsletter plugins (WordPress MailPoet, Newsletter, Jetpack subscriptions...).
PLUGIN_MARKUP = re.compile(r"mailpoet|newsletter|mc4wp|mailchimp|sib[-_]form|sendinblue|jetpack_subscri|mc-embedded", re.I)
EMAIL_NAMES = re.compile(r"e-?mail|courriel|electronique")
#: "par e-mail": subscribing to news by e-mail without naming a letter.
BY_EMAIL = words_pattern("par (?:e-?)?mail", "par courriel", "dans votre boite (?:mail|aux lettres electronique)")
SUBSCRIBE_URL = re.compile(r"inscription|abonnement|subscri|s-abonner|sabonner", re.I)
#: Sentences saying one cannot subscribe.
NEGATION = words_pattern(
    r"(?:newsletter|lettre d'information)s? (?:n'est|ne sont|n'existe) (?:pas|plus)",
    r"(?:pas|plus|aucune) de (?:newsletter|lettre d'information)",
)
#: Paper publications and archives: they name an issue, not a subscription.
ISSUE = words_pattern(r"n ?° ?\d+", r"numero \d+", r"no\.? ?\d+", r"\d{4}")


def _email_field(form: Form) -> bool:
    return any(
        f.type == "email" or (f.type == "text" and EMAIL_NAMES.search(f"{f.name} {fold(f.label)}"))
        for f in form.fields
    )


def _form_strength(form: Form) -> float:
    """How much a form is a newsletter subscription (0 for login, search, contact or order forms)."""
    kinds = [f.type for f in form.fields]
    if "password" in kinds or "search" in kinds or form.role == "search" or "textarea" in kinds:
        return 0.0
    markup = f"{form.action} {form.element.get('id') or ''} {form.element.get('class') or ''}"
    vendor = host_matches(form.action, MAILING_HOSTS) if form.action.startswith("http") else None
    visible = [f for f in form.fields if f.type not in ("hidden", "submit", "button", "checkbox", "radio", "image", "reset")]
    if len(visible) > 4:
        return 0.0  # a registration or contact form, not a subscription
    context = f"{form.text} {_heading_before(form)} {' '.join(fold(f.label) for f in form.fields)}"
    named = NEWSLETTER.search(context) or LETTER.search(context) or PLUGIN_MARKUP.search(markup) or vendor
    subscribing = SUBSCRIBE.search(context)
    if NEGATION.search(context):
        return 0.0
    if not _email_field(form):
        # A button sending to the mailing service's own page, where the address is typed.
        return 0.9 if vendor else 0.8 if named and subscribing and not visible else 0.0
    if named:
        return 0.95
    if subscribing:
        return 0.85
    return 0.45 if len(visible) <= 2 else 0.0  # a lone e-mail box: probably a subscription


def _heading_before(form: Form) -> str:
    """Folded text of the nearest heading above the form, within its few parent blocks."""
    node = form.element
    for _ in range(3):
        parent = node.getparent()
        if parent is None:
            break
        for el in parent.iter("h1", "h2", "h3", "h4", "h5", "h6", "legend", "strong", "p"):
            if el is not form.element and form.element not in el.iterancestors():
                text = fold(el.text_content())
                if NEWSLETTER.search(text) or LETTER.search(text) or SUBSCRIBE.search(text):
                    return text[:200]
        node = parent
    return ""


def _subscribe_control(page: Page) -> HtmlElement | None:
    """A subscribe button or a newsletter e-mail box outside any form (scripted widgets)."""
    for el in page.tree.iter("button", "input"):
        kind = (el.get("type") or "").lower()
        if el.tag == "input" and kind not in ("", "text", "email", "submit", "button"):
            continue
        label = fold(" ".join(filter(None, (
            el.text_content() if el.tag == "button" else el.get("value"), el.get("aria-label"), el.get("title"),
        ))))
        names = f"{el.get('name') or ''} {el.get('id') or ''}".lower()
        named = NEWSLETTER.search(label) or LETTER.search(label)
        if (named and SUBSCRIBE.search(label)) or (el.tag == "input" and kind != "submit" and "newsletter" in names):
            return el
    return None


def _link_strength(link: Link) -> float:
    """How much a link shows one can subscribe: a labelled subscription page, or a mailing service."""
    if NEGATION.search(link.folded):
        return 0.0
    vendor = host_matches(link.url, MAILING_HOSTS) if link.url.startswith("http") else None
    named = NEWSLETTER.search(link.folded)
    letter = LETTER.search(link.folded)
    subscribing = SUBSCRIBE.search(link.folded)
    if vendor and (named or letter or subscribing):
        return 0.95
    if not (named or letter):
        return 0.75 if subscribing and BY_EMAIL.search(link.folded) else 0.0
    if link.document or ISSUE.search(link.folded):
        return 0.25  # an issue of the letter (often a PDF): published, but no subscription shown
    if link.url.startswith("mailto:"):
        return 0.7 if subscribing else 0.3
    if subscribing or vendor or SUBSCRIBE_URL.search(link.url):
        return 0.85
    return 0.7 if named else 0.45


def observe(page: Page) -> Iterator[Observation]:
    forms = [(s, f) for f in page.forms if (s := _form_strength(f))]
    if forms:
        strength, form = max(forms, key=lambda p: p[0])
        yield Observation(
            "social.newsletter", page.url, element_excerpt(form.element), kind="form",
            locator=locator(form.element), strength=strength, value=form.action,
        )
    control = _subscribe_control(page) if not forms else None
    if control is not None:
        yield Observation(
            "social.newsletter", page.url, element_excerpt(control), kind="form", locator=locator(control),
            strength=0.85,
        )
    for embed in page.embeds:
        if host_matches(embed.url, MAILING_HOSTS):
            yield Observation(
                "social.newsletter", page.url, excerpt(f"{embed.title} → {embed.url}"), kind="form",
                locator=locator(embed.element), strength=0.9, value=embed.url,
            )
            break
    links = [(s, link) for link in page.links if (s := _link_strength(link))]
    if links:
        strength, link = max(links, key=lambda p: p[0])
        yield from_link("social.newsletter", page, link, strength, kind="link", value=link.url)
    title = fold(f"{page.title} {' '.join(h for level, h in page.headings if level == 1)}")
    if (NEWSLETTER.search(title) or LETTER.search(title)) and not ISSUE.search(title):
        strength = 0.7 if SUBSCRIBE.search(title) else 0.5 if NEWSLETTER.search(title) else 0.3
        yield Observation("social.newsletter", page.url, excerpt(page.title or title), kind="page", strength=strength)
        return
    if NEGATION.search(page.folded):
        return
    for pattern in (NEWSLETTER, LETTER):
        for match in pattern.finditer(page.folded):
            if SUBSCRIBE.search(page.folded[max(0, match.start() - 80): match.end() + 80]):
                yield Observation(
                    "social.newsletter", page.url, excerpt(page.text, match.group(0)), kind="text",
                    strength=0.5 if page.is_home else 0.4,
                )
                return


def decide(observations: list[Observation], site: SiteFacts | None) -> dict[str, Answer]:
    """Present when one sighting alone shows a subscription; the confidence combines the best of each kind.

    Repeating a menu link on every page proves nothing more, and a letter's
    archive page plus a link to it still do not show one can subscribe.
    """
    mine = [o for o in observations if o.criterion == "social.newsletter"]
    best = strongest_per_kind(mine)
    combined = confidence_of(list(best.values()))
    if best and max(o.strength for o in best.values()) >= 0.5:
        return {"social.newsletter": Answer("present", evidence_of(best.values()), confidence=combined)}
    return {"social.newsletter": Answer("absent", [], confidence=0.8 * (1 - combined / 2))}
