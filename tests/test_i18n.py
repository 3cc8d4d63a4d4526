"""Two languages: every Vietnamese page has its English twin, the right ``lang``, a switcher that keeps
the reader on the same page both ways (clicked in real Chromium), and heading anchors that keep ``đ``."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from scripts.fmt import slugify
from scripts.paths import DOCS


def _pages(site: Path) -> list[str]:
    """The Vietnamese pages (from docs/vi/) as built folders ('' for the home page)."""
    return sorted("" if p.stem == "index" else f"{p.stem}/" for p in (DOCS / "vi").glob("*.md"))


def _explicit_ids() -> set[str]:
    """Anchors set by hand in Markdown (``## Title {#id}``): not made by slugify."""
    return {m for p in DOCS.glob("*/*.md") for m in re.findall(r"\{[^}\n]*#([\w-]+)", p.read_text(encoding="utf-8"))}


def _html_lang(path: Path) -> str:
    return re.search(r'<html[^>]*\blang="([^"]+)"', path.read_text(encoding="utf-8")).group(1)


def test_every_vietnamese_page_has_an_english_page(site_dir: Path) -> None:
    pages = _pages(site_dir)
    assert len(pages) >= 9
    for page in pages:
        assert _html_lang(site_dir / page / "index.html") == "vi", page
        twin = site_dir / "en" / page / "index.html"
        assert twin.is_file(), f"no English page for /{page}"
        assert _html_lang(twin) == "en", f"en/{page}"
    assert _html_lang(site_dir / "404.html") == "vi"


def _independent_slug(text: str) -> str:
    """The anchor a reader expects, written without scripts.fmt: tone marks dropped, đ → d."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    text = "".join(c for c in text if unicodedata.category(c) != "Mn").lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def test_slugify_keeps_d() -> None:
    assert slugify("Đóng tiền ở đâu?") == "dong-tien-o-dau"
    assert slugify("Những điều cần nhớ") == "nhung-dieu-can-nho"


def test_heading_anchors_keep_d_on_built_pages(site_dir: Path) -> None:
    heading = re.compile(r'<h([2-6]) id="([^"]+)"[^>]*>(.*?)<a class="headerlink"', re.S)
    with_d = 0
    explicit = _explicit_ids()
    for page in _pages(site_dir):
        html = (site_dir / page / "index.html").read_text(encoding="utf-8")
        for _, anchor, inner in heading.findall(html):
            text = re.sub(r"<[^>]+>", "", inner).strip()
            if anchor in explicit:
                continue
            expected = _independent_slug(text)
            assert re.fullmatch(re.escape(expected) + r"(_\d+)?", anchor), f"/{page}: {text!r} → #{anchor}, expected #{expected}"
            with_d += "đ" in text.lower()
    assert with_d >= 1, "no heading with đ found on the built pages"


@pytest.mark.parametrize(("start", "label", "expected"), [
    ("quyen-loi/", "English", "en/quyen-loi/"),
    ("en/quyen-loi/", "Tiếng Việt", "quyen-loi/"),
    ("", "English", "en/"),
    ("en/", "Tiếng Việt", ""),
    ("muc-dong-va-ho-tro/", "English", "en/muc-dong-va-ho-tro/"),
    ("en/hoi-dap/", "Tiếng Việt", "hoi-dap/"),
])
def test_language_switch_keeps_the_page(page: object, base_url: str, start: str, label: str, expected: str) -> None:
    statuses: list[tuple[int, str]] = []
    page.on("response", lambda r: statuses.append((r.status, r.url)))
    page.goto(base_url + start)
    link = page.get_by_role("link", name=label, exact=True)
    assert link.is_visible()
    box = link.bounding_box()
    assert box["height"] >= 44 and box["width"] >= 44, f"touch target {box}"
    with page.expect_navigation():
        link.click()
    page.wait_for_load_state("networkidle")
    assert page.url == base_url + expected
    lang = "en" if expected.startswith("en/") else "vi"
    assert page.evaluate("document.documentElement.lang") == lang
    local = [(s, u) for s, u in statuses if u.startswith(base_url)]
    assert [x for x in local if x[0] in (301, 302, 307, 308) or x[0] >= 400] == [], "redirects or missing files while switching"
