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
