"""Finding 4 of issue 9: the same phone number written two ways, and the same nickname
three times, are caught; lists tell same-named people apart by where and when they were met."""

import importlib
from datetime import date

from django.apps import apps
from django.db import connection
from django.urls import reverse

from conftest import client_for
from iskra.people import crypto, csvimport, queries, services
from iskra.people.models import Contact

migration = importlib.import_module("iskra.people.migrations.0006_phone_e164")


def test_a_phone_written_two_ways_is_one_number_in_the_collectives_country(los_angeles, member):
    a = services.contact_create(
        actor=member, collective=los_angeles, display_name="Ann", phone="2135550147"
    )
    b = services.contact_create(
        actor=member, collective=los_angeles, display_name="Annie", phone="+1 (213) 555-0147"
    )
    assert a.phone == b.phone == "+12135550147" and a.phone_index == b.phone_index
    assert a.phone_display == "+1 213-555-0147"
    assert queries.duplicate_keys([los_angeles.pk]) == {(a.pk, b.pk): {"phone"}}
    assert queries.already_here([los_angeles.pk], phone="213.555.0147", region="US") == [a, b]


def test_an_import_flags_the_same_number_written_two_ways(los_angeles, member):
    existing = services.contact_create(
        actor=member, collective=los_angeles, display_name="Lupe L.", phone="(213) 555-0150"
    )
    data = "display_name,phone\nR,2135550147\nR again,+1 (213) 555-0147\nLupe,213 555 0150\n"
    report = csvimport.import_contacts(data.encode(), collective=los_angeles, actor=member)
    assert [(d.line, d.reason, d.existing_id) for d in report.duplicates] == [
        (3, "phone", None),
        (4, "phone", existing.pk),
    ]
    assert Contact.objects.get(display_name="R").phone == "+12135550147"


def test_a_number_that_does_not_parse_is_kept_as_typed(los_angeles, member):
    contact = services.contact_create(
        actor=member, collective=los_angeles, display_name="Kim", phone="0101 22 33 ext 4"
    )
    assert contact.phone == "0101 22 33 ext 4" and contact.phone_index


def test_the_migration_re_indexes_numbers_stored_before(los_angeles, member):
    contact = services.contact_create(
        actor=member, collective=los_angeles, display_name="Old", phone="+12135550147"
    )
    # How the number was stored before: as typed, indexed by its digits only.
    Contact.objects.filter(pk=contact.pk).update(
        phone="213 555 0147", phone_index=crypto.blind_index("phone", "2135550147")
    )
    other = services.contact_create(
        actor=member, collective=los_angeles, display_name="New", phone="+1 213 555 0147"
    )
    assert queries.duplicate_keys([los_angeles.pk]) == {}
    migration.reindex_phones(apps, connection.schema_editor())
    contact.refresh_from_db()
    assert contact.phone == "+12135550147" and contact.phone_index == other.phone_index
    assert queries.duplicate_keys([los_angeles.pk]) == {(contact.pk, other.pk): {"phone"}}


def _r(collective, member, place, day):
    return services.contact_create(
        actor=member,
        collective=collective,
        display_name="R",
        first_met_place=place,
        first_met_on=day,
    )


def test_near_identical_names_are_candidates_on_the_duplicates_page(
    los_angeles, detroit, member, detroit_member, organizer
):
    first = _r(los_angeles, member, "Palestine march", date(2026, 9, 3))
    second = _r(los_angeles, member, "Labor Day parade", date(2026, 9, 7))
    lupe = services.contact_create(actor=member, collective=los_angeles, display_name="Lupe L.")
    lupe2 = services.contact_create(actor=member, collective=los_angeles, display_name="lupe  l")
    _r(detroit, detroit_member, "Gate 4", date(2026, 9, 1))  # another collective: not a pair
    assert queries.name_pairs([los_angeles.pk, detroit.pk]) == {
        (first.pk, second.pk): {"name"},
        (lupe.pk, lupe2.pk): {"name"},
    }
    response = client_for(organizer).get(reverse("people:duplicates", args=["los-angeles"]))
    content = response.content.decode()
    assert "No duplicates found" not in content and "same name" in content
    assert "met 3 Sep at Palestine march" in content and "met 7 Sep at Labor Day parade" in content


def test_adding_a_second_r_warns_with_a_link_and_saves_all_the_same(los_angeles, member):
    first = _r(los_angeles, member, "Palestine march", date(2026, 9, 3))
    response = client_for(member).post(
        reverse("people:contact_add", args=["los-angeles"]),
        {"display_name": "R", "stage": first.stage_id, "kind": "street"},
        follow=True,
    )
    assert Contact.objects.filter(display_name="R").count() == 2
    content = response.content.decode()
    link = reverse("people:contact", args=[first.pk])
    assert (
        f'There is already <a href="{link}">R (met 3 Sep at Palestine march)</a>'
        " — the same person?" in content
    )


def test_the_list_tells_same_named_people_apart(los_angeles, member):
    _r(los_angeles, member, "Palestine march", date(2026, 9, 3))
    _r(los_angeles, member, "Labor Day parade", date(2026, 9, 7))
    content = client_for(member).get(reverse("people:contacts", args=["los-angeles"])).content
    assert b"met 3 Sep at Palestine march" in content
    assert b"met 7 Sep at Labor Day parade" in content


def test_the_migration_renormalizes_names_stored_before(los_angeles, member):
    a = services.contact_create(actor=member, collective=los_angeles, display_name="Lupe L.")
    b = services.contact_create(actor=member, collective=los_angeles, display_name="Lupe L")
    Contact.objects.filter(pk=a.pk).update(search_name="lupe l.")  # as it was stored before
    assert queries.name_pairs([los_angeles.pk]) == {}
    migration.renormalize_names(apps, connection.schema_editor())
    assert queries.name_pairs([los_angeles.pk]) == {(a.pk, b.pk): {"name"}}


def test_the_add_form_warns_while_the_name_is_typed(los_angeles, member, detroit_member):
    first = _r(los_angeles, member, "Palestine march", date(2026, 9, 3))
    url = reverse("people:same_name", args=["los-angeles"])
    form = client_for(member).get(reverse("people:contact_add", args=["los-angeles"]))
    assert f'hx-post="{url}"'.encode() in form.content
    content = client_for(member).post(url, {"display_name": " r "}).content.decode()
    link = reverse("people:contact", args=[first.pk])
    assert f'There is already <a href="{link}">R (met 3 Sep at Palestine march)</a>' in content
    assert client_for(member).post(url, {"display_name": "Lupe"}).content.strip() == b""
    assert client_for(detroit_member).post(url, {"display_name": "R"}).status_code == 404
    assert client_for(member).get(url, {"display_name": "R"}).status_code == 405
