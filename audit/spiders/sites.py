"""The input list: commune sites given as URLs or as a CSV file (``name,insee,url``)."""

from __future__ import annotations

import csv
import io
import sys
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from slugify import slugify


class InputError(ValueError):
    """The input list cannot be used at all (the message is for the user, in French)."""


@dataclass(frozen=True)
class SiteInput:
    """One site to audit, as the user gave it."""

    url: str
    name: str = ""
    insee: str = ""
    extra: dict[str, str] = field(default_factory=dict, compare=False)
    #: False when the user wrote ``www.ville.fr``: https is tried first, then http.
    scheme_given: bool = True

    @property
    def slug(self) -> str:
        """File-system-safe folder name: ``[a-z0-9-]`` only, so it cannot leave the output folder."""
        host = urlsplit(self.url).netloc
        label = "-".join(p for p in (self.insee, self.name) if p) or host
        return slugify(label, max_length=80) or "site"


@dataclass
class RejectedRow:
    line: int
    reason: str


def normalise_url(raw: str) -> tuple[str, bool]:
    """Return an absolute http(s) URL and whether a scheme was given; raise ValueError if unusable."""
    text = raw.strip()
    if not text:
        raise ValueError("URL vide")
    given = "://" in text
    if not given:
        text = "https://" + text.lstrip("/")
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https"):
        raise ValueError(f"schéma « {parts.scheme} » non pris en charge (http ou https attendu)")
    try:
        parts.port
    except ValueError as exc:
        raise ValueError(f"port invalide dans « {raw.strip()} »") from exc
    host = parts.hostname or ""
    if not host or " " in host or "." not in host and host != "localhost":
        raise ValueError(f"nom d'hôte invalide dans « {raw.strip()} »")
    return (text if parts.path else text + "/"), given


def from_urls(urls: list[str]) -> tuple[list[SiteInput], list[RejectedRow]]:
    sites, rejected = [], []
    for i, raw in enumerate(urls, start=1):
        try:
            url, given = normalise_url(raw)
        except ValueError as exc:
            rejected.append(RejectedRow(i, str(exc)))
            continue
        sites.append(SiteInput(url=url, scheme_given=given))
    return _dedupe(sites), rejected


def from_csv(path: Path) -> tuple[list[SiteInput], list[RejectedRow]]:
    """Read a CSV with a ``url`` column (``name`` and ``insee`` optional, extra columns kept).

    Accepts ``,`` or ``;`` separators and a UTF-8 BOM, as French spreadsheet exports write.
    """
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(f"impossible de lire {path} : {exc.strerror}") from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252")
    if not text.strip():
        raise InputError(f"{path} est vide : une ligne d'en-tête « name,insee,url » est attendue")
    first = text.splitlines()[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    columns = {(c or "").strip().lower(): c for c in reader.fieldnames or []}
    if "url" not in columns:
        raise InputError(
            f"{path} : colonne « url » introuvable (colonnes lues : {', '.join(columns) or 'aucune'})"
        )
    sites, rejected = [], []
    for line, row in enumerate(reader, start=2):
        values = {k: (row.get(orig) or "").strip() for k, orig in columns.items() if k}
        if not any(values.values()):
            continue
        try:
            url, given = normalise_url(values.pop("url"))
        except ValueError as exc:
            rejected.append(RejectedRow(line, str(exc)))
            continue
        sites.append(SiteInput(
            url=url, name=values.pop("name", ""), insee=values.pop("insee", ""), extra=values,
            scheme_given=given,
        ))
    if not sites and not rejected:
        raise InputError(f"{path} ne contient aucune commune (seulement l'en-tête)")
    return _dedupe(sites), rejected


def _dedupe(sites: list[SiteInput]) -> list[SiteInput]:
    """Drop repeated sites and make slugs unique within the run."""
    unique: dict[tuple[str, str], SiteInput] = {}
    for site in sites:
        unique.setdefault((site.url.rstrip("/").lower(), site.insee), site)
    return list(unique.values())


def unique_slugs(sites: list[SiteInput]) -> dict[SiteInput, str]:
    slugs: dict[SiteInput, str] = {}
    used: set[str] = set()
    for site in sites:
        slug, n = site.slug, 2
        while slug in used:
            slug, n = f"{site.slug}-{n}", n + 1
        used.add(slug)
        slugs[site] = slug
    return slugs


def report_rejected(rejected: list[RejectedRow], out: Path) -> None:
    """List invalid input rows on stderr and in ``OUT/rejected.csv``; the run goes on without them."""
    if not rejected:
        return
    for row in rejected:
        print(f"audit : ligne {row.line} ignorée : {row.reason}", file=sys.stderr)
    out.mkdir(parents=True, exist_ok=True)
    with (out / "rejected.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["line", "reason"])
        writer.writerows((r.line, r.reason) for r in rejected)
