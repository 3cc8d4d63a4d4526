"""Shared fixtures: the built site, a local HTTP server for it, and real Chromium (Debian's, via Playwright).

``make test`` builds ``site/`` first; the tests read that build. Tests that need another build (another
office, another date) call :func:`build_variant`, which builds into a temporary folder.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from scripts.build import build_site
from scripts.paths import DATA, ROOT

SITE = Path(os.environ.get("SITE_DIR") or ROOT / "site").resolve()

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]


@pytest.fixture(scope="session")
def site_dir() -> Path:
    """The site built by ``make site`` (built here if missing)."""
    if not (SITE / "index.html").exists():
        build_site(SITE, quiet=True)
    return SITE


def build_variant(out: Path, env: dict[str, str] | None = None, data_changes: dict[str, str] | None = None) -> Path:
    """Build the site into ``out`` with environment overrides and, optionally, changed data files.

    ``data_changes`` maps a file name in ``data/`` to its new text; the other data files are copied.
    """
    env = dict(env or {})
    if data_changes:
        data = out.parent / f"{out.name}-data"
        shutil.copytree(DATA, data, dirs_exist_ok=True)
        for name, text in data_changes.items():
            (data / name).write_text(text, encoding="utf-8")
        env["DATA_DIR"] = str(data)
    build_site(out, env=env, quiet=True)
    return out


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:  # keep test output readable
        pass


def serve(directory: Path) -> tuple[str, http.server.ThreadingHTTPServer]:
    """Serve ``directory`` on 127.0.0.1 at a free port; returns the base URL and the server."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server


@pytest.fixture(scope="session")
def base_url(site_dir: Path) -> Iterator[str]:
    url, server = serve(site_dir)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's Chromium driven by Playwright; never a downloaded browser."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install -y chromium (.ci/run does it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    """A fresh phone-sized page; console errors are collected in ``page.errors``."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=2, is_mobile=True, has_touch=True)
    pg = context.new_page()
    pg.errors = []
    pg.on("console", lambda m: pg.errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    yield pg
    context.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


__all__ = ["CHROMIUM", "CHROMIUM_ARGS", "ROOT", "build_variant", "free_port", "serve"]
