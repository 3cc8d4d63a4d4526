"""Staff in data (``data/staff.yml``): validation with messages an office can act on, and their short links.

Expected values are written here by hand from the sample data and the rules of ``scripts/staff.py``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest
import yaml

from scripts.errors import DataError
from scripts.site_data import load_site_data
from scripts.staff import ALWAYS_ON, campaign_on, load_staff

GOOD = {"sample": False, "staff": [{"code": "cb01", "name": "Nguyễn Thị A"},
                                   {"code": "dl-xa-b", "name": "Trần Văn B", "unit": "Tổ chức dịch vụ thu"}]}


def _load(tmp_path: Path, data: object, places: set[str] | None = None):
    path = tmp_path / "staff.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return load_staff(path, places or {"cho-b", "bd-d"})


def test_good_file(tmp_path: Path) -> None:
    staff = _load(tmp_path, GOOD)
    assert [m.code for m in staff.members] == ["cb01", "dl-xa-b"] and not staff.sample
    assert staff.members[1].unit == "Tổ chức dịch vụ thu"
    m = staff.members[0]
    assert m.short_url("https://x.vn/") == "https://x.vn/q/cb01/"
    assert m.full_url("https://x.vn/", "cao-diem-12-2026") == (
        "https://x.vn/tinh-muc-dong/?utm_source=staff&utm_medium=share&utm_campaign=cao-diem-12-2026&utm_content=cb01")


def test_no_file_means_no_staff(tmp_path: Path) -> None:
    staff = load_staff(tmp_path / "missing.yml", set())
    assert staff.members == () and not staff.sample


@pytest.mark.parametrize(("change", "key", "words"), [
    ({"staff": [{"code": "cb01", "name": "A"}, {"code": "cb01", "name": "B"}]}, "staff[1].code", "already used by staff[0]"),
    ({"staff": [{"code": "cho-b", "name": "A"}]}, "staff[0].code", "code of a place"),
    ({"staff": [{"code": "Cán bộ 1", "name": "A"}]}, "staff[0].code", "not a short code"),
    ({"staff": [{"code": "_", "name": "A"}]}, "staff[0].code", "not a short code"),
    ({"staff": [{"code": "cb01"}]}, "staff[0].name", "missing or empty"),
    ({"staff": [{"code": "cb01", "name": "A", "phone": "0912"}]}, "staff[0].phone", "unknown key"),
    ({"sample": "có"}, "sample", "true or false"),
])
def test_mistakes_name_the_key(tmp_path: Path, change: dict, key: str, words: str) -> None:
    with pytest.raises(DataError) as err:
        _load(tmp_path, {**GOOD, **change})
    message = str(err.value)
    assert "staff.yml" in message and key in message and words in message, message
    assert err.value.line, f"no line number: {message}"


def test_production_refuses_sample_staff() -> None:
    from scripts.site_data import _refuse_sample

    site = load_site_data(dt.date(2026, 12, 1))
    real = replace(site, office=replace(site.office, sample=False), campaigns=replace(site.campaigns, sample=False))
    with pytest.raises(DataError, match=r"staff\.yml"):
        _refuse_sample(real)


def test_staff_links_carry_the_running_campaign() -> None:
    site = load_site_data(dt.date(2026, 12, 1))
    # the sample's December drive runs 01/12–10/12/2026; nothing runs on 20/12/2026
    assert campaign_on(site.campaigns, dt.date(2026, 12, 5)) == "cao-diem-12-2026"
    assert campaign_on(site.campaigns, dt.date(2026, 12, 20)) == ALWAYS_ON
