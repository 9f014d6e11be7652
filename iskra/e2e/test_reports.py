"""The report and conference pages in Spanish on a phone: nothing left in English."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from conftest import PASSWORD, TOTP_SECRET, make_user
from iskra.conferences import services as conference_services
from iskra.distribution.tests.factories import ensure_stages
from iskra.e2e.conftest import login
from iskra.e2e.pages import check_page
from iskra.network.models import Role
from iskra.network.services import membership_create
from iskra.reports import services as report_services
from iskra.reports.tests.factories import a_day_in, outing_on, paper_for, past_month

pytestmark = pytest.mark.e2e


def test_reports_and_conferences_speak_spanish(phone_page, live_server, usa, los_angeles, member):
    ensure_stages()
    period = past_month()
    outing_on(member, los_angeles, paper_for(usa, los_angeles), a_day_in(period), copies=12)
    report = report_services.report_open(actor=None, collective=los_angeles, period=period)
    report_services.narrative_save(
        actor=None,
        report=report,
        language="es",
        situation="Suben los alquileres.",
        work="",
        problems="",
        proposals="",
    )
    organizer = make_user("rosa", two_factor=True)
    organizer.language = "es"
    organizer.save(update_fields=["language"])
    membership_create(actor=None, user=organizer, collective=los_angeles, role=Role.ORGANIZER)
    now = timezone.now()
    conference = conference_services.conference_create(
        actor=None,
        collective=los_angeles,
        title="Conferencia de Los Ángeles",
        starts_on=now.date(),
        ends_on=now.date(),
        report_start=period.start,
        report_end=period.end,
        contributions_deadline=now + timedelta(days=2),
        amendments_deadline=now + timedelta(days=2),
    )
    conference_services.motion_create(
        actor=None,
        conference=conference,
        title="Sobre los alquileres",
        text="Los alquileres suben más que los salarios.",
        language="es",
    )
    page = phone_page
    login(page, live_server, "rosa", PASSWORD, TOTP_SECRET)
    for path in (
        "/c/los-angeles/",
        "/reports/los-angeles/",
        f"/reports/los-angeles/{period.code}/",
        f"/reports/los-angeles/{period.code}/text/es/",
        "/conferences/",
        f"/conferences/{conference.pk}/",
        f"/conferences/{conference.pk}/motions/1/",
    ):
        page.goto(live_server.url + path)
        expect(page.locator("main h1")).to_be_visible()
        check_page(page, "es")
    page.goto(f"{live_server.url}/reports/los-angeles/{period.code}/")
    expect(page.locator("#figures")).to_contain_text("Ejemplares repartidos")
