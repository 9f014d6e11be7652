from decimal import Decimal

import pytest

from iskra.audit.models import LogEntry
from iskra.core.errors import DomainError
from iskra.distribution import queries, services
from iskra.distribution.models import Outing, StockAdjustment
from iskra.distribution.tests import factories


@pytest.fixture
def issue(usa, los_angeles):
    return factories.stocked_paper(usa, los_angeles, copies=100)


def test_stock_counts_printed_received_sent_handed_out_and_left(usa, los_angeles, member, issue):
    factories.outing(member, los_angeles, issue, copies=30)
    at_usa = queries.stock_of(usa, issue)
    at_la = queries.stock_of(los_angeles, issue)
    assert (at_usa.printed, at_usa.sent, at_usa.handed_out, at_usa.left) == (200, 100, 0, 100)
    assert (at_la.received, at_la.handed_out, at_la.left) == (100, 30, 70)


def test_handing_out_more_than_the_recorded_stock_is_saved_as_a_discrepancy(
    usa, los_angeles, member
):
    issue = factories.stocked_paper(usa, los_angeles, copies=275)
    factories.outing(member, los_angeles, issue, copies=540)
    assert Outing.objects.count() == 1
    (missing,) = queries.discrepancies(los_angeles)
    assert (missing.handed_out, missing.on_record, missing.missing) == (540, 275, 265)


def test_two_lines_of_the_same_issue_count_together(los_angeles, member, issue):
    services.outing_log(
        actor=member,
        collective=los_angeles,
        starts_at=factories.timezone.now(),
        place="Gate",
        kind="march",
        lines=[
            services.LineInput(issue=issue, copies=60, language="en"),
            services.LineInput(issue=issue, copies=60, language="es"),
        ],
    )
    assert queries.stock_of(los_angeles, issue).left == -20
    assert queries.discrepancies(los_angeles)[0].handed_out == 120


def test_a_bundle_sent_beyond_the_stock_is_recorded_and_shows_the_gap(usa, detroit, issue):
    factories.bundle(issue, detroit, 101)
    assert queries.stock_of(usa, issue).left == -1
    assert [row.sent for row in queries.discrepancies(usa)] == [201]


def test_a_collective_without_stock_can_still_record_its_outing(detroit, detroit_member, issue):
    factories.outing(detroit_member, detroit, issue, copies=1)
    assert queries.discrepancies(detroit)[0].missing == 1


@pytest.mark.parametrize(
    ("origin", "from_usa"),
    [("printer", False), ("local", False), ("collective", True)],
)
def test_a_bundle_received_resolves_the_discrepancy(
    usa, los_angeles, organizer, member, origin, from_usa
):
    issue = factories.stocked_paper(usa, los_angeles, copies=275)
    factories.outing(member, los_angeles, issue, copies=540)
    bundle = services.bundle_receive(
        actor=organizer,
        collective=los_angeles,
        issue=issue,
        copies=265,
        origin=origin,
        source=usa if from_usa else None,
    )
    assert not queries.discrepancies(los_angeles)
    assert queries.stock_of(los_angeles, issue).left == 0
    assert (bundle.source is not None) == from_usa
    assert queries.stock_of(usa, issue).sent == 275 + (265 if from_usa else 0)
    entry = LogEntry.objects.get(action="distribution.bundle.received")
    assert entry.actor == organizer
    assert entry.details["origin"] == origin


def test_an_adjustment_with_a_reason_resolves_the_discrepancy(usa, los_angeles, organizer, member):
    issue = factories.stocked_paper(usa, los_angeles, copies=275)
    factories.outing(member, los_angeles, issue, copies=540)
    services.stock_adjust(
        actor=organizer,
        collective=los_angeles,
        issue=issue,
        copies=265,
        reason="Counted the boxes in the office again",
    )
    assert not queries.discrepancies(los_angeles)
    entry = LogEntry.objects.get(action="distribution.stock.adjusted")
    assert entry.details == {
        "issue": issue.pk,
        "copies": 265,
        "reason": "Counted the boxes in the office again",
    }


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"copies": 0, "reason": "Nothing"}, "how many copies"),
        ({"copies": 5, "reason": "  "}, "Say why"),
    ],
)
def test_an_adjustment_needs_copies_and_a_reason(los_angeles, organizer, issue, values, message):
    with pytest.raises(DomainError, match=message):
        services.stock_adjust(actor=organizer, collective=los_angeles, issue=issue, **values)
    assert not StockAdjustment.objects.exists()


def test_a_bundle_from_a_collective_needs_the_collective(los_angeles, organizer, issue):
    with pytest.raises(DomainError, match="Choose the collective"):
        services.bundle_receive(
            actor=organizer, collective=los_angeles, issue=issue, copies=5, origin="collective"
        )


def test_negative_copies_and_money_are_refused(los_angeles, member, issue):
    for line in (
        services.LineInput(issue=issue, copies=-1),
        services.LineInput(issue=issue, copies=1, money=Decimal("-0.01")),
        services.LineInput(issue=issue, copies=1, money=Decimal("0.001")),
    ):
        with pytest.raises(DomainError):
            services.outing_log(
                actor=member,
                collective=los_angeles,
                starts_at=factories.timezone.now(),
                place="Gate",
                kind="march",
                lines=[line],
            )
    assert not Outing.objects.exists()


def test_a_publication_from_elsewhere_is_refused(los_angeles, detroit, member):
    detroit_issue = factories.stocked_paper(
        detroit, detroit, slug="motor-city", names={"en": "Motor City"}
    )
    with pytest.raises(DomainError, match="not handed out here"):
        factories.outing(member, los_angeles, detroit_issue, copies=1)
