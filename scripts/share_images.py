"""Share images (link previews for Zalo and Facebook): 1200×630 PNG, drawn with Pillow, no network.

Each image shows the office name, the page title in Be Vietnam Pro (the leaflets' font, full Vietnamese
coverage) and, where one fits, a key figure ("Chỉ từ 165.000 đ/tháng"). The title is wrapped at word
boundaries and shrunk until it fits its box, so a long title never overflows.

Images are cached in ``.cache/social/<hash>.png``; the hash covers everything drawn plus the font file and
:data:`RENDERER_VERSION`, so an unchanged page is copied from the cache instead of being drawn again.
``SHARE_CACHE_DIR`` overrides the cache folder (tests use an empty one).

Usage (preview one image): ``python -m scripts.share_images "Tiêu đề" --figure "Chỉ từ 165.000 đ/tháng" -o /tmp/x.png``
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from scripts.paths import CACHE
from scripts.printing.fonts import font_path

WIDTH, HEIGHT = 1200, 630
RENDERER_VERSION = "9"  # bump when the drawing changes: every cached image is then redrawn
FORMAT = "PNG"
# Measured on the site's titles: RGB PNG 31–46 KB, JPEG q85 52–73 KB (and soft edges on the letters); a 32-colour
# palette PNG 13–15 KB and looks the same (flat colours plus the letters' anti-aliasing). So: palette PNG.
PALETTE_COLOURS = 32

BACKGROUND = (11, 83, 148)  # --md-primary-fg-color
BAND = (7, 55, 99)  # --md-primary-fg-color--dark
WHITE = (255, 255, 255)
PALE = (214, 228, 242)
FIGURE_BG = (255, 214, 102)  # warm yellow, dark text on it: contrast 12:1
FIGURE_FG = (7, 40, 72)

MARGIN = 72
TITLE_TOP = 140
TITLE_BOTTOM_WITH_FIGURE = 410  # leaves a clear gap above the figure pill (top at 460)
TITLE_BOTTOM = 560
TITLE_SIZES = (76, 70, 64, 58, 52, 48, 44, 40)
TITLE_MAX_LINES = 4


@dataclass(frozen=True)
class ShareCard:
    """Everything drawn on one image."""

    title: str
    office: str
    figure: str = ""
    footer: str = ""  # the site's host name, e.g. bhxh-tu-nguyen.example.vn

    def key(self) -> str:
        """Cache key: the text, the fonts (path and size) and the renderer version."""
        fonts = [(p.name, p.stat().st_size) for p in (font_path(700), font_path(600), font_path(800))]
        raw = json.dumps([self.title, self.office, self.figure, self.footer, fonts, RENDERER_VERSION, WIDTH, HEIGHT, FORMAT],
                         ensure_ascii=False)
        return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:32]


@dataclass
class RenderStats:
    rendered: int = 0
    cached: int = 0


def cache_dir() -> Path:
    return Path(os.environ.get("SHARE_CACHE_DIR") or CACHE / "social")


@lru_cache(maxsize=32)
def _font(weight: int, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(font_path(weight)), size)


def _split_long(word: str, font: ImageFont.FreeTypeFont, width: float) -> list[str]:
    """A word wider than the line, cut into pieces that fit (a pasted URL or a typo without spaces)."""
    if font.getlength(word) <= width:
        return [word]
    pieces, piece = [], ""
    for ch in word:
        if piece and font.getlength(piece + ch) > width:
            pieces.append(piece)
            piece = ch
        else:
            piece += ch
    return [*pieces, piece] if piece else pieces


def wrap(text: str, font: ImageFont.FreeTypeFont, width: float) -> list[str]:
    """Greedy word wrap by measured width; a word wider than the line is cut."""
    lines: list[str] = []
    line = ""
    words = [p for w in text.split(" ") if w for p in _split_long(w, font, width)]
    for word in words:
        candidate = f"{line} {word}".strip()
        if not line or font.getlength(candidate) <= width:
            line = candidate
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    return lines


def balanced_wrap(text: str, font: ImageFont.FreeTypeFont, width: float) -> list[str]:
    """Lines of even length: the narrowest width that needs no more lines than the greedy wrap at ``width``.
    A title is cut after a question mark or full stop when each sentence then fits on its own lines
    ("BHXH tự nguyện là gì? / Ai được tham gia?" rather than "… là gì? Ai / được tham gia?")."""
    sentences = [s for s in _SENTENCE.split(text.strip(" ")) if s]
    if len(sentences) > 1:
        lines = [ln for s in sentences for ln in balanced_wrap(s, font, width)]
        if len(lines) <= len(wrap(text, font, width)) + 1 and all(font.getlength(ln) <= width for ln in lines):
            return lines
    greedy = wrap(text, font, width)
    if len(greedy) < 2:
        return greedy
    lo, hi = min(width, max(font.getlength(w) for w in text.split(" ") if w)), width
    while hi - lo > 2:
        mid = (lo + hi) / 2
        if len(wrap(text, font, mid)) <= len(greedy):
            hi = mid
        else:
            lo = mid
    return wrap(text, font, hi)


_SENTENCE = re.compile(r"(?<=[?.!:])\s+")
NBSP = "\u00a0"
# Two-syllable Vietnamese words that a line break must not split ("tham / gia" reads as two words).
KEEP_TOGETHER = (
    "BHXH tự nguyện", "bảo hiểm", "xã hội", "tự nguyện", "tham gia", "lương hưu", "nhà nước", "hỗ trợ", "mức đóng", "đăng ký",
    "nộp tiền", "đóng tiền", "thu nhập", "quyền lợi", "căn cứ", "pháp lý", "điểm thu", "liên hệ", "hỏi đáp",
    "tài liệu", "chia sẻ", "công cụ", "tuyên truyền", "phương thức", "dân tộc", "thiểu số", "đặc khu", "xã đảo",
    "khó khăn", "hướng dẫn", "người dân", "trợ cấp", "mai táng", "tử tuất", "thai sản", "hộ nghèo", "cận nghèo",
    "y tế", "bưu điện", "đại lý", "cơ sở", "hằng tháng", "một lần", "Thái Nguyên",
)
_KEEP = re.compile("|".join(rf"(?<!\w){re.escape(w).replace(' ', ' +')}(?!\w)" for w in KEEP_TOGETHER), re.IGNORECASE)


def glue(text: str) -> str:
    """Join the syllables of known two-syllable words with a no-break space."""
    return _KEEP.sub(lambda m: NBSP.join(m.group(0).split()), " ".join(text.split()))


def fit_title(title: str, width: int, height: int) -> tuple[ImageFont.FreeTypeFont, list[str], int]:
    """The largest title size whose wrapped lines fit in ``width`` × ``height``; the smallest size is then
    truncated with an ellipsis (only a title of several dozen words gets there)."""
    title = glue(title)
    for size in TITLE_SIZES:
        font = _font(700, size)
        lines = balanced_wrap(title, font, width)
        step = round(size * 1.22)
        fits_width = all(font.getlength(ln) <= width for ln in lines)
        if len(lines) <= TITLE_MAX_LINES and len(lines) * step <= height and fits_width:
            return font, lines, step
    font = _font(700, TITLE_SIZES[-1])
    step = round(TITLE_SIZES[-1] * 1.22)
    lines = wrap(title, font, width)[: min(TITLE_MAX_LINES, height // step)]
    last = lines[-1]
    while last and font.getlength(last + " …") > width:
        last = last.rsplit(" ", 1)[0] if " " in last else last[:-1]
    lines[-1] = last + " …"
    return font, lines, step


def draw(card: ShareCard) -> Image.Image:
    """Draw the card (pure: same card, same pixels)."""
    img = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    d = ImageDraw.Draw(img)
    # Top band: the office name, so the preview says who speaks.
    d.rectangle((0, 0, WIDTH, 104), fill=BAND)
    office_font = _font(600, 34)
    office = card.office
    while office_font.getlength(office) > WIDTH - 2 * MARGIN and " " in office:
        office = office.rsplit(" ", 1)[0] + " …"
    d.text((MARGIN, 52), office, font=office_font, fill=PALE, anchor="lm")
    # Title, wrapped and shrunk to fit.
    bottom = TITLE_BOTTOM_WITH_FIGURE if card.figure else TITLE_BOTTOM
    font, lines, step = fit_title(card.title, WIDTH - 2 * MARGIN, bottom - TITLE_TOP)
    # Centred vertically in its box, so a short title does not leave an empty lower half.
    block = len(lines) * step - (step - font.size)
    y = TITLE_TOP + max(0, (bottom - TITLE_TOP - block) // 2)
    for line in lines:
        d.text((MARGIN, y), line.replace(NBSP, " "), font=font, fill=WHITE, anchor="la")
        y += step
    # Key figure in a yellow pill.
    if card.figure:
        fig_font = _font(800, 46)
        text = card.figure
        while fig_font.getlength(text) > WIDTH - 2 * MARGIN - 64 and fig_font.size > 30:
            fig_font = _font(800, fig_font.size - 4)
        tw = fig_font.getlength(text)
        box = (MARGIN, 460, MARGIN + tw + 64, 548)
        d.rounded_rectangle(box, radius=44, fill=FIGURE_BG)
        d.text((MARGIN + 32, 504), text, font=fig_font, fill=FIGURE_FG, anchor="lm")
    if card.footer:
        d.text((WIDTH - MARGIN, HEIGHT - 36), card.footer, font=_font(600, 26), fill=PALE, anchor="rm")
    return img


def encode(img: Image.Image, out: Path | str) -> None:
    """Save as a small palette PNG (see :data:`PALETTE_COLOURS`)."""
    img.quantize(colors=PALETTE_COLOURS, dither=Image.Dither.NONE).save(out, FORMAT, compress_level=9)


def render_cached(card: ShareCard, out: Path, stats: RenderStats | None = None) -> Path:
    """Write ``card`` to ``out``, drawing it only when the cache has no image for its key."""
    cache = cache_dir()
    cached = cache / f"{card.key()}.png"
    if cached.is_file():
        if stats:
            stats.cached += 1
    else:
        cache.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".png", dir=cache)
        os.close(fd)
        encode(draw(card), tmp)
        os.replace(tmp, cached)  # atomic: parallel builds never read half an image
        if stats:
            stats.rendered += 1
    out.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(cached, out)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Draw one share image (preview)")
    parser.add_argument("title")
    parser.add_argument("--office", default="BHXH tỉnh Thái Nguyên")
    parser.add_argument("--figure", default="")
    parser.add_argument("--footer", default="bhxh-tu-nguyen.example.vn")
    parser.add_argument("-o", "--out", type=Path, default=Path("share.png"))
    args = parser.parse_args(argv)
    encode(draw(ShareCard(args.title, args.office, args.figure, args.footer)), args.out)
    print(args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
