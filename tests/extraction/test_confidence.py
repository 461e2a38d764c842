import datetime as dt
from dataclasses import replace
from decimal import Decimal

import pytest

from ingestion.extraction import extract_from_layout
from ingestion.matching import MasterData, build_draft
from ingestion.reading import read_pdf
from tests.extraction.docs import pdf, table

CUSTOMERS = """code,name,vat_number,email_domains,street,postal_code,city,country,sales_rep_email,vip
C00001,Contoso Electronics,,contoso.com,3800 148th Ave NE,98052,Redmond,US,rep@x.example,false
C00002,Brasserie du Nord SARL,,brasserie-nord.fr,12 rue de la Gare,59000,Lille,FR,rep@x.example,false
"""
PRODUCTS = """sku,gtin,description,unit,unit_price,currency
GT-6MM-BK,,"Heat shrink sleeve 6 mm, black",EA,3.45,USD
"""


def _po(header: list[tuple[float, float, str]], *, language: str = "fr") -> bytes:
    titles = {
        "fr": ["Réf.", "Désignation", "Qté", "Prix unitaire", "Montant"],
        "en": ["Item #", "Description", "Qty", "Unit price", "Total"],
    }[language]
    money = "" if language == "fr" else "$"
    body = [
        (40, 40, "Brasserie du Nord SARL" if language == "fr" else "Contoso Electronics"),
        (40, 52, "12 rue de la Gare" if language == "fr" else "3800 148th Ave NE"),
        (40, 64, "59000 Lille" if language == "fr" else "Redmond, WA 98052"),
        *header,
        *table(
            [40, 110, 330, 400, 480],
            300,
            [titles, ["A-778", "Heat shrink sleeve 6 mm", "12", money + "3.45", money + "41.40"]],
        ),
    ]
    return pdf([body])


def test_the_only_header_date_in_an_unambiguous_format_is_confident():
    layout = read_pdf(
        _po([(330, 40, "BON DE COMMANDE"), (330, 60, "Date :"), (400, 60, "13/11/2026")])
    )
    order = extract_from_layout(layout)
    assert order.order_date.value == dt.date(2026, 11, 13)
    assert order.order_date.rule == "label_right:date+unambiguous"
    assert order.order_date.confidence >= 0.9


def test_an_ambiguous_header_date_stays_below_the_threshold_and_says_how_it_was_read():
    layout = read_pdf(
        _po([(330, 40, "BON DE COMMANDE"), (330, 60, "Date :"), (400, 60, "03/04/2026")])
    )
    order = extract_from_layout(layout)
    assert order.order_date.value == dt.date(2026, 4, 3)
    assert order.order_date.rule == "label_right:date+dmy"
    assert order.order_date.confidence < 0.7


def test_the_other_dates_of_the_page_decide_the_day_and_month_order():
    layout = read_pdf(
        _po(
            [
                (330, 40, "BON DE COMMANDE"),
                (330, 60, "Date :"),
                (400, 60, "03/04/2026"),
                (330, 72, "Livraison souhaitée :"),
                (440, 72, "24/04/2026"),
            ]
        )
    )
    order = extract_from_layout(layout)
    assert order.order_date.value == dt.date(2026, 4, 3)
    assert order.order_date.rule == "label_right:date+dmy:page"
    assert order.order_date.confidence >= 0.8


def test_under_an_issue_date_label_the_pages_dates_settle_an_ambiguous_date():
    def order_date(delivery: str):
        return extract_from_layout(
            read_pdf(
                _po(
                    [
                        (330, 40, "BON DE COMMANDE"),
                        (330, 60, "ÉMISE LE"),
                        (330, 72, "06/02/2026"),
                        (440, 60, "DATE SOUHAITÉE"),
                        (440, 72, delivery),
                    ]
                )
            )
        ).order_date

    settled = order_date("23/02/2026")  # only day first reads 23/02
    assert (settled.value, settled.rule) == (dt.date(2026, 2, 6), "label_below:emise le+dmy:page")
    assert settled.confidence >= 0.72
    undecided = order_date("10/02/2026")
    assert undecided.value == dt.date(2026, 2, 6)
    assert undecided.confidence < 0.72


