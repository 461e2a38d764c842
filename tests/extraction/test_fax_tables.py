"""Item rows of faxed orders: numbers a scan misread, codes, titles it could not read, and
quantities corrected by hand."""

from decimal import Decimal

from ingestion.extraction import extract_from_layout
from ingestion.reading import read_pdf
from tests.extraction.docs import pdf, table
from tests.extraction.docs import scanned_page as _scan


def _numbers(order):
    return [(ln.quantity, ln.unit_price, ln.line_total) for ln in order.lines]


PRICED = ["Menge", "Artikel-Nr.", "Bezeichnung", "Preis", "Betrag"]
PRICED_X = [40, 80, 170, 400, 470]


def test_a_digit_a_scan_dropped_changed_or_added_is_put_back_by_the_other_two_numbers():
    rows = [
        PRICED,
        ["24", "ABR-5125-60", "Flap disc 125 mm", "3,0", "74,40"],  # 3,10: a 1 dropped
        ["200", "TLS-9815-BK", "Permanent marker", "10", "220,00"],  # 1,10: "1," dropped
        ["48", "TAP-3150", "Masking tape 50 mm", "2,10", "148,80"],  # 3,10: a 3 read 2
        ["5", "SAF-7310-XXL", "Safety vest XXL", "2,80", "14,70"],  # 14,00: a 0 read 7
        [".2", "ABR-5420", "Cup brush 100 mm", "8,70", "17,40"],  # 2 with a speck
        ["6", "SAF-7310-L", "Safety vest L", "2,60", "15,60"],  # read right
    ]
    order = extract_from_layout(_scan([(40, 40, "BESTELLUNG"), *table(PRICED_X, 100, rows)]))
    assert _numbers(order) == [
        (Decimal("24"), Decimal("3.10"), Decimal("74.40")),
        (Decimal("200"), Decimal("1.10"), Decimal("220.00")),
        (Decimal("48"), Decimal("3.10"), Decimal("148.80")),
        (Decimal("5"), Decimal("2.80"), Decimal("14.00")),
        (Decimal("2"), Decimal("8.70"), Decimal("17.40")),
        (Decimal("6"), Decimal("2.60"), Decimal("15.60")),
    ]
    # a number made up from the others is for a person to check, even if the lines then add
    # up to a printed total
    fixed = [ln.field_confidence["unit_price"] for ln in order.lines[:5]]
    assert max(fixed) < 0.5
    assert {ln.rule for ln in order.lines[:5]} == {"table_row+digit_repaired"}
    assert order.lines[5].field_confidence["unit_price"] > 0.5


def test_printed_text_and_numbers_more_than_a_digit_apart_are_left_as_read():
    rows = [
        PRICED,
        ["24", "ABR-5125-60", "Flap disc 125 mm", "3,0", "74,40"],
        ["10", "FIX-1063", "Hex bolts, box of 100", "5,00", "45,00"],  # a discount, not a misread
    ]
    page = [(40, 40, "BESTELLUNG"), *table(PRICED_X, 100, rows)]
    typed = extract_from_layout(read_pdf(pdf([page])))
    assert _numbers(typed)[0] == (Decimal("24"), Decimal("3.0"), Decimal("74.40"))
    scan = extract_from_layout(_scan(page))
    assert _numbers(scan)[1] == (Decimal("10"), Decimal("5.00"), Decimal("45.00"))
    assert scan.lines[1].confidence < 0.5


def test_item_codes_of_three_letters_and_digits_are_no_negative_numbers():
    # no title readable: the rows are found by their arithmetic, each starting with its code
    rows = [
        ["a", "jantkelbezsichmung", "0", "Menge}", "EP nefto"],
        ["ABR-5260", "Schruppscheibe 125 x 6,0 mm Stahl", "20", "Stk", "2,05", "41,00"],
        ["CLN-9610", "Putzlappen Baumwolle weiss, per kg", "25", "kg", "2,95", "73,75"],
        ["LUB-6005", "Rostloeser Spray 400 ml", "20", "Stk", "6,20", "124,00"],
    ]
    page = [(40, 40, "BESTELLUNG"), *table([40, 110, 330, 360, 420, 480], 100, rows)]
    order = extract_from_layout(_scan(page))
    assert [(ln.customer_sku, ln.quantity, ln.unit_price) for ln in order.lines] == [
        ("ABR-5260", Decimal("20"), Decimal("2.05")),
        ("CLN-9610", Decimal("25"), Decimal("2.95")),
        ("LUB-6005", Decimal("20"), Decimal("6.20")),
    ]


