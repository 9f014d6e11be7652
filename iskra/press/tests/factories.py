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


# Text for the tabloid tests: a sentence and its translation, repeated into paragraphs.
STRIKE = (
    "The night shift stopped the line at two and the day shift would not start it again "
    "until the company took back the new quotas, the cameras and the cut in the breaks."
)
HUELGA = (
    "El turno de noche paró la línea a las dos y el de día no quiso arrancarla hasta que la "
    "empresa retirara las nuevas cuotas, las cámaras y el recorte de los descansos."
)


def body(paragraphs: int, sentence: str) -> str:
    return "\n\n".join(f"{sentence} {sentence} ({index})" for index in range(paragraphs))


def combined_night_shift(collective, lengths):
    """A combined English and Spanish tabloid: the lead "Plant gate" on the front page and
    an inside article "Night shift N" (with its translation) of each length in paragraphs.
    (editor, paper, issue); the issue is in planning, so it prints as a proof."""
    editor = make_editor(collective)
    paper = make_publication(editor, collective, bilingual=Publication.Bilingual.COMBINED)
    issue = make_issue(editor, paper)
    lead = make_article(editor, paper, title="Plant gate", body=body(3, STRIKE))
    services.article_translate(
        actor=editor, article=lead, language="es", title="Puerta", body=body(3, HUELGA)
    )
    services.placement_add(actor=editor, issue=issue, article=lead, page=1, is_lead=True)
    for number, paragraphs in enumerate(lengths):
        article = make_article(
            editor, paper, title=f"Night shift {number}", body=body(paragraphs, STRIKE)
        )
        services.article_translate(
            actor=editor,
            article=article,
            language="es",
            title=f"Turno de noche {number}",
            body=body(paragraphs, HUELGA),
        )
        services.placement_add(actor=editor, issue=issue, article=article, page=2)
    return editor, paper, issue


def png_upload(name="strike.png", size=(40, 30)):
    from io import BytesIO

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", size, (200, 20, 20)).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


GPS_MARKER = "PLANTGATE-CAM-SN-4711"


def jpeg_upload(name="gate.jpg", size=(64, 48), color=(30, 120, 30)):
    """A JPEG as a phone writes it: EXIF with the camera's make, model and serial number, and
    the GPS position where it was taken (34.0522 N, 118.2437 W), plus an XMP packet."""
    from io import BytesIO

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    exif = Image.Exif()
    exif[0x010F] = "SpyPhone"  # Make
    exif[0x0110] = GPS_MARKER  # Model
    exif[0xA431] = GPS_MARKER  # BodySerialNumber
    exif[0x8825] = {  # GPSInfo
        1: "N",
        2: (34.0, 3.0, 7.92),
        3: "W",
        4: (118.0, 14.0, 37.32),
    }
    xmp = f'<x:xmpmeta xmlns:x="adobe:ns:meta/">{GPS_MARKER}</x:xmpmeta>'.encode()
    buffer = BytesIO()
    Image.new("RGB", size, color).save(buffer, format="JPEG", exif=exif, xmp=xmp)
    data = buffer.getvalue()
    assert GPS_MARKER.encode() in data
    return SimpleUploadedFile(name, data, content_type="image/jpeg")


def has_location(data: bytes) -> bool:
    """Whether image bytes carry the planted camera and GPS metadata."""
    from io import BytesIO

    from PIL import Image

    if GPS_MARKER.encode() in data:
        return True
    with Image.open(BytesIO(data)) as image:
        exif = image.getexif()
        return bool(exif.get_ifd(0x8825)) or 0x010F in exif
