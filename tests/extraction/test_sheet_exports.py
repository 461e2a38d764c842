"""Spreadsheet orders as ERPs and customers' own templates export them."""

import datetime as dt
from decimal import Decimal

import pytest

from ingestion.extraction import extract_from_sheet
from ingestion.extraction.tables import classify_header
from ingestion.extraction.totals import total_printed


@pytest.mark.parametrize(
    ("title", "role"),
    [
        ("Direct Unit Cost Excl. VAT", "unit_price"),
        # a French hospital ERP's short names
        ("LIB_ARTICLE", "description"),
        ("MT_HT", "line_total"),
        ("UC", "unit"),
        ("DATE_LIV", "date"),
        # a fax's specks before a title
        ("‘EAN", "gtin"),
        ("‚Total", "line_total"),
        ("Unit Cost (LCY)", "unit_price"),
        ("Cost £", "unit_price"),
        # a price per the pack it is for, no path of an export's field
        ("PU HT (€/colis)", "unit_price"),
        ("Einzelpreis (CHF)", "unit_price"),
        ("Preis CHF", "unit_price"),
        ("Contract price EUR", "unit_price"),
        ("Line Amount Excl. VAT", "line_total"),
        ("Betrag in EUR", "line_total"),
        ("Line Value £", "line_total"),
        ("Amount Including VAT", "ignore"),
        ("Montant TTC", "ignore"),
        ("Unit of Measure Code", "unit"),
        ("Expected Receipt Date", "date"),
        ("Lief.-Dat.", "date"),
        ("Lieferdat.", "date"),
        ("Qty Req'd", "quantity"),
        ("Qté cdée", "quantity"),
        # the price of what is counted, not an export's path of field names
        ("Price/pack", "unit_price"),
        ("Price/kg (EUR)", "unit_price"),
        ("EK (€)", "unit_price"),
        ("How many", "quantity"),
        ("Kgs", "quantity"),
        # an ERP export's material numbers, the vendor's and the buyer's
        ("VENDOR_MAT", "sku"),
        ("BUYER_MAT", "customer_sku"),
        ("Quantity Received", None),
        ("Net Weight", "ignore"),
        # packs counted and priced by the pack, beside the pack's size
        ("Anzahl Gebinde", "quantity"),
        ("Preis/Gebinde €", "unit_price"),
        ("Nb colis", "quantity"),
        ("No. of cases", "quantity"),
        ("PA HT colis", "unit_price"),
        ("PCB", "pack_size"),
        ("Réf. SP", "code"),
        ("Stk/Pkg", "pack_size"),
        ("Anz. Pkg", "quantity"),
        ("Preis/Pkg lt. Katalog", "unit_price"),
        ("Art.Nr. Pramberger", "code"),
        ("Was", "description"),
        ("Line Discount %", "discount"),
        ("PO Quantity", "quantity"),
        ("ORD_QTY", "quantity"),  # an ERP's flat export
        ("Ord. Qty", "quantity"),
        ("Cost each", "unit_price"),
        ("Aantal", "quantity"),
        ("Eenheidsprijs", "unit_price"),
        ("Bedrag", "line_total"),
        ("Art.-Nr. Lieferant", "sku"),
        ("Kurztext", "description"),
        ("Bestellmengeneinheit", "unit"),
        ("Nettobestellwert", "line_total"),
        ("Lieferanten-Materialnummer", "sku"),
        ("Vendor", "ignore"),  # the company, not its part number
        ("Supplier item", "sku"),
        ("Supplier ref,", "sku"),
        ("Qty this week", "quantity"),  # a weekly standing order
        ("Livr.", "date"),
        ("Pack size (rolls/pcs)", "pack_size"),
        ("VE-Inhalt", "pack_size"),
        ("Price per roll/pc EUR", "unit_price"),
        ("Prix HT par colis", "unit_price"),
        ("Order Lines/Quantity", "quantity"),
        # a web shop's basket: the price with tax beside the one without
        ("Unit Price (inc VAT)", "ignore"),
        ("Line Total (incl. VAT)", "ignore"),
        ("Unit Price (ex VAT)", "unit_price"),
        ("Date livraison souhaitée", "date"),
        ("Expected Arrival", "date"),  # Odoo's purchase order lines
        # the week an item is wanted
        ("Liefer-KW", "date"),
        ("Termin KW", "date"),
        ("Semaine livr.", "date"),
        ("Delivery wk", "date"),
        ("Due", "date"),
        ("Lieferung", "date"),
        ("Délai de livraison", "date"),
        ("Buying Unit", "unit"),  # Sage's: "CASE/50"
        ("Purchase unit", "unit"),
        ("no. off", "quantity"),  # a British joiner's "no. off | £ each | £"
        ("£ each", "unit_price"),
        ("£", "line_total"),
        ("Ote", "quantity"),  # a fax's "Qté" as tesseract reads it
        ("netMontant", "line_total"),  # "PU net" run into "Montant"
    ],
)
def test_titles_are_read_by_their_core_whatever_qualifies_them(title, role):
    assert classify_header(title) == role


def test_an_erp_export_with_qualified_titles_and_codes_under_no():
    rows = [
        ["Purchase Order", "PO-77120"],
        ["Order Date", "03.11.2026"],
        [],
        [
            "Type",
            "No.",
            "Description",
            "Quantity",
            "Unit of Measure Code",
            "Direct Unit Cost Excl. VAT",
            "Line Amount Excl. VAT",
            "Expected Receipt Date",
        ],
        ["Item", "KX-2231-B", "Ventil DN 20", "8", "STK", "12,35", "98,80", "20.11.2026"],
        ["Item", "KX-4410", "Dichtung 20 mm, Beutel", "25", "BTL", "1,90", "47,50", "20.11.2026"],
        ["Comment", "", "Bitte avisieren"],
    ]
    order = extract_from_sheet(rows)
    got = [(ln.customer_sku, ln.quantity, ln.unit_price, ln.line_total) for ln in order.lines]
    assert got == [
        ("KX-2231-B", Decimal("8"), Decimal("12.35"), Decimal("98.80")),
        ("KX-4410", Decimal("25"), Decimal("1.90"), Decimal("47.50")),
    ]
    assert order.lines[1].description == "Dichtung 20 mm, Beutel"
    assert order.requested_delivery_date.value == dt.date(2026, 11, 20)


def test_the_net_price_beside_a_gross_price_and_a_discount_is_the_unit_price():
    rows = [
        ["Art.-Nr. Kunde", "Art.-Nr. Lieferant", "Bezeichnung", "Menge", "Preis CHF"]
        + ["Rabatt %", "Netto CHF", "Betrag CHF"],
        ["K-118", "ZX-M8X30", "Schraube M8 x 30", "20", "18.70", "5", "17.77", "355.40"],
        ["K-119", "ZX-M6-NUT", "Mutter M6", "30", "6.60", "5", "6.27", "188.10"],
    ]
    order = extract_from_sheet(rows)
    got = [(ln.sku, ln.customer_sku, ln.unit_price) for ln in order.lines]
    assert got == [
        ("ZX-M8X30", "K-118", Decimal("17.77")),
        ("ZX-M6-NUT", "K-119", Decimal("6.27")),
    ]
    assert all(ln.rule.endswith("+arithmetic") for ln in order.lines)


def test_net_alone_after_a_discount_and_no_amount_is_the_line_amount():
    rows = [
        ["Artikel", "Bezeichnung", "Menge", "Preis", "Rabatt %", "Netto"],
        ["W-310", "Winkel 40 x 40", "10", "4,20", "10", "37,80"],
    ]
    (line,) = extract_from_sheet(rows).lines
    assert (line.unit_price, line.line_total) == (Decimal("3.78"), Decimal("37.80"))


def test_line_last_after_the_price_each_is_the_line_amount():
    rows = [
        ["Order No: TVAT-PO-004530"],
        ["Qty", "Item", "Code", "Cost each", "Line"],
        ["10", "Exercise books A4 8mm margin blue (50)", "EB-A4-8MM", "17.9", "179"],
        ["6", "Handwriting books A5 15mm (100)", "HWB-A5-15", "21.6", "129.6"],
        ["", "", "", "Total", "308.6"],
    ]
    order = extract_from_sheet(rows)
    got = [(ln.customer_sku, ln.quantity, ln.unit_price, ln.line_total) for ln in order.lines]
    assert got == [
        ("EB-A4-8MM", Decimal("10"), Decimal("17.9"), Decimal("179")),
        ("HWB-A5-15", Decimal("6"), Decimal("21.6"), Decimal("129.6")),
    ]
    assert order.total.value == Decimal("308.6")


def test_a_column_of_the_customers_numbers_under_a_title_of_its_own():
    rows = [
        ["Order No:", "77-00412"],
        ["Stores No.", "Description", "Qty Req'd", "Unit", "Unit Price £", "Line Value £"],
        ["6120", "Ear defenders, folding", "12", "each", "9.40", "112.80"],
        ["6133", "Dust mask FFP3 (box of 10)", "4", "box", "21.15", "84.60"],
        ["XR-88-K", "Eye wash station", "1", "each", "48.00", "48.00"],
    ]
    order = extract_from_sheet(rows)
    got = [(ln.customer_sku, ln.quantity, ln.unit_price) for ln in order.lines]
    assert got == [
        ("6120", Decimal("12"), Decimal("9.40")),
        ("6133", Decimal("4"), Decimal("21.15")),
        ("XR-88-K", Decimal("1"), Decimal("48.00")),
    ]


def test_an_order_form_orders_only_the_rows_with_a_quantity():
    rows = [
        ["Item", "Description", "Unit", "Contract price EUR", "Pack info", "Order qty"]
        + ["Amount EUR"],
        ["QT-100", "Hook, small", "EA", "1.10", "", "", ""],
        ["QT-110", "Hook, large", "EA", "1.45", "", "40", "58.00"],
        ["QT-120", "Rail 1 m", "EA", "7.80", "", "", ""],
        ["QT-130", "Rail 2 m", "EA", "12.30", "", "", ""],
        ["QT-140", "End cap", "EA", "0.60", "10 pcs/bag", "0", "0.00"],
        ["QT-150", "Bracket", "EA", "2.70", "", "", ""],
        ["QT-160", "Screw set", "BAG", "3.95", "", "6", "23.70"],
        ["QT-170", "Anchor set", "BAG", "4.20", "", "", ""],
    ]
    lines = extract_from_sheet(rows).lines
    assert [(ln.customer_sku, ln.quantity, ln.codes) for ln in lines] == [
        ("QT-110", Decimal("40"), ("QT-110",)),
        ("QT-160", Decimal("6"), ("QT-160",)),
    ]
    assert [ln.description for ln in lines] == ["Hook, large", "Screw set"]


