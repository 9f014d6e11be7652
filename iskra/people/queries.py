"""Reads of the people app. Every function takes the ids the access scope allows, or a
queryset already narrowed by it; none decrypts protected fields unless it says so."""

import zoneinfo
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from iskra.network.models import Collective
from iskra.network.scope import Capacity, narrow, scope_for
from iskra.people import crypto
from iskra.people.models import PROTECTED_FIELDS, Contact, FollowUp, StageChange

SORTS = {
    "name": ("search_name", "id"),
    "-name": ("-search_name", "-id"),
    "stage": ("stage__position", "search_name", "id"),
    "-stage": ("-stage__position", "search_name", "id"),
    "last": ("last_contact_on", "id"),
    "-last": ("-last_contact_on", "-id"),
    "new": ("-created_at", "-id"),
}


@dataclass
class ContactFilter:
    q: str = ""
    stage: str = ""
    tag: str = ""
    topic: str = ""
    workplace: str = ""
    stale_days: int | None = None
    due: bool = False
    never: bool = False
    below: bool = False
    sort: str = "name"


def contact_ids_scope(user: Any, collective: Collective, *, below: bool) -> list[int]:
    """The collectives whose contacts a list shows: this one, or its whole subtree in scope."""
    if not below:
        return [collective.pk] if scope_for(user).can(Capacity.CONTACTS, collective) else []
    return subtree_in_scope(user, collective, Capacity.CONTACTS)


def subtree_in_scope(user: Any, collective: Collective, capacity: Capacity) -> list[int]:
    """The collective and those below it that the user holds `capacity` in. The scope read
    every such collective's path, so this needs no query."""
    scope = scope_for(user)
    return sorted(
        pk for pk in scope.ids(capacity) if scope.places[pk][1].startswith(collective.path)
    )


def has_below(user: Any, collective: Collective) -> bool:
    """Whether the collective has groups below it (the list then offers to include them).
    The scope knows when the user's role reaches below; otherwise one query asks."""
    places = scope_for(user).places.values()
    if any(path.startswith(collective.path) and path != collective.path for _s, path in places):
        return True
    return collective.children.exists()


def contact_list(
    user: Any, collective: Collective, filters: ContactFilter, *, today: date
) -> QuerySet[Contact]:
    ids = contact_ids_scope(user, collective, below=filters.below)
    contacts = Contact.objects.filter(collective_id__in=ids) if len(ids) > 1 else None
    if contacts is None:
        contacts = Contact.objects.filter(collective_id=ids[0]) if ids else Contact.objects.none()
    if filters.q:
        contacts = contacts.filter(search_name__contains=crypto.normalize_name(filters.q))
    if filters.stage:
        contacts = contacts.filter(stage__key=filters.stage)
    if filters.tag:
        contacts = contacts.filter(tags__name=filters.tag)
    if filters.topic:
        contacts = contacts.filter(topics__name=filters.topic)
    if filters.workplace:
        contacts = contacts.filter(workplace=filters.workplace)
    if filters.stale_days is not None:
        cutoff = today - timedelta(days=filters.stale_days)
        contacts = contacts.filter(last_contact_on__lt=cutoff)
    if filters.never:
        contacts = contacts.filter(last_contact_on__isnull=True)
    if filters.due:
        contacts = contacts.filter(
            Exists(
                FollowUp.objects.filter(
                    contact=OuterRef("pk"), done_at__isnull=True, due_on__lte=today
                )
            )
        )
    return (
        contacts.select_related("stage", "collective")
        .defer(*PROTECTED_FIELDS)
        .order_by(*SORTS.get(filters.sort, SORTS["name"]))
    )


def scoped_contacts(user: Any) -> QuerySet[Contact]:
    return narrow(Contact.objects.all(), user, Capacity.CONTACTS)


