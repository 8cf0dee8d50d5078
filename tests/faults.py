"""Misbehaving servers on 127.0.0.1 for the fault suite: one origin per fault case.

Each behaviour is a function (handler, path) that answers one request; `serve`
starts a server for it. Loops (calendars, ever-longer paths) are endless by
construction, so the crawl's own caps are what stops them.
"""

from __future__ import annotations

import contextlib
import gzip
import socket
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

Behaviour = Callable[[BaseHTTPRequestHandler, str], None]
HOME = "<!doctype html><html lang='fr'><head><meta charset='utf-8'><title>Mairie</title></head><body>{}</body></html>"


def send(handler: BaseHTTPRequestHandler, status: int, body: bytes = b"", content_type: str = "text/html; charset=utf-8",
         headers: dict[str, str] | None = None) -> None:
    handler.send_response(status)
    handler.send_header("Content-Type", content_type)
    handler.send_header("Content-Length", str(len(body)))
    for name, value in (headers or {}).items():
        handler.send_header(name, value)
    handler.end_headers()
    handler.wfile.write(body)


def page(handler: BaseHTTPRequestHandler, body: str, status: int = 200) -> None:
    send(handler, status, HOME.format(body).encode("utf-8"))


def not_found(handler: BaseHTTPRequestHandler) -> None:
    send(handler, 404, b"not found", "text/plain")


@contextlib.contextmanager
def serve(behaviour: Behaviour, log: list[str] | None = None) -> Iterator[str]:
    """Serve `behaviour` on a free loopback port; yield the base URL."""

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:  # noqa: N802 - stdlib name
            if log is not None:
                log.append(f"{time.monotonic():.3f} {self.path}")
            try:
                behaviour(self, self.path)
            except (BrokenPipeError, ConnectionResetError):
                pass

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def silent_server() -> Iterator[str]:
    """Accepts connections and never answers."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(16)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        sock.settimeout(0.2)
        while not stop.is_set():
            with contextlib.suppress(OSError):
                held.append(sock.accept()[0])

    threading.Thread(target=accept, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}/"
    finally:
        stop.set()
        for conn in held:
            conn.close()
        sock.close()


def refused_url() -> str:
    """A loopback URL where nothing listens."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/"


# ------------------------------------------------------------------ behaviours
def status(code: int) -> Behaviour:
    return lambda h, path: not_found(h) if path == "/robots.txt" else page(h, f"<p>Erreur {code}</p>", code)


def retry_after(seconds: int) -> Behaviour:
    """429 with Retry-After on the first home request, then the page."""
    seen: list[str] = []

    def behave(h: BaseHTTPRequestHandler, path: str) -> None:
        if path == "/" and not seen:
            seen.append(path)
            send(h, 429, b"trop de requetes", "text/plain", {"Retry-After": str(seconds)})
        elif path == "/":
            page(h, "<form role='search'><input type='search' name='q'></form>")
        else:
            not_found(h)
    return behave


def redirect_loop(h: BaseHTTPRequestHandler, path: str) -> None:
    send(h, 302, headers={"Location": "/b" if path in ("/", "/a") else "/a"})


def redirect_chain(h: BaseHTTPRequestHandler, path: str) -> None:
    n = int(path.strip("/r") or 0) if path.startswith("/r") or path == "/" else 0
    send(h, 302, headers={"Location": f"/r{n + 1}"})


def robots_all_disallowed(h: BaseHTTPRequestHandler, path: str) -> None:
    if path == "/robots.txt":
        send(h, 200, b"User-agent: *\nDisallow: /\n", "text/plain")
    else:
        page(h, "<p>secret</p>")


def robots_error(h: BaseHTTPRequestHandler, path: str) -> None:
    if path == "/robots.txt":
        send(h, 500, b"boom", "text/plain")
    else:
        page(h, "<form role='search'><input type='search' name='q'></form>")


