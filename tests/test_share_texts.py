"""What share images and share-kit messages say (scripts/share_texts.py) and the next change (scripts/changes.py):
the rules that guard them, on data variants made for the purpose (the dated builds are in test_share_dates.py)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from overrides.hooks.page_macros import Macros
from scripts import share_texts
from scripts.changes import next_change
from scripts.errors import DataError
from scripts.paths import DATA
from scripts.policy import load_policy
from scripts.site_data import SiteData, load_site_data
from scripts.texts import Texts
from tests.support.dates import TEST_DATE


@pytest.fixture(scope="module")
def site() -> SiteData:  # on TEST_DATE (01/12/2026)
    return load_site_data(TEST_DATE, prod=False)


def _with_texts(site: SiteData, **changes: dict[str, str] | None) -> SiteData:
    entries = {**site.texts.entries}
    for key, pair in changes.items():
        if pair is None:
            entries.pop(key.replace("__", "."))
        else:
            entries[key.replace("__", ".")] = pair
    return dataclasses.replace(site, texts=Texts(entries))


def test_a_coming_text_must_name_every_figure_that_changes(site: SiteData) -> None:
    """On 01/12/2026 the lowest payments change on 01/01/2027 (Decree 351/2025): a coming text that forgets the
    poor-household figure, or a message without a coming text, stops the build and names the key."""
    forgetful = _with_texts(site, share_kit__home__coming={"vi": "Từ {date}: đóng từ {net_min.other}.",
                                                           "en": "From {date}: from {net_min.other}."})
    with pytest.raises(DataError, match=r"share_kit\.home\.coming: does not name net_min\.poor"):
        share_texts.message(forgetful, "home", "https://x/")
    missing = _with_texts(site, share_kit__home__coming=None)
    with pytest.raises(DataError, match=r"share_kit\.home\.coming: missing: net_min\.other, net_min\.poor change on 01/01/2027"):
        share_texts.message(missing, "home", "https://x/")


def test_a_message_without_a_changing_figure_needs_no_coming_text(site: SiteData) -> None:
    bare = _with_texts(site, share_kit__support__coming=None)  # support rates do not change on 01/01/2027
    msg = share_texts.message(bare, "support", "https://x/")
    # Decree 159/2025 Art 5(1) from 01/07/2025, no end set (the floor's 2030 end is not theirs): "từ", no coming text
    assert msg.vi.coming == "" and msg.vi.valid == "Số liệu áp dụng từ 01/07/2025."


def test_an_unknown_figure_in_a_message_is_named(site: SiteData) -> None:
    typo = _with_texts(site, share_kit__home__message={"vi": "Từ {net_min.others}.", "en": "From {net_min.others}."})
    with pytest.raises(KeyError, match=r"net_min\.others"):
        share_texts.message(typo, "home", "https://x/")


def test_headline_follows_the_one_rule(site: SiteData) -> None:
    # 01/12/2026: others 264.000, poor households 165.000 (Decree 159/2025 Art 5(1) on the 1.500.000 floor).
    assert share_texts.headline(site, site.figures, "vi") == "Mỗi tháng đóng từ 264.000 đồng; hộ nghèo từ 165.000 đồng"
    assert share_texts.image_headline(site, "en").text == "From VND 264,000 a month; poor households from VND 165,000"


def test_no_coming_change_gives_the_none_title(tmp_path: Path, site: SiteData) -> None:
    """With the 2027–2030 poverty line left open and the women's retirement age at its final 60 (reached in 2035),
    nothing changes after 2036: the page says so instead of inventing a date."""
    text = (DATA / "policy.yml").read_text(encoding="utf-8")
    assert text.count("        effective_to: 2030-12-31\n") == 1
    (tmp_path / "policy.yml").write_text(text.replace("        effective_to: 2030-12-31\n", ""), encoding="utf-8")
    policy = load_policy(tmp_path / "policy.yml")
    on = dt.date(2036, 3, 1)
    assert next_change(policy, on) is None
    variant = dataclasses.replace(site, policy=policy, on=on)
    assert Macros(variant, None, "vi", None).changes_title() == "Hiện chưa có thay đổi nào sắp tới"
    assert Macros(variant, None, "en", None).changes_title() == "No change is coming at present"
    # …and with the data as it is, the next change on 01/12/2026 is the new poverty line on 01/01/2027.
    assert Macros(site, None, "vi", None).changes_title() == "Những gì thay đổi từ 01/01/2027"
