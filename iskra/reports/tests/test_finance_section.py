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
