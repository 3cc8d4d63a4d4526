"""One error type for every mistake in ``data/`` or ``docs/``, worded for the office staff who edit them."""

from __future__ import annotations


class DataError(Exception):
    """A problem in a data or content file that a content editor can fix.

    The message always names the file, the key (or line) and what to do, so the build can print it
    without a traceback.
    """

    def __init__(self, file: str, key: str, problem: str, fix: str = "", line: int | None = None) -> None:
        self.file, self.key, self.problem, self.fix, self.line = file, key, problem, fix, line
        where = f"{file}:{line}" if line else file
        text = f"{where}: {key}: {problem}" if key else f"{where}: {problem}"
        if fix:
            text += f" — {fix}"
        super().__init__(text)
