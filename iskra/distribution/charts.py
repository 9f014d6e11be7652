"""Charts drawn on the server as SVG (matplotlib, Agg), so the same chart works on a page
and in a PDF. Small and without scripts.

Drawn for a phone: a 4-inch figure (288 units wide) with 12-unit text keeps its text at
12 px or more when the chart is shown at the 294 px a 360 px phone leaves it (check
`smallest_text_px`). The text stays text (svg.fonttype "none"), not outlines."""

import io
import re
import textwrap
from datetime import date
from typing import Any

import matplotlib

matplotlib.use("Agg")

import matplotlib.dates  # noqa: E402
from django.utils.translation import gettext as _  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

RED = "#b3121b"
PHONE_STYLE: dict[Any, Any] = {"font.size": 12, "axes.titlesize": 12, "svg.fonttype": "none"}
# A 360 px phone leaves a chart in a card this many pixels.
PHONE_CHART_PX = 294


def _svg(figure: Figure) -> str:
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", bbox_inches="tight")
    return buffer.getvalue()


def _title(axes: Any, title: str) -> None:
    """A title wrapped to the figure's width (a wider one would shrink the whole chart)."""
    axes.set_title("\n".join(textwrap.wrap(title, 34)))


def smallest_text_px(svg: str, shown_px: int = PHONE_CHART_PX) -> float:
    """The height of the smallest text of an SVG chart shown `shown_px` wide."""
    view_width = float(re.search(r'viewBox="[\d.]+ [\d.]+ ([\d.]+)', svg)[1])  # type: ignore[index]
    sizes = [float(size) for size in re.findall(r"font(?:-size)?:\s*([\d.]+)px", svg)]
    return min(sizes) * shown_px / view_width


def _figure(width: float = 4) -> tuple[Figure, Any]:
    figure = Figure(figsize=(width, 2.6))
    axes = figure.subplots()
    axes.spines[["top", "right"]].set_visible(False)
    return figure, axes


@matplotlib.rc_context(PHONE_STYLE)
def weekly_svg(weeks: list[tuple[date, int]]) -> str:
    figure, axes = _figure()
    if weeks:
        axes.bar([week for week, _c in weeks], [copies for _w, copies in weeks], width=5, color=RED)
    _title(axes, _("Copies handed out per week"))
    axes.set_ylabel(_("copies"))
    axes.xaxis.set_major_locator(matplotlib.dates.AutoDateLocator(maxticks=5))
    figure.autofmt_xdate()
    return _svg(figure)


@matplotlib.rc_context(PHONE_STYLE)
def places_svg(rows: list[Any]) -> str:
    figure, axes = _figure(width=3.0)  # the place labels on the left take the rest
    labels = ["\n".join(textwrap.wrap(str(row.label), 14)) for row in rows]
    values = [float(row.per_hundred or 0) for row in rows]
    axes.barh(labels, values, color=RED)
    _title(axes, _("People met per 100 copies, by kind of place"))
    return _svg(figure)
