"""Writes of the reports app: open a report for a period, write its narrative in each
language, submit (freeze) it, correct it, remind a collective whose report is missing."""

from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from iskra.audit.services import log_action
from iskra.core.errors import DomainError
from iskra.network.models import Collective, Membership, Role
from iskra.reports import queries
from iskra.reports.models import Narrative, Reminder, Report, Version
from iskra.reports.periods import Period


def _user(actor: Any) -> Any:
    return actor if actor is not None and getattr(actor, "is_authenticated", False) else None


def _refuse_overlap(collective: Collective, period: Period, exclude: int | None = None) -> None:
    clash = (
        Report.objects.filter(
            collective=collective,
            state=Report.State.SUBMITTED,
            start__lte=period.end,
            end__gte=period.start,
        )
        .exclude(pk=exclude or 0)
        .order_by("start")
        .first()
    )
    if clash is not None:
        raise DomainError(
            _(
                "This period overlaps the submitted report %(period)s. Choose a period "
                "that does not overlap it, or correct that report."
            )
            % {"period": clash.period.code}
        )


def report_open(*, actor: Any, collective: Collective, period: Period) -> Report:
    """The collective's report for this period: the existing one, or a new draft. A period
    that overlaps a submitted report of the collective is refused."""
    with transaction.atomic():
        existing = (
            Report.objects.select_for_update()
            .filter(collective=collective, start=period.start, end=period.end)
            .first()
        )
        if existing is not None:
            return existing
        _refuse_overlap(collective, period)
        report = Report.objects.create(
            collective=collective,
            kind=period.kind,
            start=period.start,
            end=period.end,
            created_by=_user(actor),
        )
        log_action("reports.report.created", actor=actor, target=report)
    return report


def narrative_save(
    *,
    actor: Any,
    report: Report,
    language: str,
    situation: str,
    work: str,
    problems: str,
    proposals: str,
) -> Narrative:
    """Writes the text in one language. The first language written is the original; the
    others are linked to it as its translations."""
    language = language.strip().lower()
    allowed = report.collective.languages or [settings.LANGUAGE_CODE[:2]]
    if language not in allowed:
        raise DomainError(
            _("This collective writes in %(languages)s.") % {"languages": ", ".join(allowed)}
        )
    with transaction.atomic():
        narrative = Narrative.objects.filter(report=report, language=language).first()
        original = (
            Narrative.objects.filter(report=report, translation_of__isnull=True)
            .exclude(language=language)
            .first()
        )
        if narrative is None:
            narrative = Narrative(report=report, language=language, translation_of=original)
        narrative.situation = situation.strip()
        narrative.work = work.strip()
        narrative.problems = problems.strip()
        narrative.proposals = proposals.strip()
        narrative.save()
        log_action(
            "reports.report.narrative_saved",
            actor=actor,
            target=report,
            details={"language": language},
        )
    return narrative


def _freeze(*, actor: Any, report: Report, number: int, reason: str) -> Version:
    snapshot = queries.build_snapshot(report)
    return Version.objects.create(
        report=report,
        number=number,
        snapshot=snapshot,
        sha256=queries.sha256_of(snapshot),
        reason=reason,
        submitted_by=_user(actor),
        submitted_at=timezone.now(),
    )


def report_submit(*, actor: Any, report: Report) -> Version:
    with transaction.atomic():
        report = Report.objects.select_for_update().get(pk=report.pk)
        if report.state == Report.State.SUBMITTED:
            raise DomainError(
                _("This report was submitted already. To change it, submit a correction.")
            )
        if report.start > timezone.localdate(timezone=report.collective.zone):
            raise DomainError(_("A report cannot be submitted before its period begins."))
        _refuse_overlap(report.collective, report.period, exclude=report.pk)
        version = _freeze(actor=actor, report=report, number=1, reason="")
        report.state = Report.State.SUBMITTED
        report.save(update_fields=["state"])
        log_action(
            "reports.report.submitted",
            actor=actor,
            target=report,
            details={"version": 1, "sha256": version.sha256},
        )
    return version


def report_correct(*, actor: Any, report: Report, reason: str) -> Version:
    """A new version from the data and text as they are now; the earlier ones stay."""
    reason = " ".join(reason.split())
    if not reason:
        raise DomainError(_("Say what the correction is about."))
    with transaction.atomic():
        report = Report.objects.select_for_update().get(pk=report.pk)
        if report.state != Report.State.SUBMITTED:
            raise DomainError(_("Only a submitted report can be corrected; submit it first."))
        last = queries.latest_version(report)
        number = (last.number if last else 0) + 1
        version = _freeze(actor=actor, report=report, number=number, reason=reason[:300])
        if last is not None and version.sha256 == last.sha256:
            raise DomainError(_("Nothing changed since the last version."))
        log_action(
            "reports.report.corrected",
            actor=actor,
            target=report,
            details={"version": number, "sha256": version.sha256},
        )
    return version


def reminder_send(*, actor: Any, collective: Collective, period: Period) -> Reminder:
    """Mails the organizers of a collective whose report for the period is not in."""
    submitted = Report.objects.filter(
        collective=collective,
        start=period.start,
        end=period.end,
        state=Report.State.SUBMITTED,
    ).exists()
    if submitted:
        raise DomainError(_("This collective has submitted its report already."))
    organizer_ids = (
        Membership.objects.active()
        .filter(collective=collective, role=Role.ORGANIZER)
        .values_list("user_id", flat=True)
    )
    addresses = [
        email
        for email in get_user_model()
        .objects.filter(pk__in=organizer_ids, is_active=True)
        .values_list("email", flat=True)
        if email
    ]
    with transaction.atomic():
        reminder = Reminder.objects.create(
            collective=collective,
            start=period.start,
            end=period.end,
            sent_by=_user(actor),
            recipients=len(addresses),
        )
        log_action(
            "reports.report.reminded",
            actor=actor,
            collective=collective,
            details={"period": period.code, "recipients": len(addresses)},
        )
    if addresses:
        send_mail(
            _("Your report for %(period)s is missing") % {"period": period.code},
            _("The report of %(collective)s for %(period)s has not been submitted yet.")
            % {"collective": collective.name, "period": period.code},
            None,
            addresses,
        )
    return reminder
