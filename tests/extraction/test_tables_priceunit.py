"""Price units ("PE", "per 1,000 PC") and SAP / Ariba / fixed-width order tables."""

import io
from decimal import Decimal

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

from ingestion.extraction import extract_from_layout
from ingestion.extraction.tables import classify_header
from ingestion.reading import read_pdf
from tests.extraction.docs import pdf


def _fixed_width(pages: list[list[str]], *, font_size: float = 7.6) -> bytes:
    """Pages of lines printed in Courier, one string per line (a fixed-width SAP print)."""
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=A4)
    _width, height = A4
    for lines in pages:
        c.setFont("Courier", font_size)
        for n, text in enumerate(lines):
            c.drawString(45, height - 60 - n * 11, text)
        c.showPage()
    c.save()
    return buffer.getvalue()


def _numbers(order):
    return [(ln.quantity, ln.unit_price, ln.price_unit, ln.line_total) for ln in order.lines]


# SAP's German order print: "Preis PE" titles close together, the price and "1 PAK" in one
# cell under them, a wide "Bestellmenge" title the description runs under
SAP_X = {
    "pos": 57,
    "mat": 85,
    "desc": 137,
    "qty_title": 353,
    "unit": 411,
    "price": 447,
    "pe": 471,
    "total": 516,
}


def _sap_page(items: list[tuple[str, str, str, str, str, str, str, str]]):
    x = SAP_X
    page = [
        (57, 60, "Bestellung 4500000001 vom 08.01.2026"),
        (x["pos"], 100, "Pos."),
        (x["mat"], 100, "Material"),
        (x["desc"], 100, "Bezeichnung"),
        (x["qty_title"], 100, "Bestellmenge"),
        (x["unit"], 100, "ME"),
        (x["price"], 100, "Preis"),
        (x["pe"], 100, "PE"),
        (x["total"], 100, "Nettowert"),
    ]
    top = 116
    for pos, mat, desc, qty, unit, price, per, total in items:
        page += [
            (x["pos"], top, pos),
            (x["mat"], top, mat),
            (x["desc"], top, desc),
            (405 - 4.1 * len(qty), top, qty),
            (x["unit"], top, unit),
            (467 - 4.6 * len(price), top, price),
            (x["pe"], top, per),
            (553 - 4.6 * len(total), top, total),
            (x["desc"], top + 10, "Liefertermin: Tag 29.01.2026"),
        ]
        top += 26
    page.append((57, top + 10, "Gesamtnettowert ohne Mwst EUR     1.234,00"))
    return page


def test_a_sap_price_and_its_price_unit_in_one_cell_are_both_read():
    items = [
        (
            "00010",
            "10049086",
            "HEPA-FILTER H14, 610 X 610 MM",
            "4",
            "ST",
            "276,44",
            "1 ST",
            "1.105,76",
        ),
        (
            "00020",
            "10049533",
            "PETRISCHALEN 55 MM, STERIL",
            "5.000",
            "ST",
            "6,71",
            "100 ST",
            "335,50",
        ),
        ("00030", "10041919", "PIPETTEN 10 ML, STERIL", "1.000", "ST", "20,63", "100 ST", "206,30"),
    ]
    order = extract_from_layout(read_pdf(pdf([_sap_page(items)])))
    assert _numbers(order) == [
        (Decimal("4"), Decimal("276.44"), None, Decimal("1105.76")),
        (Decimal("5000"), Decimal("6.71"), Decimal("100"), Decimal("335.50")),
        (Decimal("1000"), Decimal("20.63"), Decimal("100"), Decimal("206.30")),
    ]
    assert [ln.customer_sku for ln in order.lines] == ["10049086", "10049533", "10041919"]


