import datetime as dt
from decimal import Decimal

import pytest

from ingestion.extraction import extract_from_layout, extract_from_text
from ingestion.reading import read_pdf
from tests.extraction.docs import as_scan, pdf, table


def _po_letter(header: list[tuple[float, float, str]]) -> bytes:
    body = [
        (40, 40, "Brasserie du Nord SARL"),
        (40, 52, "12 rue de la Gare"),
        (40, 64, "59000 Lille"),
        *header,
        *table(
            [40, 110, 330, 400, 480],
            300,
            [
                ["Réf.", "Désignation", "Qté", "Prix unitaire", "Montant"],
                ["A-778", "Gaine thermo 6 mm", "12", "3,45", "41,40"],
            ],
        ),
        (400, 350, "Total HT"),
        (480, 350, "41,40"),
    ]
    return pdf([body])


def test_po_number_and_dates_right_of_their_labels_in_french():
    layout = read_pdf(
        _po_letter(
            [
                (330, 40, "BON DE COMMANDE"),
                (330, 60, "N° de commande :"),
                (440, 60, "BC-2026-0042"),
                (330, 72, "Date :"),
                (440, 72, "27/11/2026"),
                (330, 84, "Date de livraison souhaitée :"),
                (470, 84, "semaine 50"),
            ]
        )
    )
    order = extract_from_layout(layout)
    assert order.po_number.value == "BC-2026-0042"
    assert order.order_date.value == dt.date(2026, 11, 27)
    assert order.requested_delivery_date.value == dt.date(2026, 12, 7)
    assert order.currency is None
    assert order.total.value == Decimal("41.40")
    assert order.total.confidence >= 0.9  # the printed total, no charge of 12 in the address
    assert order.language == "fr"
    assert order.is_order is True


def test_values_below_their_labels_in_a_header_row():
    layout = read_pdf(
        _po_letter(
            [
                (300, 100, "Bestellnummer"),
                (400, 100, "Bestelldatum"),
                (490, 100, "Liefertermin"),
                (300, 112, "4500012345"),
                (400, 112, "27.11.2026"),
                (490, 112, "KW 50"),
            ]
        )
    )
    order = extract_from_layout(layout)
    assert order.po_number.value == "4500012345"
    assert order.po_number.rule == "label_below:bestellnummer"
    assert order.order_date.value == dt.date(2026, 11, 27)
    assert order.requested_delivery_date.value == dt.date(2026, 12, 7)


@pytest.mark.parametrize(
    ("printed", "po"),
    [("N° CDE-2611-087", "CDE-2611-087"), ("N° Cde 2611-087", "2611-087")],
)
def test_a_labels_abbreviation_glued_to_the_number_is_the_numbers_prefix(printed, po):
    layout = read_pdf(_po_letter([(330, 40, "BON DE COMMANDE"), (330, 60, printed)]))
    assert extract_from_layout(layout).po_number.value == po


def test_invoice_and_vendor_numbers_are_not_the_po_number():
    text = "Invoice No: INV-9921\nVendor No: 88812\nYour order no.: PO-5521\nDate: 2026-11-27\n"
    order = extract_from_text(text)
    assert order.po_number.value == "PO-5521"


def test_ship_to_block_is_read_and_the_vendor_block_kept_apart():
    layout = read_pdf(
        pdf(
            [
                [
                    (40, 40, "Contoso Electronics"),
                    (40, 52, "3800 148th Ave NE"),
                    (40, 64, "Redmond, WA 98052"),
                    (400, 40, "PURCHASE ORDER"),
                    (400, 60, "PO #"),
                    (460, 60, "190122"),
                    (400, 72, "DATE"),
                    (460, 72, "7/27/2019"),
                    (40, 120, "VENDOR"),
                    (300, 120, "SHIP TO"),
                    (40, 134, "Adatum Corporation"),
                    (300, 134, "Contoso Electronics"),
                    (40, 146, "3333 Bristol Street"),
                    (300, 146, "21930 SE 51st St"),
                    (40, 158, "Costa Mesa, CA 92626"),
                    (300, 158, "Issaquah, WA 98029"),
                    *table(
                        [40, 130, 330, 400, 480],
                        220,
                        [
                            ["ITEM #", "DESCRIPTION", "QTY", "UNIT PRICE", "TOTAL"],
                            ["MM4-4010", "Micro-Motor #4", "89", "62.00", "5,518.00"],
                        ],
                    ),
                    (400, 300, "SUBTOTAL"),
                    (480, 300, "5,518.00"),
                    (400, 312, "TOTAL"),
                    (480, 312, "$5,900.00"),
                ]
            ]
        )
    )
    order = extract_from_layout(layout)
    ship = order.ship_to.value
    assert (ship.name, ship.street, ship.postal_code, ship.city, ship.country) == (
        "Contoso Electronics",
        "21930 SE 51st St",
        "98029",
        "Issaquah",
        "US",
    )
    assert order.vendor.value.postal_code == "92626"
    assert order.buyer.value.postal_code == "98052"
    assert order.order_date.value == dt.date(2019, 7, 27)
    assert order.currency.value == "USD"
    assert order.total.value == Decimal("5518.00")
    assert order.grand_total.value == Decimal("5900.00")


def test_german_labels_in_an_email_body():
    text = (
        "Sehr geehrte Damen und Herren,\n\n"
        "Bestell-Nr.: 4711-0815\n"
        "Wunschtermin: 04.12.2026\n"
        "Lieferanschrift:\n"
        "Müller GmbH\nIndustriestraße 5\n80331 München\n\n"
        "Bitte liefern Sie 5 Stück Art.-Nr. 12345\n\n"
        "Mit freundlichen Grüßen\n"
    )
    order = extract_from_text(text, sent_date=dt.date(2026, 11, 27))
    assert order.po_number.value == "4711-0815"
    assert order.requested_delivery_date.value == dt.date(2026, 12, 4)
    assert order.order_date.value == dt.date(2026, 11, 27)
    assert order.order_date.rule == "sent_date"
    assert order.ship_to.value.postal_code == "80331"
    assert order.ship_to.value.city == "München"
    assert order.language == "de"


def test_a_requisitions_number_where_no_po_number_is_printed():
    from ingestion.extraction import extract_from_sheet

    rows = [
        ["Danube Hospitality Management GmbH"],
        ["Requisition no.", "REQ-DHM-2026-0977"],
        ["Created", "20/11/2026"],
        ["Supplier Item No", "Item", "Order Qty", "UOM", "Last Price"],
        ["FW-51050", "Universal wall bracket", "12", "EACH", "5.90"],
    ]
    assert extract_from_sheet(rows).po_number.value == "REQ-DHM-2026-0977"


@pytest.mark.parametrize(
    "sentence",
    [
        "Notre bon de commande porte le numéro 2026/139 ; merci de le mentionner.",
        "Our purchase order has the number 2026/139, please quote it.",
        "Unsere Bestellung trägt die Nummer 2026/139.",
        # what the number is for, before its colon
        "Bestellnummer gemäss SAP: 2026/139",
        "Bestellnummer für die Rechnung: 2026/139",
        "Order number for your invoice: 2026/139",
        "Our ref for this one is 2026/139. Would need it before the 27th Nov.",
    ],
)
def test_a_sentence_that_gives_the_orders_number(sentence):
    order = extract_from_text(f"Bonjour,\n\n12 x FW-31030\n\n{sentence}\n")
    assert order.po_number.value == "2026/139"


def test_currency_label_wins_over_symbols():
    order = extract_from_text("Order no: 123456\nCurrency: CHF\nTotal 1'250.00 $\n")
    assert order.currency.value == "CHF"
    assert order.currency.confidence >= 0.9


def test_delivery_dates_written_in_sentences():
    assert extract_from_text(
        "Bitte liefern Sie bis spätestens 02.12.26."
    ).requested_delivery_date.value == dt.date(2026, 12, 2)
    assert extract_from_text(
        "Merci de livrer avant le 3 décembre 2026."
    ).requested_delivery_date.value == dt.date(2026, 12, 3)
    assert extract_from_text(
        "Requested delivery: 25.05.26"
    ).requested_delivery_date.value == dt.date(2026, 5, 25)


def test_the_po_number_in_an_email_subject():
    order = extract_from_text("Hi,\n* RB-60L-BK: 30 EA\n", subject="RE: PO PO-2026-96903")
    assert order.po_number.value == "PO-2026-96903"
    assert [(ln.customer_sku, ln.quantity) for ln in order.lines] == [("RB-60L-BK", Decimal(30))]


def test_order_and_commande_in_a_subject_name_the_po_number():
    body = "Hello,\n- 2 x SCR-4X30-ZN\n"
    assert extract_from_text(body, subject="Order P435065-11").po_number.value == "P435065-11"
    assert extract_from_text(body, subject="TR: Commande 4500063601").po_number.value == (
        "4500063601"
    )
    assert extract_from_text(body, subject="Bestellung 4711-26 / KW 50").po_number.value == (
        "4711-26"
    )
    assert extract_from_text(body, subject="Order for next week").po_number is None


def test_an_order_line_near_the_signature_is_not_the_senders_address():
    body = (
        "Hi Thomas,\n\nwe would like to order the following items:\n\n"
        "MAT-47166099  Labels 100x50 mm, thermal transfer, roll of 1000  5 PC\n\n"
        "Kind regards,\n\nGareth Brown\nPennine Logistics Ltd\nKingsweston Lane\n"
        "Bristol BS11 8AZ\n"
    )
    order = extract_from_text(body, subject="PO CMD803542")
    assert order.buyer.value.postal_code == "BS11 8AZ"


def test_a_label_wrapped_over_two_lines_of_a_narrow_column():
    layout = read_pdf(
        pdf(
            [
                [
                    (40, 40, "ACME GmbH"),
                    (300, 60, "Gewünschter"),
                    (400, 60, "02.03.26"),
                    (40, 66, "USt-ID: DE123"),
                    (300, 70, "Liefertermin"),
                ]
            ]
        )
    )
    assert extract_from_layout(layout).requested_delivery_date.value == dt.date(2026, 3, 2)


def test_a_date_broken_by_the_edge_of_its_cell_goes_on_at_the_cell_s_left():
    layout = read_pdf(
        pdf(
            [
                [
                    (40, 40, "Spedition Lorenz GmbH"),
                    (40, 52, "Am Tullnaupark 8, 90402 Nürnberg"),
                    (40, 90, "Datum der Bestellung: 23."),
                    (300, 90, "Ansprechpartner: Michael"),
                    (40, 101, "März 2026"),
                    (170, 101, "Lieferdatum: 14. April 2026"),
                    (300, 101, "Wolf"),
                ]
            ]
        )
    )
    order = extract_from_layout(layout)
    assert order.order_date.value == dt.date(2026, 3, 23)
    assert order.requested_delivery_date.value == dt.date(2026, 4, 14)


def test_a_day_alone_after_its_label_is_no_date_when_the_next_line_does_not_end_it():
    layout = read_pdf(
        pdf(
            [
                [
                    (40, 40, "Spedition Lorenz GmbH"),
                    (40, 90, "Bestelldatum: 23."),
                    (40, 101, "Kostenstelle 3532"),
                ]
            ]
        )
    )
    assert extract_from_layout(layout).order_date is None


def test_a_delivery_block_under_bitte_liefern_an_starts_under_bitte():
    layout = read_pdf(
        pdf(
            [
                [
                    (50, 40, "Seniorenzentrum Saarbrücken-St. Johann gGmbH"),
                    (50, 52, "Mainzer Straße 120 · 66121 Saarbrücken"),
                    (50, 90, "Bitte liefern an:"),
                    (320, 90, "Rechnung an:"),
                    (50, 101, "Seniorenzentrum St. Johann - Haus am Staden"),
                    (320, 101, "Verwaltung (s. Briefkopf)"),
                    (50, 112, "Wohnbereich 2 / Lager UG"),
                    (50, 123, "Am Staden 18"),
                    (50, 134, "66121 Saarbrücken"),
                ]
            ]
        )
    )
    ship_to = extract_from_layout(layout).ship_to
    assert (ship_to.value.street, ship_to.value.postal_code) == ("Am Staden 18", "66121")
    assert ship_to.confidence >= 0.9


def test_values_under_labels_beside_a_tall_title_and_order_number_is_no_title():
    """Xero's purchase order: "PURCHASE ORDER" twice the text's height on the line of the
    "Delivery Date" label, the date under the label higher than the title's bottom; "Order
    Number" beside the letterhead's postcode, its number under it."""
    import io

    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=A4)
    height = A4[1]
    c.setFont("Helvetica", 22)
    c.drawString(57, height - 84, "PURCHASE ORDER")
    c.setFont("Helvetica", 9)
    for x, y, text in [
        (284, 69, "Delivery Date"),
        (397, 69, "Tyneside Music Centre Ltd"),
        (284, 80, "3 Dec 2026"),
        (397, 80, "42 Grainger Street"),
        (397, 90, "Newcastle upon Tyne"),
        (284, 101, "Order Number"),
        (397, 101, "NE1 5JG"),
        (284, 112, "PO-0755"),
        (397, 112, "0191 232 7781"),
        (57, 232, "Date 25 Nov 2026"),
    ]:
        c.drawString(x, height - y, text)
    c.showPage()
    c.save()
    order = extract_from_layout(read_pdf(buffer.getvalue()))
    assert order.po_number.value == "PO-0755"
    assert order.requested_delivery_date.value == dt.date(2026, 12, 3)


