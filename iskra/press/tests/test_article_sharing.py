"""A sister organization's instance takes an article and its translations (DESIGN.md story 5):
exported as a bundle from one publication, imported into another as drafts, linked as they were,
with the original's attribution and source link. Through a file, the editor's form, and over
HTTP from a live server on 127.0.0.1."""

import json
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from conftest import client_for
from iskra.press import services
from iskra.press.models import Article
from iskra.press.tests.factories import (
    make_article,
    make_editor,
    make_publication,
    png_upload,
    publish,
)


@pytest.fixture
def red_banner(los_angeles):
    editor = make_editor(los_angeles, "tomas")
    paper = make_publication(editor, los_angeles)
    original = make_article(
        editor, paper, title="Strike at the port", body="Dockers walked out.", topics=["Strikes"]
    )
    services.image_add(actor=editor, article=original, image=png_upload(), alt_text="The picket")
    spanish = services.article_translate(
        actor=editor, article=original, language="es", title="Huelga en el puerto", body="Salieron."
    )
    services.article_translate(
        actor=editor, article=original, language="fr", title="Brouillon SECRET", body="Pas fini."
    )
    publish(editor, original)
    publish(editor, spanish)
    return original


@pytest.fixture
def sister(detroit):
    editor = make_editor(detroit, "julien")
    return editor, make_publication(
        editor, detroit, slug="drapeau-rouge", names={"fr": "Drapeau Rouge"}, languages=["fr", "en"]
    )


def export(article, tmp_path):
    path = tmp_path / "article.json"
    call_command(
        "export_article",
        str(article.pk),
        "--out",
        str(path),
        "--base-url",
        "https://red.example.org",
        stdout=StringIO(),
    )
    return path


def test_export_then_import_keeps_translations_attribution_and_images(red_banner, sister, tmp_path):
    _editor, paper = sister
    path = export(red_banner, tmp_path)
    bundle = json.loads(path.read_text())
    assert bundle["format"] == "iskra-article/1"
    assert sorted(v["language"] for v in bundle["versions"]) == ["en", "es"]  # no draft
    assert "SECRET" not in path.read_text()

    call_command("import_article", str(path), "--publication", paper.slug, stdout=StringIO())
    taken = Article.objects.get(publication=paper, translation_of__isnull=True)
    assert taken.state == Article.State.DRAFT and taken.collective == paper.collective
    assert taken.title == "Strike at the port" and taken.language == "en"
    assert taken.source_name == "Red Banner"
    assert taken.source_url == f"https://red.example.org/p/a/{red_banner.pk}/{red_banner.slug}/"
    [spanish] = taken.translations.all()
    assert spanish.language == "es" and spanish.state == Article.State.DRAFT
    assert spanish.source_name == "Bandera Roja" and spanish.source_url.endswith("/")
    assert [topic.slug for topic in taken.topics.all()] == ["strikes"]
    [picture] = taken.images.all()
    assert picture.alt_text == "The picket"
    assert picture.image.read() == red_banner.images.get().image.read()

    with pytest.raises(CommandError, match="already"):
        call_command("import_article", str(path), "--publication", paper.slug)
    assert Article.objects.filter(publication=paper).count() == 2


def test_the_editor_takes_an_article_from_a_file(red_banner, sister, tmp_path):
    editor, paper = sister
    upload = SimpleUploadedFile("article.json", export(red_banner, tmp_path).read_bytes())
    response = client_for(editor).post(f"/press/{paper.slug}/articles/take/", {"bundle": upload})
    taken = Article.objects.get(publication=paper, translation_of__isnull=True)
    assert response.status_code == 302 and response["Location"] == f"/press/articles/{taken.pk}/"
    page = client_for(editor).get(f"/press/articles/{taken.pk}/").content.decode()
    assert 'First published by <a href="https://red.example.org/p/a/' in page


