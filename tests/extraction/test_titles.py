import pytest

from ingestion.extraction import extract_from_layout
from ingestion.reading import read_pdf
from tests.extraction.docs import as_scan, pdf, table


def _order_form(header: list[tuple[float, float, str]]) -> bytes:
    body = [
        (40, 40, "Quincaillerie Martin SA"),
        (40, 52, "8 avenue Foch"),
        (40, 64, "69006 Lyon"),
        *header,
        *table(
            [40, 110, 330, 400, 480],
            150,
            [
                ["Réf.", "Désignation", "Qté", "Prix unitaire", "Montant"],
                ["02.844", "Gaine thermo 6 mm", "12", "3,45", "41,40"],
            ],
        ),
        (400, 200, "Total HT"),
        (480, 200, "41,40"),
    ]
    return pdf([body])


def test_number_label_right_of_the_title_is_the_po_number():
    layout = read_pdf(_order_form([(330, 40, "BON DE COMMANDE"), (450, 40, "N° 002372")]))
    order = extract_from_layout(layout)
    assert order.po_number.value == "002372"
    assert order.po_number.rule == "title_number_right"
    assert order.po_number.confidence >= 0.95


def test_number_label_in_its_own_cell_right_of_the_title():
    layout = read_pdf(_order_form([(330, 40, "COMMANDE"), (420, 40, "N°"), (440, 40, "002372")]))
    order = extract_from_layout(layout)
    assert order.po_number.value == "002372"
    assert order.po_number.confidence >= 0.95


def test_number_label_below_the_title_in_english_and_german():
    english = read_pdf(_order_form([(330, 40, "PURCHASE ORDER"), (330, 52, "No. 4711-22")]))
    german = read_pdf(_order_form([(330, 40, "BESTELLUNG"), (330, 52, "Nr. 88123")]))
    hashed = read_pdf(_order_form([(330, 40, "PURCHASE ORDER"), (330, 52, "# 4711-22")]))
    assert extract_from_layout(english).po_number.value == "4711-22"
    assert extract_from_layout(german).po_number.value == "88123"
    assert extract_from_layout(hashed).po_number.value == "4711-22"
    assert extract_from_layout(german).po_number.rule == "title_number_below"
    assert extract_from_layout(german).po_number.confidence >= 0.9


def test_ocr_garbled_title_with_a_number_label_is_not_a_table_reference():
    layout = as_scan(read_pdf(_order_form([(330, 40, "BON BE CCWMAMBDE"), (450, 40, "N° 002372")])))
    order = extract_from_layout(layout)
    assert order.po_number.value == "002372"
    assert order.po_number.rule == "title_number_right:fuzzy+ocr"
    assert 0.75 <= order.po_number.confidence < 0.95


def test_a_delivery_note_title_with_a_number_proposes_no_po_number():
    layout = read_pdf(_order_form([(330, 40, "BON DE LIVRAISON"), (450, 40, "N° 77812")]))
    order = extract_from_layout(layout)
    assert order.po_number is None or order.po_number.rule != "title_number_right"


def test_a_label_misread_by_one_letter_on_a_scan_is_still_a_label():
    header = [
        (330, 40, "Bestellung"),
        (330, 56, "Bestelinummer/Matum"),
        (430, 56, "4500187345 23.11.2026"),
    ]
    scan = extract_from_layout(as_scan(read_pdf(_order_form(header))))
    assert scan.po_number.value == "4500187345"
    assert scan.po_number.confidence >= 0.75
    assert str(scan.order_date.value) == "2026-11-23"
    # typed text is taken as printed: "Bestelinummer" is no label there
    typed = extract_from_layout(read_pdf(_order_form(header)))
    assert typed.po_number is None or typed.po_number.confidence < 0.75


def test_a_postcode_with_its_country_prefix_is_no_reference():
    header = [(330, 40, "BESTELLUNG"), (40, 76, "CH-1260 Nyon"), (330, 76, "17.11.2026")]
    scan = extract_from_layout(as_scan(read_pdf(_order_form(header))))
    assert scan.po_number is None or scan.po_number.value != "CH-1260"


def test_a_faxed_orders_heading_and_a_number_label_a_scan_read_with_a_dash():
    heading = as_scan(read_pdf(_order_form([(330, 40, "FAX COMMANDE CF26-0431")])))
    assert extract_from_layout(heading).po_number.value == "CF26-0431"
    dashed = as_scan(read_pdf(_order_form([(330, 40, "Commande"), (330, 52, "-No 4490")])))
    assert extract_from_layout(dashed).po_number.value == "4490"


def test_a_repeat_orders_title_and_its_reference_not_the_earlier_order_it_names():
    layout = read_pdf(
        _order_form(
            [
                (40, 90, "Repeat order KAB-26-0452"),
                (
                    40,
                    104,
                    "Please re-order the following at the conditions of our order KAB-26-0417.",
                ),
            ]
        )
    )
    assert extract_from_layout(layout).po_number.value == "KAB-26-0452"


def test_a_sheets_bilingual_title_over_its_number_row():
    from ingestion.extraction import extract_from_sheet

    rows = [
        ["SPEELGOED DE KABOUTER BV"],
        ["Bestelbon / Purchase order"],
        ["Nummer / Number", "", "KAB-26-0461", "", "Valuta / Currency", "EUR"],
        ["Art.", "Omschrijving / Description", "Aantal / Qty", "Prijs / Price"],
        ["LUD-10101", "Board game", "6", "29.9"],
    ]
    assert extract_from_sheet(rows).po_number.value == "KAB-26-0461"


@pytest.mark.parametrize(
    ("cell", "po"),
    [("Commande CMD 26-0502", "CMD 26-0502"), ("Commande VP-2026-463", "VP-2026-463")],
)
def test_a_sheets_title_cell_and_its_number(cell, po):
    from ingestion.extraction import extract_from_sheet

    rows = [
        ["LABORATOIRES LÉMAN SA", "", "", cell],
        ["Avenue de Sévelin 20, 1004 Lausanne", "", "", "Livraison : semaine 2 (janvier 2027)"],
        ["Référence", "Article", "Qté", "PU CHF"],
        ["KL-13100", "Fiole jaugée classe A, 100 ml", "10", "9.6"],
    ]
    order = extract_from_sheet(rows)
    assert order.po_number.value == po
    assert order.ship_to is None or order.ship_to.value.postal_code != "2027"


@pytest.mark.parametrize(
    ("heading", "po"),
    [("ORDER 2026-131 (by fax)", "2026-131"), ("ORDER 26/11/2026", None)],
)
def test_a_headings_figures_after_the_title_and_a_remark_in_brackets(heading, po):
    layout = read_pdf(_order_form([(40, 90, heading)]))
    found = extract_from_layout(layout).po_number
    assert (found.value if found else None) == po
