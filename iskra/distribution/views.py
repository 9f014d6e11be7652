from datetime import date, timedelta
from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from iskra.core.errors import DomainError
from iskra.distribution import charts, queries, services
from iskra.distribution.forms import (
    AdjustForm,
    BundleForm,
    MoneyFormSet,
    OutingForm,
    PeopleMetFormSet,
    PersonMetForm,
    ReceiveForm,
    currency_for,
)
from iskra.distribution.models import Outing
from iskra.network.models import Collective
from iskra.network.scope import (
    Capacity,
    get_collective_or_404,
    get_scoped_or_404,
    scope_for,
    visible_collectives,
)
from iskra.people import services as people_services
from iskra.people.models import Contact, Stage
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
    return [
        services.LineInput(issue=issue, copies=copies, language=language)
        for issue, language, copies in form.copies()
        if copies
    ]


def _money_from(formset: Any, collective: Collective) -> list[services.MoneyInput]:
    return [
        services.MoneyInput(
            amount=data["amount"],
            currency=data.get("currency") or currency_for(collective),
            kind=data["kind"],
        )
        for data in formset.cleaned_data
        if data.get("amount")
    ]


def _people_from(formset: Any) -> list[services.ContactMet]:
    return [met for form in formset.forms if (met := form.contact_met()) is not None]


def _outing_forms(request: HttpRequest, collective: Collective) -> tuple[Any, Any, Any]:
    data = request.POST if request.method == "POST" else None
    form = OutingForm(
        data,
        collective=collective,
        issues=queries.current_issues(collective),
        initial=OutingForm.initial_for(collective, request.user, queries.last_kind(collective)),
    )
    money = MoneyFormSet(
        data, prefix="money", initial=[{"currency": currency_for(collective), "kind": "donation"}]
    )
    people = PeopleMetFormSet(data, prefix="met")
    return form, money, people


@login_required
def outing_new(request: HttpRequest, slug: str) -> HttpResponse:
    collective = get_collective_or_404(request.user, slug, Capacity.VIEW)
    can_add_contacts = scope_for(request.user).can(Capacity.CONTACTS, collective)
    form, money, people = _outing_forms(request, collective)
    # The time typed is the collective's local time.
    with timezone.override(collective.zone):
        valid = request.method == "POST" and all(
            [form.is_valid(), money.is_valid(), people.is_valid() or not can_add_contacts]
        )
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
                money=_money_from(money, collective),
                contacts_met=_people_from(people) if can_add_contacts else [],
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
            "money": money,
            "people": people,
            "places": queries.recent_places(collective),
            "can_add_contacts": can_add_contacts,
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


def _outing_page(request: HttpRequest, outing: Outing, person_form: Any = None) -> HttpResponse:
    can_see_contacts = scope_for(request.user).can(Capacity.CONTACTS, outing.collective)
    return render(
        request,
        "distribution/outing_detail.html",
        {
            "collective": outing.collective,
            "outing": outing,
            "lines": queries.outing_language_copies(outing),
            "money_lines": queries.outing_money_by_kind(outing),
            "money": queries.money_totals(outing),
            "summaries": queries.outing_summaries(outing),
            "contacts": (
                [
                    link.contact
                    for link in outing.contacts_met.select_related("contact__stage").order_by("pk")
                ]
                if can_see_contacts
                else []
            ),
            "next_stages": {stage.position: stage for stage in Stage.objects.order_by("position")},
            "contacts_count": outing.contacts_met.count(),
            "paper": services.paper_for(outing),
            "person_form": (person_form or PersonMetForm()) if can_see_contacts else None,
        },
    )


@login_required
def outing_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _outing_page(request, _outing(request, slug, pk))