def test_a_description_running_under_a_wide_quantity_title_keeps_its_words():
    items = [
        # "4 ST" of the description sits under "Bestellmenge"; the quantity is "5 PAK"
        (
            "00010",
            "10049086",
            "KLEBEMATTEN 60 X 115 CM, 30 LAGEN, 4 ST",
            "5",
            "PAK",
            "59,57",
            "1 PAK",
            "297,85",
        ),
        # a percentage of the description runs into the quantity "1,000 KG"
        (
            "00020",
            "10049968",
            "NATRIUMHYDROXID PLAETZCHEN MIND. 98 %",
            "1,000",
            "KG",
            "23,23",
            "1 KG",
            "23,23",
        ),
        (
            "00030",
            "10045010",
            "HEPA-FILTER H14, 610 X 610 MM",
            "4",
            "ST",
            "276,44",
            "1 ST",
            "1.105,76",
        ),
    ]
    page = _sap_page(items)
    # the description's last words reach under the quantity title (x 353..405), ending a
    # few points left of the quantity
    page = [
        (379 - stringWidth(t, "Helvetica", 9), y, t)
        if t.startswith(("KLEBE", "NATRIUM"))
        else (x, y, t)
        for x, y, t in page
    ]
    order = extract_from_layout(read_pdf(pdf([page])))
    assert _numbers(order) == [
        (Decimal("5"), Decimal("59.57"), None, Decimal("297.85")),
        (Decimal("1"), Decimal("23.23"), None, Decimal("23.23")),
        (Decimal("4"), Decimal("276.44"), None, Decimal("1105.76")),
    ]
    assert "4 ST" in order.lines[0].description
    assert order.lines[1].description.startswith("NATRIUMHYDROXID")


FIXED_HEADER = [
    "HELVION BIOTECH AG                                    PURCHASE ORDER",
    "PO number  4510000001                                 Date 21.10.2025",
    "Currency: CHF",
    "Item  Material   Description                          Quantity UoM        Price  per           Net value",
    "--------------------------------------------------------------------------------------------------------",
]


def test_a_fixed_width_print_with_a_price_per_1000_pieces():
    lines = [
        *FIXED_HEADER,
        "00010 300009968 CRYOGENIC VIALS 2 ML, EXTERNAL          1,000 PC         26.01  100 PC            260.10",
        "THREAD, STERILE",
        "Your material no.: TB-CRY2",
        "00020 300001958 PCR PLATES 96-WELL, FULL SKIRT,            20 BOX        40.50  1 BOX             810.00",
        "BOX OF 10",
        "Your material no.: TB-PCR96",
        "00030 300009409 MICROCENTRIFUGE TUBES 2.0 ML, PP,      10,000 PC         27.75  1,000 PC          277.50",
        "NATURAL",
        "Your material no.: TB-MC20",
        "--------------------------------------------------------------------------------------------------------",
        "Total net value excl. VAT        CHF                    1,347.60",
    ]
    order = extract_from_layout(read_pdf(_fixed_width([lines])))
    assert _numbers(order) == [
        (Decimal("1000"), Decimal("26.01"), Decimal("100"), Decimal("260.10")),
        (Decimal("20"), Decimal("40.50"), None, Decimal("810.00")),
        (Decimal("10000"), Decimal("27.75"), Decimal("1000"), Decimal("277.50")),
    ]
    # the material number starts under its title, one space after the item number
    assert [ln.customer_sku for ln in order.lines] == ["300009968", "300001958", "300009409"]
    # the rule under the titles is no text of the first item; each item keeps its own text
    assert order.lines[0].description.startswith("CRYOGENIC VIALS")
    assert "TB-CRY2" in order.lines[0].description
    assert "TB-PCR96" in order.lines[1].description
    assert "TB-CRY2" not in order.lines[1].description


def _ariba_page(items, *, detail: list[str]):
    page = [
        (36, 60, "Bestellung                     4300000001"),
        (36, 100, "Zeile"),
        (68, 100, "Teilenummer"),
        (146, 100, "Beschreibung"),
        (338, 100, "Menge"),
        (378, 100, "Benötigt bis"),
        (476, 100, "Preis"),
        (510, 100, "Nebensumme"),
    ]
    top = 116
    for no, code, desc, qty, price, total in items:
        page += [
            (36, top, no),
            (68, top, code),
            (146, top, desc),
            (338, top, qty),
            (378, top, "27 Nov 2025"),
            (500 - 4.4 * len(price), top, price),
            (560 - 4.4 * len(total), top, total),
        ]
        for n, text in enumerate(detail, start=1):
            page.append((68, top + 10 * n, text))
        top += 12 + 10 * len(detail)
    page.append((36, top + 10, "Zwischensumme:   394.70 CHF"))
    return page


