"""Moteur de recherche interne : formulaire de recherche du site."""

from __future__ import annotations

from collections.abc import Iterator

from audit.artifacts.page import Form, Page
from audit.artifacts.text import words_pattern
from audit.checks.framework.decide import presence
from audit.checks.framework.evidence import element_excerpt, locator
from audit.checks.framework.model import Answer, Observation, SiteFacts

CRITERIA = ("site.search",)
NEEDS = frozenset({"html"})

SEARCH_NAMES = frozenset({"q", "s", "search", "recherche", "keys", "keyword", "keywords", "query", "motcle", "mots", "text", "term", "searchtext", "search_api_fulltext", "texte"})
SEARCH_WORDS = words_pattern("rechercher", "recherche", "chercher", "search", "mots? cles?")


def _is_search(form: Form) -> float:
    """Strength (0..1) with which `form` is a site search form."""
    if form.role == "search" or "search" in (form.element.getparent().get("role") or ""):
        return 1.0
    text_fields = [f for f in form.fields if f.type in ("text", "search")]
    if any(f.type == "search" for f in form.fields):
        return 0.9
    if len(text_fields) != 1 or any(f.type == "password" for f in form.fields):
        return 0.0
    field = text_fields[0]
    if field.name in SEARCH_NAMES and (SEARCH_WORDS.search(form.text) or SEARCH_WORDS.search(field.label.lower()) or field.name in ("q", "search", "recherche", "search_api_fulltext")):
        return 0.9
    if SEARCH_WORDS.search(form.text) or SEARCH_WORDS.search(field.label.lower()) or "search" in form.action.lower() or "recherche" in form.action.lower():
        return 0.7
    return 0.0


def observe(page: Page) -> Iterator[Observation]:
    for form in page.forms:
        strength = _is_search(form)
        if strength:
            yield Observation("site.search", page.url, element_excerpt(form.element), locator=locator(form.element), strength=strength)
            return


def decide(observations: list[Observation], site: SiteFacts | None) -> dict[str, Answer]:
    return {"site.search": presence(observations, "site.search")}
