"""Read a YAML file once, keeping the line of every key so that errors can point at it.

Besides YAML syntax, reading refuses what PyYAML would otherwise accept silently or with a traceback, each as one
line naming the file, line and key:

* a key written twice in one mapping (PyYAML keeps the last one: a pasted second ``value:`` replaced a figure);
* a date that is not in the calendar (``2026-02-30``, unquoted);
* a ``javascript:``, ``vbscript:`` or ``data:`` address anywhere, in any text (it would run code in a browser).

Text saved with decomposed Vietnamese letters (NFD: Unikey's "Unicode tổ hợp", some Mac editors) is read as
precomposed (NFC) with a printed note, not refused: it means the same words, the editor's setting is hard for an
office to find, and NFC is what the pages, search, fonts and print need. The checks on values (:class:`YamlDoc`)
refuse a number or a date where text is expected ("write it in quotes"), characters the print font lacks, and
addresses that are not plain ``https://`` URLs.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

import yaml

from scripts.errors import DataError

# A host name (letters, digits, '-', at least one dot), an optional port.
_HOST = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+(?::[0-9]{1,5})?"
# https://, a host, then a path, query and fragment without quotes, angle brackets, spaces, backslashes or backticks
# (any of which could end an HTML attribute or a Markdown link early).
URL = re.compile(rf"^https://{_HOST}(?:[/?#][^\s\"'<>\\`]*)?$")
# site_url: the site's root folder only (no query or fragment), ending with '/'.
SITE_URL = re.compile(rf"^https://{_HOST}/(?:[A-Za-z0-9._~%-]+/)*$")
# Addresses that run code or carry a document in a browser, wherever they are written.
CODE_URL = re.compile(r"(?<![A-Za-z0-9])(?:(?:java|vb)script\s*:|data\s*:\s*[a-z]+/[a-z0-9.+-]+\s*[;,])", re.I)
URL_FIX = "write the full https:// address without spaces, quotes, < > or \\, for example https://bhxh.example.vn/"


@dataclass
class YamlDoc:
    """The parsed data plus a map from a dotted key path (``a.b[2].c``) to its 1-based line.

    ``raw`` keeps each scalar as it was typed (``02043567123``), so a message can quote it rather than the number
    YAML made of it.
    """

    path: str
    data: Any
    lines: dict[str, int]
    raw: dict[str, str] = field(default_factory=dict)

    def line(self, key: str) -> int | None:
        """The line of ``key``, or of its nearest parent that has one."""
        while key:
            if key in self.lines:
                return self.lines[key]
            cut = max(key.rfind("."), key.rfind("["))
            key = key[:cut] if cut > 0 else ""
        return None

    def error(self, key: str, problem: str, fix: str = "") -> DataError:
        return DataError(self.path, key, problem, fix, self.line(key))

    # Checks shared by every loader: each returns the value or raises an error that names the key and line.

    def mapping(self, key: str, value: Any) -> dict:
        if not isinstance(value, dict):
            raise self.error(key, "missing or not a mapping", "write 'key: value' lines indented under it")
        return value

    def entries(self, key: str, parent: dict) -> list:
        """``parent[key]`` as a non-empty list."""
        value = parent.get(key)
        if not isinstance(value, list) or not value:
            raise self.error(key, "needs at least one entry")
        return value

    def no_unknown(self, where: str, value: dict, allowed: set[str]) -> None:
        """A key that is not allowed here is a typo: name it and list the allowed ones."""
        for key in value:
            if key not in allowed:
                path = f"{where}.{key}" if where else str(key)
                raise self.error(path, "unknown key", f"check the spelling; allowed here: {', '.join(sorted(allowed))}")

    def string(self, key: str, value: Any) -> Any:
        """``value`` unchanged, unless YAML read a number, a date or true/false where text was meant."""
        if isinstance(value, (bool, int, float, dt.date)):
            typed = self.raw.get(key, str(value))
            kind = "true/false" if isinstance(value, bool) else "a date" if isinstance(value, dt.date) else "a number"
            shown = f" ({value})" if isinstance(value, int) and not isinstance(value, bool) and str(value) != typed else ""
            raise self.error(key, f"{typed} was read as {kind}{shown}, not as text", f'write it in quotes: "{typed}"')
        return value

    def text(self, key: str, value: Any) -> str:
        """Text for readers: not empty, and printable in the leaflets' font."""
        value = self.string(key, value)
        if not isinstance(value, str) or not value.strip():
            raise self.error(key, "is missing or empty", "write the text in quotes")
        missing = unprintable(value)
        if missing:
            listed = ", ".join(f"'{c}' (U+{ord(c):04X})" for c in missing)
            raise self.error(key, f"has characters the print font (Be Vietnam Pro) cannot show: {listed}",
                             "replace or remove them: emoji, symbols and other scripts cannot be printed on the leaflets")
        return value.strip()

    def optional_text(self, key: str, value: Any) -> str:
        """Like :meth:`text`, but a missing value is ``""``."""
        return "" if value is None or value == "" else self.text(key, value)

    def url(self, key: str, value: Any) -> str:
        """A plain ``https://`` address: a host, and nothing that could end an attribute or a Markdown link."""
        value = self.string(key, value)
        if not isinstance(value, str) or not URL.match(value.strip()):
            raise self.error(key, f"{value!r} is not an https:// address", URL_FIX)
        return value.strip()

    def site_url(self, key: str, value: Any) -> str:
        """The address of the site's home page: ``https://host/`` or ``https://host/folder/``."""
        value = self.string(key, value)
        if not isinstance(value, str) or not SITE_URL.match(value):
            raise self.error(key, f"{value!r} is not a site address",
                             "write the full https:// address of the home page ending with '/', without spaces, "
                             "quotes or a '?', for example https://bhxh.example.vn/")
        return value

    def text_pair(self, key: str, value: Any) -> dict[str, str]:
        """``{vi: "…", en: "…"}``, both present and not empty."""
        if not isinstance(value, dict) or set(value) != {"vi", "en"}:
            raise self.error(key, "needs a Vietnamese and an English text (a translation is missing)",
                             'write it as {vi: "…", en: "…"}')
        return {"vi": self.text(f"{key}.vi", value["vi"]), "en": self.text(f"{key}.en", value["en"])}

    def phone(self, key: str, value: Any) -> str:
        """A phone number written as text: digits, spaces and dots, an optional leading +."""
        if isinstance(value, int) and not isinstance(value, bool):
            typed = self.raw.get(key, str(value))
            shown = f" {value}" if typed != str(value) else ""
            raise self.error(key, f"{typed} was read as the number{shown}, not as text", QUOTED_PHONE)
        if not isinstance(value, str) or not PHONE.match(value.strip()):
            raise self.error(key, f"{value!r} is not a phone number", QUOTED_PHONE)
        return value.strip()

    def date(self, key: str, value: Any) -> dt.date:
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                pass
        raise self.error(key, f"{value!r} is not a date", "write dates as YYYY-MM-DD, for example 2026-07-01")