def test_item_details_that_read_as_block_labels_do_not_end_the_table():
    items = [
        ("10", "CR-SLV", "Ärmelschoner PE, 100 Stk.", "10 (PK)", "8.56 CHF", "85.60 CHF"),
        (
            "20",
            "WP-IPA-70",
            "Getränkte Tücher 70 % IPA, ISO 5",
            "10 (PK)",
            "22.53 CHF",
            "225.30 CHF",
        ),
        ("30", "CH-H2O2-3", "Wasserstoffperoxid 3 %, steril", "10 (LTR)", "8.38 CHF", "83.80 CHF"),
    ]
    detail = ["Typ: Material", "Käufer-Teilenummer: MX-109190", "Lieferadresse: Visp"]
    order = extract_from_layout(read_pdf(pdf([_ariba_page(items, detail=detail)])))
    assert [ln.customer_sku for ln in order.lines] == ["CR-SLV", "WP-IPA-70", "CH-H2O2-3"]
    assert [ln.line_total for ln in order.lines] == [
        Decimal("85.60"),
        Decimal("225.30"),
        Decimal("83.80"),
    ]
    # "70 % IPA" in the description is no discount
    assert [ln.discount for ln in order.lines] == [None, None, None]


def test_a_wrapped_description_starting_with_a_charge_word_does_not_end_the_table():
    x = [43, 300, 418, 460, 515]
    page = [
        (43, 60, "Bon de commande n°P00289"),
        (x[0], 100, "Description"),
        (x[1], 100, "Date prévue"),
        (x[2], 100, "Qté"),
        (x[3], 100, "Prix unitaire"),
        (x[4], 100, "Montant"),
    ]
    rows = [
        (
            "[BM-2033] Pipettes sérologiques 10 ml",
            "10,00",
            "0,2046 €",
            "2,05 €",
            "emballage individuel",
        ),
        ("[LB-AUTOBAG] Sacs autoclavables", "6,00", "40,42 €", "242,52 €", "paquet de 100"),
        ("[CH-NACL] Chlorure de sodium 99,5 %", "25,00", "17,32 €", "433,00 €", "Eur."),
    ]
    top = 116
    for desc, qty, price, total, wrap in rows:
        page += [
            (x[0], top, desc),
            (x[1], top, "18/02/2026"),
            (x[2], top, qty),
            (x[3], top, price),
            (x[4], top, total),
            (x[0], top + 10, wrap),
        ]
        top += 24
    page.append((340, top + 10, "Montant HT      677,57 €"))
    order = extract_from_layout(read_pdf(pdf([page])))
    assert [ln.quantity for ln in order.lines] == [Decimal("10"), Decimal("6"), Decimal("25")]


def test_letterhead_numbers_above_the_repeated_titles_of_page_two_are_no_item():
    titles = [
        (36, 0, "Line"),
        (66, 0, "Part Number / Description"),
        (330, 0, "Quantity"),
        (390, 0, "UOM"),
        (430, 0, "Unit Price"),
        (510, 0, "Amount"),
    ]

    def page(top_items, numbers, total=None):
        out = [(36, 40, "CASCADE GENOMICS INC.")]
        # the letterhead: PO number, revision, page, right above the titles
        out.append((36, 70, "United States"))
        out += [(330, 70, "208314"), (420, 70, "0"), (490, 70, "2 of 2")]
        out += [(x, 90, t) for x, _y, t in titles]
        y = 106
        for no, code, qty, unit, price, amount in numbers:
            out += [
                (36, y, no),
                (66, y, code),
                (350, y, qty),
                (390, y, unit),
                (440, y, price),
                (510, y, amount),
                (66, y + 10, top_items),
            ]
            y += 26
        if total:
            out.append((420, y + 10, total))
        return out

    order = extract_from_layout(
        read_pdf(
            pdf(
                [
                    page("Nitrile gloves", [("1", "CG-LAB-04218", "25", "Box", "7.16", "179.00")]),
                    page(
                        "Pipette tips",
                        [("2", "CG-LAB-03879", "5", "Box", "26.36", "131.80")],
                        total="Total:   310.80",
                    ),
                ]
            )
        )
    )
    assert [(ln.customer_sku, ln.quantity) for ln in order.lines] == [
        ("CG-LAB-04218", Decimal("25")),
        ("CG-LAB-03879", Decimal("5")),
    ]


