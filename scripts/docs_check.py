"""``make check-data`` for the pages (``docs/``): what the build would stop on, found without building.

Each page must be UTF-8, have its twin in the other language, have front matter MkDocs can read, and render its
``{{ … }}`` macros (known figure names, balanced braces). Every check is the build's own code: the pairing of
``scripts/i18n.py``, ``scripts/frontmatter.py`` and the page macros' :func:`render_markdown`, with this build's data.
"""

from __future__ import annotations

from collections.abc import Callable

import jinja2
from mkdocs.utils.meta import get_data

from scripts import frontmatter, i18n
from scripts.errors import DataError
from scripts.paths import DOCS, ROOT
from scripts.site_data import SiteData


def check_docs(site: SiteData, on_page: Callable[[str], None] = lambda src: None) -> int:
    """Raise :class:`DataError` for the first page mistake; return the number of pages checked.

    ``on_page(src)`` is called before each page (``make check-data`` names the page if its time limit runs out).
    """
    from overrides.hooks.page_macros import page_env, render_markdown, text_env

    pages = sorted(p for lang in i18n.LANGS for p in (DOCS / lang).rglob("*.md"))
    problem = i18n.missing_translations([p.relative_to(DOCS).as_posix() for p in pages])
    if problem:
        raise DataError("docs", "", problem)
    env = page_env(jinja2.Environment(loader=jinja2.FileSystemLoader(str(ROOT / "overrides"))))
    plain = text_env()
    for path in pages:
        src = f"docs/{path.relative_to(DOCS).as_posix()}"
        on_page(src)
        try:
            content = path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError:
            raise DataError(src, "", "the file is not UTF-8", "save it as UTF-8 in your editor") from None
        frontmatter.check(src, content)
        markdown, meta = get_data(content)  # as MkDocs reads a page
        render_markdown(site, env, plain, path.relative_to(DOCS).parts[0], src, content, markdown, meta)
    return len(pages)
