from django.db import models

from iskra.audit.models import LogEntry


def history_of(target: models.Model) -> models.QuerySet[LogEntry]:
    """The entries about one object. Callers load `target` through the access scope first."""
    return LogEntry.objects.filter(
        object_type=target._meta.label_lower, object_id=str(target.pk)
    ).select_related("actor")


def entries_for_collectives(collective_ids: list[int]) -> models.QuerySet[LogEntry]:
    return LogEntry.objects.filter(collective_id__in=collective_ids).select_related("actor")
