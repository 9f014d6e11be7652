"""Story 7: an organizer marks an account compromised; it is signed out, locked, stripped of
its tokens, and the exposure report lists whom it read and whom it could have read."""

import csv
import io
from datetime import timedelta

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth import SESSION_KEY
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from conftest import PASSWORD, TOTP_SECRET, client_for, make_user
from iskra.accounts.tests.conftest import password_step
from iskra.activities.models import CalendarToken
from iskra.activities.services import calendar_token_create
from iskra.audit.models import LogEntry
from iskra.network.models import Invitation, Membership, Role
from iskra.network.services import invitation_create, membership_create
from iskra.people import services as people


@pytest.fixture
def marisol(los_angeles):
    user = make_user("marisol", two_factor=True)
    membership_create(actor=None, user=user, collective=los_angeles, role=Role.MEMBER)
    return user


@pytest.fixture
def contacts(los_angeles, organizer, marisol):
    people.ensure_stages()
    mine = [
        people.contact_create(actor=marisol, collective=los_angeles, display_name=name)
        for name in ("R", "M (Green Party sign)")
    ]
    others = [
        people.contact_create(actor=organizer, collective=los_angeles, display_name=name)
        for name in ("Z (not hers)", "Y (not hers)")
    ]
    return mine, others


def membership_of(user):
    return Membership.objects.get(user=user)


def mark(organizer, user):
    return client_for(organizer).post(
        reverse("accounts:member_compromised", args=[membership_of(user).pk])
    )


def test_marking_ends_sessions_locks_login_and_revokes_every_token(organizer, marisol, los_angeles):
    phone = client_for(marisol)
    assert phone.get("/me/activity/").status_code == 200
    _invitation, _token = invitation_create(actor=marisol, collective=los_angeles)
    calendar_token_create(actor=marisol)

    response = mark(organizer, marisol)
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "accounts:member_exposure", args=[membership_of(marisol).pk]
    )
    marisol.refresh_from_db()
    assert marisol.compromised_at is not None
    # The phone's session is gone: the next page asks for a login.
    assert phone.get("/me/activity/")["Location"].startswith("/accounts/login/")
    # And the old password no longer opens anything.
    retry = Client()
    password_step(retry, "marisol")
    assert SESSION_KEY not in retry.session
    assert not Invitation.objects.filter(created_by=marisol, revoked_at__isnull=True).exists()
    assert not CalendarToken.objects.filter(user=marisol, revoked_at__isnull=True).exists()
    assert not Authenticator.objects.filter(user=marisol).exists()
    entry = LogEntry.objects.get(action="accounts.account.compromised")
    assert (entry.actor, entry.object_id, entry.collective) == (
        organizer,
        str(marisol.pk),
        los_angeles,
    )
    assert entry.details["invitations"] == 1 and entry.details["calendar_feeds"] == 1


def test_a_compromised_account_stays_out_even_with_the_right_password(organizer, marisol):
    mark(organizer, marisol)
    marisol.refresh_from_db()
    marisol.set_password(PASSWORD)  # as if the thief had the password
    marisol.save(update_fields=["password"])
    client = Client()
    password_step(client, "marisol")
    assert SESSION_KEY not in client.session


