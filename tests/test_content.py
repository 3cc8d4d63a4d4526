"""The content pages: figures from the data, both languages, phone links, legal basis.

Reads the site built for ``TEST_DATE`` (01/12/2026). Expected amounts are written here from the law for that day
(Law 41/2024, Decree 159/2025, Decree 161/2026, Decree 351/2025), never taken from the code that renders them.
"""

from __future__ import annotations

import re
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

import pytest

from scripts import fmt
from scripts.calc import retirement_age_in
from scripts.paths import ROOT
from scripts.policy import load_policy
from tests.support.builds import build_variant
from tests.support.dates import TEST_DATE

PAGES = ("index", "bhxh-tu-nguyen-la-gi", "quyen-loi", "muc-dong-va-ho-tro", "phuong-thuc-dong",
         "dang-ky-va-nop-tien", "hoi-dap", "diem-thu-va-lien-he", "can-cu-phap-ly")
MIN_WORDS = 150
# Same pattern as the project's before-stop check: 1.500.000, 1,500,000 VND / đ, VND 1,500,000.
TYPED_AMOUNT = re.compile(r"(^|[^0-9.])[0-9]{1,3}(\.[0-9]{3})+([^0-9]|$)|[0-9]{1,3}(,[0-9]{3})+ ?(VND|đ)|VND ?[0-9]{1,3}(,[0-9]{3})+")
JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)


# -------------------------------------------------------------------------------------------------
# Helpers
# -------------------------------------------------------------------------------------------------


