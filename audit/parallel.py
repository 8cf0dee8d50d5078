"""One ``audit run`` over several processes (``--jobs N``): independent sites crawled side by side.

The parent splits the pending sites into N groups (a site is never split) and
starts one crawl process per group: ``python -m audit.parallel NUMBER FD``,
its sites and settings given pickled on its stdin. Each
crawl process writes its sites' ``audit.json`` files as a one-process run does,
and tells the parent what it does through a pipe, one JSON object per line:
``{"pages": N}`` (pages fetched so far), ``{"site": SLUG, "pages": [...]}``
(the site's ``audit.json`` is written; the URLs fetched, for the history) and
``{"stats": {...}}`` (its Scrapy stats, at the end).

The parent is the only writer of the history database: it records each site
when told, shows one progress line for the whole run, and at the end writes
the merged ``crawl-stats.json`` and ``summary.csv``. A crawl process that dies
loses only its unfinished sites, which get an ``audit.json`` saying so
(``worker_failed``, every criterion ``unknown``), as a site that could not be
read. After Ctrl-C, unfinished sites are left for ``--resume``, as in one
process. A crawl process whose parent dies stops too (its stdin closes).
"""

from __future__ import annotations

import contextlib
import json
import os
import pickle
import selectors
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from audit.spiders.crawl import build_settings, run_crawl, write_stats
from audit.results.output import AUDIT_FILE, site_dir, write_audit
from audit.pipelines import Recorder
from audit.spiders.progress import StatusLine
from audit.reports.summary import write_summary_csv
from audit.spiders.sites import SiteInput

Inputs = list[tuple[SiteInput, str]]
#: Stats where the run's figure is the largest of the processes' (not their sum).
_LARGEST = ("elapsed_time_seconds", "memusage/")


@dataclass
class Spec:
    """What one crawl process is asked to do."""

    inputs: Inputs
    run_sites: list[SiteInput]
    out_dir: Path
    overrides: dict[str, str]


@dataclass
class Worker:
    """The parent's view of one crawl process."""

    number: int
    inputs: Inputs
    proc: subprocess.Popen[bytes]
    fd: int
    buffer: bytes = b""
    pages: int = 0
    done: set[str] = field(default_factory=set)
    stats: dict[str, Any] = field(default_factory=dict)


def split(inputs: Inputs, jobs: int) -> list[Inputs]:
    """At most `jobs` non-empty groups of sites, dealt in turn so that each group gets a share of the list."""
    return [group for group in (inputs[i::jobs] for i in range(jobs)) if group]


def run_parallel(inputs: Inputs, run_sites: list[SiteInput], out_dir: Path, overrides: dict[str, str], jobs: int,
                 recorder: Recorder | None = None) -> dict[str, Any]:
    """Crawl `inputs` into `out_dir` with `jobs` processes; same files as `audit.spiders.crawl.run_crawl`; return the stats."""
    out_dir.mkdir(parents=True, exist_ok=True)
    started = time.time()
    line = StatusLine(len(inputs)) if build_settings(out_dir, overrides).getbool("AUDIT_PROGRESS") else None
    workers = [_start(number, group, Spec(group, run_sites, out_dir, overrides))
               for number, group in enumerate(split(inputs, jobs), start=1)]
    with _parent_waits_on_interrupt() as interrupts:
        _follow(workers, out_dir, recorder, line)
    if line is not None:
        line.show(sum(len(w.done) for w in workers), sum(w.pages for w in workers), force=True)
        line.end()
    if not interrupts.seen:  # interrupted sites are left without audit.json, for --resume, as in one process
        for worker in workers:
            _settle(worker, out_dir, recorder, started)
    stats = merge_stats([w.stats for w in workers])
    write_stats(out_dir, stats)
    write_summary_csv(out_dir)
    return stats


def _start(number: int, group: Inputs, spec: Spec) -> Worker:
    """Start crawl process `number`; its spec goes through its stdin (length, then pickle), which then stays open."""
    read_fd, write_fd = os.pipe()
    proc = subprocess.Popen(
        [sys.executable, "-m", "audit.parallel", str(number), str(write_fd)], stdin=subprocess.PIPE, pass_fds=(write_fd,),
    )
    os.close(write_fd)
    data = pickle.dumps(spec)
    try:
        proc.stdin.write(len(data).to_bytes(8, "big") + data)  # type: ignore[union-attr]
        proc.stdin.flush()  # type: ignore[union-attr]
    except BrokenPipeError:
        pass  # it died at once: its sites are settled as failed when its pipe ends
    return Worker(number, group, proc, read_fd)


@dataclass
class Interrupts:
    """Whether the user pressed Ctrl-C while the crawl processes ran."""

    seen: bool = False


@contextlib.contextmanager
def _parent_waits_on_interrupt() -> Iterator[Interrupts]:
    """Ctrl-C stops the crawl processes gracefully (Scrapy's own handling); the parent waits for them.

    A Python handler, not ``SIG_IGN``, which the crawl processes would inherit.
    """
    interrupts = Interrupts()

    def note(_signum: int, _frame: object) -> None:
        interrupts.seen = True

    previous = signal.signal(signal.SIGINT, note)
    try:
        yield interrupts
    finally:
        signal.signal(signal.SIGINT, previous)


