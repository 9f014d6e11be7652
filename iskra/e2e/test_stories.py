"""Story tests on a phone (360x740): a person does what the story says, through the real pages,
and every page they see passes `check_page` (fits the phone, no English on a non-English page).
"""

import pytest
from playwright.sync_api import expect

from conftest import PASSWORD, make_user
from iskra.distribution.models import Outing
from iskra.distribution.tests import factories
from iskra.e2e.conftest import login
from iskra.e2e.pages import check_page
from iskra.network.models import Membership, Role
from iskra.network.services import collective_create, membership_create
from iskra.press.models import Publication

pytestmark = pytest.mark.e2e


def test_story_french_factory_gate(phone_page, live_server, international):
    """A Paris member logs a factory-gate outing at the car plant with copies of the French
    paper and a person met, in French, and reads the summary sentence in French."""
    factories.ensure_stages()
    france = collective_create(
        actor=None,
        name="Section française",
        slug="france",
        kind="country",
        parent=international,
        country="FR",
        time_zone="Europe/Paris",
        languages=["fr"],
    )
    paris = collective_create(
        actor=None,
        name="Paris",
        slug="paris",
        kind="city",
        parent=france,
        country="FR",
        time_zone="Europe/Paris",
        languages=["fr"],
    )
    nadia = make_user("nadia")
    nadia.language = "fr"
    nadia.save(update_fields=["language"])
    membership_create(
        actor=None, user=nadia, collective=paris, role=Role.MEMBER, status=Membership.Status.MEMBER
    )
    Publication.objects.create(
        collective=france,
        slug="drapeau-rouge",
        kind=Publication.Kind.PAPER,
        names={"fr": "Drapeau Rouge"},
        languages=["fr"],
    )
    issue = factories.printed_issue(Publication.objects.get(slug="drapeau-rouge"), copies=500)
    factories.bundle(issue, paris, 200)

    page = phone_page
    login(page, live_server, "nadia", PASSWORD)
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    check_page(page, "fr")

    page.get_by_role("link", name="Noter une diffusion · Paris").click()
    check_page(page, "fr")
    page.get_by_label("Où").fill("la porte de l'usine de Poissy")
    page.get_by_label("Type").select_option(label="Porte d'usine")
    page.get_by_label("Sympathisants venus aider").fill("2")
    copies = page.locator(f"#id_copies_{issue.pk}")
    copies.fill("80")
    page.get_by_text("Ajouter une personne rencontrée").click()
    page.get_by_label("Personne rencontrée : nom ou surnom").fill("Yacine (chaîne de montage)")
    check_page(page, "fr")
    page.get_by_role("button", name="Enregistrer la diffusion").click()

    expect(page.locator("#summary-fr")).to_have_value(
        "Trois camarades et sympathisants ont diffusé 80 exemplaires de Drapeau Rouge à la "
        "porte de l'usine de Poissy. Nous avons rencontré une personne qui veut garder le "
        "contact."
    )
    check_page(page, "fr")
    outing = Outing.objects.get()
    assert outing.kind == Outing.Kind.FACTORY_GATE
    assert outing.contacts_met.get().contact.display_name == "Yacine (chaîne de montage)"

    page.get_by_role("link", name="Toutes les diffusions").click()
    check_page(page, "fr")
