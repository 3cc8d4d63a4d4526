"""Printed material and QR codes in the site: ``in-an/`` (PDFs, previews, QR codes) and the short paths ``q/<code>/``.

Everything is rendered by ``scripts.printing.build.ensure`` into ``.cache/print/<hash of inputs>/``; an
unchanged rebuild renders nothing. The files are added to MkDocs's ``Files`` as generated files, so links
from the pages to the PDFs are checked by the strict build like any other link.

Two pages get generated Markdown: a line ``<!-- print:schedule -->`` in the campaign schedule page and
``<!-- print:places -->`` / ``<!-- print:page-qr -->`` in the printed-materials page.
"""

from __future__ import annotations

import datetime as dt

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from scripts import fmt
from scripts.campaigns import KINDS, Campaign, CampaignPlace, Campaigns, site_pages
from scripts.errors import DataError
from scripts.i18n import page_lang
from scripts.printing.build import PRINT_DIR, ensure, page_slug
from scripts.site_data import from_config

MARKERS = ("<!-- print:schedule -->", "<!-- print:places -->", "<!-- print:page-qr -->")
KIND_EN = {"market": "Market", "commune": "Commune", "post_office": "Post office"}


# -------------------------------------------------------------------------------------------------
# Hooks
# -------------------------------------------------------------------------------------------------


@event_priority(-50)  # after mkdocs-static-i18n has sorted the pages by language: these files are language-neutral
def on_files(files: Files, config: MkDocsConfig) -> Files:
    try:
        folder, _rendered = ensure(from_config(config))
    except (DataError, ValueError) as exc:
        raise PluginError(str(exc)) from None
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.name.startswith("."):
            uri = path.relative_to(folder).as_posix()
            if files.get_file_from_path(uri) is None:
                files.append(File.generated(config, uri, abs_src_path=str(path)))
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if not any(m in markdown for m in MARKERS):
        return markdown
    lang = page_lang(page)
    site = from_config(config)
    campaigns, on = site.campaigns, site.on
    markdown = markdown.replace(MARKERS[0], schedule(campaigns, lang, on))
    markdown = markdown.replace(MARKERS[1], places_table(campaigns, lang))
    return markdown.replace(MARKERS[2], page_qr_table(lang))


# -------------------------------------------------------------------------------------------------
# Helper functions
# -------------------------------------------------------------------------------------------------

T = {
    "vi": {"upcoming": "Sắp diễn ra", "current": "Đang diễn ra", "past": "Đã qua", "cols": ("Nơi", "Xã, phường", "Ngày", "Mã QR"),
           "none_up": "Hiện chưa có đợt tuyên truyền nào sắp tới.", "past_h": "Các đợt đã qua",
           "ahead_h": "Đang và sắp diễn ra", "poster": "áp phích", "qr": "mã QR",
           "leaflet": "tờ gấp", "page": "Trang", "qr_cols": ("Trang", "Mã QR (in)", "Mã QR (màn hình, Zalo)")},
    "en": {"upcoming": "Coming up", "current": "Under way", "past": "Past", "cols": ("Place", "Commune", "Days", "QR code"),
           "none_up": "No campaign is planned at the moment.", "past_h": "Past campaigns",
           "ahead_h": "Now and coming up", "poster": "poster", "qr": "QR code",
           "leaflet": "leaflet", "page": "Page", "qr_cols": ("Page", "QR code (print)", "QR code (screens, Zalo)")},
}


def _link(lang: str, target: str) -> str:
    """A Markdown link target from ``docs/<lang>/<page>.md`` to a site-root file."""
    return f"../{target}"


def _campaign_block(c: Campaign, places: list[CampaignPlace], lang: str, on: dt.date) -> str:
    """A heading, the status and dates, then one list item per place (a list, not a table: it fits a 360 px screen)."""
    t = T[lang]
    dates = f"{fmt.date(c.start, lang)} – {fmt.date(c.end, lang)}"
    lines = [f"### {c.name[lang]}", "", f"**{t[c.status(on)]}** · {dates}", ""]
    for p in places:
        days = ", ".join(fmt.date(d, lang) for d in p.days)
        kind = KINDS[p.kind] if lang == "vi" else KIND_EN[p.kind]
        lines.append(f"- **{p.name}** ({kind}, {p.commune}): {days}.  \n  {_place_links(p, lang)}")
    return "\n".join(lines) + "\n"


def _place_links(p: CampaignPlace, lang: str) -> str:
    t = T[lang]
    return (f"[{t['qr']} (PNG)]({_link(lang, f'{PRINT_DIR}/qr/{p.code}.png')}) · "
            f"[{t['qr']} (SVG)]({_link(lang, f'{PRINT_DIR}/qr/{p.code}.svg')}) · "
            f"[{t['poster']}]({_link(lang, f'{PRINT_DIR}/diem/{p.code}-ap-phich.pdf')}) · "
            f"[{t['leaflet']}]({_link(lang, f'{PRINT_DIR}/diem/{p.code}-to-gap-ba.pdf')})")


def schedule(campaigns: Campaigns, lang: str, on: dt.date) -> str:
    """Upcoming and current campaigns first (soonest first), past ones below (latest first)."""
    t = T[lang]
    by_campaign = {c.id: [p for p in campaigns.places if p.campaign.id == c.id] for c in campaigns.campaigns}
    ahead = sorted((c for c in campaigns.campaigns if c.status(on) != "past"), key=lambda c: c.start)
    past = sorted((c for c in campaigns.campaigns if c.status(on) == "past"), key=lambda c: c.start, reverse=True)
    out = [f"## {t['ahead_h']}\n"]
    out += [_campaign_block(c, by_campaign[c.id], lang, on) for c in ahead] or [t["none_up"] + "\n"]
    if past:
        out.append(f"## {t['past_h']}\n")
        out += [_campaign_block(c, by_campaign[c.id], lang, on) for c in past]
    return "\n".join(out)


def places_table(campaigns: Campaigns, lang: str) -> str:
    lines = [f"- **{p.name}** — {p.campaign.name[lang]}: {_place_links(p, lang)}" for p in campaigns.places]
    return "\n".join(lines) + "\n"


def page_qr_table(lang: str) -> str:
    """One list item per public page of this language (SVG for print, PNG for screens)."""
    lines = []
    for path in sorted(site_pages()):
        if path.startswith("en/") != (lang == "en"):
            continue
        slug = page_slug(path)
        lines.append(f"- `/{path}`: [SVG]({_link(lang, f'{PRINT_DIR}/qr/trang-{slug}.svg')}) · "
                     f"[PNG]({_link(lang, f'{PRINT_DIR}/qr/trang-{slug}.png')})")
    return "\n".join(lines) + "\n"
