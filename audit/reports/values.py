"""Criterion values as HTML: readable for any shape, with special views for the accessibility audit and news.

Values come from crawled sites: every piece of text is escaped and only
``http(s)`` URLs become links.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup, escape

from audit.reports.common import (
    AUTOMATED_AUDIT, NEWS, french_date, key_label, rgaa_rows, safe_url, scalar_text,
)

_IMPACTS = {"critical": "critique", "serious": "grave", "moderate": "modéré", "minor": "mineur"}


def value_html(criterion_id: str, value: Any) -> Markup:
    """The value of one criterion as an HTML fragment (empty when there is none)."""
    if value is None or value == [] or value == {}:
        return Markup("")
    if criterion_id == AUTOMATED_AUDIT and isinstance(value, dict):
        return automated_audit_html(value)
    if criterion_id == NEWS and isinstance(value, dict):
        return news_html(value)
    return generic_html(value, criterion_id.rpartition(".")[2])


def link(url: object, text: object | None = None) -> Markup:
    """A link when `url` is a safe http(s) URL, else the URL as plain text."""
    label = escape(scalar_text(url if text is None else text))
    href = safe_url(url)
    if href is None:
        return Markup('<span class="url">{}</span>').format(label)
    return Markup('<a class="url" href="{}">{}</a>').format(href, label)


def generic_html(value: Any, key: str | None = None) -> Markup:
    """Dicts as definition lists, lists of flat records as tables, other lists as bullets, URLs as links."""
    if isinstance(value, dict):
        items = Markup("").join(
            Markup("<dt>{}</dt><dd>{}</dd>").format(key_label(str(k)), generic_html(v, str(k))) for k, v in value.items()
        )
        return Markup('<dl class="value">{}</dl>').format(items)
    if isinstance(value, list):
        if value and all(isinstance(v, dict) and _flat(v) for v in value):
            return _table(value)
        if not value:
            return Markup("<span>aucun</span>")
        return Markup("<ul>{}</ul>").format(Markup("").join(Markup("<li>{}</li>").format(generic_html(v)) for v in value))
    if isinstance(value, str) and safe_url(value):
        return link(value)
    return escape(scalar_text(value, key)) if value is not None else Markup("—")


def _flat(item: dict[str, Any]) -> bool:
    return all(not isinstance(v, dict) and not (isinstance(v, list) and any(isinstance(x, dict | list) for x in v))
               for v in item.values())


def _table(rows: list[dict[str, Any]]) -> Markup:
    keys: list[str] = []
    for row in rows:
        keys.extend(k for k in row if k not in keys)
    head = Markup("").join(Markup('<th scope="col">{}</th>').format(key_label(k)) for k in keys)
    body = Markup("").join(
        Markup("<tr>{}</tr>").format(Markup("").join(Markup("<td>{}</td>").format(generic_html(row.get(k), k)) for k in keys))
        for row in rows
    )
    return Markup('<table class="value"><thead><tr>{}</tr></thead><tbody>{}</tbody></table>').format(head, body)


def news_html(value: dict[str, Any]) -> Markup:
    latest = french_date(value.get("latest"))
    date_part = (Markup('<time datetime="{}">{}</time>').format(value.get("latest"), latest) if latest
                 else Markup("aucune date trouvée"))
    count = value.get("recent_count", 0)
    return Markup('<p class="news">Dernière actualité : <strong>{}</strong> · <strong>{}</strong> actualité(s) '
                  "publiée(s) dans les 90 jours précédant l'audit</p>").format(date_part, count)


def automated_audit_html(value: dict[str, Any]) -> Markup:
    """The axe-core results grouped by RGAA criterion, then the failed rules page by page."""
    parts = [Markup("<p>Moteur : {} · {} page(s) testée(s) dans le navigateur, {} en HTML statique.</p>").format(
        value.get("engine", "—"), value.get("pages_tested", 0), value.get("pages_tested_static", 0))]
    rows = rgaa_rows(value)
    if rows:
        body = Markup("").join(
            Markup("<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td><td>{}</td></tr>").format(
                r["ref"], ", ".join(map(str, r.get("rules") or [])), r.get("elements", 0), r.get("pages", 0))
            for r in rows
        )
        parts.append(Markup(
            '<table class="rgaa"><caption>Erreurs par critère RGAA</caption><thead><tr><th scope="col">Critère RGAA</th>'
            '<th scope="col">Règles axe-core</th><th scope="col">Éléments</th><th scope="col">Pages</th></tr></thead>'
            "<tbody>{}</tbody></table>").format(body))
    else:
        parts.append(Markup("<p>Aucune erreur détectée automatiquement.</p>"))
    failing = [p for p in value.get("pages") or [] if isinstance(p, dict) and p.get("failed_rules")]
    if failing:
        parts.append(Markup('<ul class="pages">{}</ul>').format(Markup("").join(_page_html(p) for p in failing)))
    if value.get("note"):
        parts.append(Markup('<p class="note">{}</p>').format(value["note"]))
    return Markup("").join(parts)


def _page_html(page: dict[str, Any]) -> Markup:
    rules = Markup("").join(
        Markup("<li><code>{}</code> : {} — {} élément(s), impact {}{}</li>").format(
            r.get("rule", ""), r.get("help", ""), r.get("elements", 0), _IMPACTS.get(r.get("impact"), r.get("impact") or "—"),
            Markup(" (RGAA {})").format(", ".join(r["rgaa"])) if r.get("rgaa") else "")
        for r in page["failed_rules"] if isinstance(r, dict)
    )
    return Markup("<li>{}<ul>{}</ul></li>").format(link(page.get("url")), rules)
