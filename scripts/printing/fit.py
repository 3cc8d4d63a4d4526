"""No overflow, ever: every text in print fits its box, wraps inside it, or stops the build naming the key.

Two kinds of text:

* **laid out by WeasyPrint** (office name, address, the catalogue's words): boxes that must hold their content carry
  ``class="fit"`` and ``data-fit="…"`` (what the reader would call the box); values from the data carry
  ``data-file`` and ``data-key``. After layout, :func:`check_layout` measures every line inside each such box; one
  that ends below or right of it stops the build with the key, its length and about how many characters fit. (A box
  that runs past the bottom of the page is cut there by WeasyPrint, its end lost: :class:`Truncated` says so, and
  ``render.pdf`` measures it again on a taller page.)
* **stamped per place** (place name, days, hours, the short address): :func:`check_fields` wraps each line with the
  font's own widths and refuses one that needs more lines than its box gives it, with the exact length that fits.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from scripts.errors import DataError

PX_MM = 25.4 / 96  # WeasyPrint lays out in CSS px
EPS_PX = 0.5  # rounding of glyph advances


@dataclass(frozen=True)
class Field:
    """One stamped line: its text, how many lines it may wrap to, where its value comes from, and its box."""

    line: Any  # stamp.Line
    max_lines: int
    file: str
    key: str
    box: str  # "cap" or "place" (a box of render.GEOMETRY)
    value: str = ""  # the data value inside the line (default: the whole line)


def _fits(fonts: dict, line: Any, width_pt: float, max_lines: int) -> bool:
    """Within ``max_lines`` lines, none wider than the box (a word that cannot break is as wide as it is)."""
    from scripts.printing.stamp import wrap

    font = fonts[line.font]
    lines = wrap(font, line.text, line.size, width_pt)
    return len(lines) <= max_lines and all(font.width(part, line.size) <= width_pt + 0.5 for part in lines)


def misfits(fonts: dict, fields: list[Field], geo: dict[str, dict[str, float]], label: str) -> list[DataError]:
    """What does not fit: each stamped line within its number of lines, each box's lines within its height."""
    from scripts.printing.stamp import MM, Line, wrap

    out: list[DataError] = []
    used: dict[str, float] = {}
    for f in fields:
        width = geo[f.box]["w"] * MM
        if not _fits(fonts, f.line, width, f.max_lines):
            value = f.value or f.line.text
            lo, hi = 0, len(value)
            while lo < hi:  # the longest start of the value that still fits
                mid = (lo + hi + 1) // 2
                trial = Line(f.line.text.replace(value, value[:mid].rstrip(), 1), f.line.font, f.line.size)
                lo, hi = (mid, hi) if _fits(fonts, trial, width, f.max_lines) else (lo, mid - 1)
            err = DataError(f.file, f.key, f"{len(value)} characters do not fit on {label} "
                            f"({f.max_lines} line{'s' if f.max_lines > 1 else ''} there)", f"shorten it to {lo} characters at most")
            err.fits = lo  # type: ignore[attr-defined]
            out.append(err)
            continue
        lines = len(wrap(fonts[f.line.font], f.line.text, f.line.size, width))
        used[f.box] = used.get(f.box, 0) + lines * f.line.size * 1.3
    for box, height in used.items():
        if height > geo[box]["h"] * MM + 0.5:
            out.append(DataError(fields[0].file, fields[0].key.split(".")[0], f"the {box} text of {label} needs "
                                 f"{height / MM:.0f} mm, the box has {geo[box]['h']:.0f} mm", "shorten the place's texts"))
    return out


def check_fields(fonts: dict, products: list[tuple[list[Field], dict[str, dict[str, float]], str]]) -> None:
    """Refuse what does not fit on any of ``products`` (``(fields, geometry, label)``); a value too long for several
    is reported once, with the length that fits all of them."""
    errors = [e for fields, geo, label in products for e in misfits(fonts, fields, geo, label)]
    if errors:
        keyed = [e for e in errors if hasattr(e, "fits")]
        if not keyed:
            raise errors[0]
        first = keyed[0]
        raise min((e for e in keyed if (e.file, e.key) == (first.file, first.key)), key=lambda e: e.fits)


def _boxes(box: Any) -> Iterator[Any]:
    yield box
    for child in getattr(box, "children", ()):
        yield from _boxes(child)


