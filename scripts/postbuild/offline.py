"""Offline use after one visit: write ``sw.js`` at the site root, after every other step has written its files.

The service worker precaches, on install, the theme's CSS and JS (already in the HTTP cache), our own assets,
``assets/data/policy.json``, the 404 page, and the home and calculator pages in both languages. The other pages
(not the ``/q/`` redirects) are cached when read, and all pages of the reader's language are fetched in the
background once the worker runs, unless the phone asks to save data or is on 2G (``enhance.js`` sends "warm").
Its cache name carries a hash of all those files, so each build
that changes any page or figure gets a new cache, and the old one is deleted when the new worker activates.
Pages and ``policy.json`` are served network-first (a reader online always gets the current figures; the
cached copy answers when there is no signal or the network takes longer than 4 s); fingerprinted assets are
served cache-first. The worker's source is ``scripts/postbuild/sw.js`` (linted like the site's JS); it is registered from
``docs/assets/javascripts/enhance.js`` after the page loads.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

SOURCE = Path(__file__).with_name("sw.js")

CACHE_PREFIX = "bhxh-"
# Reader-facing files worth having offline. Source maps, the search worker/lunr (search needs the network),
# print PDFs and large images are left out to keep the one-time download small.
ASSET_SUFFIXES = (".css", ".js", ".json", ".svg", ".woff2")
SKIP_PARTS = ("assets/javascripts/lunr/", "assets/javascripts/workers/", "search/", "q/")


def _linked_stylesheets(site: Path) -> set[str]:
    """Stylesheet names that some page links: the rest (bundled sources, the unused palette) is never fetched."""
    names: set[str] = set()
    for page in site.rglob("*.html"):
        names.update(re.findall(r'assets/stylesheets/([^"\'?#]+\.css)', page.read_text(encoding="utf-8")))
    return names


def precache_list(site: Path) -> list[str]:
    """URLs relative to the site root (the worker's scope), pages as their folder URL (``quyen-loi/``)."""
    urls: list[str] = []
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
        elif rel == "404.html" or (rel.startswith("assets/") and rel.endswith(ASSET_SUFFIXES)):
            urls.append(rel)
    return urls


def _file_for(site: Path, url: str) -> Path:
    return site / (url + "index.html" if url.endswith("/") else url) if url != "./" else site / "index.html"


def build_version(site: Path, urls: list[str]) -> str:
    """A short hash of every precached file's path and bytes: any change in a page or figure changes it."""
    digest = hashlib.sha256()
    for url in urls:
        digest.update(url.encode())
        digest.update(_file_for(site, url).read_bytes())
    return digest.hexdigest()[:12]


BUILD_MARK = re.compile(r"/\* BUILD \*/ \{[^}]*\}")


def write_service_worker(site: Path, core_pages: set[str]) -> None:
    """``sw.js``: the worker's source with this build's cache name and file lists.

    ``core_pages`` (front matter ``precache: true``) are cached on install; the other pages in the background.
    """
    urls = precache_list(site)
    version = build_version(site, urls)
    pages = [u for u in urls if u.endswith("/") and u not in core_pages]
    core = [u for u in urls if u not in pages]
    config = {"CACHE": CACHE_PREFIX + version, "PRECACHE": core, "PAGES": pages, "PREFIX": CACHE_PREFIX}
    source = SOURCE.read_text(encoding="utf-8")
    text, n = BUILD_MARK.subn(lambda _: "/* BUILD */ " + json.dumps(config, ensure_ascii=False), source, count=1)
    if n != 1:
        raise RuntimeError(f"{SOURCE}: the '/* BUILD */ {{…}}' placeholder is missing")
    (site / "sw.js").write_text(text, encoding="utf-8")
