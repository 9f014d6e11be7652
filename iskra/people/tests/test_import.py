"""CSV import: every bad row reported by line, all or nothing by default, duplicates
reported, presets for CiviCRM and Action Network, and the export reads back in."""

import csv
import io
import json

import pytest
from django.core.management import CommandError, call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from iskra.audit.models import LogEntry
from iskra.people import csvimport, services
from iskra.people.models import Contact

GOOD = (
    "display_name,stage,phone,email,tags,topics,workplace,department,shift,assessment,note\n"
    "M (Green Party sign),reader,+1 213 555 0147,m@example.org,march;gaza,electoral college,,,,,\n"
    "R,met,,r@example.org,march,,,,,,\n"
    "Dee,friend,313-555-0100,,,,Riverside,Paint,2nd,4,\n"
)


def _run(data, collective, actor=None, **options):
    return csvimport.import_contacts(data.encode(), collective=collective, actor=actor, **options)


def test_a_good_file_is_imported_with_tags_topics_and_protected_fields(los_angeles, organizer):
    report = _run(GOOD, los_angeles, organizer)
    assert (report.rows, report.imported, report.errors) == (3, 3, [])
    assert report.preset == "iskra" and report.ignored_columns == ["note"]
    m = Contact.objects.get(display_name="M (Green Party sign)")
    assert m.stage.key == "reader" and m.phone == "+12135550147"
    assert sorted(tag.name for tag in m.tags.all()) == ["gaza", "march"]
    assert [topic.name for topic in m.topics.all()] == ["electoral college"]
    dee = Contact.objects.get(display_name="Dee")
    assert (dee.workplace, dee.department, dee.shift, dee.assessment) == (
        "Riverside",
        "Paint",
        "2nd",
        4,
    )
    entry = LogEntry.objects.get(action="people.contact.imported")
    assert entry.details["imported"] == 3 and entry.actor == organizer
    assert "m@example.org" not in json.dumps(entry.details)


BAD = (
    "display_name,email,stage,assessment,first_met_on\n"
    "Ann,ann@example.org,reader,3,2026-09-01\n"
    ",nobody@example.org,,,\n"
    "Bob,bob-at-example,,,\n"
    "Cy,,no-such-stage,9,yesterday\n"
    "Dot,dot@example.org,,,\n"
)


def test_bad_rows_are_reported_by_line_and_nothing_is_imported(los_angeles):
    report = _run(BAD, los_angeles)
    assert report.blocked and Contact.objects.count() == 0
    found = {(error.line, error.column) for error in report.errors}
    assert found == {
        (3, "display_name"),
        (4, "email"),
        (5, "stage"),
        (5, "assessment"),
        (5, "first_met_on"),
    }
    assert report.bad_lines == 3
    assert "line 4: email: not an email address" in [str(error) for error in report.errors]


def test_skip_bad_rows_imports_the_good_ones(los_angeles):
    report = _run(BAD, los_angeles, skip_bad_rows=True)
    assert report.imported == 2
    assert set(Contact.objects.values_list("display_name", flat=True)) == {"Ann", "Dot"}


def test_dry_run_writes_nothing(los_angeles):
    report = _run(GOOD, los_angeles, dry_run=True)
    assert report.rows == 3 and report.imported == 0 and not Contact.objects.exists()


def test_duplicates_against_the_database_and_within_the_file_are_reported(los_angeles, member):
    existing = services.contact_create(
        actor=member, collective=los_angeles, display_name="M", email="M@Example.org"
    )
    data = (
        "display_name,email,phone\n"
        "M again,m@example.org,\n"
        "New,new@example.org,555 0100 22\n"
        "New twice,,5550100 22\n"
    )
    report = _run(data, los_angeles)
    assert report.imported == 1
    assert [(d.line, d.reason, d.existing_id) for d in report.duplicates] == [
        (2, "email", existing.pk),
        (4, "phone", None),
    ]
    assert Contact.objects.count() == 2


@pytest.mark.parametrize(
    "data,message",
    [
        (b"", "empty"),
        (b"   \n\n", "empty"),
        ("display_name\nJosé\n".encode("latin-1"), "Line 2 is not valid UTF-8"),
        (b"name," + b",".join(b"c%d" % i for i in range(10_000)) + b"\nx\n", "10001 columns"),
        (b"foo,bar\n1,2\n", "No column gives a name"),
    ],
)
def test_unreadable_files_get_a_clear_error_and_nothing_is_imported(data, message, los_angeles):
    with pytest.raises(csvimport.ImportFileError, match=message):
        csvimport.import_contacts(data, collective=los_angeles, actor=None)
    assert not Contact.objects.exists()


def test_another_encoding_can_be_named(los_angeles):
    data = "display_name\nJosé\n".encode("cp1252")
    report = csvimport.import_contacts(data, collective=los_angeles, actor=None, encoding="cp1252")
    assert report.imported == 1 and Contact.objects.get().display_name == "José"


