"""Escaping data for the two languages a value can land in: Markdown text and HTML attributes.

Every value from ``data/`` is text unless a template says otherwise. In Markdown text a value is HTML-escaped
(so ``<script>`` shows as typed) and its Markdown characters are backslash-escaped (so ``*`` or ``[x](y)`` in an
office name stays literal). In an HTML attribute a value is HTML-escaped only (Markdown does not touch raw HTML).
Markup that the code itself made (``markupsafe.Markup``) passes through unchanged.
"""

from __future__ import annotations

import html
import re
from typing import Any

from markupsafe import Markup

# Characters with a meaning in Markdown (and its tables and attribute lists) anywhere in a line.
MD_SPECIAL = re.compile(r"([\\`*_\[\]{}|!#])")
# A value made only of these (a validated https:// address, a tel: number, an amount) needs no Markdown escaping,
# and must not get any: backslashes would end up inside a link target.
PLAIN = re.compile(r"^[\w./:%?=&+,;~@-]*$")


def md(text: str) -> str:
    """Backslash-escape Markdown's special characters."""
    return MD_SPECIAL.sub(r"\\\1", text)


def text(value: Any) -> Markup:
    """A value for Markdown text: HTML-escaped, Markdown characters escaped."""
    if isinstance(value, Markup):
        return value
    raw = str(value)
    escaped = html.escape(raw, quote=True)
    return Markup(escaped if PLAIN.match(raw) else md(escaped))


def attr(value: Any) -> Markup:
    """A value for an HTML attribute (in raw HTML inside Markdown, or in a template)."""
    return value if isinstance(value, Markup) else Markup(html.escape(str(value), quote=True))


def finalize(value: Any) -> Any:
    """Jinja ``finalize`` for page Markdown and macro templates: every ``{{ value }}`` goes through :func:`text`."""
    if value is None:
        return ""
    return text(value)
