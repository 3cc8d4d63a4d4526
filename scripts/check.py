"""``make check-data``: validate ``data/`` (or ``DATA_DIR``) and print what is wrong, one actionable line."""

from __future__ import annotations

import sys

from scripts.build import check_data
from scripts.errors import DataError
from scripts.paths import DATA


def main() -> int:
    try:
        check_data()
    except DataError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 2
    print(f"{DATA} is valid: policy.yml, office.yml, national.yml, campaigns.yml.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
