"""The finance section is one isolated piece (`figures.finance_figures` and
`reports/_finance.html`): the finance app's `period_summary` for the period, frozen with
the report, summed in the roll-up, in the PDF and the CSV. Without the finance app it says
there is no finance data and never makes figures up."""

import subprocess

import pytest
from django.apps import apps
from django.utils import timezone

from conftest import client_for
from iskra.finance import services as finance
from iskra.finance.models import DuesPledge
from iskra.reports import figures, queries, services
from iskra.reports.periods import month

pytestmark = pytest.mark.skipif(
    not apps.is_installed("iskra.finance"), reason="the finance app is not installed"
)


@pytest.fixture
def books(los_angeles, detroit, treasurer, member):
    # This month: a dues pledge starts this month at the earliest.
    day = timezone.localdate()
    period = month(day)
    for collective, code, amount in [
        (los_angeles, "paper-sales", "40.00"),
        (detroit, "paper-sales", "15.50"),
    ]:
        finance.simple_record(
            actor=treasurer,
            collective=collective,
            on=day,
            description=code,
            amount=amount,
            debit="cash",
            credit=code,
        )
    finance.simple_record(
        actor=treasurer,
        collective=los_angeles,
        on=day,
        description="hall",
        amount="25.00",
        debit="rent",
        credit="cash",
    )
    finance.dues_pledge_set(
        actor=member, collective=los_angeles, member=member, kind=DuesPledge.Kind.FIXED, amount="20"
    )
    finance.dues_payment_record(
        actor=treasurer, collective=los_angeles, member=member, amount="15", on=day
    )
    return period


def test_the_report_freezes_the_finance_close_of_the_period(books, organizer, los_angeles):
    report = services.report_open(actor=organizer, collective=los_angeles, period=books)
    section = queries.build_snapshot(report)["finance"]
    assert section["available"] is True and section["currency"] == "USD"
    assert section["income_by_category"] == {"paper-sales": "40.00", "dues": "15.00"}
    assert section["expenses_by_category"] == {"rent": "25.00"}
    assert (section["dues_paid"], section["dues_pledged"]) == ("15.00", "20.00")
    page = client_for(organizer).get(f"/reports/los-angeles/{books.code}/").content.decode()
    assert "Paper sales" in page and "40.00" in page and "No finance data" not in page
    assert (
        client_for(organizer).get(f"/reports/los-angeles/{books.code}/chart/dues.svg").status_code
        == 200
    )


def test_the_rollup_and_the_exports_hold_the_finance_figures(
    books, organizer, los_angeles, detroit, centre, tmp_path
):
    for city in (los_angeles, detroit):
        services.report_submit(
            actor=None, report=services.report_open(actor=None, collective=city, period=books)
        )
    rollup = queries.rollup(los_angeles.parent, books)
    assert rollup.finance["income_by_category"]["paper-sales"] == "55.50"
    client = client_for(centre)
    csv_text = client.get(f"/reports/usa/{books.code}/report.csv").content.decode()
    assert "rollup.finance.income_by_category,paper-sales,55.50,USD" in csv_text
    pdf = tmp_path / "la.pdf"
    pdf.write_bytes(client.get(f"/reports/los-angeles/{books.code}/report.pdf").content)
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Paper sales" in text and "40.00 USD" in text and "Dues pledged" in text


def test_the_rollup_adds_finance_sections_of_one_currency_and_keeps_others_apart():
    total: dict = {}
    section = {
        "available": True,
        "currency": "USD",
        "income_by_category": {"dues": "10.50"},
        "expenses_by_category": {"printing": "4.00"},
        "dues_paid": "10.50",
        "dues_pledged": "12.00",
    }
    figures.add_finance(total, section)
    figures.add_finance(total, {**section, "income_by_category": {"dues": "1.25", "sales": "3"}})
    figures.add_finance(total, {**section, "currency": "ZAR"})
    figures.add_finance(total, {"available": False})
    assert total["income_by_category"] == {"dues": "11.75", "sales": "3"}
    assert total["dues_pledged"] == "24.00"
    assert total["other_currencies"] == 1