PHONE = re.compile(r"^\+?[0-9][0-9 .]{6,18}[0-9]$")
QUOTED_PHONE = 'write it in quotes with digits and spaces, for example "0208 3855 123"'
T = TypeVar("T")


def cached(parse: Callable[[YamlDoc], T]) -> Callable[..., T]:
    """``load(path)`` for a parser: each file version (path and modification time) is read and validated once."""

    @lru_cache(maxsize=8)
    def _load(path: str, _mtime: int) -> T:
        return parse(load_yaml(path))

    def load(path: Path | str) -> T:
        path = Path(path)
        return _load(str(path.resolve()), path.stat().st_mtime_ns if path.exists() else 0)

    load.__doc__ = f"Load and validate a file with ``{parse.__name__}``; cached per file version."
    return load


class _Loader(yaml.SafeLoader):
    """PyYAML's safe loader (no Python objects); the checks run on the composed nodes before construction."""


def _walk(node: yaml.Node, prefix: str, doc: YamlDoc, loader: _Loader, top: int = 0) -> None:
    """Record the line and the typed text of every key; refuse duplicates, impossible dates and code addresses."""
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            name = str(key_node.value)
            key = f"{prefix}.{name}" if prefix else name
            line = key_node.start_mark.line + 1 + top
            if name in seen and key_node.tag != "tag:yaml.org,2002:merge":
                raise DataError(doc.path, key, f"is written twice, on lines {seen[name]} and {line}",
                                "keep one of the two and delete the other (the second would silently replace the first)", line)
            seen[name] = line
            doc.lines[key] = line
            _walk(value_node, key, doc, loader, top)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            key = f"{prefix}[{i}]"
            doc.lines[key] = item.start_mark.line + 1 + top
            _walk(item, key, doc, loader, top)
    elif isinstance(node, yaml.ScalarNode):
        line = node.start_mark.line + 1 + top
        doc.raw[prefix] = node.value
        if node.tag == "tag:yaml.org,2002:timestamp":
            try:
                loader.construct_yaml_timestamp(node)
            except ValueError as exc:
                raise DataError(doc.path, prefix, f"{node.value} is not a date of the calendar ({exc})",
                                "check the day and the month (YYYY-MM-DD), for example 2026-02-28", line) from None
        elif node.tag == "tag:yaml.org,2002:str" and CODE_URL.search(node.value):
            found = CODE_URL.search(node.value).group(0).split(":")[0].strip().lower()
            raise DataError(doc.path, prefix, f"contains a '{found}:' address, which would run code in a reader's browser",
                            "remove it: links in the data are https:// addresses", line)


