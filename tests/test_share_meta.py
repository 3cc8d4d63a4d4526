"""Link-preview tags on every built page, in both languages (issue 5): parsed with the standard library's
``html.parser``; the expected URLs come from ``data/office.yml`` and the page files in ``docs/``."""

from __future__ import annotations

import unicodedata
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from fontTools.ttLib import TTFont
from mkdocs.utils.meta import get_data
from PIL import Image

from scripts.office import load_office
from scripts.paths import DOCS
from scripts.printing.fonts import font_path

LANGS = ("vi", "en")
LOCALE = {"vi": "vi_VN", "en": "en_US"}


class Head(HTMLParser):
    """Collects <meta>, <link>, <title>, <html lang> and the share bar's Facebook link."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.metas: list[dict[str, str]] = []
        self.links: list[dict[str, str]] = []
        self.anchors: list[dict[str, str]] = []
        self.html_lang = ""
        self.title = ""
        self._in_title = False
        self._in_head = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "html":
            self.html_lang = a.get("lang", "")
        elif tag == "head":
            self._in_head = True
        elif tag == "meta" and self._in_head:
            self.metas.append(a)
        elif tag == "link" and self._in_head:
            self.links.append(a)
        elif tag == "title":
            self._in_title = True
        elif tag == "a":
            self.anchors.append(a)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        elif tag == "head":
            self._in_head = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data

    def meta(self, key: str) -> list[str]:
        return [m.get("content", "") for m in self.metas if m.get("property") == key or m.get("name") == key]

    def one(self, key: str) -> str:
        values = self.meta(key)
        assert len(values) == 1, f"{key}: expected exactly one tag, found {values}"
        return values[0]


def _front_matter(path: Path) -> dict:
    """The front matter as MkDocs reads it (an invalid block reads as none)."""
    return get_data(path.read_text(encoding="utf-8"))[1]


def _pages() -> list[tuple[str, str, str]]:
    """(lang, page stem, path relative to the site root) for every page in docs/."""
    out = []
    for lang in LANGS:
        for md in sorted((DOCS / lang).glob("*.md")):
            stem = md.stem
            path = ("" if lang == "vi" else "en/") + ("" if stem == "index" else f"{stem}/")
            out.append((lang, stem, path))
    return out


PAGES = _pages()


@pytest.fixture(scope="module")
def site_url() -> str:
    return load_office().site_url


def _parse(site_dir: Path, path: str) -> Head:
    head = Head()
    head.feed((site_dir / path / "index.html").read_text(encoding="utf-8"))
    return head


def _absolute(url: str, site_url: str) -> None:
    parts = urlsplit(url)
    assert parts.scheme == "https" and parts.netloc, f"not absolute: {url}"
    assert url.startswith(site_url), f"{url} is not on {site_url}"
    assert not parts.query and not parts.fragment, f"query or fragment in {url}"


def test_every_page_is_covered(site_dir: Path) -> None:
    assert len(PAGES) >= 20, "both languages should have their pages"
    for _, _, path in PAGES:
        assert (site_dir / path / "index.html").is_file(), path


@pytest.mark.parametrize(("lang", "stem", "path"), PAGES, ids=[p[2] or "/" for p in PAGES])
def test_link_preview_tags(site_dir: Path, site_url: str, lang: str, stem: str, path: str) -> None:
    head = _parse(site_dir, path)
    canonical = site_url + path
    other = "en" if lang == "vi" else "vi"
    twin = site_url + ("en/" if lang == "vi" else "") + path.removeprefix("en/")

    assert head.html_lang == lang
    # Canonical: one <link>, equal to og:url, absolute, no query.
    canon = [ln["href"] for ln in head.links if ln.get("rel") == "canonical"]
    assert canon == [canonical]
    assert head.one("og:url") == canonical

    # hreflang: absolute only, both languages and x-default → Vietnamese; no relative leftovers from the theme.
    hreflang = {ln["hreflang"]: ln["href"] for ln in head.links if ln.get("rel") == "alternate" and "hreflang" in ln}
    assert len([ln for ln in head.links if ln.get("rel") == "alternate" and "hreflang" in ln]) == 3
    assert hreflang == {lang: canonical, other: twin, "x-default": site_url + path.removeprefix("en/")}
    for url in hreflang.values():
        _absolute(url, site_url)

    # Titles and descriptions.
    title = head.one("og:title")
    assert title.strip() and head.title.startswith(title), (title, head.title)
    assert head.one("twitter:title") == title
    description = head.one("description")  # exactly one <meta name="description">
    assert head.one("og:description") == description == head.one("twitter:description")
    assert 20 <= len(description) <= 160, description
    assert "{{" not in description and "](" not in description and "<" not in description
    assert not description.startswith(("title:", "description:")), "front matter leaked into the page (invalid YAML?)"
    assert unicodedata.is_normalized("NFC", description)
    fm = _front_matter(DOCS / lang / f"{stem}.md")
    if fm.get("description") and "{{" not in fm["description"]:
        written = " ".join(fm["description"].split())
        assert description == written or (description.endswith("…") and written.startswith(description[:-1].rstrip()))

    # Type, site name, locales.
    assert head.one("og:type") == ("website" if stem == "index" else "article")
    assert head.one("og:site_name").strip()
    assert head.one("og:locale") == LOCALE[lang]
    assert head.one("og:locale:alternate") == LOCALE[other]

    # Image: absolute, on the site, a real 1200×630 PNG.
    image = head.one("og:image")
    _absolute(image, site_url)
    assert head.one("twitter:image") == image
    assert head.one("twitter:card") == "summary_large_image"
    width, height = int(head.one("og:image:width")), int(head.one("og:image:height"))
    assert (width, height) == (1200, 630)
    assert head.one("og:image:alt").strip()
    file = site_dir / image.removeprefix(site_url)
    with Image.open(file) as img:
        assert img.size == (width, height)
        assert img.format == {"image/png": "PNG", "image/jpeg": "JPEG"}[head.one("og:image:type")]
    assert file.stat().st_size < 150_000, "a share image should stay small for weak connections"

    # Share bar: the Facebook link carries the canonical address. A page kept out of search (the staff page,
    # robots noindex) is not for sharing: it has no share bar.
    facebook = [a["href"] for a in head.anchors if a.get("href", "").startswith("https://www.facebook.com/sharer/")]
    if any("noindex" in r for r in head.meta("robots")):
        assert facebook == []
        return
    assert len(facebook) == 1
    assert parse_qs(urlsplit(facebook[0]).query)["u"] == [canonical]


def test_home_preview_names_the_group_and_the_dates(site_dir: Path) -> None:
    """On 01/12/2026 (TEST_DATE), by hand from the law: floor 1.500.000 (rural poverty line, Decree 351/2025 keeps
    it for 2026) × 22 % (Law 41 Art 36(1)) = 330.000; the State pays 20 % of it for "người tham gia khác" and 50 %
    for poor households (Decree 159/2025 Art 5(1)): 264.000 and 165.000. From 01/01/2027 the floor is 2.200.000
    (Decree 351/2025, unconfirmed): 484.000 → 387.200 and 242.000. The 90-day window includes 01/01/2027."""
    vi = _parse(site_dir, "").one("og:image:alt")
    assert "Mỗi tháng đóng từ 264.000 đ; hộ nghèo từ 165.000 đ. Áp dụng đến 31/12/2026." in vi, vi
    assert "Từ 01/01/2027: mỗi tháng đóng từ 387.200 đ; hộ nghèo từ 242.000 đ (chưa xác nhận)" in vi, vi
    assert "Chỉ từ" not in vi  # the poor-household figure never stands alone
    en = _parse(site_dir, "en/").one("og:image:alt")
    assert "From VND 264,000 a month; poor households from VND 165,000. Applies until 31 December 2026." in en, en
    assert "From 1 January 2027: from VND 387,200 a month; poor households from VND 242,000 (unconfirmed)" in en, en
    # Both descriptions follow the same rule (headline.lowest in the front matter).
    assert _parse(site_dir, "").one("og:description").startswith("Mỗi tháng đóng từ 264.000 đồng; hộ nghèo từ 165.000 đồng")


def test_image_names_carry_the_hash_of_their_bytes(site_dir: Path, site_url: str) -> None:
    import hashlib

    for _, stem, path in PAGES:
        image = _parse(site_dir, path).one("og:image")
        name = image.rsplit("/", 1)[1]
        digest = hashlib.sha256((site_dir / image.removeprefix(site_url)).read_bytes()).hexdigest()[:10]
        assert name == f"{stem}.{digest}.png", image


def test_every_title_character_is_in_the_font(site_dir: Path) -> None:
    """Every character drawn on a share image (titles, office names) exists in Be Vietnam Pro."""
    texts = []
    for _, _, path in PAGES:
        texts.append(_parse(site_dir, path).one("og:title"))
    office = load_office()
    texts += list(office.short_name.values())
    for weight in (700, 600, 800):
        cmap = TTFont(font_path(weight)).getBestCmap()
        missing = {ch for t in texts for ch in unicodedata.normalize("NFC", t) if not ch.isspace() and ord(ch) not in cmap}
        assert not missing, f"weight {weight} lacks {sorted(missing)}"
    # The check would catch a character outside the font:
    assert ord("あ") not in TTFont(font_path(700)).getBestCmap()
