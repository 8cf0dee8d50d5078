"""French text folding: the one way every check compares text.

Folded text is lower-case, without accents, with apostrophe and dash variants
unified and white space collapsed, so "Démarches  en‑ligne" and "demarches en-ligne"
compare equal.
"""

from __future__ import annotations

import re
import unicodedata

_TRANSLATION = str.maketrans(
    {
        "’": "'", "‘": "'", "`": "'", "´": "'", "ʼ": "'", "′": "'",
        "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "―": "-", "−": "-",
        "œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae",
        "\u00a0": " ", "\u202f": " ", "\u2009": " ",
    }
)
_SPACES = re.compile(r"\s+")


def fold(text: str | None) -> str:
    """Return `text` folded for matching (see module docstring)."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKD", text.translate(_TRANSLATION))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return _SPACES.sub(" ", text).strip().lower()


def clean(text: str | None) -> str:
    """Collapse white space, keeping case and accents (for excerpts)."""
    return _SPACES.sub(" ", text or "").strip()


def words_pattern(*phrases: str) -> re.Pattern[str]:
    """Compile folded phrases into one regex matching any of them on word boundaries.

    Phrases are folded first, so vocabulary can be written with accents.
    A phrase may contain regex syntax (e.g. ``"demarches? en ligne"``).
    """
    alternatives = "|".join(fold(p) for p in phrases)
    return re.compile(rf"(?<![a-z0-9])(?:{alternatives})(?![a-z0-9])")
