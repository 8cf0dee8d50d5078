"""Paiement en ligne : PayFiP / TIPI, portail famille, passerelles de paiement par carte."""

from __future__ import annotations

import re
from collections.abc import Iterator

from audit.artifacts.page import Link, Page
from audit.artifacts.text import words_pattern
from audit.artifacts.urls import canonical, host_matches
from audit.checks.common.procedures_vocab import (
    FAMILY_PORTAL_HOSTS, FAMILY_PORTAL_WORDS, PAY_WORDS, answer, followable, headline, host_contains, is_news,
    link_observation, negated, prose, strongest, text_observation,
)
from audit.checks.framework.evidence import element_excerpt, excerpt, locator
from audit.checks.framework.model import Answer, Observation, SiteFacts

CRITERIA = ("payment.payfip", "payment.online")
NEEDS = frozenset({"html"})

PAYFIP = "payment.payfip"
ONLINE = "payment.online"
#: Means of payment, in the order the value lists them.
MEANS = ("payfip", "family_portal", "card_gateway", "other")

PAYFIP_HOSTS = ("payfip.gouv.fr", "tipi.budget.gouv.fr", "tipi.gouv.fr")
#: "PayFiP" names only the service; "TIPI" is also a tent, so it needs a payment word beside it.
PAYFIP_NAME = words_pattern("payfip", "pay fip", "titres? payables? par internet")
TIPI_NAME = words_pattern("tipi")
#: Card payment gateways, matched inside the host (``tpeweb.e-transactions.fr``, ``js.stripe.com``).
CARD_GATEWAY_HOSTS = (
    "paybox", "systempay", "lyra.com", "lyra-network", "payzen", "stripe.com", "paypal.", "ogone",
    "monetico", "e-transactions.fr", "up2pay", "sips-atos", "sips-services", "mercanet", "payline",
    "hipay", "sogecommerce", "scellius", "sherlocks", "cybermut", "payplug", "adyen", "mollie",
)
CARD_WORDS = words_pattern(
    "paiements? securises? (?:en ligne )?par carte(?: bancaire)?", "paiement par carte bancaire en ligne",
    "payer (?:en ligne )?par carte bancaire(?: en ligne| sur internet)",
)
#: Paying online, in the words of a link or a sentence.
ONLINE_WORDS = words_pattern(
    "paiements? en ligne", "paiements? par internet", "paiements? sur internet", "paiements? dematerialises?",
    "pay(?:er|ez) (?:[a-z']+ ){0,4}en ligne", "pay(?:er|ez) (?:[a-z']+ ){0,4}(?:par|sur) internet",
    "regl(?:er|ez|ement) (?:[a-z']+ ){0,4}en ligne", "e-?paiements?", "telepaiements?",
    "pay(?:er|ez) (?:ma|mes|votre|vos|sa|ses|une|la|les) factures?", "regl(?:er|ez) (?:ma|mes|votre|vos|ses) factures?",
    "paiement des factures", "espace (?:de )?paiement", "paiement securise",
)


#: Paying, strictly: "consulter vos factures" on a portal is not paying there.
PAYING = words_pattern(
    "payer", "payez", "paiements?", "regler", "reglez", "reglements?", "carte bancaire", "payables?", "s'acquitter",
)
#: Paying elsewhere than online, in the same clause ("le paiement se fait en mairie").
OFFLINE_MEANS = words_pattern(
    "en mairie", "a la mairie", "au guichet", "a l'accueil", "sur place", "par cheques?", "en especes", "en numeraire",
    "tresor public", "tresorerie", "centre des finances publiques", "bureau de tabac", "buraliste",
)
#: Kind of the mark left by a page about paying that says online payment is not offered.
DENIED = "denied"
_CLAUSE = re.compile(r"[,;:.!?()]| mais | cependant | toutefois ")
_SENTENCE = re.compile(r"[.;!?](?:\s|$)")


def _pays_there(folded: str) -> re.Match[str] | None:
    """The first paying word of `folded` that is neither denied nor tied, in its clause, to an offline means."""
    for match in PAYING.finditer(folded):
        if negated(folded, match.start(), match.end()):
            continue
        starts = [m.end() for m in _CLAUSE.finditer(folded, 0, match.start())]
        stop = _CLAUSE.search(folded, match.end())
        clause = folded[starts[-1] if starts else 0 : stop.start() if stop else len(folded)]
        if not OFFLINE_MEANS.search(clause):
            return match
    return None


def _payfip_named(folded: str) -> bool:
    """Whether `folded` names PayFiP (or TIPI beside a payment word)."""
    return bool(PAYFIP_NAME.search(folded) or (TIPI_NAME.search(folded) and PAY_WORDS.search(folded)))


def _family_portal(link: Link) -> bool:
    return bool(host_contains(link.url, FAMILY_PORTAL_HOSTS) or FAMILY_PORTAL_WORDS.search(link.folded))


def _from_link(page: Page, link: Link, context: str) -> Iterator[Observation | None]:
    """PayFiP and online-payment sightings of one link; `context` is the page's folded headline."""
    if not followable(link) or link.document:
        return
    if host_matches(link.url, PAYFIP_HOSTS):
        yield link_observation(PAYFIP, page, link, 0.95, kind="host")
        return
    if _payfip_named(link.folded):
        yield link_observation(PAYFIP, page, link, 0.85)
        return
    if TIPI_NAME.search(link.folded) and PAY_WORDS.search(context):
        yield link_observation(PAYFIP, page, link, 0.7)
        return
    if host_contains(link.url, CARD_GATEWAY_HOSTS):
        yield link_observation(ONLINE, page, link, 0.85, kind="host", value="card_gateway")
        return
    paying = ONLINE_WORDS.search(link.folded)
    if _family_portal(link) and (paying or PAY_WORDS.search(link.folded)):
        yield link_observation(ONLINE, page, link, 0.85, value="family_portal")
    elif _family_portal(link) and _pays_there(link.block):
        yield link_observation(ONLINE, page, link, 0.75, kind="portal-sentence", value="family_portal")
    elif paying:
        value = "family_portal" if _family_portal(link) else "other"
        yield link_observation(ONLINE, page, link, 0.75 if not link.internal else 0.7, value=value)


