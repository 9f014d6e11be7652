from datetime import date

from allauth.mfa.totp.internal.auth import TOTP
from django.urls import reverse

from conftest import TOTP_SECRET, client_for
from iskra.audit.models import LogEntry
from iskra.people import services
from iskra.people.models import Contact, FollowUp


def test_the_contact_page_shows_protected_fields_and_logs_the_read(m_contact, member):
    TOTP.activate(member, TOTP_SECRET)  # protected fields need a two-factor login
    response = client_for(member).get(reverse("people:contact", args=[m_contact.pk]))
    assert response.status_code == 200
    assert b"m.green@example.org" in response.content
    assert b"Talked about the electoral college" in response.content
    entry = LogEntry.objects.get(action="people.contact.read")
    assert (entry.actor, entry.object_id) == (member, str(m_contact.pk))
    assert "m.green" not in str(entry.details)


def test_detroit_gets_404_on_los_angeles_contacts_exports_and_follow_ups(
    m_contact, detroit_member, organizer, los_angeles
):
    services.followup_create(
        actor=organizer,
        contact=m_contact,
        action="Call",
        due_on=date(2026, 11, 6),
        assignee=organizer,
    )
    followup = FollowUp.objects.get()
    client = client_for(detroit_member)
    for url in [
        reverse("people:contact", args=[m_contact.pk]),
        reverse("people:contact_edit", args=[m_contact.pk]),
        reverse("people:followup_done", args=[followup.pk]),
        reverse("people:contacts", args=["los-angeles"]),
        reverse("people:export", args=["los-angeles"]),
        reverse("people:workplace_map", args=["los-angeles"]),
    ]:
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("people:followup_snooze", args=[followup.pk])).status_code == 404
    assert not LogEntry.objects.filter(action="people.contact.read").exists()
    # A bulk action naming a Los Angeles contact from Detroit's list changes nothing.
    client.post(
        reverse("people:bulk", args=["detroit"]),
        {"action": "tag", "tag": "stolen", "contacts": [m_contact.pk]},
    )
    assert not m_contact.tags.filter(name="stolen").exists()


def test_the_list_filters_searches_and_never_leaks(los_angeles, detroit, member, stages):
    services.contact_create(
        actor=member, collective=los_angeles, display_name="Ángel", stage=stages["reader"]
    )
    services.contact_create(
        actor=member, collective=los_angeles, display_name="Angela", stage=stages["friend"]
    )
    services.contact_create(
        actor=None, collective=detroit, display_name="Angus", stage=stages["reader"]
    )
    client = client_for(member)
    url = reverse("people:contacts", args=["los-angeles"])
    names = lambda response: [c["display_name"] for c in response.context["page"]]  # noqa: E731
    assert names(client.get(url, {"q": "angel"})) == ["Ángel", "Angela"]
    assert names(client.get(url, {"q": "ANGEL", "stage": "reader"})) == ["Ángel"]
    assert names(client.get(url, {"never": "1", "sort": "-name"})) == ["Angela", "Ángel"]
    assert names(client.get(url, {"below": "1"})) == ["Ángel", "Angela"]
    assert names(client.get(url, {"sort": "bogus", "stale": "x", "page": "99"})) == [
        "Ángel",
        "Angela",
    ]


def test_organizers_see_the_groups_below(usa, los_angeles, detroit, stages):
    from conftest import make_user
    from iskra.network.models import Role
    from iskra.network.services import membership_create

    national = make_user("nat", two_factor=True)
    membership_create(actor=None, user=national, collective=usa, role=Role.ORGANIZER)
    services.contact_create(actor=None, collective=los_angeles, display_name="LA one")
    services.contact_create(actor=None, collective=detroit, display_name="Detroit one")
    response = client_for(national).get(reverse("people:contacts", args=["usa"]), {"below": "1"})
    assert [c["display_name"] for c in response.context["page"]] == ["Detroit one", "LA one"]


def test_centre_users_see_counts_by_stage_never_names(m_contact, centre):
    response = client_for(centre).get(reverse("people:contacts", args=["international"]))
    assert response.status_code == 200
    assert b"M (Green Party sign)" not in response.content
    assert [(stage.key, count) for stage, count in response.context["rows"]] == [("reader", 1)]
    assert client_for(centre).get(reverse("people:contact", args=[m_contact.pk])).status_code == 404


def test_a_form_error_keeps_what_was_typed(los_angeles, member):
    response = client_for(member).post(
        reverse("people:contact_add", args=["los-angeles"]),
        {
            "display_name": "R",
            "stage": Contact._meta.get_field("stage").related_model.objects.get(key="met").pk,
            "email": "not-an-email",
            "note": "Campaigning for a council candidate",
            "next_action": "Ask about the paper",
            "kind": "street",
        },
    )
    assert response.status_code == 200 and not Contact.objects.exists()
    content = response.content.decode()
    assert "Campaigning for a council candidate" in content and 'value="not-an-email"' in content
    assert "A next step needs a due date." in content


