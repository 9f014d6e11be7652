"""The interface languages are settings.LANGUAGES and nothing else: a language added there is
offered by the switch, accepted for an account, and needs no migration (docs/translations.md)."""

from io import StringIO

from django.core.management import call_command

from conftest import client_for

WITH_GERMAN_AND_ARABIC = [
    ("en", "English"),
    ("es", "Spanish"),
    ("fr", "French"),
    ("de", "German"),
    ("ar", "Arabic"),
]


def test_a_language_added_in_settings_is_offered_and_accepted(settings, member):
    settings.LANGUAGES = WITH_GERMAN_AND_ARABIC
    client = client_for(member)
    page = client.get("/").content.decode()
    assert 'value="de" class="link" lang="de">Deutsch</button>' in page
    client.post("/me/language/", {"language": "de"})
    member.refresh_from_db()
    assert member.language == "de"
    assert '<html lang="de">' in client.get("/").content.decode()


def test_a_right_to_left_interface_language_turns_the_page(settings, member):
    settings.LANGUAGES = WITH_GERMAN_AND_ARABIC
    client = client_for(member)
    client.post("/me/language/", {"language": "ar"})
    assert '<html lang="ar" dir="rtl">' in client.get("/").content.decode()


def test_a_language_taken_out_of_settings_is_no_longer_offered_or_accepted(settings, member):
    settings.LANGUAGES = [("en", "English"), ("es", "Spanish")]
    client = client_for(member)
    assert 'value="fr"' not in client.get("/").content.decode()
    client.post("/me/language/", {"language": "fr"})
    member.refresh_from_db()
    assert member.language == "en"


def test_changing_the_languages_needs_no_migration(settings, db):
    settings.LANGUAGES = WITH_GERMAN_AND_ARABIC
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()
