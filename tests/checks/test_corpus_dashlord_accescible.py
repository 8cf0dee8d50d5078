"""Agreement with real material: DashLord's samples, Accès'Cible's tables and pages, the DSFR example pages.

Accès'Cible's tables also cover the audit date, its update, the auditor and the
contact e-mail of a statement: the grid asks for none of them, so only the
mention, rate, standard and article-47 tables are checked here.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from audit.checks.accessibility.accessibility_statement import find_compliance_rate, find_mention, find_standard, mentions_article_47
from tests.conftest import CORPUS, audit_pages

DASHLORD = CORPUS / "dashlord-actions"
ACCES_CIBLE = CORPUS / "acces-cible"
DSFR = CORPUS / "dsfr"
EXPECTED = json.loads((DASHLORD / "ground_truth" / "expected.json").read_text(encoding="utf-8"))
TABLES = json.loads((ACCES_CIBLE / "ground_truth" / "string_tables.json").read_text(encoding="utf-8"))["tables"]
LEVEL_WORD = {"non_conforme": "non", "partiellement_conforme": "partiellement", "totalement_conforme": "totalement"}

PARSERS = {
    "accessibility_mention#find_mention": find_mention,
    "analyze_accessibility_page#find_compliance_rate": find_compliance_rate,
    "analyze_accessibility_page#find_standard": find_standard,
    "analyze_accessibility_page#find_article_mention": mentions_article_47,
}
ROWS = [(table, row["text"], row["expected"]) for table in PARSERS for row in TABLES[table]]


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize(("table", "text", "expected"), ROWS, ids=[f"{t.split('#')[1]}-{i}" for i, (t, _, _) in enumerate(ROWS)])
def test_acces_cible_string_tables(table: str, text: str, expected: object) -> None:
    assert PARSERS[table](text) == expected


@pytest.mark.parametrize("name", ["valid.html", "valid_with_shift.html", "invalid.html"])
def test_acces_cible_statement_pages(name: str) -> None:
    # "invalid" means badly structured headings for Accès'Cible; it is still a statement for a juror.
    url = "https://www.service.fr/declaration-accessibilite"
    html = _read(ACCES_CIBLE / "spec" / "fixtures" / "files" / "declarations" / name)
    criteria = audit_pages([("https://www.service.fr/", "<html><body><p>Accueil</p></body></html>"), (url, html)])
    assert criteria["accessibility.statement"]["status"] == "present"
    assert criteria["accessibility.statement"]["value"] == url
    assert criteria["accessibility.compliance_level"]["value"] == {"level": "partiellement_conforme", "rate": 81.0}


@pytest.mark.parametrize("name", sorted(EXPECTED["declaration-a11y"]))
def test_dashlord_accessibility_samples(name: str) -> None:
    truth = EXPECTED["declaration-a11y"][name]
    html = _read(DASHLORD / "declaration-a11y" / "__test__" / "samples" / name)
    criteria = audit_pages([("https://example.com/", html)])
    level = criteria["accessibility.compliance_level"]
    assert level["status"] == "present"
    assert truth["mention"].endswith(f"{LEVEL_WORD[level['value']['level']]} conforme")
    assert criteria["accessibility.footer_mention"]["status"] == "present"
    statement = criteria["accessibility.statement"]
    if truth["dashlord_declarationUrl"] is None:  # no href, or href="#": no statement link
        assert statement["status"] == "absent"
    else:
        assert statement["status"] == "present"
        assert statement["value"] == truth["dashlord_declarationUrl"]


def _origin(truth: dict) -> str:
    origin = truth["origin"]
    return "https://example.com" if origin.startswith("unknown") else origin


@pytest.mark.parametrize("name", sorted(EXPECTED["declaration-rgpd"]))
def test_dashlord_legal_samples(name: str) -> None:
    truth = EXPECTED["declaration-rgpd"][name]
    origin = _origin(truth)
    html = _read(DASHLORD / "declaration-rgpd" / "__test__" / "samples" / name)
    criteria = audit_pages([(origin + "/", html)])
    for criterion, key in (("site.legal_notice", "mentions_legales"), ("site.privacy", "donnees_personnelles")):
        expected = truth[key]
        answer = criteria[criterion]
        if expected is None:  # lba.html: only "CGU" and "Cookies" links
            assert answer["status"] == "absent", criterion
        else:
            assert answer["status"] == "present", criterion
            assert answer["value"] == origin + "/" + expected["href"].lstrip("/"), criterion
            assert expected["text"] in answer["evidence"][0]["excerpt"]
    if truth["a11y_mention"]:
        assert truth["a11y_mention"].endswith(
            LEVEL_WORD[criteria["accessibility.compliance_level"]["value"]["level"]] + " conforme")
    else:
        assert criteria["accessibility.compliance_level"]["status"] == "absent"


DSFR_PAGES = sorted((DSFR / "example").rglob("index.html"))


@pytest.mark.parametrize("path", DSFR_PAGES, ids=[str(p.parent.relative_to(DSFR / "example")) for p in DSFR_PAGES])
def test_dsfr_placeholder_is_no_statement(path: Path) -> None:
    criteria = audit_pages([("https://example.com/" + str(path.relative_to(DSFR)), _read(path))])
    for criterion in ("accessibility.statement", "accessibility.compliance_level", "accessibility.footer_mention"):
        assert criteria[criterion]["status"] == "absent", criterion
    # Our choice beyond the DSFR ground truth: "[url - à modifier]" links lead nowhere.
    assert criteria["site.legal_notice"]["status"] == "absent"
    assert criteria["site.privacy"]["status"] == "absent"


def test_dsfr_pages_as_one_site() -> None:
    pages = [("https://example.com/" + str(p.relative_to(DSFR)), _read(p)) for p in DSFR_PAGES]
    criteria = audit_pages(pages)
    assert criteria["accessibility.statement"]["status"] == "absent"
    assert criteria["accessibility.compliance_level"]["status"] == "absent"
    assert criteria["accessibility.footer_mention"]["value"] == 0.0
