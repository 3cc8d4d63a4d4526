"""Byte budgets for a cheap phone on a weak signal, measured in real Chromium (gzip level 6 of every body).

Home page first view ≤ 70 KB, calculator page ≤ 91 KB (a plain Material site loads 97 KB on its home page),
counting what loads right after the first paint; no request to any host but the site's own.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from tests.support.webserve import first_view

BUDGETS = {  # page → bytes (gzip), 1 KB = 1000 bytes
    "": 70_000,
    "en/": 70_000,
    # 85 → 90 KB: the calculator's words now come with the page (calc.* as JSON, 2.6 KB gzip), and the form gained the
    # pension history fields and the printed sheet; its own JS + CSS stay within 14 KB (test_calculator_browser.py).
    # 90 → 91 KB: under the ready-made table, within the transition window, the coming floor and lowest payments
    # (the table's rows hold until the next change only).
    "tinh-muc-dong/": 91_000,
    "en/tinh-muc-dong/": 91_000,
}


@pytest.mark.parametrize("path", list(BUDGETS))
def test_first_view_within_budget(browser: object, base_url: str, path: str) -> None:
    view = first_view(browser, base_url + path)
    detail = ", ".join(f"{kind} {n / 1000:.1f} KB" for kind, n in sorted(view.by_type().items()))
    print(f"/{path}: {view.total / 1000:.1f} KB in {view.requests} requests ({detail})")
    assert view.total <= BUDGETS[path], (
        f"/{path} loads {view.total / 1000:.1f} KB gzip on first view (budget {BUDGETS[path] / 1000:.0f} KB): {detail}; "
        f"largest: {sorted(view.responses, key=lambda r: -r[2])[:4]}"
    )
    own = urlsplit(base_url).netloc
    assert view.hosts() == {own}, f"/{path} contacts other hosts: {sorted(view.hosts() - {own})}"


def test_search_assets_wait_until_search_is_opened(browser: object, base_url: str) -> None:
    """The search worker and index are not fetched on page load, and are fetched (and work) once search is opened."""
    context = browser.new_context(viewport={"width": 1280, "height": 800}, service_workers="block")
    page = context.new_page()
    urls: list[str] = []
    page.on("request", lambda r: urls.append(r.url))
    page.goto(base_url, wait_until="networkidle")
    page.wait_for_timeout(500)
    assert not [u for u in urls if "search_index.json" in u or "/workers/search" in u], urls
    with page.expect_response(lambda r: r.url.endswith("search/search_index.json")):
        page.locator("input.md-search__input").click()
    page.locator("input.md-search__input").press_sequentially("bhxh")  # key events, as a reader types
    page.wait_for_selector(".md-search-result__item", timeout=20_000)
    assert [u for u in urls if "search_index.json" in u], "opening search did not fetch the index"
    context.close()
