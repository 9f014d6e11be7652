"""A print job sets Python's older objects aside from the garbage collector and looks at the
young ones less often (`printing._collected_at_the_end`); after the job, failed or not, the
collector is as it was and the job's garbage is gone."""

import gc

import pytest

from iskra.press import printing
from iskra.press.tests.factories import combined_night_shift


@pytest.fixture
def issue(los_angeles):
    _editor, _paper, issue = combined_night_shift(los_angeles, (8, 3, 10, 4))
    return issue


def test_during_a_print_job_the_collector_looks_less_often_and_after_it_as_before(issue):
    before = gc.get_threshold()
    during: list[tuple] = []

    def report(_step: str) -> None:
        during.append((gc.get_threshold(), gc.get_freeze_count() > 0, gc.isenabled()))

    collections: list[tuple] = []

    def collected(phase: str, info: dict) -> None:
        if phase == "stop":
            collections.append((info["generation"], gc.get_threshold(), info["collected"]))

    gc.callbacks.append(collected)
    try:
        result = printing.print_issue(issue, report=report)
    finally:
        gc.callbacks.remove(collected)
    assert result.pages >= 4
    assert during and set(during) == {(printing.JOB_GC_THRESHOLDS, True, True)}
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0
    # The job's garbage is collected in one pass as it ends.
    generation, thresholds, found = collections[-1]
    assert (generation, thresholds) == (1, before) and found > 1000


def test_a_failed_print_job_leaves_the_collector_as_it_was(issue, monkeypatch):
    before = gc.get_threshold()

    def broken(job):
        raise RuntimeError("the layout failed")

    monkeypatch.setattr(printing, "_laid_out", broken)
    with pytest.raises(RuntimeError):
        printing.print_issue(issue)
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


def test_a_print_job_inside_another_leaves_the_settings_to_the_outer_one(issue):
    with printing._collected_at_the_end():
        printing.render_document(issue)
        assert gc.get_threshold() == printing.JOB_GC_THRESHOLDS
        assert gc.get_freeze_count() > 0
    assert gc.get_freeze_count() == 0
