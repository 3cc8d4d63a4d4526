"""Print-shop files (``*-xuong-in.pdf``): what a print shop's preflight asks for (ISO 15930-7 PDF/X-4, a CMYK output
intent, 3 mm bleed, marks outside the bleed, no fold lines on the sheet, fonts embedded), checked in the built files.
Fonts, boxes and QR codes of every file are checked in test_print.py."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.support import pdf

MM = pdf.MM
SHOP = ["to-gap-ba-a4-xuong-in.pdf", "to-roi-a5-xuong-in.pdf", "to-gap-ba-a4-xuong-in-en.pdf", "to-roi-a5-xuong-in-en.pdf",
        "ap-phich-a3-xuong-in.pdf", "diem/cho-b2-to-gap-ba-xuong-in.pdf", "diem/cho-b2-ap-phich-a3-xuong-in.pdf"]
OFFICE = ["to-gap-ba-a4-van-phong.pdf", "diem/cho-b2-to-gap-ba.pdf", "ap-phich-a4.pdf"]
# The colours of scripts/printing/colours.py in CMYK, written out here: text 100 % K, paper, the brand blue, the accent
# yellow, table rules, the example's tint, the "chưa xác nhận" red-brown, the sample badge.
CMYK = {(0, 0, 0, 1), (0, 0, 0, 0), (0.9, 0.45, 0, 0.57), (0, 0.14, 0.75, 0), (0.32, 0.14, 0, 0.2), (0.04, 0.02, 0, 0.05),
        (0, 0.95, 1, 0.5), (0, 1, 0.82, 0.31)}


@pytest.fixture(scope="module")
def print_dir(site_dir: Path) -> Path:
    return site_dir / "in-an"


@pytest.mark.parametrize("name", SHOP)
def test_pdf_x4_with_a_cmyk_output_intent(print_dir: Path, name: str) -> None:
    reader = PdfReader(print_dir / name)
    assert reader.pdf_header == "%PDF-1.6"  # PDF/X-4 is based on PDF 1.6
    root = reader.trailer["/Root"]
    xmp = root["/Metadata"].get_object().get_data().decode("utf-8")
    assert re.search(r"<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>", xmp)
    assert "<dc:title>" in xmp and reader.trailer.get("/ID")  # PDF/X: a title and a file identifier
    assert str(reader.metadata.get("/Trapped")) == "/False"
    intents = root["/OutputIntents"]
    assert len(intents) == 1
    intent = intents[0].get_object()
    assert intent["/S"] == "/GTS_PDFX"
    assert intent["/OutputConditionIdentifier"] == "FOGRA39" and intent["/RegistryName"] == "http://www.color.org"
    profile = intent["/DestOutputProfile"].get_object()
    data = profile.get_data()
    assert profile["/N"] == 4 and data[12:16] == b"prtr" and data[16:20] == b"CMYK", "an output (printer) profile for CMYK"


@pytest.mark.parametrize("name", SHOP)
def test_colours_are_cmyk_and_text_is_black_ink_only(print_dir: Path, name: str) -> None:
    """No RGB anywhere (pages and stamped captions); every colour one of the named CMYK inks; body text 100 % K."""
    texts = []
    for page in PdfReader(print_dir / name).pages:
        for p in pdf.paints(page):
            space, values = p.colour
            if p.op in ("Tj", "TJ", "'", '"'):
                texts.append(p.colour)
                continue
            assert space == "/DeviceCMYK", f"{name}: {p.op} in {space} {values}"
            assert tuple(round(v, 3) for v in values) in CMYK, f"{name}: unexpected ink mix {values}"
    assert texts and all(space == "/DeviceCMYK" for space, _ in texts)
    black = sum(values == (0, 0, 0, 1) for _, values in texts)
    assert black / len(texts) >= 0.5, f"{name}: only {black} of {len(texts)} text runs in 100 % K"


@pytest.mark.parametrize("name", OFFICE)
def test_office_printer_files_stay_rgb(print_dir: Path, name: str) -> None:
    """An office printer is driven in sRGB: no output intent, no CMYK."""
    reader = PdfReader(print_dir / name)
    assert "/OutputIntents" not in reader.trailer["/Root"]
    spaces = {p.colour[0] for page in reader.pages for p in pdf.paints(page) if p.op not in ("Tj", "TJ")}
    assert "/DeviceCMYK" not in spaces


INK = 740  # R+G+B below this: something is printed there (white paper is 765; the light fold guide about 670)


def _dark(img, x_mm: float, y_mm: float, dpi: int) -> bool:
    x, y = round(x_mm / 25.4 * dpi), round(y_mm / 25.4 * dpi)
    return any(sum(img.getpixel((x + dx, y + dy))) < INK for dx in (-1, 0, 1) for dy in (-1, 0, 1))


def _row(img, y_mm: float, x0_mm: float, x1_mm: float, dpi: int) -> list[bool]:
    return [_dark(img, x0_mm + i * 0.25, y_mm, dpi) for i in range(int((x1_mm - x0_mm) / 0.25) + 1)]


def _col(img, x_mm: float, y0_mm: float, y1_mm: float, dpi: int) -> list[bool]:
    return [_dark(img, x_mm, y0_mm + i * 0.25, dpi) for i in range(int((y1_mm - y0_mm) / 0.25) + 1)]


def test_crop_marks_sit_outside_the_bleed(print_dir: Path) -> None:
    """Rasterised whole (MediaBox): at each corner a mark runs along the trim line from 4 to 10 mm outside the trim,
    nothing of it within the 3 mm bleed, and the marks by the blue cover are not hidden under it (ux-review 7)."""
    dpi = 200
    path = print_dir / "to-gap-ba-a4-xuong-in.pdf"
    page = PdfReader(path).pages[0]
    slug = (float(page.trimbox.left) - float(page.mediabox.left)) / MM  # mm of paper around the trim
    w, h = 297, 210
    img = pdf.raster(path, 0, dpi)
    for tx, ty, sx, sy in ((0, 0, -1, -1), (w, 0, 1, -1), (0, h, -1, 1), (w, h, 1, 1)):
        x, y = slug + tx, slug + ty  # the trim corner, in the raster
        outside = _row(img, y, x + sx * 9.5, x + sx * 4.5, dpi) if sx < 0 else _row(img, y, x + 4.5, x + 9.5, dpi)
        assert all(outside), f"horizontal mark at ({tx}, {ty}) mm missing or broken"
        vertical = _col(img, x, y + sy * 9.5, y + sy * 4.5, dpi) if sy < 0 else _col(img, x, y + 4.5, y + 9.5, dpi)
        assert all(vertical), f"vertical mark at ({tx}, {ty}) mm missing or broken"
        if tx == 0:  # the flap and the inside: white paper in the bleed, so a mark there would show
            inner = _row(img, y, x - 3, x - 0.5, dpi)
            assert not any(inner), f"a mark runs into the bleed at ({tx}, {ty}) mm"


def test_no_fold_lines_on_the_print_shop_sheet(print_dir: Path) -> None:
    """The office file shows dashed fold guides on the inside (100 and 200 mm); the print-shop file has none inside the
    trim (they would print on the leaflet), only fold marks outside it."""
    dpi = 150
    office = pdf.raster(print_dir / "to-gap-ba-a4-van-phong.pdf", 1, dpi)
    shop_path = print_dir / "to-gap-ba-a4-xuong-in.pdf"
    page = PdfReader(shop_path).pages[1]
    slug = (float(page.trimbox.left) - float(page.mediabox.left)) / MM
    shop = pdf.raster(shop_path, 1, dpi)
    for fold in (100, 200):
        guide = _col(office, fold, 5, 205, dpi)
        assert sum(guide) > 100, f"office file: no fold guide at {fold} mm"
        assert not any(_col(shop, slug + fold, slug + 1, slug + 209, dpi)), f"print-shop file: a line on the fold at {fold} mm"
        assert any(_col(shop, slug + fold, slug - 9.5, slug - 4.5, dpi)), f"print-shop file: no fold mark above {fold} mm"
        assert any(_col(shop, slug + fold, slug + 214.5, slug + 219.5, dpi)), f"print-shop file: no fold mark below {fold} mm"


def test_named_colours_print_like_their_screen_colours() -> None:
    """Each colour's CMYK, printed to the shipped FOGRA39 profile, looks like its sRGB (ImageCms, relative colorimetric):
    within 16 of 255 per channel, so office and print-shop copies match."""
    from PIL import Image, ImageCms

    from scripts.printing.colours import COLOURS
    from scripts.printing.pdfx import PROFILE

    to_srgb = ImageCms.buildTransform(ImageCms.getOpenProfile(str(PROFILE)), ImageCms.createProfile("sRGB"), "CMYK", "RGB")
    for name, colour in COLOURS.items():
        cmyk = tuple(round(v * 255) for v in colour.cmyk)
        got = ImageCms.applyTransform(Image.new("CMYK", (1, 1), cmyk), to_srgb).getpixel((0, 0))
        want = tuple(int(colour.rgb[i:i + 2], 16) for i in (1, 3, 5))
        if name == "text":  # 100 % K on coated paper is a dark grey, not sRGB black: the point of not using rich black
            assert max(got) < 60
            continue
        assert max(abs(a - b) for a, b in zip(got, want, strict=True)) <= 16, f"{name}: CMYK gives {got}, sRGB is {want}"


@pytest.mark.parametrize("name", ["diem/cho-b2-to-gap-ba-xuong-in.pdf", "diem/cho-b2-ap-phich.pdf"])
def test_place_files_are_clean_incremental_updates(print_dir: Path, name: str) -> None:
    """The stamped file is the shared render plus an appended update: a strict parser reads every object, and the
    output intent and file identifier of the print-shop base are still the document's."""
    data = (print_dir / name).read_bytes()
    assert data.count(b"%%EOF") == 2 and data.rstrip().endswith(b"%%EOF")
    reader = PdfReader(print_dir / name, strict=True)
    for num in range(1, int(reader.trailer["/Size"])):
        reader.get_object(num)
    assert "/PlaceStamp" in reader.pages[0]["/Resources"]["/XObject"]
    if "xuong-in" in name:
        assert reader.trailer["/Root"]["/OutputIntents"][0]["/OutputConditionIdentifier"] == "FOGRA39"
        assert reader.trailer.get("/ID")
