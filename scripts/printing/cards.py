"""A printable A6 card per staff member (``in-an/can-bo/the-<code>.pdf``): their QR code and short address, the lowest
payment with when it holds (the leaflets' cover line, ``words.py``), the VSS hotline and the office.

Office printer only (sRGB, no bleed). All cards are laid out in one WeasyPrint pass, one page each, and checked for
overflow once (``fit.check_layout``); each card is then written from its own page of that layout, which costs a
fraction of a layout. No staff name is printed: codes are public, names are for the office's report only.
"""

from __future__ import annotations

from pathlib import Path

import markupsafe

from scripts import qr
from scripts.errors import DataError
from scripts.files import write_atomic
from scripts.printing import render
from scripts.printing.colours import palette
from scripts.printing.fonts import font_face_css
from scripts.printing.words import words
from scripts.site_data import SiteData

CARD = render.Product("the-can-bo", "card")
CARD_QR_MM = 38  # 41 modules (version 4 + quiet zone) → 0.93 mm per module: scans from across a stall
PAD = 7  # mm: an office printer cannot print the outer 4–5 mm


def card_path(code: str) -> str:
    return f"the-{code}.pdf"


def html(site: SiteData) -> str:
    """One page per staff member, in the order of ``data/staff.yml``."""
    cards = []
    for m in site.staff.members:
        url = m.short_url(site.site_url)
        qr.check_print_size(qr.make(url, qr.MAX_SHORT_VERSION), CARD_QR_MM)
        cards.append({"code": m.code, "qr": markupsafe.Markup(qr.svg_inline(url, CARD_QR_MM, max_version=qr.MAX_SHORT_VERSION)),
                      "address": render.short_address(site, m.short_path())})
    return render.template("card.html").render(
        w=words(site, "vi", "card"), p=CARD, pad=PAD, qr_mm=CARD_QR_MM, c=palette(False), cards=cards,
        sample=site.office.sample or site.staff.sample, files={"office": site.office.file, "texts": site.texts.file},
        font_css=font_face_css(), profile_css="")


def write_cards(site: SiteData, out_dir: Path) -> dict[str, Path]:
    """Write every staff member's card; returns ``{code: path}`` (nothing without staff)."""
    members = site.staff.members
    if not members:
        return {}
    document = render.layout(html(site), CARD)
    if len(document.pages) != len(members):  # a card spilling onto a second page would print on two sheets
        raise DataError(site.texts.file, "print.card", f"the cards take {len(document.pages)} pages for {len(members)} staff",
                        "shorten the texts of the card")
    out = {}
    for m, page in zip(members, document.pages, strict=True):
        path = out_dir / card_path(m.code)
        write_atomic(path, document.copy([page]).write_pdf())
        out[m.code] = path
    return out
