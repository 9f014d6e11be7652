"""Finding 6 of issue 9: chart text was about 6 px tall on a phone. Every chart keeps its
text at 11 px or more when shown at the width a 360 px phone gives it, in both languages;
the collective's page shows contacts by stage and follow-ups as charts."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import client_for
from iskra.distribution.charts import PHONE_CHART_PX, smallest_text_px
from iskra.distribution.tests import factories
from iskra.people import services
from iskra.people.models import Stage


@pytest.fixture
def stages(db):
    services.ensure_stages()
    return {stage.key: stage for stage in Stage.objects.all()}


@pytest.mark.parametrize("language", ["en", "es"])
def test_distribution_charts_are_readable_on_a_phone(usa, los_angeles, member, organizer, language):
    issue = factories.stocked_paper(usa, los_angeles)
    factories.outing(member, los_angeles, issue)
    organizer.language = language
    organizer.save(update_fields=["language"])
    client = client_for(organizer)
    for name in ("weekly", "places"):
        svg = client.get(reverse("distribution:chart", args=["los-angeles", name])).content.decode()
        assert smallest_text_px(svg) >= 11, (name, language)


def test_the_collective_page_charts_contacts_by_stage_and_follow_ups(
    los_angeles, organizer, member, stages
):
    today = timezone.localdate(timezone.now(), los_angeles.zone)
    for name, stage, due in [("R", "met", -2), ("M", "reader", 3), ("Dee", "reader", None)]:
        contact = services.contact_create(
            actor=member, collective=los_angeles, display_name=name, stage=stages[stage]
        )
        if due is not None:
            services.followup_create(
                actor=member,
                contact=contact,
                action="Call",
                due_on=today + timedelta(days=due),
                assignee=member,
            )
    content = client_for(organizer).get(reverse("network:collective", args=["los-angeles"]))
    html = content.content.decode()
    charts = re.findall(r"<svg viewBox=\"0 0 (\d+) \d+\".*?</svg>", html, re.S)
    assert len(charts) == 2
    stage_chart = html[html.index("Contacts by stage") :]
    # Each label is followed by its bar and its number.
    assert re.search(r">Reader</text><rect[^>]*></rect><text[^>]*>2</text>", stage_chart)
    assert re.search(r">Overdue</text><rect[^>]*></rect><text[^>]*>1</text>", html)
    assert re.search(r">Still to come</text><rect[^>]*></rect><text[^>]*>1</text>", html)
    sizes = [int(size) for size in re.findall(r'font-size="(\d+)"', html)]
    assert min(sizes) * PHONE_CHART_PX / int(charts[0]) >= 11


def test_outsiders_see_no_chart(los_angeles, detroit_member):
    response = client_for(detroit_member).get(reverse("network:collective", args=["los-angeles"]))
    assert response.status_code == 404 or b"<svg" not in response.content
