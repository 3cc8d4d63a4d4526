"""Mistakes an office clerk makes in data/ (issue 11, item 4), each caught with the file, the line, the key and the fix.

Every case edits the text of a copy of the shipped data file the way a person would (a pasted line, a missing
quote, a date typed by hand) and checks the message. The line expected is the line the test wrote the mistake on.
The end-to-end cases (the real build: no traceback, site/ unchanged) are in tests/test_build.py.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest

from scripts.campaigns import load_campaigns, site_pages
from scripts.errors import DataError
from scripts.national import load_national
from scripts.office import load_office
from scripts.paths import CAMPAIGNS_FILE, NATIONAL_FILE, OFFICE_FILE, POLICY_FILE, TEXTS_FILE
from scripts.policy import load_policy
from scripts.texts import load_texts

SOURCES = {"policy.yml": POLICY_FILE, "office.yml": OFFICE_FILE, "campaigns.yml": CAMPAIGNS_FILE,
           "national.yml": NATIONAL_FILE, "texts.yml": TEXTS_FILE}


def _loader(name: str) -> Callable[[Path], object]:
    return {
        "policy.yml": load_policy,
        "office.yml": load_office,
        "national.yml": load_national,
        "texts.yml": load_texts,
        "campaigns.yml": lambda p: load_campaigns(p, office=load_office(), pages=site_pages()),
    }[name]


def _line_of(text: str, needle: str) -> int:
    """1-based line of the first line containing ``needle`` (fails the test if the sample changed)."""
    for i, line in enumerate(text.splitlines(), 1):
        if needle in line:
            return i
    raise AssertionError(f"{needle!r} is no longer in the sample data: update this test")


def _entry(parameter: str, value: object) -> str:
    """``parameters.<parameter>.values[i]`` of the sample's entry with ``value`` (entries are added as the law changes)."""
    import yaml

    values = yaml.safe_load(POLICY_FILE.read_text(encoding="utf-8"))["parameters"][parameter]["values"]
    return f"parameters.{parameter}.values[{[v['value'] for v in values].index(value)}]"


REF_2026 = _entry("reference_level", 2_530_000)  # Decree 161/2026, from 01/07/2026
FLOOR_2027 = _entry("income_floor", 2_200_000)  # Decree 351/2025, from 01/01/2027 (unconfirmed)


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def refused(tmp_path: Path, name: str, text: str) -> DataError:
    with pytest.raises(DataError) as info:
        _loader(name)(_write(tmp_path, name, text))
    return info.value


def insert_after(name: str, needle: str, new_line: str) -> tuple[str, int]:
    """The sample file with ``new_line`` added after the line holding ``needle``; and the new line's number."""
    text = SOURCES[name].read_text(encoding="utf-8")
    lines = text.splitlines()
    at = _line_of(text, needle)
    lines.insert(at, new_line)
    return "\n".join(lines) + "\n", at + 1


def replace(name: str, old: str, new: str) -> tuple[str, int]:
    text = SOURCES[name].read_text(encoding="utf-8")
    assert old in text, f"{old!r} is no longer in {name}: update this test"
    return text.replace(old, new, 1), text[:text.index(old)].count("\n") + 1


# --- duplicate keys -----------------------------------------------------------------------------------


def test_duplicate_value_in_an_entry_names_both_lines(tmp_path: Path) -> None:
    """Review P03a: a second ``value:`` (2,350,000) under the current reference level silently replaced 2,530,000."""
    text, line = insert_after("policy.yml", "- value: 2530000", "        value: 2350000")
    err = refused(tmp_path, "policy.yml", text)
    assert err.key == f"{REF_2026}.value"
    assert f"on lines {line - 1} and {line}" in err.problem and err.line == line
    assert "delete" in err.fix


