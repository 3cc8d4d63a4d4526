"""Share images, share-kit messages and the changes page on both sides of each change date in data/policy.yml.

Four builds (30/06/2026, 01/07/2026, 31/12/2026, 01/01/2027). Every expected value is written here by hand:

* income floor = rural poverty line: 1.500.000 until 31/12/2026 (Decree 351/2025 keeps the 2022–2025 line for 2026),
  2.200.000 from 01/01/2027 to 31/12/2030 (Decree 351/2025, 2027–2030 line; unconfirmed: not yet announced by VSS);
* 22 % of it (Law 41/2024 Art 36(1)): 330.000, then 484.000; the State pays 50 / 40 / 30 / 20 % of that for poor,
  near-poor, ethnic-minority and other participants (Decree 159/2025 Art 5(1)): others pay 264.000 → 387.200, poor
  households 165.000 → 242.000;
* reference level 2.340.000 until 30/06/2026, 2.530.000 from 01/07/2026 (Decree 161/2026 Art 3(2)); highest income
  20 × it (Law 41 Art 31(2)): 46.800.000 → 50.600.000; funeral allowance 10 × it (Law 41 Art 109): 23.400.000 → 25.300.000;
* retirement age (Decree 135/2020 Art 4): men 60y3m in 2021 + 3 months a year up to 62, women 55y4m + 4 months up to 60:
  2026 men 61y6m, women 57y; 2027 men 61y9m, women 57y4m; 2028 men 62, women 57y8m;
* the office's transition window is 90 days (data/office.yml): 31/12/2026 is inside it for 01/01/2027, 30/06/2026
  and 01/07/2026 are not (185 and 184 days before).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from scripts.office import load_office
from scripts.share_images import drawn_lines
from tests.support.builds import build_variant

DATES = ("2026-06-30", "2026-07-01", "2026-12-31", "2027-01-01")
NOW_2026 = "Mỗi tháng đóng từ 264.000 đ; hộ nghèo từ 165.000 đ"
NOW_2027 = "Mỗi tháng đóng từ 387.200 đ; hộ nghèo từ 242.000 đ (chưa xác nhận)"
COMING_2027 = "Từ 01/01/2027: mỗi tháng đóng từ 387.200 đ; hộ nghèo từ 242.000 đ (chưa xác nhận)"
EN_NOW_2026 = "From VND 264,000 a month; poor households from VND 165,000"
EN_COMING_2027 = "From 1 January 2027: from VND 387,200 a month; poor households from VND 242,000 (unconfirmed)"


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("dated")
    return {d: build_variant(root / d, env={"BUILD_DATE": d}) for d in DATES}


class Page(HTMLParser):
    """og:image, the share-kit message boxes (their paragraphs) and the changes page's tables (their rows)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.title = ""
        self.messages: dict[str, list[str]] = {}
        self.tables: dict[str, list[list[str]]] = {}
        self._msg: str | None = None
        self._table: str | None = None
        self._depth = 0
        self._cell: list[str] | None = None
        self._row: list[str] | None = None
        self._para: list[str] | None = None
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "meta" and a.get("property"):
            self.meta[a["property"]] = a.get("content", "")
        elif tag == "h1":
            self._in_title = True
        elif tag == "div" and "share-kit__message" in a.get("class", ""):
            self._msg, self._depth = a["id"].removeprefix("msg-"), 1
            self.messages[self._msg] = []
        elif tag == "div" and a.get("data-table", "").startswith("changes-"):
            self._table = a["data-table"].removeprefix("changes-")
            self.tables[self._table] = []
        elif tag == "div" and self._msg:
            self._depth += 1
        elif tag == "p" and self._msg:
            self._para = []
        elif tag == "br" and self._para is not None:
            self.messages[self._msg].append(" ".join("".join(self._para).split()))
            self._para = []
        elif tag == "tr" and self._table:
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []
        elif tag == "br" and self._cell is not None:
            self._cell.append(" | ")

    def handle_endtag(self, tag: str) -> None:
        if tag == "h1":
            self._in_title = False
        elif tag == "p" and self._para is not None:
            self.messages[self._msg].append(" ".join("".join(self._para).split()))
            self._para = None
        elif tag == "div" and self._msg:
            self._depth -= 1
            if not self._depth:
                self._msg = None
        elif tag == "div" and self._table:
            self._table = None
        elif tag in ("td", "th") and self._cell is not None:
            self._row.append(" ".join("".join(self._cell).replace("\u00a0", " ").split()))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self.tables[self._table].append(self._row)
            self._row = None

    def handle_data(self, data: str) -> None:
        if self._in_title and data != "#":
            self.title += data
        if self._para is not None:
            self._para.append(data)
        if self._cell is not None:
            self._cell.append(data)


