"""Schéma pluriannuel de mise en accessibilité et plan d'action annuel publiés."""

from __future__ import annotations

import re
from collections.abc import Iterator

from audit.artifacts.page import Page
from audit.artifacts.text import fold
from audit.checks.common.a11y_vocab import about_accessibility, following_text, real_target
from audit.checks.framework.decide import evidence_of
from audit.checks.framework.evidence import excerpt, locator
from audit.checks.framework.model import Answer, Observation, SiteFacts
from audit.checks.framework.observe import from_link

CRITERIA = ("accessibility.multiyear_plan",)
NEEDS = frozenset({"html"})

PLAN = CRITERIA[0]

# --------------------------------------------------------------- vocabulary (folded text)
_ACCESSIBILITY = r"(?:(?:de )?mise en accessibilite|(?:de l'|d')accessibilite|d'amelioration de l'accessibilite)"
#: Names that mean the accessibility plan wherever they stand.
EXPLICIT = re.compile(
    r"(?<![a-z])(?:schema(?: directeur)? pluri-?annuel(?:le)?"
    # "schéma pluriannuel d'investissement / de voirie" is another plan.
    r"(?! (?:d'|de |des |du )(?!l'accessibilite|accessibilite|amelioration|mise en))"
    rf"|plans? (?:annuel |d'actions? (?:annuel(?:le)?s? )?(?:20\d\d )?){_ACCESSIBILITY}"
    r"|plans? annuels? d'accessibilite)(?![a-z])"
)
#: Names that mean it only on an accessibility page, or with "accessibilité" beside them.
CONTEXTUAL = re.compile(
    r"(?<![a-z])(?:plans? d'actions? (?:annuel(?:le)?s?|20\d\d(?:\s*-\s*20\d\d)?)|plans? annuels?(?: 20\d\d)?"
    r"|bilan (?:du |des )?plans? d'actions?)(?![a-z])"
)
ACCESSIBILITY_WORD = re.compile(r"accessibilite|rgaa")
PLAN_SLUG = re.compile(r"schema[-_]?pluri[-_]?annuel|plan[-_]d[-_']?actions?[-_]accessibilite")
#: The plan is announced but not published.
NOT_PUBLISHED = re.compile(
    r"en cours (?:d'elaboration|de redaction|de preparation|de finalisation|d'ecriture|de construction)"
    r"|pas encore|n'(?:a|ont) pas (?:encore )?ete|n'est pas|ne sont pas|sera (?:prochainement )?(?:publie|mis en ligne"
    r"|disponible|elabore|redige)|a venir|prochainement|non disponible|indisponible|aucun|pas de (?:schema|plan)"
    r"|est a (?:rediger|elaborer)|doit etre (?:redige|elabore|publie)"
)
SENTENCE = re.compile(r"[^.!?]*")


def names_plan(folded: str, accessibility_context: bool) -> re.Match[str] | None:
    """The plan's name in folded `folded`, counting the contextual names only on an accessibility topic."""
    match = EXPLICIT.search(folded)
    if match:
        return match
    if accessibility_context or ACCESSIBILITY_WORD.search(folded):
        return CONTEXTUAL.search(folded)
    return None


def _sentence_at(folded: str, at: int) -> str:
    start = max(folded.rfind(". ", 0, at), folded.rfind("! ", 0, at), folded.rfind("? ", 0, at))
    end = SENTENCE.match(folded, at).end()
    return folded[start + 1 : end + 1]


def _headings(page: Page, context: bool) -> Iterator[Observation]:
    for heading in page.tree.iter("h1", "h2", "h3", "h4"):
        title = fold(heading.text_content())
        if not names_plan(title, context):
            continue
        section = fold(following_text(heading))
        if NOT_PUBLISHED.search(f"{title} {section}") or not section:
            continue
        yield Observation(PLAN, page.url, excerpt(f"{heading.text_content()} — {following_text(heading)}"),
                          kind="heading", locator=locator(heading), strength=0.75 if context else 0.6)
        return


def observe(page: Page) -> Iterator[Observation]:
    if page.status >= 400:
        return
    context = about_accessibility(page)
    dead_name = False  # the plan named only by a link leading nowhere is not published
    for link in page.links:
        if not real_target(link) or NOT_PUBLISHED.search(link.folded):
            dead_name = dead_name or bool(names_plan(link.folded, context))
            continue
        if names_plan(link.folded, context):
            yield from_link(PLAN, page, link, 0.9, kind="link", value=link.url)
            break
        if PLAN_SLUG.search(fold(link.url)) and len(link.folded.split()) <= 4:
            yield from_link(PLAN, page, link, 0.7, kind="link", value=link.url)
            break
    yield from _headings(page, context)
    match = None if dead_name else names_plan(page.folded, context)
    if match and not NOT_PUBLISHED.search(_sentence_at(page.folded, match.start())):
        yield Observation(PLAN, page.url, excerpt(page.text, match.group(0)), kind="text",
                          strength=0.55 if context else 0.3)


def decide(observations: list[Observation], site: SiteFacts | None) -> dict[str, Answer]:
    strong = [o for o in observations if o.strength >= 0.5]
    if not strong:
        return {PLAN: Answer("absent", [], confidence=0.75 if not observations else 0.6)}
    best = max(strong, key=lambda o: (o.strength, o.kind == "link"))
    value = best.value if best.kind == "link" else best.url
    return {PLAN: Answer("present", evidence_of(strong, 3), min(0.95, best.strength + 0.05 * (len(strong) - 1)),
                         value)}
