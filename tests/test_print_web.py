"""Web pages on paper: each page printed to PDF by real Chromium (print media, A4) and read back with poppler.
The sample-data notice stays, the share buttons and the "tap a number to call" hint go, key links print where they
lead, and no sheet holds just a line or two. (The calculator's own printed sheet: tests/test_calculator_browser.py.)"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

PAGES = ["", "hoi-dap/", "diem-thu-va-lien-he/", "quyen-loi/", "muc-dong-va-ho-tro/", "phuong-thuc-dong/",
         "bhxh-tu-nguyen-la-gi/", "en/", "en/diem-thu-va-lien-he/"]
MIN_LINES = 3  # a sheet with fewer lines of text is a sheet wasted on a stray line
SHARE_BUTTONS = ("Chia sẻ trang này", "Sao chép liên kết", "mở thẻ mới", "Share this page", "Copy link", "opens a new tab")


def _sheets(browser: object, url: str, out: Path) -> list[str]:
    """The text of each printed A4 sheet of ``url``."""
    if not shutil.which("pdftotext"):
        pytest.fail("pdftotext is missing: apt-get install -y poppler-utils (make test installs it when run as root)")
    context = browser.new_context(service_workers="block")
    page = context.new_page()
    try:
        page.goto(url, wait_until="networkidle")
        page.pdf(path=str(out), format="A4")
    finally:
        context.close()
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True).stdout
    count = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    return [subprocess.run(["pdftotext", "-f", str(n), "-l", str(n), "-layout", str(out), "-"],
                           capture_output=True, text=True, check=True).stdout for n in range(1, count + 1)]


@pytest.mark.parametrize("path", PAGES)
def test_printed_page(browser: object, base_url: str, tmp_path: Path, path: str) -> None:
    sheets = _sheets(browser, base_url + path, tmp_path / "page.pdf")
    text = "\n".join(sheets)
    lines = [len([line for line in sheet.splitlines() if line.strip()]) for sheet in sheets]
    assert min(lines) >= MIN_LINES, f"/{path}: lines of text per sheet {lines}"
    notice = "Sample data." if path.startswith("en/") else "Dữ liệu mẫu."
    assert notice in sheets[0], f"/{path}: the sample-data notice is not on the first sheet"
    assert not [b for b in SHARE_BUTTONS if b in text], f"/{path}: share buttons printed"
    assert ("Page address:" if path.startswith("en/") else "Địa chỉ trang:") in text, "the page's own address"


def _joined(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_printed_links_say_where_they_lead(browser: object, base_url: str, tmp_path: Path) -> None:
    # The home page's buttons: data/office.yml site_url (https://bhxh-tu-nguyen.example.vn/) + the page.
    home = _joined("\n".join(_sheets(browser, base_url, tmp_path / "home.pdf")))
    assert "https://bhxh-tu-nguyen.example.vn/tinh-muc-dong/" in home
    assert "https://bhxh-tu-nguyen.example.vn/dang-ky-va-nop-tien/" in home
    # The collection-point lookup of VSS (data/national.yml lookup.url), a link whose text is its name.
    points = "\n".join(_sheets(browser, base_url + "diem-thu-va-lien-he/", tmp_path / "points.pdf"))
    assert "https://baohiemxahoi.gov.vn/tracuu/" in _joined(points)
    assert "Bấm vào số điện thoại" not in points, "the tap-to-call hint is printed"
    # A link that shows its own address prints it once.
    assert _joined(points).count("https://zalo.me/0000000000") == 1
