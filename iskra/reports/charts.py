"""The report's charts as SVG (matplotlib, Agg, as in the distribution app): copies week by
week, the stage funnel, dues paid against pledged. The same SVG goes on the page and into
the PDF."""

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

import matplotlib
from django.utils.translation import gettext as _

from iskra.distribution.charts import RED, _figure, _svg
from iskra.people.models import Stage

# Text as <text> in DejaVu Sans rather than one path per glyph: a third of the nodes, and
# WeasyPrint draws the PDF's charts that much faster (it finds the font through fontconfig).
SVG_STYLE: dict[str, Any] = {"svg.fonttype": "none", "font.family": "DejaVu Sans"}


def copies_svg(weekly: list[list[Any]]) -> str:
    figure, axes = _figure()
    weeks = [date.fromisoformat(week) for week, _copies in weekly]
    if weeks:
        axes.bar(weeks, [copies for _week, copies in weekly], width=5, color=RED)
        figure.autofmt_xdate()
    axes.set_title(_("Copies handed out per week"))
    axes.set_ylabel(_("copies"))
    return _svg(figure)


def funnel_svg(by_stage: dict[str, int]) -> str:
    figure, axes = _figure()
    stages = list(Stage.objects.order_by("-position"))
    axes.barh(
        [stage.label for stage in stages],
        [by_stage.get(stage.key, 0) for stage in stages],
        color=RED,
    )
    axes.set_title(_("Contacts by stage"))
    return _svg(figure)


def dues_svg(finance: dict[str, Any]) -> str:
    figure, axes = _figure()
    paid = float(Decimal(finance.get("dues_paid") or 0))
    pledged = float(Decimal(finance.get("dues_pledged") or 0))
    axes.barh([_("pledged"), _("paid")], [pledged, paid], color=["#999999", RED])
    axes.set_title(
        _("Dues paid against pledged (%(currency)s)") % {"currency": finance["currency"]}
    )
    return _svg(figure)


def charts_for(snapshot: dict[str, Any]) -> dict[str, str]:
    details = snapshot.get("details", {})
    drawers: dict[str, Callable[[], str]] = {
        "copies": lambda: copies_svg(details.get("weekly_copies", [])),
        "funnel": lambda: funnel_svg(details.get("contacts_by_stage", {})),
    }
    finance = snapshot.get("finance", {})
    if finance.get("available"):
        drawers["dues"] = lambda: dues_svg(finance)
    with matplotlib.rc_context(SVG_STYLE):  # type: ignore[arg-type]
        return {name: draw() for name, draw in drawers.items()}