class _Collect(HTMLParser):
    """Article text, table rows of ``data-table``/``data-list`` blocks, links, details and meta description."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.in_article = 0
        self.text: list[str] = []
        self.block: str | None = None
        self.depth = 0
        self.rows: dict[str, list[list[str]]] = {}
        self.cell: list[str] | None = None
        self.hrefs: list[str] = []
        self.details = 0
        self.ids: set[str] = set()
        self.description: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"] or "")
        if tag == "meta" and a.get("name") == "description":
            self.description = a.get("content")
        if tag == "article":
            self.in_article += 1
        if tag == "a" and a.get("href"):
            self.hrefs.append(a["href"] or "")
        if tag == "details":
            self.details += 1
        if tag == "div" and (a.get("data-table") or a.get("data-list")):
            self.block, self.depth = a.get("data-table") or a.get("data-list"), 0
            self.rows.setdefault(self.block, [])
        if self.block and tag == "div":
            self.depth += 1
        if self.block and tag in ("tr", "li"):
            self.rows[self.block].append([])
        if self.block and tag in ("td", "th", "li"):
            self.cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self.in_article -= 1
        if self.block and tag in ("td", "th", "li") and self.cell is not None:
            self.rows[self.block][-1].append(" ".join("".join(self.cell).split()))
            self.cell = None
        if self.block and tag == "div":
            self.depth -= 1
            if self.depth == 0:
                self.block = None

    def handle_data(self, data: str) -> None:
        if self.in_article:
            self.text.append(data)
        if self.cell is not None:
            self.cell.append(data)


def _page(site: Path, lang: str, name: str) -> _Collect:
    prefix = "en/" if lang == "en" else ""
    path = site / prefix / ("index.html" if name == "index" else f"{name}/index.html")
    assert path.exists(), f"{path} was not built"
    parser = _Collect()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


# -------------------------------------------------------------------------------------------------
# Sources
# -------------------------------------------------------------------------------------------------


def _all_markdown() -> list[Path]:
    return sorted((ROOT / "docs").rglob("*.md"))


@pytest.mark.parametrize("path", _all_markdown(), ids=lambda p: str(p.relative_to(ROOT)))
def test_markdown_is_nfc(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert unicodedata.is_normalized("NFC", text), f"{path}: not NFC; normalise it (unicodedata.normalize('NFC', …))"


@pytest.mark.parametrize("path", _all_markdown(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_amount_typed_by_hand(path: Path) -> None:
    text = JINJA.sub("", path.read_text(encoding="utf-8"))  # {{ f.… }} expressions are the right way
    bad = [line for line in text.splitlines() if TYPED_AMOUNT.search(line)]
    assert not bad, f"{path}: amounts typed by hand, use a figure from data/ instead: {bad[:3]}"


@pytest.mark.parametrize("name", PAGES)
def test_each_page_has_front_matter_and_english_twin(name: str) -> None:
    for lang in ("vi", "en"):
        text = (ROOT / "docs" / lang / f"{name}.md").read_text(encoding="utf-8")
        head = text.split("---", 2)
        assert text.startswith("---") and len(head) == 3, f"docs/{lang}/{name}.md has no front matter"
        assert re.search(r"^title: .+", head[1], re.M) and re.search(r"^description: .+", head[1], re.M)


# -------------------------------------------------------------------------------------------------
# Built pages
# -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("name", PAGES)
def test_page_is_substantial_with_short_description(site_dir: Path, name: str, lang: str) -> None:
    page = _page(site_dir, lang, name)
    words = len(" ".join(page.text).split())
    assert words >= MIN_WORDS, f"{lang}/{name}: only {words} words"
    assert page.description and "{" not in page.description
    assert len(page.description) <= 160, f"{lang}/{name}: description has {len(page.description)} characters"
    assert "{{" not in " ".join(page.text) and "{%" not in " ".join(page.text)
    source = (ROOT / "docs" / lang / f"{name}.md").read_text(encoding="utf-8")
    words = [w for w in JINJA.sub(" ", source.split("---", 2)[1].split("description:", 1)[1]).split() if w.isalpha()]
    assert words and words[0] in page.description, "front matter was not read"
    assert "description:" not in " ".join(page.text), f"{lang}/{name}: front matter leaked into the page (quote its values)"


# On 01/12/2026, per group (poor, near-poor, ethnic minority, other): support = 50/40/30/20 % of 22 % × 1.500.000;
# lowest payment = 330.000 − support; highest = 22 % × 20 × 2.530.000 − support = 11.132.000 − support;
# from 01/01/2027 (floor 2.200.000, unconfirmed): 484.000 − 50/40/30/20 % of it.
SUPPORT_2026 = {"vi": ["165.000 đ", "132.000 đ", "99.000 đ", "66.000 đ"], "en": ["VND 165,000", "VND 132,000", "VND 99,000", "VND 66,000"]}
LOWEST_2026 = {"vi": ["165.000 đồng", "198.000 đồng", "231.000 đồng", "264.000 đồng"],
               "en": ["VND 165,000", "VND 198,000", "VND 231,000", "VND 264,000"]}
HIGHEST_2026 = {"vi": ["10.967.000 đ", "11.000.000 đ", "11.033.000 đ", "11.066.000 đ"],
                "en": ["VND 10,967,000", "VND 11,000,000", "VND 11,033,000", "VND 11,066,000"]}
LOWEST_2027 = {"vi": ["242.000 đồng", "290.400 đồng", "338.800 đồng", "387.200 đồng"],
               "en": ["VND 242,000", "VND 290,400", "VND 338,800", "VND 387,200"]}


def _short(amount: str) -> str:
    return amount.replace(" đồng", " đ")


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_support_table_on_the_test_date(site_dir: Path, lang: str) -> None:
    page = _page(site_dir, lang, "muc-dong-va-ho-tro")
    table = [[c.replace("\xa0", " ") for c in r] for r in page.rows["support"] if r and r[0]]
    head, rows = table[0], table[1:]
    assert len(rows) == 4
    assert head[2] == ("Từ 01/01/2027" if lang == "vi" else "From 1 January 2027"), head
    for i, row in enumerate(rows):
        assert len(row) == 3, "three columns keep the table within a 360 px screen"
        assert f"{SUPPORT_2026[lang][i]} (" in row[0] and HIGHEST_2026[lang][i] in row[0], row
        assert row[1] == _short(LOWEST_2026[lang][i]), row
        assert row[2].startswith(_short(LOWEST_2027[lang][i])) and ("chưa xác nhận" in row[2] or "unconfirmed" in row[2]), row
    text = " ".join(" ".join(page.text).split())
    assert ("Số liệu áp dụng từ ngày 01/07/2026 đến hết ngày 31/12/2026." if lang == "vi"
            else "These figures apply from 1 July 2026 to 31 December 2026.") in text


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_home_lists_lowest_payment_per_group_with_the_coming_one(site_dir: Path, lang: str) -> None:
    page = _page(site_dir, lang, "index")
    items = page.rows["net-min"]
    assert len(items) == 4
    for i, item in enumerate(items):
        coming = f"{'từ 01/01/2027:' if lang == 'vi' else 'from 1 January 2027:'} {LOWEST_2027[lang][i]}"
        assert f"{LOWEST_2026[lang][i]} ({coming}" in item[0], item
    assert any(h.startswith("tel:") for h in page.hrefs), "the home page needs a call button"
    assert page.description.startswith("Mỗi tháng đóng từ 264.000 đồng; hộ nghèo từ 165.000 đồng" if lang == "vi"
                                       else "From VND 264,000 a month; poor households from VND 165,000"), page.description


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_faq_has_at_least_15_questions(site_dir: Path, lang: str) -> None:
    assert _page(site_dir, lang, "hoi-dap").details >= 15


def test_every_tel_link_is_digits_only(site_dir: Path) -> None:
    seen = 0
    for html in site_dir.rglob("*.html"):
        for href in re.findall(r'href="(tel:[^"]*)"', html.read_text(encoding="utf-8")):
            seen += 1
            assert re.fullmatch(r"tel:\+?[0-9]+", href), f"{html}: {href}"
    assert seen >= 10


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_contacts_page_lists_every_collection_point_with_its_phone(site_dir: Path, lang: str) -> None:
    from scripts.office import load_office

    page = _page(site_dir, lang, "diem-thu-va-lien-he")
    text = " ".join(page.text)
    for place in (*load_office().collection_points, *load_office().local_offices):
        assert place.name in text
        assert f"tel:{place.tel}" in page.hrefs


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_legal_page_lists_every_cited_document_and_unconfirmed_value(site_dir: Path, lang: str) -> None:
    policy = load_policy()
    page = _page(site_dir, lang, "can-cu-phap-ly")
    text = " ".join(" ".join(page.text).split())
    cited = {e.source for p in policy.parameters.values() for e in p.entries}
    for key in cited:
        doc = policy.documents[key]
        shown = doc.number if any(c.isdigit() for c in doc.number) else doc.kind[lang]
        assert shown in text, f"{lang}: document {key} ({shown}) is not on the legal page"
    assert "chua-xac-nhan" in page.ids
    section = text.split("chưa xác nhận" if lang == "vi" else "not yet confirmed", 1)[1]
    on = TEST_DATE
    for param in policy.parameters.values():
        for entry in param.entries:
            if not entry.confirmed and (entry.effective_to is None or entry.effective_to >= on):
                assert param.label[lang] in section and entry.note and entry.note[lang] in section
    assert fmt.date(policy.updated, lang) in text


def test_unconfirmed_figures_link_to_the_legal_page(site_dir: Path) -> None:
    html = (site_dir / "quyen-loi/index.html").read_text(encoding="utf-8")  # shows the social pension
    assert re.search(r'href="\.\./can-cu-phap-ly/#chua-xac-nhan"[^>]*>\(chưa xác nhận\)', html)


# -------------------------------------------------------------------------------------------------
# Figures, against the policy reference (../shared/policy-reference.md)
# -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("year", "male", "female"), [
    (2021, (60, 3), (55, 4)), (2026, (61, 6), (57, 0)), (2027, (61, 9), (57, 4)),
    (2028, (62, 0), (57, 8)), (2034, (62, 0), (59, 8)), (2035, (62, 0), (60, 0)), (2040, (62, 0), (60, 0)),
])
def test_retirement_age_follows_the_roadmap(year: int, male: tuple[int, int], female: tuple[int, int]) -> None:
    policy = load_policy()
    assert retirement_age_in(policy, "male", year) == male
    assert retirement_age_in(policy, "female", year) == female


def test_site_built_for_2027_shows_the_new_floor_as_unconfirmed(tmp_path: Path) -> None:
    site = build_variant(tmp_path / "site", env={"BUILD_DATE": "2027-01-15"})
    page = _page(site, "vi", "index")
    text = " ".join(" ".join(page.text).split())
    assert "387.200 đồng (chưa xác nhận)" in text  # Decree 351/2025: 2.200.000 × 22 % × (1 − 20 %)
    assert "Số liệu áp dụng từ ngày 01/01/2027" in text
    assert "(từ 01/01/2027" not in text, "no coming-change note once the change is in force"
