from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from iskra.press.export import ExportRefused, export_site


class Command(BaseCommand):
    help = (
        "Write the public site (published content only) as static files into DIR. Run it again "
        "into the same folder to update it: only what changed is written, and the files of "
        "anything no longer published are removed."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("directory", type=Path)
        parser.add_argument(
            "--base-url",
            default=None,
            help="Where the static site will be served, path included (e.g. "
            "https://example.org/sub/press/), for feeds, sitemap and canonical links. "
            "Default: ISKRA_PUBLIC_URL",
        )
        parser.add_argument("--no-search", action="store_true", help="Skip the Pagefind index")

    def handle(self, *args: Any, directory: Path, **options: Any) -> None:
        base_url = options["base_url"] or getattr(settings, "ISKRA_PUBLIC_URL", "")
        try:
            result = export_site(
                directory, base_url=base_url, search_index=not options["no_search"]
            )
        except ExportRefused as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Exported {result.pages} pages ({result.articles_rendered} articles made again), "
            f"{result.feeds} feeds and {result.static_files} static files to {directory} in "
            f"{result.seconds:.1f} s: {result.written} files written, {result.unchanged} "
            f"unchanged, {result.removed} removed; search: {result.search}"
        )
        if result.missing_editions:
            self.stderr.write(
                f"{len(result.missing_editions)} print editions are not made yet and are not "
                "linked: "
                + ", ".join(result.missing_editions[:20])
                + (" ..." if len(result.missing_editions) > 20 else "")
                + ". They are made by the job queued when their issue was published "
                "(`iskra worker`); `iskra make_editions` makes them now. Export again "
                "afterwards to add them."
            )
        if result.failures:
            raise CommandError("Some pages failed: " + "; ".join(result.failures[:20]))
