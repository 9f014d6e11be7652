"""The load test fills in the forms as a browser would (loadtest/forms.py). Here the same
functions post the same forms through Django's test client, for a collective whose local time
is hours behind UTC: a load test whose writes are all refused measures nothing (its first full
run logged no outing at all: it sent the time in UTC, "in the future" in Los Angeles)."""

import importlib.util
from pathlib import Path

from conftest import client_for
from iskra.distribution.models import Outing
from iskra.finance.models import DuesPayment

_spec = importlib.util.spec_from_file_location(
    "loadtest_forms", Path(__file__).resolve().parents[3] / "loadtest" / "forms.py"
)
assert _spec is not None and _spec.loader is not None
_forms = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_forms)
form_errors, form_on, outing_fields = _forms.form_errors, _forms.form_on, _forms.outing_fields
dues_fields, select_options = _forms.dues_fields, _forms.select_options


def test_the_load_tests_outing_is_accepted(member, los_angeles):
    client = client_for(member)
    url = f"/distribution/{los_angeles.slug}/outings/new/"
    form = form_on(client.get(url).content.decode(), "place")
    assert form is not None
    response = client.post(url, outing_fields(form["fields"], "LT-outing"))
    assert response.status_code == 302, form_errors(response.content.decode())
    assert Outing.objects.filter(place="LT-outing").count() == 1


def test_the_load_tests_contact_is_accepted(member, los_angeles):
    client = client_for(member)
    url = f"/people/c/{los_angeles.slug}/add/"
    form = form_on(client.get(url).content.decode(), "display_name")
    assert form is not None
    fields = {**form["fields"], "display_name": "LT-contact", "add_anyway": "1"}
    response = client.post(url, fields)
    assert response.status_code == 302, form_errors(response.content.decode())


def test_form_errors_are_read():
    page = '<ul class="errorlist" id="id_x_error"><li>This time is in the future.</li></ul>'
    assert form_errors(page) == ["This time is in the future."]


def test_the_load_tests_dues_payment_is_accepted(treasurer, member, los_angeles):
    client = client_for(treasurer)
    url = f"/finance/{los_angeles.slug}/dues/"
    page = client.get(url).content.decode()
    form = form_on(page, "amount")
    assert form is not None
    assert str(member.pk) in select_options(page, "member")
    response = client.post(url, dues_fields(form["fields"], str(member.pk), 123_456))
    assert response.status_code == 302, form_errors(response.content.decode())
    payment = DuesPayment.objects.get()
    assert (payment.member, payment.amount_minor, payment.method) == (member, 123_456, "cash")
