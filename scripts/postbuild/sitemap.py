"""Pages for staff only (front matter ``robots: noindex``) are left out of ``sitemap.xml`` and ``en/sitemap.xml``.

MkDocs lists every page in the root sitemap, and ``scripts.i18n.write_en_sitemap`` every English page; a page
that asks search engines not to index it must not be offered to them there. Its ``<url>`` entries are removed, and
any alternate (``xhtml:link``) that points at it.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable
from pathlib import Path

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}
SITEMAPS = ("sitemap.xml", "en/sitemap.xml")


def drop_from_sitemaps(site: Path, site_url: str, page_urls: Iterable[str]) -> None:
    """Remove ``page_urls`` (site-relative, ``duong-dan-can-bo/``) from both sitemaps."""
    base = site_url.rstrip("/") + "/"
    hidden = {base + (u if u != "./" else "") for u in page_urls}
    if not hidden:
        return
    ET.register_namespace("", NS["sm"])
    ET.register_namespace("xhtml", NS["xhtml"])
    for name in SITEMAPS:
        path = site / name
        if not path.exists():
            continue
        tree = ET.parse(path)
        root = tree.getroot()
        for url in root.findall("sm:url", NS):
            loc = url.find("sm:loc", NS)
            if loc is not None and (loc.text or "").strip() in hidden:
                root.remove(url)
                continue
            for alt in url.findall("xhtml:link", NS):
                if alt.get("href") in hidden:
                    url.remove(alt)
        tree.write(path, encoding="UTF-8", xml_declaration=True)
