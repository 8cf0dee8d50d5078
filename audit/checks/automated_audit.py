"""Tests automatiques d'accessibilité : axe-core dans les pages rendues, règles statiques sur chaque page."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from typing import Any

from lxml.html import HtmlElement

from audit.model import Answer, Evidence, Observation, SiteFacts
from audit.page import Page

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
MAX_PAGES_IN_VALUE = 20


def _accessible_name(el: HtmlElement) -> str:
    """Text a screen reader would announce for a link or button (content, alt, aria, title)."""
    parts = [el.text_content(), el.get("aria-label") or "", el.get("title") or "", el.get("aria-labelledby") or ""]
    parts += [img.get("alt") or "" for img in el.iter("img")]
    parts += [(svg.findtext("title") or "") for svg in el.iter("svg")]
    if el.tag == "input":
        parts.append(el.get("value") or "")
    return "".join(parts).strip()


def _hidden(el: HtmlElement) -> bool:
    return el.get("aria-hidden") == "true" or el.get("hidden") is not None or any(
        a.get("hidden") is not None or a.get("aria-hidden") == "true" for a in el.iterancestors()
    )


def static_violations(page: Page) -> dict[str, int]:
    """Elements failing each static rule on `page` (rules with no failure are left out)."""
    tree = page.tree
    failures: Counter[str] = Counter()
    if not (tree.get("lang") or tree.get("xml:lang") or "").strip():
        failures["html-has-lang"] += 1
    if not page.title:
        failures["document-title"] += 1
    for img in tree.iter("img"):
        if img.get("alt") is None and img.get("role") not in ("presentation", "none") and not img.get("aria-label") and not _hidden(img):
            failures["image-alt"] += 1
    labelled = {lab.get("for") for lab in tree.iter("label") if lab.get("for")}
    for control in tree.iter("input", "select", "textarea"):
        kind = (control.get("type") or "text").lower()
        if control.tag == "input" and kind not in _LABELLED_INPUTS or _hidden(control):
            continue
        has_label = (
            control.get("id") in labelled or control.get("aria-label") or control.get("aria-labelledby")
            or control.get("title") or any(a.tag == "label" for a in control.iterancestors())
        )
        if not has_label:
            failures["label"] += 1
    for link in tree.iter("a"):
        if link.get("href") is not None and not _hidden(link) and not _accessible_name(link):
            failures["link-name"] += 1
    for button in tree.iter("button"):
        if not _hidden(button) and not _accessible_name(button):
            failures["button-name"] += 1
    ids = Counter(el.get("id") for el in tree.iter() if isinstance(el.tag, str) and el.get("id"))
    failures["duplicate-id"] += sum(1 for count in ids.values() if count > 1)
    previous = 0
    for level, _text in _headings_in_order(tree):
        if previous and level > previous + 1:
            failures["heading-order"] += 1
        previous = level
    return {rule: n for rule, n in failures.items() if n}


def _headings_in_order(tree: HtmlElement) -> Iterator[tuple[int, str]]:
    for el in tree.iter("h1", "h2", "h3", "h4", "h5", "h6"):
        yield int(el.tag[1]), el.text_content()


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
