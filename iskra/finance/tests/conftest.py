from datetime import date, timedelta

import pytest
from django.utils import timezone


@pytest.fixture
def today() -> date:
    return timezone.localdate()


@pytest.fixture
def last_month(today: date) -> date:
    return (today.replace(day=1) - timedelta(days=1)).replace(day=1)
