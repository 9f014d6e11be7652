"""Every plural in a Spanish catalogue has as many forms as its header says. Django's
Spanish has three (one, millions, other): an entry with two falls back to English for
zero ("0 later this week" on a Spanish page), which the completeness test cannot see."""

import re

import polib  # type: ignore[import-untyped]
import pytest

from iskra.core.tests.test_translations import CATALOGUES

NPLURALS = re.compile(r"nplurals\s*=\s*(\d+)")


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda path: str(path.parent.parent.parent.parent))
def test_every_plural_has_every_form_the_header_announces(path):
    catalogue = polib.pofile(str(path))
    forms = int(NPLURALS.search(catalogue.metadata["Plural-Forms"]).group(1))
    short = [
        entry.msgid
        for entry in catalogue.translated_entries()
        if entry.msgid_plural
        and sorted(index for index, text in entry.msgstr_plural.items() if text)
        != list(range(forms))
    ]
    assert not short
