"""Reads of the reports app: a report's figures (live for a draft, frozen once submitted),
the differences between versions, the roll-up of the collectives below, the dashboard."""

import hashlib
import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from iskra.network.models import Collective
from iskra.network.scope import Capacity, narrow
from iskra.reports import figures
from iskra.reports.models import Narrative, Reminder, Report, Version
from iskra.reports.periods import Period, month

SNAPSHOT_FORMAT = 1


def narratives_json(report: Report) -> list[dict[str, Any]]:
    return [
        {
            "language": narrative.language,
            "translation_of": narrative.translation_of.language
            if narrative.translation_of
            else None,
            **{section: getattr(narrative, section) for section in Narrative.SECTIONS},
        }
        for narrative in report.narratives.select_related("translation_of")
    ]


def build_snapshot(report: Report) -> dict[str, Any]:
    """Everything the report says, as plain JSON: what submit freezes."""
    collective, period = report.collective, report.period
    previous = period.previous()
    return {
        "format": SNAPSHOT_FORMAT,
        "collective": {"slug": collective.slug, "name": collective.name},
        "period": {"code": period.code, "start": str(period.start), "end": str(period.end)},
        "previous_period": {"code": previous.code},
        "figures": figures.scalar_figures(collective, period.start, period.end),
        "previous": figures.scalar_figures(collective, previous.start, previous.end),
        "details": figures.detail_figures(collective, period.start, period.end),
        "finance": figures.finance_figures(collective, period.start, period.end),
        "decisions": figures.decisions_carried(collective, period.end),
        "narratives": narratives_json(report) if report.pk else [],
    }


