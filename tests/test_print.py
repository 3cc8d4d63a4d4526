"""The printed material in the built site: sizes, bleed, fonts, Vietnamese text, figures, QR codes, links, speed.

Expected figures come from the policy data through ``scripts.calc`` (the Python twin of the JS core, kept
equal by the parity tests) and are formatted with ``scripts.fmt``; expected URLs from the data files.
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

import pypdfium2 as pdfium
import pytest
import yaml
import zxingcpp
from pypdf import PdfReader

from scripts import fmt
from scripts.calc import bounds, contribution
from scripts.paths import CAMPAIGNS_FILE, OFFICE_FILE, ROOT
from scripts.policy import GROUPS, load_policy

MM = 72 / 25.4
OFFICE = yaml.safe_load(OFFICE_FILE.read_text(encoding="utf-8"))
SITE_URL = OFFICE["site_url"]
PLACES = yaml.safe_load(CAMPAIGNS_FILE.read_text(encoding="utf-8"))["places"]
CALC_URL = SITE_URL + "tinh-muc-dong/"

# file → (trim width, height in mm, bleed?, pages, {page index: QR URL})
SHARED = {
    "to-gap-ba-a4-xuong-in.pdf": (297, 210, True, 2, {0: CALC_URL}),
    "to-gap-ba-a4-van-phong.pdf": (297, 210, False, 2, {0: CALC_URL}),
    "to-roi-a5-xuong-in.pdf": (148, 210, True, 2, {1: CALC_URL}),
    "to-roi-a5-van-phong.pdf": (148, 210, False, 2, {1: CALC_URL}),
    "ap-phich-a4.pdf": (210, 297, False, 1, {0: CALC_URL}),
}


# Places of campaigns not over on TEST_DATE (01/12/2026): the sample's December drive; October's month is over.
PRINTED = ["bd-d", "cho-b2", "xa-c"]
FIRST = next(p for p in PLACES if p["code"] == PRINTED[0])


def _all_pdfs() -> dict[str, tuple]:
    out = dict(SHARED)
    for p in (p for p in PLACES if p["code"] in PRINTED):
        short = f"{SITE_URL}q/{p['code']}/"
        out[f"diem/{p['code']}-to-gap-ba.pdf"] = (297, 210, False, 2, {0: short})
        out[f"diem/{p['code']}-ap-phich.pdf"] = (210, 297, False, 1, {0: short})
    return out


ALL = _all_pdfs()


@pytest.fixture(scope="module")
def print_dir(site_dir: Path) -> Path:
    d = site_dir / "in-an"
    assert d.is_dir(), "site/in-an/ is missing: is overrides/hooks/printing.py in mkdocs.yml hooks?"
    return d


@pytest.fixture(scope="module")
def print_date(print_dir: Path) -> dt.date:
    """The date the leaflets were printed for (the build date)."""
    return dt.date.fromisoformat(json.loads((print_dir / "manifest.json").read_text())["date"])


def _text(path: Path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


@pytest.mark.parametrize("name", sorted(ALL))
def test_page_sizes_and_bleed(print_dir: Path, name: str) -> None:
    w, h, bleed, pages, _ = ALL[name]
    reader = PdfReader(print_dir / name)
    assert len(reader.pages) == pages
    for page in reader.pages:
        media, trim = page.mediabox, page.trimbox
        assert trim.width == pytest.approx(w * MM, abs=0.5) and trim.height == pytest.approx(h * MM, abs=0.5)
        extra = 3 * MM if bleed else 0
        assert media.width == pytest.approx(w * MM + 2 * extra, abs=0.5)
        assert media.height == pytest.approx(h * MM + 2 * extra, abs=0.5)
        assert float(trim.left) - float(media.left) == pytest.approx(extra, abs=0.3)
        assert float(trim.bottom) - float(media.bottom) == pytest.approx(extra, abs=0.3)


def _fonts(obj, seen: set[int]) -> list:
    """Every font dictionary reachable from a resources dictionary (form XObjects included)."""
    found = []
    resources = obj.get_object() if obj is not None else None
    if not resources:
        return found
    for font in (resources.get("/Font") or {}).values():
        found.append(font.get_object())
    for xo in (resources.get("/XObject") or {}).values():
        ref = getattr(xo, "idnum", None)
        if ref in seen:
            continue
        seen.add(ref)
        xo = xo.get_object()
        if xo.get("/Subtype") == "/Form":
            found += _fonts(xo.get("/Resources"), seen)
    return found


@pytest.mark.parametrize("name", sorted(ALL))
def test_every_font_embedded(print_dir: Path, name: str) -> None:
    reader = PdfReader(print_dir / name)
    for i, page in enumerate(reader.pages):
        fonts = _fonts(page.get("/Resources"), set())
        assert fonts, f"{name} page {i + 1}: no fonts"
        for font in fonts:
            descendants = font.get("/DescendantFonts")
            target = descendants[0].get_object() if descendants else font
            desc = target["/FontDescriptor"].get_object()
            assert "/FontFile2" in desc or "/FontFile3" in desc, f"{name}: {font.get('/BaseFont')} is not embedded"
            assert "BeVietnamPro" in str(font["/BaseFont"]).replace("-", ""), f"{name}: unexpected font {font['/BaseFont']}"


@pytest.mark.parametrize("name", ["to-gap-ba-a4-van-phong.pdf", "to-gap-ba-a4-xuong-in.pdf", "to-roi-a5-van-phong.pdf",
                                  "to-roi-a5-xuong-in.pdf", f"diem/{FIRST['code']}-to-gap-ba.pdf"])
def test_text_and_figures(print_dir: Path, print_date: dt.date, name: str) -> None:
    text = _text(print_dir / name)
    flat = " ".join(text.split())
    assert unicodedata.normalize("NFC", text) == text
    for phrase in ("Bảo hiểm xã hội tự nguyện", "Quét mã để tính mức đóng", "Đăng ký thế nào?", "Bạn đóng ít nhất bao nhiêu?",
                   "Hộ cận nghèo", "Người dân tộc thiểu số", "Nhà nước hỗ trợ"):
        assert phrase in flat, f"{name}: {phrase!r} missing"
    policy = load_policy()
    floor, ceiling = bounds(policy, print_date)
    for g in GROUPS:
        assert fmt.money(contribution(policy, floor, g, print_date).net) in flat, f"{name}: lowest payment for {g}"
        assert fmt.percent(policy.value("support_rates", print_date)[g]) in flat
    assert fmt.money(floor) in flat and fmt.money(ceiling) in flat
    assert fmt.percent(policy.value("contribution_rate", print_date)) in flat
    hotline = yaml.safe_load((ROOT / "data" / "national.yml").read_text(encoding="utf-8"))["hotline"]
    assert hotline in flat
    assert OFFICE["office"]["phone"] in flat
    if OFFICE["sample"]:
        assert "DỮ LIỆU MẪU" in flat, "sample office data must be marked on the print"
    if "diem/" in name:
        assert f"q/{FIRST['code']}" in flat.replace(" ", "") and FIRST["name"] in flat
    else:
        assert SITE_URL.split("//", 1)[1] + "tinh-muc-dong" in flat.replace(" ", ""), "the short address is printed"


def test_unconfirmed_figures_are_marked(print_dir: Path, print_date: dt.date) -> None:
    from scripts.figures import compute

    figures = compute(load_policy(), print_date).figures
    shown = [f"net_min.{g}" for g in GROUPS] + ["floor", "ceiling", "rate"]
    if "net_min_next.other" in figures:
        shown.append("net_min_next.other")
    text = " ".join(_text(print_dir / "to-gap-ba-a4-van-phong.pdf").split())
    unconfirmed = [n for n in shown if not figures[n].confirmed]
    assert ("chưa xác nhận" in text) == bool(unconfirmed), unconfirmed


def test_trifold_panel_order(print_dir: Path) -> None:
    """Outside: inner flap (0–97 mm) | back with contacts (97–197) | cover (197–297); inside: 100 | 100 | 97."""
    out = subprocess.run(["pdftotext", "-bbox", "-f", "1", "-l", "2", str(print_dir / "to-gap-ba-a4-van-phong.pdf"), "-"],
                         capture_output=True, text=True, check=True).stdout
    pages = out.split("<page ")[1:]

    def x_of(page: str, word: str) -> float:
        m = re.search(r'<word xMin="([\d.]+)"[^>]*>' + re.escape(word) + "</word>", page)
        assert m, word
        return float(m.group(1)) / MM

    assert x_of(pages[0], "Đăng") < 97 and 97 < x_of(pages[0], "Hỏi") < 197 and x_of(pages[0], "tự") > 197
    assert 97 < x_of(pages[0], "Quét") < 197  # the QR sits on the back panel, under the contacts
    assert x_of(pages[1], "là") < 100 and 100 < x_of(pages[1], "ít") < 200 and x_of(pages[1], "hỗ") > 200


def _qr_codes(path: Path, dpi: int) -> list[list[zxingcpp.Barcode]]:
    doc = pdfium.PdfDocument(str(path))
    try:
        return [[b for b in zxingcpp.read_barcodes(doc[i].render(scale=dpi / 72).to_pil()) if b.format == zxingcpp.BarcodeFormat.QRCode]
                for i in range(len(doc))]
    finally:
        doc.close()


@pytest.mark.parametrize("name", sorted(ALL))
def test_every_qr_in_every_pdf(print_dir: Path, name: str) -> None:
    """Each page has exactly the intended codes; module size at print size ≥ 0.5 mm; short codes version ≤ 4."""
    expected = ALL[name][4]
    dpi = 150
    for i, codes in enumerate(_qr_codes(print_dir / name, dpi)):
        want = [expected[i]] if i in expected else []
        assert [b.text for b in codes] == want, f"{name} page {i + 1}"
        for b in codes:
            version = int(b.extra["Version"])
            assert b.extra["ECLevel"] == "M" and version <= 4
            pos = b.position
            width_px = max(pos.top_right.x, pos.bottom_right.x) - min(pos.top_left.x, pos.bottom_left.x) + 1
            module_mm = width_px / dpi * 25.4 / (17 + 4 * version)
            assert module_mm >= 0.5, f"{name}: {module_mm:.2f} mm modules"
    # and at phone-camera-like low resolution
    low = _qr_codes(print_dir / name, 72)
    assert [[b.text for b in p] for p in low] == [[expected[i]] if i in expected else [] for i in range(len(low))]


def test_previews_and_page_links(site_dir: Path, print_dir: Path) -> None:
    for lang_dir in (site_dir / "tai-lieu-in", site_dir / "en" / "tai-lieu-in"):
        html = (lang_dir / "index.html").read_text(encoding="utf-8")
        targets = {unescape(h) for h in re.findall(r'(?:href|src)="([^"]*in-an/[^"]+)"', html)}
        assert len(targets) >= 5 + 3 + 2 * len(PRINTED)
        for t in targets:
            assert (lang_dir / t).resolve().is_file(), f"{lang_dir}: broken link {t}"
        for name in SHARED:
            assert any(t.endswith(name) for t in targets), f"{name} not linked"
    previews = sorted((print_dir / "xem-truoc").glob("*.png"))
    assert len(previews) == 2 + 2 + 1
    assert not (site_dir / "en" / "in-an").exists(), "print files must not be duplicated under en/"


def test_unchanged_rebuild_does_not_render(tmp_path: Path, print_date: dt.date) -> None:
    from scripts.printing.build import ensure
    from scripts.site_data import load_site_data

    first, rendered = ensure(load_site_data(print_date), tmp_path)
    assert rendered and (first / "in-an" / "to-gap-ba-a4-van-phong.pdf").exists()
    again, rendered_again = ensure(load_site_data(print_date), tmp_path)
    assert again == first and not rendered_again
    other, rendered_other = ensure(load_site_data(print_date + dt.timedelta(days=400)), tmp_path)
    assert other != first and rendered_other
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".tmp-")], "temporary folders left behind"


def test_batch_stamps_each_place(tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "scripts.printing.batch", "--places", "4", "--out", str(tmp_path)],
                          capture_output=True, text=True, check=True, cwd=ROOT)
    assert re.search(r"4 places, 8 PDFs .* in \d+\.\d+ s", proc.stdout), proc.stdout
    for i in range(1, 5):
        for kind in ("to-gap-ba", "ap-phich"):
            codes = _qr_codes(tmp_path / f"b{i:03d}-{kind}.pdf", 100)
            assert [b.text for b in codes[0]] == [f"{SITE_URL}q/b{i:03d}/"]
            assert f"Điểm thử số {i}" in _text(tmp_path / f"b{i:03d}-{kind}.pdf")


def test_bad_campaigns_stop_the_build_cleanly(tmp_path: Path) -> None:
    from scripts.build import BuildError
    from tests.support.builds import build_variant

    bad = CAMPAIGNS_FILE.read_text(encoding="utf-8").replace("code: xa-a", "code: cho-b", 1)
    out = tmp_path / "site"
    with pytest.raises(BuildError) as err:
        build_variant(out, data_changes={"campaigns.yml": bad})
    assert "campaigns.yml" in str(err.value) and "places[1].code" in str(err.value) and "already used" in str(err.value)
    assert not out.exists()