def _page(site: Path, path: str) -> Page:
    p = Page()
    p.feed((site / path / "index.html").read_text(encoding="utf-8"))
    return p


def _image(site: Path, path: str) -> tuple[str, dict[str, str]]:
    """The og:image file name of a page and its drawn texts (each field's lines joined)."""
    url = _page(site, path).meta["og:image"]
    file = site / url.removeprefix(load_office().site_url)
    return file.name, {k: " ".join(v) for k, v in drawn_lines(file).items()}


# -------------------------------------------------------------------------------------------------
# Share images
# -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("day", "figure", "valid", "coming"), [
    ("2026-06-30", NOW_2026, "Áp dụng đến 31/12/2026", ""),
    ("2026-07-01", NOW_2026, "Áp dụng đến 31/12/2026", ""),  # 01/07/2026 changes the ceiling, not the lowest payment
    ("2026-12-31", NOW_2026, "Áp dụng đến 31/12/2026", COMING_2027),
    ("2027-01-01", NOW_2027, "Áp dụng đến 31/12/2030", ""),  # the 2027–2030 line ends 31/12/2030
], ids=DATES)
def test_share_image_text_on_each_side(sites: dict[str, Path], day: str, figure: str, valid: str, coming: str) -> None:
    for path in ("", "tinh-muc-dong/", "hoi-dap/"):
        _, lines = _image(sites[day], path)
        assert (lines["figure"], lines["valid"], lines["coming"]) == (figure, valid, coming), (day, path)
        assert lines["office"] == "BHXH tỉnh Thái Nguyên" and lines["footer"] == "bhxh-tu-nguyen.example.vn"
    # A page that is not about the price carries no figure, so no date either.
    _, lines = _image(sites[day], "can-cu-phap-ly/")
    assert (lines["figure"], lines["valid"], lines["coming"]) == ("", "", "")


def test_english_share_image_on_31_december(sites: dict[str, Path]) -> None:
    _, lines = _image(sites["2026-12-31"], "en/")
    assert lines["figure"] == EN_NOW_2026
    assert lines["valid"] == "Applies until 31 December 2026"
    assert lines["coming"] == EN_COMING_2027


def test_image_url_changes_exactly_when_the_image_does(sites: dict[str, Path], site_dir: Path) -> None:
    names = {day: _image(sites[day], "")[0] for day in DATES}
    assert names["2026-06-30"] == names["2026-07-01"]  # same text drawn, same bytes, same URL: no needless refetch
    assert names["2026-07-01"] != names["2026-12-31"]  # the coming figure appears
    assert names["2026-12-31"] != names["2027-01-01"]  # new figures
    assert _image(site_dir, "")[0] == names["2026-12-31"]  # 01/12/2026 draws what 31/12/2026 draws
    for day in DATES:
        assert names[day].startswith("index.") and names[day].endswith(".png")


# -------------------------------------------------------------------------------------------------
# Share kit
# -------------------------------------------------------------------------------------------------

HOME_2026 = ("Bảo hiểm xã hội tự nguyện. Mỗi tháng đóng từ 264.000 đồng; hộ nghèo từ 165.000 đồng. Nhà nước hỗ trợ "
             "một phần. Đóng đủ 15 năm, về già có lương hưu và thẻ bảo hiểm y tế miễn phí.")
HOME_2027 = HOME_2026.replace("264.000 đồng; hộ nghèo từ 165.000 đồng.", "387.200 đồng; hộ nghèo từ 242.000 đồng (chưa xác nhận).")
KIT_COMING = "Từ 01/01/2027: mỗi tháng đóng từ 387.200 đồng; hộ nghèo từ 242.000 đồng (chưa xác nhận)."