def _from_markup(page: Page) -> Iterator[Observation]:
    """Payment forms, widgets and scripts posting to PayFiP or a card gateway."""
    targets = [(form.action, form.element) for form in page.forms]
    targets += [(embed.url, embed.element) for embed in page.embeds]
    for url, element in targets:
        if host_matches(url, PAYFIP_HOSTS):
            yield Observation(PAYFIP, page.url, element_excerpt(element), "form", locator(element), 0.95)
        elif host_contains(url, CARD_GATEWAY_HOSTS):
            yield Observation(
                ONLINE, page.url, element_excerpt(element), "form", locator(element), 0.9, "card_gateway",
            )
    for src in page.scripts:
        if host_contains(src, CARD_GATEWAY_HOSTS):
            yield Observation(ONLINE, page.url, src, "script", None, 0.8, "card_gateway")


def _from_text(page: Page) -> Iterator[Observation | None]:
    """Sentences that say one can pay online; weak alone, and never when denied or announced."""
    yield text_observation(PAYFIP, page, PAYFIP_NAME, 0.6)
    yield text_observation(PAYFIP, page, TIPI_NAME, 0.5, context=PAY_WORDS)
    yield text_observation(ONLINE, page, CARD_WORDS, 0.45, value="card_gateway")
    portal_page = bool(FAMILY_PORTAL_WORDS.search(headline(page)))
    text, folded = prose(page)
    for match in ONLINE_WORDS.finditer(folded):
        if negated(folded, match.start(), match.end()):
            continue
        near_portal = FAMILY_PORTAL_WORDS.search(folded, max(0, match.start() - 150), match.end() + 150)
        strength, value = (0.6, "family_portal") if near_portal or portal_page else (0.35, "other")
        yield Observation(ONLINE, page.url, excerpt(text, match.group(0)), "text", None, strength, value)
        return
    yield _portal_payment_sentence(page)


def _portal_payment_sentence(page: Page) -> Observation | None:
    """A sentence saying the family portal takes payments ("inscriptions et paiement se font sur le portail")."""
    if is_news(page.url):
        return None
    text, folded = prose(page)
    for match in FAMILY_PORTAL_WORDS.finditer(folded):
        starts = [m.end() for m in _SENTENCE.finditer(folded, max(0, match.start() - 300), match.start())]
        stop = _SENTENCE.search(folded, match.end())
        start = starts[-1] if starts else max(0, match.start() - 300)
        sentence = folded[start : stop.start() if stop else match.end() + 300]
        if not negated(folded, match.start(), match.end()) and _pays_there(sentence):
            snippet = excerpt(text, match.group(0))
            return Observation(ONLINE, page.url, snippet, "portal-sentence", None, 0.5, "family_portal")
    return None


def _denial(page: Page) -> Observation | None:
    """A mark for a page about paying that says online payment is not offered ("pas de paiement en ligne")."""
    if not PAY_WORDS.search(headline(page)):
        return None
    text, folded = prose(page)
    for match in ONLINE_WORDS.finditer(folded):
        if negated(folded, match.start(), match.end()):
            return Observation(ONLINE, page.url, excerpt(text, match.group(0)), DENIED, None, 0.0)
    return None


def observe(page: Page) -> Iterator[Observation]:
    denial = _denial(page)
    if denial is not None:
        yield denial
    context = headline(page)
    found: list[Observation | None] = []
    for link in page.links:
        found.extend(_from_link(page, link, context))
    found.extend(_from_markup(page))
    found.extend(_from_text(page))
    for criterion in CRITERIA:
        yield from strongest(o for o in found if o is not None and o.criterion == criterion)


def _undenied(observations: list[Observation]) -> list[Observation]:
    """Without the links to, and the sentences of, a page saying online payment is not offered.

    « Payer une facture » leading to « la Ville ne propose pas de paiement en
    ligne » shows the juror who follows it that there is none; a PayFiP link or
    form stays what it is.
    """
    denied = {canonical(o.url) for o in observations if o.kind == DENIED}
    return [
        o for o in observations
        if o.kind != DENIED and (o.kind in ("host", "form", "script") or (
            canonical(o.url) not in denied and (o.target is None or canonical(o.target) not in denied)))
    ]


def decide(observations: list[Observation], site: SiteFacts | None) -> dict[str, Answer]:
    observations = _undenied(observations)
    payfip = answer(observations, PAYFIP)
    online = answer(observations, ONLINE)
    mine = [o for o in observations if o.criterion == ONLINE]
    means = {o.value for o in mine if o.strength >= 0.5} or {o.value for o in mine}
    if online.status != "present":
        means = set()
    if payfip.status == "present":
        means.add("payfip")
        evidence = payfip.evidence + [e for e in online.evidence if online.status == "present"]
        confidence = max(payfip.confidence or 0.0, online.confidence if online.status == "present" else 0.0)
        online = Answer("present", evidence[:5], confidence=confidence)
    if online.status == "present":
        online.value = [m for m in MEANS if m in means]
    return {PAYFIP: payfip, ONLINE: online}