def canonical(snapshot: dict[str, Any]) -> bytes:
    return json.dumps(snapshot, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def sha256_of(snapshot: dict[str, Any]) -> str:
    return hashlib.sha256(canonical(snapshot)).hexdigest()


def latest_version(report: Report) -> Version | None:
    return report.versions.order_by("-number").first()


def snapshot_of(report: Report) -> tuple[dict[str, Any], Version | None]:
    """The frozen snapshot of a submitted report, the live figures of a draft."""
    version = latest_version(report)
    if version is not None:
        return version.snapshot, version
    return build_snapshot(report), None


@dataclass
class Row:
    key: str
    label: str
    current: Any
    previous: Any


def comparison(snapshot: dict[str, Any]) -> list[Row]:
    current, previous = snapshot.get("figures", {}), snapshot.get("previous", {})
    return [
        Row(key, str(label), current.get(key), previous.get(key))
        for key, label in figures.SCALARS.items()
    ]


def _flatten(value: Any, prefix: str = "") -> dict[str, Any]:
    if isinstance(value, dict):
        flat: dict[str, Any] = {}
        for key, inner in value.items():
            flat.update(_flatten(inner, f"{prefix}.{key}" if prefix else str(key)))
        return flat
    if isinstance(value, list):
        flat = {}
        for index, inner in enumerate(value):
            flat.update(_flatten(inner, f"{prefix}[{index}]"))
        return flat
    return {prefix: value}


@dataclass
class Difference:
    path: str
    before: Any
    after: Any


def differences(before: dict[str, Any], after: dict[str, Any]) -> list[Difference]:
    """What changed from one version to the next, field by field."""
    old, new = _flatten(before), _flatten(after)
    return [
        Difference(path, old.get(path), new.get(path))
        for path in sorted(set(old) | set(new))
        if old.get(path) != new.get(path)
    ]


def reports_of(collective: Collective) -> QuerySet[Report]:
    return Report.objects.filter(collective=collective).order_by("-start", "-end")


def scoped_reports(user: Any) -> QuerySet[Report]:
    return narrow(Report.objects.all(), user, Capacity.AGGREGATES).select_related("collective")


# Roll-up


@dataclass
class Rollup:
    period: Period
    expected: list[Collective]
    submitted: list[tuple[Collective, Version]] = field(default_factory=list)
    drafts: list[Collective] = field(default_factory=list)
    missing: list[Collective] = field(default_factory=list)
    totals: dict[str, Any] = field(default_factory=dict)
    details: dict[str, Any] = field(default_factory=dict)
    finance: dict[str, Any] = field(default_factory=dict)
    reminded: dict[int, Any] = field(default_factory=dict)

    @property
    def reported(self) -> int:
        return len(self.submitted)

    @property
    def waiting(self) -> list[tuple[Collective, bool, Any]]:
        """Each collective not reported yet: whether it has a draft, when it was reminded."""
        rows = [(child, False, self.reminded.get(child.pk)) for child in self.missing]
        rows += [(child, True, self.reminded.get(child.pk)) for child in self.drafts]
        return sorted(rows, key=lambda row: row[0].path)


def _add_details(into: dict[str, Any], details: dict[str, Any]) -> None:
    by_publication = into.setdefault("copies_by_publication", {})
    for row in details.get("copies_by_publication", []):
        key = (row["publication"], row["language"])
        entry = by_publication.setdefault(key, {**row, "copies": 0})
        entry["copies"] += row["copies"]
    for name in ("outings_by_kind", "contacts_by_stage"):
        target = into.setdefault(name, defaultdict(int))
        for key, count in details.get(name, {}).items():
            target[key] += count
    moves = into.setdefault("stage_moves", defaultdict(int))
    for move in details.get("stage_moves", []):
        moves[(move["from"], move["to"])] += move["count"]
    weeks = into.setdefault("weekly_copies", defaultdict(int))
    for week, copies in details.get("weekly_copies", []):
        weeks[week] += copies


def _finish_details(details: dict[str, Any]) -> dict[str, Any]:
    return {
        "copies_by_publication": sorted(
            details.get("copies_by_publication", {}).values(),
            key=lambda row: (row["publication"], row["language"]),
        ),
        "outings_by_kind": dict(details.get("outings_by_kind", {})),
        "contacts_by_stage": dict(details.get("contacts_by_stage", {})),
        "stage_moves": [
            {"from": source, "to": target, "count": count}
            for (source, target), count in details.get("stage_moves", {}).items()
        ],
        "weekly_copies": sorted([week, n] for week, n in details.get("weekly_copies", {}).items()),
    }


def rollup(collective: Collective, period: Period) -> Rollup:
    """Consolidates the latest submitted snapshot of every collective below `collective` for
    exactly this period. Only counts travel up: a snapshot holds no person's name."""
    below = list(
        Collective.objects.filter(path__startswith=collective.path)
        .exclude(pk=collective.pk)
        .order_by("path")
    )
    result = Rollup(period=period, expected=below)
    reports = {
        report.collective_id: report
        for report in Report.objects.filter(
            collective__in=below, start=period.start, end=period.end
        )
    }
    latest: dict[int, Version] = {}
    for version in Version.objects.filter(
        report__in=[r for r in reports.values() if r.state == Report.State.SUBMITTED]
    ).order_by("report_id", "number"):
        latest[version.report_id] = version
    totals: dict[str, Any] = defaultdict(int)
    previous: dict[str, Any] = defaultdict(int)
    details: dict[str, Any] = {}
    for child in below:
        report = reports.get(child.pk)
        found = latest.get(report.pk) if report else None
        if found is None:
            (result.drafts if report else result.missing).append(child)
            continue
        result.submitted.append((child, found))
        for key, value in found.snapshot.get("figures", {}).items():
            if key not in figures.RATIOS and isinstance(value, int):
                totals[key] += value
        for key, value in found.snapshot.get("previous", {}).items():
            if key not in figures.RATIOS and isinstance(value, int):
                previous[key] += value
        _add_details(details, found.snapshot.get("details", {}))
        figures.add_finance(result.finance, found.snapshot.get("finance", {}))
    totals["met_per_100"] = figures.per_hundred(totals["people_met"], totals["copies"])
    previous["met_per_100"] = figures.per_hundred(previous["people_met"], previous["copies"])
    result.totals = {"figures": dict(totals), "previous": dict(previous)}
    result.details = _finish_details(details)
    for reminder in Reminder.objects.filter(
        collective__in=result.missing + result.drafts, start=period.start, end=period.end
    ).order_by("sent_at"):
        result.reminded[reminder.collective_id] = reminder.sent_at
    return result


def labels() -> dict[str, dict[str, str]]:
    from iskra.distribution.models import Outing
    from iskra.people.models import Stage

    return {
        "kinds": {key: str(label) for key, label in Outing.Kind.choices},
        "stages": {stage.key: stage.label for stage in Stage.objects.all()},
        "decision_states": _decision_states(),
    }


def _decision_states() -> dict[str, str]:
    from django.apps import apps

    if not apps.is_installed("iskra.conferences"):
        return {}
    from iskra.conferences.models import Decision

    return {key: str(label) for key, label in Decision.State.choices}


# Dashboard


@dataclass
class Dashboard:
    current: Period
    previous: Period
    rows: list[Row]
    through: date


def dashboard(collective: Collective, today: date | None = None) -> Dashboard:
    """This month so far against the same days of last month."""
    today = today or timezone.localdate(timezone=collective.zone)
    current = month(today)
    last = current.previous()
    same_day = min(today.day, last.end.day)
    now = figures.scalar_figures(collective, current.start, today)
    before = figures.scalar_figures(collective, last.start, last.start.replace(day=same_day))
    rows = [
        Row(key, str(label), now.get(key), before.get(key))
        for key, label in figures.SCALARS.items()
        if key in ("copies", "outings", "people_met", "new_friends", "followups_done")
    ]
    return Dashboard(current=current, previous=last, rows=rows, through=today)