def test_a_british_letterhead_with_its_postcode_on_its_own_line():
    layout = read_pdf(
        pdf(
            [
                [
                    (40, 40, "Harrow Engineering Supplies Ltd"),
                    (420, 40, "PURCHASE ORDER"),
                    (40, 52, "2 Brindley Road, Bletchley"),
                    (40, 64, "Milton Keynes"),
                    (40, 76, "MK1 1QZ"),
                    (40, 100, "Norvell Industrie SAS"),
                    (40, 112, "18 rue des Frères Lumière"),
                    (40, 124, "69680 Chassieu"),
                ]
            ]
        )
    )
    buyer = extract_from_layout(layout).buyer.value
    assert (buyer.name, buyer.postal_code, buyer.city) == (
        "Harrow Engineering Supplies Ltd",
        "MK1 1QZ",
        "Milton Keynes",
    )


def test_a_short_delivery_heading_in_a_row_of_address_headings_is_a_plain_ship_to():
    def document(headings):
        return read_pdf(
            pdf(
                [
                    [
                        (40, 40, "Commande fournisseur N° E26/45120"),
                        *table(
                            [40, 220, 400],
                            80,
                            [
                                headings,
                                ["Norvell SAS", "Métallerie SAS - Magasin", "Métallerie SAS"],
                                ["18 rue des Frères Lumière", "17 route du Rhin", "2 allée Turing"],
                                ["69680 Chassieu", "67100 Strasbourg", "21000 Dijon"],
                            ],
                        ),
                    ]
                ]
            )
        )

    row = extract_from_layout(document(["Fournisseur", "Livraison", "Adresse de facturation"]))
    assert row.ship_to.value.postal_code == "67100"
    assert row.ship_to.confidence >= 0.85
    alone = extract_from_layout(document(["", "Livraison", ""]))
    assert alone.ship_to.value.postal_code == "67100"
    assert alone.ship_to.confidence < 0.85


def test_the_date_of_the_message_or_quote_an_order_answers_is_not_its_date():
    order = extract_from_text(
        "BESTELLUNG Nr. 4711\nIhre Nachricht vom: 17.10.2026     Datum: 03.11.2026\n\n"
        "Menge\tArtikel\n5\tX-1\n"
    )
    assert order.order_date.value == dt.date(2026, 11, 3)
    order = extract_from_text(
        "Bon de commande 12\nVotre offre du 12/10/2026\nDijon, le 16 novembre 2026\n\n"
        "Qté\tRéf\n5\tX-1\n"
    )
    assert order.order_date.value == dt.date(2026, 11, 16)


def test_livraison_colon_le_is_the_delivery_date_not_the_order_date():
    order = extract_from_text(
        "Commande 4711 du 09/11/2026\nLivraison : le 20/11/2026 avant 12h00\n\nQté\tRéf\n5\tX-1\n"
    )
    assert (order.order_date.value, order.requested_delivery_date.value) == (
        dt.date(2026, 11, 9),
        dt.date(2026, 11, 20),
    )


def _sap_form(items, *, wrapped=()):
    rows = [["Pos.", "Material", "Bezeichnung", "Menge", "Preis", "Wert"]]
    for n, (material, name, qty, price, amount) in enumerate(items, start=1):
        rows.append([f"000{n}0", material, name, qty, price, amount])
        if n in wrapped:  # "Liefertermin: T" and the date on the row below
            rows.append(["", "", "Liefertermin: T", "", "", ""])
            rows.append(["", "", "14.12.2026", "", "", ""])
        else:
            rows.append(["", "", "Liefertermin: 14.12.2026", "", "", ""])
    return read_pdf(
        pdf(
            [
                [
                    (40, 40, "HOFFMANN GMBH"),
                    (330, 40, "Bestellung"),
                    (330, 56, "Bestellnummer/Datum"),
                    (430, 56, "4500012345 / 23.11.2026"),
                    *table([40, 90, 150, 330, 390, 450], 120, rows),
                ]
            ]
        )
    )


def test_a_sap_number_and_date_label_gives_both_and_a_delivery_date_under_every_item():
    order = extract_from_layout(
        _sap_form(
            [
                ("10005414", "Keilriemen SPA 1400", "1", "11,70", "11,70"),
                ("10006080", "Senkschraube M5x16", "20", "0,12", "2,40"),
            ]
        )
    )
    assert (order.po_number.value, order.po_number.confidence >= 0.9) == ("4500012345", True)
    assert (order.order_date.value, order.order_date.confidence >= 0.9) == (
        dt.date(2026, 11, 23),
        True,
    )
    assert order.requested_delivery_date.value == dt.date(2026, 12, 14)
    assert order.requested_delivery_date.confidence >= 0.9


def test_a_delivery_date_under_every_item_also_when_some_wrap_to_the_next_row():
    items = [
        ("10005414", "Keilriemen SPA 1400", "1", "11,70", "11,70"),
        ("10006080", "Senkschraube M5x16", "20", "0,12", "2,40"),
        ("10006081", "Senkschraube M5x20", "20", "0,14", "2,80"),
    ]
    delivery = extract_from_layout(_sap_form(items, wrapped=(2,))).requested_delivery_date
    assert (delivery.value, delivery.confidence >= 0.9) == (dt.date(2026, 12, 14), True)


def test_a_bare_numero_on_a_page_titled_commande_is_the_po_number():
    def document(title):
        return read_pdf(
            pdf(
                [
                    [
                        (40, 40, "Atelier Genevois SA"),
                        (380, 40, title),
                        (330, 80, "Numéro"),
                        (400, 80, "Date"),
                        (330, 92, "CDE-26-0099"),
                        (400, 92, "13/11/2026"),
                        *table(
                            [40, 90, 300, 360],
                            140,
                            [["Qté", "Code article", "PU HT", "Montant HT"]]
                            + [
                                ["20", "225-0021", "0.15", "3.00"],
                                ["30", "321-0018", "28.70", "861.00"],
                            ],
                        ),
                    ]
                ]
            )
        )

    order = extract_from_layout(document("COMMANDE"))
    assert order.po_number.value == "CDE-26-0099"
    assert order.po_number.confidence >= 0.75
    untitled = extract_from_layout(document(""))
    assert untitled.po_number.confidence < 0.75


def test_a_reference_right_of_the_title_whose_number_label_wrapped_below_is_the_po_number():
    def document(title, value="HVHA-PO-2026-1187"):
        return read_pdf(
            pdf(
                [
                    [
                        (40, 40, "Harrow Vale Housing Association"),
                        (70, 90, title),
                        (200, 90, value),
                        (70, 102, "No:"),
                        (70, 116, "Date:"),
                        (200, 116, "25 November 2026"),
                        (70, 130, "Job / Void ref:"),
                        (200, 130, "VOID-2611-017"),
                        *table(
                            [40, 90, 360],
                            180,
                            [["Item", "Description of goods", "Qty"]]
                            + [["1", "Lockshield valve 15mm", "3"]],
                        ),
                    ]
                ]
            )
        )

    po = extract_from_layout(document("OFFICIAL ORDER")).po_number
    assert (po.value, po.confidence >= 0.75) == ("HVHA-PO-2026-1187", True)
    # a date right of the title is no reference
    dated = extract_from_layout(document("OFFICIAL ORDER", "25/11/2026")).po_number
    assert dated is None or dated.value != "25/11/2026"


def test_a_title_sentence_names_the_po_number_and_its_date():
    from ingestion.extraction import extract_from_sheet

    order = extract_from_sheet(
        [
            ["Commande Menuiserie Gauthier n° MG-2026-031 du 27/11/2026"],
            [],
            ["Référence", "Désignation", "Qté"],
            ["933-M8x40", "vis tête hexa M8x40", "2"],
            ["934-M8", "écrous M8", "2"],
        ]
    )
    assert (order.po_number.value, order.po_number.confidence >= 0.75) == ("MG-2026-031", True)
    assert (order.order_date.value, order.order_date.confidence >= 0.75) == (
        dt.date(2026, 11, 27),
        True,
    )


def test_a_spreadsheet_key_value_row_trusts_the_cell_beside_the_label():
    from ingestion.extraction import extract_from_sheet

    rows = [["Bestellung", "4500098840"], ["Belegdatum", "26.11.2026"], []]
    rows += [["Material", "Kurztext", "Menge"], ["100005120", "Scheibe M12", "25"]]
    order = extract_from_sheet(rows)
    assert order.po_number.value == "4500098840"
    assert order.po_number.confidence >= 0.75


def test_delivery_addresses_announced_in_a_sentence():
    german = extract_from_text(
        "Bestellung 4500187345\nBitte liefern Sie an:\nHoffmann GmbH Werk 2\n"
        "Robert-Bosch-Str. 40\n73054 Eislingen/Fils\n\nMenge\tArtikel\n5\tX-1\n"
    )
    assert german.ship_to.value.postal_code == "73054"
    french = extract_from_text(
        "Commande n° TG-2611-04\n\nQté\tRéf\n5\tX-1\n\n"
        "Livraison souhaitée pour le 16/12/2026, à l'adresse suivante :\n"
        "Transports Garnier Dépôt de Beaune\n12 rue des Vignes\n21200 Beaune\n"
    )
    assert french.ship_to.value.postal_code == "21200"


def test_a_number_after_a_label_is_no_postal_code():
    from ingestion.extraction.addresses import parse_postal_line

    assert parse_postal_line("Objet : Commande n° 1131", language="fr") is None
    assert parse_postal_line("Kunden-Nr. bei Ihnen: 20931", language="de") is None
    assert parse_postal_line("Nyon 1260", language="fr") == ("1260", "Nyon", None)
    assert parse_postal_line("Ihr Elektromeister in Aachen seit 1987", language="de") is None
    # a year, then a word that is no town: "Preise aus Ihrer Liste 2026 übernommen"
    assert parse_postal_line("2026 übernommen", language="de") is None
    assert parse_postal_line("2026 Cudrefin", language="fr") == ("2026", "Cudrefin", "BE")


def test_an_american_street_is_no_european_postal_line():
    from ingestion.extraction.addresses import parse_address, parse_postal_line

    assert parse_postal_line("1999 N Stemmons Fwy") is None
    assert parse_postal_line("3000 SE 5th Ave") is None
    assert parse_postal_line("3100 Sankt Pölten") == ("3100", "Sankt Pölten", None)
    signature = extract_from_text(
        "Please ship 220 M of RP-PP-8MM.\n\nMany thanks,\n\nAshley Davis\n"
        "Keystone Fabrication LLC\n1999 N Stemmons Fwy\nDallas, TX 75207\n"
    )
    assert signature.buyer.value.postal_code == "75207"
    assert parse_address(["1999 N Stemmons Fwy", "Dallas, TX 75207"]).street == (
        "1999 N Stemmons Fwy"
    )


def test_a_cable_type_is_no_british_postcode():
    from ingestion.extraction.addresses import parse_postal_line

    assert parse_postal_line("Gummileitung H07RN-F 5G2,5") is None
    assert parse_postal_line("Sheffield S2 3EN") == ("S2 3EN", "Sheffield", "GB")


def test_a_dutch_postcode_whose_letters_read_as_an_ordinal():
    from ingestion.extraction.addresses import parse_postal_line

    assert parse_postal_line("6213 ND Maastricht") == ("6213 ND", "Maastricht", "NL")
    assert parse_postal_line("1012 ST Amsterdam") == ("1012 ST", "Amsterdam", "NL")
    assert parse_postal_line("1200 ST PAUL STREET") is None


def test_an_account_letter_before_a_number_is_no_countrys_prefix():
    from ingestion.extraction.addresses import parse_postal_line

    assert parse_postal_line("K-7003 Ardenne Funéraire") is None
    assert parse_postal_line("L-9050 Ettelbruck") == ("9050", "Ettelbruck", "LU")


def test_a_letters_date_after_its_town_or_alone_at_the_top_is_its_order_date():
    def letter(date_text):
        return read_pdf(
            pdf(
                [
                    [
                        (40, 40, "Schreinerei Bauer"),
                        (40, 52, "Lehener Str. 9 | 79106 Freiburg"),
                        (40, 90, "Techniflux Industrial Supplies SAS"),
                        (380, 90, date_text),
                        (40, 102, "14 Rue du Rhin"),
                        (40, 114, "67100 Strasbourg"),
                        (40, 140, "Bestellung B-2611"),
                        *table(
                            [40, 90, 330, 400],
                            170,
                            [
                                ["Menge", "Bezeichnung", "Preis", "Gesamt"],
                                ["80", "Schlauch", "8,30", "664,00"],
                            ],
                        ),
                    ]
                ]
            )
        )

    in_town = extract_from_layout(letter("Freiburg im Breisgau, 11.11.2026")).order_date
    assert (in_town.value, in_town.confidence >= 0.75) == (dt.date(2026, 11, 11), True)
    alone = extract_from_layout(letter("26 November 2026")).order_date
    assert (alone.value, alone.confidence >= 0.75) == (dt.date(2026, 11, 26), True)


def test_deliver_the_following_by_a_date():
    order = extract_from_text(
        "Hello,\n\nplease deliver the following by Dec 15th at the latest:\n\n"
        "1) 8 x OIL-HLP46-20 hydraulic oil\n",
        subject="PO 7700-2291",
    )
    assert order.requested_delivery_date.value.month == 12
    assert order.requested_delivery_date.value.day == 15


