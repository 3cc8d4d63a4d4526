"""Escape by default, proven (issue 11, item 1): a build whose every data text is hostile runs no script anywhere.

The site is built from data/ with a payload in every text field of office.yml, campaigns.yml, national.yml,
policy.yml and texts.yml (``tests/support/hostile.py``), then every HTML file it contains (pages of both languages,
the 404 pages, the QR short paths) is opened in Chromium from a plain static server that sends no
Content-Security-Policy, as GitHub Pages would. Without the CSP, only escaping stands between the data and the
reader. Passes when: no dialog opens, no element carries an event-handler attribute or a script address, and each
value a page shows appears literally, as typed in the data file.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.builds import build_variant
from tests.support.dates import TEST_DATE
from tests.support.hostile import Payloads, write_hostile_data
from tests.support.servers import serve

# Attributes that run code, and attributes whose value is an address, in the DOM after the page ran.
DOM_PROBLEMS = """() => [...document.querySelectorAll('*')].flatMap(e => [...e.attributes]
  .filter(a => /^on/i.test(a.name) || (/^(href|src|action|formaction|srcdoc|xlink:href)$/i.test(a.name)
               && /^\\s*(javascript|vbscript|data):/i.test(a.value) && !(e.tagName === 'IMG' && /^data:image\\//.test(a.value))))
  .map(a => `<${e.tagName.toLowerCase()} ${a.name}="${a.value.slice(0, 60)}">`))"""
# What a reader sees or hears: the text, the title, and the names of links, images and meta previews.
VISIBLE = """() => [document.title, document.body.innerText,
  ...[...document.querySelectorAll('[title],[aria-label],[alt],meta[content]')]
     .map(e => [e.title, e.getAttribute('aria-label'), e.alt, e.content].filter(Boolean).join(' '))].join('\\n')"""
MARKER = re.compile(r"alert\((\d+)\)|<b>(\d+)</b>|\*(\d+)\*")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Payloads]]:
    root = tmp_path_factory.mktemp("hostile")
    payloads = write_hostile_data(root / "data")
    site = build_variant(root / "site", env={"DATA_DIR": str(root / "data"), "BUILD_DATE": TEST_DATE.isoformat()})
    yield site, payloads


def html_paths(site: Path) -> list[str]:
    """Every HTML file of the site as a URL path: pages, 404 pages, QR short paths."""
    return sorted("/" + p.relative_to(site).as_posix().removesuffix("index.html") for p in site.rglob("*.html"))


def _norm(text: str) -> str:
    return " ".join(text.split())


def test_hostile_data_runs_no_script_without_csp(browser: object, hostile: tuple[Path, Payloads]) -> None:
    site, payloads = hostile
    paths = html_paths(site)
    assert len(paths) > 30 and "/404.html" in paths and any(p.startswith("/q/") for p in paths)
    base, server = serve(site)
    dialogs: list[str] = []
    dom: dict[str, list[str]] = {}
    shown: list[str] = []
    context = browser.new_context(service_workers="block")
    page = context.new_page()
    page.on("dialog", lambda d: (dialogs.append(f"{page.url}: {d.type} {d.message}"), d.dismiss()))
    try:
        for path in paths:
            if path.startswith("/q/"):  # forwards at once (meta refresh): a script would run before the next page
                page.goto(base.rstrip("/") + path, wait_until="load")
                page.wait_for_url(lambda url: "/q/" not in url)
                page.wait_for_load_state("load")
                continue
            page.goto(base.rstrip("/") + path, wait_until="load")
            page.evaluate("window.dispatchEvent(new Event('beforeprint'))")  # the print view's code fills in too
            page.wait_for_timeout(100)
            problems = page.evaluate(DOM_PROBLEMS)
            if problems:
                dom[path] = problems
            shown.append(page.evaluate(VISIBLE))
    finally:
        context.close()
        server.shutdown()
    assert dialogs == [], "scripts from the data ran:\n" + "\n".join(dialogs[:20])
    assert dom == {}, f"event handlers or script addresses in the DOM: {dom}"

    text = "\n".join(shown)
    flat = _norm(text)
    mangled = []
    seen = 0
    for field, value in payloads.fields.items():
        marker = MARKER.search(value).group(0)
        if marker not in text:
            continue  # not on a page (print-only texts, texts with {placeholders} filled in, unused fields)
        if "{" in value:  # a texts.yml string with placeholders: compare the payload after the last one
            value = value[value.rindex("}") + 1:]
        seen += 1
        if _norm(value) not in flat and _norm(value).lower() not in flat.lower():  # headings may change the case
            at = text.index(marker)
            mangled.append(f"{field}: {value!r} shown as {text[max(0, at - 70):at + 20]!r}")
    assert not mangled, "values not shown as typed:\n" + "\n".join(mangled[:20])
    assert seen > 150, f"only {seen} hostile values reached a page: the test no longer covers the data"
    for must in ("office.name.vi", "office.address", "collection_points[0].name", "places[0].name", "campaigns[0].name.vi",
                 "lookup.name", "parameters.income_floor.values[3].note.vi", "documents.luat-41-2024.sets.vi"):
        assert MARKER.search(payloads.fields[must]).group(0) in text, f"{must} is not shown on any page"


def test_hostile_data_is_inert_in_the_files_served(hostile: tuple[Path, Payloads]) -> None:
    """No raw payload in any HTML file: every < and " of the data reached the page escaped."""
    site, payloads = hostile
    raw = [v for v in payloads.fields.values() if "<script>" in v or "onerror=" in v or "onload=" in v]
    assert raw
    found = []
    for path in site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        for marker in ("<script>alert(", "<img src=x onerror", "<svg onload", "<iframe srcdoc", "<a href=java&#115;cript"):
            if marker in html:
                found.append(f"{path.relative_to(site)}: {marker}")
    assert found == [], found[:20]
