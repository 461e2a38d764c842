import datetime as dt
from dataclasses import replace
from decimal import Decimal

import pytest

from ingestion.extraction import extract_from_layout, extract_from_sheet, extract_from_text
from ingestion.extraction.model import ExtractedOrder
from ingestion.reading import read_pdf
from tests.extraction.docs import as_scan, pdf, table

COLUMNS = [40, 70, 140, 330, 390, 470]
HEADER = ["Pos", "Article", "Description", "Qty", "Unit price", "Amount"]


def _lines(order):
    return [
        (ln.line_no, ln.customer_sku, ln.description, ln.quantity, ln.unit_price, ln.line_total)
        for ln in order.lines
    ]


def test_table_without_rulings_with_wrapped_description_and_totals_left_out():
    rows = [
        HEADER,
        ["1", "A-778", "Heat shrink sleeve 6 mm,", "12", "3.45", "41.40"],
        ["", "", "black, roll of 10 m", "", "", ""],
        ["2", "B-120", "Cable tie 200 mm", "100", "0.12", "12.00"],
        ["", "", "Subtotal", "", "", "53.40"],
    ]
    order = extract_from_layout(
        read_pdf(pdf([[(40, 40, "PURCHASE ORDER"), *table(COLUMNS, 100, rows)]]))
    )
    assert _lines(order) == [
        (
            1,
            "A-778",
            "Heat shrink sleeve 6 mm, black, roll of 10 m",
            Decimal("12"),
            Decimal("3.45"),
            Decimal("41.40"),
        ),
        (2, "B-120", "Cable tie 200 mm", Decimal("100"), Decimal("0.12"), Decimal("12.00")),
    ]
    assert order.lines[0].rule == "table_row+arithmetic"
    assert order.lines[0].confidence == 0.96
    assert order.total.value == Decimal("53.40")


def test_table_with_ruling_lines_and_a_row_without_quantity_is_not_a_line():
    rows = [
        HEADER,
        ["1", "A-778", "Sleeve 6 mm", "12", "3.45", "41.40"],
        ["", "", "Adatum Corporation", "", "", ""],
    ]
    rules = [(35, 92 + 14 * k, 560, 92 + 14 * k) for k in range(4)] + [
        (x - 5, 92, x - 5, 134) for x in COLUMNS
    ]
    order = extract_from_layout(
        read_pdf(pdf([[(40, 40, "PURCHASE ORDER"), *table(COLUMNS, 100, rows)]], rules=rules))
    )
    assert [(ln.customer_sku, ln.quantity) for ln in order.lines] == [("A-778", Decimal("12"))]


def test_table_continues_on_the_next_page_with_a_repeated_header():
    page1 = [
        (40, 40, "PURCHASE ORDER"),
        *table(
            COLUMNS,
            100,
            [HEADER] + [[str(i), f"A-{i}", f"Item {i}", "1", "2.00", "2.00"] for i in range(1, 4)],
        ),
    ]
    page2 = table(
        COLUMNS,
        60,
        [HEADER] + [[str(i), f"A-{i}", f"Item {i}", "1", "2.00", "2.00"] for i in range(4, 6)],
    )
    page2 += [(390, 200, "Total"), (470, 200, "10.00")]
    order = extract_from_layout(read_pdf(pdf([page1, page2])))
    assert [ln.customer_sku for ln in order.lines] == ["A-1", "A-2", "A-3", "A-4", "A-5"]
    assert order.total.value == Decimal("10.00")


def test_german_table_with_discount_gives_the_net_unit_price():
    columns = [40, 80, 150, 320, 370, 430, 490]
    rows = [
        ["Pos.", "Art.-Nr.", "Bezeichnung", "Menge", "Preis", "Rabatt", "Betrag"],
        ["1", "4711", "Kabelbinder 200 mm", "20 Stk", "12,15", "15 %", "206,60"],
        ["2", "4712", "Packband braun", "6", "9,85", "", "59,10"],
        # 9,50 less 5 % is 9,025: four cost 36,12, the price rounded half up
        ["3", "4713", "Kupfer-Lötbogen 15 mm", "4", "9,50", "5 %", "36,12"],
    ]
    order = extract_from_layout(
        read_pdf(pdf([[(40, 40, "Bestellung"), *table(columns, 100, rows)]]))
    )
    assert [
        (ln.customer_sku, ln.quantity, ln.unit, ln.unit_price, ln.discount, ln.line_total)
        for ln in order.lines
    ] == [
        ("4711", Decimal("20"), "EA", Decimal("10.33"), Decimal("15"), Decimal("206.60")),
        ("4712", Decimal("6"), None, Decimal("9.85"), None, Decimal("59.10")),
        ("4713", Decimal("4"), None, Decimal("9.03"), Decimal("5"), Decimal("36.12")),
    ]


def test_net_price_column_beside_gross_and_discount_is_not_discounted_twice():
    columns = [30, 60, 120, 250, 300, 360, 420]
    rows = [
        ["Pos.", "Réf.", "Libellé", "Qté", "Prix brut", "Rem.", "Prix net"],
        ["1", "SF-500", "Film étirable noir", "6", "6,70", "12,5 %", "5,86"],
        ["2", "CB-310", "Caisse carton", "20", "0,59", "", "0,59"],
    ]
    order = extract_from_layout(
        read_pdf(pdf([[(40, 40, "Bon de commande"), *table(columns, 100, rows)]]))
    )
    assert [(ln.unit_price, ln.discount) for ln in order.lines] == [
        (Decimal("5.86"), Decimal("12.5")),
        (Decimal("0.59"), None),
    ]


def test_a_line_amount_run_into_the_date_column_is_still_the_amount():
    # the amounts are printed right-aligned under "Total HT", their last digits under "Délai"
    items = [(40, 40, "Bon de commande")]
    items += table(
        [40, 80, 140, 280, 330, 372],
        100,
        [["Pos.", "Réf.", "Libellé", "Qté", "Prix", "Délai"]],
    )
    items += [(328, 100, "Total")]
    for n, (ref, name, qty, price, amount) in enumerate(
        [
            ("SF-500", "Film étirable noir", "6", "5,86", "35,16"),
            ("CB-3", "Caisse", "20", "0,59", "11,80"),
        ]
    ):
        y = 114 + 14 * n
        items += [(40, y, str(n + 1)), (80, y, ref), (140, y, name), (280, y, qty)]
        items += [(330, y, price), (372, y, f"{amount} 2026-06-03")]
    order = extract_from_layout(read_pdf(pdf([items])))
    assert [(ln.line_total, ln.unit_price, str(ln.requested_date)) for ln in order.lines] == [
        (Decimal("35.16"), Decimal("5.86"), "2026-06-03"),
        (Decimal("11.80"), Decimal("0.59"), "2026-06-03"),
    ]


def test_column_titles_are_checked_against_the_arithmetic_of_ambiguous_numbers():
    rows = [
        ["Item", "Description", "Qty", "Price", "Total"],
        ["X-1", "Washer M8", "1,000", "0.4251", "425.10"],
    ]
    order = extract_from_layout(
        read_pdf(pdf([[(40, 40, "PURCHASE ORDER"), *table([40, 100, 320, 400, 480], 100, rows)]]))
    )
    assert (order.lines[0].quantity, order.lines[0].unit_price) == (
        Decimal("1000"),
        Decimal("0.4251"),
    )


def test_a_gtin_column_is_recognised_by_its_check_digits():
    rows = [["Code", "Description", "Qty"], ["4006381333931", "Marker black", "3"]]
    order = extract_from_text("\n".join("\t".join(r) for r in rows))
    assert order.lines[0].gtin == "4006381333931"


def test_tab_separated_email_table_with_an_empty_first_cell():
    text = "Référence\tDésignation\tQuantité\tUnité\n5216-83\tCordage 12 mm\t500\tml\n\tCarton 400x300\t100\tunité\n"
    order = extract_from_text(text)
    assert [(ln.customer_sku, ln.description, ln.quantity, ln.unit) for ln in order.lines] == [
        ("5216-83", "Cordage 12 mm", Decimal("500"), "M"),
        (None, "Carton 400x300", Decimal("100"), "EA"),
    ]


def test_a_name_row_below_the_last_item_is_not_its_description():
    rows = [
        HEADER,
        ["1", "GB45-555", "Graphene Battery 4500mAh", "28", "67.00", "1876.00"],
        ["2", "CP-00043", "Cable Pack – for GB45-555", "30", "22.00", "660.00"],
        ["", "", "Fabrikam, Inc.", "", "", ""],
    ]
    order = extract_from_layout(
        read_pdf(pdf([[(40, 40, "PURCHASE ORDER"), *table(COLUMNS, 100, rows)]]))
    )
    assert [ln.description for ln in order.lines] == [
        "Graphene Battery 4500mAh",
        "Cable Pack – for GB45-555",
    ]


def test_the_last_item_keeps_its_wrap_when_the_items_above_wrap_alike():
    rows = [
        HEADER,
        ["1", "A-778", "Heat shrink sleeve 6 mm,", "12", "3.45", "41.40"],
        ["", "", "black, roll of 10 m", "", "", ""],
        ["2", "B-120", "Cable tie 200 mm,", "100", "0.12", "12.00"],
        ["", "", "natural, bag of 100", "", "", ""],
    ]
    order = extract_from_layout(
        read_pdf(pdf([[(40, 40, "PURCHASE ORDER"), *table(COLUMNS, 100, rows)]]))
    )
    assert [ln.description for ln in order.lines] == [
        "Heat shrink sleeve 6 mm, black, roll of 10 m",
        "Cable tie 200 mm, natural, bag of 100",
    ]


def test_a_price_per_100_run_into_or_written_in_the_price_cell():
    items = [(40, 40, "Bestellung Nr. B-2026-117")]
    items += [(40, 100, "Pos."), (70, 100, "Art.-Nr."), (150, 100, "Bezeichnung")]
    items += [(330, 100, "Menge"), (400, 100, "Einzelpreis PE"), (500, 100, "Gesamt")]
    rows = [
        ("1", "350-0013", "Schlauchschelle W2", "250", "38,00 100", "95,00"),
        ("2", "390-0031", "Wellendichtring", "150", "2,02 1", "303,00"),
        ("3", "225-0035", "Senkschraube M8x25", "500", "29,00 / 100", "145,00"),
    ]
    for n, (pos, ref, name, qty, price, amount) in enumerate(rows):
        y = 114 + 14 * n
        items += [(40, y, pos), (70, y, ref), (150, y, name), (330, y, qty)]
        items += [(418, y, price), (500, y, amount)]
    order = extract_from_layout(read_pdf(pdf([items])))
    assert [(ln.unit_price, ln.price_unit, ln.line_total) for ln in order.lines] == [
        (Decimal("38.00"), Decimal("100"), Decimal("95.00")),
        (Decimal("2.02"), None, Decimal("303.00")),
        (Decimal("29.00"), Decimal("100"), Decimal("145.00")),
    ]


def test_titles_over_three_lines_wrapped_rows_with_a_tax_cell_and_crowded_amounts():
    # Odoo-style: "Unit" / "Qty … Amount" / "Price"; each item's second row says "VAT";
    # the unit price, right-aligned, sits under the amount title
    items = [(40, 40, "Purchase Order #P00431")]
    items += [(300, 100, "Unit"), (40, 107, "Description"), (200, 107, "Taxes")]
    items += [(250, 107, "Qty"), (380, 107, "Amount"), (300, 114, "Price")]
    rows = [
        ("[210-0081] Deep groove ball bearing", "1.00 Units", "4.30", "4.30"),
        ("[270-0042] HSS-G twist drill", "50.00", "2.35", "117.50"),
        ("[400-0022] Pillow block bearing", "80.00", "11.20", "896.00"),
    ]
    for n, (name, qty, price, amount) in enumerate(rows):
        y = 135 + 28 * n
        items += [(40, y, name), (200, y, "19%"), (250, y, qty)]
        items += [(330 if len(price) > 4 else 336, y, price), (372, y, f"€ {amount}")]
        items += [(40, y + 9, "size 9"), (200, y + 9, "VAT")]
    order = extract_from_layout(read_pdf(pdf([items])))
    assert [(ln.quantity, ln.unit_price, ln.line_total) for ln in order.lines] == [
        (Decimal("1.00"), Decimal("4.30"), Decimal("4.30")),
        (Decimal("50.00"), Decimal("2.35"), Decimal("117.50")),
        (Decimal("80.00"), Decimal("11.20"), Decimal("896.00")),
    ]


def test_the_repeated_sap_page_header_is_not_an_item():
    def page(top_rows, rows):
        items = [(40, 40, "HOFFMANN GMBH"), (330, 40, "Bestellung")]
        items += [(330, 56, "Bestellnummer/Datum"), (430, 56, "4500012398 / 26.11.2026")]
        items += [(330, 68, "Seite"), (430, 68, top_rows)]
        return items + table(
            [40, 90, 150, 330, 390, 450],
            120,
            [["Pos.", "Material", "Bezeichnung", "Menge", "Preis", "Wert"], *rows],
        )

    first = page("1 von 2", [["00010", "4711", "Keilriemen SPA", "1", "11,70", "11,70"]])
    second = page("2 von 2", [["00020", "4712", "Senkschraube M5", "20", "0,12", "2,40"]])
    second.append((40, 200, "Gesamtnettowert ohne Mwst EUR     14,10"))
    order = extract_from_layout(read_pdf(pdf([first, second])))
    assert [(ln.customer_sku, ln.quantity) for ln in order.lines] == [
        ("4711", Decimal("1")),
        ("4712", Decimal("20")),
    ]
    assert (order.total.value, order.total.rule) == (
        Decimal("14.10"),
        "label:net_total=sum_of_lines",
    )


def test_numbers_that_missed_their_columns_are_placed_by_the_arithmetic():
    # narrow titles, wide values: "80" sits under the reference, the amount under the date
    items = [(40, 40, "Purchase order DA-2026-3310")]
    titles = [(40, "Ligne"), (70, "Article"), (200, "Réf. fournisseur"), (275, "Qté")]
    titles += [(300, "Unité"), (330, "Prix unitaire"), (400, "Total"), (440, "Date souhaitée")]
    items += [(x, 100, t) for x, t in titles]
    rows = [
        ("1", "Collier de serrage W2", "350-0033  80", "EA", "0,52 EUR", "41,60 EUR  03/12/2026"),
        ("2", "Collier nylon 20 mm,", "360-0024  60", "PK", "5,43 EUR", "325,80 EUR  03/12/2026"),
        (
            "3",
            "Bouchons box 200 paires",
            "281-0016  200",
            "BOX",
            "21,07 EUR",
            "4.214,00 EUR  03/12/2026",
        ),
    ]
    for n, (pos, name, ref, unit, price, rest) in enumerate(rows):
        y = 114 + 14 * n
        items += [(40, y, pos), (70, y, name), (200, y, ref), (300, y, unit)]
        items += [(330, y, price), (410, y, rest)]
    order = extract_from_layout(read_pdf(pdf([items])))
    assert [(ln.quantity, ln.unit_price, ln.line_total) for ln in order.lines] == [
        (Decimal("80"), Decimal("0.52"), Decimal("41.60")),
        (Decimal("60"), Decimal("5.43"), Decimal("325.80")),
        (Decimal("200"), Decimal("21.07"), Decimal("4214.00")),
    ]
    assert all(ln.rule == "table_row+arithmetic" for ln in order.lines)
    assert "box 200" in order.lines[2].description


