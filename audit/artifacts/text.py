"""French text folding: the one way every check compares text.

Folded text is lower-case, without accents, with apostrophe and dash variants
unified and white space collapsed, so "Démarches  en‑ligne" and "demarches en-ligne"
compare equal.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_TRANSLATION = str.maketrans(
    {
        "’": "'", "‘": "'", "`": "'", "´": "'", "ʼ": "'", "′": "'",
        "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "―": "-", "−": "-",
        "œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae",
        "\u00a0": " ", "\u202f": " ", "\u2009": " ",
    }
)
_SPACES = re.compile(r"\s+")
_COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
#: Link texts and labels repeat on every page of a site: short strings are folded once.
_CACHED_LENGTH = 200


def fold(text: str | None) -> str:
    """Return `text` folded for matching (see module docstring).

    Short texts (labels, link texts) repeat across a site; long ones (a page's
    text, its prose) are read by several checks of the same page: both are
    folded once and remembered, the long ones only for the last few pages.
    """
    if not text:
        return ""
    return _fold_cached(text) if len(text) <= _CACHED_LENGTH else _fold_long(text)


def _fold(text: str) -> str:
    if not text.isascii() or "`" in text:
        text = _COMBINING.sub("", unicodedata.normalize("NFKD", text.translate(_TRANSLATION)))
    return _SPACES.sub(" ", text).strip().lower()


_fold_cached = lru_cache(maxsize=65_536)(_fold)
_fold_long = lru_cache(maxsize=64)(_fold)


def clean(text: str | None) -> str:
    """Collapse white space, keeping case and accents (for excerpts); long texts are remembered as in `fold`."""
    if not text:
        return ""
    return _clean(text) if len(text) <= _CACHED_LENGTH else _clean_long(text)


def _clean(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


_clean_long = lru_cache(maxsize=64)(_clean)


def words_pattern(*phrases: str) -> re.Pattern[str]:
    """Compile folded phrases into one regex matching any of them on word boundaries.

    Phrases are folded first, so vocabulary can be written with accents.
    A phrase may contain regex syntax (e.g. ``"demarches? en ligne"``).
    """
    alternatives = "|".join(fold(p) for p in phrases)
    return re.compile(rf"(?<![a-z0-9])(?:{alternatives})(?![a-z0-9])")