def test_civicrm_export_columns_are_recognized(los_angeles):
    data = (
        '"Contact ID","Contact Type","Display Name","First Name","Last Name","Email","Phone",'
        '"Street Address","City","Postal Code","Country","Do Not Email","Do Not Phone",'
        '"Current Employer","Tag(s)"\n'
        '"12","Individual","Marisol Q.","Marisol","Quintero","mq@example.org","(213) 555-0120",'
        '"12 Main St","Los Angeles","90012","United States","0","1","Sears","Volunteer, Union"\n'
    )
    report = _run(data, los_angeles)
    assert report.preset == "civicrm" and report.imported == 1
    contact = Contact.objects.get()
    assert contact.display_name == "Marisol Q." and contact.legal_name == "Marisol Quintero"
    assert contact.address == "12 Main St, 90012 Los Angeles, United States"
    assert contact.consent and contact.consent_channels == ["email"]
    assert contact.workplace == "Sears"
    assert sorted(tag.name for tag in contact.tags.all()) == ["Union", "Volunteer"]


def test_action_network_export_columns_are_recognized(los_angeles):
    data = (
        "uuid,first_name,last_name,email,zip_code,can2_phone,can2_user_city\n"
        "action_network:1,Thabo,Mokoena,thabo@example.org,2001,+27 11 555 0101,Johannesburg\n"
    )
    report = _run(data, los_angeles)
    assert report.preset == "actionnetwork" and report.imported == 1
    contact = Contact.objects.get()
    assert contact.display_name == "Thabo M." and contact.phone == "+27115550101"
    assert "uuid" in report.ignored_columns


def test_a_mapping_file_names_the_columns(los_angeles, tmp_path):
    mapping = tmp_path / "mapping.json"
    mapping.write_text(json.dumps({"Nombre": "display_name", "Correo": "email"}))
    data = b"Nombre;Correo\nLuc\xc3\xada;lucia@example.org\n"
    report = csvimport.import_contacts(
        data,
        collective=los_angeles,
        actor=None,
        mapping=csvimport.load_mapping(mapping),
    )
    assert report.imported == 1 and Contact.objects.get().email == "lucia@example.org"
    mapping.write_text(json.dumps({"Nombre": "shoe_size"}))
    with pytest.raises(csvimport.ImportFileError, match="unknown fields: shoe_size"):
        csvimport.load_mapping(mapping)


def test_the_export_reads_back_in(los_angeles, detroit, m_contact):
    rows = list(csvimport.export_rows(Contact.objects.select_related("stage", "collective").all()))
    buffer = io.StringIO()
    csv.writer(buffer).writerows([[csvimport.sanitize_cell(cell) for cell in row] for row in rows])
    report = csvimport.import_contacts(buffer.getvalue().encode(), collective=detroit, actor=None)
    assert report.imported == 1 and report.preset == "iskra"
    copy = Contact.objects.get(collective=detroit)
    assert (copy.display_name, copy.phone, copy.email, copy.stage.key) == (
        m_contact.display_name,
        m_contact.phone,
        m_contact.email,
        "reader",
    )


def test_formulas_are_neutralized_in_exports_but_phone_numbers_are_not():
    assert csvimport.sanitize_cell("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert csvimport.sanitize_cell("+1 (213) 555-0147") == "+1 (213) 555-0147"
    assert csvimport.sanitize_cell("@evil") == "'@evil"


def test_the_command_reports_lines_and_refuses_a_bad_file(los_angeles, tmp_path, capsys):
    path = tmp_path / "contacts.csv"
    path.write_text(BAD)
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("import_contacts", str(path), "--collective", "los-angeles")
    err = capsys.readouterr().err
    assert "line 3: display_name" in err and "line 5: stage" in err
    call_command("import_contacts", str(path), "--collective", "los-angeles", "--skip-bad-rows")
    assert "Imported 2 contacts" in capsys.readouterr().out
    with pytest.raises(CommandError, match="No collective"):
        call_command("import_contacts", str(path), "--collective", "atlantis")


def test_export_command_writes_csv_and_audits_each_contact(m_contact, tmp_path):
    out = tmp_path / "out.csv"
    call_command("export_contacts", "--collective", "los-angeles", "--out", str(out))
    rows = list(csv.DictReader(out.open()))
    assert rows[0]["email"] == "m.green@example.org"
    assert LogEntry.objects.filter(
        action="people.contact.read",
        object_id=str(m_contact.pk),
        details__purpose="export (command line)",
    ).exists()


cell = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=st.lists(st.tuples(cell, cell, cell), max_size=8))
def test_any_text_gives_a_report_never_a_crash(rows, los_angeles):
    """Whatever the cells hold, the reader answers with imported rows or line-numbered
    errors; every row is accounted for and nothing else is written."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["display_name", "email", "assessment"])
    writer.writerows(rows)
    before = Contact.objects.count()
    if "\x00" in buffer.getvalue():  # a NUL makes it a binary file: refused whole, by line
        with pytest.raises(csvimport.ImportFileError, match="NUL character"):
            csvimport.import_contacts(
                buffer.getvalue().encode(), collective=los_angeles, actor=None
            )
        assert Contact.objects.count() == before
        return
    report = csvimport.import_contacts(
        buffer.getvalue().encode(), collective=los_angeles, actor=None, skip_bad_rows=True
    )
    accounted = report.imported + report.bad_lines + len(report.duplicates)
    assert accounted == report.rows
    assert Contact.objects.count() == before + report.imported
    assert all(error.line >= 2 for error in report.errors)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.binary(max_size=300))
def test_arbitrary_bytes_never_crash_the_reader(data, los_angeles):
    try:
        report, _rows = csvimport.read_rows(data, collective=los_angeles, actor=None)
    except csvimport.ImportFileError as error:
        assert str(error)
    else:
        assert report.rows >= 0
