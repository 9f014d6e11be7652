import io

from django.utils import timezone

from iskra.conferences import demo as conferences_demo
from iskra.conferences import queries as conference_queries
from iskra.conferences.models import Amendment, Conference, Contribution, Decision, Motion
from iskra.distribution.tests.factories import ensure_stages
from iskra.network import demo as network_demo
from iskra.network.models import Collective
from iskra.reports import demo, queries
from iskra.reports.models import Report


def test_the_demo_loads_twice_with_octobers_reports_and_the_usa_conference(db):
    ensure_stages()
    out = io.StringIO()
    for _ in range(2):
        network_demo.load(out)
        demo.load(out)
        conferences_demo.load(out)
    october = demo.last_october(timezone.localdate())
    states = dict(
        Report.objects.filter(start=october.start).values_list("collective__slug", "state")
    )
    assert states == {
        "los-angeles": "submitted",
        "detroit": "submitted",
        "johannesburg": "draft",
    }
    rollup = queries.rollup(Collective.objects.get(slug="international"), october)
    assert rollup.reported == 2
    assert "San Salvador" in [c.name for c in rollup.missing]
    la = Report.objects.get(collective__slug="los-angeles", start=october.start)
    assert sorted(la.narratives.values_list("language", flat=True)) == ["en", "es"]

    conference = Conference.objects.get()
    assert conference.agenda.count() == 4
    assert Contribution.objects.filter(translation_of__isnull=False).count() == 1
    assert Amendment.objects.get().state == "accepted"
    motion = Motion.objects.get()
    assert motion.state == "adopted"
    assert "in English and in Spanish" in " ".join(motion.votes.get().voted_text.split())
    whole = Decision.objects.get(parent__isnull=True)
    assert conference_queries.rolled_progress(whole) == 30
