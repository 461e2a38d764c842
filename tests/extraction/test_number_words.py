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
