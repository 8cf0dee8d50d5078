"""Scores audit results against labelled truth files: ``audit evaluate TRUTH OUTDIR``.

A truth file (``evaluation/truth/<slug>.yaml``) maps every criterion id to
``{status: present|absent|unknown, value: ..., why: ...}``; its name is the
slug of the site's output folder (``SiteInput.slug``: insee-name).

Scoring, with ``present`` as the positive class, for each (site, criterion) pair:

- truth present: got present = true positive; got absent or unknown = false negative;
- truth absent: got absent = true negative; got present = false positive, and got
  unknown counts as a false positive too: an unknown answer leaves the juror to check
  by hand, so it is never a free pass (a check cannot raise its score by abstaining);
- truth unknown: not scored.

A site of the truth without an ``audit.json`` counts as all-unknown and is reported.
Values (account URLs, levels...) are compared loosely and reported apart: they do
not enter the F1. The last line printed is ``micro-F1 x precision y recall z``.

``python -m audit.evaluate crawl OUT`` serves every site of the evaluation set on
loopback, audits them into OUT and prints the evaluation. A set's ``communes.csv``
names each site's ``folder`` under ``sites/``, or a single saved ``home`` page
(a path relative to the set, e.g. a real page of ``../shared/corpus/``).
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from audit.artifacts.text import fold
from audit.spiders.sites import InputError, SiteInput

EVALUATION = Path(__file__).resolve().parent.parent / "evaluation"
STATUSES = ("present", "absent", "unknown")
FAST = ["-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "AUDIT_PROGRESS=False"]
WORST_SHOWN = 25
EVIDENCE_SHOWN = 3
_NOT_ALNUM = re.compile(r"[^a-z0-9@%]+")
_URL_PREFIX = re.compile(r"^(?:https?://)?(?:www\.)?")


class EvaluationError(InputError):
    """The truth or the run folder cannot be used (the message is for the user, in French)."""


@dataclass(frozen=True)
class Label:
    status: str
    value: Any = None


@dataclass(frozen=True)
class Outcome:
    """One scored (site, criterion) pair."""

    slug: str
    criterion: str
    expected: str
    got: str
    confidence: float | None = None
    evidence_url: str = ""
    value_ok: bool | None = None
    #: What the answer showed as proof: (page URL, excerpt) pairs, kept to explain a false "present".
    evidence: tuple[tuple[str, str], ...] = ()

    @property
    def kind(self) -> str:
        """tp, fp, fn or tn, with unknown answers counted as wrong (see the module docstring)."""
        if self.expected == "present":
            return "tp" if self.got == "present" else "fn"
        return "tn" if self.got == "absent" else "fp"

    @property
    def correct(self) -> bool:
        return self.kind in ("tp", "tn")


@dataclass
class Report:
    outcomes: list[Outcome] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)

    def counts(self, outcomes: Iterable[Outcome] | None = None) -> dict[str, int]:
        counts = {"tp": 0, "fp": 0, "fn": 0, "tn": 0, "unknown": 0}
        for outcome in self.outcomes if outcomes is None else outcomes:
            counts[outcome.kind] += 1
            counts["unknown"] += outcome.got == "unknown"
        return counts

    def micro(self) -> tuple[float, float, float]:
        """(F1, precision, recall) over every scored pair."""
        return _prf(self.counts())


def _prf(counts: dict[str, int]) -> tuple[float, float, float]:
    tp, fp, fn = counts["tp"], counts["fp"], counts["fn"]
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return f1, precision, recall


# --------------------------------------------------------------------- loading
def load_truth(path: Path) -> dict[str, dict[str, Label]]:
    """Truth labels by slug, from a folder of ``<slug>.yaml`` files or from one file."""
    if path.is_dir():
        files = sorted(path.glob("*.yaml")) + sorted(path.glob("*.yml"))
    elif path.is_file():
        files = [path]
    else:
        raise EvaluationError(f"vérité introuvable : {path}")
    if not files:
        raise EvaluationError(f"aucun fichier de vérité (*.yaml) dans {path}")
    return {file.stem: _read_truth_file(file) for file in files}


def _read_truth_file(file: Path) -> dict[str, Label]:
    try:
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise EvaluationError(f"fichier de vérité illisible {file} : {exc}") from exc
    if not isinstance(data, dict):
        raise EvaluationError(f"{file} : une table « critère: {{status: ...}} » est attendue")
    labels = {}
    for cid, entry in data.items():
        status = entry.get("status") if isinstance(entry, dict) else None
        if status not in STATUSES:
            raise EvaluationError(f"{file} : statut invalide pour {cid} ({status!r}), attendu present, absent ou unknown")
        labels[cid] = Label(status, entry.get("value"))
    return labels


def load_audits(outdir: Path, slugs: Iterable[str]) -> dict[str, dict[str, Any] | None]:
    """Each slug's ``audit.json`` under `outdir`, or None when the site has none."""
    if not outdir.is_dir():
        raise EvaluationError(f"dossier de résultats introuvable : {outdir}")
    audits: dict[str, dict[str, Any] | None] = {}
    for slug in slugs:
        path = outdir / slug / "audit.json"
        try:
            audits[slug] = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None
        except (OSError, ValueError) as exc:
            raise EvaluationError(f"résultat illisible {path} : {exc}") from exc
    if not any(audits.values()):
        raise EvaluationError(
            f"aucun audit.json de {outdir} ne correspond aux fichiers de vérité "
            f"(dossiers attendus : {', '.join(sorted(audits))})"
        )
    return audits


