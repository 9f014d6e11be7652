import pytest

from iskra.conferences import services
from iskra.conferences.models import Vote
from iskra.conferences.services import Tally
from iskra.core.errors import DomainError


@pytest.fixture
def ready(motion, delegate, detroit_delegate, chair):
    services.amendments_close(actor=chair, conference=motion.conference)
    motion.refresh_from_db()
    return motion


def test_a_vote_before_amendments_close_is_refused(motion, delegate, chair):
    with pytest.raises(DomainError, match="Close the amendments"):
        services.vote_record(actor=chair, motion=motion, method="counts", votes_for=1)
    assert not Vote.objects.exists()


def test_more_votes_than_the_delegates_hold_is_refused(ready, chair):
    with pytest.raises(DomainError, match="hold only 3"):
        services.vote_record(
            actor=chair, motion=ready, method="counts", votes_for=3, votes_against=1
        )
    ready.refresh_from_db()
    assert ready.state == "open" and not Vote.objects.exists()


def test_a_show_of_hands_keeps_the_outcome_with_the_voted_text(ready, chair):
    vote = services.vote_record(
        actor=chair, motion=ready, method="counts", votes_for=2, votes_against=1
    )
    ready.refresh_from_db()
    assert vote.outcome == "carried" and ready.state == "adopted"
    assert vote.voted_text == ready.text


def test_a_roll_call_counts_each_delegates_votes(ready, delegate, detroit_delegate, chair):
    vote = services.vote_record(
        actor=chair,
        motion=ready,
        method="roll_call",
        entries=[
            Tally(votes_against=2, delegate=delegate),
            Tally(votes_for=1, delegate=detroit_delegate),
        ],
    )
    assert (vote.votes_for, vote.votes_against, vote.outcome) == (1, 2, "lost")
    assert vote.entries.count() == 2


def test_a_delegation_cannot_cast_more_than_its_weight(ready, los_angeles, detroit, chair):
    with pytest.raises(DomainError, match="has 1 votes, not 2"):
        services.vote_record(
            actor=chair,
            motion=ready,
            method="delegations",
            entries=[
                Tally(votes_for=2, delegation=los_angeles),
                Tally(votes_for=2, delegation=detroit),
            ],
        )
    assert not Vote.objects.exists()
    vote = services.vote_record(
        actor=chair,
        motion=ready,
        method="delegations",
        entries=[
            Tally(votes_for=2, delegation=los_angeles),
            Tally(abstentions=1, delegation=detroit),
        ],
    )
    assert (vote.votes_for, vote.abstentions) == (2, 1)


def test_undecided_amendments_block_the_vote(motion, delegate, chair):
    services.amendment_propose(
        actor=None, motion=motion, delegate=delegate, first_line=1, last_line=1, text="x"
    )
    services.amendments_close(actor=chair, conference=motion.conference)
    with pytest.raises(DomainError, match="Decide every amendment"):
        services.vote_record(actor=chair, motion=motion, method="counts", votes_for=1)
