from iskra.core.testing import Case
from iskra.network.models import Membership


def _member_of_la(world):
    return {"pk": Membership.objects.get(user=world.member, collective=world.los_angeles).pk}


MATRIX = [
    Case("home", outsider=200, other=200),
    Case("healthz", anonymous=200, outsider=200, other=200),
    Case("accounts:sessions", outsider=200, other=200),
    Case(
        "accounts:session_end",
        lambda world: {"pk": 999999},
        method="post",
        member=404,
        organizer=404,
    ),
    Case(
        "accounts:sessions_end_others",
        method="post",
        outsider=302,
        other=302,
        member=302,
        organizer=302,
    ),
    Case("accounts:member_sessions_end", _member_of_la, method="post", member=404, organizer=302),
    Case("accounts:member_compromised", _member_of_la, method="post", member=404, organizer=302),
    Case("accounts:member_exposure", _member_of_la, member=404),
    Case("accounts:member_restore", _member_of_la, member=404),
    Case(
        "accounts:language",
        method="post",
        data=lambda world: {"language": "es"},
        outsider=302,
        other=302,
        member=302,
        organizer=302,
    ),
    Case("accounts:activity", outsider=200, other=200),
    Case(
        "accounts:join",
        lambda world: {"token": "not-a-token"},
        anonymous=404,
        member=404,
        organizer=404,
    ),
]
