"""Search in real Chromium, typed key by key like a reader: Vietnamese typed without tone marks finds the right page
first (pages holding every word before pages holding one), its words are highlighted in the accented text, the
folded copy never shows, each language searches only its own pages, and search works offline after one visit (or
says, in Vietnamese, that it cannot run without a connection). The site's changes to the theme's search:
docs/assets/javascripts/search/ (overrides/README.md explains them)."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from tests.support.servers import serve


def _type(page: object, query: str) -> None:
    """Type ``query`` key by key (the theme reads the query on keyup; fill() sends no key events) and wait until the
    results shown answer the whole query: the search loader marks the result box with the query of its results."""
    page.click("label[for=__search]")
    page.locator(".md-search__input").press_sequentially(query)
    page.wait_for_selector(f".md-search-result[data-query={json.dumps(query, ensure_ascii=False)}]", timeout=20000)


def _search(page: object, base_url: str, start: str, query: str) -> list[str]:
    """Type ``query`` in the search box of ``start``; the result links, relative to the site."""
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(base_url + start)
    _type(page, query)
    page.search_requests = requests
    hrefs = page.eval_on_selector_all(".md-search-result__link", "els => els.map(e => e.href)")
    assert all(h.startswith(base_url) for h in hrefs), hrefs
    return [h[len(base_url):] for h in hrefs]


def _pages(results: list[str]) -> list[str]:
    """Result links → the pages, in order, each once."""
    return list(dict.fromkeys(r.split("#")[0] for r in results))


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


# "ho ngheo" is "hộ nghèo" (poor household) typed without tone marks. The theme alone put three pages first that
# only hold words starting with "ho" (hoặc, học, hỏi), tagged "Không: ngheo", and the page on the support groups sixth.
RANKING = [
    ("ho ngheo", "muc-dong-va-ho-tro/"),   # the page on contributions and support by group (hộ nghèo, hộ cận nghèo, …)
    ("hộ nghèo", "muc-dong-va-ho-tro/"),   # the same words typed with tone marks: the same page first
    ("luong huu", "quyen-loi/"),           # lương hưu: the benefits page
    ("diem thu", "diem-thu-va-lien-he/"),  # điểm thu: collection points
]


@pytest.mark.parametrize(("query", "first"), RANKING)
def test_multi_word_query_ranks_the_right_page_first(page: object, base_url: str, query: str, first: str) -> None:
    pages = _pages(_search(page, base_url, "", query))
    assert pages[0] == first, f"{query!r} → {pages[:6]}"


def test_pages_with_every_word_first_and_no_missing_word_on_them(page: object, base_url: str) -> None:
    _search(page, base_url, "", "ho ngheo")
    items = page.evaluate(r"""() => {
        const fold = s => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase()
        return [...document.querySelectorAll('.md-search-result__item')].map(item => ({
          page: item.querySelector('.md-search-result__link').href,
          both: [...item.querySelectorAll('.md-search-result__article')].some(a => !a.querySelector('del')
            && /\bho\b/.test(fold(a.textContent)) && /\bngheo/.test(fold(a.textContent))),
          // a word said to be missing from a result although the result holds it (folded)
          wrong: [...item.querySelectorAll('.md-search-result__article')].flatMap(a => {
            const words = [...a.querySelectorAll('del')].map(d => fold(d.textContent))
            const text = fold([...a.childNodes].filter(n => !n.classList || !n.classList.contains('md-search-result__terms'))
              .map(n => n.textContent).join(' '))
            return words.filter(w => new RegExp('\\b' + w + '\\b').test(text))
          })}))
    }""")
    assert items and items[0]["both"], items[:2]
    with_both = [i for i, item in enumerate(items) if item["both"]]
    without = [i for i, item in enumerate(items) if not item["both"]]
    assert not without or max(with_both) < min(without), f"a page without both words ranks above one with both: {items}"
    assert not [item for item in items if item["wrong"]], [item for item in items if item["wrong"]]
    shown = page.inner_text(".md-search-result")
    assert "Không:" not in shown, "the theme's cryptic 'Không: ~~…~~'"


def test_folded_query_highlighted_in_accented_text(page: object, base_url: str) -> None:
    _search(page, base_url, "", "luong huu")
    marked = page.eval_on_selector_all(".md-search-result mark", "els => els.map(e => e.textContent.toLowerCase())")
    assert "lương" in marked and "hưu" in marked, marked[:10]
    # and the results read at the site's 18 px (the theme's are 12.8 px)
    sizes = page.eval_on_selector_all(".md-search-result__article :is(h1, h2, p, li)",
                                      "els => els.filter(e => e.offsetParent).map(e => parseFloat(getComputedStyle(e).fontSize))")
    assert sizes and min(sizes) >= 18, sizes


def _cache_has(page: object, url: str) -> bool:
    return page.evaluate("""url => caches.keys().then(keys => Promise.all(keys.map(k => caches.open(k).then(c => c.match(url)))))
        .then(hits => hits.some(Boolean))""", url)


def test_search_works_offline_after_one_visit(browser: object, site_dir: Path) -> None:
    """Visit the home page once online; with no signal at all (Chromium offline, the server gone) search still works."""
    url, server = serve(site_dir)
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    try:
        page.goto(url, wait_until="load")
        page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=15_000)
        deadline = time.monotonic() + 30  # the worker caches the other pages and the index in the background
        while not (_cache_has(page, url + "search/search_index.json") and _cache_has(page, url + "quyen-loi/")):
            assert time.monotonic() < deadline, "the search index was not cached in the background"
            page.wait_for_timeout(200)
        context.set_offline(True)
        server.shutdown()
        server.server_close()
        page.goto(url + "quyen-loi/", wait_until="load")
        _type(page, "luong huu")
        links = page.eval_on_selector_all(".md-search-result__link", "els => els.map(e => e.href)")
        assert url + "quyen-loi/" in [h.split("#")[0] for h in links], links
    finally:
        context.close()
        server.shutdown()


def test_search_says_when_it_cannot_load(browser: object, site_dir: Path) -> None:
    """Offline before search was ever used (no service worker): a Vietnamese sentence, not "Initializing search" forever."""
    url, server = serve(site_dir)
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True,
                                  service_workers="block")
    page = context.new_page()
    try:
        page.goto(url + "quyen-loi/", wait_until="load")
        context.set_offline(True)
        server.shutdown()
        server.server_close()
        page.click("label[for=__search]")
        page.locator(".md-search__input").press_sequentially("luong")
        meta = page.locator(".md-search-result__meta")
        page.wait_for_function("() => /mạng/.test(document.querySelector('.md-search-result__meta').textContent)", timeout=15_000)
        assert "Không có mạng" in meta.inner_text()
    finally:
        context.close()
        server.shutdown()
