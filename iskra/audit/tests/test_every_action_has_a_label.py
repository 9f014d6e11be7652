"""Finding 7 of issue 9: raw audit codes like `people.contact.read` were shown to people.
Every action the code writes has a readable label, in English and in Spanish."""

import re
from pathlib import Path

from django.utils import translation

import iskra
from iskra.audit.labels import ACTION_LABELS, action_label

WRITTEN = re.compile(r'log_action\(\s*"([a-z_]+\.[a-z_.]+)"|\baction="([a-z_]+\.[a-z_.]+)"')


def actions_in_the_code() -> set[str]:
    root = Path(iskra.__file__).parent
    found = set()
    for path in root.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        for match in WRITTEN.finditer(path.read_text()):
            found.add(match.group(1) or match.group(2))
    return found


def test_every_action_written_has_a_label():
    actions = actions_in_the_code()
    assert len(actions) > 40
    assert sorted(actions - set(ACTION_LABELS)) == []


def test_labels_are_spanish_on_spanish_pages():
    with translation.override("en"):
        english = {code: action_label(code) for code in ACTION_LABELS}
    with translation.override("es"):
        spanish = {code: action_label(code) for code in ACTION_LABELS}
    assert spanish["people.contact.read"] != english["people.contact.read"]
    assert [code for code in ACTION_LABELS if spanish[code] == english[code]] == []
