"""A demo conference of the USA section after last October: an agenda, two contributions
(one translated into Spanish), a motion with an amendment, the vote, and two decisions with
progress. `ana`, the Los Angeles organizer, also organizes the USA section and chairs it."""

from datetime import datetime, time, timedelta
from typing import TextIO

from django.contrib.auth import get_user_model
from django.utils import timezone

from iskra.conferences import services
from iskra.conferences.models import Conference
from iskra.network.models import Collective, Membership, Role
from iskra.network.services import membership_create
from iskra.reports.demo import last_october

MOTION = (
    "The conference notes that rents rose faster than wages in Los Angeles and Detroit this "
    "year, and that tenants' committees formed in both cities.\n\n"
    "It resolves that each city will take the paper to the tenants' meetings every week and "
    "report the people met there in its next period report.\n\n"
    "It asks the editors to give a page of each issue to the tenants' struggles."
)


def load(out: TextIO) -> None:
    usa = Collective.objects.filter(slug="usa").first()
    if usa is None or Conference.objects.filter(collective=usa).exists():
        return
    slugs = ["los-angeles", "detroit"]
    la, detroit = (Collective.objects.get(slug=slug) for slug in slugs)
    users = get_user_model().objects.in_bulk(["ana", "marisol", "keisha"], field_name="username")
    ana, marisol, keisha = users["ana"], users["marisol"], users["keisha"]
    if not Membership.objects.active().filter(user=ana, collective=usa, role=Role.ORGANIZER):
        membership_create(actor=None, user=ana, collective=usa, role=Role.ORGANIZER)
    october = last_october(timezone.localdate())
    day = october.end + timedelta(days=16)
    before = datetime.combine(day - timedelta(days=7), time(12), tzinfo=usa.zone)
    conference = services.conference_create(
        actor=ana,
        collective=usa,
        title="USA section conference",
        starts_on=day,
        ends_on=day + timedelta(days=1),
        place="Chicago",
        report_start=october.start,
        report_end=october.end,
        contributions_deadline=datetime.combine(day - timedelta(days=3), time(23, 59), usa.zone),
        amendments_deadline=datetime.combine(day, time(18), tzinfo=usa.zone),
    )
    for title, speakers in [
        ("Organizational report", "ana"),
        ("Finance report", "ruth"),
        ("The tenants' struggles", "marisol, keisha"),
        ("Elections", ""),
    ]:
        services.agenda_add(actor=ana, conference=conference, title=title, speakers=speakers)
    delegate_la = services.delegate_add(
        actor=ana, conference=conference, user=marisol, credited_by=la, votes=3
    )
    services.delegate_add(
        actor=ana, conference=conference, user=keisha, credited_by=detroit, votes=2
    )
    original = services.contribution_submit(
        actor=marisol,
        conference=conference,
        title="The tenants' committees",
        body="Two committees formed near MacArthur Park after the rent rises.",
        language="en",
        now=before,
    )
    services.contribution_submit(
        actor=marisol,
        conference=conference,
        title="Los comités de inquilinos",
        body="Se formaron dos comités cerca de MacArthur Park tras las subidas de alquiler.",
        language="es",
        translation_of=original,
        now=before,
    )
    services.contribution_submit(
        actor=keisha,
        conference=conference,
        title="Layoffs at Riverside",
        body="What the layoffs mean for the gate distributions.",
        language="en",
        now=before,
    )
    motion = services.motion_create(
        actor=ana,
        conference=conference,
        title="On the tenants' struggles",
        text=MOTION,
        language="en",
    )
    amendment = services.amendment_propose(
        actor=marisol,
        motion=motion,
        delegate=delegate_la,
        paragraph=3,
        text="It asks the editors to give a page of each issue to the tenants' struggles, "
        "in English and in Spanish.",
        reason="Half of the tenants read Spanish.",
        now=before,
    )
    services.amendment_decide(actor=ana, amendment=amendment, state="accepted")
    services.amendments_close(actor=ana, conference=conference)
    motion.refresh_from_db()
    services.vote_record(
        actor=ana, motion=motion, method="counts", votes_for=4, votes_against=0, abstentions=1
    )
    motion.refresh_from_db()
    whole = services.decision_create(
        actor=ana,
        conference=conference,
        motion=motion,
        title="The paper at the tenants' meetings every week",
        responsible=usa,
        due_on=day + timedelta(days=90),
    )
    for city, progress, note in [
        (la, 50, "At the MacArthur Park committee every week since the conference."),
        (detroit, 10, "First contact with a tenants' committee."),
    ]:
        part = services.decision_create(
            actor=ana,
            conference=conference,
            motion=motion,
            title=f"The paper at the tenants' meetings in {city.name}",
            responsible=city,
            due_on=day + timedelta(days=90),
            parent=whole,
        )
        services.progress_note(
            actor=ana, decision=part, text=note, progress=progress, state="under_way"
        )
    out.write("USA conference: agenda, contributions, a motion with an amendment, decisions.\n")
