"""A provincial top-up (Law 41/2024 Art 6(6), Decree 159/2025 Art 5) set in ``data/office.yml`` reaches every output.

The sample office sets none and the site says nothing about one. A second office file with +10 % for "người tham gia
khác" (what Hà Nội's 2026 resolution is reported to give, policy reference §2.4) is built for ``TEST_DATE``: on
01/12/2026 "other" then gets 20 % + 10 % of 22 % × 1.500.000 = 99.000 (33.000 of it the province's) and pays
330.000 − 99.000 = 231.000 at the lowest income, on the pages, in the calculator, on the leaflets and in share texts.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from scripts.errors import DataError
from scripts.office import parse_office
from scripts.paths import OFFICE_FILE
from scripts.yamlfile import load_yaml
from tests.support.builds import build_variant
from tests.support.dates import TEST_DATE
from tests.support.servers import serve

TOP_UP = """
top_ups:
  - rates: {other: 0.1}
    effective_from: 2026-01-01
    resolution: {number: "99/2025/NQ-HĐND", signed: 2025-07-09, article: "Điều 1"}
    confidence: unconfirmed
"""


@pytest.fixture(scope="module")
def top_up_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    office = OFFICE_FILE.read_text(encoding="utf-8") + TOP_UP
    out = tmp_path_factory.mktemp("top-up") / "site"
    return build_variant(out, env={"BUILD_DATE": TEST_DATE.isoformat()}, data_changes={"office.yml": office})


def _html(path: Path) -> str:
    return " ".join(path.read_text(encoding="utf-8").replace("\xa0", " ").split())


def _text(path: Path) -> str:
    """What a reader sees of a page's body (tags removed)."""
    html = _html(path)
    return " ".join(re.sub(r"<[^>]+>", " ", html[html.index("<body"):]).split()).replace(" )", ")").replace("( ", "(")


def test_sample_office_has_no_top_up_and_says_nothing(site_dir: Path) -> None:
    policy = json.loads((site_dir / "assets/data/policy.json").read_text(encoding="utf-8"))
    assert "provincial_top_up" not in policy["parameters"]
    for page in ("muc-dong-va-ho-tro/index.html", "tinh-muc-dong/index.html", "can-cu-phap-ly/index.html"):
        text = _text(site_dir / page)
        assert "NQ-HĐND" not in text and "Thái Nguyên thêm" not in text and "do Thái Nguyên" not in text, page


def test_top_up_in_pages_policy_json_and_legal_page(top_up_site: Path) -> None:
    policy = json.loads((top_up_site / "assets/data/policy.json").read_text(encoding="utf-8"))
    entry = policy["parameters"]["provincial_top_up"]["values"][0]
    assert entry["value"] == {"poor": 0, "near_poor": 0, "ethnic_minority": 0, "other": 0.1}
    assert policy["documents"][entry["source"]]["number"] == "99/2025/NQ-HĐND"
    support = _text(top_up_site / "muc-dong-va-ho-tro/index.html")
    # the resolution is marked unconfirmed in this office file: so is every figure resting on it
    assert "Nhà nước hỗ trợ: 99.000 đ (chưa xác nhận) (20%, Thái Nguyên thêm 10%)" in support
    assert "231.000 đ" in support and "264.000 đ" not in support
    assert "Ở Thái Nguyên: Nghị quyết của Hội đồng nhân dân Thái Nguyên 99/2025/NQ-HĐND, Điều 1, từ 01/01/2026." in support
    legal = _text(top_up_site / "can-cu-phap-ly/index.html")
    assert "Nghị quyết của Hội đồng nhân dân Thái Nguyên 99/2025/NQ-HĐND" in legal
    home = _html(top_up_site / "index.html")  # the headline of link previews and share texts
    assert "Mỗi tháng đóng từ 231.000 đồng; hộ nghèo từ 165.000 đồng" in home
    # the ready-made table without JavaScript: 1.500.000, "other"
    calc = _html(top_up_site / "tinh-muc-dong/index.html")
    assert "Người tham gia khác</th><td class=\"amount\">231.000 đ</td>" in calc


def test_top_up_on_the_leaflet(top_up_site: Path) -> None:
    text = subprocess.run(["pdftotext", str(top_up_site / "in-an/to-gap-ba-a4-van-phong.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    assert "231.000" in text and "264.000" not in text


def test_top_up_in_the_calculator(browser: object, top_up_site: Path) -> None:
    url, server = serve(top_up_site)
    try:
        page = browser.new_page()
        page.goto(f"{url}tinh-muc-dong/?thu-nhap=1500000&ngay=2026-12-01")
        page.wait_for_selector("[data-calc][data-ready]")
        assert page.get_attribute('[data-result="support-month"]', "value") == "99000"
        assert page.get_attribute('[data-result="net-month"]', "value") == "231000"
        assert page.text_content("[data-sentence]") == ("Mỗi tháng bạn đóng 231.000 đồng, Nhà nước hỗ trợ 99.000 đồng. "
                                                        "Trong số tiền hỗ trợ có 33.000 đồng do Thái Nguyên hỗ trợ thêm.")
        page.close()
    finally:
        server.shutdown()


@pytest.mark.parametrize(("entry", "where", "says"), [
    ("  - rates: {rich: 0.1}\n    effective_from: 2026-01-01\n    resolution: {number: \"1\", signed: 2025-01-01, article: \"Đ1\"}\n"
     "    confidence: confirmed\n", "top_ups[0].rates.rich", "unknown group"),
    ("  - rates: {other: 10}\n    effective_from: 2026-01-01\n    resolution: {number: \"1\", signed: 2025-01-01, article: \"Đ1\"}\n"
     "    confidence: confirmed\n", "top_ups[0].rates.other", "0.1 for 10 %"),
    ("  - rates: {other: 0.1}\n    effective_from: 2026-01-01\n    confidence: confirmed\n", "top_ups[0].resolution", "missing"),
    ("  - rates: {other: 0.1}\n    effective_from: 2026-01-01\n    resolution: {number: \"1\", signed: 2025-01-01, article: \"Đ1\"}\n"
     "    confidence: maybe\n", "top_ups[0].confidence", "'unconfirmed'"),
    ("  - rates: {other: 0.1}\n    effective_from: 2026-01-01\n    resolution: {number: \"1\", signed: 2025-01-01, article: \"Đ1\"}\n"
     "    confidence: confirmed\n"
     "  - rates: {other: 0.2}\n    effective_from: 2026-06-01\n    resolution: {number: \"2\", signed: 2026-01-01, article: \"Đ1\"}\n"
     "    confidence: confirmed\n", "top_ups[1].effective_from", "effective_to: 2026-05-31"),
])
def test_a_mistake_in_top_ups_gives_one_line_with_the_key_and_the_fix(tmp_path: Path, entry: str, where: str, says: str) -> None:
    path = tmp_path / "office.yml"
    path.write_text(OFFICE_FILE.read_text(encoding="utf-8") + "\ntop_ups:\n" + entry, encoding="utf-8")
    with pytest.raises(DataError) as err:
        parse_office(load_yaml(path))
    message = str(err.value)
    assert where in message and says in message and "\n" not in message, message
