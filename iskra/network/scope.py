"""The access scope: the one place that decides which collectives' data a user may see.

Every query of organizing data starts from here. A view loads objects with
`get_scoped_or_404` or narrows a list with `narrow`; an object outside the scope answers
404, never 403, so that its existence does not leak. See docs/permissions.md.
"""

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, TypeVar

from django.core.exceptions import ObjectDoesNotExist
from django.db import connection, models
from django.db.models import Q
from django.http import Http404
from django.utils import timezone

from iskra.network.models import SENSITIVE_ROLES, Collective, ContactShare, Membership, Role


class Capacity(StrEnum):
    VIEW = "view"  # the collective's page, its members, outings and activities
    CONTACTS = "contacts"  # raw contacts: display name, stage, where met
    PROTECTED = "protected"  # the protected fields of every contact (organizers, shares)
    RESPONSIBLE = "responsible"  # the protected fields of the contacts one is responsible for
    AGGREGATES = "aggregates"  # counts, reports, dashboards
    MANAGE = "manage"  # memberships, invitations, ending a member's sessions
    EDIT = "edit"  # publications, issues, articles
    FINANCE = "finance"  # the ledger


# What a role held at a collective grants: (capacity, reaches the subtree below too).
ROLE_GRANTS: dict[str, list[tuple[Capacity, bool]]] = {
    Role.MEMBER: [
        (Capacity.VIEW, False),
        (Capacity.CONTACTS, False),
        (Capacity.RESPONSIBLE, False),
        (Capacity.AGGREGATES, False),
    ],
    Role.ORGANIZER: [
        (Capacity.VIEW, True),
        (Capacity.CONTACTS, True),
        (Capacity.PROTECTED, True),
        (Capacity.AGGREGATES, True),
        (Capacity.MANAGE, True),
    ],
    Role.EDITOR: [(Capacity.VIEW, False), (Capacity.AGGREGATES, False), (Capacity.EDIT, True)],
    Role.TREASURER: [(Capacity.VIEW, False), (Capacity.AGGREGATES, True), (Capacity.FINANCE, True)],
    Role.CENTRE: [(Capacity.VIEW, True), (Capacity.AGGREGATES, True)],
}
# Roles at the recipient of a contact share that may use it.
SHARE_ROLES = frozenset({Role.ORGANIZER, Role.CENTRE})
# A friend works beside the collective (logs outings, attendance) but reads no protected field.
NO_PROTECTED_STATUSES = frozenset({Membership.Status.FRIEND})
PROTECTED_CAPACITIES = frozenset({Capacity.PROTECTED, Capacity.RESPONSIBLE})


@dataclass(frozen=True)
class Scope:
    user_id: int | None
    grants: dict[Capacity, frozenset[int]] = field(default_factory=dict)
    roles: frozenset[str] = frozenset()
    # Every collective the grants name: id -> (slug, path), for the navigation bar.
    places: dict[int, tuple[str, str]] = field(default_factory=dict)

    def ids(self, capacity: Capacity) -> frozenset[int]:
        return self.grants.get(capacity, frozenset())

    def can(self, capacity: Capacity, collective: Collective | int) -> bool:
        collective_id = collective if isinstance(collective, int) else collective.pk
        return collective_id in self.ids(capacity)

    def deepest(self, capacity: Capacity) -> Collective | None:
        """The deepest collective granted `capacity` (the first by path among equals), built
        from what the scope already read: no query."""
        ids = self.ids(capacity)
        if not ids:
            return None
        pk = min(ids, key=lambda pk: (-len(self.places[pk][1]), self.places[pk][1]))
        slug, path = self.places[pk]
        return Collective(pk=pk, slug=slug, path=path)


EMPTY_SCOPE = Scope(user_id=None)


def scope_for(user: Any) -> Scope:
    """The user's scope, computed once per user object (so once per request)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return EMPTY_SCOPE
    cached = getattr(user, "_iskra_scope", None)
    if cached is not None:
        return cached
    scope = _compute_scope(user)
    user._iskra_scope = scope
    return scope


def forget_scope(user: Any) -> None:
    """Drop the cached scope after the user's memberships changed."""
    if hasattr(user, "_iskra_scope"):
        del user._iskra_scope


