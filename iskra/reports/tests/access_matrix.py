"""Reports: aggregates to read (member and organizer of Los Angeles, the centre), manage to
write (the organizer); everybody else 404."""

from iskra.core.testing import Case, World
from iskra.reports import services
from iskra.reports.tests.factories import past_month


def _period() -> str:
    return past_month().code


def _la(world: World) -> dict[str, str]:
    return {"slug": world.los_angeles.slug}


def _report(world: World) -> dict[str, str]:
    if "report" not in world.extra:
        world.extra["report"] = services.report_open(
            actor=None, collective=world.los_angeles, period=past_month()
        )
    return {"slug": world.los_angeles.slug, "period": _period()}


def _text(world: World) -> dict[str, str]:
    return {**_report(world), "language": "en"}


def _chart(world: World) -> dict[str, str]:
    return {**_report(world), "name": "copies"}


def _remind(world: World) -> dict[str, str]:
    return {"slug": world.usa.slug, "period": _period(), "child": world.detroit.slug}


MATRIX = [
    Case("reports:index", outsider=200, other=200, centre=200),
    Case("reports:collective", _la, centre=200),
    Case("reports:detail", _report, centre=200),
    Case("reports:narrative", _text, member=404),
    Case("reports:submit", _report, method="post", member=404, organizer=302, centre=404),
    Case("reports:correct", _report, method="post", member=404, organizer=302, centre=404),
    Case("reports:pdf", _report, centre=200),
    Case("reports:csv", _report, centre=200),
    Case("reports:chart", _chart, centre=200),
    Case("reports:remind", _remind, method="post", member=404, organizer=404, centre=302),
]
