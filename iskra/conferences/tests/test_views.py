import subprocess

from conftest import client_for
from iskra.conferences import services
from iskra.conferences.models import Amendment


def test_members_of_the_collectives_concerned_see_motions_but_not_documents(
    conference, motion, member, outsider
):
    client = client_for(member)
    assert client.get(f"/conferences/{conference.pk}/").status_code == 200
    assert client.get(f"/conferences/{conference.pk}/motions/1/").status_code == 200
    assert client.get(f"/conferences/{conference.pk}/booklet.pdf").status_code == 404
    assert client_for(outsider).get(f"/conferences/{conference.pk}/").status_code == 404


def test_a_delegate_amends_through_the_page_and_bad_lines_are_refused(conference, motion, delegate):
    client = client_for(delegate.user)
    url = f"/conferences/{conference.pk}/motions/1/amend/"
    response = client.post(url, {"first_line": 2, "last_line": 40, "text": "x"}, follow=True)
    assert "outside the text" in response.content.decode()
    assert not Amendment.objects.exists()
    client.post(url, {"first_line": 2, "last_line": 3, "text": "Shorter."})
    assert Amendment.objects.get().text == "Shorter."


def test_only_the_chair_records_votes(conference, motion, delegate, chair):
    url = f"/conferences/{conference.pk}/motions/1/vote/"
    assert client_for(delegate.user).post(url, {"method": "counts"}).status_code == 404
    services.amendments_close(actor=chair, conference=conference)
    response = client_for(chair).post(
        url, {"method": "counts", "votes_for": 5, "votes_against": 0}, follow=True
    )
    assert "5 votes were entered but the delegates hold only 2" in response.content.decode()
    client_for(chair).post(url, {"method": "counts", "votes_for": 2, "votes_against": 0})
    motion.refresh_from_db()
    assert motion.state == "adopted"


def test_the_booklet_has_the_motion_with_line_numbers(conference, motion, delegate, tmp_path):
    response = client_for(delegate.user).get(f"/conferences/{conference.pk}/booklet.pdf")
    assert response["Content-Type"] == "application/pdf"
    pdf = tmp_path / "booklet.pdf"
    pdf.write_bytes(response.content)
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "On rents" in text
    numbered = [line.split()[0] for line in text.splitlines() if line.strip()[:1].isdigit()]
    assert {"1", "2", "3", "4", "5"} <= set(numbered)