def test_the_exposure_report_lists_exactly_the_contacts_read(
    organizer, marisol, contacts, monkeypatch
):
    mine, others = contacts
    # Two reads in the window (one twice), and one read long before it.
    for contact in (mine[0], mine[0], others[0]):
        client_for(marisol).get(reverse("people:contact", args=[contact.pk]))
    old = timezone.now() - timedelta(days=120)
    monkeypatch.setattr(timezone, "now", lambda: old)
    people.contact_read(actor=marisol, contact=mine[1])
    monkeypatch.undo()

    mark(organizer, marisol)
    url = reverse("accounts:member_exposure", args=[membership_of(marisol).pk])
    page = client_for(organizer).get(url)
    assert page.status_code == 200
    read = page.context["report"].read
    assert [(item.display_name, item.read_times) for item in read] == [("R", 2)]
    # others[0] was not hers: the page showed her no protected field, so no read was logged.
    could = {item.display_name for item in page.context["report"].could_read}
    assert could == {"R", "M (Green Party sign)"}
    # A wider span reaches the old read.
    wider = client_for(organizer).get(url, {"days": 200})
    assert {item.display_name for item in wider.context["report"].read} == {
        "R",
        "M (Green Party sign)",
    }

    export = client_for(organizer).get(url, {"format": "csv"})
    assert export["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(export.content.decode())))
    assert [row[1] for row in rows[1:]] == ["R", "M (Green Party sign)"]
    assert rows[1][3] == "yes" and rows[1][4] == "2"
    actions = set(LogEntry.objects.values_list("action", flat=True))
    assert {"accounts.exposure.viewed", "accounts.exposure.exported"} <= actions


def test_bulk_reads_count_in_the_exposure_report(organizer, marisol, contacts):
    mine, _others = contacts
    people.contacts_read(actor=marisol, contacts=mine, purpose="export")
    report = client_for(organizer).get(
        reverse("accounts:member_exposure", args=[membership_of(marisol).pk])
    )
    assert {item.display_name for item in report.context["report"].read} == {
        "R",
        "M (Green Party sign)",
    }


def test_the_organizer_restores_with_a_new_password_and_a_new_second_factor(organizer, marisol):
    mark(organizer, marisol)
    url = reverse("accounts:member_restore", args=[membership_of(marisol).pk])
    short = client_for(organizer).post(url, {"password": "short"})
    assert short.status_code == 200 and short.context["form"].errors
    response = client_for(organizer).post(url, {"password": "a new long passphrase 7"})
    assert response.status_code == 302
    client = Client()
    password_step(client, "marisol", "a new long passphrase 7")
    assert SESSION_KEY in client.session
    # Until a new second factor exists, every page sends her to set it up.
    assert client.get("/me/activity/")["Location"] == reverse("mfa_activate_totp")
    marisol.refresh_from_db()
    TOTP.activate(marisol, TOTP_SECRET)
    assert client.get("/me/activity/").status_code == 200
    marisol.refresh_from_db()
    assert not marisol.needs_new_second_factor
    assert LogEntry.objects.filter(action="accounts.account.restored").exists()


def test_members_and_other_collectives_cannot_mark_anyone(
    marisol, member, detroit_member, organizer
):
    target = membership_of(marisol).pk
    for user in (member, detroit_member):
        url = reverse("accounts:member_compromised", args=[target])
        assert client_for(user).post(url).status_code == 404
        exposure = reverse("accounts:member_exposure", args=[target])
        assert client_for(user).get(exposure).status_code == 404
    marisol.refresh_from_db()
    assert marisol.compromised_at is None


def test_an_organizer_cannot_mark_their_own_account(organizer):
    response = mark(organizer, organizer)
    assert response.status_code == 302
    organizer.refresh_from_db()
    assert organizer.compromised_at is None


def test_a_burst_of_refusals_warns_the_organizers(organizer, detroit_member, contacts):
    organizer.email = "alice@example.org"
    organizer.save()
    mine, _others = contacts
    client = client_for(detroit_member)
    for _attempt in range(19):
        assert client.get(reverse("people:contact", args=[mine[0].pk])).status_code == 404
    assert mail.outbox == []
    assert client.get(reverse("people:contact", args=[mine[1].pk])).status_code == 404
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["alice@example.org"]
    assert "dora" in mail.outbox[0].subject
    burst = LogEntry.objects.get(action="audit.access.burst")
    assert burst.collective_id == mine[0].collective_id
    # Going on does not flood the organizers.
    client.get(reverse("people:contact", args=[mine[0].pk]))
    assert len(mail.outbox) == 1
