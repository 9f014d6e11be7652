"""The common editorial of all workplace sheets: written once above, placed in each plant's
sheet by that plant's editor, printed in each."""

import pytest

from conftest import client_for
from iskra.core.errors import DomainError
from iskra.network.services import collective_create
from iskra.press import printing, queries, services
from iskra.press.models import Article
from iskra.press.tests.factories import make_editor, make_issue, make_publication


def sheet_for(editor, collective, slug):
    return make_publication(
        editor,
        collective,
        slug=slug,
        kind="newsletter",
        names={"en": slug.replace("-", " ").title()},
        languages=["en"],
        print_format="letter-sheet",
        mastheads={},
        mottos={},
    )


@pytest.fixture
def plants(usa, detroit, detroit_plant, los_angeles):
    port = collective_create(
        actor=None, name="Port group", slug="la-port", kind="workplace", parent=los_angeles
    )
    national = make_editor(usa, "tomas")
    earl = make_editor(detroit_plant, "earl")
    pia = make_editor(port, "pia")
    editorial = services.article_create(
        actor=national,
        collective=usa,
        language="en",
        title="Speed-up is a political question",
        body="The line runs faster every month, in every plant.",
        kind=Article.Kind.EDITORIAL,
        shared_below=True,
    )
    return {
        "national": national,
        "earl": earl,
        "pia": pia,
        "editorial": editorial,
        "plant_sheet": sheet_for(earl, detroit_plant, "plant-bulletin"),
        "port_sheet": sheet_for(pia, port, "port-bulletin"),
    }


def test_each_plant_places_the_same_editorial(plants):
    editorial = plants["editorial"]
    plant_issue = make_issue(plants["earl"], plants["plant_sheet"])
    port_issue = make_issue(plants["pia"], plants["port_sheet"])
    assert editorial in queries.placement_candidates(plants["earl"], plant_issue)
    services.placement_add(actor=plants["earl"], issue=plant_issue, article=editorial, page=1)
    services.placement_add(actor=plants["pia"], issue=port_issue, article=editorial, page=1)
    assert editorial.placements.count() == 2
    assert Article.objects.filter(title=editorial.title).count() == 1  # written once
    for issue in (plant_issue, port_issue):
        html = printing.issue_html(issue, language="en")
        assert "Speed-up is a political question" in html
    # A change to the editorial reaches every sheet.
    services.article_update(
        actor=plants["national"], article=editorial, title="Speed-up is political"
    )
    assert "Speed-up is political<" in printing.issue_html(port_issue, language="en")


def test_the_plant_editor_cannot_edit_it_or_place_what_is_not_offered(plants, usa):
    earl = plants["earl"]
    editorial = plants["editorial"]
    assert client_for(earl).get(f"/press/articles/{editorial.pk}/").status_code == 404
    with pytest.raises(DomainError):
        services.article_update(actor=earl, article=editorial, title="Mine now")
    private = services.article_create(
        actor=plants["national"], collective=usa, language="en", title="National only"
    )
    issue = make_issue(earl, plants["plant_sheet"])
    assert private not in queries.placement_candidates(earl, issue)
    with pytest.raises(DomainError):
        services.placement_add(actor=earl, issue=issue, article=private)


def test_it_is_not_offered_sideways(plants, detroit_plant):
    """A plant's own article offered below is not offered to a plant elsewhere."""
    own = services.article_create(
        actor=plants["earl"],
        collective=detroit_plant,
        language="en",
        title="Riverside only",
        shared_below=True,
    )
    port_issue = make_issue(plants["pia"], plants["port_sheet"])
    assert own not in queries.placement_candidates(plants["pia"], port_issue)
    with pytest.raises(DomainError):
        services.placement_add(actor=plants["pia"], issue=port_issue, article=own)


def test_the_editor_places_it_through_the_issue_page(plants):
    earl = plants["earl"]
    issue = make_issue(earl, plants["plant_sheet"])
    client = client_for(earl)
    page = client.get(f"/press/plant-bulletin/{issue.number}/")
    assert b"Speed-up is a political question" in page.content
    response = client.post(
        f"/press/plant-bulletin/{issue.number}/place/",
        {"article": plants["editorial"].pk, "page": 1, "is_lead": "on"},
    )
    assert response.status_code == 302
    placement = issue.placements.get()
    assert placement.article == plants["editorial"] and placement.is_lead