def test_a_count_of_parcels_below_the_items_is_no_item():
    rows = [
        ["Artikel / Article", "Omschrijving / Désignation", "Aantal / Quantité"]
        + ["Eenheid / Unité"],
        ["BX-12", "Doos 40 x 30 cm", "50", "st / pièce"],
        ["BX-14", "Doos 60 x 40 cm", "30", "st / pièce"],
        ["Nombre total de colis:", "", "80"],
    ]
    lines = extract_from_sheet(rows).lines
    assert [(ln.customer_sku, ln.quantity) for ln in lines] == [
        ("BX-12", Decimal("50")),
        ("BX-14", Decimal("30")),
    ]


def test_bilingual_titles_in_cells_side_by_side_are_read_one_cell_each():
    rows = [
        ["Artikel / Article", "Art. leverancier / Réf. fournisseur"]
        + ["Omschrijving / Désignation", "Aantal / Quantité", "Eenheid / Unité"],
        ["BX-12", "", "Doos 40 x 30 cm", "50", "st / pièce"],
        ["", "ZK-3040", "Doos 30 x 40 cm", "20", "st / pièce"],
    ]
    lines = extract_from_sheet(rows).lines
    assert [(ln.customer_sku, ln.sku, ln.quantity) for ln in lines] == [
        ("BX-12", None, Decimal("50")),
        (None, "ZK-3040", Decimal("20")),
    ]


def test_a_note_below_the_last_item_of_a_sheet_is_not_its_description():
    rows = [
        ["Code", "Description", "Qty", "Price", "Amount"],
        ["PB-01", "Paper bags, brown, kraft, with twisted handles", "4", "21.00", "84.00"],
        ["PB-02", "Paper bags, white, printed with our logo", "2", "35.50", "71.00"],
        ["", "Please call the warehouse before you deliver"],
    ]
    lines = extract_from_sheet(rows).lines
    assert [ln.description for ln in lines] == [
        "Paper bags, brown, kraft, with twisted handles",
        "Paper bags, white, printed with our logo",
    ]


def test_long_codes_under_a_short_title_stay_in_their_cell():
    rows = [
        ["Code", "Libellé", "Qté", "Unité"],
        ["ABS-GR-20", "Absorbant granulés (sacs de 20 kg)", "300", "kg"],
        ["TP-DUCT50-SLV", "Ruban toilé 50 mm x 50 m, gris argent", "36", "rol"],
    ]
    lines = extract_from_sheet(rows).lines
    assert [(ln.customer_sku, ln.description, ln.quantity) for ln in lines] == [
        ("ABS-GR-20", "Absorbant granulés (sacs de 20 kg)", Decimal("300")),
        ("TP-DUCT50-SLV", "Ruban toilé 50 mm x 50 m, gris argent", Decimal("36")),
    ]


def test_a_column_of_long_texts_under_a_title_not_known_is_the_description():
    rows = [
        ["Material", "Benennung", "Menge", "Nettopreis", "Wert"],
        ["100045871", "Stretchfolie 23 µm 500 mm x 1500 m", "96", "29,93", "2873,28"],
        ["100047110", "Packband PP 50 mm x 66 m, braun", "432", "1,85", "799,20"],
    ]
    lines = extract_from_sheet(rows).lines
    assert [(ln.customer_sku, ln.description) for ln in lines] == [
        ("100045871", "Stretchfolie 23 µm 500 mm x 1500 m"),
        ("100047110", "Packband PP 50 mm x 66 m, braun"),
    ]


def test_a_date_without_its_year_does_not_take_a_number_from_the_next_cell():
    rows = [
        ["PO No.", "KP-7821", "Invoice to:", "Deliver to:"],
        ["Date", "03/12/2026", "Kestrel Print Finishing Ltd", "Kestrel Print Finishing Ltd"],
        ["Required", "Mon 14 Dec", "28 Canal Wharf", "Unit 12, Calder Park"],
        ["", "", "Leeds LS11 5PS", "Wakefield WF2 7AA"],
        [],
        ["Part No", "Description", "Qty", "Price"],
        ["KPF/119", "A4 postal boxes", 100, 0.52],
    ]
    order = extract_from_sheet(rows)
    assert order.requested_delivery_date.value == dt.date(2026, 12, 14)  # not 2028


def test_as_soon_as_possible_beside_the_delivery_label_is_no_date():
    rows = [
        ["Pharmalp SA\nChemin du Pré-Fleuri 6\n1228 Plan-les-Ouates", None, None, None, "COMMANDE"],
        [None, None, None, None, "N°", "PA-2026-0574"],
        [None, None, None, None, "Date", dt.datetime(2026, 11, 12)],
        [None, None, None, None, "Délai", "dès que possible"],
        ["Livraison : à notre adresse ci-dessus (réception marchandises, rampe 2)"],
        [],
        ["Pos.", "Article (fournisseur)", "Description", "Qté", "Prix CHF", "Total CHF"],
        [1, "LBL-TH-100150-500", "Étiquettes thermiques 100x150, rlx 500", 20, 4.6, 92],
        [2, "STR-MINI-100-150", "Mini film étirable 100 mm avec poignée", 24, 2.7, 64.8],
        [3, "CUT-SAFE-18", "Cutter de sécurité 18 mm", 10, 3.9, 39],
        [4, "MRK-PERM-BK", "Marqueur permanent noir", 50, 0.95, 47.5],
    ]
    order = extract_from_sheet(rows)
    assert order.requested_delivery_date is None or order.requested_delivery_date.value is None


def test_a_delivery_address_spread_over_the_cells_of_its_row():
    rows = [
        ["Sodirest Collectivités SAS"],
        ["Commande fournisseur", "CF-26-12-0012"],
        ["Date", "01/12/2026"],
        [
            "Adresse de livraison",
            "Restaurant d'entreprise Technoparc",
            "2 rue Jean Moulin",
            "38400",
            "Saint-Martin-d'Hères",
        ],
        [],
        ["Code article", "Désignation", "Unité", "Quantité", "PU HT"],
        ["SOD-1127", "Frites surgelées 9 x 9 mm", "CT", "12", "18.40"],
    ]
    order = extract_from_sheet(rows)
    assert order.po_number.value == "CF-26-12-0012"
    ship_to = order.ship_to.value
    assert (ship_to.street, ship_to.postal_code, ship_to.city) == (
        "2 rue Jean Moulin",
        "38400",
        "Saint-Martin-d'Hères",
    )


def test_a_delivery_address_as_one_key_value_row_for_each_of_its_parts():
    rows = [
        ["Document", "Purchase Order"],
        ["PO Number", "PO-0042016"],
        ["Delivery Name", "Pennine Lift Services Ltd - Leeds Branch"],
        ["Delivery Address 1", "Unit 2B, Cross Green Industrial Estate"],
        ["Delivery Address 2", "Knowsthorpe Gate"],
        ["Delivery Town", "Leeds"],
        ["Delivery Postcode", "LS9 0NP"],
        [],
        ["Line", "Part No", "Description", "Qty Ordered", "UoM", "Unit Cost"],
        [1, "PLS-00520", "Escalator handrail, black rubber (per metre)", 28, "MTR", 118],
    ]
    order = extract_from_sheet(rows)
    ship_to = order.ship_to.value
    assert (ship_to.name, ship_to.street, ship_to.postal_code, ship_to.city) == (
        "Pennine Lift Services Ltd - Leeds Branch",
        "Unit 2B, Cross Green Industrial Estate, Knowsthorpe Gate",
        "LS9 0NP",
        "Leeds",
    )
    assert order.ship_to.confidence >= 0.9


@pytest.mark.parametrize(
    ("label", "value"),
    [
        ("Semaine de livraison", "S16"),
        ("Sem. livraison", "16"),
        ("Liefer-KW", "16/2027"),
        ("Delivery week", "wk 16"),
        # a date under a week's label is that date
        ("Semaine de livraison", "21.04.2027"),
    ],
)
def test_a_week_label_and_the_weeks_bare_number(label, value):
    rows = [
        ["Commande n°", "A27-00466"],
        ["Date", dt.datetime(2027, 4, 6)],
        [label, value],
        ["Réf.", "Désignation", "Qté", "PU net £"],
        ["304512", "Canne surf 3m90", 2, 88.2],
    ]
    delivery = extract_from_sheet(rows).requested_delivery_date
    expected = dt.date(2027, 4, 21) if "." in value else dt.date(2027, 4, 19)  # week 16's Monday
    assert delivery.value == expected
    assert delivery.confidence >= 0.8


def test_delivery_alone_beside_a_date_is_the_delivery_date():
    rows = [
        ["THE HARBOURSIDE EASTBOURNE"],
        ["Order date", dt.datetime(2026, 11, 27)],
        ["Week commencing", dt.datetime(2026, 11, 30)],
        ["Delivery", "Tuesday 01/12/2026"],
        ["PO No.", "HEB-002350"],
        ["Deliver to", "The Harbourside Eastbourne, 8 Grand Parade, Eastbourne BN21 3YN"],
        [],
        ["Code", "Description", "Qty", "Unit"],
        ["HH-7918", "Croissants butter frozen (120)", 3, "cs"],
    ]
    order = extract_from_sheet(rows)
    assert order.requested_delivery_date.value == dt.date(2026, 12, 1)
    assert order.ship_to.value.postal_code == "BN21 3YN"


