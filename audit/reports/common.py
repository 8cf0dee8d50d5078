"""What every report shares: French status words, safe URLs, values as plain text, site facts.

Everything read from ``audit.json`` came from a crawled site and is untrusted:
the HTML reports escape it (Jinja2 autoescape) and only let ``http(s)`` URLs
become links (`safe_url`); the spreadsheets neutralise formulas.
"""

from __future__ import annotations

import base64
import re
from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from audit.grid import Grid

STATUSES = ("present", "absent", "unknown")
#: Badge words of the HTML reports.
STATUS_LABELS = {"present": "Présent", "absent": "Absent", "unknown": "À vérifier"}
#: Answers of the jury's form.
ANSWERS = {"present": "Oui", "absent": "Non", "unknown": "À vérifier"}
#: Status colours shared by the HTML and the spreadsheets (white text on the first two, dark on the last).
COLOURS = {"present": "1E6B34", "absent": "A4161A", "unknown": "FFE08A"}

AUTOMATED_AUDIT = "accessibility.automated_audit"
NEWS = "site.news"

_MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
           "septembre", "octobre", "novembre", "décembre")
_CONTROL = re.compile(r"[\x00-\x20\x7f]+")
_PNG = b"\x89PNG\r\n\x1a\n"
_SCREENSHOT_MAX = 4 * 1024 * 1024
#: French words for the value keys the checks write; other keys are shown with spaces for underscores.
KEY_LABELS = {
    "latest": "dernière publication", "recent_count": "publications récentes (90 jours)",
    "level": "niveau", "rate": "taux", "page": "page", "xml": "plans XML", "tool": "outil",
    "trackers": "traceurs", "viewport": "viewport mobile", "media_queries": "media queries",
    "https": "HTTPS", "http_redirects_to_https": "redirection HTTP vers HTTPS", "hsts": "HSTS",
    "security_headers": "en-têtes de sécurité", "address": "adresse", "phone": "téléphone",
    "hours": "horaires", "checked": "liens vérifiés", "broken": "liens cassés", "share": "part",
    "items": "liens", "url": "adresse", "status": "statut HTTP", "referrers": "pages qui y mènent",
    "name": "nom", "version": "version", "categories": "catégories", "engine": "moteur",
    "pages_tested": "pages testées (navigateur)", "pages_tested_static": "pages testées (HTML)",
}


def safe_url(url: object) -> str | None:
    """The URL when a browser may follow it (``http``/``https`` with a host), else None.

    Control characters and spaces are removed first, as browsers do, so that
    ``java\\tscript:`` or `` javascript:`` cannot slip through.
    """
    if not isinstance(url, str):
        return None
    cleaned = _CONTROL.sub("", url)
    try:
        parts = urlsplit(cleaned)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return url.strip()


#: Value keys holding a 0..1 share, a percentage, a code with underscores.
SHARE_KEYS = {"share", "footer_mention"}
PERCENT_KEYS = {"rate"}
CODE_KEYS = {"level"}


def key_label(key: str) -> str:
    return KEY_LABELS.get(key, key.replace("_", " "))


def french_date(text: object) -> str:
    """``2026-11-14`` or an ISO timestamp as ``14 novembre 2026``; anything else unchanged."""
    if not isinstance(text, str) or not text:
        return ""
    try:
        day = datetime.fromisoformat(text).date() if "T" in text else date.fromisoformat(text[:10])
    except ValueError:
        return text
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def scalar_text(value: object, key: str | None = None) -> str:
    """One value as French text; `key` (the value's name) tells shares and rates from plain numbers."""
    if key in SHARE_KEYS and isinstance(value, int | float) and not isinstance(value, bool):
        return f"{value * 100:.0f} %"
    if key in PERCENT_KEYS and isinstance(value, int | float) and not isinstance(value, bool):
        return f"{value:g} %".replace(".", ",")
    if key in CODE_KEYS and isinstance(value, str):
        return value.replace("_", " ")
    if value is None:
        return ""
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",")
    return str(value)


def value_text(criterion_id: str, value: Any) -> str:
    """A criterion's value as one line of text, for spreadsheets and the jury's form."""
    if value is None or value == [] or value == {}:
        return ""
    if criterion_id == NEWS and isinstance(value, dict):
        return news_text(value)
    if criterion_id == AUTOMATED_AUDIT and isinstance(value, dict):
        return automated_audit_text(value)
    return _generic_text(value, criterion_id.rpartition(".")[2])


def _generic_text(value: Any, key: str | None = None) -> str:
    if isinstance(value, dict):
        return " ; ".join(f"{key_label(str(k))} : {_generic_text(v, str(k))}" for k, v in value.items() if v not in (None, [], {}))
    if isinstance(value, list):
        return ", ".join(_generic_text(v) for v in value)
    return scalar_text(value, key)


def news_text(value: dict[str, Any]) -> str:
    latest = french_date(value.get("latest")) or "aucune date trouvée"
    return f"dernière actualité : {latest} ; {value.get('recent_count', 0)} publiée(s) ces 90 derniers jours"


def rgaa_rows(value: dict[str, Any]) -> list[dict[str, Any]]:
    """``value.by_rgaa`` as rows sorted by RGAA reference (``hors RGAA`` last), most elements first within ties."""
    by_rgaa = value.get("by_rgaa") or {}
    rows = [{"ref": str(ref), **(entry if isinstance(entry, dict) else {})} for ref, entry in by_rgaa.items()]
    return sorted(rows, key=lambda r: (_ref_key(r["ref"]), -int(r.get("elements") or 0)))


def _ref_key(ref: str) -> tuple[int, ...]:
    parts = ref.split(".")
    return tuple(int(p) for p in parts) if all(p.isdigit() for p in parts) else (10_000,)


def automated_audit_text(value: dict[str, Any]) -> str:
    rows = rgaa_rows(value)
    tested = value.get("pages_tested")
    head = f"{tested} page(s) testée(s)" if tested is not None else "audit automatique"
    if not rows:
        return f"{head} : aucune erreur détectée"
    detail = ", ".join(f"{r['ref']} ({r.get('elements', 0)} élément(s))" for r in rows)
    return f"{head} : {detail}"


def site_name(site: dict[str, Any]) -> str:
    return site.get("name") or urlsplit(site.get("final_url") or site["start_url"]).netloc or site["start_url"]


def section_counts(grid: Grid, criteria: dict[str, Any]) -> dict[str, dict[str, int]]:
    """Per section, how many criteria are present, absent, unknown."""
    counts = {section: dict.fromkeys(STATUSES, 0) for section in grid.sections}
    for criterion in grid.criteria:
        status = criteria.get(criterion.id, {}).get("status", "unknown")
        counts[criterion.section][status if status in counts[criterion.section] else "unknown"] += 1
    return counts


def screenshot_uri(folder: Path, name: object) -> str | None:
    """A PNG screenshot of the site folder as a ``data:`` URI; None when missing or not a PNG.

    Only the file name is used, so a crafted entry cannot read outside the folder.
    """
    if not isinstance(name, str) or not name:
        return None
    path = folder / Path(name).name
    if not path.is_file() or path.stat().st_size > _SCREENSHOT_MAX:
        return None
    data = path.read_bytes()
    if not data.startswith(_PNG):
        return None
    return "data:image/png;base64," + base64.b64encode(data).decode("ascii")
