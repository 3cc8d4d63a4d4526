"""Pre-compressed copies of the text files: ``page.html.gz`` and ``page.html.br`` beside ``page.html``.

A web server that compresses every response on the fly spends its CPU on it: on two cores nginx served the home
page about ten times slower with on-the-fly gzip than without compression (review finding 21). With these files,
``gzip_static on`` (``deploy/nginx.conf``) sends the ``.gz`` as it is. ``.br`` (brotli, about 15 % smaller) is for
servers that serve pre-compressed brotli: Caddy (``file_server { precompressed br gzip }``), or nginx with Debian's
``libnginx-mod-http-brotli-static`` (``brotli_static on``); Debian's nginx has no brotli without that module.

Both are made at the highest level, once per file content (cached in ``.cache/compress/``), so an unchanged rebuild
compresses nothing. This runs after every other finishing step: the files must be final, and the service worker's
cache name (a hash of the files it precaches) must not depend on them.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import time
from pathlib import Path

import brotli

from scripts.paths import CACHE

# Text files worth compressing (images, PDFs and fonts are compressed already).
SUFFIXES = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".webmanifest")
MIN_SIZE = 256  # as nginx's gzip_min_length: below this the headers outweigh the saving
CACHE_DIR = CACHE / "compress"
MAX_AGE_S = 7 * 86400


def _cached(data: bytes, kind: str) -> bytes:
    key = hashlib.sha256(data).hexdigest()[:32]
    path = CACHE_DIR / f"{key}.{kind}"
    if path.exists():
        os.utime(path)  # recently used: kept by the pruning below
        return path.read_bytes()
    # gzip with mtime=0: the same input gives the same bytes (reproducible builds).
    out = gzip.compress(data, compresslevel=9, mtime=0) if kind == "gz" else brotli.compress(data, mode=brotli.MODE_TEXT, quality=11)
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".tmp-{os.getpid()}-{path.name}")
    tmp.write_bytes(out)
    os.replace(tmp, path)
    return out


def compress_site(site: Path) -> dict[str, int]:
    """Write ``.gz`` and ``.br`` beside every text file of ``site`` that compresses; returns counts and bytes."""
    stats = {"files": 0, "bytes": 0, "gz": 0, "br": 0}
    for path in sorted(site.rglob("*")):
        if not path.is_file() or path.suffix not in SUFFIXES:
            continue
        data = path.read_bytes()
        if len(data) < MIN_SIZE:
            continue
        stats["files"] += 1
        stats["bytes"] += len(data)
        stat = path.stat()
        for kind in ("gz", "br"):
            packed = _cached(data, kind)
            if len(packed) >= len(data):
                continue
            target = path.with_name(f"{path.name}.{kind}")
            target.write_bytes(packed)
            os.utime(target, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # nginx's ETag/Last-Modified match the original's
            stats[kind] += len(packed)
    _prune()
    return stats


def _prune() -> None:
    """Forget compressed copies unused for a week."""
    if not CACHE_DIR.exists():
        return
    now = time.time()
    for path in CACHE_DIR.iterdir():
        try:
            if now - path.stat().st_mtime > MAX_AGE_S:
                path.unlink()
        except OSError:
            continue
