from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from iskra.reliability import backup


class Command(BaseCommand):
    help = (
        "Write an encrypted (age) backup of the database and the media, with a manifest; "
        "or check one with --verify FILE --identity KEYFILE (see docs/reliability.md)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--out", type=Path, help="the backup file to write")
        parser.add_argument(
            "--recipient",
            action="append",
            default=[],
            help="an age public key (age1...) or a file of them; repeatable. "
            "Default: ISKRA_BACKUP_RECIPIENTS",
        )
        parser.add_argument("--verify", type=Path, help="check this backup without restoring")
        parser.add_argument("--identity", type=Path, help="age identity file, for --verify")
        parser.add_argument(
            "--new-identity",
            type=Path,
            help="write a new age identity (private key) to this file and print its public key",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            if options["new_identity"]:
                public = backup.new_identity(options["new_identity"])
                self.stdout.write(
                    f"Wrote {options['new_identity']}. Its public key (the recipient): {public}\n"
                    "Keep the identity file away from the server and its backups."
                )
            elif options["verify"]:
                if not options["identity"]:
                    raise CommandError("--verify needs --identity KEYFILE.")
                manifest = backup.verify_backup(
                    options["verify"], backup.identities_from(options["identity"])
                )
                self._describe(manifest)
                self.stdout.write(f"{options['verify']}: the backup is sound.")
            elif options["out"]:
                recipients = backup.recipients_from(options["recipient"])
                manifest = backup.create_backup(options["out"], recipients)
                self._describe(manifest)
                self.stdout.write(f"Wrote {options['out']}.")
            else:
                raise CommandError("Give --out FILE, or --verify FILE --identity KEYFILE.")
        except FileExistsError as error:
            raise CommandError(f"{error.filename} exists already; refusing to overwrite.") from None
        except backup.BackupError as error:
            raise CommandError(str(error)) from None

    def _describe(self, manifest: backup.Manifest) -> None:
        rows = sum(manifest.counts.values())
        media = sum(1 for name in manifest.parts if name.startswith("media/"))
        self.stdout.write(
            f"Iskra {manifest.iskra_version}, {manifest.database}, taken {manifest.created_at}: "
            f"{len(manifest.migrations)} migrations, {len(manifest.counts)} tables, "
            f"{rows} rows, {media} media files."
        )