def test_prices_under_a_title_that_was_not_read_are_found_by_the_arithmetic():
    rows = [
        ["Pos.", "Material", "Bezeichnung", "Bestellmenge", "Xqzt./Vwrk.", "Nettowert"],
        ["00010", "PF-8217", "Druckluftfilter 1/2", "15", "18,90", "283,50"],
        ["00020", "PF-9190", "Spiralbohrer HSS-G 3 mm", "500", "85,00/100", "425,00"],
    ]
    order = extract_from_layout(
        read_pdf(pdf([[(40, 40, "Bestellung"), *table([40, 90, 150, 330, 400, 470], 100, rows)]]))
    )
    assert [(ln.quantity, ln.unit_price, ln.price_unit, ln.line_total) for ln in order.lines] == [
        (Decimal("15"), Decimal("18.90"), None, Decimal("283.50")),
        (Decimal("500"), Decimal("85.00"), Decimal("100"), Decimal("425.00")),
    ]


def test_zeros_a_fax_read_as_6_or_8_are_put_back_by_the_arithmetic_for_a_person_to_check():
    rows = [
        ["LN", "OUR PART NO", "DESCRIPTION", "QTY", "PRICE", "VALUE"],
        ["1", "WE/TLS/778", "HSS-G TWIST DRILL", "1,606.66", "1.15", "1,158.60"],
        ["2", "WE/TLS/874", "V-BELT SPZ 1688", "58.06", "6.38", "315.60"],
        ["3", "WE/TLS/612", "THREADED ROD M12", "15.00", "2.38", "35.70"],
    ]
    typed = read_pdf(
        pdf([[(40, 40, "PURCHASE ORDER"), *table([40, 70, 150, 330, 400, 470], 100, rows)]])
    )
    scan = as_scan(typed, confidence=0.9)
    order = extract_from_layout(scan)
    assert [(ln.quantity, ln.unit_price, ln.line_total) for ln in order.lines] == [
        (Decimal("1000.00"), Decimal("1.15"), Decimal("1150.00")),
        (Decimal("50.00"), Decimal("6.30"), Decimal("315.00")),
        (Decimal("15.00"), Decimal("2.38"), Decimal("35.70")),
    ]
    assert [ln.field_confidence["quantity"] <= 0.6 for ln in order.lines] == [True, True, False]
    # typed text is as printed: nothing is "put back"
    assert extract_from_layout(typed).lines[0].quantity == Decimal("1606.66")


def test_items_under_titles_that_could_not_be_read_are_found_by_their_arithmetic():
    rows = [
        ["hem", "tit Description", "ou", "Order YOM", "Priee eaeh", "Totai"],
        ["AV-XXL-OR", "High-visibility vest orange, size XXL", "36", "each", "2,75", "99,00"],
        ["SF-400-30-BK", "Stretch film hand roll 400 mm 30 um", "24", "each", "6,97", "167,28"],
        ["DES-CLAY-KG", "Clay desiccant, bulk", "50", "KG", "3,40", "170,00"],
    ]
    page = [(40, 40, "PURCHASE ORDER"), *table([40, 110, 330, 360, 420, 480], 100, rows)]
    page += [(360, 170, "SUBTOTAL"), (480, 170, "436,28")]
    order = extract_from_layout(read_pdf(pdf([page])))
    assert [
        (ln.customer_sku, ln.quantity, ln.unit, ln.unit_price, ln.line_total) for ln in order.lines
    ] == [
        ("AV-XXL-OR", Decimal("36"), "EA", Decimal("2.75"), Decimal("99.00")),
        ("SF-400-30-BK", Decimal("24"), "EA", Decimal("6.97"), Decimal("167.28")),
        ("DES-CLAY-KG", Decimal("50"), "KG", Decimal("3.40"), Decimal("170.00")),
    ]
    assert {ln.rule for ln in order.lines} == {"arithmetic_row"}
    assert all(ln.confidence < 0.85 for ln in order.lines)  # no titles: a person looks


def test_charges_printed_among_the_items_are_no_lines_and_not_in_the_goods_total():
    rows = [
        ["Réf.", "Désignation", "Qté", "P.U. HT", "Montant HT"],
        ["TPB-10541", "Écrou H DIN 934 M12", "20", "5,79", "115,80"],
        ["TPB-11534", "Graisse lithium 400g", "12", "6,15", "73,80"],
        ["", "Frais d'emballage", "1", "12,00", "12,00"],
    ]
    page = [(40, 40, "BON DE COMMANDE N° BC-118"), *table([40, 110, 330, 400, 480], 100, rows)]
    page += [(330, 170, "Total HT brut"), (480, 170, "201,60")]
    order = extract_from_layout(read_pdf(pdf([page])))
    assert [ln.customer_sku for ln in order.lines] == ["TPB-10541", "TPB-11534"]
    assert order.total.value == Decimal("189.60")


def test_carriage_between_the_items_and_the_total_is_left_out_of_the_goods():
    rows = [
        ["Item", "Description", "Qty", "Price", "Amount"],
        ["TPB-10640", "Rubber cable H07RN-F", "10", "2.24", "22.40"],
        ["TPB-10641", "Cable gland M20", "20", "1.50", "30.00"],
    ]
    page = [(40, 40, "PURCHASE ORDER 77821"), *table([40, 110, 330, 400, 480], 100, rows)]
    page += [(40, 150, "Carriage"), (480, 150, "15.00")]
    page += [(330, 164, "Total excl. VAT"), (480, 164, "67.40")]
    order = extract_from_layout(read_pdf(pdf([page])))
    assert order.total.value == Decimal("52.40")
    assert order.total.confidence >= 0.9


@pytest.mark.parametrize(
    ("totals", "net"),
    [
        # the discount's amount, and the net after it printed
        (
            [("Subtotal", "394.40"), ("Discount 5 %", "-19.72"), ("Net goods value", "374.68")],
            "374.68",
        ),
        # a rate alone, then the grand total with its VAT: the net is worked out
        ([("Subtotal", "394.40"), ("Rabatt 5 %", ""), ("VAT 20 %", "74.94")], "374.68"),
        # the lines' sum under a grand label, the discounted net below it
        ([("Total", "394.40"), ("Remise 5 %", "-19,72"), ("Net HT", "374,68")], "374.68"),
        # the rate before the word, the minus apart from its amount
        (
            [("Subtotal", "394.40"), ("Less 5% discount", "- € 19.72"), ("Net goods", "374.68")],
            "374.68",
        ),
        # a discount named for what it rewards
        ([("Subtotal", "394.40"), ("Project discount 5%", "-19.72"), ("Net", "374.68")], "374.68"),
        # the goods' subtotal, then "Net goods"
        (
            [("Goods subtotal", "394.40"), ("Less 5% discount", "-19.72"), ("Net goods", "374.68")],
            "374.68",
        ),
        # after "less", what the discount is for
        (
            [("Subtotal", "394.40"), ("Less 5% bookshop discount", "-19.72"), ("Net", "374.68")],
            "374.68",
        ),
        # a gross total, the discount, the net and the tax
        (
            [
                ("Total brut HT", "394.40"),
                ("Remise 5 %", "-19.72"),
                ("Net HT", "374.68"),
                ("TVA 20 %", "74.94"),
                ("Total TTC", "449.62"),
            ],
            "374.68",
        ),
        # a German word that ends in its discount
        (
            [
                ("Summe", "394.40"),
                ("abzgl. 5 % Treuerabatt", "-19.72"),
                ("Nettobetrag", "374.68"),
                ("zzgl. 19 % MwSt.", "71.19"),
            ],
            "374.68",
        ),
        # a note under the totals that names the discount and a year
        (
            [
                ("Subtotal", "394.40"),
                ("Discount 5 %", "-19.72"),
                ("Net total", "374.68"),
                ("VAT 20 %", "74.94"),
                ("Total", "449.62"),
                ("Trade discount 5% as agreed in October 2026.", ""),
            ],
            "374.68",
        ),
    ],
)
def test_an_order_discount_below_the_lines_sum_is_the_net_for_a_person_to_confirm(totals, net):
    rows = [
        ["Item", "Description", "Qty", "Price", "Amount"],
        ["SP-4501", "Ceylon cinnamon, ground", "2", "18.40", "36.80"],
        ["GB-5003", "Spice Discovery gift set", "12", "29.80", "357.60"],
    ]
    page = [(40, 40, "PURCHASE ORDER HL-2027-031"), *table([40, 110, 330, 400, 480], 100, rows)]
    for k, (label, amount) in enumerate(totals):
        page += [(330, 150 + 12 * k, label)] + ([(480, 150 + 12 * k, amount)] if amount else [])
    order = extract_from_layout(read_pdf(pdf([page])))
    assert [ln.line_total for ln in order.lines] == [Decimal("36.80"), Decimal("357.60")]
    assert order.total.value == Decimal(net)
    assert order.total.confidence < 0.75


def test_a_lower_net_below_the_lines_sum_that_nothing_explains_is_for_a_person():
    rows = [
        ["Item", "Description", "Qty", "Price", "Amount"],
        ["SP-4501", "Ceylon cinnamon, ground", "2", "18.40", "36.80"],
        ["GB-5003", "Spice Discovery gift set", "12", "29.80", "357.60"],
    ]
    page = [(40, 40, "PURCHASE ORDER HL-2027-031"), *table([40, 110, 330, 400, 480], 100, rows)]
    page += [(330, 150, "Subtotal"), (480, 150, "394.40")]
    page += [(330, 162, "Site rebate agreed"), (480, 162, "-19.72")]
    page += [(330, 174, "Net total"), (480, 174, "374.68")]
    order = extract_from_layout(read_pdf(pdf([page])))
    assert order.total.value == Decimal("394.40")
    assert order.total.confidence < 0.75


def test_a_lower_net_below_a_sum_labelled_as_a_total_that_nothing_explains_is_for_a_person():
    rows = [
        ["Item", "Description", "Qty", "Price", "Amount"],
        ["SP-4501", "Ceylon cinnamon, ground", "2", "18.40", "36.80"],
        ["GB-5003", "Spice Discovery gift set", "12", "29.80", "357.60"],
    ]
    page = [(40, 40, "BESTELLUNG HL-2027-031"), *table([40, 110, 330, 400, 480], 100, rows)]
    page += [(330, 150, "Summe"), (480, 150, "394.40")]
    page += [(330, 162, "abzgl. Jubiläumsbonus"), (480, 162, "-19.72")]
    page += [(330, 174, "Nettobetrag"), (480, 174, "374.68")]
    order = extract_from_layout(read_pdf(pdf([page])))
    assert order.total.value == Decimal("394.40")
    assert order.total.confidence < 0.75


def test_a_net_with_the_charge_among_the_items_below_the_goods_sum_is_no_discount():
    rows = [
        ["Art.-Nr.", "Bezeichnung", "Menge", "Preis", "Gesamt"],
        ["FE-20090", "Gas-Sicherheitshahn mit Zündflamme", "2", "67,50", "135,00"],
        ["FE-20100", "Gussbrenner 6 kW für Herd", "2", "118,00", "236,00"],
        ["", "Versandkosten pauschal", "", "", "25,00"],
    ]
    page = [(40, 40, "Bestellung 2026/0398"), *table([40, 110, 330, 400, 480], 100, rows)]
    page += [(330, 150, "Summe Waren netto"), (480, 150, "371,00")]
    page += [(330, 162, "Gesamt netto"), (480, 162, "396,00")]
    order = extract_from_layout(read_pdf(pdf([page])))
    assert order.total.value == Decimal("371.00")
    assert order.total.confidence >= 0.9


def test_a_price_and_what_it_is_for_read_into_the_units_cell():
    rows = [
        ["Pos", "Artikel", "Menge", "Einheit", "Preis", "Total"],
        ["1", "PE-Rohr 16 mm PN4", "3", "Rollen 48.00 /Rolle", "", "144.00"],
    ]
    page = [(40, 40, "Bestellung B-2611"), *table([40, 70, 250, 300, 420, 490], 100, rows)]
    (line,) = extract_from_layout(read_pdf(pdf([page]))).lines
    assert (line.quantity, line.unit_price, line.line_total) == (
        Decimal("3"),
        Decimal("48.00"),
        Decimal("144.00"),
    )


def test_a_unit_column_of_money_is_the_unit_price():
    rows = [
        ["Item", "Description", "Qty", "Unit", "Amount"],
        ["FE-10120", "Gas fryer 18 L on cabinet", "1", "1,940.00", "1,940.00"],
        ["FE-30060", "Fryer filter paper roll", "4 rolls", "38.00", "152.00"],
    ]
    page = [(40, 40, "PURCHASE ORDER ACV-W26-019"), *table([40, 110, 330, 400, 480], 100, rows)]
    order = extract_from_layout(read_pdf(pdf([page])))
    assert [(ln.quantity, ln.unit, ln.unit_price) for ln in order.lines] == [
        (Decimal("1"), None, Decimal("1940.00")),
        (Decimal("4"), "ROL", Decimal("38.00")),
    ]
    words = [
        ["Item", "Description", "Qty", "Unit", "Amount"],
        ["A-1", "Tape", "4", "rolls", "152.00"],
    ]
    page = [(40, 40, "PURCHASE ORDER 77"), *table([40, 110, 330, 400, 480], 100, words)]
    (line,) = extract_from_layout(read_pdf(pdf([page]))).lines
    assert (line.quantity, line.unit, line.unit_price) == (Decimal("4"), "ROL", None)


@pytest.mark.parametrize(
    "note",
    [
        "Skonto 2 % bei Zahlung in 10 Tagen",
        "Remise 5 % déjà déduite des prix",
        "Remise 10 % (accord annuel) – prix nets",
    ],
)
def test_an_early_payment_term_or_a_discount_already_in_the_prices_is_no_order_discount(note):
    rows = [
        ["Item", "Description", "Qty", "Price", "Amount"],
        ["SP-4501", "Ceylon cinnamon, ground", "2", "18.40", "36.80"],
        ["GB-5003", "Spice Discovery gift set", "12", "29.80", "357.60"],
    ]
    page = [(40, 40, "PURCHASE ORDER HL-2027-031"), *table([40, 110, 330, 400, 480], 100, rows)]
    page += [(330, 150, "Subtotal"), (480, 150, "394.40"), (40, 170, note)]
    order = extract_from_layout(read_pdf(pdf([page])))
    assert (order.total.value, order.total.rule) == (
        Decimal("394.40"),
        "label:net_total=sum_of_lines",
    )


@pytest.mark.parametrize(
    "label", ["Order Total (excl. VAT)", "PO Value excluding VAT", "Order Total EUR (excl. VAT)"]
)
def test_the_orders_total_said_to_be_before_tax_is_its_net(label):
    rows = [
        ["Item", "Description", "Qty", "Price", "Amount"],
        ["KB-HNG-6001", "Spring hinge 125mm", "8", "18.20", "145.60"],
        ["KB-LCK-1025", "Sashlock DIN 65mm", "10", "14.90", "149.00"],
    ]
    page = [(40, 40, "PURCHASE ORDER 118253"), *table([40, 110, 330, 400, 480], 100, rows)]
    page += [(330, 150, label), (480, 150, "£ 294.60")]
    order = extract_from_layout(read_pdf(pdf([page, [(40, 40, "Terms and Conditions")]])))
    assert (order.total.value, order.total.rule) == (
        Decimal("294.60"),
        "label:net_total=sum_of_lines",
    )


def test_a_share_of_the_freight_explains_the_net_below_the_goods():
    rows = [
        ["Pos", "Bezeichnung", "Menge", "Preis", "Betrag"],
        ["1", "Druckfilter BioPress 20000", "2", "279,00", "558,00"],
        ["2", "Koi-Pellets 3 mm, Sack à 10 kg", "2", "78,00", "156,00"],
    ]
    page = [(40, 40, "BESTELLUNG 2026-11-0457"), *table([40, 110, 330, 400, 480], 100, rows)]
    page += [(330, 150, "Warenwert netto"), (480, 150, "714,00")]
    page += [(330, 162, "Frachtkostenanteil"), (480, 162, "35,00")]
    page += [(330, 174, "Gesamt netto"), (480, 174, "749,00")]
    total = extract_from_layout(read_pdf(pdf([page]))).total
    assert total.value == Decimal("714.00")
    assert total.confidence >= 0.9


