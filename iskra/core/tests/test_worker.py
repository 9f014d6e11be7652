"""`iskra worker` runs jobs that the database backend queued (the production set-up)."""

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django_tasks import task

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@task()
def remember(value: str) -> str:
    cache.set("worker-test", value)
    return value.upper()


@pytest.fixture
def database_backend(settings):
    # django-tasks resets its backends when the TASKS setting changes.
    settings.TASKS = DATABASE_TASKS


@pytest.mark.django_db(transaction=True)
def test_it_runs_queued_jobs(database_backend):
    cache.delete("worker-test")
    result = remember.using().enqueue("spark")
    assert cache.get("worker-test") is None  # queued, not run
    call_command("worker", batch=True, interval=0.1)
    result.refresh()
    assert result.status == "SUCCESSFUL"
    assert result.return_value == "SPARK"
    assert cache.get("worker-test") == "spark"


def test_development_runs_jobs_at_once(db):
    cache.delete("worker-test")
    remember.enqueue("now")
    assert cache.get("worker-test") == "now"
