"""The self-audit web service (``audit serve``) through Starlette's test client, with real worker crawls."""

from __future__ import annotations

import html
import io
import ipaddress
import json
import shutil
import time
from pathlib import Path

import pytest
from openpyxl import load_workbook
from starlette.testclient import TestClient

from audit.demo import catalogue
from audit.demo.server import serve_folder
from audit.spiders.addresses import is_internal, parse_networks
from audit.web.app import ServiceConfig, create_app
from audit.web.history import changes_between
from audit.web.safety import RateLimiter
from tests.conftest import FAST as FAST_RUN
from tests.conftest import read_audits, run_audit, validate

LOOPBACK = (ipaddress.ip_network("127.0.0.0/8"),)
FAST = {"DOWNLOAD_DELAY": "0", "AUTOTHROTTLE_ENABLED": "False"}
VALBRUNE = next(c for c in catalogue.load() if c.name == "Valbrune")


def _config(tmp_path: Path, **kwargs) -> ServiceConfig:
    kwargs.setdefault("crawl_settings", dict(FAST))
    return ServiceConfig(data_dir=tmp_path / "service", **kwargs)


def _wait(client: TestClient, job_id: str, timeout: float = 120) -> dict:
    deadline = time.monotonic() + timeout
    seen: list[dict] = []
    while time.monotonic() < deadline:
        state = client.get(f"/audits/{job_id}/etat").json()
        seen.append(state)
        if state["etat"] in ("done", "failed"):
            state["seen"] = seen
            return state
        time.sleep(0.5)
    raise AssertionError(f"audit {job_id} not finished after {timeout} s: {seen[-1]}")


def _submit(client: TestClient, url: str, **fields: str) -> str:
    response = client.post("/audits", data={"url": url, **fields}, follow_redirects=False)
    assert response.status_code == 303, response.text
    return response.headers["location"].rsplit("/", 1)[1]


# --------------------------------------------------------------------- addresses
@pytest.mark.parametrize("address", [
    "127.0.0.1", "10.1.2.3", "172.16.0.1", "172.31.255.254", "192.168.1.1", "169.254.169.254", "100.64.0.1",
    "100.127.255.254", "0.0.0.0", "224.0.0.251", "240.0.0.1", "255.255.255.255", "192.0.2.10", "198.18.0.1",
    "::1", "::", "fe80::1", "fc00::1", "fd12:3456::1", "ff02::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1",
    "::ffff:169.254.169.254", "64:ff9b::7f00:1", "2002:7f00:1::1", "2001:db8::1",
])
def test_internal_addresses_are_refused(address):
    assert is_internal(address)


@pytest.mark.parametrize("address", ["8.8.8.8", "193.51.24.1", "100.128.0.1", "2001:4860:4860::8888", "::ffff:8.8.8.8",
                                     "2002:0808:0808::1", "64:ff9b::808:808"])
def test_public_addresses_are_allowed(address):
    assert not is_internal(address)


def test_an_allowed_network_lifts_the_rule_for_that_range_only():
    allowed = parse_networks("127.0.0.0/8")
    assert not is_internal("127.0.0.2", allowed)
    assert is_internal("::ffff:127.0.0.1", allowed), "only the range given is lifted, not other forms of it"
    assert is_internal("10.0.0.1", allowed) and is_internal("169.254.169.254", allowed) and is_internal("::1", allowed)
    with pytest.raises(ValueError):
        parse_networks("127.0.0.0/33")


def test_rate_limiter_slides_its_window():
    limiter = RateLimiter(2, window=60)
    assert limiter.retry_after("a", now=0) == 0 and limiter.retry_after("a", now=1) == 0
    assert 58 <= limiter.retry_after("a", now=2) <= 60
    assert limiter.retry_after("b", now=2) == 0, "limits are per client"
    assert limiter.retry_after("a", now=61) == 0, "the first submission left the window"


