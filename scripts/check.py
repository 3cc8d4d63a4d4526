"""``make check-data``: validate ``data/`` and print what is wrong, one actionable line."""

import sys

from scripts.build import check_data
from scripts.errors import DataError

if __name__ == "__main__":
    try:
        check_data()
    except DataError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        sys.exit(2)
    print("data/ is valid.")
