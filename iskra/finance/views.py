"""Finance pages. The books (transactions, named donations, each member's dues) need the
finance capacity; the report needs aggregates (totals by category only); a member sees
their own dues. Everything else answers 404 (see docs/finance.md)."""

from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from iskra.core.errors import DomainError
from iskra.distribution.models import Bundle
from iskra.finance import charts, forms, queries, report, services
from iskra.finance.models import FundDrive, Transaction, Transfer
from iskra.network.models import Collective, Membership
from iskra.network.scope import (
    Capacity,
    get_collective_or_404,
    get_scoped_or_404,
    scope_for,
    visible_collectives,
)


def _books(request: HttpRequest, slug: str) -> Collective:
    return get_collective_or_404(request.user, slug, Capacity.FINANCE)


@login_required
def index(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    rows = [
        (
            collective,
            scope.can(Capacity.FINANCE, collective),
            scope.can(Capacity.AGGREGATES, collective),
        )
        for collective in visible_collectives(request.user, Capacity.AGGREGATES).order_by("path")
    ]
    own = (
        visible_collectives(request.user, Capacity.VIEW)
        .filter(memberships__user_id=request.user.pk or 0, memberships__ended_at__isnull=True)
        .distinct()
    )
    return render(request, "finance/index.html", {"rows": rows, "own": own})


@login_required
def books(request: HttpRequest, slug: str) -> HttpResponse:
    collective = _books(request, slug)
    services.books_of(collective)
    context = {
        "collective": collective,
        "balances": queries.balances(collective),
        "transactions": queries.recent_transactions(collective),
        "closed": queries.closed_months(collective),
        "account_form": forms.AccountForm(),
    }
    return render(request, "finance/books.html", context)


@login_required
def record(request: HttpRequest, slug: str) -> HttpResponse:
    collective = _books(request, slug)
    form = forms.RecordForm(request.POST or None, initial={"direction": "in", "account": "cash"})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        inward = data["direction"] == "in"
        try:
            services.simple_record(
                actor=request.user,
                collective=collective,
                on=data["on"],
                description=data["description"],
                amount=data["amount"],
                debit=data["account"] if inward else data["category"],
                credit=data["category"] if inward else data["account"],
                currency=data["currency"],
                exchange_rate=data["exchange_rate"],
                donor=data["donor"],
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Recorded."))
            return redirect("finance:books", slug=slug)
    return render(request, "finance/record.html", {"collective": collective, "form": form})


@login_required
@require_POST
def account_new(request: HttpRequest, slug: str) -> HttpResponse:
    collective = _books(request, slug)
    form = forms.AccountForm(request.POST)
    if form.is_valid():
        try:
            services.account_add(
                actor=request.user,
                collective=collective,
                name=form.cleaned_data["name"],
                parent=services.account(collective, form.cleaned_data["parent"]),
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Account added."))
    else:
        messages.error(request, _("Give the account a name."))
    return redirect("finance:books", slug=slug)


@login_required
@require_POST
def reverse(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    collective = _books(request, slug)
    original = get_scoped_or_404(Transaction.objects.all(), request.user, Capacity.FINANCE, pk=pk)
    if original.collective_id != collective.pk:
        return redirect("finance:books", slug=slug)
    try:
        services.transaction_reverse(actor=request.user, transaction=original)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Correction recorded."))
    return redirect("finance:books", slug=slug)


def _members(collective: Collective) -> list[tuple[int, str]]:
    found = (
        Membership.objects.active()
        .filter(collective=collective)
        .select_related("user")
        .order_by("user__username")
    )
    seen: dict[int, str] = {}
    for membership in found:
        seen.setdefault(membership.user_id, str(membership.user))
    return list(seen.items())


@login_required
def dues(request: HttpRequest, slug: str) -> HttpResponse:
    """The treasurer's list: each member's pledge and arrears, and a payment in a few taps."""
    collective = _books(request, slug)
    members = _members(collective)
    today = timezone.localdate()
    form = forms.DuesPaymentForm(
        request.POST or None, members=members, initial={"month": today.replace(day=1)}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.dues_payment_record(
                actor=request.user,
                collective=collective,
                member=get_user_model().objects.get(pk=data["member"]),
                amount=data["amount"],
                month=data["month"],
                method=data["method"],
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Payment recorded."))
            return redirect("finance:dues", slug=slug)
    context = {"collective": collective, "table": queries.dues_table(collective), "form": form}
    return render(request, "finance/dues.html", context)


@login_required
def my_dues(request: HttpRequest, slug: str) -> HttpResponse:
    """A member's own dues: pledge, payments, arrears. The wage is shown to them alone."""
    collective = get_collective_or_404(request.user, slug, Capacity.VIEW)
    form = forms.PledgeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.dues_pledge_set(
                actor=request.user,
                collective=collective,
                member=request.user,
                kind=data["kind"],
                amount=data["amount"],
                rate_percent=data["rate_percent"],
                wage=data["wage"],
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Pledge saved. It counts from this month on."))
            return redirect("finance:my_dues", slug=slug)
    own = queries.member_dues(collective, request.user)
    context = {"collective": collective, "dues": own, "form": form}
    return render(request, "finance/my_dues.html", context)


@login_required
def close(request: HttpRequest, slug: str) -> HttpResponse:
    collective = _books(request, slug)
    form = forms.CloseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.month_close(
                actor=request.user, collective=collective, month=form.cleaned_data["month"]
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Month closed."))
            return redirect("finance:close", slug=slug)
    context = {"collective": collective, "form": form, "closed": queries.closed_months(collective)}
    return render(request, "finance/close.html", context)


@login_required
def transfers(request: HttpRequest, slug: str) -> HttpResponse:
    collective = _books(request, slug)
    near = Collective.objects.exclude(pk=collective.pk).filter(
        pk__in=[*collective.ancestor_ids(), *collective.children.values_list("pk", flat=True)]
    )
    form = forms.TransferForm(
        request.POST or None, receivers=[(item.pk, item.name) for item in near]
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.transfer_send(
                actor=request.user,
                sender=collective,
                receiver=near.get(pk=form.cleaned_data["receiver"]),
                amount=form.cleaned_data["amount"],
                exchange_rate=form.cleaned_data["exchange_rate"],
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Transfer sent. It is in transit until received."))
            return redirect("finance:transfers", slug=slug)
    context = {
        "collective": collective,
        "form": form,
        "transfers": queries.transfers_for(collective),
        "bundles": Bundle.objects.filter(source=collective).select_related("issue", "collective")[
            :20
        ],
    }
    return render(request, "finance/transfers.html", context)


@login_required
@require_POST
def transfer_confirm(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    collective = _books(request, slug)
    transfer = get_scoped_or_404(
        Transfer.objects.select_related("sender", "receiver", "transaction"),
        request.user,
        Capacity.FINANCE,
        through="receiver",
        pk=pk,
    )
    try:
        services.transfer_confirm(actor=request.user, transfer=transfer)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Transfer received."))
    return redirect("finance:transfers", slug=collective.slug)


@login_required
@require_POST
def bundle_price(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The price of a bundle this collective sent: owed by the receiver from then on."""
    collective = _books(request, slug)
    bundle = get_scoped_or_404(
        Bundle.objects.select_related("issue", "source", "collective"),
        request.user,
        Capacity.FINANCE,
        through="source",
        pk=pk,
    )
    try:
        services.bundle_charge(
            actor=request.user, bundle=bundle, price=request.POST.get("price", "")
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Price recorded."))
    return redirect("finance:transfers", slug=collective.slug)


@login_required
def drives(request: HttpRequest, slug: str) -> HttpResponse:
    """Fund drives and their progress: totals for everyone with aggregates; the treasurer
    adds drives, pledges and payments."""
    collective = get_collective_or_404(request.user, slug, Capacity.AGGREGATES)
    can_write = scope_for(request.user).can(Capacity.FINANCE, collective)
    form = forms.DriveForm(request.POST or None) if can_write else None
    if form is not None and request.method == "POST" and form.is_valid():
        try:
            services.fund_drive_create(
                actor=request.user, collective=collective, **form.cleaned_data
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Fund drive started."))
            return redirect("finance:drives", slug=slug)
    progress = [
        (row, charts.progress_svg(row.paid, row.pledged, row.drive.target, row.drive.name))
        for row in queries.drives([collective.pk])
    ]
    context = {
        "collective": collective,
        "progress": progress,
        "form": form,
        "money_form": forms.DriveMoneyForm() if can_write else None,
    }
    return render(request, "finance/drives.html", context)


@login_required
@require_POST
def drive_money(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    collective = _books(request, slug)
    drive = get_scoped_or_404(FundDrive.objects.all(), request.user, Capacity.FINANCE, pk=pk)
    form = forms.DriveMoneyForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give an amount."))
        return redirect("finance:drives", slug=collective.slug)
    data = form.cleaned_data
    try:
        if data["what"] == "pledge":
            services.fund_pledge_add(
                actor=request.user, drive=drive, amount=data["amount"], donor=data["donor"]
            )
        else:
            services.fund_payment_record(
                actor=request.user, drive=drive, amount=data["amount"], donor=data["donor"]
            )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Recorded."))
    return redirect("finance:drives", slug=collective.slug)


def _report(request: HttpRequest, slug: str) -> report.FinanceReport:
    collective = get_collective_or_404(request.user, slug, Capacity.AGGREGATES)
    period = report.parse_period(
        request.GET.get("period", ""),
        request.GET.get("from", ""),
        request.GET.get("to", ""),
        today=timezone.localdate(),
    )
    collectives = [collective]
    if request.GET.get("below"):
        allowed = scope_for(request.user).ids(Capacity.AGGREGATES)
        collectives = [
            item
            for item in Collective.objects.filter(path__startswith=collective.path).order_by("path")
            if item.pk in allowed
        ]
    return report.build(collective, collectives, period)


@login_required
def report_page(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        built = _report(request, slug)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("finance:report", slug=slug)
    context: dict[str, Any] = report.context(built)
    context["query"] = request.GET.urlencode()
    context["below"] = bool(request.GET.get("below"))
    return render(request, "finance/report.html", context)


@login_required
def report_csv(request: HttpRequest, slug: str) -> HttpResponse:
    built = _report(request, slug)
    response = HttpResponse(report.to_csv(built), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="finance-{slug}-{built.period.start}.csv"'
    )
    return response


@login_required
def report_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    built = _report(request, slug)
    response = HttpResponse(report.to_pdf(built), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="finance-{slug}-{built.period.start}.pdf"'
    )
    return response