# --------------------------------------------------------------------- the form and its refusals
def test_form_page_is_french_with_a_strict_csp(tmp_path):
    client = TestClient(create_app(_config(tmp_path)))
    page = client.get("/")
    assert page.status_code == 200
    csp = page.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert page.headers["x-content-type-options"] == "nosniff"
    assert '<html lang="fr">' in page.text and 'for="url"' in page.text and "Lancer l'audit" in page.text
    assert "Code d'accès" not in page.text
    for path in ("/static/service.css", "/static/progress.js"):
        asset = client.get(path)
        assert asset.status_code == 200 and "default-src 'none'" in asset.headers["content-security-policy"]


@pytest.mark.parametrize("url", [
    "http://127.0.0.1:8080/", "http://localhost/", "http://10.0.0.5/", "http://192.168.0.1/", "http://172.20.1.1/",
    "http://169.254.169.254/latest/meta-data/", "http://100.64.1.1/", "http://[::ffff:127.0.0.1]/", "http://0.0.0.0/",
])
def test_internal_addresses_are_refused_at_submission(tmp_path, url):
    client = TestClient(create_app(_config(tmp_path, rate_limit=100)))
    response = client.post("/audits", data={"url": url}, follow_redirects=False)
    assert response.status_code == 400
    assert "réseau privé ou réservé" in response.text and 'role="alert"' in response.text
    assert not list((tmp_path / "service" / "jobs").iterdir()), "nothing is queued"


def test_unusable_input_is_explained(tmp_path):
    client = TestClient(create_app(_config(tmp_path, rate_limit=100)))
    cases = {
        "ftp://ville.fr/": "schéma « ftp »",
        "http://nexiste-pas.invalid/": "introuvable",
        "": "URL vide",
    }
    for url, words in cases.items():
        response = client.post("/audits", data={"url": url})
        assert response.status_code == 400 and words in response.text, (url, response.text[-800:])
    response = client.post("/audits", data={"url": "http://127.0.0.1/", "insee": "ABCDE"})
    assert response.status_code == 400 and "Code INSEE invalide" in response.text
    assert 'value="ABCDE"' in response.text, "the visitor's input is kept"


def test_rate_limit_answers_429_in_french(tmp_path):
    client = TestClient(create_app(_config(tmp_path, rate_limit=2)))
    for _ in range(2):
        assert client.post("/audits", data={"url": "http://10.0.0.1/"}).status_code == 400
    response = client.post("/audits", data={"url": "http://10.0.0.1/"})
    assert response.status_code == 429
    assert "Trop de demandes" in response.text and int(response.headers["retry-after"]) > 0
    api = client.post("/api/audits", json={"url": "http://10.0.0.1/"})
    assert api.status_code == 429 and "Trop de demandes" in api.json()["erreur"]


def test_queue_length_answers_503_and_positions_are_shown(tmp_path):
    # No lifespan: the dispatcher does not run, so submitted audits stay queued.
    client = TestClient(create_app(_config(tmp_path, allow_networks=LOOPBACK, max_queue=2)))
    first = _submit(client, "http://127.0.0.1:9/", name="Première")
    second = _submit(client, "http://127.0.0.2:9/")
    assert _submit(client, "http://127.0.0.1:9/accueil") == first, "the same site already queued is followed, not queued twice"
    full = client.post("/audits", data={"url": "http://127.0.0.3:9/"})
    assert full.status_code == 503 and "Le service est très demandé" in full.text and full.headers["retry-after"]
    state = client.get(f"/audits/{second}/etat").json()
    assert state["etat"] == "queued" and state["avant"] == 1
    page = client.get(f"/audits/{second}")
    assert "En attente : 1 site avant le vôtre." in page.text
    assert '<script src="/static/progress.js"' in page.text and 'http-equiv="refresh"' in page.text
    assert client.get("/audits/unknown-job-id").status_code == 404
    assert client.get("/audits/..%2F..%2Fetc").status_code == 404


