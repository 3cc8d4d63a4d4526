"""``python -m scripts.mkdocs_run build …``: MkDocs's own command line, reporting which page it is on.

MkDocs names each page as it reads and builds it, at DEBUG level. Only that logger is turned up (the whole
``--verbose`` mode changes what MkDocs checks: it stopped reporting broken anchors), so that the build's
watchdog (``scripts/build.py``) can say which page a step that never ended was working on.
"""

from __future__ import annotations

import logging

from mkdocs.__main__ import cli


def main() -> None:
    logging.getLogger("mkdocs.commands.build").setLevel(logging.DEBUG)  # "Reading: …", "Building page …"
    cli(prog_name="mkdocs")


if __name__ == "__main__":
    main()