def test_expected_goods_receipt_date_is_the_delivery_date():
    order = extract_from_text("Bestellung 106033\nErwartetes Wareneingangsdatum     02.12.2026\n")
    assert order.requested_delivery_date.value == dt.date(2026, 12, 2)
    assert order.requested_delivery_date.confidence >= 0.85


def test_a_us_ship_to_written_on_one_line():
    order = extract_from_text(
        "PO 123\nShip to: Redwood Packaging Co., 6101 W Centinela Ave, Los Angeles, CA 90045\n\n"
        "Qty\tItem\n5\tX-1\n"
    )
    ship = order.ship_to.value
    assert (ship.street, ship.postal_code, ship.city, ship.country) == (
        "6101 W Centinela Ave",
        "90045",
        "Los Angeles",
        "US",
    )


def test_the_number_in_a_replys_subject_is_not_sure_on_its_own():
    body = "Bonjour,\n\n- 6 x HSS-8.0\n- 2 x HSS-SET-19\n"
    fresh = extract_from_text(body, subject="Commande DM-2611-09")
    assert fresh.po_number.confidence >= 0.75
    reply = extract_from_text(body, subject="RE: Commande DM-2611-02")
    assert reply.po_number.value == "DM-2611-02"
    assert reply.po_number.confidence < 0.75  # perhaps the thread's older order


def test_a_week_and_its_day_give_the_day():
    order = extract_from_text("Bestellung 4711\nLiefertermin: KW 10 / 07.03.2025\n")
    assert order.requested_delivery_date.value == dt.date(2025, 3, 7)


def test_a_flat_export_repeats_the_order_number_and_dates_on_every_row():
    from ingestion.extraction import extract_from_sheet

    head = [
        "Bestellnummer",
        "Bestelldatum",
        "Liefertermin",
        "Artikelnummer",
        "Menge",
        "Einzelpreis",
    ]
    rows = [head]
    rows += [
        ["B-118501", "20.03.2025", "02.04.2025", code, "10", "9,64"] for code in ("T-1", "T-2")
    ]
    order = extract_from_sheet(rows)
    assert (order.po_number.value, order.po_number.confidence >= 0.75) == ("B-118501", True)
    assert order.order_date.value == dt.date(2025, 3, 20)
    assert order.requested_delivery_date.value == dt.date(2025, 4, 2)
    rows[2][0] = "B-118502"  # two orders in one file: no one number for the order
    mixed = extract_from_sheet(rows).po_number
    assert mixed is None or mixed.confidence < 0.75


def test_an_erp_exports_short_column_names():
    from ingestion.extraction import extract_from_sheet

    head = ["NumCde", "DateCde", "DateLiv", "CodeFourn", "CodeArticle", "Quantite", "PrixUnitaire"]
    rows = [head] + [
        ["LD-C-26-0934", "02/12/2026", "09/12/2026", "F00412", code, "20", "19,75"]
        for code in ("BOX-SW-400", "BOX-SW-600")
    ]
    order = extract_from_sheet(rows)
    assert order.po_number.value == "LD-C-26-0934"
    assert order.order_date.value == dt.date(2026, 12, 2)
    assert order.requested_delivery_date.value == dt.date(2026, 12, 9)


def test_the_order_forms_document_number_is_its_po_number():
    order = extract_from_text("BON DE COMMANDE\nN° pièce\tDate\nBC25-0412\t04/03/2025\n")
    assert order.po_number.value == "BC25-0412"
    assert order.po_number.confidence >= 0.75


def test_please_deliver_to_takes_the_whole_block_under_it():
    layout = read_pdf(
        pdf(
            [
                [
                    (40, 40, "Industrias Navarro S.L."),
                    (300, 40, "PURCHASE ORDER 4500012345"),
                    (40, 100, "Please deliver to:"),
                    (40, 112, "Industrias Navarro S.L."),
                    (40, 124, "Polígono Plaza, Calle Bari 31"),
                    (40, 136, "50197 Zaragoza"),
                ]
            ]
        )
    )
    ship = extract_from_layout(layout).ship_to.value
    assert (ship.name, ship.postal_code) == ("Industrias Navarro S.L.", "50197")


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Merci de livrer directement sur le chantier : Résidence Les Tilleuls, 22 boulevard "
            "des Poilus, 44300 Nantes (appeler M. Lebrun en arrivant). Pas avant mercredi.",
            ("Résidence Les Tilleuls", "22 boulevard des Poilus", "44300", "Nantes"),
        ),
        (
            "Liefertermin: 12. Jänner 2027, bitte ins Sägewerk Schwaz (Industriestraße 8, "
            "6130 Schwaz).",
            ("Sägewerk Schwaz", "Industriestraße 8", "6130", "Schwaz"),
        ),
        (
            "Delivery required by 10/12/2026 to: Goods In, Brightwater Foods Ltd, Unit 7 Severnside "
            "Trading Estate, Kings Weston Lane, Bristol BS11 8AZ.",
            (
                "Brightwater Foods Ltd",
                "Unit 7 Severnside Trading Estate, Kings Weston Lane",
                "BS11 8AZ",
                "Bristol",
            ),
        ),
        (
            "As discussed, please deliver to DC Trade Port Noord (Heierhoevenweg 17, 5928 RG Venlo):",
            ("DC Trade Port Noord", "Heierhoevenweg 17", "5928 RG", "Venlo"),
        ),
        (
            "À livrer à notre dépôt de Lyon, 12 rue Jean-Baptiste Clément, 69800 Saint-Priest - "
            "quai n° 4, réception de 7h à 15h.\nPour vendredi 4 décembre.",
            ("notre dépôt de Lyon", "12 rue Jean-Baptiste Clément", "69800", "Saint-Priest"),
        ),
        (
            "Notre commande, à livrer au plus tard le jeudi 26 novembre à notre entrepôt :\n"
            "Lux Distribution - Entrepôt Eurohub Sud\n10 rue du Commerce\nL-3895 Foetz",
            ("Lux Distribution - Entrepôt Eurohub Sud", "10 rue du Commerce", "3895", "Foetz"),
        ),
        (
            "Attached is P.O. BCI-77402. Please ship to the job site, NOT our office:\n\n"
            "  Polaris Medical Office Building\n  1400 Polaris Parkway\n  Columbus, OH 43240",
            ("Polaris Medical Office Building", "1400 Polaris Parkway", "43240", "Columbus"),
        ),
        (
            "Please ship 6 EA of LED-FL100 and 12 EA LED-FL50 to our Groveport warehouse:\n"
            "Redline Industrial Supply - DC2, 6255 Alum Creek Dr, Groveport, OH 43125.",
            ("Redline Industrial Supply - DC2", "6255 Alum Creek Dr", "43125", "Groveport"),
        ),
        (
            "Livraison souhaitée le mardi 12 janvier 2027 à l'entrée de service : 5 rue Goethe, "
            "L-1637 Luxembourg.",
            ("entrée de service", "5 rue Goethe", "1637", "Luxembourg"),
        ),
        (
            "This one goes to our Antwerp branch, not to Gent:\n"
            "Van Damme Bouwmaterialen - Vestiging Antwerpen, Noorderlaan 133, 2030 Antwerpen",
            (
                "Van Damme Bouwmaterialen - Vestiging Antwerpen",
                "Noorderlaan 133",
                "2030",
                "Antwerpen",
            ),
        ),
        (
            # a house number of four digits before its street is no postcode
            "Attention, la livraison ne se fait pas au labo cette fois : merci de livrer "
            "directement au Domaine des Grands Chênes, 1450 route de Lozanne, 69380 "
            "Chazay-d'Azergues, le vendredi 11 décembre au matin.",
            ("Domaine des Grands Chênes", "1450 route de Lozanne", "69380", "Chazay-d'Azergues"),
        ),
    ],
)
def test_a_delivery_address_written_in_a_sentence(sentence, expected):
    body = f"Bonjour,\n\n10 x A-778\n\n{sentence}\n\nCordialement\nJean Duval\n7 rue des Artisans\n44000 Nantes"
    ship_to = extract_from_text(body).ship_to
    assert ship_to is not None
    address = ship_to.value
    assert (address.name, address.street, address.postal_code, address.city) == expected
    assert ship_to.confidence >= 0.85


def test_an_address_in_a_signature_is_no_delivery_address():
    body = (
        "Bonjour,\n\n10 x A-778\n\nCordialement\nJean Duval\n"
        "Adresse : Menuiserie Duval, 7 rue des Artisans, 44300 Nantes"
    )
    assert extract_from_text(body).ship_to is None


def test_a_us_town_and_its_state_line_in_a_sentence_are_a_printed_postcode():
    body = "Hi,\n\n6 EA of LED-FL100, for the DC2 at 6255 Alum Creek Dr, Groveport, OH 43125.\n"
    assert "43125" in extract_from_text(body).postal_codes


def test_the_items_under_a_delivery_sentence_are_no_address():
    body = (
        "Bonjour,\n\nMerci de nous livrer :\n\n- 24 x Disj. Ph+N C16\n- 200 m R2V 3G2,5\n"
        "- 3 boîtes Wago 221-413\n\nCordialement\n"
    )
    assert extract_from_text(body).ship_to is None  # "R2V 3G2,5" is a cable, not Canada


@pytest.mark.parametrize(
    ("sentence", "po"),
    [
        (
            "bitte folgende Positionen für Bestellung 26-BE-01044 liefern (Rest am Lager):",
            "26-BE-01044",
        ),
        ("Voici les articles pour la commande BL-2026-0802, merci.", "BL-2026-0802"),
        ("Please supply these for order 4711 by Friday.", "4711"),
        (
            "danke für die AB. Bitte liefern Sie zusätzlich (neue Bestellung BE-26-0348):",
            "BE-26-0348",
        ),
    ],
)
def test_an_order_number_named_inside_a_sentence_is_proposed(sentence, po):
    found = extract_from_text(f"Hello,\n\n{sentence}\n\n- 6 x CT3-12-24DC\n").po_number
    assert (found.value, found.rule) == (po, "po_in_sentence")
    assert found.confidence < 0.75  # a person confirms it


def test_a_date_label_wrapped_onto_a_plain_date_word_keeps_its_meaning():
    page = [
        (40, 40, "Genovia NV"),
        (330, 40, "Purchase Order"),
        (346, 100, "Document Date"),
        (437, 100, "10/11/2026"),
        (346, 112, "No."),
        (437, 112, "GNV-PO-2611-045"),
        (346, 124, "Expected Receipt"),
        (346, 132, "Date"),
        (437, 132, "24/11/2026"),
        *table(
            [40, 330, 400, 470],
            200,
            [
                ["Description", "Quantity", "Unit Cost", "Amount"],
                ["Pipette tips 300ul bulk", "25", "15.82", "395.50"],
            ],
        ),
    ]
    order = extract_from_layout(read_pdf(pdf([page])))
    assert (order.order_date.value, order.requested_delivery_date.value) == (
        dt.date(2026, 11, 10),
        dt.date(2026, 11, 24),
    )


def test_n_dot_before_commande_is_the_order_number_label():
    po = extract_from_text("COMMANDE FOURNISSEUR\nN. COMMANDE : 0045186\n\n10 x A-778").po_number
    assert (po.value, po.rule) == ("0045186", "label_inline:n commande")
    assert po.confidence >= 0.9


def test_bc_joined_to_the_number_is_part_of_it():
    assert extract_from_text("BON DE COMMANDE\nN° BC-2026-0451\n\n10 x A-778").po_number.value == (
        "BC-2026-0451"
    )
    assert extract_from_text("N° BC 2026-0451\n\n10 x A-778").po_number.value == "2026-0451"


def test_a_number_the_new_message_gives_comes_before_the_reply_subjects():
    body = "Hi Sean,\n\nCan we place a new order please - PO 45-01911:\n\n4730 vests L x 40\n"
    order = extract_from_text(body, subject="RE: Order confirmation / your PO 45-01873")
    assert order.po_number.value == "45-01911"
    assert order.po_number.confidence < 0.75  # two numbers: a person checks


def test_the_fax_machines_line_over_a_page_is_no_item():
    """Its phone number and time happen to multiply out (20 × 0.45 = 9): still no item."""
    from tests.extraction.docs import as_scan

    fax = "From: +33 3 89 20 45 09 23/10/2026 09:27 P.00{}/002"
    x = [40, 120, 330, 400, 480]
    first = [
        (20, 12, fax.format(1)),
        (40, 60, "BON DE COMMANDE"),
        (300, 60, "Commande n° 2026-117"),
        *table(x, 100, [["Réf.", "Désignation", "Qté", "P.U.", "Montant"]]),
        *table(x, 114, [[f"A-{n}", "Gaine thermo", "2", "3,00", "6,00"] for n in range(10, 50)]),
    ]
    second = [
        (20, 12, fax.format(2)),
        *table(x, 60, [["A-99", "Gaine thermo", "4", "3,00", "12,00"]]),
    ]
    order = extract_from_layout(as_scan(read_pdf(pdf([first, second]))))
    assert len(order.lines) == 41
    assert all(ln.customer_sku and ln.customer_sku.startswith("A-") for ln in order.lines)


