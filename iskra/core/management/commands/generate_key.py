import base64
import os
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser


class Command(BaseCommand):
    help = "Write a new random 256-bit key to a file readable only by its owner."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--out", required=True, type=Path)

    def handle(self, *args: Any, out: Path, **options: Any) -> None:
        if out.exists():
            raise CommandError(f"{out} exists already; refusing to overwrite a key.")
        out.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as key_file:
            key_file.write(base64.urlsafe_b64encode(os.urandom(32)).decode() + "\n")
        self.stdout.write(f"Wrote a new key to {out}. Keep a copy apart from the database.")
