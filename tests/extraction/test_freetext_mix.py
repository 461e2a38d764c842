"""Order lines people write in emails to a food-service supplier: bullet lists with material
numbers, code columns typed with spaces, items in a sentence, "same as last week except…"."""

from decimal import Decimal

import pytest

from ingestion.extraction import extract_from_text


def _lines(text):
    return [
        (ln.customer_sku, ln.description, ln.quantity, ln.unit)
        for ln in extract_from_text(text).lines
    ]


def test_material_number_bullets_with_the_quantity_after_a_colon():
    text = (
        "Bestellnummer: 4500232104\n"
        "- Mat.-Nr. 10039449 – Kabeljaufilet TK: 20 kg\n"
        "- Mat.-Nr. 10035940 – H-Milch 1,5 % (6 x 1 l): 20 Kartons\n"
        "- Mat.-Nr. 10035493 – Nitrilhandschuhe Gr. M: 30 Packungen\n"
    )
    assert _lines(text) == [
        ("10039449", "Kabeljaufilet TK", Decimal(20), "KG"),
        ("10035940", "H-Milch 1,5 % (6 x 1 l)", Decimal(20), "BOX"),
        ("10035493", "Nitrilhandschuhe Gr. M", Decimal(30), "PK"),
    ]


def test_code_columns_counted_in_packs_keep_the_bracket_of_their_words():
    text = (
        "HH-7918   Croissants butter frozen (120)       3 cs\n"
        "HH-9771   Eggs free range M tray 30           10 pk\n"
        "HH-2226   Dishwasher tablets tub 200           1 pk\n"
    )
    assert _lines(text) == [
        ("HH-7918", "Croissants butter frozen (120)", Decimal(3), "BOX"),
        ("HH-9771", "Eggs free range M tray 30", Decimal(10), "PK"),
        ("HH-2226", "Dishwasher tablets tub 200", Decimal(1), "PK"),
    ]


def test_words_then_quantity_in_litres_and_dot_leaders():
    text = (
        "yaourts nature : 6 cartons\n"
        "crème fraîche épaisse : 10 litres\n"
        "haricots verts surgelés ..... 120 kg\n"
    )
    assert _lines(text) == [
        (None, "yaourts nature", Decimal(6), "BOX"),
        (None, "crème fraîche épaisse", Decimal(10), "L"),
        (None, "haricots verts surgelés", Decimal(120), "KG"),
    ]


def test_goods_taken_up_by_en_before_their_quantity():
    text = (
        "pour mardi stp :\n"
        "- 4 cartons de crème 35\n"
        "- 30 kg de frites 9/9\n"
        "\n"
        "et si tu as encore les pavés de saumon mets m'en 6 kg.\n"
    )
    order = extract_from_text(text)
    assert [(ln.description, ln.quantity, ln.unit) for ln in order.lines] == [
        ("crème 35", Decimal(4), "BOX"),
        ("frites 9/9", Decimal(30), "KG"),
        ("pavés de saumon", Decimal(6), "KG"),
    ]
    assert order.lines[2].confidence <= 0.55  # a sentence: a person checks it


def test_a_word_before_the_quantity_is_no_code():
    assert _lines("- frites : 300 kg au lieu de 250\n") == [(None, "frites", Decimal(300), "KG")]


def test_a_list_item_with_a_two_letter_name():
    text = "can i get for tues:\n2 boxes of the 12oz cups\n3 cases of cream\n1 case oj\n"
    assert _lines(text)[-1] == (None, "oj", Decimal(1), "BOX")


@pytest.mark.parametrize(
    "opening",
    [
        "Même commande que la semaine dernière, avec ces changements :",
        "Same as last week except:",
        "Bitte wie letzte Woche, aber:",
    ],
)
def test_an_earlier_order_with_changes_never_reads_as_complete(opening):
    text = f"Bonjour,\n\n{opening}\n- 4 x ABC-123 crème de cuisson\n- 2 x ABC-456 beurre\n"
    order = extract_from_text(text)
    assert [ln.customer_sku for ln in order.lines] == ["ABC-123", "ABC-456"]
    assert all(ln.confidence <= 0.4 for ln in order.lines)
    assert all(ln.field_confidence["quantity"] <= 0.4 for ln in order.lines)


def test_a_quoted_earlier_order_alone_does_not_lower_the_new_lines():
    text = "- 4 x ABC-123 crème de cuisson\n\n> Même commande que la semaine dernière\n"
    assert extract_from_text(text).lines[0].confidence > 0.4
