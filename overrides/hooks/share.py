"""Link previews and sharing: meta tags, share images and the share bar's data, for every page.

* ``on_page_content``: the page's summary (front-matter ``description``, else the first paragraph, ≤ 160
  characters) becomes ``page.meta.description``, so Material emits exactly one ``<meta name="description">``
  and it is the page's own.
* ``on_page_context``: ``share`` in the template context (canonical URL, absolute hreflang alternates, image)
  for ``partials/meta.html`` and ``partials/share-bar.html``.
* ``on_post_page``: draws (or copies from ``.cache/social``) the page's 1200×630 share image to
  ``assets/social/<lang>/<page>.png`` and drops the theme's relative hreflang links (meta.html writes absolute ones).
* ``on_post_build``: logs how many images were drawn and how many came from the cache; with
  ``SHARE_STATS_FILE`` set, writes the same numbers there as JSON (tests check that a second build draws none).
"""

from __future__ import annotations

import html
import json
import logging
import os
import re
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from scripts import fmt
from scripts.errors import DataError
from scripts.figures import build_date, compute
from scripts.office import load_office
from scripts.policy import load_policy
from scripts.share_images import HEIGHT, WIDTH, RenderStats, ShareCard, render_cached

log = logging.getLogger("mkdocs.hooks.share")

LANGS = ("vi", "en")
LOCALES = {"vi": "vi_VN", "en": "en_US"}
DEFAULT_LANG = "vi"
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
# Pages without the share bar: none today (the home page is the page staff share most).
NO_SHARE_BAR: set[str] = set()

_results: dict[str, str] = {}  # image path → "rendered" | "cached", across the per-language builds


# -------------------------------------------------------------------------------------------------
# Hooks
# -------------------------------------------------------------------------------------------------


def on_startup(command: str, dirty: bool) -> None:
    _results.clear()


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
    try:
        office = config.extra["office"]
        card = ShareCard(title=info["title"], office=office.short_name[info["lang"]], figure=info["figure"],
                         footer=urlsplit(info["site_url"]).netloc)
    except (KeyError, AttributeError) as exc:
        raise PluginError(f"share image for docs/{page.file.src_uri}: missing office data ({exc})") from None
    out = Path(config.site_dir) / info["image_path"]
    stats = RenderStats()
    render_cached(card, out, stats)
    _results[str(out)] = "rendered" if stats.rendered else "cached"
    return _drop_relative_hreflang(output)


def on_post_build(config: MkDocsConfig) -> None:
    rendered = sum(1 for v in _results.values() if v == "rendered")
    cached = len(_results) - rendered
    log.info(f"share images: {rendered} drawn, {cached} from cache ({IMAGE_DIR}/<lang>/<page>.png)")
    stats_file = os.environ.get("SHARE_STATS_FILE")
    if stats_file:
        Path(stats_file).write_text(json.dumps({"rendered": rendered, "cached": cached}), encoding="utf-8")


# -------------------------------------------------------------------------------------------------
# Helper functions
# -------------------------------------------------------------------------------------------------


def share_info(page: Page, config: MkDocsConfig) -> dict[str, Any]:
    """Everything the templates and the image need for one page (absolute URLs built from site_url)."""
    lang = page_lang(page)
    other = "en" if lang == "vi" else "vi"
    site_url = _site_root(config)
    path = _lang_neutral_path(page.url, lang)  # "" for the home page, "tinh-muc-dong/" otherwise
    urls = {code: site_url + (f"{code}/" if code != DEFAULT_LANG else "") + path for code in LANGS}
    stem = PurePosixPath(page.file.src_uri).stem
    image_path = f"{IMAGE_DIR}/{lang}/{stem}.png"
    title = page.meta.get("title") or page.title or config.site_name
    office = config.extra.get("office")
    office_name = office.short_name[lang] if office else config.site_name
    figure = _figure(stem, lang)
    description = page.meta.get("share_description") or config.site_description or ""
    alt = f"{title} — {office_name}" + (f". {figure}" if figure else "")
    return {
        "lang": lang,
        "locale": LOCALES[lang],
        "locale_alternate": LOCALES[other],
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
        "show_bar": stem not in NO_SHARE_BAR,
    }


def page_lang(page: Page) -> str:
    locale = getattr(page.file, "locale", None)
    if locale in LANGS:
        return locale
    first = page.file.src_uri.split("/", 1)[0]
    return first if first in LANGS else DEFAULT_LANG


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


def _figure(stem: str, lang: str) -> str:
    if stem not in FIGURE_PAGES:
        return ""
    try:
        figure = compute(load_policy(), build_date()).get("net_min.poor")
    except DataError as exc:
        raise PluginError(str(exc)) from None
    text = FIGURE_TEXT[lang].format(fmt.per_month(int(figure.value), lang))
    return text if figure.confirmed else text + UNCONFIRMED[lang]


def _site_root(config: MkDocsConfig) -> str:
    """The site's root URL, also during the English build (where i18n may append ``en/``)."""
    office = config.extra.get("office")
    url = office.site_url if office else (config.site_url or load_office().site_url)
    return url if url.endswith("/") else url + "/"


def _lang_neutral_path(url: str, lang: str) -> str:
    url = url.lstrip("/")
    if lang != DEFAULT_LANG and url.startswith(f"{lang}/"):
        url = url[len(lang) + 1:]
    return "" if url in ("", "index.html") else url


def _quote(url: str) -> str:
    from urllib.parse import quote

    return quote(url, safe="")


_RELATIVE_HREFLANG = re.compile(r'\s*<link rel="alternate" href="(?!https?://)[^"]*" hreflang="[^"]*">')


def _drop_relative_hreflang(output: str) -> str:
    """Remove the theme's relative ``hreflang`` links (search engines want absolute ones, which meta.html writes)."""
    head_end = output.find("</head>")
    if head_end < 0:
        return output
    return _RELATIVE_HREFLANG.sub("", output[:head_end]) + output[head_end:]
