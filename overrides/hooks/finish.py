"""What runs after the build: this one hook, once, after every language is built, in the order written below.

mkdocs-static-i18n's ``on_post_build`` (priority −100) runs the English build inside the Vietnamese one, and every
hook runs again in there; this step returns early inside it and does its work when the outer build ends, so no
step runs twice and each sees both languages. ``BUILD_REPORT_FILE=path`` writes the steps run and the share-image
counts as JSON (tests count them).
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from scripts import i18n, site_data
from scripts.postbuild import state
from scripts.postbuild.compress import compress_site
from scripts.postbuild.icons import IconError, write_app
from scripts.postbuild.minify import drop_source_maps
from scripts.postbuild.offline import write_offline_pages, write_service_worker
from scripts.postbuild.policy_json import write_policy_json
from scripts.postbuild.sitemap import drop_from_sitemaps

log = logging.getLogger("mkdocs.hooks.finish")


@event_priority(-1000)  # after mkdocs-static-i18n's on_post_build (−100), which runs the English build
def on_post_build(config: MkDocsConfig) -> None:
    plugin = config.plugins.get("i18n")
    if plugin is not None and getattr(plugin, "building", False):
        return  # inside the nested English build: the outer build finishes for both languages
    out = Path(config.site_dir)
    site = site_data.from_config(config)
    build = state.from_config(config)
    steps: list[tuple[str, Callable[[], None]]] = [
        ("policy.json", lambda: write_policy_json(out, site)),
        ("404 pages", lambda: i18n.write_404s(out, build.not_found)),
        ("search index per language", lambda: i18n.split_search_index(out)),
        ("English sitemap", lambda: i18n.write_en_sitemap(out, site.site_url)),
        ("staff pages out of the sitemaps", lambda: drop_from_sitemaps(out, site.site_url, build.noindex)),
        ("no source maps", lambda: drop_source_maps(out)),
        ("app icons and web manifest", lambda: write_app(out, Path(config.docs_dir), site.texts)),
        ("offline pages", lambda: write_offline_pages(out, site, build.precache)),
        # The worker's cache name is a hash of every file it precaches: after every file it lists is final.
        ("service worker", lambda: write_service_worker(out, build.precache)),
        # Last: .gz/.br of the final files, sw.js included (and not part of the worker's hash).
        ("pre-compressed copies", lambda: compress_site(out)),
    ]
    for name, step in steps:
        try:
            step()
        except IconError as exc:  # a missing icon file: one line for the office, not a traceback
            raise PluginError(str(exc)) from None
        build.steps.append(name)
    rendered = sum(1 for v in build.share_images.values() if v == "rendered")
    log.info(f"share images: {rendered} drawn, {len(build.share_images) - rendered} from cache")
    report = os.environ.get("BUILD_REPORT_FILE")
    if report:
        Path(report).write_text(json.dumps({"steps": build.steps, "share_images": {
            "rendered": rendered, "cached": len(build.share_images) - rendered}}), encoding="utf-8")
