"""The treasurer on a 360 px phone: records a dues payment, closes last month."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from conftest import PASSWORD, TOTP_SECRET
from iskra.e2e.conftest import login
from iskra.e2e.pages import check_page
from iskra.finance.models import ClosedMonth, DuesPayment

pytestmark = pytest.mark.e2e


def test_the_treasurer_records_dues_and_closes_a_month_on_a_phone(
    phone_page, live_server, usa, los_angeles, member, treasurer
):
    page = phone_page
    login(page, live_server, "tess", PASSWORD, TOTP_SECRET)
    page.goto(f"{live_server.url}/finance/")
    check_page(page)
    page.locator("li", has_text="Los Angeles").get_by_role("link", name="Books").click()
    expect(page.get_by_role("heading", name="Books")).to_be_visible()
    check_page(page)
    page.get_by_role("link", name="Dues").click()
    check_page(page)
    page.get_by_label("Member").select_option(label="bob")
    page.get_by_label("Amount").fill("20")
    page.get_by_label("For the month").fill(timezone.localdate().strftime("%Y-%m"))
    page.get_by_role("button", name="Record the payment").click()
    expect(page.get_by_text("Payment recorded.")).to_be_visible()
    check_page(page)
    payment = DuesPayment.objects.get()
    assert (payment.member, payment.amount_minor, payment.method) == (member, 2000, "cash")

    last_month = (timezone.localdate().replace(day=1) - timedelta(days=1)).strftime("%Y-%m")
    page.get_by_role("link", name="Close a month").click()
    check_page(page)
    page.get_by_label("Month").fill(last_month)
    page.get_by_role("button", name="Close the month").click()
    expect(page.get_by_text("Month closed.")).to_be_visible()
    check_page(page)
    assert ClosedMonth.objects.get(collective=los_angeles).month.strftime("%Y-%m") == last_month
    page.get_by_role("link", name="Report").click()
    expect(page.get_by_text("Dues paid")).to_be_visible()
    check_page(page)
