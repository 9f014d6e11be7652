"""Submit freezes the report; a second submit, an overlapping period and an empty
correction are refused without storing anything."""

import json

import pytest

from iskra.core.errors import DomainError
from iskra.reports import queries, services
from iskra.reports.models import Report, Version
from iskra.reports.periods import Period
from iskra.reports.tests.factories import a_day_in, outing_on, paper_for, past_month


@pytest.fixture
def october(organizer, los_angeles, usa, member):
    period = past_month()
    issue = paper_for(usa, los_angeles)
    outing_on(member, los_angeles, issue, a_day_in(period), copies=40)
    outing_on(member, los_angeles, issue, a_day_in(period, 10), copies=25)
    outing_on(member, los_angeles, issue, a_day_in(period.previous()), copies=7)
    report = services.report_open(actor=organizer, collective=los_angeles, period=period)
    return period, report, issue


def test_the_draft_is_filled_from_the_data_with_the_previous_period_beside(october):
    _period, report, _issue = october
    snapshot = queries.build_snapshot(report)
    assert snapshot["figures"]["copies"] == 65
    assert snapshot["figures"]["outings"] == 2
    assert snapshot["previous"]["copies"] == 7
    assert [row["copies"] for row in snapshot["details"]["copies_by_publication"]] == [65]


def test_submit_freezes_figures_and_text_with_their_sha256(october, organizer, member, los_angeles):
    period, report, issue = october
    services.narrative_save(
        actor=organizer,
        report=report,
        language="en",
        situation="Rents up.",
        work="Two marches.",
        problems="",
        proposals="",
    )
    version = services.report_submit(actor=organizer, report=report)
    outing_on(member, los_angeles, issue, a_day_in(period, 20), copies=500)
    report.refresh_from_db()
    snapshot, frozen = queries.snapshot_of(report)
    assert frozen == version and report.state == Report.State.SUBMITTED
    assert snapshot["figures"]["copies"] == 65
    assert snapshot["narratives"][0]["work"] == "Two marches."
    canonical = json.dumps(snapshot, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    import hashlib

    assert version.sha256 == hashlib.sha256(canonical.encode()).hexdigest()


def test_submitting_twice_is_refused_and_keeps_one_version(october, organizer):
    _period, report, _issue = october
    services.report_submit(actor=organizer, report=report)
    with pytest.raises(DomainError, match="submitted already"):
        services.report_submit(actor=organizer, report=report)
    assert Version.objects.filter(report=report).count() == 1


def test_a_period_overlapping_a_submitted_report_is_refused(october, organizer, los_angeles):
    period, report, _issue = october
    services.report_submit(actor=organizer, report=report)
    overlapping = Period("span", a_day_in(period, 5), a_day_in(period, 40))
    with pytest.raises(DomainError, match="overlaps the submitted report"):
        services.report_open(actor=organizer, collective=los_angeles, period=overlapping)
    assert Report.objects.filter(collective=los_angeles).count() == 1


def test_a_draft_that_came_to_overlap_a_submitted_report_cannot_be_submitted(
    october, organizer, los_angeles
):
    period, report, _issue = october
    wider = Period("span", period.start, a_day_in(period, 45))
    draft = services.report_open(actor=organizer, collective=los_angeles, period=wider)
    services.report_submit(actor=organizer, report=report)
    with pytest.raises(DomainError, match="overlaps the submitted report"):
        services.report_submit(actor=organizer, report=draft)
    draft.refresh_from_db()
    assert draft.state == Report.State.DRAFT and not draft.versions.exists()


def test_a_correction_is_a_new_version_with_the_differences(
    october, organizer, member, los_angeles
):
    period, report, issue = october
    services.report_submit(actor=organizer, report=report)
    with pytest.raises(DomainError, match="Nothing changed"):
        services.report_correct(actor=organizer, report=report, reason="Check")
    assert report.versions.count() == 1
    outing_on(member, los_angeles, issue, a_day_in(period, 12), copies=5)
    second = services.report_correct(actor=organizer, report=report, reason="A late outing")
    first = report.versions.get(number=1)
    assert second.number == 2 and second.sha256 != first.sha256
    changes = {
        c.path: (c.before, c.after) for c in queries.differences(first.snapshot, second.snapshot)
    }
    assert changes["figures.copies"] == (65, 70)
    assert changes["figures.outings"] == (2, 3)


def test_a_correction_needs_a_reason(october, organizer):
    _period, report, _issue = october
    services.report_submit(actor=organizer, report=report)
    with pytest.raises(DomainError, match="Say what"):
        services.report_correct(actor=organizer, report=report, reason="  ")
