"""``PRODUCTION=1`` refuses what is still the sample, even with ``sample: false``: a public site must not publish
"0000 000 000", "Địa chỉ mẫu" or an example domain because a flag was flipped before the data was replaced.

The office's own files (``office.yml``, ``campaigns.yml``) are read again as written and every text in them is
checked; the first placeholder stops the build with the file, the line, the key and the fix.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from scripts.yamlfile import load_yaml

# The sample's words: "mẫu" in lower case as a word (not "kiểu mẫu" = model, "mẫu giáo" = kindergarten, "mẫu đơn" =
# form; "Mẫu Sơn" is a commune),
# "sample" and "placeholder" in English, and the sample's phone numbers (0000 000 001 …).
SAMPLE_WORD = re.compile(r"(?<!kiểu )(?<![\w])mẫu(?![\w])(?! giáo| đơn| tờ khai)|(?i:\b(?:sample|placeholder)\b)")
ZERO_PHONE = re.compile(r"0000[ .]?000")
# Domains reserved for examples and tests (RFC 2606, RFC 6761): never a real site.
EXAMPLE_HOST = re.compile(r"(^|\.)(example|invalid|test|localhost)(\.|$)", re.I)


def _strings(node: Any, path: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _strings(v, f"{path}.{k}" if path else str(k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _strings(v, f"{path}[{i}]")
    elif isinstance(node, str):
        yield path, node


def refuse_placeholders(*files: Path) -> None:
    """Raise :class:`DataError` at the first text of ``files`` that is still a placeholder of the sample."""
    for file in files:
        doc = load_yaml(file)
        for key, value in _strings(doc.data):
            if SAMPLE_WORD.search(value):
                word = SAMPLE_WORD.search(value).group(0)
                raise doc.error(key, f"{value!r} still says '{word}': it is sample data",
                                "a production build publishes it; write the real text")
            if ZERO_PHONE.search(value):
                raise doc.error(key, f"{value!r} is the sample's placeholder number", "write the real number")
            host = urlsplit(value).hostname if value.startswith(("http://", "https://")) else None
            if host and EXAMPLE_HOST.search(host):
                raise doc.error(key, f"{value!r} is an example address ({host} cannot be a real site)",
                                "write the office's real address")