@dataclass
class FollowUpBoard:
    overdue: list[FollowUp] = field(default_factory=list)
    today: list[FollowUp] = field(default_factory=list)
    week: list[FollowUp] = field(default_factory=list)
    later: list[FollowUp] = field(default_factory=list)
    # Counts over every page: "12 due now · 10 later this week · 3 after".
    due_now: int = 0
    due_week: int = 0
    due_later: int = 0
    page: Any = None


FOLLOWUPS_PER_PAGE = 50


def _when(due_on: date, today: date) -> str:
    if due_on < today:
        return "overdue"
    if due_on == today:
        return "today"
    if due_on <= today + timedelta(days=7):
        return "week"
    return "later"


def _open_followups(user: Any) -> QuerySet[FollowUp]:
    ids = scope_for(user).ids(Capacity.CONTACTS)
    return (
        FollowUp.objects.open()
        .filter(assignee=user, collective_id__in=ids)
        .order_by("due_on", "id")
    )


def my_followups(
    user: Any, *, now: Any = None, page: Any = 1, per_page: int = FOLLOWUPS_PER_PAGE
) -> FollowUpBoard:
    """Every open follow-up of the user, soonest first, a page at a time, in four groups:
    overdue, today, this week and later (nothing due in the future is hidden). "Today" is
    the day in the time zone of each contact's collective: a follow-up for 6 November shows
    as today's on 6 November there."""
    now = now or timezone.now()
    board = followup_counts(user, now=now)
    rows = (
        _open_followups(user)
        .select_related("contact", "contact__stage", "collective")
        .defer(*(f"contact__{name}" for name in PROTECTED_FIELDS), "outcome")
    )
    board.page = Paginator(rows, per_page).get_page(page)
    for followup in board.page:
        today = timezone.localdate(now, followup.collective.zone)
        getattr(board, _when(followup.due_on, today)).append(followup)
    return board


def followup_counts(user: Any, *, now: Any = None) -> FollowUpBoard:
    """How many open follow-ups are due now (overdue or today), later this week and after."""
    now = now or timezone.now()
    board = FollowUpBoard()
    rows = list(_open_followups(user).values_list("due_on", "collective_id"))
    zones = dict(
        Collective.objects.filter(pk__in={pk for _due, pk in rows}).values_list("id", "time_zone")
    )
    today_in = {pk: timezone.localdate(now, zoneinfo.ZoneInfo(zone)) for pk, zone in zones.items()}
    for due_on, collective_id in rows:
        when = _when(due_on, today_in[collective_id])
        if when in ("overdue", "today"):
            board.due_now += 1
        elif when == "week":
            board.due_week += 1
        else:
            board.due_later += 1
    return board


@dataclass
class TimelineItem:
    when: Any
    kind: str
    item: Any


def timeline(contact: Contact, *, protected: bool = True) -> list[TimelineItem]:
    """Conversations, stage changes and follow-ups of one contact, newest first. With
    `protected`, decrypts notes and outcomes: then call only after `services.contact_read`."""
    conversations = contact.conversations.prefetch_related("members", "topics")
    followups = contact.followups.select_related("assignee")
    if not protected:
        conversations = conversations.defer("note")
        followups = followups.defer("outcome")
    items = [
        TimelineItem(conversation.happened_on, "conversation", conversation)
        for conversation in conversations
    ]
    items += [
        TimelineItem(change.changed_at.date(), "stage", change)
        for change in StageChange.objects.filter(contact=contact).select_related(
            "from_stage", "to_stage", "changed_by"
        )
    ]
    items += [TimelineItem(followup.due_on, "followup", followup) for followup in followups]
    order = {"followup": 0, "conversation": 1, "stage": 2}
    items.sort(key=lambda item: (item.when, -order[item.kind]), reverse=True)
    return items


@dataclass
class WorkplaceMap:
    departments: list[str]
    shifts: list[str]
    cells: dict[tuple[str, str], list[Contact]]
    unplaced: list[Contact]

    def rows(self) -> list[tuple[str, list[list[Contact]]]]:
        return [
            (department, [self.cells.get((department, shift), []) for shift in self.shifts])
            for department in self.departments
        ]


