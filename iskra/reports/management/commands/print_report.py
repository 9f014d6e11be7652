from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from iskra.core.errors import DomainError
from iskra.network.models import Collective
from iskra.reports import printing, queries
from iskra.reports.models import Report
from iskra.reports.periods import parse_period


class Command(BaseCommand):
    help = (
        "Write a collective's period report as PDF: the frozen version once submitted, the "
        "figures as they are now otherwise, with the roll-up of the collectives below."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--collective", required=True, help="The collective's slug")
        parser.add_argument(
            "--period", required=True, help="2026-10, 2026-Q3 or 2026-07-01..2026-09-30"
        )
        parser.add_argument("--out", type=Path, required=True, help="The PDF file to write")
        parser.add_argument("--language", default=None, help="Default: the collective's first")

    def handle(self, *args: Any, **options: Any) -> None:
        collective = Collective.objects.filter(slug=options["collective"]).first()
        if collective is None:
            raise CommandError(f"No collective {options['collective']!r}.")
        try:
            period = parse_period(options["period"])
        except DomainError as error:
            raise CommandError(error.message) from None
        language = options["language"] or (collective.languages or ["en"])[0]
        report = Report.objects.filter(
            collective=collective, start=period.start, end=period.end
        ).first()
        if report is None:
            report = Report(
                collective=collective, kind=period.kind, start=period.start, end=period.end
            )
            snapshot, version = queries.build_snapshot(report), None
        else:
            snapshot, version = queries.snapshot_of(report)
        rollup = queries.rollup(collective, period) if collective.children.exists() else None
        pdf = printing.report_pdf(
            snapshot=snapshot,
            sha256=version.sha256 if version else None,
            rollup=rollup,
            language=language,
        )
        options["out"].write_bytes(pdf)
        self.stdout.write(f"Wrote {options['out']} ({len(pdf) // 1024} KiB)")