def test_a_price_per_hundred_wider_than_its_column_begins_in_the_units_cell():
    rows = [
        ["Pos.", "Material", "Bezeichnung", "Menge", "ME", "Preis", "Wert EUR"],
        ["00010", "PW-3106", "Biegeringe 6 mm (Btl. 100)", "2.000", "ST 1,90 /", "100 ST", "38,00"],
        ["00020", "PW-5220", "Ankerkette 2 mm, Spule 25 m", "4", "ROL 19,50 /", "1 ROL", "78,00"],
    ]
    page = [(40, 40, "Bestellung 4500018832"), *table([40, 80, 130, 330, 370, 430, 500], 100, rows)]
    order = extract_from_layout(read_pdf(pdf([page])))
    assert [
        (ln.customer_sku, ln.quantity, ln.unit, ln.unit_price, ln.price_unit, ln.line_total)
        for ln in order.lines
    ] == [
        ("PW-3106", Decimal("2000"), "EA", Decimal("1.90"), Decimal("100"), Decimal("38.00")),
        ("PW-5220", Decimal("4"), "ROL", Decimal("19.50"), None, Decimal("78.00")),
    ]


def test_a_price_per_hundred_grams_in_the_price_cell():
    rows = [
        ["Code", "Item", "Qty", "Price", "Line total"],
        [
            "PER-ROC11-NOIR",
            "Seed beads 11/0 opaque black, per kg",
            "250 g",
            "€2.80 per 100g",
            "€7.00",
        ],
    ]
    page = [(40, 40, "PURCHASE ORDER PO-0212"), *table([40, 120, 330, 390, 480], 100, rows)]
    order = extract_from_layout(read_pdf(pdf([page])))
    assert [(ln.quantity, ln.unit_price, ln.price_unit, ln.line_total) for ln in order.lines] == [
        (Decimal("250"), Decimal("2.80"), Decimal("100"), Decimal("7.00"))
    ]


def test_summe_ware_above_the_total_with_freight_is_the_goods_total():
    rows = [
        ["Pos.", "Art.-Nr.", "Bezeichnung", "Stück", "Preis €", "Gesamt €"],
        ["1", "HZ-POM-P20", "Platte POM-C natur 20 mm", "2", "104,60", "209,20"],
        ["2", "HZ-PA6G-D100", "Rundstab PA6G natur 100", "1", "97,80", "97,80"],
        ["", "", "Frachtkosten (lt. Angebot)", "", "", "18,00"],
    ]
    page = [(40, 40, "Bestellung 2027-AZT-0011"), *table([40, 70, 150, 330, 390, 450], 100, rows)]
    page += [(390, 170, "Summe Ware"), (480, 170, "307,00")]
    page += [(390, 182, "inkl. Fracht"), (480, 182, "325,00")]
    order = extract_from_layout(read_pdf(pdf([page])))
    assert [ln.customer_sku for ln in order.lines] == ["HZ-POM-P20", "HZ-PA6G-D100"]
    assert (order.total.value, order.total.rule) == (
        Decimal("307.00"),
        "label:net_total=sum_of_lines",
    )


def test_a_sheet_s_sum_under_a_label_we_do_not_know_is_its_printed_total():
    rows = [
        ["Aachener Zerspanungstechnik GmbH – Bestellung", "", "", "", "", ""],
        ["Bestell-Nr.:", "", "2027-AZT-0011", "", "", ""],
        ["Pos.", "Art.-Nr.", "Bezeichnung", "Stück", "Preis €", "Gesamt €"],
        ["1", "HZ-POM-P20", "Platte POM-C natur 20 mm 1000x500", "2", "104.6", "209.2"],
        ["2", "HZ-PA6G-D100", "Rundstab PA6G natur Ø100", "1", "97.8", "97.8"],
        ["3", "HZ-PTFE-D25", "Rundstab PTFE Ø25", "3", "38.1", "114.3"],
        ["", "", "Frachtkosten (lt. Angebot)", "", "", "18"],
        ["", "", "", "", "Summe der Artikel", "421.3"],
        ["", "", "", "", "inkl. Fracht", "439.3"],
    ]
    order = extract_from_sheet(rows)
    assert len(order.lines) == 3
    assert (order.total.value, order.total.rule) == (Decimal("421.30"), "label:printed_sum")


def test_bilingual_titles_and_a_delivery_column():
    titles = ["Pos", "Ns. codice / Our P/N", "Descrizione / Description", "Q.tà / Qty"]
    titles += ["Prezzo / Price", "Importo / Amount", "Consegna / Deliv."]
    rows = [
        titles,
        ["1", "TPB-10731", "Installation cable XVB 3G2,5", "12,5", "1,240", "15,50", "24/03/2025"],
        ["2", "TPB-10704", "Rubber cable H07RN-F 5G6", "50", "2,850", "142,50", "24/03/2025"],
    ]
    page = [(40, 40, "ORDINE / PURCHASE ORDER OA/2025/311")]
    page += table([30, 60, 150, 330, 390, 450, 510], 100, rows)
    order = extract_from_layout(read_pdf(pdf([page], font_size=7)))
    assert [(ln.codes[0], ln.quantity, ln.unit_price) for ln in order.lines] == [
        ("TPB-10731", Decimal("12.5"), Decimal("1.240")),
        ("TPB-10704", Decimal("50"), Decimal("2.850")),
    ]
    assert str(order.requested_delivery_date.value) == "2025-03-24"


def test_specks_of_a_scanned_title_row_do_not_keep_its_second_line_apart():
    """A fax's shaded titles: "Order" over "Qty", and the specks OCR made of the rules and the
    shading ("7 7 7 u u Qty u 7") on the second line. "Qty" still makes "Order" the quantity:
    the 50 of "PVC 50" is in the description, the 50 under "Order Qty" is ordered."""
    x = [40, 70, 150, 210, 380, 420, 470, 520]
    rows = [
        ["‘Item", "Supplier ref,", "Material", "Item description", "Order", "U/M", "Rate", "Total"],
        ["7", "7", "7", "u", "Qty", "u", "", "7"],
        ["1", "FMT-50-33-YB", "", "Floor marking tape PVC 50", "12", "PC", "5.93", "71.16"],
        ["2", "FMT-50-33-WH", "", "Floor marking tape PVC 50", "50", "PC", "4.99", "249.50"],
    ]
    layout = as_scan(read_pdf(pdf([[(40, 40, "PURCHASE ORDER"), *table(x, 100, rows, pitch=12)]])))
    order = extract_from_layout(layout)
    assert [(ln.sku, ln.quantity, ln.unit_price) for ln in order.lines] == [
        ("FMT-50-33-YB", Decimal("12"), Decimal("5.93")),
        ("FMT-50-33-WH", Decimal("50"), Decimal("4.99")),
    ]


def test_a_price_and_what_it_is_for_under_one_title():
    """SAP's "Preis pro" over "8,19 100": 8,19 for 100 pieces."""
    rows = [
        ["Pos.", "Material", "Bezeichnung", "Bestellmenge", "ME", "Preis pro", "Nettowert"],
        ["00010", "100034135", "Sechskantschraube M6x20", "2.500", "ST", "8,19 100", "204,75"],
        ["00020", "100034270", "Isolierband PVC 19 mm", "250", "RL", "0,87 1", "217,50"],
    ]
    order = extract_from_layout(
        read_pdf(
            pdf([[(40, 40, "Bestellung"), *table([40, 70, 120, 300, 360, 390, 460], 100, rows)]])
        )
    )
    assert [(ln.quantity, ln.unit_price, ln.price_unit) for ln in order.lines] == [
        (Decimal("2500"), Decimal("8.19"), Decimal("100")),
        (Decimal("250"), Decimal("0.87"), None),  # for one: no price unit
    ]


def test_jd_edwards_line_numbers_are_no_part_numbers():
    rows = [
        ["Line", "Item Number", "Description", "Quantity", "UM", "Unit Cost", "Extended Cost"],
        ["1.000", "LG-NIT-M", "Nitrile gloves size M", "40", "BX", "6.20", "248.00"],
        ["2.000", "PT-200-ST", "Pipette tips 200 ul sterile", "12", "PK", "18.50", "222.00"],
        ["3.000", "WP-CR-9", "Cleanroom wipes 9x9", "1,000", "EA", "0.45", "450.00"],
    ]
    order = extract_from_layout(
        read_pdf(
            pdf(
                [[(40, 40, "PURCHASE ORDER"), *table([40, 80, 150, 330, 380, 410, 480], 100, rows)]]
            )
        )
    )
    assert [(ln.line_no, ln.customer_sku, ln.quantity) for ln in order.lines] == [
        (1, "LG-NIT-M", Decimal("40")),
        (2, "PT-200-ST", Decimal("12")),
        (3, "WP-CR-9", Decimal("1000")),
    ]


def test_sap_position_material_and_vendor_number_close_together_are_three_cells():
    """SAP prints "00010 100034135 GL-4471" a space or two apart: position, the buyer's
    material and the vendor's article ("Kred.-Artikelnr.")."""
    rows = [
        [
            "Pos.",
            "Material",
            "Kred.-Artikelnr.",
            "Bezeichnung",
            "Menge",
            "ME",
            "Preis",
            "PE",
            "Nettowert",
        ],
        [
            "00010",
            "100034135",
            "GL-4471",
            "Nitrilhandschuhe Gr. M",
            "40",
            "KAR",
            "620,00",
            "100",
            "248,00",
        ],
        [
            "00020",
            "100034270",
            "PT-200",
            "Pipettenspitzen 200 µl",
            "12",
            "PAK",
            "18,50",
            "1",
            "222,00",
        ],
    ]
    order = extract_from_layout(
        read_pdf(
            pdf(
                [
                    [
                        (40, 40, "Bestellung 4500012345"),
                        *table([30, 62, 112, 180, 320, 360, 390, 445, 490], 100, rows),
                    ]
                ]
            )
        )
    )
    assert [(ln.line_no, ln.customer_sku, ln.sku, ln.description) for ln in order.lines] == [
        (10, "100034135", "GL-4471", "Nitrilhandschuhe Gr. M"),
        (20, "100034270", "PT-200", "Pipettenspitzen 200 µl"),
    ]


def test_a_net_price_no_column_prints_is_for_a_person_to_confirm():
    """The document states a gross price and a discount; the net price is ours. Whether the
    order takes the net price or the gross one with its discount is a convention (buyers'
    documents are read both ways), which the amount confirms either way: a person says."""
    rows = [
        ["Item", "Description", "Qty", "Unit price", "Disc. %", "Amount"],
        ["A-778", "Heat shrink sleeve 6 mm", "10", "26.47", "5", "251.47"],
        ["B-120", "Cable tie 200 mm", "10", "4.00", "5", "38.00"],
    ]
    order = extract_from_layout(
        read_pdf(
            pdf([[(40, 40, "PURCHASE ORDER"), *table([40, 100, 300, 350, 420, 480], 100, rows)]])
        )
    )
    first, second = order.lines
    assert first.unit_price == Decimal("25.1465")  # 26.47 less 5 %, as the amount confirms
    assert second.unit_price == Decimal("3.80")
    for line in order.lines:
        # below the floor at which the arithmetic vouches for a price
        assert line.field_confidence["unit_price"] < 0.5 < line.field_confidence["quantity"]
    # the net price printed in its own column is the document's word
    rows = [
        ["Item", "Description", "Qty", "Gross", "Disc. %", "Net price", "Amount"],
        ["B-120", "Cable tie 200 mm", "10", "4.00", "5", "3.80", "38.00"],
    ]
    order = extract_from_layout(
        read_pdf(
            pdf(
                [
                    [
                        (40, 40, "PURCHASE ORDER"),
                        *table([40, 100, 300, 350, 400, 450, 510], 100, rows),
                    ]
                ]
            )
        )
    )
    (line,) = order.lines
    assert line.unit_price == Decimal("3.80")
    assert line.field_confidence["unit_price"] == line.field_confidence["quantity"] > 0.85


def test_a_total_label_wrapped_in_its_cell_with_the_amount_on_its_second_line():
    rows = [
        ["Pos", "Article", "Désignation", "Qté", "Prix", "Montant"],
        ["1", "A-778", "Gaine thermo 6 mm", "12", "3,45", "41,40"],
        ["2", "B-120", "Collier 200 mm", "100", "0,12", "12,00"],
    ]
    page = [
        (40, 40, "BON DE COMMANDE 2026-117"),
        *table(COLUMNS, 100, rows),
        (330, 160, "Total marchandises"),
        (390, 171, "HT"),
        (470, 171, "€ 53,40"),
    ]
    order = extract_from_layout(read_pdf(pdf([page])))
    assert order.total.value == Decimal("53.40")
    assert order.total.rule.startswith("label:")  # printed, not worked out


def test_belgian_and_austrian_net_total_labels():
    from ingestion.extraction.totals import _NET

    for label in (
        "total htva 509,00 €",
        "gesamt eur ohne mwst. 506,00",
        "total exkl. mwst. 5",
        "untaxed amount € 564.00",  # Odoo
    ):
        assert _NET.match(label), label


def test_unit_with_a_currency_is_the_price_a_unit_not_the_unit_of_measure():
    from ingestion.extraction.tables import classify_header

    assert [classify_header(t) for t in ("Unit £", "Unit (EUR)", "Unité €")] == ["unit_price"] * 3
    assert [classify_header(t) for t in ("Unit", "Unit (pcs)", "Einheit")] == ["unit"] * 3
    # Odoo in French names the column by its path
    assert classify_header("Lignes de commande/Unité de mesure") == "unit"


def test_an_sap_price_per_order_unit_or_per_kilo_is_the_unit_price():
    """SAP's "MEPreis" (the price per order unit, Mengeneinheit), per kilo for some items."""
    from ingestion.extraction.tables import classify_header

    titles = ("MEPreis/kg bzw. ME", "MEPreis", "Preis/kg", "Preis je ME", "ME-Preis")
    assert [classify_header(t) for t in titles] == ["unit_price"] * 5
    assert classify_header("ME") == "unit"


def test_a_british_nett_order_value_is_the_goods_total():
    from ingestion.extraction import extract_from_layout
    from ingestion.reading import read_pdf
    from tests.extraction.docs import pdf, table

    page = [
        (40, 40, "Caledonian Build Services Ltd"),
        (330, 40, "PURCHASE ORDER CBS004502"),
        *table(
            [40, 100, 330, 400, 470],
            100,
            [
                ["Item", "Part No.", "Description", "Qty", "Value £"],
                ["1", "BST-B500-08", "Reinforcing bar B500B 8 mm", "250", "232.50"],
                ["2", "FIX-GS-M8-A2", "Threaded rod M8 x 1000 mm", "5", "20.45"],
            ],
        ),
        (330, 150, "Nett order value £252.95"),
        (330, 164, "VAT will be added at the prevailing rate"),
    ]
    total = extract_from_layout(read_pdf(pdf([page]))).total
    assert (str(total.value), total.rule.startswith("label:net_total")) == ("252.95", True)


@pytest.mark.parametrize("label", ["Total (net) (EUR)", "Total (excl. VAT)", "Nett order value"])
def test_net_total_labels_with_their_qualifier_in_brackets(label):
    from ingestion.extraction.totals import _NET

    assert _NET.search(label.lower())


def test_a_table_in_a_message_ends_at_its_closing_words():
    from ingestion.extraction import extract_from_text

    order = extract_from_text(
        "Dear Sir/Madam,\n\nPlease deliver the items below under our order number JT-0612.\n\n"
        "Art. no.\tDescription\tQty\tUnit\nJT-5100\tContactor 9A 24V DC\t15\tEA\n"
        "JT-5156\tLocknut M20\t3\tPK\n\nWith kind regards,\n\nLotte Jansen\n"
        "Jansen Techniek B.V. | Nijverheidsweg 25 | 3534 AM Utrecht\n"
        "T +31 30 241 16 90 | www.jansentechniek.nl\n"
    )
    assert [(ln.customer_sku, ln.quantity) for ln in order.lines] == [
        ("JT-5100", Decimal("15")),
        ("JT-5156", Decimal("3")),
    ]


