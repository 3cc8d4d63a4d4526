"""Offline use after one visit: write ``sw.js`` at the site root, after every other step has written its files.

The service worker precaches, on install, the theme's CSS and JS (already in the HTTP cache), our own assets,
``assets/data/policy.json``, the 404 page, and the home and calculator pages in both languages. The other pages
are cached when read, and all pages of the reader's language are fetched in the
background once the worker runs, unless the phone asks to save data or is on 2G (``enhance.js`` sends "warm").
The ``/q/`` short paths and beacon files are never cached and always go to the network: the office's server log
counts them (``scripts/report.py``).
Its cache name carries a hash of all those files, so each build
that changes any page or figure gets a new cache, and the old one is deleted when the new worker activates.
Pages and ``policy.json`` are served network-first (a reader online always gets the current figures; the
cached copy answers when there is no signal or the network takes longer than 4 s); fingerprinted assets are
served cache-first. The worker's source is ``scripts/postbuild/sw.js`` (linted like the site's JS); it is registered from
``docs/assets/javascripts/enhance.js`` after the page loads.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from pathlib import Path

from scripts.site_data import SiteData

SOURCE = Path(__file__).with_name("sw.js")

CACHE_PREFIX = "bhxh-"
# Reader-facing files worth having offline. Source maps, print PDFs and large images are left out to keep the
# one-time download small; of the theme's lunr scripts, only those the search indexes' languages load.
ASSET_SUFFIXES = (".css", ".js", ".json", ".svg", ".woff2")
SKIP_PARTS = ("assets/javascripts/lunr/", "search/", "q/")
LUNR = "assets/javascripts/lunr/min/"
# Search offline: each language's index is fetched with that language's pages ("warm"), and kept when the reader
# first searches online (it is a .json, served network-first). The worker and its lunr scripts are precached.
SEARCH_INDEXES = ("search/search_index.json", "en/search/search_index.json")


def _linked_stylesheets(site: Path) -> set[str]:
    """Stylesheet names that some page links: the rest (bundled sources, the unused palette) is never fetched."""
    names: set[str] = set()
    for page in site.rglob("*.html"):
        names.update(re.findall(r'assets/stylesheets/([^"\'?#]+\.css)', page.read_text(encoding="utf-8")))
    return names


def _lunr_scripts(site: Path) -> list[str]:
    """The lunr scripts the theme's search worker loads for the languages of the site's indexes (none for English)."""
    langs = set()
    for index in SEARCH_INDEXES:
        if (site / index).exists():
            langs.update(json.loads((site / index).read_text(encoding="utf-8"))["config"]["lang"])
    names = [f"lunr.{lang}.min.js" for lang in sorted(langs - {"en"})]
    names = ["lunr.stemmer.support.min.js", *names] if names else []
    return [LUNR + n for n in names if (site / LUNR / n).exists()]


def precache_list(site: Path) -> list[str]:
    """URLs relative to the site root (the worker's scope), pages as their folder URL (``quyen-loi/``), the search
    indexes last."""
    urls: list[str] = _lunr_scripts(site)
    linked_css = _linked_stylesheets(site)
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        rel = path.relative_to(site).as_posix()
        if rel == "sw.js" or path.suffix in (".gz", ".br") or any(rel.startswith(p) for p in SKIP_PARTS):
            continue
        if rel.startswith("assets/stylesheets/") and rel.endswith(".css") and path.name not in linked_css:
            continue
        if rel.endswith("index.html"):
            urls.append(rel[: -len("index.html")] or "./")
        elif rel in ("404.html", *OFFLINE_PAGES.values()) or (rel.startswith("assets/") and rel.endswith(ASSET_SUFFIXES)):
            urls.append(rel)
    return urls + [index for index in SEARCH_INDEXES if (site / index).exists()]


def _file_for(site: Path, url: str) -> Path:
    return site / (url + "index.html" if url.endswith("/") else url) if url != "./" else site / "index.html"


def build_version(site: Path, urls: list[str]) -> str:
    """A short hash of every precached file's path and bytes: any change in a page or figure changes it."""
    digest = hashlib.sha256()
    for url in urls:
        digest.update(url.encode())
        digest.update(_file_for(site, url).read_bytes())
    return digest.hexdigest()[:12]


OFFLINE_PAGES = {"vi": "offline.html", "en": "en/offline.html"}
OFFLINE_PAGE = """<!doctype html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>{title}</title>
<style>
body{{font:18px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1a1a1a;background:#fff}}
main{{max-width:36rem;margin:0 auto;padding:1.5rem 1rem 3rem}}h1{{font-size:1.6rem;line-height:1.25;margin:.5rem 0 1rem}}
h2{{font-size:1.1rem;margin:2rem 0 .5rem}}a{{color:#0b3d6e}}ul{{padding-left:1.2rem}}li{{margin:.25rem 0}}
li a,.call a{{display:inline-block;min-height:44px;line-height:44px}}.call a{{font-weight:700;font-size:1.25rem}}
.retry{{display:inline-block;min-height:44px;min-width:44px;line-height:44px;padding:0 1.25rem;border-radius:4px;
background:#0b3d6e;color:#fff;font-weight:700;text-decoration:none}}.retry:focus{{outline:3px solid #f9a825;outline-offset:2px}}
</style>
</head>
<body>
<main>
<h1>{title}</h1>
<p>{lead}</p>
<p><a class="retry" href="" data-retry>{retry}</a></p>
<h2>{saved}</h2>
<ul>
{links}
</ul>
<p>{others}</p>
<p class="call">{call} <a href="tel:{tel}">{hotline}</a></p>
</main>
</body>
</html>
"""
TITLE_RE = re.compile(r"<title>(.*?)</title>", re.S)


def write_offline_pages(site: Path, data: SiteData, core_pages: set[str]) -> None:
    """``offline.html`` and ``en/offline.html``: what the worker shows for a page it has not saved, with no network.

    Its links are relative to its own folder; the worker, which shows it at any address, adds ``<base href>`` (that
    folder) and points "try again" at the address asked for. Words from ``data/texts.yml`` (``offline.*``).
    """
    for lang, target in OFFLINE_PAGES.items():
        links = []
        for url in sorted(core_pages, key=lambda u: (u.count("/"), u)):
            if (url.startswith("en/") or url == "en/") != (lang == "en"):
                continue
            found = TITLE_RE.search(_file_for(site, url).read_text(encoding="utf-8"))
            title = html.unescape(found.group(1)).split(" - ")[0].strip() if found else url
            href = (url.removeprefix("en/") or "./") if lang == "en" else url  # relative to the offline page's folder
            links.append(f'<li><a href="{html.escape(href)}">{html.escape(title)}</a></li>')

        def t(key: str, lang: str = lang, **values: str) -> str:
            return html.escape(data.t(f"offline.{key}", lang, **values))

        page = OFFLINE_PAGE.format(
            lang=lang, title=t("title"), lead=t("lead"), retry=t("retry"), saved=t("saved"), others=t("others"),
            links="\n".join(links), call=t("call", name=data.national.hotline_note[lang]),
            tel=html.escape(data.national.tel), hotline=html.escape(data.national.hotline))
        path = site / target
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(page, encoding="utf-8")


BUILD_MARK = re.compile(r"/\* BUILD \*/ \{[^}]*\}")


def write_service_worker(site: Path, core_pages: set[str]) -> None:
    """``sw.js``: the worker's source with this build's cache name and file lists.

    ``core_pages`` (front matter ``precache: true``) are cached on install; the other pages in the background.
    """
    urls = precache_list(site)
    version = build_version(site, urls)
    # the search indexes are warmed with their language's pages
    pages = [u for u in urls if (u.endswith("/") and u not in core_pages) or u in SEARCH_INDEXES]
    core = [u for u in urls if u not in pages]
    config = {"CACHE": CACHE_PREFIX + version, "PRECACHE": core, "PAGES": pages, "PREFIX": CACHE_PREFIX,
              "OFFLINE": OFFLINE_PAGES}
    source = SOURCE.read_text(encoding="utf-8")
    text, n = BUILD_MARK.subn(lambda _: "/* BUILD */ " + json.dumps(config, ensure_ascii=False), source, count=1)
    if n != 1:
        raise RuntimeError(f"{SOURCE}: the '/* BUILD */ {{…}}' placeholder is missing")
    (site / "sw.js").write_text(text, encoding="utf-8")
