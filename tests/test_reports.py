"""Reports: rendered from real audit.json files (demo and hostile sites crawled on 127.0.0.1), opened in Chromium.

Browser tests save their screenshots in the test's ``tmp_path`` (``report.png``, ``summary.png``).
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path
from typing import Any

import openpyxl
import pandas as pd
import pytest

from audit.artifacts.browser import find_chromium
from audit.demo.server import serve_folder
from audit.grid import load_grid
from audit.reports.build import render_reports
from audit.reports.common import safe_url, value_text
from audit.reports.comparison import rows_of
from audit.reports.population import band_of, parse_population, read_table
from audit.reports.summary import neutralise
from audit.reports.workbook import cell_value, sheet_name
from tests.conftest import FAST, read_audits, run_audit, validate

GRID = load_grid()
OUTPUTS = ("summary.csv", "summary.html", "summary.xlsx", "grid.csv", "grid.xlsx")
needs_chromium = pytest.mark.skipif(find_chromium() is None, reason="Chromium n'est pas installé")
HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


# ----------------------------------------------------------------- pure helpers

@pytest.mark.parametrize(("url", "expected"), [
    ("https://www.ville.fr/page", "https://www.ville.fr/page"),
    ("http://127.0.0.1:8000/", "http://127.0.0.1:8000/"),
    ("HTTPS://WWW.VILLE.FR/", "HTTPS://WWW.VILLE.FR/"),
    ("javascript:alert(1)", None),
    ("JavaScript:alert(1)", None),
    ("  javascript:alert(1)", None),
    ("java\tscript:alert(1)", None),
    ("java\nscript:alert(1)", None),
    ("vbscript:msgbox(1)", None),
    ("data:text/html,<script>alert(1)</script>", None),
    ("//evil.example/", None),
    ("http:/no-host", None),
    ("", None),
    (None, None),
])
def test_only_http_urls_become_links(url: Any, expected: str | None) -> None:
    assert safe_url(url) == expected


@pytest.mark.parametrize(("raw", "expected"), [
    ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
    ("+33 1 23", "'+33 1 23"),
    ("-1+2", "'-1+2"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("Mairie", "Mairie"),
    ("a=b", "a=b"),
    (42, 42),
])
def test_spreadsheet_cells_never_start_a_formula(raw: object, expected: object) -> None:
    assert neutralise(raw) == expected
    assert cell_value(raw) == expected


def test_cells_drop_characters_xlsx_forbids() -> None:
    assert cell_value("Mairie\x00\x07 de Valbrune") == "Mairie de Valbrune"
    assert cell_value("\x01=1+1") == "'=1+1", "removing a control character must not uncover a formula"


@pytest.mark.parametrize(("label", "expected"), [
    ("Réseaux sociaux et canaux d'information", "Réseaux sociaux et canaux d'inf"),
    ("Démarches [en ligne]: a/b?", "Démarches  en ligne   a b"),
])
def test_sheet_names_fit_excel(label: str, expected: str) -> None:
    assert sheet_name(label, set()) == expected


def test_sheet_names_stay_unique() -> None:
    taken: set[str] = set()
    names = [sheet_name("x" * 40, taken) for _ in range(3)]
    assert len(set(names)) == 3 and all(len(n) <= 31 for n in names)


@pytest.mark.parametrize(("criterion", "value", "expected"), [
    ("site.news", {"latest": "2026-11-14", "recent_count": 2}, "dernière actualité : 14 novembre 2026 ; 2 publiée(s)"),
    ("site.news", {"latest": None, "recent_count": 0}, "aucune date trouvée ; 0 publiée(s)"),
    ("accessibility.automated_audit",
     {"pages_tested": 3, "by_rgaa": {"hors RGAA": {"elements": 2}, "8.3.1": {"elements": 1}, "11.1.1": {"elements": 4}}},
     "3 page(s) testée(s) : 8.3.1 (1 élément(s)), 11.1.1 (4 élément(s)), hors RGAA (2 élément(s))"),
    ("accessibility.automated_audit", {"pages_tested": 1, "by_rgaa": {}}, "aucune erreur détectée"),
    ("accessibility.footer_mention", 0.5, "50 %"),
    ("accessibility.compliance_level", {"level": "partiellement_conforme", "rate": 62.0}, "partiellement conforme ; taux : 62 %"),
    ("site.https", {"https": False, "hsts": True}, "HTTPS : non ; HSTS : oui"),
    ("payment.online", ["payfip", "other"], "payfip, other"),
    ("site.search", None, ""),
])
def test_values_read_as_french_text(criterion: str, value: Any, expected: str) -> None:
    assert expected in value_text(criterion, value)


@pytest.mark.parametrize(("raw", "expected"), [
    ("12 345", 12345), ("12\u202f345", 12345), ("1200", 1200), (830.0, 830), ("1200,0", 1200),
    ("", None), ("beaucoup", None), ("=1+1", None), (None, None), (True, None), (-5, None),
])
def test_population_parsing(raw: object, expected: int | None) -> None:
    assert parse_population(raw) == expected


@pytest.mark.parametrize(("population", "band"), [
    (120, "moins de 500 hab."), (500, "500 à 1 999 hab."), (4_999, "2 000 à 4 999 hab."),
    (25_000, "20 000 à 49 999 hab."), (250_000, "100 000 hab. et plus"), (None, None),
])
def test_size_bands(population: int | None, band: str | None) -> None:
    assert band_of(population) == band


@pytest.mark.parametrize("sep", [",", ";"])
def test_insee_table_is_read_for_the_wanted_codes_only(tmp_path: Path, sep: str) -> None:
    table = tmp_path / "communes.csv"
    table.write_text(f"insee_com{sep}commune{sep}population_2021\n01001{sep}A{sep}832\n99001{sep}B{sep}1200\n",
                     encoding="utf-8")
    assert read_table(table, ["99001", "75056"]) == {"99001": 1200}
    assert read_table(None, ["99001"]) == {}
    assert read_table(tmp_path / "missing.csv", ["99001"]) == {}


# ------------------------------------------------------- synthetic audit.json

def _audit(name: str, insee: str = "", population: str | None = None, present: int = 0, **site: Any) -> dict[str, Any]:
    """A valid audit.json whose first `present` criteria are present (with evidence)."""
    criteria = {}
    for i, criterion in enumerate(GRID.criteria):
        if i < present:
            criteria[criterion.id] = {"status": "present", "confidence": 0.9,
                                      "evidence": [{"url": "https://ville.example/p", "excerpt": "lien"}]}
        else:
            criteria[criterion.id] = {"status": "absent", "confidence": 0.7, "evidence": []}
    base = {"start_url": "https://ville.example/", "pages_crawled": 3, "started_at": "2026-11-20T10:00:00+00:00",
            "finished_at": "2026-11-20T10:01:00+00:00", "name": name, "errors": [], **site}
    if insee:
        base["insee"] = insee
    if population is not None:
        base["input"] = {"population": population}
    return validate({"site": base, "criteria": criteria})


def _write(run: Path, slug: str, audit: dict[str, Any]) -> Path:
    folder = run / slug
    folder.mkdir(parents=True)
    (folder / "audit.json").write_text(json.dumps(audit, ensure_ascii=False), encoding="utf-8")
    return folder


def _hostile_audit() -> dict[str, Any]:
    audit = _audit(HOSTILE, insee="=1+1", present=3, start_url="javascript:alert('start')")
    audit["site"]["errors"] = [{"kind": "<b>parse_failed</b>", "message": HOSTILE, "url": "javascript:alert('err')"}]
    first, second, third = GRID.ids[:3]
    audit["criteria"][first] = {"status": "present", "confidence": 0.9, "value": "javascript:alert('value')",
                                "evidence": [{"url": "javascript:alert('evidence')", "excerpt": "=HYPERLINK(\"http://evil\")" + HOSTILE,
                                              "locator": "a[onclick='alert(1)']"}]}
    audit["criteria"][second]["value"] = {"<i>key</i>": [HOSTILE, "https://ok.example/\"onmouseover=\"alert(1)"]}
    audit["criteria"][third]["evidence"][0]["excerpt"] = "-2+3"
    audit["criteria"]["site.broken_links"] = {"status": "present", "evidence": [{"url": "https://v.example/", "excerpt": "x"}],
                                              "value": {"items": [{"url": "javascript:alert(2)", "status": 404,
                                                                   "referrers": ["data:text/html,x"]}]}}
    return validate(audit)


def test_hostile_values_are_escaped_and_never_linked(tmp_path: Path) -> None:
    folder = _write(tmp_path, "hostile", _hostile_audit())
    render_reports(tmp_path, communes_table=tmp_path / "none.csv")
    page = (folder / "report.html").read_text(encoding="utf-8")
    assert not re.search(r"<script|<img src=x|<b>|<i>key", page, re.I)
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page, "the hostile text is shown, escaped"
    assert not re.search(r"href=\"\s*(javascript|data|vbscript):", page, re.I)
    assert 'onmouseover="alert' not in page
    assert re.search(r'href="https://ok\.example/&#34;onmouseover=&#34;alert\(1\)"', page), "a quote cannot close the href"
    summary = (tmp_path / "summary.html").read_text(encoding="utf-8")
    assert summary.count("<script") == 1 and "&lt;script&gt;" in summary


def test_hostile_cells_are_neutralised_in_csv_and_xlsx(tmp_path: Path) -> None:
    _write(tmp_path, "hostile", _hostile_audit())
    render_reports(tmp_path)
    grid = pd.read_csv(tmp_path / "grid.csv", dtype=str, keep_default_na=False)
    for frame in (grid, pd.read_excel(tmp_path / "grid.xlsx", dtype=str, keep_default_na=False)):
        cells = frame.to_numpy().ravel()
        assert not [c for c in cells if c[:1] in ("=", "+", "-", "@")], "no cell may start a formula"
        assert "'=1+1" in set(frame["insee"])
        assert "'-2+3" in set(frame["extrait"])
    sheet = openpyxl.load_workbook(tmp_path / "grid.xlsx")["Grille"]
    assert not [c for row in sheet.iter_rows() for c in row if c.data_type == "f"]
    assert not [c for row in sheet.iter_rows() for c in row if c.hyperlink and not c.hyperlink.target.startswith("http")]


def test_communes_are_compared_within_their_size_band(tmp_path: Path) -> None:
    table = tmp_path / "communes.csv"
    table.write_text("insee_com,population_2021\n99001,1200\n99002,1800\n99003,300\n", encoding="utf-8")
    run = tmp_path / "run"
    _write(run, "a", _audit("Alpha", insee="99001", present=20))
    _write(run, "b", _audit("Bravo", insee="99002", present=10))
    _write(run, "c", _audit("Charlie", insee="99003", present=5))
    _write(run, "d", _audit("Delta", insee="75056", population="1 500", present=0))
    render_reports(run, communes_table=table)
    rows = {r.name: r for r in rows_of([(s, json.loads((run / s / "audit.json").read_text())) for s in "abcd"],
                                       read_table(table, ["99001", "99002", "99003", "75056"]), GRID)}
    assert rows["Delta"].population == 1500, "the input list's population comes first"
    assert {rows[n].band for n in ("Alpha", "Bravo", "Delta")} == {"500 à 1 999 hab."}
    assert rows["Alpha"].band_mean == round((38 + 19 + 0) / 3)
    assert rows["Charlie"].band_mean is None, "alone in its band: nothing to compare with"
    assert rows["Alpha"].gap > 0 > rows["Delta"].gap
    summary = (run / "summary.html").read_text(encoding="utf-8")
    assert "Moyenne de la strate" in summary and "500 à 1 999 hab." in summary
    overview = pd.read_excel(run / "summary.xlsx", sheet_name="Vue d'ensemble")
    assert dict(zip(overview["Commune"], overview["Population"])) == {"Alpha": 1200, "Bravo": 1800, "Charlie": 300, "Delta": 1500}


def test_empty_run_folder_writes_nothing(tmp_path: Path) -> None:
    assert render_reports(tmp_path) == []
    assert run_audit("report", str(tmp_path), expect=2).stderr.strip().startswith("audit : erreur")


# ------------------------------------------------------------- real crawls

@pytest.fixture(scope="module")
def demo_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``audit demo`` with the browser when there is one: its reports are written at the end of the crawl."""
    out = tmp_path_factory.mktemp("demo-reports")
    run_audit("demo", "--out", str(out))
    return out


