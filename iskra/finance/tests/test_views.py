"""The pages: the treasurer's happy paths, bad input kept with a message, the outsider out."""

import subprocess
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from conftest import client_for
from iskra.finance import services
from iskra.finance.models import ClosedMonth, DuesPayment, Posting, Transaction


def test_the_treasurer_records_money_in_and_out(los_angeles, treasurer):
    client = client_for(treasurer)
    url = reverse("finance:record", args=[los_angeles.slug])
    data = {
        "direction": "out",
        "category": "printing",
        "amount": "45.10",
        "account": "cash",
        "on": timezone.localdate().isoformat(),
        "description": "Leaflets",
    }
    assert client.post(url, data).status_code == 302
    assert Posting.objects.get(collective=los_angeles, category="printing").amount_minor == 4510
    response = client.post(url, {**data, "amount": "45.101"})
    assert response.status_code == 200
    assert "at most 2 decimals" in response.content.decode()
    response = client.post(url, {**data, "currency": "ABC"})
    assert "not a known currency" in response.content.decode()
    assert Transaction.objects.count() == 1


def test_a_dues_payment_in_a_few_taps_and_a_negative_one_refused(los_angeles, treasurer, member):
    client = client_for(treasurer)
    url = reverse("finance:dues", args=[los_angeles.slug])
    month = timezone.localdate().strftime("%Y-%m")
    data = {"member": member.pk, "amount": "20", "month": month, "method": "cash"}
    assert client.post(url, data).status_code == 302
    assert DuesPayment.objects.get().amount == Decimal("20.00")
    response = client.post(url, {**data, "amount": "-3"})
    assert "cannot be negative" in response.content.decode()
    assert DuesPayment.objects.count() == 1
    assert "bob" in client.get(url).content.decode()


def test_a_member_pledges_a_share_of_the_wage_and_sees_it(los_angeles, member, treasurer):
    client = client_for(member)
    url = reverse("finance:my_dues", args=[los_angeles.slug])
    client.post(url, {"kind": "rate", "rate_percent": "2", "wage": "2500"})
    page = client.get(url).content.decode()
    assert "2500" in page and "$50.00" in page
    dues_list = client_for(treasurer).get(reverse("finance:dues", args=[los_angeles.slug]))
    assert "2500" not in dues_list.content.decode()  # the list never shows the wage


def test_closing_a_month_and_a_correction_from_the_books(los_angeles, treasurer, last_month):
    record = services.simple_record(
        actor=treasurer,
        collective=los_angeles,
        on=last_month,
        description="Rent",
        amount="100",
        debit="rent",
        credit="bank",
    )
    client = client_for(treasurer)
    close_url = reverse("finance:close", args=[los_angeles.slug])
    assert client.post(close_url, {"month": last_month.strftime("%Y-%m")}).status_code == 302
    assert ClosedMonth.objects.filter(collective=los_angeles).count() == 1
    response = client.post(close_url, {"month": last_month.strftime("%Y-%m")})
    assert "closed already" in response.content.decode()
    client.post(reverse("finance:reverse", args=[los_angeles.slug, record.pk]))
    assert record.reversed_by.date.month == timezone.localdate().month


def test_the_report_in_spanish_as_page_csv_and_pdf(
    usa, los_angeles, detroit, treasurer, today, tmp_path
):
    services.simple_record(
        actor=treasurer,
        collective=los_angeles,
        on=today,
        description="Sales",
        amount="1234.5",
        debit="cash",
        credit="paper-sales",
    )
    client = client_for(treasurer)
    url = reverse("finance:report", args=[usa.slug])
    query = {"period": today.strftime("%Y-%m"), "below": "1"}
    page = client.get(url, query)
    assert page.status_code == 200 and "<svg" in page.content.decode()
    treasurer.language = "es"
    treasurer.save(update_fields=["language"])
    spanish = client.get(url, query).content.decode()
    assert "Informe financiero" in spanish and "Ventas del periódico" in spanish
    csv = client.get(reverse("finance:report_csv", args=[usa.slug]), query).content.decode()
    assert "paper-sales" in csv and "1234.50" in csv
    pdf = client.get(reverse("finance:report_pdf", args=[usa.slug]), query).content
    target = tmp_path / "report.pdf"
    target.write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", str(target), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Informe financiero" in text and "1.234,50" in text
    bad = client.get(url, {"period": "last year"})
    assert bad.status_code == 302


def test_a_transfer_sent_up_and_confirmed(usa, los_angeles, treasurer):
    client = client_for(treasurer)
    client.post(
        reverse("finance:transfers", args=[los_angeles.slug]), {"receiver": usa.pk, "amount": "60"}
    )
    transfer = los_angeles.transfers_sent.get()
    assert transfer.state == "in_transit"
    client.post(reverse("finance:transfer_confirm", args=[usa.slug, transfer.pk]))
    transfer.refresh_from_db()
    assert transfer.state == "received"


def test_a_fund_drive_with_its_chart(los_angeles, treasurer, today):
    client = client_for(treasurer)
    url = reverse("finance:drives", args=[los_angeles.slug])
    client.post(
        url,
        {
            "name": "Press fund",
            "target": "1000",
            "starts_on": today.isoformat(),
            "ends_on": today.isoformat(),
        },
    )
    drive = los_angeles.drives.get()
    money_url = reverse("finance:drive_money", args=[los_angeles.slug, drive.pk])
    client.post(money_url, {"what": "pledge", "amount": "300", "donor": "A friend"})
    client.post(money_url, {"what": "payment", "amount": "120"})
    page = client.get(url).content.decode()
    assert "<svg" in page and "$120.00" in page and "$300.00" in page


def test_money_is_formatted_per_language():
    from django.utils import translation

    from iskra.finance.money import fmt

    with translation.override("en"):
        assert fmt(Decimal("1234.5"), "USD") == "$1,234.50"
    with translation.override("es"):
        assert fmt(Decimal("1234.5"), "USD") in ("1234,50\xa0US$", "1.234,50\xa0US$")
    with translation.override("en"):
        assert fmt(Decimal("1234"), "ZAR") == "ZAR1,234.00"


def test_amounts_are_read_as_people_type_them(los_angeles):
    from iskra.finance.money import parse

    for typed, expected in [
        ("20,50", "20.50"),
        ("1.234,50", "1234.50"),
        ("1,234.50", "1234.50"),
        ("1,234", "1234"),
        (" 7 ", "7"),
    ]:
        assert parse(typed, "USD") == Decimal(expected)


def test_the_sender_prices_a_bundle_and_the_receiver_owes_it(usa, los_angeles, treasurer):
    from iskra.distribution.tests import factories

    issue = factories.stocked_paper(usa, los_angeles)
    bundle = issue.bundles.get()
    client = client_for(treasurer)
    client.post(reverse("finance:bundle_price", args=[usa.slug, bundle.pk]), {"price": "40"})
    owed = Posting.objects.get(collective=los_angeles, category="owed-to")
    assert (owed.amount_minor, owed.counterparty) == (-4000, usa)
    client.post(reverse("finance:bundle_price", args=[usa.slug, bundle.pk]), {"price": "45"})
    assert (
        sum(
            Posting.objects.filter(collective=los_angeles, category="owed-to").values_list(
                "amount_minor", flat=True
            )
        )
        == -4500
    )
    page = client.get(reverse("finance:transfers", args=[usa.slug])).content.decode()
    assert "Bundles sent" in page