def test_a_delivery_sentence_beside_the_untaxed_amount_is_no_delivery_charge():
    page = [
        (40, 40, "Broodjes van Dijk"),
        (330, 40, "Purchase Order #P00347"),
        *table(
            [40, 330, 400, 470],
            100,
            [
                ["Description", "Qty", "Unit Price", "Amount"],
                ["[VD768] Aluminium container 650ml", "10", "38,90", "389,00"],
                ["[VD505] Bin liner 120L black", "12", "3,85", "46,20"],
            ],
        ),
        (40, 160, "Delivery between 7:00 and 10:00 via the back entrance."),
        (330, 160, "Untaxed Amount"),
        (430, 160, "435,20 €"),
        (330, 174, "Shipping"),
        (430, 174, "25,00 €"),
    ]
    total = extract_from_layout(read_pdf(pdf([page]))).total
    assert (total.value, total.rule) == (Decimal("435.20"), "label:net_total=sum_of_lines")


def test_the_lines_sum_printed_under_a_label_we_do_not_know_is_the_stated_total():
    def total_of(closing):
        page = [
            (40, 40, "BON DE COMMANDE 2026-118"),
            *table(
                [40, 330, 400, 470],
                100,
                [
                    ["Désignation", "Qté", "Prix", "Montant"],
                    ["Container aluminium 650 ml", "10", "38,90", "389,00"],
                    ["Sacs poubelle 120 L", "12", "3,85", "46,20"],
                ],
            ),
            (300, 160, closing),
        ]
        return extract_from_layout(read_pdf(pdf([page]))).total

    printed = total_of("Valeur des articles commandés : 435,20 €")
    assert (printed.value, printed.rule) == (Decimal("435.20"), "label:printed_sum")
    unprinted = total_of("Merci de confirmer par retour.")
    assert (unprinted.value, unprinted.rule.startswith("sum_of_lines")) == (Decimal("435.20"), True)


def test_total_excl_vat_is_one_label_not_a_vat_of_its_own():
    page = [
        (40, 40, "PURCHASE ORDER IK260512"),
        *table(
            [40, 330, 400, 470],
            100,
            [
                ["Description", "Qty", "Unit price", "Line total"],
                ["Cell culture plates 24-well", "6", "114.95", "689.70"],
                ["Petri dishes 90 mm", "1", "61.28", "61.28"],
            ],
        ),
        (330, 160, "Total excl. VAT"),
        (470, 160, "750.98"),
    ]
    total = extract_from_layout(read_pdf(pdf([page]))).total
    assert (total.value, total.rule) == (Decimal("750.98"), "label:net_total=sum_of_lines")


def test_business_central_titles_over_two_rows_and_item_numbers_under_no():
    # "Direct Unit / Cost" right-aligned: "Cost" touches "Direct" but sits under "Unit"
    top = [
        (40, 100, "No."),
        (140, 100, "Description"),
        (330, 100, "Quantity"),
        (380, 100, "Unit of"),
        (430, 100, "Direct"),
        (461, 100, "Unit"),
        (500, 100, "Amount"),
        (380, 109, "Measure"),
        (458.5, 109, "Cost"),
    ]
    rows = [
        ["BWE/FX/4016", "Hexagon set screw M6 x 20 A2-70", "6", "BOX", "10.66", "63.96"],
        ["BWE/FX/6750", "Hex set M6x20 8.8 BZP", "3", "BOX", "5.07", "15.21"],
    ]
    items = table([40, 140, 335, 380, 455, 500], 124, rows)
    order = extract_from_layout(
        read_pdf(pdf([[(40, 40, "Purchase Order PO-018842"), *top, *items]]))
    )
    assert [(ln.customer_sku, ln.quantity, ln.unit, ln.unit_price) for ln in order.lines] == [
        ("BWE/FX/4016", Decimal("6"), "BOX", Decimal("10.66")),
        ("BWE/FX/6750", Decimal("3"), "BOX", Decimal("5.07")),
    ]


def test_items_wanted_on_different_days_make_the_order_wanted_from_the_earliest():
    sap = [40, 100, 180, 400, 440, 480, 530]
    rows = [
        ["Pos.", "Material", "Bezeichnung", "Menge", "Einh.", "Preis", "Nettowert"],
        ["00010", "14714986", "Zyl.-Schr. DIN 912 M8x40 12.9", "10", "PAK", "18,20", "182,00"],
        ["", "", "Liefertermin: Tag 10.12.2026", "", "", "", ""],
        ["00020", "17359086", "Sechskantmutter ISO 4032 M10", "6", "PAK", "6,20", "37,20"],
        ["", "", "Liefertermin: Tag 03.12.2026", "", "", "", ""],
    ]
    page = [(40, 40, "Bestellung 4500231877 / 24.11.2026"), *table(sap, 100, rows)]
    order = extract_from_layout(read_pdf(pdf([page])))
    assert [ln.requested_date.isoformat() for ln in order.lines] == ["2026-12-10", "2026-12-03"]
    assert order.requested_delivery_date.value.isoformat() == "2026-12-03"
    # each item keeps its own date; the order is wanted from the earliest, nothing in doubt
    assert order.requested_delivery_date.confidence >= 0.72


def test_an_item_wanted_before_the_order_s_date_makes_the_order_wanted_from_it():
    """ "Liefertermin: 07.12.2026 (sofern bei der Position nicht anders angegeben)" and one
    item's "Liefertermin: 30.11.2026 (abweichend!)": from the earliest, for a person to say."""
    sap = [40, 100, 180, 400, 440, 480, 530]
    rows = [
        ["Pos.", "Material", "Bezeichnung", "Menge", "Einh.", "Preis", "Nettowert"],
        ["00010", "14714986", "Zyl.-Schr. DIN 912 M8x40 12.9", "10", "PAK", "18,20", "182,00"],
        ["", "", "Liefertermin: 30.11.2026 (abweichend!)", "", "", "", ""],
        ["00020", "17359086", "Sechskantmutter ISO 4032 M10", "6", "PAK", "6,20", "37,20"],
    ]
    page = [
        (40, 40, "Bestellung 4500231877 / 24.11.2026"),
        (40, 60, "Liefertermin: 07.12.2026 (sofern bei der Position nicht anders angegeben)"),
        *table(sap, 100, rows),
    ]
    order = extract_from_layout(read_pdf(pdf([page])))
    assert [ln.requested_date for ln in order.lines] == [dt.date(2026, 11, 30), None]
    assert order.requested_delivery_date.value == dt.date(2026, 11, 30)
    assert order.requested_delivery_date.confidence < 0.7


def test_the_first_items_date_read_as_the_orders_is_the_earliest_and_sure_enough():
    """ "Deliv. date: 01.12.2026" under the first item, later under the others: the date
    read by its label is the earliest an item is wanted, and every item says its own."""
    sap = [40, 100, 180, 400, 440, 480, 530]
    rows = [
        ["Item", "Material", "Description", "Qty", "UoM", "Price", "Value"],
        ["00010", "10023417", "RES 10K 1% 0603 T&R", "2", "RL", "6.45", "12.90"],
        ["", "", "Deliv. date: 01.12.2026", "", "", "", ""],
        ["00020", "10023418", "RES 1K0 1% 0603 T&R", "4", "RL", "6.45", "25.80"],
        ["", "", "Deliv. date: 08.12.2026", "", "", "", ""],
    ]
    page = [(40, 40, "Purchase order 4500123871 / 23.11.2026"), *table(sap, 100, rows)]
    order = extract_from_layout(read_pdf(pdf([page])))
    assert [ln.requested_date.isoformat() for ln in order.lines] == ["2026-12-01", "2026-12-08"]
    assert order.requested_delivery_date.value.isoformat() == "2026-12-01"
    assert order.requested_delivery_date.confidence >= 0.72


def test_the_page_footer_with_a_tax_number_is_no_item_of_the_table_going_on_overleaf():
    rows = [[str(i), f"A-{i}", f"Item {i}", "1", "2.00", "2.00"] for i in range(1, 4)]
    page1 = [(40, 40, "PURCHASE ORDER"), *table(COLUMNS, 100, [HEADER, *rows])]
    page1 += [
        (40, 800, "Müller GmbH · 70191 Stuttgart · USt-IdNr. DE 812 554 903"),
        (480, 800, "Seite 1/2"),
    ]
    page2 = table(COLUMNS, 60, [HEADER, ["4", "A-4", "Item 4", "1", "2.00", "2.00"]])
    page2 += [(390, 100, "Total"), (470, 100, "8.00")]
    order = extract_from_layout(read_pdf(pdf([page1, page2])))
    assert [ln.customer_sku for ln in order.lines] == ["A-1", "A-2", "A-3", "A-4"]


def test_a_charge_the_erp_codes_with_a_word_is_no_item():
    rows = [
        ["Réf.", "Désignation", "Qté", "P.U. HT", "Montant HT"],
        ["AMR-107144", "Vis tête hexagonale M16x60", "2", "40,80", "81,60"],
        ["PORT", "Frais de port et emballage", "1", "25,00", "25,00"],
    ]
    page = [(40, 40, "BON DE COMMANDE N° BC26-04602"), *table([40, 110, 330, 400, 480], 100, rows)]
    page += [(330, 160, "Total HT"), (480, 160, "106,60")]
    order = extract_from_layout(read_pdf(pdf([page])))
    assert [ln.customer_sku for ln in order.lines] == ["AMR-107144"]
    assert order.total.value == Decimal("81.60")


def test_unit_over_price_is_the_unit_price_when_the_quantity_carries_its_unit():
    titles = [
        (40, 100, "#"),
        (70, 100, "EAN / GTIN"),
        (150, 100, "Description"),
        (400, 100, "Qty"),
        (440, 100, "Unit"),
        (500, 100, "Amount"),
        (440, 109, "price"),
    ]
    rows = [
        ["1", "3760112453107", "Bulb H7 12V 55W PX26d", "40 ea", "3.10", "124.00"],
        ["2", "3760112453176", "Bulb H4 12V 60/55W P43t", "20 ea", "3.40", "68.00"],
    ]
    items = table([40, 70, 150, 400, 440, 500], 124, rows)
    order = extract_from_layout(
        read_pdf(pdf([[(40, 40, "PURCHASE ORDER 2026-0451"), *titles, *items]]))
    )
    assert [(ln.quantity, ln.unit, ln.unit_price) for ln in order.lines] == [
        (Decimal("40"), "EA", Decimal("3.10")),
        (Decimal("20"), "EA", Decimal("3.40")),
    ]


def test_an_item_found_by_its_arithmetic_keeps_the_rest_of_its_description_below():
    rows = [
        ["hem", "tit Description", "ou", "Order YOM", "Priee eaeh", "Totai"],
        ["CSA-36569", "Gants d'examen nitrile bleus T.", "10", "bte", "5,90", "59,00"],
        ["", "S, bte 100", "", "", "", ""],
        ["CSA-73534", "Gants d'examen nitrile bleus T.", "50", "bte", "5,90", "295,00"],
        ["", "M, bte 100", "", "", "", ""],
    ]
    page = [(40, 40, "BON DE COMMANDE"), *table([40, 110, 330, 360, 420, 480], 100, rows)]
    page += [(360, 190, "TOTAL HT"), (480, 190, "354,00")]
    order = extract_from_layout(read_pdf(pdf([page])))
    assert [(ln.customer_sku, ln.description, ln.quantity) for ln in order.lines] == [
        ("CSA-36569", "Gants d'examen nitrile bleus T. S, bte 100", Decimal("10")),
        ("CSA-73534", "Gants d'examen nitrile bleus T. M, bte 100", Decimal("50")),
    ]


def test_a_wrapped_description_ending_in_a_number_under_the_quantity_is_no_item():
    """SAP wraps "Faltkarton …, braun, Innenmaß 400 x 300 x 200" so that "200" stands under
    "Menge": in one run of text with its words, in a table whose items all show amounts."""
    columns = [40, 80, 150, 300, 340, 400, 460]
    titles = ["Pos.", "Material", "Bezeichnung", "Menge", "ME", "Preis", "Wert EUR"]
    cells = [
        (40, 114, "0001"),
        (80, 114, "10004711"),
        (150, 114, "Faltkarton 1-wellig FEFCO 0201,"),
        (300, 114, "2.000"),
        (340, 114, "ST"),
        (400, 114, "0,68"),
        (460, 114, "1.360,00"),
        (150, 128, "braun, Innenmaß 400 x 300 x 200"),
        (40, 142, "0002"),
        (80, 142, "10004712"),
        (150, 142, "Faltkarton 1-wellig FEFCO 0201,"),
        (300, 142, "800"),
        (340, 142, "ST"),
        (400, 142, "1,24"),
        (460, 142, "992,00"),
        (150, 156, "braun, Innenmaß 600 x 400 x 300 (Bund 100 St.)"),
    ]
    layout = read_pdf(
        pdf([[(40, 40, "Bestellung 4500018231"), *table(columns, 100, [titles]), *cells]])
    )
    order = extract_from_layout(layout)
    assert [(ln.quantity, ln.description) for ln in order.lines] == [
        (Decimal("2000"), "Faltkarton 1-wellig FEFCO 0201, braun, Innenmaß 400 x 300 x 200"),
        (
            Decimal("800"),
            "Faltkarton 1-wellig FEFCO 0201, braun, Innenmaß 600 x 400 x 300 (Bund 100 St.)",
        ),
    ]


@pytest.mark.parametrize(
    "title",
    [
        "Date Req.",
        "Lieferdatu",
        "Date prévue",
        "Scheduled Date",
        "Lieferdatum",
        "Erw. Wareneingang",
        "Deliv. Date",
        "NEED_BY_DATE",
        "Wareneingangsdatum",
    ],
)
def test_delivery_date_titles(title):
    from ingestion.extraction.tables import classify_header

    assert classify_header(title) == "date"


def test_a_date_wrapped_in_a_narrow_column_is_put_back_together():
    """Odoo's "Date Req." column is too narrow for 11/19/2026: "11/19/202" over "6"."""
    columns = [40, 250, 320, 380, 440]
    rows = [
        ["Description", "Date Req.", "Qty", "Unit Price", "Amount"],
        [
            "[VDB-PCK-0042] Folding carton 300x200x200 mm",
            "11/19/202",
            "3,000.00",
            "0.45",
            "1,350.00",
        ],
        ["", "6", "", "", ""],
        [
            "[VDB-PCK-0043] Folding carton 400x300x300 mm",
            "11/24/202",
            "1,500.00",
            "0.78",
            "1,170.00",
        ],
        ["", "6", "", "", ""],
    ]
    layout = read_pdf(pdf([[(40, 40, "Purchase Order #P00871"), *table(columns, 100, rows)]]))
    order = extract_from_layout(layout)
    assert [str(ln.requested_date) for ln in order.lines] == ["2026-11-19", "2026-11-24"]
    assert str(order.requested_delivery_date.value) == "2026-11-19"


def test_a_unit_wrapped_in_a_narrow_column_keeps_its_count():
    """Sage prints "Box of" and, on the row below, "36" (leaning under the quantity)."""
    columns = [40, 110, 300, 340, 390, 450]
    rows = [
        ["Product", "Description", "Qty", "Unit", "Unit Price", "Net"],
        ["NG/TP/002", "PVC tape natural rubber white 50mm x", "2", "Box of", "73.80", "147.60"],
        ["", "66m", "", "36", "", ""],
        ["NG/PK/010", "Padded envelopes size G 230x340", "40", "Box", "8.60", "344.00"],
    ]
    order = extract_from_layout(
        read_pdf(pdf([[(40, 40, "PURCHASE ORDER PO07798"), *table(columns, 100, rows)]]))
    )
    assert [(ln.quantity, ln.unit) for ln in order.lines] == [
        (Decimal("2"), "Box of 36"),
        (Decimal("40"), "BOX"),
    ]


