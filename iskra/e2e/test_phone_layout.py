"""The phone layout proof (issue 9): an organizer visits every page of the main navigation,
and the pages one tap below it, on a 360x740 phone. No page scrolls sideways, checkboxes
and the bottom bar are big enough to tap, long unbroken text wraps, and the bottom bar holds
the four daily actions."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from conftest import PASSWORD, TOTP_SECRET
from iskra.activities import services as activities
from iskra.distribution.tests import factories
from iskra.e2e.conftest import login
from iskra.e2e.pages import check_page
from iskra.network.models import Role
from iskra.network.services import membership_create
from iskra.people import services as people
from iskra.press import services as press
from iskra.press.tests.factories import make_issue, make_publication

pytestmark = pytest.mark.e2e

UNBROKEN = "x" * 3000  # the submissions page was 40,275 px wide with such a string


def _organization(los_angeles, usa, organizer):
    people.ensure_stages()
    membership_create(actor=None, user=organizer, collective=los_angeles, role=Role.EDITOR)
    sheet = make_publication(organizer, los_angeles, slug="la-sheet")
    make_issue(organizer, sheet)
    press.submission_create(publication=sheet, body=UNBROKEN, workplace=UNBROKEN, language="en")
    issue = factories.stocked_paper(usa, los_angeles)
    factories.outing(organizer, los_angeles, issue, copies=40)
    today = timezone.localdate(timezone.now(), los_angeles.zone)
    for name in ("R", "R", "Lupe L.", "Verylongnicknamewithoutanyspaces" * 8):
        contact = people.contact_create(
            actor=organizer,
            collective=los_angeles,
            display_name=name[:120],
            first_met_place="Palestine march",
            first_met_on=today - timedelta(days=3),
            workplace=UNBROKEN[:120],
        )
        people.followup_create(
            actor=organizer,
            contact=contact,
            action="Call " + "y" * 150,
            due_on=today + timedelta(days=30),
            assignee=organizer,
        )
    activities.event_create(
        actor=organizer,
        collective=los_angeles,
        kind="meeting",
        title="Branch meeting " + "z" * 150,
        starts_at=timezone.now() + timedelta(days=2),
    )
    return contact


def _tap_size(page: Page, selector: str) -> list[tuple[float, float]]:
    return page.eval_on_selector_all(
        selector,
        "els => els.filter(e => e.offsetParent).map(e => "
        "[e.getBoundingClientRect().width, e.getBoundingClientRect().height])",
    )


def test_every_main_page_fits_a_phone(phone_page, live_server, los_angeles, usa, organizer):
    contact = _organization(los_angeles, usa, organizer)
    page = phone_page
    login(page, live_server, "alice", PASSWORD, TOTP_SECRET)
    check_page(page)
    bar = page.get_by_role("navigation", name="Daily actions")
    expect(bar.get_by_role("link")).to_have_text(["New outing", "Follow-ups", "People", "Calendar"])
    assert all(height >= 44 for _w, height in _tap_size(page, ".bottombar a"))

    main_nav = page.get_by_role("navigation", name="Main")
    nav_links = main_nav.get_by_role("link").evaluate_all("links => links.map(a => a.href)")
    bar_links = bar.get_by_role("link").evaluate_all("links => links.map(a => a.href)")
    paths = [
        "/",
        *nav_links,
        *bar_links,
        "/people/c/los-angeles/add/",
        f"/people/contact/{contact.pk}/",
        f"/people/contact/{contact.pk}/edit/",
        f"/people/contact/{contact.pk}/conversation/",
        "/people/c/los-angeles/duplicates/",
        "/people/c/los-angeles/stale/",
        "/people/c/los-angeles/import/",
        "/c/los-angeles/",
        "/distribution/los-angeles/outings/",
        "/distribution/los-angeles/stock/",
        "/distribution/los-angeles/reports/",
        "/press/la-sheet/",
        "/press/la-sheet/submissions/",
        "/press/la-sheet/1/",
    ]
    urls = list(dict.fromkeys(p if p.startswith("http") else live_server.url + p for p in paths))
    assert len(urls) >= 20
    for url in urls:
        _visit(page, url, "en")
    # Typing a name already known warns at once, before saving.
    _visit(page, f"{live_server.url}/people/c/los-angeles/add/", "en")
    page.get_by_label("Name or nickname").fill("r")
    expect(page.locator("#same-name")).to_contain_text("There is already R (met")
    check_page(page)
    # The same pages in Spanish: longer words must not push them wider (reports were 520 px).
    page.get_by_role("button", name="Español").click()
    expect(page.locator("html")).to_have_attribute("lang", "es")
    for url in urls:
        _visit(page, url, "es")


def _visit(page: Page, url: str, language: str) -> None:
    response = page.goto(url)
    assert response is not None and response.status == 200, url
    check_page(page, language)
    for width, height in _tap_size(page, "main input[type=checkbox], main input[type=radio]"):
        assert width >= 44 and height >= 44, f"{url}: a {width}x{height} px checkbox"
