"""Déclaration d'accessibilité, niveau de conformité RGAA déclaré et mention « Accessibilité : … conforme »."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from audit.artifacts.page import Link, Page
from audit.artifacts.text import fold, words_pattern
from audit.checks.common.a11y_vocab import headings_folded, main_text, real_target, topic_texts
from audit.checks.framework.decide import evidence_of
from audit.checks.framework.evidence import excerpt
from audit.checks.framework.model import Answer, Observation, SiteFacts
from audit.checks.framework.observe import from_link

CRITERIA = ("accessibility.statement", "accessibility.compliance_level", "accessibility.footer_mention")
NEEDS = frozenset({"html", "site_facts"})

STATEMENT, LEVEL, FOOTER = CRITERIA
LEVELS = {"non": "non_conforme", "partiellement": "partiellement_conforme", "totalement": "totalement_conforme"}
#: Share of crawled HTML pages that must carry the mention (criteria.yaml).
MENTION_SHARE = 0.9

# --------------------------------------------------------------- vocabulary (folded text)
#: "Accessibilité : partiellement conforme", "accessibilité du site (non conforme)", any spacing.
MENTION_PATTERN = re.compile(
    r"(?<![a-z])accessibilite(?: (?:numerique|du site(?: internet| web)?|de ce site|du service|web))?"
    r"\s*[:(]?\s*(?P<level>non|partiellement|totalement)[ -]conforme(?![a-z])"
)
#: The DSFR template mention lists every level at once: not a real status.
LEVEL_LIST = re.compile(r"(?:non|partiellement|totalement)\s*[/|,]\s*(?:non|partiellement|totalement)")
#: A page whose title or h1 names a statement.
STATEMENT_TOPIC = words_pattern(
    "declaration d'accessibilite", "declaration d'accessibilite numerique", "declaration accessibilite",
    r"declaration (?:de|sur la) conformite(?: au)?(?: rgaa| referentiel general| a l'accessibilite| accessibilite)",
    "declaration rgaa", "etat de conformite rgaa",
)
#: A page titled only "Accessibilité" (web or not): needs a statement's content to count.
ACCESSIBILITY_TOPIC = re.compile(
    r"^(?:l')?accessibilite(?: (?:numerique|du site(?: internet| web)?|de ce site|du portail|web|numerique du site))?"
    r"(?: et (?:rgaa|conformite))?$"
)
#: What a statement states: the standard, the law article, a level or a rate.
STANDARD = re.compile(r"\b(RGAA(?:\s*(?:version|v)\s*\d+(?:\.\d+)*)?|WCAG)\b", re.I)
ARTICLE_47 = re.compile(r"(?<![a-z])art(?:icle|\.)?\s*47\b.{0,60}?2005-102|2005-102.{0,60}?art(?:icle|\.)?\s*47\b")
STATEMENT_WORDS = words_pattern("declaration d'accessibilite", "etat de conformite", "taux de conformite")
#: A level stated in a statement's prose; "est" / "état de conformité" just before it make it certain.
LEVEL_PHRASE = re.compile(
    r"(?<![a-z])(?P<level>non|partiellement|totalement|entierement|pleinement)[ -]conforme(?![a-z])"
)
LEVEL_NEGATED = re.compile(
    r"(?<![a-z])(?:n'est|ne sont) (?:pas|plus) (?:encore )?(?:conformes?|en conformite)(?![a-z])"
    # Without any audit, the RGAA deems a site not conformant.
    r"|aucun audit (?:de conformite )?n'a (?:encore )?ete (?:realise|effectue|mene)"
)
LEVEL_PARTIAL = words_pattern("en conformite partielle", "conforme partiellement", r"conformite\s*:?\s*partielle")
LEVEL_WORDS = {"entierement": "totalement", "pleinement": "totalement"}
LEVEL_LEAD = re.compile(r"(?:\best(?: actuellement| aujourd'hui)?|etat de conformite\s*:?|conformite\s*:)\s*$")
#: Statement link texts (the footer mention is one too).
STATEMENT_LINK = words_pattern(
    "declaration d'accessibilite", "declaration accessibilite", "declaration de conformite(?: rgaa| au rgaa)?",
)
STATEMENT_SLUG = re.compile(r"declaration[-_]?(?:d[-_']?)?accessibilite|accessibility[-_]statement")
BARE_ACCESSIBILITY = re.compile(r"^(?:l')?accessibilite(?: numerique| du site)?$")

# Compliance rate: a percentage after a trigger phrase, or followed by "des critères".
PERCENT = re.compile(r"(?<![\d.,])(?P<num>\d{1,3}(?:[.,]\d{1,2})?)\s*(?:%|pour ?cent\b)")
RATE_TRIGGER = re.compile(
    r"taux (?:global |moyen )?(?:de )?conformite(?: (?:globale?|moyen(?:ne)?))?|conforme a|revele que|mis a jour a"
    r"|taux de respect des criteres"
)
RATE_CRITERIA = re.compile(r"\s*(?:des|de ses) criteres")
SENTENCE_END = re.compile(r"[.!?;]\s+(?=\D)")
RATE_WINDOW = 90


# --------------------------------------------------------------- pure parsing
def find_mention(text: str) -> str | None:
    """The level of an "Accessibilité : … conforme" mention in `text`: non, partiellement, totalement."""
    folded = fold(text)
    for match in MENTION_PATTERN.finditer(folded):
        if LEVEL_LIST.search(folded, max(0, match.start("level") - 3), match.end("level") + 25):
            continue
        return match.group("level")
    return None


def find_standard(text: str) -> str | None:
    """The accessibility standard named in `text` ("RGAA version 4.1", "WCAG"), as written."""
    match = STANDARD.search(text)
    return match.group(1) if match else None


def mentions_article_47(text: str) -> bool:
    """Whether `text` cites article 47 of law 2005-102, the legal basis of every statement."""
    return bool(ARTICLE_47.search(fold(text)))


def find_compliance_rate(text: str) -> float | None:
    """The compliance rate (%) stated in `text`.

    Rates introduced by "taux de conformité", "conforme à", "révèle que", or
    followed by "des critères" count; an average ("taux moyen") only when nothing
    else is stated, a past one ("était de") only when no current one is. The last
    remaining one wins: statements append updates after earlier results.
    """
    folded = fold(text)
    found: list[tuple[int, float]] = []  # (rank, value): 2 current, 1 past, 0 average
    for match in PERCENT.finditer(folded):
        value = float(match.group("num").replace(",", "."))
        if value > 100:
            continue
        window = folded[max(0, match.start() - RATE_WINDOW) : match.start()]
        window = SENTENCE_END.split(window)[-1]
        triggers = list(RATE_TRIGGER.finditer(window))
        if triggers:
            lead = window[triggers[-1].start() :]
            rank = 0 if "moyen" in lead else 1 if "etait" in lead else 2
        elif RATE_CRITERIA.match(folded, match.end()):
            rank = 2
        else:
            continue
        found.append((rank, value))
    if not found:
        return None
    best = max(rank for rank, _ in found)
    return [value for rank, value in found if rank == best][-1]


def find_level(text: str) -> str | None:
    """The conformity level stated in a statement's prose, as a value of `LEVELS` keys."""
    folded = fold(text)
    candidates: list[tuple[int, int, str]] = []
    for match in LEVEL_PHRASE.finditer(folded):
        before = folded[max(0, match.start() - 40) : match.start()]
        if re.search(r"(?:pas|plus)(?: encore)? $|[/|] ?$", before):
            continue
        level = LEVEL_WORDS.get(match.group("level"), match.group("level"))
        candidates.append((0 if LEVEL_LEAD.search(before) else 1, match.start(), level))
    for match in LEVEL_NEGATED.finditer(folded):
        candidates.append((0, match.start(), "non"))
    for match in LEVEL_PARTIAL.finditer(folded):
        candidates.append((1, match.start(), "partiellement"))
    return min(candidates)[2] if candidates else None


