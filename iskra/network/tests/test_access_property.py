"""A property test of the access scope and of least privilege (ASVS 8.2.1-8.2.3): a random
user with random roles in random collectives asks for every detail page of an object of
any kind in any collective. The answer is 404 unless the rules grant it, and the protected
fields appear in the HTML only when least privilege allows.

The expected answers come from the rules as written in docs/permissions.md, computed here
independently of iskra/network/scope.py."""

import itertools
from datetime import date

from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth import get_user_model
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import TOTP_SECRET, client_for
from iskra.network.models import Collective, Membership, Role
from iskra.people import services
from iskra.people.models import Contact

PHONE = "+1 313 555 01"  # each contact's phone ends with its collective's position
SLUGS = ["international", "usa", "los-angeles", "detroit", "detroit-plant"]
PARENT = {
    "usa": "international",
    "los-angeles": "usa",
    "detroit": "usa",
    "detroit-plant": "detroit",
}
STATUSES = [Membership.Status.MEMBER, Membership.Status.FRIEND]
_names = itertools.count()


def ancestors_and_self(slug: str) -> set[str]:
    chain = {slug}
    while slug in PARENT:
        slug = PARENT[slug]
        chain.add(slug)
    return chain


grants = st.lists(
    st.tuples(st.sampled_from(SLUGS), st.sampled_from(list(Role)), st.sampled_from(STATUSES)),
    max_size=3,
    unique_by=lambda grant: (grant[0], grant[1]),
)


def expected(grants_held, two_factor: bool, responsible: bool, slug: str) -> dict[str, object]:
    """What the rules promise for a contact of collective `slug`."""
    above = ancestors_and_self(slug)
    sees = any(
        (role == Role.MEMBER and where == slug) or (role == Role.ORGANIZER and where in above)
        for where, role, _status in grants_held
    )
    reads_all = any(
        role == Role.ORGANIZER and where in above and status != Membership.Status.FRIEND
        for where, role, status in grants_held
    )
    reads_own = any(
        role == Role.MEMBER and where == slug and status != Membership.Status.FRIEND
        for where, role, status in grants_held
    )
    manages = any(role == Role.ORGANIZER and where in above for where, role, _status in grants_held)
    protected = sees and two_factor and (reads_all or (reads_own and responsible))
    exports = manages and reads_all and two_factor
    return {"sees": sees, "protected": protected, "manages": manages, "exports": exports}


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    grants_held=grants,
    two_factor=st.booleans(),
    responsible=st.booleans(),
    target=st.sampled_from(SLUGS),
)
def test_every_detail_url_answers_as_the_rules_say(
    detroit_plant, los_angeles, grants_held, two_factor, responsible, target
):
    collectives = {collective.slug: collective for collective in Collective.objects.all()}
    services.ensure_stages()
    contacts = {
        contact.collective.slug: contact for contact in Contact.objects.select_related("collective")
    }
    if not contacts:
        for index, slug in enumerate(SLUGS):
            contact = services.contact_create(
                actor=None,
                collective=collectives[slug],
                display_name=f"Contact of {slug}",
                phone=f"{PHONE}{index:02d}",
            )
            services.conversation_add(
                actor=None,
                contact=contact,
                happened_on=date(2026, 9, 5),
                kind="street",
                note=f"Secret note of {slug}",
            )
            contacts[slug] = contact
    user = get_user_model().objects.create_user(username=f"random-{next(_names)}")
    for where, role, status in grants_held:
        Membership.objects.create(
            user=user, collective=collectives[where], role=role, status=status
        )
    if two_factor:
        TOTP.activate(user, TOTP_SECRET)
    contact = contacts[target]
    if responsible:
        Contact.objects.filter(pk=contact.pk).update(introduced_by_user=user)
    try:
        promise = expected(grants_held, two_factor, responsible, target)
        client = client_for(user)
        # Stored, and linked (tel:), in E.164.
        phone = f"+131355501{SLUGS.index(target):02d}".encode()
        note = f"Secret note of {target}".encode()

        detail = client.get(reverse("people:contact", args=[contact.pk]), follow=False)
        if detail.status_code == 302:  # roles that must set up two-factor login first
            assert not two_factor and any(role != Role.MEMBER for _w, role, _s in grants_held)
            return
        assert detail.status_code == (200 if promise["sees"] else 404)
        assert (phone in detail.content) == promise["protected"]
        assert (note in detail.content) == promise["protected"]

        edit = client.get(reverse("people:contact_edit", args=[contact.pk]))
        assert edit.status_code == (200 if promise["protected"] else 404)
        assert (phone in edit.content) == promise["protected"]

        conversation = client.get(reverse("people:conversation_add", args=[contact.pk]))
        assert conversation.status_code == (200 if promise["sees"] else 404)
        assert phone not in conversation.content

        history = client.get(reverse("network:collective_history", args=[target]))
        assert history.status_code == (200 if promise["manages"] else 404)
        export = client.get(reverse("people:export", args=[target]))
        assert export.status_code == (200 if promise["exports"] else 404)
        if export.status_code == 200:
            assert phone in b"".join(export.streaming_content)
    finally:
        Contact.objects.filter(pk=contact.pk).update(introduced_by_user=None)
        Membership.objects.filter(user=user).delete()
