"""Printed material built on other days (``BUILD_DATE``): which figures and which validity each PDF states.

The reference build (01/12/2026, test_print.py) states 165.000 … 264.000 until 31/12/2026 and 242.000 … 387.200 from
01/01/2027. Here, by hand from the law:

* **02/01/2027**: the floor is 2.200.000 (Decree 351/2025, 2027–2030, not yet applied by VSS: unconfirmed), so
  242.000 / 290.400 / 338.800 / 387.200 (reference §10.3), labelled "chưa xác nhận", valid to the end of that
  period, 31/12/2030; no 2026 amount left anywhere; every campaign of the sample is over: no per-place material;
* **30/06/2026**: the reference level is 2.340.000 (Decree 73/2024) until 30/06/2026 and 2.530.000 from 01/07/2026
  (Decree 161/2026): funeral 23.400.000 then 25.300.000 (Art 109(2): 10 ×), ceiling 46.800.000 then 50.600.000
  (Art 31(2): 20 ×), so those figures show their coming value inline; the lowest payments do not change then (no
  second column); validity until 30/06/2026 on the leaflets, 31/12/2026 on the poster (it shows neither); both
  sample campaigns are still ahead: all five places get material.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from scripts.paths import ROOT
from tests.support import pdf

SHARED_VI = ["to-gap-ba-a4-xuong-in.pdf", "to-gap-ba-a4-van-phong.pdf", "to-roi-a5-xuong-in.pdf", "to-roi-a5-van-phong.pdf"]
SHARED_EN = [n.replace(".pdf", "-en.pdf") for n in SHARED_VI]
POSTERS = ["ap-phich-a4.pdf", "ap-phich-a3-xuong-in.pdf"]


def _build(tmp: Path, day: str) -> Path:
    """The printed files as ``BUILD_DATE=day make site`` makes them (the same builder, without the pages)."""
    out = tmp / day
    env = {**os.environ, "BUILD_DATE": day, "PYTHONPATH": str(ROOT)}
    subprocess.run([sys.executable, "-m", "scripts.printing.build", "--out", str(out)], cwd=ROOT, env=env, check=True,
                   capture_output=True, text=True)
    return out / "in-an"


@pytest.fixture(scope="module")
def january(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(tmp_path_factory.mktemp("print"), "2027-01-02")


@pytest.fixture(scope="module")
def june(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(tmp_path_factory.mktemp("print"), "2026-06-30")


@pytest.mark.parametrize("name", SHARED_VI + SHARED_EN + POSTERS)
def test_after_the_change_only_the_new_figures_unconfirmed(january: Path, name: str) -> None:
    en = name.endswith("-en.pdf")
    text = pdf.flat(january / name)
    new = ["242,000", "290,400", "338,800", "387,200"] if en else ["242.000", "290.400", "338.800", "387.200"]
    old = ["165,000", "198,000", "231,000", "264,000"] if en else ["165.000", "198.000", "231.000", "264.000"]
    if name in POSTERS:  # the headline: everyone else, with the poor-household figure
        new, old = [new[3], new[0]], [old[3], old[0]]
    for amount in new:
        assert amount in text, f"{name}: {amount}"
    for amount in old:
        assert amount not in text, f"{name}: the 2026 amount {amount} is still printed"
    if en:
        assert "Valid until 31 December 2030" in text and "Printed on 2 January 2027" in text and "unconfirmed" in text
        assert "From 1 January" not in text
    else:
        assert "Áp dụng đến hết ngày 31/12/2030" in text and "In ngày 02/01/2027" in text and "chưa xác nhận" in text
        assert "Từ 01/01/2027" not in text


def test_after_the_campaigns_no_place_material(january: Path) -> None:
    assert not (january / "diem").exists() or not list((january / "diem").glob("*.pdf"))
    assert not list((january / "qr").glob("cho-*.png")) and not list((january / "qr").glob("bd-*.png"))
    assert (january.parent / "q" / "cho-b2" / "index.html").exists(), "printed codes keep working after the campaign"


@pytest.mark.parametrize("name", [*SHARED_VI, "ap-phich-a4.pdf"])
def test_before_july_2026_coming_figures_inline(june: Path, name: str) -> None:
    text = pdf.flat(june / name)
    # the poster shows only the lowest payments and the 15 years, which hold until 31/12/2026; the leaflets also
    # show the ceiling and the funeral allowance, which change on 01/07/2026
    until = "31/12/2026" if name.startswith("ap-phich") else "30/06/2026"
    assert f"Áp dụng đến hết ngày {until}" in text and "In ngày 30/06/2026" in text
    for amount in ("165.000", "264.000") if name.startswith("ap-phich") else ("165.000", "198.000", "231.000", "264.000"):
        assert amount in text, f"{name}: {amount}"
    assert "242.000" not in text and "Từ 01/01/2027" not in text  # the 2027 change is more than 90 days away
    if "to-gap-ba" in name or "to-roi" in name:
        assert "46.800.000 đồng (từ 01/07/2026: 50.600.000 đồng)" in text  # the ceiling
        assert "23.400.000 đồng (từ 01/07/2026: 25.300.000 đồng)" in text  # the funeral allowance


def test_before_july_2026_every_place_has_material(june: Path) -> None:
    made = {p.name.split("-to-gap-ba")[0].split("-ap-phich")[0] for p in (june / "diem").glob("*.pdf")}
    assert made == {"cho-b", "xa-a", "bd-d", "cho-b2", "xa-c"}
    assert len(list((june / "diem").glob("*.pdf"))) == 5 * 4