# --------------------------------------------------------------------- scoring
def score(truth: dict[str, dict[str, Label]], audits: dict[str, dict[str, Any] | None]) -> Report:
    """Compare every labelled (site, criterion) pair with the audit's answer."""
    report = Report(missing=sorted(slug for slug in truth if audits.get(slug) is None))
    for slug in sorted(truth):
        answers = (audits.get(slug) or {}).get("criteria", {})
        for cid, label in sorted(truth[slug].items()):
            if label.status == "unknown":
                continue
            answer = answers.get(cid) or {}
            got = answer.get("status", "unknown")
            evidence = answer.get("evidence") or [{}]
            value_ok = value_matches(label.value, answer.get("value")) if label.value is not None and got == "present" else None
            report.outcomes.append(Outcome(
                slug, cid, label.status, got if got in STATUSES else "unknown",
                answer.get("confidence"), evidence[0].get("url", ""), value_ok,
                tuple((e.get("url", ""), e.get("excerpt", "")) for e in answer.get("evidence") or ()),
            ))
    return report


def value_matches(expected: Any, got: Any) -> bool:
    """Whether every atom of the expected value (URL, level, number, name) appears in the answer's value.

    Loose on purpose: case, accents, punctuation, URL scheme and ``www.`` are ignored,
    so ``https://www.facebook.com/Ville/`` matches ``facebook.com/ville``.
    """
    haystack = " ".join(_normal(atom) for atom in _atoms(got))
    return all(_normal(atom) in haystack for atom in _atoms(expected))


