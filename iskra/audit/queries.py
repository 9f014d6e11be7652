from django.db import models
from django.db.models import Q

from iskra.audit.models import LogEntry


def history_of(target: models.Model) -> models.QuerySet[LogEntry]:
    """The entries about one object. Callers load `target` through the access scope first."""
    return LogEntry.objects.filter(
        object_type=target._meta.label_lower, object_id=str(target.pk)
    ).select_related("actor")


def entries_for_collectives(collective_ids: list[int]) -> models.QuerySet[LogEntry]:
    return LogEntry.objects.filter(collective_id__in=collective_ids).select_related("actor")


def history_of_collective(collective: models.Model) -> models.QuerySet[LogEntry]:
    """Everything logged in a collective (memberships, invitations, reads of its contacts...)
    and about the collective itself. Callers load `collective` through the access scope."""
    about_it = Q(object_type=collective._meta.label_lower, object_id=str(collective.pk))
    return LogEntry.objects.filter(Q(collective=collective) | about_it).select_related("actor")
