"""The writes of the network app: each validates, refuses with a clear message, and logs."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from conftest import make_user
from iskra.audit.models import LogEntry
from iskra.core.errors import DomainError
from iskra.network.models import Membership, Role
from iskra.network.scope import Capacity, scope_for
from iskra.network.services import (
    collective_create,
    collective_update,
    hash_token,
    invitation_accept,
    invitation_create,
    invitation_for_token,
    invitation_revoke,
    membership_create,
    membership_end,
    membership_update,
    share_create,
    share_revoke,
)


def fresh(user):
    """The user as the next request loads it (the scope is cached per user object)."""
    return type(user).objects.get(pk=user.pk)


def test_a_sub_collective_hangs_below_its_parent(organizer, los_angeles):
    campus = collective_create(
        actor=organizer, name="UCLA", slug="ucla", kind="campus", parent=los_angeles
    )
    assert campus.path == f"{los_angeles.path}{campus.pk}/"
    entry = LogEntry.objects.get(action="network.collective.created", object_id=str(campus.pk))
    assert entry.actor == organizer
    assert entry.details == {"kind": "campus", "parent": "los-angeles"}
    assert scope_for(fresh(organizer)).can(Capacity.MANAGE, campus)


def test_a_taken_short_name_is_refused(los_angeles):
    with pytest.raises(DomainError, match="already taken"):
        collective_create(actor=None, name="Again", slug="los-angeles", kind="city")


def test_an_unknown_time_zone_is_refused(los_angeles):
    with pytest.raises(ValidationError):
        collective_update(
            actor=None,
            collective=los_angeles,
            name="Los Angeles",
            country="us",
            time_zone="Mars/Olympus",
            languages=["en"],
        )


def test_updating_logs_which_fields_changed(organizer, los_angeles):
    collective_update(
        actor=organizer,
        collective=los_angeles,
        name="LA",
        country="us",
        time_zone="America/Los_Angeles",
        languages=["en", "es"],
    )
    los_angeles.refresh_from_db()
    assert (los_angeles.name, los_angeles.country) == ("LA", "US")
    entry = LogEntry.objects.get(action="network.collective.updated")
    assert entry.details == {"fields": ["country", "languages", "name", "time_zone"]}


def test_one_active_role_per_person_and_collective(member, los_angeles):
    with pytest.raises(DomainError, match="already has this role"):
        membership_create(actor=None, user=member, collective=los_angeles, role=Role.MEMBER)
    editor = membership_create(actor=None, user=member, collective=los_angeles, role=Role.EDITOR)
    assert editor.role == Role.EDITOR


def test_changing_a_role_changes_the_scope(member, los_angeles, organizer):
    membership = Membership.objects.select_related("user").get(user=member, collective=los_angeles)
    assert not scope_for(membership.user).can(Capacity.MANAGE, los_angeles)
    membership_update(actor=organizer, membership=membership, role=Role.ORGANIZER, status="member")
    # The scope cached on the user object is dropped with the change.
    assert scope_for(membership.user).can(Capacity.MANAGE, los_angeles)
    entry = LogEntry.objects.get(action="network.membership.updated")
    assert entry.details["before"] == {"role": "member", "status": "member"}
    assert entry.details["after"] == {"role": "organizer", "status": "member"}
    assert entry.collective == los_angeles


def test_a_role_change_into_a_role_already_held_is_refused(member, los_angeles, organizer):
    membership_create(actor=None, user=member, collective=los_angeles, role=Role.EDITOR)
    membership = Membership.objects.get(user=member, collective=los_angeles, role=Role.MEMBER)
    with pytest.raises(DomainError, match="already has this role"):
        membership_update(actor=organizer, membership=membership, role=Role.EDITOR, status="member")


def test_ending_a_membership_closes_the_scope(member, los_angeles, organizer):
    membership = Membership.objects.get(user=member, collective=los_angeles)
    membership_end(actor=organizer, membership=membership)
    assert not scope_for(fresh(member)).ids(Capacity.VIEW)
    with pytest.raises(DomainError, match="already ended"):
        membership_end(actor=organizer, membership=membership)


def test_an_invitation_stores_only_a_hash_of_its_token(organizer, los_angeles):
    invitation, token = invitation_create(
        actor=organizer, collective=los_angeles, note="M at the march", days=3
    )
    assert invitation.token_hash == hash_token(token)
    assert token not in invitation.token_hash
    assert timedelta(days=2, hours=23) < invitation.expires_at - timezone.now() <= timedelta(3)
    entry = LogEntry.objects.get(action="network.invitation.created")
    assert "M at the march" not in str(entry.details)
    assert token not in str(entry.details) and token not in entry.object_label


def test_an_invitation_works_once(organizer, los_angeles, outsider, detroit_member):
    _invitation, token = invitation_create(actor=organizer, collective=los_angeles)
    membership = invitation_accept(user=outsider, token=token)
    assert (membership.collective, membership.role) == (los_angeles, Role.MEMBER)
    assert invitation_for_token(token) is None
    with pytest.raises(DomainError, match="no longer valid"):
        invitation_accept(user=detroit_member, token=token)


def test_an_expired_invitation_does_not_work(organizer, los_angeles, outsider):
    invitation, token = invitation_create(actor=organizer, collective=los_angeles)
    invitation.expires_at = timezone.now() - timedelta(seconds=1)
    invitation.save(update_fields=["expires_at"])
    assert invitation_for_token(token) is None
    with pytest.raises(DomainError):
        invitation_accept(user=outsider, token=token)
    assert not Membership.objects.filter(user=outsider).exists()


def test_a_revoked_invitation_does_not_work(organizer, los_angeles, outsider):
    invitation, token = invitation_create(actor=organizer, collective=los_angeles)
    invitation_revoke(actor=organizer, invitation=invitation)
    with pytest.raises(DomainError):
        invitation_accept(user=outsider, token=token)
    with pytest.raises(DomainError, match="can no longer be used"):
        invitation_revoke(actor=organizer, invitation=invitation)
    assert LogEntry.objects.filter(action="network.invitation.revoked").count() == 1


def test_a_share_needs_a_reason_and_a_future_end(los_angeles, detroit, organizer):
    later = timezone.now() + timedelta(days=30)
    with pytest.raises(DomainError, match="Say why"):
        share_create(
            actor=organizer, source=los_angeles, recipient=detroit, reason=" ", expires_at=later
        )
    with pytest.raises(DomainError, match="future"):
        share_create(
            actor=organizer,
            source=los_angeles,
            recipient=detroit,
            reason="joint campaign",
            expires_at=timezone.now(),
        )
    with pytest.raises(DomainError, match="itself"):
        share_create(
            actor=organizer, source=detroit, recipient=detroit, reason="x", expires_at=later
        )


def test_a_share_opens_contacts_to_the_recipient_until_revoked(los_angeles, detroit, organizer):
    keisha = make_user("keisha")
    membership_create(actor=None, user=keisha, collective=detroit, role=Role.ORGANIZER)
    assert not scope_for(fresh(keisha)).can(Capacity.CONTACTS, los_angeles)
    share = share_create(
        actor=organizer,
        source=los_angeles,
        recipient=detroit,
        reason="joint campaign",
        expires_at=timezone.now() + timedelta(days=1),
    )
    assert scope_for(fresh(keisha)).can(Capacity.CONTACTS, los_angeles)
    assert LogEntry.objects.get(action="network.share.created").collective == los_angeles
    share_revoke(actor=organizer, share=share)
    assert not scope_for(fresh(keisha)).can(Capacity.CONTACTS, los_angeles)
    with pytest.raises(DomainError, match="already revoked"):
        share_revoke(actor=organizer, share=share)
