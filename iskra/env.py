"""Strict readers of the environment: nonsense values stop the start with a clear error."""

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

# The key development mode uses when none is given. It is published in the source, so
# production refuses it (and the test suite's) whatever else is set.
DEVELOPMENT_SECRET_KEY = "development-only-key-never-use-in-production-0123456789abcdef"  # noqa: S105
PUBLISHED_SECRET_KEYS = frozenset(
    {DEVELOPMENT_SECRET_KEY, "test-secret-key-not-for-production-0123456789"}
)
SECRET_KEY_MIN_LENGTH = 50
SECRET_KEY_MIN_DISTINCT = 10

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(
        f"{name} must be one of 1/0, true/false, yes/no, on/off; got {raw!r}"
    )


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number; got {raw!r}") from None
    if minimum is not None and value < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}; got {value}")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_choice(name: str, default: str, choices: set[str]) -> str:
    value = os.environ.get(name, default)
    if value not in choices:
        allowed = ", ".join(sorted(choices))
        raise ImproperlyConfigured(f"{name} must be one of {allowed}; got {value!r}")
    return value


def env_secret(name: str, default: str = "") -> str:
    """A secret from NAME, or from the file named by NAME_FILE (for container secrets)."""
    file_name = os.environ.get(f"{name}_FILE")
    if file_name:
        path = Path(file_name)
        if not path.is_file():
            raise ImproperlyConfigured(f"{name}_FILE names {file_name!r}, which is not a file")
        return path.read_text().strip()
    return os.environ.get(name, default)


def require_strong_secret_key(key: str) -> None:
    """Production refuses a secret key that is published, short or made of few characters."""
    if key in PUBLISHED_SECRET_KEYS:
        raise ImproperlyConfigured(
            "ISKRA_SECRET_KEY is a key published in Iskra's source; generate your own, e.g. "
            "python3 -c 'import secrets; print(secrets.token_urlsafe(50))'"
        )
    if len(key) < SECRET_KEY_MIN_LENGTH or len(set(key)) < SECRET_KEY_MIN_DISTINCT:
        raise ImproperlyConfigured(
            f"ISKRA_SECRET_KEY must be at least {SECRET_KEY_MIN_LENGTH} characters with at "
            f"least {SECRET_KEY_MIN_DISTINCT} different ones; generate one with "
            "python3 -c 'import secrets; print(secrets.token_urlsafe(50))'"
        )
