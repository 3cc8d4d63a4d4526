"""Stamp per-place text and QR codes onto an already rendered PDF, without WeasyPrint and without re-parsing.

Why: laying out 100 overlay pages in WeasyPrint costs about as much as the leaflets themselves. Place
text is short, NFC Vietnamese, one font, no shaping needed (Be Vietnam Pro has a precomposed glyph for
every Vietnamese letter), so we place glyphs ourselves: the font is subset once per batch with fontTools
(glyph ids kept, so the PDF maps CID = GID), embedded as a CIDFontType2 with a ToUnicode map (text stays
extractable and searchable), and each output PDF is an incremental update of the shared base bytes (:class:`Update`).
"""

from __future__ import annotations

import io
import re
import unicodedata
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fontTools import subset
from fontTools.ttLib import TTFont
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    FloatObject,
    IndirectObject,
    NameObject,
    NumberObject,
    StreamObject,
    TextStringObject,
)

from scripts import qr

MM = 72 / 25.4
RGB_BLACK = "0 0 0 rg"  # office-printer files are sRGB


def cmyk_black() -> str:
    """100 % K, the text colour of the print-shop files (``colours.COLOURS["text"]``), as a fill operator."""
    from scripts.printing.colours import COLOURS

    return " ".join(f"{v:g}" for v in COLOURS["text"].cmyk) + " k"


@dataclass
class StampFont:
    """One TrueType face, subset to ``text``'s characters, ready to embed in any number of PDFs."""

    path: Path
    text: str
    tag: str = "PLACEA"
    cmap: dict[int, int] = field(init=False)
    widths: dict[int, int] = field(init=False)  # gid → width in 1/1000 em
    data: bytes = field(init=False)

    def __post_init__(self) -> None:
        font = TTFont(str(self.path))
        best = font.getBestCmap()
        chars = sorted(set(unicodedata.normalize("NFC", self.text)) | {" "})
        missing = [c for c in chars if ord(c) not in best]
        if missing:
            raise ValueError(f"{self.path.name} has no glyph for {''.join(missing)!r}")
        order = font.getGlyphOrder()
        upem = font["head"].unitsPerEm
        self.cmap = {ord(c): font.getGlyphID(best[ord(c)]) for c in chars}
        self.widths = {gid: round(font["hmtx"][order[gid]][0] * 1000 / upem) for gid in self.cmap.values()}
        self.ascent = round(font["hhea"].ascent * 1000 / upem)
        self.descent = round(font["hhea"].descent * 1000 / upem)
        self.cap_height = round(getattr(font["OS/2"], "sCapHeight", 700) * 1000 / upem)
        head = font["head"]
        self.bbox = [round(v * 1000 / upem) for v in (head.xMin, head.yMin, head.xMax, head.yMax)]
        self.name = font["name"].getDebugName(6) or "BeVietnamPro"
        options = subset.Options()
        options.retain_gids = True
        options.layout_features = []
        options.hinting = False
        options.notdef_outline = True
        sub = subset.Subsetter(options)
        sub.populate(unicodes=list(self.cmap))
        sub.subset(font)
        buf = io.BytesIO()
        font.save(buf)
        self.data = buf.getvalue()
        self._packed = zlib.compress(self.data, 6)

    def width(self, text: str, size: float) -> float:
        """Advance width in points."""
        return sum(self.widths[self.cmap[ord(c)]] for c in text) * size / 1000

    def encode(self, text: str) -> str:
        return "".join(f"{self.cmap[ord(c)]:04X}" for c in unicodedata.normalize("NFC", text))

    def embed(self, add: Callable[[Any], IndirectObject]) -> IndirectObject:
        """Add the Type0 font (and its file, widths, ToUnicode map) with ``add`` (adds an object, returns its
        reference); returns the font's reference."""
        file = StreamObject()
        file._data = self._packed
        file[NameObject("/Filter")] = NameObject("/FlateDecode")
        file[NameObject("/Length1")] = NumberObject(len(self.data))
        base = NameObject(f"/{self.tag}+{self.name}")
        descriptor = DictionaryObject({
            NameObject("/Type"): NameObject("/FontDescriptor"), NameObject("/FontName"): base,
            NameObject("/Flags"): NumberObject(32), NameObject("/FontBBox"): ArrayObject(NumberObject(v) for v in self.bbox),
            NameObject("/ItalicAngle"): NumberObject(0), NameObject("/Ascent"): NumberObject(self.ascent),
            NameObject("/Descent"): NumberObject(self.descent), NameObject("/CapHeight"): NumberObject(self.cap_height),
            NameObject("/StemV"): NumberObject(80), NameObject("/FontFile2"): add(file),
        })
        w = ArrayObject()
        for gid in sorted(self.widths):
            w += [NumberObject(gid), ArrayObject([NumberObject(self.widths[gid])])]
        cid = DictionaryObject({
            NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/CIDFontType2"),
            NameObject("/BaseFont"): base,
            NameObject("/CIDSystemInfo"): DictionaryObject({NameObject("/Registry"): TextStringObject("Adobe"),
                                                            NameObject("/Ordering"): TextStringObject("Identity"),
                                                            NameObject("/Supplement"): NumberObject(0)}),
            NameObject("/FontDescriptor"): add(descriptor), NameObject("/W"): w,
            NameObject("/CIDToGIDMap"): NameObject("/Identity"),
        })
        tounicode = DecodedStreamObject()
        tounicode.set_data(self._to_unicode())
        font = DictionaryObject({
            NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type0"), NameObject("/BaseFont"): base,
            NameObject("/Encoding"): NameObject("/Identity-H"),
            NameObject("/DescendantFonts"): ArrayObject([add(cid)]),
            NameObject("/ToUnicode"): add(tounicode),
        })
        return add(font)

    def _to_unicode(self) -> bytes:
        pairs = sorted((gid, cp) for cp, gid in self.cmap.items())
        lines = ["/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
                 "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def", "/CMapName /Adobe-Identity-UCS def",
                 "/CMapType 2 def", "1 begincodespacerange", "<0000> <FFFF>", "endcodespacerange"]
        for i in range(0, len(pairs), 100):
            chunk = pairs[i:i + 100]
            lines.append(f"{len(chunk)} beginbfchar")
            lines += [f"<{gid:04X}> <{cp:04X}>" for gid, cp in chunk]
            lines.append("endbfchar")
        lines += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
        return "\n".join(lines).encode("ascii")


