"""QR codes for print (SVG, vector) and screens (PNG), always at error-correction level M.

Why M: it survives about 15 % damage (a fold, a smudge, market dust) while keeping the code sparse; H
would make a short URL jump to a denser version with smaller modules at the same printed size.

Module size: at print size each module must be at least :data:`MIN_MODULE_MM` (0.5 mm). We aim for
about 0.8 mm on leaflets (a 34 mm code for version 4: 41 modules with the quiet zone) and 3 mm on the
stall poster, so a cheap phone camera focuses on it from arm's length or from across a stall in poor light.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

import qrcode
import qrcode.constants
import qrcode.image.svg

EC = qrcode.constants.ERROR_CORRECT_M
BORDER = 4  # quiet zone in modules (ISO/IEC 18004 requires 4)
MIN_MODULE_MM = 0.5
MAX_SHORT_VERSION = 4


@dataclass(frozen=True)
class Code:
    """One QR code: its data, version and size in modules (including the quiet zone)."""

    data: str
    version: int
    matrix: tuple[tuple[bool, ...], ...]

    @property
    def modules(self) -> int:
        """Modules across, quiet zone included."""
        return len(self.matrix)

    def module_mm(self, printed_mm: float) -> float:
        """Module size when the whole code (with its quiet zone) is printed ``printed_mm`` wide."""
        return printed_mm / self.modules


class TooLong(ValueError):
    """The address is too long for a QR code that a cheap phone reads from a leaflet (the site_url, a page or a code)."""

def make(data: str, max_version: int | None = None) -> Code:
    """Encode ``data`` at level M, smallest version; ``max_version`` raises ``ValueError`` when exceeded."""
    qr = qrcode.QRCode(error_correction=EC, border=BORDER)
    qr.add_data(data)
    qr.make(fit=True)
    if max_version is not None and qr.version > max_version:
        raise TooLong(f"QR for {data!r} needs version {qr.version} (> {max_version} at level M): shorten the address or the code")
    return Code(data, qr.version, tuple(tuple(row) for row in qr.get_matrix()))


def check_print_size(code: Code, printed_mm: float) -> float:
    """Module size in mm at ``printed_mm``; raises ``ValueError`` below :data:`MIN_MODULE_MM`."""
    m = code.module_mm(printed_mm)
    if m < MIN_MODULE_MM:
        raise ValueError(f"QR for {code.data!r} printed {printed_mm} mm wide: {m:.2f} mm modules (< {MIN_MODULE_MM} mm); print it larger")
    return m


def svg(data: str, size_mm: float | None = None, max_version: int | None = None) -> str:
    """A standalone SVG (``qrcode.image.svg.SvgPathImage``: one path, no Pillow); 1 mm per module unless ``size_mm``."""
    code = make(data, max_version)
    qr = qrcode.QRCode(version=code.version, error_correction=EC, border=BORDER, image_factory=qrcode.image.svg.SvgPathImage)
    qr.add_data(data)
    qr.make(fit=False)
    text = qr.make_image().to_string(encoding="unicode")
    if size_mm is not None:
        check_print_size(code, size_mm)
        text = re.sub(r'width="[^"]+" height="[^"]+"', f'width="{size_mm}mm" height="{size_mm}mm"', text, count=1)
    return text


def svg_inline(data: str, size_mm: float, max_version: int | None = None) -> str:
    """SVG for embedding in HTML for WeasyPrint (no XML declaration, sized in mm)."""
    return re.sub(r"^<\?xml[^>]*>\s*", "", svg(data, size_mm, max_version))


def png(data: str, box_px: int = 10, max_version: int | None = None) -> bytes:
    """PNG bytes via Pillow, ``box_px`` pixels per module (10 → about 410 px for a version-4 code)."""
    code = make(data, max_version)
    qr = qrcode.QRCode(version=code.version, error_correction=EC, border=BORDER, box_size=box_px)
    qr.add_data(data)
    qr.make(fit=False)
    img = qr.make_image(fill_color="black", back_color="white").get_image().convert("1")
    buf = io.BytesIO()
    img.save(buf, format="PNG", optimize=True)
    return buf.getvalue()
