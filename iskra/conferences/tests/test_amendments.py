from datetime import timedelta

import pytest
from django.utils import timezone

from iskra.conferences import lines, services
from iskra.conferences.models import Amendment
from iskra.core.errors import DomainError


def test_the_motion_is_numbered_line_by_line(motion):
    numbered = [line for line in lines.numbered(motion.text) if line.number]
    assert len(numbered) == lines.count(motion.text) >= 5
    assert all(len(line.text) <= lines.LINE_WIDTH for line in numbered)
    assert lines.paragraph_range(motion.text, 3)[1] == numbered[-1].number


def test_a_delegate_amends_a_line_range_and_the_accepted_text_replaces_it(motion, delegate, chair):
    amendment = services.amendment_propose(
        actor=delegate.user,
        motion=motion,
        delegate=delegate,
        first_line=1,
        last_line=2,
        text="The conference notes that rents rose faster than wages everywhere.",
    )
    services.amendment_decide(actor=chair, amendment=amendment, state="accepted")
    motion.refresh_from_db()
    assert motion.text.startswith("The conference notes that rents rose faster than wages")
    assert "tenants' committees" not in motion.text
    assert motion.original_text != motion.text


def test_a_paragraph_is_its_line_range(motion, delegate):
    amendment = services.amendment_propose(
        actor=None, motion=motion, delegate=delegate, paragraph=3, text="Exchange it monthly."
    )
    assert (amendment.first_line, amendment.last_line) == lines.paragraph_range(motion.text, 3)


def test_a_line_range_outside_the_motion_is_refused(motion, delegate):
    with pytest.raises(DomainError, match="outside the text"):
        services.amendment_propose(
            actor=None, motion=motion, delegate=delegate, first_line=3, last_line=99, text="x"
        )
    with pytest.raises(DomainError, match="no paragraph 7"):
        services.amendment_propose(
            actor=None, motion=motion, delegate=delegate, paragraph=7, text="x"
        )
    assert not Amendment.objects.exists()


def test_an_amendment_after_the_deadline_is_refused(motion, delegate):
    later = motion.conference.amendments_deadline + timedelta(minutes=1)
    with pytest.raises(DomainError, match="Amendments are closed"):
        services.amendment_propose(
            actor=None,
            motion=motion,
            delegate=delegate,
            first_line=1,
            last_line=1,
            text="x",
            now=later,
        )
    assert not Amendment.objects.exists()


def test_the_chair_closes_amendments_before_the_deadline(motion, delegate, chair):
    services.amendments_close(actor=chair, conference=motion.conference)
    assert motion.conference.amendments_closed_at <= timezone.now()
    with pytest.raises(DomainError, match="Amendments are closed"):
        services.amendment_propose(
            actor=None, motion=motion, delegate=delegate, first_line=1, last_line=1, text="x"
        )


def test_an_amendment_to_an_amendment_changes_the_amendment(
    motion, delegate, detroit_delegate, chair
):
    parent = services.amendment_propose(
        actor=None,
        motion=motion,
        delegate=delegate,
        first_line=1,
        last_line=1,
        text="Rents rose.\n\nWages did not.",
    )
    child = services.amendment_propose(
        actor=None,
        motion=motion,
        delegate=detroit_delegate,
        parent=parent,
        first_line=2,
        last_line=2,
        text="Wages fell.",
    )
    services.amendment_decide(actor=chair, amendment=child, state="accepted")
    parent.refresh_from_db()
    assert parent.text == "Rents rose.\n\nWages fell."
    with pytest.raises(DomainError, match="outside the text"):
        services.amendment_propose(
            actor=None,
            motion=motion,
            delegate=delegate,
            parent=parent,
            first_line=3,
            last_line=3,
            text="x",
        )


def test_merged_and_overlapping_amendments(motion, delegate, detroit_delegate, chair):
    first = services.amendment_propose(
        actor=None, motion=motion, delegate=delegate, first_line=1, last_line=2, text="A."
    )
    second = services.amendment_propose(
        actor=None, motion=motion, delegate=detroit_delegate, first_line=2, last_line=3, text="B."
    )
    services.amendment_decide(actor=chair, amendment=first, state="merged", merged_text="A and B.")
    with pytest.raises(DomainError, match="merge instead"):
        services.amendment_decide(actor=chair, amendment=second, state="accepted")
    second.refresh_from_db()
    assert second.state == "proposed"
    motion.refresh_from_db()
    assert motion.text.startswith("A and B.")
    with pytest.raises(DomainError, match="decided already"):
        services.amendment_decide(actor=chair, amendment=first, state="rejected")
