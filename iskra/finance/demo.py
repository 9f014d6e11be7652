"""Demonstration books: Los Angeles, Detroit, San Salvador (USD) and Johannesburg (ZAR),
with dues, paper sales (Los Angeles' come from the demo outings by themselves), printing,
transfers to the centre and one closed month. Ruth, the USA treasurer, keeps the USA books;
Ines, the treasurer of the international, sees every section's."""

from datetime import date, timedelta
from decimal import Decimal
from typing import Any, TextIO

from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth import get_user_model
from django.utils import timezone

from iskra.finance import services
from iskra.finance.models import DuesPledge, Transfer
from iskra.network.demo import _demo_user
from iskra.network.models import Collective, Membership, Role
from iskra.network.services import membership_create

TREASURER = ("ines", "JBSWY3DPEHPK3PXPINES2222")  # noqa: S105 - the demo's published secret
SLUGS = [
    "international",
    "usa",
    "los-angeles",
    "detroit",
    "san-salvador",
    "johannesburg",
    "south-africa",
    "el-salvador",
]


def _months_ago(today: date, count: int) -> date:
    day = today.replace(day=1)
    for _ in range(count):
        day = (day - timedelta(days=1)).replace(day=1)
    return day


def load(out: TextIO) -> None:
    by_slug = Collective.objects.in_bulk(SLUGS, field_name="slug")
    if len(by_slug) < len(SLUGS):
        out.write("Finance demo skipped: the network demo is missing.\n")
        return
    la = by_slug["los-angeles"]
    if Transfer.objects.filter(sender=la).exists():
        return
    for collective in by_slug.values():
        services.books_open(collective=collective)
    _treasurer(by_slug["international"])
    users = get_user_model().objects.in_bulk(
        ["ana", "marisol", "joe", "keisha", "carmen", "thabo"], field_name="username"
    )
    today = timezone.localdate()
    months = [_months_ago(today, count) for count in (2, 1, 0)]
    _books(
        la,
        today,
        months,
        [users.get("ana"), users.get("marisol"), users.get("joe")],
        Decimal("20"),
        rent="450",
    )
    _books(
        by_slug["detroit"],
        today,
        months,
        [users.get("keisha")],
        Decimal("25"),
        rent="300",
        sales="64.00",
    )
    _books(
        by_slug["san-salvador"],
        today,
        months,
        [users.get("carmen")],
        Decimal("5"),
        rent="120",
        sales="18.50",
        printing="42.00",
    )
    _books(
        by_slug["johannesburg"],
        today,
        months,
        [users.get("thabo")],
        Decimal("150"),
        rent="2500",
        sales="420.00",
        printing="890.00",
    )
    usa = by_slug["usa"]
    sent_on = months[1] + timedelta(days=20)
    for sender, amount in ((la, "150.00"), (by_slug["detroit"], "80.00")):
        transfer = services.transfer_send(
            actor=None, sender=sender, receiver=usa, amount=amount, on=sent_on
        )
        services.transfer_confirm(actor=None, transfer=transfer, on=sent_on + timedelta(days=3))
    services.transfer_send(
        actor=None,
        sender=by_slug["johannesburg"],
        receiver=by_slug["international"],
        amount="900.00",
        on=months[2],
        exchange_rate=Decimal("0.055"),
    )
    services.month_close(actor=None, collective=la, month=months[0])
    out.write(
        "Finance demo: books for Los Angeles, Detroit, San Salvador and Johannesburg; "
        f"{months[0]:%Y-%m} is closed in Los Angeles.\n"
        f"  {TREASURER[0]:<8} treasurer  international   TOTP secret {TREASURER[1]}\n"
    )


def _treasurer(international: Collective) -> None:
    username, secret = TREASURER
    user = _demo_user(get_user_model(), username, "en")
    if not Membership.objects.active().filter(user=user, role=Role.TREASURER).exists():
        membership_create(actor=None, user=user, collective=international, role=Role.TREASURER)
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, secret)
        RecoveryCodes.activate(user)


def _books(
    collective: Collective,
    today: date,
    months: list[date],
    members: list[Any],
    pledge: Decimal,
    *,
    rent: str,
    sales: str = "",
    printing: str = "",
) -> None:
    members = [member for member in members if member is not None]
    for member in members:
        DuesPledge.objects.get_or_create(
            collective=collective,
            member=member,
            starts_on=months[0],
            defaults={
                "kind": "fixed",
                "amount_minor": int(pledge * 100),
                "monthly_minor": int(pledge * 100),
                "currency": services.books_of(collective).currency,
            },
        )
    for month in months:
        on = min(month + timedelta(days=4), today)
        for index, member in enumerate(members):
            if month == months[-1] and index % 2:
                continue  # someone is behind this month: arrears show
            services.dues_payment_record(
                actor=None, collective=collective, member=member, amount=pledge, month=month, on=on
            )
        services.simple_record(
            actor=None,
            collective=collective,
            on=on,
            description="Rent",
            amount=rent,
            debit="rent",
            credit="bank",
        )
        if sales:
            services.simple_record(
                actor=None,
                collective=collective,
                on=on,
                description="Paper sales at the stall",
                amount=sales,
                debit="cash",
                credit="paper-sales",
            )
        if printing:
            services.simple_record(
                actor=None,
                collective=collective,
                on=on,
                description="Local printing",
                amount=printing,
                debit="printing",
                credit="cash",
            )
        services.simple_record(
            actor=None,
            collective=collective,
            on=on,
            description="Donation at the public meeting",
            amount="35",
            debit="cash",
            credit="donations",
        )
