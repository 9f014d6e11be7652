"""The collective pages: organizers edit within their rights; members read; outsiders get 404."""

import pytest

from conftest import client_for, make_user
from iskra.audit.models import LogEntry
from iskra.network.models import Collective, Invitation, Membership, Role
from iskra.network.services import collective_create, invitation_create, membership_create

EDIT = "/c/los-angeles/edit/"
ADD = "/c/los-angeles/add/"
INVITE = "/c/los-angeles/invitations/new/"


def edit_data(**changes):
    data = {
        "name": "Greater Los Angeles",
        "country": "us",
        "time_zone": "America/Los_Angeles",
        "languages": "en, es, ko",
    }
    return {**data, **changes}


def child_data(**changes):
    data = {
        "name": "Port workers",
        "slug": "la-port",
        "kind": "workplace",
        "country": "US",
        "time_zone": "America/Los_Angeles",
        "languages": "en, es",
    }
    return {**data, **changes}


def test_the_tree_shows_what_i_may_see(organizer, detroit, los_angeles):
    page = client_for(organizer).get("/c/")
    assert [collective.slug for collective in page.context["collectives"]] == ["los-angeles"]


def test_a_member_sees_the_members_but_no_management(member, organizer):
    page = client_for(member).get("/c/los-angeles/")
    assert page.status_code == 200
    assert {m.user.username for m in page.context["memberships"]} == {"alice", "bob"}
    assert not page.context["can_manage"]
    assert b"/c/los-angeles/edit/" not in page.content
    assert b"end-sessions" not in page.content


def test_an_organizer_sees_the_management(organizer, member):
    page = client_for(organizer).get("/c/los-angeles/")
    assert page.context["can_manage"]
    assert b"/c/los-angeles/invitations/new/" in page.content


def test_an_outsider_gets_404_everywhere(outsider, member, organizer):
    membership = Membership.objects.get(user=member)
    invitation, _token = invitation_create(actor=organizer, collective=membership.collective)
    client = client_for(outsider)
    for path in [
        "/c/los-angeles/",
        EDIT,
        ADD,
        INVITE,
        "/c/los-angeles/history/",
        f"/c/los-angeles/members/{membership.pk}/",
        f"/c/los-angeles/members/{membership.pk}/history/",
    ]:
        assert client.get(path).status_code == 404, path
    for path in [
        f"/c/los-angeles/members/{membership.pk}/end/",
        f"/c/los-angeles/invitations/{invitation.pk}/revoke/",
    ]:
        assert client.post(path).status_code == 404, path


def test_the_organizer_edits_the_collective(organizer):
    response = client_for(organizer).post(EDIT, edit_data())
    assert response.status_code == 302
    collective = Collective.objects.get(slug="los-angeles")
    assert (collective.name, collective.country) == ("Greater Los Angeles", "US")
    assert collective.languages == ["en", "es", "ko"]
    assert LogEntry.objects.filter(action="network.collective.updated", actor=organizer).exists()


def test_bad_input_keeps_what_was_typed(organizer):
    response = client_for(organizer).post(EDIT, edit_data(name="", languages="en, español"))
    assert response.status_code == 200
    form = response.context["form"]
    assert "name" in form.errors
    assert form.errors["languages"] == ["español is not a language code."]
    assert b'value="en, espa\xc3\xb1ol"' in response.content
    assert b'value="us"' in response.content
    assert Collective.objects.get(slug="los-angeles").name == "Los Angeles"


def test_a_member_cannot_edit(member):
    assert client_for(member).post(EDIT, edit_data()).status_code == 404
    assert Collective.objects.get(slug="los-angeles").name == "Los Angeles"


def test_the_organizer_adds_a_group_below(organizer, los_angeles):
    response = client_for(organizer).post(ADD, child_data())
    assert response.status_code == 302
    assert response["Location"] == "/c/la-port/"
    port = Collective.objects.get(slug="la-port")
    assert port.parent == los_angeles
    assert client_for(organizer).get("/c/la-port/").status_code == 200


def test_a_taken_short_name_keeps_the_form(organizer, detroit):
    response = client_for(organizer).post(ADD, child_data(slug="detroit"))
    assert response.status_code == 200
    assert response.context["form"].errors["slug"] == ["The short name detroit is already taken."]
    assert b'value="Port workers"' in response.content


def test_the_add_form_starts_from_the_parent(organizer):
    form = client_for(organizer).get(ADD).context["form"]
    assert form.initial["time_zone"] == "America/Los_Angeles"
    assert form.initial["languages"] == "en, es"


def test_a_member_cannot_add_a_group(member):
    assert client_for(member).post(ADD, child_data()).status_code == 404
    assert not Collective.objects.filter(slug="la-port").exists()


