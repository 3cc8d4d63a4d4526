"""The printed material of the reference build (TEST_DATE, 01/12/2026): which files, their size, fonts, words, figures,
validity, type size, QR codes, links.

Expected figures are written by hand from the law for 01/12/2026 (tests/support/dates.py):

* income floor 1.500.000 đồng (rural poverty line, Decree 351/2025 keeps the 2022–2025 line through 2026), 22 %
  (Law 41/2024 Art 36(1)), so 330.000 đồng on the floor;
* State support 50/40/30/20 % of that (Decree 159/2025 Art 5): the lowest payments 165.000 / 198.000 / 231.000 /
  264.000 đồng (reference §5 examples 1–4), until 31/12/2026;
* from 01/01/2027 the floor is 2.200.000 đồng (Decree 351/2025, not yet applied by VSS: unconfirmed), 484.000 on it,
  so 242.000 / 290.400 / 338.800 / 387.200 đồng (reference §10.3): inside the office's 90-day transition window;
* ceiling 20 × 2.530.000 = 50.600.000 (Decree 161/2026 from 01/07/2026); funeral 10 × 2.530.000 = 25.300.000
  (Art 109(2)); maternity 2.000.000 per child; pension 15 years, 45 % for a woman (Art 98, 99).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
import unicodedata
from html import unescape
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

from scripts.paths import CAMPAIGNS_FILE, OFFICE_FILE, ROOT
from tests.support import pdf
from tests.support.dates import TEST_DATE

MM = pdf.MM
OFFICE = yaml.safe_load(OFFICE_FILE.read_text(encoding="utf-8"))
SITE_URL = OFFICE["site_url"]
PLACES = {p["code"]: p for p in yaml.safe_load(CAMPAIGNS_FILE.read_text(encoding="utf-8"))["places"]}
CALC = {"vi": SITE_URL + "tinh-muc-dong/", "en": SITE_URL + "en/tinh-muc-dong/"}
# Places of campaigns not over on 01/12/2026: the sample's December drive; October's month is over (no new material).
PRINTED = ["bd-d", "cho-b2", "xa-c"]

# file → (trim width, height in mm, print shop?, pages, language, {page index: QR URL})
SHARED = {
    "to-gap-ba-a4-xuong-in.pdf": (297, 210, True, 2, "vi", {0: CALC["vi"]}),
    "to-gap-ba-a4-van-phong.pdf": (297, 210, False, 2, "vi", {0: CALC["vi"]}),
    "to-roi-a5-xuong-in.pdf": (148, 210, True, 2, "vi", {1: CALC["vi"]}),
    "to-roi-a5-van-phong.pdf": (148, 210, False, 2, "vi", {1: CALC["vi"]}),
    "to-gap-ba-a4-xuong-in-en.pdf": (297, 210, True, 2, "en", {0: CALC["en"]}),
    "to-gap-ba-a4-van-phong-en.pdf": (297, 210, False, 2, "en", {0: CALC["en"]}),
    "to-roi-a5-xuong-in-en.pdf": (148, 210, True, 2, "en", {1: CALC["en"]}),
    "to-roi-a5-van-phong-en.pdf": (148, 210, False, 2, "en", {1: CALC["en"]}),
    "ap-phich-a4.pdf": (210, 297, False, 1, "vi", {0: CALC["vi"]}),
    "ap-phich-a3-xuong-in.pdf": (297, 420, True, 1, "vi", {0: CALC["vi"]}),
}


def _all() -> dict[str, tuple]:
    out = dict(SHARED)
    for code in PRINTED:
        short = {0: f"{SITE_URL}q/{code}/"}
        out[f"diem/{code}-to-gap-ba.pdf"] = (297, 210, False, 2, "vi", short)
        out[f"diem/{code}-to-gap-ba-xuong-in.pdf"] = (297, 210, True, 2, "vi", short)
        out[f"diem/{code}-ap-phich.pdf"] = (210, 297, False, 1, "vi", short)
        out[f"diem/{code}-ap-phich-a3-xuong-in.pdf"] = (297, 420, True, 1, "vi", short)
    return out


ALL = _all()
LEAFLETS = [n for n in ALL if "ap-phich" not in n]
NOW = {"vi": ["165.000", "198.000", "231.000", "264.000"], "en": ["165,000", "198,000", "231,000", "264,000"]}
NEXT = {"vi": ["242.000", "290.400", "338.800", "387.200"], "en": ["242,000", "290,400", "338,800", "387,200"]}
VALIDITY = {"vi": ("Áp dụng đến hết ngày 31/12/2026", "In ngày 01/12/2026", "Từ 01/01/2027", "chưa xác nhận"),
            "en": ("Valid until 31 December 2026", "Printed on 1 December 2026", "From 1 January 2027", "unconfirmed")}


@pytest.fixture(scope="module")
def print_dir(site_dir: Path) -> Path:
    d = site_dir / "in-an"
    assert d.is_dir(), "site/in-an/ is missing: is overrides/hooks/printing.py in mkdocs.yml hooks?"
    return d


def test_the_files_made(print_dir: Path) -> None:
    made = {p.relative_to(print_dir).as_posix() for p in print_dir.rglob("*.pdf")}
    # The A6 cards of the sample staff (data/staff.yml: cb01, cb02, dl01) are checked in tests/test_staff_links.py.
    cards = {"can-bo/the-cb01.pdf", "can-bo/the-cb02.pdf", "can-bo/the-dl01.pdf"}
    assert made == set(ALL) | cards
    assert json.loads((print_dir / "manifest.json").read_text())["date"] == TEST_DATE.isoformat()


@pytest.mark.parametrize("name", sorted(ALL))
def test_page_sizes_and_boxes(print_dir: Path, name: str) -> None:
    """Office printer: the page is the paper. Print shop: TrimBox the paper, BleedBox 3 mm out, MediaBox larger still
    (room for crop marks outside the bleed)."""
    w, h, shop, pages, _, _ = ALL[name]
    reader = PdfReader(print_dir / name)
    assert len(reader.pages) == pages
    for page in reader.pages:
        trim, bleed, media = page.trimbox, page.bleedbox, page.mediabox
        assert trim.width == pytest.approx(w * MM, abs=0.3) and trim.height == pytest.approx(h * MM, abs=0.3)
        if not shop:
            assert (media.width, media.height) == pytest.approx((trim.width, trim.height), abs=0.3)
            continue
        for edge, sign in (("left", -1), ("bottom", -1), ("right", 1), ("top", 1)):
            t, b, m = float(getattr(trim, edge)), float(getattr(bleed, edge)), float(getattr(media, edge))
            assert (b - t) * sign == pytest.approx(3 * MM, abs=0.05), f"{name}: bleed {edge}"
            assert (m - b) * sign >= 6 * MM, f"{name}: no room for marks outside the bleed ({edge})"


@pytest.mark.parametrize("name", sorted(ALL))
def test_every_font_embedded(print_dir: Path, name: str) -> None:
    reader = PdfReader(print_dir / name)
    for i, page in enumerate(reader.pages):
        found = pdf.fonts(page.get("/Resources"))
        assert found, f"{name} page {i + 1}: no fonts"
        for font in found:
            descendants = font.get("/DescendantFonts")
            target = descendants[0].get_object() if descendants else font
            desc = target["/FontDescriptor"].get_object()
            assert "/FontFile2" in desc or "/FontFile3" in desc, f"{name}: {font.get('/BaseFont')} is not embedded"
            assert "BeVietnamPro" in str(font["/BaseFont"]).replace("-", ""), f"{name}: unexpected font {font['/BaseFont']}"


@pytest.mark.parametrize("name", LEAFLETS)
def test_leaflet_figures_and_validity(print_dir: Path, name: str) -> None:
    """Today's lowest payment of every group and the coming one (from 01/01/2027, unconfirmed), until when they hold,
    and the print date."""
    lang = ALL[name][4]
    text = pdf.flat(print_dir / name)  # pdftotext: what a reader (and a search) finds
    assert unicodedata.normalize("NFC", text) == text
    for amount in NOW[lang] + NEXT[lang]:
        assert amount in text, f"{name}: {amount}"
    for phrase in VALIDITY[lang]:
        assert phrase in text, f"{name}: {phrase!r}"
    ceiling = {"vi": "50.600.000", "en": "50,600,000"}[lang]
    assert ceiling in text and ("22%" in text)
    text = pdf.reading(print_dir / name)  # whole sentences, in reading order
    if lang == "vi":
        assert "Mỗi tháng đóng từ 264.000 đồng; hộ nghèo từ 165.000 đồng" in text  # texts.yml headline.lowest
        assert "Từ 01/01/2027: mỗi tháng đóng từ 387.200 đồng; hộ nghèo từ 242.000 đồng (chưa xác nhận)" in text
        assert "1900 9068" in text and OFFICE["office"]["phone"] in text
    else:  # (spaces ignored: the big amount is set in another size, and pypdf does not always see the space after it)
        squashed = text.replace(" ", "")
        assert "From VND 264,000 a month; poor households from VND 165,000".replace(" ", "") in squashed
        assert "From 1 January 2027: from VND 387,200 a month; poor households from VND 242,000 (unconfirmed)" in text
    if OFFICE["sample"]:
        assert ("DỮ LIỆU MẪU" if lang == "vi" else "SAMPLE DATA") in text, "sample office data must be marked on the print"


@pytest.mark.parametrize("name", [n for n in LEAFLETS if "to-gap-ba" in n])
def test_trifold_tells_the_whole_story(print_dir: Path, name: str) -> None:
    """Every panel used: how to join in three steps, contacts, the table, benefits with their conditions, and the worked
    example of chị Hoa ("người tham gia khác": 1.500.000 × 22 % = 330.000, State 20 % = 66.000, she pays 264.000)."""
    lang = ALL[name][4]
    text = pdf.reading(print_dir / name)
    if lang == "vi":
        for phrase in ("Đăng ký thế nào?", "Hỏi ở đâu?", "Bạn đóng ít nhất bao nhiêu?", "Bạn được gì?", "Chị Hoa đóng bao nhiêu?",
                       "Chị Hoa 45 tuổi, bán rau ở chợ xã", "1.500.000 đ", "330.000 đ", "66.000 đ", "Chị đóng mỗi tháng 264.000 đ",
                       "Từ 01/01/2027, thu nhập thấp nhất là 2.200.000 đồng: chị đóng 387.200 đồng mỗi tháng",
                       "25.300.000 đồng, nếu bạn đã đóng đủ 60 tháng", "2.000.000 đồng cho mỗi con", "bằng 45% thu nhập",
                       "Hằng tháng, hoặc 3, 6 hoặc 12 tháng một lần"):
            assert phrase in text, f"{name}: {phrase!r}"
    else:
        for phrase in ("How do I join?", "Where can I ask?", "How much does Ms Hoa pay?", "VND 330,000", "VND 66,000",
                       "She pays each month VND 264,000", "VND 25,300,000", "45% of her average income"):
            assert phrase in text, f"{name}: {phrase!r}"


@pytest.mark.parametrize("name", sorted(ALL))
def test_no_amount_phone_or_date_broken_across_lines(print_dir: Path, name: str) -> None:
    lang = ALL[name][4]
    tokens = {"vi": ["264.000 đồng", "165.000 đồng", "387.200 đồng", "01/12/2026", "31/12/2026"],
              "en": ["VND 264,000", "VND 165,000", "VND 387,200", "1 December 2026", "31 December 2026"]}[lang]
    tokens += ["1900 9068"]
    if "ap-phich" not in name:
        tokens += [OFFICE["office"]["phone"]] + [lo["phone"] for lo in OFFICE["local_offices"][:2] if "to-gap-ba" in name]
    for token in tokens:
        assert pdf.unbroken(print_dir / name, token), f"{name}: {token!r} broken across lines (or missing)"


@pytest.mark.parametrize("name", sorted(ALL))
def test_type_size_for_older_readers(print_dir: Path, name: str) -> None:
    """Body text at least 12 pt (the posters' small print is the same size on A4, larger on A3), headings at least
    16 pt; nothing smaller but the sample-data badge (10 pt), which a real office's material does not have."""
    sizes = [r.size for page in pdf.runs(print_dir / name) for r in page]
    words = {"vi": "DỮ LIỆU MẪU — không phát hành", "en": "SAMPLE DATA — do not distribute"}[ALL[name][4]]
    badge = len(words.replace(" ", "")) if OFFICE["sample"] else 0
    small = [s for s in sizes if s < 12 - 0.05]
    assert len(small) <= badge * len(pdf.runs(print_dir / name)), f"{name}: {len(small)} characters under 12 pt"
    assert all(s >= 10 - 0.05 for s in sizes), f"{name}: text below 10 pt"
    assert sum(s >= 12 - 0.05 for s in sizes) / len(sizes) > 0.95


def _sizes_of(path: Path, phrase: str) -> list[float]:
    """The sizes of the characters of ``phrase`` wherever it is drawn (pdfium's reading order)."""
    out = []
    for page in pdf.runs(path):
        chars = "".join(r.char for r in page)
        want = phrase.replace(" ", "")
        start = chars.find(want)
        while start >= 0:
            out += [r.size for r in page[start:start + len(want)]]
            start = chars.find(want, start + 1)
    return out


@pytest.mark.parametrize("name", ["to-gap-ba-a4-van-phong.pdf", "to-roi-a5-xuong-in.pdf", "to-gap-ba-a4-xuong-in-en.pdf"])
def test_headings_at_least_16_pt(print_dir: Path, name: str) -> None:
    headings = {"vi": ["Đăng ký thế nào?", "Bạn đóng ít nhất bao nhiêu?", "Bạn được gì?"],
                "en": ["How do I join?", "What is the least you pay?", "What do you get?"]}[ALL[name][4]]
    for h in headings:
        sizes = _sizes_of(print_dir / name, h)
        assert sizes and min(sizes) >= 16, f"{name}: {h!r} at {sizes[:3]}"


@pytest.mark.parametrize("name", [n for n in ALL if "ap-phich" in n])
def test_poster_gives_a_reason_to_scan(print_dir: Path, name: str) -> None:
    """The lowest payment with its group (headline rule), one benefit, "Hỏi cán bộ tại quầy", where, days and hours."""
    text = pdf.reading(print_dir / name)
    for phrase in ("Mỗi tháng đóng từ 264.000 đồng; hộ nghèo từ 165.000 đồng", "Từ 01/01/2027",
                   "Có lương hưu hằng tháng khi về già, nếu đóng đủ 15 năm", "Hỏi cán bộ tại quầy", "Quét mã để tính mức đóng",
                   "Cán bộ BHXH có mặt tại:", "Áp dụng đến hết ngày 31/12/2026", "In ngày 01/12/2026"):
        assert phrase in text, f"{name}: {phrase!r}"
    if "diem/" in name:
        code = name.split("/")[1].split("-ap-phich")[0]
        place = PLACES[code]
        assert place["name"] in text and f"q/{code}" in text.replace(" ", "")
        days = [dt.date.fromisoformat(str(d)) for d in place["days"]]
        assert f"Ngày: {', '.join(f'{d:%d/%m}' for d in days[:-1])}{', ' if len(days) > 1 else ''}{days[-1]:%d/%m/%Y}" in text
        hours = place.get("hours")
        if hours:
            assert f"Giờ: {hours['vi'] if isinstance(hours, dict) else hours}" in text
    else:  # the desk poster: the office, its address and hours
        assert OFFICE["office"]["name"]["vi"] in text and OFFICE["office"]["hours"]["vi"] in text


@pytest.mark.parametrize("code", PRINTED)
def test_place_leaflet_names_the_place(print_dir: Path, code: str) -> None:
    for name in (f"diem/{code}-to-gap-ba.pdf", f"diem/{code}-to-gap-ba-xuong-in.pdf"):
        text = pdf.reading(print_dir / name)
        assert f"Gặp cán bộ tại {PLACES[code]['name']}" in text and f"q/{code}" in text.replace(" ", "")


def test_trifold_panel_order(print_dir: Path) -> None:
    """Outside: inner flap (0–97 mm) | back with contacts (97–197) | cover (197–297); inside: 100 | 100 | 97."""
    out = subprocess.run(["pdftotext", "-bbox", "-f", "1", "-l", "2", str(print_dir / "to-gap-ba-a4-van-phong.pdf"), "-"],
                         capture_output=True, text=True, check=True).stdout
    pages = out.split("<page ")[1:]

    def x_of(page: str, word: str) -> float:
        m = re.search(r'<word xMin="([\d.]+)"[^>]*>' + re.escape(word) + "</word>", page)
        assert m, word
        return float(m.group(1)) / MM

    assert x_of(pages[0], "Đăng") < 97 and 97 < x_of(pages[0], "Hỏi") < 197 and x_of(pages[0], "nguyện") > 197
    assert 97 < x_of(pages[0], "Quét") < 197  # the QR sits on the back panel, under the contacts
    assert x_of(pages[1], "là") < 100 and 100 < x_of(pages[1], "ít") < 200 and x_of(pages[1], "Hoa") > 200


@pytest.mark.parametrize("name", sorted(ALL))
def test_every_qr_in_every_pdf(print_dir: Path, name: str) -> None:
    """Each page has exactly the intended codes; module size at print size ≥ 0.5 mm; version ≤ 4; at 150 and 72 dpi."""
    expected = ALL[name][5]
    dpi = 150
    for i, codes in enumerate(pdf.qr_codes(print_dir / name, dpi)):
        want = [expected[i]] if i in expected else []
        assert [b.text for b in codes] == want, f"{name} page {i + 1}"
        for b in codes:
            version = int(b.extra["Version"])
            assert b.extra["ECLevel"] == "M" and version <= 4
            pos = b.position
            width_px = max(pos.top_right.x, pos.bottom_right.x) - min(pos.top_left.x, pos.bottom_left.x) + 1
            module_mm = width_px / dpi * 25.4 / (17 + 4 * version)
            assert module_mm >= 0.5, f"{name}: {module_mm:.2f} mm modules"
    low = pdf.qr_codes(print_dir / name, 72)  # a phone camera's view
    assert [[b.text for b in p] for p in low] == [[expected[i]] if i in expected else [] for i in range(len(low))]


def test_previews_and_page_links(site_dir: Path, print_dir: Path) -> None:
    for lang_dir in (site_dir / "tai-lieu-in", site_dir / "en" / "tai-lieu-in"):
        html = (lang_dir / "index.html").read_text(encoding="utf-8")
        targets = {unescape(h) for h in re.findall(r'(?:href|src)="([^"]*in-an/[^"]+)"', html)}
        for t in targets:
            assert (lang_dir / t).resolve().is_file(), f"{lang_dir}: broken link {t}"
        for name in ALL:
            assert any(t.endswith(f"in-an/{name}") for t in targets), f"{lang_dir.parent.name}: {name} not linked"
        for code in ("cho-b", "xa-a"):  # the October month is over: no material listed
            assert f"diem/{code}-" not in html
    previews = sorted(p.name for p in (print_dir / "xem-truoc").glob("*.png"))
    assert previews == sorted(["to-gap-ba-a4-van-phong-1.png", "to-gap-ba-a4-van-phong-2.png", "to-roi-a5-van-phong-1.png",
                               "to-roi-a5-van-phong-2.png", "ap-phich-a4-1.png", "to-gap-ba-a4-van-phong-en-1.png",
                               "to-gap-ba-a4-van-phong-en-2.png"])
    assert not (site_dir / "en" / "in-an").exists(), "print files must not be duplicated under en/"


def test_unchanged_rebuild_does_not_render(tmp_path: Path) -> None:
    from scripts.printing.build import ensure
    from scripts.site_data import load_site_data

    first, rendered = ensure(load_site_data(TEST_DATE), tmp_path)
    assert rendered and (first / "in-an" / "to-gap-ba-a4-van-phong.pdf").exists()
    again, rendered_again = ensure(load_site_data(TEST_DATE), tmp_path)
    assert again == first and not rendered_again
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".tmp-")], "temporary folders left behind"


