"""Offline after one visit, and no stale legal figures after a new build (service worker from scripts/postbuild/offline.py).

Real Chromium, real service worker. "Offline" is both Chromium's offline mode and the server being shut down,
so a page that loads can only come from the worker's cache.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from scripts.fmt import money
from scripts.paths import DATA, ROOT
from tests.support.builds import build_variant
from tests.support.dates import TEST_DATE
from tests.support.servers import Deploys, QuietHandler

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


# --- issue 11 item 5: consistent after a deploy, an offline page, a calculator that never mixes builds -----------

CURRENT_SUPPORT = "{poor: 0.50, near_poor: 0.40, ethnic_minority: 0.30, other: 0.20}"
# Build B: the State's share for "other" participants raised from 20 % to 25 % (a change made for this test only).
B_SUPPORT = "{poor: 0.50, near_poor: 0.40, ethnic_minority: 0.30, other: 0.25}"
# On 01/12/2026 (TEST_DATE), income 3.000.000, "người tham gia khác" (Decree 159/2025 Art 5(1)(d); ref §2.4, §5):
# gross 22 % × 3.000.000 = 660.000; support = rate × 22 % × floor 1.500.000 (330.000): A 20 % = 66.000, B 25 % = 82.500.
A_NET, B_NET = 594_000, 577_500
CALC = "tinh-muc-dong/?thu-nhap=3000000&nhom=khac&ngay=2026-12-01"


def _build_id(site: Path, page: str = "tinh-muc-dong/index.html") -> str:
    return re.search(r'<meta name="build-id" content="([0-9a-f]+)">', (site / page).read_text(encoding="utf-8")).group(1)


def test_every_page_and_policy_json_name_the_same_build(site_dir: Path) -> None:
    import hashlib

    data = json.loads((site_dir / "assets/data/policy.json").read_text(encoding="utf-8"))
    build = data.pop("build")
    assert build == hashlib.sha256(json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
                                   .encode()).hexdigest()[:12], "the id is the hash of the data it names"
    pages = [p for p in site_dir.rglob("*.html") if "q" not in p.relative_to(site_dir).parts[:1]
             and p.name != "offline.html"]
    assert len(pages) > 25
    assert {p.relative_to(site_dir).as_posix(): _build_id(site_dir, p.relative_to(site_dir).as_posix()) for p in pages} \
        == {p.relative_to(site_dir).as_posix(): build for p in pages}


@pytest.fixture(scope="module")
def deploy_b(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same site as ``site_dir`` with another support rate: what a deploy after a change of law brings."""
    policy = (DATA / "policy.yml").read_text(encoding="utf-8")
    assert CURRENT_SUPPORT in policy, "the current support rates moved: update this test"
    out = tmp_path_factory.mktemp("deploy-b") / "site"
    return build_variant(out, env={"BUILD_DATE": TEST_DATE.isoformat()},
                         data_changes={"policy.yml": policy.replace(CURRENT_SUPPORT, B_SUPPORT)})


@pytest.fixture
def origin(site_dir: Path, tmp_path: Path) -> Iterator[Deploys]:
    """Site A (the suite's build) served at one origin; a test deploys B by changing ``origin.root``."""
    a = tmp_path / "a"
    shutil.copytree(site_dir, a)
    server = Deploys(a).start()
    yield server
    server.stop()


def _first_visit(browser: object, origin: Deploys, path: str = "tinh-muc-dong/") -> tuple[object, object]:
    """A reader's phone after one visit: the worker installed and its cache filled."""
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(origin.url + path, wait_until="load")
    page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=20_000)
    cache = json.dumps(_cache_name(origin.root))
    urls = json.dumps([origin.url + u for u in ("offline.html", "en/offline.html", "tinh-muc-dong/")])
    _poll(page, f"caches.open({cache}).then(c => Promise.all({urls}.map(u => c.match(u)))).then(hits => hits.every(Boolean))")
    return context, page


def _net(page: object) -> int:
    page.wait_for_function("(document.querySelector('[data-result=\"net-month\"]') || {}).value", timeout=30_000)
    return int(page.locator('[data-result="net-month"]').get_attribute("value"))


def _table_net(page: object) -> int:
    """What the page's own table (built with the page) says "người tham gia khác" pays on an income of 3.000.000."""
    # one <tbody> per income, headed by a row-group cell; "người tham gia khác" is its last row
    block = page.locator('[data-table="incomes"] tbody').filter(has=page.locator("th[scope=rowgroup]", has_text="3.000.000"))
    return int(re.sub(r"\D", "", block.locator("td").last.text_content()))


