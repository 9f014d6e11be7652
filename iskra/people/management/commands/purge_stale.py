from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from iskra.network.models import Collective
from iskra.people import queries, services


class Command(BaseCommand):
    help = (
        "Delete for good the contacts with no conversation for ISKRA_RETENTION_MONTHS "
        "(default 24) who are not members. --dry-run lists them and deletes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true")
        parser.add_argument("--months", type=int, default=None)

    def handle(self, *args: Any, dry_run: bool, months: int | None, **options: Any) -> None:
        months = months or settings.ISKRA_RETENTION_MONTHS
        ids = list(Collective.objects.values_list("id", flat=True))
        stale = list(queries.stale_contacts(ids, months=months, today=timezone.localdate()))
        for contact in stale:
            last = contact.last_contact_on.isoformat() if contact.last_contact_on else "never"
            self.stdout.write(
                f"#{contact.pk}\t{contact.collective.slug}\t{contact.stage.key}\t"
                f"last conversation: {last}"
            )
        if dry_run:
            self.stdout.write(
                f"{len(stale)} contacts with no conversation for {months} months "
                "(dry run: nothing deleted)."
            )
            return
        deleted = services.contacts_purge(actor=None, contacts=stale)
        self.stdout.write(f"Deleted {deleted} contacts and their conversations for good.")
