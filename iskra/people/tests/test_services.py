from datetime import UTC, date, datetime, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from iskra.audit.models import LogEntry
from iskra.core.errors import DomainError
from iskra.people import queries, services
from iskra.people.models import Contact, Conversation, FollowUp, Stage, StageChange


def test_stages_are_ordered_data_and_can_be_renamed(stages):
    keys = list(Stage.objects.values_list("key", flat=True))
    assert keys == ["met", "reader", "friend", "supporter", "candidate", "member"]
    reader = stages["reader"]
    assert reader.label == "Reader"
    reader.name = "Subscriber"
    reader.save()
    assert reader.label == "Subscriber"
    # A new stage slots in by position, without code changes.
    Stage.objects.create(key="sympathizer", name="Sympathizer", position=25)
    assert list(Stage.objects.values_list("key", flat=True))[2] == "sympathizer"


def test_a_new_contact_starts_at_the_first_stage_and_its_creation_is_logged(los_angeles, member):
    contact = services.contact_create(actor=member, collective=los_angeles, display_name="K")
    assert contact.stage.key == "met"
    change = StageChange.objects.get(contact=contact)
    assert change.from_stage is None and change.to_stage.key == "met"
    entry = LogEntry.objects.get(action="people.contact.created")
    assert entry.actor == member and entry.object_id == str(contact.pk)


def test_bad_values_are_refused_with_clear_messages(los_angeles, member):
    with pytest.raises(DomainError, match="display name"):
        services.contact_create(actor=member, collective=los_angeles, display_name="  ")
    with pytest.raises(DomainError, match="email"):
        services.contact_create(
            actor=member, collective=los_angeles, display_name="X", email="not-an-email"
        )
    with pytest.raises(DomainError, match="1 to 5"):
        services.contact_create(
            actor=member, collective=los_angeles, display_name="X", assessment=7
        )
    assert not Contact.objects.exists()


def test_stage_changes_record_who_when_and_why(m_contact, organizer, stages):
    services.stage_change(
        actor=organizer, contact=m_contact, stage=stages["friend"], reason="Carried a sign"
    )
    change = StageChange.objects.filter(contact=m_contact).first()
    assert (change.from_stage.key, change.to_stage.key) == ("reader", "friend")
    assert change.changed_by == organizer and change.reason == "Carried a sign"
    kinds = [item.kind for item in queries.timeline(m_contact)]
    assert "stage" in kinds and "conversation" in kinds


def test_a_conversation_updates_the_last_contact_date_and_can_set_a_follow_up(m_contact, member):
    services.conversation_add(
        actor=member,
        contact=m_contact,
        happened_on=date(2026, 9, 12),
        kind="street",
        note="Wants the Spanish edition",
        next_action="Bring the Spanish edition",
        due_on=date(2026, 9, 19),
    )
    m_contact.refresh_from_db()
    assert m_contact.last_contact_on == date(2026, 9, 12)
    followup = FollowUp.objects.get(contact=m_contact)
    assert followup.assignee == member and followup.conversation is not None
    # An older conversation recorded later does not move the date back.
    services.conversation_add(
        actor=member, contact=m_contact, happened_on=date(2026, 8, 1), kind="phone"
    )
    m_contact.refresh_from_db()
    assert m_contact.last_contact_on == date(2026, 9, 12)
    with pytest.raises(DomainError, match="due date"):
        services.conversation_add(
            actor=member,
            contact=m_contact,
            happened_on=date(2026, 9, 12),
            kind="street",
            next_action="Call",
        )


def _r_with_follow_up(los_angeles, member, stages):
    r = services.contact_create(
        actor=member,
        collective=los_angeles,
        display_name="R",
        stage=stages["met"],
        first_met_place="Palestine march",
    )
    services.conversation_add(
        actor=member,
        contact=r,
        happened_on=date(2026, 9, 5),
        kind="street",
        note="Campaigning for a council candidate; will help produce the paper after the election.",
        next_action="Ask R to help with the paper",
        due_on=date(2026, 11, 6),
    )
    return r


