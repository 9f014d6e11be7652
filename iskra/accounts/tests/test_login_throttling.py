"""Guessing passwords is slow, and a wrong guess says nothing about which accounts exist."""

from django.contrib.auth import SESSION_KEY
from django.test import Client

from iskra.accounts.tests.conftest import password_step

WRONG = "not the password at all"


def test_unknown_user_and_wrong_password_get_the_same_answer(member):
    unknown = password_step(Client(), "nobody-by-this-name", WRONG)
    wrong_password = password_step(Client(), "bob", WRONG)
    assert unknown.status_code == wrong_password.status_code == 200
    assert unknown.context["form"].errors == wrong_password.context["form"].errors
    assert unknown.context["form"].errors == {
        "__all__": ["The username and/or password you specified are not correct."]
    }


def test_after_five_failures_even_the_right_password_is_refused(member):
    for _attempt in range(5):
        assert password_step(Client(), "bob", WRONG).status_code == 200
    client = Client()
    response = password_step(client, "bob")
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "__all__": ["Too many failed login attempts. Try again later."]
    }
    assert SESSION_KEY not in client.session


def test_the_limit_is_per_account(member, outsider):
    for _attempt in range(5):
        password_step(Client(), "bob", WRONG)
    client = Client()
    assert password_step(client, "charlie").status_code == 302
    assert int(client.session[SESSION_KEY]) == outsider.pk


def test_unknown_users_are_throttled_like_real_ones(db):
    answers = [password_step(Client(), "ghost", WRONG) for _attempt in range(6)]
    assert (
        "Too many failed login attempts. Try again later."
        in answers[-1].context["form"].errors["__all__"]
    )