def test_two_different_plain_dates_keep_the_low_confidence():
    layout = read_pdf(
        _po(
            [
                (330, 40, "BON DE COMMANDE"),
                (330, 60, "Date :"),
                (400, 60, "13/11/2026"),
                (330, 72, "Date :"),
                (400, 72, "20/11/2026"),
            ]
        )
    )
    order = extract_from_layout(layout)
    assert "+unambiguous" not in order.order_date.rule
    assert order.order_date.confidence < 0.7


def test_the_customers_country_decides_an_ambiguous_date_read_the_same_way():
    layout = read_pdf(
        _po(
            [
                (330, 40, "PURCHASE ORDER"),
                (330, 60, "DATE"),
                (400, 60, "8/1/2019"),
                (330, 72, "PO #"),
                (400, 72, "190200"),
            ],
            language="en",
        )
    )
    order = extract_from_layout(layout)
    assert order.order_date.value == dt.date(2019, 8, 1)  # dollars: month first
    assert order.order_date.rule == "label_right:date+mdy"
    md = MasterData.from_csv(CUSTOMERS, PRODUCTS)
    american = build_draft(order, md, known_customer_code="C00001")
    assert american.extracted.order_date.rule == "label_right:date+mdy+customer_locale"
    assert american.confidence["order_date"] >= 0.8
    french = build_draft(order, md, known_customer_code="C00002")
    assert french.extracted.order_date.rule.endswith("+customer_locale_conflict")
    assert french.confidence["order_date"] <= 0.5


def test_a_delivery_label_wrapped_under_a_one_word_label_is_read():
    layout = read_pdf(
        _po(
            [
                (330, 40, "BON DE COMMANDE"),
                (330, 60, "Livraison"),
                (420, 60, "2026-04-27"),
                (330, 68, "souhaitée"),
            ]
        )
    )
    order = extract_from_layout(layout)
    assert order.requested_delivery_date.value == dt.date(2026, 4, 27)
    assert order.requested_delivery_date.confidence >= 0.9


def test_a_delivery_date_that_cannot_be_read_is_not_left_silent():
    layout = read_pdf(
        _po([(330, 40, "BESTELLUNG"), (330, 60, "Liefertermin:"), (420, 60, "3I.O5.2O26")])
    )
    order = extract_from_layout(layout)
    assert order.requested_delivery_date.value is None
    assert order.requested_delivery_date.confidence == 0.3
    assert order.requested_delivery_date.rule == "unread_delivery_label:liefertermin"


def test_a_delivery_date_whose_separators_were_read_as_digits_is_not_left_silent():
    # "13/07/2026" through a fax: "1310772026"
    layout = read_pdf(
        _po([(330, 40, "BON DE COMMANDE"), (330, 60, "Livraison :"), (420, 60, "1310772026")])
    )
    order = extract_from_layout(layout)
    assert order.requested_delivery_date.value is None
    assert order.requested_delivery_date.confidence == 0.3


def _unpriced(quantity: str) -> bytes:
    return pdf(
        [
            [
                (40, 40, "BESTELLUNG Nr. 4711"),
                *table(
                    [40, 140, 400],
                    120,
                    [
                        ["Artikel", "Bezeichnung", "Menge"],
                        ["A-778", "Schrumpfschlauch 6 mm", quantity],
                        ["B-120", "Kabelbinder 200 mm", "100"],
                    ],
                ),
            ]
        ]
    )


def test_unpriced_rows_read_from_text_are_confident_unless_the_quantity_reads_two_ways():
    plain = extract_from_layout(read_pdf(_unpriced("12")))
    assert [ln.field_confidence["quantity"] for ln in plain.lines] == [0.9, 0.9]
    thousands = extract_from_layout(read_pdf(_unpriced("1.000")))
    assert thousands.lines[0].field_confidence["quantity"] < 0.85


