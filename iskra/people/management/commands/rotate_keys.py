import base64
import os
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.db import connection, transaction

from iskra.audit.services import log_action
from iskra.people import crypto
from iskra.people.fields import EncryptedTextField

BATCH = 2000


def encrypted_columns() -> list[tuple[str, str, str]]:
    """(table, primary key column, column) of every encrypted field in the project."""
    found = []
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, EncryptedTextField):
                found.append((model._meta.db_table, model._meta.pk.column, field.column))
    return found


def write_keys(path: Path, keys: list[bytes]) -> None:
    """Replace the key file atomically (a crash leaves the old or the new file, never half)."""
    temporary = path.with_name(path.name + ".new")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w") as key_file:
        key_file.write("".join(base64.urlsafe_b64encode(key).decode() + "\n" for key in keys))
        key_file.flush()
        os.fsync(key_file.fileno())
    os.replace(temporary, path)


class Command(BaseCommand):
    help = (
        "Re-encrypt every protected value under a new data key. The new key goes first in "
        "ISKRA_DATA_KEY_FILE and the old ones stay readable until every row is done; then "
        "the old keys are removed from the file (unless --keep-old). Safe to run again "
        "after an interruption. Restart the web and worker processes afterwards."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--keep-old", action="store_true")

    def handle(self, *args: Any, keep_old: bool, **options: Any) -> None:
        path = Path(settings.ISKRA_DATA_KEY_FILE)
        old_keys = crypto.read_key_file(path, "ISKRA_DATA_KEY_FILE")
        new_key = os.urandom(32)
        write_keys(path, [new_key, *old_keys])
        crypto.reset_keyring()
        total = 0
        for table, pk_column, column in encrypted_columns():
            done = self.rotate_column(table, pk_column, column)
            self.stdout.write(f"{table}.{column}: {done} values re-encrypted")
            total += done
        if not keep_old:
            write_keys(path, [new_key])
            crypto.reset_keyring()
        log_action("people.keys.rotated", details={"values": total, "kept_old": keep_old})
        self.stdout.write(
            f"Done: {total} values under the new key"
            + ("; old keys kept." if keep_old else "; old keys removed from the key file.")
        )

    def rotate_column(self, table: str, pk_column: str, column: str) -> int:
        # Table and column names come from the models' metadata, never from input.
        quote = connection.ops.quote_name
        context = f"{table}.{column}".encode()
        select = (
            f"SELECT {quote(pk_column)}, {quote(column)} FROM {quote(table)} "  # noqa: S608
            f"WHERE {quote(pk_column)} > %s ORDER BY {quote(pk_column)} LIMIT {BATCH}"
        )
        update = f"UPDATE {quote(table)} SET {quote(column)} = %s WHERE {quote(pk_column)} = %s"  # noqa: S608, E501
        last = 0
        done = 0
        while True:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(select, [last])
                rows = cursor.fetchall()
                if not rows:
                    return done
                changes = []
                for pk, value in rows:
                    token = bytes(value) if value is not None else b""
                    if token and not crypto.is_current(token):
                        plaintext = crypto.decrypt(token, context)
                        changes.append((crypto.encrypt(plaintext, context), pk))
                if changes:
                    cursor.executemany(update, changes)
                done += len(changes)
                last = rows[-1][0]
