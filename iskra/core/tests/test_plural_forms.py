"""Finding 7 of issue 9: "12 due now · 10 later this week", "4 articles found" and
"ayudaron 0 amigos" on Spanish pages. Spanish catalogues declare three plural forms (GNU
gettext's header for Spanish: one, millions, other); an entry with only two fell back to
English for 0, 4, 10 or 12."""

import re
from pathlib import Path

import polib  # type: ignore[import-untyped]
import pytest
from django.utils import translation

import iskra

CATALOGUES = sorted(Path(iskra.__file__).parent.glob("**/locale/*/LC_MESSAGES/django.po"))


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda path: str(path.parent.parent.parent.parent))
def test_every_plural_has_every_form_its_catalogue_declares(path):
    catalogue = polib.pofile(str(path))
    forms = int(re.search(r"nplurals=(\d+)", catalogue.metadata["Plural-Forms"])[1])
    short = [
        entry.msgid
        for entry in catalogue
        if entry.msgid_plural
        and not entry.obsolete
        and sorted(index for index, text in entry.msgstr_plural.items() if text)
        != list(range(forms))
    ]
    assert short == []


@pytest.mark.parametrize(
    "singular,plural,count,spanish",
    [
        ("%(counter)s due now", "%(counter)s due now", 12, "12 pendientes ahora"),
        ("%(counter)s later this week", "%(counter)s later this week", 10, "10 más adelante"),
        ("%(counter)s article found", "%(counter)s articles found", 4, "4 artículos encontrados"),
        ("%(counter)s friend helped", "%(counter)s friends helped", 0, "0 amigos ayudaron"),
    ],
)
def test_spanish_plurals_for_every_count(singular, plural, count, spanish):
    with translation.override("es"):
        text = translation.ngettext(singular, plural, count) % {"counter": count}
    assert text.startswith(spanish)
