"""A throw-away PostgreSQL server for the tests: Debian's ``postgresql`` binaries, a cluster in a
temporary folder, listening on 127.0.0.1 only, on a free port.

PostgreSQL refuses to run as root: as root, the cluster belongs to the ``postgres`` system user
the Debian package creates (or to a ``audit-pgtest`` user created here when it is missing).
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

_FALLBACK_USER = "audit-pgtest"


def bin_dir() -> Path:
    """The PostgreSQL server binaries (version 15 preferred, the newest otherwise)."""
    preferred = Path("/usr/lib/postgresql/15/bin")
    if (preferred / "initdb").exists():
        return preferred
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parent.parent.name))
    if not found:
        raise RuntimeError("PostgreSQL introuvable : installez le paquet Debian « postgresql » (make setup)")
    return found[-1].parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _run_as() -> tuple[list[str], pwd.struct_passwd | None]:
    """The command prefix running the server as a non-root user, and that user (None when we are not root)."""
    if os.geteuid() != 0:
        return [], None
    for name in ("postgres", _FALLBACK_USER):
        with contextlib.suppress(KeyError):
            return ["runuser", "-u", name, "--"], pwd.getpwnam(name)
    subprocess.run(["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", _FALLBACK_USER],
                   check=True, capture_output=True)
    return ["runuser", "-u", _FALLBACK_USER, "--"], pwd.getpwnam(_FALLBACK_USER)


@contextlib.contextmanager
def cluster() -> Iterator[str]:
    """Start a fresh cluster; yield the SQLAlchemy URL of its ``postgres`` database; stop and delete it after."""
    binaries = bin_dir()
    prefix, user = _run_as()
    root = Path(tempfile.mkdtemp(prefix="audit-pg-"))
    data, log = root / "data", root / "server.log"
    if user is not None:
        os.chown(root, user.pw_uid, user.pw_gid)
    port = free_port()
    try:
        subprocess.run([*prefix, str(binaries / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust",
                        "-E", "UTF8", "--no-sync"], check=True, capture_output=True, timeout=120)
        subprocess.run([*prefix, str(binaries / "pg_ctl"), "-D", str(data), "-l", str(log), "-w", "-t", "60",
                        "-o", f"-c listen_addresses=127.0.0.1 -p {port} -k {root} -c fsync=off", "start"],
                       check=True, capture_output=True, timeout=120)
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run([*prefix, str(binaries / "pg_ctl"), "-D", str(data), "-m", "immediate", "-W", "stop"],
                       capture_output=True, timeout=60, check=False)
        shutil.rmtree(root, ignore_errors=True)


def create_database(server_url: str, name: str) -> str:
    """Create database `name` on the server; return its URL."""
    import psycopg

    plain = server_url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(plain, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    return server_url.rsplit("/", 1)[0] + f"/{name}"
