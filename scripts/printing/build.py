"""Produce every printed file and QR code into a folder that mirrors the site (``in-an/…``, ``q/<code>/``).

``ensure(on)`` renders into ``.cache/print/<key>/`` where the key hashes every input (data files,
templates, this package, the font, the build date, the list of pages): an unchanged rebuild reuses it
and renders nothing. The folder is filled in a temporary sibling and renamed into place, so a failed or
interrupted render never leaves a half-written cache.

Usage: ``python -m scripts.printing.build --out DIR`` (renders without MkDocs, for checking by eye).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import html
import io
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from scripts import qr
from scripts.campaigns import site_pages
from scripts.files import write_atomic
from scripts.paths import CACHE, CAMPAIGNS_FILE, NATIONAL_FILE, OFFICE_FILE, POLICY_FILE, ROOT, STAFF_FILE, TEXTS_FILE
from scripts.printing import cards, render
from scripts.printing.fonts import FONT_DIR
from scripts.site_data import SiteData

PRINT_DIR = "in-an"
PREVIEW_DPI = 50

# Previews on the "Tài liệu in" page: the office-printer files (the print-shop ones look the same, with marks).
PREVIEWS = ("to-gap-ba-a4-van-phong", "to-roi-a5-van-phong", "ap-phich-a4", "to-gap-ba-a4-van-phong-en")

# The words are the catalogue's (``qr_page.*``); every value is HTML-escaped by :func:`short_page`.
SHORT_PAGE = """<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<title>{title}</title>
<meta name="robots" content="noindex">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="0; url={url}">
<link rel="canonical" href="{canonical}">
<style>body{{font:18px/1.5 system-ui,sans-serif;margin:2rem;color:#111}}a{{display:inline-block;padding:12px 0;color:#0b3d6e}}</style>
</head>
<body>
<p>{opening} <strong>{name}</strong>…</p>
<p><a href="{url}">{click}</a></p>
</body>
</html>
"""


STAFF_DIR = "can-bo"  # in-an/can-bo/<code>.png|svg and the-<code>.pdf: the staff's QR codes and cards


def short_page(site: SiteData, forward: str, canonical: str, name: str) -> str:
    """The page at ``q/<code>/``: forwards at once to ``forward`` (relative), with a link for browsers that do not."""
    lang = "vi"  # readers of a printed QR code are Vietnamese readers
    values = {"url": forward, "canonical": canonical, "name": name, "title": site.t("qr_page.title", lang),
              "opening": site.t("qr_page.opening", lang), "click": site.t("qr_page.click", lang)}
    return SHORT_PAGE.format(**{k: html.escape(v) for k, v in values.items()})


def page_slug(path: str) -> str:
    """``""`` → ``index``, ``quyen-loi/`` → ``quyen-loi``, ``en/`` → ``en-index``, ``en/quyen-loi/`` → ``en-quyen-loi``."""
    if path in ("", "en/"):
        return "en-index" if path else "index"
    return path.strip("/").replace("/", "-")


def inputs_key(on: dt.date) -> str:
    """Hash of everything the printed files depend on (data, this package, every module of ``scripts/``)."""
    h = hashlib.sha256()
    h.update(on.isoformat().encode())
    files = [POLICY_FILE, OFFICE_FILE, NATIONAL_FILE, CAMPAIGNS_FILE, TEXTS_FILE, STAFF_FILE, *sorted(Path(__file__).parent.rglob("*")),
             *sorted((ROOT / "scripts").glob("*.py"))]
    for f in files:
        if f.is_file() and "__pycache__" not in f.parts:
            h.update(str(f.name).encode())
            h.update(f.read_bytes())
    for font in sorted(FONT_DIR.glob("*.ttf")):
        h.update(f"{font.name}:{font.stat().st_size}".encode())
    h.update("\n".join(sorted(site_pages())).encode())
    return h.hexdigest()[:16]


def ensure(site: SiteData, cache_root: Path = CACHE / "print") -> tuple[Path, bool]:
    """The rendered folder for ``site``; renders only when an input changed. Returns ``(folder, rendered)``."""
    target = cache_root / inputs_key(site.on)
    if (target / ".complete").exists():
        return target, False
    cache_root.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".tmp-", dir=cache_root))
    try:
        build_all(tmp, site)
        (tmp / ".complete").write_text(dt.datetime.now().isoformat())
        try:
            os.replace(tmp, target)
        except OSError:  # another build finished the same key first: use theirs
            shutil.rmtree(tmp, ignore_errors=True)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    _prune(cache_root, keep=target)
    return target, True


def build_all(out: Path, site: SiteData) -> dict[str, float]:
    """Render everything into ``out`` (site-relative layout). Returns timings in seconds."""
    times: dict[str, float] = {}
    t0 = time.perf_counter()
    campaigns, on = site.campaigns, site.on
    site_url = site.site_url
    pdir = out / PRINT_DIR
    products = render.shared_products()
    for product in products:
        write_atomic(pdir / f"{product.stem}.pdf", render.shared(product, site))
    times["shared"] = time.perf_counter() - t0

    t1 = time.perf_counter()
    printable = campaigns.printable(on)  # nothing new for a campaign that is over
    render.stamp_places(site, list(printable), pdir / "diem")
    times["places"] = time.perf_counter() - t1

    for place in printable:
        url = place.short_url(site_url)
        write_atomic(pdir / "qr" / f"{place.code}.svg", qr.svg(url, max_version=qr.MAX_SHORT_VERSION))
        write_atomic(pdir / "qr" / f"{place.code}.png", qr.png(url, max_version=qr.MAX_SHORT_VERSION))
    for place in campaigns.places:  # every place, past ones too: the codes on leaflets handed out must keep working
        # Relative, so the forward also works on a preview server or a mirror; it resolves to place.full_url(site_url).
        url = place.short_url(site_url)
        forward = "../../" + place.full_url(site_url)[len(site_url):]
        write_atomic(out / place.short_path() / "index.html", short_page(site, forward, site_url + place.target, place.name))
    for path in sorted(site_pages()):
        slug = page_slug(path)
        write_atomic(pdir / "qr" / f"trang-{slug}.svg", qr.svg(site_url + path))
        write_atomic(pdir / "qr" / f"trang-{slug}.png", qr.png(site_url + path))

    t3 = time.perf_counter()
    write_staff(out, site)
    times["staff"] = time.perf_counter() - t3

    t2 = time.perf_counter()
    for stem in PREVIEWS:
        write_previews(pdir / f"{stem}.pdf", pdir / "xem-truoc", stem)
    times["previews"] = time.perf_counter() - t2
    manifest = {"date": on.isoformat(), "site_url": site_url, "products": [p.stem for p in products],
                "place_products": [p.stem for p in render.PLACE_PRODUCTS],
                "places": [p.code for p in printable], "staff": [m.code for m in site.staff.members],
                "pages": sorted(site_pages())}
    write_atomic(pdir / "manifest.json", json.dumps(manifest, ensure_ascii=False, indent=1))
    times["total"] = time.perf_counter() - t0
    return times


def write_staff(out: Path, site: SiteData) -> None:
    """Per staff member: ``q/<code>/`` (tagged with the campaign running on the build date), the QR code of that
    short address (PNG and SVG) and the A6 card (``in-an/can-bo/``). Names are never written anywhere."""
    from scripts.staff import campaign_on

    site_url = site.site_url
    campaign = campaign_on(site.campaigns, site.on)
    name = site.t("share_kit.calculator.title", "vi")  # every staff link opens the calculator
    for m in site.staff.members:
        url = m.short_url(site_url)
        write_atomic(out / PRINT_DIR / STAFF_DIR / f"{m.code}.svg", qr.svg(url, max_version=qr.MAX_SHORT_VERSION))
        write_atomic(out / PRINT_DIR / STAFF_DIR / f"{m.code}.png", qr.png(url, max_version=qr.MAX_SHORT_VERSION))
        # Relative, like the places' forwards: it resolves to m.full_url(site_url, campaign) on the published site.
        forward = "../../" + m.full_url(site_url, campaign)[len(site_url):]
        write_atomic(out / m.short_path() / "index.html", short_page(site, forward, site_url + render.CALCULATOR, name))
    cards.write_cards(site, out / PRINT_DIR / STAFF_DIR)


def write_previews(pdf_path: Path, out_dir: Path, stem: str, dpi: int = PREVIEW_DPI) -> list[Path]:
    """One PNG per page (``<stem>-<n>.png``) for the "Tài liệu in" page."""
    import pypdfium2 as pdfium
    from PIL import ImageOps

    doc = pdfium.PdfDocument(str(pdf_path))
    paths = []
    try:
        for i in range(len(doc)):
            image = doc[i].render(scale=dpi / 72).to_pil().convert("RGB")
            image = ImageOps.expand(image, border=1, fill=(120, 120, 120))  # a white page on a white site needs an edge
            buf = io.BytesIO()
            image.save(buf, format="PNG", optimize=True)
            path = out_dir / f"{stem}-{i + 1}.png"
            write_atomic(path, buf.getvalue())
            paths.append(path)
    finally:
        doc.close()
    return paths


def _prune(cache_root: Path, keep: Path, max_age_s: float = 86400) -> None:
    """Drop cache folders unused for a day (never the current one; other builds may be reading recent ones)."""
    now = time.time()
    for d in cache_root.iterdir():
        if d != keep and d.is_dir() and now - d.stat().st_mtime > max_age_s:
            shutil.rmtree(d, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    from scripts.errors import DataError
    from scripts.site_data import load_site_data

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    try:
        times = build_all(args.out, load_site_data())
    except DataError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 2
    print(" ".join(f"{k}={v:.2f}s" for k, v in times.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
