"""The figures Python prints (pages, leaflets) equal the JS core's, on shared vectors.

Runs the real core (``docs/assets/javascripts/calculator/core.js``) in Node on the ``policy.json`` of the
built site and compares every monthly amount with :func:`scripts.calc.contribution`.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from scripts.calc import bounds, contribution
from scripts.paths import ROOT
from scripts.policy import GROUPS, load_policy

CORE = ROOT / "docs/assets/javascripts/calculator/core.js"
DATES = ["2025-07-01", "2026-01-01", "2026-06-30", "2026-07-01", "2026-12-31", "2027-01-01", "2030-12-31"]
ODD = [1234567, 1500001, 1500025, 2199999, 2200000, 2200049, 2200050, 3000000, 3333333, 7654321, 46800000, 50600000]
TOP_UPS = [0.0, 0.1, 0.6]


def _vectors() -> list[dict]:
    policy = load_policy()
    vectors = []
    for iso in DATES:
        floor, ceiling = bounds(policy, dt.date.fromisoformat(iso))
        incomes = sorted({floor, ceiling, floor + 1, ceiling - 1, *(i for i in ODD if floor <= i <= ceiling),
                          *range(floor, ceiling + 1, 1_234_577)})
        for income in incomes:
            for group in GROUPS:
                for top_up in TOP_UPS:
                    vectors.append({"income": income, "group": group, "date": iso, "topUp": top_up})
    return vectors


def _run_js(policy_json: Path, vectors: list[dict]) -> list[dict]:
    script = (
        f"import * as core from {json.dumps(CORE.as_uri())};\n"
        "import { readFileSync } from 'node:fs';\n"
        f"const P = JSON.parse(readFileSync({json.dumps(str(policy_json))}, 'utf8'));\n"
        "const V = JSON.parse(readFileSync(0, 'utf8'));\n"
        "process.stdout.write(JSON.stringify(V.map((v) => core.contribution(P, v))));\n"
    )
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is missing: install Node 20 (.ci/run does it)")
    out = subprocess.run([node, "--input-type=module", "-e", script], input=json.dumps(vectors),
                         capture_output=True, text=True, check=True, timeout=60)
    return json.loads(out.stdout)


def test_monthly_contribution_parity(site_dir: Path) -> None:
    policy = load_policy()
    vectors = _vectors()
    assert len(vectors) > 1000
    results = _run_js(site_dir / "assets/data/policy.json", vectors)
    mismatches = []
    for v, js in zip(vectors, results, strict=True):
        py = contribution(policy, v["income"], v["group"], dt.date.fromisoformat(v["date"]), v["topUp"])
        want = {"gross": py.gross, "support": py.support, "net": py.net, "floor": py.floor, "ceiling": py.ceiling}
        if js != want:
            mismatches.append((v, js, want))
    assert not mismatches, f"{len(mismatches)} mismatches, first: {mismatches[0]}"


def test_parity_catches_a_difference(site_dir: Path, tmp_path: Path) -> None:
    """The comparison can fail: a policy.json with another support rate gives other JS results."""
    data = json.loads((site_dir / "assets/data/policy.json").read_text(encoding="utf-8"))
    for entry in data["parameters"]["support_rates"]["values"]:
        entry["value"]["other"] = 0.25
    changed = tmp_path / "policy.json"
    changed.write_text(json.dumps(data), encoding="utf-8")
    vector = {"income": 1500000, "group": "other", "date": "2026-07-01", "topUp": 0.0}
    js = _run_js(changed, [vector])[0]
    py = contribution(load_policy(), 1500000, "other", dt.date(2026, 7, 1))
    assert js["support"] != py.support
