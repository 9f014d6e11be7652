"""Counting requests per client in a fixed window, in the shared cache.

The count lives in the entry's value with the times of the hits, and every write sets the
entry's expiry again explicitly: the database cache's `incr` would reset it to the default
five minutes, which made "5 an hour" mean "5 in 5 minutes"."""

from django.core.cache import cache
from django.utils import timezone

from iskra.core.privacy import client_token


def over_limit(*, name: str, address: str, limit: int, seconds: int) -> bool:
    """Record a hit by `address` under `name`; whether it goes over `limit` per `seconds`."""
    key = f"iskra:rl:{name}:{client_token(address)[:32]}"
    now = timezone.now().timestamp()
    hits = [moment for moment in cache.get(key, []) if moment > now - seconds]
    if len(hits) >= limit:
        return True
    hits.append(now)
    cache.set(key, hits, timeout=seconds)
    return False
