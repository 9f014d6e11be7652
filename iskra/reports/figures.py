"""The figures of a period report, gathered from the other apps' data in a few grouped
queries. Everything returned is plain JSON (ints, strings, lists, dicts) so that submit can
freeze it as it is. Figures are the collective's own work; the work of the groups below it
arrives through their own reports (the roll-up)."""

from collections import defaultdict
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.apps import apps
from django.db.models import Count, F, Q, Sum
from django.utils.translation import gettext_lazy as _

from iskra.activities.models import Attendance, Event
from iskra.distribution.models import Outing, OutingContact, OutingLine
from iskra.network.models import Collective
from iskra.people.models import Contact, FollowUp, StageChange, StageCount
from iskra.press.models import Publication, Submission

# The figures that have the previous period beside them, in the order shown.
SCALARS: dict[str, Any] = {
    "copies": _("Copies handed out"),
    "outings": _("Outings"),
    "people_met": _("People met at outings"),
    "met_per_100": _("People met per 100 copies"),
    "new_friends": _("New friends"),
    "new_candidates": _("New candidates"),
    "new_members": _("New members"),
    "stage_moves_up": _("Contacts who moved a stage up"),
    "events": _("Meetings, circles and events"),
    "attendance": _("Attendance"),
    "circle_attendance": _("Study-circle attendance"),
    "followups_done": _("Follow-ups done"),
    "followups_overdue": _("Follow-ups overdue"),
    "workers_items": _("Workers' items received"),
    "contacts_placed": _("Contacts placed on the workplace map"),
}
# Sums make no sense for a ratio: the roll-up recomputes it from copies and people met.
RATIOS = {"met_per_100"}


def _bounds(collective: Collective, start: date, end: date) -> tuple[datetime, datetime]:
    zone = collective.zone
    return (
        datetime.combine(start, time.min, tzinfo=zone),
        datetime.combine(end + timedelta(days=1), time.min, tzinfo=zone),
    )


def per_hundred(people: int, copies: int) -> str | None:
    if not copies:
        return None
    return str((Decimal(people) * 100 / copies).quantize(Decimal("0.1")))


def scalar_figures(collective: Collective, start: date, end: date) -> dict[str, Any]:
    """The numbers that are compared with the previous period."""
    ids = [collective.pk]
    since, until = _bounds(collective, start, end)
    copies = (
        OutingLine.objects.filter(
            collective_id__in=ids, handed_on__gte=start, handed_on__lte=end
        ).aggregate(total=Sum("copies"))["total"]
        or 0
    )
    outings = Outing.objects.filter(collective_id__in=ids, day__gte=start, day__lte=end)
    people_met = OutingContact.objects.filter(
        outing__collective_id__in=ids, outing__day__gte=start, outing__day__lte=end
    ).count()
    moves = StageChange.objects.filter(
        contact__collective_id__in=ids, changed_at__gte=since, changed_at__lt=until
    )
    move_counts = moves.aggregate(
        friends=Count("pk", filter=Q(to_stage__key="friend")),
        candidates=Count("pk", filter=Q(to_stage__key="candidate")),
        members=Count("pk", filter=Q(to_stage__key="member")),
        up=Count(
            "pk",
            filter=Q(from_stage__isnull=False, to_stage__position__gt=F("from_stage__position")),
        ),
    )
    events = Event.objects.filter(collective_id__in=ids, starts_at__gte=since, starts_at__lt=until)
    came = Attendance.objects.filter(event__in=events, attended=True).aggregate(
        total=Count("pk"),
        circles=Count("pk", filter=Q(event__kind=Event.Kind.STUDY_CIRCLE)),
    )
    followups = FollowUp.objects.filter(collective_id__in=ids)
    done = followups.filter(done_at__gte=since, done_at__lt=until).count()
    overdue = followups.filter(due_on__gte=start, due_on__lte=end).filter(
        Q(done_at__isnull=True) | Q(done_at__gte=until)
    )
    items = Submission.objects.filter(
        publication__collective_id__in=ids, created_at__gte=since, created_at__lt=until
    ).count()
    placed = (
        Contact.objects.filter(collective_id__in=ids)
        .exclude(department="")
        .exclude(shift="")
        .count()
    )
    return {
        "copies": copies,
        "outings": outings.count(),
        "people_met": people_met,
        "met_per_100": per_hundred(people_met, copies),
        "new_friends": move_counts["friends"],
        "new_candidates": move_counts["candidates"],
        "new_members": move_counts["members"],
        "stage_moves_up": move_counts["up"],
        "events": events.count(),
        "attendance": came["total"],
        "circle_attendance": came["circles"],
        "followups_done": done,
        "followups_overdue": overdue.count(),
        "workers_items": items,
        "contacts_placed": placed,
    }


