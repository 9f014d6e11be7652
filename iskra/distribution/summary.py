"""The sentence that reports an outing back in the paper, built from the data in each
language: "Fourteen comrades and friends distributed 540 copies of Red Banner and 100
pamphlets at the Labor Day parade." Small counts of people are spelled out; copies are
digits. Pamphlets and leaflets are counted by kind, papers by name."""

from dataclasses import dataclass
from decimal import Decimal

from django.utils import translation
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

NUMBER_WORDS = {
    "en": [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
    ],
    "es": [
        "cero",
        "un",
        "dos",
        "tres",
        "cuatro",
        "cinco",
        "seis",
        "siete",
        "ocho",
        "nueve",
        "diez",
        "once",
        "doce",
        "trece",
        "catorce",
        "quince",
        "dieciséis",
        "diecisiete",
        "dieciocho",
        "diecinueve",
        "veinte",
    ],
}
COUNTED_BY_KIND = ("pamphlet", "leaflet")


@dataclass(frozen=True)
class Handout:
    """Copies of one publication on an outing (all its issues and languages together)."""

    kind: str
    names: dict[str, str]
    slug: str
    copies: int


@dataclass(frozen=True)
class MoneyTotal:
    """Money of one kind (donations, sales) in one currency collected on an outing."""

    kind: str
    currency: str
    amount: Decimal


CURRENCY_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "MXN": "$", "ZAR": "R"}


def amount_text(total: MoneyTotal) -> str:
    """$12, $12.50, R 30, 40 CHF: whole amounts without cents, the separator of the language."""
    places = 0 if total.amount == total.amount.to_integral_value() else 2
    number = number_format(total.amount, decimal_pos=places, use_l10n=True)
    symbol = CURRENCY_SYMBOLS.get(total.currency)
    if symbol is None:
        return f"{number}\u00a0{total.currency}"
    return f"{symbol}{number}" if len(symbol) == 1 else f"{symbol}\u00a0{number}"


def _money_sentence(money: list[MoneyTotal]) -> str:
    phrases = []
    for total in money:
        sales = total.kind == "sale"
        phrase = _("%(amount)s in sales") if sales else _("%(amount)s in donations")
        phrases.append(phrase % {"amount": amount_text(total)})
    return _("We collected %(money)s.") % {"money": join_list(phrases)}


def spelled(number: int, language: str) -> str:
    words = NUMBER_WORDS.get(language, NUMBER_WORDS["en"])
    return words[number] if 0 <= number < len(words) else str(number)


def join_list(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return _("%(items)s and %(last)s") % {"items": ", ".join(items[:-1]), "last": items[-1]}


def _people(members: int, friends: int, language: str) -> str:
    total = members + friends
    word = spelled(total, language)
    if friends == 0:
        phrase = ngettext("%(n)s comrade", "%(n)s comrades", total)
    elif members == 0:
        phrase = ngettext("%(n)s friend", "%(n)s friends", total)
    else:
        phrase = _("%(n)s comrades and friends")
    return phrase % {"n": word}


def _handout_phrases(handouts: list[Handout], language: str) -> list[str]:
    by_kind: dict[str, int] = {}
    phrases = []
    for handout in handouts:
        if handout.kind in COUNTED_BY_KIND:
            by_kind[handout.kind] = by_kind.get(handout.kind, 0) + handout.copies
            continue
        name = handout.names.get(language) or next(iter(handout.names.values()), handout.slug)
        phrases.append(
            ngettext("%(copies)s copy of %(name)s", "%(copies)s copies of %(name)s", handout.copies)
            % {"copies": handout.copies, "name": name}
        )
    for kind, copies in by_kind.items():
        if kind == "pamphlet":
            phrase = ngettext("%(copies)s pamphlet", "%(copies)s pamphlets", copies)
        else:
            phrase = ngettext("%(copies)s leaflet", "%(copies)s leaflets", copies)
        phrases.append(phrase % {"copies": copies})
    return phrases


def summary_sentence(
    *,
    language: str,
    members: int,
    friends: int,
    handouts: list[Handout],
    place: str = "",
    contacts: int = 0,
    money: list[MoneyTotal] | None = None,
) -> str:
    with translation.override(language):
        people = _people(members, friends, language)
        total = members + friends
        phrases = _handout_phrases([h for h in handouts if h.copies > 0], language)
        if phrases and not total:
            # Nobody ticked as having gone (a record made afterwards): "we", not "zero".
            sentence = _("we distributed %(copies)s") % {"copies": join_list(phrases)}
        elif phrases:
            sentence = ngettext(
                "%(people)s distributed %(copies)s",
                "%(people)s distributed %(copies)s",
                total,
            ) % {"people": people, "copies": join_list(phrases)}
        elif not total:
            sentence = _("we went out")
        else:
            sentence = ngettext("%(people)s went out", "%(people)s went out", total) % {
                "people": people
            }
        if place:
            sentence = _("%(sentence)s at %(place)s") % {"sentence": sentence, "place": place}
        sentence = sentence[:1].upper() + sentence[1:] + "."
        if money:
            sentence += " " + _money_sentence(money)
        if contacts:
            sentence += " " + ngettext(
                "We met one person who wants to stay in touch.",
                "We met %(n)s people who want to stay in touch.",
                contacts,
            ) % {"n": spelled(contacts, language)}
        return sentence
