"""The conference booklet as PDF: agenda, the period reports that attend, contributions and
motions with their line numbers, in each language of the organizing collective. Same house
style as the report and the press print (DejaVu by name, page numbers at the foot)."""

from typing import Any

from django.template.loader import render_to_string
from django.utils import translation

from iskra.conferences import lines, queries
from iskra.conferences.models import Conference
from iskra.reports.queries import comparison


def _in_language(contribution: Any, language: str) -> Any:
    for version in [contribution, *contribution.translations.all()]:
        if version.language == language:
            return version
    return contribution


def booklet_html(conference: Conference, *, language: str | None = None) -> str:
    languages = [language] if language else (conference.collective.languages or ["en"])
    reports = [
        (report, comparison(report.versions.all()[0].snapshot))
        for report in queries.attending_reports(conference)
    ]
    motions = [
        (motion, lines.numbered(motion.text), queries.amendments_of(motion))
        for motion in conference.motions.all()
    ]
    parts = []
    for code in languages:
        with translation.override(code):
            parts.append(
                render_to_string(
                    "conferences/print/part.html",
                    {
                        "conference": conference,
                        "language": code,
                        "agenda": conference.agenda.all(),
                        "reports": reports,
                        "contributions": [
                            _in_language(c, code) for c in queries.contributions_of(conference)
                        ],
                        "motions": motions,
                    },
                )
            )
    return render_to_string(
        "conferences/print/booklet.html",
        {"conference": conference, "parts": parts, "language": languages[0]},
    )


def booklet_pdf(conference: Conference, *, language: str | None = None) -> bytes:
    from weasyprint import HTML

    return bytes(HTML(string=booklet_html(conference, language=language)).write_pdf())
