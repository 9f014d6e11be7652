from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from iskra.audit.forms import AuditFilterForm
from iskra.audit.queries import filter_entries, history_of_membership
from iskra.core.errors import DomainError
from iskra.network import queries, services
from iskra.network.forms import CollectiveForm, InvitationForm, MembershipForm, SubCollectiveForm
from iskra.network.models import Invitation, Membership
from iskra.network.scope import Capacity, get_collective_or_404, get_scoped_or_404, scope_for

HISTORY_LIMIT = 200


@login_required
def collective_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "network/collective_list.html",
        {"collectives": queries.collective_tree(request.user)},
    )


@login_required
def collective_detail(request: HttpRequest, slug: str) -> HttpResponse:
    collective = get_collective_or_404(request.user, slug)
    scope = scope_for(request.user)
    can_manage = scope.can(Capacity.MANAGE, collective)
    return render(
        request,
        "network/collective_detail.html",
        {
            "collective": collective,
            "children": collective.children.filter(id__in=scope.ids(Capacity.VIEW)),
            "memberships": queries.members_of(collective),
            "invitations": queries.open_invitations(collective) if can_manage else [],
            "can_manage": can_manage,
            "can_see_contacts": scope.can(Capacity.CONTACTS, collective),
            "can_see_aggregates": scope.can(Capacity.AGGREGATES, collective),
        },
    )


@login_required
def collective_edit(request: HttpRequest, slug: str) -> HttpResponse:
    collective = get_collective_or_404(request.user, slug, Capacity.MANAGE)
    form = CollectiveForm(request.POST or None, initial=CollectiveForm.initial_for(collective))
    if request.method == "POST" and form.is_valid():
        services.collective_update(actor=request.user, collective=collective, **form.cleaned_data)
        messages.success(request, _("Saved."))
        return redirect("network:collective", slug=collective.slug)
    return render(request, "network/collective_form.html", {"collective": collective, "form": form})


@login_required
def collective_add_child(request: HttpRequest, slug: str) -> HttpResponse:
    parent = get_collective_or_404(request.user, slug, Capacity.MANAGE)
    form = SubCollectiveForm(
        request.POST or None,
        initial={
            "time_zone": parent.time_zone,
            "country": parent.country,
            "languages": ", ".join(parent.languages),
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            child = services.collective_create(
                actor=request.user, parent=parent, **form.cleaned_data
            )
        except DomainError as error:
            form.add_error("slug", error.message)
        else:
            return redirect("network:collective", slug=child.slug)
    return render(
        request,
        "network/collective_form.html",
        {"collective": parent, "form": form, "adding": True},
    )


@login_required
def collective_history(request: HttpRequest, slug: str) -> HttpResponse:
    """The collective's audit log, filtered by who, what, which record, where and when."""
    collective = get_collective_or_404(request.user, slug, Capacity.MANAGE)
    collectives = queries.managed_subtree(request.user, collective)
    form = AuditFilterForm(request.GET, collectives=collectives)
    page = None
    if form.is_valid():
        filters = form.audit_filter(collective.zone)
        page = filter_entries(filters, before=form.cleaned_data["before"])
    return render(
        request,
        "network/history.html",
        {
            "collective": collective,
            "form": form,
            "entries": page.entries if page else [],
            "next_query": _next_query(request, page.next_cursor) if page else "",
            "zone": collective.time_zone,
        },
    )


def _next_query(request: HttpRequest, cursor: int | None) -> str:
    """The query string of the next (older) page: the same filters, a later cursor."""
    if cursor is None:
        return ""
    query = request.GET.copy()
    query["before"] = str(cursor)
    return query.urlencode()


@login_required
def invitation_create(request: HttpRequest, slug: str) -> HttpResponse:
    collective = get_collective_or_404(request.user, slug, Capacity.MANAGE)
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        invitation, token = services.invitation_create(
            actor=request.user,
            collective=collective,
            role=form.cleaned_data["role"],
            status=form.cleaned_data["status"],
            note=form.cleaned_data["note"],
            days=form.cleaned_data["days"],
        )
        link = request.build_absolute_uri(reverse("accounts:join", args=[token]))
        return render(
            request,
            "network/invitation_created.html",
            {"collective": collective, "invitation": invitation, "link": link},
        )
    return render(request, "network/invitation_form.html", {"collective": collective, "form": form})


@login_required
@require_POST
def invitation_revoke(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    collective = get_collective_or_404(request.user, slug, Capacity.MANAGE)
    invitation = get_scoped_or_404(
        Invitation.objects.filter(collective=collective), request.user, Capacity.MANAGE, pk=pk
    )
    try:
        services.invitation_revoke(actor=request.user, invitation=invitation)
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("network:collective", slug=collective.slug)


def _membership_in(request: HttpRequest, slug: str, pk: int) -> Membership:
    collective = get_collective_or_404(request.user, slug, Capacity.MANAGE)
    return get_scoped_or_404(
        Membership.objects.active().filter(collective=collective).select_related("user"),
        request.user,
        Capacity.MANAGE,
        pk=pk,
    )


@login_required
def membership_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    membership = _membership_in(request, slug, pk)
    form = MembershipForm(request.POST or None, instance=membership)
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_update(
                actor=request.user,
                membership=Membership.objects.get(pk=membership.pk),
                role=form.cleaned_data["role"],
                status=form.cleaned_data["status"],
            )
        except DomainError as error:
            form.add_error("role", error.message)
        else:
            messages.success(request, _("Saved."))
            return redirect("network:collective", slug=slug)
    return render(request, "network/membership_form.html", {"membership": membership, "form": form})


@login_required
@require_POST
def membership_end(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    membership = _membership_in(request, slug, pk)
    services.membership_end(actor=request.user, membership=membership)
    messages.success(request, _("The membership has ended."))
    return redirect("network:collective", slug=slug)


@login_required
def membership_history(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    membership = get_scoped_or_404(
        Membership.objects.filter(collective__slug=slug).select_related("user", "collective"),
        request.user,
        Capacity.MANAGE,
        pk=pk,
    )
    return render(
        request,
        "network/membership_history.html",
        {
            "membership": membership,
            "entries": history_of_membership(membership)[:HISTORY_LIMIT],
            "zone": membership.collective.time_zone,
        },
    )