def test_valeur_nette_totale_ends_the_table_and_is_the_net_total():
    """SAP in French: "Valeur nette totale HT", then a note whose phone number stands under
    the quantity, unit and price titles."""
    columns = [53, 84, 138, 345, 366, 412, 463, 510]
    rows = [
        ["Pos.", "Article", "Désignation", "Qté", "UQ", "Prix net", "Montant", "Livraison"],
        ["00010", "30011557", "PANTALON TRAVAIL ATLAS GRIS T42", "6", "EA", "34,90", "209,40", ""],
        ["00020", "30011564", "PANTALON TRAVAIL ATLAS GRIS T44", "8", "EA", "34,90", "279,20", ""],
    ]
    body = [
        (40, 40, "BON DE COMMANDE 4500187321"),
        *table(columns, 100, rows),
        (340, 150, "Valeur nette totale HT"),
        (486, 150, "488,60 EUR"),
        (51, 170, "Livraison du lundi au vendredi 7h30-11h30 et 13h30-16h00."),
        (295, 170, "Contact chantier : 06 71 22 48 90."),
    ]
    order = extract_from_layout(read_pdf(pdf([body], font_size=8)))
    assert [ln.quantity for ln in order.lines] == [Decimal("6"), Decimal("8")]
    assert (order.total.value, order.total.rule) == (
        Decimal("488.60"),
        "label:net_total=sum_of_lines",
    )


def test_a_footer_ending_in_page_n_is_no_item_and_total_net_value_is_the_net_total():
    columns = [40, 90, 160, 360, 400, 450, 510]
    titles = ["Item", "Material", "Short text", "Quantity", "OUn", "Net price", "Net value"]
    first = [
        [
            "00010",
            "400118273",
            "Pipette tips 1000 µl, racked",
            "30.000",
            "BOX",
            "44.10",
            "1,323.00",
        ],
        ["00020", "400118271", "Pipette tips 200 µl, racked", "20.000", "BOX", "40.60", "812.00"],
    ]
    second = [
        ["00030", "400118270", "Pipette tips 10 µl XL, racked", "10.000", "BOX", "37.00", "370.00"]
    ]
    footer = "University of Mercia | VAT Reg. GB 447 1120 83 | Purchase order 4500187390 | Page"
    page1 = [
        (40, 40, "Purchase Order 4500187390"),
        *table(columns, 100, [titles, *first]),
        (40, 780, footer + " 1"),
    ]
    page2 = [
        *table(columns, 60, [titles, *second]),
        (300, 120, "Total net value excl. VAT"),
        (450, 120, "2,505.00 GBP"),
        (40, 780, footer + " 2"),
    ]
    order = extract_from_layout(read_pdf(pdf([page1, page2], font_size=8)))
    assert [ln.quantity for ln in order.lines] == [Decimal("30"), Decimal("20"), Decimal("10")]
    assert (order.total.value, order.total.rule) == (
        Decimal("2505.00"),
        "label:net_total=sum_of_lines",
    )


def test_a_scans_speck_before_the_total_label_does_not_hide_it():
    """ "© Montant total HT" on a fax: the total ends the table, the footer below is no item."""
    columns = [40, 90, 170, 330, 370, 420, 480]
    rows = [
        ["Poste", "Article", "Désignation", "Qté", "Unité", "Prix unit.", "Montant HT"],
        ["00010", "IT-TON-0601", "Lexmark 8232000 Black Toner", "12", "PCE", "71,10", "853,20"],
        ["00020", "IT-CBL-0402", "IEC Power Cable C13 to Schuko", "20", "PCE", "3,87", "77,40"],
    ]
    body = [
        (40, 40, "BON DE COMMANDE 4500231299"),
        *table(columns, 100, rows),
        (40, 150, "© Montant total HT"),
        (420, 150, "930,60 EUR"),
        (40, 170, "Vallet Assurances SA  SA au capital de 12 500 000 EUR  RCS Paris 390 117 842"),
    ]
    order = extract_from_layout(as_scan(read_pdf(pdf([body]))))
    assert [ln.quantity for ln in order.lines] == [Decimal("12"), Decimal("20")]
    assert order.total.value == Decimal("930.60")


def test_a_total_whose_amount_stands_under_the_quantity_ends_the_table_and_zzgl_fracht_is_a_charge():
    columns = [40, 80, 160, 330, 370, 420, 480]
    rows = [
        ["Pos.", "Material", "Bezeichnung", "Menge", "ME", "Preis/ME", "Betrag EUR"],
        ["10", "HOF-120040", "Universalerde 40 L", "120", "ST", "4,40", "528,00"],
        ["20", "HOF-150119", "Gartenschlauch 19 mm, 25 m Rolle", "12", "RL", "30,70", "368,40"],
    ]
    body = [
        (40, 40, "Bestellung 4711342"),
        *table(columns, 100, rows),
        (40, 150, "Gesamtnettowert"),
        (330, 150, "896,40 EUR"),
        (40, 164, "zzgl. Fracht"),
        (330, 164, "35,00 EUR"),
        (40, 178, "Steuerfreie innergemeinschaftliche Lieferung (Reverse Charge)"),
    ]
    order = extract_from_layout(read_pdf(pdf([body])))
    assert [ln.quantity for ln in order.lines] == [Decimal("120"), Decimal("12")]
    assert order.total.value == Decimal("896.40")


def test_a_material_number_printed_in_groups_of_three_is_one_code():
    columns = [40, 90, 170, 330, 370, 420, 480]
    rows = [
        ["Pos.", "Material", "Kurztext", "Menge", "ME", "Preis", "Wert"],
        ["00010", "400 320 006", "LS-Schalter 3P+N C20 6kA", "12", "ST", "61.50", "738.00"],
        ["00020", "400 332 006", "LS-Schalter 3P+N C32 6kA", "6", "ST", "67.80", "406.80"],
    ]
    order = extract_from_layout(
        read_pdf(pdf([[(40, 40, "Bestellung 4100007731"), *table(columns, 100, rows)]]))
    )
    assert [ln.customer_sku for ln in order.lines] == ["400 320 006", "400 332 006"]


def test_a_price_with_the_unit_it_is_for_after_it():
    """An HTML table in an email: "0,41 €/St." under "Preis"."""
    body = (
        "Hallo,\n\nanbei unsere Bestellung BV-26-1012:\n\n"
        "Art.-Nr.\tBezeichnung\tMenge\tPreis\tBetrag\n"
        "VP-ETI-LABEL\tThermodirekt-Etiketten 100 x 150 mm\t24 Rollen\t6,70 €/Rolle\t160,80 €\n"
        "VP-KART-M\tFaltkarton 1-wellig\t8 Bündel à 25 St.\t0,41 €/St.\t82,00 €\n"
    )
    order = extract_from_text(body)
    assert [(ln.quantity, ln.unit_price) for ln in order.lines] == [
        (Decimal("24"), Decimal("6.70")),
        (Decimal("8"), Decimal("0.41")),  # bundles of 25 at a piece's price: see quantities
    ]


def test_sap_three_decimal_quantities_on_a_german_call_off_with_no_prices():
    """ "12,000 ST" on a printed German call-off: twelve, the language's decimal comma (no
    price on the page settles the separator)."""
    rows = [
        ["Pos.", "Material", "Bezeichnung", "Menge", "Einh.", "Lieferdatum"],
        ["00010", "7300-0220", "Kapselgehörschutz SNR 28", "12,000", "ST", "15.01.2027"],
        ["00020", "7200-1150", "Dickichtmesser 3-Zahn 250mm", "10,000", "ST", "15.01.2027"],
    ]
    page = [(40, 40, "Abruf 4500283390 zum Rahmenvertrag"), (40, 60, "Bitte liefern Sie an:")]
    page += table([40, 80, 140, 330, 390, 430], 100, rows)
    order = extract_from_layout(read_pdf(pdf([page], font_size=7)))
    assert [ln.quantity for ln in order.lines] == [Decimal("12"), Decimal("10")]


def test_a_note_row_under_the_items_with_a_number_in_it_is_no_item():
    """ "Hinweis: Katheter bitte nur mit Restlaufzeit > 18" between two items, its "18"
    under the quantity's title: a note, no item of 18."""
    rows = [
        ["Pos.", "Art.-Nr.", "Bezeichnung", "Menge", "ME"],
        ["4", "CA-4112", "Nelaton-Katheter CH 12", "100", "Stück"],
        ["Hinweis:", "", "Katheter bitte nur mit Restlaufzeit >", "18", ""],
        ["", "", "Monate liefern.", "", ""],
        ["6", "DS-5001", "Händedesinfektionsgel 500 ml", "48", "Stück"],
    ]
    page = [(40, 40, "Abruf AB-2026-0412"), *table([40, 80, 150, 330, 390], 100, rows)]
    order = extract_from_layout(read_pdf(pdf([page], font_size=7)))
    assert [ln.quantity for ln in order.lines] == [Decimal("100"), Decimal("48")]


def test_rolls_times_their_length_in_the_quantity_column_are_items():
    """ "3 rolls x 50 m" at "6.55 / m", 982.50: an item of three rolls of 50 m each."""
    body = (
        "Hi Marc,\n\nPlease find below our PO PXG-W-10448.\n\n"
        "  SKU           Item                                   Qty               Price (CHF)    Amount (CHF)\n"
        "  VI-MONO-137   Print vinyl monomeric white gloss 137  3 rolls x 50 m    6.55 / m       982.50\n"
        "  PVC-3-W       Foamed PVC 3 mm white 3050x1560        40 sheets         32.00          1,280.00\n"
    )
    order = extract_from_text(body)
    assert [(ln.customer_sku or ln.codes[0], ln.quantity) for ln in order.lines] == [
        ("VI-MONO-137", Decimal("3")),  # rolls of 50 m: see quantities
        ("PVC-3-W", Decimal("40")),
    ]
    assert order.lines[0].description == "Print vinyl monomeric white gloss 137"


def test_an_artikel_column_of_words_beside_an_art_nr_column_of_codes_is_the_description():
    from ingestion.extraction import extract_from_layout
    from ingestion.reading import read_pdf
    from tests.extraction.docs import pdf, table

    page = [
        (40, 40, "Backstube Kramer"),
        (40, 60, "Bestellung Nr. 2026/117"),
        *table(
            [40, 90, 160, 420],
            100,
            [
                ["Menge", "Einheit", "Artikel", "Art.-Nr."],
                ["12", "Sack", "Weizenmehl 550er", "110550"],
                ["4", "Sack", "Roggenmehl 1150", ""],
                ["20", "kg", "Frischhefe", ""],
                ["2", "Karton", "Bäckertüten 1/2 kg weiß", "160100"],
            ],
        ),
    ]
    order = extract_from_layout(read_pdf(pdf([page])))
    assert [(ln.description, ln.customer_sku or ln.sku) for ln in order.lines] == [
        ("Weizenmehl 550er", "110550"),
        ("Roggenmehl 1150", None),
        ("Frischhefe", None),
        ("Bäckertüten 1/2 kg weiß", "160100"),
    ]


def test_a_flat_shipping_charge_row_in_the_table_is_no_item():
    columns = [40, 80, 330, 370, 420, 480]
    rows = [
        ["Pos.", "Bezeichnung", "Menge", "ME", "Preis", "Betrag"],
        ["1", "Kopierpapier A4 80 g, 500 Blatt", "10", "Pak", "5,90", "59,00"],
        ["2", "Versandkostenpauschale", "1", "", "12,50", "12,50"],
    ]
    body = [(40, 40, "Bestellung GS-118-26"), *table(columns, 100, rows)]
    body += [(330, 150, "Summe netto"), (420, 150, "71,50")]
    order = extract_from_layout(read_pdf(pdf([body])))
    assert [ln.description for ln in order.lines] == ["Kopierpapier A4 80 g, 500 Blatt"]


def test_an_item_written_below_a_messages_table_is_read_for_a_person_to_confirm():
    order = extract_from_text(
        "Hi,\n\nPlease ship the following for our PO-2026-1101:\n\n"
        "Art. no.\tDescription\tQty\tUnit\tPrice\tAmount\n"
        "110550\tWheat flour type 550 25kg\t40\tbags\t15,20\t608,00\n"
        "120200\tFine sugar 25kg\t8\tbags\t25,90\t207,20\n"
        "Total excl. VAT: EUR 815,20\n\n"
        "PS: please also ship 24 cans of release spray 140800 at EUR 6,90 (forgot it).\n"
        "PS 2: the flour 110550 must be the new harvest.\n\n"
        "Kind regards,\nRuud de Vries\nBakkerij Van der Meer B.V. - Oudegracht 210 - 3511 NR Utrecht\n"
    )
    assert [(ln.quantity, ln.unit_price) for ln in order.lines] == [
        (Decimal(40), Decimal("15.20")),
        (Decimal(8), Decimal("25.90")),
        (Decimal(24), Decimal("6.90")),
    ]
    assert "140800" in order.lines[2].description
    assert order.lines[2].confidence < 0.85


def test_a_footers_registration_number_is_no_item():
    columns = [40, 60, 120, 300, 340, 380, 440]
    header = ["Pos.", "Code art.", "Désignation", "Qté", "Unité", "P.U. HT", "Montant HT"]
    footer = (
        "Hôtel Les Terrasses du Port SAS – 8 quai de Rive-Neuve 13007 Marseille – RCS "
        "Marseille 803 557 219 – TVA FR61 803 557 219"
    )
    first = [
        (40, 40, "BON DE COMMANDE CMD-F2611-0093"),
        *table(
            columns,
            100,
            [
                header,
                ["1", "VR-1005", "Beaujolais-Villages", "24", "BT"] + ["7,40", "177,60"],
                ["2", "VB-2005", "Picpoul de Pinet", "36", "BT", "7,30"] + ["262,80"],
            ],
        ),
        (110, 780, footer),
    ]
    second = [
        (40, 40, "BON DE COMMANDE CMD-F2611-0093"),
        *table(
            columns,
            100,
            [header, ["3", "CA-8004", "Café moulu filtre", "5", "KG", "14,20"] + ["71,00"]],
        ),
        (380, 150, "Total HT 511,40 €"),
        (110, 780, footer),
    ]
    order = extract_from_layout(read_pdf(pdf([first, second])))
    assert [ln.quantity for ln in order.lines] == [Decimal(24), Decimal(36), Decimal(5)]


def test_a_thousands_quantity_wrapped_in_a_narrow_column():
    page = [
        (40, 40, "Purchase order PO26-1187"),
        (40, 100, "Item"),
        (80, 100, "Description"),
        (300, 100, "Qty"),
        (340, 100, "Unit"),
        (380, 100, "Price"),
        (440, 100, "Amount"),
        (40, 120, "1"),
        (80, 120, "RP2040 microcontroller QFN56"),
        (300, 120, "1,000"),
        (340, 120, "pcs"),
        (380, 120, "0.79"),
        (440, 120, "790.00"),
        (40, 140, "2"),
        (80, 140, "LED green 0603 SMD 525nm"),
        (300, 140, "10,00"),
        (340, 140, "pcs"),
        (380, 140, "0.019"),
        (440, 140, "190.00"),
        (300, 150, "0"),
    ]
    order = extract_from_layout(read_pdf(pdf([page])))
    assert [ln.quantity for ln in order.lines] == [Decimal(1000), Decimal(10000)]


