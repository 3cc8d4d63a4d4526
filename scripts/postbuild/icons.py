"""Installable: the web manifest and the app icons, made at build time from the site's one SVG icon.

``docs/assets/images/favicon.svg`` is drawn by WeasyPrint into a PDF page of the icon's size and rasterised by
pypdfium2 (both already pinned for the leaflets; no network, no system package):

* ``assets/images/icon-192.png``, ``icon-512.png``: the icon as drawn (rounded, transparent corners), "any" purpose;
* ``assets/images/icon-maskable-192.png``, ``-512.png``: the icon on a full square of the theme colour, inside the
  central 80 % circle a launcher may cut to ("maskable" purpose);
* ``assets/images/apple-touch-icon.png`` (180 px): the same full square (iOS rounds it itself, and would show the
  transparent corners black);
* ``favicon.ico`` at the site root (16, 32, 48 px), which browsers ask for on their own;
* ``site.webmanifest`` (Vietnamese) and ``en/site.webmanifest`` (English): names from ``data/texts.yml`` ``ui.app``,
  the theme colour of ``site.css`` (``--md-primary-fg-color``), addresses relative to the manifest, so the site
  installs from a sub-path too.

The PNGs are cached by the SVG's bytes and the colour (``.cache/icons/``): a build without changes renders nothing.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import re
import shutil
from pathlib import Path
from typing import Any

from scripts.files import write_atomic
from scripts.paths import CACHE

SVG = "assets/images/favicon.svg"
STYLESHEET = "assets/stylesheets/site.css"
IMAGES = "assets/images/"
MANIFEST = "site.webmanifest"
BACKGROUND = "#ffffff"
MASKABLE_SCALE = 0.88   # the shield reaches 0.34 of the icon from its centre: 0.30 here, inside the 80 % circle
APPLE_SCALE = 0.9
VERSION = "1"           # bump when the drawing below changes, so cached icons are redrawn
# name → (pixels, scale of the icon on a square of the theme colour, or None for the icon as drawn)
PNGS: dict[str, tuple[int, float | None]] = {
    "icon-192.png": (192, None),
    "icon-512.png": (512, None),
    "icon-maskable-192.png": (192, MASKABLE_SCALE),
    "icon-maskable-512.png": (512, MASKABLE_SCALE),
    "apple-touch-icon.png": (180, APPLE_SCALE),
}
ICO_SIZES = (16, 32, 48)


class IconError(ValueError):
    """The icon or the colour cannot be read; the message says what to change."""


def theme_color(docs_dir: Path) -> str:
    """The site's primary colour, as set in ``site.css`` (one place for the brand colour)."""
    css = (docs_dir / STYLESHEET).read_text(encoding="utf-8")
    match = re.search(r"--md-primary-fg-color:\s*(#[0-9a-fA-F]{6})\b", css)
    if not match:
        raise IconError(f"docs/{STYLESHEET}: no '--md-primary-fg-color: #rrggbb;' (the app's theme colour comes from it)")
    return match.group(1).lower()


def _draw(svg: bytes, size: int, scale: float | None, color: str) -> Any:
    """The icon as a ``size`` × ``size`` RGBA image: WeasyPrint → one-page PDF → pypdfium2."""
    import pypdfium2 as pdfium
    from weasyprint import HTML

    src = "data:image/svg+xml;base64," + base64.b64encode(svg).decode()
    inset = 0 if scale is None else (1 - scale) / 2 * 100
    width = 100 if scale is None else scale * 100
    background = "transparent" if scale is None else color
    page = (f"<style>@page{{size:{size}px {size}px;margin:0}}html,body{{margin:0;background:{background}}}"
            f"img{{display:block;position:absolute;left:{inset}%;top:{inset}%;width:{width}%;height:{width}%}}</style>"
            f'<img src="{src}" alt="">')
    pdf = HTML(string=page).write_pdf()
    doc = pdfium.PdfDocument(pdf)
    try:
        pdf_page = doc[0]
        points = pdf_page.get_width()
        image = pdf_page.render(scale=size / points, fill_color=(0, 0, 0, 0)).to_pil().convert("RGBA")
    finally:
        doc.close()
    return image.resize((size, size)) if image.size != (size, size) else image


def render_icons(svg: bytes, color: str, cache_root: Path = CACHE / "icons") -> Path:
    """The PNGs and ``favicon.ico`` in a cache folder named by what they are drawn from; returns the folder."""
    key = hashlib.sha256(svg + color.encode() + VERSION.encode() + json.dumps(PNGS).encode()).hexdigest()[:16]
    folder = cache_root / key
    if (folder / "favicon.ico").exists():
        return folder
    images = {name: _draw(svg, size, scale, color) for name, (size, scale) in PNGS.items()}
    for name, image in images.items():
        buf = io.BytesIO()
        image.save(buf, format="PNG", optimize=True)
        write_atomic(folder / name, buf.getvalue())
    ico = io.BytesIO()
    _draw(svg, max(ICO_SIZES), None, color).save(ico, format="ICO", sizes=[(s, s) for s in ICO_SIZES])
    write_atomic(folder / "favicon.ico", ico.getvalue())
    return folder


def manifest(texts: Any, lang: str, color: str) -> dict[str, Any]:
    """The web manifest of one language; every address relative to the manifest's own."""
    up = "../" if lang == "en" else ""
    icons = [{"src": f"{up}{IMAGES}{name}", "sizes": f"{size}x{size}", "type": "image/png",
              "purpose": "maskable" if scale is not None else "any"}
             for name, (size, scale) in PNGS.items() if name.startswith("icon-")]
    icons.append({"src": f"{up}{SVG}", "sizes": "any", "type": "image/svg+xml", "purpose": "any"})
    return {
        "name": texts.get("ui.app.name", lang),
        "short_name": texts.get("ui.app.short_name", lang),
        "description": texts.get("ui.app.description", lang),
        "lang": lang,
        "dir": "ltr",
        "start_url": "./",
        "scope": up or "./",  # the English app also opens the Vietnamese pages in its window
        "display": "standalone",
        "background_color": BACKGROUND,
        "theme_color": color,
        "icons": icons,
    }


def write_app(site: Path, docs_dir: Path, texts: Any) -> None:
    """Icons, ``favicon.ico`` and both manifests into the built site."""
    svg_path = docs_dir / SVG
    if not svg_path.exists():
        raise IconError(f"docs/{SVG} is missing: the app icons are drawn from it")
    color = theme_color(docs_dir)
    folder = render_icons(svg_path.read_bytes(), color)
    for name in PNGS:
        (site / IMAGES).mkdir(parents=True, exist_ok=True)
        shutil.copyfile(folder / name, site / IMAGES / name)
    shutil.copyfile(folder / "favicon.ico", site / "favicon.ico")
    for lang, path in (("vi", site / MANIFEST), ("en", site / "en" / MANIFEST)):
        write_atomic(path, json.dumps(manifest(texts, lang, color), ensure_ascii=False, indent=1) + "\n")