def test_batch_stamps_each_place(tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "scripts.printing.batch", "--places", "3", "--out", str(tmp_path)],
                          capture_output=True, text=True, check=True, cwd=ROOT)
    assert re.search(r"3 places, 12 PDFs .* in \d+\.\d+ s \(\d+\.\d+ s of CPU", proc.stdout), proc.stdout
    for i in range(1, 4):
        for kind in ("to-gap-ba", "to-gap-ba-xuong-in", "ap-phich", "ap-phich-a3-xuong-in"):
            codes = pdf.qr_codes(tmp_path / f"b{i:03d}-{kind}.pdf", 100)
            assert [b.text for b in codes[0]] == [f"{SITE_URL}q/b{i:03d}/"]
            assert f"Điểm thử số {i}" in pdf.reading(tmp_path / f"b{i:03d}-{kind}.pdf")


def test_bad_campaigns_stop_the_build_cleanly(tmp_path: Path) -> None:
    from scripts.build import BuildError
    from tests.support.builds import build_variant

    bad = CAMPAIGNS_FILE.read_text(encoding="utf-8").replace("code: xa-a", "code: cho-b", 1)
    out = tmp_path / "site"
    with pytest.raises(BuildError) as err:
        build_variant(out, data_changes={"campaigns.yml": bad})
    assert "campaigns.yml" in str(err.value) and "places[1].code" in str(err.value) and "already used" in str(err.value)
    assert not out.exists()
