"""The one check of every `next` a request carries: only a path on this site is followed."""

from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme


def safe_next(request: HttpRequest, candidate: str | None, default: str) -> str:
    """`candidate` when it points back into this site, else `default` (never off-site)."""
    if (
        candidate
        and "\\" not in candidate
        and url_has_allowed_host_and_scheme(
            candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    ):
        return candidate
    return default