def test_the_november_follow_up_shows_on_6_november_in_los_angeles(los_angeles, member, stages):
    _r_with_follow_up(los_angeles, member, stages)
    # 6 November 07:30 UTC is still 5 November, 23:30 in Los Angeles: due tomorrow there.
    board = queries.my_followups(member, now=datetime(2026, 11, 6, 7, 30, tzinfo=UTC))
    assert [f.contact.display_name for f in board.week] == ["R"] and not board.today
    # 08:30 UTC is 00:30 on 6 November in Los Angeles: due today.
    board = queries.my_followups(member, now=datetime(2026, 11, 6, 8, 30, tzinfo=UTC))
    assert [f.contact.display_name for f in board.today] == ["R"]
    # On the 7th in Los Angeles it is overdue; a month earlier it is not shown at all.
    board = queries.my_followups(member, now=datetime(2026, 11, 7, 20, 0, tzinfo=UTC))
    assert [f.contact.display_name for f in board.overdue] == ["R"]
    board = queries.my_followups(member, now=datetime(2026, 10, 6, 20, 0, tzinfo=UTC))
    assert not (board.overdue or board.today or board.week)


def test_follow_ups_of_a_collective_you_left_are_hidden(los_angeles, member, stages):
    from iskra.network.models import Membership
    from iskra.network.scope import forget_scope
    from iskra.network.services import membership_end

    _r_with_follow_up(los_angeles, member, stages)
    membership_end(actor=None, membership=Membership.objects.get(user=member))
    forget_scope(member)
    board = queries.my_followups(member, now=datetime(2026, 11, 6, 20, 0, tzinfo=UTC))
    assert not board.today


def test_done_asks_for_the_outcome_and_snooze_moves_the_date(los_angeles, member, stages):
    r = _r_with_follow_up(los_angeles, member, stages)
    followup = FollowUp.objects.get(contact=r)
    services.followup_snooze(
        actor=member, followup=followup, until=date.today() + timedelta(days=300)
    )
    assert followup.due_on == date.today() + timedelta(days=300) and followup.snoozed == 1
    with pytest.raises(DomainError):
        services.followup_snooze(actor=member, followup=followup, until=date(2000, 1, 1))
    services.followup_done(actor=member, followup=followup, outcome="He will come on Saturday")
    followup.refresh_from_db()
    assert followup.done_at is not None and followup.outcome == "He will come on Saturday"
    with pytest.raises(DomainError, match="done already"):
        services.followup_done(actor=member, followup=followup)
    assert not FollowUp.objects.open().exists()


def test_merge_keeps_every_conversation_follow_up_and_the_audit_trail(
    los_angeles, member, organizer, stages
):
    first = services.contact_create(
        actor=member, collective=los_angeles, display_name="R", email="r@example.org"
    )
    second = services.contact_create(
        actor=member,
        collective=los_angeles,
        display_name="R.",
        email="R@example.org",
        phone="213 555 0100",
        stage=stages["friend"],
        topics=["rent"],
    )
    services.conversation_add(
        actor=member, contact=first, happened_on=date(2026, 9, 1), kind="street"
    )
    services.conversation_add(
        actor=member,
        contact=second,
        happened_on=date(2026, 9, 8),
        kind="phone",
        next_action="Call",
        due_on=date(2026, 9, 15),
    )
    pairs = queries.duplicate_keys([los_angeles.pk])
    assert pairs == {(first.pk, second.pk): {"email"}}
    second_id = second.pk
    services.contacts_merge(actor=organizer, keep=first, drop=second)
    first.refresh_from_db()
    assert not Contact.objects.filter(pk=second_id).exists()
    assert Conversation.objects.filter(contact=first).count() == 2
    assert FollowUp.objects.filter(contact=first).count() == 1
    assert first.phone == "+12135550100" and first.stage.key == "friend"
    assert first.last_contact_on == date(2026, 9, 8)
    assert [topic.name for topic in first.topics.all()] == ["rent"]
    assert LogEntry.objects.filter(
        object_id=str(second_id), action="people.contact.created"
    ).exists()
    merged = LogEntry.objects.get(action="people.contact.merged")
    assert merged.details["merged_id"] == second_id
    with pytest.raises(DomainError):
        services.contacts_merge(actor=organizer, keep=first, drop=first)