def pdf_home(h: BaseHTTPRequestHandler, path: str) -> None:
    send(h, 200, b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n%%EOF", "application/pdf")


def empty_home(h: BaseHTTPRequestHandler, path: str) -> None:
    send(h, 200, b"") if path == "/" else not_found(h)


def huge_page(h: BaseHTTPRequestHandler, path: str) -> None:
    if path != "/":
        return not_found(h)
    page(h, "<p>" + "x" * 3_000_000 + "</p>")


def gzip_bomb(h: BaseHTTPRequestHandler, path: str) -> None:
    if path != "/":
        return not_found(h)
    body = gzip.compress(b"<html><body>" + b"\0" * 200_000_000, compresslevel=9)
    send(h, 200, body, headers={"Content-Encoding": "gzip"})


def invalid_utf8(h: BaseHTTPRequestHandler, path: str) -> None:
    if path != "/":
        return not_found(h)
    body = HOME.format("<form role='search'><label>Rechercher \xff\xfe</label><input name='q' type='search'></form>")
    send(h, 200, body.encode("utf-8").replace("\xff\xfe".encode("utf-8"), b"\xff\xfe\xc3"))


def wrong_charset(h: BaseHTTPRequestHandler, path: str) -> None:
    if path != "/":
        return not_found(h)
    html = "<html lang='fr'><head><meta charset='utf-8'><title>Mairie de Saint-Étienne</title></head><body><p>Élus</p></body></html>"
    send(h, 200, html.encode("cp1252"), "text/html; charset=utf-8")


def deep_nesting(h: BaseHTTPRequestHandler, path: str) -> None:
    if path != "/":
        return not_found(h)
    page(h, "<div>" * 50_000 + "<a href='/contact'>Contact</a>" + "<span><b><i>" * 5_000)


def many_links(h: BaseHTTPRequestHandler, path: str) -> None:
    if path == "/":
        page(h, "".join(f"<a href=/p{i}>{i}</a>" for i in range(50_000)))
    elif path.startswith("/p"):
        page(h, "<p>page</p>")
    else:
        not_found(h)


def infinite_calendar(h: BaseHTTPRequestHandler, path: str) -> None:
    if path == "/robots.txt":
        return not_found(h)
    day = int(path.rsplit("=", 1)[1]) if "jour=" in path else 0
    page(h, f"<a href='/agenda?jour={day + 1}'>Jour suivant</a><a href='/agenda?jour={day - 1}'>Jour précédent</a>")


def session_ids(h: BaseHTTPRequestHandler, path: str) -> None:
    if path == "/robots.txt":
        return not_found(h)
    page(h, "".join(f"<a href='/page{i};jsessionid={uuid.uuid4().hex}'>Page {i}</a>" for i in range(3)))


def growing_paths(h: BaseHTTPRequestHandler, path: str) -> None:
    if path == "/robots.txt":
        return not_found(h)
    page(h, "<a href='a/'>Plus loin</a>")


def endless_queries(h: BaseHTTPRequestHandler, path: str) -> None:
    if path == "/robots.txt":
        return not_found(h)
    n = int(path.rsplit("=", 1)[1]) if "tri=" in path else 0
    page(h, f"<a href='/liste?tri={n + 1}'>Trier</a>")


def trickle(h: BaseHTTPRequestHandler, path: str) -> None:
    h.send_response(200)
    h.send_header("Content-Type", "text/html")
    h.send_header("Content-Length", "100000")
    h.end_headers()
    for _ in range(200):
        h.wfile.write(b"<")
        h.wfile.flush()
        time.sleep(0.5)


def links_to_internal(target: str) -> Behaviour:
    """A page linking and redirecting to an internal address nobody asked for, and to file:."""
    def behave(h: BaseHTTPRequestHandler, path: str) -> None:
        if path == "/":
            page(h, f"<a href='{target}'>Admin</a><a href='file:///etc/passwd'>Fichier</a><a href='/go'>Aller</a>")
        elif path == "/go":
            send(h, 302, headers={"Location": target})
        else:
            not_found(h)
    return behave