def test_duplicate_parameter_block_names_both_lines(tmp_path: Path) -> None:
    """Review P03b: a pasted second ``income_floor:`` block replaced the whole history."""
    lines = POLICY_FILE.read_text(encoding="utf-8").splitlines()
    first = _line_of("\n".join(lines), "  income_floor:")
    start = lines.index("parameters:")  # the pasted block goes at the end of parameters:, before the next top-level key
    at = next(i for i, line in enumerate(lines) if i > start and line and not line.startswith((" ", "#")))
    block = ["  income_floor:", "    unit: vnd", '    label: {vi: "x", en: "x"}', "    values:", "      - value: 1600000", ""]
    err = refused(tmp_path, "policy.yml", "\n".join(lines[:at] + block + lines[at:]) + "\n")
    second = at + 1
    assert err.key == "parameters.income_floor"
    assert f"on lines {first} and {second}" in err.problem


@pytest.mark.parametrize(("name", "needle", "new_line", "key"), [
    ("office.yml", 'address: "Địa chỉ mẫu — ', '  address: "Số 2 đường Mới"', "office.address"),
    ("campaigns.yml", "days: [2026-12-07]", "    days: [2026-12-08]", "places[4].days"),
    ("texts.yml", 'unconfirmed: {vi: "chưa xác nhận"', '  unconfirmed: {vi: "chưa chắc", en: "not sure"}', "common.unconfirmed"),
])
def test_duplicate_keys_in_every_file(tmp_path: Path, name: str, needle: str, new_line: str, key: str) -> None:
    text, line = insert_after(name, needle, new_line)
    err = refused(tmp_path, name, text)
    assert (err.key, err.line) == (key, line)
    assert f"and {line}" in err.problem


# --- numbers and dates where YAML guesses wrong ------------------------------------------------------------


def test_unquoted_phone_read_as_octal_is_refused_with_what_was_typed(tmp_path: Path) -> None:
    """Review finding 6: ``02043567123`` unquoted is the octal number 277,802,579 (0o2043567123)."""
    text, line = replace("office.yml", 'phone: "0000 000 001"', "phone: 02043567123")
    err = refused(tmp_path, "office.yml", text)
    assert err.key == "local_offices[0].phone" and err.line == line
    assert "02043567123" in err.problem and "277802579" in err.problem
    assert "quotes" in err.fix


@pytest.mark.parametrize(("name", "old", "new", "key", "typed"), [
    ("office.yml", 'name: "BHXH cơ sở mẫu số 1"', "name: 115", "local_offices[0].name", "115"),
    ("office.yml", 'province: "Thái Nguyên"', "province: 2025", "office.province", "2025"),
    ("office.yml", 'hours: {vi: "Sáng thứ Bảy hằng tuần (mẫu)"', 'hours: {vi: 7.30', "collection_points[0].hours.vi", "7.30"),
    ("campaigns.yml", "code: xa-c", "code: 2027", "places[4].code", "2027"),
    ("campaigns.yml", 'name: "Trụ sở UBND xã mẫu C"', "name: 2026-12-07", "places[4].name", "2026-12-07"),
    ("national.yml", 'name: "VssID – Bảo hiểm xã hội số"', "name: yes", "app.name", "yes"),
])
def test_number_date_or_yes_where_text_is_expected(tmp_path: Path, name: str, old: str, new: str, key: str, typed: str) -> None:
    text, line = replace(name, old, new)
    err = refused(tmp_path, name, text)
    assert (err.key, err.line) == (key, line), str(err)
    assert f"{typed} was read as" in err.problem and "not as text" in err.problem
    assert f'write it in quotes: "{typed}"' == err.fix


@pytest.mark.parametrize(("name", "old", "new", "key"), [
    # Review P15 / C15: an impossible unquoted date gave a Python traceback.
    ("policy.yml", "effective_from: 2027-01-01", "effective_from: 2027-02-30", f"{FLOOR_2027}.effective_from"),
    ("campaigns.yml", "days: [2026-12-07]", "days: [2026-11-31]", "places[4].days[0]"),
])
def test_impossible_unquoted_date(tmp_path: Path, name: str, old: str, new: str, key: str) -> None:
    text, line = replace(name, old, new)
    err = refused(tmp_path, name, text)
    assert (err.key, err.line) == (key, line)
    assert "is not a date of the calendar" in err.problem and "day is out of range for month" in err.problem