def test_duplicates_by_name_and_workplace_and_by_phone(los_angeles, member):
    a = services.contact_create(
        actor=member, collective=los_angeles, display_name="José M.", workplace="Plant 4"
    )
    b = services.contact_create(
        actor=member, collective=los_angeles, display_name="jose m.", workplace="Plant 4"
    )
    c = services.contact_create(
        actor=member, collective=los_angeles, display_name="Ann", phone="+1 213 555 0101"
    )
    d = services.contact_create(
        actor=member, collective=los_angeles, display_name="Annie", phone="+12135550101"
    )
    services.contact_create(actor=member, collective=los_angeles, display_name="José M.")
    pairs = queries.duplicate_keys([los_angeles.pk])
    assert pairs == {(a.pk, b.pk): {"name and workplace"}, (c.pk, d.pk): {"phone"}}


def test_retention_lists_then_really_deletes_stale_non_members(los_angeles, member, stages, capsys):
    old = services.contact_create(actor=member, collective=los_angeles, display_name="Old")
    services.conversation_add(
        actor=member, contact=old, happened_on=date(2023, 1, 10), kind="street", note="secret"
    )
    never = services.contact_create(actor=member, collective=los_angeles, display_name="Never")
    Contact.objects.filter(pk=never.pk).update(created_at=timezone.now() - timedelta(days=800))
    comrade = services.contact_create(
        actor=member, collective=los_angeles, display_name="Comrade", stage=stages["member"]
    )
    Contact.objects.filter(pk=comrade.pk).update(created_at=timezone.now() - timedelta(days=800))
    recent = services.contact_create(actor=member, collective=los_angeles, display_name="Recent")
    services.conversation_add(
        actor=member, contact=recent, happened_on=timezone.localdate(), kind="street"
    )
    call_command("purge_stale", "--dry-run")
    out = capsys.readouterr().out
    assert f"#{old.pk}\t" in out and f"#{never.pk}\t" in out
    assert f"#{comrade.pk}\t" not in out and f"#{recent.pk}\t" not in out
    assert "dry run" in out and Contact.objects.count() == 4
    call_command("purge_stale")
    assert set(Contact.objects.values_list("display_name", flat=True)) == {"Comrade", "Recent"}
    assert not Conversation.objects.filter(contact_id=old.pk).exists()
    assert LogEntry.objects.filter(action="people.contact.deleted").count() == 2


def test_bulk_tag_and_stage(los_angeles, member, stages):
    contacts = [
        services.contact_create(actor=member, collective=los_angeles, display_name=name)
        for name in ("A", "B", "C")
    ]
    services.bulk_tag(actor=member, contacts=contacts[:2], tag_names=["Labor Day"])
    services.bulk_tag(actor=member, contacts=contacts[:2], tag_names=["Labor Day"])
    assert Contact.objects.filter(tags__name="Labor Day").count() == 2
    assert services.bulk_stage(actor=member, contacts=contacts, stage=stages["reader"]) == 3
    assert Contact.objects.filter(stage__key="reader").count() == 3


def test_stage_counts_follow_every_change(los_angeles, detroit, member, organizer, stages):
    from django.db.models import Count

    from iskra.people import counts, csvimport

    def truth():
        rows = Contact.objects.values("stage_id").annotate(n=Count("id"))
        return {row["stage_id"]: row["n"] for row in rows}

    a = services.contact_create(actor=member, collective=los_angeles, display_name="A")
    b = services.contact_create(
        actor=member, collective=los_angeles, display_name="B", email="b@example.org"
    )
    services.contact_create(
        actor=None, collective=detroit, display_name="C", stage=stages["friend"]
    )
    services.stage_change(actor=member, contact=a, stage=stages["reader"])
    csvimport.import_contacts(
        b"display_name,stage,email\nD,friend,\nE,member,\nB again,met,B@example.org\n",
        collective=los_angeles,
        actor=None,
    )
    c2 = services.contact_create(
        actor=member, collective=los_angeles, display_name="B2", stage=stages["candidate"]
    )
    services.contacts_merge(actor=organizer, keep=b, drop=c2)
    services.contacts_purge(actor=None, contacts=[a])
    ids = [los_angeles.pk, detroit.pk]
    assert counts.by_stage(ids) == truth()
    assert counts.by_stage([detroit.pk]) == {stages["friend"].pk: 1}
    counts.recount()
    assert counts.by_stage(ids) == truth()
