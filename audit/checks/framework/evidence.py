"""Evidence building: excerpts cut around a match and CSS locators of elements."""

from __future__ import annotations

from lxml import etree
from lxml.html import HtmlElement

from audit.artifacts.text import clean, fold

EXCERPT_CHARS = 300


def excerpt(text: str, needle: str | None = None, width: int = EXCERPT_CHARS) -> str:
    """Cut `text` to `width` characters centred on the first (folded) match of `needle`."""
    text = clean(text)
    if len(text) <= width:
        return text
    start = 0
    if needle:
        # Folding keeps one character per character for French text, so offsets line up.
        at = fold(text).find(fold(needle))
        if at > 0:
            start = max(0, min(at - width // 3, len(text) - width))
    cut = text[start : start + width]
    return ("…" if start else "") + cut.strip() + ("…" if start + width < len(text) else "")


def locator(el: HtmlElement) -> str:
    """A CSS selector for `el`: from the nearest ancestor with an id, else from ``html``."""
    steps: list[str] = []
    node: HtmlElement | None = el
    while node is not None and isinstance(node.tag, str):
        ident = node.get("id")
        if ident and " " not in ident:
            steps.append(f"{node.tag}#{ident}")
            break
        parent = node.getparent()
        if parent is None:
            steps.append(node.tag)
            break
        before = sum(1 for _ in node.itersiblings(node.tag, preceding=True))
        alone = before == 0 and next(node.itersiblings(node.tag), None) is None
        steps.append(node.tag if alone else f"{node.tag}:nth-of-type({before + 1})")
        node = parent
    return " > ".join(reversed(steps))


def element_excerpt(el: HtmlElement, width: int = EXCERPT_CHARS) -> str:
    """The element's outer HTML start, as seen, cut to `width` characters."""
    markup = etree.tostring(el, encoding="unicode", with_tail=False, method="html")
    return markup if len(markup) <= width else markup[: width - 1] + "…"