def _atoms(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [a for v in value.values() for a in _atoms(v)]
    if isinstance(value, (list, tuple)):
        return [a for v in value for a in _atoms(v)]
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return [] if value is None else [str(value)]


def _normal(text: str) -> str:
    return _NOT_ALNUM.sub("", _URL_PREFIX.sub("", fold(text.strip().rstrip("/"))).replace(",", "."))


# --------------------------------------------------------------------- report
def format_report(report: Report) -> str:
    """The printed evaluation: per criterion, per site, worst mistakes, values, then the micro scores."""
    lines = ["Par critère (positif = present ; unknown compte comme une erreur)",
             f"{'critère':<36} {'VP':>3} {'FP':>3} {'FN':>3} {'VN':>3} {'inc':>3}  précision  rappel    F1"]
    by_criterion: dict[str, list[Outcome]] = {}
    for outcome in report.outcomes:
        by_criterion.setdefault(outcome.criterion, []).append(outcome)
    for cid, outcomes in sorted(by_criterion.items()):
        c = report.counts(outcomes)
        f1, precision, recall = _prf(c)
        lines.append(f"{cid:<36} {c['tp']:>3} {c['fp']:>3} {c['fn']:>3} {c['tn']:>3} {c['unknown']:>3}"
                     f"  {_ratio(c['tp'], c['tp'] + c['fp']):>9}  {_ratio(c['tp'], c['tp'] + c['fn']):>6}  {f1:.3f}")
    lines += ["", "Par site (exactitude du statut)"]
    by_site: dict[str, list[Outcome]] = {}
    for outcome in report.outcomes:
        by_site.setdefault(outcome.slug, []).append(outcome)
    for slug, outcomes in sorted(by_site.items()):
        right = sum(o.correct for o in outcomes)
        note = "  (sans audit.json : tout compté unknown)" if slug in report.missing else ""
        lines.append(f"{slug:<36} {right:>3}/{len(outcomes):<3} {right / len(outcomes):.3f}{note}")
    if report.missing:
        lines.append("Sites sans audit.json : " + ", ".join(report.missing))
    mistakes = sorted((o for o in report.outcomes if not o.correct), key=_severity)
    lines += ["", f"Pires erreurs ({min(len(mistakes), WORST_SHOWN)} sur {len(mistakes)})"]
    for o in mistakes[:WORST_SHOWN]:
        confidence = f" (confiance {o.confidence:.2f})" if o.confidence is not None else ""
        lines.append(f"{o.criterion:<36} {o.slug:<30} attendu {o.expected:<7} obtenu {o.got:<7}{confidence}"
                     f"  {o.evidence_url or '-'}")
    false_present = [o for o in report.outcomes if o.kind == "fp" and o.got == "present"]
    lines += ["", f"Faux « present » ({len(false_present)}), avec leur preuve"]
    for o in false_present:
        lines.append(f"{o.criterion} sur {o.slug}")
        lines += [f"    {url} : {' '.join(text.split())[:200]}" for url, text in o.evidence[:EVIDENCE_SHOWN]]
    checked = [o for o in report.outcomes if o.value_ok is not None]
    if checked:
        wrong = [o for o in checked if not o.value_ok]
        lines += ["", f"Valeurs concordantes : {len(checked) - len(wrong)}/{len(checked)} (hors F1)"]
        lines += [f"  valeur différente : {o.criterion} sur {o.slug}" for o in wrong]
    f1, precision, recall = report.micro()
    lines += ["", f"micro-F1 {f1:.3f} precision {precision:.3f} recall {recall:.3f}"]
    return "\n".join(lines)


def _ratio(num: int, den: int) -> str:
    return f"{num / den:.3f}" if den else "-"


def _severity(outcome: Outcome) -> tuple[int, float]:
    """Confident wrong answers first; unknown answers (no claim at all) last."""
    return (outcome.got == "unknown", -(outcome.confidence if outcome.confidence is not None else 0.5))


def evaluate(truth_path: Path, outdir: Path) -> Report:
    truth = load_truth(truth_path)
    return score(truth, load_audits(outdir, truth))


# --------------------------------------------------------------------- crawling the set
def crawl(out: Path, root: Path = EVALUATION, timeout: float = 900) -> Path:
    """Serve every site of the evaluation set on its own loopback port and audit them all into `out`.

    The crawl runs in a subprocess (Twisted's reactor cannot restart in a process)
    while this process serves the sites. Returns the CSV of served URLs it wrote.
    """
    from audit.demo.server import serve_folders

    with (root / "communes.csv").open(encoding="utf-8") as handle:
        communes = list(csv.DictReader(handle))
    out.mkdir(parents=True, exist_ok=True)
    listing = out / "evaluation-sites.csv"
    with tempfile.TemporaryDirectory() as pages, serve_folders(
            [_site_root(root, c, Path(pages) / str(i)) for i, c in enumerate(communes)]) as urls:
        with listing.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(["name", "insee", "url"])
            writer.writerows((c["name"], c["insee"], url) for c, url in zip(communes, urls))
        proc = subprocess.run(
            [sys.executable, "-m", "audit.cli", "run", "--from", str(listing), "--out", str(out), *FAST],
            capture_output=True, text=True, timeout=timeout,
        )
    if proc.returncode != 0:
        raise RuntimeError(f"l'audit du jeu d'évaluation a échoué (code {proc.returncode}) :\n{proc.stderr[-4000:]}")
    return listing


def _site_root(root: Path, commune: dict[str, str], scratch: Path) -> Path:
    """The folder serving one site of the set: its own `folder`, or a lone `home` page.

    A `home` (a path relative to the set) is one saved page, such as the real
    pages of ``../shared/corpus/``: it is served at ``/`` from a scratch folder
    of its own, so that nothing else exists on its origin and the corpus is
    only read, never copied into the project.
    """
    if not commune.get("home"):
        return root / "sites" / commune["folder"]
    scratch.mkdir(parents=True)
    (scratch / "index.html").write_bytes((root / commune["home"]).read_bytes())
    return scratch


def expected_slugs(root: Path = EVALUATION) -> list[str]:
    """Output folder names of the evaluation sites, as the crawler names them."""
    with (root / "communes.csv").open(encoding="utf-8") as handle:
        return [SiteInput(url="http://127.0.0.1/", name=r["name"], insee=r["insee"]).slug for r in csv.DictReader(handle)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m audit.evaluate", description="Jeu d'évaluation étiqueté.")
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("crawl", help="auditer tout le jeu d'évaluation puis afficher l'évaluation")
    run.add_argument("out", type=Path, help="dossier de sortie de l'audit")
    run.add_argument("--set", dest="root", type=Path, default=EVALUATION,
                     help="dossier du jeu (sites/, truth/, communes.csv) ; défaut : evaluation/")
    args = parser.parse_args(argv)
    crawl(args.out, args.root)
    print(format_report(evaluate(args.root / "truth", args.out)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
