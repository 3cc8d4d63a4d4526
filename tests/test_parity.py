"""The figures Python prints (pages, leaflets, share images) equal the JS core's, on shared vectors.

Runs the real core (``docs/assets/javascripts/calculator/core.js``) in Node on a ``policy.json`` and compares with
``scripts/calc.py``: the monthly contribution (with and without a provincial top-up), the retirement age required in
a year (Decree 135/2020 Art 4), the years to the maximum pension rate and the pension at the minimum years (Law
41/2024 Arts 98, 99). The last one used banker's rounding in Python while the core rounds half up: these vectors
include incomes whose pension ends in exactly half a đồng.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from scripts import calc
from scripts.calc import bounds, contribution
from scripts.office import parse_office
from scripts.paths import OFFICE_FILE, ROOT
from scripts.policy import GROUPS, Policy, load_policy
from scripts.site_data import with_top_ups
from scripts.texts import load_texts
from scripts.yamlfile import load_yaml

CORE = ROOT / "docs/assets/javascripts/calculator/core.js"
DATES = ["2025-07-01", "2026-01-01", "2026-06-30", "2026-07-01", "2026-12-31", "2027-01-01", "2030-12-31"]
ODD = [1234567, 1500001, 1500025, 2199999, 2200000, 2200049, 2200050, 3000000, 3333333, 7654321, 46800000, 50600000]
TOP_UPS = [0.0, 0.1, 0.6]
TOP_UP_OFFICE = """
top_ups:
  - rates: {poor: 0.5, near_poor: 0.6, other: 0.1}
    effective_from: 2026-01-01
    effective_to: 2026-12-31
    resolution: {number: "99/2025/NQ-HĐND", signed: 2025-07-09, article: "Điều 1"}
    confidence: unconfirmed
  - rates: {other: 0.15, ethnic_minority: 0.05}
    effective_from: 2027-01-01
    resolution: {number: "100/2026/NQ-HĐND", signed: 2026-10-01, article: "Điều 2"}
    confidence: confirmed
"""


def _vectors(policy: Policy, top_ups: list[float | None]) -> list[dict]:
    vectors = []
    for iso in DATES:
        floor, ceiling = bounds(policy, dt.date.fromisoformat(iso))
        incomes = sorted({floor, ceiling, floor + 1, ceiling - 1, *(i for i in ODD if floor <= i <= ceiling),
                          *range(floor, ceiling + 1, 1_234_577)})
        for income in incomes:
            for group in GROUPS:
                for top_up in top_ups:
                    v = {"income": income, "group": group, "date": iso}
                    if top_up is not None:
                        v["topUp"] = top_up
                    vectors.append(v)
    return vectors


def _run_js(policy_json: Path, calls: list[list]) -> list:
    """``[[function name, argument object], …]`` → the core's results, in order."""
    script = (
        f"import * as core from {json.dumps(CORE.as_uri())};\n"
        "import { readFileSync } from 'node:fs';\n"
        f"const P = JSON.parse(readFileSync({json.dumps(str(policy_json))}, 'utf8'));\n"
        "const V = JSON.parse(readFileSync(0, 'utf8'));\n"
        "process.stdout.write(JSON.stringify(V.map(([fn, arg]) => core[fn](P, arg))));\n"
    )
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is missing: install Node 20 (.ci/run does it)")
    out = subprocess.run([node, "--input-type=module", "-e", script], input=json.dumps(calls),
                         capture_output=True, text=True, check=True, timeout=120)
    return json.loads(out.stdout)


def _py_contribution(policy: Policy, v: dict) -> dict:
    py = contribution(policy, v["income"], v["group"], dt.date.fromisoformat(v["date"]), v.get("topUp"))
    return {"gross": py.gross, "support": py.support, "net": py.net, "floor": py.floor, "ceiling": py.ceiling, "topUp": py.top_up}


def _compare(policy: Policy, policy_json: Path, vectors: list[dict]) -> None:
    results = _run_js(policy_json, [["contribution", v] for v in vectors])
    mismatches = [(v, js, want) for v, js in zip(vectors, results, strict=True) if js != (want := _py_contribution(policy, v))]
    assert not mismatches, f"{len(mismatches)} mismatches, first: {mismatches[0]}"