def test_group_subtotals_between_the_items_do_not_end_the_table():
    rows = [
        ["Bestellung Nr.", "4500078812"],
        ["Bestelldatum", "03.11.2026"],
        [],
        ["Pos.", "Art.-Nr.", "Bezeichnung", "Menge", "ME", "Preis EUR", "Betrag EUR"],
        ["1", "BR-58444", "Bremsbelagsatz vorne Golf VII", "6", "Stk", "38,90", "233,40"],
        ["2", "BR-15958", "Bremsscheibe vorne 312x25", "4", "Stk", "41,70", "166,80"],
        [],
        ["", "", "Summe Bremsen", "", "", "", "400,20"],
        ["3", "BR-79310", "Ölfiltereinsatz 2.0 TDI", "20", "Stk", "8,45", "169,00"],
        ["4", "BR-28905", "Luftfilter Golf VII", "10", "Stk", "14,90", "149,00"],
        [],
        ["", "", "Summe Filter", "", "", "", "318,00"],
        [],
        ["", "", "Gesamtsumme netto", "", "", "", "718,20"],
        ["", "", "MwSt. 19 %", "", "", "", "136,46"],
    ]
    order = extract_from_sheet(rows)
    assert [(ln.customer_sku, ln.quantity) for ln in order.lines] == [
        ("BR-58444", Decimal("6")),
        ("BR-15958", Decimal("4")),
        ("BR-79310", Decimal("20")),
        ("BR-28905", Decimal("10")),
    ]
    assert order.total.value == Decimal("718.20")


def test_an_sap_line_export_repeating_the_orders_own_columns_on_every_row():
    rows = [
        [
            "Einkaufsbeleg",
            "Position",
            "Belegdatum",
            "Lieferant",
            "Material",
            "Kurztext",
            "Bestellmenge",
            "BME",
            "Nettopreis",
            "Währung",
            "Lieferdatum",
            "Werk",
        ],
        [
            "4700031588",
            "10",
            "2026-11-20",
            "700125",
            "10046812",
            "Ölfiltereinsatz 2.0 TDI",
            "10",
            "ST",
            "8.45",
            "EUR",
            "2026-11-26",
            "M001",
        ],
        [
            "4700031588",
            "20",
            "2026-11-20",
            "700125",
            "10052921",
            "Kraftstofffilter Diesel",
            "4",
            "ST",
            "24.6",
            "EUR",
            "2026-11-26",
            "M001",
        ],
    ]
    order = extract_from_sheet(rows)
    assert [(ln.customer_sku, ln.quantity, ln.unit_price) for ln in order.lines] == [
        ("10046812", Decimal("10"), Decimal("8.45")),
        ("10052921", Decimal("4"), Decimal("24.6")),
    ]


def test_a_system_exports_snake_case_column_names():
    rows = [
        [
            "order_no",
            "order_date",
            "delivery_date",
            "ean",
            "article_text",
            "qty",
            "unit",
            "price_eur",
            "amount_eur",
        ],
        [
            "FC-B-26127",
            "2026-11-26",
            "2026-12-02",
            "3760112455064",
            "AdBlue 10-L-Kanister",
            "30",
            "Stk",
            "12,90",
            "387,00",
        ],
    ]
    order = extract_from_sheet(rows)
    assert [(ln.gtin, ln.quantity, ln.unit_price) for ln in order.lines] == [
        ("3760112455064", Decimal("30"), Decimal("12.90"))
    ]


def _export_rows(titles: list[str]) -> list[list]:
    rows = [[*titles[:3], "Land", "GW-Nr", "Pos", "ArtNr", "Bezeichnung", "Menge", "ME", "Wert"]]
    for k, (sku, name, qty, amount) in enumerate(
        [
            ("SH-P3001", "Mittelmastschirm Ø 300 cm", 20, 2322),
            ("SH-P3003", "Balkonschirm", 24, 1293.84),
        ]
    ):
        rows.append(
            [
                "Puchstraße 85",
                "8020",
                "Graz",
                "AT",
                f"GW-3030{k}",
                k + 1,
                sku,
                name,
                qty,
                "Stk",
                amount,
            ]
        )
    return rows


def test_an_exports_short_delivery_column_names_lief_plz_lief_ort():
    order = extract_from_sheet(_export_rows(["Lief_Strasse", "Lief_PLZ", "Lief_Ort"]))
    ship_to = order.ship_to.value
    assert (ship_to.street, ship_to.postal_code, ship_to.city) == ("Puchstraße 85", "8020", "Graz")


def test_a_postal_code_and_its_town_in_two_cells_whose_titles_we_do_not_know_are_printed():
    # the address is not read as the ship-to, but a postal code is printed: the customer's
    # main address is no sure ship-to then
    order = extract_from_sheet(_export_rows(["Zl_Adr", "Zl_Code", "Zl_Stadt"]))
    assert "8020" in order.postal_codes


def test_a_flat_export_repeating_the_orders_fields_and_ship_to_on_every_row():
    """One row per item, the order's number, dates and delivery address repeated on each: nine
    columns of the eighteen are not the item's, the table is read all the same."""
    titles = (
        "PO Number;PO Date;Vendor;Line;Item;Supplier item;Description;Quantity;UoM;Unit price;"
        "Line amount;Currency;Requested delivery;Ship-to name;Ship-to attention;Ship-to street;"
        "Ship-to postcode;Ship-to city;Ship-to country"
    ).split(";")
    ship = [
        "Vandenberghe Industrial Cleaning NV",
        "Magazijn",
        "Kennedypark 21",
        "8500",
        "Kortrijk",
        "BE",
    ]
    head = ["7800321", "15/10/2026", "PROTEX EQUIPEMENTS SAS"]
    rows = [
        titles,
        [
            *head,
            "10",
            "VDB/PPE/311",
            "POL-BM-M",
            "Polo shirt navy size M",
            "20",
            "PCS",
            "12,90",
            "258,00",
            "EUR",
            "23/10/2026",
            *ship,
        ],
        [
            *head,
            "20",
            "VDB/PPE/312",
            "POL-BM-L",
            "Polo shirt navy size L",
            "25",
            "PCS",
            "12,90",
            "322,50",
            "EUR",
            "23/10/2026",
            *ship,
        ],
    ]
    order = extract_from_sheet(rows)
    assert [(ln.sku, ln.customer_sku, ln.quantity, ln.unit_price) for ln in order.lines] == [
        ("POL-BM-M", "VDB/PPE/311", Decimal("20"), Decimal("12.90")),
        ("POL-BM-L", "VDB/PPE/312", Decimal("25"), Decimal("12.90")),
    ]
    assert order.po_number.value == "7800321"
    assert order.requested_delivery_date.value == dt.date(2026, 10, 23)
    ship_to = order.ship_to.value
    assert (ship_to.name, ship_to.street, ship_to.postal_code, ship_to.city, ship_to.country) == (
        "Vandenberghe Industrial Cleaning NV",
        "Kennedypark 21",
        "8500",
        "Kortrijk",
        "BE",
    )


def test_sap_export_in_french_with_the_delivery_address_in_columns():
    titles = (
        "Document achat;Date doc.;Fournisseur;Poste;Article;Réf. fournisseur;Désignation article;"
        "Qté commande;UQ;Prix net;Par;Devise;Date livraison;Nom livraison;Rue livraison;CP;Ville;Pays"
    ).split(";")
    ship = [
        "SEGELEC Bâtiment - Chantier Condorcet",
        "8 cours des Humanités",
        "93300",
        "Aubervilliers",
        "FR",
    ]
    head = ["4500219260", "20.11.2026", "700145"]
    rows = [
        titles,
        [
            *head,
            "00010",
            "10020145",
            "CAB1002",
            "Câble R2V 3G2,5 mm² noir",
            "1000,000",
            "M",
            "1,52",
            "1",
            "EUR",
            "27.11.2026",
            *ship,
        ],
        [
            *head,
            "00020",
            "10031120",
            "PRO2014",
            "Interrupteur différentiel 4P 40A",
            "6,000",
            "PCE",
            "145,00",
            "1",
            "EUR",
            "27.11.2026",
            *ship,
        ],
        [
            *head,
            "00030",
            "10066012",
            "ECL5006",
            "Dalle LED 600x600 36W",
            "80,000",
            "PCE",
            "36,50",
            "1",
            "EUR",
            "27.11.2026",
            *ship,
        ],
    ]
    order = extract_from_sheet(rows)
    assert [(ln.sku, ln.quantity, ln.unit, ln.unit_price) for ln in order.lines] == [
        ("CAB1002", Decimal("1000.000"), "M", Decimal("1.52")),
        ("PRO2014", Decimal("6.000"), "EA", Decimal("145.00")),
        ("ECL5006", Decimal("80.000"), "EA", Decimal("36.50")),
    ]
    # a sheet's cells cannot run into each other: quantity and price are as sure as printed
    assert min(ln.confidence for ln in order.lines) >= 0.9
    assert (order.po_number.value, order.order_date.value) == ("4500219260", dt.date(2026, 11, 20))
    ship_to = order.ship_to.value
    assert (ship_to.street, ship_to.postal_code, ship_to.city, ship_to.country) == (
        "8 cours des Humanités",
        "93300",
        "Aubervilliers",
        "FR",
    )


def test_a_delivery_address_in_one_cell_repeated_on_every_row():
    titles = [
        "Bestellnr",
        "Bestelldatum",
        "Lieferanschrift",
        "Pos",
        "Artikelnr Lieferant",
        "Bezeichnung",
        "Menge",
        "ME",
        "Einzelpreis",
        "Gesamt",
    ]
    site = "Baustelle Rheinpark / Krüger GaLaBau, Kennedy-Ufer 2, 50679 Köln"
    rows = [
        titles,
        [
            "B-26-0917",
            "13.11.2026",
            site,
            "1",
            "VF-60515",
            "Unkrautvlies 2 x 100 m",
            "6",
            "RL",
            "135,00",
            "810,00",
        ],
        [
            "B-26-0917",
            "13.11.2026",
            site,
            "2",
            "VF-60520",
            "Erdanker 20 cm (100 Stk.)",
            "12",
            "PAK",
            "12,50",
            "150,00",
        ],
    ]
    order = extract_from_sheet(rows)
    ship_to = order.ship_to.value
    assert (ship_to.name, ship_to.street, ship_to.postal_code, ship_to.city) == (
        "Baustelle Rheinpark / Krüger GaLaBau",
        "Kennedy-Ufer 2",
        "50679",
        "Köln",
    )
    # under a title we do not know, the address still counts as printed: a default ship-to
    # cannot be sure beside it
    unknown = [
        ["Bestellnr", "Anlieferung bei", *titles[3:]],
        *[[r[0], r[2], *r[3:]] for r in rows[1:]],
    ]
    assert "50679" in extract_from_sheet(unknown).postal_codes