def test_ariba_titles_of_the_line_amount_and_the_need_by_date():
    assert classify_header("Nebensumme") == "line_total"
    assert classify_header("Benötigt bis") == "date"


def test_a_percentage_in_the_description_is_no_discount_when_the_numbers_are_refitted():
    x = [40, 80, 150, 340, 420, 500]
    page = [(40, 60, "Bestellung 4711")]
    page += [
        (xx, 100, t)
        for xx, t in zip(
            x, ["Pos", "Artikel", "Bezeichnung", "Menge", "Preis", "Xqzv"], strict=True
        )
    ]
    rows = [
        ("1", "WP-IPA-70", "Getränkte Tücher 70 % IPA, Dose", "10", "22,53", "225,30"),
        ("2", "CH-ETH-96", "Ethanol 96 %, vergällt", "20", "3,71", "74,20"),
    ]
    for n, (no, code, desc, qty, price, total) in enumerate(rows):
        y = 116 + 14 * n
        page += [(x[0], y, no), (x[1], y, code), (x[2], y, desc), (x[3], y, qty)]
        page += [(x[4], y, price), (x[5], y, total)]
    order = extract_from_layout(read_pdf(pdf([page])))
    assert [(ln.quantity, ln.unit_price, ln.discount) for ln in order.lines] == [
        (Decimal("10"), Decimal("22.53"), None),
        (Decimal("20"), Decimal("3.71"), None),
    ]


def test_a_preiseinh_column_and_a_net_price_rounded_to_cents_unless_the_amount_says_otherwise():
    x = [40, 80, 150, 300, 340, 390, 440, 490]
    titles = ["Pos.", "Artikel", "Beschreibung", "Menge", "Einh.", "Preis", "Preiseinh.", "Betrag"]
    page = [(40, 60, "Einkaufsauftrag EK100001")]
    page += [(xx, 100, t) for xx, t in zip(x, titles, strict=True)]
    page += [(530, 100, "Rabatt %")]
    rows = [
        (
            "10",
            "WD.082.9588",
            "Reaktionsgefäße 1,5 ml",
            "20.000",
            "Stk",
            "25,97",
            "1000 Stk",
            "",
            "519,40",
        ),
        ("20", "WD.072.1430", "Tris mind. 99,8 %", "1", "kg", "149,54", "1 kg", "10,00", "134,59"),
        (
            "30",
            "WD.002.5143",
            "Spritzenfilter PES 0,22",
            "10",
            "Pck",
            "58,96",
            "1 Pck",
            "12,00",
            "518,85",
        ),
    ]
    for n, (*cells, disc, total) in enumerate(rows):
        y = 116 + 14 * n
        page += [(xx, y, t) for xx, t in zip(x, cells, strict=False)]
        page += [(530, y, disc), (x[7], y, total)] if disc else [(x[7], y, total)]
    order = extract_from_layout(read_pdf(pdf([page])))
    assert _numbers(order) == [
        (Decimal("20000"), Decimal("25.97"), Decimal("1000"), Decimal("519.40")),
        # 149,54 less 10 % is 134,586, and one of it costs 134,59: the price in cents
        (Decimal("1"), Decimal("134.59"), None, Decimal("134.59")),
        # 58,96 less 12 % is 51,8848: ten at 51,88 would be 518,80, the amount is ten of the
        # price unrounded
        (Decimal("10"), Decimal("51.8848"), None, Decimal("518.85")),
    ]


