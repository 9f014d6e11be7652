from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from iskra.core.errors import DomainError
from iskra.network.models import Collective
from iskra.network.scope import Capacity, get_collective_or_404, scope_for, visible_collectives
from iskra.reports import charts, printing, queries, services
from iskra.reports.forms import CorrectionForm, NarrativeForm, PeriodForm
from iskra.reports.models import Narrative, Report
from iskra.reports.periods import Period, month, parse_period


def _period(code: str) -> Period:
    try:
        return parse_period(code)
    except DomainError:
        raise Http404 from None


def _load(request: HttpRequest, slug: str, code: str, capacity: Capacity) -> tuple[Any, ...]:
    collective = get_collective_or_404(request.user, slug, capacity)
    period = _period(code)
    report = Report.objects.filter(
        collective=collective, start=period.start, end=period.end
    ).first()
    return collective, period, report


def _rollup(collective: Collective, period: Period) -> queries.Rollup | None:
    if not collective.children.exists():
        return None
    return queries.rollup(collective, period)


def _recent_months(collective: Collective) -> list[Period]:
    current = month(timezone.localdate(timezone=collective.zone))
    periods = [current]
    for _step in range(2):
        periods.append(periods[-1].previous())
    return periods


@login_required
def index(request: HttpRequest) -> HttpResponse:
    collectives = visible_collectives(request.user, Capacity.AGGREGATES).order_by("path")
    return render(request, "reports/index.html", {"collectives": collectives})


@login_required
def collective_reports(request: HttpRequest, slug: str) -> HttpResponse:
    collective = get_collective_or_404(request.user, slug, Capacity.AGGREGATES)
    can_manage = scope_for(request.user).can(Capacity.MANAGE, collective)
    see_error = ""
    if request.GET.get("see"):
        try:
            wanted = parse_period(request.GET["see"])
        except DomainError as error:
            see_error = error.message
        else:
            return redirect("reports:detail", slug=slug, period=wanted.code)
    form = PeriodForm(request.POST or None)
    if request.method == "POST":
        if not can_manage:
            raise Http404
        if form.is_valid():
            period = form.cleaned_data["period"]
            try:
                services.report_open(actor=request.user, collective=collective, period=period)
            except DomainError as error:
                form.add_error("period", error.message)
            else:
                return redirect("reports:detail", slug=slug, period=period.code)
    return render(
        request,
        "reports/collective.html",
        {
            "collective": collective,
            "reports": queries.reports_of(collective),
            "form": form,
            "can_manage": can_manage,
            "see_error": see_error,
            "recent_periods": _recent_months(collective),
        },
    )


@login_required
def report_detail(request: HttpRequest, slug: str, period: str) -> HttpResponse:
    collective, the_period, report = _load(request, slug, period, Capacity.AGGREGATES)
    snapshot, version = queries.snapshot_of(report) if report else ({}, None)
    versions = list(report.versions.all()) if report else []
    rollup = _rollup(collective, the_period)
    changes = (
        queries.differences(versions[1].snapshot, versions[0].snapshot) if len(versions) > 1 else []
    )
    return render(
        request,
        "reports/detail.html",
        {
            "collective": collective,
            "period": the_period,
            "report": report,
            "snapshot": snapshot,
            "version": version,
            "versions": versions,
            "changes": changes,
            "rows": queries.comparison(snapshot) if report else [],
            "rollup": rollup,
            "rollup_rows": queries.comparison(rollup.totals) if rollup else [],
            "remindable": scope_for(request.user).ids(Capacity.AGGREGATES),
            "labels": queries.labels(),
            "can_manage": scope_for(request.user).can(Capacity.MANAGE, collective),
            "languages": collective.languages or ["en"],
            "correction_form": CorrectionForm(),
        },
    )