def test_a_labelled_block_whose_lines_stand_right_of_the_label():
    """ "Lieferanschrift:" in the label column, the address in the value column under its first
    line; the next label of the label column ends it."""
    page = [
        (40, 40, "BESTELLUNG"),
        (300, 40, "Bestellnummer: B-2026-214"),
        (40, 100, "Lieferanschrift:"),
        (130, 100, "Tischlerei Gruber OG"),
        (130, 112, "Baustelle Wohnanlage Urfahr"),
        (130, 124, "Hauptstraße 80"),
        (130, 136, "4040 Linz"),
        (40, 148, "Liefertermin:"),
        (130, 148, "16.11.2026"),
        *table(
            [40, 120, 330, 400, 480],
            180,
            [
                ["Pos", "Bezeichnung", "Menge", "Preis", "Wert"],
                ["10", "Schrumpfschlauch", "12", "3,45", "41,40"],
            ],
        ),
    ]
    ship_to = extract_from_layout(read_pdf(pdf([page]))).ship_to
    assert ship_to is not None
    assert (ship_to.value.name, ship_to.value.street, ship_to.value.postal_code) == (
        "Tischlerei Gruber OG",
        "Hauptstraße 80",
        "4040",
    )
    assert "16.11.2026" not in ship_to.value.lines


def test_a_whole_address_far_right_of_its_label_whose_town_wrapped():
    """ "Lieferanschrift:" at the margin, the address in the form's value column on one line,
    its town wrapped to the next."""
    page = [
        (40, 40, "Bestellung Nr. 2026-1187"),
        (40, 100, "Liefertermin:"),
        (250, 100, "KW 49 / 2026"),
        (40, 112, "Lieferanschrift:"),
        (250, 112, "BV Wohnanlage Nymphenburg, Haus B, Romanstraße 41, 80639"),
        (250, 124, "München"),
        *table(
            [40, 120, 330, 400, 480],
            160,
            [
                ["Pos", "Bezeichnung", "Menge", "Preis", "Betrag"],
                ["1", "Türband 3D silber", "20", "36,60", "732,00"],
            ],
        ),
    ]
    ship_to = extract_from_layout(read_pdf(pdf([page]))).ship_to
    assert ship_to is not None
    assert (ship_to.value.street, ship_to.value.postal_code, ship_to.value.city) == (
        "Romanstraße 41",
        "80639",
        "München",
    )


def test_a_sheets_header_block_the_way_erps_export_it():
    """A Dynamics export gives the ship-to one part per row; another sheet writes the whole
    address in one cell with dashes; "Required" alone in its cell is the delivery date;
    "Delivery address" is no delivery charge."""
    from ingestion.extraction import extract_from_sheet

    items = [
        ["Item", "Description", "Quantity", "Unit Price", "Amount"],
        ["GT-6MM-BK", "Heat shrink sleeve", "12", "3.45", "41.40"],
        ["", "", "", "TOTAL", "41.40"],
    ]
    parts = [
        ["Purchase Order", "EB-26-00538"],
        ["Ship-to Name", "Elektro Brandt GmbH - Lager Ettlingen"],
        ["Ship-to Address", "Am Hardtwald 5"],
        ["Ship-to Post Code", "76275"],
        ["Ship-to City", "Ettlingen"],
        ["Required", "12/17/2026"],
        [],
    ]
    order = extract_from_sheet(parts + items)
    address = order.ship_to.value
    assert (address.name, address.street, address.postal_code, address.city) == (
        "Elektro Brandt GmbH - Lager Ettlingen",
        "Am Hardtwald 5",
        "76275",
        "Ettlingen",
    )
    assert order.requested_delivery_date.value == dt.date(2026, 12, 17)
    assert "required" in order.requested_delivery_date.rule
    dashed = [
        ["Commande n°", "CDE-2026-1219"],
        [
            "Delivery address",
            "LRA Dépôt de Lyon - 12 rue Jean-Baptiste Clément - 69800 Saint-Priest",
        ],
        ["Pour le", "vendredi 18 décembre 2026"],
        [],
    ]
    order = extract_from_sheet(dashed + items)
    assert (order.ship_to.value.street, order.ship_to.value.postal_code) == (
        "12 rue Jean-Baptiste Clément",
        "69800",
    )
    assert order.requested_delivery_date.value == dt.date(2026, 12, 18)
    assert order.total.value == Decimal("41.40")
    assert order.total.confidence >= 0.9  # the printed total, no charge of 12 in the address


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Liefertermin spätestens: 3. Dezember 2026", dt.date(2026, 12, 3)),
        ("Need-By Date (all lines): 23-DEC-26", dt.date(2026, 12, 23)),
        ("Arrivée prévue : 15/12/2026", dt.date(2026, 12, 15)),
        ("Expected Date: Dec 7, 2026", dt.date(2026, 12, 7)),
        ("Receipt date  03-12-2026", dt.date(2026, 12, 3)),
    ],
)
def test_more_ways_to_label_the_delivery_date(line, expected):
    order = extract_from_text(
        f"PURCHASE ORDER 4711\nOrder date: 16.11.2026\n{line}\n\n- 10 x A-778\n"
    )
    assert order.requested_delivery_date.value == expected
    assert order.requested_delivery_date.confidence >= 0.7


def test_a_date_on_a_line_about_delivering_that_no_label_claims_is_left_for_a_person():
    order = extract_from_text(
        "PURCHASE ORDER 4711\nOrder date: 16.11.2026\nGoods wanted in Lyon 04.12.2026 latest\n\n"
        "- 10 x A-778\n"
    )
    delivery = order.requested_delivery_date
    assert (delivery.value, delivery.rule) == (dt.date(2026, 12, 4), "delivery_hint")
    assert delivery.confidence < 0.7


def test_the_addressee_of_a_letter_is_no_sure_ship_to():
    page = [
        (40, 40, "BON DE COMMANDE"),
        (40, 80, "Destinataire :"),
        (40, 92, "Trivalis Industriebedarf GmbH"),
        (40, 104, "Carl-Benz-Straße 22"),
        (40, 116, "66131 Saarbrücken"),
        (300, 80, "Commande n° : 2026-047"),
        *table(
            [40, 120, 330, 400, 480],
            160,
            [
                ["Réf.", "Désignation", "Qté", "P.U.", "Total"],
                ["A-778", "Gaine", "12", "3,45", "41,40"],
            ],
        ),
    ]
    ship_to = extract_from_layout(read_pdf(pdf([page]))).ship_to
    assert ship_to is None or ship_to.confidence < 0.85


def test_a_speck_read_as_a_quote_inside_a_scanned_label():
    from ingestion.extraction.geometry import document_lines
    from ingestion.extraction.labels import find_labels
    from tests.extraction.docs import as_scan

    line = document_lines(as_scan(read_pdf(pdf([[(200, 40, "BESTELL ‘NR. B-26-04471")]]))))[0]
    hits = find_labels(line)
    assert [(h.field, h.text) for h in hits] == [("po_number", "BESTELL ‘NR.")]


def test_bilingual_labels_and_sap_export_titles():
    order = extract_from_text(
        "PURCHASE ORDER\nPO / N° commande  PO-26-11873\nOrder date / Date 2026-11-19\n"
        "Required date / Date requise 2026-12-01\n\n- 10 x A-778\n"
    )
    assert order.po_number.value == "PO-26-11873"
    assert order.requested_delivery_date.value == dt.date(2026, 12, 1)
    assert "required date date requise" in order.requested_delivery_date.rule
    from ingestion.extraction import extract_from_sheet

    rows = [["N° PO", "PO-26-11902"], [], ["Référence", "Désignation", "Qté"], ["A-1", "x", "2"]]
    assert extract_from_sheet(rows).po_number.value == "PO-26-11902"
    rows[0] = ["Bestelbon nr. / Bon de commande n°", "", "2026/BR/0412"]
    assert extract_from_sheet(rows).po_number.value == "2026/BR/0412"
    cde = extract_from_text("Notre commande n° CDE-2026-1184.\n\n- 10 x A-778\n").po_number
    assert cde.value == "CDE-2026-1184"
    sap = [
        ["Einkaufsbeleg", "Belegdatum", "Material", "Kurztext", "Bestellmenge"],
        ["4500319388", "26.11.2026", "10005102", "Reihenklemme", "4"],
        ["4500319388", "26.11.2026", "10006002", "Steuerleitung", "500"],
    ]
    assert extract_from_sheet(sap).po_number.value == "4500319388"


def test_labels_of_the_column_beside_do_not_end_the_block():
    page = [
        (40, 40, "BESTELLUNG"),
        (40, 80, "Bestell-Nr.: BE-26-01187"),
        (300, 80, "Lieferadresse:"),
        (370, 80, "Baustelle Wohnanlage Pichling"),
        (40, 92, "Datum: 26. November 2026"),
        (370, 92, "Traunauweg 12"),
        (370, 104, "4030 Linz"),
        *table(
            [40, 120, 330, 400, 480],
            150,
            [["Pos", "Bezeichnung", "Menge", "EP", "GP"], ["1", "Kabel", "12", "3,45", "41,40"]],
        ),
    ]
    ship_to = extract_from_layout(read_pdf(pdf([page]))).ship_to
    assert (ship_to.value.street, ship_to.value.postal_code) == ("Traunauweg 12", "4030")


def test_cde_shortens_commande_before_a_po_number():
    order = extract_from_text(
        "Bonjour,\n\nnous souhaitons commander :\n\n- 10 x réf NG-XXL-BL (Gants nitrile)\n",
        subject="Cde BC26-2509",
    )
    assert order.po_number.value == "BC26-2509"


def test_a_delivery_address_on_one_line_without_a_comma_before_the_town():
    order = extract_from_text(
        "N° commande : LS-26-0958\n"
        "Adresse livraison : LogiSud Entrepôts Bât. C, Distriport 1 rue du Languedoc 13310 "
        "Saint-Martin-de-Crau\n\n- 60 RL film étirable 23 µ\n"
    )
    ship_to = order.ship_to.value
    assert (ship_to.street, ship_to.postal_code, ship_to.city) == (
        "Distriport 1 rue du Languedoc",
        "13310",
        "Saint-Martin-de-Crau",
    )


def test_a_delivery_address_label_without_de():
    from ingestion.extraction.geometry import document_lines
    from ingestion.extraction.labels import find_labels

    for label in ("Adresse livraison", "Adr. livraison"):
        line = document_lines(read_pdf(pdf([[(40, 40, label), (140, 40, "Dépôt C")]])))[0]
        assert [h.field for h in find_labels(line)] == ["ship_to"]


def test_a_reply_that_gives_its_own_order_number_is_that_order():
    body = (
        "Bonjour Claire,\n\nMerci pour la confirmation, tout est bien arrivé.\n\n"
        "Pouvez-vous nous livrer la commande suivante (notre réf. 2026/327) :\n"
        "  800 cartons 3 bouteilles (CAR-3B)\n"
    )
    order = extract_from_text(body, subject="RE: Commande 2026/311 - cartons 6 bouteilles")
    assert order.po_number.value == "2026/327"


@pytest.mark.parametrize(
    ("sentence", "po"),
    [
        ("Anbei gleich die nächste Bestellung, unsere Nr. BV-261044:", "BV-261044"),
        ("Auftragsnummer bei uns: HH-1450. Lieferung an Lager Billbrook.", "HH-1450"),
    ],
)
def test_our_number_in_a_sentence_is_the_po(sentence, po):
    order = extract_from_text(f"Hallo Herr Keller,\n\n{sentence}\n\n- 20 Rollen Folie (ADL-0102)\n")
    assert order.po_number.value == po


@pytest.mark.parametrize(
    ("body", "po"),
    [
        ("C'est la commande BC 26-1192, Martine vous enverra le bon officiel.", "BC 26-1192"),
        ("Veuillez trouver notre bon de commande BC 26-1174 du 17/11/2026.", "BC 26-1174"),
        ("PO 4711", "4711"),
        ("PURCHASE ORDER CV/OA 27/0098", "CV/OA 27/0098"),
    ],
)
def test_a_buyers_own_prefix_is_part_of_the_number(body, po):
    order = extract_from_text(f"Bonjour,\n\n{body}\n\n- 200 cartons 250x200x150 (CAR-1)\n")
    assert order.po_number.value == po


def test_a_scanned_bestellnr_missing_an_l_is_still_the_label():
    from ingestion.extraction.geometry import document_lines
    from ingestion.extraction.labels import find_labels
    from tests.extraction.docs import as_scan

    line = document_lines(as_scan(read_pdf(pdf([[(40, 40, "Bestelinr. EB-104417")]]))))[0]
    assert [h.field for h in find_labels(line)] == ["po_number"]


def test_a_scanned_one_read_as_a_closing_bracket():
    from ingestion.extraction.header import parse_identifier

    assert parse_identifier("OBM-447}")[0] == "OBM-4471"
    assert parse_identifier("[VB-12]")[0] == "VB-12"


def test_an_irish_eircode_is_a_postal_code():
    from ingestion.extraction.addresses import parse_postal_line

    assert parse_postal_line("Co. Cork P31 KD79, Ireland") == ("P31 KD79", "Cork", "IE")
    assert parse_postal_line("Dublin D02 VX88") == ("D02 VX88", "Dublin", "IE")
    assert parse_postal_line("Sheffield S2 3EN") == ("S2 3EN", "Sheffield", "GB")


def test_an_eircode_under_a_dublin_district():
    order = extract_from_text(
        "Hi Sarah,\n\n- 400 x shipping boxes 250x200x150 (CAR-1)\n\n"
        "Deliver to our new café/retail unit please, not the roastery:\n"
        "Harbourside Coffee - Grand Canal Dock\n14 Hanover Quay\nDublin 2\nD02 VX88\n\n"
        "Thanks,\nAoife\n\nHarbourside Coffee Roasters Ltd\n"
        "Unit 9, Poolbeg Quay Business Park, Dublin 4, D04 X2Y7, Ireland\n"
    )
    assert order.ship_to.value.postal_code == "D02 VX88"