def test_a_sheet_whose_amounts_settle_the_decimal_comma_reads_1_000_one_way():
    from ingestion.extraction import extract_from_sheet

    rows = [
        ["Bestellnummer", "PO-2026-84882"],
        [],
        ["Artikel", "Bezeichnung", "Menge", "EP netto"],
        ["WG-PU-7", "Handschuhe PU, Größe 7", "1.000", "1,30"],
        ["TL-243", "Schraubensicherung 243, 50 ml", "12", "14,20"],
        ["BAG-30", "Druckverschlussbeutel 300x400", "20", "0,070"],
        ["SF-500", "Handstretchfolie 500 mm", "30", "6,50"],
    ]
    order = extract_from_sheet(rows)
    assert [(ln.quantity, ln.unit_price) for ln in order.lines][::2] == [
        (Decimal("1000"), Decimal("1.30")),
        (Decimal("20"), Decimal("0.070")),
    ]
    assert [ln.field_confidence["quantity"] for ln in order.lines] == [0.9] * 4


def test_the_sum_of_a_whole_one_page_table_is_a_confident_total():
    layout = read_pdf(
        pdf(
            [
                [
                    (40, 40, "PURCHASE ORDER No. 4711"),
                    *table(
                        [40, 140, 330, 400, 480],
                        120,
                        [
                            ["Item", "Description", "Qty", "Unit price", "Amount"],
                            ["A-778", "Heat shrink sleeve 6 mm", "12", "3.45", "41.40"],
                            ["B-120", "Cable tie 200 mm", "100", "0.12", "12.00"],
                        ],
                    ),
                ]
            ]
        )
    )
    order = extract_from_layout(layout)
    assert str(order.total.value) == "53.40"
    assert order.total.rule == "sum_of_lines+complete_table"
    assert order.total.confidence == 0.9


def _priced(columns: list[str], row: list[str]) -> bytes:
    return pdf(
        [
            [
                (40, 40, "PURCHASE ORDER No. 4711"),
                *table([40, 140, 330, 400, 480][: len(columns)], 120, [columns, row]),
            ]
        ]
    )


def test_a_priced_row_with_nothing_to_confuse_its_numbers_is_confident():
    simple = extract_from_layout(
        read_pdf(
            _priced(
                ["Item", "Description", "Qty", "Unit price"],
                ["A-778", "Heat shrink sleeve 6 mm", "12", "3.45"],
            )
        )
    )
    assert simple.lines[0].field_confidence == {"quantity": 0.9, "unit_price": 0.9}
    discounted = extract_from_layout(
        read_pdf(
            _priced(
                ["Item", "Description", "Qty", "Unit price", "Disc. %"],
                ["A-778", "Heat shrink sleeve 6 mm", "12", "3.45", "10"],
            )
        )
    )
    assert discounted.lines[0].field_confidence["unit_price"] < 0.85


def test_on_a_scan_a_date_no_label_claims_is_not_left_silent():
    from dataclasses import replace

    from ingestion.layout import TextSource

    layout = read_pdf(
        _po(
            [
                (330, 40, "BESTELLUNG"),
                (330, 60, "Bestelldatum:"),
                (420, 60, "2026-05-21"),
                (330, 90, "ANGEFORDERT VON WUNSCHTERMN"),
                (330, 102, "Michael Köhler"),
                (470, 102, "2026-06-25"),
            ]
        )
    )
    scan = replace(
        layout,
        pages=tuple(
            replace(
                p,
                source=TextSource.OCR,
                words=tuple(replace(w, confidence=0.9) for w in p.words),
            )
            for p in layout.pages
        ),
    )
    order = extract_from_layout(scan)
    assert order.order_date.value == dt.date(2026, 5, 21)
    assert order.requested_delivery_date.value == dt.date(2026, 6, 25)
    assert order.requested_delivery_date.rule == "unlabelled_scan_date"
    assert order.requested_delivery_date.confidence < 0.7
    assert extract_from_layout(layout).requested_delivery_date is None  # digital: labels hold