def _content(box: Any, keyed: Any = None) -> Iterator[tuple[Any, float | None, float, Any]]:
    """``(box, right, bottom, element with data-key or None)`` for each text, picture and line under ``box``
    (lines span their block's full width: only their bottom counts)."""
    el = getattr(box, "element", None)
    if el is not None and el.get("data-key"):
        keyed = el
    kind = type(box).__name__
    if kind in ("TextBox", "InlineReplacedBox", "BlockReplacedBox"):
        yield box, box.position_x + box.margin_width(), box.position_y + box.margin_height(), keyed
    elif kind == "LineBox":
        yield box, None, box.position_y + box.margin_height(), keyed
    for child in getattr(box, "children", ()):
        yield from _content(child, keyed)


def _keyed(box: Any) -> list[tuple[str, str, str]]:
    """``(file, key, text)`` of the data values shown inside ``box``."""
    seen, out = set(), []
    for b in _boxes(box):
        el = getattr(b, "element", None)
        if el is not None and el.get("data-key") and id(el) not in seen:
            seen.add(id(el))
            out.append((el.get("data-file", ""), el.get("data-key"), "".join(el.itertext()).strip()))
    return out


class Truncated(Exception):
    """WeasyPrint dropped the end of a box that ran past the bottom of the page: measure again on a taller page."""


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _dropped(box: Any, el: Any) -> bool:
    """The box shows less text than its element holds (the rest was past the page's end and is lost)."""
    shown = "".join(b.text for b in _boxes(box) if type(b).__name__ == "TextBox")
    return len(_squash(shown)) < len(_squash("".join(el.itertext())))


def check_layout(document: Any, label: str) -> None:
    """Refuse a rendered document in which a line sticks out of its ``data-fit`` box (see the module docstring)."""
    for page_no, page in enumerate(document.pages, 1):
        seen: set[str] = set()
        for box in _boxes(page._page_box):
            el = getattr(box, "element", None)
            if el is None or not el.get("data-fit") or el.get("data-fit") in seen:
                continue
            seen.add(el.get("data-fit"))  # inner boxes share their element: the first (outermost) box is the element's own
            content = list(_content(box))
            if not content:
                continue
            if _dropped(box, el):
                raise Truncated(label, page_no, el.get("data-fit"))
            right = box.content_box_x() + box.width  # the padding is the safe margin: nothing goes there
            bottom = box.content_box_y() + box.height
            wide = [c for c in content if c[1] is not None and c[1] - right > EPS_PX]
            over_y = max(c[2] for c in content) - bottom
            if not wide and over_y <= EPS_PX:
                continue
            where = f"{label} (page {page_no}, {el.get('data-fit')})"
            if wide:  # a word or value too wide for its box: blame the data value it belongs to, if any
                keyed = [c[3] for c in wide if c[3] is not None]
                if not keyed:
                    words = " ".join(getattr(c[0], "text", "") for c in wide).strip()
                    raise DataError("data/texts.yml", "print", f"{words!r} is too wide for {where}",
                                    "shorten the texts shown there")
                k = keyed[0]
                text = "".join(k.itertext()).strip()
                over_x = max(c[1] for c in wide) - right
                fits = math.floor(len(text) * box.width / (box.width + over_x))
                raise DataError(k.get("data-file", ""), k.get("data-key"), f"{len(text)} characters do not fit in {where}",
                                f"shorten it to about {fits} characters")
            keyed_all = _keyed(box)
            if not keyed_all:
                raise DataError("data/texts.yml", "print", f"the words do not fit in {where}: "
                                f"{over_y * PX_MM:.0f} mm too long", "shorten the texts shown there")
            file, key, text = max(keyed_all, key=lambda k: len(k[2]))
            height, lines = _lines_of(box, key)
            line_h = height / lines
            fits = math.floor(len(text) - math.ceil(over_y / line_h) * len(text) / lines)
            if fits <= 0:  # even without the value there is no room: the box's words are too long
                raise DataError("data/texts.yml", "print", f"{where} is {over_y * PX_MM:.0f} mm too full",
                                f"shorten the texts shown there (or {key} of {file}, {len(text)} characters)")
            raise DataError(file, key, f"{len(text)} characters do not fit in {where}",
                            f"shorten it to at most about {fits} characters")


def _lines_of(box: Any, key: str) -> tuple[float, int]:
    """The height and number of the lines that show the value of ``key``, for the estimate of what fits (an inline
    value split over several lines is one box per line: all of them count)."""
    texts: dict[int, Any] = {}
    for b in _boxes(box):
        e = getattr(b, "element", None)
        if e is not None and e.get("data-key") == key:
            texts.update({id(x): x for x in _boxes(b) if type(x).__name__ == "TextBox"})
    tops = sorted({round(x.position_y, 1): x for x in texts.values()}.items())
    if not tops:
        return 1.0, 1
    last = tops[-1][1]
    return last.position_y + last.margin_height() - tops[0][1].position_y, len(tops)
