"""Phone numbers as the street writes them ("2135550147", "+1 (213) 555-0147", "213.555.0147")
stored, blind-indexed and compared in one form: E.164 ("+12135550147"), parsed with the
`phonenumbers` library. A number without its country code is read in the country of the
collective that owns the contact (or the nearest collective above it that names one).

A number that cannot be parsed is kept as it was typed (digits, and a leading +): the record
is never refused for it, and it still dedupes against the same digits.
"""

import re
from typing import Any

import phonenumbers


def region_of(collective: Any, countries: dict[int, str] | None = None) -> str:
    """The ISO country of a collective, or of its nearest ancestor that has one ("" if none).
    `countries` (id -> country) saves the queries when many collectives are looked up."""
    if collective is None:
        return ""
    if collective.country:
        return str(collective.country).upper()
    ancestors = [int(part) for part in collective.path.strip("/").split("/")[:-1] if part]
    if countries is None:
        countries = dict(
            type(collective).objects.filter(pk__in=ancestors).values_list("id", "country")
        )
    for pk in reversed(ancestors):
        if countries.get(pk):
            return countries[pk].upper()
    return ""


def _digits(value: str) -> str:
    value = value.strip()
    digits = re.sub(r"\D", "", value)
    return ("+" + digits) if value.startswith("+") and digits else digits


def parse(value: str, region: str = "") -> phonenumbers.PhoneNumber | None:
    """The number, or None when it is not a possible phone number in `region`."""
    value = value.strip()
    if not value:
        return None
    if value.startswith("00"):
        value = "+" + value[2:]
    try:
        number = phonenumbers.parse(value, region.upper() or None)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(number):
        return None
    return number


def normalize(value: str, region: str = "") -> str:
    """E.164 when the number parses in `region`, else its digits (with a leading +)."""
    number = parse(value, region)
    if number is None:
        return _digits(value)
    return str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))


def for_storage(value: str, region: str = "") -> str:
    """What is stored: E.164 when the number parses, else the text as typed."""
    value = value.strip()
    number = parse(value, region)
    if number is None:
        return value
    return str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))


def for_display(value: str) -> str:
    """A stored number as people read it: "+1 213-555-0147" (as typed when it did not parse)."""
    if not value.startswith("+"):
        return value
    number = parse(value)
    if number is None:
        return value
    return str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL))
