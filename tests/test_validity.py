"""When figures hold: windows from the data, builds on both sides of each change, and a page read after a change.

The changes in ``data/policy.yml`` this checks, from the law:
* 01/07/2026: reference level 2.340.000 → 2.530.000 (Decree 161/2026 Art 3(2)), so the highest income basis
  46.800.000 → 50.600.000 (20 ×, Law 41 Art 31(2)) and the funeral allowance 23.400.000 → 25.300.000 (10 ×, Art 109(2));
* 01/01/2027: the rural poverty line 1.500.000 → 2.200.000 (Decree 351/2025; unconfirmed for BHXH tự nguyện), so the
  lowest payments 165.000/198.000/231.000/264.000 → 242.000/290.400/338.800/387.200 (22 % less 50/40/30/20 %
  support, Decree 159/2025 Art 5); the retirement age for men 61 years 6 months in 2026, 61 years 9 months in 2027
  (Decree 135/2020 Art 4: +3 months a year from 60 years 3 months in 2021).
Expected values are written here from those texts, not taken from the code.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest

from scripts.policy import load_policy
from scripts.validity import change_lines, coming, window
from tests.support.servers import serve

D = dt.date
POLICY = load_policy()


# -------------------------------------------------------------------------------------------------
# Windows, from the data
# -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("names", "on", "start", "end"), [
    (["net_min.poor"], D(2026, 12, 1), D(2025, 7, 1), D(2026, 12, 31)),  # Decree 159 support from 01/07/2025; floor up 01/01/2027
    (["net_min.poor", "ceiling"], D(2026, 12, 1), D(2026, 7, 1), D(2026, 12, 31)),  # the ceiling changed 01/07/2026
    (["ceiling"], D(2026, 6, 30), D(2024, 7, 1), D(2026, 6, 30)),  # Decree 73/2024 from 01/07/2024 to Decree 161/2026
    (["funeral"], D(2026, 12, 1), D(2026, 7, 1), None),  # no later change known: "áp dụng từ 01/07/2026"
    (["retirement_age_years.male", "retirement_age_months.male"], D(2026, 12, 1), D(2026, 1, 1), D(2026, 12, 31)),
    (["net_min.other"], D(2027, 1, 1), D(2027, 1, 1), D(2030, 12, 31)),  # Decree 351: the 2027–2030 line, data to 2030
    # The support rates (Decree 159/2025, no end) outlive the floor's 2030 entry: no end, though the floor's figures end
    (["support_rate.poor"], D(2027, 1, 2), D(2025, 7, 1), None),
])
def test_window(names: list[str], on: dt.date, start: dt.date, end: dt.date | None) -> None:
    w = window(POLICY, names, on)
    assert (w.start, w.end) == (start, end)


def test_coming_within_the_transition_window_only() -> None:
    day, figures = coming(POLICY, ["net_min.poor"], D(2026, 12, 1), 90)
    assert day == D(2027, 1, 1)
    assert figures.get("net_min.poor").value == 242_000 and not figures.get("net_min.poor").confirmed
    assert coming(POLICY, ["net_min.poor"], D(2026, 10, 2), 90) is None  # 91 days before
    assert coming(POLICY, ["net_min.poor"], D(2026, 10, 3), 90) is not None  # 90 days before
    assert coming(POLICY, ["maternity"], D(2026, 12, 1), 90) is None  # 2.000.000 per child does not change


def test_build_message_within_30_days() -> None:
    assert change_lines(POLICY, D(2026, 11, 30)) == []  # 32 days before
    (line,) = change_lines(POLICY, D(2026, 12, 15))
    assert line.startswith("01/01/2027: ") and "1.500.000 → 2.200.000 (chưa xác nhận)" in line


# -------------------------------------------------------------------------------------------------
# Built pages on both sides of each change
# -------------------------------------------------------------------------------------------------


class _Text(HTMLParser):
    """The visible text of ``<article>`` and the texts of the ``data-list``/``data-table`` blocks."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth, self.parts, self.hidden = 0, [], 0

    BLOCKS = frozenset({"p", "li", "td", "th", "tr", "div", "br", "h1", "h2", "h3", "table", "ul", "ol", "small"})

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article":
            self.depth += 1
        if tag == "script":
            self.hidden += 1
        if tag in self.BLOCKS:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self.depth -= 1
        if tag == "script":
            self.hidden -= 1
        if tag in self.BLOCKS:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if self.depth and not self.hidden:
            self.parts.append(data)


def _text(site: Path, page: str) -> str:
    parser = _Text()
    parser.feed((site / page / "index.html").read_text(encoding="utf-8"))
    return " ".join("".join(parser.parts).replace("\xa0", " ").split())