def test_a_ship_to_headed_by_its_account_number_and_a_requested_date():
    """JD Edwards: "Ship To   100410" over the address, "Requested 27/10/25" with no colon."""
    page = [
        (40, 30, "Pennine Diagnostics Ltd"),
        (40, 42, "Unit 4, Kirkstall Industrial Park, Leeds LS5 3BT"),
        (400, 42, "Order Number 40217"),
        (400, 54, "Order Date 16/10/25"),
        (40, 90, "Supplier"),
        (110, 90, "4471023"),
        (300, 90, "Ship To"),
        (370, 90, "100410"),
        (110, 102, "Lumasept GmbH"),
        (370, 102, "Pennine Diagnostics Ltd - Calder Laboratory"),
        (110, 114, "Im Stadtwald 12"),
        (370, 114, "Dean Clough Mills, Building 2"),
        (110, 126, "66123 Saarbrücken"),
        (370, 126, "Halifax HX3 5AX"),
        (40, 160, "Requested 27/10/25"),
        *table(
            [40, 100, 300, 400, 480],
            200,
            [
                ["Line", "Item Number", "Quantity", "Unit Cost", "Extended Cost"],
                ["1.000", "PD49498", "500", "0.0243", "12.15"],
            ],
        ),
    ]
    order = extract_from_layout(read_pdf(pdf([page])))
    assert order.ship_to.value.postal_code == "HX3 5AX"
    assert order.requested_delivery_date.value == dt.date(2025, 10, 27)


def test_a_postcode_with_its_country_letter_is_no_fax_number():
    from ingestion.extraction.addresses import parse_address

    address = parse_address(
        ["Alsace Microtech SARL", "3 rue de l'Industrie", "F-67400 Illkirch-Graffenstaden"]
    )
    assert (address.postal_code, address.city) == ("67400", "Illkirch-Graffenstaden")
    assert parse_address(["ACME", "F 03 88 67 12 49", "67400 Illkirch"]).street is None


def test_the_number_is_in_a_sentence():
    order = extract_from_text(
        "Hi Sam,\n\nBirchStreet PO will follow, number is HEB-002311.\n\n"
        "HH-7918   Croissants butter frozen (120)       3 cs\n"
    )
    assert order.po_number.value == "HEB-002311"


def test_a_labelled_delivery_address_written_with_commas_and_its_town_wrapped():
    page = [
        (40, 40, "Ateliers Vauclair Industrie"),
        (40, 52, "3 allée des Forges"),
        (40, 64, "25000 Besançon"),
        (330, 90, "BON DE COMMANDE N° AV-2026-0412"),
        (
            40,
            120,
            "Adresse de livraison : Ateliers Vauclair – Site de Pontarlier, 12 rue de "
            "l'Industrie, 25300",
        ),
        (40, 132, "Pontarlier"),
        *table(
            [40, 110, 330, 400, 480],
            170,
            [
                ["Réf.", "Désignation", "Qté", "Prix unitaire", "Montant"],
                ["A-778", "Gaine thermo 6 mm", "12", "3,45", "41,40"],
            ],
        ),
    ]
    ship = extract_from_layout(read_pdf(pdf([page]))).ship_to.value
    assert (ship.name, ship.street, ship.postal_code, ship.city) == (
        "Ateliers Vauclair – Site de Pontarlier",
        "12 rue de l'Industrie",
        "25300",
        "Pontarlier",
    )


@pytest.mark.parametrize(
    ("header", "order_date"),
    [
        # an AS/400 print: "DATE" opens its cell, no colon
        (
            [(300, 120, "PURCHASE ORDER"), (420, 132, "DATE 24.11.26"), (420, 144, "PO NO 45512")],
            "2026-11-24",
        ),
        # the number's date: "N° CF00836 du 09/12/26", "Bestellung 4711 vom 20.11.2026"
        ([(300, 120, "Commande fournisseur"), (300, 132, "N° CF00836 du 09/12/26")], "2026-12-09"),
        ([(300, 120, "Bestellung 4711 vom 20.11.2026")], "2026-11-20"),
        (
            [(300, 120, "Bestellung BE-26-1502"), (300, 132, "vom 25.11.2026 · Seite 1/1")],
            "2026-11-25",
        ),
    ],
)
def test_a_date_beside_its_bare_label_or_its_order_number_is_the_order_date(header, order_date):
    order = extract_from_layout(read_pdf(_po_letter(header)))
    assert order.order_date.value.isoformat() == order_date
    assert order.order_date.confidence >= 0.72


@pytest.mark.parametrize(
    "text",
    [
        "Bonjour,\nMerci de livrer 12 x REF A-778 du 09/12/26 au 12/12/26\n",
        # the quote's number and date, not the order's
        "Guten Tag,\nGemäss Ihrer Offerte Nr. AQ-26-8841 vom 19.11.2026 bestellen wir 4 x A-778\n",
    ],
)
def test_a_span_of_days_or_a_quotes_date_after_a_number_is_no_order_date(text):
    order = extract_from_text(text)
    assert order.order_date is None or not order.order_date.rule.startswith("label_inline")


@pytest.mark.parametrize(
    "sentence",
    [
        "Livraison souhaitée : semaine du 16 décembre.",
        "Delivery required: week commencing 16 Dec 2026",
        "No rush, w/c 16th December is fine.",
    ],
)
def test_a_delivery_in_the_week_of_a_day_is_that_day_for_a_person_to_confirm(sentence):
    order = extract_from_text(f"Bonjour,\nCommande ECO-2026-088 :\n12 x B10090\n{sentence}\n")
    assert order.requested_delivery_date.value == dt.date(2026, 12, 16)
    assert order.requested_delivery_date.confidence < 0.7


@pytest.mark.parametrize(
    "sentence",
    [
        "Livraison souhaitée : semaine du 14 décembre 2026",
        "Delivery required: week commencing 14 Dec 2026",
        "Required: w/c 14/12/2026",
    ],
)
def test_a_delivery_in_the_week_from_its_monday_is_that_monday_as_a_week_number_would_be(
    sentence,
):
    order = extract_from_text(f"Bonjour,\nCommande ECO-2026-088 :\n12 x B10090\n{sentence}\n")
    assert order.requested_delivery_date.value == dt.date(2026, 12, 14)
    assert order.requested_delivery_date.confidence >= 0.8


def test_a_delivery_address_in_a_sentence_runs_on_past_a_double_space():
    order = extract_from_text(
        "Liffey BioAnalytics Ltd\nBlock C, Naas Road Business Park  D12 X2V4 Dublin 12\n\n"
        "Order No. LBA-0419\nPlease supply:\n5 ea MS44040 Autoclave tape\n"
        "Please deliver to: Liffey BioAnalytics  Galway Site, Unit 7, Parkmore West Business "
        "Park, Galway, H91 P2DK\nYours faithfully,\n"
    )
    assert (order.ship_to.value.postal_code, order.ship_to.value.city) == ("H91 P2DK", "Galway")


def test_a_scanned_s_read_as_a_dollar_in_codes_is_no_currency():
    from tests.extraction.docs import as_scan

    items = [
        ["Nr.", "Beschreibung", "Menge", "EK-Preis", "Betrag"],
        ["$L43418", "Zentrifugenröhrchen 50 ml", "10", "8.06", "80.60"],
        ["$L41799", "Probenbecher 120 ml", "200", "0.18", "36.00"],
        ["$1.31890", "Urinbecher 60 ml", "400", "0.12", "48.00"],
    ]
    page = [(40, 40, "Bestellung SLB-104522"), *table([40, 110, 330, 400, 480], 100, items)]
    page += [(300, 170, "Total CHF ohne MwSt."), (480, 170, "164.60")]
    order = extract_from_layout(as_scan(read_pdf(pdf([page]))))
    assert order.currency.value == "CHF"


def test_a_title_compound_einkaufsbestellung_names_the_order_and_a_vat_number_never_does():
    """An Austrian letterhead's "UID: ATU63472815" is a VAT number; the order is the
    "Einkaufsbestellung EB-26-00412" printed above the table."""
    layout = read_pdf(
        _po_letter(
            [
                (40, 76, "UID: ATU63472815 · FN 287541 h · LG Salzburg"),
                (330, 100, "Bestelldatum"),
                (420, 100, "04.11.2026"),
                (40, 280, "Einkaufsbestellung EB-26-00412"),
            ]
        )
    )
    assert extract_from_layout(layout).po_number.value == "EB-26-00412"


def test_a_vat_number_is_no_unlabelled_reference():
    layout = read_pdf(_po_letter([(40, 76, "ATU63472815"), (330, 100, "04.11.2026")]))
    po = extract_from_layout(layout).po_number
    assert po is None or po.value != "ATU63472815"


def test_two_addresses_run_together_under_one_label_give_the_first():
    """Odoo prints the shipping address and, with no gap, the vendor's: the label's address is
    the first, up to its country."""
    from ingestion.extraction.addresses import parse_address

    address = parse_address(
        [
            "Van der Berg Fulfilment B.V. - DC Trade Port",
            "Heierhoevenweg 17",
            "5928 RP Venlo",
            "Netherlands",
            "Kröger Verpackungen GmbH",
            "Industriestraße 14",
            "33609 Bielefeld",
            "Germany",
        ]
    )
    assert (address.name, address.street, address.postal_code, address.city, address.country) == (
        "Van der Berg Fulfilment B.V. - DC Trade Port",
        "Heierhoevenweg 17",
        "5928 RP",
        "Venlo",
        "NL",
    )


def test_n_document_and_date_document_name_the_order_and_its_day():
    layout = read_pdf(
        _po_letter(
            [
                (300, 100, "N° document"),
                (420, 100, "PO-LU-26-01845"),
                (300, 112, "Date document"),
                (420, 112, "12/10/2026"),
            ]
        )
    )
    order = extract_from_layout(layout)
    assert order.po_number.value == "PO-LU-26-01845"
    assert order.order_date.value == dt.date(2026, 10, 12)


def test_a_po_prefix_of_the_number_is_no_label():
    """Page 2 repeats "N° PO-LU-26-01977 du 19/11/2026 (suite)": the number starts "PO-"."""
    order = extract_from_text("Commande achat\nN° PO-LU-26-01977 du 19/11/2026 (suite)\n")
    assert order.po_number.value == "PO-LU-26-01977"


def test_dates_that_only_fit_together_month_first_are_read_month_first():
    """An Odoo printed in en_US for a Dutch buyer: day first, the delivery (12 March) would
    come before the order (11 December); month first it follows it by three weeks."""
    layout = read_pdf(
        _po_letter(
            [
                (300, 100, "Order Deadline:"),
                (420, 100, "11/12/2026 16:00:00"),
                (300, 112, "Expected Arrival:"),
                (420, 112, "12/03/2026"),
            ]
        )
    )
    order = extract_from_layout(layout)
    assert order.order_date.value == dt.date(2026, 11, 12)
    assert order.requested_delivery_date.value == dt.date(2026, 12, 3)


def test_dates_half_a_year_apart_day_first_and_a_week_apart_month_first_are_month_first():
    """A Dutch buyer's English PO in euros, printed by a US system: read day first the order
    (12 February) is needed by 12 September; month first, 2 December by 9 December. A person
    confirms the reading."""
    layout = read_pdf(
        _po_letter(
            [
                (300, 100, "Order date"),
                (420, 100, "12/02/2026"),
                (300, 112, "Need-by date"),
                (420, 112, "12/09/2026"),
                (300, 124, "Total EUR 120.00"),
            ]
        )
    )
    order = extract_from_layout(layout)
    assert order.order_date.value == dt.date(2026, 12, 2)
    assert order.requested_delivery_date.value == dt.date(2026, 12, 9)
    assert order.order_date.confidence < 0.72


def test_a_document_that_says_how_it_writes_dates_is_read_that_way():
    order = extract_from_text(
        "Purchase Order 2026-0871\nOrder date 04/11/2026\nCurrency EUR\n" "All dates MM/DD/YYYY\n"
    )
    assert order.order_date.value == dt.date(2026, 4, 11)
    assert order.order_date.rule.endswith("+mdy:page")  # the page settles it, not a country
    dollars = extract_from_text(
        "Purchase Order 78\nDate: 04/11/2026 (DD/MM/YYYY)\nTotal USD 80.00\n"
    )
    assert dollars.order_date.value == dt.date(2026, 11, 4)


def test_a_scans_speck_before_the_order_number_is_not_the_number():
    layout = as_scan(
        read_pdf(
            _po_letter(
                [
                    (330, 100, "Order No."),
                    (420, 100, "0) 118834"),
                    (330, 112, "Order Date"),
                    (420, 112, "06/11/2026"),
                ]
            )
        )
    )
    assert extract_from_layout(layout).po_number.value == "118834"


def test_an_uploaded_documents_own_date_stands_whenever_it_was_uploaded():
    """The day an upload arrives says nothing of the day its order was written."""
    layout = read_pdf(_po_letter([(330, 100, "09/04/2026")]))
    order = extract_from_layout(layout, sent_date=dt.date(2026, 11, 28))
    assert order.order_date.value == dt.date(2026, 4, 9)


