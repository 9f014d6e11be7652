"""Conferences: a Los Angeles conference (so that its organizer chairs it) with the Los
Angeles member as delegate. The collectives concerned see it and its motions; documents are
for delegates and the chair; the chair's work for the chair alone."""

from datetime import date, timedelta

from django.utils import timezone

from iskra.conferences import services
from iskra.core.testing import Case, World


def _conference(world: World):
    if "conference" not in world.extra:
        now = timezone.now()
        conference = services.conference_create(
            actor=None,
            collective=world.los_angeles,
            title="LA conference",
            starts_on=date.today(),
            ends_on=date.today(),
            report_start=date.today() - timedelta(days=60),
            report_end=date.today(),
            contributions_deadline=now + timedelta(days=5),
            amendments_deadline=now + timedelta(days=5),
        )
        services.delegate_add(
            actor=None, conference=conference, user=world.member, credited_by=world.los_angeles
        )
        item = services.agenda_add(actor=None, conference=conference, title="Report")
        motion = services.motion_create(
            actor=None, conference=conference, title="M", text="One line.", language="en"
        )
        contribution = services.contribution_submit(
            actor=None, conference=conference, title="C", body="Text", language="en"
        )
        decision = services.decision_create(
            actor=None, conference=conference, title="D", responsible=world.los_angeles
        )
        world.extra.update(
            conference=conference,
            item=item,
            motion=motion,
            contribution=contribution,
            decision=decision,
        )
    return world.extra["conference"]


def _pk(world: World) -> dict[str, int]:
    return {"pk": _conference(world).pk}


def _item(world: World) -> dict[str, int]:
    return {**_pk(world), "item": world.extra["item"].pk}


def _motion(world: World) -> dict[str, int]:
    return {**_pk(world), "number": 1}


def _amendment(world: World) -> dict[str, int]:
    return {**_motion(world), "amendment": 999999}


def _contribution(world: World) -> dict[str, int]:
    return {**_pk(world), "contribution": world.extra["contribution"].pk}


def _decision(world: World) -> dict[str, int]:
    _conference(world)
    return {"pk": world.extra["decision"].pk}


MATRIX = [
    Case("conferences:index", outsider=200, other=200, centre=200),
    Case("conferences:detail", _pk, centre=200),
    Case("conferences:delegate_add", _pk, method="post", member=404, organizer=302),
    Case("conferences:agenda_add", _pk, method="post", member=404, organizer=302),
    Case("conferences:minutes", _item, member=404),
    Case("conferences:amendments_close", _pk, method="post", member=404, organizer=302),
    Case("conferences:motion_new", _pk, method="post", member=404, organizer=302),
    Case("conferences:motion", _motion, centre=200),
    Case("conferences:amend", _motion, method="post", member=302, organizer=404),
    Case("conferences:decide", _amendment, method="post", member=404, organizer=404),
    Case("conferences:vote", _motion, method="post", member=404, organizer=302),
    Case("conferences:decision_new", _motion, method="post", member=404, organizer=302),
    Case("conferences:contribute", _pk, centre=404),
    Case("conferences:contribution", _contribution, centre=404),
    Case("conferences:booklet", _pk, centre=404),
    Case("conferences:decision", _decision, centre=200),
]
