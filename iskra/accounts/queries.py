"""Reads of the accounts app."""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db.models import Count, Max, Min, Q, QuerySet

from iskra.audit.models import LogEntry
from iskra.network.models import Membership
from iskra.network.scope import Capacity, narrow, protected_readable

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


EXPOSURE_DEFAULT_DAYS = 90
READ_ACTION = "people.contact.read"


@dataclass
class ExposedContact:
    contact_id: int
    display_name: str
    collective: str
    read_times: int = 0
    first_read: datetime | None = None
    last_read: datetime | None = None
    still_here: bool = True


@dataclass
class ExposureReport:
    user: Any
    since: datetime
    read: list[ExposedContact] = field(default_factory=list)
    could_read: list[ExposedContact] = field(default_factory=list)


def exposure_report(viewer: Any, user: Any, *, since: datetime) -> ExposureReport:
    """What `user` read of the contacts `viewer` may see since `since` (from the audit log,
    bulk reads included), and what it could have read: every contact whose protected fields
    its roles open, as if it had a two-factor login (the phone that was taken had one)."""
    from iskra.people.models import PROTECTED_FIELDS, Contact

    visible = narrow(Contact.objects.all(), viewer, Capacity.CONTACTS)
    reads = (
        LogEntry.objects.filter(
            actor=user, action=READ_ACTION, object_type="people.contact", created_at__gte=since
        )
        .values("object_id")
        .annotate(times=Count("id"), first=Min("created_at"), last=Max("created_at"))
    )
    by_id = {int(row["object_id"]): row for row in reads}
    contacts = (
        visible.filter(pk__in=list(by_id))
        .select_related("collective")
        .defer(*PROTECTED_FIELDS)
        .order_by("search_name", "id")
    )
    report = ExposureReport(user=user, since=since)
    for contact in contacts:
        row = by_id[contact.pk]
        report.read.append(
            ExposedContact(
                contact.pk,
                contact.display_name,
                contact.collective.name,
                row["times"],
                row["first"],
                row["last"],
            )
        )
    could = (
        protected_readable(user, visible, require_two_factor=False)
        .select_related("collective")
        .defer(*PROTECTED_FIELDS)
        .order_by("search_name", "id")
    )
    report.could_read = [
        ExposedContact(contact.pk, contact.display_name, contact.collective.name)
        for contact in could.iterator(chunk_size=2000)
    ]
    return report
