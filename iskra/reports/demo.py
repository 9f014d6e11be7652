"""Demo reports for last October: Los Angeles (in English and Spanish) and Detroit
submitted, Johannesburg's still a draft, San Salvador's missing, so that the USA and the
international roll-ups show who reported and who did not."""

from datetime import date
from typing import TextIO

from django.contrib.auth import get_user_model
from django.utils import timezone

from iskra.network.models import Collective
from iskra.reports import services
from iskra.reports.models import Report
from iskra.reports.periods import Period, month

TEXTS = {
    ("los-angeles", "en"): (
        "Rents rose again; two tenants' committees formed near MacArthur Park.",
        "Weekly marches, the Labor Day parade and a study circle on State and Revolution.",
        "Too few comrades for the second shift at the port.",
        "Take the paper to the tenants' meetings every week.",
    ),
    ("los-angeles", "es"): (
        "Los alquileres volvieron a subir; se formaron dos comités de inquilinos cerca de "
        "MacArthur Park.",
        "Marchas semanales, el desfile del Día del Trabajo y un círculo sobre El Estado y la "
        "revolución.",
        "Muy pocos camaradas para el segundo turno del puerto.",
        "Llevar el periódico a las reuniones de inquilinos cada semana.",
    ),
    ("detroit", "en"): (
        "Layoffs announced at the Riverside plant.",
        "Gate distributions on both shifts.",
        "",
        "A workplace sheet for the second plant.",
    ),
    ("johannesburg", "en"): ("Transport strike in Soweto.", "", "", ""),
}


def last_october(today: date) -> Period:
    year = today.year if today.month >= 11 else today.year - 1
    return month(date(year, 10, 1))


def load(out: TextIO) -> None:
    period = last_october(timezone.localdate())
    organizers = get_user_model().objects.in_bulk(["ana", "keisha", "thabo"], field_name="username")
    plan = [
        ("los-angeles", "ana", True),
        ("detroit", "keisha", True),
        ("johannesburg", "thabo", False),
    ]
    for slug, username, submit in plan:
        collective = Collective.objects.filter(slug=slug).first()
        if collective is None:
            continue
        actor = organizers.get(username)
        report = services.report_open(actor=actor, collective=collective, period=period)
        if report.state == Report.State.SUBMITTED:
            continue
        for (text_slug, language), texts in TEXTS.items():
            if text_slug == slug:
                situation, work, problems, proposals = texts
                services.narrative_save(
                    actor=actor,
                    report=report,
                    language=language,
                    situation=situation,
                    work=work,
                    problems=problems,
                    proposals=proposals,
                )
        if submit:
            services.report_submit(actor=actor, report=report)
    out.write(
        f"Reports for {period.code}: Los Angeles and Detroit submitted, Johannesburg draft.\n"
    )
