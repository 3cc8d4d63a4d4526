"""Search in real Chromium: Vietnamese typed without tone marks finds the right page, each language
searches only its own pages, and result previews show the accented text, never the folded copy."""

from __future__ import annotations

import json
from pathlib import Path

import pytest


def _search(page: object, base_url: str, start: str, query: str) -> list[str]:
    """Type ``query`` in the search box of ``start``; the result links, relative to the site."""
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(base_url + start)
    page.click("label[for=__search]")
    # type like a reader: the theme reads the query on keyup (fill() sends no key events)
    page.locator(".md-search__input").press_sequentially(query)
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    page.wait_for_timeout(200)
    page.search_requests = requests
    hrefs = page.eval_on_selector_all(".md-search-result__link", "els => els.map(e => e.href)")
    assert all(h.startswith(base_url) for h in hrefs), hrefs
    return [h[len(base_url):] for h in hrefs]


@pytest.mark.parametrize(("query", "expected"), [
    ("luong huu", "quyen-loi/"),
    ("ho ngheo", "muc-dong-va-ho-tro/"),
])
def test_vietnamese_without_tone_marks(page: object, base_url: str, query: str, expected: str) -> None:
    results = _search(page, base_url, "", query)
    assert expected in [r.split("#")[0] for r in results], f"{query!r} → {results}"
    assert not any(r.startswith("en/") for r in results), f"English pages in a Vietnamese search: {results}"
    assert base_url + "search/search_index.json" in page.search_requests


def test_results_show_accents_not_the_folded_copy(page: object, base_url: str) -> None:
    _search(page, base_url, "", "luong huu")
    shown = page.inner_text(".md-search-result")
    assert "lương hưu" in shown.lower()
    assert "luong huu" not in shown.lower(), "the folded copy is visible in the results"
    assert "\u2063" not in shown


def test_english_pages_search_english_only(page: object, base_url: str) -> None:
    results = _search(page, base_url, "en/quyen-loi/", "pension")
    assert results and all(r.startswith("en/") for r in results), results
    assert base_url + "en/search/search_index.json" in page.search_requests
    assert base_url + "search/search_index.json" not in page.search_requests
    with page.expect_navigation():
        page.click(".md-search-result__link")
    assert page.url.startswith(base_url + "en/")
    assert page.evaluate("document.documentElement.lang") == "en"
    assert "404" not in page.title()


def test_index_split_by_language(site_dir: Path) -> None:
    vi = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    en = json.loads((site_dir / "en" / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert vi["docs"] and en["docs"]
    assert not any(d["location"].startswith("en/") for d in vi["docs"])
    en_pages = {p.parent.relative_to(site_dir / "en").as_posix() + "/" for p in (site_dir / "en").glob("*/index.html")}
    assert {d["location"].split("#")[0] for d in en["docs"]} - {""} <= en_pages
    assert "title_folded" in vi["config"]["fields"] and "text_folded" in vi["config"]["fields"]