def test_an_odoo_export_names_fields_by_path_and_fills_the_orders_on_its_first_row():
    titles = [
        "Référence commande",
        "Date de commande",
        "Date prévue",
        "Adresse de livraison",
        "Lignes de commande/Article",
        "Lignes de commande/Description",
        "Lignes de commande/Quantité",
        "Lignes de commande/Unité de mesure",
        "Lignes de commande/Prix unitaire",
        "Lignes de commande/Sous-total",
    ]
    rows = [
        titles,
        [
            "P00844",
            "02/11/2026 00:00:00",
            "12/11/2026",
            "BRA Entrepôt, 14 rue du Dauphiné, 69800 Saint-Priest",
            "[BRA-DCK-UNI] Universal USB-C Docking Station",
            "Universal USB-C Docking Station",
            "10,00",
            "Unité(s)",
            "119,20",
            "1192,00",
        ],
        [
            "",
            "",
            "12/11/2026",
            "",
            "[BRA-CHG-65] USB-C GaN Laptop Charger 65 W",
            "USB-C GaN Laptop Charger 65 W",
            "20,00",
            "Unité(s)",
            "26,00",
            "520,00",
        ],
    ]
    order = extract_from_sheet(rows)
    assert [
        (ln.customer_sku, ln.quantity, ln.unit, ln.unit_price, ln.line_total) for ln in order.lines
    ] == [
        ("BRA-DCK-UNI", Decimal("10.00"), "EA", Decimal("119.20"), Decimal("1192.00")),
        ("BRA-CHG-65", Decimal("20.00"), "EA", Decimal("26.00"), Decimal("520.00")),
    ]
    assert (order.po_number.value, order.order_date.value) == ("P00844", dt.date(2026, 11, 2))
    assert order.ship_to.value.postal_code == "69800"


def test_odoos_date_prevue_above_the_table_is_the_delivery_date():
    rows = [
        ["Bon de commande P00871"],
        ["Date de commande", "09/11/2026"],
        ["Date prévue", "18/11/2026"],
        ["Livrer à", "BRA Entrepôt, 14 rue du Dauphiné, 69800 Saint-Priest"],
        [],
        ["Article", "Description", "Quantité", "Prix unitaire", "Sous-total"],
        ["[BRA-CLV-FR] Clavier", "Clavier filaire USB AZERTY", "20", "9.52", "190.40"],
    ]
    order = extract_from_sheet(rows)
    assert order.requested_delivery_date.value == dt.date(2026, 11, 18)
    assert order.ship_to.value.postal_code == "69800"


def test_a_flat_export_with_whom_to_deliver_to_the_street_and_its_postcode_and_town_apart():
    titles = (
        "N° commande;Date commande;Fournisseur;Livrer à;Adresse livraison;CP;Ville;"
        "Date livraison;Ligne;Article;Désignation;Qté;Unité;PU HT;Montant HT"
    ).split(";")
    head = ["CA-26-1260", "21/12/2026", "BLF FIXATION"]
    ship = [
        "SOMAINTEC - Site Feyzin",
        "Chemin des Mûriers, Raffinerie - Porte 4",
        "69320",
        "Feyzin",
    ]
    rows = [
        titles,
        [*head, *ship, "04/01/2027", "10", "SMT-00871", "Vis autoperceuse 4,8x19", "6", "BTE"]
        + ["21,50", "129,00"],
        [*head, *ship, "04/01/2027", "20", "SMT-00872", "Rivet aveugle 4,0x10", "4", "BTE"]
        + ["13,40", "53,60"],
    ]
    ship_to = extract_from_sheet(rows).ship_to.value
    assert (ship_to.name, ship_to.street, ship_to.postal_code, ship_to.city) == (
        "SOMAINTEC - Site Feyzin",
        "Chemin des Mûriers, Raffinerie - Porte 4",
        "69320",
        "Feyzin",
    )


def test_a_postcode_and_town_in_columns_not_understood_count_as_a_printed_address():
    titles = "N° commande;Empfänger;Strasse;PLZ;Ort;Article;Désignation;Qté;PU HT".split(";")
    ship = ["SOMAINTEC - Site Feyzin", "Chemin des Mûriers", "69320", "Feyzin"]
    rows = [
        titles,
        ["CA-26-1260", *ship, "SMT-00871", "Vis autoperceuse 4,8x19", "6", "21,50"],
        ["CA-26-1260", *ship, "SMT-00872", "Rivet aveugle 4,0x10", "4", "13,40"],
    ]
    assert "69320" in extract_from_sheet(rows).postal_codes


def test_a_dutch_buyers_total_before_vat_is_the_net_total():
    rows = [
        ["Van der Meer Installatietechniek B.V."],
        ["Ordernummer / Order no", None, "26-0440"],
        ["Art.nr", "Omschrijving / Description", "Aantal", "Eenheid", "Prijs", "Bedrag"],
        ["VDM.10.015", "Persbocht 90° koper 15mm", 300, "st", 4.55, 1365],
        ["VDM.60.150", "Circulatiepomp 15-50", 4, "st", 82.8, 331.2],
        [None, None, None, None, "Totaal excl. BTW", 1696.2],
        [None, None, None, None, "BTW 21%", 356.2],
        [None, None, None, None, "Totaal incl. BTW", 2052.4],
    ]
    total = extract_from_sheet(rows).total
    assert (total.value, total.rule) == (Decimal("1696.2"), "label:net_total=sum_of_lines")


@pytest.mark.parametrize(
    ("titles", "number"),
    [
        # Navision in German: the document number, then the line's number and amount
        (
            "Belegnr.;Belegdatum;Kreditor;Zeilennr.;Nr.;Beschreibung;Menge;Einheit;EK-Preis;"
            "Zeilenbetrag",
            "BE-26-3480",
        ),
        # SAP ME2N in English
        (
            "Purchasing Doc.;Doc. Date;Vendor;Item;Material;Short Text;PO Quantity;Order Unit;"
            "Net Price;Net Value",
            "4500079302",
        ),
    ],
)
def test_a_flat_exports_document_number_column_is_the_po_number(titles, number):
    head = [number, "21.12.2026", "K-20318 Brillanet SA"]
    rows = [
        titles.split(";"),
        [*head, "10", "SCH-0815", "Bodenreiniger schaumarm 10 L", "10", "Kanister", "33,50"]
        + ["335,00"],
        [*head, "20", "SCH-1201", "Handtuchrolle Autocut 150 m", "4", "Karton", "35,10", "140,40"],
    ]
    order = extract_from_sheet(rows)
    assert order.po_number.value == number
    assert [ln.description for ln in order.lines] == [
        "Bodenreiniger schaumarm 10 L",
        "Handtuchrolle Autocut 150 m",
    ]


def test_odoos_order_reference_on_the_first_row_only_is_the_po_number():
    rows = [
        ["Order Reference", "Order Date", "Vendor", "Order Lines/Product", "Order Lines/Quantity"]
        + ["Order Lines/Unit Price", "Order Lines/Subtotal"],
        ["P00112", "2027-01-08 09:30:12", "Bureau Helvetia SA", "[FOUR-0043] Classeur A4"]
        + ["48.00", "4.10", "196.80"],
        ["", "", "", "[FOUR-0051] Surligneur jaune (boîte 10)", "6.00", "14.50", "87.00"],
    ]
    assert extract_from_sheet(rows).po_number.value == "P00112"


@pytest.mark.parametrize(
    ("titles", "address", "expected"),
    [
        (
            ["SHIP_TO_LOCATION", "SHIP_TO_ADDRESS"],
            ["AZSE-CS01", "Spoorwegstraat 21, 8200 Sint-Andries"],
            ("Spoorwegstraat 21", "8200", "Sint-Andries"),
        ),
        (
            ["DeliveryAddress"],
            ["Warehouse Heerlen, Wijngaardsweg 11, 6412 PN Heerlen"],
            ("Wijngaardsweg 11", "6412 PN", "Heerlen"),
        ),
    ],
)
def test_an_exports_field_names_for_the_delivery_address(titles, address, expected):
    rows = [
        ["PO_NUM", "ITEM", "ITEM_DESCRIPTION", "QUANTITY", "UNIT_PRICE", "LINE_AMOUNT", *titles],
        ["PO-2027-00107", "4711", "GLOVE EXAM NITRILE M", "100", "6.75", "675", *address],
        ["PO-2027-00107", "4712", "GLOVE EXAM NITRILE L", "80", "6.75", "540", *address],
    ]
    ship_to = extract_from_sheet(rows).ship_to.value
    assert (ship_to.street, ship_to.postal_code, ship_to.city) == expected


def test_sap_me2n_in_german_prices_per_hundred_in_its_pro_column():
    rows = [
        ["Einkaufsbeleg", "Belegdatum", "Position", "Material", "Kurztext", "Werk", "Lagerort"]
        + ["Bestellmenge", "BME", "Nettopreis", "Währg", "pro", "Lieferdatum", "Bestellnettowert"],
        ["4500018501", "19.01.2027", "10", "100031003", "Einmalspritze 10 ml", "1000", "ZL01"]
        + ["2000", "ST", "12,6", "EUR", "100", "27.01.2027", "252"],
        ["4500018501", "19.01.2027", "20", "100045121", "Nitril-Handschuhe", "1000", "ZL01"]
        + ["100", "PAK", "5,25", "EUR", "1", "27.01.2027", "525"],
    ]
    order = extract_from_sheet(rows)
    assert [(ln.quantity, ln.unit_price, ln.price_unit, ln.line_total) for ln in order.lines] == [
        (Decimal(2000), Decimal("12.6"), Decimal(100), Decimal(252)),
        (Decimal(100), Decimal("5.25"), None, Decimal(525)),
    ]


def test_a_sap_table_download_titled_with_field_names():
    titles = (
        "EBELN,EBELP,BEDAT,LIFNR,MATNR,TXZ01,MENGE,MEINS,NETPR,PEINH,WAERS,NETWR,EINDT,WERKS,"
        "ADRNR_NAME1,ADRNR_STREET,ADRNR_POST_CODE1,ADRNR_CITY1"
    ).split(",")
    ship = ["Bäckerei Hofmann GmbH - Produktion Garching", "Daimlerstraße 8", "85748", "Garching"]
    rows = [
        titles,
        ["4500012533", "00010", "20270104", "0000700145", "RM-10011", "Weizenmehl Type 550"]
        + ["2000.000", "KG", "62.00", "100", "EUR", "1240.00", "20270108", "1000", *ship],
        ["4500012533", "00020", "20270104", "0000700145", "RM-10033", "Puderzucker 10kg"]
        + ["100.000", "KG", "1.48", "1", "EUR", "148.00", "20270107", "1000", *ship],
    ]
    order = extract_from_sheet(rows)
    assert (order.po_number.value, order.order_date.value) == ("4500012533", dt.date(2027, 1, 4))
    assert order.requested_delivery_date.value == dt.date(2027, 1, 7)  # the earliest line's
    assert [
        (ln.customer_sku, ln.quantity, ln.unit_price, ln.price_unit, ln.line_total)
        for ln in order.lines
    ] == [
        ("RM-10011", Decimal("2000.000"), Decimal("62.00"), Decimal(100), Decimal("1240.00")),
        ("RM-10033", Decimal("100.000"), Decimal("1.48"), None, Decimal("148.00")),
    ]
    assert order.ship_to.value.postal_code == "85748"