LETTERHEAD = [
    (60, 50, "FARBEN GRUBER KG"),
    (60, 64, "Kärntner Straße 305 · 8054 Graz · Tel. 0316/29 44 10"),
    (60, 100, "Alpenlack GmbH"),
    (60, 112, "Welser Straße 88"),
    (60, 124, "4614 Marchtrenk"),
    (330, 150, "Graz, 3. Dezember 2026"),
    (60, 180, "Sehr geehrte Damen und Herren,"),
    (60, 200, "unter unserer Bestellnummer GR-26/0914 bestellen wir:"),
    (80, 216, "– 20 Eimer Innenwandfarbe Alpinweiß à 10 Liter"),
    (80, 230, "– 30 Rollen Goldband 38 mm"),
]


def test_a_delivery_address_in_a_letters_sentence_that_runs_over_two_lines():
    page = LETTERHEAD + [
        (60, 260, "Die Lieferung erbitten wir bis Freitag, 11. Dezember 2026, direkt an unser"),
        (60, 272, "Lager: Farben Gruber KG – Lager, Puchstraße 17, 8020 Graz (Rampe 2)."),
        (
            60,
            284,
            "Die Rechnung senden Sie bitte an unser Geschäft, Kärntner Straße 305, 8054 Graz.",
        ),
    ]
    order = extract_from_layout(read_pdf(pdf([page])))
    assert order.ship_to is not None
    assert (order.ship_to.value.street, order.ship_to.value.postal_code) == (
        "Puchstraße 17",
        "8020",
    )
    # a page's sentence is read with more doubt than an email's: a person looks
    assert (order.ship_to.rule, order.ship_to.confidence) == ("prose_address", 0.8)


def test_a_delivery_address_under_a_letters_sentence_and_no_table_under_one():
    below = LETTERHEAD + [
        (60, 260, "Die Lieferung erbitten wir bis Freitag, 11. Dezember 2026, und zwar"),
        (60, 272, "nicht an unser Geschäft, sondern direkt an unser Lager:"),
        (80, 290, "Farben Gruber KG – Lager"),
        (80, 302, "Puchstraße 17"),
        (80, 314, "8020 Graz"),
    ]
    order = extract_from_layout(read_pdf(pdf([below])))
    assert order.ship_to is not None
    assert order.ship_to.value.postal_code == "8020"
    # the table under "… zur Lieferung bis 13.11.2026:" holds no address ("1000 ml")
    table_below = [
        (60, 50, "Rheinland Umweltlabor GmbH · Mathias-Brüggen-Straße 41 · 50829 Köln"),
        (60, 100, "Wir bestellen hiermit folgende Artikel zur Lieferung bis 13.11.2026:"),
        *table(
            [60, 90, 150, 380, 430, 480],
            118,
            [
                ["Pos", "Art.-Nr.", "Bezeichnung", "Menge", "EP €", "GP €"],
                ["1", "LS-40041", "Laborflasche GL45, blaue Kappe,", "1", "69,00", "69,00"],
                ["", "", "1000 ml", "", "", ""],
            ],
        ),
    ]
    order = extract_from_layout(read_pdf(pdf([table_below])))
    assert order.ship_to is None or order.ship_to.value.postal_code != "1000"


def test_postal_codes_of_a_letterhead_written_on_one_line_in_pieces():
    page = [
        (50, 40, "PEINTURE ROCHAT SA"),
        (
            50,
            60,
            "Avenue de Morges 58 – CH-1004 Lausanne – T +41 21 624 18 30 – commandes@rochat.ch",
        ),
        (330, 120, "Alpenlack GmbH"),
        (330, 134, "Welser Straße 88"),
        (330, 148, "4614 Marchtrenk"),
        (50, 180, "BON DE COMMANDE 2026-1153"),
    ]
    order = extract_from_layout(read_pdf(pdf([page])))
    assert "1004" in order.postal_codes


def test_reqd_beside_a_date_is_the_requested_delivery_date():
    page = [
        (40, 40, "Bayfront Metal Products Ltd."),
        (300, 40, "PO Number BMP-PO-10467"),
        (300, 54, "Order Date"),
        (380, 54, "24/11/2026"),
        (300, 68, "Req'd"),
        (380, 68, "04/12/2026"),
        *table(
            [40, 100, 330, 400],
            120,
            [["Item", "Description", "Qty Req'd", "Unit Price"], ["1", "Saw blade", "10", "14.80"]],
        ),
    ]
    order = extract_from_layout(read_pdf(pdf([page])))
    assert order.requested_delivery_date.value == dt.date(2026, 12, 4)
    assert [line.quantity for line in order.lines] == [Decimal("10")]


@pytest.mark.parametrize(
    "label",
    [
        "Lieferadresse: wie Rechnungsadresse",
        "Ship to: same as billing address",
        "Adresse de livraison : identique à l'adresse de facturation",
        "Lieferung an Rechnungsanschrift. Warenannahme Mo-Fr 7-16 Uhr.",
    ],
)
def test_a_delivery_label_pointing_back_at_the_buyers_address_names_no_other(label):
    """…and a company register's number in the footer ("AG Traunstein HRA 9921") is no
    postal code of another address."""
    layout = read_pdf(
        _po_letter(
            [
                (300, 100, "Bestellung BE-2026-1187"),
                (40, 200, label),
                (40, 500, "Sitz Lille · AG Traunstein HRA 9921 · Geschäftsführer: A. Schmid"),
            ]
        )
    )
    order = extract_from_layout(layout)
    assert order.ship_to is None
    assert order.delivers_to_billing
    assert order.postal_codes == ("59000",)


def test_a_delivery_column_whose_block_says_as_invoice_address_names_no_other():
    layout = read_pdf(
        _po_letter(
            [
                (300, 100, "PURCHASE ORDER SLJ-7734"),
                (40, 200, "Supplier"),
                (300, 200, "Deliver to"),
                (40, 212, "Verdier Apprêts & Perles SAS"),
                (300, 212, "As invoice address"),
                (40, 224, "41 rue de la Villette"),
                (40, 236, "69003 Lyon"),
            ]
        )
    )
    order = extract_from_layout(layout)
    assert order.delivers_to_billing
    assert order.ship_to is None or not order.ship_to.value.postal_code


def test_a_scanned_bilingual_delivery_label_that_lost_its_slash_still_gives_the_date():
    """ "Lieferung bis / livraison jusqu'au: 20.01.2027" read from a fax without the slash."""
    layout = as_scan(
        read_pdf(
            _po_letter(
                [
                    (300, 100, "Bestellung WH-2027-0007"),
                    (300, 112, "Datum: 11.01.2027"),
                    (40, 200, "Lieferung bis livraison jusqu'au: 20.01.2027"),
                ]
            )
        )
    )
    order = extract_from_layout(layout)
    assert order.requested_delivery_date.value == dt.date(2027, 1, 20)
    assert order.requested_delivery_date.confidence >= 0.7


def test_a_contractors_client_order_number_is_not_its_own_purchase_order():
    page = [
        (40, 40, "THORNBURY BUILDING SERVICES LTD"),
        (40, 70, "PURCHASE ORDER"),
        (400, 70, "PO-20931"),
        (40, 90, "Job No."),
        (150, 90, "J-24117"),
        (40, 104, "Client Order No."),
        (150, 104, "BCC-WO-7781452"),
        (40, 140, "Ln   Description                     Qty    Unit £    Net £"),
        (40, 154, "1    Honeywell 2-port zone valve     3      67.14    201.42"),
        (40, 180, "Order Net Total       £201.42"),
    ]
    order = extract_from_layout(read_pdf(pdf([page])))
    assert order.po_number.value == "PO-20931"
    assert order.total.value == Decimal("201.42")
    assert order.total.rule.startswith("label:net_total")


def test_a_delivery_heading_alone_over_a_whole_address_is_as_plain_as_a_delivery_address():
    page = [
        (40, 40, "Charpentes Bielmann SA"),
        (40, 52, "Route de Fribourg 40 – 1723 Marly – 026 436 12 80"),
        (40, 100, "Commande n° 4471"),
        (40, 120, "Livraison :"),
        (40, 132, "Chantier Ferme Roulin"),
        (330, 132, "Délai : lundi 7 décembre 2026"),
        (40, 144, "Route du Mouret 155"),
        (40, 156, "1724 Le Mouret"),
        (40, 190, "Pos.   Article       Désignation                  Quantité   Unité"),
        (40, 204, "1      HL-KON-2760   Contre-lattes 27 x 60 mm     350        ml"),
    ]
    ship_to = extract_from_layout(read_pdf(pdf([page]))).ship_to
    assert ship_to.value.postal_code == "1724"
    assert ship_to.confidence >= 0.85
    # the heading over a name only: where exactly, a person says
    page = [ln for ln in page if not ln[2].startswith(("Route du", "1724"))]
    ship_to = extract_from_layout(read_pdf(pdf([page]))).ship_to
    assert ship_to is None or ship_to.confidence < 0.85


def test_goods_the_buyer_fetches_go_to_no_site_named_on_the_page():
    body = (
        "Guten Tag\n\nObjekt: Umbau MFH, Burgfelderstrasse 201, 4055 Basel\n"
        "Lieferung: ab Werk - Abholung durch uns am 18.12.2026\n\n- 2 x DA-ZIE-FS\n- 4 x FO-KLB-60\n"
    )
    order = extract_from_text(body)
    assert order.ship_to is None
    assert order.delivers_to_billing  # the customer's own address, as if billed there
    delivered = extract_from_text(body.replace("ab Werk - Abholung durch uns", "per LKW"))
    assert not delivered.delivers_to_billing


def test_a_goods_recipient_written_without_its_umlaut_is_the_delivery_address():
    body = (
        "BESTELLUNG BE-26-00921\n\nWARENEMPFAENGER\nE-MOTION BIKES GMBH - WERKSTATT\n"
        "HAFENSTRASSE 12\n44147 DORTMUND\n\n- 6 x BOS-BBP3770\n- 4 x BOS-BBR3700\n"
    )
    assert extract_from_text(body).ship_to.value.postal_code == "44147"


def test_a_fax_machines_to_heads_no_address_block():
    page = [
        (40, 20, "01/12/2026 14:22"),
        (150, 20, "FROM:  THORNBURY BS  01179826611"),
        (330, 20, "TO:  01213594411"),
        (480, 20, "P.01/01"),
        (40, 34, "THORNBURY"),
        (330, 34, "Unit 6 Westgate Trade Centre, Kings Weston Lane"),
        (330, 46, "Bristol BS11 8AZ"),
        (330, 58, "Tel 0117 982 6610   purchasing@thornbury-bs.co.uk"),
        (40, 110, "PURCHASE ORDER PO-21004"),
        (40, 150, "Ln   Description                     Qty    Unit £    Net £"),
        (40, 164, "1    Honeywell 2-port zone valve     3      67.14    201.42"),
    ]
    order = extract_from_layout(as_scan(read_pdf(pdf([page]))))
    assert "purchasing@thornbury-bs.co.uk" in order.emails
    assert order.vendor is None or order.vendor.value.postal_code != "BS11 8AZ"


def test_a_letters_sentence_naming_the_town_of_the_address_below_it_is_surer():
    page = LETTERHEAD + [
        (60, 260, "Bitte liefern Sie folgende Waren in KW 51 an unsere Filiale Leoben:"),
        (60, 272, "Farben Gruber KG – Filiale Leoben"),
        (60, 284, "Hauptplatz 12"),
        (60, 296, "8700 Leoben"),
    ]
    order = extract_from_layout(read_pdf(pdf([page])))
    assert (order.ship_to.value.street, order.ship_to.value.postal_code) == (
        "Hauptplatz 12",
        "8700",
    )
    assert (order.ship_to.rule, order.ship_to.confidence) == ("prose_address", 0.88)
    # the sentence names no town: a scan's reading is held for a person (a page that is no
    # scan prints the address's own lines under the colon, nothing joined across columns)
    page[-4] = (60, 260, "Bitte liefern Sie folgende Waren in KW 51 an unsere Filiale:")
    order = extract_from_layout(as_scan(read_pdf(pdf([page]))))
    assert (order.ship_to.rule, order.ship_to.confidence) == ("prose_address", 0.8)
    order = extract_from_layout(read_pdf(pdf([page])))
    assert (order.ship_to.rule, order.ship_to.confidence) == ("prose_address", 0.88)


def test_a_scans_currency_code_written_in_letters_says_so_in_its_rule():
    page = LETTERHEAD + [(330, 400, "Order total EUR 1,114.00")]
    order = extract_from_layout(as_scan(read_pdf(pdf([page]))))
    assert (order.currency.value, order.currency.rule) == ("EUR", "currency_marks:ocr:code")
    symbol = extract_from_layout(
        as_scan(read_pdf(pdf([LETTERHEAD + [(330, 400, "Total € 1114")]])))
    )
    assert symbol.currency.rule == "currency_marks:ocr"


def test_a_weak_delivery_labels_sentence_ending_in_a_colon_over_the_address_line():
    page = LETTERHEAD + [
        (60, 260, "Delivery: week commencing 22nd March 2027, to our Spey Valley shop:"),
        (60, 272, "Caledonian Fly & Field – Spey Valley Shop, 9 Grampian Road, Aviemore PH22 1RH"),
        (60, 284, "Invoice to Perth as usual. Please ring Callum before delivery."),
    ]
    order = extract_from_layout(read_pdf(pdf([page])))
    assert order.ship_to.value.postal_code == "PH22 1RH"
    assert order.ship_to.confidence >= 0.85
    # on a scan, a person looks
    scanned = extract_from_layout(as_scan(read_pdf(pdf([page]))))
    assert scanned.ship_to is None or scanned.ship_to.confidence < 0.85


