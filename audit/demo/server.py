"""A small static web server on 127.0.0.1 for the demo, the tests and the benchmarks.

Each site is a folder of files. Extensionless and ``.php`` files are served as
HTML, and ``index.html`` answers for a folder, as on a typical CMS. A URL with a
query string is served from the file named by the path and the query together
(``index.php?page=contact``) when it exists, so an old PHP site whose every page
is ``index.php?page=NAME`` can be stored as plain files.
"""

from __future__ import annotations

import contextlib
import functools
import os
import threading
import urllib.parse
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


class _Handler(SimpleHTTPRequestHandler):
    extensions_map = {
        **SimpleHTTPRequestHandler.extensions_map, "": "text/html; charset=utf-8", ".php": "text/html; charset=utf-8",
    }
    #: When set, every requested path is appended to it (tests assert on what was fetched).
    request_log: list[str] | None = None

    def send_head(self):  # type: ignore[override]
        if self.request_log is not None:
            self.request_log.append(self.path if self.command == "GET" else f"{self.command} {self.path}")
        return super().send_head()

    def translate_path(self, path: str) -> str:
        """The file named by path and query together when there is one, else the stdlib's mapping."""
        plain = super().translate_path(path)
        base, _, query = path.partition("?")
        if query:
            literal = super().translate_path(base) + "?" + urllib.parse.unquote(query.partition("#")[0])
            if os.path.isfile(literal):
                return literal
        return plain

    def guess_type(self, path: str) -> str:  # type: ignore[override]
        """The type of the file the query names is that of its path (``index.php?page=x`` is PHP)."""
        return super().guess_type(path.partition("?")[0])

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        """Stay quiet: the crawler's own log says what was fetched."""


@contextlib.contextmanager
def serve_folder(root: Path, request_log: list[str] | None = None, port: int = 0) -> Iterator[str]:
    """Serve `root` on a loopback port (a free one unless `port` is given); yield its base URL
    (``http://127.0.0.1:PORT/``). A fixed port lets two runs audit the same start URL.

    With `request_log`, every requested path is appended to that list (prefixed by the method when not GET).
    """
    handler_class = type("Handler", (_Handler,), {"request_log": request_log})
    with serve_handler(functools.partial(handler_class, directory=str(root)), port) as url:
        yield url


@contextlib.contextmanager
def serve_handler(handler: Callable[..., BaseHTTPRequestHandler], port: int = 0) -> Iterator[str]:
    """Run a threaded HTTP server with `handler` on a loopback port; yield ``http://127.0.0.1:PORT/``."""
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def serve_folders(roots: list[Path]) -> Iterator[list[str]]:
    """Serve each folder on its own port (one site per origin)."""
    with contextlib.ExitStack() as stack:
        yield [stack.enter_context(serve_folder(root)) for root in roots]
