"""Stamp per-place text and QR codes onto an already rendered PDF, without WeasyPrint and without re-parsing.

Why: laying out 100 overlay pages in WeasyPrint costs about as much as the leaflets themselves. Place
text is short, NFC Vietnamese, one font, no shaping needed (Be Vietnam Pro has a precomposed glyph for
every Vietnamese letter), so we place glyphs ourselves: the font is subset once per batch with fontTools
(glyph ids kept, so the PDF maps CID = GID), embedded as a CIDFontType2 with a ToUnicode map (text stays
extractable and searchable), and each output PDF is an incremental update of the shared base bytes.
"""

from __future__ import annotations

import io
import unicodedata
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont
from pypdf import PdfWriter
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

    def embed(self, writer: PdfWriter) -> IndirectObject:
        """Add the Type0 font (and its file, widths, ToUnicode map) to ``writer``; returns its reference."""
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
            NameObject("/StemV"): NumberObject(80), NameObject("/FontFile2"): writer._add_object(file),
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
            NameObject("/FontDescriptor"): writer._add_object(descriptor), NameObject("/W"): w,
            NameObject("/CIDToGIDMap"): NameObject("/Identity"),
        })
        tounicode = DecodedStreamObject()
        tounicode.set_data(self._to_unicode())
        font = DictionaryObject({
            NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type0"), NameObject("/BaseFont"): base,
            NameObject("/Encoding"): NameObject("/Identity-H"),
            NameObject("/DescendantFonts"): ArrayObject([writer._add_object(cid)]),
            NameObject("/ToUnicode"): writer._add_object(tounicode),
        })
        return writer._add_object(font)

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


def stamp_page(writer: PdfWriter, page_index: int, font_refs: dict[str, IndirectObject], content: bytes) -> None:
    """Draw ``content`` (PDF operators using fonts ``/R``, ``/B``) on top of a page, as a Form XObject."""
    page = writer.pages[page_index]
    box = page.mediabox
    form = StreamObject()
    form._data = zlib.compress(content, 6)
    form.update({
        NameObject("/Filter"): NameObject("/FlateDecode"),
        NameObject("/Type"): NameObject("/XObject"), NameObject("/Subtype"): NameObject("/Form"),
        NameObject("/BBox"): ArrayObject(FloatObject(v) for v in box),
        NameObject("/Resources"): DictionaryObject({NameObject("/Font"): DictionaryObject(
            {NameObject(f"/{k}"): v for k, v in font_refs.items()})}),
    })
    form_ref = writer._add_object(form)
    resources = page["/Resources"].get_object()
    xobjects = resources.get("/XObject")
    if xobjects is None:
        xobjects = DictionaryObject()
        resources[NameObject("/XObject")] = xobjects
    xobjects.get_object()[NameObject("/PlaceStamp")] = form_ref
    pre, post = StreamObject(), StreamObject()
    pre._data, post._data = b"q\n", b"Q\nq /PlaceStamp Do Q\n"
    contents = page.raw_get("/Contents")  # keep the indirect reference: a stream may not sit directly in an array
    existing = list(contents.get_object()) if isinstance(contents.get_object(), ArrayObject) else [contents]
    if not all(isinstance(c, IndirectObject) for c in existing):
        raise ValueError("unexpected direct content stream in the base PDF")
    page[NameObject("/Contents")] = ArrayObject([writer._add_object(pre), *existing, writer._add_object(post)])


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
