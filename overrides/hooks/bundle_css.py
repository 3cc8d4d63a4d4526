"""One fingerprinted stylesheet instead of several: fewer render-blocking requests on a slow phone network.

The files listed in ``extra_css`` (site.css, share.css, a11y.css …) are joined in their order, comments removed,
and written as ``assets/stylesheets/extra.<hash>.min.css``; pages link that one file. Its name changes with its
content, so ``deploy/nginx.conf`` can cache it for a year like the theme's own ``*.<hash>.min.css`` files. The
source files stay in the site too. All of them live in ``assets/stylesheets/``, so relative ``url()`` still works.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

FOLDER = "assets/stylesheets/"
COMMENT = re.compile(r"/\*.*?\*/", re.S)
_bundle: dict[str, str] = {}


def _joined(docs_dir: Path, names: list[str]) -> str:
    parts = []
    for name in names:
        if not name.startswith(FOLDER):
            raise PluginError(f"mkdocs.yml extra_css: {name} must live in docs/{FOLDER} to be bundled (relative url() would break)")
        path = docs_dir / name
        if not path.exists():
            raise PluginError(f"mkdocs.yml extra_css: docs/{name} does not exist; fix the name or remove the line")
        text = COMMENT.sub("", path.read_text(encoding="utf-8"))
        parts.append("\n".join(line.strip() for line in text.splitlines() if line.strip()))
    return "\n".join(parts) + "\n"


@event_priority(50)  # before mkdocs-static-i18n copies the config for the English build
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    names = [str(n) for n in config.extra_css]
    if not names or (len(names) == 1 and names[0] == _bundle.get("name")):
        return config
    text = _joined(Path(config.docs_dir), names)
    name = f"{FOLDER}extra.{hashlib.sha256(text.encode()).hexdigest()[:8]}.min.css"
    _bundle.update(name=name, text=text)
    config.extra_css = [name]
    return config


@event_priority(-100)  # before overrides/hooks/offline.py lists the files to precache
def on_post_build(config: MkDocsConfig) -> None:
    if _bundle:
        out = Path(config.site_dir) / _bundle["name"]
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(_bundle["text"], encoding="utf-8")
