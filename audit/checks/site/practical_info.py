"""Coordonnées de la mairie : adresse postale, téléphone et horaires d'ouverture."""

from __future__ import annotations

import re
from collections.abc import Iterator

from audit.artifacts.page import Page
from audit.artifacts.text import clean, fold, words_pattern
from audit.checks.framework.decide import strongest_per_kind
from audit.checks.framework.evidence import excerpt
from audit.checks.framework.model import Answer, Evidence, Observation, SiteFacts
from audit.checks.site._blocks import fold_mapped, lines, original

CRITERIA = ("site.practical_info",)
NEEDS = frozenset({"html"})

#: Street types of a French postal address (folded).
STREET_TYPES = (
    r"rue|place|pl\.|avenue|av\.|boulevard|bd|chemin|ch\.|route|rte|allee|impasse|quai|cours|square|esplanade"
    r"|parvis|promenade|faubourg|fbg|montee|cite|residence|hameau|lieu-dit|le bourg|bourg|grande rue|grand'rue"
    r"|grand rue|voie|passage|mail|rond-point|sentier|chaussee|traverse|lotissement|domaine|village|hotel de ville"
    r"|mairie|parc|clos|carrefour|ruelle|venelle|placette|corniche|bp|cs"
)
#: Where an address may start: a number (optional: "Place de la Mairie") and a street type.
ADDRESS_START = re.compile(rf"(?<![a-z0-9])(?:\d{{1,4}}(?: ?(?:bis|ter|b))?,? )?(?:{STREET_TYPES})(?![a-z])")
#: From that start, up to 80 characters, then a 5-digit postcode and a town.
ADDRESS = re.compile(
    rf"(?:\d{{1,4}}(?: ?(?:bis|ter|b))?,? )?(?:{STREET_TYPES})(?![a-z])[^|]{{1,80}}?"
    r"(?<!\d)(?:\d{5}|\d{2} \d{3})(?!\d) ?[a-z][a-z'-]+(?: cedex)?"
)
#: Words of a town name after the first one: "Les Ormeaux-sur-Loire", "Saint Jean de Luz", "Bourg en Bresse".
TOWN_WORD = re.compile(r" ([a-z][a-z'-]*)")
TOWN_LINKS = frozenset({"les", "le", "la", "l'", "saint", "sainte", "st", "ste", "sur", "sous", "en", "de", "du", "des",
                        "aux", "d'", "lez"})
MAX_TOWN_WORDS = 5
#: An address does not run over the end of a sentence ("... en mairie. Lire la suite") nor over many lines.
SENTENCE_END = re.compile(r"[a-z]{4}\.(?:\s|$)")
MAX_ADDRESS_LINES = 3
#: Address starts that name a building or a postal box rather than the street.
WEAK_START = re.compile(r"(?:mairie|hotel de ville|village|bp|cs)(?![a-z])")
#: French phone numbers: 01 23 45 67 89, 01.23.45.67.89, 0123456789, +33 (0)1 23 45 67 89.
PHONE = re.compile(r"(?<![\d+])(?:(?:\+|00)33 ?(?:\(0\) ?)?|0)[1-9](?:[ .-]?\d{2}){4}(?!\d)")
FAX_BEFORE = re.compile(r"(?:fax|telecopie|telecopieur)\W{0,5}$")
DAY = r"(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|lun|mar|mer|jeu|ven|sam)\.?"
TIME = r"\d{1,2} ?(?:h|:) ?(?:\d{2})?"
MONTHS = r"(?:janv|fevr?|mars|avr|mai|juin|juil|aout|sept|oct|nov|dec)"
DAY_START = re.compile(rf"(?<![a-z]){DAY}(?![a-z])")
#: A day (not starting a date: "lundi 12 mars") and, within 60 characters, a time range: "du lundi au vendredi
#: de 8h30 à 12h", or two times side by side as in a table ("Lundi 8h30 12h00").
HOURS = re.compile(
    rf"{DAY}(?![a-z])(?! \d{{1,2}}(?:er)? {MONTHS})[^|]{{0,60}}?(?<!\d){TIME} ?(?:-|a|/|et)? ?{TIME}"
)
#: The same around the word "horaires": "Horaires d'ouverture : 8h30-12h / 13h30-17h (lundi au vendredi)".
HOURS_LABELLED = re.compile(
    rf"(?:horaires?|heures d'ouverture|ouvert(?:ure)?|accueil du public)[^|]{{0,80}}?(?<!\d){TIME} ?(?:-|a|/) ?{TIME}"
)
#: What continues a slot: the afternoon ("et de 14h à 17h") or the next day ("Vendredi de 9h à 12h").
HOURS_MORE = re.compile(
    rf"[\s,;/&-]*(?:et |puis )?(?:{DAY}(?![a-z])(?! \d{{1,2}}(?:er)? {MONTHS})[^|\n]{{0,40}}?)?"
    rf"(?:(?:de|le|l'apres-midi|apres-midi|matin|am|pm) ?:? ?)?(?<!\d){TIME} ?(?:-|a|/|et)? ?{TIME}"
)
MAX_SLOTS = 8
MAX_HOURS_LINES = 1
#: Pages where the town hall's details are expected as a whole: contact, town hall, opening hours.
CONTACT_PAGE = words_pattern(
    "contact", "contacts", "contactez-nous", "nous contacter", "nous joindre", "nous trouver", "coordonnees",
    "mairie", "hotel de ville", "horaires", "infos? pratiques", "informations pratiques", "acces", "accueil",
)
#: Blocks (by id / class) that hold the details on any page.
_BLOCK_XPATH = (
    "//footer | //*[@role='contentinfo'] | //header | //address"
    " | //*[contains(@class, 'footer') or contains(@id, 'footer') or contains(@class, 'contact')"
    " or contains(@id, 'contact') or contains(@class, 'coordonnees') or contains(@class, 'mairie')"
    " or contains(@id, 'mairie') or contains(@class, 'horaires') or contains(@id, 'horaires')"
    " or contains(@class, 'infos-pratiques') or contains(@class, 'adresse')]"
)
KINDS = ("address", "phone", "hours")
#: Cheap tests that must pass before the costly finder runs: a postcode, a phone-like digit run, a time.
PREFILTERS: dict[str, re.Pattern[str]] = {
    "address": re.compile(r"\d{5}|\d{2} \d{3}"), "phone": re.compile(r"\d{2}[ .-]?\d{2}"),
    "hours": re.compile(r"\d ?h|\d:\d"),
}
LABEL = {"address": "adresse", "phone": "téléphone", "hours": "horaires"}


