"""`iskra purge_audit` is the one way entries leave the log: only those past retention."""

import io
from datetime import timedelta

from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from iskra.audit.models import LogEntry
from iskra.audit.services import log_action


def backdate(entry, days):
    """Entries cannot be updated through the ORM; tests age them in SQL."""
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE audit_logentry SET created_at = %s WHERE id = %s",
            [timezone.now() - timedelta(days=days), entry.pk],
        )


def test_it_removes_only_entries_older_than_the_retention(db, settings):
    settings.ISKRA_AUDIT_RETENTION_MONTHS = 12
    ancient = log_action("network.collective.updated", details={"n": 1})
    recent = log_action("network.collective.updated", details={"n": 2})
    backdate(ancient, days=400)
    backdate(recent, days=300)
    out = io.StringIO()
    call_command("purge_audit", "--months", "12", stdout=out)
    assert "Removed 1 audit entries" in out.getvalue()
    assert list(LogEntry.objects.values_list("pk", flat=True)) == [recent.pk]


def test_the_default_is_the_configured_retention(db, settings):
    settings.ISKRA_AUDIT_RETENTION_MONTHS = 36
    entry = log_action("network.collective.updated")
    backdate(entry, days=2 * 365)
    call_command("purge_audit", stdout=io.StringIO())
    assert LogEntry.objects.filter(pk=entry.pk).exists()