@login_required
@require_POST
def outing_person_add(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """A person met on this outing, added afterwards: linked to the outing ("met at")."""
    outing = _outing(request, slug, pk)
    if not scope_for(request.user).can(Capacity.CONTACTS, outing.collective):
        raise Http404
    form = PersonMetForm(request.POST)
    met = form.contact_met() if form.is_valid() else None
    if met is None:
        if form.is_valid():
            form.add_error("name", _("Give this person a name or a nickname, like R."))
        return _outing_page(request, outing, person_form=form)
    try:
        services.outing_add_contact(actor=request.user, outing=outing, met=met)
    except DomainError as error:
        form.add_error(None, error.message)
        return _outing_page(request, outing, person_form=form)
    messages.success(request, _("%(name)s added.") % {"name": met.display_name})
    return redirect("distribution:outing", slug=slug, pk=pk)


@login_required
@require_POST
def outing_person_move_up(request: HttpRequest, slug: str, pk: int, contact: int) -> HttpResponse:
    """One stage up for a person met on this outing ("wants to do more")."""
    outing = _outing(request, slug, pk)
    person = get_scoped_or_404(
        Contact.objects.filter(outings_met__outing=outing).select_related("stage"),
        request.user,
        Capacity.CONTACTS,
        pk=contact,
    )
    stage = Stage.objects.filter(position__gt=person.stage.position).order_by("position").first()
    if stage is None:
        messages.error(request, _("%(name)s is at the last stage.") % {"name": person.display_name})
    else:
        people_services.stage_change(
            actor=request.user,
            contact=person,
            stage=stage,
            reason=_("Met at %(place)s") % {"place": outing.place},
        )
        messages.success(
            request,
            _("%(name)s is now at the stage %(stage)s.")
            % {"name": person.display_name, "stage": stage.label},
        )
    return redirect("distribution:outing", slug=slug, pk=pk)


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


def _can_keep_stock(request: HttpRequest, collective: Collective) -> bool:
    """Organizers (the secretary is one) and editors record what comes in and corrections."""
    scope = scope_for(request.user)
    return scope.can(Capacity.MANAGE, collective) or scope.can(Capacity.EDIT, collective)


def _stock_keeper_collective(request: HttpRequest, slug: str) -> Collective:
    collective = get_collective_or_404(request.user, slug, Capacity.VIEW)
    if not _can_keep_stock(request, collective):
        raise Http404
    return collective


@login_required
def stock(request: HttpRequest, slug: str) -> HttpResponse:
    collective = get_collective_or_404(request.user, slug, Capacity.VIEW)
    stocks = queries.stock_for(collective)
    can_keep = _can_keep_stock(request, collective)
    return render(
        request,
        "distribution/stock.html",
        {
            "collective": collective,
            "stocks": stocks,
            "discrepancies": [row for row in stocks if row.left < 0],
            "history": queries.stock_history(collective) if can_keep else [],
            "can_send": can_keep and collective.children.exists(),
            "can_keep": can_keep,
        },
    )


def _issues_for(collective: Collective) -> Any:
    return (
        Issue.objects.filter(publication__in=queries.publications_for(collective))
        .select_related("publication")
        .order_by("publication__slug", "-number")
    )


@login_required
def bundle_new(request: HttpRequest, slug: str) -> HttpResponse:
    source = _stock_keeper_collective(request, slug)
    form = BundleForm(request.POST or None, source=source, issues=_issues_for(source))
    if request.method == "POST" and form.is_valid():
        try:
            services.bundle_send(actor=request.user, source=source, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            return redirect("distribution:stock", slug=source.slug)
    return render(request, "distribution/bundle_form.html", {"collective": source, "form": form})


def _sources_for(request: HttpRequest, collective: Collective) -> Any:
    """Where copies may come from: the collectives above (usually) and those the user sees."""
    visible = visible_collectives(request.user).values_list("pk", flat=True)
    return (
        Collective.objects.filter(Q(pk__in=collective.ancestor_ids()) | Q(pk__in=visible))
        .exclude(pk=collective.pk)
        .order_by("path")
    )


@login_required
def bundle_receive(request: HttpRequest, slug: str) -> HttpResponse:
    collective = _stock_keeper_collective(request, slug)
    form = ReceiveForm(
        request.POST or None,
        collective=collective,
        issues=_issues_for(collective),
        sources=_sources_for(request, collective),
        initial={
            "issue": request.GET.get("issue"),
            "received_on": timezone.localdate(timezone=collective.zone),
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.bundle_receive(actor=request.user, collective=collective, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Copies recorded."))
            return redirect("distribution:stock", slug=collective.slug)
    return render(
        request, "distribution/receive_form.html", {"collective": collective, "form": form}
    )


@login_required
def stock_adjust(request: HttpRequest, slug: str) -> HttpResponse:
    collective = _stock_keeper_collective(request, slug)
    form = AdjustForm(
        request.POST or None,
        issues=_issues_for(collective),
        initial={"issue": request.GET.get("issue")},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.stock_adjust(actor=request.user, collective=collective, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Stock corrected."))
            return redirect("distribution:stock", slug=collective.slug)
    return render(
        request, "distribution/adjust_form.html", {"collective": collective, "form": form}
    )


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
