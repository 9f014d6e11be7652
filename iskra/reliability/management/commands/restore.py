from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from iskra.reliability import backup


class Command(BaseCommand):
    help = (
        "Restore an encrypted backup into an empty database (--replace overwrites a database "
        "that holds data); checks the manifest and prints the row counts."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--identity", type=Path, required=True, help="age identity file")
        parser.add_argument(
            "--replace", action="store_true", help="overwrite a database that is not empty"
        )

    def handle(self, *args: Any, file: Path, identity: Path, replace: bool, **options: Any):
        try:
            manifest = backup.restore_backup(
                file,
                backup.identities_from(identity),
                replace=replace,
                progress=lambda step: self.stdout.write(f"Restoring the {step}..."),
            )
        except backup.BackupError as error:
            raise CommandError(str(error)) from None
        for table, count in sorted(manifest.counts.items()):
            self.stdout.write(f"{table:<40} {count:>10}")
        self.stdout.write(
            f"Restored the backup of {manifest.created_at} (Iskra {manifest.iskra_version}); "
            "every table has the rows its manifest lists. The data keys are not in backups: "
            "set ISKRA_DATA_KEY_FILE and ISKRA_BLIND_INDEX_KEY_FILE to the kept copies."
        )
