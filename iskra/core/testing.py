"""Helpers for the permission matrix (see iskra/core/tests/test_permission_matrix.py).

Each app lists its URLs in `iskra/<app>/tests/access_matrix.py` as `MATRIX: list[Case]`.
The meta-test fails when a named URL of the project is in no app's matrix, and checks every
case for five actors: anonymous, outsider (no membership), other (a member of Detroit),
member and organizer (both of Los Angeles), centre (at the international) and treasurer
(of the USA, so with the finance capacity on Los Angeles). `None` skips an actor for a case.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass
class World:
    """The cast and the tree (see /conftest.py), plus whatever objects a case makes."""

    international: Any
    usa: Any
    los_angeles: Any
    detroit: Any
    organizer: Any
    member: Any
    other: Any
    outsider: Any
    centre: Any
    treasurer: Any = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Case:
    url_name: str
    kwargs: Callable[[World], dict[str, Any]] = lambda world: {}
    method: str = "get"
    data: Callable[[World], dict[str, Any]] = lambda world: {}
    anonymous: int | None = 302
    outsider: int | None = 404
    other: int | None = 404
    member: int | None = 200
    organizer: int | None = 200
    centre: int | None = None
    treasurer: int | None = None
    note: str = ""

    def expected(self) -> dict[str, int]:
        statuses = {
            "anonymous": self.anonymous,
            "outsider": self.outsider,
            "other": self.other,
            "member": self.member,
            "organizer": self.organizer,
            "centre": self.centre,
            "treasurer": self.treasurer,
        }
        return {actor: status for actor, status in statuses.items() if status is not None}


# URL names outside the matrix on purpose: third-party account pages (allauth's own tests
# cover them; our flows through them are tested end to end) and the static-file server.
EXEMPT_PREFIXES = ("account_", "mfa_", "usersessions_", "socialaccount_", "headless")
