"""The repairs around mkdocs-static-i18n that happen while pages are built (``scripts/i18n.py`` explains all of
them; the ones that need the finished site run in ``overrides/hooks/finish.py``)."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from scripts import i18n
from scripts.postbuild import state


def on_files(files: Files, config: MkDocsConfig) -> Files:
    problem = i18n.missing_translations([f.src_uri for f in files.documentation_pages()])
    if problem:
        raise PluginError(problem)
    return files


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    if template_name != "404.html":
        return output
    return i18n.keep_404(output, str(config.theme.get("language", i18n.DEFAULT_LANG)), state.from_config(config).not_found)


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    if i18n.page_lang(page) != i18n.DEFAULT_LANG:
        output = i18n.repoint_search(output, page.url)
    return i18n.drop_relative_hreflang(output)
