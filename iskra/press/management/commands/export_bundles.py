from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from iskra.press import sharing


class Command(BaseCommand):
    help = (
        "Write bundle.json next to every published article's page of a static export, so that "
        "a sister organization's Iskra can take articles from the static site."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("directory", type=Path, help="The directory of `iskra export_site`")
        parser.add_argument("--base-url", required=True, help="The static site's address")

    def handle(self, *args: Any, **options: Any) -> None:
        count = sharing.write_bundles(options["directory"], options["base_url"])
        self.stdout.write(f"Wrote {count} article bundles under {options['directory']}\n")
