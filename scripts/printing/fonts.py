"""The one print font: Be Vietnam Pro from the pinned PyPI package ``fontpkg-be-vietnam-pro`` (SIL OFL 1.1).

Full Vietnamese coverage, read from the installed package so nothing is fetched while rendering.
"""

from __future__ import annotations

from pathlib import Path

import fontpkg_be_vietnam_pro

FAMILY = "Be Vietnam Pro"
FONT_DIR = Path(fontpkg_be_vietnam_pro.ROOT) / "files"
LICENSE = Path(fontpkg_be_vietnam_pro.ROOT) / "LICENSE"

_NAMES = {
    100: "Thin",
    200: "ExtraLight",
    300: "Light",
    400: "Regular",
    500: "Medium",
    600: "SemiBold",
    700: "Bold",
    800: "ExtraBold",
    900: "Black",
}


def font_path(weight: int | str = 400, italic: bool = False) -> Path:
    """Path of the TTF for a CSS weight (100–900, or a name such as ``"bold"``); raises ``ValueError`` if unknown."""
    if isinstance(weight, str):
        named = {"regular": 400, "normal": 400, "medium": 500, "semibold": 600, "bold": 700, "black": 900}
        if weight.lower() not in named:
            raise ValueError(f"unknown font weight {weight!r}; use 100–900 or one of {sorted(named)}")
        weight = named[weight.lower()]
    if weight not in _NAMES:
        raise ValueError(f"unknown font weight {weight!r}; use one of {sorted(_NAMES)}")
    name = _NAMES[weight]
    if italic:
        name = "Italic" if name == "Regular" else name + "Italic"
    path = FONT_DIR / f"BeVietnamPro-{name}.ttf"
    if not path.is_file():
        raise FileNotFoundError(f"{path} missing: reinstall fontpkg-be-vietnam-pro (pinned in requirements.txt)")
    return path


def font_face_css(weights: tuple[int, ...] = (400, 600, 700, 800)) -> str:
    """``@font-face`` rules with ``file://`` URLs for WeasyPrint (no network)."""
    rules = []
    for w in weights:
        rules.append(
            f'@font-face {{ font-family: "{FAMILY}"; font-weight: {w}; font-style: normal; '
            f'src: url("{font_path(w).as_uri()}") format("truetype"); }}'
        )
    return "\n".join(rules)
