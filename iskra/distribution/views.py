from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from iskra.core.errors import DomainError
from iskra.distribution import charts, queries, services
from iskra.distribution.forms import BundleForm, OutingForm
from iskra.distribution.models import Outing
from iskra.network.models import Collective
from iskra.network.scope import (
    Capacity,
    get_collective_or_404,
    get_scoped_or_404,
    scope_for,
    visible_collectives,
)
from iskra.press.models import Issue

REPORT_MONTHS = 12


@login_required
def index(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    collectives = [
        (collective, scope.can(Capacity.AGGREGATES, collective))
        for collective in visible_collectives(request.user).order_by("path")
    ]
    return render(request, "distribution/index.html", {"collectives": collectives})


def _lines_from(form: OutingForm) -> list[services.LineInput]:
    data = form.cleaned_data
    return [
        services.LineInput(
            issue=issue,
            copies=data.get(f"copies_{issue.pk}") or 0,
            money=data.get(f"money_{issue.pk}") or Decimal("0"),
            currency=data["currency"],
            language=issue.publication.main_language,
        )
        for issue in form.issues
    ]


def _contacts_from(form: OutingForm) -> list[services.ContactMet]:
    data = form.cleaned_data
    if not data.get("met_name"):
        return []
    return [
        services.ContactMet(
            display_name=data["met_name"],
            stage=data.get("met_stage"),
            note=data.get("met_note", ""),
            next_action=data.get("met_next", ""),
            due_on=data.get("met_due"),
        )
    ]


@login_required
def outing_new(request: HttpRequest, slug: str) -> HttpResponse:
    collective = get_collective_or_404(request.user, slug, Capacity.VIEW)
    issues = queries.current_issues(collective)
    form = OutingForm(
        request.POST or None,
        collective=collective,
        issues=issues,
        initial=OutingForm.initial_for(collective, request.user, queries.last_kind(collective)),
    )
    # The time typed is the collective's local time.
    with timezone.override(collective.zone):
        valid = request.method == "POST" and form.is_valid()
    if valid:
        members = get_user_model().objects.filter(
            pk__in=form.cleaned_data["members"], memberships__collective=collective
        )
        try:
            outing = services.outing_log(
                actor=request.user,
                collective=collective,
                starts_at=form.cleaned_data["starts_at"],
                place=form.cleaned_data["place"],
                kind=form.cleaned_data["kind"],
                shift=form.cleaned_data["shift"],
                friends_count=form.cleaned_data["friends_count"],
                members=list(members.distinct()),
                lines=_lines_from(form),
                contacts_met=_contacts_from(form),
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            return redirect("distribution:outing", slug=collective.slug, pk=outing.pk)
    return render(
        request,
        "distribution/outing_form.html",
        {
            "collective": collective,
            "form": form,
            "places": queries.recent_places(collective),
            "can_add_contacts": scope_for(request.user).can(Capacity.CONTACTS, collective),
        },
    )


def _outing(request: HttpRequest, slug: str, pk: int) -> Outing:
    collective = get_collective_or_404(request.user, slug, Capacity.VIEW)
    return get_scoped_or_404(
        Outing.objects.filter(collective=collective).select_related("collective", "article"),
        request.user,
        Capacity.VIEW,
        pk=pk,
    )


@login_required
def outing_list(request: HttpRequest, slug: str) -> HttpResponse:
    collective = get_collective_or_404(request.user, slug, Capacity.VIEW)
    return render(
        request,
        "distribution/outing_list.html",
        {"collective": collective, "outings": queries.outings_of(collective)[:100]},
    )


@login_required
def outing_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    outing = _outing(request, slug, pk)
    can_see_contacts = scope_for(request.user).can(Capacity.CONTACTS, outing.collective)
    return render(
        request,
        "distribution/outing_detail.html",
        {
            "collective": outing.collective,
            "outing": outing,
            "lines": outing.lines.select_related("issue__publication"),
            "money": queries.money_totals(outing.lines.all()),
            "summaries": queries.outing_summaries(outing),
            "contacts": (
                [link.contact for link in outing.contacts_met.select_related("contact")]
                if can_see_contacts
                else []
            ),
            "contacts_count": outing.contacts_met.count(),
            "paper": services.paper_for(outing),
        },
    )


def _texts(request: HttpRequest) -> dict[str, str]:
    prefix = "summary_"
    return {
        key[len(prefix) :]: request.POST.get(key, "")
        for key in request.POST
        if key.startswith(prefix)
    }


@login_required
@require_POST
def outing_summary(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    outing = _outing(request, slug, pk)
    services.outing_save_summary(actor=request.user, outing=outing, texts=_texts(request))
    messages.success(request, _("Saved."))
    return redirect("distribution:outing", slug=slug, pk=pk)


@login_required
@require_POST
def outing_to_drafts(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    outing = _outing(request, slug, pk)
    try:
        article = services.outing_send_to_drafts(
            actor=request.user, outing=outing, texts=_texts(request)
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("Sent to the drafts of %(paper)s.") % {"paper": article.publication}
        )
    return redirect("distribution:outing", slug=slug, pk=pk)


@login_required
def stock(request: HttpRequest, slug: str) -> HttpResponse:
    collective = get_collective_or_404(request.user, slug, Capacity.VIEW)
    scope = scope_for(request.user)
    return render(
        request,
        "distribution/stock.html",
        {
            "collective": collective,
            "stocks": queries.stock_for(collective),
            "can_send": scope.can(Capacity.MANAGE, collective)
            or scope.can(Capacity.EDIT, collective),
        },
    )


@login_required
def bundle_new(request: HttpRequest, slug: str) -> HttpResponse:
    source = get_collective_or_404(request.user, slug, Capacity.VIEW)
    scope = scope_for(request.user)
    if not (scope.can(Capacity.MANAGE, source) or scope.can(Capacity.EDIT, source)):
        raise Http404
    held = [row.issue.pk for row in queries.stock_for(source) if row.left > 0]
    form = BundleForm(request.POST or None, source=source, held=held)
    if request.method == "POST" and form.is_valid():
        try:
            services.bundle_send(actor=request.user, source=source, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            return redirect("distribution:stock", slug=source.slug)
    return render(request, "distribution/bundle_form.html", {"collective": source, "form": form})


def _since(request: HttpRequest) -> date:
    today = timezone.localdate()
    return (today.replace(day=1) - timedelta(days=31 * (REPORT_MONTHS - 1))).replace(day=1)


def _below(request: HttpRequest) -> bool:
    return request.GET.get("below", "1") != "0"


@login_required
def report_monthly(request: HttpRequest, slug: str) -> HttpResponse:
    collective = get_collective_or_404(request.user, slug, Capacity.AGGREGATES)
    since = _since(request)
    until = timezone.localdate() + timedelta(days=1)
    below = _below(request)
    return render(
        request,
        "distribution/report_monthly.html",
        {
            "collective": collective,
            "rows": queries.monthly_report(collective, since=since, until=until, below=below),
            "places": queries.places_report(collective, since=since, below=below),
            "issues": Issue.objects.filter(
                publication__in=queries.publications_for(collective)
            ).select_related("publication")[:30],
            "below": below,
        },
    )


@login_required
def report_issue(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    collective = get_collective_or_404(request.user, slug, Capacity.AGGREGATES)
    issue = _issue_for(collective, pk)
    aggregates = scope_for(request.user).ids(Capacity.AGGREGATES)
    collectives = list(
        Collective.objects.filter(path__startswith=collective.path, pk__in=aggregates)
    )
    return render(
        request,
        "distribution/report_issue.html",
        {
            "collective": collective,
            "issue": issue,
            "rows": queries.issue_report(issue, collectives),
        },
    )


def _issue_for(collective: Collective, pk: int) -> Issue:
    issue = (
        Issue.objects.filter(publication__in=queries.publications_for(collective), pk=pk)
        .select_related("publication")
        .first()
    )
    if issue is None:
        raise Http404
    return issue


@login_required
def chart(request: HttpRequest, slug: str, name: str) -> HttpResponse:
    collective = get_collective_or_404(request.user, slug, Capacity.AGGREGATES)
    since = _since(request)
    below = _below(request)
    svg: Any
    if name == "weekly":
        svg = charts.weekly_svg(queries.weekly_copies(collective, since=since, below=below))
    elif name == "places":
        svg = charts.places_svg(queries.places_report(collective, since=since, below=below))
    else:
        raise Http404
    response = HttpResponse(svg, content_type="image/svg+xml")
    response["Cache-Control"] = "private, max-age=300"
    return response
