"""Reads of the activities app: calendars, attendance and stage suggestions."""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from iskra.activities.models import Attendance, CalendarToken, Event, SuggestionDismissal
from iskra.activities.services import hash_token
from iskra.network.models import Collective
from iskra.network.scope import Capacity, narrow
from iskra.people.crypto import normalize_name
from iskra.people.models import Contact, Stage, StageChange

SUGGEST_AFTER = 3
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
FEED_PAST_DAYS = 30


def upcoming_events(user: Any, *, days_back: int = 0) -> QuerySet[Event]:
    since = timezone.now() - timedelta(days=days_back)
    return (
        narrow(Event.objects.all(), user, Capacity.VIEW)
        .filter(Q(starts_at__gte=since) | Q(ends_at__gte=since))
        .select_related("collective")
        .order_by("starts_at")
    )


def user_for_token(token: str) -> Any:
    record = (
        CalendarToken.objects.filter(token_hash=hash_token(token), revoked_at__isnull=True)
        .select_related("user")
        .first()
    )
    if record is None or not record.user.is_active:
        return None
    return record.user


def attendance_of(event: Event) -> list[Attendance]:
    return list(event.attendances.select_related("user", "contact"))


def came_to(event: Event) -> list[Attendance]:
    """Everyone recorded as having come, members first."""
    return list(
        event.attendances.filter(attended=True)
        .select_related("user", "contact__stage")
        .order_by("contact_id", "user__username", "contact__search_name")
    )


def invitable_contacts(collective: Collective, search: str = "") -> QuerySet[Contact]:
    """The collective's contacts, by name, narrowed by a search; every one of them (paged by
    the caller), never a capped list."""
    contacts = Contact.objects.filter(collective=collective)
    if search:
        contacts = contacts.filter(search_name__contains=normalize_name(search))
    return contacts.select_related("stage").order_by("search_name", "pk")


@dataclass
class Suggestion:
    contact: Contact
    came: int
    stage: Stage


def suggestions_for(collective: Collective) -> list[Suggestion]:
    """Contacts who came to three activities or more since they last moved stage, with the
    next stage to move them to, unless an organizer dismissed that move."""
    stages = list(Stage.objects.order_by("position"))
    last_move = (
        StageChange.objects.filter(contact=OuterRef("pk"), from_stage__isnull=False)
        .order_by("-changed_at")
        .values("changed_at")[:1]
    )
    contacts = (
        Contact.objects.filter(collective=collective)
        .annotate(moved_at=Coalesce(Subquery(last_move), Value(EPOCH)))
        .annotate(
            came=Count(
                "attendance_rows",
                filter=Q(
                    attendance_rows__attended=True,
                    attendance_rows__event__starts_at__gt=F("moved_at"),
                ),
            )
        )
        .filter(came__gte=SUGGEST_AFTER)
        .select_related("stage")
        .order_by("-came", "search_name")
    )
    dismissed = set(
        SuggestionDismissal.objects.filter(contact__collective=collective).values_list(
            "contact_id", "stage_id"
        )
    )
    found = []
    for contact in contacts:
        later = [stage for stage in stages if stage.position > contact.stage.position]
        if later and (contact.pk, later[0].pk) not in dismissed:
            found.append(Suggestion(contact=contact, came=contact.came, stage=later[0]))
    return found
