from datetime import date

from iskra.core.testing import Case
from iskra.people import services
from iskra.people.models import FollowUp, Stage


def _la(world):
    return {"slug": world.los_angeles.slug}


def _contact(world):
    if "contact" not in world.extra:
        contact = services.contact_create(
            actor=world.member, collective=world.los_angeles, display_name="R"
        )
        services.conversation_add(
            actor=world.member,
            contact=contact,
            happened_on=date(2026, 9, 5),
            kind="street",
            next_action="Ask R to help with the paper",
            due_on=date(2026, 11, 6),
            assignee=world.member,
        )
        world.extra["contact"] = contact
    return world.extra["contact"]


def _contact_pk(world):
    return {"pk": _contact(world).pk}


def _followup_pk(world):
    return {"pk": FollowUp.objects.get(contact=_contact(world)).pk}


def _display_name(world):
    return {"display_name": "R"}


def _import_draft(world):
    from iskra.people import importing

    if "import_draft" not in world.extra:
        world.extra["import_draft"] = importing.draft_create(
            actor=world.organizer,
            collective=world.los_angeles,
            data=b"display_name\nAnn\n",
            file_name="a.csv",
            encoding="auto",
        )
    return {"slug": world.los_angeles.slug, "pk": world.extra["import_draft"].pk}


def _stage(world):
    return {"stage": Stage.objects.get(key="friend").pk}


def _snooze(world):
    return {"days": "7"}


def _merge(world):
    first = _contact(world)
    second = services.contact_create(
        actor=world.member, collective=world.los_angeles, display_name="R."
    )
    return {"keep": first.pk, "drop": second.pk}


def _publication(world):
    from iskra.press.models import Publication

    publication, _created = Publication.objects.get_or_create(
        slug="red-banner",
        defaults={
            "collective": world.usa,
            "kind": "paper",
            "names": {"en": "Red Banner"},
            "languages": ["en"],
        },
    )
    return {"publication": publication.pk}


MATRIX = [
    Case("people:followups", outsider=200, other=200),
    Case("people:followup_done", _followup_pk),
    Case(
        "people:followup_snooze",
        _followup_pk,
        method="post",
        data=_snooze,
        member=302,
        organizer=302,
    ),
    Case("people:contact", _contact_pk, centre=404),
    Case(
        "people:contact_edit",
        _contact_pk,
        member=404,
        centre=404,
        note="member: protected fields need a two-factor login (least privilege)",
    ),
    Case("people:conversation_add", _contact_pk, centre=404),
    Case("people:stage_change", _contact_pk, method="post", data=_stage, member=302, organizer=302),
    Case("people:contacts", _la, centre=200, note="centre: counts by stage only"),
    Case("people:contact_add", _la, centre=404),
    Case("people:same_name", _la, method="post", data=_display_name, centre=404),
    Case("people:bulk", _la, method="post", member=302, organizer=302, centre=404),
    Case("people:workplace_map", _la, centre=404),
    Case("people:import", _la, member=404, centre=404),
    Case("people:import_columns", _import_draft, member=404, centre=404),
    Case("people:export", _la, member=404, centre=404),
    Case("people:duplicates", _la, member=404, centre=404),
    Case("people:merge", _la, method="post", data=_merge, member=404, organizer=302, centre=404),
    Case("people:stale", _la, member=404, centre=404),
    Case(
        "people:subscribe_contacts",
        _la,
        method="post",
        data=_publication,
        member=404,
        organizer=302,
        centre=404,
    ),
]
