from decimal import Decimal

import pytest

from ingestion.extraction.numbers import (
    detect_decimal_separator,
    find_currencies,
    number_candidates,
    parse_number,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1 234,56", Decimal("1234.56")),
        ("1,234.56", Decimal("1234.56")),
        ("1.234,56", Decimal("1234.56")),
        ("1'234.56", Decimal("1234.56")),
        ("1 234.56", Decimal("1234.56")),
        ("1\u202f234,56", Decimal("1234.56")),
        ("62.00", Decimal("62.00")),
        ("22", Decimal("22")),
        ("$6,547.55", Decimal("6547.55")),
        ("12,50 €", Decimal("12.50")),
        ("EUR 12.50", Decimal("12.50")),
        ("CHF 1'250.00", Decimal("1250.00")),
        ("12,00-", Decimal("-12.00")),
        ("(5.00)", Decimal("-5.00")),
        ("1.234.567", Decimal("1234567")),
        ("0,4251", Decimal("0.4251")),
    ],
)
def test_parse_number_reads_every_common_form(text, expected):
    assert parse_number(text) == expected


@pytest.mark.parametrize(
    "text", ["abc", "12.3.4", "", "1,2,3", "PVC-110", "PAL-PLA-1200", "12 PCS", "ABC 12"]
)
def test_parse_number_refuses_non_numbers(text):
    # three capitals are a currency only when they are an ISO code: "PVC-110" is an item code
    assert parse_number(text) is None


def test_a_gap_before_two_last_digits_is_a_decimal_point_a_scan_lost():
    # no group of thousands ends in two digits: "14 20" is 14.20, "1 113 60" 1113.60
    assert [parse_number(t) for t in ("14 20", "113 60", "1 113 60", "1 234", "12 345")] == [
        Decimal("14.20"),
        Decimal("113.60"),
        Decimal("1113.60"),
        Decimal("1234"),
        Decimal("12345"),
    ]


def test_a_lone_separator_before_three_digits_has_two_readings():
    assert number_candidates("1,234") == [Decimal("1234"), Decimal("1.234")]
    assert number_candidates("0,500") == [Decimal("0.500")]


def test_the_document_decimal_separator_settles_ambiguous_numbers():
    assert parse_number("1.234", decimal_sep=",") == Decimal("1234")
    assert parse_number("1.234", decimal_sep=".") == Decimal("1.234")
    assert parse_number("1,234", decimal_sep=".") == Decimal("1234")


def test_a_strict_decimal_separator_needs_amounts_that_agree():
    amounts = ["6,50", "16,80", "4,91", "Kabelbinder 100 x 2.5 mm"]
    assert detect_decimal_separator(amounts, strict=True) == ","  # "2.5 mm" is no amount
    assert detect_decimal_separator(["6,50", "16,80"], strict=True) is None  # too few
    assert detect_decimal_separator(["6,50", "16,80", "4,91", "1.20"], strict=True) is None


def test_detect_decimal_separator_from_unambiguous_numbers():
    assert detect_decimal_separator(["Total 5,760.00", "qty 1,234", "12.5"]) == "."
    assert detect_decimal_separator(["1.234,56 €", "12,00", "Menge 1.000"]) == ","
    assert detect_decimal_separator(["qty 12", "PO 4711"]) is None


def test_find_currencies_by_symbol_code_and_word():
    assert find_currencies("Total $6,547.55 USD, 12 € and CHF 5, Fr. 12 and 3 euros") == [
        "USD",
        "USD",
        "EUR",
        "CHF",
        "CHF",
        "EUR",
    ]
    assert find_currencies("£ 12.00 or 12,00 EUR") == ["GBP", "EUR"]


def test_a_euro_pallet_is_no_currency():
    from ingestion.extraction.numbers import find_currencies

    assert find_currencies("3 each EUR pallet 1200 x 800 mm, new, EPAL") == []
    assert find_currencies("2 EUR-Paletten") == []
    assert find_currencies("KPF/501 Used euro pallets 20 each 11.00") == []
    assert find_currencies("20 euros la palette") == ["EUR"]
    assert find_currencies("Total EUR 12,00") == ["EUR"]


