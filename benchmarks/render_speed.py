"""Rendering benchmark: time per rendered page, and what rendering adds to a site's audit.

Run as ``.venv/bin/python benchmarks/render_speed.py``. It writes a small
commune-like site (12 pages of 25-30 KB: header with logo and search form,
menu, breadcrumb, news, images, a form, a footer, a stylesheet and a script
that inserts a cookie banner after load), serves it on 127.0.0.1, then:

(a) renders every page several times in Chromium, driven by Playwright with
    the spider's launch arguments and desktop context, doing what the spider
    does with a rendered page: navigation, ``settle``, DOM read, ``run_axe``,
    ``measure_layout`` and parsing (``Page.from_html``), timed per page;
(b) runs ``audit run`` on the site with ``--render all -s AUDIT_RENDER_MAX=10``
    and with ``--no-browser``, each in its own subprocess, and compares wall times.

It prints a Markdown table for the README. Not part of the test-suite.
"""

from __future__ import annotations

import asyncio
import json
import os
import statistics
import struct
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

from audit.artifacts.browser import CHROMIUM_ARGS, context_kwargs, find_chromium  # noqa: E402
from audit.artifacts.page import Page  # noqa: E402
from audit.demo.server import serve_folder  # noqa: E402
from audit.spiders.render import measure_layout, run_axe, settle  # noqa: E402

