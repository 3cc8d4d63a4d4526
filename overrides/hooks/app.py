"""Installable ("Add to Home screen"): the theme colour for ``partials/app.html`` (``<meta name="theme-color">``),
read once from ``site.css``. The manifest and the icons are written after the build by
``scripts/postbuild/icons.py`` (a step of ``overrides/hooks/finish.py``)."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from scripts.postbuild import icons


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    try:
        config.extra["theme_color"] = icons.theme_color(Path(config.docs_dir))
    except icons.IconError as exc:
        raise PluginError(str(exc)) from None
    return config
