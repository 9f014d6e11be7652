from datetime import date
from io import StringIO

from django.core.management import call_command

from iskra.people.models import Contact, FollowUp
from iskra.people.queries import workplace_map


def test_the_demo_has_m_and_r_and_a_plant_map_and_loads_only_once(db):
    out = StringIO()
    call_command("demo", stdout=out)
    assert "people: " in out.getvalue()
    m = Contact.objects.get(display_name="M (Green Party sign)")
    assert m.collective.slug == "los-angeles" and m.stage.key == "reader"
    assert "electoral college" in m.conversations.get().note
    r_followup = FollowUp.objects.get(contact__display_name="R")
    assert (r_followup.due_on.month, r_followup.due_on.day) == (11, 6)
    assert r_followup.assignee.username == "marisol"
    assert Contact.objects.count() > 250
    plant = workplace_map(Contact.objects.filter(collective__slug="detroit-plant")[0].collective)
    assert len(plant.departments) == 4 and len(plant.shifts) == 3
    empty = [
        (department, shift)
        for department, cells in plant.rows()
        for shift, cell in zip(plant.shifts, cells, strict=True)
        if not cell
    ]
    assert empty == [("Stamping", "3rd shift")]
    count = Contact.objects.count()
    call_command("demo", stdout=StringIO())
    assert Contact.objects.count() == count
    assert date.today().year >= r_followup.due_on.year
