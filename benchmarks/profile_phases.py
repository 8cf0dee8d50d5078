"""Where an audit's time goes per page: parse, observe, decide, write (plus reports, network wait and the rest).

Run as ``.venv/bin/python benchmarks/profile_phases.py [--pages 500] [--site light|commune] [--keep out.prof]``.
It serves a generated site on 127.0.0.1, profiles ``audit run --no-browser
--jobs 1`` with cProfile in a subprocess (the crawl runs in-process there, so
every phase is seen), and adds up the cumulative time of the functions that
make each phase:

- parse: Scrapy's selector (decoding and lxml parsing) and `audit.artifacts.page.Page.from_tree` (links, forms, text);
- observe: `audit.checks.framework.runner.SiteAudit.observe` (every check reading the page);
- decide: `audit.checks.framework.runner.SiteAudit.decide` (once per site);
- write: the item pipeline (``audit.json``, history, ``summary.csv``) and ``crawl-stats.json``;
- reports: `audit.reports.build.render_reports` (HTML, XLSX, CSV, after the crawl);
- network wait: the reactor's ``epoll`` waits;
- rest: Scrapy's machinery, link following, start-up.

cProfile slows Python code down (by about 1.5-2x), so the shares matter more than the absolute times.
"""

from __future__ import annotations

import argparse
import pstats
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
#: Phase -> (file name ending, function name) pairs whose cumulative times add up to it.
PHASES: dict[str, tuple[tuple[str, str], ...]] = {
    "parse": (("scrapy/selector/unified.py", "__init__"), ("audit/artifacts/page.py", "from_tree")),
    "observe": (("audit/checks/framework/runner.py", "observe"),),
    "decide": (("audit/checks/framework/runner.py", "decide"),),
    "write": (("audit/pipelines.py", "process_item"), ("audit/pipelines.py", "close_spider"),
              ("audit/spiders/crawl.py", "write_stats")),
    "reports": (("audit/reports/build.py", "render_reports"),),
    "network wait": (("~", "<method 'poll' of 'select.epoll' objects>"),),
}


def phase_times(profile: Path) -> tuple[dict[str, float], float]:
    """Seconds per phase (with ``rest``) and the profiled total."""
    stats = pstats.Stats(str(profile))
    times = dict.fromkeys(PHASES, 0.0)
    for (filename, _line, function), (_cc, _nc, _tt, cumulative, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        for phase, functions in PHASES.items():
            if any(filename.endswith(ending) and function == name for ending, name in functions):
                times[phase] += cumulative
    total = stats.total_tt  # type: ignore[attr-defined]
    times["rest"] = max(0.0, total - sum(times.values()))
    return times, total


def phase_table(times: dict[str, float], total: float, pages: int) -> str:
    """The phases as a Markdown table: seconds, milliseconds per page, share of the total."""
    lines = ["| Phase | Temps (profilé) | ms / page | Part |", "|---|---:|---:|---:|"]
    for phase, seconds in times.items():
        lines.append(f"| {phase} | {seconds:.1f} s | {1000 * seconds / max(pages, 1):.1f} | {100 * seconds / total:.0f} % |")
    lines.append(f"| **total** | {total:.1f} s | {1000 * total / max(pages, 1):.1f} | 100 % |")
    return "\n".join(lines)


def profile_audit(url: str, workdir: Path, max_pages: int) -> tuple[Path, Path]:
    """Profile ``audit run`` of `url` in a subprocess; return the profile file and the output folder."""
    from crawl_speed import CONCURRENCY, measure
    from speed import AUDIT_OPTIONS

    target, out = workdir / "audit.prof", workdir / "profiled"
    measure([sys.executable, "-m", "cProfile", "-o", str(target), "-m", "audit.cli", "run", url, "--out", str(out),
             "--jobs", "1", "--db", f"sqlite:///{workdir / 'profile.sqlite'}", "--max-pages", str(max_pages),
             *AUDIT_OPTIONS, *CONCURRENCY], workdir)
    return target, out


def main() -> None:
    from light_site import light_site
    from speed import commune_files, pages_crawled
    from static_server import serve

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=500, help="pages of the generated site (default 500)")
    parser.add_argument("--site", choices=("light", "commune"), default="light", help="generated site (default light)")
    parser.add_argument("--keep", type=Path, metavar="OUT.prof", help="keep the profile in this file")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="profile-") as tmp:
        workdir = Path(tmp)
        files = light_site(args.pages) if args.site == "light" else commune_files(workdir, args.pages)
        with serve(files) as url:
            profile, out = profile_audit(url, workdir, args.pages + 500)
        times, total = phase_times(profile)
        print(phase_table(times, total, pages_crawled(out)))
        if args.keep:
            args.keep.write_bytes(profile.read_bytes())


if __name__ == "__main__":
    main()
