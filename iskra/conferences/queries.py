"""Reads of the conferences app, and who may see what (through the network scope):

- a conference, its motions and decisions are visible to the collectives it concerns: users
  who see its organizing collective or any collective below it, and its delegates;
- its documents (reports, contributions, the booklet) to its delegates and to the organizers
  of the organizing collective;
- the chair's work (agenda, delegates, closing amendments, votes, decisions) to those who
  manage the organizing collective.
"""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Q, QuerySet, Sum
from django.http import Http404
from django.utils import timezone

from iskra.conferences import lines
from iskra.conferences.models import Amendment, Conference, Contribution, Decision, Delegate, Motion
from iskra.network.models import Collective
from iskra.network.scope import Capacity, scope_for


def _concerned_ids(user: Any) -> set[int]:
    """The collectives whose conferences the user may see: those they see and their parents."""
    view_ids = scope_for(user).ids(Capacity.VIEW)
    ids: set[int] = set(view_ids)
    for path in Collective.objects.filter(pk__in=view_ids).values_list("path", flat=True):
        ids.update(int(part) for part in path.strip("/").split("/") if part)
    return ids


def visible_conferences(user: Any) -> QuerySet[Conference]:
    if not getattr(user, "is_authenticated", False):
        return Conference.objects.none()
    return Conference.objects.filter(
        Q(collective_id__in=_concerned_ids(user)) | Q(delegates__user=user)
    ).distinct()


def get_conference_or_404(user: Any, pk: int) -> Conference:
    conference = visible_conferences(user).select_related("collective").filter(pk=pk).first()
    if conference is None:
        raise Http404
    return conference


def delegate_of(user: Any, conference: Conference) -> Delegate | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return conference.delegates.filter(user=user).first()


def is_chair(user: Any, conference: Conference) -> bool:
    return scope_for(user).can(Capacity.MANAGE, conference.collective_id)


def sees_documents(user: Any, conference: Conference) -> bool:
    return is_chair(user, conference) or delegate_of(user, conference) is not None


def amendments_open(conference: Conference, now: Any = None) -> bool:
    now = now or timezone.now()
    return conference.amendments_closed_at is None and now <= conference.amendments_deadline


def total_votes(conference: Conference) -> int:
    return conference.delegates.aggregate(total=Sum("votes"))["total"] or 0


def delegation_votes(conference: Conference) -> dict[int, int]:
    return {
        row["credited_by_id"]: row["total"]
        for row in conference.delegates.values("credited_by_id")
        .annotate(total=Sum("votes"))
        .order_by()
    }


@dataclass
class AmendmentView:
    amendment: Amendment
    original: str
    depth: int


def amendments_of(motion: Motion) -> list[AmendmentView]:
    """Each amendment with the lines it replaces, sub-amendments under their parent."""
    every = list(motion.amendments.select_related("author__user", "parent"))
    children: dict[int | None, list[Amendment]] = {}
    for amendment in every:
        children.setdefault(amendment.parent_id, []).append(amendment)
    out: list[AmendmentView] = []

    def walk(parent_id: int | None, depth: int) -> None:
        for amendment in children.get(parent_id, []):
            base = amendment.parent.text if amendment.parent else motion.original_text
            replaced = lines.excerpt(base, amendment.first_line, amendment.last_line)
            out.append(AmendmentView(amendment, replaced, depth))
            walk(amendment.pk, depth + 1)

    walk(None, 0)
    return out


def rolled_progress(decision: Decision) -> int:
    """A decision split into parts for the collectives below is as far as its parts."""
    parts = list(decision.children.all())
    if not parts:
        return decision.progress
    return round(sum(rolled_progress(part) for part in parts) / len(parts))


def decisions_for_report(collective: Collective, end: date) -> list[dict[str, Any]]:
    """The decisions a collective carries, as the period report ending on `end` lists them."""
    return [
        {
            "title": decision.title,
            "conference": decision.conference.title,
            "state": decision.state,
            "progress": rolled_progress(decision),
            "due_on": decision.due_on.isoformat() if decision.due_on else None,
        }
        for decision in Decision.objects.filter(
            responsible=collective, conference__starts_on__lte=end
        )
        .select_related("conference")
        .prefetch_related("children")
        .order_by("due_on", "pk")
    ]


def attending_reports(conference: Conference) -> list[Any]:
    """The period reports of the collectives concerned, for the conference's report period:
    they attend by themselves, with their latest frozen version."""
    from iskra.reports.models import Report

    return list(
        Report.objects.filter(
            collective__path__startswith=conference.collective.path,
            start__gte=conference.report_start,
            end__lte=conference.report_end,
            state=Report.State.SUBMITTED,
        )
        .select_related("collective")
        .prefetch_related("versions")
        .order_by("collective__path", "start")
    )


def contributions_of(conference: Conference) -> list[Contribution]:
    """Originals, each with its translations."""
    return list(
        conference.contributions.filter(translation_of__isnull=True).prefetch_related(
            "translations"
        )
    )


@dataclass
class DecisionRow:
    decision: Decision
    progress: int
    depth: int


def decision_tree(conference: Conference) -> list[DecisionRow]:
    every = list(conference.decisions.select_related("responsible").prefetch_related("children"))
    by_parent: dict[int | None, list[Decision]] = {}
    for decision in every:
        by_parent.setdefault(decision.parent_id, []).append(decision)
    rows: list[DecisionRow] = []

    def walk(parent_id: int | None, depth: int) -> None:
        for decision in by_parent.get(parent_id, []):
            rows.append(DecisionRow(decision, rolled_progress(decision), depth))
            walk(decision.pk, depth + 1)

    walk(None, 0)
    return rows
