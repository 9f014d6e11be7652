"""Demo activities: a study circle reading State and Revolution in Los Angeles (two
contacts came three times, so they are suggested for the next stage), a branch meeting
and a public panel."""

from datetime import datetime, time, timedelta
from typing import TextIO

from django.contrib.auth import get_user_model
from django.utils import timezone

from iskra.activities import services
from iskra.activities.models import StudyCircle
from iskra.network.models import Collective
from iskra.people.models import Contact
from iskra.people.services import contact_create

READINGS = """Lenin, State and Revolution, ch. 1: Class society and the state
Lenin, State and Revolution, ch. 2: The experience of 1848-51
Lenin, State and Revolution, ch. 3: The Paris Commune
Lenin, State and Revolution, ch. 5: The economic basis of the withering away of the state"""


def load(out: TextIO) -> None:
    la = Collective.objects.filter(slug="los-angeles").first()
    if la is None or StudyCircle.objects.filter(collective=la).exists():
        return
    users = get_user_model().objects.in_bulk(["ana", "marisol", "joe"], field_name="username")
    organizer = users.get("ana")
    readers = []
    for name in ("T (nurse, Gaza march)", "L (teacher)"):
        readers.append(
            Contact.objects.filter(collective=la, display_name=name).first()
            or contact_create(actor=organizer, collective=la, display_name=name)
        )
    circle = services.circle_create(
        actor=organizer, collective=la, title="State and Revolution", reading_list=READINGS
    )
    today = timezone.localdate()
    for index, reading in enumerate(circle.readings()):
        day = today + timedelta(days=7 * (index - 3))
        session = services.event_create(
            actor=organizer,
            collective=la,
            kind="study_circle",
            title=circle.title,
            starts_at=datetime.combine(day, time(18, 30), tzinfo=la.zone),
            ends_at=datetime.combine(day, time(20, 0), tzinfo=la.zone),
            place="Comrade Marisol's kitchen",
            circle=circle,
            reading=reading,
        )
        if day < today:
            services.attendance_record(
                actor=organizer,
                event=session,
                changes=[
                    *(services.AttendanceChange(attended=True, user=u) for u in users.values()),
                    *(services.AttendanceChange(attended=True, contact=c) for c in readers),
                ],
            )
    for days, kind, title, place in [
        (3, "meeting", "Branch meeting", "Union hall, room 2"),
        (10, "panel", "Public panel: the fight against war", "Echo Park library"),
    ]:
        day = today + timedelta(days=days)
        services.event_create(
            actor=organizer,
            collective=la,
            kind=kind,
            title=title,
            starts_at=datetime.combine(day, time(19), tzinfo=la.zone),
            place=place,
        )
    out.write("Activities demo: a study circle reading State and Revolution.\n")
