from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from iskra.audit.services import purge_entries_before


class Command(BaseCommand):
    help = "Delete audit entries older than ISKRA_AUDIT_RETENTION_MONTHS (the only way to delete)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--months", type=int, default=settings.ISKRA_AUDIT_RETENTION_MONTHS)

    def handle(self, *args: Any, months: int, **options: Any) -> None:
        cutoff = timezone.now() - timedelta(days=months * 30)
        removed = purge_entries_before(cutoff)
        self.stdout.write(f"Removed {removed} audit entries older than {cutoff:%Y-%m-%d}.")
