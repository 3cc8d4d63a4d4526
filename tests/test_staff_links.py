"""Staff personal links as served: QR codes (PNG, SVG, the one on the A6 card), the q/<code>/ forwards, the cards,
the staff page (out of nav, search and sitemaps, noindex) and no staff name anywhere in the built site.

Expected values are written here from the data files read as plain YAML and from the law, not from the generator.
"""

from __future__ import annotations

import gzip
import json
import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import pytest
import yaml
import zxingcpp
from PIL import Image

from scripts.paths import DATA, OFFICE_FILE, STAFF_FILE
from tests.support import pdf
from tests.support.builds import build_variant
from tests.support.dates import TEST_DATE

SITE_URL = yaml.safe_load(OFFICE_FILE.read_text(encoding="utf-8"))["site_url"]
STAFF = yaml.safe_load(STAFF_FILE.read_text(encoding="utf-8"))["staff"]
CODES = [m["code"] for m in STAFF]
HOTLINE = "1900 9068"  # data/national.yml: the VSS customer-care line (policy-reference §6)
PAGE = "duong-dan-can-bo"


def decode(image: Image.Image) -> list[str]:
    return [b.text for b in zxingcpp.read_barcodes(image) if b.format == zxingcpp.BarcodeFormat.QRCode]


def short_url(code: str) -> str:
    return f"{SITE_URL}q/{code}/"


def test_sample_staff_is_what_these_tests_expect() -> None:
    assert CODES == ["cb01", "cb02", "dl01"]


def test_staff_qr_png_and_svg_decode_to_the_short_path(site_dir: Path) -> None:
    import pypdfium2 as pdfium
    import weasyprint

    folder = site_dir / "in-an" / "can-bo"
    for code in CODES:
        assert decode(Image.open(folder / f"{code}.png")) == [short_url(code)], code
    # SVGs rasterised by a real renderer (WeasyPrint → PDF → pdfium), one per page.
    html = "".join(f'<div style="page-break-after: always; padding: 10mm"><img src="{(folder / f"{c}.svg").as_uri()}" '
                   'style="width: 60mm; height: 60mm"></div>' for c in CODES)
    doc = pdfium.PdfDocument(weasyprint.HTML(string=f"<style>@page {{ size: 80mm 80mm; margin: 0 }}</style>{html}").write_pdf())
    try:
        assert [decode(doc[i].render(scale=150 / 72).to_pil()) for i in range(len(doc))] == [[short_url(c)] for c in CODES]
    finally:
        doc.close()


def _forward(site: Path, code: str) -> str:
    """Where ``q/<code>/`` sends a reader: its meta refresh, which its visible link repeats, resolved from the q URL."""
    html = (site / "q" / code / "index.html").read_text(encoding="utf-8")
    refresh = re.search(r'<meta http-equiv="refresh" content="0; url=([^"]+)">', html)
    link = re.search(r'<a href="([^"]+)">', html)
    assert refresh and link and unescape(link.group(1)) == unescape(refresh.group(1)), code
    assert "Đang mở trang" in html and "Bấm vào đây nếu trang không tự mở" in html  # qr_page.* of data/texts.yml
    assert '<meta name="robots" content="noindex">' in html
    return urljoin(short_url(code), unescape(refresh.group(1)))


def test_short_paths_forward_with_the_campaign_of_the_build_date(site_dir: Path, site_on) -> None:
    # 01/12/2026 (TEST_DATE) is the first day of the sample's "cao-diem-12-2026" (01/12–10/12/2026, data/campaigns.yml).
    for code in CODES:
        assert _forward(site_dir, code) == (f"{SITE_URL}tinh-muc-dong/?utm_source=staff&utm_medium=share"
                                            f"&utm_campaign=cao-diem-12-2026&utm_content={code}")
    # 15/11/2026: the October month is over and the December drive has not begun: no campaign runs.
    other = site_on("2026-11-15")
    for code in CODES:
        assert _forward(other, code) == (f"{SITE_URL}tinh-muc-dong/?utm_source=staff&utm_medium=share"
                                         f"&utm_campaign=thuong-xuyen&utm_content={code}")
    assert (site_dir / "tinh-muc-dong" / "index.html").exists()


def test_cards_are_one_a6_page_with_code_figures_and_hotline(site_dir: Path) -> None:
    from pypdf import PdfReader

    for m in STAFF:
        path = site_dir / "in-an" / "can-bo" / f"the-{m['code']}.pdf"
        reader = PdfReader(path)
        assert len(reader.pages) == 1
        box = reader.pages[0].mediabox
        assert abs(float(box.width) - 105 * pdf.MM) < 0.5 and abs(float(box.height) - 148 * pdf.MM) < 0.5  # A6
        assert [[b.text for b in page] for page in pdf.qr_codes(path, 150)] == [[short_url(m["code"])]]
        text = pdf.reading(path)
        assert "Quét để tính mức đóng BHXH tự nguyện" in text
        assert f"bhxh-tu-nguyen.example.vn/q/{m['code']}" in text.replace(" ", "")
        # On 01/12/2026: 22 % × 1.500.000 (rural poverty line kept for 2026, Decree 351/2025) = 330.000; the State
        # pays 20 % of it for "người tham gia khác" → 264.000, 50 % for poor households → 165.000 (Decree 159/2025
        # Art 5; policy-reference §10). The figures hold until 31/12/2026.
        assert "Mỗi tháng đóng từ 264.000 đồng; hộ nghèo từ 165.000 đồng" in text
        assert "Áp dụng đến hết ngày 31/12/2026" in text
        # 01/01/2027 is 31 days ahead, inside the 90-day transition window (data/office.yml): the coming figures on
        # the 2.200.000 line (Decree 351/2025, not yet confirmed by VSS): 484.000 × 80 % = 387.200, × 50 % = 242.000.
        assert "Từ 01/01/2027: mỗi tháng đóng từ 387.200 đồng; hộ nghèo từ 242.000 đồng" in text
        assert "chưa xác nhận" in text
        assert HOTLINE in text and pdf.unbroken(path, HOTLINE)
        assert "Bảo hiểm xã hội tỉnh Thái Nguyên" in text  # office.yml name.vi
        assert "DỮ LIỆU MẪU" in text and "In ngày 01/12/2026" in text
        assert m["name"] not in text and m.get("unit", "@") not in text


