"""Writes of the people app: contacts, conversations, follow-ups, stages, merge and purge.

Every change and every read of protected fields goes to the audit log, which names the
contact and the reader, never the values (audit.services refuses protected keys).
"""

from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Count, Max
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from iskra.audit.models import LogEntry
from iskra.audit.services import log_action
from iskra.core.errors import DomainError
from iskra.network.models import Collective
from iskra.people import counts, crypto, phones
from iskra.people.models import (
    DEFAULT_STAGE_NAMES,
    PROTECTED_FIELDS,
    Channel,
    Contact,
    Conversation,
    FollowUp,
    Stage,
    StageChange,
    Tag,
    Topic,
)

# A follow-up further away than this is a typo (the year 3000), not a plan.
FOLLOWUP_HORIZON_DAYS = 731


def due_on_problem(due_on: date | None, today: date) -> str:
    """Why a follow-up cannot be due on this day ("" when it can): within two years."""
    if due_on is None:
        return ""
    last = today + timedelta(days=FOLLOWUP_HORIZON_DAYS)
    if due_on > last:
        return _("A follow-up is due within two years: choose a day before %(date)s.") % {
            "date": formats.date_format(last)
        }
    return ""


def happened_on_problem(happened_on: date | None, today: date) -> str:
    """Why something cannot have happened on this day ("" when it can): not in the future."""
    if happened_on is not None and happened_on > today + timedelta(days=1):
        return _("This day has not come yet: write the day it happened.")
    return ""


# Fields a caller may set on a contact, besides tags and topics.
CONTACT_FIELDS = (
    "display_name",
    "stage",
    "language",
    "first_met_on",
    "first_met_place",
    "introduced_by_user",
    "introduced_by_contact",
    "consent",
    "consent_channels",
    "workplace",
    "department",
    "shift",
    "assessment",
    *PROTECTED_FIELDS,
)


def ensure_stages() -> None:
    """Create the default stages if there are none (a migration creates them; a database
    emptied by hand, or by a test that flushes it, has none)."""
    if not Stage.objects.exists():
        for position, (key, name) in enumerate(DEFAULT_STAGE_NAMES.items(), start=1):
            Stage.objects.get_or_create(
                key=key,
                defaults={
                    "name": name,
                    "position": position * 10,
                    "counts_as_member": key in ("candidate", "member"),
                },
            )


def first_stage() -> Stage:
    ensure_stages()
    return Stage.objects.order_by("position")[0]


def names_to_tags(names: Iterable[str], *, collective_id: int) -> list[Tag]:
    """The collective's tags of these names, made when missing (tags never cross collectives)."""
    return [
        Tag.objects.get_or_create(collective_id=collective_id, name=name)[0]
        for name in _clean_names(names, 60)
    ]


def names_to_topics(names: Iterable[str]) -> list[Topic]:
    return [Topic.objects.get_or_create(name=name)[0] for name in _clean_names(names, 80)]


def _clean_names(names: Iterable[str], max_length: int) -> list[str]:
    seen: dict[str, str] = {}
    for name in names:
        name = " ".join(name.split())[:max_length]
        if name and name.casefold() not in seen:
            seen[name.casefold()] = name
    return list(seen.values())


def split_names(value: str) -> list[str]:
    """ "gaza, union; rent" -> ["gaza", "union", "rent"]"""
    return [part.strip() for part in value.replace(";", ",").split(",") if part.strip()]


def validate_contact_values(values: dict[str, Any]) -> dict[str, str]:
    """Field errors of a contact's values, by field name (empty when valid)."""
    errors: dict[str, str] = {}
    if not str(values.get("display_name") or "").strip():
        errors["display_name"] = _("A display name is needed (initials or a nickname will do).")
    elif len(values["display_name"]) > 120:
        errors["display_name"] = _("At most 120 characters.")
    email = str(values.get("email") or "").strip()
    if email:
        try:
            validate_email(email)
        except ValidationError:
            errors["email"] = _("This is not an email address.")
    phone = str(values.get("phone") or "").strip()
    if phone and not 5 <= len(crypto.normalize_phone(phone).lstrip("+")) <= 17:
        errors["phone"] = _(
            "A phone number has 5 to 17 digits: write it as it is dialled, "
            "for example +1 213 555 0147."
        )
    first_met_on = values.get("first_met_on")
    if isinstance(first_met_on, date):
        problem = happened_on_problem(first_met_on, timezone.localdate())
        if problem:
            errors["first_met_on"] = problem
    assessment = values.get("assessment")
    if assessment not in (None, "") and assessment not in (1, 2, 3, 4, 5):
        errors["assessment"] = _("The assessment goes from 1 to 5.")
    channels = values.get("consent_channels") or []
    if any(channel not in Channel.values for channel in channels):
        errors["consent_channels"] = _("Unknown channel.")
    for name, limit in [("workplace", 120), ("department", 80), ("shift", 40)]:
        if len(str(values.get(name) or "")) > limit:
            errors[name] = _("At most %(limit)d characters.") % {"limit": limit}
    return errors


