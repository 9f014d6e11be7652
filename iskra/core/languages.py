"""Content languages: the ISO 639-1 codes content may be written in (settings.CONTENT_LANGUAGES),
their own names, their text direction and the hyphenation dictionary print uses.

Interface languages are another list (settings.LANGUAGES): an article may be in Haitian Creole
while nobody reads Iskra's menus in it."""

import pyphen
from django.conf import settings
from django.conf.locale import LANG_INFO
from django.utils.translation import gettext as _

from iskra.core.errors import DomainError

# Languages Django does not know, so that its `language_name_local` filter and
# `get_language_info` work for every content language.
EXTRA_LANG_INFO = {
    "ht": {"bidi": False, "code": "ht", "name": "Haitian Creole", "name_local": "Kreyòl ayisyen"},
}

# Scripts written right to left, for codes Django does not mark itself.
RIGHT_TO_LEFT = {"ar", "he", "fa", "ur", "ps", "yi", "dv", "ug", "ckb", "sd"}


def register_extra_languages() -> None:
    for code, info in EXTRA_LANG_INFO.items():
        LANG_INFO.setdefault(code, info)


def content_languages() -> list[str]:
    return list(settings.CONTENT_LANGUAGES)


def language_name(code: str) -> str:
    """The language's own name (Français, Kreyòl ayisyen), or the code when unknown."""
    info = LANG_INFO.get(code) or EXTRA_LANG_INFO.get(code)
    return str(info.get("name_local", code)) if info else code


def content_language_choices() -> list[tuple[str, str]]:
    return [(code, language_name(code)) for code in content_languages()]


def text_direction(code: str) -> str:
    """`rtl` for a language written right to left, else `ltr`."""
    base = (code or "").split("-")[0].lower()
    info = LANG_INFO.get(base, {})
    return "rtl" if base in RIGHT_TO_LEFT or info.get("bidi") else "ltr"


def hyphenation_dictionary(code: str) -> str | None:
    """The pyphen dictionary WeasyPrint uses for `lang=code`, or None when the language has
    none (Haitian Creole, Arabic): then print does not hyphenate, rather than by another
    language's rules."""
    dictionary = pyphen.language_fallback(code)
    if dictionary is None or dictionary.split("_")[0].lower() != code.split("-")[0].lower():
        return None
    return str(dictionary)


def check_content_language(code: str) -> None:
    if code not in settings.CONTENT_LANGUAGES:
        raise DomainError(
            _("%(code)s is not one of the content languages (%(languages)s).")
            % {"code": code, "languages": ", ".join(settings.CONTENT_LANGUAGES)}
        )
