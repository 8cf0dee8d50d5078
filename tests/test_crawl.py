"""Real crawls of sites served on 127.0.0.1: scope, politeness, budget, traps, encodings, input."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from audit.demo.server import serve_folder
from audit.spiders.url_rules import trap_pattern
from tests.conftest import FAST, ROOT, read_audits, run_audit
from tests.servers import redirect_server

PAGE = "<!doctype html><html lang='fr'><head><meta charset='utf-8'><title>{title}</title></head><body>{body}</body></html>"


def write_site(root: Path, pages: dict[str, str], encoding: str = "utf-8") -> Path:
    """Write `pages` (path -> HTML body or full document) under `root`."""
    for path, content in pages.items():
        target = root / path.lstrip("/")
        if path.endswith("/"):
            target = target / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        if not content.lstrip().startswith("<!doctype") and not path.endswith((".txt", ".xml", ".pdf")):
            content = PAGE.format(title=path, body=content)
        target.write_bytes(content.encode(encoding))
    return root


def test_csv_run_writes_a_valid_audit_for_every_site(tmp_path):
    a = write_site(tmp_path / "a", {"/": "<a href='/contact/'>Contact</a>", "/contact/": "<p>Mairie</p>"})
    b = write_site(tmp_path / "b", {"/": "<p>Bienvenue</p>"})
    with serve_folder(a) as url_a, serve_folder(b) as url_b:
        communes = tmp_path / "communes.csv"
        # A French spreadsheet export: BOM, semicolons, an extra column.
        communes.write_text(
            f"\ufeffname;insee;url;population\nVille-A;99001;{url_a};1200\nVille-B;99002;{url_b};300\n",
            encoding="utf-8",
        )
        out = tmp_path / "out"
        run_audit("run", "--from", str(communes), "--out", str(out), *FAST)
    audits = read_audits(out)
    assert set(audits) == {"99001-ville-a", "99002-ville-b"}
    grid_ids = {line.split("id: ")[1].strip() for line in (ROOT / "audit/grid/criteria.yaml").read_text().splitlines() if "- id: " in line}
    for audit in audits.values():
        assert set(audit["criteria"]) == grid_ids
    site_a = audits["99001-ville-a"]["site"]
    assert site_a["name"] == "Ville-A" and site_a["insee"] == "99001"
    assert site_a["input"] == {"population": "1200"}
    assert site_a["pages_crawled"] >= 2
    with (out / "summary.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["slug"] for r in rows] == ["99001-ville-a", "99002-ville-b"]
    assert all(r["site.search"] in ("present", "absent", "unknown") for r in rows)


def test_unanswered_criteria_are_unknown_with_an_error(tmp_path):
    site = write_site(tmp_path / "s", {"/": "<p>Bienvenue</p>"})
    with serve_folder(site) as url:
        run_audit("run", url, "--out", str(tmp_path / "out"), *FAST)
    (audit,) = read_audits(tmp_path / "out").values()
    unknown = [cid for cid, a in audit["criteria"].items() if a["status"] == "unknown"]
    errors = " ".join(e["message"] for e in audit["site"]["errors"] if e["kind"] == "criterion_unanswered")
    assert all(cid in errors for cid in unknown if cid != "accessibility.automated_audit")


def test_crawl_stays_on_site_and_skips_documents(tmp_path):
    other_log: list[str] = []
    other = write_site(tmp_path / "other", {"/": "<p>Autre site</p>"})
    with serve_folder(other, other_log) as other_url:
        log: list[str] = []
        site = write_site(tmp_path / "s", {
            "/": f"<a href='{other_url}'>Autre site</a> <a href='http://commune.invalid/'>Externe</a>"
                 "<a href='/docs/cr-conseil.pdf'>Compte rendu du conseil (PDF)</a><a href='/page/'>Page</a>",
            "/page/": "<p>Page interne</p>",
            "/docs/cr-conseil.pdf": "%PDF-1.4 fake",
        })
        with serve_folder(site, log) as url:
            run_audit("run", url, "--out", str(tmp_path / "out"), *FAST)
    assert other_log == []
    assert "/page/" in log
    assert "HEAD /docs/cr-conseil.pdf" in log, "a linked document is checked"
    assert "/docs/cr-conseil.pdf" not in log, "documents are never downloaded"


def test_dead_document_links_are_broken_links_and_no_evidence(tmp_path):
    site = write_site(tmp_path / "s", {
        "/": "<h1>Conseil municipal</h1><a href='/docs/pv-2026-03-12.pdf'>Procès-verbal du conseil municipal du "
             "12 mars 2026 (PDF)</a> <a href='/docs/budget-primitif-2026.pdf'>Budget primitif 2026 (PDF)</a>",
        "/docs/budget-primitif-2026.pdf": "%PDF-1.4 fake",
    })
    with serve_folder(site) as url:
        run_audit("run", url, "--out", str(tmp_path / "out"), *FAST)
    (audit,) = read_audits(tmp_path / "out").values()
    broken = audit["criteria"]["site.broken_links"]
    assert broken["status"] == "present"
    assert [item["url"].rsplit("/", 1)[-1] for item in broken["value"]["items"]] == ["pv-2026-03-12.pdf"]
    assert audit["criteria"]["edemocracy.council_records"]["status"] == "absent", "a dead PDF shows the juror nothing"
    assert audit["criteria"]["edemocracy.budget_documents"]["status"] == "present"


def test_the_generator_a_feed_names_is_the_sites_technology(tmp_path):
    site = write_site(tmp_path / "s", {"/": "<h1>Accueil</h1><p>Bienvenue.</p>"})
    home = site / "index.html"
    home.write_text(home.read_text().replace(
        "<title>", "<link rel='alternate' type='application/rss+xml' href='/index.xml'><title>"), encoding="utf-8")
    (site / "index.xml").write_text(
        "<?xml version='1.0'?><rss version='2.0'><channel><title>Ville</title>"
        "<generator>Hugo -- gohugo.io</generator></channel></rss>", encoding="utf-8")
    with serve_folder(site) as url:
        run_audit("run", url, "--out", str(tmp_path / "out"), *FAST)
    (audit,) = read_audits(tmp_path / "out").values()
    technology = audit["criteria"]["site.technology"]
    assert technology["status"] == "present"
    assert technology["value"][0]["name"] == "Hugo", "the builder first, then the server's own tools"
    assert "<generator>Hugo -- gohugo.io</generator>" in technology["evidence"][0]["excerpt"]


def test_robots_txt_is_obeyed(tmp_path):
    log: list[str] = []
    site = write_site(tmp_path / "s", {
        "/robots.txt": "User-agent: *\nDisallow: /prive/\n",
        "/": "<a href='/prive/secret/'>Privé</a><a href='/public/'>Public</a>",
        "/prive/secret/": "<p>secret</p>",
        "/public/": "<p>public</p>",
    })
    with serve_folder(site, log) as url:
        run_audit("run", url, "--out", str(tmp_path / "out"), *FAST)
    assert "/public/" in log
    assert not any(p.startswith("/prive/") for p in log)


def test_robots_txt_disallowing_everything_leaves_criteria_unknown(tmp_path):
    site = write_site(tmp_path / "s", {"/robots.txt": "User-agent: *\nDisallow: /\n", "/": "<p>Bienvenue</p>"})
    with serve_folder(site) as url:
        run_audit("run", url, "--out", str(tmp_path / "out"), *FAST)
    (audit,) = read_audits(tmp_path / "out").values()
    assert {a["status"] for a in audit["criteria"].values()} == {"unknown"}
    assert any(e["kind"] == "robots_disallow" for e in audit["site"]["errors"])


def test_small_budget_visits_grid_topics_first(tmp_path):
    filler = "".join(f"<a href='/article-{i}/'>Article {i}</a> " for i in range(60))
    pages = {"/": f"<main>{filler}</main><footer><a href='/mentions-legales/'>Mentions légales</a>"
                  "<a href='/demarches-en-ligne/'>Démarches en ligne</a></footer>"}
    pages.update({f"/article-{i}/": "<p>Article</p>" for i in range(60)})
    pages.update({"/mentions-legales/": "<p>Mentions</p>", "/demarches-en-ligne/": "<p>Démarches</p>"})
    log: list[str] = []
    with serve_folder(write_site(tmp_path / "s", pages), log) as url:
        run_audit("run", url, "--out", str(tmp_path / "out"), "--max-pages", "4", *FAST)
    pages_fetched = [p for p in log if p not in ("/robots.txt", "/sitemap.xml")]
    assert len(pages_fetched) <= 4
    assert "/demarches-en-ligne/" in pages_fetched and "/mentions-legales/" in pages_fetched


def test_calendar_trap_is_capped(tmp_path):
    calendar = "".join(f"<a href='/agenda/?mois={m}&annee={2020 + y}'>{m}/{y}</a>" for y in range(20) for m in range(1, 13))
    log: list[str] = []
    site = write_site(tmp_path / "s", {"/": "<a href='/agenda/'>Agenda</a>", "/agenda/": calendar})
    with serve_folder(site, log) as url:
        run_audit("run", url, "--out", str(tmp_path / "out"), "-s", "AUDIT_MAX_PER_PATTERN=10", *FAST)
    calendar_pages = [p for p in log if p.startswith("/agenda/?")]
    assert 0 < len(calendar_pages) <= 10


def test_old_php_site_is_read_page_by_page_while_its_pagination_stays_capped(tmp_path):
    """``index.php?page=NAME`` and ``page.php?id=N`` name distinct pages; ``&p=N`` pagination is a trap."""
    names = [f"rubrique-{chr(97 + i)}" for i in range(14)]
    menu = "".join(f"<a href='index.php?page={n}'>{n}</a>" for n in names)
    menu += "".join(f"<a href='page.php?id={i}'>Fiche {i}</a>" for i in range(8)) + "<a href='index.php?page=actualites'>Actus</a>"
    pages = {"/index.php": menu, "/page.php": "<p>fiche</p>"}
    pages |= {f"/index.php?page={n}": menu for n in names}
    pages["/index.php?page=actualites"] = "".join(f"<a href='index.php?page=actualites&p={i}'>{i}</a>" for i in range(40))
    log: list[str] = []
    site = write_site(tmp_path / "s", pages)
    with serve_folder(site, log) as url:
        run_audit("run", url + "index.php", "--out", str(tmp_path / "out"), "-s", "AUDIT_MAX_PER_PATTERN=5", *FAST)
    assert {f"/index.php?page={n}" for n in names} <= set(log)
    assert {f"/page.php?id={i}" for i in range(8)} <= set(log)
    assert 0 < len([p for p in log if "?p=" in p]) <= 5  # requests carry the query sorted


@pytest.mark.parametrize(("a", "b"), [
    ("http://v.fr/agenda/2031/03?mois=3&annee=2031", "http://v.fr/agenda/1999/12?annee=1&mois=4"),
    ("http://v.fr/liste?tri=date", "http://v.fr/liste?tri=titre"),
    ("http://v.fr/index.php?page=2", "http://v.fr/index.php?page=3"),
    ("http://v.fr/x?token=8f3a9c2e77d1", "http://v.fr/x?token=1b2c3d4e5f60"),
])
def test_trap_shapes_are_shared(a, b):
    assert trap_pattern(a) == trap_pattern(b)


@pytest.mark.parametrize(("a", "b"), [
    ("http://v.fr/index.php?page=contact", "http://v.fr/index.php?page=mairie"),
    ("http://v.fr/page.php?id=12", "http://v.fr/page.php?id=13"),
    ("http://v.fr/rubrique.php?rub=3", "http://v.fr/rubrique.php?rub=4"),
])
def test_query_values_naming_content_are_distinct_shapes(a, b):
    assert trap_pattern(a) != trap_pattern(b)


def test_session_ids_and_fragments_do_not_multiply_pages(tmp_path):
    log: list[str] = []
    links = "".join(f"<a href='/page/?PHPSESSID={i}#s{i}'>Page</a>" for i in range(30))
    site = write_site(tmp_path / "s", {"/": links, "/page/": "<p>page</p>"})
    with serve_folder(site, log) as url:
        run_audit("run", url, "--out", str(tmp_path / "out"), *FAST)
    assert [p for p in log if p.startswith("/page/")] == ["/page/"]


def test_latin1_pages_are_decoded(tmp_path):
    html = ("<!doctype html><html lang='fr'><head><meta http-equiv='Content-Type' content='text/html; charset=iso-8859-1'>"
            "<title>Mairie de Saint-Étienne</title></head><body><table><tr><td>"
            "<form action='/recherche'><label for='q'>Recherche sur le site : entrez vos mots-clés</label>"
            "<input id='q' name='q' type='text'></form></td></tr></table></body></html>")
    site = write_site(tmp_path / "s", {"/": html}, encoding="iso-8859-1")
    with serve_folder(site) as url:
        run_audit("run", url, "--out", str(tmp_path / "out"), *FAST)
    (audit,) = read_audits(tmp_path / "out").values()
    search = audit["criteria"]["site.search"]
    assert search["status"] == "present"
    assert "mots-clés" in search["evidence"][0]["excerpt"]


def test_home_redirect_to_another_host_is_followed_once(tmp_path):
    site = write_site(tmp_path / "s", {"/": "<a href='/page/'>Page</a>", "/page/": "<p>page</p>"})
    with serve_folder(site) as url:
        target = url.replace("127.0.0.1", "localhost")
        with redirect_server(target) as start:
            # Both are loopback addresses: the target is fetched only because the user asked for it too.
            run_audit("run", start, target, "--out", str(tmp_path / "out"), *FAST)
    audits = read_audits(tmp_path / "out")
    redirected = next(a for a in audits.values() if a["site"]["start_url"] == start)
    assert redirected["site"]["final_url"] == target
    assert redirected["site"]["pages_crawled"] >= 2


def test_home_redirect_to_an_internal_address_nobody_asked_for_is_refused(tmp_path):
    site = write_site(tmp_path / "s", {"/": "<p>interne</p>"})
    log: list[str] = []
    with serve_folder(site, log) as url:
        with redirect_server(url.replace("127.0.0.1", "localhost")) as start:
            run_audit("run", start, "--out", str(tmp_path / "out"), *FAST)
    (audit,) = read_audits(tmp_path / "out").values()
    assert log == []
    assert any(e["kind"] == "refused_address" for e in audit["site"]["errors"])
    assert {a["status"] for a in audit["criteria"].values()} == {"unknown"}


def test_scrapy_crawl_command_uses_the_same_pipeline(tmp_path):
    import subprocess
    import sys

    site = write_site(tmp_path / "s", {"/": "<p>Bienvenue</p>"})
    out = tmp_path / "out"
    with serve_folder(site) as url:
        proc = subprocess.run(
            [sys.executable, "-m", "scrapy", "crawl", "commune", "-a", f"url={url}",
             "-s", f"AUDIT_OUTPUT_DIR={out}", *FAST],
            cwd=ROOT, capture_output=True, text=True, timeout=120,
        )
    assert proc.returncode == 0, proc.stderr[-3000:]
    (audit,) = read_audits(out).values()
    assert audit["site"]["start_url"] == url
    assert (out / "summary.csv").exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "vide"),
        ("name,insee,adresse\nA,1,http://a.fr\n", "colonne « url » introuvable"),
        ("name,insee,url\n", "aucune commune"),
    ],
)
def test_unusable_csv_exits_2_with_a_clear_message(tmp_path, content, message):
    communes = tmp_path / "communes.csv"
    communes.write_text(content, encoding="utf-8")
    proc = run_audit("run", "--from", str(communes), "--out", str(tmp_path / "out"), expect=2)
    assert message in proc.stderr


def test_usage_errors_exit_2(tmp_path):
    assert run_audit("run", "--out", str(tmp_path), expect=2).stderr
    assert "NOM=VALEUR" in run_audit("run", "http://a.fr", "-s", "BROKEN", "--out", str(tmp_path), expect=2).stderr
    assert run_audit("run", "--from", str(tmp_path / "missing.csv"), "--out", str(tmp_path), expect=2).stderr


def test_invalid_rows_are_listed_and_the_rest_runs(tmp_path):
    site = write_site(tmp_path / "s", {"/": "<p>Bienvenue</p>"})
    with serve_folder(site) as url:
        communes = tmp_path / "communes.csv"
        communes.write_text(f"name,insee,url\nBonne,99001,{url}\nMauvaise,99002,ftp://x.fr\nVide,99003,\n", encoding="utf-8")
        proc = run_audit("run", "--from", str(communes), "--out", str(tmp_path / "out"), *FAST)
    assert set(read_audits(tmp_path / "out")) == {"99001-bonne"}
    assert "ligne 3" in proc.stderr and "ligne 4" in proc.stderr
    assert (tmp_path / "out" / "rejected.csv").read_text(encoding="utf-8").count("\n") == 3


def test_checks_command_lists_installed_checks():
    proc = run_audit("checks")
    assert "search" in proc.stdout and "site.search" in proc.stdout


@pytest.mark.parametrize(
    ("flags", "expected"),
    [
        ((), "CommuneAuditBot/0.1 (+https://github.com/villes-internet/commune-audit)"),
        (("-s", "AUDIT_CONTACT_URL=https://ville.example/contact"), "CommuneAuditBot/0.1 (+https://ville.example/contact)"),
        (("-s", "USER_AGENT=MonAudit/1.0"), "MonAudit/1.0"),
    ],
)
def test_user_agent_names_the_tool_and_a_configurable_contact(tmp_path, flags, expected):
    from tests import faults

    agents: list[str] = []

    def behave(handler, path):
        agents.append(handler.headers.get("User-Agent", ""))
        faults.page(handler, "<p>Bienvenue</p>")

    with faults.serve(behave) as url:
        run_audit("run", url, "--out", str(tmp_path / "out"), *FAST, *flags)
    assert agents and set(agents) == {expected}


def test_broken_links_list_dead_pages_with_every_page_linking_to_them(tmp_path):
    site = write_site(tmp_path / "s", {
        "/": "<a href='/vie-municipale/'>Vie municipale</a><a href='/disparu/'>Page disparue</a>",
        "/vie-municipale/": "<a href='/docs/pv-2026-03.pdf'>PV du conseil (PDF)</a>"
                            "<a href='/docs/pv-2026-02.pdf'>PV de février (PDF)</a><a href='/disparu/'>Encore</a>",
    })
    (site / "docs").mkdir()
    (site / "docs" / "pv-2026-02.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    with serve_folder(site) as url:
        run_audit("run", url, "--out", str(tmp_path / "out"), *FAST)
    (audit,) = read_audits(tmp_path / "out").values()
    broken = audit["criteria"]["site.broken_links"]
    assert broken["status"] == "present"
    items = {item["url"].removeprefix(url.rstrip("/")): item for item in broken["value"]["items"]}
    assert set(items) == {"/disparu/", "/docs/pv-2026-03.pdf"}, "a linked document that answers 404 is a broken link"
    assert items["/disparu/"]["status"] == 404
    assert items["/docs/pv-2026-03.pdf"]["status"] == 404
    assert {r.removeprefix(url.rstrip("/")) for r in items["/disparu/"]["referrers"]} == {"/", "/vie-municipale/"}


def test_a_page_reached_through_a_redirect_is_read_once(tmp_path):
    from tests import faults

    log: list[str] = []

    def behave(handler, path):
        if path == "/":
            faults.page(handler, "<a href='/mairie'>Mairie</a> <a href='/mairie/'>La mairie</a> <a href='/autre'>Autre</a>")
        elif path in ("/mairie", "/autre"):
            faults.send(handler, 301, headers={"Location": "/mairie/"})
        elif path == "/mairie/":
            faults.page(handler, "<p>Mairie</p>")
        else:
            faults.not_found(handler)

    with faults.serve(behave, log) as url:
        run_audit("run", url, "--out", str(tmp_path / "out"), *FAST)
    (audit,) = read_audits(tmp_path / "out").values()
    assert audit["site"]["pages_crawled"] == 2, "home + /mairie/ once, however many links lead to it"
    assert [line.split()[1] for line in log].count("/mairie/") == 1