def _apply(contact: Contact, values: dict[str, Any]) -> None:
    for name in CONTACT_FIELDS:
        if name in values:
            value = values[name]
            if isinstance(value, str):
                value = value.strip()
            setattr(contact, name, value)
    contact.search_name = crypto.normalize_name(contact.display_name)
    contact.email_index = crypto.email_index(contact.email) if contact.email else ""
    region = phones.region_of(contact.collective) if contact.phone else ""
    contact.phone = phones.for_storage(contact.phone, region)
    contact.phone_index = crypto.phone_index(contact.phone, region) if contact.phone else ""


def contact_create(
    *,
    actor: Any,
    collective: Collective,
    tags: Sequence[str] = (),
    topics: Sequence[str] = (),
    **values: Any,
) -> Contact:
    unknown = set(values) - set(CONTACT_FIELDS)
    if unknown:
        raise TypeError(f"unknown contact fields: {sorted(unknown)}")
    errors = validate_contact_values(values)
    if errors:
        raise DomainError(" ".join(errors.values()))
    values.setdefault("stage", None)
    if values["stage"] is None:
        values["stage"] = first_stage()
    contact = Contact(
        collective=collective, created_by=actor if _is_user(actor) else None, created_at=_now()
    )
    _apply(contact, values)
    with transaction.atomic():
        contact.save()
        contact.tags.set(names_to_tags(tags, collective_id=collective.pk))
        contact.topics.set(names_to_topics(topics))
        StageChange.objects.create(
            contact=contact,
            to_stage=contact.stage,
            changed_by=actor if _is_user(actor) else None,
            reason=gettext_noop("Added"),  # shown translated (SYSTEM_REASONS)
        )
        counts.adjust({(collective.pk, contact.stage_id): 1})
        log_action(
            "people.contact.created",
            actor=actor,
            target=contact,
            details={"stage": contact.stage.key},
        )
    return contact


def contact_update(
    *,
    actor: Any,
    contact: Contact,
    tags: Sequence[str] | None = None,
    topics: Sequence[str] | None = None,
    reason: str = "",
    **values: Any,
) -> Contact:
    unknown = set(values) - set(CONTACT_FIELDS)
    if unknown:
        raise TypeError(f"unknown contact fields: {sorted(unknown)}")
    merged = {name: getattr(contact, name) for name in CONTACT_FIELDS} | values
    errors = validate_contact_values(merged)
    if errors:
        raise DomainError(" ".join(errors.values()))
    old_stage = contact.stage
    changed = sorted(
        name
        for name, value in values.items()
        if getattr(contact, name) != (value.strip() if isinstance(value, str) else value)
    )
    with transaction.atomic():
        _apply(contact, values)
        contact.save()
        if tags is not None:
            contact.tags.set(names_to_tags(tags, collective_id=contact.collective_id))
        if topics is not None:
            contact.topics.set(names_to_topics(topics))
        if contact.stage_id != old_stage.pk:
            counts.adjust(
                {
                    (contact.collective_id, old_stage.pk): -1,
                    (contact.collective_id, contact.stage_id): 1,
                }
            )
            StageChange.objects.create(
                contact=contact,
                from_stage=old_stage,
                to_stage=contact.stage,
                changed_by=actor if _is_user(actor) else None,
                reason=reason[:200],
            )
        log_action(
            "people.contact.updated",
            actor=actor,
            target=contact,
            details={"fields": changed},
        )
    return contact


def contact_read(*, actor: Any, contact: Contact, purpose: str = "detail") -> None:
    """Record that `actor` saw the contact's protected fields."""
    log_action("people.contact.read", actor=actor, target=contact, details={"purpose": purpose})


def contacts_read(*, actor: Any, contacts: Sequence[Contact], purpose: str) -> None:
    """One audit entry per contact, written in bulk (exports)."""
    actor_user = actor if _is_user(actor) else None
    LogEntry.objects.bulk_create(
        [
            LogEntry(
                actor=actor_user,
                action="people.contact.read",
                object_type="people.contact",
                object_id=str(contact.pk),
                object_label=contact.display_name[:200],
                collective_id=contact.collective_id,
                details={"purpose": purpose},
            )
            for contact in contacts
        ],
        batch_size=2000,
    )


