"""Link previews and sharing: meta tags, share images and the share bar's data, for every page.

* ``on_page_content``: the page's summary (front-matter ``description``, else the first paragraph, ≤ 160
  characters) becomes ``page.meta.description``, so Material emits exactly one ``<meta name="description">``
  and it is the page's own.
* ``on_page_context``: ``share`` in the template context (canonical URL, absolute hreflang alternates, image)
  for ``partials/meta.html`` and ``partials/share-bar.html``.
* ``on_post_page``: draws (or copies from ``.cache/social``) the page's 1200×630 share image to
  ``assets/social/<lang>/<page>.png``; the finishing step reports how many were drawn (``overrides/hooks/finish.py``).
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from scripts import fmt
from scripts.i18n import DEFAULT_LANG, LANGS, LOCALES, other, page_lang
from scripts.postbuild import state
from scripts.share_images import HEIGHT, WIDTH, RenderStats, ShareCard, render_cached
from scripts.site_data import SiteData, from_config

MAX_DESCRIPTION = 160
IMAGE_DIR = "assets/social"
# Pages whose share image carries the lowest monthly payment; the others (legal basis, print, schedule,
# share kit) are not about the price and show the title only.
FIGURE_PAGES = {
    "index", "bhxh-tu-nguyen-la-gi", "quyen-loi", "muc-dong-va-ho-tro", "tinh-muc-dong", "phuong-thuc-dong",
    "dang-ky-va-nop-tien", "diem-thu-va-lien-he", "hoi-dap",
}
FIGURE_TEXT = {"vi": "Chỉ từ {}", "en": "From {}"}
UNCONFIRMED = {"vi": " (dự kiến)", "en": " (expected)"}


# -------------------------------------------------------------------------------------------------
# Hooks
# -------------------------------------------------------------------------------------------------


def on_page_content(html_text: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    raw = page.meta.get("description")
    text = markdown_to_text(str(raw)) if raw else first_paragraph(html_text)
    if not text:
        text = config.site_description or ""
    summary = shorten(text, MAX_DESCRIPTION)
    page.meta["share_description"] = summary
    # Material prints page.meta.description unescaped into an attribute: store it escaped.
    page.meta["description"] = html.escape(summary, quote=True)
    return html_text


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
    context["share"] = share_info(page, config)
    return context


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    info = share_info(page, config)
    site = from_config(config)
    card = ShareCard(title=info["title"], office=site.office.short_name[info["lang"]], figure=info["figure"],
                     footer=urlsplit(info["site_url"]).netloc)
    out = Path(config.site_dir) / info["image_path"]
    stats = RenderStats()
    render_cached(card, out, stats)
    state.from_config(config).share_images[str(out)] = "rendered" if stats.rendered else "cached"
    return output


# -------------------------------------------------------------------------------------------------
# Helper functions
# -------------------------------------------------------------------------------------------------


def share_info(page: Page, config: MkDocsConfig) -> dict[str, Any]:
    """Everything the templates and the image need for one page (absolute URLs built from site_url)."""
    lang = page_lang(page)
    site = from_config(config)
    site_url = site.site_url
    path = _lang_neutral_path(page.url, lang)  # "" for the home page, "tinh-muc-dong/" otherwise
    urls = {code: site_url + (f"{code}/" if code != DEFAULT_LANG else "") + path for code in LANGS}
    stem = PurePosixPath(page.file.src_uri).stem
    image_path = f"{IMAGE_DIR}/{lang}/{stem}.png"
    title = page.meta.get("title") or page.title or config.site_name
    office_name = site.office.short_name[lang]
    figure = _figure(site, stem, lang)
    description = page.meta.get("share_description") or config.site_description or ""
    alt = f"{title} — {office_name}" + (f". {figure}" if figure else "")
    return {
        "lang": lang,
        "locale": LOCALES[lang],
        "locale_alternate": LOCALES[other(lang)],
        "title": str(title),
        "description": description,
        "site_url": site_url,
        "site_name": config.site_name,
        "url": urls[lang],
        "alternates": [{"lang": code, "url": urls[code]} for code in LANGS],
        "x_default": urls[DEFAULT_LANG],
        "type": "website" if stem == "index" else "article",
        "image": site_url + image_path,
        "image_path": image_path,
        "image_width": WIDTH,
        "image_height": HEIGHT,
        "image_alt": alt,
        "figure": figure,
        "facebook": "https://www.facebook.com/sharer/sharer.php?u=" + _quote(urls[lang]),
    }


def markdown_to_text(text: str) -> str:
    """Front-matter descriptions may hold figures rendered as Markdown (``[(chưa xác nhận)](…){ .x }``)."""
    text = re.sub(r"\{[^{}]*\}", "", text)  # attribute lists
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)  # links and images → their text
    text = re.sub(r"[*_`]+", "", text)
    return " ".join(text.split())


class _FirstParagraph(HTMLParser):
    """Text of the first ``<p>`` of the content that is not inside an admonition, table or figure."""

    SKIP = ("admonition", "figures-table", "sample-notice", "share-bar")

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []
        self.parts: list[str] | None = None
        self.done = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("br", "img", "hr", "input", "meta", "link", "wbr"):
            return
        classes = (dict(attrs).get("class") or "").split()
        skipped = any(c in self.SKIP for c in classes) or tag in ("table", "details", "aside", "nav", "figure")
        self.stack.append((tag, skipped))
        if tag == "p" and not self.done and self.parts is None and not any(s for _, s in self.stack):
            self.parts = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "p" and self.parts is not None and not self.done:
            text = " ".join("".join(self.parts).split())
            self.parts = None
            if len(text) >= 20:
                self.done = text
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data: str) -> None:
        if self.parts is not None:
            self.parts.append(data)


def first_paragraph(html_text: str) -> str:
    parser = _FirstParagraph()
    parser.feed(html_text)
    return parser.done


def shorten(text: str, limit: int = MAX_DESCRIPTION) -> str:
    """Cut at a word boundary so the result, with its ellipsis, has at most ``limit`` characters."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.–—-") + "…"


def _figure(site: SiteData, stem: str, lang: str) -> str:
    if stem not in FIGURE_PAGES:
        return ""
    figure = site.figures.get("net_min.poor")
    text = FIGURE_TEXT[lang].format(fmt.per_month(int(figure.value), lang))
    return text if figure.confirmed else text + UNCONFIRMED[lang]


def _lang_neutral_path(url: str, lang: str) -> str:
    url = url.lstrip("/")
    if lang != DEFAULT_LANG and url.startswith(f"{lang}/"):
        url = url[len(lang) + 1:]
    return "" if url in ("", "index.html") else url


def _quote(url: str) -> str:
    from urllib.parse import quote

    return quote(url, safe="")
