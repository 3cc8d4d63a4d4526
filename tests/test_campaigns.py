"""data/campaigns.yml: the sample loads; every kind of mistake stops with file, entry and fix; the schedule order."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml

from scripts.campaigns import load_campaigns, site_pages
from scripts.errors import DataError
from scripts.office import load_office
from scripts.paths import CAMPAIGNS_FILE

SAMPLE = CAMPAIGNS_FILE.read_text(encoding="utf-8")


def _load(tmp_path: Path, text: str):
    path = tmp_path / "campaigns.yml"
    path.write_text(text, encoding="utf-8")
    return load_campaigns(path, office=load_office(), pages=site_pages())


def _edit(change) -> str:
    data = yaml.safe_load(SAMPLE)
    change(data)
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def test_sample_loads_and_urls_are_tagged(tmp_path: Path) -> None:
    c = _load(tmp_path, SAMPLE)
    raw = yaml.safe_load(SAMPLE)
    assert [p.code for p in c.places] == [p["code"] for p in raw["places"]]
    site = load_office().site_url
    for p, r in zip(c.places, raw["places"], strict=True):
        assert p.short_url(site) == f"{site}q/{r['code']}/"
        target = r.get("target", "tinh-muc-dong/")
        assert p.full_url(site) == (f"{site}{target}?utm_source=leaflet&utm_medium=print"
                                    f"&utm_campaign={r['campaign']}&utm_content={r['code']}")


def _set(path: str, value: object):
    def change(d: dict) -> None:
        node: object = d
        *parents, last = re.findall(r"[^.\[\]]+", path)
        for k in parents:
            node = node[int(k)] if k.isdigit() else node[k]
        if value is ...:
            del node[last]
        else:
            node[int(last) if last.isdigit() else last] = value
    return change


BAD = [
    # (what, change, entry the message must name, words of the fix)
    ("place without a name", _set("places.0.name", ...), "places[0].name", "write where staff will be"),
    ("place with an empty name", _set("places.1.name", "  "), "places[1].name", "write where staff will be"),
    ("duplicate short code", _set("places.2.code", "cho-b"), "places[2].code", "already used by places[0]"),
    ("unknown campaign", _set("places.0.campaign", "khong-co"), "places[0].campaign", "use one of the campaign ids"),
    ("campaign dates in the wrong order", _set("campaigns.1.end", dt.date(2026, 11, 30)), "campaigns[1].end", "swap the dates"),
    ("place days out of order", _set("places.0.days", [dt.date(2026, 10, 11), dt.date(2026, 10, 4)]), "places[0].days[1]",
     "list the days in order"),
    ("day outside its campaign", _set("places.0.days", [dt.date(2027, 1, 5)]), "places[0].days[0]", "outside campaign"),
    ("QR target outside the site", _set("places.0.target", "https://evil.example.com/tinh-muc-dong/"), "places[0].target",
     "QR codes may only open pages of this site"),
    ("QR target that is not a page", _set("places.0.target", "khong-co-trang/"), "places[0].target", "use one of"),
    ("code too long for a small QR", _set("places.0.code", "mot-ma-rat-rat-dai-qua"), "places[0].code", "keep it short"),
    ("commune not in office.yml", _set("places.0.commune", "Xã không có"), "places[0].commune", "office.yml"),
    ("empty hours", _set("places.0.hours", " "), "places[0].hours", "write when staff are there"),
    ("hours as a number", _set("places.0.hours", 7), "places[0].hours", "write it in quotes"),
    ("hours without English", _set("places.0.hours", {"vi": "Sáng 7:00–11:00"}), "places[0].hours", "a translation is missing"),
]


@pytest.mark.parametrize(("what", "change", "entry", "fix"), BAD, ids=[b[0] for b in BAD])
def test_bad_input_names_file_entry_and_fix(tmp_path: Path, what: str, change, entry: str, fix: str) -> None:
    with pytest.raises(DataError) as err:
        _load(tmp_path, _edit(change))
    message = str(err.value)
    assert "campaigns.yml" in message, message
    assert entry in message, message
    assert fix in message, message
    assert re.search(r"campaigns\.yml:\d+", message), f"no line number: {message}"


def test_hours_are_optional_and_read_in_both_languages(tmp_path: Path) -> None:
    c = _load(tmp_path, _edit(_set("places.0.hours", "7:00–11:00")))
    assert c.places[0].hours == {"vi": "7:00–11:00", "en": "7:00–11:00"}
    c = _load(tmp_path, _edit(_set("places.0.hours", {"vi": "Sáng 7:00–11:00", "en": "7:00–11:00 a.m."})))
    assert c.places[0].hours == {"vi": "Sáng 7:00–11:00", "en": "7:00–11:00 a.m."}
    sample = _load(tmp_path, SAMPLE)
    assert sample.places[0].hours is None and sample.places[3].hours == {"vi": "Sáng 6:30–10:30", "en": "6:30–10:30 a.m."}


def test_only_campaigns_not_over_get_print_current_first(tmp_path: Path) -> None:
    """The sample: October month (01/10–31/10/2026: cho-b, xa-a), December drive (01/12–10/12/2026: bd-d, cho-b2, xa-c)."""
    c = _load(tmp_path, SAMPLE)
    assert [p.code for p in c.printable(dt.date(2026, 9, 30))] == ["cho-b", "xa-a", "bd-d", "cho-b2", "xa-c"]
    assert [p.code for p in c.printable(dt.date(2026, 12, 1))] == ["bd-d", "cho-b2", "xa-c"]  # October is over
    assert [p.code for p in c.printable(dt.date(2026, 12, 11))] == []
    # a current campaign comes before a coming one, even when the coming one is listed first in the file
    swapped = _edit(lambda d: d["campaigns"].reverse())
    both = _load(tmp_path, swapped).printable(dt.date(2026, 10, 15))
    assert [p.campaign.id for p in both] == ["thang-van-dong-2026"] * 2 + ["cao-diem-12-2026"] * 3


def _schedule(lang: str, on: dt.date) -> str:
    """The schedule macro as a page renders it (the hook module, imported like MkDocs does)."""
    import jinja2

    from overrides.hooks.page_macros import Macros, page_env
    from scripts.paths import ROOT
    from scripts.site_data import load_site_data

    env = page_env(jinja2.Environment(loader=jinja2.FileSystemLoader(str(ROOT / "overrides"))))
    return str(Macros(load_site_data(on), env, lang, None).schedule())


def test_schedule_upcoming_first_past_below() -> None:
    c = load_campaigns()
    names = {x.id: x.name["vi"] for x in c.campaigns}
    text = _schedule("vi", dt.date(2026, 11, 25))
    # on 25/11/2026 the October month is over and the December drive is ahead
    assert text.index(names["cao-diem-12-2026"]) < text.index("Các đợt đã qua") < text.index(names["thang-van-dong-2026"])
    assert "Sắp diễn ra" in text and "Đã qua" in text
    during = _schedule("vi", dt.date(2026, 10, 15))
    assert "Đang diễn ra" in during
    assert during.index(names["thang-van-dong-2026"]) < during.index(names["cao-diem-12-2026"])
    assert "Các đợt đã qua" not in during
    later = _schedule("en", dt.date(2027, 3, 1))
    assert later.startswith("## Now and coming up\n\nNo campaign is planned")
    assert later.index(c.campaigns[1].name["en"]) < later.index(c.campaigns[0].name["en"])  # latest past first


def test_schedule_page_in_built_site(site_dir: Path) -> None:
    """On 01/12/2026 (TEST_DATE) the October month is over: its places are listed, with no print links."""
    html = (site_dir / "lich-tuyen-truyen" / "index.html").read_text(encoding="utf-8")
    past = {"cho-b", "xa-a"}
    for p in yaml.safe_load(SAMPLE)["places"]:
        assert (f'href="../in-an/qr/{p["code"]}.png"' in html) == (p["code"] not in past), p["code"]
        assert (f'href="../in-an/diem/{p["code"]}-ap-phich.pdf"' in html) == (p["code"] not in past), p["code"]
        assert p["name"] in html
    assert "Các đợt đã qua" in html and "Đang diễn ra" in html  # on 01/12/2026: October past, December under way
    assert "(Sáng 6:30–10:30)" in html and "(7:30–11:00)" in html  # the hours of data/campaigns.yml
    en = (site_dir / "en" / "lich-tuyen-truyen" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../in-an/qr/bd-d.png"' in en and "in-an/qr/cho-b.png" not in en
    assert "(6:30–10:30 a.m.)" in en