def test_a_scanned_delivery_block_weighs_its_ocr_confidence():
    from dataclasses import replace

    from ingestion.layout import TextSource

    layout = read_pdf(
        _po(
            [
                (330, 40, "BON DE COMMANDE"),
                (330, 60, "Livrer à :"),
                (330, 72, "Brasserie du Nord - Entrepôt"),
                (330, 84, "5 rue du Port"),
                (330, 96, "69007 Lyon"),
            ]
        )
    )
    printed = extract_from_layout(layout).ship_to
    scan = replace(
        layout,
        pages=tuple(
            replace(
                p,
                source=TextSource.OCR,
                words=tuple(replace(w, confidence=0.6) for w in p.words),
            )
            for p in layout.pages
        ),
    )
    scanned = extract_from_layout(scan).ship_to
    assert scanned.value.postal_code == printed.value.postal_code == "69007"
    assert printed.confidence >= 0.9
    assert scanned.confidence == round(printed.confidence * (0.55 + 0.45 * 0.6), 4)
    assert scanned.rule.endswith("+ocr")


def test_an_undecided_page_is_read_month_first_for_a_us_customer():
    layout = read_pdf(
        pdf(
            [
                [
                    (40, 40, "Contoso Electronics"),
                    (330, 40, "PURCHASE ORDER"),
                    (330, 60, "DATE"),
                    (400, 60, "11/05/2026"),
                    (330, 72, "PO #"),
                    (400, 72, "190200"),
                    (330, 84, "Need by"),
                    (400, 84, "12/04/2026"),
                    *table(
                        [40, 110, 330],
                        300,
                        [["Item #", "Description", "Qty"], ["A-778", "Heat shrink sleeve", "12"]],
                    ),
                ]
            ]
        )
    )
    order = extract_from_layout(layout)
    assert order.order_date.value == dt.date(2026, 5, 11)  # nothing says: day first
    md = MasterData.from_csv(CUSTOMERS, PRODUCTS)
    american = build_draft(order, md, known_customer_code="C00001")
    assert american.extracted.order_date.value == dt.date(2026, 11, 5)
    assert american.extracted.requested_delivery_date.value == dt.date(2026, 12, 4)
    french = build_draft(order, md, known_customer_code="C00002")
    assert french.extracted.order_date.value == dt.date(2026, 5, 11)


def test_a_delivery_date_column_with_one_date_on_every_item_is_sure():
    rows = [
        ["Réf.", "Désignation", "Qté", "Prix", "Montant", "Date souhaitée"],
        ["A-778", "Gaine thermo 6 mm", "12", "3,45", "41,40", "03/12/2026"],
        ["B-120", "Collier nylon", "10", "2,00", "20,00", "03/12/2026"],
    ]
    header = [(40, 40, "Commande d'achat #DA-2026-3310"), (330, 60, "Date de commande: 19/11/2026")]
    order = extract_from_layout(
        read_pdf(pdf([[*header, *table([40, 110, 300, 350, 410, 470], 150, rows)]]))
    )
    assert order.requested_delivery_date.value == dt.date(2026, 12, 3)
    assert order.requested_delivery_date.confidence >= 0.85


def test_items_each_with_their_own_date_want_the_order_from_the_earliest():
    rows = [
        ["Réf.", "Désignation", "Qté", "Prix", "Montant", "Date souhaitée"],
        ["A-778", "Gaine thermo 6 mm", "12", "3,45", "41,40", "07/12/2026"],
        ["B-120", "Collier nylon", "10", "2,00", "20,00", "03/12/2026"],
    ]
    header = [(40, 40, "Commande d'achat #DA-2026-3310"), (330, 60, "Date de commande: 19/11/2026")]
    order = extract_from_layout(
        read_pdf(pdf([[*header, *table([40, 110, 300, 350, 410, 470], 150, rows)]]))
    )
    assert [ln.requested_date for ln in order.lines] == [dt.date(2026, 12, 7), dt.date(2026, 12, 3)]
    assert order.requested_delivery_date.value == dt.date(2026, 12, 3)
    assert order.requested_delivery_date.confidence >= 0.72


