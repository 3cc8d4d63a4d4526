"""The national facts (``data/national.yml``): the same in every province (the VSS hotline, the app, the portals)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from scripts.office import tel
from scripts.paths import NATIONAL_FILE
from scripts.yamlfile import YamlDoc, cached


@dataclass(frozen=True)
class National:
    """Facts that are the same in every province: the VSS hotline, the app, the public-service portals."""

    hotline: str
    hotline_note: dict[str, str]
    app: str
    portals: tuple[dict[str, str], ...]
    lookup: dict[str, str]

    @property
    def tel(self) -> str:
        return tel(self.hotline)


def parse_national(doc: YamlDoc) -> National:
    d = doc.mapping("", doc.data) if doc.data is not None else {}
    doc.no_unknown("", d, {"hotline", "hotline_note", "app", "portals", "lookup"})
    portals = []
    for i, p in enumerate(doc.entries("portals", d)):
        p = doc.mapping(f"portals[{i}]", p)
        portals.append({"name": doc.text(f"portals[{i}].name", p.get("name")), "url": doc.url(f"portals[{i}].url", p.get("url"))})
    lookup = doc.mapping("lookup", d.get("lookup"))
    app = doc.mapping("app", d.get("app"))
    return National(
        hotline=doc.phone("hotline", d.get("hotline")),
        hotline_note=doc.text_pair("hotline_note", d.get("hotline_note")),
        app=doc.text("app.name", app.get("name")),
        portals=tuple(portals),
        lookup={"name": doc.text("lookup.name", lookup.get("name")), "url": doc.url("lookup.url", lookup.get("url"))},
    )


_load = cached(parse_national)


def load_national(path: Path | str = NATIONAL_FILE) -> National:
    """``data/national.yml``, validated (once per file version)."""
    return _load(path)
