"""First hook: load and validate ``data/`` once per build and wire it into the MkDocs config.

* ``config.extra["site"]``: the build's :class:`scripts.site_data.SiteData` (figures, office, campaigns …); every
  other hook reads it there and nowhere else.
* ``config.extra["build"]``: the :class:`scripts.postbuild.state.BuildState` that per-page hooks fill and the
  finishing step (``overrides/hooks/finish.py``) reads.
* ``site_url`` comes from ``data/office.yml`` (one place for local facts).
* A production build (``PRODUCTION=1``) refuses sample data (``scripts.site_data``).
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from scripts import site_data
from scripts.errors import DataError
from scripts.postbuild import state
from scripts.postbuild.policy_json import build_id


@event_priority(100)  # before mkdocs-static-i18n reads site_url
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if isinstance(config.extra.get(site_data.CONFIG_KEY), site_data.SiteData):
        return config  # the nested English build runs on_config again with the same config: keep the one object
    try:
        site = site_data.load_site_data()
    except DataError as exc:
        raise PluginError(str(exc)) from None
    config.site_url = site.site_url
    config.extra[site_data.CONFIG_KEY] = site
    config.extra[state.CONFIG_KEY] = state.BuildState()
    config.extra["sample"] = site.office.sample  # partials/sample-notice.html
    config.extra["build_id"] = build_id(site)  # <meta name="build-id"> in main.html; policy.json carries the same
    return config