def test_a_delivery_address_written_in_a_cell_of_the_header_block():
    rows = [
        ["ESPACES VERTS PROVENCE SAS"],
        ["Parc de la Pioline, 95 rue Pierre Duhem, 13290 Aix-en-Provence"],
        ["Bon de commande n° EVP-C-26-0418"],
        ["Livraison : Chantier Parc Jourdan – entrée avenue Anatole France, 13100 Aix-en-Provence"],
        ["Désignation", "Quantité", "Unité", "Prix unitaire HT", "Total HT"],
        ["Arrosoir 10 L", "6", "pièce", "6,80", "40,80"],
    ]
    order = extract_from_sheet(rows)
    assert order.ship_to is not None
    assert order.ship_to.value.postal_code == "13100"
    assert order.ship_to.value.name is None  # "Livraison" is the label, not a name


@pytest.mark.parametrize(
    ("rows", "po"),
    [
        ([["Commande d'achat", "4500087402"]], "4500087402"),
        ([["Purchase order / Inkooporder", "2026-00902"]], "2026-00902"),
        ([["Ostbelgien Metallbau GmbH - Bestellung P00388"]], "P00388"),
    ],
)
def test_the_po_number_of_a_sheets_header_block_in_its_many_titles(rows, po):
    rows = [
        *rows,
        ["Datum: 08.12.2026"],
        [],
        ["Artikelnummer", "Bezeichnung", "Menge", "Einheit", "Einzelpreis"],
        ["SJ-BLK-M", "Softshelljacke schwarz Gr. M", "2", "Stk", "62,00"],
    ]
    order = extract_from_sheet(rows)
    assert order.po_number is not None
    assert order.po_number.value == po


@pytest.mark.parametrize(
    ("cell", "code"),
    [
        ("RNB 04-1120", "RNB 04-1120"),  # the buyer's prefix and its number
        ("03N 115 562", "03N 115 562"),  # an OEM reference printed in groups
        ("1K0 698 151 A", "1K0 698 151 A"),
        ("A-778", "A-778"),
    ],
)
def test_a_part_number_printed_in_pieces_is_one_code(cell, code):
    rows = [
        ["Pos", "Teile-Nr.", "Bezeichnung", "Menge", "EP", "GP"],
        ["1", cell, "Cu-Rohr 22x1,0 halbhart", "100", "11,41", "1.141,00"],
    ]
    (line,) = extract_from_sheet(rows).lines
    assert line.codes[0] == code


@pytest.mark.parametrize(
    ("rows", "po_number"),
    [
        # a flat export's "PO" column, the same number on every row
        (
            [
                ["PO", "PO Date", "Item No.", "Description", "Qty", "Unit Price"],
                ["IO-26-0502", "2026-12-11", "SR-10512", "KG-Rohr DN 110", "20", "7.40"],
                ["IO-26-0502", "2026-12-11", "SR-10515", "KG-Rohr DN 160", "8", "21.50"],
            ],
            "IO-26-0502",
        ),
        # "N° BCF", the bon de commande fournisseur
        (
            [
                ["BON DE COMMANDE FOURNISSEUR"],
                ["N° BCF", "BCF-26-004630"],
                ["Code", "Désignation", "Qté", "PU"],
                ["FAR101", "Farine T55", "10", "0,72"],
            ],
            "BCF-26-004630",
        ),
        # a title's part after a dash
        (
            [
                ["Garage Dubois SRL – Commande GD-2026-1210"],
                ["Référence", "Description", "Quantité", "Prix"],
                ["FH-1001", "Filtre à huile", "10", "6,90"],
            ],
            "GD-2026-1210",
        ),
    ],
)
def test_the_order_number_of_a_sheet_in_a_column_a_short_label_or_a_title(rows, po_number):
    assert extract_from_sheet(rows).po_number.value == po_number


def test_a_net_total_that_names_the_tax_it_leaves_out_is_the_net_total():
    rows = [
        ["Bestell-Nr.", "4100-27-0031"],
        ["Artikel", "Bezeichnung", "Menge", "Einheit", "Preis (CHF)", "Total"],
        ["GA-2600-M", "Einweghandschuhe Nitril Gr. M", "30", "Box", "13.5", "405"],
        ["AU-5100", "Kapselgehörschutz SNR 30", "8", "Stk", "24.9", "199.2"],
        ["Total netto exkl. MWST", "", "", "", "", "604.2"],
    ]
    order = extract_from_sheet(rows)
    assert [ln.customer_sku or ln.sku for ln in order.lines] == ["GA-2600-M", "AU-5100"]
    assert order.total is not None
    assert order.total.value == Decimal("604.2")
    assert order.tax_total is None


@pytest.mark.parametrize(
    ("first_row", "number"),
    [
        (["PO", "PO-GS-0482", "Date", "03/22/2027"], "PO-GS-0482"),
        (["Abruf Nr. 2027-012"], "2027-012"),
        (["Abrufnummer", "AB-2026-0551"], "AB-2026-0551"),
        (["Call-off no.", "CO-7781"], "CO-7781"),
    ],
)
def test_the_order_number_beside_a_short_label_or_a_call_off_label(first_row, number):
    rows = [
        first_row,
        ["Item", "Description", "Qty", "Unit price"],
        ["GS-SOIL-070", "Professional potting soil 70L", "150", "8.95"],
    ]
    assert extract_from_sheet(rows).po_number.value == number


def test_a_short_delivery_label_before_a_whole_address_in_its_cell_is_the_ship_to():
    rows = [
        ["Bon de commande ARL/PL/2027-011"],
        ["Réf.", "Article", "Qté", "PU HTVA", "Total HTVA"],
        ["TER-1005", "Terreau géraniums 40 L", "40", "6.4", "256"],
        ["", "TOTAL GÉNÉRAL HTVA", "", "", "256"],
        [],
        ["Livraison : serres communales, Route de Neufchâteau 141, 6700 Arlon"],
    ]
    ship_to = extract_from_sheet(rows, locale="fr").ship_to
    assert (ship_to.value.name, ship_to.value.street, ship_to.value.postal_code) == (
        "serres communales",
        "Route de Neufchâteau 141",
        "6700",
    )
    assert ship_to.confidence >= 0.85


def test_packs_counted_beside_their_size_and_priced_by_what_they_hold_order_the_inner_unit():
    rows = [
        ["PO ANR-26-0561"],
        [
            "Supplier ref",
            "Description",
            "Order qty",
            "Order unit",
            "Pack size (rolls/pcs)",
            "Price per roll/pc EUR",
            "Line total EUR",
        ],
        ["ME-30110", "Tape PP 48 mm x 66 m brown", "4", "carton", "36", "1.45", "208.8"],
        ["ME-40120", "EPAL pallet reconditioned", "250", "pcs", "1", "9.1", "2275"],
    ]
    got = [(ln.sku, ln.quantity, ln.unit, ln.unit_price) for ln in extract_from_sheet(rows).lines]
    assert got == [
        ("ME-30110", Decimal("144"), None, Decimal("1.45")),
        ("ME-40120", Decimal("250"), "EA", Decimal("9.1")),
    ]


def test_packs_counted_and_priced_by_the_pack_beside_their_size_order_the_pieces():
    rows = [
        ["PO number", "4700032140"],
        ["Cat. no.", "Description", "Pack size", "No. of packs", "Price/pack", "Line total"],
        ["KL-12250", "Erlenmeyer flask, narrow neck, 250 ml", "12 pcs", "2", "33.6", "67.2"],
        ["KL-24076", "Microscope slides, 76 x 26 mm", "50 slides", "3", "4.8", "14.4"],
    ]
    got = [(ln.quantity, ln.unit, ln.unit_price) for ln in extract_from_sheet(rows).lines]
    assert got == [
        (Decimal("2"), "carton of 12", Decimal("33.6")),
        (Decimal("3"), "carton of 50", Decimal("4.8")),
    ]


@pytest.mark.parametrize("status", ["ANNULÉ", "storniert", "CANCELLED"])
def test_a_row_kept_on_the_page_but_marked_cancelled_is_no_item(status):
    rows = [
        ["Bestellung 2027-114"],
        ["Art.-Nr.", "Bezeichnung", "Menge", "Preis", "Betrag", "Bemerkung"],
        ["31-210", "Terrakottatopf 30 cm", "24", "9.5", "228", status],
        ["34-090", "Gartenschlauch 19 mm 50 m", "12", "46.5", "558", ""],
    ]
    assert [ln.customer_sku for ln in extract_from_sheet(rows).lines] == ["34-090"]


def test_an_sap_exports_three_decimal_quantities_in_german_are_units_not_thousands():
    header = ["Bestellnr", "Bestelldatum", "Artikelnr", "Bezeichnung", "Menge", "ME"]
    rows = [
        header,
        [
            "4500019140",
            "07.12.2026",
            "TW-204512",
            "Trockenfutter Hund Adult 12 kg",
            "15,000",
            "SACK",
        ],
        ["4500019140", "07.12.2026", "TW-410001", "Katzenstreu klumpend 10 L", "50,000", "ST"],
    ]
    order = extract_from_sheet(rows)
    assert [line.quantity for line in order.lines] == [Decimal("15"), Decimal("50")]


def test_an_english_sheets_thousands_stay_thousands():
    rows = [
        ["PO Number", "Item", "Description", "Quantity"],
        ["PO-1187", "WB-200", "Cable ties black, bag", "15,000"],
        ["PO-1187", "WB-300", "Cable ties white, bag", "2,000"],
    ]
    order = extract_from_sheet(rows)
    assert [line.quantity for line in order.lines] == [Decimal("15000"), Decimal("2000")]


