"""``make check-data``: validate ``data/`` (or ``DATA_DIR``) and ``docs/``, and print what is wrong, one actionable line."""

from __future__ import annotations

import sys

from scripts.build import check_data
from scripts.docs_check import check_docs
from scripts.errors import DataError
from scripts.paths import DATA
from scripts.validity import change_lines


def main() -> int:
    try:
        site = check_data()
        pages = check_docs(site)
    except DataError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 2
    print(f"{DATA} is valid: policy.yml, office.yml, national.yml, campaigns.yml, texts.yml; {pages} pages in docs/.")
    for line in change_lines(site.policy, site.on):
        print(f"Coming change: {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
