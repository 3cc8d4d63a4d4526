"""Share images: every text fits its box or is refused (never a hang), the drawn lines are in the file, the cache
skips unchanged pages and the published name follows the image's bytes."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PIL import Image

from scripts.paths import DOCS, ROOT
from scripts.share_images import (
    FIGURE_BG,
    HEIGHT,
    MARGIN,
    WIDTH,
    ShareCard,
    TextTooLong,
    _font,
    balanced_wrap,
    draw,
    drawn_lines,
    encode,
    fit,
    glue,
    layout,
    published_name,
)
from tests.support.builds import build_variant

OFFICE = "Bảo hiểm xã hội tỉnh Thái Nguyên"
HOST = "bhxh-tu-nguyen.example.vn"
# What a figure page shows on 01/12/2026 (floor 1.500.000 × 22 % = 330.000; others pay 80 % = 264.000, poor
# households 50 % = 165.000, Decree 159/2025 Art 5(1); from 01/01/2027 the floor 2.200.000, Decree 351/2025).
FIGURE = "Mỗi tháng đóng từ 264.000 đ; hộ nghèo từ 165.000 đ"
VALID = "Áp dụng đến 31/12/2026"
COMING = "Từ 01/01/2027: mỗi tháng đóng từ 387.200 đ; hộ nghèo từ 242.000 đ (chưa xác nhận)"
TITLES = [
    "Người tham gia BHXH tự nguyện được Nhà nước hỗ trợ bao nhiêu tiền mỗi tháng?",
    "Quyền lợi khi tham gia bảo hiểm xã hội tự nguyện: lương hưu, thẻ bảo hiểm y tế, trợ cấp mai táng, tử tuất",
    "Bảohiểmxãhộitựnguyệnkhôngcókhoảngtrắngnàotrongtiêuđề",  # one unbreakable "word"
    "Hỏi đáp",
]
WHITE = (255, 255, 255)


def _count(img: Image.Image, box: tuple[int, int, int, int], colour: tuple[int, int, int]) -> int:
    region = img.crop(box).convert("RGB")
    return sum(1 for px in region.get_flattened_data() if px == colour)


def _first_row_with(img: Image.Image, colour: tuple[int, int, int]) -> int:
    rgb = img.convert("RGB")
    data = rgb.get_flattened_data()
    for i, px in enumerate(data):
        if px == colour:
            return i // WIDTH
    return HEIGHT


@pytest.mark.parametrize("title", TITLES, ids=range(len(TITLES)))
@pytest.mark.parametrize("lower", ["full", "figure", "none"])
def test_titles_stay_inside_their_box(title: str, lower: str) -> None:
    card = ShareCard(title, OFFICE, FIGURE if lower != "none" else "", HOST,
                     VALID if lower != "none" else "", COMING if lower == "full" else "")
    try:
        img = draw(card)
    except TextTooLong as exc:  # refused, never cut or overflowing: only a title this long on the fullest card
        assert (exc.field, title, lower) == ("title", TITLES[1], "full") and exc.fits < len(title)
        return
    assert img.size == (WIDTH, HEIGHT)
    # White is used only for the title: none in the side margins, none at or below the yellow pill.
    assert _count(img, (WIDTH - MARGIN + 8, 104, WIDTH, HEIGHT), WHITE) == 0
    assert _count(img, (0, 104, MARGIN - 8, HEIGHT), WHITE) == 0
    if card.figure:
        pill = _first_row_with(img, FIGURE_BG)
        assert pill < HEIGHT - 60
        assert _count(img, (0, pill, WIDTH, HEIGHT), WHITE) == 0
    # …and the title is there (a blank image would pass the checks above).
    assert _count(img, (MARGIN, 104, WIDTH - MARGIN, HEIGHT), WHITE) > 2000


def test_drawn_lines_are_stored_in_the_png(tmp_path: Path) -> None:
    card = ShareCard("Bảo hiểm xã hội tự nguyện", OFFICE, FIGURE, HOST, VALID, COMING)
    lay = layout(card)
    encode(draw(card), tmp_path / "x.png", lay.lines())
    lines = drawn_lines(tmp_path / "x.png")
    assert lines["title"] == ["Bảo hiểm xã hội tự nguyện"]
    assert lines["office"] == [OFFICE] and lines["footer"] == [HOST] and lines["valid"] == [VALID]
    assert " ".join(lines["figure"]) == FIGURE and " ".join(lines["coming"]) == COMING
    assert lines["figure"] == ["Mỗi tháng đóng từ 264.000 đ;", "hộ nghèo từ 165.000 đ"]  # two lines of large digits, cut after ";"


def test_amounts_and_words_are_not_split() -> None:
    block = fit("coming", COMING, 600, (32,), WIDTH - 2 * MARGIN, 80, 2)
    assert len(block.lines) == 2
    assert all(not ln.endswith(("264.000", "387.200", "tham", "chưa")) for ln in block.lines), block.lines
    lines = balanced_wrap(glue("BHXH tự nguyện là gì? Ai được tham gia?"), _font(700, 76), WIDTH - 2 * MARGIN)
    assert lines[0].endswith("gì?"), lines  # a question ends its line


@pytest.mark.parametrize("field", ["office", "title", "figure", "coming", "valid", "footer"])
def test_a_text_too_long_is_refused_with_the_length_that_fits(field: str) -> None:
    """Each text either fits or raises TextTooLong; the length it names does fit, one more character does not."""
    base = {"title": "Tính mức đóng", "office": OFFICE, "figure": FIGURE, "footer": HOST, "valid": VALID, "coming": COMING}
    long = "Bảo hiểm xã hội tự nguyện " * 40
    with pytest.raises(TextTooLong) as err:
        layout(ShareCard(**(base | {field: long})))
    assert err.value.field == field and 0 < err.value.fits < len(long)
    layout(ShareCard(**(base | {field: long[: err.value.fits]})))  # fits
    with pytest.raises(TextTooLong):
        layout(ShareCard(**(base | {field: long[: err.value.fits + 1].rstrip() + "x"})))


LONG_NAMES = [
    "BHXH tỉnh Thái Nguyên — Phòng Truyền thông và Phát triển đối tượng",  # 66 characters: hung the build before
    ("BHXH tỉnh Thái Nguyên — Phòng Truyền thông và Phát triển đối tượng tham gia " * 3)[:200],
    "B" * 200,  # no space at all
    "Bảo hiểm " + "…" * 191,
]


def test_no_office_name_hangs_the_drawing() -> None:
    """Layout of 200-character office names, in a child process killed after 30 s: it must answer, not spin."""
    code = textwrap.dedent(f"""
        import json
        from scripts.share_images import ShareCard, TextTooLong, layout
        out = []
        for name in {LONG_NAMES!r}:
            try:
                out.append(["fits", layout(ShareCard("Tính mức đóng", name, {FIGURE!r}, {HOST!r})).lines()["office"]])
            except TextTooLong as exc:
                out.append(["refused", exc.field, exc.fits])
        print(json.dumps(out))
    """)
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=30)
    assert proc.returncode == 0, proc.stderr
    results = json.loads(proc.stdout)
    assert results[0] == ["fits", [LONG_NAMES[0]]]  # shrunk to fit, whole: an office name is never cut
    for result in results[1:]:
        assert result[0] == "refused" and result[1] == "office" and 40 <= result[2] < 200, result


def test_a_long_office_name_stops_the_build_with_one_line(tmp_path: Path) -> None:
    from scripts.build import BuildError

    office = (ROOT / "data" / "office.yml").read_text(encoding="utf-8")
    name = LONG_NAMES[1]
    changed = office.replace('short_name: {vi: "BHXH tỉnh Thái Nguyên"', f'short_name: {{vi: "{name}"', 1)
    assert changed != office
    with pytest.raises(BuildError) as err:
        build_variant(tmp_path / "site", env={"BUILD_DATE": "2026-12-01"}, data_changes={"office.yml": changed})
    message = str(err.value)
    assert "office.short_name.vi" in message and "200 characters" in message and "at most" in message, message
    assert "Traceback" not in message
    assert not (tmp_path / "site").exists()


def test_every_page_has_its_image(site_dir: Path) -> None:
    for lang in ("vi", "en"):
        for md in (DOCS / lang).glob("*.md"):
            found = list((site_dir / "assets" / "social" / lang).glob(f"{md.stem}.*.png"))
            assert len(found) == 1, (lang, md.stem, found)
            with Image.open(found[0]) as img:
                assert img.size == (1200, 630) and img.format == "PNG"
            assert found[0].name == published_name(md.stem, found[0].read_bytes())  # the hash is of the bytes


def test_second_build_draws_nothing(tmp_path: Path) -> None:
    """Build twice with an empty cache: the first build draws every page's image, the second none."""
    pages = sum(1 for lang in ("vi", "en") for _ in (DOCS / lang).glob("*.md"))
    env = {"SHARE_CACHE_DIR": str(tmp_path / "cache"), "BUILD_REPORT_FILE": str(tmp_path / "report.json"),
           "BUILD_DATE": "2026-12-01"}
    first = build_variant(tmp_path / "one", env=env)
    assert json.loads((tmp_path / "report.json").read_text())["share_images"] == {"rendered": pages, "cached": 0}
    second = build_variant(tmp_path / "two", env=env)
    assert json.loads((tmp_path / "report.json").read_text())["share_images"] == {"rendered": 0, "cached": pages}
    assert len(list((tmp_path / "cache").glob("*.png"))) <= pages
    images = sorted((first / "assets" / "social").rglob("*.png"))
    assert len(images) == pages
    for a in images:
        b = second / a.relative_to(first)
        assert a.read_bytes() == b.read_bytes(), a.name


def test_cache_key_changes_with_what_is_drawn() -> None:
    base = ShareCard("Tính mức đóng", "BHXH tỉnh Thái Nguyên", FIGURE, "example.vn", VALID, COMING)
    others = [
        ShareCard("Tính mức đóng BHXH", base.office, base.figure, base.footer, base.valid, base.coming),
        ShareCard(base.title, "BHXH tỉnh Bắc Kạn", base.figure, base.footer, base.valid, base.coming),
        ShareCard(base.title, base.office, "Mỗi tháng đóng từ 387.200 đ", base.footer, base.valid, base.coming),
        ShareCard(base.title, base.office, base.figure, base.footer, "Áp dụng đến 31/12/2030", base.coming),
        ShareCard(base.title, base.office, base.figure, base.footer, base.valid, ""),
    ]
    assert len({base.key(), *(o.key() for o in others)}) == 1 + len(others)
    assert base.key() == ShareCard(*vars(base).values()).key()