def test_crawl_ends_with_every_report(demo_run: Path) -> None:
    audits = read_audits(demo_run)
    assert len(audits) == 3
    for name in OUTPUTS:
        assert (demo_run / name).stat().st_size > 0, name
    for slug in audits:
        assert (demo_run / slug / "report.html").is_file()


def test_audit_report_re_renders_the_same_reports(demo_run: Path, tmp_path: Path) -> None:
    copy = tmp_path / "run"
    for slug in read_audits(demo_run):
        (copy / slug).mkdir(parents=True)
        for path in (demo_run / slug).iterdir():
            if path.name != "report.html":
                (copy / slug / path.name).write_bytes(path.read_bytes())
    proc = run_audit("report", str(copy))
    assert "rapport(s) écrit(s)" in proc.stdout
    for slug in read_audits(copy):
        assert (copy / slug / "report.html").read_bytes() == (demo_run / slug / "report.html").read_bytes()
    assert (copy / "grid.csv").read_bytes() == (demo_run / "grid.csv").read_bytes()


def test_xlsx_reads_back_with_one_sheet_per_section(demo_run: Path) -> None:
    audits = read_audits(demo_run)
    sheets = pd.read_excel(demo_run / "summary.xlsx", sheet_name=None)
    assert len(sheets) == 1 + len(GRID.sections)
    assert list(sheets)[0] == "Vue d'ensemble"
    for key, label in GRID.sections.items():
        frame = next(f for n, f in sheets.items() if label.startswith(n))
        assert len(frame) == 3
        assert list(frame.columns) == ["Commune", *(c.label for c in GRID.in_section(key))]
    valbrune = next(a for a in audits.values() if a["site"]["name"] == "Valbrune")
    procedures = sheets["Démarches en ligne"].set_index("Commune")
    expected = {"present": "Oui", "absent": "Non", "unknown": "À vérifier"}[valbrune["criteria"]["procedures.civil_status"]["status"]]
    assert procedures.loc["Valbrune", "Demande d'actes d'état civil en ligne"].startswith(expected)
    book = openpyxl.load_workbook(demo_run / "summary.xlsx")
    sheet = book["Démarches en ligne"]
    assert sheet.freeze_panes == "B2" and sheet.auto_filter.ref == "A1:H4"
    colours = {sheet.cell(r, c).fill.start_color.rgb[-6:] for r in range(2, 5) for c in range(2, 9)}
    assert colours <= {"1E6B34", "A4161A", "FFE08A"} and len(colours) >= 2
    links = [sheet.cell(r, c).hyperlink.target for r in range(2, 5) for c in range(2, 9) if sheet.cell(r, c).hyperlink]
    assert links and all(u.startswith("http://127.0.0.1") for u in links)