def _follow(workers: list[Worker], out_dir: Path, recorder: Recorder | None, line: StatusLine | None) -> None:
    """Read every crawl process's events until they all end."""
    selector = selectors.DefaultSelector()
    for worker in workers:
        selector.register(worker.fd, selectors.EVENT_READ, worker)
    sites_done = 0
    while selector.get_map():
        for key, _mask in selector.select():
            worker: Worker = key.data
            chunk = os.read(worker.fd, 1 << 16)
            if not chunk:
                selector.unregister(worker.fd)
                os.close(worker.fd)
                worker.proc.wait()
                worker.proc.stdin.close()  # type: ignore[union-attr]
                continue
            *lines, worker.buffer = (worker.buffer + chunk).split(b"\n")
            finished = False
            for raw in lines:
                event = json.loads(raw)
                if "site" in event:
                    slug = event["site"]
                    worker.done.add(slug)
                    sites_done += 1
                    finished = True
                    if recorder is not None:
                        recorder(slug, _read_audit(out_dir, slug), [tuple(p) for p in event["pages"]])
                elif "pages" in event:
                    worker.pages = event["pages"]
                elif "stats" in event:
                    worker.stats = event["stats"]
            if line is not None:
                line.show(sites_done, sum(w.pages for w in workers), force=finished)
    selector.close()


def _read_audit(out_dir: Path, slug: str) -> dict[str, Any]:
    return json.loads((site_dir(out_dir, slug) / AUDIT_FILE).read_text(encoding="utf-8"))


def _settle(worker: Worker, out_dir: Path, recorder: Recorder | None, started: float) -> None:
    """Give a result to every site of a crawl process that ended before telling they were done."""
    missing = [(site, slug) for site, slug in worker.inputs if slug not in worker.done]
    if not missing:
        return
    code = worker.proc.returncode
    print(f"audit : erreur : le processus d'audit n° {worker.number} s'est arrêté (code {code}) : "
          f"{len(missing)} site(s) sans résultat complet", file=sys.stderr)
    for site, slug in missing:
        path = site_dir(out_dir, slug) / AUDIT_FILE
        if path.exists() and path.stat().st_mtime >= started:
            audit = _read_audit(out_dir, slug)  # written just before the process died
        else:
            audit = failed_audit(site, f"le processus d'audit n° {worker.number} s'est arrêté (code {code}) "
                                       "avant la fin de ce site")
            write_audit(out_dir, slug, audit)
        if recorder is not None:
            recorder(slug, audit, [])


def failed_audit(site: SiteInput, message: str) -> dict[str, Any]:
    """The ``audit.json`` of a site whose crawl process died: every criterion ``unknown``, and why."""
    from audit.grid import load_grid
    from audit.checks.framework.model import Answer
    from audit.spiders.state import now_iso

    moment = now_iso()
    record: dict[str, Any] = {
        "start_url": site.url, "final_url": site.url, "started_at": moment, "finished_at": moment,
        "pages_crawled": 0, "pages_rendered": 0, "errors": [{"kind": "worker_failed", "message": message}],
    }
    if site.name:
        record["name"] = site.name
    if site.insee:
        record["insee"] = site.insee
    if site.extra:
        record["input"] = dict(site.extra)
    return {"site": record, "criteria": {cid: Answer("unknown").to_dict() for cid in load_grid().ids}}


def merge_stats(all_stats: list[dict[str, Any]]) -> dict[str, Any]:
    """The run's Scrapy stats: counts added up; elapsed time and memory the largest; first start, last finish.

    A stat a process left empty (None) takes the others' value.
    """
    merged: dict[str, Any] = {}
    for stats in all_stats:
        for name, value in stats.items():
            if value is None:
                continue
            if merged.get(name) is None:
                merged[name] = value
            elif isinstance(value, (int, float)) and not isinstance(value, bool):
                merged[name] = max(merged[name], value) if name.startswith(_LARGEST) else merged[name] + value
            elif name.endswith("start_time"):
                merged[name] = min(merged[name], value)
            elif name.endswith("finish_time"):
                merged[name] = max(merged[name], value)
    return merged


def _exit_with_parent() -> None:
    """Stop this crawl process as soon as its parent is gone (its end of our stdin closes, SIGKILL included)."""
    def watch() -> None:
        while os.read(0, 4096):  # the raw descriptor: a buffered stdin would block the interpreter's exit
            pass
        os._exit(1)

    threading.Thread(target=watch, daemon=True, name="parent-watch").start()


def _read_exactly(fd: int, size: int) -> bytes:
    chunks: list[bytes] = []
    while size:
        chunk = os.read(fd, min(size, 1 << 20))
        if not chunk:
            raise SystemExit("audit.parallel : le processus parent est parti")
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


def crawl_process(fd: int) -> None:
    """The crawl process: read its spec from stdin, crawl those sites, telling the parent through the pipe `fd`."""
    spec: Spec = pickle.loads(_read_exactly(0, int.from_bytes(_read_exactly(0, 8), "big")))
    channel = os.fdopen(fd, "w", buffering=1, encoding="utf-8")
    _exit_with_parent()

    def send(event: dict[str, Any]) -> None:
        channel.write(json.dumps(event, default=str) + "\n")

    def tell_done(slug: str, _audit: dict[str, Any], pages: list[tuple[str, int | None, str | None]]) -> None:
        send({"site": slug, "pages": pages})

    stats = run_crawl(spec.inputs, spec.out_dir, spec.overrides, recorder=tell_done, events=send,
                      run_sites=spec.run_sites, stats_file=False)
    send({"stats": stats})
    channel.close()


if __name__ == "__main__":
    crawl_process(int(sys.argv[2]))  # argv[1], the process number, is there for ps
