"""The stories of DESIGN.md, end to end on a phone (360x740). Each story test is
self-contained: it builds its own data and signs its own people in."""

import subprocess
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from conftest import PASSWORD, TOTP_SECRET, make_user
from iskra.conferences import services as conference_services
from iskra.conferences.models import Amendment, Decision, Motion
from iskra.distribution.tests.factories import ensure_stages
from iskra.e2e.conftest import login
from iskra.e2e.pages import check_page
from iskra.network.models import Role
from iskra.network.services import collective_create, membership_create
from iskra.reports import services as report_services
from iskra.reports.models import Report
from iskra.reports.periods import month
from iskra.reports.tests.factories import a_day_in, outing_on, paper_for, past_month

pytestmark = pytest.mark.e2e

STORY_4_MOTION = (
    "The conference notes that rents rose faster than wages in every city where we work.\n\n"
    "It resolves that each city takes the paper to the tenants' meetings every week."
)


def _story_4_world(usa, los_angeles, detroit, member, detroit_member):
    """October's outings in Los Angeles and Detroit, Detroit's report already submitted,
    Chicago not reported, a USA conference with a motion and a delegate."""
    ensure_stages()
    october = past_month(2)
    issue = paper_for(usa, los_angeles, detroit)
    outing_on(member, los_angeles, issue, a_day_in(october), copies=73)
    outing_on(detroit_member, detroit, issue, a_day_in(october, 5), copies=31)
    report_services.report_submit(
        actor=None,
        report=report_services.report_open(actor=None, collective=detroit, period=october),
    )
    collective_create(
        actor=None, name="Chicago", slug="chicago", kind="city", parent=usa, languages=["en"]
    )
    centre = make_user("cruz", two_factor=True)
    membership_create(actor=None, user=centre, collective=usa, role=Role.CENTRE)
    chair = make_user("una", two_factor=True)
    membership_create(actor=None, user=chair, collective=usa, role=Role.ORGANIZER)
    november = month(october.end + timedelta(days=1))
    now = timezone.now()
    conference = conference_services.conference_create(
        actor=chair,
        collective=usa,
        title="USA conference",
        starts_on=november.start + timedelta(days=1),
        ends_on=november.start + timedelta(days=2),
        report_start=october.start,
        report_end=october.end,
        contributions_deadline=now + timedelta(days=3),
        amendments_deadline=now + timedelta(days=3),
    )
    conference_services.delegate_add(
        actor=chair, conference=conference, user=member, credited_by=los_angeles, votes=2
    )
    conference_services.delegate_add(
        actor=chair, conference=conference, user=detroit_member, credited_by=detroit, votes=1
    )
    conference_services.motion_create(
        actor=chair, conference=conference, title="On rents", text=STORY_4_MOTION, language="en"
    )
    return october, november, conference


def _pdf_text(download, tmp_path, name):
    path = tmp_path / name
    download.save_as(path)
    command = ["pdftotext", "-layout", str(path), "-"]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout  # noqa: S603


