"""Reads of the accounts app."""

from typing import Any

from django.db.models import Q, QuerySet

from iskra.audit.models import LogEntry
from iskra.network.models import Membership

ACTIVITY_LIMIT = 200


def account_activity(user: Any) -> QuerySet[LogEntry]:
    """The latest audit entries done by the user or about their account."""
    about_user = Q(object_type=user._meta.label_lower, object_id=str(user.pk))
    return LogEntry.objects.filter(about_user | Q(actor=user)).select_related("actor")[
        :ACTIVITY_LIMIT
    ]


def home_time_zone(user: Any) -> str:
    """The zone of the user's first collective (UTC without one), to show their times in."""
    membership = Membership.objects.active().filter(user=user).select_related("collective").first()
    return membership.collective.time_zone if membership else "UTC"
