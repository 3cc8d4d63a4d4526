"""No overflow, ever (issue 11 item 2): a long text in print wraps inside its box, or the build stops naming the key
and the length that fits. Long names are made up here; the rest is the sample data on TEST_DATE."""

from __future__ import annotations

import dataclasses
import re
import subprocess
from pathlib import Path

import pytest

from scripts.errors import DataError
from scripts.paths import CAMPAIGNS_FILE
from scripts.printing import render
from scripts.site_data import load_site_data
from scripts.texts import Texts
from tests.support.dates import TEST_DATE

MM = 72 / 25.4
LONG = ("Nhà văn hóa thôn Đồng Tâm, xóm Giữa, cạnh chợ phiên và trạm y tế xã, đối diện Trường tiểu học "
        "số 2, đường liên xã đi Phú Lương, tỉnh Thái Nguyên (cũ).")  # 150 characters


@pytest.fixture(scope="module")
def site():
    return load_site_data(TEST_DATE)


def _with_place(site, **changes):
    """The site with its first current place (bd-d, places[2]) changed."""
    places = list(site.campaigns.places)
    i = next(i for i, p in enumerate(places) if p.code == "bd-d")
    places[i] = dataclasses.replace(places[i], **changes)
    return dataclasses.replace(site, campaigns=dataclasses.replace(site.campaigns, places=tuple(places))), places[i], i


def _fits(message: str) -> int:
    m = re.search(r"shorten it to (?:about )?(\d+) characters", message)
    assert m, message
    return int(m.group(1))


def test_a_150_character_place_name_is_refused_with_the_length_that_fits(site, tmp_path: Path) -> None:
    assert len(LONG) == 150
    bad, place, i = _with_place(site, name=LONG)
    with pytest.raises(DataError) as err:
        render.stamp_places(bad, [place], tmp_path)
    message = str(err.value)
    assert message.startswith(f"{site.campaigns.file}: places[{i}].name: 150 characters do not fit"), message
    n = _fits(message)
    assert 20 < n < 150
    render.check_place_fits(*_with_place(site, name=LONG[:n].rstrip())[:2])  # n characters fit …
    with pytest.raises(DataError):
        render.check_place_fits(*_with_place(site, name=LONG[:n + 1] + "x")[:2])  # … and one more does not


def test_a_long_place_name_that_fits_wraps_inside_its_box(site, tmp_path: Path) -> None:
    name = LONG[:70].rstrip()
    good, place, _ = _with_place(site, name=name)
    out = render.stamp_places(good, [place], tmp_path)
    leaflet = out[place.code]["to-gap-ba"]
    words = subprocess.run(["pdftotext", "-bbox", "-f", "1", "-l", "1", str(leaflet), "-"], capture_output=True, text=True,
                           check=True).stdout
    box = render.geometry(render.PLACE_PRODUCTS[0])["place"]
    found = re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)"[^>]*>([^<]+)<', words)
    shown = [(float(a) / MM, float(b) / MM, w) for a, y, b, w in found
             if w in name.split() and box["y"] <= float(y) / MM <= box["y"] + box["h"]]
    assert {w for _, _, w in shown} >= set(name.split()) - {"—"}
    for x0, x1, w in shown:
        assert box["x"] - 0.5 <= x0 and x1 <= box["x"] + box["w"] + 0.5, f"{w!r} at {x0:.1f}–{x1:.1f} mm"


@pytest.mark.parametrize(("field", "value", "key"), [
    ("hours", {"vi": "Sáng từ 6 giờ 30 đến 10 giờ 30, chiều từ 14 giờ đến 17 giờ, trừ ngày mưa bão và ngày lễ tết", "en": "x"},
     "hours"),
    ("days", tuple(__import__("datetime").date(2026, 12, d) for d in range(1, 11)), "days"),
])
def test_long_hours_or_many_days_are_refused(site, field: str, value, key: str) -> None:
    bad, place, i = _with_place(site, **{field: value})
    with pytest.raises(DataError) as err:
        render.check_place_fits(bad, place)
    assert f"places[{i}].{key}" in str(err.value) and "do not fit" in str(err.value)


def _office(site, **changes):
    return dataclasses.replace(site, office=dataclasses.replace(site.office, **changes))