# --- decomposed Vietnamese (NFD) ------------------------------------------------------------------------


def test_nfd_is_read_as_nfc_with_a_note(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Unikey's "Unicode tổ hợp" saves NFD; the office means the same words, so they are read as NFC (with a note)."""
    text = OFFICE_FILE.read_text(encoding="utf-8")
    first = next(i for i, ln in enumerate(text.splitlines(), 1) if unicodedata.normalize("NFD", ln) != ln)
    office = load_office(_write(tmp_path, "office.yml", unicodedata.normalize("NFD", text)))
    assert office.name["vi"] == "Bảo hiểm xã hội tỉnh Thái Nguyên"  # NFC: the precomposed letters
    assert unicodedata.is_normalized("NFC", office.name["vi"])
    note = capsys.readouterr().err
    assert re.search(rf"office\.yml:{first}: \d+ line\(s\) use decomposed Vietnamese letters \(NFD\)", note), note
    assert "Unicode dựng sẵn" in note


# --- policy periods and plausibility ----------------------------------------------------------------------


def test_gap_between_periods_names_the_days(tmp_path: Path) -> None:
    """Review P07a: reference_level ending 15/06/2026 while the next entry starts 01/07/2026."""
    text, _ = replace("policy.yml", "        effective_to: 2026-06-30\n        source: nd-73-2024",
                      "        effective_to: 2026-06-15\n        source: nd-73-2024")
    err = refused(tmp_path, "policy.yml", text)
    assert err.key == f"{REF_2026}.effective_from"
    assert "no value from 16/06/2026 to 30/06/2026" in err.problem
    assert "2026-06-30" in err.fix and err.line


@pytest.mark.parametrize(("old", "new", "key", "problem"), [
    # Review P17: 25,300,000 (an extra zero) published a ceiling of 506,000,000 đồng.
    ("- value: 2530000", "- value: 25300000", f"{REF_2026}.value", "outside the plausible range"),
    ("- value: 2530000", "- value: 253000", f"{REF_2026}.value", "outside the plausible range"),
    ("- value: 2200000", "- value: 22000000", f"{FLOOR_2027}.value", "outside the plausible range"),
    # Within the social pension's range, but more than three times the previous 500,000 (Decree 176/2025: 500,000).
    ("- value: 540000", "- value: 1540000", f"{_entry('social_pension', 540_000)}.value", "times the previous entry"),
    ("- value: 20\n", "- value: 200\n", "parameters.ceiling_multiplier.values[0].value", "outside the plausible range"),
])
def test_misplaced_zero_is_refused(tmp_path: Path, old: str, new: str, key: str, problem: str) -> None:
    text, line = replace("policy.yml", old, new)
    err = refused(tmp_path, "policy.yml", text)
    assert err.key == key and problem in err.problem, str(err)
    assert "zero" in err.fix and err.line == line


# --- characters the print font lacks --------------------------------------------------------------------


@pytest.mark.parametrize(("new_name", "shown"), [
    ("Chợ 🏛 xã mẫu C", "'🏛' (U+1F3DB)"),          # review X02
    ("Chợ Lào Cai 老街", "'老' (U+8001), '街' (U+8857)"),  # review X03
])
def test_characters_the_print_font_lacks(tmp_path: Path, new_name: str, shown: str) -> None:
    text, line = replace("campaigns.yml", 'name: "Trụ sở UBND xã mẫu C"', f'name: "{new_name}"')
    err = refused(tmp_path, "campaigns.yml", text)
    assert (err.key, err.line) == ("places[4].name", line)
    assert shown in err.problem and "Be Vietnam Pro" in err.problem


# --- addresses ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "old", "new", "key"), [
    ("office.yml", 'url: "https://zalo.me/0000000000"', 'url: "https://zalo.me/x\\"><script>alert(1)</script>"', "social[1].url"),
    ("office.yml", 'url: "https://zalo.me/0000000000"', 'url: "https://zalo.me/a b"', "social[1].url"),
    ("office.yml", 'url: "https://zalo.me/0000000000"', r"url: 'https://zalo.me\evil.example/'", "social[1].url"),  # \ is / to a browser
    ("office.yml", 'url: "https://zalo.me/0000000000"', 'url: "http://zalo.me/0000000000"', "social[1].url"),
    ("office.yml", 'url: "https://zalo.me/0000000000"', 'url: "https:///zalo"', "social[1].url"),
    ("national.yml", 'url: "https://baohiemxahoi.gov.vn/tracuu/"', "url: \"https://baohiemxahoi.gov.vn/'onmouseover=x\"", "lookup.url"),
    ("national.yml", 'url: "https://dichvucong.gov.vn/"', 'url: "https://<svg>/"', "portals[1].url"),
])
def test_urls_must_be_plain_https(tmp_path: Path, name: str, old: str, new: str, key: str) -> None:
    text, line = replace(name, old, new)
    err = refused(tmp_path, name, text)
    assert (err.key, err.line) == (key, line), str(err)
    assert "https://" in err.problem and "https://" in err.fix


