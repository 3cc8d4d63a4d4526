"""The print colours, named once: sRGB for office printers and screens, CMYK for the print shop.

The print-shop PDFs (PDF/X-4, output intent FOGRA39) use only the CMYK values, written as ``device-cmyk()``, so
the press prints exactly these inks: body text in 100 % K, the brand blue and the accent yellow as given here.
The office-printer PDFs use the sRGB values. ``tests/test_print_shop.py`` checks that each pair looks alike
through the shipped profile.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Colour:
    rgb: str  # "#rrggbb"
    cmyk: tuple[float, float, float, float]  # 0–1 each

    def css(self, shop: bool) -> str:
        if not shop:
            return self.rgb
        return "device-cmyk({})".format(" ".join(f"{v:g}" for v in self.cmyk))


COLOURS: dict[str, Colour] = {
    "text": Colour("#000000", (0, 0, 0, 1)),  # 100 % K: no registration problems on small type
    "brand": Colour("#0b3d6e", (0.9, 0.45, 0, 0.57)),  # the site's dark blue
    "accent": Colour("#ffd54a", (0, 0.14, 0.75, 0)),  # the yellow of the cover amount
    "rule": Colour("#9bb3c9", (0.32, 0.14, 0, 0.2)),  # table rules, fold guides
    "tint": Colour("#e9eff5", (0.04, 0.02, 0, 0.05)),  # the background of the worked example
    "warn": Colour("#8a1c00", (0, 0.95, 1, 0.5)),  # "chưa xác nhận"
    "sample": Colour("#b00020", (0, 1, 0.82, 0.31)),  # the sample-data badge
    "paper": Colour("#ffffff", (0, 0, 0, 0)),
}


def palette(shop: bool) -> dict[str, str]:
    """CSS colour values for the templates: ``{{ c.brand }}``."""
    return {name: colour.css(shop) for name, colour in COLOURS.items()}
