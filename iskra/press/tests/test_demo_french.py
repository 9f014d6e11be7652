"""The demo's French and Haitian sections: Drapeau Rouge, with three of Red Banner's articles in
French linked to them as translations (one also in Creole), printable, with copies in Paris."""

import re
import subprocess
from io import StringIO

import pytest
from django.core.management import call_command

from iskra.accounts.models import User
from iskra.distribution import queries as distribution
from iskra.network.models import Collective, Membership, Role
from iskra.press import printing, queries
from iskra.press.models import Publication


@pytest.fixture
def demo(db):
    call_command("demo", stdout=StringIO())


def test_the_french_and_haitian_sections_have_french_speakers_in_every_role(demo):
    sections = Collective.objects.in_bulk(
        ["france", "paris", "paris-car-plant", "haiti", "port-au-prince"], field_name="slug"
    )
    assert sections["paris-car-plant"].parent == sections["paris"]
    assert sections["port-au-prince"].parent == sections["haiti"]
    assert "ht" in sections["haiti"].languages
    french_roles = set(
        Membership.objects.active()
        .filter(user__language="fr", user__is_demo=True)
        .values_list("role", flat=True)
    )
    assert french_roles == set(Role.values)
    assert User.objects.get(username="mehdi").language == "fr"
    # Copies of the French paper reached Paris and the car plant.
    issue = Publication.objects.get(slug="drapeau-rouge").issues.get(number=1)
    assert distribution.stock_of(sections["paris"], issue).left == 170
    assert distribution.stock_of(sections["paris-car-plant"], issue).left == 80


def test_drapeau_rouge_prints_three_red_banner_articles_in_french(demo, tmp_path, client):
    paper = Publication.objects.get(slug="drapeau-rouge")
    assert paper.collective.slug == "france" and paper.languages == ["fr", "ht"]
    assert paper.masthead_in("fr") != paper.masthead_in("ht")
    issue = paper.issues.get(number=1)
    french = queries.public_issue_articles(issue, "fr")
    assert len(french) == 3
    versions = [version for _placement, version in french]
    assert {version.translation_of.publication.slug for version in versions} == {"red-banner"}
    assert len(queries.public_issue_articles(issue, "ht")) == 1
    path = tmp_path / "drapeau-rouge-1-fr.pdf"
    path.write_bytes(printing.issue_pdf(issue, language="fr"))
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "DRAPEAU ROUGE" in text
    flowing = re.sub(r"\s+", " ", text)
    assert "« L'émancipation des travailleurs sera l'œuvre des travailleurs eux-mêmes. »" in flowing
    assert "« Si ce n’est pas eux, alors quoi ? »" in flowing  # typographic apostrophe

    # Red Banner's article lists its French version among its alternates.
    french = paper.articles.filter(language="fr").first()
    original = french.translation_of
    page = client.get(f"/p/a/{original.pk}/{original.slug}/").content.decode()
    assert re.search(f'hreflang="fr" href="[^"]*/p/a/{french.pk}/{french.slug}/"', page)
