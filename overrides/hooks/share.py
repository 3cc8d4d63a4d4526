"""Link previews and sharing: meta tags, share images and the share bar's data, for every page.

* ``on_page_content``: the page's summary (front-matter ``description``, else the first paragraph, ≤ 160
  characters) becomes ``page.meta.description``, so Material emits exactly one ``<meta name="description">``
  and it is the page's own. Then the page's 1200×630 share image is drawn (or copied from ``.cache/social``) to
  ``assets/social/<lang>/<page>.<hash>.png``: the hash is of the image's bytes, so a changed image gets a new
  URL and Zalo and Facebook fetch it again. Pages whose front matter says ``share_figure: true`` carry the
  headline figure, when it holds and the coming one (``scripts/share_texts.py``).
* ``on_page_context``: ``share`` in the template context (canonical URL, absolute hreflang alternates, image)
  for ``partials/meta.html`` and ``partials/share-bar.html``. A page may link a share image by its plain name
  (``assets/social/vi/index.png``, as the share kit does): the link is resolved here to the current file.

Old images are not kept: each build writes a fresh ``site/``, and an image of an earlier build shows figures
that may no longer hold. A platform that refreshes a preview reads the page's ``og:image`` again.
The finishing step reports how many images were drawn (``overrides/hooks/finish.py``).
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from scripts import share_texts
from scripts.errors import DataError
from scripts.i18n import DEFAULT_LANG, LANGS, LOCALES, other, page_lang
from scripts.postbuild import state
from scripts.share_images import HEIGHT, WIDTH, Rendered, RenderStats, ShareCard, TextTooLong, render_cached
from scripts.site_data import SiteData, from_config

MAX_DESCRIPTION = 160
IMAGE_DIR = "assets/social"
FIGURE_ROLE = "share_figure"  # front matter: the page's share image carries the headline figure
# A plain share-image name in a page's HTML (``../assets/social/vi/index.png``), resolved to the current file.
IMAGE_LINK = re.compile(r"(?<=[\"/])assets/social/(vi|en)/([a-z0-9-]+)\.png(?=\")")


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
    _write_image(page, config)
    return html_text


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
    if page.content and "assets/social/" in page.content:  # every page of this language has its image by now
        page.content = resolve_image_links(page.content, state.from_config(config).share_pages, page.file.src_uri)
    context["share"] = share_info(page, config)
    return context


# -------------------------------------------------------------------------------------------------
# Helper functions
# -------------------------------------------------------------------------------------------------


def share_info(page: Page, config: MkDocsConfig) -> dict[str, Any]:
    """Everything the templates need for one page (absolute URLs built from site_url)."""
    lang = page_lang(page)
    site = from_config(config)
    site_url = site.site_url
    path = _lang_neutral_path(page.url, lang)  # "" for the home page, "tinh-muc-dong/" otherwise
    urls = {code: site_url + (f"{code}/" if code != DEFAULT_LANG else "") + path for code in LANGS}
    stem = PurePosixPath(page.file.src_uri).stem
    image = state.from_config(config).share_pages[f"{lang}/{stem}"]
    card = image.card
    description = page.meta.get("share_description") or config.site_description or ""
    alt = ". ".join(t for t in (f"{card.title} — {card.office}", card.figure, card.valid, card.coming) if t)
    return {
        "lang": lang,
        "locale": LOCALES[lang],
        "locale_alternate": LOCALES[other(lang)],
        "title": card.title,
        "description": description,
        "site_url": site_url,
        "site_name": config.site_name,
        "url": urls[lang],
        "alternates": [{"lang": code, "url": urls[code]} for code in LANGS],
        "x_default": urls[DEFAULT_LANG],
        "type": "website" if stem == "index" else "article",
        "image": site_url + image_path(lang, image.name),
        "image_width": WIDTH,
        "image_height": HEIGHT,
        "image_alt": alt,
        "figure": card.figure,
        "facebook": "https://www.facebook.com/sharer/sharer.php?u=" + _quote(urls[lang]),
    }


def share_card(site: SiteData, lang: str, title: str, with_figure: bool) -> ShareCard:
    """The card of one page: its title, the office, and (on pages about the price) the dated headline."""
    dated = share_texts.image_headline(site, lang) if with_figure else share_texts.Dated("")
    return ShareCard(title=title, office=site.office.short_name[lang], figure=dated.text,
                     footer=urlsplit(site.site_url).netloc, valid=dated.valid, coming=dated.coming)


def image_path(lang: str, name: str) -> str:
    return f"{IMAGE_DIR}/{lang}/{name}"


def resolve_image_links(content: str, images: dict[str, Rendered], src: str) -> str:
    """``…/assets/social/vi/index.png`` → ``…/assets/social/vi/index.<hash>.png`` (the image of this build)."""
    def current(m: re.Match[str]) -> str:
        found = images.get(f"{m.group(1)}/{m.group(2)}")
        if found is None:
            raise PluginError(f"docs/{src}: links the share image of '{m.group(1)}/{m.group(2)}.md', a page that "
                              "does not exist (or is not built yet) — check the page name")
        return image_path(m.group(1), found.name)

    return IMAGE_LINK.sub(current, content)


def _write_image(page: Page, config: MkDocsConfig) -> None:
    site = from_config(config)
    build = state.from_config(config)
    lang = page_lang(page)
    stem = PurePosixPath(page.file.src_uri).stem
    # Page titles are HTML for the theme (a title made from data is escaped: overrides/hooks/page_macros.py); drawn as text.
    title = html.unescape(str(page.meta.get("title") or page.title or config.site_name))
    try:
        card = share_card(site, lang, title, bool(page.meta.get(FIGURE_ROLE)))
        stats = RenderStats()
        out = Path(config.site_dir) / IMAGE_DIR / lang
        image = render_cached(card, out, stem, stats)
    except TextTooLong as exc:
        raise PluginError(str(_too_long(exc, site, lang, page.file.src_uri))) from None
    build.share_pages[f"{lang}/{stem}"] = image
    build.share_images[str(out / image.name)] = "rendered" if stats.rendered else "cached"


def _too_long(exc: TextTooLong, site: SiteData, lang: str, src: str) -> DataError:
    """Which file and key the text that does not fit comes from, and how long it may be."""
    where = {
        "office": (site.office.file, f"office.short_name.{lang}"),
        "footer": (site.office.file, "site_url"),
        "title": (f"docs/{src}", "title"),
        "figure": (site.texts.file, f"headline.lowest.{lang}"),
        "valid": (site.texts.file, f"share.valid_until.{lang}"),
        "coming": (site.texts.file, f"share.coming.{lang}"),
    }[exc.field]
    return DataError(*where, f"{len(exc.text)} characters ({exc.text[:40]}…) do not fit the share image",
                     f"shorten it to at most {exc.fits} characters")


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


def _lang_neutral_path(url: str, lang: str) -> str:
    url = url.lstrip("/")
    if lang != DEFAULT_LANG and url.startswith(f"{lang}/"):
        url = url[len(lang) + 1:]
    return "" if url in ("", "index.html") else url


def _quote(url: str) -> str:
    from urllib.parse import quote

    return quote(url, safe="")
