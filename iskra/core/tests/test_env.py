"""The strict readers of the environment (iskra/env.py)."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from iskra.env import env_bool, env_choice, env_int, env_list, env_secret


@pytest.mark.parametrize(("raw", "expected"), [("1", True), ("yes", True), ("Off", False)])
def test_env_bool_reads_the_usual_spellings(raw, expected, monkeypatch):
    monkeypatch.setenv("ISKRA_FLAG", raw)
    assert env_bool("ISKRA_FLAG") is expected


def test_env_bool_uses_the_default_when_unset(monkeypatch):
    monkeypatch.delenv("ISKRA_FLAG", raising=False)
    assert env_bool("ISKRA_FLAG", True) is True


def test_env_bool_refuses_nonsense(monkeypatch):
    monkeypatch.setenv("ISKRA_DEBUG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="ISKRA_DEBUG must be one of.*'maybe'"):
        env_bool("ISKRA_DEBUG")


def test_env_int_refuses_words_and_too_small_numbers(monkeypatch):
    monkeypatch.setenv("ISKRA_NUMBER", "ten")
    with pytest.raises(ImproperlyConfigured, match="whole number"):
        env_int("ISKRA_NUMBER", 1)
    monkeypatch.setenv("ISKRA_NUMBER", "0")
    with pytest.raises(ImproperlyConfigured, match="at least 1"):
        env_int("ISKRA_NUMBER", 1, minimum=1)
    monkeypatch.setenv("ISKRA_NUMBER", "7")
    assert env_int("ISKRA_NUMBER", 1, minimum=1) == 7


def test_env_choice_names_the_allowed_values(monkeypatch):
    monkeypatch.setenv("ISKRA_KIND", "blue")
    with pytest.raises(ImproperlyConfigured, match="one of green, red; got 'blue'"):
        env_choice("ISKRA_KIND", "red", {"red", "green"})


def test_env_list_drops_empty_items(monkeypatch):
    monkeypatch.setenv("ISKRA_HOSTS", " a.example , ,b.example")
    assert env_list("ISKRA_HOSTS", []) == ["a.example", "b.example"]


def test_env_secret_reads_a_file(monkeypatch, tmp_path):
    secret_file = tmp_path / "smtp-password"
    secret_file.write_text("from-the-file\n")
    monkeypatch.setenv("ISKRA_SMTP_PASSWORD", "from-the-variable")
    monkeypatch.setenv("ISKRA_SMTP_PASSWORD_FILE", str(secret_file))
    assert env_secret("ISKRA_SMTP_PASSWORD") == "from-the-file"


def test_env_secret_refuses_a_missing_file(monkeypatch, tmp_path):
    monkeypatch.setenv("ISKRA_SMTP_PASSWORD_FILE", str(tmp_path / "absent"))
    with pytest.raises(ImproperlyConfigured, match="not a file"):
        env_secret("ISKRA_SMTP_PASSWORD")


def test_env_secret_falls_back_to_the_variable(monkeypatch):
    monkeypatch.delenv("ISKRA_SMTP_PASSWORD_FILE", raising=False)
    monkeypatch.setenv("ISKRA_SMTP_PASSWORD", "from-the-variable")
    assert env_secret("ISKRA_SMTP_PASSWORD") == "from-the-variable"
