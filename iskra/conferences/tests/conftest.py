from datetime import date, timedelta

import pytest
from django.utils import timezone

from conftest import make_user
from iskra.conferences import services
from iskra.network.models import Role
from iskra.network.services import membership_create

MOTION = (
    "The conference notes that rents in every city where we work rose faster than wages "
    "this year, and that tenants' committees formed in three of them.\n\n"
    "It resolves that each collective will hand out the paper at the tenants' meetings and "
    "report the contacts made there in its next period report.\n\n"
    "It calls on the sections to exchange their experience in the paper."
)


@pytest.fixture
def chair(usa):
    user = make_user("una", two_factor=True)
    membership_create(actor=None, user=user, collective=usa, role=Role.ORGANIZER)
    return user


@pytest.fixture
def conference(chair, usa):
    now = timezone.now()
    return services.conference_create(
        actor=chair,
        collective=usa,
        title="USA conference",
        starts_on=date.today() + timedelta(days=20),
        ends_on=date.today() + timedelta(days=21),
        place="Chicago",
        report_start=date.today() - timedelta(days=400),
        report_end=date.today(),
        contributions_deadline=now + timedelta(days=10),
        amendments_deadline=now + timedelta(days=15),
    )


@pytest.fixture
def delegate(conference, member, los_angeles, chair):
    return services.delegate_add(
        actor=chair, conference=conference, user=member, credited_by=los_angeles, votes=2
    )


@pytest.fixture
def detroit_delegate(conference, detroit_member, detroit, chair):
    return services.delegate_add(
        actor=chair, conference=conference, user=detroit_member, credited_by=detroit, votes=1
    )


@pytest.fixture
def motion(conference, chair):
    return services.motion_create(
        actor=chair, conference=conference, title="On rents", text=MOTION, language="en"
    )
