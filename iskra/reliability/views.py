from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from iskra.core.errors import DomainError
from iskra.reliability import backup_jobs, health, jobs, outputs
from iskra.reliability.models import Job


def _own_job_or_404(request: HttpRequest, pk: str) -> Job:
    """A job is seen only by the person who started it."""
    job = Job.objects.defer("payload").filter(pk=pk, created_by_id=request.user.pk).first()
    if job is None or job.state == Job.State.DRAFT:
        raise Http404
    return job


@login_required
def job_detail(request: HttpRequest, pk: str) -> HttpResponse:
    job = _own_job_or_404(request, pk)
    context = {
        "job": job,
        "result_template": job.params.get("result_template", ""),
        "download": outputs.output_ready(job),
    }
    if request.headers.get("HX-Request"):
        response = render(request, "reliability/job_progress.html", context)
        if job.finished:
            response["HX-Refresh"] = "true"  # the whole page, with the result
        return response
    return render(request, "reliability/job.html", context)


@login_required
@require_POST
def job_cancel(request: HttpRequest, pk: str) -> HttpResponse:
    job = _own_job_or_404(request, pk)
    try:
        jobs.job_cancel(actor=request.user, job=job)
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("reliability:job", pk=job.pk)


@login_required
def job_download(request: HttpRequest, pk: str) -> FileResponse:
    """The file a finished job made, for the person who started it only."""
    job = _own_job_or_404(request, pk)
    if not outputs.output_ready(job):
        raise Http404
    response = FileResponse(
        outputs.output_path(job).open("rb"), as_attachment=True, filename=job.output_name
    )
    response["Cache-Control"] = "private, no-store"
    return response


def _superuser_or_404(request: HttpRequest) -> None:
    if not request.user.is_superuser:
        raise Http404


@login_required
def backups(request: HttpRequest) -> HttpResponse:
    _superuser_or_404(request)
    context = {
        "folder": backup_jobs.backup_folder(),
        "backups": backup_jobs.backup_list(),
        "running": Job.objects.filter(
            runner=backup_jobs.RUNNER,
            created_by_id=request.user.pk,
            state__in=[Job.State.QUEUED, Job.State.RUNNING],
        ).first(),
    }
    return render(request, "reliability/backups.html", context)


@login_required
@require_POST
def backup_start(request: HttpRequest) -> HttpResponse:
    _superuser_or_404(request)
    try:
        job = backup_jobs.backup_start(actor=request.user)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("reliability:backups")
    return redirect("reliability:job", pk=job.pk)


def healthz(request: HttpRequest) -> HttpResponse:
    """For monitors and load balancers: the database, the cache and the age of the oldest
    job waiting in the queue; nothing else. 503 when the database or the cache fails."""
    checks = health.check()
    status = 200 if checks["database"] == "ok" and checks["cache"] == "ok" else 503
    response = JsonResponse(checks, status=status)
    response["Cache-Control"] = "no-store"
    return response
