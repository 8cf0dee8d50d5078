"""Browser mode: real renderings in the system Chromium of pages served on 127.0.0.1."""

from __future__ import annotations

import json

import pytest

from audit.artifacts.browser import find_chromium
from audit.demo.server import serve_folder
from tests.conftest import QUICK, SITES, read_audits, run_audit

pytestmark = pytest.mark.skipif(find_chromium() is None, reason="Chromium n'est pas installé (make setup l'installe)")


def _audit(tmp_path, site, *extra):
    log: list[str] = []
    with serve_folder(SITES / site, log) as url:
        run_audit("run", url, "--out", str(tmp_path / "out"), *QUICK, *extra)
    (audit,) = read_audits(tmp_path / "out").values()
    return audit, log


def test_links_inserted_by_javascript_are_crawled(tmp_path):
    audit, log = _audit(tmp_path, "js-menu")
    assert "/demarches/" in log, "the menu exists only after a script runs: it must be found in the rendered DOM"
    assert audit["criteria"]["social.facebook"]["value"] == "https://www.facebook.com/villejs"
    assert audit["site"]["pages_rendered"] >= 1
    assert not [e for e in audit["site"]["errors"] if e["kind"].startswith("render")]
    folder = next(p for p in (tmp_path / "out").iterdir() if p.is_dir())
    for name in ("home-desktop.png", "home-mobile.png"):
        assert (folder / name).read_bytes().startswith(b"\x89PNG")
    assert audit["site"]["screenshots"] == {"desktop": "home-desktop.png", "mobile": "home-mobile.png"}
    stats = json.loads((tmp_path / "out" / "crawl-stats.json").read_text())
    assert stats["playwright/page_count"] == stats["audit/browser_pages_closed"], "every page must be closed"


def test_static_crawl_alone_misses_the_javascript_menu(tmp_path):
    audit, log = _audit(tmp_path, "js-menu", "--no-browser")
    assert "/demarches/" not in log
    assert audit["site"]["pages_rendered"] == 0
    assert audit["criteria"]["social.facebook"]["status"] == "absent"


def test_axe_runs_under_a_strict_csp_with_rgaa_references(tmp_path):
    audit, _ = _audit(tmp_path, "strict-csp")
    result = audit["criteria"]["accessibility.automated_audit"]
    assert result["status"] == "present"
    value = result["value"]
    assert value["engine"] == "axe-core"
    home = next(p for p in value["pages"] if p["url"] == audit["site"]["final_url"])
    rules = {r["rule"]: r for r in home["failed_rules"]}
    assert rules["image-alt"]["rgaa"] == ["1.1.1"] and rules["image-alt"]["elements"] == 1
    assert "label" in rules
    assert "1.1.1" in value["by_rgaa"]
    assert "partie du RGAA" in value["note"]


def test_without_browser_the_static_rules_still_run(tmp_path):
    audit, _ = _audit(tmp_path, "strict-csp", "--no-browser")
    result = audit["criteria"]["accessibility.automated_audit"]
    assert result["status"] == "present"
    assert result["value"]["engine"] == "static"
    home_rules = {r["rule"] for r in result["value"]["pages"][0]["failed_rules"]}
    assert {"image-alt", "label"} <= home_rules


def test_missing_chromium_is_reported_and_the_audit_goes_on(tmp_path):
    audit, _ = _audit(tmp_path, "strict-csp", "-s", "AUDIT_CHROMIUM_PATH=/nonexistent/chromium")
    assert any(e["kind"] == "browser_unavailable" and "Chromium" in e["message"] for e in audit["site"]["errors"])
    assert audit["site"]["pages_rendered"] == 0
    assert audit["criteria"]["site.search"]["status"] == "present"




def test_trackers_loaded_before_consent_are_listed(tmp_path):
    audit, _ = _audit(tmp_path, "trackers")
    consent = audit["criteria"]["site.cookie_consent"]
    assert consent["status"] == "present", "the consent banner exists only once scripts run"
    before = consent["value"]["before_consent"]
    assert before["trackers_before_consent"] is True
    assert "googletagmanager.com" in before["third_party_hosts"]
    assert any(t["name"] and "Google" in t["name"] for t in before["trackers"])


def test_the_browser_never_fetches_internal_addresses(tmp_path):
    from tests import faults

    internal_log: list[str] = []
    with faults.serve(lambda h, p: faults.page(h, "<p>interne</p>"), internal_log) as internal:
        root = tmp_path / "site"
        root.mkdir()
        (root / "index.html").write_text(
            f"<!doctype html><html lang='fr'><head><title>Mairie</title></head><body><main><h1>Accueil</h1>"
            f"<img src='{internal}pixel.gif' alt=''><iframe src='{internal}admin' title='admin'></iframe></main></body></html>",
            encoding="utf-8",
        )
        with serve_folder(root) as url:
            run_audit("run", url, "--out", str(tmp_path / "out"), *QUICK)
    (audit,) = read_audits(tmp_path / "out").values()
    assert audit["site"]["pages_rendered"] == 1
    assert internal_log == [], "an internal address nobody asked for must not be fetched by the browser either"


@pytest.mark.parametrize(("site", "status"), [("wide-page", "absent"), ("responsive", "present")])
def test_mobile_rendering_decides_on_horizontal_overflow(tmp_path, site, status):
    audit, _ = _audit(tmp_path, site)
    mobile = audit["criteria"]["site.mobile"]
    rendered = mobile["value"]["rendered"]
    assert rendered["viewport_width"] == 375
    assert (rendered["overflow_px"] > 8) == (status == "absent")
    assert mobile["status"] == status, "a device-width viewport does not help a page laid out for a desktop"


def test_one_element_too_wide_is_reported_but_the_page_is_made_for_phones(tmp_path):
    audit, _ = _audit(tmp_path, "wide-embed")
    mobile = audit["criteria"]["site.mobile"]
    assert 8 < mobile["value"]["rendered"]["overflow_px"] <= 375
    assert mobile["status"] == "present"
    assert "défilement horizontal" in mobile["evidence"][0]["excerpt"]
