"""Charts drawn on the server as SVG (matplotlib, Agg), so the same chart works on a page
and in a PDF. Small and without scripts."""

import io
from datetime import date
from typing import Any

import matplotlib

matplotlib.use("Agg")

from django.utils.translation import gettext as _  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

RED = "#b3121b"


def _svg(figure: Figure) -> str:
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", bbox_inches="tight")
    return buffer.getvalue()


def _figure() -> tuple[Figure, Any]:
    figure = Figure(figsize=(6, 3))
    axes = figure.subplots()
    axes.spines[["top", "right"]].set_visible(False)
    return figure, axes


def weekly_svg(weeks: list[tuple[date, int]]) -> str:
    figure, axes = _figure()
    if weeks:
        axes.bar([week for week, _c in weeks], [copies for _w, copies in weeks], width=5, color=RED)
    axes.set_title(_("Copies handed out per week"))
    axes.set_ylabel(_("copies"))
    figure.autofmt_xdate()
    return _svg(figure)


def places_svg(rows: list[Any]) -> str:
    figure, axes = _figure()
    labels = [row.label for row in rows]
    values = [float(row.per_hundred or 0) for row in rows]
    axes.barh(labels, values, color=RED)
    axes.set_title(_("People met per 100 copies, by kind of place"))
    return _svg(figure)
