"""The text catalogue (``data/texts.yml``): every interface and print string of the site, in both languages.

Pages keep their prose in ``docs/``; everything the code writes around it (table headings, labels, notices, the
calculator's sentences, the leaflets' words, share-image lines) comes from here, looked up by a dotted key
(``calc.sentence``). ``{name}`` marks a value the code fills in; both languages must use the same names, so a
translation can never lose or invent one. Text is plain: values are escaped where they are shown.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scripts.errors import DataError
from scripts.paths import TEXTS_FILE
from scripts.yamlfile import YamlDoc, cached

LANGS = ("vi", "en")
KEY = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True, eq=False)
class Texts:
    """``{dotted key: {"vi": …, "en": …}}``, validated."""

    entries: dict[str, dict[str, str]]
    file: str = "data/texts.yml"

    def get(self, key: str, lang: str, **values: Any) -> str:
        """The text of ``key`` in ``lang``, with ``{name}`` placeholders filled from ``values``."""
        try:
            text = self.entries[key][lang]
        except KeyError:
            raise DataError(self.file, key, "no such text", f"add '{key}' with vi and en to {self.file}") from None
        if not values:
            return text
        try:
            return text.format_map(values)
        except KeyError as exc:
            raise DataError(self.file, key, f"the code gives no value for {{{exc.args[0]}}}",
                            f"use only {', '.join('{' + v + '}' for v in values)}") from None

    def section(self, prefix: str, lang: str) -> dict[str, str]:
        """Every text under ``prefix.`` in ``lang``, keyed by the rest of its key (the browser gets these)."""
        start = prefix + "."
        found = {k[len(start):]: v[lang] for k, v in self.entries.items() if k.startswith(start)}
        if not found:
            raise DataError(self.file, prefix, "no texts under this key", f"add '{prefix}:' with its texts to {self.file}")
        return found

    def pair(self, key: str) -> dict[str, str]:
        return dict(self.entries[key]) if key in self.entries else {lang: self.get(key, lang) for lang in LANGS}


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def parse_texts(doc: YamlDoc) -> Texts:
    if not isinstance(doc.data, dict) or not doc.data:
        raise doc.error("", "the file must be a mapping of sections (see the comments at its top)")
    entries: dict[str, dict[str, str]] = {}

    def walk(prefix: str, node: Any) -> None:
        if isinstance(node, dict) and set(node) == set(LANGS):
            pair = doc.text_pair(prefix, node)
            for lang in LANGS:  # decomposed letters (NFD) were made NFC when the file was read (scripts/yamlfile.py)
                try:
                    names = _placeholders(pair[lang])
                except ValueError as exc:
                    raise doc.error(f"{prefix}.{lang}", f"has a broken {{…}} placeholder ({exc})",
                                    "write {name} with a closing brace; write {{ or }} for a brace itself") from None
                if lang == "en" and names != _placeholders(pair["vi"]):
                    raise doc.error(prefix, f"the two languages use different placeholders: vi {sorted(_placeholders(pair['vi']))}, "
                                    f"en {sorted(names)}", "use the same {names} in both")
            entries[prefix] = pair
            return
        if not isinstance(node, dict) or not node:
            raise doc.error(prefix, "must be {vi: \"…\", en: \"…\"} or a group of such texts")
        for key, child in node.items():
            if not isinstance(key, str) or not KEY.match(key):
                raise doc.error(f"{prefix}.{key}" if prefix else str(key), "is not a text key",
                                "use lowercase letters, digits and _ (for example income_hint)")
            walk(f"{prefix}.{key}" if prefix else key, child)

    walk("", doc.data)
    return Texts(entries, doc.path)


_load = cached(parse_texts)


def load_texts(path: Path | str = TEXTS_FILE) -> Texts:
    """``data/texts.yml``, validated (once per file version)."""
    return _load(path)
