"""Visible text cut into lines at block boundaries, and folding that keeps offsets into the original text.

``page.text`` runs every block together; an address, opening hours or a dated news
line in an old table layout is only readable line by line ("Le Bourg<br>46170 X").
"""

from __future__ import annotations

from functools import lru_cache

from lxml.html import HtmlElement

from audit.artifacts.text import clean, fold

#: Elements that start a new line; table cells only add a space ("Lundi | 8h30 | 12h").
BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "fieldset", "figcaption", "figure",
    "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre",
    "section", "table", "tbody", "thead", "tfoot", "tr", "ul", "body", "center",
})
SKIPPED_TAGS = frozenset({"script", "style", "noscript", "template", "head", "title"})


def lines(root: HtmlElement) -> list[tuple[str, HtmlElement]]:
    """The visible lines of `root` (white space collapsed, case and accents kept), each with the
    element its first words belong to."""
    out: list[tuple[str, HtmlElement]] = []
    parts: list[str] = []
    owner: list[HtmlElement] = []

    def add(text: str | None, el: HtmlElement) -> None:
        if text and text.strip():
            if not owner:
                owner.append(el)
            parts.append(text)

    def flush() -> None:
        line = clean(" ".join(parts))
        if line:
            out.append((line, owner[0]))
        parts.clear()
        owner.clear()

    def walk(el: HtmlElement) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if not tag or tag in SKIPPED_TAGS:
            return
        block = tag in BLOCK_TAGS
        if block:
            flush()
        add(el.text, el)
        for child in el:
            walk(child)
            add(child.tail, el)
        if block:
            flush()
        elif tag in ("td", "th"):
            parts.append(" ")

    walk(root)
    flush()
    return out


def fold_mapped(text: str) -> tuple[str, list[int]]:
    """`text` folded as `audit.artifacts.text.fold` does, with, for each folded character, its index in `text`.

    White space must already be collapsed (``clean``); "œ" folds to two characters, combining accents
    to none, so the folded text may be longer or shorter than the original.
    """
    pieces = [_folded_char(char) for char in text]
    folded = "".join(pieces)
    if len(folded) == len(text) and all(len(piece) == 1 for piece in pieces):
        return folded, list(range(len(text)))
    return folded, [index for index, piece in enumerate(pieces) for _ in piece]


@lru_cache(maxsize=4096)
def _folded_char(char: str) -> str:
    if char.isascii() and not char.isupper():
        return char
    return " " if char.isspace() else fold(char)


def original(text: str, origin: list[int], start: int, end: int) -> str:
    """The part of `text` that the folded span ``[start, end)`` comes from."""
    if start >= end:
        return ""
    return text[origin[start] : origin[end - 1] + 1]
