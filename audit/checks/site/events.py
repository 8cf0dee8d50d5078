"""Agenda : rubrique agenda, événements ou manifestations, événements schema.org, OpenAgenda."""

from __future__ import annotations

from collections.abc import Iterator

from audit.artifacts.page import Page
from audit.artifacts.text import fold, words_pattern
from audit.artifacts.urls import host_matches
from audit.checks.framework.decide import presence
from audit.checks.framework.evidence import excerpt, locator
from audit.checks.framework.model import Answer, Observation, SiteFacts
from audit.checks.framework.observe import from_link

CRITERIA = ("site.events",)
NEEDS = frozenset({"html"})

#: Words that name an events agenda on their own.
STRONG_WORDS = words_pattern(
    "agenda", "agendas", "evenements?", "evenementiel", "manifestations?", "calendrier des (?:fetes|manifestations|animations|evenements|sorties)",
    "fetes et (?:manifestations|ceremonies)", "events?",
)
#: Words that often, but not always, mean an agenda.
WEAK_WORDS = words_pattern(
    "sorties", "sortir", "que faire", "animations", "rendez-vous", "temps forts", "a venir", "a l'affiche",
    "vie culturelle", "spectacles",
)
#: Look-alikes: programmes and procedures named "agenda" / "manifestation", outings that are not events.
TRAPS = words_pattern(
    "agenda 21", "agenda 2030", "agenda d'accessibilite", "ad'ap", "adap", "agenda du maire", "agenda rural",
    "sorties? (?:de|du) territoire", "sorties? scolaires?", "sorties? d'ecole", "declaration", "declarer",
    "demande", "autorisation", "organiser", "organisateurs?", "location", "louer", "salles?", "reserver",
    "evenements? (?:indesirables|climatiques|naturels|meteorologiques)", "debit de boissons", "buvette",
)
MAX_LINK_WORDS = 8
#: Agenda platforms whose links, widgets or scripts show an agenda.
AGENDA_HOSTS = ("openagenda.com", "infolocale.fr", "agenda.brussels")
EVENT_TYPES = frozenset({"event", "festival", "musicevent", "socialevent", "theaterevent", "sportsevent",
                         "exhibitionevent", "childrensevent", "educationevent", "screeningevent", "danceevent",
                         "literaryevent", "comedyevent", "foodevent", "visualartsevent"})


def _strength(folded: str) -> float:
    """How much a short label alone says "this is the events agenda" (0 when it does not)."""
    if not folded or len(folded.split()) > MAX_LINK_WORDS or TRAPS.search(folded):
        return 0.0
    if STRONG_WORDS.search(folded):
        return 0.85
    return 0.45 if WEAK_WORDS.search(folded) else 0.0


def _json_ld_types(node: object) -> Iterator[str]:
    if isinstance(node, dict):
        kind = node.get("@type")
        for k in kind if isinstance(kind, list) else [kind]:
            if isinstance(k, str):
                yield k.lower()
        for child in node.values():
            yield from _json_ld_types(child)
    elif isinstance(node, list):
        for child in node:
            yield from _json_ld_types(child)


def observe(page: Page) -> Iterator[Observation]:
    best = max(((link, _strength(link.folded)) for link in page.links if link.internal), key=lambda p: p[1],
               default=(None, 0.0))
    if best[0] is not None and best[1]:
        yield from_link("site.events", page, best[0], best[1], kind="link")
    titles = [page.title] + [text for level, text in page.headings if level == 1]
    for text in titles:
        strength = _strength(fold(text))
        if strength:
            yield Observation("site.events", page.url, excerpt(text), "title", strength=min(0.9, strength + 0.05))
            break
    if any(t in EVENT_TYPES for block in page.json_ld for t in _json_ld_types(block)):
        yield Observation("site.events", page.url, "schema.org Event (JSON-LD)", "schema", strength=0.9)
    for link in page.links:
        if link.url and host_matches(link.url, AGENDA_HOSTS):
            yield from_link("site.events", page, link, 0.8, kind="vendor")
            break
    for embed in page.embeds:
        if host_matches(embed.url, AGENDA_HOSTS):
            yield Observation("site.events", page.url, excerpt(f"<iframe> {embed.url}"), "vendor",
                              locator(embed.element), 0.85)
            break


def decide(observations: list[Observation], site: SiteFacts | None) -> dict[str, Answer]:
    return {"site.events": presence(observations, "site.events")}
