"""Demo contacts: M and R from the Palestine march in Los Angeles, a plant group's workplace
map in Detroit, and a few hundred plausible others with conversations and follow-ups."""

import random
from datetime import date, timedelta
from typing import Any, TextIO

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from iskra.network.models import Collective
from iskra.people import crypto, services
from iskra.people.models import Contact, Stage

FIRST = [
    "Ana",
    "Luis",
    "Keisha",
    "Mo",
    "Tran",
    "Rosa",
    "DeShawn",
    "Maria",
    "Jamal",
    "Li",
    "Omar",
    "Gloria",
    "Tyrone",
    "Beatriz",
    "Sam",
    "Nia",
    "Carlos",
    "Fatima",
    "Jorge",
    "Kim",
    "Ahmed",
    "Lupe",
    "Marcus",
    "Yolanda",
    "Raúl",
    "Thandi",
    "Sipho",
    "Zanele",
    "Ernesto",
    "Chen",
]
PLACES_LA = [
    "Palestine march, Pershing Square",
    "MacArthur Park bookstall",
    "Bus stop at Vermont and 7th",
    "UCLA campus",
    "Tenants' meeting, Boyle Heights",
]
TOPICS = [
    "Gaza",
    "electoral college",
    "class nature of the state",
    "rent",
    "union",
    "police",
    "immigration",
    "wages",
    "war",
    "climate",
    "study circle",
    "Lenin",
]
NOTES = [
    "Took the paper and asked about the study circle.",
    "Angry about the rent increase; works nights.",
    "Argued that voting is enough; agreed to read the editorial.",
    "Asked for the Spanish edition for her mother.",
    "Knows people at the warehouse who would talk to us.",
    "Skeptical, but took a copy and gave a dollar.",
]
DEPARTMENTS = ["Body shop", "Paint", "Final assembly", "Stamping"]
SHIFTS = ["1st shift", "2nd shift", "3rd shift"]


def load(out: TextIO) -> None:
    with transaction.atomic():
        _load(out)


def _load(out: TextIO) -> None:
    if Contact.objects.filter(display_name="M (Green Party sign)").exists():
        out.write("people: demo contacts already loaded\n")
        return
    services.ensure_stages()
    stages = {stage.key: stage for stage in Stage.objects.all()}
    users = {user.username: user for user in get_user_model().objects.all()}
    slugs = ["los-angeles", "detroit", "detroit-plant", "san-salvador", "johannesburg"]
    collectives = {c.slug: c for c in Collective.objects.filter(slug__in=slugs)}
    if len(collectives) < len(slugs):
        out.write("people: the network demo is missing; skipped\n")
        return
    rng = random.Random(1917)
    today = timezone.localdate(timezone.now(), collectives["los-angeles"].zone)
    _march(collectives["los-angeles"], users, stages, today)
    count = 2
    for slug, size, members in [
        ("los-angeles", 150, ["ana", "marisol", "joe"]),
        ("detroit", 60, ["keisha"]),
        ("san-salvador", 30, ["carmen"]),
        ("johannesburg", 25, ["thabo"]),
    ]:
        for index in range(size):
            _someone(collectives[slug], users, members, stages, rng, today, index)
            count += 1
    count += _plant(collectives["detroit-plant"], users, stages, rng, today)
    out.write(f"people: {count} contacts with conversations and follow-ups\n")