@pytest.mark.parametrize("site_url", [
    'https://x.vn/\\"><svg/onload=alert(4)>/',  # review finding 2: written raw into every page's canonical link
    "https://x.vn/a b/", "http://bhxh.example.vn/", "https://bhxh.example.vn", "https://bhxh.example.vn/?a=1/",
    "https://bhxh.example.vn/#x/", "https://localhost/", "bhxh.example.vn/",
])
def test_site_url_is_strict(tmp_path: Path, site_url: str) -> None:
    text, line = replace("office.yml", 'site_url: "https://bhxh-tu-nguyen.example.vn/"', f'site_url: "{site_url}"')
    err = refused(tmp_path, "office.yml", text)
    assert (err.key, err.line) == ("site_url", line) and "not a site address" in err.problem


@pytest.mark.parametrize("site_url", ["https://bhxh.laocai.gov.vn/", "https://example.org/bhxh/", "https://a-b.vn:8443/tu-nguyen/"])
def test_site_url_accepts_real_addresses(tmp_path: Path, site_url: str) -> None:
    text, _ = replace("office.yml", 'site_url: "https://bhxh-tu-nguyen.example.vn/"', f'site_url: "{site_url}"')
    assert load_office(_write(tmp_path, "office.yml", text)).site_url == site_url


@pytest.mark.parametrize(("name", "old", "new", "key", "scheme"), [
    ("national.yml", 'url: "https://baohiemxahoi.gov.vn/tracuu/"', 'url: "javascript:alert(document.domain)"', "lookup.url", "javascript"),
    ("office.yml", '(mẫu)", en: "7:30', '[Bấm](JavaScript :alert(1))", en: "7:30', "office.hours.vi", "javascript"),
    ("campaigns.yml", 'name: "Trụ sở UBND xã mẫu C"', 'name: "<a href=data:text/html;base64,PHNjcmlwdD4=>x</a>"', "places[4].name", "data"),
    ("policy.yml", 'article: "Điều 3 khoản 2"', 'article: "vbscript:msgbox(1)"',
     f"{REF_2026}.article", "vbscript"),
    ("texts.yml", 'copy: {vi: "Sao chép liên kết"', 'copy: {vi: "javascript:void(0)"', "share.copy.vi", "javascript"),
])
def test_code_addresses_are_refused_anywhere(tmp_path: Path, name: str, old: str, new: str, key: str, scheme: str) -> None:
    text, line = replace(name, old, new)
    err = refused(tmp_path, name, text)
    assert (err.key, err.line) == (key, line), str(err)
    assert f"'{scheme}:' address" in err.problem


def test_words_like_data_are_not_addresses(tmp_path: Path) -> None:
    """"Sample data: …" in English is text, not a ``data:`` address."""
    text, _ = replace("texts.yml", 'sample_notice_title: {vi: "Dữ liệu mẫu.", en: "Sample data."}',
                      'sample_notice_title: {vi: "Dữ liệu mẫu:", en: "Sample data: read this"}')
    assert load_texts(_write(tmp_path, "texts.yml", text)).get("common.sample_notice_title", "en") == "Sample data: read this"
