from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

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
