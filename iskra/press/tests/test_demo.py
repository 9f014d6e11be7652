"""`iskra demo` loads the press demo, and loading it again changes nothing."""

from io import StringIO

from django.core.management import call_command

from iskra.press import queries
from iskra.press.models import Article, Issue, IssuePlacement, Publication, Submission


def test_the_demo_press_is_complete_and_idempotent(db):
    call_command("demo", stdout=StringIO())
    counts = (Publication.objects.count(), Article.objects.count(), Issue.objects.count())
    call_command("demo", stdout=StringIO())
    assert (Publication.objects.count(), Article.objects.count(), Issue.objects.count()) == counts

    paper = Publication.objects.get(slug="red-banner")
    assert paper.languages == ["en", "es"] and paper.collective.slug == "usa"
    issue = paper.issues.get(number=1)
    assert issue.state == Issue.State.PUBLISHED
    for language in ("en", "es"):
        assert len(queries.public_issue_articles(issue, language)) >= 6
    assert Publication.objects.get(slug="state-and-revolution").kind == "pamphlet"

    bulletin = Publication.objects.get(slug="plant-bulletin")
    assert bulletin.collective.slug == "detroit-plant"
    assert bulletin.print_format == "letter-sheet"
    sheet = bulletin.issues.get(number=1)
    placements = IssuePlacement.objects.filter(issue=sheet)
    editorial = placements.get(page=1).article
    assert editorial.shared_below and editorial.collective.slug == "usa"
    assert {p.article.kind for p in placements.filter(page=2)} == {Article.Kind.WORKERS_ITEM}
    assert Submission.objects.filter(publication=bulletin, state="new").count() == 1