def test_sterling_silver_is_a_metal_not_pounds():
    from ingestion.extraction.numbers import find_currencies

    assert find_currencies("Lobster clasp 10mm sterling silver 300 pcs 1.72") == []
    assert find_currencies("Fermoir mousqueton argent sterling 925") == []
    assert find_currencies("Payable in pounds sterling") == ["GBP", "GBP"]


def test_a_symbol_glued_to_a_word_is_a_misread_letter_not_a_currency():
    from ingestion.extraction.numbers import find_currencies

    assert find_currencies("8  ¥IX-1212   ÉCROU HEXAGONAL   5 BTE  16,90") == []
    assert find_currencies("¥1,200 total") == ["JPY"]
    assert find_currencies("€uro 12,00 €") == ["EUR"]


def test_delivery_words_of_other_rows_are_no_charge():
    from ingestion.extraction.totals import CHARGE_WORDS

    assert CHARGE_WORDS.match("delivery charge")
    assert CHARGE_WORDS.match("freight")
    for text in ("delivery address", "delivery date", "transport par camion", "delivery terms"):
        assert not CHARGE_WORDS.match(text), text


def test_a_scans_total_a_few_cents_off_the_lines_is_their_sum():
    from ingestion.extraction import extract_from_layout
    from ingestion.reading import read_pdf
    from tests.extraction.docs import as_scan, pdf, table

    rows = [
        ["Menge", "Artikel-Nr.", "Bezeichnung", "Preis", "Betrag"],
        ["24", "ABR-5125-60", "Fächerscheibe", "3,10", "74,40"],
        ["200", "TLS-9815-BK", "Marker", "1,10", "220,00"],
        ["6", "SAF-7310-L", "Warnweste", "2,60", "15,60"],
    ]
    page = [(40, 40, "BESTELLSCHEIN"), *table([40, 90, 170, 330, 400], 100, rows)]
    page.append((330, 170, "Summe netto"))
    page.append((400, 170, "310,09"))
    typed = read_pdf(pdf([page]))
    assert extract_from_layout(typed).total.value == Decimal("310.09")  # as printed
    assert extract_from_layout(as_scan(typed)).total.value == Decimal("310.00")


def test_a_scans_total_that_lost_its_decimal_mark_is_the_lines_sum():
    from ingestion.extraction import extract_from_layout
    from ingestion.reading import read_pdf
    from tests.extraction.docs import as_scan, pdf, table

    rows = [
        ["Qty", "Item code", "Description", "Unit price", "Amount"],
        ["30", "CA1-350-250", "Single wall boxes", "13.32", "399.60"],
        ["6", "FP-CHEESE-380", "Cheese paper", "33.88", "203.28"],
    ]
    page = [(40, 40, "ORDER FORM"), *table([40, 90, 190, 330, 400], 100, rows)]
    page.append((300, 160, "Net total"))
    page.append((400, 160, "60288 GBP"))
    total = extract_from_layout(as_scan(read_pdf(pdf([page])))).total
    assert (total.value, total.rule) == (Decimal("602.88"), "label:net_total=sum_of_lines")


def test_a_day_and_month_is_no_decimal_number():
    assert (
        detect_decimal_separator(["bitte liefern Sie bis Freitag, den 20.11., folgende:"]) is None
    )
    assert detect_decimal_separator(["Preis 20.11 EUR"]) == "."


@pytest.mark.parametrize(
    ("printed", "unit"),
    [("plateaux", "PK"), ("trays", "PK"), ("pqts", "PK"), ("Stück", "EA"), ("cartons", "BOX")],
)
def test_units_as_buyers_print_them(printed, unit):
    from ingestion.extraction.units import normalise_unit

    assert normalise_unit(printed) == unit


