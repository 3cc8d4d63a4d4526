"""The theme overrides stay listed in one place (overrides/README.md) with the Material version they copy, so an
upgrade of Material for MkDocs (end of life 5 May 2027) cannot silently keep a stale fork."""

from __future__ import annotations

import re
from importlib.metadata import version
from pathlib import Path

import material

from scripts.paths import ROOT

OVERRIDES = ROOT / "overrides"
THEME = Path(material.__file__).parent / "templates"
README = OVERRIDES / "README.md"


def test_every_replaced_theme_template_is_listed() -> None:
    listed = set(re.findall(r"^\| `([^`]+)` \|", README.read_text(encoding="utf-8"), re.M))
    replaced = {p.relative_to(OVERRIDES).as_posix() for p in OVERRIDES.rglob("*.html")
                if (THEME / p.relative_to(OVERRIDES)).exists()}
    assert replaced, "no template of the theme is replaced: is the theme installed?"
    assert replaced - listed == set(), f"overrides/README.md does not list: {sorted(replaced - listed)}"
    assert listed - replaced == set(), f"overrides/README.md lists templates the theme does not have: {sorted(listed - replaced)}"


def test_the_forks_copy_the_installed_material() -> None:
    said = re.search(r"Material for MkDocs (\d+\.\d+\.\d+)", README.read_text(encoding="utf-8")).group(1)
    installed = version("mkdocs-material")
    assert said == installed, (
        f"Material for MkDocs {installed} is installed, overrides/README.md says the overrides copy {said}: compare "
        "each fork listed there with the new theme's file, carry the site's changes over, then update the version")
    for fork in ("partials/search.html", "partials/language.html"):
        assert f"Material {said}'s {fork}" in (OVERRIDES / fork).read_text(encoding="utf-8"), fork