def workplace_map(collective: Collective) -> WorkplaceMap:
    contacts = list(
        Contact.objects.filter(collective=collective)
        .select_related("stage")
        .defer(*PROTECTED_FIELDS)
        .order_by("-assessment", "search_name")
    )
    cells: dict[tuple[str, str], list[Contact]] = defaultdict(list)
    unplaced = []
    for contact in contacts:
        if contact.department and contact.shift:
            cells[(contact.department, contact.shift)].append(contact)
        else:
            unplaced.append(contact)
    departments = sorted({department for department, _shift in cells})
    shifts = sorted({shift for _department, shift in cells})
    return WorkplaceMap(departments, shifts, dict(cells), unplaced)


REASON_LABELS = {
    "email": _("same email"),
    "phone": _("same phone number"),
    "name": _("same name"),
    "name and workplace": _("same name and workplace"),
}


@dataclass
class DuplicatePair:
    first: Contact
    second: Contact
    reasons: list[str]

    @property
    def pair(self) -> tuple[Contact, Contact]:
        return (self.first, self.second)

    @property
    def reason_labels(self) -> list[str]:
        return [str(REASON_LABELS.get(reason, reason)) for reason in self.reasons]


def duplicate_keys(collective_ids: list[int]) -> dict[tuple[int, int], set[str]]:
    """Pairs of contact ids (low, high) that look like the same person, with why: the same
    email or phone (blind index), or the same display name and workplace in one collective."""
    pairs: dict[tuple[int, int], set[str]] = defaultdict(set)
    if not collective_ids:
        return pairs
    contacts = Contact.objects.filter(collective_id__in=collective_ids)
    for column, reason in [("email_index", "email"), ("phone_index", "phone")]:
        groups = (
            contacts.exclude(**{column: ""})
            .values(column)
            .annotate(n=Count("id"))
            .filter(n__gt=1)
            .values_list(column, flat=True)
        )
        members: dict[str, list[int]] = defaultdict(list)
        for key, pk in contacts.filter(**{f"{column}__in": groups}).values_list(column, "id"):
            members[key].append(pk)
        _pair_up(pairs, members.values(), reason)
    # Same display name and workplace in one collective: one ordered scan, grouped here
    # (an OR of every group would exceed SQLite's expression depth at a million contacts).
    name_members: dict[tuple[int, str, str], list[int]] = defaultdict(list)
    rows = (
        contacts.exclude(workplace="")
        .order_by()
        .values_list("collective_id", "search_name", "workplace", "id")
        .iterator(chunk_size=20_000)
    )
    for collective_id, name, workplace, pk in rows:
        name_members[(collective_id, name, workplace.casefold())].append(pk)
    name_members = {key: ids for key, ids in name_members.items() if len(ids) > 1}
    _pair_up(pairs, name_members.values(), "name and workplace")
    return pairs


def _pair_up(pairs: dict[tuple[int, int], set[str]], groups: Any, reason: str) -> None:
    for ids in groups:
        ids = sorted(ids)
        for index, first in enumerate(ids):
            for second in ids[index + 1 :]:
                pairs[(first, second)].add(reason)


