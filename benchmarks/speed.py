"""Speed benchmarks of issue 11 ("Audit at the speed of the crawl"), measured side by side, printed as Markdown.

Run as ``.venv/bin/python benchmarks/speed.py [--pages 2000] [--rss-pages 20000] [--sites 14] [--site-pages 100]``
(``make bench`` runs a shorter version). Every site is generated and served
from memory by `static_server` on 127.0.0.1; every crawl runs in its own
subprocess, measured alone (wall time, CPU time and peak RSS from ``os.wait4``,
crawl processes of ``--jobs`` included).

1. One site, one process: ``audit run --no-browser`` against a bare Scrapy crawl
   that only follows links (`bare_spider`), same concurrency (16 requests,
   8 per site), no delay, trap cap lifted, on the benchmark commune site
   (`commune_site`, 230 links a page) and on a light site (`light_site`,
   25 KB of text and 45 links a page). Target: audit ≤ 1.25 × bare.
2. Peak RSS of ``audit run`` on the light site at ``--rss-pages`` pages
   against ``--pages`` pages (the larger over the smaller). Target: ≤ 1.1 ×.
3. ``--sites`` light sites of ``--site-pages`` pages: ``--jobs 2`` against
   ``--jobs 1``, in pages per second. Target: ≥ 1.8 ×.
4. Where the time goes per page (`profile_phases`, cProfile of one process).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from commune_site import SiteBuilder
from crawl_speed import CONCURRENCY, measure
from light_site import light_site
from profile_phases import phase_table, phase_times, profile_audit
from static_server import load_folder, serve, serve_all

HERE = Path(__file__).resolve().parent
#: The audit as measured: static HTML only, no depth or trap cap in the way, no progress line.
AUDIT_OPTIONS = ["--no-browser", "--max-depth", "50", "-s", "AUDIT_MAX_PER_PATTERN=1000000", "-s", "AUDIT_PROGRESS=False"]
TARGET_TIME, TARGET_RSS, TARGET_JOBS = 1.25, 1.1, 1.8


@dataclass
class Measure:
    label: str
    pages: int
    seconds: float
    cpu: float
    peak_mib: float
    #: CPU time of this benchmark process meanwhile: the static servers' threads, competing for the same cores.
    server_cpu: float = 0.0
    #: Crawl phase only (first request to last response, from ``crawl-stats.json``); None for the bare crawl.
    crawl_seconds: float | None = None

    @property
    def rate(self) -> float:
        return self.pages / self.seconds if self.seconds else 0.0

    def row(self) -> str:
        crawl = f"{self.crawl_seconds:.1f} s" if self.crawl_seconds is not None else "—"
        return (f"| {self.label} | {self.pages} | {self.seconds:.1f} s | {crawl} | {self.cpu:.1f} s | {self.server_cpu:.1f} s "
                f"| {self.rate:.1f} | {self.peak_mib:.0f} Mio |")


def commune_files(workdir: Path, pages: int) -> dict[str, tuple[str, bytes]]:
    """The benchmark commune site (`commune_site`), written under `workdir` and loaded in memory."""
    root = workdir / f"commune-{pages}"
    SiteBuilder(root, pages).build()
    return load_folder(root)


def pages_crawled(out: Path) -> int:
    return sum(json.loads(p.read_text(encoding="utf-8"))["site"]["pages_crawled"] for p in out.glob("*/audit.json"))


def crawl_seconds(out: Path) -> float:
    """First request to last response of the run (``crawl-stats.json``, merged over the crawl processes)."""
    stats = json.loads((out / "crawl-stats.json").read_text(encoding="utf-8"))
    return (datetime.fromisoformat(stats["finish_time"]) - datetime.fromisoformat(stats["start_time"])).total_seconds()


def _own_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def bare(url: str, workdir: Path, label: str) -> Measure:
    before = _own_cpu()
    stdout, seconds, cpu, peak = measure([sys.executable, str(HERE / "bare_spider.py"), url, *CONCURRENCY], workdir)
    return _told(Measure(label, json.loads(stdout.strip().splitlines()[-1])["pages"], seconds, cpu, peak,
                         _own_cpu() - before))


def _told(run: Measure) -> Measure:
    """Each figure on stderr as soon as it is measured (a long benchmark shows it is alive)."""
    print(run.row(), file=sys.stderr, flush=True)
    return run


def audit(targets: list[str], workdir: Path, label: str, max_pages: int, jobs: int = 1) -> Measure:
    """``audit run TARGETS`` (URLs, or ``--from CSV``) into a fresh folder, with its own history database."""
    out = workdir / f"out-{time.monotonic_ns()}"
    before = _own_cpu()
    _stdout, seconds, cpu, peak = measure(
        [sys.executable, "-m", "audit.cli", "run", *targets, "--out", str(out), "--jobs", str(jobs),
         "--db", f"sqlite:///{out}.sqlite", "--max-pages", str(max_pages), *AUDIT_OPTIONS, *CONCURRENCY], workdir)
    return _told(Measure(label, pages_crawled(out), seconds, cpu, peak, _own_cpu() - before, crawl_seconds(out)))


def crawl_against_bare(name: str, files: dict[str, tuple[str, bytes]], workdir: Path,
                       max_pages: int) -> tuple[Measure, Measure]:
    with serve(files) as url:
        return (bare(url, workdir, f"{name} : crawl Scrapy nu"),
                audit([url], workdir, f"{name} : `audit run`", max_pages))


def jobs_runs(sites: int, site_pages: int, workdir: Path) -> tuple[Measure, Measure]:
    """The same `sites` light sites audited with ``--jobs 1``, then ``--jobs 2``."""
    communes = workdir / "communes.csv"
    with serve_all([light_site(site_pages, seed=i) for i in range(sites)]) as urls:
        with communes.open("w", newline="", encoding="utf-8") as handle:
            csv.writer(handle).writerows([("name", "insee", "url"),
                                          *((f"Commune {i}", f"990{i:02d}", u) for i, u in enumerate(urls))])
        label = f"{sites} sites × {site_pages} pages"
        return tuple(audit(["--from", str(communes)], workdir, f"{label}, `--jobs {jobs}`", site_pages, jobs)
                     for jobs in (1, 2))  # type: ignore[return-value]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=2000, help="pages of the one-site runs (default 2000)")
    parser.add_argument("--rss-pages", type=int, default=20000,
                        help="pages of a second light-site run whose peak RSS is compared with the --pages run's "
                             "(default 20000; 0: skip)")
    parser.add_argument("--sites", type=int, default=14, help="sites of the --jobs comparison (default 14; 0: skip)")
    parser.add_argument("--site-pages", type=int, default=100, help="pages per site of the --jobs comparison (default 100)")
    parser.add_argument("--profile-pages", type=int, default=500, help="pages of the profiled run (default 500; 0: skip)")
    args = parser.parse_args()
    max_pages = args.pages + 500
    load_before = os.getloadavg()[0]
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="speed-bench-") as tmp:
        workdir = Path(tmp)
        commune = crawl_against_bare("site communal", commune_files(workdir, args.pages), workdir, max_pages)
        light_files = light_site(args.pages)
        light = crawl_against_bare("site léger", light_files, workdir, max_pages)
        del light_files
        big = None
        if args.rss_pages:
            with serve(light_site(args.rss_pages)) as url:
                big = audit([url], workdir, "site léger : `audit run`", args.rss_pages + 500)
        jobs = jobs_runs(args.sites, args.site_pages, workdir) if args.sites else ()
        profile = None
        if args.profile_pages:
            with serve(light_site(args.profile_pages)) as url:
                prof, out = profile_audit(url, workdir, args.profile_pages + 500)
            profile = (*phase_times(prof), pages_crawled(out))
    print(f"\nMesuré le {datetime.now():%Y-%m-%d %H:%M}, {os.cpu_count()} cœurs, charge moyenne {load_before:.1f} "
          f"→ {os.getloadavg()[0]:.1f}, en {time.perf_counter() - started:.0f} s. Concurrence : 16 requêtes, 8 par site, "
          "sans délai, robots.txt respecté.\n")
    print("| Exécution | Pages | Durée | dont crawl | CPU | CPU serveur | Pages/s | RSS max |\n"
          "|---|---:|---:|---:|---:|---:|---:|---:|")
    for run in (*commune, *light, *((big,) if big else ()), *jobs):
        print(run.row())
    print("\n| Rapport | Mesuré | Cible |\n|---|---:|---:|")
    for (bare_run, audit_run) in (commune, light):
        name = audit_run.label.split(" :")[0]
        print(f"| {name}, {audit_run.pages} pages : durée `audit run` / crawl nu | {audit_run.seconds / bare_run.seconds:.2f} × "
              f"(crawl seul {audit_run.crawl_seconds / bare_run.seconds:.2f} ×, CPU {audit_run.cpu / bare_run.cpu:.2f} ×) "
              f"| ≤ {TARGET_TIME} × |")
    if big:
        small, large = sorted((light[1], big), key=lambda run: run.pages)
        print(f"| RSS max `audit run`, site léger, {large.pages} pages / {small.pages} pages | "
              f"{large.peak_mib / small.peak_mib:.2f} × | ≤ {TARGET_RSS} × |")
    if jobs:
        one, two = jobs
        print(f"| Pages/s `--jobs 2` / `--jobs 1` ({args.sites} sites) | {two.rate / one.rate:.2f} × "
              f"(crawl seul {one.crawl_seconds / two.crawl_seconds:.2f} ×) | ≥ {TARGET_JOBS} × |")
    if profile:
        times, total, pages = profile
        print(f"\nOù va le temps (cProfile, `audit run --jobs 1`, site léger, {pages} pages) :\n")
        print(phase_table(times, total, pages))


if __name__ == "__main__":
    main()