@pytest.mark.parametrize(("day", "shown", "absent"), [
    ("2026-06-30", ["10.230.000 đ", "Số liệu áp dụng từ ngày 01/07/2025 đến hết ngày 30/06/2026",
                    "(từ 01/07/2026: 11.066.000 đ)"], ["11.066.000 đ (", "Từ 01/01/2027"]),
    ("2026-07-01", ["11.066.000 đ", "Số liệu áp dụng từ ngày 01/07/2026 đến hết ngày 31/12/2026"], ["10.230.000 đ", "Từ 01/01/2027"]),
    ("2026-12-31", ["264.000 đ", "Từ 01/01/2027", "387.200 đ"], ["10.230.000 đ"]),
    ("2027-01-01", ["387.200 đ (chưa xác nhận)", "Số liệu áp dụng từ ngày 01/01/2027 đến hết ngày 31/12/2030"],
     ["264.000 đ", "Từ 01/01/2027", "(từ 01/01/2027"]),
])
def test_support_page_on_both_sides_of_each_change(site_on: Callable[[str], Path], day: str, shown: list[str], absent: list[str]) -> None:
    """"Người tham gia khác" at the ceiling: 22 % × 46.800.000 − 66.000 = 10.230.000 (to 30/06/2026), 22 % × 50.600.000
    − 66.000 = 11.066.000 (from 01/07/2026); at the floor: 264.000 in 2026, 387.200 from 01/01/2027."""
    text = _text(site_on(day), "muc-dong-va-ho-tro")
    for s in shown:
        assert s in text, (day, s)
    for s in absent:
        assert s not in text, (day, s)


@pytest.mark.parametrize(("day", "men"), [("2026-12-31", "61 tuổi 6 tháng"), ("2027-01-01", "61 tuổi 9 tháng")])
def test_retirement_age_of_the_year(site_on: Callable[[str], Path], day: str, men: str) -> None:
    assert men in _text(site_on(day), "quyen-loi")


def test_policy_json_holds_both_floors(site_on: Callable[[str], Path]) -> None:
    for day in ("2026-12-31", "2027-01-01"):
        floors = json.loads((site_on(day) / "assets/data/policy.json").read_text(encoding="utf-8"))["parameters"]["income_floor"]["values"]
        pairs = [(v["value"], v["effective_from"], v["effective_to"], v["confidence"]) for v in floors]
        assert (1_500_000, "2026-01-01", "2026-12-31", "confirmed") in pairs
        assert (2_200_000, "2027-01-01", "2030-12-31", "unconfirmed") in pairs


# -------------------------------------------------------------------------------------------------
# A page read after its figures changed, the site not rebuilt
# -------------------------------------------------------------------------------------------------


def test_page_built_in_december_read_in_january(browser: object, site_on: Callable[[str], Path]) -> None:
    """Built on 20/12/2026, read on 05/01/2027: the lowest payments shown are January's, and the page says why."""
    url, server = serve(site_on("2026-12-20"))
    context = browser.new_context(viewport={"width": 412, "height": 823}, is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        page.clock.install(time=dt.datetime(2027, 1, 5, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=7))))
        page.goto(url)
        page.wait_for_selector("html[data-validity]")
        items = page.locator('[data-list="net-min"] li').all_inner_texts()
        assert [re.sub(r"\s+", " ", i) for i in items] == [
            "Hộ nghèo; người sống ở xã đảo, đặc khu: 242.000 đồng (chưa xác nhận)",
            "Hộ cận nghèo: 290.400 đồng (chưa xác nhận)",
            "Người dân tộc thiểu số: 338.800 đồng (chưa xác nhận)",
            "Người tham gia khác: 387.200 đồng (chưa xác nhận)",
        ]
        body = page.inner_text("article")
        assert "165.000 đồng" not in body and "264.000 đồng" not in body
        notice = page.inner_text(".stale-notice")
        assert "20/12/2026" in notice and "01/01/2027" in notice and "Mở máy tính" in notice
        page.goto(url + "tinh-muc-dong/")
        page.wait_for_selector("html[data-validity]")
        assert not page.locator('[data-table="incomes"]').is_visible(), "the stale ready-made table is hidden"
        page.goto(url + "muc-dong-va-ho-tro/")  # during the page's validity nothing changes (checked with a December clock)
        page.clock.set_system_time(dt.datetime(2026, 12, 24, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=7))))
        page.reload()
        page.wait_for_load_state("load")
        assert page.locator(".stale-notice").count() == 0 and "264.000 đ" in page.inner_text("article").replace("\xa0", " ")
    finally:
        context.close()
        server.shutdown()
