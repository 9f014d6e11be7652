import csv
from datetime import timedelta

from allauth.usersessions.models import UserSession
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from iskra.accounts import queries, services
from iskra.accounts.adapter import INVITATION_SESSION_KEY
from iskra.accounts.forms import ExposureForm, RestoreForm
from iskra.core.errors import DomainError
from iskra.core.redirects import safe_next
from iskra.network.models import Membership
from iskra.network.scope import Capacity, get_scoped_or_404
from iskra.network.services import invitation_accept, invitation_for_token


@login_required
def session_list(request: HttpRequest) -> HttpResponse:
    sessions = sorted(
        UserSession.objects.purge_and_list(request.user),
        key=lambda session: session.last_seen_at or session.created_at,
        reverse=True,
    )
    return render(
        request,
        "accounts/session_list.html",
        {"sessions": sessions, "zone": queries.home_time_zone(request.user)},
    )


@login_required
@require_POST
def session_end(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_object_or_404(UserSession, pk=pk, user=request.user)
    services.session_end(actor=request.user, session=session)
    if request.headers.get("HX-Request") == "true":
        # HTMX swaps just this session's entry on the page.
        return render(request, "accounts/_session_ended.html")
    messages.success(request, _("The session has ended."))
    return redirect("accounts:sessions")


@login_required
@require_POST
def sessions_end_others(request: HttpRequest) -> HttpResponse:
    ended = services.sessions_end_all(
        actor=request.user, user=request.user, keep_session_key=request.session.session_key
    )
    messages.success(
        request,
        ngettext("Ended %(count)d other session.", "Ended %(count)d other sessions.", ended)
        % {"count": ended},
    )
    return redirect("accounts:sessions")


@login_required
@require_POST
def member_sessions_end(request: HttpRequest, pk: int) -> HttpResponse:
    """An organizer ends every session of a member of a collective they manage."""
    membership = get_scoped_or_404(
        Membership.objects.active().select_related("user", "collective"),
        request.user,
        Capacity.MANAGE,
        pk=pk,
    )
    ended = services.sessions_end_all(
        actor=request.user, user=membership.user, collective=membership.collective
    )
    messages.success(
        request,
        ngettext(
            "Ended %(count)d session of %(user)s.", "Ended %(count)d sessions of %(user)s.", ended
        )
        % {"count": ended, "user": membership.user},
    )
    return redirect("network:collective", slug=membership.collective.slug)


@require_POST
def language_switch(request: HttpRequest) -> HttpResponse:
    language = request.POST.get("language", "")
    next_url = safe_next(request, request.POST.get("next"), "/")
    response = HttpResponseRedirect(next_url)
    try:
        if request.user.is_authenticated:
            services.language_set(user=request.user, language=language)
        elif language not in dict(settings.LANGUAGES):
            raise DomainError(_("Unknown language."))
    except DomainError as error:
        messages.error(request, error.message)
        return response
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME, language, samesite="Lax", secure=request.is_secure()
    )
    return response


def join(request: HttpRequest, token: str) -> HttpResponse:
    """The invitation link. Signed-in people confirm; others create an account or sign in."""
    invitation = invitation_for_token(token)
    if invitation is None:
        return render(request, "accounts/join_invalid.html", status=404)
    if not request.user.is_authenticated:
        # The sign-up form opens only for a session that holds a usable invitation.
        request.session[INVITATION_SESSION_KEY] = token
        return render(request, "accounts/join_start.html", {"invitation": invitation})
    if request.method == "POST":
        try:
            membership = invitation_accept(user=request.user, token=token)
        except DomainError as error:
            messages.error(request, error.message)
            return redirect("home")
        request.session.pop(INVITATION_SESSION_KEY, None)
        messages.success(request, _("Welcome to %(name)s.") % {"name": membership.collective})
        return redirect("network:collective", slug=membership.collective.slug)
    return render(request, "accounts/join_confirm.html", {"invitation": invitation})