def _compute_scope(user: Any) -> Scope:
    # Two plain statements instead of three ORM querysets: every signed-in page computes the
    # scope, and building querysets was most of a page's fixed cost (docs/benchmarks.md).
    # Paths are digits and slashes, so a path is a LIKE prefix as it stands.
    membership, collective = Membership._meta.db_table, Collective._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT m.role, m.status, own.path, c.id, c.slug, c.path "  # noqa: S608 - table names
            f"FROM {membership} m JOIN {collective} own ON own.id = m.collective_id "
            f"JOIN {collective} c ON c.path LIKE own.path || '%%' "
            "WHERE m.user_id = %s AND m.ended_at IS NULL",
            [user.pk],
        )
        joined = cursor.fetchall()
    if not joined:
        return Scope(user_id=user.pk)
    memberships = {(role, path) for role, _status, path, *_rest in joined}
    friend_of = {
        (role, path) for role, status, path, *_rest in joined if status in NO_PROTECTED_STATUSES
    }
    places = {pk: (slug, path) for *_membership, pk, slug, path in joined}
    grants: dict[Capacity, set[int]] = {capacity: set() for capacity in Capacity}
    for role, prefix in memberships:
        own = [pk for pk, (_slug, path) in places.items() if path == prefix]
        below = [pk for pk, (_slug, path) in places.items() if path.startswith(prefix)]
        for capacity, reaches_down in ROLE_GRANTS[role]:
            if capacity in PROTECTED_CAPACITIES and (role, prefix) in friend_of:
                continue
            grants[capacity].update(below if reaches_down else own)
    share_recipients = sorted({path for role, path in memberships if role in SHARE_ROLES})
    if share_recipients:
        share = ContactShare._meta.db_table
        marks = ", ".join(["%s"] * len(share_recipients))
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT source.id, source.slug, source.path FROM {share} s "  # noqa: S608
                f"JOIN {collective} recipient ON recipient.id = s.recipient_id "
                f"JOIN {collective} source ON source.id = s.source_id "
                f"WHERE recipient.path IN ({marks}) AND s.revoked_at IS NULL "
                "AND s.expires_at > %s",
                [*share_recipients, now],
            )
            shared = cursor.fetchall()
        for source_id, slug, path in shared:
            places[source_id] = (slug, path)
            grants[Capacity.CONTACTS].add(source_id)
            grants[Capacity.PROTECTED].add(source_id)
            grants[Capacity.VIEW].add(source_id)
            grants[Capacity.AGGREGATES].add(source_id)
    return Scope(
        user_id=user.pk,
        grants={capacity: frozenset(ids) for capacity, ids in grants.items()},
        roles=frozenset(role for role, _path in memberships),
        places=places,
    )


ModelT = TypeVar("ModelT", bound=models.Model)


def narrow(
    queryset: models.QuerySet[ModelT],
    user: Any,
    capacity: Capacity = Capacity.VIEW,
    *,
    through: str = "collective",
) -> models.QuerySet[ModelT]:
    """Narrow `queryset` to rows whose collective (reached by the `through` lookup) is in scope."""
    ids = scope_for(user).ids(capacity)
    if not ids:
        return queryset.none()
    return queryset.filter(**{f"{through}__in": ids})


def get_scoped_or_404(
    queryset: models.QuerySet[ModelT],
    user: Any,
    capacity: Capacity = Capacity.VIEW,
    *,
    through: str = "collective",
    **lookup: Any,
) -> ModelT:
    try:
        return narrow(queryset, user, capacity, through=through).get(**lookup)
    except ObjectDoesNotExist:
        _log_if_it_exists(queryset, user, through, lookup)
        raise Http404 from None


def _log_if_it_exists(
    queryset: models.QuerySet[Any], user: Any, through: str, lookup: dict[str, Any]
) -> None:
    """A refused check on an object that exists is logged (ASVS 16.3.2); the answer stays 404."""
    from iskra.audit.services import access_denied_record

    if user is None or not getattr(user, "is_authenticated", False):
        return
    try:
        found = queryset.model._default_manager.filter(**lookup).values_list("pk", through)[:2]
        rows = list(found)
    except (ValueError, TypeError):  # a lookup value of the wrong type: nothing exists
        return
    if len(rows) != 1:
        return
    pk, collective_id = rows[0]
    access_denied_record(
        actor=user,
        object_type=queryset.model._meta.label_lower,
        object_id=str(pk),
        collective_id=collective_id,
    )