def name_pairs(collective_ids: list[int], *, limit: int = 100) -> dict[tuple[int, int], set[str]]:
    """Contacts with near-identical display names ("R" and "r", "Lupe L." and "Lupe L") in
    one collective: each paired with the first added of its group. The groups come from one
    GROUP BY on the (collective, search_name) index; only the first `limit` are opened."""
    pairs: dict[tuple[int, int], set[str]] = defaultdict(set)
    if not collective_ids:
        return pairs
    contacts = Contact.objects.filter(collective_id__in=collective_ids).exclude(search_name="")
    groups = list(
        contacts.order_by()
        .values_list("collective_id", "search_name")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .order_by("collective_id", "search_name")[:limit]
    )
    members: dict[tuple[int, str], list[int]] = defaultdict(list)
    condition = Q()
    for collective_id, name, _count in groups:
        condition |= Q(collective_id=collective_id, search_name=name)
    if groups:
        for collective_id, name, pk in (
            contacts.filter(condition)
            .order_by("id")
            .values_list("collective_id", "search_name", "id")
        ):
            members[(collective_id, name)].append(pk)
    for ids in members.values():
        for other in ids[1:]:
            pairs[(ids[0], other)].add("name")
    return pairs


def duplicate_pairs(collective_ids: list[int], *, limit: int = 100) -> list[DuplicatePair]:
    keys = duplicate_keys(collective_ids)
    for pair, reasons in name_pairs(collective_ids, limit=limit).items():
        keys[pair] |= reasons
    chosen = sorted(keys)[:limit]
    ids = {pk for pair in chosen for pk in pair}
    contacts = Contact.objects.select_related("stage").defer(*PROTECTED_FIELDS).in_bulk(ids)
    return [
        DuplicatePair(contacts[first], contacts[second], sorted(keys[(first, second)]))
        for first, second in chosen
        if first in contacts and second in contacts
    ]


def same_name(collective: Collective, display_name: str, *, exclude: int = 0) -> list[Contact]:
    """Contacts of the collective whose display name is near-identical to this one."""
    name = crypto.normalize_name(display_name)
    if not name:
        return []
    return list(
        Contact.objects.filter(collective=collective, search_name=name)
        .exclude(pk=exclude)
        .defer(*PROTECTED_FIELDS)
        .order_by("id")[:5]
    )


def stale_contacts(collective_ids: list[int], *, months: int, today: date) -> QuerySet[Contact]:
    """Contacts with no conversation for `months` (never talked to: counted from when they
    were added) that are not at a member stage: proposed for deletion."""
    cutoff = today - timedelta(days=round(months * 30.44))
    return (
        Contact.objects.filter(collective_id__in=collective_ids, stage__counts_as_member=False)
        .filter(
            Q(last_contact_on__lt=cutoff)
            | Q(last_contact_on__isnull=True, created_at__date__lt=cutoff)
        )
        .select_related("stage", "collective")
        .defer(*PROTECTED_FIELDS)
        .order_by("collective__path", "last_contact_on", "id")
    )


def already_here(
    collective_ids: list[int], *, email: str = "", phone: str = "", region: str = ""
) -> list[Contact]:
    """Contacts in these collectives with the same email or phone (by blind index; a phone
    without its country code is read in `region`)."""
    condition = Q()
    if email.strip():
        condition |= Q(email_index=crypto.email_index(email))
    if phone.strip():
        condition |= Q(phone_index=crypto.phone_index(phone, region))
    if not condition or not collective_ids:
        return []
    return list(
        Contact.objects.filter(condition, collective_id__in=collective_ids).defer(
            *PROTECTED_FIELDS
        )[:10]
    )


@dataclass
class FollowUpTotals:
    done: int
    overdue: int
    upcoming: int


def followup_totals(collective_ids: list[int], *, today: date, days: int = 90) -> FollowUpTotals:
    """Follow-ups of these collectives: done in the last `days`, open and overdue, open and
    still to come (counts only: no contact is read)."""
    since = timezone.now() - timedelta(days=days)
    rows = FollowUp.objects.filter(collective_id__in=collective_ids).aggregate(
        done=Count("id", filter=Q(done_at__gte=since)),
        overdue=Count("id", filter=Q(done_at__isnull=True, due_on__lt=today)),
        upcoming=Count("id", filter=Q(done_at__isnull=True, due_on__gte=today)),
    )
    return FollowUpTotals(rows["done"], rows["overdue"], rows["upcoming"])