def test_a_whole_address_on_the_line_of_a_strong_delivery_label_of_a_page():
    page = LETTERHEAD + [
        (
            60,
            260,
            "Adresse de livraison : Pêche Passion – Entrepôt, 3 Chemin du Génie, 69200 "
            "Vénissieux (quai de",
        ),
        (60, 272, "réception ouvert de 8h à 12h)."),
    ]
    order = extract_from_layout(read_pdf(pdf([page])))
    assert order.ship_to.value.postal_code == "69200"
    assert order.ship_to.confidence >= 0.85


def test_a_delivery_label_whose_value_is_a_week_takes_no_address_from_the_label_below():
    """ "Lieferung:  KW 49" over "Kostenstelle:  4100 Hafenwerkstatt": a cost centre, no
    postcode and town."""
    page = [
        (40, 40, "Hafenbetrieb Förde-Nord GmbH"),
        (40, 52, "Am Industriehafen 3 · 24937 Flensburg"),
        (40, 80, "An"),
        (300, 80, "Bestell-Nr.:"),
        (380, 80, "FN-B-0291"),
        (40, 92, "Nordstern Marine GmbH"),
        (300, 92, "Datum:"),
        (380, 92, "25.11.2026"),
        (40, 104, "Wischhofstraße 1-3"),
        (300, 104, "Lieferung:"),
        (380, 104, "KW 49"),
        (40, 116, "24148 Kiel"),
        (300, 116, "Kostenstelle:"),
        (380, 116, "4100 Hafenwerkstatt"),
        *table(
            [40, 90, 300, 380],
            150,
            [
                ["Nr.", "Artikel", "Menge", "Preis"],
                ["1", "Klampe Edelstahl 150 mm", "8", "18,40"],
            ],
        ),
    ]
    order = extract_from_layout(read_pdf(pdf([page])))
    assert order.ship_to is None or order.ship_to.value.postal_code != "4100"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("KW 2 2027 (Werft geschlossen bis 8 Januar)", dt.date(2027, 1, 11)),  # another week's day
        ("KW 10 / 07.03.2025", dt.date(2025, 3, 7)),  # a day of that week says more
        ("KW 10 (Freitag 07.03.2025)", dt.date(2025, 3, 7)),  # its weekday too
        ("KW 10 2025 (Kurs beginnt am 07.03.2025)", dt.date(2025, 3, 3)),  # a day told of
        ("KW 52, spätestens 24.12.2026", dt.date(2026, 12, 21)),  # the day not to pass
    ],
)
def test_a_delivery_week_and_a_day_beside_it(value, expected):
    order = extract_from_text(
        f"Bestellung Nr. NK-26-1230\nDatum: 14-12-2026\nLieferung: {value}\n\n10 x AF-2208 à 129,00\n"
    )
    assert order.requested_delivery_date.value == expected


def test_the_supplier_named_in_a_sentence_is_no_delivery_address():
    from ingestion.extraction.addresses import prose_ship_to
    from ingestion.extraction.geometry import document_lines
    from ingestion.reading.text import text_to_layout

    lines = document_lines(
        text_to_layout("Lieferant: Kaffeekontor Graz GmbH, Puchstraße 141, 8020 Graz\n")
    )
    assert prose_ship_to(lines) is None
    lines = document_lines(
        text_to_layout("Lieferung an: Kaffeehaus Ring, Schubertring 9, 1010 Wien\n")
    )
    assert prose_ship_to(lines)[0].postal_code == "1010"


def test_a_chain_s_store_to_deliver_is_the_ship_to_beside_the_billing_centre():
    layout = read_pdf(
        pdf(
            [
                [
                    (40, 40, "BRICOPISCINE Languedoc - Centrale d'achats"),
                    (40, 52, "5 rue Louis Lépine - 34500 Béziers"),
                    (40, 100, "Fournisseur"),
                    (210, 100, "Magasin à livrer : NBN"),
                    (400, 100, "Facturation"),
                    (40, 111, "HYDROSUD Distribution SAS"),
                    (210, 111, "BRICOPISCINE NARBONNE"),
                    (400, 111, "Bricopiscine Languedoc SAS"),
                    (40, 122, "1180 avenue du Mas"),
                    (210, 122, "14 rue Ampère"),
                    (400, 122, "5 rue Louis Lépine"),
                    (40, 133, "34070 Montpellier"),
                    (210, 133, "11100 NARBONNE"),
                    (400, 133, "34500 Béziers"),
                ]
            ]
        )
    )
    assert extract_from_layout(layout).ship_to.value.postal_code == "11100"


def test_ship_the_following_to_an_address_in_the_sentence_and_send_the_invoice_is_no_ship_to():
    order = extract_from_text(
        "Hi Marc,\n\nPlease ship the following to Résidence Am Schlass, 2, rue du Château, "
        "L-5516 Remich\n(goods entrance on the left side of the building), by Friday 11 Dec.\n\n"
        "Our PO: PO-26-00481\n\nGA-1012  x 15 boxes\n\nThanks & regards,\nLaura\n"
    )
    assert (order.ship_to.value.postal_code, order.ship_to.rule) == ("5516", "prose_address")
    order = extract_from_text(
        "Hi Marc,\n\nPlease send the invoice to Seniors Résidences, 3, Place de l'Étoile, "
        "L-1479 Luxembourg.\n\nOur PO: PO-26-00481\n\nGA-1012  x 15 boxes\n\nThanks,\nLaura\n"
    )
    assert order.ship_to is None or order.ship_to.rule != "prose_address"


def test_expected_beside_created_on_a_stock_app_s_order_is_the_delivery_date():
    layout = read_pdf(
        pdf(
            [
                [
                    (40, 40, "SEVERN DRUM & GUITAR"),
                    (40, 52, "Purchase Order #1184"),
                    (400, 80, "Created: 27 Nov 2026"),
                    (400, 91, "Expected: 8 Dec 2026"),
                    (400, 102, "Payment terms: Net 30"),
                ]
            ]
        )
    )
    order = extract_from_layout(layout)
    assert order.requested_delivery_date.value == dt.date(2026, 12, 8)
    assert order.requested_delivery_date.confidence >= 0.7


def test_the_date_of_the_order_a_document_replaces_is_not_its_own():
    order = extract_from_layout(
        read_pdf(
            _po_letter(
                [
                    (300, 90, "Schaan, 06.11.2026"),
                    (40, 120, "Bestellung 2026-118 – Änderung 1"),
                    (
                        40,
                        140,
                        "Diese Bestellung ersetzt unsere Bestellung 2026-118 vom 04.11.2026 vollständig.",
                    ),
                ]
            )
        )
    )
    assert order.order_date.value == dt.date(2026, 11, 6)
    assert order.order_date.confidence < 0.7  # or the replaced order's day: a person says


def test_a_printed_file_name_is_no_order_number():
    order = extract_from_layout(
        read_pdf(
            _po_letter(
                [
                    (40, 100, "Bestellung 47"),
                    (40, 112, "Datum 09.11.26"),
                    (40, 800, "Bestellung 47.xlsx — Seite 1"),
                ]
            )
        )
    )
    assert order.po_number.value == "47"


def test_an_email_s_wrapped_sentence_leads_to_the_address_below_it():
    from ingestion.extraction.addresses import prose_ship_to
    from ingestion.extraction.geometry import document_lines
    from ingestion.reading.text import text_to_layout

    lines = document_lines(
        text_to_layout(
            "IMPORTANT: please ignore the ship-to in the sheet (template) - this delivery goes to our\n"
            "new Kleinbasel shop, which opens on 1 December:\n"
            "\n"
            "  Hair & Beauty Basel GmbH - Kleinbasel\n"
            "  Clarastrasse 28\n"
            "  4058 Basel\n"
        )
    )
    address, _line = prose_ship_to(lines)
    assert (address.street, address.postal_code) == ("Clarastrasse 28", "4058")


def test_a_day_wished_for_the_goods_is_no_order_date():
    order = extract_from_layout(
        read_pdf(
            _po_letter(
                [
                    (300, 90, "Date 05/03/2026"),
                    (300, 110, "Livraison"),
                    (300, 122, "souhaitée le 20 mars 2026"),
                ]
            )
        )
    )
    assert order.order_date.value == dt.date(2026, 3, 5)


def test_the_original_order_s_day_in_an_amendment_is_not_its_own():
    order = extract_from_layout(
        read_pdf(
            _po_letter(
                [
                    (300, 90, "Datum 13.03.2026"),
                    (40, 120, "BESTELLÄNDERUNG – ersetzt unsere Bestellung vom 10.03.2026"),
                    (40, 132, "Bitte nur diese Version bearbeiten; die"),
                    (40, 144, "ursprüngliche Bestellung vom 10.03.2026 ist damit hinfällig."),
                ]
            )
        )
    )
    assert order.order_date.value == dt.date(2026, 3, 13)
    assert order.order_date.confidence < 0.7


def test_a_day_told_of_beside_the_delivery_week_is_no_delivery_day():
    order = extract_from_text(
        "Purchase order 2027-003\nDate: 12 January 2027\n"
        "Delivery: week 4 (we start the raku course on 29 January).\n\n2 x WZG-606 at 79,00\n"
    )
    assert order.requested_delivery_date.value == dt.date(2027, 1, 25)


def test_the_numbers_of_an_emails_item_lines_and_of_the_offer_it_quotes_are_no_postal_codes():
    order = extract_from_text(
        "Hallo Herr Brandt,\n\nHiermit bestellen wir:\n"
        "Pos. 1  STD-10101  Stationärrolle Frontbremse 3000      20 Stk à 36,50 € = 730,00 €\n\n"
        "Mit freundlichen Grüßen\nAngelsport Henning GmbH\nWandsbeker Chaussee 112, 22089 Hamburg\n\n"
        "> Pos. 2  STD-10102  Big-Pit-Karpfenrolle 10000         89,90 €\n"
    )
    assert order.postal_codes == ("22089",)


def test_a_delivery_weeks_year_printed_apart_from_its_number():
    page = [
        (40, 40, "PURCHASE ORDER WF-2026-1120"),
        (40, 60, "Date: Nov 20, 2026"),
        (40, 72, "Delivery:"),
        (120, 72, "week 4"),
        (300, 72, "2027"),
        *table(
            [40, 110, 330, 400, 480],
            120,
            [
                ["Item", "Description", "Qty", "Unit price", "Amount"],
                ["HB-14300", "Air release valve 1", "6", "28.60", "171.60"],
            ],
        ),
    ]
    order = extract_from_layout(read_pdf(pdf([page])))
    assert order.requested_delivery_date.value == dt.date(2027, 1, 25)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("pour le mercredi 25/11/2026", dt.date(2026, 11, 25)),
        ("am Donnerstag, 26.11.2026", dt.date(2026, 11, 26)),
        ("3 jours après réception, au plus tard 12/12/2026", None),
    ],
)
def test_a_delivery_labels_value_led_to_its_day_by_words(value, expected):
    page = [
        (40, 40, "Bon de commande n° 2026/127"),
        (330, 60, "Livraison"),
        (400, 60, value),
        *table(
            [40, 110, 330, 400, 480],
            120,
            [
                ["Réf.", "Désignation", "Qté", "P.U.", "Total"],
                ["LUD-10180", "Escape game", "6", "16,90", "101,40"],
            ],
        ),
    ]
    found = extract_from_layout(read_pdf(pdf([page]))).requested_delivery_date
    assert (found.value if found and found.rule.startswith("label") else None) == expected


def test_a_scans_delivery_sentence_gives_its_day_for_a_person_to_confirm():
    from tests.extraction.docs import as_scan

    page = [
        (40, 40, "BON DE COMMANDE N° 2611-14"),
        (40, 60, "Marseille, le 26/11/2026"),
        *table(
            [40, 110, 330, 400, 480],
            100,
            [
                ["Réf.", "Désignation", "Qté", "P.U. HT", "Total HT"],
                ["FE-20100", "Brûleur fonte 6 kW", "2", "118,00", "236,00"],
            ],
        ),
        # (a scan's gap after the first word)
        (40, 260, "Livraison"),
        (120, 260, "le 02/12 au matin (avant 10h, livraison par le quai)."),
    ]
    delivery = extract_from_layout(as_scan(read_pdf(pdf([page])))).requested_delivery_date
    assert delivery.value == dt.date(2026, 12, 2)
    assert delivery.confidence < 0.7


def test_a_latest_delivery_date_whose_words_wrapped_over_two_lines():
    order = extract_from_text(
        "Commande F26-131 Date 09/11/2026\nLivraison dès que possible, au plus\n"
        "tard le 27/11\n\n2 x ET-2010\n"
    )
    assert order.requested_delivery_date.value == dt.date(2026, 11, 27)


def test_a_label_said_again_in_a_language_we_do_not_read():
    """ "Date / Data 07/10/2026" on an Italian order in English: the order's date, and the
    delivery date below (31/10) says the day comes first."""
    order = extract_from_text(
        "ORDINE N. 118/2026\nDate / Data 07/10/2026\nDelivery / Consegna by 31/10/2026\n\n"
        "2 x ET-2010\n"
    )
    assert order.order_date.value == dt.date(2026, 10, 7)
    assert order.order_date.rule.startswith("label_inline:")


