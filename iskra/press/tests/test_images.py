"""Article images with captions and alt text: added by editors, shown publicly (page, static
export, print) only once the article is published."""

import subprocess

import pytest

from conftest import client_for
from iskra.core.errors import DomainError
from iskra.press import printing, services
from iskra.press.export import export_site
from iskra.press.tests.factories import (
    make_article,
    make_editor,
    make_issue,
    make_publication,
    png_upload,
    publish,
)


@pytest.fixture
def editor(los_angeles):
    return make_editor(los_angeles)


@pytest.fixture
def article(editor, los_angeles):
    return make_article(editor, make_publication(editor, los_angeles))


def test_an_editor_adds_an_image_with_its_description(editor, article):
    client = client_for(editor)
    response = client.post(
        f"/press/articles/{article.pk}/images/",
        {"image": png_upload(), "alt_text": "Dockers at the gate", "caption": "Terminal 3"},
    )
    assert response.status_code == 302
    picture = article.images.get()
    assert (picture.alt_text, picture.caption) == ("Dockers at the gate", "Terminal 3")
    page = client.get(f"/press/articles/{article.pk}/").content.decode()
    assert 'alt="Dockers at the gate"' in page


def test_bad_images_are_refused(editor, article):
    client = client_for(editor)
    not_an_image = png_upload()
    not_an_image.file.write(b"garbage")
    not_an_image.file.seek(0)
    not_an_image.file.truncate(10)
    response = client.post(
        f"/press/articles/{article.pk}/images/",
        {"image": not_an_image, "alt_text": "x"},
        follow=True,
    )
    assert b"Upload a valid image" in response.content
    with pytest.raises(DomainError):
        services.image_add(actor=editor, article=article, image=png_upload(), alt_text=" ")
    assert not article.images.exists()


def test_the_image_is_public_only_once_the_article_is(editor, article, client):
    picture = services.image_add(
        actor=editor, article=article, image=png_upload(), alt_text="Dockers"
    )
    url = f"/p/images/{picture.pk}/{picture.image_name}"
    assert client.get(url).status_code == 404
    publish(editor, article)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert client.get(f"/p/images/{picture.pk}/other.png").status_code == 404
    page = client.get(f"/p/a/{article.pk}/{article.slug}/").content.decode()
    # The page shows a responsive size (here the image's own 40 px), with its dimensions.
    assert f'src="/p/images/{picture.pk}/w/40.jpg"' in page and 'alt="Dockers"' in page
    assert 'width="40" height="30"' in page
    assert f'<meta property="og:image" content="http://testserver{url}">' in page


def test_images_reach_the_pdf_and_the_export(editor, article, tmp_path):
    services.image_add(actor=editor, article=article, image=png_upload(), alt_text="Dockers")
    issue = make_issue(editor, article.publication)
    services.placement_add(actor=editor, issue=issue, article=article, page=1, is_lead=True)
    pdf = tmp_path / "issue.pdf"
    pdf.write_bytes(printing.issue_pdf(issue, language="en"))
    listing = subprocess.run(
        ["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True
    ).stdout
    assert " 40    30 " in listing  # the 40x30 picture is embedded

    publish(editor, article)
    export_site(tmp_path / "site", base_url="https://paper.example.org", search_index=False)
    picture = article.images.get()
    exported = tmp_path / "site" / "p" / "images" / str(picture.pk) / picture.image_name
    assert exported.read_bytes().startswith(b"\x89PNG")
