from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from iskra.press import editions_files, queries
from iskra.press.management.commands.print_issue import default_base_url


class Command(BaseCommand):
    help = (
        "Make the print editions (PDF and front page) of published issues that do not have "
        "them yet: issues published before editions were made on publishing, or whose job "
        "failed. Newest issues first; what is made already is kept."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--publication", default=None, help="Only this publication")
        parser.add_argument(
            "--limit", type=int, default=None, help="Only the newest this many published issues"
        )
        parser.add_argument("--base-url", default=None, help="Default: ISKRA_PUBLIC_URL")

    def handle(self, *args: Any, **options: Any) -> None:
        base_url = options["base_url"] or default_base_url()
        issues = queries.published_issues().select_related("publication")
        if options["publication"]:
            issues = issues.filter(publication__slug=options["publication"])
        made = 0
        newest = issues.order_by("-published_at", "-pk")
        if options["limit"] is not None:
            newest = newest[: options["limit"]]
        for issue in newest:
            languages = [
                code
                for code in issue.publication.languages
                if not editions_files.is_complete(issue, code)
            ]
            if not languages:
                continue
            for code in languages:
                editions_files.make_pdf(issue, code, base_url=base_url)
                editions_files.make_front(issue, code, base_url=base_url)
                self.stdout.write(f"{issue.publication.slug} #{issue.number} ({code})")
            made += 1
        self.stdout.write(f"Made the editions of {made} issues.")
