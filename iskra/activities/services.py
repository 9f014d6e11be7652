"""Writes of the activities app: events, attendance, study circles, stage suggestions and
the calendar feed's secret token."""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from iskra.activities.models import (
    Attendance,
    CalendarToken,
    Event,
    StudyCircle,
    SuggestionDismissal,
)
from iskra.audit.services import log_action
from iskra.core.errors import DomainError
from iskra.network.models import Collective
from iskra.people import services as people
from iskra.people.models import Contact, Stage


def _is_user(actor: Any) -> bool:
    return actor is not None and getattr(actor, "is_authenticated", False)


def event_create(
    *,
    actor: Any,
    collective: Collective,
    kind: str,
    title: str,
    starts_at: datetime,
    ends_at: datetime | None = None,
    place: str = "",
    notes: str = "",
    circle: StudyCircle | None = None,
    reading: str = "",
) -> Event:
    title = " ".join(title.split())
    if not title:
        raise DomainError(_("An event needs a title."))
    if kind not in Event.Kind.values:
        raise DomainError(_("Unknown kind of event."))
    if ends_at is not None and ends_at < starts_at:
        raise DomainError(_("An event cannot end before it starts."))
    if circle is not None and circle.collective_id != collective.pk:
        raise DomainError(_("The study circle belongs to another collective."))
    with transaction.atomic():
        event = Event.objects.create(
            collective=collective,
            kind=Event.Kind.STUDY_CIRCLE if circle else kind,
            title=title[:200],
            starts_at=starts_at,
            ends_at=ends_at,
            place=place.strip()[:200],
            notes=notes.strip(),
            circle=circle,
            reading=reading.strip()[:200],
            created_by=actor if _is_user(actor) else None,
        )
        log_action("activities.event.created", actor=actor, target=event, details={"kind": kind})
    return event


def circle_create(
    *, actor: Any, collective: Collective, title: str, reading_list: str = ""
) -> StudyCircle:
    title = " ".join(title.split())
    if not title:
        raise DomainError(_("A study circle needs a title."))
    with transaction.atomic():
        circle = StudyCircle.objects.create(
            collective=collective, title=title[:200], reading_list=reading_list.strip()
        )
        log_action("activities.circle.created", actor=actor, target=circle)
    return circle


def circle_update_readings(*, actor: Any, circle: StudyCircle, reading_list: str) -> StudyCircle:
    with transaction.atomic():
        circle.reading_list = reading_list.strip()
        circle.save(update_fields=["reading_list"])
        log_action("activities.circle.readings_changed", actor=actor, target=circle)
    return circle


def _check_person(event: Event, user: Any, contact: Contact | None) -> None:
    if (user is None) == (contact is None):
        raise ValueError("exactly one of user and contact")
    if contact is not None and contact.collective_id != event.collective_id:
        raise DomainError(_("This contact belongs to another collective."))


def invite(
    *, actor: Any, event: Event, user: Any = None, contact: Contact | None = None
) -> Attendance:
    _check_person(event, user, contact)
    with transaction.atomic():
        attendance, _created = Attendance.objects.get_or_create(
            event=event, user=user, contact=contact
        )
        log_action(
            "activities.attendance.invited",
            actor=actor,
            target=event,
            details={"user": getattr(user, "pk", None), "contact": getattr(contact, "pk", None)},
        )
    return attendance


@dataclass(frozen=True)
class AttendanceChange:
    """One person whose box a user ticked or unticked: exactly one of user and contact."""

    attended: bool
    user: Any = None
    contact: Contact | None = None


def attendance_record(*, actor: Any, event: Event, changes: list[AttendanceChange]) -> int:
    """Records what a person changed on the attendance list, and nothing else: people not
    shown to them, or shown and left as they were, keep their record. Unticking someone
    with no record writes nothing. Returns how many records changed."""
    for change in changes:
        _check_person(event, change.user, change.contact)
    changed: list[dict[str, Any]] = []
    with transaction.atomic():
        for change in changes:
            row = Attendance.objects.filter(
                event=event, user=change.user, contact=change.contact
            ).first()
            if row is None:
                if not change.attended:
                    continue
                Attendance.objects.create(
                    event=event, user=change.user, contact=change.contact, attended=True
                )
            elif row.attended != change.attended:
                row.attended = change.attended
                row.save(update_fields=["attended"])
            else:
                continue
            changed.append(
                {
                    "user": getattr(change.user, "pk", None),
                    "contact": getattr(change.contact, "pk", None),
                    "attended": change.attended,
                }
            )
        if changed:
            log_action(
                "activities.attendance.recorded",
                actor=actor,
                target=event,
                details={"changes": changed},
            )
    return len(changed)


def suggestion_confirm(*, actor: Any, contact: Contact, stage: Stage) -> Contact:
    if stage.position <= contact.stage.position:
        raise DomainError(_("This contact is at this stage or beyond already."))
    return people.stage_change(
        actor=actor, contact=contact, stage=stage, reason=_("Came to three activities or more")
    )


def suggestion_dismiss(*, actor: Any, contact: Contact, stage: Stage) -> SuggestionDismissal:
    with transaction.atomic():
        dismissal, _created = SuggestionDismissal.objects.get_or_create(
            contact=contact,
            stage=stage,
            defaults={"dismissed_by": actor if _is_user(actor) else None},
        )
        log_action(
            "activities.suggestion.dismissed",
            actor=actor,
            target=contact,
            details={"stage": stage.key},
        )
    return dismissal


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def calendar_token_create(*, actor: Any) -> tuple[CalendarToken, str]:
    """A new feed secret; earlier ones are revoked. The clear token is returned only here."""
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        CalendarToken.objects.filter(user=actor, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
        record = CalendarToken.objects.create(user=actor, token_hash=hash_token(token))
        log_action("activities.calendar_token.created", actor=actor, target=record)
    return record, token


def calendar_token_revoke(*, actor: Any) -> int:
    with transaction.atomic():
        revoked = CalendarToken.objects.filter(user=actor, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
        log_action("activities.calendar_token.revoked", actor=actor, details={"count": revoked})
    return revoked
