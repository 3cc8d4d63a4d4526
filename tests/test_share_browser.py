"""The share bar and the share kit in real Chromium: copy, Facebook link, native share sheet, no-JS fallback."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from scripts.office import load_office

PAGE = "tinh-muc-dong/"
STUB_SHARE = """
  window.__shared = [];
  Object.defineProperty(Navigator.prototype, 'share', {
    configurable: true,
    value: function (data) { window.__shared.push(data); return Promise.resolve(); },
  });
"""
NO_SHARE = "delete Navigator.prototype.share; delete navigator.share;"


@pytest.fixture(scope="module")
def canonical() -> str:
    return load_office().site_url + PAGE


def _grant_clipboard(page: object, base_url: str) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url.rstrip("/"))


def _serve_site_origin(page: object, site_dir: Path) -> None:
    """Answer requests to the production origin from the built site. The theme fetches ``sitemap.xml`` next to
    every ``<link rel="alternate">``; the hreflang links are absolute (production host), which does not resolve here."""
    root = load_office().site_url

    def handle(route: object) -> None:
        rel = route.request.url.removeprefix(root).split("?")[0].split("#")[0]
        file = site_dir / rel
        if file.is_dir():
            file = file / "index.html"
        if file.is_file():
            route.fulfill(path=str(file))
        else:
            route.fulfill(status=404, body="")

    page.context.route(root + "**", handle)


def test_copy_button_copies_the_canonical_url(page: object, base_url: str, site_dir: Path, canonical: str) -> None:
    _grant_clipboard(page, base_url)
    _serve_site_origin(page, site_dir)
    page.add_init_script(NO_SHARE)
    page.goto(base_url + PAGE + "?utm_source=zalo#tinh")  # a query in the address bar must not leak into the copy
    button = page.locator(".share-bar [data-share-copy]")
    button.click()
    status = page.locator(".share-bar [data-share-status]")
    status.get_by_text("Đã sao chép liên kết").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == canonical
    assert status.get_attribute("aria-live") == "polite"
    assert page.errors == []


def test_zalo_without_share_sheet_copies_and_says_how_to_paste(page: object, base_url: str, canonical: str) -> None:
    _grant_clipboard(page, base_url)
    page.add_init_script(NO_SHARE)
    page.goto(base_url + PAGE)
    assert page.locator(".share-bar [data-share-native]").is_hidden()  # no share sheet on this browser
    page.locator(".share-bar [data-share-zalo]").click()
    page.locator(".share-bar [data-share-status]").get_by_text("Zalo").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == canonical


def test_share_button_calls_navigator_share(page: object, base_url: str, canonical: str) -> None:
    page.add_init_script(STUB_SHARE)
    page.goto(base_url + PAGE + "?fbclid=abc")
    button = page.locator(".share-bar [data-share-native]")
    assert button.is_visible()
    button.click()
    page.wait_for_function("window.__shared.length === 1")
    shared = page.evaluate("window.__shared[0]")
    title = page.locator('meta[property="og:title"]').get_attribute("content")
    assert shared == {"title": title, "url": canonical}
    assert title and page.title().startswith(title)
    # On a phone, the Zalo button opens the same share sheet (Zalo is one of its targets).
    page.locator(".share-bar [data-share-zalo]").click()
    page.wait_for_function("window.__shared.length === 2")
    assert page.evaluate("window.__shared[1].url") == canonical


def test_facebook_link_carries_the_canonical_url(page: object, base_url: str, canonical: str) -> None:
    page.goto(base_url + PAGE + "?utm_source=x")
    href = page.locator(".share-bar a[data-share-facebook]").get_attribute("href")
    parts = urlsplit(href)
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "www.facebook.com", "/sharer/sharer.php")
    assert parse_qs(parts.query) == {"u": [canonical]}
    assert "%2F%2F" in parts.query  # URL-encoded, not pasted raw


def test_touch_targets_are_at_least_44_px(page: object, base_url: str) -> None:
    page.add_init_script(STUB_SHARE)
    page.goto(base_url + PAGE)
    items = page.locator(".share-bar .share-bar__button")
    assert items.count() == 4
    for i in range(items.count()):
        box = items.nth(i).bounding_box()
        assert box and box["height"] >= 44 and box["width"] >= 44, (i, box)


def test_without_javascript_only_the_facebook_link_shows(browser: object, base_url: str, canonical: str) -> None:
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 740})
    try:
        pg = context.new_page()
        pg.goto(base_url + PAGE)
        assert pg.locator(".share-bar a[data-share-facebook]").is_visible()
        for sel in ("[data-share-native]", "[data-share-zalo]", "[data-share-copy]"):
            assert pg.locator(f".share-bar {sel}").is_hidden(), sel
        assert pg.locator(".share-bar .share-bar__address").inner_text() == canonical
        kit = pg.goto(base_url + "bo-cong-cu-chia-se/")
        assert kit and kit.ok
        assert pg.locator("[data-copy-target]").first.is_hidden()
    finally:
        context.close()


def test_share_kit_copies_a_message_with_figure_and_link(page: object, base_url: str) -> None:
    _grant_clipboard(page, base_url)
    page.goto(base_url + "bo-cong-cu-chia-se/")
    buttons = page.locator("[data-copy-target]")
    assert buttons.count() >= 4
    buttons.first.click()
    page.locator("#status-home").get_by_text("Đã sao chép").wait_for()
    text = page.evaluate("navigator.clipboard.readText()")
    # TEST_DATE 01/12/2026: floor 1.500.000 × 22 % = 330.000, less 20 % (others) or 50 % (poor households) State
    # support, Decree 159/2025 Art 5(1); from 01/01/2027 the floor 2.200.000 (Decree 351/2025, unconfirmed):
    # 484.000 less 20 % = 387.200, less 50 % = 242.000. 15 years for a pension: Law 41/2024 Art 98.
    assert text == (
        "Bảo hiểm xã hội tự nguyện. Mỗi tháng đóng từ 264.000 đồng; hộ nghèo từ 165.000 đồng. Nhà nước hỗ trợ một "
        "phần. Đóng đủ 15 năm, về già có lương hưu và thẻ bảo hiểm y tế miễn phí.\n\n"
        "Số liệu áp dụng đến 31/12/2026.\n"
        "Từ 01/01/2027: mỗi tháng đóng từ 387.200 đồng; hộ nghèo từ 242.000 đồng (chưa xác nhận).\n\n"
        f"Xem chi tiết: {load_office().site_url}"
    ), text
    # The share images shown on the kit page, and every download (share image, QR code), exist.
    for src in page.locator(".share-kit__image").evaluate_all("els => els.map(e => e.src)"):
        assert page.request.get(src).ok, src
    downloads = page.locator(".share-kit__actions a[download]").evaluate_all("els => els.map(e => e.href)")
    assert len(downloads) == 2 * buttons.count()
    for href in downloads:
        response = page.request.get(href)
        assert response.ok and response.headers["content-type"] == "image/png", href
