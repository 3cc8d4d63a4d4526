"""The pages of a built site, listed one way for every test."""

from __future__ import annotations

import gzip
from pathlib import Path


def page_paths(site: Path) -> list[str]:
    """Every page of the built site as a URL path (``/``, ``/en/quyen-loi/``), without the QR short paths."""
    out = []
    for p in sorted(site.rglob("index.html")):
        rel = p.parent.relative_to(site).as_posix()
        if rel.startswith("q/"):
            continue
        out.append("/" if rel == "." else f"/{rel}/")
    return out


def page_file(site: Path, path: str) -> Path:
    """``/en/quyen-loi/`` → ``site/en/quyen-loi/index.html``."""
    return site / path.strip("/") / "index.html" if path.strip("/") else site / "index.html"


def calculator_bytes(site: Path) -> dict[str, int]:
    """The calculator's own JS and CSS as served, gzip level 9, by file (the print-only QR chunk loads on printing)."""
    files = [*site.glob("assets/javascripts/calculator/ui.*.js"), site / "assets/stylesheets/calculator.css"]
    return {f.name: len(gzip.compress(f.read_bytes(), compresslevel=9)) for f in files if f.exists()}
