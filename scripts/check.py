"""``make check-data``: validate ``data/`` (or ``DATA_DIR``) and ``docs/``, and print what is wrong, one actionable line."""

from __future__ import annotations

import os
import signal
import sys

from scripts.build import TIMEOUT_S, check_data
from scripts.docs_check import check_docs
from scripts.errors import DataError
from scripts.paths import DATA
from scripts.validity import change_lines


def main() -> int:
    limit = int(os.environ.get("BUILD_TIMEOUT") or TIMEOUT_S)
    where = ["data/"]

    def stop(_signum: int, _frame: object) -> None:
        raise TimeoutError(where[-1])

    signal.signal(signal.SIGALRM, stop)
    signal.alarm(limit)  # never a hang: a loop written in a page would spin forever
    try:
        site = check_data()
        pages = check_docs(site, where.append)
    except DataError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 2
    except TimeoutError as exc:
        print(f"Error: the check was still running after {limit} s and was stopped while checking {exc} — "
              "a step that never ends (a bug, or a loop written in that page)", file=sys.stderr)
        return 1
    finally:
        signal.alarm(0)
    print(f"{DATA} is valid: policy.yml, office.yml, national.yml, campaigns.yml, texts.yml; {pages} pages in docs/.")
    for line in change_lines(site.policy, site.on):
        print(f"Coming change: {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