def test_offline_page_for_a_page_never_saved(browser: object, origin: Deploys) -> None:
    """Review finding 10: a page never visited showed the browser's error, after 15 s on a hanging network."""
    from scripts.texts import load_texts

    texts = load_texts()
    timeout = int(re.search(r"const NETWORK_TIMEOUT_MS = (\d+);", (origin.root / "sw.js").read_text(encoding="utf-8")).group(1))
    assert timeout <= 3000, "the offline page must show within 3 s on a hanging network"
    context, page = _first_visit(browser, origin)  # a Vietnamese reader: English pages are not saved
    try:
        origin.delays = {r"^/en/quyen-loi/": float("inf")}  # the server accepts and never answers
        start = time.monotonic()
        page.goto(origin.url + "en/quyen-loi/", wait_until="load", timeout=20_000)
        shown_after = time.monotonic() - start
        assert page.locator("h1").inner_text() == texts.get("offline.title", "en")
        assert page.locator("html").get_attribute("lang") == "en"
        assert page.locator("a[data-retry]").get_attribute("href") == origin.url + "en/quyen-loi/"
        assert page.locator('a[href^="tel:"]').get_attribute("href") == "tel:19009068"  # data/national.yml
        print(f"offline page shown after {shown_after:.1f} s on a hanging network")  # reported, not asserted (a clock)

        context.set_offline(True)  # no network at all: the offline page at once, and its links open saved pages
        page.goto(origin.url + "q/cho-b/", wait_until="load")  # QR short paths are never saved
        assert page.locator("h1").inner_text() == texts.get("offline.title", "vi")
        assert page.locator("a[data-retry]").get_attribute("href") == origin.url + "q/cho-b/"
        page.locator("main li a").nth(1).click()  # "Tính mức đóng": saved on install
        page.wait_for_load_state("load")
        # the calculator may write its inputs into the address (?thu-nhap=…) once it runs: the page is what counts
        assert page.url.split("?")[0] == origin.url + "tinh-muc-dong/" and page.locator("form[data-calc]").count() == 1
    finally:
        context.close()


def test_slow_pages_after_a_deploy_calculator_refuses_newer_data(browser: object, origin: Deploys, deploy_b: Path) -> None:
    """Review s2b: the worker served the old page (slow network) and the calculator used the new policy.json."""
    from scripts.texts import load_texts

    context, page = _first_visit(browser, origin, CALC)
    try:
        assert _net(page) == A_NET == _table_net(page)
        origin.root, origin.delays = deploy_b, {r"/$|\.html$": 6}  # the deploy; pages slow, policy.json fast
        page.goto(origin.url + CALC, wait_until="load", timeout=30_000)
        assert _table_net(page) == A_NET, "the worker should have answered with the saved (old) page"
        status = page.locator("[data-calc-status]")
        page.wait_for_function("document.querySelector('[data-calc-status]').textContent.length > 0", timeout=30_000)
        assert status.inner_text().startswith(load_texts().get("offline.stale_page", "vi"))
        assert status.locator("a").get_attribute("href") == origin.url + CALC  # "Tải lại trang"
        assert page.locator("form[data-calc]").is_hidden()  # no result from other figures than the page's table
    finally:
        context.close()


def test_slow_policy_after_a_deploy_calculator_fetches_its_own_build(browser: object, origin: Deploys, deploy_b: Path) -> None:
    """Review s2c: the new page, and the old policy.json from the worker (the network took too long)."""
    context, page = _first_visit(browser, origin, CALC)
    try:
        assert _net(page) == A_NET
        origin.root, origin.delays = deploy_b, {r"/assets/data/policy\.json$": 6}  # the deploy; policy.json slow
        page.goto(origin.url + CALC, wait_until="load", timeout=30_000)
        assert _table_net(page) == B_NET  # the new page
        assert _net(page) == B_NET, "the calculator used the saved policy.json of the old build"
        assert page.locator("[data-calc-status]").inner_text() == ""
    finally:
        context.close()


