"""Our own stylesheets and scripts as the site serves them: joined, minified, named by their content.

* **CSS**: the files of ``extra_css`` are joined in their order and minified by esbuild into
  ``assets/stylesheets/extra.<hash>.min.css`` (one render-blocking request instead of several).
* **JS**: esbuild (npm, pinned) bundles and minifies each entry of :data:`JS_ENTRIES` into
  ``assets/javascripts/<name>.<hash>.js`` (and the scripts of :data:`JS_INLINE` that templates inline); the
  calculator is an ES module whose print-only QR encoder stays a separate chunk, loaded when someone prints.
  esbuild parses modern JavaScript (rjsmin did not, and broke nested template literals), and the tests run the
  calculator from these very files.

A name changes with its content, so ``deploy/nginx.conf`` caches these files for a year, and a page always runs
the code it was built with: after a deploy the service worker cannot serve an old calculator to a new page.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from scripts.paths import CACHE, ROOT

CSS_FOLDER = "assets/stylesheets/"
JS_FOLDER = "assets/javascripts/"
COMMENT = re.compile(r"/\*.*?\*/", re.S)
ESBUILD = ROOT / "node_modules" / ".bin" / "esbuild"
# Entry points, relative to docs/assets/javascripts/: modules (imports allowed) and classic deferred scripts.
JS_MODULES = ("calculator/ui.js",)
# site.js joins the scripts of every page (validity, share, enhance, beacon): one file, one request.
JS_SCRIPTS = ("site.js", "search/worker.js")
JS_ENTRIES = JS_MODULES + JS_SCRIPTS
# Scripts inlined in a template (they must run before the theme's bundle.js): minified here, not published as files.
JS_INLINE = ("search/loader.js",)
TARGET = "es2020"  # import.meta and import() are ES2020; Chrome 80+ (Android phones from 2020) runs it


# The beacon files that docs/assets/javascripts/beacon.js asks for, so that the office's server logs each event
# (scripts/report.py). A 1×1 transparent GIF: any static host answers 200, never a 404 in the reader's console.
BEACON_DIR = "q/_/"
BEACON_EVENTS = ("open", "share", "print")
BEACON_GIF = bytes.fromhex("47494638396101000100800000000000ffffff21f90401000000002c00000000010001000002024401003b")


class AssetError(ValueError):
    """A stylesheet or script that cannot be bundled; the message says what to change."""


def join_css(docs_dir: Path, names: list[str]) -> tuple[str, str]:
    """``(site path, text)`` of the stylesheet bundle made from ``names`` (paths relative to ``docs_dir``)."""
    parts = []
    for name in names:
        if not name.startswith(CSS_FOLDER):
            raise AssetError(f"mkdocs.yml extra_css: {name} must live in docs/{CSS_FOLDER} to be bundled (relative url() would break)")
        path = docs_dir / name
        if not path.exists():
            raise AssetError(f"mkdocs.yml extra_css: docs/{name} does not exist; fix the name or remove the line")
        parts.append(path.read_text(encoding="utf-8"))
    text = minify_css("\n".join(parts))
    return f"{CSS_FOLDER}extra.{hashlib.sha256(text.encode()).hexdigest()[:8]}.min.css", text


def minify_css(text: str) -> str:
    """esbuild's CSS minifier (no lowering: it keeps what is written), or, without esbuild, comments and indents out."""
    if ESBUILD.exists():
        proc = subprocess.run([str(ESBUILD), "--minify", "--loader=css", "--log-level=error"], input=text,
                              capture_output=True, text=True, cwd=ROOT)
        if proc.returncode != 0:
            raise AssetError(f"the site's stylesheets do not parse (mkdocs.yml extra_css):\n{proc.stderr.strip()}")
        return proc.stdout
    text = COMMENT.sub("", text)
    return "\n".join(line.strip() for line in text.splitlines() if line.strip()) + "\n"


@dataclass(frozen=True)
class ScriptBundle:
    """The built scripts: ``names`` maps an entry (``calculator/ui.js``) to its site path; ``folder`` holds the files."""

    folder: Path
    names: dict[str, str]
    files: tuple[str, ...]  # every file written, chunks included, relative to ``folder``
    inline: dict[str, str]  # an entry of JS_INLINE → its minified text, for a <script> in a template


def build_js(docs_dir: Path, cache_root: Path = CACHE / "js") -> ScriptBundle:
    """Run esbuild once per version of the sources (cached in ``.cache/js/<hash>/``)."""
    src = docs_dir / JS_FOLDER
    if not ESBUILD.exists():
        raise AssetError("esbuild is missing: run `npm ci` (make site does it)")
    inputs = sorted(p for p in src.rglob("*.js"))
    key = hashlib.sha256()
    for p in inputs:
        key.update(p.relative_to(src).as_posix().encode())
        key.update(p.read_bytes())
    key.update(json.dumps([JS_MODULES, JS_SCRIPTS, JS_INLINE, TARGET, ESBUILD.resolve().parent.parent.name]).encode())
    target = cache_root / key.hexdigest()[:16]
    manifest = target / "manifest.json"
    if not manifest.exists():
        cache_root.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=".tmp-", dir=cache_root))
        try:
            out = tmp / JS_FOLDER
            common = ["--bundle", "--minify", f"--target={TARGET}", "--charset=utf8", "--legal-comments=inline",
                      f"--outbase={src}", f"--outdir={out}", "--entry-names=[dir]/[name].[hash]", "--log-level=error"]
            _esbuild([*(str(src / e) for e in JS_MODULES), *common, "--format=esm", "--splitting",
                      "--chunk-names=chunks/[name].[hash]", f"--metafile={tmp / 'modules.json'}"])
            _esbuild([*(str(src / e) for e in JS_SCRIPTS), *common, "--format=iife", f"--metafile={tmp / 'scripts.json'}"])
            names: dict[str, str] = {}
            for meta in ("modules.json", "scripts.json"):
                for path, info in json.loads((tmp / meta).read_text(encoding="utf-8"))["outputs"].items():
                    entry = info.get("entryPoint")
                    if entry:
                        built = Path(path).resolve().relative_to(tmp.resolve()).as_posix()
                        names[Path(entry).resolve().relative_to(src.resolve()).as_posix()] = built
                (tmp / meta).unlink()
            files = sorted(p.relative_to(tmp).as_posix() for p in tmp.rglob("*") if p.is_file())
            inline = {}
            for entry in JS_INLINE:
                _esbuild([str(src / entry), "--minify", f"--target={TARGET}", "--charset=utf8", f"--outfile={tmp / 'inline.js'}",
                          "--log-level=error"])
                inline[entry] = (tmp / "inline.js").read_text(encoding="utf-8").strip()
                (tmp / "inline.js").unlink()
                if "</script" in inline[entry].lower():
                    raise AssetError(f"docs/{JS_FOLDER}{entry}: '</script' would end the inline script; write it as '<\\/script'")
            (tmp / "manifest.json").write_text(json.dumps({"names": names, "files": files, "inline": inline}, indent=1),
                                               encoding="utf-8")
            shutil.rmtree(target, ignore_errors=True)
            tmp.rename(target)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    data = json.loads(manifest.read_text(encoding="utf-8"))
    return ScriptBundle(target, data["names"], tuple(data["files"]), data["inline"])


def _esbuild(args: list[str]) -> None:
    proc = subprocess.run([str(ESBUILD), *args], capture_output=True, text=True, cwd=ROOT)
    if proc.returncode != 0:
        raise AssetError(f"esbuild could not build the site's JavaScript:\n{proc.stderr.strip()}")
