import pytest

from iskra.conferences import queries, services
from iskra.core.errors import DomainError
from iskra.reports import queries as report_queries
from iskra.reports import services as report_services
from iskra.reports.tests.factories import past_month


@pytest.fixture
def adopted(motion, delegate, chair):
    services.amendments_close(actor=chair, conference=motion.conference)
    services.vote_record(actor=chair, motion=motion, method="counts", votes_for=2)
    motion.refresh_from_db()
    return motion


def test_only_an_adopted_motion_becomes_a_decision(motion, chair, los_angeles):
    with pytest.raises(DomainError, match="adopted motion"):
        services.decision_create(
            actor=chair,
            conference=motion.conference,
            motion=motion,
            title="x",
            responsible=los_angeles,
        )


def test_progress_rolls_up_from_the_parts(adopted, chair, usa, los_angeles, detroit, organizer):
    conference = adopted.conference
    whole = services.decision_create(
        actor=chair, conference=conference, motion=adopted, title="Tenants", responsible=usa
    )
    la = services.decision_create(
        actor=chair,
        conference=conference,
        title="LA tenants",
        responsible=los_angeles,
        parent=whole,
    )
    services.decision_create(
        actor=chair,
        conference=conference,
        title="Detroit tenants",
        responsible=detroit,
        parent=whole,
    )
    services.progress_note(
        actor=organizer, decision=la, text="Two meetings", progress=60, state="under_way"
    )
    whole.refresh_from_db()
    assert queries.rolled_progress(whole) == 30
    with pytest.raises(DomainError, match="percentage"):
        services.progress_note(actor=organizer, decision=la, text="x", progress=140, state="done")


def test_the_decision_appears_in_the_collectives_next_report(adopted, chair, los_angeles):
    services.decision_create(
        actor=chair,
        conference=adopted.conference,
        motion=adopted,
        title="Paper at tenants' meetings",
        responsible=los_angeles,
    )
    period = past_month(-1)  # next month: after the conference has started
    report = report_services.report_open(actor=None, collective=los_angeles, period=period)
    decisions = report_queries.build_snapshot(report)["decisions"]
    assert [d["title"] for d in decisions] == ["Paper at tenants' meetings"]
    assert decisions[0]["state"] == "planned"
