"""``extra_css`` becomes one fingerprinted file (``scripts/postbuild/bundle.py``); the finishing step writes it."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from scripts.postbuild import state
from scripts.postbuild.bundle import BundleError, join_css


@event_priority(50)  # after overrides/hooks/data.py made the build state; before the i18n plugin copies the config
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    build = state.from_config(config)
    names = [str(n) for n in config.extra_css]
    if build.css_bundle and names == [build.css_bundle[0]]:  # the nested English build: already bundled
        return config
    try:
        build.css_bundle = join_css(Path(config.docs_dir), names)
    except BundleError as exc:
        raise PluginError(str(exc)) from None
    config.extra_css = [build.css_bundle[0]]
    return config
