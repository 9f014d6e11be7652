"""Every catalogue of every interface language in settings is complete, and translations keep
their placeholders. English is the source language and needs no catalogue."""

import re
from pathlib import Path

import polib  # type: ignore[import-untyped]
import pytest
from django.conf import settings

import iskra

ROOT = Path(iskra.__file__).parent
TRANSLATED = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
CATALOGUES = sorted(
    path for code in TRANSLATED for path in ROOT.glob(f"**/locale/{code}/LC_MESSAGES/django.po")
)
# The project and every app that has a catalogue in some language.
DOMAINS = sorted(
    {path.relative_to(ROOT).parts[0] for path in ROOT.glob("**/locale/*/LC_MESSAGES/django.po")}
)
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|\{(\w*)\}")


def placeholders(text):
    return sorted(match.group(0) for match in PLACEHOLDER.finditer(text))


def test_the_project_and_the_foundation_apps_have_catalogues():
    assert {"locale", "accounts", "network", "audit"} <= set(DOMAINS)


def test_french_is_an_interface_language():
    assert {"es", "fr"} <= set(TRANSLATED)


@pytest.mark.parametrize("code", TRANSLATED)
def test_every_interface_language_has_a_catalogue_wherever_another_has_one(code):
    missing = [
        domain
        for domain in DOMAINS
        if not (ROOT / (domain if domain != "locale" else "") / "locale" / code).is_dir()
    ]
    assert not missing


@pytest.mark.parametrize("code", TRANSLATED)
def test_catalogues_declare_their_language(code):
    for path in ROOT.glob(f"**/locale/{code}/LC_MESSAGES/django.po"):
        assert polib.pofile(str(path)).metadata.get("Language") == code, path


@pytest.mark.parametrize(
    "path", CATALOGUES, ids=lambda path: str(path.relative_to(ROOT).parent.parent)
)
def test_every_message_is_translated(path):
    catalogue = polib.pofile(str(path))
    assert not catalogue.metadata_is_fuzzy
    assert not catalogue.fuzzy_entries(), [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert not catalogue.untranslated_entries(), [
        entry.msgid for entry in catalogue.untranslated_entries()
    ]


@pytest.mark.parametrize(
    "path", CATALOGUES, ids=lambda path: str(path.relative_to(ROOT).parent.parent)
)
def test_translations_keep_their_placeholders(path):
    wrong = []
    for entry in polib.pofile(str(path)).translated_entries():
        if entry.msgid_plural:
            expected = placeholders(entry.msgid_plural)
            translations = list(entry.msgstr_plural.values())[1:]
        else:
            expected = placeholders(entry.msgid)
            translations = [entry.msgstr]
        wrong += [entry.msgid for text in translations if placeholders(text) != expected]
    assert not wrong
