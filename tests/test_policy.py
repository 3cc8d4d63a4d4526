"""The policy data: lookups by date across the legal changes, and validation of bad files."""

from __future__ import annotations

import datetime as dt

import pytest

from scripts.calc import contribution
from scripts.errors import DataError
from scripts.policy import GROUPS, load_policy
from scripts.yamlfile import load_yaml
from tests.support.policy_files import bad_policy

D = dt.date


@pytest.fixture(scope="module")
def policy():
    return load_policy()


@pytest.mark.parametrize(
    ("key", "day", "expected"),
    [
        ("reference_level", D(2026, 6, 30), 2_340_000),
        ("reference_level", D(2026, 7, 1), 2_530_000),
        ("reference_level", D(2024, 7, 1), 2_340_000),
        ("reference_level", D(2024, 6, 30), 1_800_000),
        ("income_floor", D(2026, 12, 31), 1_500_000),
        ("income_floor", D(2027, 1, 1), 2_200_000),
        ("income_floor", D(2021, 12, 31), 700_000),
        ("support_rates", D(2025, 6, 30), {"poor": 0.3, "near_poor": 0.25, "ethnic_minority": 0.1, "other": 0.1}),
        ("support_rates", D(2025, 7, 1), {"poor": 0.5, "near_poor": 0.4, "ethnic_minority": 0.3, "other": 0.2}),
        ("social_pension", D(2026, 6, 30), 500_000),
        ("back_payment_max_months", D(2025, 6, 30), 120),
        ("back_payment_max_months", D(2025, 7, 1), 60),
    ],
)
def test_value_in_force_on_date(policy, key, day, expected):
    assert policy.value(key, day) == expected


def test_2027_floor_is_labelled_unconfirmed(policy):
    assert policy.entry("income_floor", D(2026, 12, 31)).confirmed
    assert not policy.entry("income_floor", D(2027, 1, 1)).confirmed


@pytest.mark.parametrize(
    ("group", "support", "net"),
    [("poor", 165_000, 165_000), ("near_poor", 132_000, 198_000), ("ethnic_minority", 99_000, 231_000), ("other", 66_000, 264_000)],
)
def test_reference_vectors_1_to_4(policy, group, support, net):
    """policy-reference.md §5 #1–#4: CN = TN = 1,500,000 under Decree 159."""
    c = contribution(policy, 1_500_000, group, D(2026, 3, 1))
    assert (c.gross, c.support, c.net) == (330_000, support, net)


def test_ceiling_across_1_july_2026(policy):
    """§5 #5 and #6: ceiling 46.8M / gross 10,296,000, then 50.6M / 11,132,000."""
    before = contribution(policy, 46_800_000, "other", D(2026, 6, 30))
    assert (before.ceiling, before.gross, before.net) == (46_800_000, 10_296_000, 10_230_000)
    after = contribution(policy, 50_600_000, "other", D(2026, 7, 1))
    assert (after.ceiling, after.gross) == (50_600_000, 11_132_000)
    with pytest.raises(DataError):
        contribution(policy, 50_600_000, "other", D(2026, 6, 30))


def test_floor_change_1_january_2027(policy):
    """§10.3: from 1/1/2027 the minimum gross is 484,000; net 242,000 / 290,400 / 338,800 / 387,200."""
    nets = [contribution(policy, 2_200_000, g, D(2027, 1, 1)).net for g in GROUPS]
    assert nets == [242_000, 290_400, 338_800, 387_200]
    with pytest.raises(DataError):
        contribution(policy, 1_500_000, "other", D(2027, 1, 1))


def test_old_regime_vectors(policy):
    """§5 #7–#10: old regime, CN 700,000 then 1,500,000."""
    assert contribution(policy, 700_000, "other", D(2020, 1, 1)).gross == 154_000
    assert [contribution(policy, 700_000, g, D(2020, 1, 1)).support for g in ("poor", "near_poor", "other")] == [46_200, 38_500, 15_400]
    assert contribution(policy, 29_800_000, "other", D(2020, 1, 1)).net == 6_540_600
    assert [contribution(policy, 1_500_000, g, D(2023, 1, 1)).net for g in ("poor", "near_poor", "other")] == [231_000, 247_500, 297_000]


def test_no_value_before_first_entry(policy):
    with pytest.raises(DataError, match="no value is in force on 01/01/2010"):
        policy.value("reference_level", D(2010, 1, 1))


# --- bad files: each gives its own clear message, naming the file, the key and the line -------------




def test_overlapping_entries(tmp_path):
    def mutate(d):
        d["parameters"]["reference_level"]["values"][4]["effective_from"] = D(2026, 6, 1)
    err = bad_policy(tmp_path, mutate)
    assert err.key == "parameters.reference_level.values[4].effective_from"
    assert "overlaps" in err.problem and err.line


def test_dates_out_of_order(tmp_path):
    def mutate(d):
        v = d["parameters"]["income_floor"]["values"]
        v[0], v[1] = v[1], v[0]
    assert "date order" in str(bad_policy(tmp_path, mutate))