def test_a_discount_set_against_the_delivery_date_is_the_discount():
    """SAP's "Rabatt | Liefertermin": "5 %" right-aligned under its title runs up to the date
    beside it; it is the discount, and the net price is the price less it."""
    items = [
        (60, 60, "Bestellnummer: 4500018823"),
        (60, 100, "Pos"),
        (80, 100, "Material"),
        (150, 100, "Kurztext"),
        (300, 100, "Menge"),
        (330, 100, "ME"),
        (381, 100, "Preis"),
        (410, 100, "Rabatt"),
        (440, 100, "Liefertermin"),
        (516, 100, "Netto"),
        (60, 114, "10"),
        (80, 114, "MAT-10023"),
        (150, 114, "Nitril Handschuhe M"),
        (320, 114, "40"),
        (335, 114, "Pkg"),
        (385, 114, "8,80"),
        (421, 114, "5 %"),
        (440, 114, "07.12.2026"),
        (512, 114, "334,40"),
    ]
    (line,) = extract_from_layout(read_pdf(pdf([items]))).lines
    assert (line.quantity, line.unit_price, line.discount, line.line_total) == (
        Decimal("40"),
        Decimal("8.36"),
        Decimal("5"),
        Decimal("334.40"),
    )
    assert line.requested_date == dt.date(2026, 12, 7)


def test_total_netto_with_its_currency_is_the_printed_net_total():
    page = [
        (40, 40, "Bestellung B-26-0384"),
        *table(
            [40, 100, 330, 400, 470],
            100,
            [
                ["Pos", "Art.-Nr.", "Bezeichnung", "Menge", "Betrag CHF"],
                ["10", "DV-GN-100-M", "Nitril-Handschuhe M", "20", "168.00"],
                ["20", "DV-AA-100", "Articain 4 %", "3", "168.00"],
            ],
        ),
        (330, 150, "Total netto CHF"),
        (470, 150, "336.00"),
        (330, 164, "Versandkosten CHF"),
        (470, 164, "12.00"),
    ]
    total = extract_from_layout(read_pdf(pdf([page]))).total
    assert (str(total.value), total.rule.startswith("label:net_total")) == ("336.00", True)


def test_a_material_column_of_names_is_the_description():
    rows = [
        ["Nr.", "Material", "Menge", "Einheit"],
        ["1", "Brettschichtholz GL24h 160 x 320 mm, 4 Stk. à 6.50 m", "26.00", "m"],
        ["2", "Gipsfaserplatten 12.5 mm", "40", "Platten"],
        ["3", "Winkelverbinder 90 mm verstärkt", "60", "Stk"],
    ]
    page = [(40, 40, "Materialbestellung KH-26-088"), *table([40, 70, 380, 450], 100, rows)]
    order = extract_from_layout(read_pdf(pdf([page])))
    assert [(ln.description[:16], ln.quantity, ln.customer_sku) for ln in order.lines] == [
        ("Brettschichtholz", Decimal("26.00"), None),
        ("Gipsfaserplatten", Decimal("40"), None),
        ("Winkelverbinder ", Decimal("60"), None),
    ]


def test_a_procurement_systems_price_beside_its_need_by_date_and_titles_run_together():
    header = ["Line", "Item", "Description", "Supplier Part NumQty", "UOM", "Price", "Need By"]
    header.append("Total")
    rows = [
        header,
        ["1", "CFM-100412", "Room Thermostat T6360B", "MCS-TH101 12", "EA", "17.30"]
        + ["27/11/2026", "207.60"],
        ["2", "CFM-100418", "Danfoss TP5000si", "MCS-TH104 6", "EA", "58.56"]
        + ["27/11/2026", "351.36"],
    ]
    xs = [40, 70, 130, 300, 405, 453, 481, 550]
    page = [(40, 40, "Purchase Order PO-48213"), *table(xs, 100, rows)]
    order = extract_from_layout(read_pdf(pdf([page])))
    assert [(ln.quantity, ln.unit_price) for ln in order.lines] == [
        (Decimal("12"), Decimal("17.30")),
        (Decimal("6"), Decimal("58.56")),
    ]


def test_a_carriage_row_to_a_place_is_a_charge_and_goods_alone_the_net_total():
    rows = [
        ["#", "LR Code", "Description", "Qty", "Unit", "Total"],
        ["1", "LR-GAS-448", "R448A refrigerant, 10 kg cylinder", "2", "€310.88", "€621.76"],
        ["2", "LR-TEV-TEX2", "Danfoss TEX 2 expansion valve", "3", "€103.82", "€311.46"],
        ["", "", "Carriage to Cork (pallet, 48h)", "1", "€45.00", "€45.00"],
    ]
    page = [(40, 40, "PURCHASE ORDER PO-2291"), *table([40, 60, 140, 380, 420, 480], 100, rows)]
    page += [
        (380, 170, "Goods"),
        (480, 170, "€933.22"),
        (380, 184, "Carriage"),
        (480, 184, "€45.00"),
    ]
    page += [(380, 198, "Net"), (480, 198, "€978.22")]
    order = extract_from_layout(read_pdf(pdf([page])))
    assert [(ln.quantity, ln.unit_price) for ln in order.lines] == [
        (Decimal("2"), Decimal("310.88")),
        (Decimal("3"), Decimal("103.82")),
    ]
    assert order.total.value == Decimal("933.22")


def test_descriptions_on_two_lines_beside_centred_figures_and_a_free_sample_row():
    """A word processor's table whose cells are centred vertically: a two-line description
    sits half a line above and below its figures. A free sample's row of figures has no words
    of its own ("gratuit" in the price cell, 0,00): still an item, at 0."""
    xs = [63, 238, 347, 385, 440, 505]
    page = [
        (40, 40, "BON DE COMMANDE N° BC 2026-117"),
        *table(xs, 100, [["Désignation", "Réf.", "Qté", "Cond.", "Prix unit. HT", "Total HT"]]),
        (63, 125, "Farine de blé T65 Label Rouge Tradition"),
        *table(xs, 131, [["", "DUF-FAR-T65-25", "12", "sacs", "21,50 €", "258,00 €"]]),
        (63, 137, "française"),
        *table(xs, 155, [["Farine de seigle T85", "DUF-FAR-SEI85-25", "2", "sacs", "28,00 €"]]),
        (505, 155, "56,00 €"),
        (63, 174, "Levain de seigle déshydraté 1 kg -"),
        *table(xs, 180, [["", "", "1", "sachet", "gratuit", "0,00 €"]]),
        (63, 186, "ÉCHANTILLON GRATUIT"),
        (420, 205, "Total HT 314,00 €"),
    ]
    order = extract_from_layout(read_pdf(pdf([page])))
    assert [(ln.description, ln.quantity, ln.unit, ln.unit_price) for ln in order.lines] == [
        ("Farine de blé T65 Label Rouge Tradition française", 12, "BAG", Decimal("21.50")),
        ("Farine de seigle T85", 2, "BAG", Decimal("28.00")),
        ("Levain de seigle déshydraté 1 kg - ÉCHANTILLON GRATUIT", 1, "BAG", 0),
    ]


def test_containers_written_left_of_the_quantity_column_count_with_it():
    """ "3 bobines de | 100" over two columns at 1,35 € / m, 405,00: 300 metres."""
    page = [
        (40, 40, "BON DE COMMANDE N° BC-2026-047"),
        (40, 80, "Réf."),
        (100, 80, "Désignation"),
        (300, 80, "Quantité"),
        (390, 80, "Prix unit. HT"),
        (480, 80, "Montant HT"),
        (40, 96, "TW-1008"),
        (100, 96, "Cordage polyester 8 mm"),
        (250, 96, "3 bobines de"),
        (305, 96, "100"),
        (390, 96, "1,35 € / m"),
        (480, 96, "405,00 €"),
        (40, 110, "SC-3105"),
        (100, 110, "Manille lyre inox 5 mm"),
        (305, 110, "40"),
        (390, 110, "3,20 €"),
        (480, 110, "128,00 €"),
    ]
    order = extract_from_layout(read_pdf(pdf([page])))
    assert [(ln.quantity, ln.unit_price) for ln in order.lines] == [
        (Decimal("300"), Decimal("1.35")),
        (Decimal("40"), Decimal("3.20")),
    ]
    assert order.lines[0].confidence >= 0.9  # the amount says so


def test_a_price_with_what_it_is_for_wider_than_its_column_is_the_price():
    """ "16,90 €/Stk" starting left of its "Preis" title is read into the description."""
    page = [
        (40, 40, "Materialbestellung Hafenwerkstatt"),
        (40, 80, "Nr."),
        (70, 80, "Menge"),
        (140, 80, "Artikel"),
        (420, 80, "Preis"),
        (500, 80, "Betrag €"),
        (40, 96, "1"),
        (70, 96, "8 Stk."),
        (140, 96, "Klampe Edelstahl 150 mm"),
        (395, 96, "18,40 €/Stk"),
        (500, 96, "147,20"),
        (40, 110, "2"),
        (70, 110, "4 Pack"),
        (140, 110, "Nassschleifpapier P120 (Pack à 50 Bogen)"),
        (395, 110, "21,00 €/Pack"),
        (500, 110, "84,00"),
    ]
    order = extract_from_layout(read_pdf(pdf([page])))
    assert [(ln.quantity, ln.unit_price, ln.description) for ln in order.lines] == [
        (Decimal("8"), Decimal("18.40"), "Klampe Edelstahl 150 mm"),
        (Decimal("4"), Decimal("21.00"), "Nassschleifpapier P120 (Pack à 50 Bogen)"),
    ]


@pytest.mark.parametrize(
    "label",
    [
        "Zustellpauschale (unter € 250,–)",
        "Delivery fee",
        "Frais de livraison",
        "Lieferpauschale",
        "Participation aux frais de transport (forfait)",
        "Éco-participation DEEE (friteuse)",
        "Transport to Verbier incl. mountain surcharge",
        "Delivery, installation and commissioning by vendor technician (lump sum)",
    ],
)
def test_delivery_fees_are_charges(label):
    from ingestion.extraction.tables import _charge_label

    assert _charge_label(label)


@pytest.mark.parametrize(
    "label",
    [
        "Transport trolley for GN 1/1 containers, stainless steel",
        "Installation kit for wall-mounted extinguishers",
        "Delivery note holder A4, transparent",
    ],
)
def test_goods_named_like_a_charge_are_no_charge(label):
    from ingestion.extraction.tables import _charge_label

    assert not _charge_label(label)


def test_a_tax_at_its_rate_is_a_total_row_whatever_words_follow():
    from ingestion.extraction.geometry import document_lines
    from ingestion.extraction.tables import is_total_row

    page = [
        (200, 98, "VAT 0 % – reverse charge (Art. 196 VAT Directive)"),
        (500, 98, "0.00"),
        (200, 112, "Valve body VAT 20 mm, stainless"),
        (500, 112, "12.00"),
    ]
    tax, item = document_lines(read_pdf(pdf([page])))
    assert is_total_row(tax)
    assert not is_total_row(item)


def test_an_amended_orders_old_and_new_counts_the_amount_chooses_between():
    page = [
        (40, 40, "BESTELLUNG Nr. 2026-044 – 1. ÄNDERUNG"),
        (330, 70, "Menge"),
        (370, 70, "Menge"),
        *table(
            [40, 70, 140, 330, 370, 430, 490],
            82,
            [
                ["Pos", "Artikel-Nr.", "Bezeichnung", "alt", "neu", "Einzelpreis", "Gesamt"],
                ["1", "KK-2002", "Kapseln Lungo, Box à 50", "6", "10", "14,50", "145,00"],
                ["2", "KK-2004", "Kapseln Bio Espresso, Box à 50", "4", "4", "17,90", "71,60"],
                ["3", "KB-1010", "Filterkaffee Büro 500 g", "12", "8", "7,40", "59,20"],
            ],
        ),
    ]
    order = extract_from_layout(read_pdf(pdf([page])))
    assert [(ln.quantity, ln.unit_price) for ln in order.lines] == [
        (Decimal("10"), Decimal("14.50")),
        (Decimal("4"), Decimal("17.90")),
        (Decimal("8"), Decimal("7.40")),
    ]


def test_a_pack_size_under_the_unit_title_is_the_units_not_the_quantitys():
    """ "40 | sac 25 kg": the 25 after the unit word sits under "Unité", though a number's
    column would rather take it (the words where a French order's PDF prints them)."""
    from ingestion.layout import Layout, Page, TextSource, Word

    def words(top, cells):
        return [Word(text, x0, top, x1, top + 8.6) for x0, x1, text in cells]

    page = [
        *words(40, [(45.9, 130.0, "BON"), (133.0, 160.0, "DE"), (163.0, 220.0, "COMMANDE")]),
        *words(306.3, [(45.9, 73.5, "Notre"), (76.5, 93.2, "réf."), (119.6, 177.7, "Désignation")]),
        *words(306.3, [(311.3, 328.3, "Qté"), (335.1, 361.5, "Unité"), (429.5, 443.5, "PU")]),
        *words(306.3, [(446.5, 461.0, "HT"), (481.6, 522.9, "Montant"), (525.9, 540.4, "HT")]),
        *words(323.8, [(45.9, 84.2, "MP-PILS"), (119.6, 139.8, "Malt"), (142.5, 168.8, "Pilsen")]),
        *words(323.8, [(171.6, 185.4, "3-4"), (188.1, 207.3, "EBC"), (317.3, 328.3, "40")]),
        *words(323.8, [(335.1, 349.4, "sac"), (352.1, 363.1, "25"), (365.8, 376.5, "kg")]),
        *words(323.8, [(445.4, 470.0, "24,00"), (519.3, 549.4, "960,00")]),
        *words(
            341.4, [(45.9, 84.2, "HB-TETT"), (119.6, 152.0, "Houblon"), (155.0, 190.0, "Tettnang")]
        ),
        *words(341.4, [(323.3, 328.3, "3"), (335.1, 363.1, "carton"), (366.0, 371.0, "5")]),
        *words(341.4, [(374.0, 385.0, "kg"), (440.0, 470.0, "181,00"), (519.3, 549.4, "543,00")]),
    ]
    layout = Layout(pages=(Page(1, 595.3, 841.9, tuple(page), TextSource.PDF_TEXT),))
    order = extract_from_layout(layout)
    assert [(ln.customer_sku, ln.quantity, ln.unit) for ln in order.lines] == [
        ("MP-PILS", Decimal("40"), "sac 25 kg"),
        ("HB-TETT", Decimal("3"), "carton 5 kg"),
    ]


def test_cartons_counted_and_priced_by_the_carton_beside_its_size_are_pieces():
    """A French retailer's order: PCB (the units a carton holds), cartons, the carton's price.
    The line counts cartons of ten; whether that is sixty of our balls or six of our cartons,
    the catalogue says."""
    from ingestion.matching import MasterData, match_product

    rows = [
        ["Réf. SP", "Libellé", "PCB", "Nb colis", "PA HT colis", "Montant HT"],
        ["SPD-204411", "BALLON FOOT T5 MATCH PRO", "10", "6", "249,00", "1 494,00"],
        ["SPD-310077", "KIT 40 CONES 23CM 4 COUL.", "1", "12", "36,00", "432,00"],
    ]
    order = extract_from_layout(
        read_pdf(pdf([[(40, 40, "COMMANDE"), *table([40, 110, 300, 340, 400, 480], 100, rows)]]))
    )
    assert [(ln.customer_sku, ln.quantity, ln.unit, ln.unit_price) for ln in order.lines] == [
        ("SPD-204411", Decimal("6"), "carton of 10", Decimal("249.00")),
        ("SPD-310077", Decimal("12"), None, Decimal("36.00")),
    ]
    customers = (
        "code,name,vat_number,email_domains,street,postal_code,city,country,sales_rep_email,vip\n"
    )
    products = (
        "sku,gtin,description,unit,unit_price,currency\n"
        "NS-1101,,Ballon de football T5 match pro,EA,24.90,EUR\n"
        "NS-1101-CT,,Ballon de football T5 match pro (carton de 10),BOX,249.00,EUR\n"
    )
    md = MasterData.from_csv(customers, products, "customer_code,customer_sku,sku\n")
    line = order.lines[0]
    assert match_product(replace(line, sku="NS-1101"), None, md).quantity_in_product_unit == 60
    assert match_product(replace(line, sku="NS-1101-CT"), None, md).quantity_in_product_unit == 6
    # the units counted and priced one by one beside the carton's size: nothing to convert
    rows = [
        ["Réf. SP", "Libellé", "PCB", "Qté", "PU HT", "Montant HT"],
        ["SPD-204411", "BALLON FOOT T5 MATCH PRO", "10", "60", "24,90", "1 494,00"],
    ]
    order = extract_from_layout(
        read_pdf(pdf([[(40, 40, "COMMANDE"), *table([40, 110, 300, 340, 400, 480], 100, rows)]]))
    )
    assert [(ln.quantity, ln.unit, ln.unit_price) for ln in order.lines] == [
        (Decimal("60"), None, Decimal("24.90"))
    ]