def visible_collectives(
    user: Any, capacity: Capacity = Capacity.VIEW
) -> models.QuerySet[Collective]:
    return narrow(Collective.objects.all(), user, capacity, through="id")


def get_collective_or_404(user: Any, slug: str, capacity: Capacity = Capacity.VIEW) -> Collective:
    scope = scope_for(user)
    allowed = scope.ids(capacity)
    # The scope read the slug of every collective it grants: the collective is then read by
    # its id alone, not by its slug among all the ids in scope (a city organizer's scope can
    # hold hundreds). Anything else takes the general path, which logs a refusal.
    for pk, (place_slug, _path) in scope.places.items():
        if place_slug == slug and pk in allowed:
            # One plain statement: building the queryset cost ten times its SQL.
            found = list(
                Collective.objects.raw(
                    f"SELECT * FROM {Collective._meta.db_table} WHERE id = %s",  # noqa: S608
                    [pk],
                )
            )
            if found:
                return found[0]
            break
    return get_scoped_or_404(Collective.objects.all(), user, capacity, through="id", slug=slug)


def needs_two_factor(user: Any) -> bool:
    """Every role that sees more than a member's own records logs in with two factors."""
    return bool(scope_for(user).roles & SENSITIVE_ROLES)


def has_two_factor(user: Any) -> bool:
    """Whether the account logs in with a second factor (allauth then always asks for it).
    Recovery codes alone are a fallback, not a second factor."""
    from allauth.mfa.models import Authenticator

    if user is None or not user.is_authenticated:
        return False
    cached = getattr(user, "_iskra_two_factor", None)
    if cached is None:
        # allauth's `is_mfa_enabled` as one plain statement (every signed-in page of a role
        # that needs two factors asks).
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT 1 FROM {Authenticator._meta.db_table} "  # noqa: S608 - a table name
                "WHERE user_id = %s AND type IN (%s, %s) LIMIT 1",
                [user.pk, Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN],
            )
            cached = cursor.fetchone() is not None
        user._iskra_two_factor = cached
    return bool(cached)


def responsible_for(user: Any) -> Q:
    """Contacts `user` is responsible for: whom they brought in, whose follow-up is theirs, or
    whose conversations they took part in. A filter on `people.Contact`."""
    from iskra.people.models import Conversation, FollowUp

    return (
        Q(created_by=user.pk)
        | Q(introduced_by_user=user.pk)
        | Q(pk__in=FollowUp.objects.filter(assignee=user.pk).values("contact_id"))
        | Q(pk__in=Conversation.objects.filter(members=user.pk).values("contact_id"))
    )


def protected_readable(
    user: Any, contacts: models.QuerySet[ModelT], *, require_two_factor: bool = True
) -> models.QuerySet[ModelT]:
    """The contacts of `contacts` whose protected fields `user` may read (ASVS 8.2.2, 8.2.3):
    all of them in collectives where they organize (or that share with them), only their own
    ones where they are a member, none for a friend, and none without a two-factor login."""
    scope = scope_for(user)
    if require_two_factor and not has_two_factor(user):
        return contacts.none()
    everything = scope.ids(Capacity.PROTECTED)
    own = scope.ids(Capacity.RESPONSIBLE) - everything
    condition = Q(collective_id__in=everything) if everything else Q(pk__in=[])
    if own:
        condition |= Q(collective_id__in=own) & responsible_for(user)
    return contacts.filter(condition)


def may_read_protected(user: Any, contact: Any) -> bool:
    """Whether `user` may see this contact's protected fields (see `protected_readable`)."""
    from iskra.people.models import Contact

    scope = scope_for(user)
    if not has_two_factor(user):
        return False
    if scope.can(Capacity.PROTECTED, contact.collective_id):
        return True
    if not scope.can(Capacity.RESPONSIBLE, contact.collective_id):
        return False
    return protected_readable(user, Contact.objects.filter(pk=contact.pk)).exists()


def may_read_protected_in(user: Any, collective: Collective | int) -> bool:
    """Whether `user` may read the protected fields of every contact of a collective."""
    return has_two_factor(user) and scope_for(user).can(Capacity.PROTECTED, collective)
