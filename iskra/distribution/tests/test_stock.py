from decimal import Decimal

import pytest

from iskra.core.errors import DomainError
from iskra.distribution import queries, services
from iskra.distribution.models import Outing
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


def test_handing_out_more_than_is_left_is_refused_with_a_clear_error(los_angeles, member, issue):
    factories.outing(member, los_angeles, issue, copies=90)
    with pytest.raises(DomainError, match="has 10 copies of Red Banner #1 left, not 11"):
        factories.outing(member, los_angeles, issue, copies=11)
    assert Outing.objects.count() == 1
    assert queries.stock_of(los_angeles, issue).left == 10


def test_two_lines_of_the_same_issue_count_together(los_angeles, member, issue):
    with pytest.raises(DomainError):
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
    assert queries.stock_of(los_angeles, issue).left == 100


def test_a_bundle_cannot_send_more_than_the_source_holds(usa, los_angeles, detroit, issue):
    with pytest.raises(DomainError, match="not 101"):
        factories.bundle(issue, detroit, 101)
    factories.bundle(issue, detroit, 100)
    assert queries.stock_of(usa, issue).left == 0


def test_a_collective_without_stock_cannot_hand_out(detroit, detroit_member, issue):
    with pytest.raises(DomainError, match="Detroit has 0 copies"):
        factories.outing(detroit_member, detroit, issue, copies=1)


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
