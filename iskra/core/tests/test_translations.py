"""Every Spanish catalogue of Iskra is complete, and translations keep their placeholders."""

import re
from pathlib import Path

import polib  # type: ignore[import-untyped]
import pytest

import iskra

CATALOGUES = sorted(Path(iskra.__file__).parent.glob("**/locale/es/LC_MESSAGES/django.po"))
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|\{(\w*)\}")


def placeholders(text):
    return sorted(match.group(0) for match in PLACEHOLDER.finditer(text))


def test_the_project_and_the_foundation_apps_have_catalogues():
    root = Path(iskra.__file__).parent
    names = {path.relative_to(root).parts[0] for path in CATALOGUES}
    assert {"locale", "accounts", "network", "audit"} <= names


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda path: str(path.parent.parent.parent.parent))
def test_every_message_is_translated(path):
    catalogue = polib.pofile(str(path))
    assert not catalogue.metadata_is_fuzzy
    assert not catalogue.fuzzy_entries(), [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert not catalogue.untranslated_entries(), [
        entry.msgid for entry in catalogue.untranslated_entries()
    ]


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda path: str(path.parent.parent.parent.parent))
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