def test_a_destination_the_same_as_the_invoice_address_delivers_there():
    page = [
        (40, 40, "PURCHASE ORDER / ORDINE FORNITORE N. 118/2026"),
        (40, 100, "Supplier / Fornitore"),
        (330, 100, "Destination / Destinazione"),
        (40, 112, "KANTENWERK ALPIN GMBH"),
        (330, 112, "Same as invoice address / Stessa sede"),
        (40, 124, "Industriestrasse 14"),
        (40, 136, "6130 SCHWAZ (AUSTRIA)"),
        *table(
            [40, 120, 330, 400, 480],
            180,
            [
                ["Cod.", "Description", "Q.ty", "Price", "Amount"],
                ["X-1", "Brake", "5", "2,00", "10,00"],
            ],
        ),
    ]
    order = extract_from_layout(read_pdf(pdf([page])))
    assert order.delivers_to_billing


def test_a_message_whose_first_date_is_the_day_it_was_sent_is_sure_of_it():
    text = (
        "Bonjour,\n\nVeuillez prendre note de notre commande CMD 26-0412 du 30 novembre 2026 :"
        "\n\n10 x CA-REN-KAL\n"
    )
    same_day = extract_from_text(text, sent_date=dt.date(2026, 11, 30))
    assert same_day.order_date.value == dt.date(2026, 11, 30)
    assert same_day.order_date.confidence >= 0.9
    later = extract_from_text(text, sent_date=dt.date(2026, 12, 2))
    assert later.order_date.value == dt.date(2026, 11, 30)
    assert later.order_date.confidence < 0.9


def test_a_letters_date_whose_year_wrapped_under_it_in_the_value_column():
    page = [
        (51, 40, "Bestellung Nr. 2026-087"),
        (51, 60, "Lieferant"),
        (306, 60, "Datum"),
        (397, 60, "Eupen, den 12. November"),
        (51, 72, "Blauwwater Aquatics B.V."),
        (397, 72, "2026"),
        (51, 84, "Industrieweg 42"),
        (51, 96, "3902 JN Veenendaal"),
        (51, 120, "wir bestellen hiermit. Lieferung bis spätestens Freitag, den 4."),
        (51, 132, "Dezember 2026."),
        *table(
            [51, 150, 330, 400, 480],
            160,
            [
                ["Art.-Nr.", "Bezeichnung", "Menge", "Preis", "Betrag"],
                ["X-1", "Pumpe", "4", "29,90", "119,60"],
            ],
        ),
    ]
    order = extract_from_layout(read_pdf(pdf([page])))
    assert order.order_date.value == dt.date(2026, 11, 12)
    assert order.requested_delivery_date.value == dt.date(2026, 12, 4)


def test_a_sentences_delivery_label_ending_its_line_over_an_address_from_the_margin():
    page = [
        (57, 40, "Bestellung B-26-1142"),
        (57, 100, "Objekt: Hotel Belvoir, Rüschlikon — Lieferung direkt auf die Baustelle:"),
        (
            57,
            112,
            "Hotel Belvoir, Säumerstrasse 37, CH-8803 Rüschlikon (Hr. Gisler 079 412 55 80)",
        ),
        (57, 124, "Liefertermin: bis spätestens 15.12.2026"),
        (300, 124, "Lieferbedingung: DAP, verzollt durch Spediteur Gondrand"),
        *table(
            [57, 150, 330, 400, 480],
            160,
            [
                ["Pos", "Bezeichnung", "Menge", "Preis", "Total"],
                ["1", "Leinen", "64", "23.36", "1'495.04"],
            ],
        ),
    ]
    ship_to = extract_from_layout(read_pdf(pdf([page]))).ship_to
    assert (ship_to.value.street, ship_to.value.postal_code, ship_to.value.city) == (
        "Säumerstrasse 37",
        "8803",
        "Rüschlikon",
    )


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("Bon de commande Ville n° BC26-005230 - établi le 03/12/2026", "BC26-005230"),
        ("N° BC26-005230", "BC26-005230"),
        ("N° BC : 26-005230", "26-005230"),  # the label's "BC", then the number
    ],
)
def test_letters_that_begin_the_number_are_not_the_labels(text, number):
    assert extract_from_text(f"{text}\n\n2 x ET-2010\n").po_number.value == number


def test_a_sentences_date_label_ending_its_line_over_the_date_at_the_margin():
    page = [
        (57, 40, "Bestellung"),
        (312, 52, "Belegnummer 4500087321"),
        (312, 64, "Datum 14.11.2024"),
        (
            57,
            120,
            "Bitte liefern Sie zu den nachstehenden Bedingungen. Liefertermin für alle Positionen:",
        ),
        (57, 131, "03.12.2024"),
        *table(
            [57, 150, 330, 400, 480],
            160,
            [
                ["Pos", "Bezeichnung", "Menge", "Preis", "Nettowert"],
                ["10", "Grablicht rot", "200", "2,10", "420,00"],
            ],
        ),
    ]
    order = extract_from_layout(read_pdf(pdf([page])))
    assert order.order_date.value == dt.date(2024, 11, 14)
    assert order.requested_delivery_date.value == dt.date(2024, 12, 3)


def test_a_week_without_its_year_on_an_order_uploaded_years_later_is_the_orders_year():
    page = [
        (45, 48, "ALTISSIMO ESCALADE"),
        (330, 48, "BON DE COMMANDE"),
        (330, 69, "N° ALT-24-0317"),
        (330, 83, "Date : 15/10/2024"),
        (42, 120, "Livraison souhaitée : semaine 45"),
        *table(
            [40, 150, 330, 400, 480],
            160,
            [
                ["Réf.", "Désignation", "Qté", "P.U. HT", "Montant HT"],
                ["SW-EX12", "Dégaine 12 cm", "30", "14,50", "435,00"],
            ],
        ),
    ]
    # an upload's only day is the day it arrived, two years after the order was written
    order = extract_from_layout(read_pdf(pdf([page])), sent_date=dt.date(2026, 11, 30))
    assert order.order_date.value == dt.date(2024, 10, 15)
    assert order.requested_delivery_date.value == dt.date(2024, 11, 4)


def test_a_letters_week_without_its_year_uploaded_years_later_is_the_letters_year():
    page = [
        (57, 44, "Boulderhalle Steinbock GmbH"),
        (57, 60, "Landsberger Straße 290 · 80687 München"),
        (414, 120, "München, 14. Oktober 2024"),
        (57, 150, "Bestellung Nr. STB-2024-0871"),
        (57, 170, "wie telefonisch besprochen bestellen wir hiermit:"),
        *table(
            [57, 150, 330, 400, 480],
            200,
            [
                ["Pos.", "Bezeichnung", "Menge", "Preis", "Betrag"],
                ["1", "Leihgurte universal", "20 St.", "39,50", "790,00"],
            ],
        ),
        (57, 260, "Bitte liefern Sie in der KW 44 an unsere Halle Nord."),
    ]
    order = extract_from_layout(read_pdf(pdf([page])), sent_date=dt.date(2026, 11, 30))
    assert order.order_date.value == dt.date(2024, 10, 14)
    assert order.requested_delivery_date.value == dt.date(2024, 10, 28)


def test_a_forms_delivery_address_in_its_column_of_values_wrapped_mid_street():
    page = [
        (71, 68, "NORTHERN ROSE TATTOO PARLOUR 16 Leith Walk, Edinburgh EH6 5AA"),
        (72, 112, "FAX ORDER NR-1105"),
        (71, 140, "Date"),
        (274, 140, "05 Nov 2025"),
        (71, 155, "Attn"),
        (274, 155, "Anna Keller"),
        (71, 171, "DELIVER TO"),
        (274, 171, "Northern Rose (Glasgow), 210 Sauchiehall"),
        (274, 184, "Street, Glasgow G2 3EH"),
        *table(
            [78, 120, 300, 480],
            216,
            [["No", "Code", "Item", "Qty"], ["1", "NDL-3RL35", "Needles on bar 3RL", "2 box"]],
        ),
    ]
    for layout in (read_pdf(pdf([page])), as_scan(read_pdf(pdf([page])))):
        ship_to = extract_from_layout(layout).ship_to.value
        assert (ship_to.name, ship_to.street, ship_to.postal_code, ship_to.city) == (
            "Northern Rose (Glasgow)",
            "210 Sauchiehall Street",
            "G2 3EH",
            "Glasgow",
        )


def test_a_shortened_delivery_label_on_a_faxed_typewriter_printout():
    page = [
        (67, 124, "PURCHASE ORDER 24/0481"),
        (67, 164, "Order date"),
        (169, 164, "13.12.2024"),
        (67, 177, "Deliv. date"),
        (169, 177, "20.12.2024"),
        *table(
            [67, 130, 380, 430, 480],
            233,
            [
                ["ITEM", "DESCRIPTION", "QTY", "PRICE", "AMOUNT"],
                ["URN-101", "Brass cremation urn", "12", "89,00", "1.068,00"],
            ],
        ),
    ]
    order = extract_from_layout(as_scan(read_pdf(pdf([page]))))
    assert order.order_date.value == dt.date(2024, 12, 13)
    assert order.requested_delivery_date.value == dt.date(2024, 12, 20)


def test_a_stop_at_the_end_of_a_word_on_a_typewriter_line_ends_no_segment():
    from ingestion.extraction.geometry import TextLine
    from ingestion.layout import TextSource, Word

    def words(*spec):
        return [Word(t, x0, 100, x1, 108, 0.9) for t, x0, x1 in spec]

    typed = TextLine(1, 0, words(("Deliv.", 67, 101), ("date", 109.5, 132)), TextSource.OCR)
    assert typed.segments == [(0, 2)]
    columns = TextLine(1, 0, words(("Deliv.", 67, 101), ("date", 125, 148)), TextSource.OCR)
    assert columns.segments == [(0, 1), (1, 2)]
    from ingestion.extraction.labels import find_labels

    assert [h.field for h in find_labels(typed)] == ["requested_delivery_date"]


def test_titles_over_their_values_are_no_column_of_values_beside_a_label():
    page = [
        (57, 62, "Bestattungshaus Krämer GmbH"),
        (57, 73, "Jülicher Straße 212 · 52070 Aachen"),
        (57, 114, "Lieferant"),
        (160, 114, "Bestellnummer"),
        (278, 114, "Liefertermin"),
        (57, 125, "Ardenne Funéraire Distribution SA"),
        (200, 125, "B-24-0233"),
        (278, 125, "KW 50"),
        (57, 137, "Rue de l'Industrie 42"),
        (57, 148, "4040 Herstal"),
        (200, 148, "Datum"),
        (278, 148, "Lieferanten-Nr."),
        (57, 159, "Belgique"),
        (200, 159, "25.11.2024"),
        (278, 159, "70118"),
        (57, 182, "Lieferanschrift"),
        (278, 182, "Zahlungsbedingung"),
        (400, 182, "Versand"),
        (57, 193, "wie Rechnungsanschrift"),
        (278, 193, "30 Tage netto"),
        (400, 193, "frei Haus"),
        *table(
            [57, 130, 330, 400, 480],
            224,
            [
                ["Pos", "Bezeichnung", "Menge", "Preis", "Gesamt"],
                ["1", "Urne", "2", "145,00", "290,00"],
            ],
        ),
    ]
    ship_to = extract_from_layout(read_pdf(pdf([page]))).ship_to
    assert ship_to is None or ship_to.value.name != "Zahlungsbedingung"


def test_a_street_named_by_a_word_with_its_accents_and_no_number():
    from ingestion.extraction.addresses import parse_address

    address = parse_address(
        [
            "Equi'Pro Boutique Lamotte",
            "Parc Équestre Fédéral, Allée du Concours",
            "41600 Lamotte-Beuvron",
        ],
        language="fr",
    )
    assert address.street == "Parc Équestre Fédéral, Allée du Concours"
    order = extract_from_text(
        "Bonjour,\n\nPouvez-vous nous livrer directement à notre magasin de Lamotte-Beuvron :\n"
        "Equi'Pro Boutique Lamotte\nParc Équestre Fédéral, Allée du Concours\n"
        "41600 Lamotte-Beuvron\n\n- 30 licols nylon marine taille Cob\n"
    )
    assert order.ship_to.value.postal_code == "41600"


def test_a_label_with_nothing_beside_it_goes_on_below_before_its_value():
    """ "Date de livraison" / "souhaitée | 27/11/2026": the label ends on the line below, its
    value beside the end."""
    layout = read_pdf(
        pdf(
            [
                [
                    (60, 118, "Therapa Medical Supplies AG"),
                    (318, 118, "Date commande"),
                    (425, 118, "16/11/2026"),
                    (60, 129, "CH-3322 Urtenen-Schönbühl"),
                    (318, 129, "Code fournisseur"),
                    (425, 129, "FTHE01"),
                    (60, 150, "Suisse"),
                    (318, 150, "Date de livraison"),
                    (318, 164, "souhaitée"),
                    (425, 164, "27/11/2026"),
                    (318, 176, "Mode de règlement"),
                    (425, 176, "Virement 30 j"),
                    (60, 208, "BON DE COMMANDE BC000734"),
                ]
            ]
        )
    )
    delivery = extract_from_layout(layout).requested_delivery_date
    assert (delivery.value, delivery.confidence >= 0.9) == (dt.date(2026, 11, 27), True)
