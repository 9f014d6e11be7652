from typing import Any

from django.core.management.base import BaseCommand

from iskra.core.translations import compile_catalogues


class Command(BaseCommand):
    help = "Compile every .po file of Iskra to .mo, in pure Python (no GNU gettext needed)."

    def handle(self, *args: Any, **options: Any) -> None:
        for path, percent in compile_catalogues():
            self.stdout.write(f"{path}: {percent}%")