def _march(la: Collective, users: dict[str, Any], stages: dict[str, Stage], today: date) -> None:
    """Story 1 of DESIGN.md: M and R, met at the weekly Palestine march."""
    marisol = users["marisol"]
    met_on = date(today.year, 9, 6) if today >= date(today.year, 9, 6) else today
    m = services.contact_create(
        actor=marisol,
        collective=la,
        display_name="M (Green Party sign)",
        stage=stages["reader"],
        first_met_on=met_on,
        first_met_place="Palestine march, Pershing Square",
        topics=["electoral college", "class nature of the state"],
        tags=["march"],
        language="en",
    )
    services.conversation_add(
        actor=marisol,
        contact=m,
        happened_on=met_on,
        kind="street",
        note=(
            "Interested. Talked about the electoral college and the class nature of the "
            "state. Took the paper."
        ),
        topics=["electoral college", "class nature of the state"],
    )
    r = services.contact_create(
        actor=marisol,
        collective=la,
        display_name="R",
        stage=stages["met"],
        first_met_on=met_on,
        first_met_place="Palestine march, Pershing Square",
        tags=["march"],
        language="en",
        consent=True,
        consent_channels=["phone"],
        phone="+1 213 555 0188",
    )
    services.conversation_add(
        actor=marisol,
        contact=r,
        happened_on=met_on,
        kind="street",
        note=(
            "Campaigning for a council candidate. Wants to help produce the paper after "
            "the election."
        ),
        next_action="Ask R to help produce the paper, now the election is over",
        due_on=date(met_on.year, 11, 6),
        assignee=marisol,
    )


def _someone(
    collective: Collective,
    users: dict[str, Any],
    members: list[str],
    stages: dict[str, Stage],
    rng: random.Random,
    today: date,
    index: int,
) -> None:
    actor = users[rng.choice(members)]
    stage = rng.choices(list(stages.values()), weights=[40, 30, 15, 8, 4, 3][: len(stages)])[0]
    first = rng.choice(FIRST)
    spanish = collective.slug == "san-salvador" or (
        collective.slug == "los-angeles" and rng.random() < 0.4
    )
    met_on = today - timedelta(days=rng.randint(3, 400))
    contact = services.contact_create(
        actor=actor,
        collective=collective,
        display_name=f"{first} {chr(65 + index % 26)}.",
        stage=stage,
        first_met_on=met_on,
        first_met_place=rng.choice(PLACES_LA) if collective.slug == "los-angeles" else "",
        topics=rng.sample(TOPICS, rng.randint(0, 3)),
        language="es" if spanish else "en",
        consent=rng.random() < 0.6,
        consent_channels=["phone"] if rng.random() < 0.5 else ["email"],
        phone=f"+1 213 555 {1000 + index:04d}" if rng.random() < 0.5 else "",
        email=f"{crypto.normalize_name(first)}.{index}@example.org" if rng.random() < 0.3 else "",
    )
    conversation_day = met_on
    for _ in range(rng.randint(0, 4)):
        due = rng.random() < 0.15
        services.conversation_add(
            actor=actor,
            contact=contact,
            happened_on=conversation_day,
            kind=rng.choice(["street", "street", "phone", "meeting", "home"]),
            note=rng.choice(NOTES),
            next_action="Call about the study circle" if due else "",
            due_on=today + timedelta(days=rng.randint(-5, 6)) if due else None,
            assignee=actor,
        )
        conversation_day = min(today, conversation_day + timedelta(days=rng.randint(5, 60)))


def _plant(
    plant: Collective,
    users: dict[str, Any],
    stages: dict[str, Stage],
    rng: random.Random,
    today: date,
) -> int:
    """A workplace map: who is known in which department and shift, and how they stand.
    Stamping on 3rd shift stays empty: nobody is known there yet."""
    dwayne = users["dwayne"]
    count = 0
    for department in DEPARTMENTS:
        for shift in SHIFTS:
            if (department, shift) == ("Stamping", "3rd shift"):
                continue
            for _ in range(rng.randint(1, 3)):
                contact = services.contact_create(
                    actor=dwayne,
                    collective=plant,
                    display_name=f"{rng.choice(FIRST)} ({department.split()[0].lower()})",
                    stage=rng.choice([stages["met"], stages["reader"], stages["friend"]]),
                    workplace="Riverside Assembly",
                    department=department,
                    shift=shift,
                    assessment=rng.randint(1, 5),
                    first_met_place="Gate 4",
                )
                services.conversation_add(
                    actor=dwayne,
                    contact=contact,
                    happened_on=today - timedelta(days=rng.randint(1, 60)),
                    kind="workplace",
                    note=rng.choice(NOTES),
                )
                count += 1
    return count