def test_a_sentence_with_a_number_below_the_terms_does_not_carry_the_table_on():
    items = [
        (
            "00010",
            "10045010",
            "HEPA-FILTER H14, 610 X 610 MM",
            "4",
            "ST",
            "276,44",
            "1 ST",
            "1.105,76",
        ),
    ]
    page = [cell for cell in _sap_page(items) if not cell[2].startswith("Gesamtnettowert")]
    page += [
        (57, 170, "Zahlungsbedingungen: innerhalb 14 Tagen 3 % Skonto, innerhalb 45 Tagen netto."),
        (137, 180, "werden nicht Vertragsbestandteil. Bitte innerhalb von"),
        (398, 180, "3 Werktagen."),
    ]
    order = extract_from_layout(read_pdf(pdf([page])))
    assert _numbers(order) == [(Decimal("4"), Decimal("276.44"), None, Decimal("1105.76"))]


def test_a_hyphenated_title_over_two_rows_and_prices_for_one_unit_written_after_a_slash():
    # a hospital's SAP print: "Bestell- / menge", "59,00/1 KAR", "7,30/1PAK"
    items = [
        (40, 100, "Pos."),
        (80, 100, "Material"),
        (150, 100, "Bezeichnung"),
        (370, 100, "Bestell-"),
        (430, 100, "Preis pro"),
        (510, 100, "Nettowert"),
        (372, 110, "menge"),
        (436, 110, "Einheit"),
        (40, 130, "00010"),
        (80, 130, "10767581"),
        (150, 130, "NITRIL-HANDSCHUHE PUDERFREI"),
        (370, 130, "5,000 KAR"),
        (425, 130, "59,00/1 KAR"),
        (515, 130, "295,00"),
        (40, 150, "00020"),
        (80, 150, "10295626"),
        (150, 150, "EINMALSPRITZE 10 ML"),
        (370, 150, "20,000 PAK"),
        (425, 150, "7,30/1PAK"),
        (515, 150, "146,00"),
        (150, 175, "Gesamtnettowert ohne Mwst."),
        (500, 175, "EUR 441,00"),
    ]
    order = extract_from_layout(read_pdf(pdf([[(40, 40, "Bestellung 4500018734"), *items]])))
    assert [(ln.customer_sku, ln.quantity, ln.unit_price) for ln in order.lines] == [
        ("10767581", Decimal("5"), Decimal("59.00")),
        ("10295626", Decimal("20"), Decimal("7.30")),
    ]


def test_a_price_column_beside_a_pro_column_is_per_so_many_units():
    items = [
        (40, 100, "Pos."),
        (80, 100, "Material"),
        (150, 100, "Bezeichnung"),
        (330, 100, "Menge"),
        (380, 100, "ME"),
        (420, 100, "Preis"),
        (470, 100, "pro"),
        (520, 100, "Nettowert"),
        (40, 120, "50"),
        (80, 120, "10542117"),
        (150, 120, "MEHRSCHICHT-PRESS-T-STÜCK 16"),
        (330, 120, "30,000"),
        (380, 120, "ST"),
        (420, 120, "5,90"),
        (470, 120, "1 ST"),
        (520, 120, "177,00"),
        (40, 140, "60"),
        (80, 140, "10831595"),
        (150, 140, "KUPFER-PRESS-T-STÜCK 22 MM"),
        (330, 140, "40,000"),
        (380, 140, "ST"),
        (420, 140, "745,00"),
        (470, 140, "100 ST"),
        (520, 140, "298,00"),
    ]
    order = extract_from_layout(read_pdf(pdf([[(40, 40, "Bestellung 4500019104"), *items]])))
    assert [(ln.quantity, ln.unit_price, ln.price_unit) for ln in order.lines] == [
        (Decimal("30"), Decimal("5.90"), None),
        (Decimal("40"), Decimal("745.00"), Decimal("100")),
    ]


def test_sap_in_french_a_price_per_100_metres_under_prix_unitaire_and_valeur_nette():
    """ "152,00 / 100 M" under "Prix unitaire", the amount under "Valeur nette"."""
    x = [40, 80, 140, 330, 380, 410, 500]
    rows = [
        ["Pos.", "Article", "Désignation", "Quantité", "UQ", "Prix unitaire", "Valeur nette"],
        [
            "00010",
            "10020145",
            "Câble R2V U-1000 3G2,5 mm² noir",
            "500,000",
            "M",
            "152,00 / 100 M",
            "760,00",
        ],
        ["00030", "10031007", "Disjoncteur modulaire 3P+N 20A", "8,000", "PCE", "58,00", "464,00"],
    ]
    cells = [(x[k], 100 + 14 * r, text) for r, row in enumerate(rows) for k, text in enumerate(row)]
    order = extract_from_layout(
        read_pdf(pdf([[(40, 40, "Commande 4500218837"), *cells]], font_size=8))
    )
    assert _numbers(order) == [
        (Decimal("500.000"), Decimal("152.00"), Decimal("100"), Decimal("760.00")),
        (Decimal("8.000"), Decimal("58.00"), None, Decimal("464.00")),
    ]
    assert classify_header("Valeur nette") == "line_total"


