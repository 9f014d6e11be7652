"""The demonstration organization: an international with sections in three countries."""

from typing import Any, TextIO

from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth import get_user_model

from iskra.network.models import Collective, Membership, Role
from iskra.network.services import collective_create, membership_create

DEMO_PASSWORD = "red-banner-demo"  # noqa: S105 - the demo's published password

# (slug, name, kind, parent slug, country, time zone, languages)
COLLECTIVES = [
    (
        "international",
        "International Communist Workers",
        "international",
        None,
        "",
        "UTC",
        ["en", "es"],
    ),
    ("usa", "USA section", "country", "international", "US", "America/Chicago", ["en", "es"]),
    ("los-angeles", "Los Angeles", "city", "usa", "US", "America/Los_Angeles", ["en", "es"]),
    ("detroit", "Detroit", "city", "usa", "US", "America/Detroit", ["en"]),
    (
        "detroit-plant",
        "Riverside Assembly plant group",
        "workplace",
        "detroit",
        "US",
        "America/Detroit",
        ["en"],
    ),
    (
        "el-salvador",
        "El Salvador section",
        "country",
        "international",
        "SV",
        "America/El_Salvador",
        ["es"],
    ),
    ("san-salvador", "San Salvador", "city", "el-salvador", "SV", "America/El_Salvador", ["es"]),
    (
        "south-africa",
        "South Africa section",
        "country",
        "international",
        "ZA",
        "Africa/Johannesburg",
        ["en"],
    ),
    ("johannesburg", "Johannesburg", "city", "south-africa", "ZA", "Africa/Johannesburg", ["en"]),
]

# (username, collective slug, role, status, language): one person per role and then some.
PEOPLE = [
    ("lena", "international", Role.CENTRE, Membership.Status.MEMBER, "en"),
    ("ana", "los-angeles", Role.ORGANIZER, Membership.Status.MEMBER, "en"),
    ("marisol", "los-angeles", Role.MEMBER, Membership.Status.MEMBER, "es"),
    ("joe", "los-angeles", Role.MEMBER, Membership.Status.FRIEND, "en"),
    ("tomas", "usa", Role.EDITOR, Membership.Status.MEMBER, "en"),
    ("ruth", "usa", Role.TREASURER, Membership.Status.MEMBER, "en"),
    ("keisha", "detroit", Role.ORGANIZER, Membership.Status.MEMBER, "en"),
    ("dwayne", "detroit-plant", Role.MEMBER, Membership.Status.MEMBER, "en"),
    ("earl", "detroit-plant", Role.EDITOR, Membership.Status.MEMBER, "en"),
    ("carmen", "san-salvador", Role.ORGANIZER, Membership.Status.MEMBER, "es"),
    ("thabo", "johannesburg", Role.ORGANIZER, Membership.Status.MEMBER, "en"),
]

# Fixed, published TOTP secrets so that the demo can be tried with any authenticator app.
DEMO_TOTP_SECRETS = {
    "lena": "JBSWY3DPEHPK3PXPLENA2222",
    "ana": "JBSWY3DPEHPK3PXPANA22222",
    "tomas": "JBSWY3DPEHPK3PXPTOMAS222",
    "ruth": "JBSWY3DPEHPK3PXPRUTH2222",
    "keisha": "JBSWY3DPEHPK3PXPKEISHA22",
    "earl": "JBSWY3DPEHPK3PXPEARL2222",
    "carmen": "JBSWY3DPEHPK3PXPCARMEN22",
    "thabo": "JBSWY3DPEHPK3PXPTHABO222",
}


# Publications other apps' demo parts create or reuse by slug.
DEMO_PUBLICATION_SLUGS = ["red-banner", "gaza-pamphlet", "state-and-revolution", "plant-bulletin"]


def refusals() -> list[str]:
    """What stops the demo: anything real that carries a demo name. The demo only ever touches
    what it made itself (finding 1 of the security hunt: it took over a real collective)."""
    from iskra.press.models import Publication

    problems = []
    slugs = [row[0] for row in COLLECTIVES]
    for slug in Collective.objects.filter(slug__in=slugs, is_demo=False).values_list(
        "slug", flat=True
    ):
        problems.append(f"collective {slug!r} exists and was not made by the demo")
    usernames = [row[0] for row in PEOPLE]
    for username in (
        get_user_model()
        .objects.filter(username__in=usernames, is_demo=False)
        .values_list("username", flat=True)
    ):
        problems.append(f"user {username!r} exists and was not made by the demo")
    for slug in Publication.objects.filter(
        slug__in=DEMO_PUBLICATION_SLUGS, collective__is_demo=False
    ).values_list("slug", flat=True):
        problems.append(f"publication {slug!r} exists and was not made by the demo")
    return sorted(problems)


def load(out: TextIO) -> None:
    by_slug: dict[str, Collective] = {}
    for slug, name, kind, parent_slug, country, time_zone, languages in COLLECTIVES:
        existing = Collective.objects.filter(slug=slug, is_demo=True).first()
        if existing is None:
            existing = collective_create(
                actor=None,
                name=name,
                slug=slug,
                kind=kind,
                parent=by_slug[parent_slug] if parent_slug else None,
                country=country,
                time_zone=time_zone,
                languages=languages,
            )
            Collective.objects.filter(pk=existing.pk).update(is_demo=True)
            existing.is_demo = True
        by_slug[slug] = existing
    User = get_user_model()
    for username, slug, role, status, language in PEOPLE:
        user = _demo_user(User, username, language)
        collective = by_slug[slug]
        if (
            not Membership.objects.active()
            .filter(user=user, collective=collective, role=role)
            .exists()
        ):
            membership_create(
                actor=None, user=user, collective=collective, role=role, status=status
            )
        if (
            username in DEMO_TOTP_SECRETS
            and not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
        ):
            TOTP.activate(user, DEMO_TOTP_SECRETS[username])
            RecoveryCodes.activate(user)
    _print_logins(out)


def _demo_user(User: Any, username: str, language: str) -> Any:
    user = User.objects.filter(username=username, is_demo=True).first()
    if user is None:
        user = User(username=username, language=language, is_demo=True)
        user.set_password(DEMO_PASSWORD)
        user.save()
    return user


def _print_logins(out: TextIO) -> None:
    out.write("\nDemo organization loaded. Every demo login has the password: " + DEMO_PASSWORD)
    out.write("\n!! DEMO ONLY: these accounts and their two-factor secrets are public. !!\n")
    for username, slug, role, _status, _language in PEOPLE:
        secret = DEMO_TOTP_SECRETS.get(username)
        two_factor = (
            f"TOTP secret {secret} (or: iskra demo_code {username})"
            if secret
            else ("no two-factor needed")
        )
        out.write(f"  {username:<8} {role:<10} {slug:<15} {two_factor}\n")
