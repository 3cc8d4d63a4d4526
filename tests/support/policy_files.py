"""A changed copy of ``data/policy.yml`` parsed as the build parses it: the data error it gives, for tests of messages."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from scripts.errors import DataError
from scripts.paths import POLICY_FILE
from scripts.policy import parse_policy
from scripts.yamlfile import load_yaml


def bad_policy(tmp_path: Path, mutate: Callable[[Any], None]) -> DataError:
    """``data/policy.yml`` with ``mutate`` applied to its data, written to ``tmp_path``; the error parsing raises."""
    data = yaml.safe_load(POLICY_FILE.read_text(encoding="utf-8"))
    mutate(data)
    path = tmp_path / "policy.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(DataError) as info:
        parse_policy(load_yaml(path, "data/policy.yml"))
    return info.value
