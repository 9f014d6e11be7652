"""A photo's metadata (GPS position, camera make, serial number, XMP) never leaves the server:
stripped at upload, stripped from images stored before by a migration, absent from every
served size and every exported file; pages get responsive versions with their dimensions."""

import importlib
from io import BytesIO

from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import Client
from PIL import Image

from conftest import client_for
from iskra.press import images
from iskra.press.export import export_site
from iskra.press.models import ArticleImage
from iskra.press.tests.factories import (
    has_location,
    jpeg_upload,
    make_article,
    make_editor,
    make_publication,
    publish,
)


def test_a_planted_gps_position_is_absent_from_every_served_and_exported_image(
    los_angeles, tmp_path
):
    editor = make_editor(los_angeles)
    article = make_article(editor, make_publication(editor, los_angeles))
    upload = jpeg_upload(size=(1200, 800))
    assert has_location(upload.read())
    upload.seek(0)
    response = client_for(editor).post(
        f"/press/articles/{article.pk}/images/",
        {"image": upload, "alt_text": "The gate at dawn", "caption": "Gate 3"},
    )
    assert response.status_code == 302
    picture = article.images.get()
    with picture.image.open("rb") as stored:
        assert not has_location(stored.read())
    publish(editor, article)

    public = Client()
    page = public.get(f"/p/a/{article.pk}/{article.slug}/").content.decode()
    served = [f"/p/images/{picture.pk}/{picture.image_name}"]
    for width in images.widths_for(picture):
        for extension in ("webp", "jpg"):
            url = f"/p/images/{picture.pk}/w/{width}.{extension}"
            assert url in page  # in the srcset
            served.append(url)
    assert 'width="1200" height="800"' in page and 'loading="lazy"' in page
    assert "srcset=" in page and 'type="image/webp"' in page
    for url in served:
        response = public.get(url)
        assert response.status_code == 200, url
        data = b"".join(response.streaming_content)
        assert not has_location(data), url
        Image.open(BytesIO(data)).verify()

    site = tmp_path / "site"
    export_site(site, base_url="https://paper.example.org/", search_index=False)
    exported = list((site / "p" / "images").rglob("*.*"))
    assert len(exported) == len(served)
    for path in exported:
        assert not has_location(path.read_bytes()), path


def test_the_migration_strips_images_stored_before(los_angeles):
    editor = make_editor(los_angeles)
    article = make_article(editor, make_publication(editor, los_angeles))
    raw = jpeg_upload().read()
    name = default_storage.save("press/images/old/gate.jpg", ContentFile(raw))
    picture = ArticleImage.objects.create(article=article, image=name, alt_text="Old")
    with picture.image.open("rb") as stored:
        assert has_location(stored.read())
    migration = importlib.import_module("iskra.press.migrations.0006_strip_image_metadata")
    migration.strip_existing(apps, None)
    with picture.image.open("rb") as stored:
        data = stored.read()
    assert not has_location(data)
    assert Image.open(BytesIO(data)).size == (64, 48)