def _top_up_policy(tmp_path: Path) -> tuple[Policy, Path]:
    office_file = tmp_path / "office.yml"
    office_file.write_text(OFFICE_FILE.read_text(encoding="utf-8") + TOP_UP_OFFICE, encoding="utf-8")
    policy = with_top_ups(load_policy(), parse_office(load_yaml(office_file)), load_texts())
    path = tmp_path / "policy.json"
    path.write_text(json.dumps(policy.to_json(), ensure_ascii=False), encoding="utf-8")
    return policy, path


def test_monthly_contribution_parity(site_dir: Path) -> None:
    policy = load_policy()
    vectors = _vectors(policy, TOP_UPS)
    assert len(vectors) > 1000
    _compare(policy, site_dir / "assets/data/policy.json", vectors)


def test_monthly_contribution_parity_with_a_provincial_top_up(tmp_path: Path) -> None:
    """The office's dated top-ups, as ``scripts/site_data.py`` merges them into the policy (and ``policy.json``)."""
    policy, path = _top_up_policy(tmp_path)
    vectors = _vectors(policy, [None])  # the top-up of each date, from the data
    assert {v["date"] for v in vectors} >= {"2025-07-01", "2026-07-01", "2027-01-01"}  # before, during, the second one
    _compare(policy, path, vectors)
    # Hand check (policy reference §2.4): "other" on 01/07/2026: 20 % + 10 % of 330.000 = 99.000; on 01/01/2027 with the
    # second resolution: 20 % + 15 % of 22 % × 2.200.000 = 169.400.
    assert contribution(policy, 1500000, "other", dt.date(2026, 7, 1)).support == 99000
    assert contribution(policy, 2200000, "other", dt.date(2027, 1, 1)).support == 169400


def test_retirement_age_and_pension_formulas_parity(site_dir: Path) -> None:
    policy = load_policy()
    calls, want = [], []
    for year in range(2015, 2046):
        for sex in ("male", "female"):
            calls.append(["retirementAgeIn", {"sex": sex, "year": year}])
            years, months = calc.retirement_age_in(policy, sex, year)
            want.append({"years": years, "months": months})
    for iso in ("2025-07-01", "2026-12-01", "2030-01-01"):
        on = dt.date.fromisoformat(iso)
        floor = policy.value("income_floor", on)
        min_years = policy.value("pension_min_years", on)
        for sex in ("male", "female"):
            calls.append(["yearsToMaxRate", {"sex": sex, "date": iso}])
            want.append(calc.years_to_max_rate(policy, sex, on))
            # 45 % × 1.500.001 = 675.000,45; 40 % × 1.500.005 = 600.002; … and half-đồng cases: 45 % × 1.500.010 = 675.004,5
            for income in (floor, floor + 1, floor + 5, floor + 10, 3_333_333, 2_345_671):
                calls.append(["pensionEstimate", {"sex": sex, "years": min_years, "months": 0, "income": income, "date": iso}])
                want.append(calc.pension_at_min_years(policy, sex, income, on))
    got = _run_js(site_dir / "assets/data/policy.json", calls)
    mismatches = [(c, g, w) for c, g, w in zip(calls, got, want, strict=True) if g != w]
    assert not mismatches, f"{len(mismatches)} mismatches, first: {mismatches[0]}"
    # Hand checks from the law (§2.7 table, Art 99): 2026 → men 61y6m, women 57y; women 30 and men 35 years to 75 %;
    # 45 % × 1.500.010 = 675.004,5 → 675.005 (half up; banker's rounding gave 675.004).
    assert calc.retirement_age_in(policy, "male", 2026) == (61, 6) and calc.retirement_age_in(policy, "female", 2026) == (57, 0)
    assert calc.years_to_max_rate(policy, "female", dt.date(2026, 12, 1)) == 30
    assert calc.years_to_max_rate(policy, "male", dt.date(2026, 12, 1)) == 35
    assert calc.pension_at_min_years(policy, "female", 1_500_010, dt.date(2026, 12, 1)) == 675_005


def test_parity_catches_a_difference(site_dir: Path, tmp_path: Path) -> None:
    """The comparison can fail: a policy.json with another support rate gives other JS results."""
    data = json.loads((site_dir / "assets/data/policy.json").read_text(encoding="utf-8"))
    for entry in data["parameters"]["support_rates"]["values"]:
        entry["value"]["other"] = 0.25
    changed = tmp_path / "policy.json"
    changed.write_text(json.dumps(data), encoding="utf-8")
    vector = {"income": 1500000, "group": "other", "date": "2026-07-01", "topUp": 0.0}
    js = _run_js(changed, [["contribution", vector]])[0]
    assert js["support"] != _py_contribution(load_policy(), vector)["support"]
