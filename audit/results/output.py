"""Where results live on disk: one folder per site under the run folder."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

AUDIT_FILE = "audit.json"


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` so that readers see the old file or the new one, never half of it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def site_dir(run_dir: Path, slug: str) -> Path:
    """The site's folder; the slug is checked so that it cannot leave the run folder."""
    if not slug or "/" in slug or "\\" in slug or slug in (".", "..") or slug.startswith("."):
        raise ValueError(f"nom de dossier de site invalide : {slug!r}")
    return run_dir / slug


def write_audit(run_dir: Path, slug: str, audit: dict[str, Any]) -> Path:
    path = site_dir(run_dir, slug) / AUDIT_FILE
    write_atomic(path, json.dumps(audit, ensure_ascii=False, indent=2).encode("utf-8"))
    return path


def iter_audits(run_dir: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every ``(slug, audit)`` of a run folder, in slug order."""
    for path in sorted(run_dir.glob(f"*/{AUDIT_FILE}")):
        with path.open(encoding="utf-8") as handle:
            yield path.parent.name, json.load(handle)
