"""The two languages, and every repair the site needs around mkdocs-static-i18n, in one place.

mkdocs-static-i18n (``docs_structure: folder``) builds Vietnamese at ``/`` and English at ``/en/``, the English
build running inside the Vietnamese one with the same config. Around it the site needs:

* **pairs**: every page in both languages, or the build stops and names the missing file (no silent fallback);
* **404**: both builds write ``404.html`` at the root, the English one last; the root keeps the Vietnamese page
  and the English one goes to ``en/404.html``;
* **search**: the plugin writes one combined index; it is split into one index per language (plus folded copies
  of the text, so a query typed without tone marks finds Vietnamese pages), and English pages point their
  search at ``en/``;
* **sitemap**: the theme fetches ``sitemap.xml`` next to its ``base``, which is ``en/`` on English pages: an
  ``en/sitemap.xml`` is written so that request cannot 404;
* **hreflang**: the theme's relative ``hreflang`` links are dropped (``partials/meta.html`` writes absolute ones).
"""

from __future__ import annotations

import json
import re
from pathlib import Path, PurePosixPath
from typing import Any
from xml.sax.saxutils import escape

from scripts.fmt import fold

LANGS = ("vi", "en")
DEFAULT_LANG = "vi"
LOCALES = {"vi": "vi_VN", "en": "en_US"}


def page_lang(page: Any) -> str:
    """``vi`` or ``en`` for a MkDocs page (``page.file.locale`` from the i18n plugin, else the folder)."""
    locale = getattr(page.file, "locale", None)
    if locale in LANGS:
        return locale
    first = page.file.src_uri.split("/", 1)[0]
    return first if first in LANGS else DEFAULT_LANG


def other(lang: str) -> str:
    return "en" if lang == "vi" else "vi"


# -------------------------------------------------------------------------------------------------
# While pages are built
# -------------------------------------------------------------------------------------------------


def missing_translations(src_uris: list[str]) -> str | None:
    """A message naming the first page that exists in one language only, or ``None``."""
    pages: dict[str, set[str]] = {lang: set() for lang in LANGS}
    for uri in src_uris:
        parts = PurePosixPath(uri).parts
        if parts and parts[0] in pages:
            pages[parts[0]].add(str(PurePosixPath(*parts[1:])))
    for lang in LANGS:
        missing = sorted(pages[lang] - pages[other(lang)])
        if missing:
            listed = ", ".join(f"docs/{other(lang)}/{m}" for m in missing)
            return (f"missing translation: {listed} — every page needs both languages; "
                    f"create the file (translate docs/{lang}/{missing[0]}) or delete the page in both.")
    return None


def keep_404(output: str, lang: str, not_found: dict[str, str]) -> str:
    """Remember each language's 404 page; the root ``404.html`` is always the Vietnamese one."""
    not_found[lang] = output
    return not_found.get(DEFAULT_LANG, output)


CONFIG_RE = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)


def repoint_search(output: str, page_url: str) -> str:
    """On English pages the theme's ``base`` points at ``en/``, where the English index lives."""

    def repoint(match: re.Match[str]) -> str:
        data = json.loads(match.group(2))
        depth = page_url.count("/")  # "en/quyen-loi/" → 2 → "..", i.e. the en/ folder
        data["base"] = "/".join([".."] * (depth - 1)) or "."
        return match.group(1) + json.dumps(data, ensure_ascii=False, separators=(",", ":")) + match.group(3)

    return CONFIG_RE.sub(repoint, output, count=1)


_RELATIVE_HREFLANG = re.compile(r'\s*<link rel="alternate" href="(?!https?://)[^"]*" hreflang="[^"]*">')


def drop_relative_hreflang(output: str) -> str:
    """Remove the theme's relative ``hreflang`` links (search engines want absolute ones, which meta.html writes)."""
    head_end = output.find("</head>")
    if head_end < 0:
        return output
    return _RELATIVE_HREFLANG.sub("", output[:head_end]) + output[head_end:]


# -------------------------------------------------------------------------------------------------
# After every language is built
# -------------------------------------------------------------------------------------------------


def write_404s(site: Path, not_found: dict[str, str]) -> None:
    """Root ``404.html`` in Vietnamese, ``en/404.html`` in English."""
    for lang, html_text in not_found.items():
        target = site / ("404.html" if lang == DEFAULT_LANG else f"{lang}/404.html")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html_text, encoding="utf-8")


TAG_RE = re.compile(r"<[^>]+>")


def split_search_index(site: Path) -> None:
    """One index per language, with folded copies of each title and text (see the module docstring)."""
    index_file = site / "search" / "search_index.json"
    if not index_file.exists():
        return
    index = json.loads(index_file.read_text(encoding="utf-8"))
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
        data = {**index, "config": {**index["config"], "lang": langs, "fields": fields}, "docs": by_lang[lang]}
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def _with_folded(doc: dict) -> dict:
    """Add the folded title and text; skip a field when folding changes nothing (English text)."""
    doc = dict(doc)
    for name in ("title", "text"):
        plain = " ".join(TAG_RE.sub(" ", doc.get(name) or "").split())
        folded = fold(plain)
        if folded != plain:
            doc[f"{name}_folded"] = folded
    return doc


SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


def write_en_sitemap(site: Path, site_url: str) -> None:
    """``en/sitemap.xml``: the English pages (the plugin writes only the root sitemap)."""
    site_url = site_url.rstrip("/") + "/"
    pages = sorted(p.parent.relative_to(site).as_posix() for p in site.rglob("index.html")
                   if p.relative_to(site).parts[0] not in ("assets", "search"))
    english = [site_url + p + "/" for p in pages if p == "en" or p.startswith("en/")]
    body = "".join(f"<url><loc>{escape(u)}</loc></url>" for u in english)
    path = site / "en" / "sitemap.xml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="{SITEMAP_NS}">{body}</urlset>\n', encoding="utf-8")
