"""The content languages come from ISKRA_CONTENT_LANGUAGES; nonsense stops the start, and each
language gets its own name, direction and (only its own) hyphenation dictionary."""

from django.conf import settings

from iskra.core.languages import (
    content_language_choices,
    hyphenation_dictionary,
    language_name,
    text_direction,
)
from iskra.core.tests.test_production_settings import run_iskra


def test_the_default_list_covers_the_internationals_languages():
    assert {"en", "es", "fr", "ht", "de", "it", "tr", "pt", "ar"} <= set(settings.CONTENT_LANGUAGES)


def test_the_list_is_read_from_the_environment(tmp_path):
    result = run_iskra(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.CONTENT_LANGUAGES)",
        tmp_path=tmp_path,
        ISKRA_DEBUG="1",
        ISKRA_CONTENT_LANGUAGES="fr, HT,wo",
    )
    assert result.returncode == 0, result.stderr
    assert "['fr', 'ht', 'wo']" in result.stdout


def test_a_code_that_is_not_iso_639_1_stops_the_start(tmp_path):
    result = run_iskra(
        "check", tmp_path=tmp_path, ISKRA_DEBUG="1", ISKRA_CONTENT_LANGUAGES="fr,french"
    )
    assert result.returncode != 0
    assert "ISKRA_CONTENT_LANGUAGES: 'french' is not an ISO 639-1 code." in result.stderr


def test_each_language_has_its_own_name_and_direction():
    assert dict(content_language_choices())["ht"] == "Kreyòl ayisyen"
    assert language_name("fr") == "français"
    assert language_name("wo") == "wo"  # unknown to Django: the code, not a crash
    assert text_direction("ar") == "rtl" and text_direction("fr") == "ltr"
    assert text_direction("he") == "rtl"


def test_hyphenation_uses_only_the_languages_own_dictionary():
    assert hyphenation_dictionary("fr") == "fr"
    assert hyphenation_dictionary("es")
    for without in ("ht", "ar", "tr"):
        assert hyphenation_dictionary(without) is None