def _nfc(text: str, name: str) -> str:
    """``text`` in NFC; when it was not, print one note naming the first line that changed."""
    nfc = unicodedata.normalize("NFC", text)
    if nfc != text:
        changed = [i for i, (a, b) in enumerate(zip(text.splitlines(), nfc.splitlines(), strict=True), 1) if a != b]
        print(f"Note: {name}:{changed[0]}: {len(changed)} line(s) use decomposed Vietnamese letters (NFD); "
              "they were read as precomposed (NFC) — save the file with 'Unicode dựng sẵn' (Unikey) to remove this note",
              file=sys.stderr)
    return nfc


def load_yaml(path: Path | str, display: str | None = None) -> YamlDoc:
    """Parse ``path``; a syntax error becomes a :class:`DataError` with the line and a hint."""
    path = Path(path)
    name = display or _display(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataError(name, "", "file not found", "create it (see README, 'Editing the data')") from None
    except UnicodeDecodeError:
        raise DataError(name, "", "the file is not UTF-8", "save it as UTF-8 in your editor") from None
    return parse_yaml(text, name)


def parse_yaml(text: str, name: str, first_line: int = 1) -> YamlDoc:
    """Parse YAML ``text`` (a data file, or a page's front matter from ``first_line``) with the checks of :func:`load_yaml`."""
    doc = YamlDoc(name, None, {})
    top = first_line - 1
    loader = _Loader(_nfc(text, name))
    try:
        node = loader.get_single_node()
        if node is not None:
            _walk(node, "", doc, loader, top)
            doc.data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        line = mark.line + 1 + top if mark else None
        raise DataError(
            name, "", f"this is not valid YAML ({exc.problem})",
            "check the indentation (spaces, not tabs) and that every ':' has a space after it; "
            "put text that contains ':' or '#' in quotes",
            line,
        ) from None
    finally:
        loader.dispose()
    return doc


@lru_cache(maxsize=1)
def _print_cmap() -> frozenset[int]:
    """Code points of Be Vietnam Pro, the font of the leaflets and share images (all its weights cover the same)."""
    from fontTools.ttLib import TTFont

    from scripts.printing.fonts import font_path

    return frozenset(TTFont(str(font_path(400)), lazy=True).getBestCmap())


def unprintable(text: str) -> list[str]:
    """The characters of ``text`` (in order, each once) that the print font has no glyph for."""
    cmap = _print_cmap()
    out: list[str] = []
    for c in text:
        if ord(c) not in cmap and c not in "\n\t\r" and c not in out:
            out.append(c)
    return out


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)
