"""Offline after one visit, and no stale legal figures after a new build (service worker from scripts/postbuild/offline.py).

Real Chromium, real service worker. "Offline" is both Chromium's offline mode and the server being shut down,
so a page that loads can only come from the worker's cache.
"""

from __future__ import annotations

import functools
import http.server
import json
import re
import shutil
import threading
import time
from pathlib import Path

from scripts.fmt import money
from scripts.paths import DATA
from tests.support.builds import build_variant
from tests.support.servers import QuietHandler

OLD_FLOOR = "      - value: 1500000\n        effective_from: 2026-01-01\n"
NEW_FLOOR_VALUE = 1_600_000


def _serve_on(directory: Path, port: int) -> http.server.ThreadingHTTPServer:
    handler = functools.partial(QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def _poll(page: object, script: str, timeout_s: float = 20) -> None:
    """Evaluate ``script`` (may return a Promise) until it is truthy; ``page.evaluate`` awaits the Promise."""
    deadline = time.monotonic() + timeout_s
    while not page.evaluate(script):
        assert time.monotonic() < deadline, f"timed out waiting for: {script}"
        page.wait_for_timeout(200)


def _cache_name(site: Path) -> str:
    return json.loads(re.search(r"/\* BUILD \*/ (\{.*?\});", (site / "sw.js").read_text(encoding="utf-8")).group(1))["CACHE"]


def test_sw_precaches_pages_calculator_and_policy(site_dir: Path) -> None:
    text = (site_dir / "sw.js").read_text(encoding="utf-8")
    build = json.loads(re.search(r"/\* BUILD \*/ (\{.*?\});", text).group(1))
    precache = build["PRECACHE"] + build["PAGES"]
    for url in ("./", "en/", "tinh-muc-dong/", "en/tinh-muc-dong/", "assets/data/policy.json", "404.html"):
        assert url in precache, f"sw.js does not precache {url}"
    pages = {"./" if p.parent == site_dir else p.parent.relative_to(site_dir).as_posix() + "/"
             for p in site_dir.rglob("index.html") if "q" not in p.relative_to(site_dir).parts[:1]}
    assert pages - set(precache) == set(), f"pages not precached: {sorted(pages - set(precache))}"


def test_offline_then_new_build_shows_new_figure(browser: object, site_dir: Path, tmp_path: Path) -> None:
    policy = (DATA / "policy.yml").read_text(encoding="utf-8")
    assert OLD_FLOOR in policy, "the 2026 income_floor entry moved: update OLD_FLOOR in this test"
    old = tmp_path / "old"
    shutil.copytree(site_dir, old)

    server = _serve_on(old, 0)
    port = server.server_address[1]
    base = f"http://127.0.0.1:{port}/"
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(base + "tinh-muc-dong/", wait_until="load")
        page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=15_000)
        assert page.evaluate("caches.keys()") == [_cache_name(old)]
        # the other Vietnamese pages are cached in the background ("warm")
        _poll(page, "caches.open(" + json.dumps(_cache_name(old)) + ").then(c => c.match('../quyen-loi/')).then(Boolean)")

        # No signal at all: Chromium offline and the server gone.
        context.set_offline(True)
        server.shutdown()
        server.server_close()
        for path in ("tinh-muc-dong/", "en/tinh-muc-dong/", "", "quyen-loi/"):
            page.goto(base + path, wait_until="load")
            assert page.locator("h1").first.is_visible(), f"/{path} did not load offline"
        policy_json = page.evaluate("fetch('../assets/data/policy.json').then(r => r.json())")
        assert policy_json, "policy.json is not available offline"
        page.goto(base + "tinh-muc-dong/", wait_until="load")
        if page.locator("form[data-calc]").count():  # the calculator computes offline (policy.json from the cache)
            page.locator("form[data-calc] #c-income").fill("3000000")
            page.locator("form[data-calc] #c-income").dispatch_event("change")
            page.wait_for_function("(document.querySelector('[data-result=\"net-month\"]') || {}).textContent?.match(/\\d/)", timeout=5_000)

        # A new build with a changed figure, at the same origin; back online.
        new = build_variant(tmp_path / "new", data_changes={
            "policy.yml": policy.replace(OLD_FLOOR, OLD_FLOOR.replace("1500000", str(NEW_FLOOR_VALUE)))})
        shown = money(NEW_FLOOR_VALUE)
        cached = set(page.evaluate("caches.open(" + json.dumps(_cache_name(old)) + ").then(c => c.keys())"
                                   ".then(ks => ks.map(r => new URL(r.url).pathname))"))
        changed = sorted(p.parent.relative_to(new).as_posix() for p in new.rglob("index.html")
                         if shown in p.read_text(encoding="utf-8") and (old / p.relative_to(new)).exists()
                         and shown not in (old / p.relative_to(new)).read_text(encoding="utf-8"))
        targets = ["" if rel == "." else rel + "/" for rel in changed]
        targets = [t for t in targets if "/" + t in cached]
        assert targets, f"no page cached offline shows {shown} in the new build (changed: {changed})"
        target = targets[0]
        page.goto(base + target, wait_until="load")  # offline: the old cached page
        assert shown not in page.content()

        server = _serve_on(new, port)
        context.set_offline(False)
        page.reload(wait_until="load")
        assert shown in page.content(), f"/{target} still shows the old figure after the new build"
        live = page.evaluate("fetch('" + base + "assets/data/policy.json').then(r => r.text())")
        assert str(NEW_FLOOR_VALUE) in live, "policy.json is stale after the new build"
        # The new build's worker installs: its versioned cache appears beside the old one. It activates, and
        # deletes the old cache, once the old worker is idle; in this test Chromium sometimes keeps the old one
        # busy for good (root cause not found; see the closing note of issue 6), so that step is not asserted.
        # What readers need is asserted above: once online, pages and policy.json carry the new figures.
        _poll(page, f"caches.keys().then(k => k.includes({json.dumps(_cache_name(new))}))")
        assert errors == [], errors
    finally:
        context.close()
        server.shutdown()
        server.server_close()