def test_a_sheet_whose_amount_cells_are_empty_is_as_plain_as_one_without_them():
    from ingestion.extraction import extract_from_sheet

    rows = [
        ["Bestellung", "B-118501"],
        [],
        ["Artikel", "Bezeichnung", "Menge", "Preis", "Betrag"],
        ["TPB-10565", "Kabelbinder", "10", "6,26", ""],  # a formula saved without its value
        ["TPB-11670", "Klemme", "20", "11,60", ""],
    ]
    order = extract_from_sheet(rows)
    assert [ln.field_confidence["quantity"] for ln in order.lines] == [0.9, 0.9]


def test_dates_that_do_not_fit_the_fax_day_or_each_other_are_doubtful():
    """A scan's 2026 read as 2028, its 11 read as 01: the day the fax machine printed on the
    page and the order date tell."""
    from ingestion.extraction import extract_from_layout
    from ingestion.reading import read_pdf
    from tests.extraction.docs import as_scan, pdf, table

    def order(fax_line: str, ordered: str, wanted: str):
        page = [
            (20, 12, fax_line),
            (40, 60, "BESTELLUNG"),
            (300, 60, "Bestellnummer: 4500012345"),
            (300, 74, f"Bestelldatum: {ordered}"),
            (300, 88, f"Liefertermin: {wanted}"),
            *table(
                [40, 120, 330, 400, 480],
                130,
                [
                    ["Artikel", "Bezeichnung", "Menge", "Preis", "Betrag"],
                    ["A-778", "Schrumpfschlauch", "12", "3,45", "41,40"],
                ],
            ),
        ]
        return extract_from_layout(as_scan(read_pdf(pdf([page]))))

    fax = "27/11/2026 10:42 FROM +49 711 123456 MUELLER GMBH P.001/001"
    fine = order(fax, "20.11.2026", "07.12.2026")
    misread = order(fax, "20.01.2026", "07.12.2028")
    assert fine.order_date.value == dt.date(2026, 11, 20)
    assert misread.order_date.confidence < 0.72 <= fine.order_date.confidence
    assert (
        misread.requested_delivery_date.confidence < 0.7 <= fine.requested_delivery_date.confidence
    )
    assert "far_from_fax_day" in misread.order_date.rule


def test_a_date_read_doubtfully_on_the_day_the_fax_machine_printed_is_sure():
    """ "Datum | 17.11 2026" (a scan lost a dot) on a page the fax machine dated 17.11.2026:
    two readings agree."""
    from ingestion.extraction import extract_from_layout
    from ingestion.reading import read_pdf
    from tests.extraction.docs import as_scan, pdf, table

    def ordered(fax_line: str):
        page = [
            (20, 12, fax_line),
            (40, 60, "BESTELLUNG"),
            (300, 60, "Bestell-Nr. BE-26-04388"),
            (300, 74, "Datum"),
            (390, 74, "17.11 2026"),
            *table(
                [40, 120, 330, 400, 480],
                130,
                [
                    ["Artikel", "Bezeichnung", "Menge", "Preis", "Betrag"],
                    ["A-778", "Schrumpfschlauch", "12", "3,45", "41,40"],
                ],
            ),
        ]
        return extract_from_layout(as_scan(read_pdf(pdf([page])))).order_date

    same = ordered("17.11.2026 14:31 +49 8031 2290-55 SBI ROSENHEIM S. 001/001")
    assert same.value == dt.date(2026, 11, 17)
    assert same.confidence >= 0.9
    later = ordered("19.11.2026 14:31 +49 8031 2290-55 SBI ROSENHEIM S. 001/001")
    assert later.value == dt.date(2026, 11, 17)
    assert later.confidence < 0.9


