"""The report as PDF (WeasyPrint, in the house style of `iskra/press` print: DejaVu fonts by
name, page numbers at the foot) and as CSV."""

import base64
import csv
import io
import logging
from typing import Any

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from iskra.reports import charts
from iskra.reports.queries import Rollup, comparison, labels

logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


def _data_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def report_html(
    *,
    snapshot: dict[str, Any],
    sha256: str | None,
    rollup: Rollup | None,
    language: str,
) -> str:
    with translation.override(language):
        chart_uris = {name: _data_uri(svg) for name, svg in charts.charts_for(snapshot).items()}
        rollup_charts = {}
        if rollup is not None and rollup.submitted:
            rollup_charts = {
                name: _data_uri(svg)
                for name, svg in charts.charts_for({"details": rollup.details}).items()
            }
        narratives = [
            n for n in snapshot.get("narratives", []) if n["language"] == language
        ] or snapshot.get("narratives", [])[:1]
        return render_to_string(
            "reports/print/report.html",
            {
                "snapshot": snapshot,
                "sha256": sha256,
                "rows": comparison(snapshot),
                "charts": chart_uris,
                "rollup": rollup,
                "rollup_rows": comparison(rollup.totals) if rollup else [],
                "rollup_charts": rollup_charts,
                "narratives": narratives,
                "language": language,
                "labels": labels(),
            },
        )


def report_pdf(**kwargs: Any) -> bytes:
    from weasyprint import HTML  # imported late: slow to import, only printing needs it

    return bytes(HTML(string=report_html(**kwargs)).write_pdf())


def report_csv(snapshot: dict[str, Any], rollup: Rollup | None) -> str:
    """One row a figure: section, name, this period, the previous one."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([_("section"), _("figure"), _("this period"), _("previous period")])
    for row in comparison(snapshot):
        writer.writerow(["figures", row.key, _cell(row.current), _cell(row.previous)])
    details = snapshot.get("details", {})
    for line in details.get("copies_by_publication", []):
        writer.writerow(
            ["copies_by_publication", f"{line['publication']}:{line['language']}", line["copies"]]
        )
    for kind, count in details.get("outings_by_kind", {}).items():
        writer.writerow(["outings_by_kind", kind, count])
    for stage, count in details.get("contacts_by_stage", {}).items():
        writer.writerow(["contacts_by_stage", stage, count])
    for move in details.get("stage_moves", []):
        writer.writerow(["stage_moves", f"{move['from'] or '-'}>{move['to']}", move["count"]])
    finance = snapshot.get("finance", {})
    if finance.get("available"):
        for name in ("income_by_category", "expenses_by_category"):
            for code, amount in finance[name].items():
                writer.writerow([f"finance.{name}", code, amount, finance["currency"]])
        writer.writerow(["finance", "dues_paid", finance["dues_paid"], finance["currency"]])
        writer.writerow(["finance", "dues_pledged", finance["dues_pledged"], finance["currency"]])
    for decision in snapshot.get("decisions", []):
        writer.writerow(["decisions", decision["title"], decision["state"], decision["progress"]])
    if rollup is not None:
        for row in comparison(rollup.totals):
            writer.writerow(["rollup", row.key, _cell(row.current), _cell(row.previous)])
        if rollup.finance.get("available"):
            currency = rollup.finance["currency"]
            for name in ("income_by_category", "expenses_by_category"):
                for code, amount in rollup.finance[name].items():
                    writer.writerow([f"rollup.finance.{name}", code, amount, currency])
            for name in ("dues_paid", "dues_pledged"):
                writer.writerow(["rollup.finance", name, rollup.finance[name], currency])
        writer.writerow(["rollup", "reported", rollup.reported, len(rollup.expected)])
    return buffer.getvalue()


def _cell(value: Any) -> Any:
    return "" if value is None else value
