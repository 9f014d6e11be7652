from datetime import timedelta

import pytest

from iskra.conferences import services
from iskra.conferences.models import Contribution
from iskra.core.errors import DomainError


def test_a_contribution_and_its_translation_are_linked(conference, member):
    original = services.contribution_submit(
        actor=member, conference=conference, title="On rents", body="Text", language="en"
    )
    translation = services.contribution_submit(
        actor=member,
        conference=conference,
        title="Sobre los alquileres",
        body="Texto",
        language="es",
        translation_of=original,
    )
    assert translation.translation_of == original
    with pytest.raises(DomainError, match="in this language already"):
        services.contribution_submit(
            actor=member,
            conference=conference,
            title="x",
            body="y",
            language="es",
            translation_of=translation,
        )


def test_a_contribution_after_the_deadline_is_refused(conference, member):
    with pytest.raises(DomainError, match="deadline"):
        services.contribution_submit(
            actor=member,
            conference=conference,
            title="Late",
            body="Text",
            language="en",
            now=conference.contributions_deadline + timedelta(seconds=1),
        )
    assert not Contribution.objects.exists()
