"""Synthetic collectives for benchmarks: 500 collectives in four levels, and two bench users."""

import random
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction

from iskra.network.models import Collective, Membership, Role

TOTAL_COLLECTIVES = 500
COUNTRIES = 20
CITIES_PER_COUNTRY = 6
# The organizer of this city and the centre user of the international are what the list
# benchmarks render pages for.
BENCH_CITY_SLUG = "bench-city-0-0"
BENCH_ORGANIZER = "bench-organizer"
BENCH_CENTRE = "bench-centre"
ZONES = [
    "America/Los_Angeles",
    "America/Detroit",
    "America/El_Salvador",
    "Africa/Johannesburg",
    "Europe/Paris",
    "America/Port-au-Prince",
]


def generate(*, contacts: int, rng: random.Random, out: Any) -> None:
    if Collective.objects.filter(slug="bench-international").exists():
        out.write("collectives already generated\n")
        return
    with transaction.atomic():
        root = _add(None, "bench-international", "Bench International", "international", rng)
        cities = []
        for country_index in range(COUNTRIES):
            country = _add(
                root, f"bench-country-{country_index}", f"Country {country_index}", "country", rng
            )
            for city_index in range(CITIES_PER_COUNTRY):
                cities.append(
                    _add(
                        country,
                        f"bench-city-{country_index}-{city_index}",
                        f"City {country_index}-{city_index}",
                        "city",
                        rng,
                    )
                )
        group_index = 0
        while Collective.objects.filter(slug__startswith="bench-").count() < TOTAL_COLLECTIVES:
            city = cities[group_index % len(cities)]
            kind = rng.choice(["workplace", "workplace", "campus", "study"])
            _add(city, f"bench-group-{group_index}", f"Group {group_index}", kind, rng)
            group_index += 1
        User = get_user_model()
        organizer = User.objects.create_user(username=BENCH_ORGANIZER)
        centre = User.objects.create_user(username=BENCH_CENTRE)
        Membership.objects.create(
            user=organizer,
            collective=Collective.objects.get(slug=BENCH_CITY_SLUG),
            role=Role.ORGANIZER,
        )
        Membership.objects.create(user=centre, collective=root, role=Role.CENTRE)
    out.write(f"{TOTAL_COLLECTIVES} collectives, users {BENCH_ORGANIZER} and {BENCH_CENTRE}\n")


def _add(
    parent: Collective | None, slug: str, name: str, kind: str, rng: random.Random
) -> Collective:
    collective = Collective.objects.create(
        parent=parent,
        slug=slug,
        name=name,
        kind=kind,
        time_zone=rng.choice(ZONES),
        languages=["en", "es"],
    )
    collective.path = f"{parent.path if parent else '/'}{collective.pk}/"
    collective.save(update_fields=["path"])
    return collective
