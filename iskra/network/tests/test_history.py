"""A collective's and a membership's history: visible to those who manage them."""

from conftest import client_for
from iskra.audit.services import log_action
from iskra.network.models import Membership
from iskra.network.services import invitation_create, membership_update


def test_the_collective_history_lists_what_happened_in_it(organizer, member, los_angeles, detroit):
    membership = Membership.objects.get(user=member, collective=los_angeles)
    membership_update(actor=organizer, membership=membership, role="editor", status="member")
    invitation_create(actor=organizer, collective=los_angeles)
    invitation_create(actor=None, collective=detroit)
    page = client_for(organizer).get("/c/los-angeles/history/")
    assert page.status_code == 200
    actions = [entry.action for entry in page.context["entries"]]
    assert actions.count("network.invitation.created") == 1  # not Detroit's
    assert "network.membership.updated" in actions
    assert "network.collective.created" in actions
    assert b"Membership changed" in page.content
    assert b"America/Los_Angeles" in page.content


def test_other_apps_entries_appear_by_collective(organizer, los_angeles):
    log_action("people.contact.read", actor=organizer, collective=los_angeles)
    page = client_for(organizer).get("/c/los-angeles/history/")
    assert b"Read a contact&#x27;s protected details" in page.content  # every action has its label


def test_a_membership_history(organizer, member, los_angeles):
    membership = Membership.objects.get(user=member, collective=los_angeles)
    membership_update(actor=organizer, membership=membership, role="editor", status="member")
    page = client_for(organizer).get(f"/c/los-angeles/members/{membership.pk}/history/")
    assert page.status_code == 200
    assert [entry.action for entry in page.context["entries"]] == [
        "network.membership.updated",
        "network.membership.created",
    ]


def test_members_do_not_see_histories(member, los_angeles):
    membership = Membership.objects.get(user=member, collective=los_angeles)
    client = client_for(member)
    assert client.get("/c/los-angeles/history/").status_code == 404
    assert client.get(f"/c/los-angeles/members/{membership.pk}/history/").status_code == 404


def test_a_membership_is_reached_only_through_its_own_collective(organizer, detroit_member):
    membership = Membership.objects.get(user=detroit_member)
    response = client_for(organizer).get(f"/c/los-angeles/members/{membership.pk}/history/")
    assert response.status_code == 404
