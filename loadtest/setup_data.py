"""Data for the load test, in the database the environment names: the synthetic dataset
(collectives, contacts), a small publication for the public readers, and load-test users
with passwords and two-factor secrets, written to the JSON file given as the argument."""

import base64
import hashlib
import json
import os
import sys
from io import StringIO
from pathlib import Path

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "iskra.settings")
django.setup()

from allauth.mfa.totp.internal.auth import TOTP  # noqa: E402
from django.core.management import call_command  # noqa: E402

from iskra.accounts.models import User  # noqa: E402
from iskra.network.dataset import BENCH_CITY_SLUG  # noqa: E402
from iskra.network.models import Collective, Role  # noqa: E402
from iskra.network.services import membership_create  # noqa: E402

PASSWORD = "load test password 1917"  # noqa: S105 - a throwaway database's test accounts


def totp_secret(username: str) -> str:
    return base64.b32encode(hashlib.sha256(username.encode()).digest()[:20]).decode()


def publication(city: Collective) -> tuple[str, int]:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from iskra.press import services
    from iskra.press.models import Publication
    from iskra.press.tests.conftest import publish_issue
    from iskra.press.tests.factories import make_article, make_editor, make_issue

    existing = Publication.objects.filter(slug="load-paper").first()
    if existing is not None:
        return existing.slug, existing.issues.order_by("number").last().number
    editor = make_editor(city, username="load-editor")
    paper = services.publication_create(
        actor=editor,
        collective=city,
        slug="load-paper",
        kind=Publication.Kind.PAPER,
        names={"en": "Load Paper"},
        languages=["en"],
        mastheads={"en": "Load"},
        mottos={"en": "Workers of the world, unite!"},
    )
    issue = make_issue(editor, paper)
    for number in range(3):
        article = make_article(editor, paper, title=f"Strike report {number}")
        services.placement_add(actor=editor, issue=issue, article=article, page=number + 1)
        services.article_set_state(actor=editor, article=article, state="review")
        services.article_set_state(actor=editor, article=article, state="approved")
    publish_issue(editor, issue)
    return paper.slug, issue.number


def main(out: Path, contacts: int, users: int) -> None:
    if contacts:
        call_command("generate_dataset", "--contacts", str(contacts), stdout=StringIO())
        city = Collective.objects.get(slug=BENCH_CITY_SLUG)
    else:  # the smoke run: one city, no synthetic contacts
        from iskra.network.services import collective_create
        from iskra.people.services import ensure_stages

        ensure_stages()
        city = Collective.objects.filter(slug="load-city").first() or collective_create(
            actor=None,
            name="Load city",
            slug="load-city",
            kind="city",
            parent=collective_create(
                actor=None, name="Load", slug="load", kind="international", languages=["en"]
            ),
            country="US",
            languages=["en"],
        )
    accounts = []
    for number in range(users):
        for role in (Role.ORGANIZER, Role.MEMBER, Role.TREASURER):
            username = f"load-{role}-{number}"
            user = User.objects.filter(username=username).first()
            if user is None:
                user = User.objects.create_user(username=username, password=PASSWORD)
                TOTP.activate(user, totp_secret(username))
                membership_create(actor=None, user=user, collective=city, role=role)
            accounts.append(
                {"username": username, "role": str(role), "secret": totp_secret(username)}
            )
    slug, number = publication(city)
    out.write_text(
        json.dumps(
            {
                "password": PASSWORD,
                "city": city.slug,
                "publication": slug,
                "issue": number,
                "accounts": accounts,
            }
        )
    )


if __name__ == "__main__":
    main(Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]))
