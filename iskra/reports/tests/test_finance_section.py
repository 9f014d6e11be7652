"""The finance section is one isolated piece. Until the finance app is installed it says
there is no finance data; it never makes up figures."""

from django.apps import apps

from conftest import client_for
from iskra.reports import figures, services
from iskra.reports.tests.factories import past_month


def test_without_the_finance_app_the_report_says_no_finance_data(organizer, los_angeles):
    period = past_month()
    section = figures.finance_figures(los_angeles, period.start, period.end)
    if apps.is_installed("iskra.finance"):
        assert section["available"] is True
        return
    assert section == {"available": False}
    services.report_open(actor=organizer, collective=los_angeles, period=period)
    page = client_for(organizer).get(f"/reports/los-angeles/{period.code}/").content.decode()
    assert "No finance data" in page


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
