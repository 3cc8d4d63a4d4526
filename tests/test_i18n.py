"""Two languages: every Vietnamese page has its English twin, the right ``lang``, a switcher that keeps
the reader on the same page both ways (clicked in real Chromium), and heading anchors that keep ``đ``."""

from __future__ import annotations

import json
import re
import unicodedata
from html.parser import HTMLParser
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


# Material's interface words in English (partials/languages/en.html and its templates), and its Vietnamese ones that
# read wrong: "Trở lại mục lục" means "back to the table of contents", "tài liệu" are documents, "Xoá" is the other
# tone-mark style. None may reach a reader of a Vietnamese page (overrides/partials/language.html, data/texts.yml ui.*).
THEME_WORDS = (
    "Made with", "Material for MkDocs", "Initializing search", "Type to start searching", "No matching documents",
    "matching document", "Missing", "Back to top", "Skip to content", "Copy to clipboard", "Copied to clipboard",
    "Not found", "Previous", "Next", "Search", "Clear", "Share", "Table of contents", "Navigation", "Header", "Footer",
    "Select language", "Trở lại mục lục", "tài liệu liên quan", "Không tìm thấy tài liệu", "Xoá",
)
WORD = {w: re.compile(rf"(?<![\w]){re.escape(w)}(?![\w])") for w in THEME_WORDS}


class _ReaderText(HTMLParser):
    """What a reader sees or hears on a page: text, aria-label/title/placeholder/alt values, the theme's translations
    (its ``__config`` JSON); not scripts and styles, nor what is marked ``lang="en"`` (the language switch)."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._stack: list[tuple[str, bool]] = []  # (tag, skipped)

    def _skipping(self) -> bool:
        return any(skip for _, skip in self._stack)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        skip = tag == "style" or a.get("lang") == "en" or (tag == "script" and a.get("id") != "__config")
        if tag not in ("meta", "link", "input", "img", "br", "hr", "source"):
            self._stack.append((tag, skip))
        if not (skip or self._skipping()):
            self.parts += [v for k, v in attrs if k in ("aria-label", "title", "placeholder", "alt") and v]

    def handle_endtag(self, tag: str) -> None:
        while self._stack:
            if self._stack.pop()[0] == tag:
                break

    def handle_data(self, data: str) -> None:
        if self._skipping():
            return
        if self._stack and self._stack[-1][0] == "script":  # the theme's __config: its translations only
            self.parts += list(json.loads(data).get("translations", {}).values())
        else:
            self.parts.append(data)


def _english_words(text: str) -> list[str]:
    return [w for w, rx in WORD.items() if rx.search(text)]


def test_vietnamese_pages_show_no_theme_english(site_dir: Path) -> None:
    files = [site_dir / "404.html"] + [site_dir / p / "index.html" for p in _pages(site_dir)]
    found = []
    for f in files:
        reader = _ReaderText()
        reader.feed(f.read_text(encoding="utf-8"))
        words = _english_words(" ".join(reader.parts))
        if words:
            found.append(f"{f.relative_to(site_dir)}: {words}")
    assert not found, "theme words in English on Vietnamese pages:\n" + "\n".join(found)


def test_the_check_sees_the_theme_strings() -> None:
    """The reader-text check itself: Material's footer and search strings are found where the theme writes them."""
    reader = _ReaderText()
    reader.feed('<footer>Made with <a href="#">Material for MkDocs</a></footer><input placeholder="Search">'
                '<script id="__config" type="application/json">{"translations": {"search.result.none": "No matching documents"}}</script>'
                '<a lang="en" href="en/">English</a><script>var Next = 1</script>')
    assert _english_words(" ".join(reader.parts)) == ["Made with", "Material for MkDocs", "No matching documents", "Search"]


def test_search_and_back_to_top_speak_vietnamese(page: object, base_url: str) -> None:
    """The words the theme's JavaScript writes while a reader searches and scrolls, in real Chromium."""
    page.goto(base_url + "quyen-loi/", wait_until="load")
    page.click("label[for=__search].md-header__button")
    box = page.locator(".md-search__input")
    meta = page.locator(".md-search-result__meta")
    seen = [meta.inner_text(), box.get_attribute("placeholder") or ""]
    box.press_sequentially("xqzv")
    page.wait_for_function("() => /\\S/.test(document.querySelector('.md-search-result__meta').textContent) && "
                           "!document.querySelector('.md-search-result__item')", timeout=15000)
    page.wait_for_function("t => document.querySelector('.md-search-result__meta').textContent.trim() !== t",
                           arg=seen[0].strip(), timeout=15000)
    seen.append(meta.inner_text())
    assert "Không có trang nào" in seen[-1], seen
    box.fill("")
    box.press_sequentially("bhxh")
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    seen.append(page.locator(".md-search").inner_text())
    assert "Tìm thấy" in seen[-1]
    page.keyboard.press("Escape")
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.mouse.wheel(0, -300)  # the theme shows "back to top" when the reader scrolls up
    top = page.locator(".md-top")
    top.wait_for(state="visible", timeout=5000)
    seen.append(top.inner_text())
    assert "Lên đầu trang" in seen[-1]
    english = _english_words(" ".join(seen))
    assert not english, f"{english} in {seen}"


def test_english_pages_get_english_theme_words(site_dir: Path) -> None:
    vietnamese = re.compile(r"[À-ỹĐđ]")
    for f in [site_dir / "en" / "404.html"] + [site_dir / "en" / p / "index.html" for p in _pages(site_dir)]:
        html = f.read_text(encoding="utf-8")
        config = json.loads(re.search(r'<script id="__config" type="application/json">(.*?)</script>', html, re.S).group(1))
        words = [w for w in config["translations"].values() if vietnamese.search(w)]
        assert not words, f"{f.relative_to(site_dir)}: {words}"
        assert "Back to top" in html, f