def test_token_is_required_when_set(tmp_path):
    app = create_app(_config(tmp_path, allow_networks=LOOPBACK, token="s3cret"))
    client = TestClient(app)
    assert "Code d'accès" in client.get("/").text
    refused = client.post("/audits", data={"url": "http://127.0.0.1:9/"})
    assert refused.status_code == 403 and "Code d'accès manquant ou incorrect" in html.unescape(refused.text)
    assert client.post("/audits", data={"url": "http://127.0.0.1:9/", "code": "wrong"}).status_code == 403
    job = _submit(client, "http://127.0.0.1:9/", code="s3cret")
    assert client.get(f"/audits/{job}").status_code == 200, "the cookie set at submission opens the pages"
    stranger = TestClient(app)
    assert stranger.get(f"/audits/{job}").status_code == 403
    api = stranger.post("/api/audits", json={"url": "http://127.0.0.2:9/"}, headers={"Authorization": "Bearer s3cret"})
    assert api.status_code == 202 and api.json()["etat"] == "queued"


# --------------------------------------------------------------------- real audits in worker processes
def test_audit_report_downloads_and_history(tmp_path):
    site_root = tmp_path / "site"
    shutil.copytree(VALBRUNE.root, site_root)
    config = _config(tmp_path, allow_networks=LOOPBACK)
    with serve_folder(site_root) as url, TestClient(create_app(config)) as client:
        job = _submit(client, url, name=VALBRUNE.name, insee=VALBRUNE.insee)
        state = _wait(client, job)
        assert state["etat"] == "done", state
        assert state["pages"] > 5
        assert any(s["etat"] == "running" for s in state["seen"]), "progress is reported while the audit runs"
        report = client.get(f"/audits/{job}")
        assert report.status_code == 200
        csp = report.headers["content-security-policy"]
        assert "script-src" not in csp and "default-src 'none'" in csp, "reports run no script at all"
        assert "<script" not in report.text
        assert "Valbrune" in report.text and "Synthèse par section" in report.text
        assert "Aucun audit précédent de ce site" in report.text

        downloaded = client.get(f"/audits/{job}/audit.json")
        assert downloaded.status_code == 200 and "attachment" in downloaded.headers["content-disposition"]
        audit = validate(downloaded.json())
        assert audit["site"]["insee"] == VALBRUNE.insee and audit["site"]["pages_crawled"] <= config.max_pages
        grid = client.get(f"/audits/{job}/grille.xlsx")
        assert grid.status_code == 200
        rows = list(load_workbook(io.BytesIO(grid.content)).active.iter_rows(values_only=True))
        assert len(rows) == 1 + len(audit["criteria"]), "one row per criterion"

        # The commune removes its contact page; the next audit lists the first one and what changed.
        shutil.rmtree(site_root / "contact")
        again = _submit(client, url, name=VALBRUNE.name, insee=VALBRUNE.insee)
        assert again != job, "a finished audit is not reused: the site is audited again"
        assert _wait(client, again)["etat"] == "done"
        second = html.unescape(client.get(f"/audits/{again}").text)
        assert f'href="/audits/{job}"' in second, "the earlier audit of the same site is listed"
        after = client.get(f"/audits/{again}/audit.json").json()
        expected = changes_between(audit, after)
        assert expected, "removing the contact page changes the audit"
        assert f"{len(expected)} changement" in second
        assert all(f'<th scope="row">{c.label}</th>' in second for c in expected)


def test_time_and_page_budgets_are_capped(tmp_path):
    slow = {"DOWNLOAD_DELAY": "1", "AUTOTHROTTLE_ENABLED": "False", "CONCURRENT_REQUESTS_PER_DOMAIN": "1",
            "RANDOMIZE_DOWNLOAD_DELAY": "False"}
    with serve_folder(VALBRUNE.root) as url:
        timed = _config(tmp_path / "t", allow_networks=LOOPBACK, time_budget=3, crawl_settings=slow)
        capped = _config(tmp_path / "p", allow_networks=LOOPBACK, max_pages=3)
        with TestClient(create_app(timed)) as client_t, TestClient(create_app(capped)) as client_p:
            job_t, job_p = _submit(client_t, url), _submit(client_p, url)
            state_t, state_p = _wait(client_t, job_t), _wait(client_p, job_p)
            assert state_t["etat"] == "done" and state_t["temps_ecoule"], state_t
            assert "Le temps maximal de l'audit a été atteint" in client_t.get(f"/audits/{job_t}").text
            audit_t = client_t.get(f"/audits/{job_t}/audit.json").json()
            audit_p = client_p.get(f"/audits/{job_p}/audit.json").json()
    assert audit_t["site"]["pages_crawled"] < 10, "about one page a second for 3 seconds"
    assert audit_p["site"]["pages_crawled"] <= 3
    validate(audit_t)