def test_bad_input_is_refused_clearly_and_nothing_is_created(sister):
    editor, paper = sister
    client = client_for(editor)
    for upload, message in [
        (b"not json", "not JSON"),
        (b'{"format": "other"}', "format iskra-article/1 expected"),
        (
            b'{"format": "iskra-article/1", "versions": [{"language": "xx", "title": "T"}]}',
            "xx is not one of the content languages",
        ),
    ]:
        response = client.post(
            f"/press/{paper.slug}/articles/take/",
            {"bundle": SimpleUploadedFile("a.json", upload)},
        )
        assert response.status_code == 200
        assert message in response.content.decode()
    response = client.post(f"/press/{paper.slug}/articles/take/", {})
    assert "Give either the address or the file." in response.content.decode()
    assert not Article.objects.filter(publication=paper).exists()


def test_an_outsider_cannot_take_articles_into_the_publication(sister, outsider, organizer):
    _editor, paper = sister
    for user in (outsider, organizer):
        assert client_for(user).get(f"/press/{paper.slug}/articles/take/").status_code == 404


def test_only_published_articles_have_a_bundle(red_banner, client):
    draft = red_banner.translations.get(language="fr")
    assert client.get(f"/p/a/{draft.pk}/{draft.slug}/bundle.json").status_code == 404
    bundle = client.get(f"/p/a/{red_banner.pk}/{red_banner.slug}/bundle.json").json()
    assert [v["title"] for v in bundle["versions"] if v["original"]] == ["Strike at the port"]


@pytest.mark.django_db(transaction=True)
def test_an_article_is_taken_over_http_from_a_live_server(
    live_server, red_banner, sister, settings
):
    """The other instance here is the live server on 127.0.0.1 (a private address, allowed
    by the setting); the import reads its public article page's address, as an editor
    pastes it."""
    settings.ISKRA_IMPORT_PRIVATE_ADDRESSES = True
    editor, paper = sister
    address = f"{live_server.url}/p/a/{red_banner.pk}/{red_banner.slug}/"
    assert address.startswith("http://127.0.0.1:") or address.startswith("http://localhost:")
    response = client_for(editor).post(f"/press/{paper.slug}/articles/take/", {"url": address})
    assert response.status_code == 302
    taken = Article.objects.get(publication=paper, translation_of__isnull=True)
    assert taken.source_url == address
    assert {v.language for v in taken.translations.all()} == {"es"}


@pytest.mark.django_db(transaction=True)
def test_the_editors_form_does_not_fetch_from_the_servers_own_network(live_server, sister):
    editor, paper = sister
    for address in (f"{live_server.url}/p/a/1/x/", "http://10.0.0.1/p/a/1/x/"):
        response = client_for(editor).post(f"/press/{paper.slug}/articles/take/", {"url": address})
        assert "Give the address of an article on a public Iskra site." in (
            response.content.decode()
        )


@pytest.mark.django_db(transaction=True)
def test_an_unreachable_site_is_a_clear_error(live_server, sister, settings):
    settings.ISKRA_IMPORT_PRIVATE_ADDRESSES = True
    editor, paper = sister
    response = client_for(editor).post(
        f"/press/{paper.slug}/articles/take/", {"url": f"{live_server.url}/p/a/999999/none/"}
    )
    assert "The other site answered 404" in response.content.decode()
    assert not Article.objects.filter(publication=paper).exists()


def test_an_article_is_taken_from_a_static_export_served_over_http(red_banner, sister, tmp_path):
    """The organizing server need not face the internet: the static export carries the
    bundles, and a plain static file server on 127.0.0.1 is enough to take an article."""
    import functools
    import http.server
    import threading

    _editor, paper = sister
    site = tmp_path / "site"
    call_command("export_site", str(site), "--base-url", "http://127.0.0.1", "--no-search")
    call_command("export_bundles", str(site), "--base-url", "http://127.0.0.1", stdout=StringIO())
    spanish = red_banner.translations.get(language="es")
    assert (site / f"p/a/{spanish.pk}/{spanish.slug}/bundle.json").is_file()
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        address = f"http://127.0.0.1:{server.server_port}/p/a/{spanish.pk}/{spanish.slug}/"
        call_command("import_article", address, "--publication", paper.slug, stdout=StringIO())
    finally:
        server.shutdown()
        server.server_close()
    taken = Article.objects.get(publication=paper, translation_of__isnull=True)
    assert taken.language == "en" and taken.translations.get().language == "es"
    assert taken.source_url == f"http://127.0.0.1/p/a/{red_banner.pk}/{red_banner.slug}/"
