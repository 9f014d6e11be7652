"""Audit entries are never changed or deleted, except by the retention command."""

import pytest

from iskra.audit.models import AppendOnlyError, LogEntry
from iskra.audit.services import log_action


@pytest.fixture
def entry(member):
    return log_action("accounts.session.ended", actor=member, target=member, details={"count": 1})


def test_an_entry_cannot_be_saved_again(entry):
    entry.action = "accounts.session.nothing"
    with pytest.raises(AppendOnlyError):
        entry.save()
    assert LogEntry.objects.get(pk=entry.pk).action == "accounts.session.ended"


def test_an_entry_cannot_be_deleted(entry):
    with pytest.raises(AppendOnlyError):
        entry.delete()
    assert LogEntry.objects.filter(pk=entry.pk).exists()


def test_querysets_cannot_update_or_delete(entry):
    with pytest.raises(AppendOnlyError):
        LogEntry.objects.filter(pk=entry.pk).update(action="x")
    with pytest.raises(AppendOnlyError):
        LogEntry.objects.all().delete()
    with pytest.raises(AppendOnlyError):
        LogEntry.objects.bulk_update([entry], ["action"])
    assert LogEntry.objects.get(pk=entry.pk).action == "accounts.session.ended"


def test_deleting_the_actor_keeps_the_entry(entry, member):
    member.delete()
    kept = LogEntry.objects.get(pk=entry.pk)
    assert kept.actor is None
    assert kept.object_label == "bob"


def test_protected_values_are_refused(member):
    for key in ["phone", "email", "legal_name", "notes", "address", "password"]:
        with pytest.raises(ValueError, match="protected"):
            log_action("people.contact.updated", actor=member, details={key: "x"})
    assert not LogEntry.objects.filter(action="people.contact.updated").exists()


def test_the_collective_comes_from_the_target(member, los_angeles):
    membership = member.memberships.get()
    assert log_action("network.membership.read", target=membership).collective == los_angeles
