"""``deploy/nginx.conf`` in a real nginx (Debian's) on 127.0.0.1: headers, compression, 404, QR short paths, CSP.

The config file is used as written; only ``listen`` and ``root`` are replaced (tests/support/webserve.py).
"""

from __future__ import annotations

import base64
import hashlib
import http.client
import os
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.support.pages import page_paths
from tests.support.webserve import DEPLOY_CONF, WEB_USER, nginx, worker_users

INLINE_SCRIPT = re.compile(r"<script(?P<attrs>\s[^>]*)?>(?P<body>.*?)</script>", re.S)


@pytest.fixture(scope="module")
def served(site_dir: Path) -> Iterator[tuple[str, Path]]:
    """nginx serving a plain ``cp -r`` copy of the site, its workers as www-data (tests/support/webserve.py)."""
    assert list(site_dir.glob("q/*/index.html")), "the build wrote no QR short path (q/<code>/)"
    with nginx(site_dir) as url:
        yield url, url.root


def test_workers_read_a_plain_copy_as_the_web_user(served: tuple[str, Path]) -> None:
    """Review finding 4: a 0700 site/ copied with ``cp -r`` gave 403 to nginx's www-data; the old test ran workers as root."""
    url, root = served
    if os.geteuid() == 0:
        assert worker_users(url.pid) == {WEB_USER}, "nginx workers must not run as root here"
    assert oct(root.stat().st_mode & 0o777) == "0o755"
    for path in ("/", "/en/", "/assets/data/policy.json", "/sw.js", "/tinh-muc-dong/"):
        assert get(url, path).status == 200, path


def get(url: str, path: str, headers: dict[str, str] | None = None) -> http.client.HTTPResponse:
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    conn.request("GET", path, headers=headers or {})
    resp = conn.getresponse()
    resp.body = resp.read()
    conn.close()
    return resp


def test_security_headers_on_pages(served: tuple[str, Path]) -> None:
    url, _ = served
    resp = get(url, "/")
    assert resp.status == 200
    csp = resp.getheader("Content-Security-Policy")
    assert csp and "default-src 'self'" in csp and "object-src 'none'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-eval" not in csp and "script-src 'self' " in csp and "'unsafe-inline'" not in csp.split("script-src")[1].split(";")[0]
    assert resp.getheader("X-Content-Type-Options") == "nosniff"
    assert resp.getheader("Referrer-Policy") == "strict-origin-when-cross-origin"
    assert "camera=()" in resp.getheader("Permissions-Policy") and "geolocation=()" in resp.getheader("Permissions-Policy")
    assert resp.getheader("Cache-Control") == "no-cache"
    assert resp.getheader("ETag")


def test_long_cache_only_for_fingerprinted_assets(served: tuple[str, Path]) -> None:
    url, root = served
    bundle = next(root.glob("assets/javascripts/bundle.*.min.js")).relative_to(root).as_posix()
    css = next(root.glob("assets/stylesheets/main.*.min.css")).relative_to(root).as_posix()
    extra = [p.relative_to(root).as_posix() for p in root.glob("assets/stylesheets/extra.*.min.css")]  # bundle_css hook
    ours = [p.relative_to(root).as_posix() for p in root.glob("assets/javascripts/**/*.js") if re.search(r"\.[A-Z0-9]{8}\.js$", p.name)]
    assert len(ours) >= 4, ours  # calculator/ui, enhance, share, validity (esbuild, content-hashed)
    for path in (bundle, css, *extra, *ours):
        resp = get(url, "/" + path)
        assert resp.status == 200
        assert resp.getheader("Cache-Control") == "public, max-age=31536000, immutable", path
        assert resp.getheader("X-Content-Type-Options") == "nosniff"
    for path in ("/sw.js", "/assets/data/policy.json", "/assets/stylesheets/site.css", "/en/"):
        assert get(url, path).getheader("Cache-Control") == "no-cache", path


def test_gzip_compression(served: tuple[str, Path]) -> None:
    url, root = served
    bundle = "/" + next(root.glob("assets/javascripts/bundle.*.min.js")).relative_to(root).as_posix()
    for path in ("/", bundle, "/assets/data/policy.json", "/sw.js"):
        resp = get(url, path, {"Accept-Encoding": "gzip"})
        assert resp.getheader("Content-Encoding") == "gzip", path
        assert "Accept-Encoding" in (resp.getheader("Vary") or ""), path
        plain = get(url, path)
        assert plain.getheader("Content-Encoding") is None
        assert len(resp.body) < len(plain.body) / 2, path


