"""The project's URLs plus two pages for `core.page_overhead_ms` (used only by `iskra bench`):
a bare view, and a signed-in page that reads nothing itself."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path

from iskra.urls import urlpatterns as project_urlpatterns


def bare(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


@login_required
def empty_page(request: HttpRequest) -> HttpResponse:
    return render(request, "core/bench_empty.html")


urlpatterns = [
    path("bench/bare/", bare),
    path("bench/page/", empty_page),
    *project_urlpatterns,
]