@login_required
def activity(request: HttpRequest) -> HttpResponse:
    """What was done by or to the signed-in account: logins, sessions ended, two-factor."""
    return render(
        request,
        "accounts/activity.html",
        {
            "entries": queries.account_activity(request.user),
            "zone": queries.home_time_zone(request.user),
        },
    )


def _managed_membership(request: HttpRequest, pk: int) -> Membership:
    return get_scoped_or_404(
        Membership.objects.select_related("user", "collective"),
        request.user,
        Capacity.MANAGE,
        pk=pk,
    )


@login_required
@require_POST
def member_compromised(request: HttpRequest, pk: int) -> HttpResponse:
    """Story 7: an organizer marks a member's account compromised from another device."""
    membership = _managed_membership(request, pk)
    try:
        services.account_mark_compromised(
            actor=request.user, user=membership.user, collective=membership.collective
        )
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("network:collective", slug=membership.collective.slug)
    messages.success(
        request,
        _("%(user)s is signed out everywhere and cannot sign in until restored.")
        % {"user": membership.user},
    )
    return redirect("accounts:member_exposure", pk=membership.pk)


@login_required
def member_exposure(request: HttpRequest, pk: int) -> HttpResponse:
    """The exposure report: whom the account read, and whom it could have read."""
    membership = _managed_membership(request, pk)
    form = ExposureForm(request.GET or None)
    days = queries.EXPOSURE_DEFAULT_DAYS
    if form.is_valid() and form.cleaned_data["days"]:
        days = form.cleaned_data["days"]
    since = timezone.now() - timedelta(days=days)
    report = queries.exposure_report(request.user, membership.user, since=since)
    as_csv = request.GET.get("format") == "csv"
    services.exposure_report_viewed(
        actor=request.user, user=membership.user, collective=membership.collective, as_csv=as_csv
    )
    if as_csv:
        return _exposure_csv(report, membership)
    return render(
        request,
        "accounts/exposure.html",
        {
            "membership": membership,
            "report": report,
            "form": form,
            "days": days,
            "zone": membership.collective.time_zone,
        },
    )


def _exposure_csv(report: queries.ExposureReport, membership: Membership) -> HttpResponse:
    from iskra.people.csvimport import sanitize_cell

    response = HttpResponse(content_type="text/csv; charset=utf-8")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="exposure-{membership.pk}-{stamp}.csv"'
    writer = csv.writer(response)
    writer.writerow(
        [
            _("contact"),
            _("display name"),
            _("collective"),
            _("read"),
            _("times read"),
            _("first read"),
            _("last read"),
        ]
    )
    read_ids = set()
    for item in report.read:
        read_ids.add(item.contact_id)
        writer.writerow(
            [
                item.contact_id,
                sanitize_cell(item.display_name),
                sanitize_cell(item.collective),
                _("yes"),
                item.read_times,
                item.first_read.isoformat() if item.first_read else "",
                item.last_read.isoformat() if item.last_read else "",
            ]
        )
    for item in report.could_read:
        if item.contact_id not in read_ids:
            writer.writerow(
                [
                    item.contact_id,
                    sanitize_cell(item.display_name),
                    sanitize_cell(item.collective),
                    _("no, but could"),
                    0,
                    "",
                    "",
                ]
            )
    return response


@login_required
def member_restore(request: HttpRequest, pk: int) -> HttpResponse:
    membership = _managed_membership(request, pk)
    form = RestoreForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.account_restore(
                actor=request.user,
                user=membership.user,
                collective=membership.collective,
                password=form.cleaned_data["password"],
            )
        except DomainError as error:
            form.add_error(None, error.message)
        except ValidationError as error:
            form.add_error("password", error)
        else:
            messages.success(
                request,
                _(
                    "%(user)s can sign in again with the new password, then sets up a new "
                    "second factor."
                )
                % {"user": membership.user},
            )
            return redirect("network:collective", slug=membership.collective.slug)
    return render(request, "accounts/restore.html", {"membership": membership, "form": form})