def test_changes_name_status_and_value_changes():
    before = {"criteria": {"site.search": {"status": "absent"}, "site.https": {"status": "present", "value": {"hsts": False}}}}
    after = {"criteria": {"site.search": {"status": "present"}, "site.https": {"status": "present", "value": {"hsts": True}}}}
    changes = {c.criterion: c for c in changes_between(before, after)}
    assert changes["site.search"].before == "Absent" and changes["site.search"].after == "Présent"
    assert changes["site.https"].detail == "valeur modifiée"
    assert changes_between(after, json.loads(json.dumps(after))) == []


def test_connection_time_check_refuses_a_name_rebound_to_an_internal_address(tmp_path):
    """The start URL passes the policy (the user asked for it, as a name checked while public would);
    the resolver the service's crawls use still refuses to connect to the loopback address it resolves to."""
    log: list[str] = []
    resolver = ["-s", "TWISTED_DNS_RESOLVER=audit.spiders.addresses.PublicOnlyResolver"]
    with serve_folder(VALBRUNE.root, log) as url:
        named = url.replace("127.0.0.1", "localhost")
        run_audit("run", named, "--out", str(tmp_path / "refused"), "--max-pages", "3", *FAST_RUN, *resolver)
        assert log == [], "no request reached the internal server"
        run_audit("run", named, "--out", str(tmp_path / "allowed"), "--max-pages", "3", *FAST_RUN, *resolver,
                  "-s", "AUDIT_ALLOW_NETWORKS=127.0.0.0/8,::1/128")
    (refused,) = read_audits(tmp_path / "refused").values()
    assert refused["site"]["pages_crawled"] == 0
    assert any(e["kind"] == "home_unreachable" for e in refused["site"]["errors"])
    (allowed,) = read_audits(tmp_path / "allowed").values()
    assert allowed["site"]["pages_crawled"] >= 1 and "/" in log


def test_a_scheduled_crawl_in_the_history_database_is_listed_and_the_service_records_its_audit(tmp_path):
    from audit.history.store import open_store

    site_root = tmp_path / "site"
    shutil.copytree(VALBRUNE.root, site_root)
    db = f"sqlite:///{tmp_path / 'historique.sqlite'}"
    with serve_folder(site_root) as url:
        run_audit("run", url, "--out", str(tmp_path / "mensuel"), "--db", db, "--label", "2026-11", *FAST_RUN)
        (scheduled,) = read_audits(tmp_path / "mensuel").values()
        shutil.rmtree(site_root / "contact")
        with TestClient(create_app(_config(tmp_path, allow_networks=LOOPBACK, db_url=db))) as client:
            job = _submit(client, url, name=VALBRUNE.name)
            assert _wait(client, job)["etat"] == "done"
            report = html.unescape(client.get(f"/audits/{job}").text)
            now = client.get(f"/audits/{job}/audit.json").json()
    expected = changes_between(scheduled, now)
    assert expected, "removing the contact page changes the audit"
    assert "(base d'historique)" in report, "the scheduled crawl's audit of the site is listed"
    assert f"{len(expected)} changement" in report
    history = open_store(db, create=False)
    try:
        labels = [run.label for run in history.runs()]
    finally:
        history.close()
    assert sorted(labels) == ["2026-11", "service"], "the service's audit is recorded beside the scheduled run"
