"""French date finding and parsing, shared by checks.

Regexes find the usual shapes in folded text ("12 mars 2024", "mardi 1er mars",
"12/03/2024", "12.03.24", "2024-03-12"); dateparser, slower, only reads short
strings that the regexes do not know (a ``<time>`` text, a meta value).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

import dateparser

from audit.artifacts.text import fold

MONTHS = {
    "janvier": 1, "janv": 1, "jan": 1, "fevrier": 2, "fevr": 2, "fev": 2, "mars": 3, "avril": 4, "avr": 4,
    "mai": 5, "juin": 6, "juillet": 7, "juil": 7, "aout": 8, "septembre": 9, "sept": 9, "sep": 9,
    "octobre": 10, "oct": 10, "novembre": 11, "nov": 11, "decembre": 12, "dec": 12,
}
_MONTH_ALT = "|".join(sorted(MONTHS, key=len, reverse=True))
#: "12 mars 2024", "1er mars", "12mars2024" (day / month / year in separate elements), "12 sept. 2024".
TEXT_DATE = re.compile(rf"(?<!\d)(\d{{1,2}})(?:er)? ?\.? ?({_MONTH_ALT})(?![a-z])\.? ?(\d{{4}})?(?!\d)")
#: "12/03/2024", "12.03.2024", "12-03-24".
NUMERIC_DATE = re.compile(r"(?<![\d/.-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?![\d/.-]|:\d)")
ISO_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
DATEPARSER_LIMIT = 60


@dataclass(frozen=True, slots=True)
class FoundDate:
    """A date read in text; ``year`` is None when the text gave none ("12 mars")."""

    year: int | None
    month: int
    day: int
    text: str

    def iso(self) -> str:
        """``YYYY-MM-DD``, or ``--MM-DD`` without a year."""
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}" if self.year else f"--{self.month:02d}-{self.day:02d}"


def _valid(year: int | None, month: int, day: int) -> bool:
    try:
        date(year or 2000, month, day)
    except ValueError:
        return False
    return year is None or 1995 <= year <= 2100


def find_dates(folded: str) -> list[FoundDate]:
    """Every date in `folded` text, in reading order."""
    found: list[tuple[int, FoundDate]] = []
    for match in TEXT_DATE.finditer(folded):
        day, month, year = int(match.group(1)), MONTHS[match.group(2)], match.group(3)
        if _valid(int(year) if year else None, month, day):
            found.append((match.start(), FoundDate(int(year) if year else None, month, day, match.group(0))))
    for match in NUMERIC_DATE.finditer(folded):
        day, month, year = int(match.group(1)), int(match.group(3)), int(match.group(4))
        year += 2000 if year < 100 else 0
        if _valid(year, month, day):
            found.append((match.start(), FoundDate(year, month, day, match.group(0))))
    for match in ISO_DATE.finditer(folded):
        year, month, day = (int(g) for g in match.groups())
        if _valid(year, month, day):
            found.append((match.start(), FoundDate(year, month, day, match.group(0))))
    return [d for _, d in sorted(found, key=lambda p: p[0])]


def parse_date(text: str | None) -> FoundDate | None:
    """One date from a short string: ISO timestamp, French shapes, else dateparser."""
    text = (text or "").strip()
    if not text:
        return None
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00")) if len(text) > 10 else date.fromisoformat(text)
        return FoundDate(parsed.year, parsed.month, parsed.day, text)
    except ValueError:
        pass
    found = find_dates(fold(text))
    if found:
        return found[0]
    if len(text) <= DATEPARSER_LIMIT:
        parsed = dateparser.parse(text, languages=["fr", "en"], settings={"DATE_ORDER": "DMY", "STRICT_PARSING": True})
        if parsed and _valid(parsed.year, parsed.month, parsed.day):
            return FoundDate(parsed.year, parsed.month, parsed.day, text)
    return None


def resolve(iso: str, reference: date | None) -> date | None:
    """A found date as a `date`; a year-less one takes the latest year that keeps it on or before `reference`."""
    if not iso.startswith("--"):
        return date.fromisoformat(iso)
    if reference is None:
        return None
    month, day = int(iso[2:4]), int(iso[5:7])
    for year in (reference.year, reference.year - 1):
        if _valid(year, month, day) and date(year, month, day) <= reference:
            return date(year, month, day)
    return None
