from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from iskra.activities import ical as ical_feed
from iskra.activities import queries, services
from iskra.activities.forms import CircleForm, EventForm
from iskra.activities.models import CalendarToken, Event, StudyCircle
from iskra.core.errors import DomainError
from iskra.network.queries import members_of
from iskra.network.scope import (
    Capacity,
    get_collective_or_404,
    get_scoped_or_404,
    scope_for,
    visible_collectives,
)
from iskra.people.models import Contact, Stage

PAGE_SIZE = 50


@login_required
def calendar(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    return render(
        request,
        "activities/calendar.html",
        {
            "events": queries.upcoming_events(request.user)[:100],
            "collectives": visible_collectives(request.user).order_by("path"),
            "can_manage": bool(scope.ids(Capacity.MANAGE)),
        },
    )


@login_required
def event_new(request: HttpRequest, slug: str) -> HttpResponse:
    collective = get_collective_or_404(request.user, slug, Capacity.VIEW)
    circle = None
    if request.GET.get("circle"):
        circle = get_scoped_or_404(
            StudyCircle.objects.filter(collective=collective),
            request.user,
            pk=request.GET["circle"],
        )
    initial: dict[str, Any] = {"kind": Event.Kind.STUDY_CIRCLE if circle else Event.Kind.MEETING}
    if circle:
        initial["title"] = circle.title
    form = EventForm(request.POST or None, initial=initial)
    with timezone.override(collective.zone):  # times typed are the collective's local time
        valid = request.method == "POST" and form.is_valid()
    if valid:
        try:
            event = services.event_create(
                actor=request.user, collective=collective, circle=circle, **form.cleaned_data
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            return redirect("activities:event", slug=slug, pk=event.pk)
    return render(
        request,
        "activities/event_form.html",
        {"collective": collective, "form": form, "circle": circle},
    )


def _event(request: HttpRequest, slug: str, pk: int) -> Event:
    collective = get_collective_or_404(request.user, slug, Capacity.VIEW)
    return get_scoped_or_404(
        Event.objects.filter(collective=collective).select_related("collective", "circle"),
        request.user,
        pk=pk,
    )


def _can_take_attendance(request: HttpRequest, event: Event) -> bool:
    """Members and organizers of the collective take attendance; roles that do not see its
    contacts (a centre, an editor, a treasurer) do not."""
    return scope_for(request.user).can(Capacity.CONTACTS, event.collective)


@login_required
def event_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    event = _event(request, slug, pk)
    can_write = _can_take_attendance(request, event)
    search = " ".join(request.GET.get("q", "").split())[:100]
    page = None
    if can_write:
        page = Paginator(queries.invitable_contacts(event.collective, search), PAGE_SIZE).get_page(
            request.GET.get("page")
        )
    shown_contacts = list(page.object_list) if page is not None else []
    came = queries.came_to(event)
    came_users = {row.user_id for row in came if row.user_id}
    came_contacts = {row.contact_id for row in came if row.contact_id}
    members = [m.user for m in members_of(event.collective)]
    if search:
        members = [user for user in members if search.casefold() in user.username.casefold()]
    return render(
        request,
        "activities/event_detail.html",
        {
            "collective": event.collective,
            "event": event,
            "can_write": can_write,
            "search": search,
            "page": page,
            "members": [(user, user.pk in came_users) for user in members],
            "contacts": [(c, c.pk in came_contacts) for c in shown_contacts],
            "came": came if can_write else [],
            "came_count": len(came),
            "suggestions_count": (
                len(queries.suggestions_for(event.collective))
                if can_write and scope_for(request.user).can(Capacity.MANAGE, event.collective)
                else None
            ),
        },
    )


def _ids(request: HttpRequest, name: str) -> set[int]:
    return {int(value) for value in request.POST.getlist(name) if value.isdigit()}


def _attendance_changes(request: HttpRequest, event: Event) -> list[services.AttendanceChange]:
    """One change per person shown on the page: ticked or not. People not shown are absent."""
    ticked_users, ticked_contacts = _ids(request, "user"), _ids(request, "contact")
    users = (
        get_user_model()
        .objects.filter(
            pk__in=_ids(request, "shown_user"), memberships__collective=event.collective
        )
        .distinct()
    )
    contacts = Contact.objects.filter(
        pk__in=_ids(request, "shown_contact"), collective=event.collective
    )
    return [
        *(services.AttendanceChange(attended=u.pk in ticked_users, user=u) for u in users),
        *(services.AttendanceChange(attended=c.pk in ticked_contacts, contact=c) for c in contacts),
    ]


@login_required
@require_POST
def attendance(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    event = _event(request, slug, pk)
    if not _can_take_attendance(request, event):
        raise Http404
    changed = services.attendance_record(
        actor=request.user, event=event, changes=_attendance_changes(request, event)
    )
    came = len(queries.came_to(event))
    messages.success(
        request,
        ngettext("Attendance saved: %(came)s came.", "Attendance saved: %(came)s came.", came)
        % {"came": came}
        if changed
        else _("Nothing changed."),
    )
    url = reverse("activities:event", args=[slug, pk])
    back = {key: request.POST[key] for key in ("q", "page") if request.POST.get(key)}
    return redirect(f"{url}?{urlencode(back)}" if back else url)


@login_required
def circle_new(request: HttpRequest, slug: str) -> HttpResponse:
    collective = get_collective_or_404(request.user, slug, Capacity.VIEW)
    form = CircleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            circle = services.circle_create(
                actor=request.user, collective=collective, **form.cleaned_data
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            return redirect("activities:circle", slug=slug, pk=circle.pk)
    return render(request, "activities/circle_form.html", {"collective": collective, "form": form})


@login_required
def circle_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    collective = get_collective_or_404(request.user, slug, Capacity.VIEW)
    circle = get_scoped_or_404(
        StudyCircle.objects.filter(collective=collective), request.user, pk=pk
    )
    form = CircleForm(
        request.POST or None, initial={"title": circle.title, "reading_list": circle.reading_list}
    )
    if request.method == "POST" and form.is_valid():
        services.circle_update_readings(
            actor=request.user, circle=circle, reading_list=form.cleaned_data["reading_list"]
        )
        messages.success(request, _("Saved."))
        return redirect("activities:circle", slug=slug, pk=pk)
    sessions = circle.sessions.annotate(
        came=Count("attendances", filter=Q(attendances__attended=True))
    ).order_by("starts_at")
    return render(
        request,
        "activities/circle_detail.html",
        {"collective": collective, "circle": circle, "sessions": sessions, "form": form},
    )


@login_required
def suggestions(request: HttpRequest, slug: str) -> HttpResponse:
    collective = get_collective_or_404(request.user, slug, Capacity.MANAGE)
    if not scope_for(request.user).can(Capacity.CONTACTS, collective):
        raise Http404
    return render(
        request,
        "activities/suggestions.html",
        {"collective": collective, "suggestions": queries.suggestions_for(collective)},
    )


@login_required
@require_POST
def suggestion_answer(request: HttpRequest, slug: str, pk: int, answer: str) -> HttpResponse:
    collective = get_collective_or_404(request.user, slug, Capacity.MANAGE)
    contact = get_scoped_or_404(
        Contact.objects.filter(collective=collective).select_related("stage"),
        request.user,
        Capacity.CONTACTS,
        pk=pk,
    )
    try:
        stage = Stage.objects.get(pk=request.POST.get("stage", ""))
    except (Stage.DoesNotExist, ValueError):
        raise Http404 from None
    if answer == "confirm":
        try:
            services.suggestion_confirm(actor=request.user, contact=contact, stage=stage)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("%(name)s moved on.") % {"name": contact.display_name})
    elif answer == "dismiss":
        services.suggestion_dismiss(actor=request.user, contact=contact, stage=stage)
    else:
        raise Http404
    return redirect("activities:suggestions", slug=slug)


@login_required
def feed_settings(request: HttpRequest) -> HttpResponse:
    link = ""
    if request.method == "POST":
        _record, token = services.calendar_token_create(actor=request.user)
        link = request.build_absolute_uri(f"/activities/ical/{token}.ics")
    active = CalendarToken.objects.filter(
        user_id=request.user.pk or 0, revoked_at__isnull=True
    ).first()
    return render(request, "activities/feed.html", {"link": link, "active": active})


@login_required
@require_POST
def feed_revoke(request: HttpRequest) -> HttpResponse:
    services.calendar_token_revoke(actor=request.user)
    messages.success(request, _("The calendar link no longer works."))
    return redirect("activities:feed")


def ical(request: HttpRequest, token: str) -> HttpResponse:
    """Public on purpose: calendar clients cannot log in. The secret token is the key."""
    user = queries.user_for_token(token)
    if user is None:
        raise Http404
    events = queries.upcoming_events(user, days_back=queries.FEED_PAST_DAYS)[:500]
    body = ical_feed.feed(events, domain=request.get_host(), name="Iskra")
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, no-store"
    return response
