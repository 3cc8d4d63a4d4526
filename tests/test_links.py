"""Every internal link and anchor in the built site resolves (crawl of every built HTML page)."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.refs: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        for key in ("id", "name") if tag == "a" else ("id",):
            if a.get(key):
                self.ids.add(a[key])
        for key in ("href", "src"):
            if a.get(key) and not (tag == "link" and a.get("rel") in ("preconnect", "dns-prefetch")):
                self.refs.append((tag, a[key]))


def _parse(path: Path, cache: dict[Path, _Collector]) -> _Collector:
    if path not in cache:
        c = _Collector()
        c.feed(path.read_text(encoding="utf-8"))
        cache[path] = c
    return cache[path]


def _target(site: Path, page: Path, path: str) -> Path:
    base = site if path.startswith("/") else page.parent
    target = (base / unquote(path.lstrip("/"))).resolve()
    return target / "index.html" if target.is_dir() or path.endswith("/") or path == "" else target


def test_internal_links_and_anchors_resolve(site_dir: Path) -> None:
    cache: dict[Path, _Collector] = {}
    pages = sorted(site_dir.rglob("*.html"))
    assert len(pages) >= 20
    broken: list[str] = []
    checked = 0
    for page in pages:
        if page.name == "404.html":
            continue  # served at any address: its links are root-absolute by design
        for tag, ref in _parse(page, cache).refs:
            parts = urlsplit(ref)
            if parts.scheme or parts.netloc or ref.startswith(("mailto:", "tel:", "data:", "javascript:")):
                continue
            target = page if parts.path == "" else _target(site_dir, page, parts.path)
            where = f"{page.relative_to(site_dir)} <{tag}> {ref}"
            checked += 1
            if not target.exists():
                broken.append(f"{where}: no file {target}")
                continue
            if parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in _parse(target, cache).ids:
                broken.append(f"{where}: no id {parts.fragment!r} in {target.relative_to(site_dir)}")
    assert checked > 200
    assert broken == [], f"{len(broken)} broken links:\n" + "\n".join(broken[:40])


@pytest.mark.parametrize("name", ["sitemap.xml", "en/sitemap.xml", "search/search_index.json", "en/search/search_index.json"])
def test_files_the_theme_fetches_exist(site_dir: Path, name: str) -> None:
    assert (site_dir / name).is_file()