def test_net_alone_at_the_foot_of_a_sheet_is_its_net_total():
    rows = [
        ["Purchase Order", "PO-11890", None, "Date", "02/12/2026"],
        ["Payment", "Net 30 days"],
        [],
        ["Our Ref", "Supplier Code", "Description", "Qty", "Price", "Value"],
        ["CCH-R410-10", "MCS-RF501", "R410A refrigerant, 10 kg cylinder", 3, 168, 504],
        ["CCH-LEAK", "MCS-SU801", "Leak detection spray 400 ml", 12, 5.9, 70.8],
        [None, None, None, None, "Net", 574.8],
    ]
    total = extract_from_sheet(rows).total
    assert total.value == Decimal("574.80")
    assert total.rule.startswith("label:net_total")


def test_a_hospital_erp_export_with_short_column_names():
    header = (
        "NUM_BC;DATE_BC;CODE_MAG;LIB_ARTICLE;REF_FOURN;QTE_CDE;UC;PU_HT;MT_HT;DATE_LIV;LIEU_LIV"
    )
    rows = [header.split(";")]
    for mag, lib, ref, qty, price, amount in (
        ("412087", "DETERGENT DESINFECTANT SURFACES 5 L", "HN10110", "48", "14,80", "710,40"),
        ("415300", "ESSUIE-MAINS PLIES V 2 PLIS", "HN20101", "30", "33,50", "1005,00"),
    ):
        rows.append(
            ["2026-BC-004990", "26/11/2026", mag, lib, ref, qty, "BIDON", price, amount]
            + ["03/12/2026", "MAGASIN GENERAL QUAI 3"]
        )
    order = extract_from_sheet(rows)
    assert order.po_number.value == "2026-BC-004990"
    assert order.order_date.value == dt.date(2026, 11, 26)
    assert order.requested_delivery_date.value == dt.date(2026, 12, 3)
    assert [(ln.customer_sku, ln.quantity, ln.line_total) for ln in order.lines] == [
        ("412087", Decimal("48"), Decimal("710.40")),
        ("415300", Decimal("30"), Decimal("1005.00")),
    ]
    # a place named, no address read: the customer's own address is not sure
    assert order.ship_to.rule == "table_column:ship_to_place"
    assert order.ship_to.value.postal_code is None


def test_a_title_cell_with_its_number_names_the_order():
    rows = [
        ["Brasserie du Vieux-Port", "Commande VP-2026-463"],
        ["Date", "11/12/2026"],
        [],
        ["Réf.", "Désignation", "Qté"],
        ["VIN-1001", "Ch. Haut-Brignon 2019", 24],
        ["VIN-4002", "Champagne V-L Brut carton 6", 10],
    ]
    assert extract_from_sheet(rows).po_number.value == "VP-2026-463"
    rows[0][1] = "Bestellung vom 11.12.2026"  # a date is no order number
    assert extract_from_sheet(rows).po_number is None


def test_a_building_site_row_under_the_supplier_is_where_the_goods_go():
    rows = [
        ["Gerber & Söhne Bau AG – Materialliste / Bestellung"],
        ["Bestell-Nr.", "26-0975"],
        ["Lieferant", "Birsig Holz & Baustoffe AG"],
        ["Baustelle", "MFH Riehen, Baselstrasse 88, 4125 Riehen"],
        ["Liefertermin", dt.datetime(2026, 12, 22)],
        [],
        ["Pos", "Unsere Nr.", "Bezeichnung", "Menge", "Einheit"],
        [1, "GB-GK-A", "Gipskarton GKB 12.5", 45, "Stk"],
        [2, "GB-MOR", "Mauermörtel MM 25 kg", 30, "Sack"],
    ]
    order = extract_from_sheet(rows)
    assert order.ship_to.value.postal_code == "4125"
    assert order.vendor is None or order.vendor.value.postal_code != "4125"


@pytest.mark.parametrize(
    ("titles", "first", "po"),
    [
        # the customer's own reference typed at the checkout, not the shop's basket number
        (
            ["Basket ID", "Created", "Customer Ref"],
            ["BSK-88213", "08/12/2026 14:22", "KS-0401"],
            "KS-0401",
        ),
        # no reference of the customer's: the basket's number
        (
            ["N° panier", "Date création", "Acheteur"],
            ["PA-2026-00418", "07/12/2026 15:42", "L. Chevalier"],
            "PA-2026-00418",
        ),
    ],
)
def test_a_web_shops_basket_export_repeats_the_orders_fields_on_every_row(titles, first, po):
    rows = [
        [
            *titles,
            "Product Code",
            "Product Name",
            "Qty",
            "Unit Price (ex VAT)",
            "Unit Price (inc VAT)",
        ],
        [*first, "INK-ECO-C440", "Eco-solvent ink cyan 440 ml", "2", "54.00", "64.80"],
        [*first, "INK-ECO-K440", "Eco-solvent ink black 440 ml", "2", "52.00", "62.40"],
        ["", "", "", "", "Delivery (Standard 2-3 days)", "1", "7.50", "9.00"],
        ["", "", "", "", "Subtotal ex VAT", "", "213.50", ""],
    ]
    order = extract_from_sheet(rows)
    assert order.po_number.value == po
    assert order.order_date.value == dt.date(2026, 12, 8 if po == "KS-0401" else 7)
    # the delivery charge is no item; the price is the one without tax
    assert [(ln.quantity, ln.unit_price) for ln in order.lines] == [
        (Decimal("2"), Decimal("54.00")),
        (Decimal("2"), Decimal("52.00")),
    ]
    assert order.total.value == Decimal("213.50")


@pytest.mark.parametrize(
    "rows",
    [
        [["Basket ID", "Created", "Customer"], ["B-778120", "2026-12-10 14:32", "C10001"]],
        [["Nordstern B2B-Shop - Warenkorb"], ["Exportiert am", "10.12.2026 10:22"]],
        # a British buyer's day the order was raised
        [["Crafty Lane Supplies - replenishment order"], ["Raised", "2026-12-10 09:30:00"]],
    ],
)
def test_when_a_basket_was_created_or_exported_is_its_order_date(rows):
    items = [[], ["SKU", "Name", "Qty", "Price"], ["DVS-SY-02", "Syringe 2 ml", "5", "7.40"]]
    order = extract_from_sheet([*rows, *items])
    assert order.order_date.value == dt.date(2026, 12, 10)
    assert order.order_date.confidence >= 0.72


def test_a_web_shops_field_for_the_buyers_own_order_reference_is_the_po_number():
    rows = [
        ["Pramberger Webshop - Warenkorb-Export"],
        ["Kundennummer", "K10001"],
        ["Ihre Bestellreferenz", "WS-88213-LEI"],
        ["Erstellt am", "04.12.2026 09:14"],
        [],
        ["Artikelnr.", "Bezeichnung", "Menge", "Einzelpreis netto"],
        ["WZ-30140", "Trennscheibe 125 x 1,0", "100", "3,95"],
        ["WZ-20612", "Bohrer HSS 6,0", "50", "3,10"],
    ]
    order = extract_from_sheet(rows)
    assert order.po_number.value == "WS-88213-LEI"
    assert order.po_number.confidence >= 0.75
    assert order.order_date.value == dt.date(2026, 12, 4)


def test_snake_case_column_names_say_which_date_is_the_orders_and_which_the_delivery():
    """ "requested_date" is when to deliver, not an order date titled "date"; "created_at"
    with its time of day is the basket's order date."""
    rows = [
        ["basket_id", "customer_po", "created_at", "sku", "qty", "unit_price", "requested_date"],
        ["B2B-118204", "DCF-7790", "2026-12-15T10:42:11Z", "FIL-P120", "96", "2.35", "2027-01-08"],
        ["B2B-118204", "DCF-7790", "2026-12-15T10:42:11Z", "FIL-S500", "12", "4.95", "2027-01-08"],
    ]
    order = extract_from_sheet(rows)
    assert order.po_number.value == "DCF-7790"
    assert order.order_date.value == dt.date(2026, 12, 15)
    assert order.requested_delivery_date.value == dt.date(2027, 1, 8)


def test_an_exports_order_date_column_written_ambiguously_is_settled_by_the_customers_country():
    from ingestion.matching import MasterData, build_draft
    from tests.matching.test_matching import ALIASES, CUSTOMERS, PRODUCTS

    british = "C00011,Kelvin Heating Ltd,,kelvinheating.co.uk,1 Canal Wharf,LS4 2AZ,Leeds,GB,rep@x.example,false\n"
    rows = [
        ["PO_REF", "ORDER_DATE", "REQ_DATE", "ITEM_CODE", "QTY"],
        ["NGL-56040", "11/12/2026", "12/01/2027", "GT-6MM-BK", "10"],
        ["NGL-56040", "11/12/2026", "12/01/2027", "GT-6MM-BK", "20"],
    ]
    order = extract_from_sheet(rows)
    assert order.order_date.confidence < 0.72  # 11 December or 12 November?
    draft = build_draft(
        order,
        MasterData.from_csv(CUSTOMERS + british, PRODUCTS, ALIASES),
        known_customer_code="C00011",
    )
    assert draft.extracted.order_date.value == dt.date(2026, 12, 11)
    assert draft.extracted.order_date.confidence >= 0.72


def _web_shop_export(subtotal: str) -> list[list[str]]:
    head = ["order_id", "created_at", "ean", "product_name", "qty", "unit_price", "line_total"]
    head += ["currency", "order_subtotal", "shipping_fee"]
    items = [
        ("5412345010425", "Gants d'examen vinyle T. M", "20", "4.20", "84.00"),
        ("5412345012870", "Gel hydroalcoolique 500 ml", "48", "4.95", "237.60"),
        ("5412345013365", "Povidone iodée 10 % 125 ml", "6", "4.60", "27.60"),
    ]
    return [head] + [
        ["100734", "2027-01-05T09:14:22+01:00", *item, "EUR", subtotal, "9.50"] for item in items
    ]


def test_a_flat_export_s_order_total_repeated_on_every_row_is_stated():
    order = extract_from_sheet(_web_shop_export("349.20"))
    assert len(order.lines) == 3
    assert (order.total.value, order.total.confidence >= 0.9) == (Decimal("349.20"), True)
    # a subtotal that is not the items' sum is still what the document says, for a person
    order = extract_from_sheet(_web_shop_export("359.20"))
    assert (order.total.value, order.total.confidence < 0.9) == (Decimal("359.20"), True)


