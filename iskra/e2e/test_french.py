"""French is as complete as English: an organizer who reads Iskra in French goes through the
pages of the organizing office on a phone, and none of them shows English."""

import pytest

from conftest import PASSWORD, TOTP_SECRET
from iskra.distribution.tests import factories
from iskra.e2e.conftest import login
from iskra.e2e.pages import check_page
from iskra.press.tests.factories import make_article, make_publication, publish

pytestmark = pytest.mark.e2e

PAGES = [
    "/",
    "/me/sessions/",
    "/me/activity/",
    "/c/",
    "/c/los-angeles/",
    "/c/los-angeles/history/",
    "/people/followups/",
    "/people/c/los-angeles/",
    "/people/c/los-angeles/add/",
    "/people/c/los-angeles/import/",
    "/people/c/los-angeles/duplicates/",
    "/people/c/los-angeles/stale/",
    "/distribution/",
    "/distribution/los-angeles/outings/",
    "/distribution/los-angeles/outings/new/",
    "/distribution/los-angeles/stock/",
    "/distribution/los-angeles/reports/",
    "/activities/",
    "/activities/feed/",
    "/activities/los-angeles/events/new/",
    "/press/",
    "/press/la-presse/",
    "/press/la-presse/articles/new/",
    "/press/la-presse/articles/take/",
    "/accounts/2fa/",
    "/p/",
    "/p/la-presse/",
    "/p/la-presse/submit/",
    "/p/la-presse/subscribe/",
    "/p/search/?language=fr&q=grève",
]


def test_the_organizing_office_speaks_french_on_a_phone(
    phone_page, live_server, usa, los_angeles, organizer
):
    from iskra.network.models import Role
    from iskra.network.services import membership_create

    factories.ensure_stages()
    organizer.language = "fr"
    organizer.save(update_fields=["language"])
    membership_create(actor=None, user=organizer, collective=los_angeles, role=Role.EDITOR)
    paper = make_publication(
        organizer,
        los_angeles,
        slug="la-presse",
        names={"fr": "La Presse"},
        languages=["fr"],
        mastheads={"fr": "La voix des travailleurs"},
        mottos={"fr": "Prolétaires de tous les pays, unissez-vous !"},
    )
    publish(organizer, make_article(organizer, paper, title="Grève au port", language="fr"))
    login(phone_page, live_server, "alice", PASSWORD, totp_secret=TOTP_SECRET)
    for path in PAGES:
        phone_page.goto(f"{live_server.url}{path}")
        assert phone_page.locator("html").get_attribute("lang") == "fr", path
        check_page(phone_page, "fr")
