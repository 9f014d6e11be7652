"""Finding 11: the audit log answers questions: who, what, which record, which collective,
when; keyset paging; labels instead of codes; bulk reads name the reader and each contact."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import override

from conftest import client_for
from iskra.audit.labels import ACTION_LABELS, action_label
from iskra.audit.models import LogEntry
from iskra.audit.queries import AuditFilter, filter_entries
from iskra.audit.services import log_action
from iskra.network.models import Membership
from iskra.people import services as people


@pytest.fixture(params=["few", "many"])
def strategy(request, monkeypatch):
    """Both ways of reading the log: one collective at a time, and one walk of the id index."""
    if request.param == "many":
        monkeypatch.setattr("iskra.audit.queries.FEW_COLLECTIVES", 0)
    return request.param


@pytest.fixture
def contacts(los_angeles, organizer):
    people.ensure_stages()
    return [
        people.contact_create(actor=organizer, collective=los_angeles, display_name=f"C{index}")
        for index in range(3)
    ]


def test_a_bulk_read_names_the_reader_and_each_contact(member, contacts, los_angeles, strategy):
    people.contacts_read(actor=member, contacts=contacts, purpose="export")
    page = filter_entries(
        AuditFilter(collective_ids=[los_angeles.pk], actor="bob", action="people.contact.read")
    )
    assert sorted(entry.object_label for entry in page.entries) == ["C0", "C1", "C2"]
    assert {entry.actor for entry in page.entries} == {member}


def test_each_filter_narrows_the_log(
    member, organizer, contacts, los_angeles, detroit, monkeypatch, strategy
):
    old = timezone.now() - timedelta(days=30)
    with monkeypatch.context() as patch:
        patch.setattr(timezone, "now", lambda: old)
        people.contact_read(actor=member, contact=contacts[0])
    people.contact_read(actor=member, contact=contacts[1])
    people.contact_read(actor=organizer, contact=contacts[1])
    log_action("network.collective.updated", actor=organizer, target=detroit)
    ids = [los_angeles.pk, detroit.pk]

    def labels(**asked):
        page = filter_entries(AuditFilter(collective_ids=ids, **asked), limit=100)
        return sorted(
            (entry.actor.username if entry.actor else "", entry.action, entry.object_label)
            for entry in page.entries
        )

    reads = labels(actor="bob", action="people.contact.read")
    assert reads == [("bob", "people.contact.read", "C0"), ("bob", "people.contact.read", "C1")]
    since = timezone.now() - timedelta(days=1)
    assert labels(actor="bob", action="people.contact.read", since=since) == reads[1:]
    assert labels(
        object_type="people.contact", object_id=str(contacts[1].pk), action="people.contact.read"
    ) == [
        ("alice", "people.contact.read", "C1"),
        ("bob", "people.contact.read", "C1"),
    ]
    detroit_only = filter_entries(AuditFilter(collective_ids=[detroit.pk]), limit=100).entries
    assert {entry.collective_id for entry in detroit_only} == {detroit.pk}
    assert "network.collective.updated" in {entry.action for entry in detroit_only}
    assert labels(actor="nobody-by-that-name") == []
    assert filter_entries(AuditFilter(collective_ids=[])).entries == []


def test_keyset_paging_walks_every_entry_once(organizer, contacts, los_angeles, strategy):
    people.contacts_read(actor=organizer, contacts=contacts * 40, purpose="export")
    total = LogEntry.objects.filter(collective=los_angeles).count()
    seen, cursor, pages = [], None, 0
    while True:
        page = filter_entries(AuditFilter(collective_ids=[los_angeles.pk]), before=cursor, limit=50)
        seen += [entry.pk for entry in page.entries]
        pages += 1
        cursor = page.next_cursor
        if cursor is None:
            break
    assert len(seen) == len(set(seen)) == total > 120
    assert seen == sorted(seen, reverse=True)
    assert pages == -(-total // 50)


def test_the_history_page_filters_and_shows_labels_not_codes(
    organizer, member, contacts, los_angeles
):
    people.contacts_read(actor=member, contacts=contacts, purpose="export")
    url = reverse("network:collective_history", args=[los_angeles.slug])
    response = client_for(organizer).get(url, {"actor": "bob", "action": "people.contact.read"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Read a contact&#x27;s protected details" in body and "(export)" in body
    assert "people.contact.read ·" not in body
    assert [entry.object_label for entry in response.context["entries"]] == ["C2", "C1", "C0"]
    organizer.language = "es"
    organizer.save(update_fields=["language"])
    spanish = client_for(organizer).get(url, {"actor": "bob"}).content.decode()
    with override("es"):
        label = action_label("people.contact.read")
    assert label != "Read a contact's protected details"
    assert escape(label) in spanish


def test_the_history_page_pages_with_a_cursor(organizer, contacts, los_angeles):
    people.contacts_read(actor=organizer, contacts=contacts * 30, purpose="export")
    url = reverse("network:collective_history", args=[los_angeles.slug])
    first = client_for(organizer).get(url)
    assert len(first.context["entries"]) == 50
    assert "before=" in first.context["next_query"]
    second = client_for(organizer).get(url + "?" + first.context["next_query"])
    assert not {e.pk for e in first.context["entries"]} & {e.pk for e in second.context["entries"]}


def test_bad_filter_input_is_a_form_error_not_a_500(organizer, los_angeles):
    url = reverse("network:collective_history", args=[los_angeles.slug])
    response = client_for(organizer).get(
        url, {"since": "last tuesday", "before": "x", "collective": "99999"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    assert response.context["entries"] == []


def test_members_and_other_collectives_cannot_read_the_history(member, detroit_member, los_angeles):
    url = reverse("network:collective_history", args=[los_angeles.slug])
    assert client_for(member).get(url).status_code == 404
    assert client_for(detroit_member).get(url).status_code == 404


def test_a_members_history_shows_what_they_read(organizer, member, contacts, los_angeles):
    people.contacts_read(actor=member, contacts=contacts[:2], purpose="export")
    membership = Membership.objects.get(user=member)
    url = reverse("network:membership_history", args=[los_angeles.slug, membership.pk])
    entries = client_for(organizer).get(url).context["entries"]
    assert {entry.object_label for entry in entries if entry.action == "people.contact.read"} == {
        "C0",
        "C1",
    }


def test_every_action_logged_by_the_code_has_a_label():
    for code in ACTION_LABELS:
        with override("es"):
            assert action_label(code) != code
    with override("en"):
        assert action_label("people.stage.created") == "Stage · created"