def test_a_sums_row_under_an_order_form_is_no_item():
    """ "| Summe | | 85 | 2669.7": the sheet sums its quantity and amount columns."""
    rows = [
        ["Art.-Nr.", "Bezeichnung", "Preis", "Menge", "Betrag"],
        ["FT50120", "Bio-Kettenöl 20 l", "79", "10", "790"],
        ["FT50105", "Bio-Kettenöl 5 l", "21.9", "", "0"],
        ["FT60210", "Fällkeil Kunststoff 250", "7.9", "15", "118.5"],
        ["", "Summe", "", "25", "908.5"],
    ]
    order = extract_from_sheet(rows)
    assert [(ln.customer_sku, ln.quantity) for ln in order.lines] == [
        ("FT50120", Decimal("10")),
        ("FT60210", Decimal("15")),
    ]
    assert order.total.value == Decimal("908.5")


def test_a_whole_address_after_the_one_word_livraison_is_a_sure_ship_to():
    rows = [
        ["Commande", "BC-26-0455"],
        ["Livraison", "Entrepôt Zwijndrecht, Vitshoekstraat 18, 2070 Zwijndrecht", "18/12/2026"],
        [],
        ["Référence", "Désignation", "Quantité", "Prix unitaire", "Montant"],
        ["MP-PP-001", "Polypropylène copolymère naturel", "2000", "1,94", "3880,00"],
    ]
    ship_to = extract_from_sheet(rows).ship_to
    assert (ship_to.value.postal_code, ship_to.confidence >= 0.85) == ("2070", True)
    # a town alone after it is no such sure address
    rows[1] = ["Livraison", "Zwijndrecht", "18/12/2026"]
    ship_to = extract_from_sheet(rows).ship_to
    assert ship_to is None or ship_to.confidence < 0.85


def test_a_british_stock_list_ordering_in_outers_counts_the_units():
    """ "Outer Qty | Outers | Cost/Unit | Value": 12 to an outer, 6 outers at 3.95 a unit,
    284.40: seventy-two units."""
    rows = [
        ["PO", "0049120"],
        ["Stock Code", "Description", "Outer Qty", "Outers", "Cost/Unit", "Value"],
        ["CMY-10046", "STRINGS ELEC 10-46 NICKEL", "12", "6", "3.95", "284.4"],
        ["CMY-20105", "STRINGS BASS 45-105 4STR", "1", "6", "14.5", "87"],
    ]
    order = extract_from_sheet(rows)
    assert [(ln.customer_sku, ln.quantity, ln.unit_price) for ln in order.lines] == [
        ("CMY-10046", Decimal("72"), Decimal("3.95")),
        ("CMY-20105", Decimal("6"), Decimal("14.5")),
    ]


@pytest.mark.parametrize(
    ("label", "charge"),
    [
        ("Express delivery surcharge", True),
        ("Frais de port urgent", True),
        ("Express lamination film 137", False),
    ],
)
def test_a_charge_qualified_before_its_word_is_a_charge(label, charge):
    from ingestion.extraction.tables import _charge_label

    assert _charge_label(label) is charge


def test_a_sums_row_s_amount_before_its_currency_cell():
    """ "| | Gesamt netto | | 19.198,80 | EUR": an SAP export's currency column after the sum."""
    rows = [
        ["Pos", "Material", "Kurztext", "Menge", "ME", "Nettopreis", "Nettowert", "Währung"],
        ["10", "30002010", "Montageschiene 40x40 sw", "48", "ST", "29,40", "1.411,20", "EUR"],
        ["20", "30002015", "Mittelklemme sw", "200", "ST", "1,45", "290,00", "EUR"],
        ["", "", "Gesamt netto", "", "", "", "1.701,20", "EUR"],
    ]
    order = extract_from_sheet(rows)
    assert len(order.lines) == 2
    assert order.total.value == Decimal("1701.20")
    assert total_printed(order.total.rule)  # stated, not only the lines' sum


def test_a_replenishment_list_orders_what_to_order_not_the_stock():
    """ "Stock magasin | Qté à commander": the store's stock beside what it orders; rows with
    nothing to order are no items."""
    rows = [
        ["Code Verdiflor", "Article", "Conditionnement", "Prix tarif", "Stock magasin"]
        + ["Qté à commander", "Montant"],
        ["VF-10010", "Mousse florale standard", "carton 20", "25", "4", "10", "250"],
        ["VF-10020", "Mousse florale premium", "carton 20", "32", "6", "", ""],
        ["VF-20101", "Ruban satin 25 mm rouge", "rouleau", "6.8", "12", "0", ""],
        ["VF-30010", "Vase cylindre 10x25", "pièce (carton 6)", "3.2", "10", "24", "76.8"],
    ]
    order = extract_from_sheet(rows)
    assert [(ln.customer_sku or ln.sku, ln.quantity) for ln in order.lines] == [
        ("VF-10010", Decimal("10")),
        ("VF-30010", Decimal("24")),
    ]
    assert [classify_header(t) for t in ("Lagerbestand", "Stock on hand", "Stock Code")] == [
        "ignore",
        "ignore",
        "code",
    ]


@pytest.mark.parametrize(
    ("head", "po_number"),
    [
        # the title after the firm's name, the order's date after the number
        ([["Poterie Schaller & Fils - Commande 2026/361 du 18.12.2026", "", ""]], "2026/361"),
        # a qualifier in brackets between the label and its colon
        ([["Auftrags-Nr. (Stadt):", "", "40.2-2026-1302"]], "40.2-2026-1302"),
        # Dutch beside English
        ([["PO / Bestelnr.:", "", "BB26-0471"]], "BB26-0471"),
    ],
)
def test_a_sheet_s_order_number_however_its_label_is_written(head, po_number):
    rows = [*head, ["Ref", "Désignation", "Qté"], ["PS-02", "Grès rouge fin", "800"]]
    assert extract_from_sheet(rows).po_number.value == po_number


def test_a_store_s_stock_and_reorder_level_beside_what_it_orders():
    rows = [
        ["Code article", "Libellé", "Stock", "Mini", "Qté à commander", "Réf fournisseur", "PU HT"],
        ["MAG-20114", "Feuilles absorbantes ctn 100", "3", "5", "2", "AVS-ABS-PAD100", "58,00"],
        ["MAG-20130", "Gants nitrile M bte 100", "6", "5", "0", "AVS-GLOVE-NIT-M", "9,90"],
        ["MAG-20131", "Gants nitrile L bte 100", "2", "5", "5", "AVS-GLOVE-NIT-L", "9,90"],
    ]
    order = extract_from_sheet(rows)
    assert [(ln.quantity, ln.unit_price) for ln in order.lines] == [
        (Decimal("2"), Decimal("58.00")),
        (Decimal("5"), Decimal("9.90")),
    ]


def test_a_bare_date_repeated_beside_the_items_own_delivery_date_is_the_orders():
    rows = [
        ["Voies et Signaux - commande fournisseur"],
        ["No commande", "Date", "Article", "Désignation", "Quantité", "Prix unitaire", "Délai"],
        ["VSL-26-1003", "17.12.2026", "SL-3001", "Lampe LED rouge", "12", "148.00", "18.01.2027"],
        ["VSL-26-1003", "17.12.2026", "GM-6050", "Câble 4 x 1,5", "1500", "2.85", "25.01.2027"],
    ]
    order = extract_from_sheet(rows)
    assert [ln.requested_date for ln in order.lines] == [dt.date(2027, 1, 18), dt.date(2027, 1, 25)]
    assert order.order_date.value == dt.date(2026, 12, 17)
    assert order.requested_delivery_date.value == dt.date(2027, 1, 18)


def test_every_item_wanted_before_the_day_the_order_said_is_still_for_a_person_to_confirm():
    rows = [
        ["Bestellung", "4500231877"],
        ["Datum", "24.11.2026"],
        ["Liefertermin", "07.12.2026"],
        [],
        ["Artikel", "Bezeichnung", "Menge", "Preis", "Liefertermin"],
        ["14714986", "Zyl.-Schr. DIN 912 M8x40", "10", "18,20", "30.11.2026"],
        ["17359086", "Sechskantmutter ISO 4032 M10", "6", "6,20", "30.11.2026"],
    ]
    order = extract_from_sheet(rows)
    assert [ln.requested_date for ln in order.lines] == [dt.date(2026, 11, 30)] * 2
    assert order.requested_delivery_date.value == dt.date(2026, 11, 30)
    assert order.requested_delivery_date.confidence < 0.7


def test_items_dated_the_order_s_own_day_may_be_its_date_repeated_for_a_person_to_say():
    rows = [
        ["Order", "PO-5521"],
        ["Order date", "17.12.2026"],
        [],
        ["Item", "Description", "Qty", "Price", "Date"],
        ["SL-3001", "Signal lamp LED red", "12", "148.00", "17.12.2026"],
        ["SL-3002", "Signal lamp LED green", "12", "148.00", "17.12.2026"],
    ]
    order = extract_from_sheet(rows)
    assert order.order_date.value == dt.date(2026, 12, 17)
    assert order.requested_delivery_date.value == dt.date(2026, 12, 17)
    assert order.requested_delivery_date.confidence < 0.7


def test_dates_in_a_column_no_title_names_make_the_order_wait_for_a_person():
    rows = [
        ["Bestellnummer", "2026-4530"],
        ["Bestelldatum", "15.12.2026"],
        [],
        ["Pos", "Artikel", "Bezeichnung", "Menge", "Einzelpreis", "Gesamtpreis", "Zustellung"],
        ["1", "FLT-250-S", "Diffusionsfilter 250", "50", "7,66", "383,00", "KW 3/2027"],
        ["2", "TPE-PVC50", "Tanzteppichband 50 mm", "20", "5,34", "106,80", "KW 2/2027"],
    ]
    order = extract_from_sheet(rows)
    assert order.requested_delivery_date.value == dt.date(2027, 1, 11)
    assert order.requested_delivery_date.confidence < 0.5