def test_the_organizer_creates_an_invitation_link(organizer):
    response = client_for(organizer).post(
        INVITE, {"note": "R from the march", "role": "member", "status": "friend", "days": 3}
    )
    assert response.status_code == 200
    link = response.context["link"]
    assert link.startswith("http://testserver/me/join/")
    invitation = Invitation.objects.get()
    assert (invitation.role, invitation.status, invitation.note) == (
        "member",
        "friend",
        "R from the march",
    )
    assert link.encode() in response.content
    # The link is shown once: the collective page does not repeat it.
    assert link.encode() not in client_for(organizer).get("/c/los-angeles/").content


def test_a_bad_invitation_form_keeps_the_note(organizer):
    response = client_for(organizer).post(
        INVITE, {"note": "R from the march", "role": "member", "status": "friend", "days": 0}
    )
    assert response.status_code == 200
    assert "days" in response.context["form"].errors
    assert b'value="R from the march"' in response.content
    assert not Invitation.objects.exists()


def test_a_member_cannot_invite(member):
    response = client_for(member).post(INVITE, {"role": "organizer", "status": "member", "days": 3})
    assert response.status_code == 404
    assert not Invitation.objects.exists()


def test_the_organizer_revokes_an_invitation(organizer, los_angeles):
    invitation, _token = invitation_create(actor=organizer, collective=los_angeles)
    response = client_for(organizer).post(f"/c/los-angeles/invitations/{invitation.pk}/revoke/")
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None
    page = client_for(organizer).get("/c/los-angeles/")
    assert invitation not in page.context["invitations"]


def test_revoking_twice_says_why(organizer, los_angeles):
    invitation, _token = invitation_create(actor=organizer, collective=los_angeles)
    client = client_for(organizer)
    client.post(f"/c/los-angeles/invitations/{invitation.pk}/revoke/")
    response = client.post(f"/c/los-angeles/invitations/{invitation.pk}/revoke/", follow=True)
    assert b"can no longer be used" in response.content


def test_an_invitation_of_another_collective_is_out_of_reach(organizer, detroit):
    invitation, _token = invitation_create(actor=None, collective=detroit)
    response = client_for(organizer).post(f"/c/los-angeles/invitations/{invitation.pk}/revoke/")
    assert response.status_code == 404
    response = client_for(organizer).post(f"/c/detroit/invitations/{invitation.pk}/revoke/")
    assert response.status_code == 404


@pytest.fixture
def bobs_membership(member, los_angeles):
    return Membership.objects.get(user=member, collective=los_angeles)


def test_the_organizer_changes_a_role(organizer, bobs_membership):
    url = f"/c/los-angeles/members/{bobs_membership.pk}/"
    assert client_for(organizer).get(url).status_code == 200
    response = client_for(organizer).post(url, {"role": "treasurer", "status": "candidate"})
    assert response.status_code == 302
    bobs_membership.refresh_from_db()
    assert (bobs_membership.role, bobs_membership.status) == ("treasurer", "candidate")


def test_a_role_held_already_keeps_the_form(organizer, member, los_angeles, bobs_membership):
    membership_create(actor=None, user=member, collective=los_angeles, role=Role.EDITOR)
    url = f"/c/los-angeles/members/{bobs_membership.pk}/"
    response = client_for(organizer).post(url, {"role": "editor", "status": "candidate"})
    assert response.status_code == 200
    assert "already has this role" in response.context["form"].errors["role"][0]
    assert b'<option value="candidate" selected>' in response.content
    bobs_membership.refresh_from_db()
    assert bobs_membership.role == "member"


def test_a_member_cannot_change_roles(member, organizer, los_angeles):
    own = Membership.objects.get(user=member, collective=los_angeles)
    url = f"/c/los-angeles/members/{own.pk}/"
    assert (
        client_for(member).post(url, {"role": "organizer", "status": "member"}).status_code == 404
    )
    own.refresh_from_db()
    assert own.role == "member"


def test_the_organizer_ends_a_membership(organizer, member, bobs_membership):
    response = client_for(organizer).post(f"/c/los-angeles/members/{bobs_membership.pk}/end/")
    assert response.status_code == 302
    bobs_membership.refresh_from_db()
    assert bobs_membership.ended_at is not None
    assert client_for(member).get("/c/los-angeles/").status_code == 404


def test_an_organizer_of_a_parent_manages_the_groups_below(detroit, detroit_plant, los_angeles):
    keisha = make_user("keisha", two_factor=True)
    membership_create(actor=None, user=keisha, collective=detroit, role=Role.ORGANIZER)
    assert client_for(keisha).get("/c/detroit-plant/edit/").status_code == 200
    assert client_for(keisha).get("/c/los-angeles/").status_code == 404


def test_the_tree_starts_at_the_left_edge(organizer, los_angeles):
    collective_create(actor=None, name="Port", slug="la-port", kind="workplace", parent=los_angeles)
    page = client_for(organizer).get("/c/")
    assert [(c.slug, c.indent) for c in page.context["collectives"]] == [
        ("los-angeles", 0),
        ("la-port", 1),
    ]
    assert b'class="depth-0"' in page.content and b'class="depth-1"' in page.content
