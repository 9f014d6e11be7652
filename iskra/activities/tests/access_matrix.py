from datetime import timedelta

from django.utils import timezone

from iskra.activities import services
from iskra.core.testing import Case, World
from iskra.distribution.tests.factories import ensure_stages
from iskra.people.models import Stage
from iskra.people.services import contact_create


def _la(world: World) -> dict[str, str]:
    return {"slug": world.los_angeles.slug}


def _event(world: World) -> dict[str, object]:
    event = services.event_create(
        actor=world.organizer,
        collective=world.los_angeles,
        kind="meeting",
        title="Branch meeting",
        starts_at=timezone.now() + timedelta(days=2),
    )
    return {"slug": world.los_angeles.slug, "pk": event.pk}


def _circle(world: World) -> dict[str, object]:
    circle = services.circle_create(
        actor=world.organizer,
        collective=world.los_angeles,
        title="State and Revolution",
        reading_list="Lenin, State and Revolution, ch. 1",
    )
    return {"slug": world.los_angeles.slug, "pk": circle.pk}


def _token(world: World) -> dict[str, str]:
    _record, token = services.calendar_token_create(actor=world.member)
    return {"token": token}


def _suggestion(world: World) -> dict[str, object]:
    ensure_stages()
    contact = contact_create(actor=None, collective=world.los_angeles, display_name="R")
    return {"slug": world.los_angeles.slug, "pk": contact.pk, "answer": "dismiss"}


def _next_stage(world: World) -> dict[str, object]:
    return {"stage": Stage.objects.order_by("position")[1].pk}


MATRIX = [
    Case("activities:calendar", outsider=200, other=200),
    Case("activities:feed", outsider=200, other=200),
    Case(
        "activities:feed_revoke", method="post", outsider=302, other=302, member=302, organizer=302
    ),
    Case(
        "activities:ical",
        _token,
        anonymous=200,
        outsider=200,
        other=200,
        member=200,
        organizer=200,
        note="public on purpose: the secret token is the key",
    ),
    Case("activities:event_new", _la, centre=200),
    Case("activities:event", _event, centre=200),
    Case(
        "activities:attendance",
        _event,
        method="post",
        member=302,
        organizer=302,
        centre=404,
        note="a centre sees the event but does not write its attendance",
    ),
    Case("activities:circle_new", _la),
    Case("activities:circle", _circle, centre=200),
    Case("activities:suggestions", _la, member=404, centre=404),
    Case(
        "activities:suggestion_answer",
        _suggestion,
        method="post",
        data=_next_stage,
        member=404,
        organizer=302,
    ),
]
