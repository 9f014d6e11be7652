"""Demo outings: weekly marches in Los Angeles over three months, the Labor Day parade
(14 comrades and friends, 540 copies of Red Banner and 100 pamphlets) and factory-gate
outings by shift at the Detroit plant. Works with or without the press demo."""

import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any, TextIO

from django.contrib.auth import get_user_model
from django.db.models import Max
from django.utils import timezone

from iskra.distribution import queries, services
from iskra.distribution.models import Outing
from iskra.network.models import Collective
from iskra.press.models import Issue, PrintRun, Publication

LABOR_DAY_PLACE = "Labor Day parade, Wilmington"
MARCH_PLACES = ["MacArthur Park", "Pershing Square", "City Hall steps", "Leimert Park"]
SHIFTS = [("First shift", time(5, 30)), ("Second shift", time(13, 30))]


def _publication(slug: str, collective: Collective, kind: str, names: dict[str, str]) -> Any:
    found = Publication.objects.filter(slug=slug).first()
    if found is None and kind == Publication.Kind.PAMPHLET:
        found = Publication.objects.filter(
            kind=kind, collective_id__in=[*collective.ancestor_ids(), collective.pk]
        ).first()
    return found or Publication.objects.create(
        slug=slug, collective=collective, kind=kind, names=names, languages=list(names)
    )


def _current_issue(publication: Publication, copies: int) -> Issue:
    issue = publication.issues.filter(state__in=queries.CURRENT_STATES).order_by("-number").first()
    if issue is None:
        number = (publication.issues.aggregate(top=Max("number"))["top"] or 0) + 1
        issue = Issue.objects.create(
            publication=publication,
            number=number,
            date=timezone.localdate() - timedelta(days=100),
            state=Issue.State.PRINTED,
        )
    owner = publication.collective
    missing = copies - queries.stock_of(owner, issue).left
    if missing > 0:
        PrintRun.objects.create(issue=issue, copies=missing, cost=Decimal(missing) * Decimal("0.3"))
    return issue


def _supply(issue: Issue, collective: Collective, copies: int) -> None:
    owner = issue.publication.collective
    if owner.pk == collective.pk:
        return
    path = [c for c in _chain(owner, collective)]
    for source, target in zip(path, path[1:], strict=False):
        services.bundle_send(
            actor=None, issue=issue, source=source, collective=target, copies=copies
        )


def _chain(top: Collective, bottom: Collective) -> list[Collective]:
    ids = [i for i in bottom.ancestor_ids() if i not in top.ancestor_ids()] + [bottom.pk]
    by_id = Collective.objects.in_bulk(ids)
    return [by_id[i] for i in ids]


def _at(collective: Collective, day: date, moment: time) -> datetime:
    return datetime.combine(day, moment, tzinfo=collective.zone)


def _labor_day(today: date) -> date:
    year = today.year if today >= date(today.year, 9, 7) else today.year - 1
    first = date(year, 9, 1)
    return first + timedelta(days=(7 - first.weekday()) % 7)


def load(out: TextIO) -> None:
    by_slug = Collective.objects.in_bulk(
        ["usa", "los-angeles", "detroit", "detroit-plant"], field_name="slug"
    )
    if len(by_slug) < 4:
        out.write("Distribution demo skipped: the network demo is missing.\n")
        return
    la, plant = by_slug["los-angeles"], by_slug["detroit-plant"]
    if Outing.objects.filter(collective=la, place=LABOR_DAY_PLACE).exists():
        return
    users = get_user_model().objects.in_bulk(
        ["ana", "marisol", "joe", "dwayne"], field_name="username"
    )
    rng = random.Random(1917)  # noqa: S311 - demo data, not security
    paper = _publication(
        "red-banner", by_slug["usa"], "paper", {"en": "Red Banner", "es": "Bandera Roja"}
    )
    pamphlet = _publication(
        "gaza-pamphlet", by_slug["usa"], "pamphlet", {"en": "Stop the war on Gaza"}
    )
    bulletin = _publication(
        "plant-bulletin", plant, "newsletter", {"en": "Riverside Plant Bulletin"}
    )
    paper_issue = _current_issue(paper, 3000)
    pamphlet_issue = _current_issue(pamphlet, 300)
    bulletin_issue = _current_issue(bulletin, 600)
    _supply(paper_issue, la, 1400)
    _supply(pamphlet_issue, la, 200)
    _supply(paper_issue, plant, 300)
    today = timezone.localdate()
    team = [users[name] for name in ("ana", "marisol", "joe") if name in users]
    for week in range(13, 0, -1):
        day = today - timedelta(days=today.weekday() + 2 + 7 * week)  # Saturdays
        copies = rng.randint(25, 60)
        met = [services.ContactMet(display_name=f"Marcher {week}")] if week % 4 == 0 else []
        services.outing_log(
            actor=team[0] if team else None,
            collective=la,
            starts_at=_at(la, day, time(11)),
            place=MARCH_PLACES[week % len(MARCH_PLACES)],
            kind=Outing.Kind.MARCH,
            members=team[: rng.randint(1, len(team))] if team else [],
            friends_count=rng.randint(0, 2),
            lines=[
                services.LineInput(
                    issue=paper_issue,
                    copies=copies,
                    money=Decimal(rng.randint(0, 20)),
                    language=rng.choice(["en", "es"]),
                )
            ],
            contacts_met=met,
        )
    parade = _labor_day(today)
    services.outing_log(
        actor=team[0] if team else None,
        collective=la,
        starts_at=_at(la, parade, time(10)),
        place=LABOR_DAY_PLACE,
        kind=Outing.Kind.MARCH,
        members=team,
        friends_count=14 - len(team),
        lines=[
            services.LineInput(issue=paper_issue, copies=540, money=Decimal("212.50")),
            services.LineInput(issue=pamphlet_issue, copies=100, money=Decimal("35.00")),
        ],
        contacts_met=[
            services.ContactMet(
                display_name="R (will help after the election)",
                note="Longshore worker; wants the next issue.",
                next_action="Bring the next issue",
                due_on=parade + timedelta(days=14),
            )
        ],
    )
    dwayne = [users["dwayne"]] if "dwayne" in users else []
    for week in range(8, 0, -1):
        for shift, moment in SHIFTS:
            day = today - timedelta(days=today.weekday() - 1 + 7 * week)  # Tuesdays
            services.outing_log(
                actor=dwayne[0] if dwayne else None,
                collective=plant,
                starts_at=_at(plant, day, moment),
                place="Riverside Assembly, gate 4",
                kind=Outing.Kind.FACTORY_GATE,
                shift=shift,
                members=dwayne,
                friends_count=rng.randint(0, 1),
                lines=[
                    services.LineInput(issue=bulletin_issue, copies=rng.randint(20, 35)),
                    services.LineInput(issue=paper_issue, copies=rng.randint(5, 15)),
                ],
            )
    out.write("Distribution demo: outings in Los Angeles and at the Detroit plant.\n")
