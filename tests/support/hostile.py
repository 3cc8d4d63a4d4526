"""Hostile data for the escaping test: every text field of data/ carries a payload that runs script if unescaped.

The payloads are the classic ways a value breaks out of HTML or Markdown: a ``<script>`` element, event-handler
attributes, a quote that closes an attribute, an entity-encoded ``javascript:`` link written as Markdown (the
plain ``javascript:`` word is refused by the data checks, tested separately), Markdown emphasis and Jinja braces.
Each payload carries its own number, so a dialog names the field it came from.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from itertools import count
from pathlib import Path
from typing import Any

import yaml

from scripts.paths import DATA

# ``{n}`` is replaced by a number unique to the field.
PAYLOADS = (
    "<script>alert({n})</script>",
    "<img src=x onerror=alert({n})>",
    '"><svg onload=alert({n})>',
    "'><iframe srcdoc='<script>parent.alert({n})</script>'></iframe>",
    "[bấm](java&#115;cript:alert({n}))",
    "<a href=java&#115;cript:alert({n})>x{n}</a>",
    "*{n}* _x_ `y` {{{{ 7*7 }}}} {{% if 1 %}}",
)
# texts.yml values are format strings: no braces there (a brace is a placeholder).
TEXT_PAYLOADS = (*PAYLOADS[:-1], "*{n}* _x_ `y` | # ! \\")


class Payloads:
    """Hands out numbered payloads and remembers which field got which (for the "shown literally" check)."""

    def __init__(self) -> None:
        self._n = count(1)
        self.fields: dict[str, str] = {}

    def __call__(self, field: str, original: str, pool: tuple[str, ...] = PAYLOADS, short: bool = False) -> str:
        n = next(self._n)
        payload = pool[n % len(pool)].format(n=n)
        if short:  # drawn in a fixed-width box on share images and leaflets: keep them short enough to fit
            payload = f"<b>{n}</b>"
        value = f"{original} {payload}"
        self.fields[field] = value
        return value


def _walk(node: Any, path: str, visit: Callable[[str, str], Any]) -> Any:
    if isinstance(node, dict):
        return {k: _walk(v, f"{path}.{k}" if path else str(k), visit) for k, v in node.items()}
    if isinstance(node, list):
        return [_walk(v, f"{path}[{i}]", visit) for i, v in enumerate(node)]
    if isinstance(node, str):
        new = visit(path, node)
        return node if new is None else new
    return node


def write_hostile_data(dst: Path) -> Payloads:
    """Copy ``data/`` to ``dst`` with a payload in every field that is text to a reader; return what went where."""
    shutil.copytree(DATA, dst, dirs_exist_ok=True)
    p = Payloads()

    def load(name: str) -> Any:
        return yaml.safe_load((dst / name).read_text(encoding="utf-8"))

    def dump(name: str, data: Any) -> None:
        (dst / name).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")

    # Communes are keys shared by office.yml and campaigns.yml: rename them the same way in both.
    communes: dict[str, str] = {}

    def commune(name: str) -> str:
        if name not in communes:
            communes[name] = p(f"commune:{name}", name)
        return communes[name]

    office = load("office.yml")
    text_keys = {"name", "province", "address", "hours", "vi", "en"}

    def office_field(path: str, value: str) -> str | None:
        last = path.rsplit(".", 1)[-1]
        if path.startswith("office.short_name"):
            return p(path, value, short=True)
        if path.startswith("office.hours"):  # the stall poster's box: the sample's hours leave no room for a payload
            return p(path, "7:30–17:00", short=True)
        if ".communes[" in path or path.endswith(".commune"):
            return commune(value)
        if last in text_keys or last.split("[")[0] in text_keys:
            printed = path.startswith(("office.", "local_offices"))  # on leaflets and posters too
            return p(path, value, short=printed)
        return None

    dump("office.yml", _walk(office, "", office_field))

    campaigns = load("campaigns.yml")

    def campaign_field(path: str, value: str) -> str | None:
        if path.endswith(".commune"):
            return commune(value)
        if path.endswith((".name", ".name.vi", ".name.en")):
            return p(path, value, short=path.startswith("places"))  # place names are stamped on leaflets too
        return None

    dump("campaigns.yml", _walk(campaigns, "", campaign_field))

    national = load("national.yml")

    def national_field(path: str, value: str) -> str | None:
        if path.endswith((".name", ".vi", ".en")) or path == "app.name":
            return p(path, value, short=True)  # the hotline, portal and app names are printed too
        return None

    dump("national.yml", _walk(national, "", national_field))

    policy = load("policy.yml")

    def policy_field(path: str, value: str) -> Any:
        last = path.rsplit(".", 1)[-1]
        if last == "article":  # an article reference is checked as one; other text goes in the {vi, en} form
            return {"vi": p(f"{path}.vi", value), "en": p(f"{path}.en", value)}
        if last in ("vi", "en", "number"):
            return p(path, value)
        return None

    dump("policy.yml", _walk(policy, "", policy_field))

    texts = load("texts.yml")

    # Texts drawn on share images and leaflets are fitted to fixed boxes (a longer one stops the build, by design). The
    # print.* words never reach a web page (only PDFs, whose boxes they must fit): they are left as they are.
    drawn = ("share.", "headline.", "common.", "groups")

    def text_field(path: str, value: str) -> str | None:
        if path.startswith(("print.", "common.unconfirmed", "groups", "headline.")):
            return None  # the lowest-payment line, the unconfirmed label and group names fill narrow printed boxes
        return p(f"texts:{path}", value, TEXT_PAYLOADS, short=path.startswith(drawn))

    dump("texts.yml", _walk(texts, "", text_field))
    return p