TRIFOLD = next(p for p in render.shared_products() if p.stem == "to-gap-ba-a4-van-phong")
FLYER = next(p for p in render.shared_products() if p.stem == "to-roi-a5-xuong-in")


def test_a_long_address_wraps_inside_the_contacts(site) -> None:
    address = "Số 8, đường Hoàng Văn Thụ, phường Phan Đình Phùng, tỉnh Thái Nguyên"
    pdf_bytes = render.shared(TRIFOLD, _office(site, address=address))
    words = subprocess.run(["pdftotext", "-bbox", "-f", "1", "-l", "1", "-", "-"], input=pdf_bytes, capture_output=True,
                           check=True).stdout.decode()
    found = re.findall(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"[^>]*>([^<]+)<', words)
    xs = [(float(a) / MM, float(b) / MM) for a, b, w in found if w in ("Hoàng", "Văn", "Thụ,", "Phùng,")]
    left, right = 97 + 8, 197 - 8  # the back panel, inside its margins
    assert len(xs) >= 3
    assert all(x0 >= left - 0.5 and x1 <= right + 0.5 for x0, x1 in xs), xs


@pytest.mark.parametrize(("key", "changes", "product"), [
    ("office.address", {"address": "Địa chỉ rất dài " * 60}, TRIFOLD),
    ("office.short_name.vi", {"short_name": {"vi": "BHXH " + "W" * 60, "en": "x"}}, TRIFOLD),
    ("office.name.vi", {"name": {"vi": "Bảo hiểm xã hội " * 12, "en": "x"}}, FLYER),
])
def test_office_text_that_does_not_fit_is_refused(site, key: str, changes: dict, product) -> None:
    with pytest.raises(DataError) as err:
        render.shared(product, _office(site, **changes))
    message = str(err.value)
    assert message.startswith(f"{site.office.file}: {key}: "), message
    assert product.label in message and ("shorten" in message)


def test_words_that_do_not_fit_are_refused(site) -> None:
    entries = dict(site.texts.entries)
    entries["print.cover_lead"] = {"vi": "Tự đóng hôm nay, có lương hưu khi về già. " * 12, "en": "x"}
    bad = dataclasses.replace(site, texts=Texts(entries, site.texts.file))
    with pytest.raises(DataError) as err:
        render.shared(TRIFOLD, bad)
    message = str(err.value)
    assert message.startswith(f"{site.texts.file}: print: {TRIFOLD.label} (page 1, cover) is "), message
    assert "too full — shorten the texts shown there" in message


def test_the_build_stops_with_one_line(tmp_path: Path) -> None:
    from scripts.build import BuildError
    from tests.support.builds import build_variant

    text = CAMPAIGNS_FILE.read_text(encoding="utf-8").replace('name: "Bưu điện mẫu phường mẫu D"', f'name: "{LONG}"', 1)
    out = tmp_path / "site"
    with pytest.raises(BuildError) as err:
        build_variant(out, env={"BUILD_DATE": TEST_DATE.isoformat()}, data_changes={"campaigns.yml": text})
    message = str(err.value).strip()
    assert "campaigns.yml" in message and "places[2].name: 150 characters do not fit" in message and "shorten it to" in message
    assert "Traceback" not in message and not out.exists()


def test_a_long_domain_name_fits_or_is_refused(site, tmp_path: Path) -> None:
    """The short address breaks only after "." or "/" (a reader types what is printed): a 20-letter hyphenated label
    still fits beside the tri-fold's code; a 27-letter one is refused, naming site_url."""
    ok = _office(site, site_url="https://bhxh-tunguyen-laocai.vn/")
    render.shared(TRIFOLD, ok)
    render.check_place_fits(ok, next(p for p in ok.campaigns.places if p.code == "bd-d"))
    too_long = _office(site, site_url="https://baohiemxahoitunguyen-laocai.vn/")
    with pytest.raises(DataError) as err:
        render.check_place_fits(too_long, next(p for p in too_long.campaigns.places if p.code == "bd-d"))
    assert str(err.value).startswith(f"{site.office.file}: site_url: ") and "shorten it to" in str(err.value)
    with pytest.raises(DataError) as err:
        render.shared(TRIFOLD, too_long)
    assert str(err.value).startswith(f"{site.office.file}: site_url: ")
