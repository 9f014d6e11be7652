from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from iskra.press.models import Issue
from iskra.press.printing import issue_pdf


def default_base_url() -> str:
    hosts = [host for host in settings.ALLOWED_HOSTS if host and "*" not in host]
    host = hosts[0].lstrip(".") if hosts else "localhost:8000"
    return f"{'http' if settings.DEBUG else 'https'}://{host}"


class Command(BaseCommand):
    help = "Write the print-ready PDF of an issue."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("publication", help="The publication's short name, e.g. red-banner")
        parser.add_argument("number", type=int)
        parser.add_argument("--out", type=Path, required=True, help="The PDF file to write")
        parser.add_argument(
            "--language",
            default=None,
            help="One language; without it, every language for a combined bilingual "
            "publication, the first language otherwise",
        )
        parser.add_argument(
            "--base-url",
            default=None,
            help="The public site's address, for the submission link and QR code",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        issue = (
            Issue.objects.select_related("publication")
            .filter(publication__slug=options["publication"], number=options["number"])
            .first()
        )
        if issue is None:
            raise CommandError(f"No issue {options['number']} of {options['publication']!r}.")
        language = options["language"]
        if language and language not in issue.publication.languages:
            raise CommandError(
                f"{issue.publication.slug} is published in {', '.join(issue.publication.languages)}"
                f", not {language}."
            )
        pdf = issue_pdf(
            issue, language=language, base_url=options["base_url"] or default_base_url()
        )
        options["out"].write_bytes(pdf)
        self.stdout.write(f"Wrote {options['out']} ({len(pdf) // 1024} KiB)")