def test_precompressed_files_are_sent_as_built(served: tuple[str, Path]) -> None:
    """gzip_static: the response body is the build's .gz file, byte for byte (not compressed again by nginx)."""
    url, root = served
    bundle = "/" + next(root.glob("assets/javascripts/bundle.*.min.js")).relative_to(root).as_posix()
    for path, file in (("/", "index.html"), ("/en/tinh-muc-dong/", "en/tinh-muc-dong/index.html"),
                       ("/assets/data/policy.json", "assets/data/policy.json"), (bundle, bundle.lstrip("/"))):
        resp = get(url, path, {"Accept-Encoding": "gzip"})
        assert resp.status == 200 and resp.getheader("Content-Encoding") == "gzip", path
        assert resp.body == (root / f"{file}.gz").read_bytes(), f"{path}: not the pre-compressed file"
        assert "Accept-Encoding" in (resp.getheader("Vary") or ""), path
    plain = get(url, "/", {"Accept-Encoding": "identity"})
    assert plain.getheader("Content-Encoding") is None and plain.body == (root / "index.html").read_bytes()


def test_vietnamese_404(served: tuple[str, Path]) -> None:
    url, _ = served
    for path in ("/khong-co-trang-nay/", "/en/no-such-page/", "/assets/none.js"):
        resp = get(url, path)
        assert resp.status == 404, path
        html = resp.body.decode("utf-8")
        assert '<html lang="vi"' in html, "the 404 page is not the Vietnamese one"
        assert resp.getheader("Content-Security-Policy"), "headers are missing on the 404 page"


def test_qr_short_paths(served: tuple[str, Path]) -> None:
    url, root = served
    codes = [p.parent.name for p in root.glob("q/*/index.html")]
    assert codes
    for code in codes[:5]:
        assert get(url, f"/q/{code}/").status == 200
        resp = get(url, f"/q/{code}")
        assert resp.status == 301 and resp.getheader("Location") == f"/q/{code}/", "relative redirect to the slash path"


def test_csp_allows_every_inline_script(site_dir: Path) -> None:
    """Each executable inline script in the built site is allowed by its sha256 in deploy/nginx.conf."""
    conf = DEPLOY_CONF.read_text(encoding="utf-8")
    missing: dict[str, str] = {}
    for page in site_dir.rglob("*.html"):
        for m in INLINE_SCRIPT.finditer(page.read_text(encoding="utf-8")):
            attrs = m.group("attrs") or ""
            if "src=" in attrs or re.search(r'type="application/(ld\+)?json"', attrs):
                continue
            digest = "sha256-" + base64.b64encode(hashlib.sha256(m.group("body").encode()).digest()).decode()
            if f"'{digest}'" not in conf:
                missing[digest] = f"{page.relative_to(site_dir)}: {m.group('body')[:60]!r}"
    assert not missing, "add these to script-src in deploy/nginx.conf (or move the script to a file): " + "; ".join(
        f"'{h}' ← {where}" for h, where in missing.items())


def test_chromium_loads_every_page_without_csp_violation_or_console_error(browser: object, served: tuple[str, Path]) -> None:
    url, root = served
    own = urlsplit(url).netloc
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    problems: list[str] = []
    hosts: set[str] = set()
    page.on("console", lambda m: problems.append(f"{page.url}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(f"{page.url}: {e}"))
    page.on("request", lambda r: hosts.add(urlsplit(r.url).netloc) if r.url.startswith("http") else None)
    try:
        for path in page_paths(root):
            page.goto(url.rstrip("/") + path, wait_until="networkidle")
        with page.expect_response(lambda r: r.url.endswith("search/search_index.json")):
            page.locator("input.md-search__input").click()  # the lazy search worker and index under the CSP
        page.locator("input.md-search__input").press_sequentially("bhxh")  # key events, as a reader types
        page.wait_for_selector(".md-search-result__item", timeout=20_000)
    finally:
        context.close()
    assert not problems, "\n".join(problems[:20])
    assert hosts == {own}, f"requests to other hosts: {sorted(hosts - {own})}"


def test_beacon_files_are_never_cached(served: tuple[str, Path]) -> None:
    """The beacon files (q/_/<event>.gif, docs/assets/javascripts/beacon.js): each request must reach the server log."""
    url, _ = served
    for event in ("open", "share", "print"):
        resp = get(url, f"/q/_/{event}.gif?c=cao-diem-12-2026&s=leaflet&k=bd-d")
        assert resp.status == 200 and resp.getheader("Content-Type") == "image/gif", event
        assert resp.body.startswith(b"GIF89a"), event
        assert resp.getheader("Cache-Control") == "no-store", event
        assert resp.getheader("Content-Security-Policy") and resp.getheader("X-Content-Type-Options") == "nosniff", \
            "the beacon's location dropped the security headers (an add_header there replaces the server's)"
    assert get(url, "/q/_/").status == 404 and get(url, "/q/_/other.gif").status == 404
    assert get(url, "/q/bd-d/").getheader("Cache-Control") == "no-cache", "short paths are revalidated, not no-store"