@pytest.fixture(scope="module")
def deploy_c(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real build of changed calculator code: a copy of the project whose ui.js marks the page when it runs."""
    root = tmp_path_factory.mktemp("deploy-c") / "project"
    skip = {".venv", "site", ".git", "node_modules", ".ruff_cache", ".pytest_cache", "__pycache__", ".cache"}
    shutil.copytree(ROOT, root, ignore=lambda d, names: [n for n in names if n in skip])
    (root / "node_modules").symlink_to(ROOT / "node_modules")
    if (ROOT / ".cache").exists():  # warm caches (print, share images): only the changed JS is new
        shutil.copytree(ROOT / ".cache", root / ".cache", ignore=lambda d, names: [n for n in names if n == "build.lock"])
    ui = root / "docs/assets/javascripts/calculator/ui.js"
    ui.write_text(ui.read_text(encoding="utf-8") + "\ndocument.documentElement.dataset.calcCode = 'C'\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(root), "NO_MKDOCS_2_WARNING": "1", "BUILD_DATE": TEST_DATE.isoformat()}
    env.pop("DATA_DIR", None)
    proc = subprocess.run([sys.executable, "-m", "scripts.build", "--out", str(root / "site-c")], cwd=root, env=env,
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    return root / "site-c"


def test_changed_code_runs_on_the_first_view_after_a_deploy(browser: object, origin: Deploys, deploy_c: Path) -> None:
    """Review s4: the old worker served the old calculator code (cache-first) to the new page. Names now change."""
    old = re.search(r'src="[./]*(assets/javascripts/calculator/ui\.[A-Z0-9]+\.js)"',
                    (origin.root / "tinh-muc-dong/index.html").read_text(encoding="utf-8")).group(1)
    new = re.search(r'src="[./]*(assets/javascripts/calculator/ui\.[A-Z0-9]+\.js)"',
                    (deploy_c / "tinh-muc-dong/index.html").read_text(encoding="utf-8")).group(1)
    assert old != new, "changed code must get a new name"
    context, page = _first_visit(browser, origin, CALC)
    try:
        assert page.evaluate("document.documentElement.dataset.calcCode") is None
        cached = page.evaluate(f"caches.open({json.dumps(_cache_name(origin.root))}).then(c => c.match({json.dumps(origin.url + old)}))"
                               ".then(Boolean)")
        assert cached, "the old calculator code is in the worker's cache: the case this test is about"
        origin.root = deploy_c  # the deploy, on a normal network
        page.goto(origin.url + CALC, wait_until="load")
        page.wait_for_function("document.documentElement.dataset.calcCode === 'C'", timeout=20_000)
        assert _net(page) == A_NET  # same data as A: the new code computes the same figures
    finally:
        context.close()


def test_counts_reach_the_server_while_the_worker_serves_saved_pages(browser: object, origin: Deploys) -> None:
    """Issue 15: QR short paths (q/<code>/) and beacon files (q/_/<event>.gif) always go to the network, never the cache.

    The calculator page is slow (the worker answers with its saved copy after 3 s); the scan and the page's "open"
    must still reach the server, every time, and nothing under q/ may be stored in the worker's cache.
    """
    context, page = _first_visit(browser, origin)
    documents: list[object] = []
    page.on("response", lambda r: documents.append(r) if r.request.resource_type == "document" else None)
    try:
        origin.delays = {r"^/tinh-muc-dong/$": 6}
        origin.seen.clear()
        for scan in (1, 2):
            page.goto(origin.url + "q/bd-d/")  # forwards to the calculator with the place's utm tags
            page.wait_for_url("**/tinh-muc-dong/?*")
            page.wait_for_selector("form[data-calc][data-ready]", timeout=30_000)
            calculator = [r for r in documents if "/tinh-muc-dong/" in r.url][-1]
            assert calculator.from_service_worker, "the test needs the saved page: the worker did not answer"
            deadline = time.monotonic() + 10
            while sum(p.startswith("/q/_/open.gif") for p in origin.seen) < scan:  # the beacon is sent after load
                assert time.monotonic() < deadline, f"open {scan} did not reach the server: {origin.seen}"
                page.wait_for_timeout(200)
            assert origin.seen.count("/q/bd-d/") == scan, f"scan {scan} did not reach the server: {origin.seen}"
        assert origin.seen.count("/q/_/open.gif?c=cao-diem-12-2026&s=leaflet&k=bd-d") == 2, origin.seen
        saved = page.evaluate("caches.keys().then(names => Promise.all(names.map(n => caches.open(n).then(c => c.keys()))))"
                              ".then(lists => lists.flat().map(r => new URL(r.url).pathname))")
        assert saved and not [p for p in saved if p.startswith("/q/")], "the worker stored a short path or a beacon"
    finally:
        context.close()