def test_add_with_a_next_step_creates_the_follow_up_and_warns_of_duplicates(
    m_contact, member, stages
):
    client = client_for(member)
    data = {
        "display_name": "Emm",
        "stage": stages["met"].pk,
        "phone": "+12135550147",
        "kind": "street",
        "note": "Wants to help",
        "next_action": "Call back",
        "due_on": "2026-11-06",
    }
    url = reverse("people:contact_add", args=["los-angeles"])
    response = client.post(url, data)
    assert response.status_code == 200 and "Already here?" in response.content.decode()
    assert response.context["matches"] == [m_contact]
    response = client.post(url, {**data, "add_anyway": "1"})
    contact = Contact.objects.get(display_name="Emm")
    assert response.url == reverse("people:contact", args=[contact.pk])
    followup = FollowUp.objects.get(contact=contact)
    assert followup.due_on == date(2026, 11, 6) and followup.assignee == member


def test_done_from_the_follow_up_list_records_the_outcome(m_contact, member):
    followup = services.followup_create(
        actor=member,
        contact=m_contact,
        action="Bring the paper",
        due_on=date(2026, 11, 6),
        assignee=member,
    )
    client = client_for(member)
    response = client.post(
        reverse("people:followup_done", args=[followup.pk]),
        {"outcome": "Took two copies", "record_conversation": "on"},
    )
    assert response.status_code == 302
    followup.refresh_from_db()
    assert followup.done_at and followup.outcome == "Took two copies"
    assert m_contact.conversations.filter(happened_on__isnull=False).count() == 2


def test_web_export_is_a_csv_of_the_collective_and_audited(m_contact, organizer, detroit_contact):
    response = client_for(organizer).get(reverse("people:export", args=["los-angeles"]))
    body = b"".join(response.streaming_content).decode()
    assert "m.green@example.org" in body and "J (gate 4)" not in body
    assert response["Content-Disposition"].startswith("attachment;")
    assert LogEntry.objects.filter(action="people.contact.read", actor=organizer).count() == 1


def test_workplace_map_places_people_by_department_and_shift(detroit_plant, stages):
    from conftest import make_user
    from iskra.network.models import Role
    from iskra.network.services import membership_create

    earl = make_user("earl")
    membership_create(actor=None, user=earl, collective=detroit_plant, role=Role.MEMBER)
    for name, department, shift, assessment in [
        ("T", "Paint", "1st", 5),
        ("V", "Paint", "2nd", 2),
        ("W", "Body", "1st", 4),
        ("X", "", "", 3),
    ]:
        services.contact_create(
            actor=earl,
            collective=detroit_plant,
            display_name=name,
            department=department,
            shift=shift,
            assessment=assessment,
        )
    response = client_for(earl).get(reverse("people:workplace_map", args=["detroit-plant"]))
    workplace = response.context["map"]
    assert workplace.departments == ["Body", "Paint"] and workplace.shifts == ["1st", "2nd"]
    assert [
        [[c.display_name for c in cell] for cell in cells] for _d, cells in workplace.rows()
    ] == [
        [["W"], []],
        [["T"], ["V"]],
    ]
    assert [c.display_name for c in workplace.unplaced] == ["X"]
    assert "nobody yet" in response.content.decode()


def test_someone_brought_in_by_a_contact_and_a_member(
    m_contact, member, organizer, stages, detroit_contact
):
    client = client_for(member)
    url = reverse("people:contact_add", args=["los-angeles"])
    page = client.get(url, {"introduced_by": m_contact.pk})
    assert "Brought in by M (Green Party sign)" in page.content.decode()
    data = {
        "display_name": "M's coworker",
        "stage": stages["met"].pk,
        "kind": "street",
        "introduced_by_contact": m_contact.pk,
        "introduced_by_user": organizer.pk,
    }
    response = client.post(url, data)
    assert response.status_code == 302
    coworker = Contact.objects.get(display_name="M's coworker")
    assert coworker.introduced_by_contact == m_contact
    assert coworker.introduced_by_user == organizer
    detail = client.get(reverse("people:contact", args=[m_contact.pk])).content.decode()
    assert "M&#x27;s coworker" in detail
    # A contact of another collective cannot be named as the one who brought someone in.
    response = client.post(url, {**data, "introduced_by_contact": detroit_contact.pk})
    assert response.status_code == 200
    assert Contact.objects.filter(display_name="M's coworker").count() == 1


def test_a_conversation_names_who_took_part_and_who_follows_up(m_contact, member, organizer):
    response = client_for(member).post(
        reverse("people:conversation_add", args=[m_contact.pk]),
        {
            "happened_on": "2026-09-12",
            "kind": "street",
            "members": [member.pk, organizer.pk],
            "note": "Came back with a friend",
            "next_action": "Invite both to the study circle",
            "due_on": "2026-09-19",
            "assignee": organizer.pk,
        },
    )
    assert response.status_code == 302
    conversation = m_contact.conversations.get(happened_on=date(2026, 9, 12))
    assert set(conversation.members.all()) == {member, organizer}
    assert FollowUp.objects.get(contact=m_contact).assignee == organizer
