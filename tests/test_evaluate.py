"""The labelled evaluation set and ``audit evaluate``: scoring units, set integrity, and the CI gate."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from audit.cli import main as cli_main
from audit.evaluate import EVALUATION, crawl, evaluate, expected_slugs, format_report, score, value_matches
from audit.evaluate import Label
from audit.grid import load_grid
from tests.conftest import read_audits

#: What each labelled set must reach: measured micro-F1 minus a 0.02 margin (main 1.000, towns 0.997, villages 1.000,
#: C 0.997, D 1.000, E 0.990, F 0.990, real pages 0.958, G 0.985, H 0.991).
MIN_MICRO_F1 = {
    "evaluation": 0.98, "evaluation/holdout-towns": 0.977, "evaluation/holdout-villages": 0.98,
    "evaluation/holdout-c": 0.977, "evaluation/holdout-d": 0.98, "evaluation/holdout-e": 0.97,
    "evaluation/holdout-f": 0.97, "evaluation/holdout-real": 0.938, "evaluation/holdout-g": 0.965,
    "evaluation/holdout-h": 0.971,
}
LAST_LINE = re.compile(r"^micro-F1 (\d\.\d{3}) precision (\d\.\d{3}) recall (\d\.\d{3})$")


def write_truth(folder: Path, slug: str, labels: dict[str, str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{slug}.yaml").write_text(
        yaml.safe_dump({cid: {"status": status} for cid, status in labels.items()}), encoding="utf-8",
    )


def write_audit(out: Path, slug: str, answers: dict[str, str | dict]) -> None:
    criteria = {cid: a if isinstance(a, dict) else {"status": a, "evidence": []} for cid, a in answers.items()}
    (out / slug).mkdir(parents=True, exist_ok=True)
    (out / slug / "audit.json").write_text(json.dumps({"site": {}, "criteria": criteria}), encoding="utf-8")


# ----------------------------------------------------------------- scoring
@pytest.mark.parametrize(("expected", "got", "kind"), [
    ("present", "present", "tp"),
    ("present", "absent", "fn"),
    ("present", "unknown", "fn"),
    ("absent", "absent", "tn"),
    ("absent", "present", "fp"),
    ("absent", "unknown", "fp"),
])
def test_each_pair_is_classified(tmp_path, expected, got, kind):
    report = score({"s": {"a.b": Label(expected)}}, {"s": {"criteria": {"a.b": {"status": got, "evidence": []}}}})
    (outcome,) = report.outcomes
    assert outcome.kind == kind


def test_counts_micro_scores_and_last_line(tmp_path):
    truth, out = tmp_path / "truth", tmp_path / "out"
    write_truth(truth, "1-a", {"x.one": "present", "x.two": "present", "x.three": "absent", "x.four": "unknown"})
    write_truth(truth, "2-b", {"x.one": "present", "x.two": "absent", "x.three": "absent"})
    write_audit(out, "1-a", {"x.one": "present", "x.two": "absent", "x.three": "present", "x.four": "present"})
    write_audit(out, "2-b", {"x.one": "present", "x.two": "unknown", "x.three": "absent"})
    report = evaluate(truth, out)
    # x.four is unknown in the truth: not scored.
    assert len(report.outcomes) == 6
    assert report.counts() == {"tp": 2, "fp": 2, "fn": 1, "tn": 1, "unknown": 1}
    text = format_report(report)
    last = text.splitlines()[-1]
    assert last == "micro-F1 0.571 precision 0.500 recall 0.667"
    assert re.search(r"^1-a\s+1/3\s+0\.333$", text, re.M)
    assert re.search(r"^x\.three\s+0\s+1\s+0\s+1\s+0", text, re.M)


def test_site_without_audit_counts_as_all_unknown_and_is_reported(tmp_path):
    truth, out = tmp_path / "truth", tmp_path / "out"
    write_truth(truth, "1-a", {"x.one": "present"})
    write_truth(truth, "2-b", {"x.one": "present", "x.two": "absent"})
    write_audit(out, "1-a", {"x.one": "present"})
    report = evaluate(truth, out)
    assert report.missing == ["2-b"]
    assert report.counts() == {"tp": 1, "fp": 1, "fn": 1, "tn": 0, "unknown": 2}
    assert "Sites sans audit.json : 2-b" in format_report(report)


def test_worst_mistakes_put_confident_wrong_answers_first(tmp_path):
    truth, out = tmp_path / "truth", tmp_path / "out"
    write_truth(truth, "1-a", {"x.low": "absent", "x.high": "absent", "x.unk": "present"})
    ev = [{"url": "http://ville.test/page", "excerpt": "..."}]
    write_audit(out, "1-a", {
        "x.low": {"status": "present", "confidence": 0.3, "evidence": ev},
        "x.high": {"status": "present", "confidence": 0.95, "evidence": ev},
        "x.unk": "unknown",
    })
    lines = format_report(evaluate(truth, out)).splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("Pires erreurs"))
    assert [line.split()[0] for line in lines[start + 1:start + 4]] == ["x.high", "x.low", "x.unk"]
    assert "http://ville.test/page" in lines[start + 1]


@pytest.mark.parametrize(("expected", "got", "ok"), [
    ("https://www.facebook.com/Ville/", "https://facebook.com/ville", True),
    ("https://www.facebook.com/ville", "https://www.facebook.com/autre", False),
    (["partiellement_conforme", 54], {"level": "partiellement_conforme", "rate": 54.0}, True),
    (["partiellement_conforme", 72.5], {"level": "partiellement_conforme", "rate": 72.5}, True),
    (["non_conforme"], {"level": "partiellement_conforme"}, False),
    ("05 49 12 34 56", {"phone": "05.49.12.34.56", "hours": "lundi"}, True),
    (["PanneauPocket"], ["panneaupocket"], True),
    (["en"], [], False),
])
def test_values_are_compared_loosely(expected, got, ok):
    assert value_matches(expected, got) is ok


# ----------------------------------------------------------------- unusable input
@pytest.mark.parametrize("case", ["missing_truth", "empty_truth", "missing_out", "no_match", "bad_status"])
def test_unusable_input_exits_2_with_a_french_message(tmp_path, capsys, case):
    truth, out = tmp_path / "truth", tmp_path / "out"
    out.mkdir()
    if case != "missing_truth":
        truth.mkdir()
    if case in ("no_match", "missing_out"):
        write_truth(truth, "1-a", {"x.one": "present"})
        write_audit(out, "9-z", {"x.one": "present"})
    if case == "bad_status":
        write_truth(truth, "1-a", {"x.one": "peut-etre"})
        write_audit(out, "1-a", {"x.one": "present"})
    if case == "missing_out":
        out = tmp_path / "nulle-part"
    assert cli_main(["evaluate", str(truth), str(out)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("audit : erreur : ")
    assert re.search(r"introuvable|aucun|invalide", err)


# ----------------------------------------------------------------- the evaluation set itself
def test_every_site_has_a_complete_truth_file():
    ids = set(load_grid().ids)
    slugs = expected_slugs()
    assert len(slugs) >= 12
    assert sorted(p.stem for p in (EVALUATION / "truth").glob("*.yaml")) == sorted(slugs)
    for slug in slugs:
        data = yaml.safe_load((EVALUATION / "truth" / f"{slug}.yaml").read_text(encoding="utf-8"))
        assert set(data) == ids, slug
        assert {entry["status"] for entry in data.values()} <= {"present", "absent", "unknown"}
        # A criterion answered present needs a reason a reviewer can check.
        assert all(entry.get("why") for entry in data.values() if entry["status"] == "present"), slug


def test_old_site_is_really_latin_1():
    raw = (EVALUATION / "sites" / "vieux-bourg" / "index.html").read_bytes()
    assert b"charset=iso-8859-1" in raw and "É".encode("latin-1") in raw
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")


# ----------------------------------------------------------------- CI gate
@pytest.mark.timeout(900)
@pytest.mark.parametrize("labelled_set", list(MIN_MICRO_F1))
def test_evaluation_set_reaches_the_gate(labelled_set, tmp_path, capsys):
    root = EVALUATION.parent / labelled_set
    crawl(tmp_path, root)
    audits = read_audits(tmp_path)
    assert set(audits) == set(expected_slugs(root))
    assert cli_main(["evaluate", str(root / "truth"), str(tmp_path)]) == 0
    printed = capsys.readouterr().out
    match = LAST_LINE.match(printed.strip().splitlines()[-1])
    assert match, printed[-500:]
    micro_f1 = float(match.group(1))
    with capsys.disabled():
        print(f"\n{labelled_set}\n{printed}")
    assert micro_f1 >= MIN_MICRO_F1[labelled_set], printed
