from datetime import date
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from iskra.finance.beancount import export
from iskra.network.models import Collective


class Command(BaseCommand):
    help = "Write a collective's books (and with --below its subtree's) in Beancount's format."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--collective", required=True, help="the collective's short name")
        parser.add_argument("--below", action="store_true", help="include every collective below")
        parser.add_argument("--from", dest="start", type=date.fromisoformat, default=None)
        parser.add_argument("--to", dest="end", type=date.fromisoformat, default=None)
        parser.add_argument("--out", required=True, type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        collective = Collective.objects.filter(slug=options["collective"]).first()
        if collective is None:
            raise CommandError(f"No collective {options['collective']!r}.")
        collectives = (
            list(Collective.objects.filter(path__startswith=collective.path).order_by("path"))
            if options["below"]
            else [collective]
        )
        start, end = options["start"], options["end"]
        if start and end and end < start:
            raise CommandError("--to is before --from.")
        with options["out"].open("w", encoding="utf-8") as out:
            for chunk in export(collectives, start=start, end=end):
                out.write(chunk)
        self.stdout.write(
            f"Wrote the books of {len(collectives)} collective(s) to {options['out']}"
        )
