from decimal import Decimal

import pytest

from ingestion.extraction import extract_from_text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "merci de nous livrer 12 x REF A-778 et 3 cartons de gaine thermo",
            [(Decimal(12), None, "A-778", ""), (Decimal(3), "BOX", None, "gaine thermo")],
        ),
        ("please ship 10 EA of 4711", [(Decimal(10), "EA", "4711", "")]),
        ("Bitte liefern Sie 5 Stück Art.-Nr. 12345", [(Decimal(5), "EA", "12345", "")]),
        (
            "- 60 each Labels 100x50 mm, direct thermal, roll of 1000",
            [(Decimal(60), "EA", None, "Labels 100x50 mm, direct thermal, roll of 1000")],
        ),
        (
            "6 ST A-146 - Packband PP Acryl 48 mm x 132 m, weiß",
            [(Decimal(6), "EA", "A-146", "Packband PP Acryl 48 mm x 132 m, weiß")],
        ),
        (
            "- 12.5 m Polypropylene rope 10 mm, 3-strand",
            [(Decimal("12.5"), "M", None, "Polypropylene rope 10 mm, 3-strand")],
        ),
        (
            "- 1 200 x réf DST-19 (Adhésif double face 19 mm)",
            [(Decimal(1200), None, "DST-19", "Adhésif double face 19 mm")],
        ),
        ("Art. 4711 : 10 pcs", [(Decimal(10), "EA", "4711", "")]),
        ("* 10001355: 18 St.", [(Decimal(18), "EA", "10001355", "")]),
        (
            "VS-70-853  Handstretchfolie 400 mm 20 µm  2 Stk",
            [(Decimal(2), "EA", "VS-70-853", "Handstretchfolie 400 mm 20 µm")],
        ),
        (
            "2 Kart. EE88504 - Kabelbinder, Beutel à 100 Stück",
            [(Decimal(2), "BOX", "EE88504", "Kabelbinder, Beutel à 100 Stück")],
        ),
    ],
)
def test_order_lines_in_sentences_and_bullets(text, expected):
    order = extract_from_text(text)
    assert [
        (ln.quantity, ln.unit, ln.customer_sku, ln.description) for ln in order.lines
    ] == expected


def test_a_price_in_the_sentence_is_the_unit_price():
    order = extract_from_text("- 2 x réf EMB.9858 (Gants nitrile taille M) à 6,80 €")
    line = order.lines[0]
    assert (
        line.quantity,
        line.customer_sku,
        line.description,
        line.unit_price,
        line.line_total,
    ) == (
        Decimal(2),
        "EMB.9858",
        "Gants nitrile taille M",
        Decimal("6.80"),
        Decimal("13.60"),
    )


def test_sizes_dates_and_reference_numbers_are_not_quantities():
    order = extract_from_text(
        "Notre n° de commande : 779617\nDate de livraison : 06/05/2026\nRuban 48 mm x 66 m\nTel. +33 4 14 97 77 96"
    )
    assert order.lines == ()


def test_a_quoted_reply_does_not_double_the_lines():
    order = extract_from_text("- 4 x A-1 widgets\n\n> - 4 x A-1 widgets\n- 4 x A-1 widgets")
    assert [(ln.quantity, ln.customer_sku) for ln in order.lines] == [(Decimal(4), "A-1")]


def test_a_date_in_words_is_not_a_line():
    order = extract_from_text(
        "Bonjour,\n\nMerci de nous livrer pour le 30 novembre :\n12 x réf A-778 gaine thermo\n"
        "3 cartons de ruban adhésif\n\nCordialement"
    )
    assert [(ln.quantity, ln.customer_sku, ln.description) for ln in order.lines] == [
        (Decimal(12), "A-778", "gaine thermo"),
        (Decimal(3), None, "ruban adhésif"),
    ]
    assert order.requested_delivery_date.value.isoformat()[5:] == "11-30"


def test_the_order_reference_in_a_sentence_is_the_po_number_not_a_line():
    order = extract_from_text(
        "Bonjour,\nVoici notre commande n° BC26-4902 :\n12 x A-778 gaine thermo pour le 30 novembre"
    )
    assert order.po_number.value == "BC26-4902"
    assert order.po_number.confidence >= 0.9
    assert [(ln.quantity, ln.customer_sku, ln.description) for ln in order.lines] == [
        (Decimal(12), "A-778", "gaine thermo"),
    ]
    assert order.requested_delivery_date.rule == "label_inline:pour le"


def test_thousands_and_trailing_box_quantities_in_an_email():
    order = extract_from_text(
        "please ship the following:\n1,000 EA A-758 - Packaging tape @ $1.54\n"
        "VS-34-750  Chipboard screws 5x50 mm, box of 200  40 bx\n"
        "We need this by Sep 7, 2026."
    )
    assert [(ln.quantity, ln.unit, ln.customer_sku) for ln in order.lines] == [
        (Decimal(1000), "EA", "A-758"),
        (Decimal(40), "BOX", "VS-34-750"),
    ]
    assert order.requested_delivery_date.value.isoformat() == "2026-09-07"
    assert order.order_date is None or order.order_date.rule != "first_date"
