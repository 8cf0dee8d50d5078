"""Page artifacts: everything checks read from one HTML page, parsed once.

A `Page` is built from a Scrapy response (or from raw HTML in tests), handed to
every check's ``observe`` and then dropped: only observations outlive it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cached_property
from collections.abc import Callable
from typing import Any, TypeVar
from urllib.parse import urljoin

from lxml import html as lxml_html
from lxml.html import HtmlElement

from audit.artifacts.text import clean, fold
from audit.artifacts.urls import canonical, document_type, is_web, site_key

T = TypeVar("T")
_REGION_TAGS = {"header": "header", "nav": "nav", "footer": "footer", "main": "main", "aside": "aside"}
_REGION_ROLES = {
    "banner": "header", "navigation": "nav", "contentinfo": "footer", "main": "main",
    "complementary": "aside", "menubar": "nav", "menu": "nav",
}
_REGION_NAMES = re.compile(
    r"(?:^|[\s_-])(?P<name>footer|pied|piedpage|bas-de-page|header|entete|en-tete|bandeau|masthead"
    r"|nav|navbar|navigation|menu|mainmenu|megamenu|main|content|contenu)(?:$|[\s_-])"
)
_NAME_REGION = {
    "footer": "footer", "pied": "footer", "piedpage": "footer", "bas-de-page": "footer",
    "header": "header", "entete": "header", "en-tete": "header", "bandeau": "header",
    "masthead": "header", "nav": "nav", "navbar": "nav", "navigation": "nav", "menu": "nav",
    "mainmenu": "nav", "megamenu": "nav", "main": "main", "content": "main", "contenu": "main",
}
#: Deeply nested (or unclosed) markup: look no further up than this for a landmark.
_MAX_ANCESTORS = 64
#: Elements that hold one sentence or one item: the words a visitor reads around a link.
_BLOCK_TAGS = frozenset(
    {"p", "li", "td", "th", "dd", "dt", "blockquote", "figcaption", "caption", "label", "div", "section", "article"}
)
#: A "block" longer than this is a whole container (a menu, a page body), not the link's sentence.
_BLOCK_LIMIT = 600
_BLOCK_ANCESTORS = 6
_INVISIBLE = "ancestor::script or ancestor::style or ancestor::noscript or ancestor::template"


@dataclass(slots=True)
class Link:
    """An ``<a>`` or ``<area>`` with what a visitor reads of it and where it stands."""

    url: str
    href: str
    text: str
    region: str
    rel: str
    element: HtmlElement
    folded: str = ""
    folded_url: str = ""
    internal: bool = False
    document: str | None = None
    _context: str | None = None
    _own_block: str | None = None
    _block: str | None = None

    def __post_init__(self) -> None:
        self.folded = fold(self.text)
        self.folded_url = fold(self.url or self.href)

    @property
    def context(self) -> str:
        """Folded text, URL and short enclosing block (≤ 300 characters): what surrounds the link, for traps."""
        if self._context is None:
            parts = [self.folded, self.folded_url]
            parent = self.element.getparent()
            if parent is not None and parent.tag in ("li", "p", "td", "dd", "span", "div"):
                text = fold(parent.text_content())
                if len(text) <= 300:
                    parts.append(text)
            self._context = " | ".join(parts)
        return self._context

    @property
    def block(self) -> str:
        """Folded text of the paragraph or list item holding the link ("" when it is a whole container).

        A juror reads the sentence around a link: "inscriptions et paiement se font
        sur le [Portail Familles]" says what the link is for.
        """
        if self._block is None:
            self._block = ""
            node = self.element.getparent()
            for _ in range(_BLOCK_ANCESTORS):
                if node is None or not isinstance(node.tag, str):
                    break
                if node.tag in _BLOCK_TAGS:
                    text = fold(clean(" ".join(node.itertext())))
                    self._block = text if len(text) <= _BLOCK_LIMIT else ""
                    break
                node = node.getparent()
        return self._block

    @property
    def own_block(self) -> str:
        """Folded text of the link and of its list item, paragraph or cell when it holds no other link."""
        if self._own_block is None:
            self._own_block = self.folded
            parent = self.element.getparent()
            if parent is not None and parent.tag in ("li", "p", "td", "dd") and sum(1 for _ in parent.iter("a")) == 1:
                text = fold(parent.text_content())
                if len(text) <= 300:
                    self._own_block = f"{self.folded} | {text}"
        return self._own_block


@dataclass(slots=True)
class Field:
    """A form control, with the label text a visitor would read for it."""

    tag: str
    type: str
    name: str
    label: str
    element: HtmlElement


@dataclass(slots=True)
class Form:
    action: str
    method: str
    role: str
    fields: list[Field]
    text: str
    element: HtmlElement


@dataclass(slots=True)
class Embed:
    """An ``<iframe>``, ``<embed>`` or ``<object>`` pointing at another document."""

    url: str
    title: str
    element: HtmlElement


@dataclass
class Page:
    """Parsed artifacts of one HTML page."""

    url: str
    status: int
    headers: dict[str, str]
    tree: HtmlElement
    depth: int = 0
    is_home: bool = False
    title: str = ""
    lang: str = ""
    meta: dict[str, str] = field(default_factory=dict)
    links: list[Link] = field(default_factory=list)
    forms: list[Form] = field(default_factory=list)
    embeds: list[Embed] = field(default_factory=list)
    scripts: list[str] = field(default_factory=list)
    inline_scripts: list[str] = field(default_factory=list)
    stylesheets: list[str] = field(default_factory=list)
    feeds: list[str] = field(default_factory=list)
    headings: list[tuple[int, str]] = field(default_factory=list)
    text: str = ""
    #: Browser artifacts, set on rendered pages only.
    rendered: bool = False
    viewport: str = ""
    axe: list[dict[str, Any]] | None = None
    #: URLs the browser requested while loading the page, before any interaction.
    requests: list[str] = field(default_factory=list)
    #: Layout measures (horizontal overflow, small tap targets), on rendered pages.
    layout: dict[str, Any] | None = None
    _folded_texts: dict[HtmlElement, str] = field(default_factory=dict, repr=False)
    _derived: dict[str, Any] = field(default_factory=dict, repr=False)

    def derived(self, key: str, compute: Callable[[], T]) -> T:
        """What check helpers derive from the page (the links some vocabulary names...), computed once per page."""
        if key not in self._derived:
            self._derived[key] = compute()
        return self._derived[key]

    def folded_text(self, el: HtmlElement) -> str:
        """The folded text content of `el`, folded once per page whatever the number of checks reading it."""
        text = self._folded_texts.get(el)
        if text is None:
            text = self._folded_texts[el] = fold(el.text_content())
        return text

    @cached_property
    def folded(self) -> str:
        """The visible text, folded."""
        return fold(self.text)

    @cached_property
    def folded_title(self) -> str:
        return fold(self.title)

    @cached_property
    def classes(self) -> dict[str, tuple[int, HtmlElement]]:
        """Each class name used on the page, with the first element carrying it (and its document position)."""
        index: dict[str, tuple[int, HtmlElement]] = {}
        for position, el in enumerate(self.tree.iter()):
            names = el.get("class") if isinstance(el.tag, str) else None
            if names:
                for name in names.split():
                    index.setdefault(name, (position, el))
        return index

    @cached_property
    def json_ld(self) -> list[object]:
        """Parsed schema.org JSON-LD blocks; malformed ones are skipped."""
        blocks: list[object] = []
        for script in self.tree.iter("script"):
            if (script.get("type") or "").lower() != "application/ld+json":
                continue
            try:
                blocks.append(json.loads(script.text or ""))
            except ValueError:
                continue
        return blocks

    @classmethod
    def from_html(
        cls, url: str, html: str | bytes, status: int = 200, headers: dict[str, str] | None = None,
        depth: int = 0, is_home: bool = False,
    ) -> "Page":
        """Parse raw HTML (tests, fixtures, rendered DOM)."""
        tree = lxml_html.document_fromstring(html or "<html></html>")
        return cls.from_tree(url, tree, status, headers or {}, depth, is_home)

    @classmethod
    def from_tree(
        cls, url: str, tree: HtmlElement, status: int, headers: dict[str, str], depth: int,
        is_home: bool,
    ) -> "Page":
        base = _base_url(tree, url)
        home_site = site_key(url)
        page = cls(url=url, status=status, headers=headers, tree=tree, depth=depth, is_home=is_home)
        page.title = clean(" ".join(tree.xpath("//title//text()"))) if tree is not None else ""
        page.lang = (tree.get("lang") or tree.get("xml:lang") or "").strip()
        for meta in tree.iter("meta"):
            key = (meta.get("name") or meta.get("property") or meta.get("http-equiv") or "").lower()
            if key and meta.get("content") is not None:
                page.meta.setdefault(key, meta.get("content", ""))
        for el in tree.iter("a", "area", "link", "script", "iframe", "embed", "object", "form"):
            tag = el.tag
            if tag in ("a", "area"):
                page.links.append(_link(el, base, home_site))
            elif tag == "link":
                _head_link(page, el, base)
            elif tag == "script":
                if el.get("src"):
                    page.scripts.append(urljoin(base, el.get("src").strip()))
                elif el.text and (el.get("type") or "").lower() != "application/ld+json":
                    page.inline_scripts.append(el.text)
            elif tag == "form":
                page.forms.append(_form(el, base))
            else:
                src = el.get("src") or el.get("data") or el.get("data-src") or ""
                if src.strip():
                    page.embeds.append(Embed(urljoin(base, src.strip()), clean(el.get("title")), el))
        for level in range(1, 7):
            for h in tree.iter(f"h{level}"):
                page.headings.append((level, inline_text(h)))
        page.text = clean(" ".join(tree.xpath(f"//body//text()[not({_INVISIBLE})]")))
        return page


def _base_url(tree: HtmlElement, url: str) -> str:
    for base in tree.iter("base"):
        if base.get("href"):
            return urljoin(url, base.get("href").strip())
    return url


def _link(el: HtmlElement, base: str, home_site: str) -> Link:
    href = (el.get("href") or "").strip()
    absolute = urljoin(base, href) if href else ""
    url = canonical(absolute) if absolute and is_web(absolute) else absolute
    parts = [inline_text(el)]
    parts += [img.get("alt") or "" for img in el.iter("img")]
    parts += [el.get("aria-label") or "", el.get("title") or ""]
    text = clean(" ".join(p for p in parts if p))
    link = Link(url=url, href=href, text=text, region=region_of(el), rel=(el.get("rel") or "").lower(), element=el)
    if url and is_web(url):
        link.internal = site_key(url) == home_site
        link.document = document_type(url)
    return link


def _head_link(page: Page, el: HtmlElement, base: str) -> None:
    rel = (el.get("rel") or "").lower().split()
    href = (el.get("href") or "").strip()
    if not href:
        return
    if "stylesheet" in rel:
        page.stylesheets.append(urljoin(base, href))
    elif "alternate" in rel and (el.get("type") or "").lower() in (
        "application/rss+xml", "application/atom+xml", "application/feed+json",
    ):
        page.feeds.append(urljoin(base, href))


def _form(el: HtmlElement, base: str) -> Form:
    labels = {lab.get("for"): inline_text(lab) for lab in el.iter("label") if lab.get("for")}
    fields = []
    for control in el.iter("input", "select", "textarea", "button"):
        kind = (control.get("type") or ("text" if control.tag == "input" else control.tag)).lower()
        wrapping = next((a for a in control.iterancestors("label")), None)
        label = " ".join(
            p for p in (
                labels.get(control.get("id")), _own_text(wrapping) if wrapping is not None else None,
                control.get("placeholder"), control.get("aria-label"),
                control.get("title"), inline_text(control) if control.tag == "button" else None,
                control.get("value") if kind in ("submit", "button") else None,
            ) if p
        )
        fields.append(Field(control.tag, kind, (control.get("name") or "").lower(), clean(label), control))
    action = (el.get("action") or "").strip()
    return Form(
        action=urljoin(base, action) if action else base,
        method=(el.get("method") or "get").lower(),
        role=(el.get("role") or "").lower(),
        fields=fields,
        text=fold(visible_text(el)),
        element=el,
    )


def visible_text(el: HtmlElement) -> str:
    """Text of `el` with its text nodes kept apart (``<span>Démarches</span><span>en ligne</span>``
    reads "Démarches en ligne", not "Démarchesen ligne"), scripts and styles left out."""
    return clean(" ".join(el.xpath(f".//text()[not({_INVISIBLE})]")))


def inline_text(el: HtmlElement) -> str:
    """`visible_text` for small inline elements (links, headings, labels), which hold no scripts: 4x faster."""
    return clean(" ".join(el.itertext()))


def _own_text(label: HtmlElement) -> str:
    """A wrapping label's words, without the options of the control it wraps."""
    return clean(" ".join(
        t for t in label.xpath(f".//text()[not({_INVISIBLE}) and not(ancestor::select) and not(ancestor::textarea)]")
    ))


def region_of(el: HtmlElement) -> str:
    """The page region an element stands in: header, nav, main, footer, aside or body.

    The nearest landmark wins: a menu inside the header is ``nav``.
    """
    node = el.getparent()
    for _ in range(_MAX_ANCESTORS):
        if node is None:
            break
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag in _REGION_TAGS:
            return _REGION_TAGS[tag]
        role = (node.get("role") or "").lower()
        if role in _REGION_ROLES:
            return _REGION_ROLES[role]
        names = f"{node.get('id') or ''} {node.get('class') or ''}".lower()
        if names.strip():
            match = _REGION_NAMES.search(names)
            if match:
                return _NAME_REGION[match.group("name")]
        node = node.getparent()
    return "body"
