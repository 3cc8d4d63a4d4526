"""Search that works for Vietnamese typed without tone marks, with one index per language.

* Material's ``lunr.vi`` does not fold diacritics, so ``luong huu`` would not find "lương hưu". Each
  entry of the index gets folded copies of its title and text in two extra fields (``title_folded``,
  ``text_folded``) declared in the index's ``config.fields``. Material's search worker indexes every
  field listed there, but its result list only shows ``title`` and ``text``: readers see the accented
  text, never the folded copy.
* mkdocs-static-i18n writes one combined index. We split it: the root index holds the Vietnamese pages,
  ``en/search/search_index.json`` the English ones, and English pages point their search at ``en/``,
  so a Vietnamese search is not flooded with English pages (and the other way round).
* The theme fetches ``sitemap.xml`` next to its ``base``, which is ``en/`` on English pages, and
  mkdocs-static-i18n writes only the root sitemap: we write ``en/sitemap.xml`` (the English pages), so
  that request cannot 404. (``partials/search.html`` also routes the theme's other sitemap fetches, made
  next to each page-level hreflang link, to the root sitemap.)
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from xml.sax.saxutils import escape

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

from scripts.fmt import fold

CONFIG_RE = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)
TAG_RE = re.compile(r"<[^>]+>")
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


@event_priority(-200)  # after mkdocs-static-i18n has written the combined index and the root sitemap
def on_post_build(config: MkDocsConfig) -> None:
    site = Path(config.site_dir)
    index_file = site / "search" / "search_index.json"
    if index_file.exists():
        _split_index(site, json.loads(index_file.read_text(encoding="utf-8")))
    _write_sitemaps(site, config.site_url or "/")


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """On English pages the theme's ``base`` points at ``en/``, where the English index lives."""
    if getattr(page.file, "locale", "vi") != "en":
        return output

    def repoint(match: re.Match[str]) -> str:
        data = json.loads(match.group(2))
        depth = page.url.count("/")  # "en/quyen-loi/" → 2 → "..", i.e. the en/ folder
        data["base"] = "/".join([".."] * (depth - 1)) or "."
        return match.group(1) + json.dumps(data, ensure_ascii=False, separators=(",", ":")) + match.group(3)

    return CONFIG_RE.sub(repoint, output, count=1)


# -------------------------------------------------------------------------------------------------
# Index
# -------------------------------------------------------------------------------------------------


def _split_index(site: Path, index: dict) -> None:
    fields = dict(index["config"]["fields"])
    fields.setdefault("title_folded", fields.get("title", {"boost": 1000.0}))
    fields.setdefault("text_folded", fields.get("text", {"boost": 1.0}))
    by_lang: dict[str, list[dict]] = {"vi": [], "en": []}
    for doc in index["docs"]:
        doc = _with_folded(doc)
        if doc["location"].startswith("en/") or doc["location"] == "en":
            doc["location"] = doc["location"][len("en/"):]
            by_lang["en"].append(doc)
        else:
            by_lang["vi"].append(doc)
    # Vietnamese: lunr.vi only. The English stop-word filter would drop folded Vietnamese words such as
    # "can" (cần, cận), "the" (thẻ), "so" (số, sổ), "me" (mẹ), "no" (nợ).
    for lang, path, langs in (("vi", site / "search" / "search_index.json", ["vi"]),
                              ("en", site / "en" / "search" / "search_index.json", ["en"])):
        _write(path, {**index, "config": {**index["config"], "lang": langs, "fields": fields}, "docs": by_lang[lang]})


def _with_folded(doc: dict) -> dict:
    """Add the folded title and text; skip a field when folding changes nothing (English text)."""
    doc = dict(doc)
    for field in ("title", "text"):
        plain = " ".join(TAG_RE.sub(" ", doc.get(field) or "").split())
        folded = fold(plain)
        if folded != plain:
            doc[f"{field}_folded"] = folded
    return doc


def _write(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


# -------------------------------------------------------------------------------------------------
# Sitemaps
# -------------------------------------------------------------------------------------------------


def _write_sitemaps(site: Path, site_url: str) -> None:
    site_url = site_url.rstrip("/") + "/"
    pages = sorted(p.parent.relative_to(site).as_posix() for p in site.rglob("index.html")
                   if p.relative_to(site).parts[0] not in ("assets", "search"))
    urls = {p: site_url + ("" if p == "." else p + "/") for p in pages}
    english = [u for p, u in urls.items() if p == "en" or p.startswith("en/")]
    _sitemap(site / "en" / "sitemap.xml", english)


def _sitemap(path: Path, urls: list[str]) -> None:
    body = "".join(f"<url><loc>{escape(u)}</loc></url>" for u in urls)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="{SITEMAP_NS}">{body}</urlset>\n', encoding="utf-8")
