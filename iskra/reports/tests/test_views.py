"""The report pages: the organizer writes and submits; members read; outsiders get 404."""

import subprocess

import pytest

from conftest import client_for
from iskra.reports.models import Narrative, Report
from iskra.reports.tests.factories import a_day_in, outing_on, paper_for, past_month


@pytest.fixture
def period(member, los_angeles, usa):
    period = past_month()
    outing_on(member, los_angeles, paper_for(usa, los_angeles), a_day_in(period), copies=43)
    return period


def test_the_organizer_opens_writes_and_submits(organizer, los_angeles, period):
    client = client_for(organizer)
    response = client.post("/reports/los-angeles/", {"period": period.code})
    assert response.status_code == 302
    url = f"/reports/los-angeles/{period.code}/"
    response = client.post(
        url + "text/en/",
        {"situation": "Rents", "work": "Marches", "problems": "", "proposals": "More gates"},
    )
    assert response.status_code == 302 and Narrative.objects.get().proposals == "More gates"
    assert client.post(url + "submit/").status_code == 302
    page = client.get(url).content.decode()
    assert Report.objects.get().state == "submitted"
    assert "SHA-256" in page and Report.objects.get().versions.get().sha256 in page
    assert ">43<" in page


def test_a_bad_period_is_refused_with_the_form_kept(organizer, los_angeles):
    response = client_for(organizer).post("/reports/los-angeles/", {"period": "Octember"})
    assert response.status_code == 200
    assert "is not a period" in response.content.decode()
    assert not Report.objects.exists()


def test_a_member_reads_but_cannot_submit(member, organizer, los_angeles, period):
    client_for(organizer).post("/reports/los-angeles/", {"period": period.code})
    client = client_for(member)
    assert client.get(f"/reports/los-angeles/{period.code}/").status_code == 200
    assert client.post(f"/reports/los-angeles/{period.code}/submit/").status_code == 404
    assert Report.objects.get().state == "draft"


def test_outsiders_and_other_collectives_get_404(outsider, detroit_member, organizer, period):
    client_for(organizer).post("/reports/los-angeles/", {"period": period.code})
    for user in (outsider, detroit_member):
        client = client_for(user)
        assert client.get(f"/reports/los-angeles/{period.code}/").status_code == 404
        assert client.get(f"/reports/los-angeles/{period.code}/report.pdf").status_code == 404


def test_the_pdf_and_csv_hold_the_figures(organizer, los_angeles, period, tmp_path):
    client = client_for(organizer)
    client.post("/reports/los-angeles/", {"period": period.code})
    response = client.get(f"/reports/los-angeles/{period.code}/report.pdf")
    assert response["Content-Type"] == "application/pdf"
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(response.content)
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Copies handed out" in text and "43" in text
    assert "No finance data" in text
    csv_text = client.get(f"/reports/los-angeles/{period.code}/report.csv").content.decode()
    assert "figures,copies,43," in csv_text


def test_the_charts_are_svg(organizer, los_angeles, period):
    client = client_for(organizer)
    client.post("/reports/los-angeles/", {"period": period.code})
    response = client.get(f"/reports/los-angeles/{period.code}/chart/copies.svg")
    assert response["Content-Type"] == "image/svg+xml"
    assert response.content.lstrip().startswith(b"<?xml")
    assert client.get(f"/reports/los-angeles/{period.code}/chart/nothing.svg").status_code == 404