@pytest.mark.parametrize(("day", "home"), [
    ("2026-06-30", [HOME_2026, "Số liệu áp dụng đến 31/12/2026."]),
    ("2026-07-01", [HOME_2026, "Số liệu áp dụng đến 31/12/2026."]),
    ("2026-12-31", [HOME_2026, "Số liệu áp dụng đến 31/12/2026.", KIT_COMING]),
    ("2027-01-01", [HOME_2027, "Số liệu áp dụng đến 31/12/2030."]),
], ids=DATES)
def test_share_kit_messages_on_each_side(sites: dict[str, Path], day: str, home: list[str]) -> None:
    url = load_office().site_url
    vi = _page(sites[day], "bo-cong-cu-chia-se/").messages
    assert vi["home"] == [*home, f"Xem chi tiết: {url}"]
    # 15 years for a pension since 01/07/2025 (Law 41/2024 Art 98), no end known: "từ".
    assert vi["benefits"][1] == "Số liệu áp dụng từ 01/07/2025."
    # Support rates (Decree 159/2025 Art 5(1), in force from 01/07/2025, no end set) do not change on these dates, nor
    # when the income floor's 2027–2030 entry runs out: "từ 01/07/2025", no coming line.
    support = vi["support"]
    assert support[0].startswith("Nhà nước hỗ trợ tiền đóng BHXH tự nguyện: 50% cho hộ nghèo") and "tối đa 10 năm" in support[0]
    assert len(support) == 3 and support[1] == "Số liệu áp dụng từ 01/07/2025."
    # A message without figures has nothing to date.
    assert vi["calculator"] == ["Bạn muốn biết mỗi tháng phải đóng bao nhiêu tiền BHXH tự nguyện? Chọn mức thu "
                                   "nhập, trang này tính ngay số tiền bạn đóng và phần Nhà nước hỗ trợ.",
                                   f"Tính thử: {url}tinh-muc-dong/"]
    # The English kit hands staff the same Vietnamese messages.
    assert _page(sites[day], "en/bo-cong-cu-chia-se/").messages == vi


# -------------------------------------------------------------------------------------------------
# The changes page
# -------------------------------------------------------------------------------------------------


def test_changes_page_before_1_july_2026(sites: dict[str, Path]) -> None:
    page = _page(sites["2026-06-30"], "thay-doi-sap-toi/")
    assert page.title == "Những gì thay đổi từ 01/07/2026"
    rules = {r[0].split(" | ")[0]: r[1:] for r in page.tables["rules"][1:]}
    assert rules["Mức tham chiếu (bằng lương cơ sở)"] == ["2.340.000 đồng", "2.530.000 đồng"]
    assert "Nghị định 161/2026/NĐ-CP, Điều 3 khoản 2" in next(r[0] for r in page.tables["rules"] if r[0].startswith("Mức tham chiếu"))
    social = next(v for k, v in rules.items() if k.startswith("Trợ cấp hưu trí xã hội"))
    assert social == ["500.000 đồng", "540.000 đồng (chưa xác nhận)"]
    assert set(page.tables) == {"net_max", "rules", "derived"}  # the lowest payments do not change on 01/07/2026
    # 22 % of 20 × reference level, less the support on the lowest income (165.000 poor … 66.000 others).
    assert page.tables["net_max"][1:] == [
        ["Hộ nghèo; xã đảo, đặc khu", "10.131.000 đ", "10.967.000 đ"], ["Hộ cận nghèo", "10.164.000 đ", "11.000.000 đ"],
        ["Người dân tộc thiểu số", "10.197.000 đ", "11.033.000 đ"], ["Người tham gia khác", "10.230.000 đ", "11.066.000 đ"]]
    derived = {r[0].split(" | ")[0]: r[1:] for r in page.tables["derived"][1:]}
    assert derived == {"Thu nhập cao nhất để đóng": ["46.800.000 đ", "50.600.000 đ"],
                       "Tổng tiền đóng ở mức thu nhập cao nhất": ["10.296.000 đ", "11.132.000 đ"],
                       "Trợ cấp mai táng": ["23.400.000 đ", "25.300.000 đ"]}