def test_a_scanned_date_wrapped_after_its_month_under_a_lost_label_is_proposed_for_a_person():
    """ "September" over "2, 2026" beside a label the scan garbled ("Deliver b y"): the date is
    found, no label vouches for it."""
    from ingestion.extraction import extract_from_layout
    from ingestion.reading import read_pdf
    from tests.extraction.docs import as_scan, pdf, table

    page = [
        (20, 12, "FROM: +1 913 925-4425 AUG-13-2026 07:51AM P.1/1"),
        (40, 60, "Purchase Order"),
        (300, 60, "PO R177405-78"),
        (300, 74, "Date"),
        (390, 74, "August 13, 2026"),
        (390, 86, "September"),
        (300, 98, "Deliv er b y"),
        (390, 98, "2, 2026"),
        *table(
            [40, 120, 330, 400, 480],
            140,
            [
                ["Item", "Description", "Qty", "Price", "Amount"],
                ["A-778", "Heat shrink sleeve", "12", "3.45", "41.40"],
            ],
        ),
    ]
    order = extract_from_layout(as_scan(read_pdf(pdf([page]))))
    assert order.order_date.value == dt.date(2026, 8, 13)
    assert order.requested_delivery_date.value == dt.date(2026, 9, 2)
    assert order.requested_delivery_date.confidence < 0.5


def test_an_order_without_a_date_read_was_written_the_day_it_was_faxed():
    from ingestion.extraction import extract_from_layout
    from ingestion.reading import read_pdf
    from tests.extraction.docs import as_scan, pdf, table

    def faxed(fax_line: str):
        page = [
            (20, 12, fax_line),
            (40, 60, "COMMANDE FOURNISSEUR"),
            (300, 60, "N° commande BK-2026-044"),
            *table(
                [40, 120, 330, 400, 480],
                130,
                [
                    ["Référence", "Désignation", "Qté", "Prix", "Total"],
                    ["A-778", "Gaine thermo", "12", "3,45", "41,40"],
                ],
            ),
        ]
        layout = as_scan(read_pdf(pdf([page])))
        return extract_from_layout(layout, sent_date=dt.date(2026, 11, 28)).order_date

    day = faxed("04/11/26 16:41 +33388690413 BRASSERIE KOCHERSBERG P.01/01")
    assert (day.value, day.rule) == (dt.date(2026, 11, 4), "fax_day")
    assert day.confidence < 0.72
    unset = faxed("01/01/00 00:12 +33388690413 BRASSERIE KOCHERSBERG P.01/01")
    assert (unset.value, unset.rule) == (dt.date(2026, 11, 28), "sent_date")
    # a fax filed and uploaded long after it came: its day, as the page's own dates agree
    old = faxed("24 MAR 2025 11:02 +33388690413 BRASSERIE KOCHERSBERG P.01/01")
    assert (old.value, old.rule) == (dt.date(2025, 3, 24), "fax_day")


def test_a_labelled_date_that_is_the_day_the_message_was_sent_is_sure():
    from ingestion.extraction import extract_from_text

    body = "N° commande : AMG-C2612-044          Date : 07/12/2026\n\n- 10 x A-778\n"
    same_day = extract_from_text(body, sent_date=dt.date(2026, 12, 7)).order_date
    assert (same_day.value, same_day.confidence) == (dt.date(2026, 12, 7), 0.9)
    later = extract_from_text(body, sent_date=dt.date(2026, 12, 9)).order_date
    assert later.value == dt.date(2026, 12, 7)
    assert later.confidence < 0.72  # 07/12 or 12/07: nothing on the page tells


def test_the_date_of_a_fax_cover_sheet_is_the_day_it_was_sent():
    from ingestion.extraction import extract_from_layout
    from ingestion.reading import read_pdf
    from tests.extraction.docs import as_scan, pdf, table

    cover = [
        (40, 60, "To: Norvell Industrie & Emballage SAS"),
        (40, 74, "Date: 11-Jun-2026"),
        (40, 88, "Pages (incl. cover): 2"),
        (40, 110, "Please find our purchase order attached."),
    ]
    order = [
        (40, 60, "PURCHASE ORDER 4711"),
        *table(
            [40, 120, 330, 400, 480],
            100,
            [
                ["Item", "Description", "Qty", "Price", "Amount"],
                ["A-778", "Sleeve", "12", "3.45", "41.40"],
            ],
        ),
    ]
    read = extract_from_layout(as_scan(read_pdf(pdf([cover, order])))).order_date
    assert read.value == dt.date(2026, 6, 11)
    assert read.confidence < 0.72
    assert "cover_sheet" in read.rule