def test_a_price_per_fifty_pieces_in_the_price_units_own_column():
    page = [
        (40, 40, "Commande d'achat 4700006631"),
        (40, 100, "Poste"),
        (80, 100, "Désignation"),
        (330, 100, "Quantité UQ"),
        (400, 100, "Prix"),
        (440, 100, "Par"),
        (500, 100, "Valeur nette"),
        (40, 120, "00010"),
        (80, 120, "Seringue 2 ml Luer Lock"),
        (330, 120, "1 000 PCE"),
        (400, 120, "7,90"),
        (440, 120, "100 PCE"),
        (500, 120, "79,00"),
        (40, 140, "00020"),
        (80, 140, "Seringue 20 ml Luer excentré"),
        (330, 140, "500 PCE"),
        (400, 140, "14,20"),
        (440, 140, "50 PCE"),
        (500, 140, "142,00"),
    ]
    order = extract_from_layout(read_pdf(pdf([page])))
    assert _numbers(order) == [
        (Decimal(1000), Decimal("7.90"), Decimal(100), Decimal("79.00")),
        (Decimal(500), Decimal("14.20"), Decimal(50), Decimal("142.00")),
    ]


def test_a_price_per_hundred_kilos_written_in_the_price_cell():
    page = [
        (40, 40, "Bestellung 4500012401"),
        (40, 100, "Pos."),
        (80, 100, "Bezeichnung"),
        (300, 100, "Bestellmenge ME"),
        (400, 100, "Preis pro Einheit"),
        (520, 100, "Nettowert"),
        (40, 120, "00010"),
        (80, 120, "Weizenmehl Type 550"),
        (300, 120, "1.500,000 KG"),
        (400, 120, "62,00 EUR / 100 KG"),
        (520, 120, "930,00"),
        (40, 140, "00060"),
        (80, 140, "Dinkel-Vollkornmehl 25 kg"),
        (300, 140, "4,000 SA"),
        (400, 140, "26,50 EUR / SA"),
        (520, 140, "106,00"),
    ]
    order = extract_from_layout(read_pdf(pdf([page])))
    assert _numbers(order) == [
        (Decimal("1500.000"), Decimal("62.00"), Decimal(100), Decimal("930.00")),
        (Decimal("4.000"), Decimal("26.50"), None, Decimal("106.00")),
    ]


def test_a_price_titled_per_thousand_pieces():
    page = [
        (40, 40, "Bon de commande BC-26-04562"),
        (40, 100, "Réf. interne"),
        (120, 100, "Désignation"),
        (330, 100, "Qté"),
        (380, 100, "Un."),
        (420, 100, "Prix / 1000"),
        (500, 100, "Montant HT"),
        (40, 120, "AMF-VIS-0230"),
        (120, 120, "Vis H M10x40 8.8 zinguée DIN 933"),
        (330, 120, "1 000"),
        (380, 120, "pce"),
        (420, 120, "176,00"),
        (500, 120, "176,00"),
        (40, 140, "AMF-RON-0010"),
        (120, 140, "Rondelle Grower M10 zinguée"),
        (330, 140, "2 500"),
        (380, 140, "pce"),
        (420, 140, "19,60"),
        (500, 140, "49,00"),
    ]
    order = extract_from_layout(read_pdf(pdf([page])))
    assert _numbers(order) == [
        (Decimal(1000), Decimal("176.00"), Decimal(1000), Decimal("176.00")),
        (Decimal(2500), Decimal("19.60"), Decimal(1000), Decimal("49.00")),
    ]