PAGES = {
    "index.html": "Accueil", "mairie/index.html": "Votre mairie", "demarches/index.html": "Vos démarches",
    "enfance/index.html": "Enfance et jeunesse", "culture/index.html": "Culture et loisirs",
    "actualites/index.html": "Actualités", "agenda/index.html": "Agenda", "contact/index.html": "Nous contacter",
    "conseil-municipal/index.html": "Conseil municipal", "urbanisme/index.html": "Urbanisme",
    "mentions-legales/index.html": "Mentions légales", "accessibilite/index.html": "Accessibilité",
}
PARAGRAPH = (
    "La municipalité poursuit la rénovation des équipements publics afin d'améliorer l'accueil des habitants. "
    "Les services techniques interviendront du lundi au vendredi entre 8 h et 17 h ; la circulation sera alternée. "
    "Les familles peuvent inscrire leurs enfants au centre de loisirs depuis le portail famille ou à l'accueil. "
)
SCRIPT = """document.addEventListener('DOMContentLoaded', () => {
  const toggle = document.querySelector('.menu-toggle');
  toggle.addEventListener('click', () => document.body.classList.toggle('menu-open'));
  setTimeout(() => {
    const banner = document.createElement('div');
    banner.className = 'cookies';
    banner.innerHTML = '<p>Ce site utilise des cookies de mesure d\\'audience.</p>' +
      '<button type="button">Tout accepter</button><button type="button">Tout refuser</button>';
    document.body.appendChild(banner);
  }, 300);
});
"""
STYLE = """body{font-family:sans-serif;margin:0}header,footer{background:#003366;color:#fff;padding:1em}
nav ul{display:flex;flex-wrap:wrap;list-style:none;gap:1em}nav a,footer a{color:#fff}main{max-width:60em;margin:auto}
.news{display:grid;grid-template-columns:repeat(3,1fr);gap:1em}.news img{width:100%;height:auto}
.cookies{position:fixed;bottom:0;left:0;right:0;background:#eee;padding:1em}"""
RUNS_PER_PAGE = 3
AUDIT_RUNS = 3
RENDERED = 10
TARGET_MEDIAN_S = 2.0
TARGET_EXTRA_S = 30.0
AUDIT_SETTINGS = ["-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "AUDIT_PROGRESS=False"]


def _png(width: int, height: int, rgb: tuple[int, int, int]) -> bytes:
    """A plain-colour PNG, so pages load real images."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def _page(path: str, title: str) -> str:
    menu = "".join(f'<li><a href="/{p.removesuffix("index.html")}">{t}</a></li>' for p, t in PAGES.items())
    news = "".join(
        f'<article><img src="/img/photo-{i % 4}.png" alt="{"" if i % 5 == 0 else f"Photo de l’actualité {i}"}">'
        f'<h3><a href="/actualites/">Actualité {i} : travaux de voirie rue de la République</a></h3>'
        f"<p>{PARAGRAPH}</p><p><time datetime=\"2026-03-{i % 28 + 1:02d}\">{i % 28 + 1} mars 2026</time></p></article>"
        for i in range(30)
    )
    form = (
        '<form action="/contact/" method="post"><label for="nom">Nom</label><input id="nom" name="nom">'
        '<label for="mail">Courriel</label><input id="mail" type="email" name="mail">'
        '<select name="objet"><option>État civil</option><option>Urbanisme</option></select>'
        '<textarea name="message" placeholder="Votre message"></textarea><button type="submit">Envoyer</button></form>'
    )
    body = "".join(f"<h2>{title} : rubrique {i}</h2><p>{PARAGRAPH * 3}</p>" for i in range(1, 10))
    return f"""<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>{title} - Ville de Benchville</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><link rel="stylesheet" href="/css/site.css">
<script src="/js/site.js" defer></script></head><body>
<header><a href="/"><img src="/img/logo.png" alt="Ville de Benchville, retour à l'accueil"></a>
<form action="/recherche/" role="search"><label for="q">Rechercher</label><input id="q" name="q" type="search">
<button type="submit">OK</button></form><button class="menu-toggle" type="button">Menu</button>
<nav aria-label="Menu principal"><ul>{menu}</ul></nav></header>
<main><nav aria-label="Fil d'Ariane"><a href="/">Accueil</a> &gt; {title}</nav><h1>{title}</h1>{body}
<section class="news"><h2>Actualités</h2>{news}</section>{form if path.startswith(("index", "contact")) else ""}</main>
<footer><ul><li><a href="/mentions-legales/">Mentions légales</a></li><li><a href="/accessibilite/">Accessibilité : partiellement conforme</a></li>
<li><a href="/contact/">Contact</a></li><li><a href="https://www.facebook.com/benchville"><img src="/img/facebook.png"></a></li></ul>
<p>Mairie de Benchville, 1 place de l'Hôtel-de-Ville, 12345 Benchville. Tél. 01 23 45 67 89. Du lundi au vendredi de 8 h 30 à 17 h.</p></footer>
</body></html>"""


def build_site(root: Path) -> None:
    for path, title in PAGES.items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(_page(path, title), encoding="utf-8")
    (root / "img").mkdir()
    (root / "img" / "logo.png").write_bytes(_png(160, 60, (0, 51, 102)))
    (root / "img" / "facebook.png").write_bytes(_png(24, 24, (59, 89, 152)))
    for i in range(4):
        (root / "img" / f"photo-{i}.png").write_bytes(_png(320, 200, (40 * i, 120, 200 - 40 * i)))
    (root / "css").mkdir()
    (root / "css" / "site.css").write_text(STYLE, encoding="utf-8")
    (root / "js").mkdir()
    (root / "js" / "site.js").write_text(SCRIPT, encoding="utf-8")


async def time_renderings(base_url: str) -> list[dict[str, float]]:
    """Seconds per rendered page and per stage, every page RUNS_PER_PAGE times, one page at a time."""
    from playwright.async_api import async_playwright

    samples = []
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=find_chromium(), args=CHROMIUM_ARGS, headless=True)
        context = await browser.new_context(**context_kwargs("desktop", "commune-audit-benchmark"))
        for _ in range(RUNS_PER_PAGE):
            for path in PAGES:
                url = base_url + path.removesuffix("index.html")
                start = time.perf_counter()
                page = await context.new_page()
                await page.goto(url)
                loaded = time.perf_counter()
                await settle(page)
                settled = time.perf_counter()
                html = await page.content()
                await run_axe(page)
                axed = time.perf_counter()
                await measure_layout(page)
                Page.from_html(url, html)
                await page.close()
                end = time.perf_counter()
                samples.append({"total": end - start, "load": loaded - start, "settle": settled - loaded,
                                "axe": axed - settled, "rest": end - axed})
        await browser.close()
    return samples


def audit_seconds(url: str, workdir: Path, *mode: str) -> tuple[float, int]:
    """Wall time of one ``audit run`` and the number of pages it rendered."""
    out = workdir / f"out-{time.monotonic_ns()}"
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "audit.cli", "run", url, "--out", str(out), *AUDIT_SETTINGS, *mode],
                          capture_output=True, text=True, cwd=ROOT)
    seconds = time.perf_counter() - start
    if proc.returncode:
        sys.exit(f"audit run {' '.join(mode)} failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    (audit,) = [json.loads(p.read_text(encoding="utf-8")) for p in out.glob("*/audit.json")]
    return seconds, audit["site"]["pages_rendered"]


def _p90(values: list[float]) -> float:
    return statistics.quantiles(values, n=10, method="inclusive")[-1]


def main() -> None:
    if find_chromium() is None:
        sys.exit("Chromium introuvable : installez-le (make setup)")
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="render-speed-") as tmp:
        site = Path(tmp) / "site"
        build_site(site)
        sizes = [p.stat().st_size / 1024 for p in site.rglob("index.html")]
        with serve_folder(site) as url:
            samples = asyncio.run(time_renderings(url))
            static = [audit_seconds(url, Path(tmp), "--no-browser") for _ in range(AUDIT_RUNS)]
            browser = [audit_seconds(url, Path(tmp), "--render", "all", "-s", f"AUDIT_RENDER_MAX={RENDERED}")
                       for _ in range(AUDIT_RUNS)]
    totals = [s["total"] for s in samples]
    median, p90 = statistics.median(totals), _p90(totals)
    stages = ", ".join(f"{k} {statistics.median(s[k] for s in samples):.2f} s" for k in ("load", "settle", "axe", "rest"))
    static_s = statistics.median(s for s, _ in static)
    browser_s = statistics.median(s for s, _ in browser)
    rendered = {n for _, n in browser}
    extra = browser_s - static_s
    print(f"Site: {len(sizes)} pages of {min(sizes):.1f}-{max(sizes):.1f} KB, served on 127.0.0.1; "
          f"Chromium with the spider's arguments; {len(samples)} renderings, {AUDIT_RUNS} audits per mode; "
          f"{os.cpu_count()} CPUs, load average {load_before:.1f} before and {os.getloadavg()[0]:.1f} after "
          "(the figures grow with other work on the machine).\n")
    print("| Measure | Figure | Target |")
    print("|---|---:|---|")
    print(f"| Rendered page (navigation, settle, DOM, axe-core, layout, parsing), median | {median:.2f} s | < {TARGET_MEDIAN_S:.0f} s "
          f"{'✅' if median < TARGET_MEDIAN_S else '❌'} |")
    print(f"| Rendered page, p90 | {p90:.2f} s | |")
    print(f"| Stage medians | {stages} | |")
    print(f"| `audit run --no-browser` (12 pages), median wall time | {static_s:.1f} s | |")
    print(f"| `audit run --render all -s AUDIT_RENDER_MAX={RENDERED}` ({'/'.join(map(str, sorted(rendered)))} pages rendered "
          f"+ home on mobile), median wall time | {browser_s:.1f} s | |")
    print(f"| Time rendering adds to the audit | {extra:+.1f} s | ≤ {TARGET_EXTRA_S:.0f} s {'✅' if extra <= TARGET_EXTRA_S else '❌'} |")


if __name__ == "__main__":
    main()