def stage_change(*, actor: Any, contact: Contact, stage: Stage, reason: str = "") -> Contact:
    if stage.pk == contact.stage_id:
        return contact
    return contact_update(actor=actor, contact=contact, stage=stage, reason=reason)


def conversation_add(
    *,
    actor: Any,
    contact: Contact,
    happened_on: date,
    kind: str,
    note: str = "",
    members: Sequence[Any] = (),
    topics: Sequence[str] = (),
    next_action: str = "",
    due_on: date | None = None,
    assignee: Any = None,
) -> Conversation:
    if kind not in Conversation.Kind.values:
        raise DomainError(_("Unknown kind of conversation."))
    today = _today(contact.collective)
    problem = happened_on_problem(happened_on, today) or due_on_problem(due_on, today)
    if problem:
        raise DomainError(problem)
    if next_action and due_on is None:
        raise DomainError(_("A next step needs a due date."))
    with transaction.atomic():
        conversation = Conversation.objects.create(
            contact=contact,
            collective_id=contact.collective_id,
            happened_on=happened_on,
            kind=kind,
            note=note.strip(),
            created_by=actor if _is_user(actor) else None,
        )
        participants = list(members) or ([actor] if _is_user(actor) else [])
        conversation.members.set(participants)
        conversation.topics.set(names_to_topics(topics))
        if contact.last_contact_on is None or happened_on > contact.last_contact_on:
            contact.last_contact_on = happened_on
            Contact.objects.filter(pk=contact.pk).update(last_contact_on=happened_on)
        log_action(
            "people.conversation.created",
            actor=actor,
            target=contact,
            details={"kind": kind, "date": happened_on.isoformat()},
        )
        if next_action:
            followup_create(
                actor=actor,
                contact=contact,
                action=next_action,
                due_on=due_on,  # type: ignore[arg-type]
                assignee=assignee or actor,
                conversation=conversation,
            )
    return conversation


def followup_create(
    *,
    actor: Any,
    contact: Contact,
    action: str,
    due_on: date,
    assignee: Any,
    conversation: Conversation | None = None,
) -> FollowUp:
    action = " ".join(action.split())
    if not action:
        raise DomainError(_("Say what the next step is."))
    if not _is_user(assignee):
        raise DomainError(_("A follow-up needs someone to do it."))
    problem = due_on_problem(due_on, _today(contact.collective))
    if problem:
        raise DomainError(problem)
    followup = FollowUp.objects.create(
        contact=contact,
        collective_id=contact.collective_id,
        conversation=conversation,
        action=action[:200],
        due_on=due_on,
        assignee=assignee,
    )
    log_action(
        "people.followup.created",
        actor=actor,
        target=contact,
        details={"due_on": due_on.isoformat(), "assignee": assignee.get_username()},
    )
    return followup


def followup_done(*, actor: Any, followup: FollowUp, outcome: str = "") -> FollowUp:
    if followup.done_at is not None:
        raise DomainError(_("This follow-up is done already."))
    followup.done_at = _now()
    followup.done_by = actor if _is_user(actor) else None
    followup.outcome = outcome.strip()
    followup.save(update_fields=["done_at", "done_by", "outcome"])
    log_action("people.followup.done", actor=actor, target=followup.contact)
    return followup


def followup_snooze(
    *, actor: Any, followup: FollowUp, days: int = 7, until: date | None = None
) -> FollowUp:
    if followup.done_at is not None:
        raise DomainError(_("This follow-up is done already."))
    today = _today(followup.contact.collective)
    new_due = until or max(followup.due_on, today) + timedelta(days=days)
    if new_due <= today:
        raise DomainError(_("Snooze to a later day."))
    problem = due_on_problem(new_due, today)
    if problem:
        raise DomainError(problem)
    followup.due_on = new_due
    followup.snoozed += 1
    followup.save(update_fields=["due_on", "snoozed"])
    log_action(
        "people.followup.snoozed",
        actor=actor,
        target=followup.contact,
        details={"due_on": new_due.isoformat()},
    )
    return followup


