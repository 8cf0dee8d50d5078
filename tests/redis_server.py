"""A throw-away Redis server for the tests: Debian's ``redis-server``, on 127.0.0.1 and a free port,
nothing saved to disk, its working folder a temporary one."""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import redis

from tests.postgres import free_port


@contextlib.contextmanager
def server() -> Iterator[str]:
    """Start ``redis-server``; yield its URL (database 0); stop it and delete its folder after."""
    binary = shutil.which("redis-server")
    if binary is None:
        raise RuntimeError("redis-server introuvable : installez le paquet Debian « redis-server » (make setup)")
    root = Path(tempfile.mkdtemp(prefix="audit-redis-"))
    port = free_port()
    proc = subprocess.Popen([binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                             "--dir", str(root)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"redis://127.0.0.1:{port}/0"
    try:
        client = redis.Redis.from_url(url)
        deadline = time.monotonic() + 30
        while True:
            try:
                client.ping()
                break
            except redis.ConnectionError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"redis-server ne démarre pas (code {proc.poll()})") from None
                time.sleep(0.05)
        client.close()
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        shutil.rmtree(root, ignore_errors=True)
