"""Share images (link previews for Zalo and Facebook): 1200×630 PNG, drawn with Pillow, no network.

Each image shows the office name, the page title in Be Vietnam Pro (the leaflets' font, full Vietnamese
coverage) and, on pages about the price, the headline figure in a yellow pill, when it holds ("Áp dụng đến
31/12/2026") and, within the office's transition window, the coming figure ("Từ 01/01/2027: …"). The words
come from ``scripts/share_texts.py``; this module only fits and draws them.

**Every text fits or is refused.** :func:`layout` wraps and shrinks each text inside its box; a text that
does not fit at the smallest size raises :class:`TextTooLong`, which names the text and how many characters
fit (the hook turns it into one line naming the file and key). Every fitting loop runs over a fixed list of
sizes or strictly shortens its text, so it ends for any input.

**The drawn lines are data.** :func:`layout` returns the exact lines drawn (:class:`Layout`); they are saved in
the PNG's ``ShareCard`` text chunk (JSON) so that tests read what was drawn without OCR.

Images are cached in ``.cache/social/<key>.png``; the key covers everything drawn plus the font files and
:data:`RENDERER_VERSION`, so an unchanged page is copied from the cache instead of being drawn again.
``SHARE_CACHE_DIR`` overrides the cache folder (tests use an empty one). The published name carries a hash of
the PNG's bytes (:func:`published_name`), so a changed image gets a new URL.

Usage (preview one image): ``python -m scripts.share_images "Tiêu đề" --figure "…" --valid "…" -o /tmp/x.png``
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import tempfile
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont
from PIL.PngImagePlugin import PngInfo

from scripts.paths import CACHE
from scripts.printing.fonts import font_path

WIDTH, HEIGHT = 1200, 630
RENDERER_VERSION = "12"  # bump when the drawing changes: every cached image is then redrawn
FORMAT = "PNG"
# Measured on the site's titles: RGB PNG 31–46 KB, JPEG q85 52–73 KB (and soft edges on the letters); a 32-colour
# palette PNG 13–15 KB and looks the same (flat colours plus the letters' anti-aliasing). So: palette PNG.
PALETTE_COLOURS = 32
META_KEY = "ShareCard"  # PNG text chunk with the drawn lines (JSON), for tests and for anyone who asks

BACKGROUND = (11, 83, 148)  # --md-primary-fg-color
BAND = (7, 55, 99)  # --md-primary-fg-color--dark
WHITE = (255, 255, 255)
PALE = (214, 228, 242)
FIGURE_BG = (255, 214, 102)  # warm yellow, dark text on it: contrast 12:1
FIGURE_FG = (7, 40, 72)
COMING_FG = FIGURE_BG  # yellow text on the blue: contrast 5.6:1

MARGIN = 72
TEXT_WIDTH = WIDTH - 2 * MARGIN
BAND_HEIGHT = 104
BOTTOM_ROW = HEIGHT - 36  # centre line of the host name (right)
TITLE_TOP = 140
TITLE_BOTTOM = 560  # without a figure
TITLE_SIZES = (76, 70, 64, 58, 52, 48, 44, 40)
TITLE_MAX_LINES = 4
OFFICE_SIZES = (34, 30, 26)
FIGURE_SIZES = (46, 42, 40, 38, 36, 34, 32, 30)
FIGURE_MAX_LINES = 2
FIGURE_PAD_X, FIGURE_PAD_Y = 32, 20
COMING_SIZES = (32, 30, 28, 26)
COMING_MAX_LINES = 2
SMALL_SIZES = (28, 26, 24, 22)  # validity statement and host name
GAP = 24  # between the blocks of the lower half
ONE_LINE_MIN = {"figure": 40, "coming": 28}  # one line down to this size, else two lines (large digits read best)


@dataclass(frozen=True)
class ShareCard:
    """Everything drawn on one image (plain text; empty fields are not drawn)."""

    title: str
    office: str
    figure: str = ""  # the headline: "Mỗi tháng đóng từ 264.000 đ; hộ nghèo từ 165.000 đ"
    footer: str = ""  # the site's host name, e.g. bhxh-tu-nguyen.example.vn
    valid: str = ""  # "Áp dụng đến 31/12/2026"
    coming: str = ""  # "Từ 01/01/2027: đóng từ 387.200 đ; hộ nghèo từ 242.000 đ (chưa xác nhận)"

    def key(self) -> str:
        """Cache key: the text, the fonts (path and size) and the renderer version."""
        fonts = [(p.name, p.stat().st_size) for p in (font_path(700), font_path(600), font_path(800))]
        raw = json.dumps([asdict(self), fonts, RENDERER_VERSION, WIDTH, HEIGHT, FORMAT], ensure_ascii=False, sort_keys=True)
        return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:32]


class TextTooLong(ValueError):
    """A text of the card that cannot fit its box even at the smallest size: it must be shortened."""

    def __init__(self, field_name: str, text: str, fits: int) -> None:
        self.field, self.text, self.fits = field_name, text, fits
        super().__init__(f"{field_name}: {len(text)} characters do not fit the share image; at most {fits} fit")


@dataclass(frozen=True)
class Block:
    """Lines of one text, drawn with one font."""

    lines: tuple[str, ...]
    weight: int
    size: int
    step: int  # distance between baselines (line height)

    @property
    def height(self) -> int:
        return len(self.lines) * self.step - (self.step - self.size) if self.lines else 0


@dataclass(frozen=True)
class Layout:
    """The lines drawn, per field of the card, and where the lower blocks start."""

    office: Block
    title: Block
    title_top: int
    title_bottom: int
    figure: Block | None = None
    figure_top: int = 0
    coming: Block | None = None
    coming_top: int = 0
    valid: Block | None = None
    valid_top: int = 0
    footer: Block | None = None

    def lines(self) -> dict[str, list[str]]:
        """``{field: [line, …]}``: exactly the strings drawn (no-break spaces shown as spaces)."""
        def plain(block: Block | None) -> list[str]:
            return [ln.replace(NBSP, " ") for ln in block.lines] if block else []

        return {"office": plain(self.office), "title": plain(self.title), "figure": plain(self.figure),
                "coming": plain(self.coming), "valid": plain(self.valid), "footer": plain(self.footer)}


@dataclass
class RenderStats:
    rendered: int = 0
    cached: int = 0


@dataclass
class Rendered:
    """One image written for the site: its card, what was drawn and its content-hashed file name."""

    card: ShareCard
    lines: dict[str, list[str]] = field(default_factory=dict)
    name: str = ""
    cached: bool = False


def cache_dir() -> Path:
    return Path(os.environ.get("SHARE_CACHE_DIR") or CACHE / "social")


@lru_cache(maxsize=64)
def _font(weight: int, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(font_path(weight)), size)


# -------------------------------------------------------------------------------------------------
# Wrapping (every loop walks a finite list or shortens its text: it ends for any input)
# -------------------------------------------------------------------------------------------------


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


def balanced_wrap(text: str, font: ImageFont.FreeTypeFont, width: float, sentences: bool = True) -> list[str]:
    """Lines of even length: the narrowest width that needs no more lines than the greedy wrap at ``width``.
    A title is cut after a question mark or full stop when each sentence then fits on its own lines
    ("BHXH tự nguyện là gì? / Ai được tham gia?" rather than "… là gì? Ai / được tham gia?")."""
    parts = [s for s in _SENTENCE.split(text.strip(" ")) if s] if sentences else []
    if len(parts) > 1:
        lines = [ln for s in parts for ln in balanced_wrap(s, font, width)]
        if len(lines) <= len(wrap(text, font, width)) + 1 and all(font.getlength(ln) <= width for ln in lines):
            return lines
    greedy = wrap(text, font, width)
    if len(greedy) < 2:
        return greedy
    lo, hi = min(width, max(font.getlength(w) for w in text.split(" ") if w)), width
    for _ in range(32):  # bisection on the width: 32 halvings are far below a pixel
        if hi - lo <= 2:
            break
        mid = (lo + hi) / 2
        if len(wrap(text, font, mid)) <= len(greedy):
            hi = mid
        else:
            lo = mid
    return wrap(text, font, hi)


_SENTENCE = re.compile(r"(?<=[?.!:;])\s+")
NBSP = "\u00a0"
# Two-syllable Vietnamese words that a line break must not split ("tham / gia" reads as two words).
KEEP_TOGETHER = (
    "BHXH tự nguyện", "bảo hiểm", "xã hội", "tự nguyện", "tham gia", "lương hưu", "nhà nước", "hỗ trợ", "mức đóng", "đăng ký",
    "nộp tiền", "đóng tiền", "thu nhập", "quyền lợi", "căn cứ", "pháp lý", "điểm thu", "liên hệ", "hỏi đáp",
    "tài liệu", "chia sẻ", "công cụ", "tuyên truyền", "phương thức", "dân tộc", "thiểu số", "đặc khu", "xã đảo",
    "khó khăn", "hướng dẫn", "người dân", "trợ cấp", "mai táng", "tử tuất", "thai sản", "hộ nghèo", "cận nghèo",
    "y tế", "bưu điện", "đại lý", "cơ sở", "hằng tháng", "một lần", "Thái Nguyên", "xác nhận", "thay đổi", "áp dụng",
    "mỗi tháng",
)
_KEEP = re.compile("|".join(rf"(?<!\w){re.escape(w).replace(' ', ' +')}(?!\w)" for w in KEEP_TOGETHER), re.IGNORECASE)
# An amount and its unit, a date and what it starts: never split ("264.000 / đ", "VND / 264,000").
_AMOUNT = re.compile(r"(\d[\d.,]*) (đ\b|đồng\b)|\b(VND) (\d)")


def glue(text: str) -> str:
    """Join the syllables of known two-syllable words, and amounts with their unit, by a no-break space."""
    text = _KEEP.sub(lambda m: NBSP.join(m.group(0).split()), " ".join(text.split()))
    return _AMOUNT.sub(lambda m: NBSP.join(g for g in m.groups() if g), text)


def fit(field_name: str, text: str, weight: int, sizes: tuple[int, ...], width: int, height: int, max_lines: int,
        leading: float = 1.22) -> Block:
    """The largest size at which ``text`` wraps into at most ``max_lines`` lines inside ``width`` × ``height``.

    Raises :class:`TextTooLong` (with how many characters fit) when it fits at none of ``sizes``.
    """
    glued = glue(text)
    for size in sizes:
        font = _font(weight, size)
        step = round(size * leading)
        if font.getlength(glued) > max_lines * width:  # cannot fit in any wrap: skip the costly wrapping
            continue
        # Cut after a sentence when that fits; else evenly. Both wraps end (see balanced_wrap).
        for sentences in (True, False):
            lines = balanced_wrap(glued, font, width, sentences) if max_lines > 1 else [glued]
            block = Block(tuple(lines), weight, size, step)
            if len(lines) <= max_lines and block.height <= height and all(font.getlength(ln) <= width for ln in lines):
                return block
    raise TextTooLong(field_name, text, _chars_that_fit(glued, weight, sizes[-1], width, height, max_lines, leading))


def fit_lines(field_name: str, text: str, weight: int, sizes: tuple[int, ...], width: int, height: int, max_lines: int,
              leading: float = 1.22) -> Block:
    """Like :func:`fit`, but one line at a size of at least :data:`ONE_LINE_MIN` first: it leaves the title more room."""
    one_line = tuple(s for s in sizes if s >= ONE_LINE_MIN.get(field_name, sizes[-1]))
    try:
        return fit(field_name, text, weight, one_line, width, height, 1, leading)
    except TextTooLong:
        return fit(field_name, text, weight, sizes, width, height, max_lines, leading)


def _chars_that_fit(text: str, weight: int, size: int, width: int, height: int, max_lines: int, leading: float) -> int:
    """The longest prefix of ``text`` (in characters) that fits at ``size``: bisection, at most log2(len) steps."""
    font, step = _font(weight, size), round(size * leading)
    lines_allowed = max(0, min(max_lines, (height + step - size) // step))

    def fits(n: int) -> bool:
        lines = wrap(text[:n], font, width) if max_lines > 1 else [text[:n]]
        return len(lines) <= lines_allowed and all(font.getlength(ln) <= width for ln in lines)

    lo, hi = 0, len(text)  # fits(lo) holds, fits(hi) does not
    while hi - lo > 1:
        mid = (lo + hi) // 2
        lo, hi = (mid, hi) if fits(mid) else (lo, mid)
    return lo


# -------------------------------------------------------------------------------------------------
# Layout and drawing
# -------------------------------------------------------------------------------------------------


def layout(card: ShareCard) -> Layout:
    """Where every text goes: fitted and wrapped, or :class:`TextTooLong`. Lower blocks are stacked from the
    host name upwards: the coming figure, the validity statement, the pill (the statement sits right under the
    figure it dates, so it cannot be read as the coming figure's), and the title gets what is left."""
    office = fit("office", card.office, 600, OFFICE_SIZES, TEXT_WIDTH, BAND_HEIGHT - 24, 1)
    footer = fit("footer", card.footer, 600, SMALL_SIZES, TEXT_WIDTH, 40, 1) if card.footer else None
    bottom = BOTTOM_ROW - (footer.size // 2 if footer else 0) - GAP  # lowest pixel for the blocks above
    coming = figure = valid = None
    coming_top = figure_top = valid_top = 0
    if card.coming:
        coming = fit_lines("coming", card.coming, 600, COMING_SIZES, TEXT_WIDTH, 2 * 40, COMING_MAX_LINES)
        coming_top = bottom - coming.height
        bottom = coming_top - GAP
    if card.valid:
        valid = fit("valid", card.valid, 600, SMALL_SIZES, TEXT_WIDTH, 40, 1)
        valid_top = bottom - valid.height
        bottom = valid_top - GAP // 2
    if card.figure:
        figure = fit_lines("figure", card.figure, 800, FIGURE_SIZES, TEXT_WIDTH - 2 * FIGURE_PAD_X, 130 - 2 * FIGURE_PAD_Y,
                           FIGURE_MAX_LINES, leading=1.18)
        figure_top = bottom - (figure.height + 2 * FIGURE_PAD_Y)
        bottom = figure_top - GAP * 3 // 2
    top = TITLE_TOP - (10 if card.coming else 0)
    bottom = min(bottom, TITLE_BOTTOM)
    title = fit("title", card.title, 700, TITLE_SIZES, TEXT_WIDTH, bottom - top, TITLE_MAX_LINES)
    return Layout(office, title, top, bottom, figure, figure_top, coming, coming_top, valid, valid_top, footer)


def draw(card: ShareCard) -> Image.Image:
    """Draw the card (pure: same card, same pixels)."""
    return draw_layout(layout(card))


def draw_layout(lay: Layout) -> Image.Image:
    img = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    d = ImageDraw.Draw(img)
    # Top band: the office name, so the preview says who speaks.
    d.rectangle((0, 0, WIDTH, BAND_HEIGHT), fill=BAND)
    d.text((MARGIN, BAND_HEIGHT // 2), _shown(lay.office.lines[0]), font=_font(600, lay.office.size), fill=PALE, anchor="lm")
    # Title, centred vertically in its box, so a short title does not leave an empty lower half.
    t = lay.title
    y = lay.title_top + max(0, (lay.title_bottom - lay.title_top - t.height) // 2)
    for line in t.lines:
        d.text((MARGIN, y), _shown(line), font=_font(t.weight, t.size), fill=WHITE, anchor="la")
        y += t.step
    if lay.figure:  # the headline in a yellow pill
        f = lay.figure
        font = _font(f.weight, f.size)
        tw = max(font.getlength(_shown(ln)) for ln in f.lines)
        box = (MARGIN, lay.figure_top, MARGIN + tw + 2 * FIGURE_PAD_X, lay.figure_top + f.height + 2 * FIGURE_PAD_Y)
        d.rounded_rectangle(box, radius=min(44, (box[3] - box[1]) // 2), fill=FIGURE_BG)
        y = lay.figure_top + FIGURE_PAD_Y
        for line in f.lines:
            d.text((MARGIN + FIGURE_PAD_X, y), _shown(line), font=font, fill=FIGURE_FG, anchor="la")
            y += f.step
    if lay.coming:
        c = lay.coming
        y = lay.coming_top
        for line in c.lines:
            d.text((MARGIN, y), _shown(line), font=_font(c.weight, c.size), fill=COMING_FG, anchor="la")
            y += c.step
    if lay.valid:
        v = lay.valid
        d.text((MARGIN, lay.valid_top), _shown(v.lines[0]), font=_font(v.weight, v.size), fill=PALE, anchor="la")
    if lay.footer:
        f = lay.footer
        d.text((WIDTH - MARGIN, BOTTOM_ROW), _shown(f.lines[0]), font=_font(f.weight, f.size), fill=PALE, anchor="rm")
    return img


def _shown(line: str) -> str:
    return line.replace(NBSP, " ")


def encode(img: Image.Image, out: Path | str, lines: dict[str, list[str]] | None = None) -> None:
    """Save as a small palette PNG (see :data:`PALETTE_COLOURS`), with the drawn lines as a text chunk."""
    info = PngInfo()
    if lines is not None:
        info.add_itxt(META_KEY, json.dumps(lines, ensure_ascii=False, sort_keys=True))
    img.quantize(colors=PALETTE_COLOURS, dither=Image.Dither.NONE).save(out, FORMAT, compress_level=9, pnginfo=info)


def drawn_lines(path: Path | str) -> dict[str, list[str]]:
    """The lines drawn on a published image (from its ``ShareCard`` text chunk)."""
    with Image.open(path) as img:
        return json.loads(img.text[META_KEY])


def published_name(stem: str, data: bytes) -> str:
    """``index.3f9a0c1b2d.png``: the page's name and a hash of the image's bytes (a new image, a new URL)."""
    return f"{stem}.{hashlib.sha256(data).hexdigest()[:10]}.png"


def render_cached(card: ShareCard, out_dir: Path, stem: str, stats: RenderStats | None = None) -> Rendered:
    """Write ``card`` as ``out_dir/<stem>.<hash>.png``, drawing it only when the cache has no image for its key.

    Raises :class:`TextTooLong` before anything is written when a text does not fit.
    """
    cache = cache_dir()
    cached = cache / f"{card.key()}.png"
    hit = cached.is_file()
    if not hit:
        lay = layout(card)
        cache.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".png", dir=cache)
        os.close(fd)
        encode(draw_layout(lay), tmp, lay.lines())
        os.replace(tmp, cached)  # atomic: parallel builds never read half an image
    if stats:
        stats.cached += hit
        stats.rendered += not hit
    name = published_name(stem, cached.read_bytes())
    out_dir.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(cached, out_dir / name)
    return Rendered(card, drawn_lines(cached), name, hit)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Draw one share image (preview)")
    parser.add_argument("title")
    parser.add_argument("--office", default="BHXH tỉnh Thái Nguyên")
    parser.add_argument("--figure", default="")
    parser.add_argument("--valid", default="")
    parser.add_argument("--coming", default="")
    parser.add_argument("--footer", default="bhxh-tu-nguyen.example.vn")
    parser.add_argument("-o", "--out", type=Path, default=Path("share.png"))
    args = parser.parse_args(argv)
    card = ShareCard(args.title, args.office, args.figure, args.footer, args.valid, args.coming)
    try:
        lay = layout(card)
    except TextTooLong as exc:
        print(f"Error: {exc}")
        return 2
    encode(draw_layout(lay), args.out, lay.lines())
    print(args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
