import pytest

from iskra.distribution.tests.factories import ensure_stages


@pytest.fixture(autouse=True)
def _stages(db: None) -> None:
    ensure_stages()