def test_codes_under_a_garbled_title_beside_two_description_titles_are_the_item_codes():
    # a bilingual form: "Designation" and "Bezeichnung" side by side over one column
    titles = [(60, 100, "net Re enotec"), (133, 100, "Designation"), (185, 100, "Bezeichnung")]
    rows = [
        ["CLN-9210", "SAVON D'ATELIER MICROBILLE", "5"],
        ["GLV-2204-L", "GANTS NITRILE T. L", "12"],
        ["GLV-2204-XL", "GANTS NITRILE T. XL", "5"],
    ]
    page = [
        (40, 40, "BON DE COMMANDE"),
        *titles,
        (437, 100, "Quantite"),
        *table([60, 187, 448], 116, rows),
    ]
    order = extract_from_layout(_scan(page))
    assert [(ln.customer_sku, ln.quantity) for ln in order.lines] == [
        ("CLN-9210", Decimal("5")),
        ("GLV-2204-L", Decimal("12")),
        ("GLV-2204-XL", Decimal("5")),
    ]


UNTITLED = [(40, 100, "Ref. Rhenotec"), (150, 100, "Designation"), (400, 100, "re")]


def test_a_scanned_quantity_title_that_was_not_read_is_told_by_the_rows_under_it():
    rows = [
        ["FIX-1450", "SPANPLATTENSCHRAUBE SENKKOPF", "1"],
        ["SAF-7015", "UEBERBRILLE KLAR", "12"],
        ["TAP-3410", "DOPPELSEITIGES KLEBEBAND", "24"],
    ]
    page = [(40, 40, "BON DE COMMANDE"), *UNTITLED, *table([40, 150, 402], 120, rows)]
    order = extract_from_layout(_scan(page))
    assert [(ln.customer_sku, ln.quantity) for ln in order.lines] == [
        ("FIX-1450", Decimal("1")),
        ("SAF-7015", Decimal("12")),
        ("TAP-3410", Decimal("24")),
    ]
    assert all(ln.confidence <= 0.7 for ln in order.lines)  # no title said "quantity"


def test_quantities_corrected_by_hand_and_a_quantity_not_read_are_left_to_a_person():
    rows = [
        ["Ref.", "Designation", "Quantite"],
        ["FIX-1084", "Vis tete hexagonale M8x40, boite de 100", "5"],
        ["FIX-1510", "Cheville nylon 10 mm", "26 a"],  # "20" written beside a struck "40"
        ["TAP-3410", "Adhesif double face 19 mm", "24-6"],  # "24" beside a struck "6"
        ["ELC-8276", "Colliers de serrage 7,6x30", "0"],  # a handwritten 10 read "0"
        ["SAF-7500", "Trousse de secours", "1"],
    ]
    page = [(40, 40, "BON DE COMMANDE"), *table([40, 120, 420], 100, rows)]
    order = extract_from_layout(_scan(page, unsure={"a", "24-6", "0"}))
    assert [(ln.customer_sku, ln.quantity) for ln in order.lines] == [
        ("FIX-1084", Decimal("5")),
        ("FIX-1510", Decimal("26")),
        ("TAP-3410", Decimal("24")),
        ("ELC-8276", None),
        ("SAF-7500", Decimal("1")),
    ]
    assert [ln.field_confidence["quantity"] < 0.5 for ln in order.lines] == [
        False,
        True,
        True,
        True,
        False,
    ]
    # the row whose quantity was not read is no part of the item above it
    assert order.lines[0].codes[0] == "FIX-1084"
    assert "ELC-8276" not in order.lines[0].codes


def test_a_one_digit_quantity_read_as_a_letter_glued_to_its_unit_is_read_back():
    # "5 EA" read "SEA" under the quantity, "1 ea" read "lea" under the unit
    titles = [(40, 100, "#"), (60, 100, "Item"), (150, 100, "Description")]
    titles += [(380, 100, "Qty"), (420, 100, "U/M"), (470, 100, "Price"), (530, 100, "Amount")]
    rows = [
        ["1", "CB-500300300-DW", "Caisse carton 500x300x300 mm", "SEA", "", "1,79", "8,95"],
        ["2", "SHO-S3-44", "Safety shoes S3 SRC, size 44", "", "lea", "46,32", "46,32"],
        ["3", "EP-50-1000", "Corniere carton 50 x 50 x 3 mm", "12", "EA", "0,48", "5,76"],
    ]
    page = [
        (40, 40, "PURCHASE ORDER"),
        *titles,
        *table([40, 60, 150, 384, 420, 470, 530], 116, rows),
    ]
    order = extract_from_layout(_scan(page))
    assert [(ln.codes[0], ln.quantity, ln.unit) for ln in order.lines] == [
        ("CB-500300300-DW", Decimal("5"), "EA"),
        ("SHO-S3-44", Decimal("1"), "EA"),
        ("EP-50-1000", Decimal("12"), "EA"),
    ]
    # a digit read from a letter: a person checks, even where the arithmetic agrees
    assert [ln.field_confidence["quantity"] < 0.85 for ln in order.lines] == [True, True, False]


