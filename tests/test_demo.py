"""The bundled demo: its three fictional sites, and ``audit demo`` end to end."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
import yaml

from audit.demo import catalogue
from tests.conftest import SHARED, read_audits, run_audit

CRITERIA_IDS = [c["id"] for c in yaml.safe_load((SHARED / "grid" / "criteria.yaml").read_text(encoding="utf-8"))["criteria"]]
COMMUNES = {c.root.name: c for c in catalogue.load()}
#: Expected answers that do not depend on checks still being written.
SEARCH = {"valbrune": "present", "ormelay-le-bas": "absent", "lanverac-la-grande": "present"}
_LOOPBACK = re.compile(rb"127\.0\.0\.1|localhost|\[::1\]")
_HTML_SUFFIXES = ("", ".html")


def _html_files(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file() and p.suffix in _HTML_SUFFIXES]


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One ``audit demo`` run shared by the end-to-end tests."""
    out = tmp_path_factory.mktemp("demo")
    run_audit("demo", "--out", str(out))
    return out


def test_catalogue_lists_three_distinct_fictional_communes() -> None:
    assert set(COMMUNES) == set(SEARCH)
    assert len({c.name for c in COMMUNES.values()}) == 3
    assert all(re.fullmatch(r"99\d{3}", c.insee) for c in COMMUNES.values())


@pytest.mark.parametrize("folder", sorted(SEARCH))
def test_site_folder_is_small_and_self_contained(folder: str) -> None:
    root = COMMUNES[folder].root
    pages = _html_files(root)
    assert (root / "index.html").is_file()
    assert 8 <= len(pages) <= 20, f"{folder}: {len(pages)} pages"
    for path in root.rglob("*"):
        if path.is_file():
            assert path.stat().st_size < 20_000, path
            assert not _LOOPBACK.search(path.read_bytes()), f"{path} links to a loopback address"


def test_old_village_is_latin1_encoded() -> None:
    pages = _html_files(COMMUNES["ormelay-le-bas"].root)
    for path in pages:
        raw = path.read_bytes()
        assert b'charset="iso-8859-1"' in raw.lower() or b"charset=iso-8859-1" in raw.lower(), path
        with pytest.raises(UnicodeDecodeError):
            raw.decode("utf-8")
        assert "é" in raw.decode("iso-8859-1")


def test_demo_writes_one_valid_audit_per_commune(demo_run: Path) -> None:
    audits = read_audits(demo_run)
    assert len(audits) == 3
    assert {a["site"]["insee"] for a in audits.values()} == {c.insee for c in COMMUNES.values()}
    for slug, audit in audits.items():
        site = audit["site"]
        assert site["pages_crawled"] > 5, slug
        assert "home_unreachable" not in {e["kind"] for e in site["errors"]}, slug
        assert set(CRITERIA_IDS) <= set(audit["criteria"]), slug


def test_demo_summary_has_three_rows_and_every_criterion(demo_run: Path) -> None:
    with (demo_run / "summary.csv").open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        rows = list(reader)
        columns = reader.fieldnames or []
    assert len(rows) == 3
    assert len(CRITERIA_IDS) == 53
    assert set(CRITERIA_IDS) <= set(columns)
    assert all(int(r["pages_crawled"]) > 5 for r in rows)


@pytest.mark.parametrize(("folder", "expected"), sorted(SEARCH.items()))
def test_demo_search_answer(demo_run: Path, folder: str, expected: str) -> None:
    audits = read_audits(demo_run)
    commune = COMMUNES[folder]
    audit = next(a for a in audits.values() if a["site"]["insee"] == commune.insee)
    assert audit["criteria"]["site.search"]["status"] == expected
