from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from iskra.core.privacy import device_label

# Public pages (articles, feeds, the submission form) may be cached; nothing else may.
PUBLIC_PREFIXES = ("/static/", "/p/")


class NoStoreMiddleware:
    """`Cache-Control: no-store` on every page that may show organizing data."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not request.path.startswith(PUBLIC_PREFIXES) and not response.has_header(
            "Cache-Control"
        ):
            response["Cache-Control"] = "no-store"
        return response


class CoarseUserAgentMiddleware:
    """Everything after this middleware (allauth's session rows above all) sees a coarse device
    label such as "Firefox · Android", never the full user agent."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        agent = request.META.get("HTTP_USER_AGENT")
        if agent:
            request.META["HTTP_USER_AGENT"] = device_label(agent)
        return self.get_response(request)


class RefuseBadInputMiddleware:
    """NUL characters and oversized bodies are refused on every path with a 400 and a clear
    message, before any view or database sees them (PostgreSQL refuses NUL in text with a
    500; an anonymous form would take a 50 MB upload and drop it silently)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        limit = (
            settings.ISKRA_MAX_UPLOAD_BYTES
            if request.user.is_authenticated
            else settings.ISKRA_MAX_ANONYMOUS_BODY_BYTES
        )
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > limit:
            message = _("This is too large: at most %(size)s can be sent here.") % {
                "size": _megabytes(limit)
            }
            return _refuse(request, message)
        if _has_nul(request):
            return _refuse(
                request, _("The request contains a NUL character, which Iskra does not accept.")
            )
        return self.get_response(request)


def _megabytes(size: int) -> str:
    if size < 1024 * 1024:
        return f"{size // 1024} KB"
    return f"{size // (1024 * 1024)} MB"


def _has_nul(request: HttpRequest) -> bool:
    if "\x00" in request.path:
        return True
    sources = [request.GET]
    if request.method == "POST" and request.content_type in (
        "application/x-www-form-urlencoded",
        "multipart/form-data",
    ):
        sources.append(request.POST)
    for source in sources:
        for key, values in source.lists():
            if "\x00" in key or any("\x00" in value for value in values):
                return True
    return False


def _refuse(request: HttpRequest, message: str) -> HttpResponse:
    return render(request, "core/bad_request.html", {"message": message}, status=400)
