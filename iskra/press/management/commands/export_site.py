from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from iskra.press.export import export_site
from iskra.press.management.commands.print_issue import default_base_url


class Command(BaseCommand):
    help = "Write the public site (published content only) as static files into DIR."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("directory", type=Path)
        parser.add_argument(
            "--base-url",
            default=None,
            help="Where the static site will be served, for feeds, sitemap and canonical links",
        )
        parser.add_argument("--no-search", action="store_true", help="Skip the Pagefind index")

    def handle(self, *args: Any, directory: Path, **options: Any) -> None:
        result = export_site(
            directory,
            base_url=options["base_url"] or default_base_url(),
            search_index=not options["no_search"],
        )
        self.stdout.write(
            f"Wrote {result.pages} pages, {result.feeds} feeds and {result.static_files} "
            f"static files to {directory} in {result.seconds:.1f} s; search: {result.search}"
        )
        if result.failures:
            raise CommandError("Some pages failed: " + "; ".join(result.failures[:20]))
