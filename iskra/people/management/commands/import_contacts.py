import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from iskra.people import csvimport
from iskra.people.management.commands._common import collective_for


class Command(BaseCommand):
    help = (
        "Import contacts from a CSV file into a collective. All or nothing by default: one "
        "bad row and nothing is imported; --skip-bad-rows imports the good rows. Every bad "
        "row and every duplicate is reported with its line number."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="CSV file, or - for standard input")
        parser.add_argument("--collective", required=True, help="short name (slug)")
        parser.add_argument("--dry-run", action="store_true", help="check only, write nothing")
        parser.add_argument("--skip-bad-rows", action="store_true")
        parser.add_argument(
            "--preset", default="auto", choices=["auto", *sorted(csvimport.PRESETS)]
        )
        parser.add_argument("--mapping", type=Path, help='JSON {"column": "field"}')
        parser.add_argument("--encoding", default="utf-8")
        parser.add_argument("--as", dest="username", help="act as this user (audit, scope)")

    def handle(self, *args: Any, **options: Any) -> None:
        collective, actor = collective_for(options["collective"], options["username"])
        path: Path = options["file"]
        try:
            data = sys.stdin.buffer.read() if str(path) == "-" else path.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}") from None
        mapping = csvimport.load_mapping(options["mapping"]) if options["mapping"] else None
        try:
            report = csvimport.import_contacts(
                data,
                collective=collective,
                actor=actor,
                preset=options["preset"],
                mapping=mapping,
                encoding=options["encoding"],
                dry_run=options["dry_run"],
                skip_bad_rows=options["skip_bad_rows"],
            )
        except csvimport.ImportFileError as error:
            raise CommandError(f"{path}: {error} Nothing was imported.") from None
        for problem in report.errors:
            self.stderr.write(f"{path}: {problem}")
        for duplicate in report.duplicates:
            where = (
                f"contact #{duplicate.existing_id}"
                if duplicate.existing_id
                else "an earlier line of the file"
            )
            self.stderr.write(
                f"{path}: line {duplicate.line}: same {duplicate.reason} as {where}; left out"
            )
        summary = (
            f"{report.rows} rows ({report.preset} columns): {report.bad_lines} bad, "
            f"{len(report.duplicates)} duplicates"
        )
        if report.ignored_columns:
            self.stdout.write(f"Columns left out: {', '.join(report.ignored_columns)}")
        if report.dry_run:
            self.stdout.write(f"{summary}. Dry run: nothing was imported.")
        elif report.blocked:
            raise CommandError(
                f"{summary}. Nothing was imported: fix the bad rows, or use --skip-bad-rows."
            )
        else:
            self.stdout.write(f"{summary}. Imported {report.imported} contacts.")
        if report.errors and report.dry_run and not report.skip_bad_rows:
            raise CommandError("The file has bad rows (see above).")
