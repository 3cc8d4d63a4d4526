"""Pre-compressed copies (issue 11, item 7): every text file has a .gz and a .br with the same bytes inside.

They are made last (overrides/hooks/finish.py): after every file is final, and outside the service worker's hash.
"""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import brotli

from scripts.postbuild.compress import MIN_SIZE, SUFFIXES
from scripts.postbuild.offline import build_version, precache_list


def _texts(site: Path) -> list[Path]:
    return [p for p in site.rglob("*") if p.is_file() and p.suffix in SUFFIXES and p.stat().st_size >= MIN_SIZE]


def test_every_text_file_has_identical_compressed_copies(site_dir: Path) -> None:
    files = _texts(site_dir)
    assert len(files) > 50 and site_dir / "sw.js" in files and site_dir / "index.html" in files
    for path in files:
        data = path.read_bytes()
        gz, br = path.with_name(path.name + ".gz"), path.with_name(path.name + ".br")
        assert gz.is_file() and br.is_file(), f"{path.relative_to(site_dir)} has no .gz/.br"
        assert gzip.decompress(gz.read_bytes()) == data, f"{gz.relative_to(site_dir)} is not {path.name}"
        assert brotli.decompress(br.read_bytes()) == data, f"{br.relative_to(site_dir)} is not {path.name}"
        assert gz.stat().st_mtime_ns == path.stat().st_mtime_ns  # nginx's ETag of the .gz is the original's
    home = (site_dir / "index.html").stat().st_size
    assert (site_dir / "index.html.gz").stat().st_size < home / 3


def test_nothing_compressed_twice_or_left_out(site_dir: Path) -> None:
    assert not list(site_dir.rglob("*.gz.gz")) and not list(site_dir.rglob("*.br.gz")) and not list(site_dir.rglob("*.gz.br"))
    for png in list(site_dir.rglob("*.png"))[:5] + list(site_dir.rglob("*.pdf"))[:5]:
        assert not png.with_name(png.name + ".gz").exists(), "images and PDFs are compressed already"


def test_service_worker_hash_ignores_compressed_copies(site_dir: Path) -> None:
    """The worker's cache name is the hash of what it precaches, computed before the .gz files existed."""
    build = json.loads(re.search(r"/\* BUILD \*/ (\{.*?\});", (site_dir / "sw.js").read_text(encoding="utf-8")).group(1))
    urls = precache_list(site_dir)
    assert not [u for u in urls if u.endswith((".gz", ".br"))]
    assert set(build["PRECACHE"] + build["PAGES"]) == set(urls)
    assert build["CACHE"] == "bhxh-" + build_version(site_dir, urls)
