from decimal import Decimal

import pytest

from iskra.distribution.summary import Handout, MoneyTotal, summary_sentence

PAPER = Handout(
    kind="paper", names={"en": "Red Banner", "es": "Bandera Roja"}, slug="rb", copies=540
)
PAMPHLET = Handout(kind="pamphlet", names={"en": "Gaza"}, slug="gaza", copies=100)


def sentence(language, members, friends, handouts, **extra):
    return summary_sentence(
        language=language, members=members, friends=friends, handouts=handouts, **extra
    )


@pytest.mark.parametrize(
    ("language", "members", "friends", "handouts", "expected"),
    [
        (
            "en",
            3,
            11,
            [PAPER, PAMPHLET],
            "Fourteen comrades and friends distributed 540 copies of Red Banner and 100 pamphlets.",
        ),
        (
            "es",
            3,
            11,
            [PAPER, PAMPHLET],
            "Catorce camaradas y amigos repartieron 540 ejemplares de Bandera Roja y 100 folletos.",
        ),
        ("en", 1, 0, [PAPER], "One comrade distributed 540 copies of Red Banner."),
        ("es", 1, 0, [PAPER], "Un camarada repartió 540 ejemplares de Bandera Roja."),
        ("en", 2, 0, [PAPER], "Two comrades distributed 540 copies of Red Banner."),
        ("es", 2, 0, [PAPER], "Dos camaradas repartieron 540 ejemplares de Bandera Roja."),
        (
            "en",
            1,
            0,
            [Handout(kind="paper", names={"en": "Red Banner"}, slug="rb", copies=1)],
            "One comrade distributed 1 copy of Red Banner.",
        ),
        (
            "es",
            1,
            0,
            [Handout(kind="pamphlet", names={}, slug="p", copies=1)],
            "Un camarada repartió 1 folleto.",
        ),
        ("en", 25, 5, [PAMPHLET], "30 comrades and friends distributed 100 pamphlets."),
        ("es", 25, 5, [PAMPHLET], "30 camaradas y amigos repartieron 100 folletos."),
    ],
)
def test_summary_sentence(language, members, friends, handouts, expected):
    assert sentence(language, members, friends, handouts) == expected


def test_three_publications_are_listed_with_commas():
    bulletin = Handout(kind="newsletter", names={"en": "Plant Bulletin"}, slug="pb", copies=30)
    assert sentence("en", 2, 0, [PAPER, bulletin, PAMPHLET], place="Gate 4") == (
        "Two comrades distributed 540 copies of Red Banner, 30 copies of Plant Bulletin "
        "and 100 pamphlets at Gate 4."
    )


def test_a_spanish_name_falls_back_to_the_publication_name():
    bulletin = Handout(kind="newsletter", names={"en": "Plant Bulletin"}, slug="pb", copies=30)
    assert sentence("es", 1, 1, [bulletin], contacts=2) == (
        "Dos camaradas y amigos repartieron 30 ejemplares de Plant Bulletin. "
        "Conocimos a dos personas que quieren seguir en contacto."
    )


def test_money_and_nobody_ticked_read_naturally_in_both_languages():
    money = [
        MoneyTotal(kind="donation", currency="USD", amount=Decimal("12")),
        MoneyTotal(kind="sale", currency="USD", amount=Decimal("7.50")),
    ]
    assert sentence("en", 0, 0, [PAPER], money=money) == (
        "We distributed 540 copies of Red Banner. We collected $12 in donations and $7.50 in sales."
    )
    assert sentence("es", 0, 0, [PAPER], money=money) == (
        "Repartimos 540 ejemplares de Bandera Roja. Recaudamos $12 en donaciones y $7,50 en ventas."
    )
    assert sentence("es", 0, 0, []) == "Salimos."
