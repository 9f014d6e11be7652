"""Nothing that identifies a visitor is kept in a form that can be reversed (DESIGN.md).

A client's address is replaced, the moment it is read, by a keyed hash under a random key
that lives only in the cache and is replaced every day: yesterday's keys are gone, so
yesterday's hashes cannot be tested against the four billion IPv4 addresses, even by
somebody holding the database, the secret key and today's cache. Rate limits and allauth's
session rows see only that hash (shaped as a private IPv6 address, which their fields want).
"""

import hashlib
import hmac
import ipaddress
import re
import secrets

from django.core.cache import cache
from django.utils import timezone

KEY_SECONDS = 2 * 24 * 3600  # a day's key outlives its day only for requests at midnight


def _todays_key() -> bytes:
    name = f"iskra:client-key:{timezone.now():%Y%m%d}"
    key = cache.get(name)
    if key is None:
        # add(): the first process to need today's key makes it; every other one reads it.
        cache.add(name, secrets.token_hex(32), KEY_SECONDS)
        key = cache.get(name)
    return bytes.fromhex(key)


def _network_of(address: str) -> str:
    """An IPv6 client is its /64 (one home or phone has the whole block)."""
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address
    if isinstance(parsed, ipaddress.IPv6Address):
        return str(ipaddress.IPv6Network(f"{parsed}/64", strict=False).network_address)
    return str(parsed)


def client_token(address: str) -> str:
    """Today's keyed hash of a client address (hex)."""
    return hmac.new(_todays_key(), _network_of(address).encode(), hashlib.sha256).hexdigest()


def pseudonymous_address(address: str) -> str:
    """The keyed hash shaped as a unique-local IPv6 network address (fdxx:xxxx:xxxx:xxxx::),
    for code that insists on an IP address: 56 bits of the hash, all in the /64 prefix that
    allauth's rate limits keep."""
    digest = client_token(address)
    return f"fd{digest[:2]}:{digest[2:6]}:{digest[6:10]}:{digest[10:14]}::"


_BROWSERS = [
    ("Edg/", "Edge"),
    ("OPR/", "Opera"),
    ("Firefox/", "Firefox"),
    ("Chrome/", "Chrome"),
    ("Chromium/", "Chromium"),
    ("Safari/", "Safari"),
]
_SYSTEMS = [
    ("Android", "Android"),
    ("iPhone", "iPhone"),
    ("iPad", "iPad"),
    ("Windows", "Windows"),
    ("Mac OS X", "Mac"),
    ("CrOS", "ChromeOS"),
    ("Linux", "Linux"),
]


def device_label(user_agent: str) -> str:
    """A coarse label ("Firefox · Android") instead of the full user agent, which with its
    versions and build numbers can single out one phone."""
    browser = next((name for marker, name in _BROWSERS if marker in user_agent), "")
    system = next((name for marker, name in _SYSTEMS if marker in user_agent), "")
    if browser and system:
        return f"{browser} · {system}"
    label = browser or system or re.sub(r"[^A-Za-z ]", "", user_agent.split("/")[0])[:20]
    return label.strip()
