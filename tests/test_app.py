"""Installable: the web manifests, the icons drawn from favicon.svg, and what Chromium makes of them.

Read from the built site (sizes and pixels of the served PNG and ICO files), served by nginx with deploy/nginx.conf
(content types), and opened in real Chromium with a profile on disk (its own manifest parser and installability
check, with the service worker running)."""

from __future__ import annotations

import json
import math
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin

import pytest
from PIL import Image

from tests.support.browser import CHROMIUM, CHROMIUM_ARGS
from tests.support.pages import page_file, page_paths
from tests.support.servers import serve
from tests.support.webserve import nginx

# The office's colour (site.css --md-primary-fg-color) and the app's names, as a reader sees them on the phone.
THEME = "#0b5394"
THEME_RGB = (11, 83, 148)
NAMES = {"vi": "BHXH tự nguyện", "en": "Voluntary social insurance"}
MANIFESTS = {"vi": "site.webmanifest", "en": "en/site.webmanifest"}


def _manifest(site: Path, lang: str) -> dict:
    return json.loads((site / MANIFESTS[lang]).read_text(encoding="utf-8"))


def _icon(site: Path, lang: str, src: str) -> Path:
    return site / urljoin(MANIFESTS[lang], src)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_manifest(site_dir: Path, lang: str) -> None:
    m = _manifest(site_dir, lang)
    assert m["name"] == NAMES[lang] and m["short_name"] and m["lang"] == lang
    assert m["start_url"] == "./" and m["display"] == "standalone"
    assert m["theme_color"] == THEME and m["background_color"] == "#ffffff"
    pngs = {(i["sizes"], i["purpose"]) for i in m["icons"] if i["type"] == "image/png"}
    assert pngs >= {("192x192", "any"), ("512x512", "any"), ("192x192", "maskable"), ("512x512", "maskable")}
    for icon in m["icons"]:
        path = _icon(site_dir, lang, icon["src"])
        assert path.is_file(), f"{MANIFESTS[lang]}: {icon['src']} does not exist"
        if icon["type"] == "image/png":
            with Image.open(path) as image:
                assert image.format == "PNG" and f"{image.width}x{image.height}" == icon["sizes"], icon


def _pixels(path: Path) -> tuple[Image.Image, int]:
    image = Image.open(path).convert("RGBA")
    return image, image.width


def test_any_icons_are_the_svg_drawn(site_dir: Path) -> None:
    """favicon.svg: a rounded square of the theme colour with a white shield; its corners are transparent."""
    for name in ("icon-192.png", "icon-512.png"):
        image, n = _pixels(site_dir / "assets/images" / name)
        assert image.getpixel((0, 0))[3] == 0, f"{name}: corner not transparent"
        assert image.getpixel((n // 2, n // 10))[:3] == THEME_RGB, f"{name}: no theme colour near the top edge"
        assert image.getpixel((n // 2, n // 4))[:3] == (255, 255, 255), f"{name}: no white shield"  # y 12–20 of 64


def test_maskable_icons_bleed_and_keep_the_shield_in_the_safe_circle(site_dir: Path) -> None:
    """A launcher may cut a maskable icon to a circle of 80 % of its width: everything outside is plain colour."""
    for name in ("icon-maskable-192.png", "icon-maskable-512.png", "apple-touch-icon.png"):
        image, n = _pixels(site_dir / "assets/images" / name)
        outside = white = 0
        for y in range(0, n, 2):
            for x in range(0, n, 2):
                r, g, b, a = image.getpixel((x, y))
                assert a == 255, f"{name}: transparent at {x},{y}"
                is_white = min(r, g, b) > 200
                white += is_white
                if math.hypot(x - n / 2, y - n / 2) > 0.4 * n:
                    outside += is_white
        assert white > 0 and outside == 0, f"{name}: {white} white pixels, {outside} outside the safe circle"
    assert Image.open(site_dir / "assets/images/apple-touch-icon.png").size == (180, 180)


def test_favicon_ico(site_dir: Path) -> None:
    with Image.open(site_dir / "favicon.ico") as ico:
        assert ico.format == "ICO"
        assert {(16, 16), (32, 32), (48, 48)} <= set(ico.info["sizes"])


def test_every_page_links_its_manifest_and_touch_icon(site_dir: Path) -> None:
    for path in [*page_paths(site_dir), "/404.html"]:
        file = site_dir / "404.html" if path == "/404.html" else page_file(site_dir, path)
        html = file.read_text(encoding="utf-8")
        lang = "en" if path.startswith("/en/") else "vi"
        manifest = re.search(r'<link rel="manifest" href="([^"]+)">', html)
        touch = re.search(r'<link rel="apple-touch-icon" href="([^"]+)">', html)
        assert manifest and touch and f'<meta name="theme-color" content="{THEME}">' in html, path
        base = "/" if path == "/404.html" else path  # the 404 page links from the site's root path
        for href, want in ((manifest.group(1), MANIFESTS[lang]), (touch.group(1), "assets/images/apple-touch-icon.png")):
            assert urljoin(base, href).lstrip("/") == want, f"{path}: {href}"


def test_nginx_content_types(site_dir: Path) -> None:
    import http.client
    from urllib.parse import urlsplit

    with nginx(site_dir) as url:
        host = urlsplit(url)
        for path, want in (("/site.webmanifest", "application/manifest+json"), ("/en/site.webmanifest", "application/manifest+json"),
                           ("/favicon.ico", "image/x-icon"), ("/assets/images/icon-512.png", "image/png")):
            conn = http.client.HTTPConnection(host.hostname, host.port, timeout=10)
            conn.request("GET", path)
            resp = conn.getresponse()
            resp.read()
            kind = resp.getheader("Content-Type", "")
            assert resp.status == 200 and kind.startswith(want), (path, resp.status, kind)
            assert resp.getheader("Content-Security-Policy"), f"{path}: the security headers are missing"
            conn.close()


@pytest.fixture
def installed_profile(browser: object) -> Iterator[object]:
    """Chromium with a profile on disk (an incognito context can never install an app), from the suite's Playwright."""
    with tempfile.TemporaryDirectory() as profile:
        context = browser.browser_type.launch_persistent_context(profile, executable_path=CHROMIUM, args=CHROMIUM_ARGS,
                                                                 headless=True)
        yield context
        context.close()


@pytest.mark.parametrize(("path", "lang"), [("quyen-loi/", "vi"), ("en/quyen-loi/", "en")])
def test_chromium_finds_the_site_installable(installed_profile: object, site_dir: Path, path: str, lang: str) -> None:
    url, server = serve(site_dir)
    try:
        page = installed_profile.new_page()
        page.goto(url + path, wait_until="load")
        page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=15_000)
        cdp = installed_profile.new_cdp_session(page)
        manifest = cdp.send("Page.getAppManifest")
        assert manifest["url"] == url + MANIFESTS[lang] and manifest["errors"] == [], manifest["errors"]
        assert json.loads(manifest["data"])["name"] == NAMES[lang]
        assert cdp.send("Page.getInstallabilityErrors")["installabilityErrors"] == []
        page.close()
    finally:
        server.shutdown()