def test_whole_numbers_under_a_title_that_was_not_read_before_the_prices_are_the_quantities():
    # "Libellé" and "Qté cdée" read "Libolté" and "até cade"; descriptions run into the
    # quantity column ("x 300 m  2")
    titles = [(40, 100, "N°"), (60, 100, "Réf. interne"), (150, 100, "Libolté")]
    titles += [(330, 100, "até cade"), (380, 100, "U."), (420, 100, "Prix net")]
    titles += [(490, 100, "Montant HT")]
    rows = [
        ["1", "MB-330250-PE", "Pochettes plastique 330x250 mm", "250", "EA", "0,1520", "38,00"],
        ["2", "CT-540X9-BK", "Colliers de serrage 540 x 9 mm", "4", "bte", "14,90", "59,60"],
        ["3", "PB-100150-50", "Sachets zip PEBD 100x150 mm, 50 um", "50", "EA", "0,025", "1,25"],
        [
            "4",
            "RIB-110-300-WX",
            "Ruban transfert thermique 110 mm x 300 m",
            "2",
            "EA",
            "6,93",
            "13,86",
        ],
    ]
    page = [
        (40, 40, "BON DE COMMANDE"),
        *titles,
        *table([40, 60, 150, 340, 380, 420, 490], 116, rows),
    ]
    order = extract_from_layout(_scan(page))
    assert [(ln.quantity, ln.unit_price, ln.line_total) for ln in order.lines] == [
        (Decimal("250"), Decimal("0.1520"), Decimal("38.00")),
        (Decimal("4"), Decimal("14.90"), Decimal("59.60")),
        (Decimal("50"), Decimal("0.025"), Decimal("1.25")),
        (Decimal("2"), Decimal("6.93"), Decimal("13.86")),
    ]


FR_TITLES = [(40, 100, "Réf."), (150, 100, "Description"), (380, 100, "Qté")]
FR_TITLES += [(420, 100, "Unité"), (470, 100, "P.U."), (530, 100, "Montant")]
FR_X = [40, 150, 384, 420, 470, 530]


def test_a_misread_number_keeps_the_place_of_its_separator_and_a_lost_point_is_put_back():
    rows = [
        # "2 U" read "20": the price and the amount are no tenfold of what was read
        ["SF-450-17-CL", "Film étirable manuel 450 mm", "20", "", "4,19", "8,38"],
        # "12,5 kg" read "125": the scan lost the point, not the price its first digit
        ["MSF-500-23", "Film étirable machine 500 mm", "125", "kg", "2,59", "32,38"],
        ["KP-1000-90G", "Papier kraft 1000 mm", "75", "kg", "1,65", "123,75"],
    ]
    page = [(40, 40, "BON DE COMMANDE"), *FR_TITLES, *table(FR_X, 116, rows)]
    order = extract_from_layout(_scan(page))
    assert _numbers(order) == [
        (Decimal("2"), Decimal("4.19"), Decimal("8.38")),
        (Decimal("12.5"), Decimal("2.59"), Decimal("32.38")),
        (Decimal("75"), Decimal("1.65"), Decimal("123.75")),
    ]
    assert [ln.field_confidence["quantity"] < 0.5 for ln in order.lines] == [True, True, False]


def test_a_size_that_ran_into_the_quantity_beside_an_unread_quantity_goes_back_to_its_text():
    # "… x 33 m" ends the description under the quantity; "24 U" was read "AU" under the unit
    rows = [
        ["FMT-50-33-BL", "Ruban de marquage au sol PVC 50 mm x", "33 m.", "AU", "5,80", "139,20"],
        ["HV-XL-YE", "Gilet haute visibilité jaune XL", "36", "U", "2,75", "99,00"],
    ]
    page = [(40, 40, "BON DE COMMANDE"), *FR_TITLES, *table(FR_X, 116, rows)]
    order = extract_from_layout(_scan(page))
    assert _numbers(order) == [
        (Decimal("24"), Decimal("5.80"), Decimal("139.20")),
        (Decimal("36"), Decimal("2.75"), Decimal("99.00")),
    ]
    assert order.lines[0].description.endswith("33 m.")
    assert order.lines[0].field_confidence["quantity"] < 0.5


def test_a_scrap_under_the_unit_beside_a_price_and_an_amount_is_an_item_to_read():
    # "24 U" read "Au": 471,20 (a 2 read 7) is no whole number of 17,55 to derive it from
    rows = [
        ["LBL-148-210-DT", "Étiquettes 148x210 mm, thermique direct", "", "Au", "17,55", "471,20"],
        ["HV-XL-YE", "Gilet haute visibilité jaune XL", "36", "U", "2,75", "99,00"],
    ]
    page = [(40, 40, "BON DE COMMANDE"), *FR_TITLES, *table(FR_X, 116, rows)]
    order = extract_from_layout(_scan(page))
    assert [(ln.codes[0], ln.quantity, ln.unit) for ln in order.lines] == [
        ("LBL-148-210-DT", None, None),
        ("HV-XL-YE", Decimal("36"), "EA"),
    ]
    assert order.lines[0].field_confidence["quantity"] < 0.5