def test_an_order_unit_of_a_thousand_pieces_counts_the_pieces_priced_by_the_thousand():
    rows = [
        ["Pos", "Material", "Kurztext", "Menge", "ME", "Preis EUR", "Wert EUR"],
        [
            "10",
            "BF-5010",
            "RFID-Etikett ISO 15693, 50 x 50 mm",
            "10",
            "1.000 St",
            "198,00",
            "1.980,00",
        ],
        ["20", "BF-1032", "Buchschutzfolie 32 cm x 25 m", "24", "Rolle", "49,29", "1.182,96"],
    ]
    first, second = extract_from_sheet(rows).lines
    assert (first.quantity, first.unit_price, first.price_unit) == (10000, Decimal("198.00"), 1000)
    assert (second.quantity, second.unit_price, second.price_unit) == (24, Decimal("49.29"), None)


def test_a_price_before_a_discount_and_the_net_price_after_it_each_in_their_column():
    """ "Prix unitaire | Rem. % | Prix net": the gross price, the discount (a spreadsheet's
    5 % kept as 0.05) and the net price, which is the line's."""
    rows = [
        ["Ligne", "Réf.", "Libellé", "Quantité", "U", "Prix unitaire", "Rem. %", "Prix net"]
        + ["Total HT"],
        ["1", "SG-NE-257", "Filet d'échafaudage", "10", "rlx", "96", "", "96", "960"],
        ["2", "SG-NE-PLA", "Bâche d'échafaudage", "5", "rlx", "148", "0.05", "140.6", "703"],
    ]
    first, second = extract_from_sheet(rows).lines
    assert (first.unit_price, first.discount) == (96, None)
    assert (second.unit_price, second.discount, second.line_total) == (
        Decimal("140.6"),
        5,
        703,
    )


def test_a_bare_number_label_in_a_sheets_header_block_names_the_order():
    rows = [
        ["Glacier des Alpes Sàrl - Commande fournisseur"],
        ["No", "GA-1142"],
        ["Date", "10.12.2026"],
        ["Réf", "Article", "Quantité", "Unité", "Prix EUR", "Montant EUR"],
        ["GA-CITR", "Pâte citron Amalfi", "5", "kg", "16.2", "81"],
        ["PAS-2006", "Pâte fraise", "5", "kg", "16.8", "84"],
    ]
    assert extract_from_sheet(rows).po_number.value == "GA-1142"
    # a line number's title is no label: the items' "1", "2" are no order number
    items = [
        ["Commande fournisseur"],
        ["No", "Article", "Quantité", "Prix", "Montant"],
        ["1", "Pâte citron Amalfi", "5", "16.2", "81"],
        ["2", "Pâte fraise", "5", "16.8", "84"],
    ]
    assert extract_from_sheet(items).po_number is None


def test_the_order_and_its_number_opening_the_document_before_a_dash():
    rows = [
        ["Order 4410029611 - raised 30/11/2026 - deliver to Main Library (Ellison Building)"],
        ["Supplier Cat No", "Description", "Packs", "Price per pack (GBP)", "Line total"],
        ["BF-7410", "Shelf dividers, steel, 22cm", "4", "66.75", "267"],
        ["BF-5030", "RFID CD/DVD ring tags 41mm", "10", "44", "440"],
    ]
    assert extract_from_sheet(rows).po_number.value == "4410029611"


def test_a_delivery_point_in_one_cell_of_the_header_block():
    rows = [
        ["Company", "PONDLIFE GARDEN CENTRES LTD"],
        ["PO Number", "PL-PO-0080155"],
        ["Delivery Point", "DC01 - WAKEFIELD DC, UNIT 3 CALDER PARK WAY, WAKEFIELD WF2 7UA"],
        ["Due Date", "2026-12-09"],
        [],
        ["Line No", "Vendor SKU", "Item Description", "Total Units", "Unit Cost", "Extended Cost"],
        [10, "BW-WT-ALG500", "POND ALGAE CONTROL ALGOSTOP 500 ML", 24, 14.9, 357.6],
    ]
    ship_to = extract_from_sheet(rows).ship_to.value
    assert (ship_to.street, ship_to.postal_code, ship_to.city) == (
        "UNIT 3 CALDER PARK WAY",
        "WF2 7UA",
        "WAKEFIELD",
    )


def test_a_joiners_sheet_with_a_deliver_row_and_numbers_off():
    rows = [
        ["", "WHITCOMBE JOINERY – ORDER"],
        ["", "PO:", "WJ-PO-04471", "", "Date:", "16-Dec-2026"],
        ["", "Deliver:", "Harewood Lodge (site), Church Lane, Harewood, Leeds LS17 9LJ"],
        [],
        ["", "our code", "your code", "item", "no. off", "£ each", "£"],
        ["", "WJ-IRN-114", "", "hinges 100 SSS", 64, 7.6, 486.4],
        ["", "", "KB-CLS-2030", "closers 2-4", 16, 68.9, 1102.4],
    ]
    order = extract_from_sheet(rows)
    assert [(ln.quantity, ln.unit_price) for ln in order.lines] == [
        (Decimal("64"), Decimal("7.6")),
        (Decimal("16"), Decimal("68.9")),
    ]
    assert order.ship_to.value.postal_code == "LS17 9LJ"


def test_a_charge_row_among_the_items_does_not_end_the_table():
    rows = [
        ["Commande n°", "CMD-1219"],
        [],
        ["Référence", "Désignation", "Quantité", "Prix unitaire", "Total"],
        ["URN-103", "Urne céramique émaillée bleu nuit", "2", "64,00", "128,00"],
        ["", "Frais de port", "1", "25,00", "25,00"],
        ["PAP-508", "Papier carte imprimable (ramette de 100)", "2", "17,80", "35,60"],
        ["URN-104", "Urne marbre blanc de Carrare", "3", "145,00", "435,00"],
        ["", "", "", "Total marchandises", "598,60"],
    ]
    order = extract_from_sheet(rows)
    assert [(ln.customer_sku or ln.sku, ln.quantity) for ln in order.lines] == [
        ("URN-103", Decimal("2")),
        ("PAP-508", Decimal("2")),
        ("URN-104", Decimal("3")),
    ]
    assert order.total.value == Decimal("598.60")


def _weekly_export(week: str, title: str = "DeliveryWeek") -> list[list[str]]:
    titles = ["OrderNo", "OrderDate", title, "ItemCode", "Description", "Qty", "Unit"]
    titles += ["NetPrice", "LineValue"]
    return [
        titles,
        ["BST-26-00988", "03-12-2026", week, "KGN-20024", "GLASLAT PVC 24MM", "240", "MTR"]
        + ["1,55", "372,00"],
        ["BST-26-00988", "03-12-2026", week, "KGN-10031", "SILICONE 310ML GRIJS", "50", "ST"]
        + ["6,95", "347,50"],
    ]


@pytest.mark.parametrize(
    ("week", "title"),
    [("2026-51", "DeliveryWeek"), ("51/2026", "Liefer-KW"), ("2026-W51", "Semaine livr.")],
)
def test_a_column_of_delivery_weeks_asks_for_each_weeks_monday(week, title):
    order = extract_from_sheet(_weekly_export(week, title))
    assert [ln.requested_date for ln in order.lines] == [dt.date(2026, 12, 14)] * 2
    assert order.requested_delivery_date.value == dt.date(2026, 12, 14)


def test_a_date_column_read_as_no_date_leaves_the_day_to_a_person():
    """Whatever a date column holds, if its cells read as no day, the order is not approved
    as if none had been asked for."""
    order = extract_from_sheet(_weekly_export("2026/51 ±3"))
    assert order.requested_delivery_date.value is None
    assert order.requested_delivery_date.confidence < 0.5


def test_the_units_the_packs_make_are_the_quantity_and_line_pounds_the_amount():
    rows = [
        ["NORTHERN LIGHT FRAMES LTD", "", "", "", "", "PO:", "NLF-10488"],
        [],
        ["Description", "Supplier code", "Pack", "No. of packs", "Total units"]
        + ["Unit price £", "Line £"],
        ["Conservation mountboard 81x102", "MB-8101", "10 sheets", "5", "50", "6", "300"],
        ["D-rings 20mm brass", "HW-0101", "200 pcs", "2", "400", "0.05", "20"],
        [],
        ["", "", "", "", "", "Total", "320"],
    ]
    order = extract_from_sheet(rows)
    got = [(ln.quantity, ln.unit_price, ln.line_total) for ln in order.lines]
    assert got == [
        (Decimal(50), Decimal(6), Decimal(300)),
        (Decimal(400), Decimal("0.05"), Decimal(20)),
    ]


def test_a_reorder_sheet_orders_its_order_column_beside_the_stock_levels():
    rows = [
        ["O'Donnell Shoe & Key - reorder sheet"],
        ["PO", "OD/1209/03"],
        [],
        ["Item", "Hammerschmidt code", "On hand", "Min", "Order", "Price €", "Line €"],
        ["Heel tips 10x12 blk", "HT-1010", "2", "4", "3", "14.9", "44.7"],
        ["Heel tips 11x13 blk", "HT-1011", "5", "4", "0", "14.9", ""],
        ["Half soles men blk", "SO-2021", "6", "5", "", "15.6", ""],
        ["UL2 blanks", "KB-8010", "60", "100", "150", "0.38", "57"],
        [],
        ["Order value", "", "", "", "", "", "101.7"],
    ]
    order = extract_from_sheet(rows)
    got = [(ln.customer_sku, ln.quantity, ln.unit_price) for ln in order.lines]
    assert got == [
        ("HT-1010", Decimal(3), Decimal("14.9")),
        ("KB-8010", Decimal(150), Decimal("0.38")),
    ]


def test_a_vendor_number_repeated_on_every_row_is_no_item_code():
    rows = [
        ["PO_NUMBER", "PO_DATE", "VENDOR_NO", "LINE_NUM", "VENDOR_ITEM", "ITEM_DESC", "QTY"]
        + ["UOM", "UNIT_COST"],
        ["LEH-PO-20988", "06-NOV-2026", "V00318", "1", "FR-1003", "HALF RAFTER 3.1M", "4"]
        + ["Each", "138.06"],
        ["LEH-PO-20988", "06-NOV-2026", "V00318", "2", "FR-1006", "RIDGE PURLIN 3.0M", "2"]
        + ["Each", "67.86"],
        ["LEH-PO-20988", "06-NOV-2026", "V00318", "3", "RP-2004", "PVC ROOF PANEL CLEAR", "1"]
        + ["Each", "395.46"],
    ]
    order = extract_from_sheet(rows)
    assert [ln.sku for ln in order.lines] == ["FR-1003", "FR-1006", "RP-2004"]
