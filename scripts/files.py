"""Writing files the way a web server needs them: whole (never half-written) and world-readable."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

FILE_MODE = 0o644
DIR_MODE = 0o755


def write_atomic(path: Path, content: bytes | str) -> None:
    """Write to a temporary file next to ``path``, then ``os.replace``: never a half-written file."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    data = content.encode("utf-8") if isinstance(content, str) else content
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, FILE_MODE)  # mkstemp makes 0600; the file is published on a web server
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def make_readable(root: Path) -> None:
    """Folders 755 and files 644 under ``root`` (``root`` included): a web server's own user can read them.

    ``tempfile.mkdtemp`` makes 0700 folders; a site renamed from one is unreadable to nginx's ``www-data``.
    """
    root = Path(root)
    os.chmod(root, DIR_MODE)
    for dirpath, dirnames, filenames in os.walk(root):
        for d in dirnames:
            os.chmod(os.path.join(dirpath, d), DIR_MODE)
        for f in filenames:
            p = os.path.join(dirpath, f)
            if not os.path.islink(p):
                os.chmod(p, FILE_MODE)
