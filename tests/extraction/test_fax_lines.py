"""Item rows of faxed tables: prices a scan printed on a row of their own, separators it lost
or moved, specks glued to numbers, quantities it could not read or read far too large."""

from decimal import Decimal

from ingestion.extraction import extract_from_layout
from ingestion.extraction.tables import classify_header
from tests.extraction.docs import scanned_page as _scan
from tests.extraction.docs import table


def _lines(order):
    return [(ln.quantity, ln.unit_price, ln.line_total) for ln in order.lines]


def test_price_and_amount_printed_on_a_row_below_the_item_are_the_items():
    # an SAP print: "Bestellmenge" over "Preis/ME", the value beside it, one row lower
    page = [
        (40, 40, "BESTELLUNG"),
        (50, 100, "Pos."),
        (80, 100, "Material"),
        (150, 100, "Bezeichnung"),
        (330, 100, "Bestellmenge"),
        (400, 100, "ME"),
        (330, 110, "Preis/ME"),
        (410, 110, "Nettowert"),
    ]
    y = 130
    for pos, mat, desc, qty, price, value in [
        ("00010", "100234", "Kupferrohr halbhart 18x1,0", "50", "10,45", "522,50"),
        ("00020", "200517", "Pressbogen 90 Grad Cu 22", "40", "5,40", "216,00"),
    ]:
        page += [(50, y, pos), (80, y, mat), (150, y, desc), (350, y, qty), (368, y, "ST")]
        page += [(340, y + 9, price), (372, y + 9, "EUR"), (420, y + 9, value)]
        page += [(80, y + 20, "Liefertermin: 16.11.2026")]
        y += 40
    order = extract_from_layout(_scan(page))
    assert _lines(order) == [
        (Decimal("50"), Decimal("10.45"), Decimal("522.50")),
        (Decimal("40"), Decimal("5.40"), Decimal("216.00")),
    ]
    assert all(ln.rule == "table_row+arithmetic" for ln in order.lines)


def test_purchase_price_and_total_price_abbreviations_are_titles():
    assert classify_header("EK-Preis") == "unit_price"
    assert classify_header("Einkaufspreis") == "unit_price"
    assert classify_header("GP €") == "line_total"
    # the price a trade customer pays, and a scan's "Preis/VE" whose slash reads as a letter
    assert classify_header("Trade Price £") == "unit_price"
    assert classify_header("Dealer price (EUR)") == "unit_price"
    assert classify_header("PreisiVE") == "unit_price"
    assert classify_header("Precise") is None
    # an ERP's column of the day each item is required
    assert classify_header("Required") == "date"
    assert classify_header("Req'd") == "date"
    assert classify_header("Qty Required") == "quantity"


PER = ["Ref.", "Designation", "Qte", "P.U. HT par", "Montant HT"]
PER_X = [40, 100, 320, 390, 490]


def test_a_scanned_price_with_its_unit_of_one_beside_it_keeps_its_digits():
    rows = [
        PER,
        ["MF-C20", "Manchon a sertir multicouche 20", "20", "495 1", "99.00"],
        ["CU-R1210", "Tube cuivre recuit couronne 50 m", "50", ".740 1", "370,00"],
        ["CU-1210", "Tube cuivre 12x1 barre 5 m", "25", "6.85 l", "171.25"],
    ]
    order = extract_from_layout(_scan([(40, 40, "BON DE COMMANDE"), *table(PER_X, 100, rows)]))
    assert _lines(order) == [
        (Decimal("20"), Decimal("4.95"), Decimal("99.00")),
        (Decimal("50"), Decimal("7.40"), Decimal("370.00")),
        (Decimal("25"), Decimal("6.85"), Decimal("171.25")),
    ]
    # a separator moved, not only lost: the price was made up from the others
    assert order.lines[1].field_confidence["unit_price"] < 0.5


AMOUNTS = ["Item", "Description", "Quantity", "Unit price", "Net amount"]
AMOUNTS_X = [40, 110, 330, 400, 480]


