"""Crawl benchmark: ``audit run`` against a bare Scrapy crawl of the same large commune-like site.

Run as ``.venv/bin/python benchmarks/crawl_speed.py [--pages 2000] [--profile out.prof]``.
It generates the site in a temporary folder, serves it on 127.0.0.1, then
crawls it in separate subprocesses, each measured on its own (wall time, and
peak RSS from ``os.wait4``): the bare spider, the audit of every page, and
the audit capped at 500 pages (peak memory should not grow with page count).
It prints a Markdown table for the README. Not part of the test-suite.
"""

from __future__ import annotations

import argparse
import json
import os
import pstats
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from commune_site import SiteBuilder

from audit.demo.server import serve_folder

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
#: The same politeness overrides and concurrency for both crawlers.
CONCURRENCY = ["-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False",
               "-s", "CONCURRENT_REQUESTS=16", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=8"]
#: --polite: the audit's own defaults (what a real run of one site does), for both crawlers.
POLITE = ["-s", "DOWNLOAD_DELAY=0.25", "-s", "AUTOTHROTTLE_ENABLED=True", "-s", "AUTOTHROTTLE_START_DELAY=0.5",
          "-s", "AUTOTHROTTLE_TARGET_CONCURRENCY=1.5", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=2"]
AUDIT_SETTINGS = ["--no-browser", "--max-depth", "50", "-s", "AUDIT_MAX_PER_PATTERN=5000", "-s", "AUDIT_PROGRESS=False"]
SMALL_RUN = 500
TARGET_RATIO = 1.25


@dataclass
class Run:
    label: str
    pages: int
    seconds: float
    cpu: float
    peak_mib: float

    def row(self) -> str:
        rate = self.pages / self.seconds if self.seconds else 0.0
        return f"| {self.label} | {self.pages} | {self.seconds:.1f} s | {self.cpu:.1f} s | {rate:.0f} | {self.peak_mib:.0f} MiB |"


def measure(cmd: list[str], workdir: Path) -> tuple[str, float, float, float]:
    """Run `cmd`; return its stdout, wall time (s), CPU time (s) and peak RSS (MiB) of that process alone.

    CPU time (user + system) is the steadier figure on a shared machine.
    """
    out_path, err_path = workdir / "stdout.txt", workdir / "stderr.txt"
    with out_path.open("w") as out, err_path.open("w") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, cwd=ROOT)
        _pid, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        sys.exit(f"{cmd[:4]} failed ({proc.returncode}):\n{err_path.read_text()[-3000:]}")
    cpu = usage.ru_utime + usage.ru_stime
    return out_path.read_text(), seconds, cpu, usage.ru_maxrss / 1024  # ru_maxrss is in KiB on Linux


def bare_run(url: str, workdir: Path, crawl: list[str]) -> Run:
    stdout, seconds, cpu, peak = measure([sys.executable, str(HERE / "bare_spider.py"), url, *crawl], workdir)
    pages = json.loads(stdout.strip().splitlines()[-1])["pages"]
    return Run("Bare Scrapy spider (links only)", pages, seconds, cpu, peak)


def audit_cmd(url: str, out: Path, max_pages: int, crawl: list[str]) -> list[str]:
    return ["run", url, "--out", str(out), "--max-pages", str(max_pages), *AUDIT_SETTINGS, *crawl]


def audit_run(url: str, workdir: Path, max_pages: int, label: str, crawl: list[str]) -> Run:
    out = workdir / f"audit-{max_pages}"
    _stdout, seconds, cpu, peak = measure([sys.executable, "-m", "audit.cli", *audit_cmd(url, out, max_pages, crawl)], workdir)
    audits = [json.loads(p.read_text(encoding="utf-8")) for p in out.glob("*/audit.json")]
    return Run(label, sum(a["site"]["pages_crawled"] for a in audits), seconds, cpu, peak)


def profile(url: str, workdir: Path, max_pages: int, target: Path) -> None:
    """Profile the full audit with cProfile in a subprocess and print the hot spots."""
    cmd = [sys.executable, "-m", "cProfile", "-o", str(target), "-m", "audit.cli",
           *audit_cmd(url, workdir / "audit-profile", max_pages, CONCURRENCY)]
    measure(cmd, workdir)
    stats = pstats.Stats(str(target))
    stats.sort_stats("tottime").print_stats(25)
    stats.sort_stats("cumulative").print_stats(40)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=2000, help="pages of the generated site (default 2000)")
    parser.add_argument("--profile", type=Path, metavar="OUT.prof", help="also profile the full audit into this file")
    parser.add_argument("--polite", action="store_true",
                        help="both crawlers with the audit's default politeness (delay, AutoThrottle, 2 per site)")
    args = parser.parse_args()
    crawl = POLITE if args.polite else CONCURRENCY
    small_run = min(SMALL_RUN, args.pages // 4)
    max_pages = max(2500, args.pages + 500)
    with tempfile.TemporaryDirectory(prefix="crawl-bench-") as tmp:
        workdir = Path(tmp)
        site = workdir / "site"
        built = SiteBuilder(site, args.pages).build()
        files = [p for p in site.rglob("*") if p.is_file() and p.suffix != ".txt"]
        mean_kb = sum(p.stat().st_size for p in files) / len(files) / 1024
        print(f"Site: {built} HTML pages, {mean_kb:.0f} KB per page on average, served on 127.0.0.1", flush=True)
        with serve_folder(site) as url:
            bare = bare_run(url, workdir, crawl)
            full = audit_run(url, workdir, max_pages, "`audit run` (all pages)", crawl)
            small = audit_run(url, workdir, small_run, f"`audit run --max-pages {small_run}`", crawl)
            if args.profile:
                profile(url, workdir, max_pages, args.profile.resolve())
    ratio = full.seconds / bare.seconds
    print("\n| Crawl | Pages | Wall time | CPU time | Pages/s | Peak RSS |\n|---|---:|---:|---:|---:|---:|")
    for run in (bare, full, small):
        print(run.row())
    verdict = "within" if ratio <= TARGET_RATIO else "ABOVE"
    print(f"\nAudit / bare crawl time: {ratio:.2f}x wall, {full.cpu / bare.cpu:.2f}x CPU ({verdict} the {TARGET_RATIO}x target); "
          f"peak RSS {small.peak_mib:.0f} MiB at {small.pages} pages, {full.peak_mib:.0f} MiB at {full.pages} pages. "
          + ("Default politeness (0.25 s delay, AutoThrottle, 2 requests per site)" if args.polite
             else "Concurrency: 16 requests, 8 per domain, no download delay") + ", robots.txt obeyed.")


if __name__ == "__main__":
    main()