@dataclass(frozen=True)
class Line:
    text: str
    font: str  # resource name: "R" or "B"
    size: float  # pt


def wrap(font: StampFont, text: str, size: float, width_pt: float) -> list[str]:
    """Greedy wrap at spaces, or after "/" and "." inside a long token such as an address."""
    out: list[str] = []
    current = ""
    for token in _tokens(text):
        trial = current + token
        if current and font.width(trial.rstrip(), size) > width_pt:
            out.append(current.rstrip())
            current = token.lstrip()
        else:
            current = trial
    if current.strip():
        out.append(current.rstrip())
    return out


def _tokens(text: str) -> list[str]:
    tokens, cur = [], ""
    for c in text:
        cur += c
        if c in " /.":
            tokens.append(cur)
            cur = ""
    if cur:
        tokens.append(cur)
    return tokens


def text_operators(fonts: dict[str, StampFont], lines: list[Line], x_mm: float, y_mm: float, w_mm: float,
                   origin: tuple[float, float], align: str = "left", leading: float = 1.3, colour: str = RGB_BLACK) -> bytes:
    """Text in ``colour`` (a fill operator), top of the first line at ``y_mm`` from the top of the trim box; wraps to
    ``w_mm`` (``fit.check_fields`` has made sure it fits)."""
    ops = [colour]
    y = origin[1] - y_mm * MM
    left = origin[0] + x_mm * MM
    width = w_mm * MM
    for line in lines:
        font = fonts[line.font]
        for part in wrap(font, line.text, line.size, width):
            y -= line.size * leading
            dx = (width - font.width(part, line.size)) / 2 if align == "center" else 0
            ops.append(f"BT /{line.font} {line.size:.2f} Tf {left + dx:.3f} {y + line.size * 0.25:.3f} Td <{font.encode(part)}> Tj ET")
    return ("\n".join(ops) + "\n").encode("ascii")


def qr_operators(code: qr.Code, x_mm: float, y_mm: float, size_mm: float, origin: tuple[float, float],
                 colour: str = RGB_BLACK) -> bytes:
    """Fill operators drawing ``code`` (quiet zone included) with its top-left corner at (x_mm, y_mm) from the
    top-left of the trim box; ``origin`` is the trim box's (left, top) in points. One rectangle per run of dark modules."""
    m = size_mm / code.modules * MM
    left, top = origin[0] + x_mm * MM, origin[1] - y_mm * MM
    ops = [f"q {colour}"]
    for r, row in enumerate(code.matrix):
        c, n = 0, len(row)
        while c < n:
            if not row[c]:
                c += 1
                continue
            start = c
            while c < n and row[c]:
                c += 1
            ops.append(f"{left + start * m:.3f} {top - (r + 1) * m:.3f} {(c - start) * m:.3f} {m:.3f} re")
    ops.append("f Q")
    return ("\n".join(ops) + "\n").encode("ascii")