class _Nav(HTMLParser):
    """The links inside Material's primary and secondary navigation (``<nav class="md-nav …">``)."""

    def __init__(self) -> None:
        super().__init__()
        self.depth, self.links = 0, []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "nav" and (self.depth or "md-nav" in (a.get("class") or "")):
            self.depth += 1
        if tag == "a" and self.depth and a.get("href"):
            self.links.append(a["href"])

    def handle_endtag(self, tag: str) -> None:
        if tag == "nav" and self.depth:
            self.depth -= 1


def test_staff_page_is_hidden_from_residents_search_and_sitemaps(site_dir: Path) -> None:
    for prefix in ("", "en/"):
        html = (site_dir / prefix / PAGE / "index.html").read_text(encoding="utf-8")
        assert '<meta name="robots" content="noindex">' in html
        assert 'class="share-bar"' not in html  # a staff page is not for sharing
        for code in CODES:  # its links and files
            assert f'id="ma-{code}"' in html or f'id="code-{code}"' in html
            assert f"{SITE_URL}q/{code}/" in html.replace("<wbr>", "").replace("<span>", "").replace("</span>", "")
            for f in (f"{code}.png", f"{code}.svg", f"the-{code}.pdf"):
                assert f'href="../{"../" if prefix else ""}in-an/can-bo/{f}"' in html
            assert f'alt="{"Mã QR mở" if not prefix else "QR code that opens"} {short_url(code)}"' in html
            # the share-kit messages with the personal link, not the page's
            assert f'id="msg-home-{code}"' in html and f"Xem chi tiết: {short_url(code)}" in html
            assert f"Tính thử: {short_url(code)}" in html
        # linked from the share kit, in the content, never in the menus of any page
        kit = (site_dir / prefix / "bo-cong-cu-chia-se" / "index.html").read_text(encoding="utf-8")
        assert 'href="../duong-dan-can-bo/"' in kit
        index = json.loads((site_dir / prefix / "search" / "search_index.json").read_text(encoding="utf-8"))
        assert not [d["location"] for d in index["docs"] if d["location"].startswith(PAGE)]
        assert index["docs"], "the index itself is there"
    for page in site_dir.rglob("index.html"):
        nav = _Nav()
        nav.feed(page.read_text(encoding="utf-8"))
        assert not [h for h in nav.links if PAGE in h], page
    for sitemap in ("sitemap.xml", "en/sitemap.xml"):
        text = (site_dir / sitemap).read_text(encoding="utf-8")
        assert PAGE not in text and f"{SITE_URL}bo-cong-cu-chia-se/" in text.replace("en/", "")
        assert PAGE not in gzip.decompress((site_dir / f"{sitemap}.gz").read_bytes()).decode()


def test_no_staff_name_anywhere_in_the_site(site_dir: Path) -> None:
    """Names (and units that are not a public office of data/office.yml) are for the office's report only."""
    office = OFFICE_FILE.read_text(encoding="utf-8")
    secret = [m["name"] for m in STAFF] + [m["unit"] for m in STAFF if m.get("unit") and m["unit"] not in office]
    assert secret
    checked = 0
    for path in site_dir.rglob("*"):
        if not path.is_file():
            continue
        if path.suffix == ".pdf":
            text = pdf.text(path)
        elif path.suffix in (".png", ".ico", ".woff2", ".woff", ".ttf", ".br"):
            continue  # images and fonts hold no text; .br copies are the files beside them
        else:
            data = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
            text = unescape(data.decode("utf-8", errors="replace"))
        checked += 1
        for s in secret:
            assert s not in text, f"{path.relative_to(site_dir)} shows {s!r}"
    assert checked > 100


@pytest.fixture(scope="module")
def no_staff(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site for TEST_DATE with an empty staff list: same data otherwise, so a print cache keyed without
    data/staff.yml would hand back the cards and QR codes of the sample staff."""
    assert (DATA / "staff.yml").exists()
    out = tmp_path_factory.mktemp("no-staff") / "site"
    return build_variant(out, env={"BUILD_DATE": TEST_DATE.isoformat()}, data_changes={"staff.yml": "sample: false\nstaff: []\n"})


def test_without_staff_the_page_says_so_and_nothing_is_made(no_staff: Path) -> None:
    assert not (no_staff / "in-an" / "can-bo").exists()
    assert not any((no_staff / "q" / code).exists() for code in CODES)
    for prefix, line in (("", "Chưa có cán bộ nào trong danh sách"), ("en/", "No staff are listed")):
        html = (no_staff / prefix / PAGE / "index.html").read_text(encoding="utf-8")
        assert line in html and "share-kit__message" not in html
