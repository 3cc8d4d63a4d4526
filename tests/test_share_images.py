"""Share images: long titles never overflow, the cache skips unchanged pages on the next build."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PIL import Image

from scripts.paths import DOCS
from scripts.share_images import HEIGHT, MARGIN, WIDTH, ShareCard, balanced_wrap, draw, fit_title, glue
from tests.support.builds import build_variant

LONG_TITLES = [
    "Hướng dẫn đăng ký, đóng tiền và nhận lương hưu bảo hiểm xã hội tự nguyện cho người dân tộc thiểu số "
    "ở xã đảo, đặc khu và vùng đặc biệt khó khăn của tỉnh Thái Nguyên năm 2026",
    "Quyền lợi khi tham gia bảo hiểm xã hội tự nguyện: lương hưu, thẻ bảo hiểm y tế, trợ cấp mai táng, tử tuất",
    "Người tham gia BHXH tự nguyện được Nhà nước hỗ trợ bao nhiêu tiền mỗi tháng?",
    "Bảohiểmxãhộitựnguyệnkhôngcókhoảngtrắngnàotrongtiêuđềnàycả " * 2,  # one unbreakable "word"
    " ".join(["Đóng"] * 120),  # far too long: truncated with an ellipsis
]
WHITE = (255, 255, 255)


def _white_pixels(img: Image.Image, box: tuple[int, int, int, int]) -> int:
    colours = img.crop(box).convert("RGB").getcolors(maxcolors=1 << 24) or []
    return sum(n for n, colour in colours if colour == WHITE)


@pytest.mark.parametrize("title", LONG_TITLES, ids=range(len(LONG_TITLES)))
@pytest.mark.parametrize("figure", ["Chỉ từ 165.000 đ/tháng", ""])
def test_long_titles_stay_inside_the_image(title: str, figure: str) -> None:
    img = draw(ShareCard(title, "Bảo hiểm xã hội tỉnh Thái Nguyên", figure, "bhxh-tu-nguyen.example.vn"))
    assert img.size == (WIDTH, HEIGHT)
    # White is used only for the title: none may reach the side margins or the figure pill below.
    assert _white_pixels(img, (WIDTH - MARGIN + 8, 104, WIDTH, HEIGHT)) == 0
    assert _white_pixels(img, (0, 104, MARGIN - 8, HEIGHT)) == 0
    if figure:
        assert _white_pixels(img, (0, 452, WIDTH, HEIGHT)) == 0
    # …and the title is there (a blank image would pass the checks above).
    assert _white_pixels(img, (MARGIN, 104, WIDTH - MARGIN, 452)) > 2000


def test_title_lines_fit_and_keep_words_together() -> None:
    font, lines, _step = fit_title("Quyền lợi khi tham gia BHXH tự nguyện", WIDTH - 2 * MARGIN, 290)
    assert all(font.getlength(line) <= WIDTH - 2 * MARGIN for line in lines)
    assert not any(line.endswith("tham") for line in lines), lines  # "tham gia" is one word
    lines = balanced_wrap(glue("BHXH tự nguyện là gì? Ai được tham gia?"), font, WIDTH - 2 * MARGIN)
    assert lines[0].endswith("gì?"), lines  # a question ends its line


def test_every_page_has_its_image(site_dir: Path) -> None:
    for lang in ("vi", "en"):
        for md in (DOCS / lang).glob("*.md"):
            with Image.open(site_dir / "assets" / "social" / lang / f"{md.stem}.png") as img:
                assert img.size == (1200, 630) and img.format == "PNG"


def test_second_build_draws_nothing(tmp_path: Path) -> None:
    """Build twice with an empty cache: the first build draws every page's image, the second none."""
    pages = sum(1 for lang in ("vi", "en") for _ in (DOCS / lang).glob("*.md"))
    env = {"SHARE_CACHE_DIR": str(tmp_path / "cache"), "BUILD_REPORT_FILE": str(tmp_path / "report.json")}
    first = build_variant(tmp_path / "one", env=env)
    assert json.loads((tmp_path / "report.json").read_text())["share_images"] == {"rendered": pages, "cached": 0}
    second = build_variant(tmp_path / "two", env=env)
    assert json.loads((tmp_path / "report.json").read_text())["share_images"] == {"rendered": 0, "cached": pages}
    assert len(list((tmp_path / "cache").glob("*.png"))) <= pages
    for a in sorted((first / "assets" / "social").rglob("*.png")):
        b = second / a.relative_to(first)
        assert a.read_bytes() == b.read_bytes(), a.name


def test_cache_key_changes_with_what_is_drawn() -> None:
    base = ShareCard("Tính mức đóng", "BHXH tỉnh Thái Nguyên", "Chỉ từ 165.000 đ/tháng", "example.vn")
    others = [
        ShareCard("Tính mức đóng BHXH", base.office, base.figure, base.footer),
        ShareCard(base.title, "BHXH tỉnh Bắc Kạn", base.figure, base.footer),
        ShareCard(base.title, base.office, "Chỉ từ 170.000 đ/tháng", base.footer),
    ]
    assert len({base.key(), *(o.key() for o in others)}) == 4
    assert base.key() == ShareCard(*vars(base).values()).key()
