"""Render leaflets, flyers and posters with WeasyPrint, and stamp per-place QR codes and captions onto them.

Everything printed comes from the same sources as the site: words from ``data/texts.yml`` (``words.py``), figures
from ``scripts.figures.compute`` for the print date, contacts from ``data/office.yml`` and ``data/national.yml``.

Per-place variants do not re-render the leaflet: each product is rendered once with an empty QR slot and caption,
and each place's QR code and caption are drawn onto a copy as an incremental update (``stamp.py``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jinja2
import markupsafe

from scripts import fmt, qr
from scripts.campaigns import CampaignPlace
from scripts.errors import DataError
from scripts.files import write_atomic
from scripts.printing import fit, pdfx
from scripts.printing.colours import COLOURS, palette
from scripts.printing.fonts import font_face_css
from scripts.printing.words import keep_last, words
from scripts.site_data import SiteData

TEMPLATES = Path(__file__).parent / "templates"
PAD = 8  # mm: safe margin inside every panel (desktop printers cannot print the outer 4–5 mm)
LEAFLET_QR_MM = 34  # 41 modules (version 4 + quiet zone) → 0.83 mm per module
TRIFOLD_QR_MM = 30  # → 0.73 mm per module (at least 0.5 mm: qr.check_print_size)
ADDRESS_PT = 12  # the short address beside the tri-fold's code
POSTER_QR_MM = 80  # → 1.95 mm per module on A4, 2.8 mm on A3: scans from across a stall
CALCULATOR = "tinh-muc-dong/"
A3 = 297 / 210  # A3 is A4 scaled by √2 (to 0.1 mm)


@dataclass(frozen=True)
class Product:
    """One kind of printed file."""

    stem: str  # file name without ".pdf"
    template: str  # trifold | flyer | poster | card
    lang: str = "vi"
    shop: bool = False  # print shop: PDF/X-4, CMYK, 3 mm bleed, marks outside the bleed
    scale: float = 1.0  # posters: 1 = A4, A3 = A3

    @property
    def size_mm(self) -> tuple[float, float]:
        w, h = {"trifold": (297, 210), "flyer": (148, 210), "poster": (210, 297), "card": (105, 148)}[self.template]
        return (w, h) if self.scale == 1 else (297, 420)

    @property
    def label(self) -> str:
        """How error messages name the product: ``to-gap-ba-a4-van-phong.pdf``."""
        return f"{self.stem}.pdf"


# Where things sit, in mm from the top-left corner of the trimmed page (A4 for posters; scaled for A3).
_BACK = 97 + PAD  # left edge of the tri-fold's back panel content
GEOMETRY: dict[str, dict[str, dict[str, float]]] = {
    "trifold": {  # a smaller code leaves the caption room for a long domain name (it only breaks after "." or "/")
        "qr": {"x": _BACK, "y": 210 - PAD - TRIFOLD_QR_MM, "size": TRIFOLD_QR_MM},
        "cap": {"x": _BACK + TRIFOLD_QR_MM + 3, "y": 210 - PAD - LEAFLET_QR_MM, "w": 100 - 2 * PAD - TRIFOLD_QR_MM - 3, "h": LEAFLET_QR_MM},
        "place": {"x": _BACK, "y": 210 - PAD - LEAFLET_QR_MM - 4 - 30, "w": 100 - 2 * PAD, "h": 30},
    },
    "flyer": {
        "qr": {"x": 148 - PAD - LEAFLET_QR_MM, "y": 210 - PAD - LEAFLET_QR_MM, "size": LEAFLET_QR_MM},
        "cap": {"x": PAD, "y": 210 - PAD - LEAFLET_QR_MM, "w": 148 - 2 * PAD - LEAFLET_QR_MM - 4, "h": LEAFLET_QR_MM},
    },
    "poster": {
        "qr": {"x": 14, "y": 116, "size": POSTER_QR_MM},
        "cap": {"x": 14, "y": 116 + POSTER_QR_MM + 2, "w": POSTER_QR_MM, "h": 20},
        "place": {"x": 14, "y": 231, "w": 182, "h": 40},
    },
}

_env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True, undefined=jinja2.StrictUndefined)


def _wbr(text: str) -> markupsafe.Markup:
    """Let a printed address wrap after "/" or "." only, never at a hyphen (a reader would type the break)."""
    parts = str(markupsafe.escape(text)).replace("/", "/\x00").replace(".", ".\x00").split("\x00")
    return markupsafe.Markup("<wbr>".join(f'<span class="nw">{p}</span>' for p in parts if p))


_env.filters["wbr"] = _wbr


def template(name: str) -> jinja2.Template:
    """A template of ``templates/`` (escaping on, strict names), for products laid out elsewhere (``cards.py``)."""
    return _env.get_template(name)


def geometry(product: Product) -> dict[str, dict[str, float]]:
    s = product.scale
    return {part: {k: v * s for k, v in box.items()} for part, box in GEOMETRY[product.template].items()}


def short_address(site: SiteData, path: str) -> str:
    """What people type: ``bhxh-tu-nguyen.example.vn/q/cho-b`` (no scheme, no trailing slash)."""
    url = urlsplit(site.site_url)
    return (url.netloc + url.path + path).rstrip("/")


def calculator_path(lang: str) -> str:
    return ("" if lang == "vi" else f"{lang}/") + CALCULATOR


def html(product: Product, site: SiteData, *, qr_url: str | None = None, caption: str | None = None) -> str:
    """The HTML of one product. ``qr_url=None`` leaves the QR slot and caption empty (a base for stamping)."""
    geo = geometry(product)
    qr_svg = ""
    if qr_url:
        qr_svg = qr.svg_inline(qr_url, geo["qr"]["size"], max_version=qr.MAX_SHORT_VERSION)
        qr_svg = qr_svg.replace('fill="#000000"', f'fill="{COLOURS["text"].css(product.shop)}"')
    return _env.get_template(f"{product.template}.html").render(
        w=words(site, product.lang, product.template), p=product, geo=geo, pad=PAD * product.scale, s=product.scale,
        c=palette(product.shop), sample=site.office.sample, qr_svg=markupsafe.Markup(qr_svg), caption=caption,
        stamped=qr_url is None, files={"office": site.office.file, "texts": site.texts.file},
        bleed=pdfx.BLEED_MM, mk={"slug": pdfx.SLUG_MM, "a": pdfx.MARK_FROM_MM, "b": pdfx.MARK_TO_MM},
        font_css=font_face_css(), profile_css=pdfx.color_profile_css(),
    )


def layout(markup: str, product: Product) -> Any:
    """Lay out with WeasyPrint and refuse anything that overflows its box; returns the WeasyPrint document."""
    import weasyprint  # slow import (0.5 s): only when something is rendered

    document = weasyprint.HTML(string=markup, base_url=str(TEMPLATES)).render()
    try:
        fit.check_layout(document, product.label)
    except fit.Truncated as cut:  # measure on a page tall enough to hold it all (boxes keep their own heights)
        w, h = product.size_mm
        tall = markup.replace("</style>", f"@page {{ size: {w}mm {h + 1000}mm; }}</style>", 1)
        fit.check_layout(weasyprint.HTML(string=tall, base_url=str(TEMPLATES)).render(), product.label)
        raise DataError("data/texts.yml", "print", f"the texts of {cut.args[0]} (page {cut.args[1]}, {cut.args[2]}) do not fit",
                        "shorten them") from None
    return document


def pdf(markup: str, product: Product) -> bytes:
    """Render with WeasyPrint (fonts embedded and subset), refuse anything that overflows its box, write the PDF.

    The print-shop variant is PDF/X-4 with the CMYK output intent and BleedBox of ``pdfx.py``."""
    document = layout(markup, product)
    if product.shop:
        return document.write_pdf(pdf_variant="pdf/x-4", finisher=pdfx.finisher)
    return document.write_pdf()


def render(product: Product, site: SiteData, **kwargs: Any) -> bytes:
    return pdf(html(product, site, **kwargs), product)


# -------------------------------------------------------------------------------------------------
# Per-place products: one render each, then QR code and caption stamped per place
# -------------------------------------------------------------------------------------------------

PLACE_PRODUCTS = (
    Product("to-gap-ba", "trifold"),
    Product("to-gap-ba-xuong-in", "trifold", shop=True),
    Product("ap-phich", "poster"),
    Product("ap-phich-a3-xuong-in", "poster", shop=True, scale=A3),
)


def place_days(place: CampaignPlace) -> str:
    """``05/12, 09/12/2026`` (the year once, on the last day)."""
    days = ", ".join(f"{d:%d/%m}" for d in place.days[:-1])
    return (days + ", " if days else "") + fmt.date(place.days[-1])


def place_lines(site: SiteData, place: CampaignPlace, product: Product, key: str) -> list[fit.Field]:
    """The per-place text of ``product``: what it says, the box it must fit and the data key it comes from."""
    from scripts.printing.stamp import Line

    s = product.scale
    addr = short_address(site, place.short_path())
    days = site.t("print.place_days", "vi", days=place_days(place))
    hours = site.t("print.place_hours", "vi", hours=place.hours["vi"]) if place.hours else ""
    file = site.campaigns.file
    scan = keep_last(site.t("print.qr_caption", "vi"))
    if product.template == "trifold":
        size = 13  # the leaflet's body size
        caption = [fit.Field(Line(scan, "B", size), 2, site.texts.file, "print.qr_caption", "cap"),
                   fit.Field(Line(addr, "B", ADDRESS_PT), 3, site.office.file, "site_url", "cap")]
        meet = site.t("print.leaflet_place", "vi", place=place.name)
        where = [fit.Field(Line(meet, "B", size), 3, file, f"{key}.name", "place", place.name),
                 fit.Field(Line(days, "R", size), 1, file, f"{key}.days", "place")]
        if hours:
            where.append(fit.Field(Line(hours, "R", size), 1, file, f"{key}.hours", "place", place.hours["vi"]))
        return caption + where
    lines = [fit.Field(Line(scan, "B", 14 * s), 1, site.texts.file, "print.qr_caption", "cap"),
             fit.Field(Line(addr, "B", 14 * s), 2, site.office.file, "site_url", "cap"),
             fit.Field(Line(place.name, "B", 24 * s), 2, file, f"{key}.name", "place"),
             fit.Field(Line(days, "R", 16 * s), 1, file, f"{key}.days", "place")]
    if hours:
        lines.append(fit.Field(Line(hours, "R", 16 * s), 1, file, f"{key}.hours", "place", place.hours["vi"]))
    return lines


def _place_fields(site: SiteData, places: list[CampaignPlace]) -> dict[tuple[str, str], list[fit.Field]]:
    keys = {p.code: f"places[{i}]" for i, p in enumerate(site.campaigns.places)}
    return {(p.code, prod.stem): place_lines(site, p, prod, keys.get(p.code, f"places[{p.code}]"))
            for p in places for prod in PLACE_PRODUCTS}


def _fonts(fields: dict[tuple[str, str], list[fit.Field]]) -> dict[str, Any]:
    """The two faces, subset to every character the places need (once per batch)."""
    from scripts.printing import stamp
    from scripts.printing.fonts import font_path

    every = "".join(f.line.text for group in fields.values() for f in group)
    return {"R": stamp.StampFont(font_path(400), every, "PLACER"), "B": stamp.StampFont(font_path(700), every, "PLACEB")}


def _check(fields: dict[tuple[str, str], list[fit.Field]], fonts: dict[str, Any]) -> None:
    products = {p.stem: p for p in PLACE_PRODUCTS}
    fit.check_fields(fonts, [(group, geometry(products[stem]), products[stem].label) for (_code, stem), group in fields.items()])


def check_place_fits(site: SiteData, place: CampaignPlace) -> None:
    """The texts of ``place`` fit every per-place product (raises :class:`DataError` naming the key and the length
    that fits), without rendering anything."""
    fields = _place_fields(site, [place])
    _check(fields, _fonts(fields))


def stamp_places(site: SiteData, places: list[CampaignPlace], out_dir: Path) -> dict[str, dict[str, Path]]:
    """Per place: the tri-fold and the stall poster (office printer and print shop) with that place's QR code.

    One WeasyPrint render per product, whatever the number of places (QR slot and caption left empty); then, per
    place and product, the QR code (vector rectangles) and the caption (glyphs of the same font, text in 100 % K)
    are drawn on the first page as an incremental update of the base bytes (``stamp.Update``). A caption that does
    not fit its box stops with the data key and the number of characters that fit. Returns ``{code: {stem: path}}``.
    """
    from scripts.printing import stamp

    fields = _place_fields(site, places)
    fonts = _fonts(fields)
    _check(fields, fonts)  # everything before writing anything
    updates = {prod.stem: stamp.Update(render(prod, site), fonts) for prod in PLACE_PRODUCTS} if places else {}
    out: dict[str, dict[str, Path]] = {}
    for p in places:
        code = qr.make(p.short_url(site.site_url), qr.MAX_SHORT_VERSION)
        qr.check_print_size(code, TRIFOLD_QR_MM)
        out[p.code] = {}
        for prod in PLACE_PRODUCTS:
            geo, update = geometry(prod), updates[prod.stem]
            trim = update.trim
            origin = (float(trim[0]), float(trim[3]))  # left, top
            colour = stamp.cmyk_black() if prod.shop else stamp.RGB_BLACK
            ops = b""
            for box in ("cap", "place"):
                lines = [f.line for f in fields[(p.code, prod.stem)] if f.box == box]
                align = "center" if prod.template == "poster" and box == "cap" else "left"
                ops += stamp.text_operators(fonts, lines, geo[box]["x"], geo[box]["y"], geo[box]["w"], origin, align, colour=colour)
            ops += stamp.qr_operators(code, geo["qr"]["x"], geo["qr"]["y"], geo["qr"]["size"], origin, colour=colour)
            path = out_dir / f"{p.code}-{prod.stem}.pdf"
            write_atomic(path, update.file(ops))
            out[p.code][prod.stem] = path
    return out


def shared_products() -> tuple[Product, ...]:
    """The products for everyone (QR to the calculator): Vietnamese and English leaflets, the desk poster."""
    out = []
    for lang, suffix in (("vi", ""), ("en", "-en")):
        out += [Product(f"to-gap-ba-a4-xuong-in{suffix}", "trifold", lang, shop=True),
                Product(f"to-gap-ba-a4-van-phong{suffix}", "trifold", lang),
                Product(f"to-roi-a5-xuong-in{suffix}", "flyer", lang, shop=True),
                Product(f"to-roi-a5-van-phong{suffix}", "flyer", lang)]
    out += [Product("ap-phich-a4", "poster"), Product("ap-phich-a3-xuong-in", "poster", shop=True, scale=A3)]
    return tuple(out)


def shared(product: Product, site: SiteData) -> bytes:
    path = calculator_path(product.lang)
    return render(product, site, qr_url=site.site_url + path, caption=short_address(site, path))