@login_required
def narrative(request: HttpRequest, slug: str, period: str, language: str) -> HttpResponse:
    collective, the_period, report = _load(request, slug, period, Capacity.MANAGE)
    if report is None:
        raise Http404
    existing = Narrative.objects.filter(report=report, language=language).first()
    initial = {s: getattr(existing, s) for s in Narrative.SECTIONS} if existing else {}
    form = NarrativeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.narrative_save(
                actor=request.user, report=report, language=language, **form.cleaned_data
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Saved."))
            return redirect("reports:detail", slug=slug, period=the_period.code)
    original = Narrative.objects.filter(report=report, translation_of__isnull=True).first()
    return render(
        request,
        "reports/narrative_form.html",
        {
            "collective": collective,
            "period": the_period,
            "form": form,
            "language": language,
            "original": original if original and original.language != language else None,
        },
    )


@login_required
@require_POST
def submit(request: HttpRequest, slug: str, period: str) -> HttpResponse:
    _collective, the_period, report = _load(request, slug, period, Capacity.MANAGE)
    if report is None:
        raise Http404
    try:
        version = services.report_submit(actor=request.user, report=report)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Submitted: version %(n)s is frozen.") % {"n": version.number})
    return redirect("reports:detail", slug=slug, period=the_period.code)


@login_required
@require_POST
def correct(request: HttpRequest, slug: str, period: str) -> HttpResponse:
    _collective, the_period, report = _load(request, slug, period, Capacity.MANAGE)
    if report is None:
        raise Http404
    form = CorrectionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say what the correction is about."))
    else:
        try:
            version = services.report_correct(
                actor=request.user, report=report, reason=form.cleaned_data["reason"]
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Version %(n)s submitted.") % {"n": version.number})
    return redirect("reports:detail", slug=slug, period=the_period.code)


@login_required
@require_POST
def remind(request: HttpRequest, slug: str, period: str, child: str) -> HttpResponse:
    collective, the_period, _report = _load(request, slug, period, Capacity.AGGREGATES)
    below = get_collective_or_404(request.user, child, Capacity.AGGREGATES)
    if not below.path.startswith(collective.path) or below.pk == collective.pk:
        raise Http404
    try:
        services.reminder_send(actor=request.user, collective=below, period=the_period)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Reminder sent to %(name)s.") % {"name": below.name})
    return redirect("reports:detail", slug=slug, period=the_period.code)


def _export(request: HttpRequest, slug: str, period: str) -> tuple[Any, ...]:
    collective, the_period, report = _load(request, slug, period, Capacity.AGGREGATES)
    rollup = _rollup(collective, the_period)
    if report is None and rollup is None:
        raise Http404
    snapshot, version = queries.snapshot_of(report) if report else ({}, None)
    return collective, the_period, snapshot, version, rollup


@login_required
def pdf(request: HttpRequest, slug: str, period: str) -> HttpResponse:
    collective, the_period, snapshot, version, rollup = _export(request, slug, period)
    language = request.GET.get("language") or request.LANGUAGE_CODE
    body = printing.report_pdf(
        snapshot=snapshot or _empty(collective, the_period),
        sha256=version.sha256 if version else None,
        rollup=rollup,
        language=language,
    )
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{slug}-{the_period.code}.pdf"'
    return response


@login_required
def csv_file(request: HttpRequest, slug: str, period: str) -> HttpResponse:
    collective, the_period, snapshot, _version, rollup = _export(request, slug, period)
    body = printing.report_csv(snapshot or _empty(collective, the_period), rollup)
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{slug}-{the_period.code}.csv"'
    return response


def _empty(collective: Collective, period: Period) -> dict[str, Any]:
    return {
        "collective": {"slug": collective.slug, "name": collective.name},
        "period": {"code": period.code, "start": str(period.start), "end": str(period.end)},
    }


@login_required
def chart(request: HttpRequest, slug: str, period: str, name: str) -> HttpResponse:
    collective, the_period, report = _load(request, slug, period, Capacity.AGGREGATES)
    if name.startswith("rollup-"):
        rollup = _rollup(collective, the_period)
        if rollup is None:
            raise Http404
        drawn = charts.charts_for({"details": rollup.details})
        name = name.removeprefix("rollup-")
    else:
        if report is None:
            raise Http404
        drawn = charts.charts_for(queries.snapshot_of(report)[0])
    if name not in drawn:
        raise Http404
    return HttpResponse(drawn[name], content_type="image/svg+xml")