def test_a_scanned_date_after_a_garbled_word_is_not_the_order_dates():
    """ "Req. Date 01/06/2026" read "Reg. 4 Date": the bare "Date" does not make it the order's."""
    from tests.extraction.docs import as_scan

    layout = read_pdf(
        _po(
            [
                (330, 40, "ORDER"),
                (330, 60, "Date of order"),
                (430, 60, "13/05/2026"),
                (330, 72, "Reg. 4 Date"),
                (430, 72, "01/06/2026"),
            ]
        )
    )
    order = extract_from_layout(as_scan(layout))
    assert order.order_date.value == dt.date(2026, 5, 13)
    assert order.requested_delivery_date.value == dt.date(2026, 6, 1)
    assert order.requested_delivery_date.confidence < 0.7


def test_an_undecided_date_under_a_label_naming_it_is_read_month_first_for_a_us_customer():
    """ "Date issued: 12/02/2026" from a cooperative in Iowa, printing no currency and no other
    date that settles the order: the customer's country does."""
    layout = read_pdf(
        pdf(
            [
                [
                    (40, 40, "Contoso Electronics"),
                    (330, 40, "PURCHASE ORDER No. 88412"),
                    (330, 60, "Date issued: 12/02/2026"),
                    *table(
                        [40, 110, 330],
                        300,
                        [["Item #", "Description", "Qty"], ["A-778", "Heat shrink sleeve", "12"]],
                    ),
                    (40, 400, "Requested delivery: 12/09/2026"),
                ]
            ]
        )
    )
    order = extract_from_layout(layout)
    md = MasterData.from_csv(CUSTOMERS, PRODUCTS)
    american = build_draft(order, md, known_customer_code="C00001")
    assert american.extracted.order_date.value == dt.date(2026, 12, 2)
    assert american.extracted.requested_delivery_date.value == dt.date(2026, 12, 9)


def test_the_year_of_a_written_date_is_no_postal_code():
    from ingestion.extraction.confidence import postal_codes_in

    assert postal_codes_in("Colmar, le 26 novembre 2026", language="fr") == []
    assert (
        postal_codes_in("Livraison souhaitée : le 9 décembre 2026 au plus tard", language="fr")
        == []
    )
    assert postal_codes_in("Lieferung am 03.12.2026 Basel", language="de") == []
    # a Swiss postal code that looks like a year still is one
    assert postal_codes_in("Bahnhofstrasse 12, 2024 Sainte-Croix", language="fr") == ["2024"]
    # the law a French club is founded under, the year a firm was
    assert postal_codes_in(
        "Association loi 1901 – 12 chemin de l'Aérodrome – 31130 Balma", language="fr"
    ) == ["31130"]
    assert postal_codes_in("Gärtnerei Huber · seit 1952", language="de") == []


def test_a_certificates_number_is_no_postal_code():
    from ingestion.extraction.confidence import postal_codes_in

    assert postal_codes_in("VAT GB 297 6643 12 · F-Gas Cert. REFCOM 41882", language="en") == []


def test_a_delivery_written_alike_that_only_one_reading_puts_days_after_the_order_settles_it():
    page = [
        (40, 40, "ZOO MULLER S.à r.l."),
        (40, 80, "COMMANDE N° ZM-2026-331 DATE : 03/12/2026 LIVRAISON : 10/12/2026"),
        *table([40, 120, 330, 400], 120, [["REF", "DESIGNATION", "QTE", "PU"]]),
        *table([40, 120, 330, 400], 134, [["PN-20201", "Barquettes chat saumon", "3", "11,90"]]),
    ]
    order = extract_from_layout(read_pdf(pdf([page])))
    assert order.order_date.value == dt.date(2026, 12, 3)
    # read month first: March the 12th ordered, October the 12th wanted; day first: a week
    assert order.order_date.rule.endswith("+dmy:alt_implausible")


