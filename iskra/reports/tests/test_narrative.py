import pytest

from iskra.core.errors import DomainError
from iskra.reports import services
from iskra.reports.models import Narrative
from iskra.reports.tests.factories import past_month


def _save(report, actor, language, text):
    return services.narrative_save(
        actor=actor,
        report=report,
        language=language,
        situation=text,
        work="",
        problems="",
        proposals="",
    )


def test_each_language_is_linked_to_the_original_as_its_translation(organizer, los_angeles):
    report = services.report_open(actor=organizer, collective=los_angeles, period=past_month())
    original = _save(report, organizer, "en", "Rents are up.")
    translation = _save(report, organizer, "es", "Los alquileres suben.")
    assert original.translation_of is None
    assert translation.translation_of == original
    _save(report, organizer, "en", "Rents are up again.")
    assert Narrative.objects.filter(report=report).count() == 2


def test_a_language_the_collective_does_not_write_is_refused(organizer, los_angeles):
    report = services.report_open(actor=organizer, collective=los_angeles, period=past_month())
    with pytest.raises(DomainError, match="writes in en, es"):
        _save(report, organizer, "fr", "Les loyers montent.")
    assert not Narrative.objects.exists()