def test_cartons_counted_beside_their_size_with_no_price_are_cartons_of_that_size():
    """A retailer's sheet with its price columns left empty: "PCB 4 | Nb colis 3" is three
    cartons of four (matching makes them twelve of ours); a plain quantity beside PCB is not."""
    from ingestion.matching import MasterData, match_product

    rows = [
        ["N° commande", "55960"],
        ["Code article", "EAN", "Libellé", "PCB", "Nb colis", "PA HT", "Montant HT"],
        ["204572", "3760123402057", "ANTI-ALGUES PREVENTIF 5L", "4", "3", "", ""],
        ["204518", "3760123401074", "CHLORE LENT GALETS 250G SEAU 5KG", "1", "10", "", ""],
    ]
    order = extract_from_sheet(rows)
    assert [(ln.customer_sku, ln.quantity, ln.unit) for ln in order.lines] == [
        ("204572", Decimal("3"), "carton of 4"),
        ("204518", Decimal("10"), None),
    ]
    products = (
        "sku,gtin,description,unit,unit_price,currency\n"
        "ALG-PREV5,3760123402057,Anti-algues préventif 5 L,EA,18.90,EUR\n"
    )
    md = MasterData.from_csv(
        "code,name,vat_number,email_domains,street,postal_code,city,country,sales_rep_email,vip\n",
        products,
        "customer_code,customer_sku,sku\n",
    )
    assert match_product(order.lines[0], None, md).quantity_in_product_unit == 12
    rows[1][4] = "Qté"
    order = extract_from_sheet(rows)
    assert [(ln.quantity, ln.unit) for ln in order.lines] == [
        (Decimal("3"), None),
        (Decimal("10"), None),
    ]


def test_an_items_delivery_date_after_livr_in_its_words_or_wrapped_to_the_row_below():
    """SAP's French print: "… BTE50 / Livr. 08.12.2026" in the item's words, or "/ Livr." with
    the date alone on the row below, or after other words there ("PA-3041 / Livr. 03.12.2026").
    """
    titles = [(40, "Pos."), (75, "Article"), (130, "Désignation"), (330, "Quantité")]
    titles += [(380, "UQ"), (410, "Prix net"), (470, "Valeur nette")]
    page = [(40, 40, "BON DE COMMANDE 4500019102"), *[(x, 100, t) for x, t in titles]]
    rows = [
        ("00010", "10004710", "GANT NITRILE T.S BTE100 / Livr.", "20", "138,00", "08.12.2026"),
        ("00020", "10006100", "CATHETER IV 18G BTE50 / Livr. 10.12.2026", "3", "118,50", ""),
        (
            "00030",
            "",
            "Alcool éthylique 70 % - Réf.",
            "60",
            "216,00",
            "fourn. DS-5030 / Livr. 03.12.2026",
        ),
    ]
    y = 116
    for pos, code, words, qty, amount, below in rows:
        page += [(40, y, pos), (130, y, words), (330, y, qty), (380, y, "BTE")]
        page += [(410, y, "6,90"), (470, y, amount)]
        if code:
            page.append((75, y, code))
        if below:
            page.append((130, y + 10, below))
        y += 26
    order = extract_from_layout(read_pdf(pdf([page], font_size=7)))
    assert [ln.requested_date for ln in order.lines] == [
        dt.date(2026, 12, 8),
        dt.date(2026, 12, 10),
        dt.date(2026, 12, 3),
    ]
    assert order.requested_delivery_date.value == dt.date(2026, 12, 3)


def test_a_retailer_s_cartons_and_units_a_note_under_an_item_and_a_line_ordering_none():
    """ "PCB | Nb colis | Qté UVC": the units are the quantity. The note under the salt is
    the salt's; the note under the line ordering none ("LIGNE ANNULÉE") is that line's, not
    the salt's."""
    x = [57, 102, 173, 341, 367, 409, 451, 497]
    titles = ["Code art.", "EAN", "Libellé article", "PCB", "Nb colis", "Qté UVC", "PA net HT"]
    page = [(40, 40, "COMMANDE FOURNISSEUR N° 55907")]
    page += [(xx, 215, t) for xx, t in zip(x, [*titles, "Montant HT"], strict=True)]
    rows = [
        ["204518", "3760123401074", "CHLORE LENT GALETS 250G", "1", "20", "20", "35,80", "716,00"],
        [
            "204590",
            "3760123402194",
            "SEL PISCINE ELECTROLYSE 25KG",
            "1",
            "60",
            "60",
            "8,90",
            "534,00",
        ],
        ["", "", "*** Merci de livrer le sel sur une palette séparée ***"],
        ["204550", "3760123401845", "STABILISANT CHLORE 5KG", "1", "0", "0", "33,10", "0,00"],
        ["LIGNE", "", "ANNULÉE - rupture fournisseur"],
        ["204572", "3760123402057", "ANTI-ALGUES PREVENTIF 5L", "4", "6", "24", "22,90", "549,60"],
    ]
    for n, row in enumerate(rows):
        page += [(xx, 230 + 15 * n, cell) for xx, cell in zip(x, row, strict=False) if cell]
    order = extract_from_layout(read_pdf(pdf([page], font_size=7)))
    assert [(ln.customer_sku, ln.quantity, ln.unit_price) for ln in order.lines] == [
        ("204518", Decimal("20"), Decimal("35.80")),
        ("204590", Decimal("60"), Decimal("8.90")),
        ("204572", Decimal("24"), Decimal("22.90")),
    ]
    assert order.lines[2].description == "ANTI-ALGUES PREVENTIF 5L"


def test_an_items_second_row_gives_its_date_after_other_words_and_a_row_below_cancels_it():
    """SAP's print: "Ihre Materialnummer …   Liefertermin 07.12.2026" under each item, and
    "*** Position storniert ***" under the one the buyer cancelled (its date is nobody's)."""
    titles = [(40, "Pos."), (75, "Material"), (150, "Bezeichnung"), (330, "Bestellmenge")]
    titles += [(400, "ME"), (430, "Preis/ME"), (490, "Nettowert")]
    page = [(40, 40, "BESTELLUNG 4700009341"), *[(x, 100, t) for x, t in titles]]
    items = [
        (
            "00010",
            "LB-KL-0031",
            "Dichtklebstoff weiß 290 ml",
            "120",
            "9,59",
            "1.150,80",
            "14.12.2026",
        ),
        ("00020", "LB-KL-0040", "Montagekleber weiß 290 ml", "48", "11,64", "558,72", "03.12.2026"),
        ("00030", "LB-KL-0117", "Kontaktkleber streichbar", "30", "11,00", "330,00", "07.12.2026"),
    ]
    top = 118
    for pos, material, words, qty, price, amount, when in items:
        page += [(40, top, pos), (75, top, material), (150, top, words), (340, top, qty)]
        page += [(400, top, "ST"), (430, top, price), (490, top, amount)]
        page += [
            (150, top + 11, f"Ihre Materialnummer NB-{pos}"),
            (300, top + 11, f"Liefertermin {when}"),
        ]
        if pos == "00020":
            page += [(150, top + 22, "*** Position storniert ***")]
        top += 40
    order = extract_from_layout(read_pdf(pdf([page])))
    assert [(ln.customer_sku, ln.requested_date) for ln in order.lines] == [
        ("LB-KL-0031", dt.date(2026, 12, 14)),
        ("LB-KL-0117", dt.date(2026, 12, 7)),
    ]
    assert order.requested_delivery_date.value == dt.date(2026, 12, 7)


def test_a_carton_s_packing_titled_colis_beside_the_cartons_counted():
    """ "Colis. | Nb colis | Qté UVC": what a carton holds, the cartons, the units they make
    (a carton of one: fifty cartons are fifty units)."""
    columns = [40, 110, 270, 300, 335, 370, 410, 450, 500]
    rows = [
        ["Réf. JDC", "Désignation", "Colis.", "Nb colis", "Qté UVC", "PU brut HT", "Rem. %"]
        + ["PU net HT", "Montant HT"],
        ["JC-VAS-0330", "VASE BOULE VERRE D12", "12", "6", "72", "1,85", "", "1,85", "133,20"],
        ["JC-DEC-0702", "BOULES NOEL ROUGE", "1", "50", "50", "5,40", "5,0", "5,13", "256,50"],
    ]
    order = extract_from_layout(
        read_pdf(pdf([[(40, 40, "BON DE COMMANDE N° JC2026-09342"), *table(columns, 100, rows)]]))
    )
    assert [(ln.customer_sku, ln.quantity, ln.unit_price) for ln in order.lines] == [
        ("JC-VAS-0330", Decimal("72"), Decimal("1.85")),
        ("JC-DEC-0702", Decimal("50"), Decimal("5.13")),
    ]


def test_a_scanned_sap_order_priced_for_one_beside_a_price_unit_column():
    """ "80.000 KAR | 5,40 | PE 1 | 432,00" on a fax: eighty cartons at 5,40, the point a
    misread comma (not 80 000 at 5,40 the thousand); "238.000 ROL | 1,60 | 1 | 460,80" is 288
    with a digit misread; each item's "Liefertermin: KW 47/2026" (or a scan's "Liefartermin
    12.11.2026") is its own date."""
    sap = [40, 90, 140, 330, 370, 410, 440, 480]
    rows = [
        ["Pos.", "Material", "Bezeichnung", "Menge", "ME", "Preis", "PE", "Nettowert EUR"],
        ["00010", "773101", "STECKSCHAUM ZIEGEL", "30,000", "KAR", "25,00", "1", "750,00"],
        ["", "", "Ihre Art.-Nr. VF-10010 Liefertermin: KW 47/2026", "", "", "", "", ""],
        ["00020", "773305", "GLASZYLINDER D10", "120,000", "ST", "320,00", "100", "384,00"],
        ["", "", "Ihre Art.-Nr. VF-30010 Liefertermin: KW 47/2026", "", "", "", "", ""],
        ["00030", "773702", "WEIHN.KUGEL GOLD", "80.000", "KAR", "5,40", "1", "432,00"],
        ["", "", "Ihre Art.-Nr. VF-70010 Liefartermin 12.11.2026", "", "", "", "", ""],
        ["00040", "773820", "FLORISTENBAND GRUEN", "238.000", "ROL", "1,60", "1", "460,80"],
        ["", "", "Ihre Art.-Nr. VF-80010 Liefertermin: KW 47/2026", "", "", "", "", ""],
    ]
    page = [(40, 40, "Bestellung 4500018990 vom 06.11.2026"), *table(sap, 100, rows)]
    order = extract_from_layout(as_scan(read_pdf(pdf([page]))))
    assert [
        (ln.quantity, ln.unit_price / (ln.price_unit or 1), ln.requested_date) for ln in order.lines
    ] == [
        (Decimal("30"), Decimal("25.00"), dt.date(2026, 11, 16)),
        (Decimal("120"), Decimal("3.2"), dt.date(2026, 11, 16)),
        (Decimal("80"), Decimal("5.40"), dt.date(2026, 11, 12)),
        (Decimal("288"), Decimal("1.60"), dt.date(2026, 11, 16)),
    ]


def test_prices_for_what_they_say_after_a_slash_and_packs_in_brackets_in_the_quantity():
    """ "150m | 11,40/m | 1.710,00" and "100 St. (2 VE à 50) | 38,75/VE | 77,50": items,
    each cell in its column."""
    x = [40, 60, 120, 300, 380, 460]
    rows = [
        ["Pos", "Mat.-Nr.", "Bezeichnung", "Menge", "Preis GBP", "Gesamt"],
        ["10", "EH-0045120", "SWA-Kabel 4x16 mm² armiert", "150m", "11,40/m", "1.710,00"],
        [
            "20",
            "EH-0071001",
            "Rohrkabelschuh 25 mm² M10",
            "100 St. (2 VE à 50)",
            "38,75/VE",
            "77,50",
        ],
        ["30", "EH-0080300", "Kabelbinder Edelstahl 360x7,9", "1 Btl. (100 St.)", "24,50", "24,50"],
    ]
    order = extract_from_layout(
        read_pdf(pdf([[(40, 40, "Bestellung Nr. 4500018990"), *table(x, 100, rows)]]))
    )
    assert [(ln.customer_sku, ln.description, ln.unit_price) for ln in order.lines] == [
        ("EH-0045120", "SWA-Kabel 4x16 mm² armiert", Decimal("11.40")),
        ("EH-0071001", "Rohrkabelschuh 25 mm² M10", Decimal("38.75")),
        ("EH-0080300", "Kabelbinder Edelstahl 360x7,9", Decimal("24.50")),
    ]
    assert (order.lines[0].quantity, order.lines[0].unit) == (Decimal("150"), "M")


@pytest.mark.parametrize(
    ("titles", "priced"),
    [(["Réf.", "Article", "Quantité"], False), (["Réf.", "Article", "Qté", "Prix HT"], True)],
)
def test_the_order_says_whether_its_table_titles_a_price(titles, priced):
    rows = [titles, ["AVS-WIPE-NT100", "Lingettes non tissées", "2", "12,80"][: len(titles)]]
    page = [(40, 40, "Commande n° BC-2026-0433"), *table([40, 160, 380, 460], 100, rows)]
    order = extract_from_layout(as_scan(read_pdf(pdf([page]))))
    assert order.price_titled is priced
    assert ExtractedOrder.from_json(order.to_json()).price_titled is priced


def test_packs_in_the_unit_cell_priced_by_the_piece_the_amount_counts():
    """ "2 | VE (10 Stk) | 2,40 Stk | 48,00": twenty pieces; "10 | Pck | 7,20 Pck | 72,00": the
    price's cell says what it is for after it."""
    x = [40, 60, 120, 300, 330, 400, 480]
    rows = [
        ["Pos", "Art.-Nr.", "Bezeichnung", "Menge", "Einheit", "Preis € pro", "Betrag €"],
        ["1", "GG-10455", "Steckschaum Standard", "15", "Krt", "25,00 Krt", "375,00"],
        ["2", "GG-10461", "Steckschaumkugel Ø 12 cm", "2", "VE (10 Stk)", "2,40 Stk", "48,00"],
        ["3", "GG-70061", "Holzsterne natur 10 cm", "10", "Pck", "7,20 Pck", "72,00"],
    ]
    order = extract_from_layout(
        read_pdf(pdf([[(40, 40, "Bestellung GG-B-2026-1187"), *table(x, 100, rows)]]))
    )
    assert [(ln.quantity, ln.unit_price) for ln in order.lines] == [
        (Decimal("15"), Decimal("25.00")),
        (Decimal("20"), Decimal("2.40")),
        (Decimal("10"), Decimal("7.20")),
    ]