def bulk_tag(*, actor: Any, contacts: Sequence[Contact], tag_names: Sequence[str]) -> int:
    if not _clean_names(tag_names, 60):
        raise DomainError(_("Name at least one tag."))
    through = Contact.tags.through
    with transaction.atomic():
        # Each contact gets its own collective's tags of these names.
        tags_of = {
            collective_id: names_to_tags(tag_names, collective_id=collective_id)
            for collective_id in {contact.collective_id for contact in contacts}
        }
        all_tags = [tag for tags in tags_of.values() for tag in tags]
        existing = set(
            through.objects.filter(contact__in=contacts, tag__in=all_tags).values_list(
                "contact_id", "tag_id"
            )
        )
        through.objects.bulk_create(
            [
                through(contact_id=contact.pk, tag_id=tag.pk)
                for contact in contacts
                for tag in tags_of[contact.collective_id]
                if (contact.pk, tag.pk) not in existing
            ]
        )
        for contact in contacts:
            log_action(
                "people.contact.tagged",
                actor=actor,
                target=contact,
                details={"tags": [tag.name for tag in tags_of[contact.collective_id]]},
            )
    return len(contacts)


def bulk_stage(*, actor: Any, contacts: Sequence[Contact], stage: Stage, reason: str = "") -> int:
    changed = 0
    with transaction.atomic():
        for contact in contacts:
            if contact.stage_id != stage.pk:
                stage_change(actor=actor, contact=contact, stage=stage, reason=reason)
                changed += 1
    return changed


def contacts_merge(*, actor: Any, keep: Contact, drop: Contact) -> Contact:
    """Fold `drop` into `keep`: every conversation, follow-up and stage change moves over,
    empty fields of `keep` are filled from `drop`, tags and topics are united. The audit
    trail of `drop` stays in the log, and the merge entry names both."""
    if keep.pk == drop.pk:
        raise DomainError(_("A contact cannot be merged with itself."))
    if keep.collective_id != drop.collective_id:
        raise DomainError(_("Only contacts of the same collective can be merged."))
    with transaction.atomic():
        Conversation.objects.filter(contact=drop).update(contact=keep)
        FollowUp.objects.filter(contact=drop).update(contact=keep)
        StageChange.objects.filter(contact=drop).update(contact=keep)
        Contact.objects.filter(introduced_by_contact=drop).update(introduced_by_contact=keep)
        keep.tags.add(*drop.tags.all())
        keep.topics.add(*drop.topics.all())
        filled = []
        for name in CONTACT_FIELDS:
            if name in ("display_name", "stage"):
                continue
            if getattr(keep, name) in ("", None, []) and getattr(drop, name) not in ("", None, []):
                setattr(keep, name, getattr(drop, name))
                filled.append(name)
        if drop.stage.position > keep.stage.position:
            StageChange.objects.create(
                contact=keep,
                from_stage=keep.stage,
                to_stage=drop.stage,
                changed_by=actor if _is_user(actor) else None,
                reason=gettext_noop("Merged with a duplicate"),
            )
            counts.adjust({(keep.collective_id, keep.stage_id): -1})
            counts.adjust({(keep.collective_id, drop.stage_id): 1})
            keep.stage = drop.stage
        if drop.first_met_on and (not keep.first_met_on or drop.first_met_on < keep.first_met_on):
            keep.first_met_on = drop.first_met_on
        latest = keep.conversations.aggregate(latest=Max("happened_on"))["latest"]
        keep.last_contact_on = latest
        _apply(keep, {})
        keep.save()
        log_action(
            "people.contact.merged",
            actor=actor,
            target=keep,
            details={"merged_id": drop.pk, "merged_name": drop.display_name, "filled": filled},
        )
        counts.adjust({(drop.collective_id, drop.stage_id): -1})
        drop.delete()
    return keep


def contacts_purge(*, actor: Any, contacts: Sequence[Contact], reason: str = "retention") -> int:
    """Really delete (no soft delete): the contact, conversations, follow-ups, stage changes."""
    with transaction.atomic():
        for contact in contacts:
            log_action(
                "people.contact.deleted",
                actor=actor,
                target=contact,
                details={"reason": reason},
            )
        Contact.objects.filter(introduced_by_contact__in=contacts).update(
            introduced_by_contact=None
        )
        doomed = Contact.objects.filter(pk__in=[contact.pk for contact in contacts])
        counts.adjust(
            {
                (row["collective_id"], row["stage_id"]): -row["n"]
                for row in doomed.order_by()
                .values("collective_id", "stage_id")
                .annotate(n=Count("id"))
            }
        )
        deleted = doomed.delete()
    return deleted[1].get("people.Contact", 0)


def _is_user(actor: Any) -> bool:
    return actor is not None and getattr(actor, "is_authenticated", False)


def _now() -> datetime:
    return timezone.now()


def _today(collective: Collective) -> date:
    return timezone.localdate(timezone.now(), collective.zone)