@pytest.mark.parametrize("day", ["2026-07-01", "2026-12-31"])
def test_changes_page_before_1_january_2027(sites: dict[str, Path], day: str) -> None:
    page = _page(sites[day], "thay-doi-sap-toi/")
    assert page.title == "Những gì thay đổi từ 01/01/2027"
    rules = page.tables["rules"][1:]
    assert len(rules) == 1 and rules[0][0].startswith("Thu nhập thấp nhất để đóng")
    assert "Nghị định 351/2025/NĐ-CP" in rules[0][0]
    assert rules[0][1:] == ["1.500.000 đồng", "2.200.000 đồng (chưa xác nhận)"]
    assert page.tables["net_min"][1:] == [
        ["Hộ nghèo; xã đảo, đặc khu", "165.000 đ", "242.000 đ (chưa xác nhận)"],
        ["Hộ cận nghèo", "198.000 đ", "290.400 đ (chưa xác nhận)"],
        ["Người dân tộc thiểu số", "231.000 đ", "338.800 đ (chưa xác nhận)"],
        ["Người tham gia khác", "264.000 đ", "387.200 đ (chưa xác nhận)"]]
    assert page.tables["support"][1:] == [
        ["Hộ nghèo; xã đảo, đặc khu", "165.000 đ", "242.000 đ (chưa xác nhận)"],
        ["Hộ cận nghèo", "132.000 đ", "193.600 đ (chưa xác nhận)"],
        ["Người dân tộc thiểu số", "99.000 đ", "145.200 đ (chưa xác nhận)"],
        ["Người tham gia khác", "66.000 đ", "96.800 đ (chưa xác nhận)"]]
    derived = {r[0].split(" | ")[0]: r[1:] for r in page.tables["derived"][1:]}
    assert derived["Tuổi nghỉ hưu của nam (theo năm nghỉ hưu)"] == ["61 tuổi 6 tháng", "61 tuổi 9 tháng"]
    assert derived["Tuổi nghỉ hưu của nữ (theo năm nghỉ hưu)"] == ["57 tuổi", "57 tuổi 4 tháng"]
    assert derived["Tổng tiền đóng ở mức thu nhập thấp nhất, trước hỗ trợ"] == ["330.000 đ", "484.000 đ (chưa xác nhận)"]
    en = _page(sites[day], "en/thay-doi-sap-toi/")
    assert en.title == "What changes on 1 January 2027"
    assert en.tables["net_min"][4] == ["Everyone else", "VND 264,000", "VND 387,200 (unconfirmed)"]


def test_changes_page_after_1_january_2027(sites: dict[str, Path]) -> None:
    page = _page(sites["2027-01-01"], "thay-doi-sap-toi/")
    assert page.title == "Những gì thay đổi từ 01/01/2028"  # only the yearly step of the retirement age
    assert set(page.tables) == {"derived"}
    html = (sites["2027-01-01"] / "thay-doi-sap-toi" / "index.html").read_text(encoding="utf-8")
    assert 'id="theo-nhom-nguoi-tham-gia"' not in html and 'id="theo-quy-dinh"' not in html  # no empty sections
    derived = {r[0].split(" | ")[0]: r[1:] for r in page.tables["derived"][1:]}
    assert derived == {"Tuổi nghỉ hưu của nam (theo năm nghỉ hưu)": ["61 tuổi 9 tháng", "62 tuổi"],
                       "Tuổi nghỉ hưu của nữ (theo năm nghỉ hưu)": ["57 tuổi 4 tháng", "57 tuổi 8 tháng"]}


@pytest.mark.parametrize(("day", "description"), [
    # By hand: 1.500.000 × 22 % = 330.000, less 20 % / 50 % (Decree 159/2025 Art 5(1)); the floor rises on 01/01/2027.
    ("2026-12-31", "Mỗi tháng đóng từ 264.000 đồng; hộ nghèo từ 165.000 đồng. Áp dụng đến 31/12/2026."),
    # 2.200.000 × 22 % = 484.000 → 387.200 / 242.000, unconfirmed (Decree 351/2025 not yet applied by VSS).
    ("2027-01-01", "Mỗi tháng đóng từ 387.200 đồng; hộ nghèo từ 242.000 đồng (chưa xác nhận). Áp dụng đến 31/12/2030."),
])
def test_link_preview_description_says_until_when(sites: dict[str, Path], day: str, description: str) -> None:
    """The text Zalo and Facebook show under the picture: the figures, their label and their date, like the image."""
    for path in ("", "muc-dong-va-ho-tro/"):
        html = (sites[day] / path / "index.html").read_text(encoding="utf-8")
        meta = re.search(r'<meta property="og:description" content="([^"]*)"', html).group(1)
        assert meta.startswith(description), (day, path, meta)


def test_ready_made_table_announces_the_new_floor(sites: dict[str, Path]) -> None:
    """The calculator page's table holds until 31/12/2026; within the 90 days before, the line under it gives the
    2027 floor (Decree 351/2025, 2.200.000, unconfirmed) and lowest payments (484.000 less 20 % / 50 %)."""
    def text(day: str) -> str:
        html = (sites[day] / "tinh-muc-dong" / "index.html").read_text(encoding="utf-8")
        return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html)).replace("\xa0", " ")

    assert ("Từ 01/01/2027: thu nhập thấp nhất 2.200.000 đồng (chưa xác nhận); đóng từ 387.200 đồng (chưa xác nhận), "
            "hộ nghèo từ 242.000 đồng (chưa xác nhận).") in text("2026-12-31")
    assert "Từ 01/01/2027: thu nhập thấp nhất" not in text("2026-06-30")  # 01/01/2027 is more than 90 days away
    assert "Từ 01/01/2027: thu nhập thấp nhất" not in text("2027-01-01")
