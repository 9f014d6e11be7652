from datetime import date

import pytest

from iskra.people import services
from iskra.people.models import Stage


@pytest.fixture
def stages(db):
    services.ensure_stages()
    return {stage.key: stage for stage in Stage.objects.all()}


@pytest.fixture
def m_contact(los_angeles, member, stages):
    """M, met at a Palestine march: a reader interested in the electoral college."""
    contact = services.contact_create(
        actor=member,
        collective=los_angeles,
        display_name="M (Green Party sign)",
        stage=stages["reader"],
        first_met_place="Palestine march, Pershing Square",
        topics=["electoral college", "class nature of the state"],
        phone="+1 (213) 555-0147",
        email="m.green@example.org",
    )
    services.conversation_add(
        actor=member,
        contact=contact,
        happened_on=date(2026, 9, 5),
        kind="street",
        note="Talked about the electoral college and the class nature of the state.",
    )
    return contact


@pytest.fixture
def detroit_contact(detroit, detroit_member):
    return services.contact_create(
        actor=detroit_member, collective=detroit, display_name="J (gate 4)", phone="313 555 0199"
    )
