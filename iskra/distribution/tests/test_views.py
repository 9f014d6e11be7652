from datetime import date, timedelta
from decimal import Decimal

from django.urls import reverse

from conftest import client_for
from iskra.distribution.models import Outing
from iskra.distribution.tests import factories
from iskra.people.models import Contact, FollowUp
from iskra.press.models import Article, Issue


def _post(issue, pamphlet=None, **extra):
    data = factories.outing_form_data(
        place="Labor Day parade",
        starts_at="2026-09-07T10:00",
        friends_count="11",
        copies={(issue, "en"): 540},
        money=[("212.50", "USD", "sale")],
    )
    if pamphlet is not None:
        data[f"copies_{pamphlet.pk}_en"] = "100"
    data.update(extra)
    return data


def test_the_outing_form_shows_current_issues_and_recent_places(usa, los_angeles, member):
    issue = factories.stocked_paper(usa, los_angeles)
    factories.outing(member, los_angeles, issue, place="Pershing Square")
    response = client_for(member).get(reverse("distribution:outing_new", args=["los-angeles"]))
    assert response.status_code == 200
    body = response.content.decode()
    assert f'name="copies_{issue.pk}_en"' in body
    assert f'name="copies_{issue.pk}_es"' in body
    assert 'id="met-template"' in body
    assert '<option value="Pershing Square">' in body
    assert "<script>" not in body


def test_logging_an_outing_with_a_person_met(usa, los_angeles, member, organizer):
    issue = factories.stocked_paper(usa, los_angeles)
    pamphlet = factories.stocked_paper(
        usa, los_angeles, copies=200, slug="gaza", kind="pamphlet", names={"en": "Gaza"}
    )
    data = _post(
        issue,
        pamphlet,
        members=[str(member.pk), str(organizer.pk)],
        **factories.people_met_data(
            [
                {
                    "name": "R (after the election)",
                    "note": "Wants to help",
                    "next_action": "Call back",
                    "due_on": (date.today() + timedelta(days=14)).isoformat(),
                }
            ]
        ),
    )
    response = client_for(member).post(
        reverse("distribution:outing_new", args=["los-angeles"]), data
    )
    outing = Outing.objects.get()
    assert response.status_code == 302
    assert outing.members.count() == 2
    assert outing.money_lines.get().amount == Decimal("212.50")
    contact = Contact.objects.get()
    assert contact.first_met_place == "Labor Day parade"
    assert outing.contacts_met.get().contact == contact
    assert FollowUp.objects.get(contact=contact).action == "Call back"
    detail = client_for(member).get(response["Location"])
    assert "540 copies of Red Banner and 100 pamphlets" in detail.content.decode()


def test_more_copies_than_the_stock_are_saved_and_shown_as_a_discrepancy(usa, los_angeles, member):
    issue = factories.stocked_paper(usa, los_angeles, copies=275)
    response = client_for(member).post(
        reverse("distribution:outing_new", args=["los-angeles"]), _post(issue)
    )
    assert response.status_code == 302
    assert Outing.objects.get().lines.get().copies == 540
    stock = client_for(member).get(reverse("distribution:stock", args=["los-angeles"]))
    assert "handed out 540, 275 on record" in stock.content.decode()


def test_sending_the_summary_to_the_next_issues_drafts(usa, los_angeles, member):
    issue = factories.stocked_paper(usa, los_angeles, copies=600)
    outing = factories.outing(member, los_angeles, issue, copies=540)
    url = reverse("distribution:outing_to_drafts", args=["los-angeles", outing.pk])
    response = client_for(member).post(
        url, {"summary_en": "Edited: we sold them all.", "summary_es": ""}
    )
    assert response.status_code == 302
    article = Article.objects.get(translation_of=None)
    assert article.state == Article.State.DRAFT
    assert article.body == "Edited: we sold them all."
    assert article.translations.get().language == "es"
    placement = article.placements.get()
    assert placement.issue.number == 2
    assert placement.issue.state == Issue.State.PLANNING
    client_for(member).post(url, {})
    assert Article.objects.filter(translation_of=None).count() == 1


def test_other_collectives_outings_stock_and_reports_answer_404(
    usa, los_angeles, member, detroit_member
):
    issue = factories.stocked_paper(usa, los_angeles)
    outing = factories.outing(member, los_angeles, issue)
    client = client_for(detroit_member)
    for name, args in [
        ("distribution:outing", ["los-angeles", outing.pk]),
        ("distribution:outing", ["detroit", outing.pk]),
        ("distribution:stock", ["los-angeles"]),
        ("distribution:report_monthly", ["los-angeles"]),
        ("distribution:report_issue", ["los-angeles", issue.pk]),
        ("distribution:chart", ["los-angeles", "weekly"]),
    ]:
        assert client.get(reverse(name, args=args)).status_code == 404, name


