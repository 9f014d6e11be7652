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


def test_the_responsible_organizer_notes_progress_and_a_member_cannot(
    conference, chair, organizer, member, los_angeles
):
    decision = services.decision_create(
        actor=chair, conference=conference, title="Tenants", responsible=los_angeles
    )
    url = f"/conferences/decisions/{decision.pk}/"
    data = {"text": "Two meetings", "progress": 40, "state": "under_way"}
    assert client_for(member).post(url, data).status_code == 404
    assert client_for(organizer).post(url, {**data, "progress": 400}).status_code == 200
    assert client_for(organizer).post(url, data).status_code == 302
    decision.refresh_from_db()
    assert (decision.progress, decision.state) == (40, "under_way")


def test_every_write_is_in_the_audit_log(conference, motion, delegate, chair):
    from iskra.audit.models import LogEntry

    services.amendment_propose(
        actor=delegate.user, motion=motion, delegate=delegate, first_line=1, last_line=1, text="x"
    )
    actions = set(LogEntry.objects.values_list("action", flat=True))
    assert {
        "conferences.conference.created",
        "conferences.delegate.added",
        "conferences.motion.created",
        "conferences.amendment.proposed",
    } <= actions
    assert LogEntry.objects.filter(action="conferences.amendment.proposed").get().collective_id
