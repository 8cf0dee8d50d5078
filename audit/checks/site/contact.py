"""Contact : page « Contact » / « Nous contacter », formulaire de contact, ou adresse mail sur l'accueil."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlsplit

from audit.artifacts.page import Form, Page
from audit.artifacts.text import fold, words_pattern
from audit.checks.common.civic_vocab import section_of
from audit.checks.framework.decide import presence, strongest_per_kind
from audit.checks.framework.evidence import element_excerpt, excerpt, locator
from audit.checks.framework.model import Answer, Observation, SiteFacts
from audit.checks.framework.observe import from_link
from audit.checks.site.sitemap import real_target

CRITERIA = ("site.contact",)
NEEDS = frozenset({"html"})

#: Link texts and page titles naming a contact page or form.
CONTACT_WORDS = words_pattern(
    "nous contacter", "contactez(?:[- ]nous)?", "contacter", "formulaire de contact", "prise de contact",
    "prendre contact", "ecrire (?:a|au|aux) (?:la mairie|monsieur le maire|madame (?:la|le) maire|m\\. le maire"
    "|mme le maire|le maire|maire|services?|elus?|la ville|la commune)", "ecrivez[- ]nous", "nous ecrire",
    "joindre la mairie", "nous joindre", "posez votre question", "formulaire de demande d'information",
)
#: The bare word names a contact page only in a short label ("Contact", "Horaires et contacts").
CONTACT_WORD = words_pattern("contacts?")
MAX_BARE_WORDS = 4
#: A link to a municipal directory of contact details is a contact page too, if less clearly so.
CONTACT_DETAILS_WORDS = words_pattern("coordonnees(?: de la mairie| et horaires)?", "horaires et coordonnees")
#: Contact words that do not mean "contact the town" ("lentilles de contact", "contact presse" is fine).
NOT_CONTACT = words_pattern("lentilles? de contact", "sans contact", "cas contacts?", "contact tracing")
#: Links are menu entries, not article sentences.
MAX_LINK_CHARS = 50
#: Page titles end with the site name: "Contact - Ville de X".
TITLE_SEPARATORS = re.compile(r"\s+[-|–—:»/]\s+")
#: Site-wide regions: a "Contact" link there is the town's, not an association's in a listing.
SITE_REGIONS = frozenset({"nav", "header", "footer"})
CONTACT_PATH = re.compile(r"/(?:nous-)?contact(?:ez-nous|er)?(?:[-_./?]|$)|/ecrire-a|formulaire-de-contact", re.I)
#: An e-mail address or a French phone number written out.
REACH = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+|(?<!\d)0\d(?:[ .-]?\d\d){4}(?!\d)|\+33 ?\d")
#: Form field names and labels of a sender address.
EMAIL_FIELD = re.compile(r"e-?mail|courriel|mail|adresse electronique", re.I)
#: Forms that take a message but are no contact form: blog comments, login, newsletter.
NOT_CONTACT_FORM = re.compile(r"comment-?form|wp-comments-post|commentform|reply|newsletter|login|connexion", re.I)

#: An e-mail address is a way to write, not the contact page or form the grid asks for: alone, it is not enough.
STRENGTH = {"page": 0.95, "form": 0.9, "section": 0.9, "link": 0.9, "path": 0.6, "details": 0.6, "named_mailto": 0.45, "mailto": 0.3}


def _is_contact_form(form: Form) -> bool:
    """A form with a sender address and a free-text message, that is not a comment box or login."""
    marks = f"{form.element.get('id') or ''} {form.element.get('class') or ''} {form.action}"
    if NOT_CONTACT_FORM.search(marks) or any(f.type == "password" for f in form.fields):
        return False
    has_message = any(f.tag == "textarea" for f in form.fields)
    has_email = any(
        f.type == "email" or EMAIL_FIELD.search(f.name) or EMAIL_FIELD.search(fold(f.label))
        for f in form.fields if f.tag == "input"
    )
    if any(f.tag == "textarea" and "comment" in f.name and "commentaire" not in f.name for f in form.fields):
        return False
    return has_message and has_email


def _names_contact(folded: str) -> bool:
    """Whether a short label (link text, page title) names a contact page or form."""
    if not folded or len(folded) > MAX_LINK_CHARS or NOT_CONTACT.search(folded):
        return False
    return bool(CONTACT_WORDS.search(folded)) or (
        len(folded.split()) <= MAX_BARE_WORDS and bool(CONTACT_WORD.search(folded))
    )


def observe(page: Page) -> Iterator[Observation]:
    h1 = next((text for level, text in page.headings if level == 1), "")
    title = TITLE_SEPARATORS.split(page.title)[0] if page.title else ""
    reachable = bool(page.forms) or REACH.search(page.text) is not None or any(
        link.href.lower().startswith(("mailto:", "tel:")) for link in page.links)
    for name in (title, h1):
        if _names_contact(fold(name)) and reachable:
            # A contact page gives a way to reach someone: a form, an address to write to, a number to call.
            yield Observation("site.contact", page.url, excerpt(name), kind="page", strength=STRENGTH["page"])
            break
    section = _contact_section(page)
    if section is not None:
        yield section
    for form in page.forms:
        if _is_contact_form(form):
            yield Observation("site.contact", page.url, element_excerpt(form.element), kind="form",
                              locator=locator(form.element), strength=STRENGTH["form"])
            break
    yield from _contact_links(page)


def _contact_section(page: Page) -> Observation | None:
    """A heading « Contact » over a way to reach the mairie (e-mail, phone): one-page sites' contact page.

    The heading alone is a name; the section must give the address to write to or the number to call.
    """
    for heading in page.tree.iter("h1", "h2", "h3"):
        if not _names_contact(fold(heading.text_content())):
            continue
        members = section_of(heading)[1:]
        text = " ".join(m.text_content() for m in members)
        reach = any(a.get("href", "").lower().startswith(("mailto:", "tel:")) for m in members for a in m.iter("a"))
        if reach or REACH.search(text):
            return Observation("site.contact", page.url, excerpt(f"{heading.text_content().strip()} — {text.strip()}"),
                               kind="section", locator=locator(heading), strength=STRENGTH["section"])
    return None


def _contact_links(page: Page) -> Iterator[Observation]:
    """The best contact link of the page: one named so, else one whose address says so, else a mailto."""
    fallback: Observation | None = None
    for link in page.links:
        if link.href.lower().startswith("mailto:") and "@" in link.href:
            if _names_contact(link.folded) and (page.is_home or link.region in SITE_REGIONS):
                yield from_link("site.contact", page, link, STRENGTH["named_mailto"], kind="mailto")
                return
            if page.is_home and fallback is None:
                fallback = from_link("site.contact", page, link, STRENGTH["mailto"], kind="mailto",
                                     weigh_region=False)
            continue
        if not real_target(link):
            continue
        if _names_contact(link.folded) and (link.internal or link.region in SITE_REGIONS):
            yield from_link("site.contact", page, link, STRENGTH["link"], kind="link", value=link.url)
            return
        if link.internal and len(link.folded) <= MAX_LINK_CHARS and CONTACT_DETAILS_WORDS.search(link.folded):
            fallback = from_link("site.contact", page, link, STRENGTH["details"], kind="link", value=link.url)
        elif link.internal and len(link.folded.split()) <= MAX_BARE_WORDS and CONTACT_PATH.search(
            urlsplit(link.url).path
        ) and (
            fallback is None or fallback.kind == "mailto"
        ):
            fallback = from_link("site.contact", page, link, STRENGTH["path"], kind="link", value=link.url)
    if fallback is not None:
        yield fallback


def decide(observations: list[Observation], site: SiteFacts | None) -> dict[str, Answer]:
    # Many pages repeat the same footer link: keep the best sighting of each kind.
    best = strongest_per_kind(observations)
    answer = presence(list(best.values()), "site.contact")
    if answer.status == "present":
        answer.evidence = presence(observations, "site.contact").evidence
    return {"site.contact": answer}
