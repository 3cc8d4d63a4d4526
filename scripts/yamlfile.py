"""Read a YAML file once, keeping the line of every key so that errors can point at it."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

import yaml

from scripts.errors import DataError


@dataclass
class YamlDoc:
    """The parsed data plus a map from a dotted key path (``a.b[2].c``) to its 1-based line."""

    path: str
    data: Any
    lines: dict[str, int]

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

    def text(self, key: str, value: Any) -> str:
        if not isinstance(value, str) or not value.strip():
            raise self.error(key, "is missing or empty", "write the text in quotes")
        return value.strip()

    def text_pair(self, key: str, value: Any) -> dict[str, str]:
        """``{vi: "…", en: "…"}``, both present and not empty."""
        if not isinstance(value, dict) or set(value) != {"vi", "en"}:
            raise self.error(key, "needs a Vietnamese and an English text (a translation is missing)",
                             'write it as {vi: "…", en: "…"}')
        return {"vi": self.text(f"{key}.vi", value["vi"]), "en": self.text(f"{key}.en", value["en"])}

    def phone(self, key: str, value: Any) -> str:
        """A phone number written as text: digits, spaces and dots, an optional leading +."""
        if isinstance(value, int) and not isinstance(value, bool):
            raise self.error(key, f"was read as the number {value}, not as text", QUOTED_PHONE)
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


def _walk(node: yaml.Node, prefix: str, lines: dict[str, int]) -> None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = f"{prefix}.{key_node.value}" if prefix else str(key_node.value)
            lines[key] = key_node.start_mark.line + 1
            _walk(value_node, key, lines)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            key = f"{prefix}[{i}]"
            lines[key] = item.start_mark.line + 1
            _walk(item, key, lines)


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
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        line = mark.line + 1 if mark else None
        raise DataError(
            name, "", f"this is not valid YAML ({exc.problem})",
            "check the indentation (spaces, not tabs) and that every ':' has a space after it; "
            "put text that contains ':' or '#' in quotes",
            line,
        ) from None
    lines: dict[str, int] = {}
    if node is not None:
        _walk(node, "", lines)
    return YamlDoc(name, data, lines)


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)