def _texts(page: Page) -> Iterator[tuple[str, float]]:
    """Texts to read, line by line, with the strength they give a finding: whole contact pages, else
    footers and contact blocks."""
    heading = " ".join([page.title] + [t for level, t in page.headings if level <= 2])
    if page.is_home or CONTACT_PAGE.search(fold(heading)) or CONTACT_PAGE.search(fold(page.url)):
        body = next(page.tree.iter("body"), page.tree)
        yield "\n".join(line for line, _ in lines(body)), 0.9
        return
    taken: list = []
    for block in page.tree.xpath(_BLOCK_XPATH):
        if any(_inside(block, outer) for outer in taken):
            continue  # its text was read with the enclosing block
        taken.append(block)
        yield "\n".join(line for line, _ in lines(block)), 0.85
        if len(taken) >= 8:
            return


def _inside(el, outer) -> bool:
    node = el.getparent()
    while node is not None:
        if node is outer:
            return True
        node = node.getparent()
    return False


def _address(folded: str) -> tuple[int, int] | None:
    """The first address that stays within a sentence and a few lines, from its street line.

    "Mairie de X - Le Bourg - 46170 X" and "Hôtel de Ville / 2 rue Y / 81000 Z" are read from
    the street ("Le Bourg", "2 rue Y"); "Place de la Mairie, 12345 X" keeps its place.
    """
    found: list[tuple[int, int, bool]] = []
    for start in ADDRESS_START.finditer(folded):
        if found and start.start() >= found[0][1]:
            break
        match = ADDRESS.match(folded, start.start())
        if match and match.group(0).count("\n") < MAX_ADDRESS_LINES and not SENTENCE_END.search(match.group(0)):
            if not found or match.end() == found[0][1]:
                found.append((*match.span(), not WEAK_START.match(match.group(0))))
    if not found:
        return None
    streets = [(start, end) for start, end, street in found if street]
    start, end = streets[-1] if streets else found[0][:2]
    return start, _town_end(folded, end)


def _town_end(folded: str, end: int) -> int:
    """Where a town name of several words ends: words are taken after an article or a linking word."""
    previous = folded[:end].rsplit(" ", 1)[-1]
    kept = end
    for _ in range(MAX_TOWN_WORDS):
        word = TOWN_WORD.match(folded, end)
        if word is None or previous not in TOWN_LINKS and word.group(1) not in TOWN_LINKS:
            break
        end, previous = word.end(), word.group(1)
        if previous not in TOWN_LINKS:
            kept = end
    return kept


def _hours(folded: str) -> tuple[int, int] | None:
    """The first opening-hours slot, extended over the slots that follow it (afternoon, other days)."""
    span = None
    for start in DAY_START.finditer(folded):
        match = HOURS.match(folded, start.start())
        if match and match.group(0).count("\n") <= MAX_HOURS_LINES:
            span = match.span()
            break
    if span is None:
        match = HOURS_LABELLED.search(folded)
        if match is None:
            return None
        span = match.span()
    start, end = span
    for _ in range(MAX_SLOTS):
        more = HOURS_MORE.match(folded, end)
        if not more:
            break
        end = more.end()
    return start, end


def _find(kind: str, folded: str) -> tuple[int, int] | None:
    """Where the first finding of `kind` stands in `folded` text."""
    if not PREFILTERS[kind].search(folded):
        return None
    if kind == "address":
        return _address(folded)
    if kind == "hours":
        return _hours(folded)
    for match in PHONE.finditer(folded):
        if not FAX_BEFORE.search(folded[max(0, match.start() - 12) : match.start()]):
            return match.span()
    return None


def observe(page: Page) -> Iterator[Observation]:
    wanted = set(KINDS)
    for text, strength in _texts(page):
        folded, origin = fold_mapped(text)
        for kind in sorted(wanted):
            span = _find(kind, folded)
            if span:
                wanted.discard(kind)
                found = clean(original(text, origin, *span).replace("\n", " / "))
                yield Observation("site.practical_info", page.url, excerpt(text, found.split(" / ")[0]), kind,
                                  strength=strength, value=found)
        if not wanted:
            return


def decide(observations: list[Observation], site: SiteFacts | None) -> dict[str, Answer]:
    best = strongest_per_kind(observations)
    value = {kind: best[kind].value if kind in best else None for kind in KINDS}
    evidence = [Evidence(o.url, f"{LABEL[o.kind]} : {o.excerpt}"[:500], o.locator) for o in best.values()]
    if len(best) == len(KINDS):
        return {"site.practical_info": Answer("present", evidence, min(o.strength for o in best.values()), value)}
    # Two of three found: the third is probably there, in a form we missed.
    confidence = 0.55 if len(best) == 2 else 0.7
    return {"site.practical_info": Answer("absent", evidence, confidence, value)}