def test_grid_form_has_one_row_per_commune_and_criterion(demo_run: Path) -> None:
    with (demo_run / "grid.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 3 * len(GRID.criteria)
    assert {r["reponse"] for r in rows} <= {"Oui", "Non", "À vérifier"}
    news = next(r for r in rows if r["commune"] == "Valbrune" and r["critere"] == "site.news")
    assert news["section"] == "Ergonomie et fonctionnalités du site" and news["question"].startswith("Le site publie")
    assert re.search(r"dernière actualité : \d+ \w+ 20\d\d", news["valeur"])
    assert news["preuve_url"].startswith("http://127.0.0.1") and 0 < float(news["confiance"]) <= 1
    assert pd.read_excel(demo_run / "grid.xlsx").shape == (len(rows), 12)


def _report_facts(page: Any) -> dict[str, Any]:
    return page.evaluate("""() => ({
        h1: document.querySelector('h1').textContent,
        criteria: document.querySelectorAll('article.criterion').length,
        badges: [...document.querySelectorAll('.badge')].map(b => b.textContent),
        sections: document.querySelectorAll('main > section').length,
        shots: [...document.querySelectorAll('header img')].map(i => i.src.slice(0, 22)),
        rgaa: !!document.querySelector('table.rgaa'),
        news: (document.querySelector('p.news') || {}).textContent || '',
        evidenceLinks: document.querySelectorAll('ul.evidence a[href^="http"]').length,
        scripts: document.scripts.length,
        external: [...document.querySelectorAll('[src], link[href]')].filter(e => !(e.src || '').startsWith('data:')).length,
    })""")


@needs_chromium
def test_site_reports_open_cleanly_in_chromium(demo_run: Path, tmp_path: Path) -> None:
    audits = read_audits(demo_run)
    for slug, audit in sorted(audits.items()):
        opened = _open(demo_run / slug / "report.html", tmp_path / f"{slug}.png", _report_facts)
        facts = opened.facts
        assert facts["h1"] == audit["site"]["name"]
        assert facts["criteria"] == len(GRID.criteria) and facts["sections"] == len(GRID.sections) + 1
        assert set(facts["badges"]) <= {"Présent", "Absent", "À vérifier"} and facts["badges"]
        assert facts["scripts"] == 0 and facts["external"] == 0, "self-contained, no script"
        if audit["site"].get("screenshots"):
            assert facts["shots"] == ["data:image/png;base64,"] * 2
        if audit["criteria"]["site.news"]["value"]["latest"]:
            assert re.search(r"Dernière actualité : \d+ \w+ 20\d\d · \d+ actualité", facts["news"])
        if audit["criteria"]["accessibility.automated_audit"]["value"]["by_rgaa"]:
            assert facts["rgaa"]
        assert facts["evidenceLinks"] > 0
    assert (tmp_path / f"{sorted(audits)[0]}.png").read_bytes().startswith(b"\x89PNG")


@needs_chromium
def test_summary_html_sorts_and_passes_axe(demo_run: Path, tmp_path: Path) -> None:
    def probe(page: Any) -> dict[str, Any]:
        before = page.eval_on_selector_all("tbody th", "els => els.map(e => e.textContent)")
        page.click("thead th:has-text('Total') button")
        page.click("thead th:has-text('Total') button")
        after = page.eval_on_selector_all("tbody th", "els => els.map(e => e.textContent)")
        sort = page.get_attribute("thead th:has-text('Total')", "aria-sort")
        return {"before": before, "after": after, "sort": sort}

    opened = _open(demo_run / "summary.html", tmp_path / "summary.png", probe)
    totals = {r["name"]: None for r in pd.read_csv(demo_run / "summary.csv").to_dict("records")}
    assert sorted(opened.facts["before"], key=str.casefold) == opened.facts["before"]
    assert set(opened.facts["after"]) == set(totals) and opened.facts["sort"] == "descending"
    assert opened.facts["after"][0] == "Valbrune", "the richest demo site comes first when sorted by total"


# ------------------------------------------------------------ hostile site

_TEXT = "&lt;script&gt;alert('texte')&lt;/script&gt;&lt;img src=x onerror=alert('img')&gt;"
_HOSTILE_PAGES = {
    "index.html": f"""<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8">
<title>Mairie {_TEXT}</title></head><body>
<header><nav><ul>
<li><a href="/actualites/">Actualités {_TEXT}</a></li>
<li><a href="/plan-du-site/">Plan du site {_TEXT}</a></li>
<li><a href="javascript:alert('menu')">Contact {_TEXT}</a></li>
<li><a href="javascript:alert('fb')//www.facebook.com/ville">Suivez-nous sur Facebook</a></li>
<li><a href="https://www.facebook.com/ville&quot;onmouseover=&quot;alert(1)">Facebook</a></li>
</ul></nav></header>
<main><h1>Bienvenue {_TEXT}</h1><p>Publié le 12/11/2026 : {_TEXT}</p>
<form action="/recherche/" role="search"><label for="q">Rechercher {_TEXT}</label><input id="q" name="q" type="search"><button>Rechercher</button></form>
</main>
<footer><a href="/mentions-legales/">Mentions légales {_TEXT}</a> <a href="/accessibilite/">Accessibilité : non conforme {_TEXT}</a></footer>
</body></html>""",
    "actualites/index.html": f"""<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Actualités {_TEXT}</title></head>
<body><main><h1>Actualités {_TEXT}</h1><article><h2><a href="/actualites/fete/">Fête {_TEXT}</a></h2><p>Publié le 10/11/2026</p></article></main></body></html>""",
    "plan-du-site/index.html": f"""<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Plan du site {_TEXT}</title></head>
<body><main><h1>Plan du site</h1><ul><li><a href="/">Accueil {_TEXT}</a></li><li><a href="javascript:alert('plan')">Démarches</a></li></ul></main></body></html>""",
    "mentions-legales/index.html": f"""<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Mentions légales {_TEXT}</title></head>
<body><main><h1>Mentions légales</h1><p>Éditeur : mairie {_TEXT}</p></main></body></html>""",
    "accessibilite/index.html": f"""<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Déclaration d'accessibilité {_TEXT}</title></head>
<body><main><h1>Déclaration d'accessibilité</h1><p>Le site est partiellement conforme {_TEXT}</p></main></body></html>""",
}


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile-site")
    for name, html in _HOSTILE_PAGES.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(html, encoding="utf-8")
    out = tmp_path_factory.mktemp("hostile-out")
    with serve_folder(root) as url:
        table = out.parent / "hostile-input.csv"
        with table.open("w", newline="", encoding="utf-8") as handle:
            csv.writer(handle).writerows([["url", "name", "insee", "population"],
                                          [url, "Ville <script>alert('nom')</script>", "=1+1", "=2+2"]])
        run_audit("run", "--from", str(table), "--out", str(out), *FAST)
    return out


def test_hostile_content_reaches_the_audit(hostile_run: Path) -> None:
    """The test is only worth something if crawled markup really lands in audit.json."""
    (audit,) = read_audits(hostile_run).values()
    text = json.dumps(audit, ensure_ascii=False)
    assert "<script>alert('texte')</script>" in text and "onerror=alert('img')" in text
    assert audit["site"]["name"].startswith("Ville <script>")


@needs_chromium
def test_hostile_report_runs_nothing_in_chromium(hostile_run: Path, tmp_path: Path) -> None:
    (slug,) = read_audits(hostile_run)

    def probe(page: Any) -> dict[str, Any]:
        page.hover("h1")
        for link in page.query_selector_all("a[href]")[:20]:
            link.hover()
        return page.evaluate("""() => ({
            scripts: document.scripts.length,
            imgs: [...document.images].filter(i => !i.src.startsWith('data:')).length,
            handlers: [...document.querySelectorAll('*')].filter(e => [...e.attributes].some(a => a.name.startsWith('on'))).length,
            hrefs: [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href')),
            h1: document.querySelector('h1').textContent,
        })""")

    opened = _open(hostile_run / slug / "report.html", tmp_path / "report.png", probe)
    assert opened.dialogs == []
    facts = opened.facts
    assert facts["scripts"] == 0 and facts["imgs"] == 0 and facts["handlers"] == 0
    assert all(h.startswith(("http://", "https://", "#")) for h in facts["hrefs"]), facts["hrefs"]
    assert facts["h1"] == "Ville <script>alert('nom')</script>", "shown as text, not run"
    assert (tmp_path / "report.png").read_bytes().startswith(b"\x89PNG")
    summary = _open(hostile_run / "summary.html", None, lambda page: page.evaluate("document.scripts.length"))
    assert summary.dialogs == [] and summary.facts == 1


def _open(path: Path, screenshot: Path | None, probe: Any) -> Any:
    """Open a report in Chromium; fail on console errors, dialogs or axe-core violations."""
    from tests.reports_browser import open_report

    opened = open_report(path, screenshot, probe)
    assert opened.console_errors == [], opened.console_errors
    assert opened.dialogs == [], opened.dialogs
    assert opened.violations == [], json.dumps(opened.violations, indent=1)
    return opened


@needs_chromium
def test_axe_harness_reports_violations(tmp_path: Path) -> None:
    """The axe-core assertions above mean something only if the harness does see violations."""
    from tests.reports_browser import open_report

    page = tmp_path / "bad.html"
    page.write_text('<!DOCTYPE html><html><head><title>x</title></head><body><img src="data:,"></body></html>', encoding="utf-8")
    ids = {v["id"] for v in open_report(page).violations}
    assert {"html-has-lang", "image-alt"} <= ids
