"""`iskra print_report` writes a PDF whose text holds the report's figures."""

import subprocess

import pytest
from django.core.management import CommandError, call_command

from iskra.reports import services
from iskra.reports.tests.factories import a_day_in, outing_on, paper_for, past_month


def _text(path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_print_report_makes_a_pdf_with_the_figures(member, organizer, los_angeles, usa, tmp_path):
    period = past_month()
    issue = paper_for(usa, los_angeles)
    outing_on(member, los_angeles, issue, a_day_in(period), copies=137)
    outing_on(member, los_angeles, issue, a_day_in(period.previous()), copies=29)
    report = services.report_open(actor=organizer, collective=los_angeles, period=period)
    version = services.report_submit(actor=organizer, report=report)
    out = tmp_path / "la.pdf"
    call_command(
        "print_report", "--collective", "los-angeles", "--period", period.code, "--out", str(out)
    )
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True)
    assert "Pages:" in info.stdout
    text = _text(out)
    assert "137" in text and "29" in text
    assert version.sha256 in text.replace("\n", "").replace(" ", "")


def test_print_report_in_spanish_and_for_a_parent_with_its_rollup(
    member, los_angeles, usa, tmp_path
):
    period = past_month()
    outing_on(member, los_angeles, paper_for(usa, los_angeles), a_day_in(period), copies=61)
    services.report_submit(
        actor=None, report=services.report_open(actor=None, collective=los_angeles, period=period)
    )
    out = tmp_path / "usa.pdf"
    call_command(
        "print_report",
        "--collective",
        "usa",
        "--period",
        period.code,
        "--out",
        str(out),
        "--language",
        "es",
    )
    text = _text(out)
    assert "Ejemplares repartidos" in text and "61" in text
    assert "1 de 1 colectivo entregó su informe" in " ".join(text.split())


def test_print_report_refuses_a_bad_period(los_angeles, tmp_path):
    with pytest.raises(CommandError, match="is not a period"):
        call_command(
            "print_report", "--collective", "los-angeles", "--period", "Q3", "--out", "x.pdf"
        )