@pytest.mark.parametrize(
    ("unit", "code", "written_out"),
    [
        ("CARTON OF 1000", "BOX", True),
        ("pack of 100", "PK", True),
        ("tin (2.5 l)", "CAN", True),
        ("ROLL (50 M)", "ROL", True),
        ("per litre (5 L can)", "L", True),
        ("Karton à 1000", "BOX", True),
        ("DS", "CAN", False),  # SAP's Dose
        ("piece", "EA", False),
        ("gris anthracite", None, False),
    ],
)
def test_a_catalogues_unit_written_out_with_what_it_holds(unit, code, written_out):
    from ingestion.extraction.units import unit_code, unit_written_out

    assert (unit_code(unit), unit_written_out(unit)) == (code, written_out)


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("1 ctn (1000)", (Decimal("1"), "BOX")),
        ("3 x 6x1L", (Decimal("3"), None)),
        ("12 pcs", (Decimal("12"), "EA")),
        ("8 Bündel à 25 St.", (Decimal("8"), "PK")),  # so many bundles, and what each holds
        ("2 Pal. à 40 Rollen", (Decimal("2"), "PAL")),
        ("3 rolls x 50 m", (Decimal("3"), "ROL")),
        # so many containers, each holding so much (the container named or not)
        ("4 x 25 kg sacks", (Decimal("4"), "BAG")),
        ("5 x 5kg", (Decimal("5"), None)),
    ],
)
def test_a_quantity_with_its_pack_written_beside_it(printed, expected):
    from ingestion.extraction.units import split_quantity_unit

    assert split_quantity_unit(printed) == expected


def _scanned_total(rows, total_text, label="Summe netto"):
    from ingestion.extraction import extract_from_layout
    from ingestion.reading import read_pdf
    from tests.extraction.docs import as_scan, pdf, table

    page = [(40, 40, "BESTELLUNG"), *table([40, 90, 190, 330, 400], 100, rows)]
    page.append((300, 100 + 14 * len(rows) + 10, label))
    page.append((400, 100 + 14 * len(rows) + 10, total_text))
    return extract_from_layout(as_scan(read_pdf(pdf([page])))).total


HEAD = ["Menge", "Artikel-Nr.", "Bezeichnung", "Preis", "Betrag"]


def test_a_scans_item_amount_misread_leaves_the_printed_total_that_prices_add_up_to():
    rows = [HEAD, ["6", "PN-60103", "Gastro Hund 2kg", "18,90", "113,40"]]
    rows.append(["4", "PN-60105", "Urinary Katze 2kg", "22,40", "89,66"])  # 89,60 misread
    assert _scanned_total(rows, "203,00").value == Decimal("203.00")


def test_a_scans_total_with_one_digit_misread_is_the_sum_its_items_agree_on():
    rows = [HEAD, ["10", "SHI-Y8FN", "Bremsbeläge", "8,90", "89,00"]]
    rows.append(["6", "SIG-15400", "Rücklicht", "27,90", "167,40"])
    assert _scanned_total(rows, "256,90").value == Decimal("256.40")  # 9 for 4
    # a euro or more apart: an item may be missing; as printed, for a person
    total = _scanned_total(rows, "286,40")
    assert total.value == Decimal("286.40")
    assert total.confidence < 0.6


def test_a_scans_total_a_few_cents_off_items_that_disagree_with_their_prices_stays():
    rows = [HEAD, ["3", "MCS-FM402", "Fan motor", "58,40", "175,26"]]  # 175,20 misread
    rows.append(["4", "MCS-FM406", "Bracket", "4,95", "19,80"])
    assert _scanned_total(rows, "195,00").value == Decimal("195.00")


def test_nettowarenwert_is_the_net_total():
    from ingestion.extraction import extract_from_layout
    from ingestion.reading import read_pdf
    from tests.extraction.docs import pdf, table

    rows = [HEAD, ["40", "TW-410001", "Katzenstreu 10 L", "5,89", "235,60"]]
    rows.append(["15", "TW-520102", "Halsband Nylon Gr. M", "4,69", "70,35"])
    page = [(40, 40, "BESTELLUNG 4500018841"), *table([40, 90, 190, 330, 400], 100, rows)]
    page += [(40, 150, "Nettowarenwert"), (400, 150, "305,95")]
    total = extract_from_layout(read_pdf(pdf([page]))).total
    assert (total.value, total.rule) == (Decimal("305.95"), "label:net_total=sum_of_lines")
