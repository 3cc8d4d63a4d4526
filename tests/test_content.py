"""The content pages: figures from the data, both languages, phone links, legal basis.

Reads the built site (``SITE_DIR`` or ``site/``). Expected amounts come from ``scripts.calc.contribution``
for the date the page says it was computed for, or from the policy reference, never from the rendered figures.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

import pytest

from scripts import fmt
from scripts.calc import contribution
from scripts.figures import _retirement_age_in, compute
from scripts.paths import ROOT
from scripts.policy import GROUPS, load_policy
from tests.support.builds import build_variant

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


def _computed_on(page: _Collect, lang: str) -> dt.date:
    """The date the page says its figures are for ("Số liệu tính cho ngày 25/11/2026" / "as of 25 November 2026")."""
    text = " ".join(page.text)
    if lang == "vi":
        m = re.search(r"tính cho ngày (\d{2})/(\d{2})/(\d{4})", text)
        assert m, "the page does not say for which date its figures are computed"
        return dt.date(int(m[3]), int(m[2]), int(m[1]))
    m = re.search(r"as of (\d{1,2} \w+ \d{4})", text)
    assert m, "the page does not say for which date its figures are computed"
    return dt.datetime.strptime(m[1], "%d %B %Y").date()


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
    assert page.description and page.description.split()[0] in source.split("---", 2)[1], "front matter was not read"
    assert "description:" not in " ".join(page.text), f"{lang}/{name}: front matter leaked into the page (quote its values)"


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_support_table_equals_calc(site_dir: Path, lang: str) -> None:
    page = _page(site_dir, lang, "muc-dong-va-ho-tro")
    on = _computed_on(page, lang)
    policy = load_policy()
    floor = policy.value("income_floor", on)
    ceiling = policy.value("ceiling_multiplier", on) * policy.value("reference_level", on)
    rows = [r for r in page.rows["support"] if r and r[0] and not r[0].startswith(("Nhóm", "Group"))]
    assert len(rows) == len(GROUPS)
    for row, group in zip(rows, GROUPS, strict=True):
        low, high = contribution(policy, floor, group, on), contribution(policy, ceiling, group, on)
        assert len(row) == 3, "three columns keep the table within a 360 px screen"
        assert f"{fmt.money_short(low.support, lang)} (" in row[0], (group, row)
        assert row[1].startswith(fmt.money_short(low.net, lang)), (group, row)
        assert row[2].startswith(fmt.money_short(high.net, lang)), (group, row)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_home_lists_lowest_payment_per_group(site_dir: Path, lang: str) -> None:
    page = _page(site_dir, lang, "index")
    on = _computed_on(page, lang)
    policy = load_policy()
    items = page.rows["net-min"]
    assert len(items) == len(GROUPS)
    for item, group in zip(items, GROUPS, strict=True):
        net = contribution(policy, policy.value("income_floor", on), group, on).net
        assert fmt.money(net, lang) in item[0], (group, item)
    assert any(h.startswith("tel:") for h in page.hrefs), "the home page needs a call button"


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
    on = _computed_on(_page(site_dir, lang, "muc-dong-va-ho-tro"), lang)
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
    schedule = load_policy().value("retirement_age", dt.date(2026, 1, 1))
    assert _retirement_age_in(schedule, "male", year) == male
    assert _retirement_age_in(schedule, "female", year) == female


def test_next_floor_figures_before_and_after_the_2027_change() -> None:
    before = compute(load_policy(), dt.date(2026, 11, 25)).figures
    assert before["floor_next"].value == 2_200_000 and not before["floor_next"].confirmed  # §10.3
    assert before["floor_next_from"].value == dt.date(2027, 1, 1)
    assert [before[f"net_min_next.{g}"].value for g in GROUPS] == [242_000, 290_400, 338_800, 387_200]
    after = compute(load_policy(), dt.date(2027, 1, 15)).figures
    assert "floor_next" not in after and after["net_min.other"].value == 387_200


def test_site_built_for_2027_shows_the_new_floor_as_unconfirmed(tmp_path: Path) -> None:
    site = build_variant(tmp_path / "site", env={"BUILD_DATE": "2027-01-15"})
    page = _page(site, "vi", "index")
    assert _computed_on(page, "vi") == dt.date(2027, 1, 15)
    text = " ".join(page.text)
    assert "387.200 đồng" in text and "(chưa xác nhận)" in text  # §10.3: 2,200,000 × 22% × 80%
    assert "dự kiến tăng" not in text  # no "next floor" paragraph once the change is in force
