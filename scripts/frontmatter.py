"""A page's front matter (the ``---`` block at the top of a Markdown page): it must be YAML that MkDocs can read.

MkDocs (``mkdocs.utils.meta.get_data``) silently treats front matter it cannot parse as page text: an unquoted
``:`` in a title then becomes the page's first paragraph and its link preview. The build and ``make check-data``
call :func:`check` on each page and stop with the file, the line and the fix instead.
"""

from __future__ import annotations

from mkdocs.utils.meta import YAML_RE

from scripts.errors import DataError
from scripts.yamlfile import parse_yaml

FIX = ('put a title or description that contains ":" or "#" in quotes, for example title: "Hỏi đáp: BHXH tự nguyện"; '
       "indent with spaces")


def check(src: str, content: str) -> None:
    """Raise :class:`DataError` (``docs/…md:line``) when the front matter of ``content`` is not a YAML mapping."""
    content = content.lstrip("\ufeff")
    match = YAML_RE.match(content)
    if not match:
        lines = content.splitlines()
        if lines and lines[0].rstrip() == "---" and not any(ln.rstrip() in ("---", "...") for ln in lines[1:]):
            raise DataError(src, "", "the front matter (from the first ---) is never closed", "end it with a line '---'", 1)
        return
    try:  # the block MkDocs finds (its YAML_RE), read with the data files' checks (duplicate keys too)
        doc = parse_yaml(match.group(1), src, first_line=2)
    except DataError as exc:
        if "valid YAML" not in exc.problem:
            raise
        raise DataError(src, "", exc.problem.replace("this is not valid YAML", "the front matter is not valid YAML"),
                        FIX, exc.line) from None
    if doc.data is not None and not isinstance(doc.data, dict):
        raise DataError(src, "", "the front matter is not a list of 'key: value' lines", FIX, 2)