def level_of_rate(rate: float) -> str:
    """The RGAA level a rate implies: 100 % totally, from 50 % partially, below not conformant."""
    return "totalement" if rate >= 100 else "partiellement" if rate >= 50 else "non"


# --------------------------------------------------------------- observe
def _statement_strength(page: Page, text: str) -> float:
    """How surely `page` is a web accessibility statement (0 when it is not one).

    Its title or headings must speak of a statement or of accessibility before
    its text is read for RGAA content: most pages are neither, and their text is long.
    """
    topics = topic_texts(page)
    statement_topic = any(STATEMENT_TOPIC.search(t) for t in topics)
    accessibility_topic = not statement_topic and any(ACCESSIBILITY_TOPIC.match(t) for t in topics)
    if not (statement_topic or accessibility_topic or any(STATEMENT_TOPIC.search(h) for h in headings_folded(page))):
        return 0.0
    content = sum((
        bool(find_standard(text)), mentions_article_47(text), bool(find_level(text)),
        bool(find_compliance_rate(text)), bool(STATEMENT_WORDS.search(fold(text))),
    ))
    if statement_topic:
        return 0.95 if content >= 2 else 0.8
    if accessibility_topic:
        # A page titled "Accessibilité" may be about buildings and roads: only RGAA content makes it one.
        return 0.9 if find_standard(text) and content >= 3 else 0.75 if find_standard(text) and content >= 2 else 0.0
    if find_standard(text) and content >= 3:
        return 0.65  # a statement section, e.g. inside the legal notice
    return 0.0


