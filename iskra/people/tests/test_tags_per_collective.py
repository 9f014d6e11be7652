"""Finding 6: tags belong to a collective; a Los Angeles tag never shows in Detroit."""

from django.urls import reverse

from conftest import client_for, make_user
from iskra.network.models import Role
from iskra.network.services import membership_create
from iskra.people import csvimport, services
from iskra.people.models import Tag


def test_another_collective_never_sees_a_tag_name(los_angeles, detroit, organizer, stages):
    services.contact_create(
        actor=organizer, collective=los_angeles, display_name="A", tags=["rank-and-file-caucus"]
    )
    keisha = make_user("keisha", two_factor=True)
    membership_create(actor=None, user=keisha, collective=detroit, role=Role.ORGANIZER)
    page = client_for(keisha).get(reverse("people:contacts", args=[detroit.slug]))
    assert page.status_code == 200
    assert b"rank-and-file-caucus" not in page.content
    own = client_for(organizer).get(reverse("people:contacts", args=[los_angeles.slug]))
    assert b"rank-and-file-caucus" in own.content


def test_the_same_name_is_a_different_tag_in_each_collective(
    los_angeles, detroit, organizer, stages
):
    la = services.contact_create(actor=organizer, collective=los_angeles, display_name="A")
    det = services.contact_create(actor=None, collective=detroit, display_name="B")
    services.bulk_tag(actor=organizer, contacts=[la, det], tag_names=["march"])
    services.contact_update(actor=organizer, contact=la, tags=["march", "gate"])
    tags = Tag.objects.filter(name="march")
    assert sorted(tags.values_list("collective__slug", flat=True)) == ["detroit", "los-angeles"]
    assert set(la.tags.values_list("collective_id", flat=True)) == {los_angeles.pk}
    assert set(det.tags.values_list("collective_id", flat=True)) == {detroit.pk}


def test_imported_tags_are_the_collectives(los_angeles, detroit, stages):
    services.contact_create(actor=None, collective=detroit, display_name="B", tags=["import"])
    data = b"display_name,tags\nImported One,import;newcomer\n"
    csvimport.import_contacts(data, collective=los_angeles, actor=None, preset="iskra")
    la_tags = Tag.objects.filter(collective=los_angeles)
    assert sorted(la_tags.values_list("name", flat=True)) == ["import", "newcomer"]
    assert Tag.objects.filter(name="import").count() == 2