def test_end_before_start(tmp_path):
    def mutate(d):
        d["parameters"]["income_floor"]["values"][1]["effective_to"] = D(2021, 1, 1)
    assert "ends (01/01/2021) before it starts" in str(bad_policy(tmp_path, mutate))


def test_amount_with_dots_is_a_type_error(tmp_path):
    def mutate(d):
        d["parameters"]["income_floor"]["values"][1]["value"] = "1.500.000"
    err = bad_policy(tmp_path, mutate)
    assert "must be a whole number" in err.problem and "without dots" in err.fix


def test_unknown_parameter(tmp_path):
    def mutate(d):
        d["parameters"]["refernce_level"] = d["parameters"]["reference_level"]
    err = bad_policy(tmp_path, mutate)
    assert err.key == "parameters.refernce_level" and "unknown parameter" in err.problem


def test_unknown_source(tmp_path):
    def mutate(d):
        d["parameters"]["income_floor"]["values"][0]["source"] = "nd-999"
    assert "unknown document 'nd-999'" in str(bad_policy(tmp_path, mutate))


def test_missing_translation_in_label(tmp_path):
    def mutate(d):
        del d["parameters"]["income_floor"]["label"]["en"]
    assert "needs a Vietnamese and an English text" in str(bad_policy(tmp_path, mutate))


def test_rate_written_as_percent(tmp_path):
    def mutate(d):
        d["parameters"]["contribution_rate"]["values"][1]["value"] = 22
    assert "outside the plausible range" in str(bad_policy(tmp_path, mutate))


def test_malformed_yaml_names_the_line(tmp_path):
    path = tmp_path / "policy.yml"
    path.write_text("updated: 2026-11-25\nparameters:\n  income_floor:\n    unit: vnd\n   values: [\n", encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_yaml(path, "data/policy.yml")
    assert info.value.line and "not valid YAML" in str(info.value)


# --- structured rules (conditions as data, issue 13): each field named, typed and checked -------------------------


def test_rule_with_a_misspelt_field(tmp_path):
    def mutate(d):
        v = d["parameters"]["retirement_transitional"]["values"][0]["value"]
        v["min_voluntry_years"] = v.pop("min_voluntary_years")
    err = bad_policy(tmp_path, mutate)
    assert "'min_voluntary_years' is missing" in err.problem and err.line


def test_rule_with_an_unknown_field(tmp_path):
    def mutate(d):
        d["parameters"]["survivor_pensioner"]["values"][0]["value"]["bonus_months"] = 3
    err = bad_policy(tmp_path, mutate)
    assert err.key.endswith("value.bonus_months") and "unknown field" in err.problem


def test_rule_rate_written_as_percent(tmp_path):
    def mutate(d):
        d["parameters"]["withdrawal_conditions"]["values"][0]["value"]["work_capacity_loss"] = 81
    assert "a fraction from 0 to 1" in str(bad_policy(tmp_path, mutate))


def test_rule_date_that_is_not_a_date(tmp_path):
    def mutate(d):
        d["parameters"]["retirement_transitional"]["values"][0]["value"]["joined_before"] = "01/01/2021"
    assert "write dates as YYYY-MM-DD" in str(bad_policy(tmp_path, mutate))


def test_group_labels_only_on_support_rates(tmp_path):
    def mutate(d):
        d["parameters"]["income_floor"]["values"][0]["group_labels"] = {"poor": {"vi": "a", "en": "b"}}
    assert "only support rates have group labels" in str(bad_policy(tmp_path, mutate))


def test_every_rule_has_its_words_for_the_legal_page():
    """``legal_rules.<key>`` uses exactly the rule's fields, in both languages (the legal page fills them)."""
    import string

    from scripts.policy import RULES
    from scripts.texts import load_texts

    texts = load_texts()
    for key, fields in RULES.items():
        for lang in ("vi", "en"):
            text = texts.get(f"legal_rules.{key}", lang)
            names = {n for _, n, _, _ in string.Formatter().parse(text) if n}
            assert names == set(fields), (key, lang, names ^ set(fields))


def test_conditions_in_force_on_the_test_date(policy):
    """Written from Law 41/2024 (19/VBHN-VPQH) and Decree 162/2026, article by article."""
    on = D(2026, 12, 1)
    assert policy.value("join_min_age", on) == 15  # Art 2(4)(a)
    assert policy.value("maternity_window_months", on) == 12  # Art 94(1)
    assert policy.value("survivor_lump_sum", on) == {"before_2014": 1.5, "from_2014": 2, "paid_back_below_months": 60,
                                                     "mixed_min_times": 3}  # Art 110(2), (3)
    assert policy.value("claim_deadlines", on)["pension_days_before"] == 20  # Art 107(1)
    assert policy.value("pension_adjustment", on) == 0.08  # Decree 162/2026 Art 2(1)
    with pytest.raises(DataError):
        policy.value("pension_adjustment", D(2026, 6, 30))
