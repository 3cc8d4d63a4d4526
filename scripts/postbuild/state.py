"""What the per-page hooks of one build hand to the finishing step (``config.extra["build"]``).

mkdocs-static-i18n runs the English build inside the Vietnamese one with the same config, so this object
lives for the whole ``mkdocs build``: hooks add to it while pages are rendered, the finishing step reads it.
It replaces module globals, which would outlive a build in ``mkdocs serve``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

CONFIG_KEY = "build"


@dataclass
class BuildState:
    not_found: dict[str, str] = field(default_factory=dict)  # language → rendered 404 page
    share_images: dict[str, str] = field(default_factory=dict)  # image path → "rendered" | "cached"
    share_pages: dict[str, Any] = field(default_factory=dict)  # "vi/index" → scripts.share_images.Rendered
    css_bundle: tuple[str, str] | None = None  # (site path, text) of the joined extra_css (scripts/assets.py)
    css_sources: list[str] = field(default_factory=list)  # the extra_css files joined into it
    scripts: Any = None  # scripts.assets.ScriptBundle: the esbuild output and its content-hashed names
    steps: list[str] = field(default_factory=list)  # finishing steps run, in order (tests count them)
    precache: set[str] = field(default_factory=set)  # page URLs whose front matter says `precache: true`
    noindex: set[str] = field(default_factory=set)  # page URLs whose front matter says `robots: noindex` (not in sitemaps)
    page_env: Any = None  # Jinja environment for page Markdown and macro templates (overrides/hooks/page_macros.py)
    text_env: Any = None  # the same for plain text (front matter)


def from_config(config: Any) -> BuildState:
    state = config.extra.get(CONFIG_KEY)
    if not isinstance(state, BuildState):
        raise RuntimeError("overrides/hooks/data.py must run first (it is the first hook in mkdocs.yml)")
    return state
