"""A fast static server for the benchmarks: every file held in memory, HTTP/1.1 keep-alive, one thread per connection.

Benchmarks measure the crawler, not the server: nothing is read from disk or
guessed per request, and connections are reused as Scrapy reuses them.
Extensionless files and ``index.html`` for a folder are HTML, as in
`audit.demo.server`.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Mapping
from http.server import BaseHTTPRequestHandler
from pathlib import Path

from audit.demo.server import serve_handler

TYPES = {".txt": "text/plain; charset=utf-8", ".xml": "application/xml", ".pdf": "application/pdf",
         ".css": "text/css", ".js": "text/javascript"}
HTML = "text/html; charset=utf-8"

#: A site in memory: URL path (``/``, ``/a/b``, ``/robots.txt``) -> (content type, body).
Files = Mapping[str, tuple[str, bytes]]


def load_folder(root: Path) -> dict[str, tuple[str, bytes]]:
    """Every file under `root` by URL path; ``x/index.html`` answers for ``/x/``."""
    files: dict[str, tuple[str, bytes]] = {}
    for path in root.rglob("*"):
        if not path.is_file():
            continue
        rel = "/" + path.relative_to(root).as_posix()
        if path.name == "index.html":
            rel = rel[: -len("index.html")]
        files[rel] = (TYPES.get(path.suffix, HTML), path.read_bytes())
    return files


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    files: Files = {}

    def do_GET(self) -> None:  # noqa: N802 - stdlib name
        found = self.files.get(self.path.split("?", 1)[0])
        content_type, body = found if found else ("text/plain; charset=utf-8", b"introuvable")
        self.send_response(200 if found else 404)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_HEAD(self) -> None:  # noqa: N802 - stdlib name
        found = self.files.get(self.path.split("?", 1)[0])
        self.send_response(200 if found else 404)
        self.send_header("Content-Length", str(len(found[1])) if found else "0")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        """Quiet."""


@contextlib.contextmanager
def serve(files: Files) -> Iterator[str]:
    """Serve `files` on a free loopback port; yield the base URL ``http://127.0.0.1:PORT/``."""
    with serve_handler(type("Handler", (_Handler,), {"files": files})) as url:
        yield url


@contextlib.contextmanager
def serve_all(sites: list[Files]) -> Iterator[list[str]]:
    """Serve each site on its own port (one site per origin); yield their base URLs."""
    with contextlib.ExitStack() as stack:
        yield [stack.enter_context(serve(files)) for files in sites]
