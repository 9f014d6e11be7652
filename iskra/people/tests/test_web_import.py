"""The web import: columns mapped to fields, a preview, an encoding choice, the
skip-bad-rows option and the import as a job with its result page."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from conftest import client_for
from iskra.people.models import Contact
from iskra.reliability.models import Job

ACTION_NETWORK = (
    "email,first_name,last_name,address,city,state,zip_code,country,mobile_number,tags\n"
    "thabo@example.org,Thabo,Mokoena,12 Main St,Oakland,CA,94607,US,+1 510 555 0101,"
    "teachers;strike\n"
    "lupe@example.org,Lupe,Lopez,4 Elm Ave,Fresno,CA,93721,US,+1 559 555 0102,nurses\n"
)


def _upload(client, content: bytes, encoding="auto", name="people.csv"):
    url = reverse("people:import", args=["los-angeles"])
    return client.post(
        url, {"file": SimpleUploadedFile(name, content, "text/csv"), "encoding": encoding}
    )


def _columns_post(response, **changes):
    """The column screen's form as it stands, with `changes`."""
    form = response.context["form"]
    data = {name: form[name].value() for name in form.fields}
    data = {name: value for name, value in data.items() if value not in (None, False)}
    data.update(changes)
    return data


def test_an_action_network_file_keeps_city_state_country_and_tags(los_angeles, organizer):
    client = client_for(organizer)
    response = _upload(client, ACTION_NETWORK.encode())
    assert response.status_code == 302
    columns = client.get(response["Location"])
    page = columns.content.decode()
    # The preview shows the first rows as they will be stored, before anything is.
    assert "Thabo M." in page and "12 Main St, 94607 Oakland, CA, US" in page
    assert "teachers, strike" in page and not Contact.objects.exists()
    response = client.post(response["Location"], _columns_post(columns, action="import"))
    job = Job.objects.get()
    assert response["Location"] == reverse("reliability:job", args=[job.pk])
    result = client.get(response["Location"]).content.decode()
    assert "2 contacts imported." in result
    thabo = Contact.objects.get(display_name="Thabo M.")
    assert thabo.address == "12 Main St, 94607 Oakland, CA, US"
    assert thabo.legal_name == "Thabo Mokoena" and thabo.email == "thabo@example.org"
    assert sorted(tag.name for tag in thabo.tags.all()) == ["strike", "teachers"]
    assert job.collective == los_angeles and not Job.objects.get().payload


def test_a_windows_1252_file_imports_with_its_accents(los_angeles, organizer):
    client = client_for(organizer)
    content = "display_name,workplace\nJosé,Cafetería Núñez\n".encode("cp1252")
    response = _upload(client, content, encoding="utf-8")
    # Told it is UTF-8, the screen says what to do in the browser, not on a command line.
    columns = client.get(response["Location"])
    message = columns.context["error"]
    assert "Line 2 is not UTF-8 text" in message and "--encoding" not in message
    assert "Choose another encoding" in message
    data = _columns_post(columns, encoding="cp1252", action="import")
    client.post(response["Location"], data)
    assert Contact.objects.get().workplace == "Cafetería Núñez"


def test_the_encoding_is_recognized_when_not_chosen(los_angeles, organizer):
    client = client_for(organizer)
    response = _upload(client, "display_name\nNúria\n".encode("cp1252"))
    columns = client.get(response["Location"])
    assert "Núria" in columns.content.decode()


def test_a_column_can_be_mapped_by_hand(los_angeles, organizer):
    client = client_for(organizer)
    response = _upload(client, b"Who,Where they work\nAna,Port of LA\n")
    columns = client.get(response["Location"])
    assert "Choose the column" not in columns.content.decode()
    # Nothing names a name yet: the import is refused with words for the web.
    refused = client.post(response["Location"], _columns_post(columns, action="import"))
    assert "Choose the column that holds the name" in refused.content.decode()
    data = _columns_post(columns, column_0="display_name", column_1="workplace", action="import")
    client.post(response["Location"], data)
    assert Contact.objects.get().workplace == "Port of LA"


def test_bad_rows_block_the_import_unless_skipped(los_angeles, organizer):
    client = client_for(organizer)
    response = _upload(client, b"display_name,email\nAnn,ann@example.org\nBob,bob-at\n")
    columns_url = response["Location"]
    columns = client.get(columns_url)
    assert "not an email address" in columns.content.decode()  # the preview says so
    client.post(columns_url, _columns_post(columns, action="import"))
    job = Job.objects.get()
    result = client.get(reverse("reliability:job", args=[job.pk])).content.decode()
    assert "Nothing was imported." in result and "line 3: email: not an email address" in result
    assert not Contact.objects.exists()
    columns = client.get(columns_url)
    client.post(columns_url, _columns_post(columns, skip_bad_rows="on", action="import"))
    assert list(Contact.objects.values_list("display_name", flat=True)) == ["Ann"]


def test_a_preset_sets_every_column(los_angeles, organizer):
    client = client_for(organizer)
    response = _upload(client, b"Display Name,City\nR,Detroit\n")
    columns = client.get(response["Location"])
    data = _columns_post(columns, preset="iskra", action="preset")
    client.post(response["Location"], data)
    job = Job.objects.get()
    assert job.params["columns"] == ["ignore", "ignore"]


def test_someone_else_s_upload_is_404(los_angeles, organizer, member, detroit_member):
    response = _upload(client_for(organizer), b"display_name\nAnn\n")
    job = Job.objects.get()
    assert client_for(detroit_member).get(response["Location"]).status_code == 404
    assert client_for(member).get(response["Location"]).status_code == 404
    assert client_for(member).get(reverse("reliability:job", args=[job.pk])).status_code == 404


def test_an_empty_or_huge_file_gets_a_clear_error(los_angeles, organizer):
    response = _upload(client_for(organizer), b"  \n")
    assert response.context["error"] == "The file is empty." and not Job.objects.exists()
