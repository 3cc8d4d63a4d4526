"""Print-shop PDFs: PDF/X-4 with a CMYK output intent, 3 mm bleed, crop and fold marks outside the bleed.

WeasyPrint writes the PDF/X-4 metadata (``pdf_variant="pdf/x-4"``) and an ``OutputIntents`` entry once a CMYK
profile is declared with ``@color-profile device-cmyk``. Two things are set here, in WeasyPrint's ``finisher``
(the PDF objects just before they are written):

* the **BleedBox**: the templates ask for a CSS bleed of :data:`SLUG_MM` so that the page (MediaBox) has room for the
  marks *outside* the 3 mm bleed; WeasyPrint would put the BleedBox up to 10 pt (3.5 mm) out, we put it at 3 mm;
* the **output condition**: ``FOGRA39`` in the ICC registry (a print shop's RIP knows it by that name), rather than
  the profile's description.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

PROFILE = Path(__file__).parent / "icc" / "FOGRA39L-argyll.icc"
CONDITION = "FOGRA39"
CONDITION_INFO = "Coated FOGRA39 (ISO 12647-2:2004, coated paper)"
REGISTRY = "http://www.color.org"
BLEED_MM = 3  # what the coloured areas extend past the trim
SLUG_MM = 12  # room around the trim (MediaBox): bleed, a gap, then the marks
MARK_FROM_MM, MARK_TO_MM = 4, 10  # marks run this far from the trim: they start 1 mm outside the bleed
MM = 72 / 25.4


def color_profile_css() -> str:
    """The ``@color-profile`` rule that makes WeasyPrint write the CMYK output intent."""
    return (f'@color-profile device-cmyk {{ src: url("{PROFILE.as_uri()}"); '
            "components: cyan, magenta, yellow, black; }")


def finisher(document: Any, pdf: Any) -> None:
    """Set each page's BleedBox to the trim + 3 mm and name the output condition (see the module docstring)."""
    import pydyf

    for obj in pdf.objects:
        if isinstance(obj, pydyf.Dictionary) and obj.get("Type") == "/Page" and "TrimBox" in obj:
            left, top, right, bottom = (float(v) for v in obj["TrimBox"])
            b = BLEED_MM * MM
            obj["BleedBox"] = pydyf.Array([left - b, top - b, right + b, bottom + b])
    for intent in pdf.catalog.get("OutputIntents") or []:
        intent["OutputConditionIdentifier"] = pydyf.String(CONDITION)
        intent["OutputCondition"] = pydyf.String(CONDITION_INFO)
        intent["Info"] = pydyf.String(CONDITION_INFO)
        intent["RegistryName"] = pydyf.String(REGISTRY)
