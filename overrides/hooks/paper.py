"""Paper from the web: a page's key links carry the address a reader of the printout can type, in
``data-print-url``, which the print stylesheet prints after them (``site.css``, ``@media print``):

* a button (``.md-button``: "Tính mức đóng", "Đăng ký ở đâu?") gets its page's full address, the office's published
  address (``site_url``) joined with the link, so it is right under a sub-path too;
* a link to another site gets its own address, unless its text already is that address.

Phone numbers (``tel:``) and links inside the page print nothing more: their text says it all."""

from __future__ import annotations

import html
import re
from urllib.parse import urljoin

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

LINK = re.compile(r"<a\b([^>]*)>(.*?)</a>", re.S)
HREF = re.compile(r'\bhref="([^"]*)"')
BUTTON = re.compile(r'\bclass="[^"]*\bmd-button\b')
TAG = re.compile(r"<[^>]+>")


def print_url(site_url: str, page_url: str, href: str, text: str, button: bool) -> str | None:
    """The address to print after a link, or ``None`` when its text is enough."""
    if href.startswith(("http://", "https://")):
        shown = text.strip().rstrip("/").removeprefix("https://").removeprefix("http://")
        return None if shown == href.rstrip("/").removeprefix("https://").removeprefix("http://") else href
    if not button or not href or href.startswith("#") or re.match(r"^[a-z][a-z0-9+.-]*:", href):
        return None
    return urljoin(urljoin(site_url, page_url), href)


def on_page_content(html_text: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    def add(match: re.Match[str]) -> str:
        attrs, inner = match.group(1), match.group(2)
        href = HREF.search(attrs)
        if not href or "data-print-url=" in attrs:
            return match.group(0)
        text = html.unescape(TAG.sub("", inner))
        url = print_url(config.site_url or "", page.url, html.unescape(href.group(1)), text, bool(BUTTON.search(attrs)))
        if url is None:
            return match.group(0)
        return f'<a{attrs} data-print-url="{html.escape(url, quote=True)}">{inner}</a>'

    return LINK.sub(add, html_text)