def _statement_link_strength(link: Link) -> float:
    if not real_target(link):
        return 0.0
    if find_mention(link.text) or STATEMENT_LINK.search(link.folded):
        return 0.85
    if BARE_ACCESSIBILITY.match(link.folded) and STATEMENT_SLUG.search(fold(link.url)):
        return 0.75
    return 0.0


def observe(page: Page) -> Iterator[Observation]:
    if page.status >= 400:
        return
    level = None
    for link in page.links:
        level = find_mention(link.text)
        if level:
            yield from_link(FOOTER, page, link, 0.9, kind="mention", value=level, leads=False)
            break
    if not level:
        level = find_mention(page.text)
        if level:
            match = MENTION_PATTERN.search(page.folded)
            yield Observation(FOOTER, page.url, excerpt(page.text, match.group(0) if match else None),
                              kind="mention", strength=0.8, value=level)
    seen: set[str] = set()
    for link in page.links:
        strength = _statement_link_strength(link)
        if strength and link.url not in seen and link.url != page.url:
            seen.add(link.url)
            yield from_link(STATEMENT, page, link, strength, kind="link", value=link.url)
    text = main_text(page)
    strength = _statement_strength(page, text)
    if strength:
        rate = find_compliance_rate(text)
        stated = find_level(text)
        yield Observation(
            STATEMENT, page.url, excerpt(page.title or text, None) if not stated else excerpt(text, stated + " conforme"),
            kind="page", strength=strength, value={"level": stated, "rate": rate},
        )


# --------------------------------------------------------------- decide
def _answer_statement(pages: list[Observation], links: list[Observation]) -> tuple[Answer, Observation | None]:
    linked = Counter(o.value for o in links)
    if pages:
        best = max(pages, key=lambda o: (o.strength, linked[o.url]))
        pointing = [o for o in links if o.value == best.url]
        confidence = min(0.99, best.strength + (0.04 if pointing else 0.0))
        return Answer("present", evidence_of([best, *pointing], 3), confidence, best.url), best
    if links:
        target = linked.most_common(1)[0][0]
        pointing = [o for o in links if o.value == target]
        return Answer("present", evidence_of(pointing, 3), max(o.strength for o in pointing) * 0.9, target), None
    return Answer("absent", [], confidence=0.8), None


def _answer_level(page: Observation | None, mentions: list[Observation]) -> Answer:
    rate = page.value["rate"] if page else None
    if page and (page.value["level"] or rate is not None):
        level = page.value["level"] or level_of_rate(rate)
        confidence = 0.9 if page.value["level"] else 0.75
        return Answer("present", evidence_of([page]), confidence, {"level": LEVELS[level], "rate": rate})
    if mentions:
        level, count = Counter(o.value for o in mentions).most_common(1)[0]
        chosen = [o for o in mentions if o.value == level]
        confidence = 0.85 if count > 1 else 0.8
        return Answer("present", evidence_of(chosen, 3), confidence, {"level": LEVELS[level], "rate": rate})
    return Answer("absent", [], confidence=0.75)


def _answer_mention(mentions: list[Observation], site: SiteFacts | None) -> Answer:
    if site is None or site.html_pages <= 0:
        return Answer("unknown")
    share = round(min(1.0, len({o.url for o in mentions}) / site.html_pages), 3)
    if share >= MENTION_SHARE:
        return Answer("present", evidence_of(mentions, 3), 0.9, share)
    return Answer("absent", [], confidence=0.85 if share == 0 else 0.7, value=share)


def decide(observations: list[Observation], site: SiteFacts | None) -> dict[str, Answer]:
    pages = [o for o in observations if o.kind == "page" and o.strength >= 0.5]
    links = [o for o in observations if o.kind == "link" and o.strength >= 0.5]
    mentions = [o for o in observations if o.kind == "mention"]
    statement, page = _answer_statement(pages, links)
    return {
        STATEMENT: statement,
        LEVEL: _answer_level(page, mentions),
        FOOTER: _answer_mention(mentions, site),
    }
