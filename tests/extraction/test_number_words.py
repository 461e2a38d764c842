"""Counts written in words, as a buyer dictates an order."""

from decimal import Decimal

import pytest

from ingestion.extraction import extract_from_text
from ingestion.extraction.number_words import leading_count, value_of


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("septante-deux", 72),  # Belgian and Swiss French
        ("nonante-six", 96),
        ("quatre-vingt-seize", 96),  # French French
        ("soixante-douze", 72),
        ("vingt et un", 21),
        ("deux cents", 200),
        ("twenty-four", 24),
        ("zweiundsiebzig", 72),
        ("sechsundneunzig", 96),
        ("zwölf", 12),
        ("le", None),
        ("Lamothe", None),
    ],
)
def test_number_words(words, value):
    assert value_of(words) == value


def test_a_count_in_words_opens_an_item_but_one_alone_does_not():
    assert leading_count("septante-deux bouteilles de Lamothe") == (72, 13)
    assert leading_count("vingt et une bouteilles de vin") == (21, 12)
    assert leading_count("un carton de crémant") is None  # read where its unit is
    assert leading_count("Lamothe-Cissac 12 bouteilles") is None


def test_a_dictated_belgian_order_is_counted():
    order = extract_from_text(
        "Bonjour,\n\nVoici notre commande BC-0463 pour les fêtes :\n\n"
        "- septante-deux bouteilles de Lamothe-Cissac 2018 (le Haut-Médoc)\n"
        "- nonante-six bouteilles d'eau pétillante 1 litre (verre consigné)\n"
        "- six magnums de Moulin de Tersac\n"
        "- deux cartons de crémant rosé\n"
    )
    assert [ln.quantity for ln in order.lines] == [
        Decimal("72"),
        Decimal("96"),
        Decimal("6"),
        Decimal("2"),
    ]


def test_counts_in_words_mid_sentence_before_what_they_count():
    from ingestion.extraction.freetext import _COUNTED_IN_WORDS
    from ingestion.extraction.number_words import counts_before

    said = (
        "Alors il nous faudrait dix cartons de crémant, plus deux cartons du crémant rosé, "
        "quatre bag-in-box de dix litres et vingt-quatre bouteilles de jus."
    )
    assert counts_before(said, _COUNTED_IN_WORDS) == (
        "Alors il nous faudrait 10 cartons de crémant, plus 2 cartons du crémant rosé, "
        "4 bag-in-box de 10 litres et 24 bouteilles de jus."
    )
    # numbers that count nothing stay words: "deux fois", "les cartons de six bien sûr"
    assert counts_before("livrez deux fois, les cartons de six bien sûr", _COUNTED_IN_WORDS) == (
        "livrez deux fois, les cartons de six bien sûr"
    )
