"""Tests automatiques d'accessibilité : axe-core dans les pages rendues, règles statiques sur chaque page."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from typing import Any

from lxml.html import HtmlElement

from audit.artifacts.page import Page
from audit.checks.framework.model import Answer, Evidence, Observation, SiteFacts

CRITERIA = ("accessibility.automated_audit",)
NEEDS = frozenset({"html", "rendered", "axe"})

COVERAGE_NOTE = (
    "Les tests automatiques ne couvrent qu'une partie du RGAA (environ un quart des critères) : "
    "une absence d'erreur ne vaut pas conformité, seul un audit manuel le peut."
)
#: Static rules run on every HTML page, named as axe-core names them, with their references.
STATIC_RULES: dict[str, dict[str, Any]] = {
    "html-has-lang": {"rgaa": ["8.3.1"], "wcag": ["3.1.1"], "help": "La page doit déclarer sa langue (attribut lang)"},
    "document-title": {"rgaa": ["8.5.1"], "wcag": ["2.4.2"], "help": "La page doit avoir un titre non vide"},
    "image-alt": {"rgaa": ["1.1.1"], "wcag": ["1.1.1"], "help": "Les images doivent avoir une alternative textuelle"},
    "label": {"rgaa": ["11.1.1"], "wcag": ["1.3.1", "4.1.2"], "help": "Les champs de formulaire doivent avoir une étiquette"},
    "link-name": {"rgaa": ["6.2.1"], "wcag": ["2.4.4", "4.1.2"], "help": "Les liens doivent avoir un intitulé"},
    "button-name": {"rgaa": ["11.9.1"], "wcag": ["4.1.2"], "help": "Les boutons doivent avoir un intitulé"},
    "duplicate-id": {"rgaa": ["8.2.1"], "wcag": ["4.1.1"], "help": "Les identifiants (id) doivent être uniques"},
    "heading-order": {"rgaa": ["9.1.2"], "wcag": ["1.3.1"], "help": "Les niveaux de titres ne doivent pas sauter de niveau"},
}
_RGAA_TAG = re.compile(r"^RGAA-(\d+\.\d+)\.\d+$")
_WCAG_TAG = re.compile(r"^wcag(\d)(\d)(\d+)$")
_LABELLED_INPUTS = frozenset({"text", "email", "search", "tel", "url", "password", "number", "date", "checkbox", "radio", "file", "month", "week", "time", "datetime-local", "color", "range"})
#: ARIA roles of form fields (ACT e086e5): a non-native element with one of them needs a name too.
_FIELD_ROLES = frozenset({"checkbox", "combobox", "listbox", "menuitemcheckbox", "menuitemradio", "radio", "searchbox", "slider", "spinbutton", "switch", "textbox"})
#: Field roles whose name may come from their content (like a checkbox's text).
_NAMED_BY_CONTENT = frozenset({"checkbox", "menuitemcheckbox", "menuitemradio", "radio", "switch"})
#: Link and its DPUB-ARIA subclasses (a[href role=doc-noteref] is still a link).
_LINK_ROLES = frozenset({"link", "doc-backlink", "doc-biblioref", "doc-glossref", "doc-noteref"})
_PRESENTATIONAL = frozenset({"presentation", "none"})
#: Elements a <label> can name.
_LABELABLE = frozenset({"input", "select", "textarea", "button"})
#: Form controls contribute nothing to the name of what contains them (a select inside its own label).
_NO_EMBEDDED_NAME = frozenset({"input", "select", "textarea", "script", "style", "template", "noscript"})
_HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_NATIVELY_FOCUSABLE = frozenset({"a", "button", "input", "select", "textarea", "area"})
#: Content a browser with scripts on never shows: its elements are not audited.
_INERT_CONTAINERS = frozenset({"template", "noscript"})
_DISPLAY_NONE = re.compile(r"(?:^|;)\s*display\s*:\s*none", re.I)
_VISIBILITY = re.compile(r"(?:^|;)\s*visibility\s*:\s*(hidden|collapse|visible)", re.I)
MAX_PAGES_IN_VALUE = 20


def _role(el: HtmlElement) -> str:
    """The first token of the explicit role (what browsers honour), lower-cased."""
    return (el.get("role") or "").strip().lower().split(" ")[0]


def _focusable(el: HtmlElement) -> bool:
    if el.get("tabindex") is not None:
        return True
    if el.tag in ("a", "area"):
        return el.get("href") is not None
    return el.tag in _NATIVELY_FOCUSABLE and el.get("disabled") is None


def _presentational(el: HtmlElement) -> bool:
    """role=none/presentation, which browsers ignore on focusable elements or with global ARIA attributes
    (ARIA's presentational role conflict resolution)."""
    return _role(el) in _PRESENTATIONAL and not _focusable(el) and not any(
        name.startswith("aria-") and name != "aria-hidden" for name in el.attrib)


def _self_hidden(el: HtmlElement) -> bool:
    style = el.get("style") or ""
    return (el.get("hidden") is not None or el.get("aria-hidden") == "true"
            or bool(style and _DISPLAY_NONE.search(style)))


def _hidden(el: HtmlElement) -> bool:
    """Out of the accessibility tree: hidden, aria-hidden, display:none or visibility:hidden (inline styles
    only, a static parser sees no stylesheet), or inside a template/noscript."""
    visibility = ""
    for node in (el, *el.iterancestors()):
        if _self_hidden(node) or node is not el and node.tag in _INERT_CONTAINERS:
            return True
        style = node.get("style")
        if not visibility and style and (m := _VISIBILITY.search(style)):
            visibility = m.group(1).lower()  # the nearest declaration wins
    return visibility in ("hidden", "collapse")


def _ids(tree: HtmlElement) -> dict[str, HtmlElement]:
    """First element of each id (as getElementById), for aria-labelledby."""
    ids: dict[str, HtmlElement] = {}
    for el in tree.iter():
        if isinstance(el.tag, str) and (key := el.get("id")):
            ids.setdefault(key, el)
    return ids


def _labelledby(el: HtmlElement, ids: dict[str, HtmlElement]) -> str:
    refs = (el.get("aria-labelledby") or "").split()
    # Referenced content does not follow aria-labelledby again (accname), which also prevents cycles.
    return " ".join(_content_name(ids[ref], ids, follow=False) for ref in refs if ref in ids).strip()


def _content_name(el: HtmlElement, ids: dict[str, HtmlElement], *, follow: bool = True) -> str:
    """Name computed from an element's content: its text and its visible descendants' own names."""
    parts = [el.text or ""]
    for child in el:
        if isinstance(child.tag, str) and not _self_hidden(child):
            parts.append(_embedded_name(child, ids, follow))
        parts.append(child.tail or "")
    return " ".join(parts).strip()


def _embedded_name(el: HtmlElement, ids: dict[str, HtmlElement], follow: bool) -> str:
    """Name of an element met inside a link, a button or a referenced label."""
    if label := (follow and _labelledby(el, ids)) or (el.get("aria-label") or "").strip():
        return label
    if el.tag == "img":
        return (el.get("alt") or el.get("title") or "").strip()
    if el.tag == "svg":
        title = el.find("title")
        return (title.text_content() if title is not None else "").strip()
    if el.tag in _NO_EMBEDDED_NAME:
        return ""
    return _content_name(el, ids, follow=follow) or (el.get("title") or "").strip()


def _name(el: HtmlElement, ids: dict[str, HtmlElement], *, from_content: bool, extra: str = "") -> str:
    """Accessible name in accname order: aria-labelledby, aria-label, `extra` (alt, value, label),
    content when the role allows it, then title."""
    return (_labelledby(el, ids) or (el.get("aria-label") or "").strip() or extra.strip()
            or (_content_name(el, ids) if from_content else "") or (el.get("title") or "").strip())


def _document_title(tree: HtmlElement) -> str:
    """Text of the document's title element: the first one outside inline SVG and templates."""
    for title in tree.iter("title"):
        if not any(a.tag in ("svg", "template") for a in title.iterancestors()):
            return title.text_content().strip()
    return ""


def static_violations(page: Page) -> dict[str, int]:
    """Elements failing each static rule on `page` (rules with no failure are left out).

    The rules follow axe-core and the W3C ACT rules; tests/test_act_rules.py runs them on the ACT test cases.
    """
    tree = page.tree
    ids = _ids(tree)
    labels = _label_texts(tree, ids)
    failures: Counter[str] = Counter()
    if not (tree.get("lang") or "").strip():  # xml:lang alone means nothing in an HTML page
        failures["html-has-lang"] += 1
    if not _document_title(tree):
        failures["document-title"] += 1
    previous_level = 0
    for el in tree.iter():
        if not isinstance(el.tag, str):
            continue
        rule = _rule_failed(el, ids, labels)
        if rule and not _hidden(el):
            failures[rule] += 1
        if (level := _heading_level(el)) and not _hidden(el):
            if previous_level and level > previous_level + 1:
                failures["heading-order"] += 1
            previous_level = level
    failures["duplicate-id"] += sum(1 for count in Counter(
        el.get("id") for el in tree.iter() if isinstance(el.tag, str) and el.get("id")).values() if count > 1)
    return {rule: n for rule, n in failures.items() if n}


def _heading_level(el: HtmlElement) -> int:
    """Level of a heading (h1-h6 or role=heading, aria-level first), 0 for anything else."""
    role = _role(el)
    native = el.tag in _HEADING_TAGS
    if not (role == "heading" or native and not role):
        return 0
    level = (el.get("aria-level") or "").strip()
    if level.isdigit() and int(level) > 0:
        return int(level)
    return int(el.tag[1]) if native else 2  # ARIA's default level


def _label_texts(tree: HtmlElement, ids: dict[str, HtmlElement]) -> dict[str, str]:
    """Names given by visible <label for=...> elements, by target id."""
    texts: dict[str, str] = {}
    for label in tree.iter("label"):
        if (target := label.get("for")) and not _hidden(label):
            texts[target] = (texts.get(target, "") + " " + _content_name(label, ids)).strip()
    return texts


def _rule_failed(el: HtmlElement, ids: dict[str, HtmlElement], labels: dict[str, str]) -> str | None:
    """The name rule `el` fails (image-alt, label, link-name, button-name), if any; visibility is checked after."""
    tag, role = el.tag, _role(el)
    kind = (el.get("type") or "text").strip().lower() if tag == "input" else ""
    if _presentational(el):
        return None
    if role in _PRESENTATIONAL:
        role = ""  # ignored when it conflicts with focus or global ARIA attributes
    label = (labels.get(el.get("id") or "", "") + " " + _wrapping_label(el, ids)) if tag in _LABELABLE else ""
    if tag == "img" or kind == "image" or role == "img" and tag not in ("svg", "area", "object"):
        if tag == "img" and el.get("alt") == "":
            return None  # decorative
        alt = (el.get("alt") or "") if tag in ("img", "input") else ""
        return None if _name(el, ids, from_content=False, extra=alt + label) else "image-alt"
    if tag in ("input", "select", "textarea"):
        if kind == "button":
            return None if _name(el, ids, from_content=False, extra=(el.get("value") or "") + label) else "button-name"
        if tag == "input" and kind not in _LABELLED_INPUTS or role and role not in _FIELD_ROLES:
            return None
        placeholder = (el.get("placeholder") or "") if tag != "select" else ""
        return None if _name(el, ids, from_content=False, extra=label + placeholder) else "label"
    if role in _FIELD_ROLES:
        return None if _name(el, ids, from_content=role in _NAMED_BY_CONTENT) else "label"
    if tag in ("a", "area") and el.get("href") is not None and (not role or role in _LINK_ROLES) or role == "link":
        alt = (el.get("alt") or "") if tag == "area" else ""
        return None if _name(el, ids, from_content=tag != "area", extra=alt) else "link-name"
    if tag == "button" and not role or role == "button":
        return None if _name(el, ids, from_content=True, extra=label) else "button-name"
    return None


def _wrapping_label(el: HtmlElement, ids: dict[str, HtmlElement]) -> str:
    label = next((a for a in el.iterancestors() if a.tag == "label"), None)
    return _content_name(label, ids) if label is not None else ""


def _references(tags: list[str]) -> tuple[list[str], list[str]]:
    rgaa = sorted({m.group(0)[5:] for t in tags if (m := _RGAA_TAG.match(t))})
    wcag = sorted({".".join(m.groups()) for t in tags if (m := _WCAG_TAG.match(t))})
    return rgaa, wcag


def observe(page: Page) -> Iterator[Observation]:
    if page.rendered:
        if page.viewport != "desktop" or page.axe is None:
            return
        rules = []
        for v in page.axe:
            rgaa, wcag = _references(v.get("tags", []))
            rules.append({"rule": v["id"], "impact": v.get("impact"), "help": v.get("help", ""),
                          "rgaa": rgaa, "wcag": wcag, "elements": v.get("nodes", 0)})
        engine = "axe-core"
    else:
        rules = [{"rule": rule, "help": STATIC_RULES[rule]["help"], "rgaa": STATIC_RULES[rule]["rgaa"],
                  "wcag": STATIC_RULES[rule]["wcag"], "elements": n} for rule, n in static_violations(page).items()]
        engine = "static"
    summary = ", ".join(f"{r['rule']} ×{r['elements']}" for r in rules[:8]) or "aucune erreur détectée"
    yield Observation(
        criterion="accessibility.automated_audit", url=page.url, kind=engine,
        excerpt=f"{engine} : {len(rules)} règle(s) en échec ({summary})", strength=1.0,
        value={"url": page.url, "engine": engine, "failed_rules": rules},
    )


def decide(observations: list[Observation], site: SiteFacts | None) -> dict[str, Answer]:
    if not observations:
        return {"accessibility.automated_audit": Answer("absent", confidence=0.5)}
    axe_pages = [o for o in observations if o.kind == "axe-core"]
    pages = axe_pages or [o for o in observations if o.kind == "static"]
    by_rgaa: dict[str, dict[str, Any]] = {}
    for obs in pages:
        for rule in obs.value["failed_rules"]:
            for ref in rule["rgaa"] or ["hors RGAA"]:
                entry = by_rgaa.setdefault(ref, {"rules": [], "elements": 0, "pages": 0})
                entry["elements"] += rule["elements"]
                entry["pages"] += 1
                if rule["rule"] not in entry["rules"]:
                    entry["rules"].append(rule["rule"])
    worst = sorted(pages, key=lambda o: -sum(r["elements"] for r in o.value["failed_rules"]))
    value = {
        "engine": "axe-core" if axe_pages else "static",
        "pages_tested": len(pages),
        "pages_tested_static": sum(1 for o in observations if o.kind == "static"),
        "by_rgaa": dict(sorted(by_rgaa.items(), key=lambda kv: _rgaa_sort_key(kv[0]))),
        "pages": [o.value for o in worst[:MAX_PAGES_IN_VALUE]],
        "note": COVERAGE_NOTE,
    }
    evidence = [Evidence(url=o.url, excerpt=o.excerpt[:500]) for o in worst[:5]]
    return {"accessibility.automated_audit": Answer("present", evidence, confidence=1.0, value=value)}


def _rgaa_sort_key(ref: str) -> tuple[int, ...]:
    return tuple(int(p) for p in ref.split(".")) if ref[0].isdigit() else (999,)
