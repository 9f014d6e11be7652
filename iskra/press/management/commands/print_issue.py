from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from iskra.press.models import Issue, Publication
from iskra.press.printing import print_issue


def default_base_url() -> str:
    if getattr(settings, "ISKRA_PUBLIC_URL", ""):
        return str(settings.ISKRA_PUBLIC_URL)
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
            help="The public site's address, for the submission link and QR code "
            "(default: ISKRA_PUBLIC_URL)",
        )
        parser.add_argument(
            "--crop-marks",
            action="store_true",
            help="Crop marks and 3 mm bleed around each page, for a print shop",
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
        booklet = issue.publication.print_format == Publication.PrintFormat.A5_BOOKLET
        result = print_issue(
            issue,
            language=language,
            base_url=options["base_url"] or default_base_url(),
            crop_marks=options["crop_marks"],
            imposed=booklet,
        )
        out: Path = options["out"]
        out.write_bytes(result.pdf)
        proof = " (proof)" if result.proof else ""
        self.stdout.write(
            f"Wrote {out}: {result.pages} pages{proof}, {len(result.pdf) // 1024} KiB"
        )
        if result.imposed is not None:
            imposed = out.with_name(f"{out.stem}-imposed{out.suffix}")
            imposed.write_bytes(result.imposed)
            self.stdout.write(f"Wrote {imposed}: imposed for saddle stitching")
        for warning in result.warnings:
            self.stderr.write(f"Warning: {warning}")