@pytest.mark.parametrize(
    ("cell", "code"),
    [
        ("1 TS-1012", "TS-1012"),  # a narrow "#" column read into "Art.-Nr."'s
        ("12 HB-2001", "HB-2001"),
        ("[BRA-DCK-UNI] Universal USB-C Dock", "BRA-DCK-UNI"),
        ("400 320 006", "400 320 006"),  # a material number in groups, no position
        ("RNB 03-2210", "RNB 03-2210"),
        # the end of a description run into the code's column: a measure, then the code
        ("20 kg CV-W101", "CV-W101"),
    ],
)
def test_the_code_of_a_code_cell(cell, code):
    from ingestion.extraction.tables import _first_code

    assert _first_code(cell) == code


@pytest.mark.parametrize("scanned", [False, True])
def test_counts_in_words_restated_in_figures_and_prices_each(scanned):
    """ "ten (10) | Kids rental helmets XS | 36.00 ea": the count is the figure, the price is
    the price of one (a scan may lose the brackets: "ten 10")."""
    rows = [
        ["Qty", "Item", "Price EUR"],
        ["ten (10)", "Kids rental helmets XS", "36.00 ea"],
        ["twenty four (24)", "Adult rental helmets size S", "42.00 ea"],
        ["two (2) packs", "Replacement chin pads (pack of 10)", "12.00 /pk"],
    ]
    layout = read_pdf(pdf([[(40, 40, "ORDER FORM"), *table([40, 150, 400], 100, rows)]]))
    order = extract_from_layout(as_scan(layout) if scanned else layout)
    assert [(ln.quantity, ln.unit_price) for ln in order.lines] == [
        (Decimal("10"), Decimal("36.00")),
        (Decimal("24"), Decimal("42.00")),
        (Decimal("2"), Decimal("12.00")),
    ]


def test_packs_of_a_size_in_the_quantity_cell_make_the_amount_at_the_piece_price():
    """ "Classeur A4 dos 40 | 4 ctn x 25 | 1,60 | 160,00": 4 cartons of 25 at 1,60 the piece,
    not 40 × 4 out of the description's figures."""
    rows = [
        ["Notre réf.", "Désignation", "Quantité", "PU HT", "Total HT"],
        ["GC-40101", "Classeur A4 4 anneaux dos 40", "4 ctn x 25", "1,60", "160,00"],
    ]
    page = [(40, 40, "BON DE COMMANDE CF-2026-1193"), *table([40, 110, 330, 400, 480], 100, rows)]
    (line,) = extract_from_layout(read_pdf(pdf([page]))).lines
    assert (line.quantity, line.unit_price, line.line_total) == (
        Decimal("4"),
        Decimal("1.60"),
        Decimal("160.00"),
    )
    assert "ctn x 25" in line.raw_text


def test_a_companys_registration_in_the_footer_between_pages_is_no_item():
    head = ["Ln", "Supplier Code", "Description", "Qty", "Unit Cost", "Line Value"]
    x = [40, 70, 170, 380, 430, 490]
    rows = [[str(n), f"BW-PMP-{n:04d}", "POND PUMP", "12", "61.50", "738.00"] for n in range(1, 46)]
    first = [
        (40, 40, "PURCHASE ORDER PL-PO-0078812"),
        *table(x, 100, [head, *rows]),
        (40, 760, "Page 1 of 2"),
        (40, 775, "Pondlife Garden Centres Ltd · Registered in England & Wales No."),
        (380, 775, "04417823 · Registered office as above"),
    ]
    second = [
        *table(x, 60, [head, ["46", "BW-PMP-3000", "POND PUMP 3000", "12", "85.00", "1,020.00"]]),
    ]
    order = extract_from_layout(read_pdf(pdf([first, second])))
    assert len(order.lines) == 46
    assert order.lines[-1].sku == "BW-PMP-3000"


@pytest.mark.parametrize(
    "footer",
    [
        "Pondlife Garden Centres Ltd · Registered in England & Wales No. 04417823",
        "Registered office: 12 Wortley Moor Road, Leeds",
        "Northgate plc · Company No. 05519034",
    ],
)
def test_a_uk_companys_registration_is_a_legal_footer(footer):
    from ingestion.extraction.tables import _LEGAL_FOOTER

    assert _LEGAL_FOOTER.search(footer)


def test_a_price_per_kilo_that_ran_into_the_units_column():
    """ "4 Btl. | 13,92 / kg | | 27,84": the count took its unit, the price and what it is for
    stand in the unit's column."""
    rows = [
        ["Pos.", "Art.-Nr.", "Bezeichnung", "Menge", "ME", "Preis €", "Betrag €"],
        ["1", "10-4410", "Kaltschaum CMHR 40/130", "20", "Stk", "50,50", "1.010,00"],
        [
            "6",
            "50-0013",
            "Polsternägel 13 mm – 4 Beutel à 500 g",
            "4 Btl.",
            "13,92 / kg",
            "",
            "27,84",
        ],
    ]
    page = [(40, 40, "BESTELLUNG 2026-0893"), *table([40, 70, 120, 330, 380, 430, 490], 100, rows)]
    lines = extract_from_layout(read_pdf(pdf([page]))).lines
    assert (lines[1].quantity, lines[1].unit_price, lines[1].line_total) == (
        Decimal("4"),
        Decimal("13.92"),
        Decimal("27.84"),
    )


def test_containers_each_holding_so_much_in_the_quantity_cell():
    from ingestion.extraction.units import split_quantity_unit

    assert split_quantity_unit("5 x 5L cans") == (Decimal("5"), "CAN")
    rows = [
        ["Code", "Description", "Quantity", "Price", "Line total"],
        ["THA-609", "Black nitrile gloves size L (box of 100)", "20 box", "£7.60", "152.00"],
        ["THA-614", "Surface disinfectant, 5 L can", "5 x 5L cans", "£18.00 / can", "90.00"],
    ]
    page = [(57, 40, "PURCHASE ORDER WFS-4471"), *table([57, 114, 364, 424, 517], 100, rows)]
    order = extract_from_layout(read_pdf(pdf([page])))
    assert [(ln.quantity, ln.unit_price, ln.line_total) for ln in order.lines] == [
        (Decimal("20"), Decimal("7.60"), Decimal("152.00")),
        (Decimal("5"), Decimal("18.00"), Decimal("90.00")),
    ]
    assert "5 x 5L cans" in order.lines[1].raw_text


def test_an_order_form_listing_the_catalogue_orders_only_its_filled_rows():
    rows = [
        ["Art.-Nr.", "Bezeichnung", "VE", "Preis/VE", "Menge"],
        ["BOU-401", "Altarkerze weiß 40 x 300 mm", "Stk", "3,20", "48"],
        ["BOU-404", "LED-Grablicht weiß, batteriebetrieben", "Stk", "4,60", ""],
        ["BOU-405", "Teelichter 8 Std (Karton à 100)", "Kart", "11,50", "5"],
        ["BOU-406", "Kerzenleuchter Messing 3-armig", "Stk", "78,00", ""],
        ["PAP-503", "Kondolenzbuch schwarz gebunden", "Stk", "22,00", "3"],
    ]
    page = [(64, 40, "BESTELLFORMULAR"), *table([64, 130, 380, 420, 480], 100, rows)]
    order = extract_from_layout(as_scan(read_pdf(pdf([page]))))
    assert [(ln.customer_sku or ln.sku, ln.quantity) for ln in order.lines] == [
        ("BOU-401", Decimal("48")),
        ("BOU-405", Decimal("5")),
        ("PAP-503", Decimal("3")),
    ]
    assert all("Kerzenleuchter" not in (ln.description or "") for ln in order.lines)


def test_a_week_whose_word_ran_into_the_unit_column_is_the_items_date():
    rows = [
        ["Pos", "Artikel", "Bezeichnung", "Menge", "ME", "Termin", "EP EUR", "GP EUR"],
        [
            "1",
            "INK-BLK-120",
            "Tattoofarbe Lining Black 120 ml",
            "4",
            "Stk",
            "KW 30",
            "41,30",
            "165,20",
        ],
        [
            "2",
            "MAC-PEN35",
            "Rotary-Pen-Maschine 3,5 mm Hub",
            "1",
            "Stk",
            "28.07.2025",
            "306,30",
            "306,30",
        ],
    ]
    page = [
        (63, 107, "B E S T E L L U N G"),
        (63, 133, "Beleg-Nr.: B-25-0715"),
        (300, 133, "Datum: 15.07.25"),
        *table([63, 84, 161, 330, 363, 392, 459, 507], 188, rows),
    ]
    order = extract_from_layout(read_pdf(pdf([page])))
    assert [(ln.unit, ln.requested_date) for ln in order.lines] == [
        ("EA", dt.date(2025, 7, 21)),
        ("EA", dt.date(2025, 7, 28)),
    ]
    assert order.requested_delivery_date.value == dt.date(2025, 7, 21)


def test_a_sentence_under_an_item_that_cancels_it_beside_a_nil_amount():
    rows = [
        ["Pos", "Art.-Nr.", "Bezeichnung", "Menge", "EP €", "Betrag €"],
        ["1", "BK-70012", "Kehrbürste Kunststoff Ø 200 mm", "10 Stk", "13,40", "134,00"],
        ["2", "BK-70030", "Kehrleine mit Kugel 5 kg, 20 m", "2 Stk", "39,00", "0,00"],
        ["3", "BK-60040", "Funkenschutzgitter Ø 200", "6 Stk", "46,50", "279,00"],
    ]
    x = [45, 70, 130, 380, 430, 490]
    page = [
        (42, 40, "BESTELLUNG HS-4410-25"),
        *table(x, 100, rows[:3]),
        (133, 138, "*** Position storniert lt. Telefonat mit Hrn. Huber 12.11. ***"),
        *table(x, 152, rows[3:]),
    ]
    order = extract_from_layout(read_pdf(pdf([page])))
    assert [ln.customer_sku or ln.sku for ln in order.lines] == ["BK-70012", "BK-60040"]


def test_a_revised_orders_value_below_its_items_is_its_total():
    rows = [
        ["Item", "Description", "Qty", "UoM", "Price", "Value"],
        ["PA-HW-FA", "Mobile fall arrester", "6", "EA", "119.00", "714.00"],
        ["PA-HW-MR10", "Maillon rapide 10 mm, steel", "40", "EA", "4.10", "164.00"],
    ]
    page = [
        (42, 30, "PURCHASE ORDER - REVISION 2"),
        (42, 100, "PO No. PO100517"),
        (42, 114, "Date 22/11/2024"),
        *table([47, 120, 330, 370, 410, 470], 200, rows),
        (402, 254, "Revised PO value EUR 2,507.00"),
        (437, 268, "Rev 1 value EUR 2,394.00"),
        (42, 300, "Revision history: Rev 0 18/11/2024 issued; Rev 1 20/11/2024 sizes split."),
    ]
    order = extract_from_layout(read_pdf(pdf([page])))
    assert [ln.description for ln in order.lines][-1] == "Maillon rapide 10 mm, steel"
    assert order.total.value == Decimal("2507.00")
    from ingestion.extraction.geometry import document_lines
    from ingestion.extraction.tables import is_total_row

    value_row = next(ln for ln in document_lines(read_pdf(pdf([page]))) if "Revised" in ln.text)
    assert is_total_row(value_row)
    assert order.order_date.value == dt.date(2024, 11, 22)


def test_a_scanned_speck_before_the_total_is_no_minus_sign():
    rows = [
        ["Pos", "Artikel", "Bezeichnung", "Menge", "Preis", "Total"],
        ["1", "NW-7RL", "Nadelmodul Cartridge 7RL", "10", "33.00", "330.00"],
        ["2", "NW-HS-L", "Nitril-Handschuhe schwarz", "20", "9.80", "196.00"],
    ]
    page = [(66, 40, "Bestellung per Fax"), *table([74, 100, 180, 380, 430, 490], 100, rows)]
    page.append((310, 160, "Total exkl. MWST CHF -526.00"))
    order = extract_from_layout(as_scan(read_pdf(pdf([page]))))
    assert order.total.value == Decimal("526.00")
    # on a page read as text, a minus is a minus: the total is for a person
    digital = extract_from_layout(read_pdf(pdf([page])))
    assert digital.total.value != Decimal("526.00") or digital.total.confidence < 0.75


def test_a_containers_measure_wrapped_under_its_unit_cell_is_the_units():
    """ "4 | Kan. 5" over "(pro Liter) | l": a can of 5 litres, the "l" wrapped below."""
    rows = [
        ["Pos", "Artikel", "Bezeichnung", "Menge", "ME", "Preis", "Betrag"],
        ["19", "CS-7001", "PVC-Kederschnur 8 mm,", "4", "Rolle", "32,23", "128,92"],
        ["", "", "Rolle 50 m"],
        ["20", "CS-7004", "PVC-Reiniger Konzentrat", "4", "Kan. 5", "25,55", "102,20"],
        ["", "", "(pro Liter)", "", "l"],
        ["21", "CS-7006", "Stützengewicht 25 kg, Stahl", "24", "Stk", "40,01", "960,24"],
    ]
    layout = read_pdf(pdf([table([50, 80, 140, 330, 370, 420, 480], 100, rows)]))
    lines = extract_from_layout(layout).lines
    assert [(ln.quantity, ln.unit) for ln in lines][1] == (Decimal(4), "Kan. 5 l")
    assert lines[1].description == "PVC-Reiniger Konzentrat (pro Liter)"


def test_lengths_priced_by_the_metre_are_counted_in_metres():
    """ "12 lengths (3m) | £8.50/m | £306.00": 36 metres at 8.50, as the amount says."""
    rows = [
        ["Quantity", "Item", "Price", "Amount"],
        ["12 lengths (3m)", "Walnut scoop moulding 25mm", "£8.50/m", "£306.00"],
        ["2 boxes", "V-nails 10mm for hardwood (boxes of 5,000)", "£21.30", "£42.60"],
    ]
    layout = read_pdf(pdf([table([50, 140, 400, 470], 100, rows)]))
    got = [(ln.quantity, ln.unit, ln.unit_price) for ln in extract_from_layout(layout).lines]
    assert got == [
        (Decimal(36), "M", Decimal("8.50")),
        (Decimal(2), "BOX", Decimal("21.30")),
    ]


def test_a_customers_code_of_capitals_in_parts_stays_in_its_column():
    """ "MF/MNT/AW" under "Item": a code with no digit, not the description's first word."""
    rows = [
        ["#", "Item", "Description", "Qty UoM", "Cost £", "Total £"],
        ["1", "MF/MNT/AW", "Mountboard antique white 1.4mm 81x102", "75 ea", "6.00", "450.00"],
        ["2", "MF/FIX/V15", "V-nails 15mm softwood (box 5000)", "4 box", "23.30", "93.20"],
    ]
    layout = read_pdf(pdf([table([53, 75, 140, 330, 390, 450], 100, rows)]))
    got = [(ln.customer_sku, ln.description) for ln in extract_from_layout(layout).lines]
    assert got == [
        ("MF/MNT/AW", "Mountboard antique white 1.4mm 81x102"),
        ("MF/FIX/V15", "V-nails 15mm softwood (box 5000)"),
    ]


def test_a_letters_unpriced_items_counted_in_plates_and_a_footers_capital_names_no_currency():
    rows = [
        ["Désignation", "Quantité"],
        ["Plaques caoutchouc pour talons noir 6 mm (500 x 500)", "6 plaques"],
        ["Plaques semelles Commando noir 6 mm", "4 plaques"],
        ["Croupon cuir à semelle", "5 kg"],
    ]
    items = [(50, 60, "Madame, Monsieur,"), *table([53, 330], 100, rows)]
    items.append((180, 790, "SARL au capital de 8 000 € - SIRET 412 345 678 00019"))
    order = extract_from_layout(read_pdf(pdf([items])))
    assert [(ln.quantity, ln.unit) for ln in order.lines] == [
        (Decimal(6), "EA"),
        (Decimal(4), "EA"),
        (Decimal(5), "KG"),
    ]
    assert order.currency is None or order.currency.value is None
