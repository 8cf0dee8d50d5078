"""Shared vocabulary of the accessibility and legal-page checks: real link targets, page topics.

A link only leads somewhere when its href is a real address: ``#``, an empty
href, ``javascript:`` and design-system placeholders such as ``[url - à modifier]``
lead nowhere, so a juror clicking them would find no page.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from audit.artifacts.page import Link, Page
from audit.artifacts.text import clean, fold

#: Template placeholders left in place by sites built from the DSFR or a CMS theme.
PLACEHOLDER = re.compile(r"\[[^\]]{3,}\]|a modifier\b|lorem ipsum")
#: Separators between the parts of a page title ("Mentions légales | Ville de X").
TITLE_SEPARATORS = re.compile(r"\s+[|\-–—:•·»]\s+|\s*[|•·»]\s*")
_DEAD_SCHEMES = ("javascript:", "mailto:", "tel:", "data:")
_MAIN_XPATH = "//main|//*[@role='main']|//*[@id='main' or @id='content' or @id='contenu' or @id='main-content']"
_INVISIBLE = "ancestor::script or ancestor::style or ancestor::noscript or ancestor::template"


def is_placeholder(text: str) -> bool:
    """Whether `text` (raw or folded) is a template placeholder rather than real content."""
    return bool(PLACEHOLDER.search(fold(text)))


def real_target(link: Link) -> bool:
    """Whether `link` points to an actual page or document (not ``#``, empty, script or placeholder)."""
    href = link.href.strip()
    if not href or href.startswith("#") or href.lower().startswith(_DEAD_SCHEMES):
        return False
    return not is_placeholder(href) and bool(link.url)


def topic_texts(page: Page) -> list[str]:
    """What names the page's subject, folded: each part of the title, and every h1."""
    parts = [fold(p) for p in TITLE_SEPARATORS.split(page.title) if p.strip()]
    return parts + [fold(text) for level, text in page.headings if level == 1 and text]


def headings_folded(page: Page, max_level: int = 3) -> list[str]:
    """Folded headings down to `max_level`."""
    return [fold(text) for level, text in page.headings if level <= max_level and text]


def main_text(page: Page) -> str:
    """The visible text of the page's main content (whole body when there is no main landmark)."""
    mains: list[HtmlElement] = page.tree.xpath(_MAIN_XPATH)
    if not mains:
        return page.text
    texts = mains[0].xpath(f".//text()[not({_INVISIBLE})]")
    text = clean(" ".join(texts))
    return text if len(text) > 80 else page.text


#: Words that make a page about (web) accessibility, in its title, h1 or address.
ACCESSIBILITY_WORDS = re.compile(r"accessibilite|rgaa")


def about_accessibility(page: Page) -> bool:
    """Whether the page's title, h1 or address is about accessibility (statement, plan, help page)."""
    return any(ACCESSIBILITY_WORDS.search(t) for t in topic_texts(page)) or bool(
        ACCESSIBILITY_WORDS.search(fold(page.url))
    )


def following_text(heading: HtmlElement, limit: int = 400) -> str:
    """The text after `heading` up to the next heading (at most `limit` characters): its section's start."""
    parts: list[str] = [clean(heading.tail)]
    size = len(parts[0])
    for node in heading.itersiblings():
        if not isinstance(node.tag, str) or node.tag in ("script", "style", "template"):
            continue
        if node.tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            break
        text = clean(f"{node.text_content()} {node.tail or ''}")
        parts.append(text)
        size += len(text)
        if size >= limit:
            break
    return " ".join(parts)[:limit]
