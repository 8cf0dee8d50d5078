"""The crawl's URL rules: the shape of a URL (to cap calendars and pagination) and runaway paths."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

_DIGITS = re.compile(r"\d+")

#: Query keys whose values never name content: calendars, sorting, display, search, paging offsets.
TRAP_PARAMS = frozenset({
    "date", "jour", "day", "mois", "month", "annee", "year", "semaine", "week", "cal", "calendar", "calendrier",
    "start", "end", "debut", "fin", "from", "to", "offset", "limit", "per_page", "perpage", "nb",
    "sort", "tri", "order", "orderby", "ordre", "dir", "direction", "view", "vue", "display", "affichage",
    "format", "print", "imprimer", "q", "s", "search", "recherche", "keywords", "query", "filter", "filtre",
})
#: Query keys whose numeric values are content ids (``page.php?id=12``, ``rubrique.php?rub=3``).
_ID_KEY = re.compile(r"^(?:id|rub|rubrique|art|article|cat|categorie|category|node|item|nav|menu|section|fiche"
                     r"|doc|news|actu|[a-z]+_?id|id_?[a-z]+)$")
_WORD_VALUE = re.compile(r"^[a-z][a-z_.-]*\d{0,4}$", re.I)


def trap_pattern(url: str) -> str:
    """Shape of a URL with numbers and non-content query values erased.

    Calendars (``?month=3&year=2031``), sorting (``?tri=date``), pagination
    (``/page/41``, ``?page=41``) and endless query strings all share one shape;
    the spider caps pages per shape. A query value that names distinct content
    stays in the shape, so an old PHP site whose every page is
    ``index.php?page=NAME`` (or ``?id=12``, ``?rub=3``) is read page by page.
    """
    parts = urlsplit(url)
    shape = []
    for pair in sorted({pair for pair in parts.query.split("&") if pair}):
        key, _, value = pair.partition("=")
        folded = key.lower()
        names_content = folded not in TRAP_PARAMS and (
            _WORD_VALUE.match(value) is not None or (value.isdigit() and _ID_KEY.match(folded) is not None)
        )
        shape.append(f"{key}={value}" if names_content else key)
    query = "&".join(sorted(set(shape)))
    return _DIGITS.sub("N", parts.path) + ("?" + query if query else "")


def path_is_runaway(url: str, max_segments: int = 12, max_repeats: int = 3) -> bool:
    """True for ever-growing paths: too many segments, or one segment repeated (``/a/a/a/a``)."""
    segments = [s for s in urlsplit(url).path.split("/") if s]
    if len(segments) > max_segments:
        return True
    return any(segments.count(s) > max_repeats for s in set(segments))
