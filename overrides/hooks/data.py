"""Load and validate ``data/`` once per build and wire the office into the MkDocs config.

* ``site_url`` comes from ``data/office.yml`` (one place for local facts).
* A production build (``PRODUCTION=1``) refuses sample office and campaign data.
* Every Vietnamese page must have its English twin and the other way round: the build stops and names
  the missing file instead of silently falling back to the other language.
"""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files

from scripts.campaigns import load_campaigns
from scripts.errors import DataError
from scripts.figures import build_date, compute
from scripts.office import load_national, load_office
from scripts.policy import load_policy

LANGS = ("vi", "en")


# -------------------------------------------------------------------------------------------------
# Hooks
# -------------------------------------------------------------------------------------------------


@event_priority(100)  # before mkdocs-static-i18n reads site_url
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    try:
        policy = load_policy()
        office = load_office()
        national = load_national()
        campaigns = load_campaigns(office=office)
        today = build_date()
        compute(policy, today)  # every figure must have a value on the build date
    except DataError as exc:
        raise PluginError(str(exc)) from None
    if os.environ.get("PRODUCTION") == "1" and office.sample:
        raise PluginError(
            f"{office.file}: sample: true — a production build refuses sample data. Replace the sample "
            "office, local offices and collection points with real ones, then write 'sample: false'."
        )
    if os.environ.get("PRODUCTION") == "1" and campaigns.sample:
        raise PluginError(
            f"{campaigns.file}: sample: true — a production build refuses sample data. Replace the sample "
            "campaigns and places with your office's plan, then write 'sample: false'."
        )
    config.site_url = office.site_url
    config.extra["office"] = office
    config.extra["national"] = national
    config.extra["sample"] = office.sample
    config.extra["build_date"] = today
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    pages: dict[str, set[str]] = {lang: set() for lang in LANGS}
    for file in files.documentation_pages():
        parts = PurePosixPath(file.src_uri).parts
        if parts and parts[0] in pages:
            pages[parts[0]].add(str(PurePosixPath(*parts[1:])))
    for lang, other in (("vi", "en"), ("en", "vi")):
        missing = sorted(pages[lang] - pages[other])
        if missing:
            listed = ", ".join(f"docs/{other}/{m}" for m in missing)
            raise PluginError(
                f"missing translation: {listed} — every page needs both languages; "
                f"create the file (translate docs/{lang}/{missing[0]}) or delete the page in both."
            )
    return files


# The root 404 page must be Vietnamese. mkdocs-static-i18n builds English after Vietnamese into the same
# site_dir, so the English 404.html overwrote the Vietnamese one. Keep the Vietnamese render and put it back.
_not_found: dict[str, str] = {}


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    if template_name == "404.html":
        _not_found[str(config.theme.get("language", "vi"))] = output
    return output


@event_priority(-150)  # after mkdocs-static-i18n's nested English build
def on_post_build(config: MkDocsConfig) -> None:
    vi = _not_found.get("vi")
    target = Path(config.site_dir) / "404.html"
    if vi and target.exists():
        target.write_text(vi, encoding="utf-8")
