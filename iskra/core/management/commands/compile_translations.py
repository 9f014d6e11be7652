from pathlib import Path
from typing import Any

import polib  # type: ignore[import-untyped]
from django.core.management.base import BaseCommand

import iskra


class Command(BaseCommand):
    help = "Compile every .po file of Iskra to .mo, in pure Python (no GNU gettext needed)."

    def handle(self, *args: Any, **options: Any) -> None:
        root = Path(iskra.__file__).parent
        for po_path in sorted(root.glob("**/locale/*/LC_MESSAGES/*.po")):
            catalog = polib.pofile(str(po_path))
            catalog.save_as_mofile(str(po_path.with_suffix(".mo")))
            self.stdout.write(f"{po_path.relative_to(root)}: {catalog.percent_translated()}%")
