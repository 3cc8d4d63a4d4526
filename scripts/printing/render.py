"""Render leaflets, flyers and posters with WeasyPrint, and stamp per-place QR codes onto them with pypdf.

Everything printed comes from the same sources as the site: figures from ``scripts.figures.compute``
for the print date, contacts from ``data/office.yml``, the hotline from ``data/national.yml``.

Per-place variants do not re-render the leaflet: the shared leaflet is rendered once with an empty QR
slot, all places' QR codes and captions are rendered together in ONE overlay document (one page per
place and product), and each overlay page is merged onto a copy of the shared page as vector content.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jinja2
import markupsafe

from scripts import fmt, qr
from scripts.campaigns import CampaignPlace
from scripts.figures import FigureSet
from scripts.files import write_atomic
from scripts.national import National
from scripts.office import Office
from scripts.policy import GROUPS
from scripts.printing.fonts import font_face_css
from scripts.site_data import SiteData

TEMPLATES = Path(__file__).parent / "templates"
PAD = 8  # mm: safe margin inside every panel (desktop printers cannot print the outer 4–5 mm)
LEAFLET_QR_MM = 34  # 41 modules (version 4 + quiet zone) → 0.83 mm per module
POSTER_QR_MM = 150  # → 3.7 mm per module: scans from across a market stall
CALCULATOR = "tinh-muc-dong/"
GROUP_LABELS = {"poor": "Hộ nghèo; xã đảo, đặc khu", "near_poor": "Hộ cận nghèo",
                "ethnic_minority": "Người dân tộc thiểu số", "other": "Người tham gia khác"}

# Where the QR code and its caption sit, in mm from the top-left corner of the trimmed page.
GEOMETRY: dict[str, dict[str, dict[str, float]]] = {
    "trifold": {"qr": {"x": 97 + PAD, "y": 210 - PAD - LEAFLET_QR_MM, "size": LEAFLET_QR_MM},
                "cap": {"x": 97 + PAD + LEAFLET_QR_MM + 3, "y": 210 - PAD - LEAFLET_QR_MM, "w": 100 - 2 * PAD - LEAFLET_QR_MM - 3}},
    "flyer": {"qr": {"x": 148 - PAD - LEAFLET_QR_MM, "y": 210 - PAD - LEAFLET_QR_MM, "size": LEAFLET_QR_MM},
              "cap": {"x": PAD, "y": 210 - PAD - LEAFLET_QR_MM + 6, "w": 148 - 2 * PAD - LEAFLET_QR_MM - 4}},
    "poster": {"qr": {"x": (210 - POSTER_QR_MM) / 2, "y": 72, "size": POSTER_QR_MM},
               "cap": {"x": 12, "y": 72 + POSTER_QR_MM + 4, "w": 186}},
}

_env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True, undefined=jinja2.StrictUndefined)


def _wbr(text: str) -> markupsafe.Markup:
    """Let a printed address wrap after "/" or "." only, never at a hyphen (a reader would type the break)."""
    parts = str(markupsafe.escape(text)).replace("/", "/\x00").replace(".", ".\x00").split("\x00")
    return markupsafe.Markup("<wbr>".join(f'<span style="white-space: nowrap">{p}</span>' for p in parts if p))


_env.filters["wbr"] = _wbr


@dataclass(frozen=True)
class PrintContext:
    on: dt.date
    figures: FigureSet
    office: Office
    national: National

    @property
    def site_url(self) -> str:
        return self.office.site_url

    def short_address(self, path: str) -> str:
        """What people type: ``bhxh-tu-nguyen.example.vn/q/cho-b`` (no scheme, no trailing slash)."""
        host = urlsplit(self.site_url).netloc + urlsplit(self.site_url).path
        return (host + path).rstrip("/")


def load_context(site: SiteData) -> PrintContext:
    return PrintContext(site.on, site.figures, site.office, site.national)


def texts(ctx: PrintContext) -> dict[str, Any]:
    """All the words on the leaflets, with figures filled in (Vietnamese, NFC)."""
    f = ctx.figures

    def v(name: str) -> str:
        fig = f.get(name)
        return fig.text("vi") + ("" if fig.confirmed else " (chưa xác nhận)")

    lowest = min(GROUPS, key=lambda g: f.get(f"net_min.{g}").value)
    t: dict[str, Any] = {
        "title": "BHXH tự nguyện",
        "sample": "DỮ LIỆU MẪU — không phát hành",
        "unconfirmed": "chưa xác nhận",
        "cover_title": "Bảo hiểm xã hội tự nguyện",
        "cover_lead": "Tự đóng hôm nay, có lương hưu khi về già.",
        "cover_from": "Mỗi tháng bạn đóng từ",
        "cover_amount": v(f"net_min.{lowest}"),
        "cover_after": f"({GROUP_LABELS[lowest].split(';')[0].lower()}, đã trừ hỗ trợ của Nhà nước)",
        "how_title": "Đăng ký thế nào?",
        "how_steps": [
            "Mang căn cước đến điểm thu, bưu điện hoặc BHXH cơ sở gần nhà.",
            f"Chọn thu nhập để đóng, từ {v('floor')} một tháng.",
            f"Nộp tiền, giữ biên lai. Xem lại trên ứng dụng {ctx.national.app}.",
        ],
        "pay_title": "Đóng theo kỳ nào?",
        "pay_text": f"Hằng tháng, 3, 6 hoặc 12 tháng một lần. Có thể đóng trước tối đa {v('advance_max_years')} năm.",
        "contact_title": "Hỏi ở đâu?",
        "hotline_label": ctx.national.hotline_note["vi"],
        "qr_caption": "Quét mã để tính mức đóng",
        "what_title": "BHXH tự nguyện là gì?",
        "what_text": "Bảo hiểm của Nhà nước cho người không có hợp đồng lao động: nông dân, tiểu thương, "
                     "lao động tự do. Bạn tự chọn mức đóng và cách đóng.",
        "get_title": "Bạn được gì?",
        "get_items": [
            f"Lương hưu hằng tháng khi đủ tuổi và đóng đủ {v('pension_min_years')} năm.",
            "Thẻ bảo hiểm y tế khi nhận lương hưu.",
            f"Trợ cấp {v('maternity')} cho mỗi con khi sinh.",
            f"Gia đình được trợ cấp mai táng {v('funeral')} nếu bạn đã đóng đủ {v('funeral_min_months')} tháng.",
        ],
        "pay_min_title": "Bạn đóng ít nhất bao nhiêu?",
        "pay_min_lead": "Mỗi tháng, đã trừ phần Nhà nước hỗ trợ:",
        "pay_min_note": f"Bạn đóng {v('rate')} thu nhập bạn chọn, từ {v('floor')} đến {v('ceiling')} một tháng.",
        "support_title": "Nhà nước hỗ trợ bao nhiêu?",
        "support_note": f"Tính trên mức đóng thấp nhất, tối đa {v('support_cap_years')} năm.",
        "when_title": "Bao giờ có lương hưu?",
        "when_text": f"Khi đủ tuổi nghỉ hưu và đã đóng đủ {v('pension_min_years')} năm. Chưa đủ năm thì đóng tiếp.",
        "poster_title": "Quét mã để tính mức đóng",
        "poster_lead": "Bảo hiểm xã hội tự nguyện — lương hưu cho người lao động tự do",
        "next": "",
    }
    if "floor_next_from" in f.figures and "net_min_next.other" in f.figures:
        start = f.get("floor_next_from")
        label = start.text("vi") if start.kind == "date" else str(start.value)
        t["next"] = f"Từ {label}: người tham gia khác đóng ít nhất {f.get('net_min_next.other').text('vi')}/tháng"
    return t


def groups(ctx: PrintContext) -> list[dict[str, str]]:
    out = []
    for g in GROUPS:
        net, rate = ctx.figures.get(f"net_min.{g}"), ctx.figures.get(f"support_rate.{g}")
        mark = "" if net.confirmed else " (chưa xác nhận)"
        out.append({"group": g, "label": GROUP_LABELS[g], "amount": net.text("vi") + mark, "support_rate": rate.text("vi")})
    return out


def html(template: str, ctx: PrintContext, *, bleed: bool = False, qr_url: str | None = None,
         caption: dict[str, str] | None = None) -> str:
    """The HTML of one product. ``qr_url=None`` leaves the QR slot and caption empty (a base for stamping)."""
    geo = GEOMETRY[template]
    size = geo["qr"]["size"]
    qr_svg = qr.svg_inline(qr_url, size, max_version=qr.MAX_SHORT_VERSION) if qr_url else ""
    return _env.get_template(f"{template}.html").render(
        t=texts(ctx), groups=groups(ctx), office=ctx.office, national=ctx.national, sample=ctx.office.sample,
        bleed=bleed, pad=PAD, qr=geo["qr"], cap=geo["cap"], qr_svg=qr_svg, caption=caption,
        font_css=font_face_css(), print_css=(TEMPLATES / "print.css").read_text(encoding="utf-8"),
    )


def pdf(markup: str, variant: str | None = None) -> bytes:
    """Render with WeasyPrint; fonts are embedded and subset. ``variant`` e.g. ``"pdf/x-4"``."""
    import weasyprint  # slow import (0.5 s): only when something is rendered

    options: dict[str, Any] = {"pdf_variant": variant} if variant else {}
    return weasyprint.HTML(string=markup, base_url=str(TEMPLATES)).write_pdf(**options)


def place_caption(ctx: PrintContext, place: CampaignPlace) -> dict[str, str]:
    days = ", ".join(f"{d:%d/%m}" for d in place.days[:-1])
    days = (days + ", " if days else "") + fmt.date(place.days[-1])
    return {"addr": ctx.short_address(place.short_path()), "place": place.name, "days": f"Các ngày: {days}"}


def stamp_places(ctx: PrintContext, places: list[CampaignPlace], out_dir: Path) -> dict[str, dict[str, Path]]:
    """Per place: an office-printer tri-fold and an A4 stall poster carrying that place's short-path QR.

    Two WeasyPrint renders (the shared bases, QR slot and caption left empty) whatever the number of
    places; then, per place and product, the QR code (vector rectangles) and the caption (glyphs of the
    same font) are drawn on the first page as an incremental update of the base bytes (see ``stamp.py``).
    Returns ``{code: {kind: path}}``.
    """
    from pypdf import PdfWriter

    from scripts.printing import stamp
    from scripts.printing.fonts import font_path

    bases = {"to-gap-ba": pdf(html("trifold", ctx)), "ap-phich": pdf(html("poster", ctx))}
    t = texts(ctx)
    captions = [place_caption(ctx, p) for p in places]
    every = t["qr_caption"] + "".join(c["addr"] + c["place"] + c["days"] for c in captions)
    fonts = {"R": stamp.StampFont(font_path(400), every, "PLACER"), "B": stamp.StampFont(font_path(700), every, "PLACEB")}
    tri, poster = GEOMETRY["trifold"], GEOMETRY["poster"]
    out: dict[str, dict[str, Path]] = {}
    for p, cap in zip(places, captions, strict=True):
        code = qr.make(p.short_url(ctx.site_url), qr.MAX_SHORT_VERSION)
        qr.check_print_size(code, LEAFLET_QR_MM)
        out[p.code] = {}
        for kind, base in bases.items():
            writer = PdfWriter(io.BytesIO(base), incremental=True)  # append-only update: the base bytes are reused as is
            trim = writer.pages[0].trimbox
            origin = (float(trim.left), float(trim.top))
            if kind == "to-gap-ba":
                lines = [stamp.Line(t["qr_caption"], "B", 11.5), stamp.Line(cap["addr"], "B", 10.5), stamp.Line(cap["place"], "R", 10.5)]
                ops = stamp.text_operators(fonts, lines, tri["cap"]["x"], tri["cap"]["y"], tri["cap"]["w"], origin)
                ops += stamp.qr_operators(code, tri["qr"]["x"], tri["qr"]["y"], tri["qr"]["size"], origin)
            else:
                lines = [stamp.Line(cap["addr"], "B", 20), stamp.Line(cap["place"], "B", 16), stamp.Line(cap["days"], "R", 13)]
                ops = stamp.text_operators(fonts, lines, poster["cap"]["x"], poster["cap"]["y"], poster["cap"]["w"], origin, "center")
                ops += stamp.qr_operators(code, poster["qr"]["x"], poster["qr"]["y"], poster["qr"]["size"], origin)
            refs = {name: f.embed(writer) for name, f in fonts.items()}
            stamp.stamp_page(writer, 0, refs, ops)
            buf = io.BytesIO()
            writer.write(buf)
            path = out_dir / f"{p.code}-{kind}.pdf"
            write_atomic(path, buf.getvalue())
            out[p.code][kind] = path
    return out
