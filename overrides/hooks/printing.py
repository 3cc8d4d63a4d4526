"""Printed material and QR codes in the site: ``in-an/`` (PDFs, previews, QR codes) and the short paths ``q/<code>/``.

Everything is rendered by ``scripts.printing.build.ensure`` into ``.cache/print/<hash of inputs>/``; an
unchanged rebuild renders nothing. The files are added to MkDocs's ``Files`` as generated files, so links
from the pages to the PDFs are checked by the strict build like any other link.

The lists of these files on the pages (``{{ schedule() }}``, ``{{ print_places() }}``, ``{{ page_qr_list() }}``)
are page macros (``overrides/hooks/page_macros.py``).
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

from scripts import qr
from scripts.errors import DataError
from scripts.printing.build import ensure
from scripts.site_data import from_config

# -------------------------------------------------------------------------------------------------
# Hooks
# -------------------------------------------------------------------------------------------------


@event_priority(-50)  # after mkdocs-static-i18n has sorted the pages by language: these files are language-neutral
def on_files(files: Files, config: MkDocsConfig) -> Files:
    try:
        folder, _rendered = ensure(from_config(config))
    except qr.TooLong as exc:  # the part of the address the office chose is site_url
        site = from_config(config)
        raise PluginError(f"{site.office.file}: site_url: {exc} (a shorter site_url keeps every printed QR code "
                          "small enough to scan from paper)") from None
    except (DataError, ValueError) as exc:
        raise PluginError(str(exc)) from None
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.name.startswith("."):
            uri = path.relative_to(folder).as_posix()
            if files.get_file_from_path(uri) is None:
                files.append(File.generated(config, uri, abs_src_path=str(path)))
    return files
