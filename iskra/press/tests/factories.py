"""Small builders for the press tests: an editor, a publication, articles in states."""

from datetime import date

from conftest import make_user
from iskra.network.models import Role
from iskra.network.services import membership_create
from iskra.press import services
from iskra.press.models import Article, Publication


def make_editor(collective, username="eddie"):
    user = make_user(username, two_factor=True)
    membership_create(actor=None, user=user, collective=collective, role=Role.EDITOR)
    return user


def make_publication(editor, collective, slug="red-banner", **overrides):
    values = {
        "kind": Publication.Kind.PAPER,
        "names": {"en": "Red Banner", "es": "Bandera Roja"},
        "languages": ["en", "es"],
        "mastheads": {"en": "Voice of the workers", "es": "Voz de los trabajadores"},
        "mottos": {"en": "Workers of the world, unite!", "es": "¡Proletarios del mundo, uníos!"},
    }
    values.update(overrides)
    return services.publication_create(actor=editor, collective=collective, slug=slug, **values)


def make_article(editor, publication, title="Strike at the port", **overrides):
    values = {
        "language": publication.main_language,
        "body": "Dockers walked out at dawn.\n\nThey demand **safety**.",
        "kind": Article.Kind.REPORT,
        "dateline_place": "Los Angeles",
        "dateline_country": "USA",
        "dateline_date": date(2024, 9, 9),
    }
    values.update(overrides)
    return services.article_create(
        actor=editor,
        collective=publication.collective,
        publication=publication,
        title=title,
        **values,
    )


def publish(editor, article):
    for state in (Article.State.REVIEW, Article.State.APPROVED, Article.State.PUBLISHED):
        services.article_set_state(actor=editor, article=article, state=state)
    return article


def make_issue(editor, publication, number=None):
    return services.issue_create(
        actor=editor, publication=publication, date=date(2024, 9, 15), number=number
    )


def png_upload(name="strike.png", size=(40, 30)):
    from io import BytesIO

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", size, (200, 20, 20)).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")
