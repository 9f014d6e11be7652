"""Compiling the gettext catalogues in pure Python, so that no GNU gettext is needed."""

import os
import tempfile
from pathlib import Path

import polib  # type: ignore[import-untyped]

import iskra


def compile_catalogues(*, only_stale: bool = False) -> list[tuple[Path, int]]:
    """Write every `.po` of Iskra as `.mo` next to it; returns (path, percent translated).

    Each `.mo` is written to a temporary file and renamed into place, so parallel test
    workers that compile at the same time never read half a file."""
    root = Path(iskra.__file__).parent
    compiled = []
    for po_path in sorted(root.glob("**/locale/*/LC_MESSAGES/*.po")):
        mo_path = po_path.with_suffix(".mo")
        if only_stale and mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        catalog = polib.pofile(str(po_path))
        descriptor, temporary = tempfile.mkstemp(dir=mo_path.parent, suffix=".mo.tmp")
        os.close(descriptor)
        catalog.save_as_mofile(temporary)
        os.replace(temporary, mo_path)
        compiled.append((po_path.relative_to(root), catalog.percent_translated()))
    return compiled
