"""Our stylesheets and scripts as served: one fingerprinted CSS bundle, esbuild-minified JS with content-hashed
names (``scripts/assets.py``); a stylesheet a page links on its own is served minified under its own name.
Templates write ``{{ asset("site.js") | url }}`` (or inline a script with ``{{ inline_script("search/loader.js") }}``);
the sources are not published."""

from __future__ import annotations

import hashlib
from pathlib import Path

import jinja2
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

from scripts import assets
from scripts.files import write_atomic
from scripts.paths import CACHE
from scripts.postbuild import state


@event_priority(50)  # after overrides/hooks/data.py made the build state; before the i18n plugin copies the config
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    build = state.from_config(config)
    if build.scripts is not None:  # the nested English build: already done
        return config
    try:
        build.css_sources = [str(n) for n in config.extra_css]
        build.css_bundle = assets.join_css(Path(config.docs_dir), build.css_sources)
        build.scripts = assets.build_js(Path(config.docs_dir))
    except assets.AssetError as exc:
        raise PluginError(str(exc)) from None
    config.extra_css = [build.css_bundle[0]]
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    build = state.from_config(config)
    docs = Path(config.docs_dir).resolve()
    for file in list(files):  # our sources (not the theme's files): the site serves only the built ones
        src = Path(file.abs_src_path).resolve() if file.abs_src_path else None
        if src and src.is_relative_to(docs) and file.src_uri.startswith(assets.JS_FOLDER) and file.src_uri.endswith(".js"):
            files.remove(file)
    for rel in build.scripts.files:
        if files.get_file_from_path(rel) is None:
            files.append(File.generated(config, rel, abs_src_path=str(build.scripts.folder / rel)))
    for event in assets.BEACON_EVENTS:
        rel = f"{assets.BEACON_DIR}{event}.gif"
        source = CACHE / "beacon" / f"{event}.gif"
        if not source.exists():
            write_atomic(source, assets.BEACON_GIF)
        if files.get_file_from_path(rel) is None:
            files.append(File.generated(config, rel, abs_src_path=str(source)))
    bundled = {str(n) for n in build.css_sources}
    for file in list(files):  # a stylesheet a page links on its own (calculator.css): served minified, same name
        src = Path(file.abs_src_path).resolve() if file.abs_src_path else None
        if (src and src.is_relative_to(docs) and file.src_uri.startswith(assets.CSS_FOLDER) and file.src_uri.endswith(".css")
                and file.src_uri not in bundled):
            raw = src.read_bytes()
            source = CACHE / "css" / f"{hashlib.sha256(raw).hexdigest()[:12]}-{src.name}"
            if not source.exists():
                try:
                    write_atomic(source, assets.minify_css(raw.decode("utf-8")))
                except assets.AssetError as exc:
                    raise PluginError(f"docs/{file.src_uri}: {exc}") from None
            files.remove(file)
            files.append(File.generated(config, file.src_uri, abs_src_path=str(source)))
    path, text = build.css_bundle
    if files.get_file_from_path(path) is None:
        source = CACHE / "css" / Path(path).name  # a file, not content: mkdocs-static-i18n needs a source path
        if not source.exists():
            write_atomic(source, text)
        files.append(File.generated(config, path, abs_src_path=str(source)))
    return files


def on_env(env: jinja2.Environment, config: MkDocsConfig, files: Files) -> jinja2.Environment:
    names = state.from_config(config).scripts.names

    def asset(entry: str) -> str:
        if entry not in names:
            raise PluginError(f"template asks for the script {entry!r}; scripts/assets.py builds: {', '.join(sorted(names))}")
        return names[entry]

    def inline_script(entry: str) -> Markup:
        inline = state.from_config(config).scripts.inline
        if entry not in inline:
            raise PluginError(f"template inlines the script {entry!r}; scripts/assets.py JS_INLINE has: {', '.join(sorted(inline))}")
        return Markup(inline[entry])

    env.globals["asset"] = asset
    env.globals["inline_script"] = inline_script  # {{ inline_script("search/loader.js") }} inside <script></script>
    return env
