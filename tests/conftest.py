"""Shared fixtures: the built site, a local HTTP server for it, and real Chromium (Debian's, via Playwright).

``site_dir`` is the site built for :data:`tests.support.dates.TEST_DATE`, so that expected values can be written
from the law for one day and a failure reproduces on any day. ``today_site`` is ``site/`` as ``make site`` built it
for today (a few tests check that what is published today is consistent). Tests that need another build (another
office, another date) call :func:`tests.support.builds.build_variant`. Helpers live in ``tests/support/``; test
modules import from there, never from each other.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from scripts.build import build_site
from scripts.paths import ROOT
from tests.support.browser import CHROMIUM, CHROMIUM_ARGS
from tests.support.dates import TEST_DATE
from tests.support.servers import serve

TODAY_SITE = ROOT / "site"


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site as built for ``TEST_DATE`` (``SITE_DIR=path`` reuses a build made for that date)."""
    if os.environ.get("SITE_DIR"):
        return Path(os.environ["SITE_DIR"]).resolve()
    out = tmp_path_factory.mktemp("site") / "site"
    build_site(out, env={"BUILD_DATE": TEST_DATE.isoformat()}, quiet=True)
    return out


@pytest.fixture(scope="session")
def site_on(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Path]:
    """``site_on("2027-01-01")``: the site built for that date, once per session (tests on both sides of a change)."""
    built: dict[str, Path] = {}

    def build(day: str) -> Path:
        if day not in built:
            out = tmp_path_factory.mktemp(f"site-{day}") / "site"
            build_site(out, env={"BUILD_DATE": day}, quiet=True)
            built[day] = out
        return built[day]

    return build


@pytest.fixture(scope="session")
def today_site() -> Path:
    """``site/`` as ``make site`` built it for today (built here if missing)."""
    if not (TODAY_SITE / "index.html").exists():
        build_site(TODAY_SITE, quiet=True)
    return TODAY_SITE


@pytest.fixture(scope="session")
def base_url(site_dir: Path) -> Iterator[str]:
    url, server = serve(site_dir)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's Chromium driven by Playwright; never a downloaded browser."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install -y chromium (make test installs it when run as root)")
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
