"""Search that works for Vietnamese typed without tone marks, with one index per language.

* Material's ``lunr.vi`` does not fold diacritics, so ``luong huu`` would not find "lương hưu". Each
  entry of the index gets a folded copy of its title and text appended (after the original, so result
  previews still show the accented text).
* mkdocs-static-i18n writes one combined index. We split it: the root index holds the Vietnamese pages,
  ``en/search/search_index.json`` the English ones, and English pages point their search at ``en/``,
  so a Vietnamese search is not flooded with English pages (and the other way round).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

from scripts.fmt import fold

FOLDED = "\u2063"  # invisible separator marking an entry that already has its folded copy
CONFIG_RE = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)


@event_priority(-200)  # after mkdocs-static-i18n has written the combined index
def on_post_build(config: MkDocsConfig) -> None:
    site = Path(config.site_dir)
    index_file = site / "search" / "search_index.json"
    if not index_file.exists():
        return
    index = json.loads(index_file.read_text(encoding="utf-8"))
    docs = [_with_folded(d) for d in index["docs"]]
    by_lang = {"vi": [], "en": []}
    for d in docs:
        by_lang["en" if d["location"].startswith("en/") else "vi"].append(d)
    for d in by_lang["en"]:
        d["location"] = d["location"][len("en/"):]
    _write(index_file, {**index, "config": {**index["config"], "lang": ["vi", "en"]}, "docs": by_lang["vi"]})
    _write(site / "en" / "search" / "search_index.json",
           {**index, "config": {**index["config"], "lang": ["en"]}, "docs": by_lang["en"]})


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """On English pages the theme's ``base`` points at ``en/``, where the English index lives."""
    if getattr(page.file, "locale", "vi") != "en":
        return output

    def repoint(match: re.Match[str]) -> str:
        data = json.loads(match.group(2))
        depth = page.url.count("/")  # "en/quyen-loi/" → 2 → "..", i.e. the en/ folder
        data["base"] = "/".join([".."] * (depth - 1)) or "."
        return match.group(1) + json.dumps(data, ensure_ascii=False, separators=(",", ":")) + match.group(3)

    return CONFIG_RE.sub(repoint, output, count=1)


def _with_folded(doc: dict) -> dict:
    text = doc.get("text", "")
    if FOLDED in text:
        return doc
    extra = fold(f"{doc.get('title', '')} {re.sub(r'<[^>]+>', ' ', text)}")
    if extra.strip() == re.sub(r"<[^>]+>", " ", f"{doc.get('title', '')} {text}").strip():
        return {**doc, "text": text + FOLDED}
    return {**doc, "text": f"{text}{FOLDED} {extra}"}


def _write(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
