"""Reading the PDFs a reader downloads, with real tools: poppler's ``pdftotext``, pdfium (text runs, rasters), zxing-cpp
(QR codes) and pypdf (boxes, fonts, colour operators)."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

MM = 72 / 25.4


def text(path: Path, *, layout: bool = False) -> str:
    """``pdftotext`` output, no-break spaces turned into spaces (what a reader sees)."""
    args = ["pdftotext", *(["-layout"] if layout else []), str(path), "-"]
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout.replace("\u00a0", " ")


def flat(path: Path) -> str:
    """The text of the whole file on one line, single spaces."""
    return " ".join(text(path).split())


def reading(path: Path) -> str:
    """The text in the order it was written (WeasyPrint writes in document order; pdftotext guesses columns from
    positions and may interleave panels), for checking whole sentences. One line, single spaces."""
    from pypdf import PdfReader

    return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(path).pages).replace("\u00a0", " ")


def unbroken(path: Path, token: str) -> bool:
    """Every occurrence of ``token`` (an amount, a phone number, a date) sits on one line of the page."""
    lines = text(path).splitlines()
    on_one_line = sum(" ".join(line.split()).count(token) for line in lines)
    return on_one_line == flat(path).count(token) and on_one_line > 0


@dataclass(frozen=True)
class Run:
    """A character as pdfium reads it: the glyph, its size in points (text matrix and page transform applied)."""

    char: str
    size: float


def runs(path: Path) -> list[list[Run]]:
    """Per page, every drawn character with its effective size."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as c

    doc = pdfium.PdfDocument(str(path))
    pages = []
    try:
        for page in doc:
            tp = page.get_textpage()
            m = c.FS_MATRIX()
            out = []
            for i in range(tp.count_chars()):
                ch = chr(c.FPDFText_GetUnicode(tp.raw, i))
                if ch.isspace() or c.FPDFText_IsGenerated(tp.raw, i) == 1:
                    continue
                c.FPDFText_GetMatrix(tp.raw, i, m)
                scale = abs(m.a * m.d - m.b * m.c) ** 0.5
                out.append(Run(ch, round(c.FPDFText_GetFontSize(tp.raw, i) * scale, 2)))
            pages.append(out)
    finally:
        doc.close()
    return pages


def qr_codes(path: Path, dpi: int) -> list[list[object]]:
    """Per page, the QR codes zxing-cpp decodes from the page rasterised at ``dpi``."""
    import pypdfium2 as pdfium
    import zxingcpp

    doc = pdfium.PdfDocument(str(path))
    try:
        return [[b for b in zxingcpp.read_barcodes(doc[i].render(scale=dpi / 72).to_pil()) if b.format == zxingcpp.BarcodeFormat.QRCode]
                for i in range(len(doc))]
    finally:
        doc.close()


def raster(path: Path, page: int, dpi: int, *, box: str = "media"):
    """A page as a PIL image: the whole MediaBox (``box="media"``), with pdfium."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(path))
    try:
        return doc[page].render(scale=dpi / 72, may_draw_forms=False).to_pil().convert("RGB")
    finally:
        doc.close()


def fonts(resources: object, seen: set[int] | None = None) -> list:
    """Every font dictionary reachable from a resources dictionary (form XObjects included)."""
    seen = set() if seen is None else seen
    found = []
    res = resources.get_object() if resources is not None else None
    if not res:
        return found
    for font in (res.get("/Font") or {}).values():
        found.append(font.get_object())
    for xo in (res.get("/XObject") or {}).values():
        ref = getattr(xo, "idnum", None)
        if ref in seen:
            continue
        seen.add(ref)
        xo = xo.get_object()
        if xo.get("/Subtype") == "/Form":
            found += fonts(xo.get("/Resources"), seen)
    return found


@dataclass(frozen=True)
class Paint:
    """A colour set (fill or stroke) or a text shown in a content stream, with the colour it uses."""

    op: str
    colour: tuple[str, tuple[float, ...]]  # (colour space, components); for text, the fill colour in force
    stroke: bool = False


def paints(page: object) -> Iterator[Paint]:
    """Walk a page's content, form XObjects included: every fill or stroke colour set and every text shown, with the
    colour in force (``q``/``Q`` respected). Colour spaces: /DeviceGray, /DeviceRGB, /DeviceCMYK or a resource name."""
    from pypdf.generic import ContentStream

    def walk(content: object, resources: object, fill: tuple, seen: set) -> Iterator[Paint]:
        stack = []
        fill_space, stroke_space = fill[0], "/DeviceGray"
        for operands, op in ContentStream(content, page.pdf).operations:
            op = op.decode("latin-1")
            values = tuple(float(v) for v in operands if isinstance(v, (int, float)))
            if op == "q":
                stack.append((fill, fill_space, stroke_space))
            elif op == "Q" and stack:
                fill, fill_space, stroke_space = stack.pop()
            elif op in ("g", "rg", "k"):
                fill_space = {"g": "/DeviceGray", "rg": "/DeviceRGB", "k": "/DeviceCMYK"}[op]
                fill = (fill_space, values)
                yield Paint(op, fill)
            elif op in ("G", "RG", "K"):
                stroke_space = {"G": "/DeviceGray", "RG": "/DeviceRGB", "K": "/DeviceCMYK"}[op]
                yield Paint(op, (stroke_space, values), stroke=True)
            elif op == "cs":
                fill_space = str(operands[0])
            elif op == "CS":
                stroke_space = str(operands[0])
            elif op in ("sc", "scn"):
                fill = (fill_space, values)
                yield Paint(op, fill)
            elif op in ("SC", "SCN"):
                yield Paint(op, (stroke_space, values), stroke=True)
            elif op in ("Tj", "TJ", "'", '"'):
                yield Paint(op, fill)
            elif op == "Do":
                ref = resources.get_object()["/XObject"].get_object().raw_get(operands[0])
                key = getattr(ref, "idnum", id(ref))
                obj = ref.get_object()
                if key not in seen and obj.get("/Subtype") == "/Form":
                    yield from walk(obj, obj.get("/Resources") or resources, fill, seen | {key})

    yield from walk(page.get_contents(), page["/Resources"], ("/DeviceGray", (0.0,)), set())