def test_a_quantity_whose_point_a_scan_lost_is_read_back_for_a_person():
    rows = [
        AMOUNTS,
        ["NFM-004417", "Circulating pump 15-50", "200", "104.00", "208.00"],
        ["NFM-004503", "Clip-on NTC sensor 10k", "6.00", "11.10", "66.60"],
    ]
    order = extract_from_layout(_scan([(40, 40, "PURCHASE ORDER"), *table(AMOUNTS_X, 100, rows)]))
    assert _lines(order)[0] == (Decimal("2"), Decimal("104.00"), Decimal("208.00"))
    assert order.lines[0].confidence < 0.5
    assert order.lines[1].confidence > 0.8


def test_specks_and_colons_on_scanned_numbers():
    rows = [
        AMOUNTS,
        ["HPH/FLX", "Soldering Flux 100g", "4", "4.40°", "17.60"],
        ["KR-MV16", "Verbundrohr 16 x 2,0 mm", "150", "2:15", "322.50"],
        ["PF-E28", "Press elbow 90 28mm", "25°EA", "7.65", "191.25"],
        ["BF-8210", "Cotton gloves size M", "12", "«2.40", "28.80"],
        ["AP-SI-S10", "Feeding syrup 10 L", "30", "...13.90", "417.00"],
    ]
    order = extract_from_layout(_scan([(40, 40, "PURCHASE ORDER"), *table(AMOUNTS_X, 100, rows)]))
    assert _lines(order) == [
        (Decimal("4"), Decimal("4.40"), Decimal("17.60")),
        (Decimal("150"), Decimal("2.15"), Decimal("322.50")),
        (Decimal("25"), Decimal("7.65"), Decimal("191.25")),
        (Decimal("12"), Decimal("2.40"), Decimal("28.80")),
        (Decimal("30"), Decimal("13.90"), Decimal("417.00")),
    ]
    # a colon read as a point: the arithmetic agrees, a person still looks
    assert order.lines[1].confidence < 0.8
    assert order.lines[2].unit == "EA"


def test_a_quantity_not_read_as_a_number_is_the_amount_over_the_price_for_a_person():
    rows = [
        ["Qte", "Designation", "Prix unit.", "Total"],
        ["2", "Vase d'expansion chauffage 24 litres", "46,00", "92,00"],
        ["pc", "Soupape de securite chauffage 3 bar", "9,75", "39,00"],
    ]
    order = extract_from_layout(
        _scan([(40, 40, "BON DE COMMANDE"), *table([70, 110, 390, 500], 100, rows)], unsure={"pc"})
    )
    assert _lines(order) == [
        (Decimal("2"), Decimal("46.00"), Decimal("92.00")),
        (Decimal("4"), Decimal("9.75"), Decimal("39.00")),
    ]
    assert order.lines[1].confidence < 0.5


def test_a_scanned_quantity_far_above_the_others_goes_to_a_person():
    rows = [
        ["Qty", "Code", "Description"],
        ["20", "HPH/CC15", "15mm comp. couplers"],
        ["4218", "HPH/CU22", "22mm copper tube (m)"],
        ["4", "HPH/LD400", "Leak detector spray 400ml"],
    ]
    order = extract_from_layout(_scan([(40, 40, "ORDER"), *table([80, 130, 220], 100, rows)]))
    assert [ln.quantity for ln in order.lines] == [Decimal("20"), Decimal("4218"), Decimal("4")]
    assert order.lines[1].field_confidence["quantity"] < 0.5
    assert order.lines[0].field_confidence["quantity"] > 0.5


def test_a_scanned_row_struck_through_as_cancelled_is_no_item_though_the_word_is_misread():
    rows = [
        AMOUNTS,
        ["HPH/FLX", "Soldering Flux 100g", "4", "4.40", "17.60"],
        ["RW-4204", "Book trolley SFORNIERF", "1", "542.72", "542.72"],
    ]
    order = extract_from_layout(_scan([(40, 40, "PURCHASE ORDER"), *table(AMOUNTS_X, 100, rows)]))
    assert _lines(order) == [(Decimal("4"), Decimal("4.40"), Decimal("17.60"))]
