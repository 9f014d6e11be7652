"""Inside the tabloid: an article that runs over a page's end says "continued on page N" and
its rest starts the next page with "continued from page N", in every edition (the combined
two-language one too); a picture spans two of the four columns, with text beside it."""

from io import StringIO

from django.core.management import call_command

from iskra.press import printing, services
from iskra.press.models import Issue
from iskra.press.tests.factories import combined_night_shift
from iskra.press.tests.pdf import FROM, JUMP, Page, dehyphenate, folio, pages, pictures


def inside_jumps(document: list[Page], front: int) -> list[tuple[int, int]]:
    """(page, page named) of each "continued on page N" below the front page `front`."""
    found = []
    for page in document:
        number = folio(page)
        if number is None or number == front:
            continue
        for target in JUMP.findall(dehyphenate(page.text)):
            found.append((number, int(target)))
    return found


def assert_lands(document: list[Page], jumps: list[tuple[int, int]]) -> None:
    by_folio = {folio(page): page for page in document}
    for source, target in jumps:
        assert target == source + 1, (source, target)
        assert str(source) in FROM.findall(dehyphenate(by_folio[target].text)), (source, target)


def test_inside_articles_jump_to_the_next_page_in_every_edition(los_angeles, tmp_path):
    editor, _paper, issue = combined_night_shift(los_angeles, (20,) * 5)
    for state in ("editing", "ready"):
        services.issue_set_state(actor=editor, issue=issue, state=state)

    path = tmp_path / "combined.pdf"
    path.write_bytes(printing.print_issue(issue, base_url="https://press.example.org").pdf)
    combined = pages(path)
    spanish_front = folio(next(page for page in combined if "BANDERA ROJA" in page.text))
    english = [page for page in combined if (folio(page) or 0) < (spanish_front or 0)]
    spanish = [page for page in combined if (folio(page) or 0) >= (spanish_front or 0)]
    for edition, front in ((english, 1), (spanish, spanish_front)):
        jumps = inside_jumps(edition, front)
        assert len(jumps) >= 2, [page.text[:80] for page in edition]
        assert_lands(combined, jumps)
    assert "Continúa en la página" in dehyphenate(" ".join(page.text for page in spanish))
    assert "Viene de la página" in dehyphenate(" ".join(page.text for page in spanish))

    path = tmp_path / "es.pdf"
    path.write_bytes(printing.print_issue(issue, language="es").pdf)
    alone = pages(path)
    jumps = inside_jumps(alone, 1)
    assert len(jumps) >= 2
    assert_lands(alone, jumps)


def test_inside_pictures_span_two_of_four_columns_with_text_beside(db, tmp_path):
    call_command("demo", stdout=StringIO())
    issue = Issue.objects.get(publication__slug="red-banner", number=1)
    path = tmp_path / "en.pdf"
    path.write_bytes(printing.print_issue(issue, language="en").pdf)
    document = pages(path)
    text_width = document[0].width - 72  # half-inch margins
    inside = [picture for picture in pictures(path) if picture.page > 1]
    assert len(inside) >= 3
    for picture in inside:
        # Two columns and the gap between them: half the text width, not one column, not all.
        assert 0.45 < picture.width / text_width < 0.52, picture
        page = document[picture.page - 1]
        beside = [
            word
            for word in page.words
            if word.x0 > picture.x1 and picture.y0 < word.y0 < picture.y1
        ]
        assert len(beside) > 40, (picture, len(beside))