class Update:
    """The incremental update that stamps one page of ``base``, prepared once for a batch of places.

    Everything but the drawing is the same for every place: the fonts (subset once for all the places' text), the
    page and its resources pointing at the stamp, the two content streams around the page's own. Those objects are
    serialised once; :meth:`file` appends them, the place's Form XObject and a cross-reference stream (``/Prev`` the
    base's) to the base bytes. The base is parsed once, not once per place (with pypdf's incremental writer the
    parse took most of a 100-place batch).
    """

    def __init__(self, base: bytes, fonts: dict[str, StampFont], page_index: int = 0) -> None:
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(base))
        self.base = base if base.endswith(b"\n") else base + b"\n"
        self._next = int(reader.trailer["/Size"])
        objects: list[tuple[int, Any]] = []

        def add(obj: Any) -> IndirectObject:
            num, self._next = self._next, self._next + 1
            objects.append((num, obj))
            return IndirectObject(num, 0, None)

        font_refs = {name: f.embed(add) for name, f in fonts.items()}
        pre, post = StreamObject(), StreamObject()
        pre._data, post._data = b"q\n", b"Q\nq /PlaceStamp Do Q\n"
        pre_ref, post_ref = add(pre), add(post)
        self.form_num = self._next
        self._next += 1
        form_ref = IndirectObject(self.form_num, 0, None)

        page = reader.pages[page_index]
        new_page = DictionaryObject({k: page.raw_get(k) for k in page})
        contents = page.raw_get("/Contents")
        existing = list(contents.get_object()) if isinstance(contents.get_object(), ArrayObject) else [contents]
        if not all(isinstance(c, IndirectObject) for c in existing):
            raise ValueError("unexpected direct content stream in the base PDF")
        new_page[NameObject("/Contents")] = ArrayObject([pre_ref, *existing, post_ref])
        res_raw = page.raw_get("/Resources")
        resources = DictionaryObject({k: v for k, v in res_raw.get_object().items()})
        xobjects = resources.get("/XObject")
        xobjects = DictionaryObject(dict(xobjects.get_object().items())) if xobjects is not None else DictionaryObject()
        xobjects[NameObject("/PlaceStamp")] = form_ref
        resources[NameObject("/XObject")] = xobjects
        if isinstance(res_raw, IndirectObject):
            objects.append((res_raw.idnum, resources))
        else:
            new_page[NameObject("/Resources")] = resources
        objects.append((page.indirect_reference.idnum, new_page))
        self._form_resources = DictionaryObject({NameObject("/Font"): DictionaryObject(
            {NameObject(f"/{k}"): v for k, v in font_refs.items()})})
        self._bbox = ArrayObject(FloatObject(v) for v in page.mediabox)
        self.trim = tuple(float(v) for v in page.trimbox)  # left, bottom, right, top

        self._trailer = DictionaryObject({NameObject(k): reader.trailer.raw_get(k) for k in ("/Root", "/Info", "/ID")
                                          if k in reader.trailer})
        self._prev = int(re.findall(rb"startxref\s+(\d+)", base)[-1])
        self._head = b""
        self._offsets: dict[int, int] = {}
        for num, obj in objects:  # a later version of the same object wins in the xref: keep the last one
            self._offsets[num] = len(self.base) + len(self._head)
            self._head += _serialise(num, obj)

    def file(self, content: bytes) -> bytes:
        """The whole stamped file: the base, the shared objects, a Form XObject drawing ``content``, the xref stream."""
        form = StreamObject()
        form._data = zlib.compress(content, 6)
        form.update({NameObject("/Filter"): NameObject("/FlateDecode"), NameObject("/Type"): NameObject("/XObject"),
                     NameObject("/Subtype"): NameObject("/Form"), NameObject("/BBox"): self._bbox,
                     NameObject("/Resources"): self._form_resources})
        out = self.base + self._head
        offsets = dict(self._offsets)
        offsets[self.form_num] = len(out)
        out += _serialise(self.form_num, form)
        xref_num = self.form_num + 1
        offsets[xref_num] = len(out)
        nums = sorted(offsets)
        index, rows = [], b""
        for n in nums:  # /Index: runs of consecutive object numbers
            if index and index[-2] + index[-1] == n:
                index[-1] += 1
            else:
                index += [n, 1]
            rows += b"\x01" + offsets[n].to_bytes(4, "big") + b"\x00"
        xref = StreamObject()
        xref._data = rows
        xref.update(self._trailer)
        xref.update({NameObject("/Type"): NameObject("/XRef"), NameObject("/Size"): NumberObject(xref_num + 1),
                     NameObject("/W"): ArrayObject([NumberObject(1), NumberObject(4), NumberObject(1)]),
                     NameObject("/Index"): ArrayObject(NumberObject(v) for v in index),
                     NameObject("/Prev"): NumberObject(self._prev)})
        out += _serialise(xref_num, xref)
        return out + b"startxref\n" + str(offsets[xref_num]).encode() + b"\n%%EOF\n"


def _serialise(num: int, obj: Any) -> bytes:
    buf = io.BytesIO()
    buf.write(f"{num} 0 obj\n".encode())
    obj.write_to_stream(buf)
    buf.write(b"\nendobj\n")
    return buf.getvalue()
