"""Finding 9 (the parts that are not the attendance form): NUL bytes and oversized uploads get
a 400 with a clear message on every path; one helper checks every `next`; the public forms'
CSRF cookie lasts the browser session."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from conftest import client_for
from iskra.people import csvimport, services
from iskra.people.models import Contact
from iskra.press.models import Submission
from iskra.press.tests.factories import make_editor, make_publication


@pytest.fixture
def stages(db):
    services.ensure_stages()


@pytest.fixture
def sheet(detroit_plant):
    editor = make_editor(detroit_plant, "earl")
    return make_publication(
        editor,
        detroit_plant,
        slug="plant-bulletin",
        kind="newsletter",
        names={"en": "Plant Bulletin"},
        languages=["en"],
    )


@pytest.mark.parametrize("parameter", ["q", "tag", "workplace", "topic", "stage"])
def test_a_nul_byte_in_a_filter_is_a_400_with_a_message(parameter, organizer, los_angeles):
    url = reverse("people:contacts", args=[los_angeles.slug])
    response = client_for(organizer).get(url, {parameter: "ab\x00cd"})
    assert response.status_code == 400
    assert b"NUL character" in response.content


def test_a_nul_byte_in_a_public_form_is_refused_and_nothing_is_stored(sheet):
    item = {"workplace": "Paint\x00shop", "body": "Fans broken.", "reply_to": ""}
    response = Client().post("/p/plant-bulletin/submit/", item)
    assert response.status_code == 400
    assert b"NUL character" in response.content
    assert not Submission.objects.exists()


def test_an_oversized_anonymous_upload_is_refused_clearly(sheet):
    big = SimpleUploadedFile("photo.jpg", b"\xff" * (300 * 1024), "image/jpeg")
    item = {"workplace": "Paint shop", "body": "Fans broken.", "reply_to": "", "photo": big}
    response = Client().post("/p/plant-bulletin/submit/", item)
    assert response.status_code == 400
    assert b"too large: at most 256 KB" in response.content
    assert not Submission.objects.exists()


def test_a_signed_in_upload_over_the_limit_is_refused(organizer, los_angeles, settings):
    settings.ISKRA_MAX_UPLOAD_BYTES = 100 * 1024
    upload = SimpleUploadedFile("c.csv", b"display_name\n" + b"Ann\n" * 40_000, "text/csv")
    url = reverse("people:import", args=[los_angeles.slug])
    response = client_for(organizer).post(url, {"file": upload})
    assert response.status_code == 400
    assert b"too large" in response.content


def test_a_csv_with_a_nul_byte_is_refused_by_the_importer(los_angeles, stages):
    data = b"display_name,phone\nAnn,555 0100\nB\x00b,555 0101\n"
    with pytest.raises(csvimport.ImportFileError, match="Line 3 contains a NUL character"):
        csvimport.import_contacts(data, collective=los_angeles, actor=None, preset="iskra")
    assert not Contact.objects.exists()


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/", "/\\evil.example/", "javascript:x"]
)
def test_follow_up_done_never_redirects_off_site(target, member, los_angeles, stages):
    contact = services.contact_create(actor=member, collective=los_angeles, display_name="R")
    followup = services.followup_create(
        actor=member, contact=contact, action="Call", due_on=date(2026, 11, 6), assignee=member
    )
    response = client_for(member).post(
        reverse("people:followup_done", args=[followup.pk]), {"outcome": "", "next": target}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("people:followups")


def test_follow_up_done_follows_a_local_next(member, los_angeles, stages):
    contact = services.contact_create(actor=member, collective=los_angeles, display_name="R")
    followup = services.followup_create(
        actor=member, contact=contact, action="Call", due_on=date(2026, 11, 6), assignee=member
    )
    local = reverse("people:contact", args=[contact.pk])
    response = client_for(member).post(
        reverse("people:followup_done", args=[followup.pk]), {"outcome": "", "next": local}
    )
    assert response["Location"] == local


def test_the_language_switch_never_redirects_off_site(db):
    response = Client().post("/me/language/", {"language": "es", "next": "https://evil.example/"})
    assert response["Location"] == "/"


def test_the_public_forms_csrf_cookie_lasts_the_browser_session(sheet):
    response = Client().get("/p/plant-bulletin/submit/")
    assert response.status_code == 200
    cookie = response.cookies["csrftoken"]
    assert cookie["max-age"] == "" and cookie["expires"] == ""