def test_story_4_conference(
    new_phone_page,
    live_server,
    usa,
    los_angeles,
    detroit,
    organizer,
    member,
    detroit_member,
    tmp_path,
):
    october, november, conference = _story_4_world(
        usa, los_angeles, detroit, member, detroit_member
    )
    base = live_server.url

    # The Los Angeles organizer submits October's report.
    page = new_phone_page()
    login(page, live_server, "alice", PASSWORD, TOTP_SECRET)
    page.goto(f"{base}/c/los-angeles/")
    check_page(page)
    page.get_by_role("link", name="Period reports").click()
    check_page(page)
    page.locator("#id_period").fill(october.code)
    page.get_by_role("button", name="Start or open this report").click()
    expect(page.locator("#figures")).to_contain_text("73")
    check_page(page)
    page.get_by_role("link", name="Write in en").click()
    check_page(page)
    page.get_by_label("The work").fill("A march every week; the paper at two gates.")
    page.get_by_role("button", name="Save").click()
    page.get_by_role("button", name="Submit the report").click()
    expect(page.locator("#report-state")).to_contain_text("SHA-256")
    check_page(page)
    la_report = Report.objects.get(collective=los_angeles)
    assert la_report.state == Report.State.SUBMITTED
    expect(page.locator("#report-state")).to_contain_text(la_report.versions.get().sha256)

    # The USA centre sees the roll-up with Detroit and who is missing, and downloads it.
    centre = new_phone_page()
    login(centre, live_server, "cruz", PASSWORD, TOTP_SECRET)
    centre.goto(f"{base}/reports/usa/")
    check_page(centre)
    centre.get_by_label("See another period").fill(october.code)
    centre.get_by_role("button", name="See", exact=True).click()
    rollup = centre.locator("#rollup")
    expect(rollup).to_contain_text("2 of 3 collectives reported")
    expect(rollup).to_contain_text("Detroit")
    expect(centre.locator("#missing")).to_contain_text("Chicago")
    expect(rollup).not_to_contain_text("alice")
    check_page(centre)
    with centre.expect_download() as pdf:
        rollup.get_by_role("link", name="PDF").click()
    text = _pdf_text(pdf.value, tmp_path, "usa.pdf")
    assert "2 of 3 collectives reported" in text and "104" in text
    with centre.expect_download() as csv_file:
        rollup.get_by_role("link", name="CSV").click()
    csv_path = tmp_path / "usa.csv"
    csv_file.value.save_as(csv_path)
    assert "rollup,copies,104," in csv_path.read_text()

    # A delegate amends the motion before the deadline.
    delegate = new_phone_page()
    login(delegate, live_server, "bob", PASSWORD)
    delegate.goto(f"{base}/conferences/{conference.pk}/")
    check_page(delegate)
    delegate.get_by_role("link", name="1. On rents").click()
    check_page(delegate)
    form = delegate.locator("#amend")
    form.get_by_label("From line").fill("2")
    form.get_by_label("To line").fill("2")
    form.get_by_label("New text").fill("rises faster than wages, in Los Angeles above all.")
    form.get_by_role("button", name="Propose").click()
    expect(delegate.locator("#amendments")).to_contain_text("in Los Angeles above all")
    check_page(delegate)

    # The chair closes amendments, accepts the amendment and records the vote.
    chair = new_phone_page()
    login(chair, live_server, "una", PASSWORD, TOTP_SECRET)
    chair.goto(f"{base}/conferences/{conference.pk}/")
    chair.get_by_role("button", name="Close amendments").click()
    expect(chair.get_by_text("Amendments are closed.").first).to_be_visible()
    check_page(chair)
    chair.get_by_role("link", name="1. On rents").click()
    check_page(chair)
    amendment = Amendment.objects.get()
    box = chair.locator(f"#amendment-{amendment.pk}")
    box.locator("select[name=state]").select_option("accepted")
    box.get_by_role("button", name="Decide").click()
    expect(chair.locator("#text")).to_contain_text("in Los Angeles above all")
    vote = chair.locator("#vote-form")
    vote.get_by_label("How the vote was taken").select_option("counts")
    vote.locator("input[name=votes_for]").fill("4")
    vote.get_by_role("button", name="Record the vote").click()
    expect(chair.locator(".messages")).to_contain_text("the delegates hold only 3")
    vote.locator("input[name=votes_for]").fill("3")
    vote.locator("input[name=votes_against]").fill("0")
    vote.get_by_role("button", name="Record the vote").click()
    expect(chair.locator("#votes")).to_contain_text("Carried")
    check_page(chair)
    assert Motion.objects.get().state == Motion.State.ADOPTED
    decision_form = chair.locator("#decision-form")
    decision_form.get_by_label("Decision").fill("The paper at the tenants' meetings")
    decision_form.get_by_label("Responsible collective").select_option(label="Los Angeles")
    decision_form.get_by_role("button", name="Track it").click()
    expect(chair.locator(".messages")).to_contain_text("Decision tracked.")
    check_page(chair)
    assert Decision.objects.get().responsible == los_angeles

    # The decision appears in Los Angeles' next report.
    page.goto(f"{base}/reports/los-angeles/")
    check_page(page)
    page.locator("#id_period").fill(november.code)
    page.get_by_role("button", name="Start or open this report").click()
    expect(page.locator("#decisions")).to_contain_text("The paper at the tenants' meetings")
    check_page(page)
