"""/healthz tells a monitor about the database, the cache and the queue, and nothing else."""

from datetime import timedelta

from django.test import Client
from django.utils import timezone

from iskra.reliability.gunicorn import QuietHealthLogger


def test_it_reports_database_cache_and_no_queue_in_development(db):
    response = Client().get("/healthz")
    assert response.status_code == 200
    assert response.json() == {
        "database": "ok",
        "cache": "ok",
        "oldest_waiting_job_seconds": None,
    }


def test_it_reports_the_oldest_waiting_job(db, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    from django_tasks_db.models import DBTaskResult

    from iskra.reliability.jobs import run_job

    run_job.enqueue("00000000-0000-0000-0000-000000000000")
    DBTaskResult.objects.update(enqueued_at=timezone.now() - timedelta(minutes=5))
    seconds = Client().get("/healthz").json()["oldest_waiting_job_seconds"]
    assert 299 <= seconds <= 330


def test_it_fails_when_the_cache_fails(db, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
        }
    }
    response = Client().get("/healthz")
    assert response.status_code == 503 and response.json()["cache"] == "failing"


def test_the_access_log_leaves_it_out(capsys):
    class Config:
        errorlog = "-"
        accesslog = "-"
        loglevel = "info"
        access_log_format = '"%(m)s %(U)s" %(s)s'
        syslog = False
        logconfig = None
        logconfig_dict = {}
        logconfig_json = None
        capture_output = False
        disable_redirect_access_to_syslog = False
        user = 0
        group = 0
        umask = 0
        statsd_host = None
        dogstatsd_tags = ""
        statsd_prefix = ""

    logger = QuietHealthLogger(Config())
    response = type("Response", (), {"status": "200 OK", "sent": 2, "headers": []})()
    request = type("Request", (), {"headers": []})()
    for path in ("/healthz", "/people/"):
        environ = {
            "PATH_INFO": path,
            "RAW_URI": path,
            "REQUEST_METHOD": "GET",
            "QUERY_STRING": "",
            "SERVER_PROTOCOL": "HTTP/1.1",
        }
        logger.access(response, request, environ, timedelta(seconds=0.01))
    logged = capsys.readouterr()
    assert "/people/" in logged.out + logged.err and "/healthz" not in logged.out + logged.err
