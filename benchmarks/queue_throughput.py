"""Queue benchmark: sites per hour of ``audit worker``, for the « Plusieurs machines » planning figure.

Run as ``.venv/bin/python benchmarks/queue_throughput.py [--sites 6] [--pages 100] [--workers 1] [--browser]``.
It generates `--sites` commune-like sites of `--pages` pages (benchmarks/commune_site.py), serves
each on its own 127.0.0.1 port, starts a throw-away ``redis-server``, enqueues the sites and runs
`--workers` workers with ``--exit-when-empty`` and the audit's default politeness (0.25 s delay,
AutoThrottle, 2 requests at a time per site). It prints the wall time, the CPU time per site (workers
and their crawl subprocesses) and the sites per hour per worker. Loopback sites answer at once: real
sites, slower to answer, take longer. Not part of the test-suite.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import resource
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from commune_site import SiteBuilder

from audit.demo.server import serve_folder

ROOT = Path(__file__).resolve().parent.parent
COMMUNES_PER_DAY = 35_000


@contextlib.contextmanager
def redis_server(folder: Path):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    proc = subprocess.Popen(["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--dir", str(folder)],
                            stdout=subprocess.DEVNULL)
    try:
        url = f"redis://127.0.0.1:{port}/0"
        while subprocess.run(["redis-cli", "-u", url, "ping"], capture_output=True, check=False).returncode != 0:
            time.sleep(0.1)
        yield url
    finally:
        proc.terminate()
        proc.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sites", type=int, default=6)
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--browser", action="store_true", help="render key pages in Chromium, as by default")
    args = parser.parse_args()
    audit = [sys.executable, "-m", "audit.cli"]
    with tempfile.TemporaryDirectory(prefix="audit-queue-bench-") as tmp, contextlib.ExitStack() as stack:
        work = Path(tmp)
        roots = []
        for i in range(args.sites):
            root = work / f"site{i}"
            SiteBuilder(root, args.pages, seed=i + 1).build()
            roots.append(root)
        urls = [stack.enter_context(serve_folder(root)) for root in roots]
        communes = work / "communes.csv"
        communes.write_text("name,insee,url\n" + "".join(f"Ville {i},99{i:03d},{u}\n" for i, u in enumerate(urls)))
        queue = stack.enter_context(redis_server(work))
        subprocess.run([*audit, "enqueue", "--queue", queue, "--from", str(communes)], check=True, cwd=ROOT)
        flags = ["--exit-when-empty", "--max-pages", str(args.pages), "-s", "AUDIT_PROGRESS=False",
                 *([] if args.browser else ["--no-browser"])]
        start = time.monotonic()
        workers = [subprocess.Popen([*audit, "worker", "--queue", queue, "--out", str(work / f"out{w}"), *flags],
                                    cwd=ROOT, stderr=subprocess.DEVNULL) for w in range(args.workers)]
        codes = [w.wait() for w in workers]
        seconds = time.monotonic() - start
        audits = [json.loads(p.read_text(encoding="utf-8")) for w in range(args.workers)
                  for p in (work / f"out{w}").glob("*/audit.json")]
    done = len(audits)
    crawled = sum(a["site"]["pages_crawled"] for a in audits) / max(done, 1)
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)  # the workers and their crawl subprocesses
    cpu = (usage.ru_utime + usage.ru_stime) / max(done, 1)
    per_worker = done / seconds * 3600 / args.workers
    print(f"exit codes {codes}; {done}/{args.sites} sites, {crawled:.0f} pages crawled per site, "
          f"{args.workers} worker(s), browser {'on' if args.browser else 'off'}: {seconds:.1f} s, "
          f"{seconds * args.workers / max(done, 1):.1f} s per site per worker, {cpu:.1f} s CPU per site, "
          f"{per_worker:.0f} sites/hour per worker; "
          f"{COMMUNES_PER_DAY} communes in 24 h need {COMMUNES_PER_DAY / 24 / per_worker:.1f} workers")


if __name__ == "__main__":
    main()
