"""Demo outings: weekly marches in Los Angeles over three months, among them the Palestine
march of story 1 (30 English and 10 Spanish copies, $12 in donations, M and R met, R to
be called on 6 November), the Labor Day parade (14 comrades and friends, 540 copies of Red
Banner and 100 pamphlets, two new friends) and factory-gate outings by shift at the
Detroit plant. Works with or without the press demo."""

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
from iskra.people.models import Contact, Stage
from iskra.press.models import Issue, PrintRun, Publication

LABOR_DAY_PLACE = "Labor Day parade, Wilmington"
PALESTINE_MARCH_PLACE = "Palestine march, Pershing Square"
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


def _palestine_march(
    la: Collective, issue: Issue, users: dict[str, Any], stages: dict[str, Stage], today: date
) -> Outing:
    """Story 1, as DESIGN.md tells it. The people demo already met M and R there (marisol,
    6 September): the outing links them; without it, the outing adds them."""
    met_on = date(today.year, 9, 6) if today >= date(today.year, 9, 6) else today
    known = list(
        Contact.objects.filter(
            collective=la,
            first_met_place=PALESTINE_MARCH_PLACE,
            display_name__in=["M (Green Party sign)", "R"],
        )
    )
    marisol = users.get("marisol")
    outing = services.outing_log(
        actor=marisol,
        collective=la,
        starts_at=min(_at(la, met_on, time(14)), timezone.now() - timedelta(hours=1)),
        place=PALESTINE_MARCH_PLACE,
        kind=Outing.Kind.MARCH,
        members=[marisol] if marisol else [],
        lines=[
            services.LineInput(issue=issue, copies=30, language="en"),
            services.LineInput(issue=issue, copies=10, language="es"),
        ],
        money=[services.MoneyInput(amount=Decimal("12"), kind="donation")],
        contacts_met=[] if known else _story_1_people(stages, met_on),
    )
    for contact in known:
        services.outing_link_contact(actor=marisol, outing=outing, contact=contact)
    return outing


def _story_1_people(stages: dict[str, Stage], met_on: date) -> list[services.ContactMet]:
    return [
        services.ContactMet(
            display_name="M (Green Party sign)",
            stage=stages.get("reader"),
            topics=["electoral college", "class nature of the state"],
            note="Interested. Talked about the electoral college and the class nature of "
            "the state. Took the paper.",
        ),
        services.ContactMet(
            display_name="R",
            note="Campaigning for a council candidate. Wants to help produce the paper "
            "after the election.",
            next_action="Ask R to help produce the paper, now the election is over",
            due_on=date(met_on.year, 11, 6),
        ),
    ]


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
    stages = Stage.objects.in_bulk(["reader", "friend"], field_name="key")
    _palestine_march(la, paper_issue, users, stages, today)
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
            services.LineInput(issue=paper_issue, copies=540, language="en"),
            services.LineInput(issue=pamphlet_issue, copies=100, language="en"),
        ],
        money=[
            services.MoneyInput(amount=Decimal("212.50"), kind="donation"),
            services.MoneyInput(amount=Decimal("35.00"), kind="sale"),
        ],
        contacts_met=[
            services.ContactMet(
                display_name="J (carried the union banner)",
                stage=stages.get("friend"),
                note="Longshore worker; wants to do more.",
                next_action="Invite to the study circle",
                due_on=parade + timedelta(days=14),
            ),
            services.ContactMet(display_name="K (carried a sign)", stage=stages.get("friend")),
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