def detail_figures(collective: Collective, start: date, end: date) -> dict[str, Any]:
    """The breakdowns: copies by publication and language, outings by kind, contacts by
    stage, the moves between stages, copies week by week."""
    ids = [collective.pk]
    since, until = _bounds(collective, start, end)
    lines = OutingLine.objects.filter(
        collective_id__in=ids, handed_on__gte=start, handed_on__lte=end
    )
    by_publication = list(
        lines.values("publication_id", "language")
        .annotate(copies=Sum("copies"))
        .order_by("publication_id", "language")
    )
    publications = Publication.objects.in_bulk({row["publication_id"] for row in by_publication})
    weeks: dict[date, int] = defaultdict(int)
    for row in lines.values("handed_on").annotate(copies=Sum("copies")).order_by():
        day = row["handed_on"]
        weeks[day - timedelta(days=day.weekday())] += row["copies"] or 0
    kinds = {
        row["kind"]: row["count"]
        for row in Outing.objects.filter(collective_id__in=ids, day__gte=start, day__lte=end)
        .values("kind")
        .annotate(count=Count("pk"))
        .order_by("kind")
    }
    stages = {
        row["stage__key"]: row["total"]
        for row in StageCount.objects.filter(collective_id__in=ids)
        .values("stage__key", "stage__position")
        .annotate(total=Sum("count"))
        .order_by("stage__position")
    }
    moves = [
        {"from": row["from_stage__key"], "to": row["to_stage__key"], "count": row["count"]}
        for row in StageChange.objects.filter(
            contact__collective_id__in=ids, changed_at__gte=since, changed_at__lt=until
        )
        .values("from_stage__key", "to_stage__key", "to_stage__position")
        .annotate(count=Count("pk"))
        .order_by("to_stage__position", "from_stage__key")
    ]
    return {
        "copies_by_publication": [
            {
                "publication": publications[row["publication_id"]].slug,
                "name": publications[row["publication_id"]].name_in(
                    row["language"] or publications[row["publication_id"]].main_language
                ),
                "language": row["language"],
                "copies": row["copies"] or 0,
            }
            for row in by_publication
        ],
        "outings_by_kind": kinds,
        "contacts_by_stage": stages,
        "stage_moves": moves,
        "weekly_copies": [[week.isoformat(), copies] for week, copies in sorted(weeks.items())],
    }


def finance_figures(collective: Collective, start: date, end: date) -> dict[str, Any]:
    """The finance close of the period, from the finance app when it is installed. Without
    it the report says so: no figures are made up."""
    if not apps.is_installed("iskra.finance"):
        return {"available": False}
    from iskra.finance.queries import period_summary

    summary = period_summary(collectives=[collective], start=start, end=end)

    def read(name: str) -> Any:
        return summary[name] if isinstance(summary, dict) else getattr(summary, name)

    return {
        "available": True,
        "currency": read("currency"),
        "income_by_category": {k: str(v) for k, v in read("income_by_category").items()},
        "expenses_by_category": {k: str(v) for k, v in read("expenses_by_category").items()},
        "dues_paid": str(read("dues_paid")),
        "dues_pledged": str(read("dues_pledged")),
    }


def add_finance(total: dict[str, Any], finance: dict[str, Any]) -> None:
    """Adds one snapshot's finance section into a roll-up total of the same currency;
    sections in another currency are counted apart, never converted."""
    if not finance.get("available"):
        return
    if total.get("currency", finance["currency"]) != finance["currency"]:
        total["other_currencies"] = total.get("other_currencies", 0) + 1
        return
    total.update(available=True, currency=finance["currency"])
    for name in ("income_by_category", "expenses_by_category"):
        into = total.setdefault(name, {})
        for code, amount in finance[name].items():
            into[code] = str(Decimal(into.get(code, "0")) + Decimal(amount))
    for name in ("dues_paid", "dues_pledged"):
        total[name] = str(Decimal(total.get(name, "0")) + Decimal(finance[name]))


def decisions_carried(collective: Collective, end: date) -> list[dict[str, Any]]:
    """Conference decisions this collective is responsible for, and where they stand."""
    if not apps.is_installed("iskra.conferences"):
        return []
    from iskra.conferences.queries import decisions_for_report

    return decisions_for_report(collective, end)