def test_organizers_see_their_sub_collectives(usa, detroit, detroit_plant, organizer, centre):
    from conftest import make_user
    from iskra.network.services import membership_create

    keisha = make_user("keisha", two_factor=True)
    membership_create(actor=None, user=keisha, collective=detroit, role="organizer")
    issue = factories.stocked_paper(usa, detroit_plant)
    factories.outing(keisha, detroit_plant, issue, copies=12, kind="factory_gate")
    client = client_for(keisha)
    assert client.get(reverse("distribution:stock", args=["detroit-plant"])).status_code == 200
    report = client.get(reverse("distribution:report_monthly", args=["detroit"]))
    assert report.status_code == 200
    assert ">12<" in report.content.decode()
    assert (
        client_for(organizer)
        .get(reverse("distribution:report_monthly", args=["detroit"]))
        .status_code
        == 404
    )


def test_centre_sees_aggregates_but_not_the_people_met(usa, los_angeles, member, centre):
    issue = factories.stocked_paper(usa, los_angeles)
    outing = factories.outing(
        member,
        los_angeles,
        issue,
        contacts_met=[factories.services.ContactMet(display_name="Secret Sam")],
    )
    client = client_for(centre)
    report = client.get(reverse("distribution:report_monthly", args=["international"]))
    assert report.status_code == 200
    detail = client.get(reverse("distribution:outing", args=["los-angeles", outing.pk]))
    assert "Secret Sam" not in detail.content.decode()
    assert (
        "Secret Sam"
        in client_for(member)
        .get(reverse("distribution:outing", args=["los-angeles", outing.pk]))
        .content.decode()
    )


def test_charts_are_svg(usa, los_angeles, member, organizer):
    issue = factories.stocked_paper(usa, los_angeles)
    factories.outing(member, los_angeles, issue)
    client = client_for(organizer)
    for name in ("weekly", "places"):
        response = client.get(reverse("distribution:chart", args=["los-angeles", name]))
        assert response["Content-Type"] == "image/svg+xml"
        assert b"<svg" in response.content
    assert (
        client.get(reverse("distribution:chart", args=["los-angeles", "nope"])).status_code == 404
    )


def test_the_time_typed_is_the_collectives_local_time(usa, los_angeles, member):
    issue = factories.stocked_paper(usa, los_angeles)
    client_for(member).post(
        reverse("distribution:outing_new", args=["los-angeles"]),
        _post(issue, starts_at="2026-09-07T10:00", **{f"copies_{issue.pk}_en": "5"}),
    )
    outing = Outing.objects.get()
    assert outing.starts_at.isoformat() == "2026-09-07T17:00:00+00:00"
    assert str(outing.day) == "2026-09-07"


def test_an_outing_without_a_place_is_refused(usa, los_angeles, member):
    issue = factories.stocked_paper(usa, los_angeles)
    response = client_for(member).post(
        reverse("distribution:outing_new", args=["los-angeles"]), _post(issue, place="")
    )
    assert response.status_code == 200
    assert not Outing.objects.exists()


def test_editing_the_summary_keeps_the_text(usa, los_angeles, member):
    issue = factories.stocked_paper(usa, los_angeles)
    outing = factories.outing(member, los_angeles, issue)
    client_for(member).post(
        reverse("distribution:outing_summary", args=["los-angeles", outing.pk]),
        {"summary_en": "Two of us sold ten papers.", "summary_xx": "ignored"},
    )
    outing.refresh_from_db()
    assert outing.summaries == {"en": "Two of us sold ten papers."}


def test_an_organizer_sends_a_bundle_down_and_a_member_cannot(usa, los_angeles, organizer, member):
    from iskra.network.services import collective_create

    group = collective_create(
        actor=None, name="Port group", slug="port", kind="workplace", parent=los_angeles
    )
    issue = factories.stocked_paper(usa, los_angeles, copies=100)
    url = reverse("distribution:bundle_new", args=["los-angeles"])
    data = {"issue": issue.pk, "collective": group.pk, "copies": 30, "sent_on": "2026-09-01"}
    assert client_for(member).post(url, data).status_code == 404
    assert client_for(organizer).post(url, data).status_code == 302
    stock = client_for(member).get(reverse("distribution:stock", args=["los-angeles"]))
    assert "Left <strong>70</strong>" in stock.content.decode()
    assert client_for(organizer).post(url, data | {"copies": 71}).status_code == 302
    stock = client_for(member).get(reverse("distribution:stock", args=["los-angeles"]))
    assert "handed out 0 and sent 101, 100 on record" in stock.content.decode()
    assert "Left <strong>-1</strong>" in stock.content.decode()