def test_a_scans_zero_among_a_references_letters_is_put_right_for_a_person_to_confirm():
    from ingestion.extraction.confidence import ocr_lookalikes_resolved
    from tests.extraction.docs import scanned_page

    # letters with one zero among them, digits with one O or l inside them: the scan's mix-up
    assert ocr_lookalikes_resolved("2026/SP0/01265") == "2026/SPO/01265"
    assert ocr_lookalikes_resolved("BC-2O26-0l31") == "BC-2026-0131"
    # letters and digits both: a code as it is printed
    for printed in ("AB0012", "KF40231", "CF2611-042", "4500012345", "PO-1234", "B26-0733"):
        assert ocr_lookalikes_resolved(printed) == printed
    rows = [
        ["Item #", "Description", "Qty", "Unit price", "Total"],
        ["GT-6MM-BK", "Sleeve", "2", "3.45", "6.90"],
    ]
    page = [
        (40, 40, "BON DE COMMANDE"),
        (40, 60, "N° 2026/SP0/01265"),
        *table([40, 110, 330, 400, 480], 100, rows),
    ]
    order = extract_from_layout(scanned_page(page, confidence=0.95))
    assert order.po_number.value == "2026/SPO/01265"
    assert order.po_number.confidence < 0.75  # below the threshold: a person looks
    clean = [
        (40, 40, "BON DE COMMANDE"),
        (40, 60, "N° 2026/SPO/01265"),
        *table([40, 110, 330, 400, 480], 100, rows),
    ]
    assert extract_from_layout(scanned_page(clean, confidence=0.95)).po_number.confidence >= 0.75


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("8. anuar 2027", dt.date(2027, 1, 8)),  # the J of "Januar" lost
        ("3 decernbre 2026", None),  # two letters off: for a person
        ("12 Juin 2026", dt.date(2026, 6, 12)),
        ("4 Jum 2026", None),  # "Juni" or "Juli"? "Jun", "Jul": too short to tell
        ("31 Februar 2026", None),  # no such day
        ("Lieferung 2027", None),
    ],
)
def test_a_month_name_a_scan_misread_by_a_letter(text, expected):
    from ingestion.extraction.confidence import _month_misread

    assert _month_misread(text) == expected


def test_a_french_customer_s_french_page_reads_an_ambiguous_date_day_first():
    """ "Date 05/03/2026" and "Livraison souhaitée le 20 mars 2026": May 3rd would fit the page
    as well as March 5th, but a French page from a French customer writes the day first."""
    layout = read_pdf(
        _po(
            [
                (330, 40, "BON DE COMMANDE BC-2026-0087"),
                (330, 60, "Date"),
                (400, 60, "05/03/2026"),
                (330, 84, "Lieferung bis 20. Dezember 2026"),
            ]
        )
    )
    order = extract_from_layout(layout)
    assert order.order_date.rule.endswith("+dmy:alt_plausible")
    md = MasterData.from_csv(CUSTOMERS, PRODUCTS)
    french = build_draft(replace(order, language="fr"), md, known_customer_code="C00002")
    assert french.extracted.order_date.value == dt.date(2026, 3, 5)
    assert french.confidence["order_date"] >= 0.8
    english = build_draft(replace(order, language="en"), md, known_customer_code="C00002")
    assert english.confidence["order_date"] < 0.72


@pytest.mark.parametrize(
    "second",
    [
        [(330, 82, "souhaitée"), (420, 82, "le 20 mars 2026")],
        [(330, 82, "souhaitée"), (420, 82, "20.03.2026")],
        [(330, 82, "souhaitée le 20 mars 2026")],  # the value right after it
    ],
)
def test_a_delivery_label_wrapped_with_its_value_beside_its_second_line(second):
    """ "Livraison" over "souhaitée | le 20 mars 2026": nothing beside the first line."""
    layout = read_pdf(
        _po(
            [
                (330, 40, "BON DE COMMANDE"),
                (330, 60, "Date"),
                (420, 60, "05/03/2026"),
                (330, 72, "Livraison"),
                *second,
            ]
        )
    )
    order = extract_from_layout(layout)
    assert order.requested_delivery_date.value == dt.date(2026, 3, 20)
    assert order.requested_delivery_date.confidence >= 0.9
    assert order.order_date.value == dt.date(2026, 3, 5)
