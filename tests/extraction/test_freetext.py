import datetime as dt
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
        # so many of what holds so much (not a size "400 x 300 mm")
        (
            "- 6 x 1 litre Lavender (Provence) fragrance oil",
            [(Decimal(6), None, None, "1 litre Lavender (Provence) fragrance oil")],
        ),
        (
            "ADS-PAR-FIG   parfum figue noire      x 4 L",
            [(Decimal(4), "L", "ADS-PAR-FIG", "parfum figue noire")],
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


def test_a_date_in_words_is_not_a_line():
    order = extract_from_text(
        "Bonjour,\n\nMerci de nous livrer pour le 30 novembre :\n12 x réf A-778 gaine thermo\n"
        "3 cartons de ruban adhésif\n\nCordialement"
    )
    assert [(ln.quantity, ln.customer_sku, ln.description) for ln in order.lines] == [
        (Decimal(12), "A-778", "gaine thermo"),
        (Decimal(3), None, "ruban adhésif"),
    ]
    assert order.requested_delivery_date.value.isoformat()[5:] == "11-30"


def test_the_order_reference_in_a_sentence_is_the_po_number_not_a_line():
    order = extract_from_text(
        "Bonjour,\nVoici notre commande n° BC26-4902 :\n12 x A-778 gaine thermo pour le 30 novembre"
    )
    assert order.po_number.value == "BC26-4902"
    assert order.po_number.confidence >= 0.9
    assert [(ln.quantity, ln.customer_sku, ln.description) for ln in order.lines] == [
        (Decimal(12), "A-778", "gaine thermo"),
    ]
    assert order.requested_delivery_date.rule == "label_inline:pour le"


def test_thousands_and_trailing_box_quantities_in_an_email():
    order = extract_from_text(
        "please ship the following:\n1,000 EA A-758 - Packaging tape @ $1.54\n"
        "VS-34-750  Chipboard screws 5x50 mm, box of 200  40 bx\n"
        "We need this by Sep 7, 2026."
    )
    assert [(ln.quantity, ln.unit, ln.customer_sku) for ln in order.lines] == [
        (Decimal(1000), "EA", "A-758"),
        (Decimal(40), "BOX", "VS-34-750"),
    ]
    assert order.requested_delivery_date.value.isoformat() == "2026-09-07"
    assert order.order_date is None or order.order_date.rule != "first_date"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Ajoutez aussi 2 rouleaux de film étirable (réf. A-512) svp.",
            [(Decimal(2), "A-512", "film étirable")],
        ),
        (
            "Qté 10 - TD-125-1.0 - disques inox 125",
            [(Decimal(10), "TD-125-1.0", "disques inox 125")],
        ),
        ("1 coffret de forets HSS 19 pieces", [(Decimal(1), None, "forets HSS 19 pieces")]),
        ("5 bobines d'essuyage CW-500", [(Decimal(5), "CW-500", "essuyage")]),
        ("2 boites ecrous M6 (934-M6)", [(Decimal(2), "934-M6", "ecrous M6")]),
        (
            "- 20 gilets HV taille XL (HV-VEST-XL)",
            [(Decimal(20), "HV-VEST-XL", "gilets HV taille XL")],
        ),
        ("2 Stk. SHRINK-KIT", [(Decimal(2), "SHRINK-KIT", "")]),
        (
            "Pos. 3: 15 Boxen FFP2 Masken MASK-FFP2 à 11,60 EUR",
            [(Decimal(15), "MASK-FFP2", "FFP2 Masken")],
        ),
        ("Artikel: WIRE-H07-2.5-BU / Menge: 10", [(Decimal(10), "WIRE-H07-2.5-BU", "")]),
        ("* A-182 : 1 200 pce", [(Decimal(1200), "A-182", "")]),
        ("6 reels H07V-U 2.5mm² blue", [(Decimal(6), "H07V-U", "2.5mm² blue")]),
    ],
)
def test_the_code_written_inside_the_item_is_the_line_code(text, expected):
    order = extract_from_text(text)
    assert [(ln.quantity, ln.customer_sku, ln.description) for ln in order.lines] == expected


@pytest.mark.parametrize(
    "text",
    [
        "- 12.5 m Polypropylene rope 10 mm, 3-strand",  # "3-strand" is a word
        "4 boxes of screws M8x20",  # a size
        "3 x cable ties 200x4.8",
    ],
)
def test_words_and_sizes_at_the_end_of_an_item_are_no_code(text):
    assert [ln.customer_sku for ln in extract_from_text(text).lines] == [None]


def test_the_number_after_an_order_verb_is_a_quantity_read_with_less_confidence():
    order = extract_from_text(
        "Pour le chantier de Thionville (bâtiment B, 2e étage, lot 12), il nous faudrait 200 "
        "disques à lamelles grain 120 (notre réf. SOM-ABR-120) ainsi que 4 boîtes de bouchons "
        "d'oreille EP-200."
    )
    assert [(ln.quantity, ln.customer_sku, ln.description) for ln in order.lines] == [
        (Decimal(200), "SOM-ABR-120", "disques à lamelles grain 120"),
        (Decimal(4), "EP-200", "bouchons d'oreille"),
    ]
    assert order.lines[0].field_confidence["quantity"] < 0.7


@pytest.mark.parametrize(
    "text",
    [
        "We need 2 weeks to prepare the site.",
        "Merci de livrer 18 allée de la Libération, 57100 Thionville",
        "Bitte senden Sie uns 3 Exemplare der Rechnung.",
        "Pos. 2 und 4 benötigen wir derzeit nicht.",
        "Contact sur place : M. Royer 06 22 33 44 55",
        "TVA intracom. FR 27 398765432",
        "Please deliver 10 M8x20 bolts",
        # a position of the quote named, not counted
        "We do NOT take item 3 of your quote (blast chiller) for now.",
    ],
)
def test_numbers_in_prose_that_count_no_goods_are_no_lines(text):
    assert extract_from_text(text).lines == ()


def test_items_written_one_field_a_line():
    order = extract_from_text(
        "bitte folgende Bestellung ausführen:\n\nArtikel: WIRE-H07-2.5-BU\nMenge: 10\n"
        "Artikel: WAGO-221-415\nBezeichnung: Klemme 5-polig\nMenge: 8 Stk\n\n"
        "Bestell-Nr.: ES-118204\nLieferung an: Lager Fürth, Kurgartenstraße 37, 90762 Fürth"
    )
    assert [(ln.quantity, ln.unit, ln.customer_sku, ln.description) for ln in order.lines] == [
        (Decimal(10), None, "WIRE-H07-2.5-BU", ""),
        (Decimal(8), "EA", "WAGO-221-415", "Klemme 5-polig"),
    ]
    assert order.po_number.value == "ES-118204"


def test_a_correction_in_prose_changes_the_line_it_names():
    order = extract_from_text(
        "For this week please:\n- 6 x LB-400\n- 4 x RAG-10\n- 4 x ABS-GRAN-20\n\n"
        "Ah and regarding the absorbent granules: make that 6 bags instead of 4, we had a spill."
    )
    assert [(ln.customer_sku, ln.quantity) for ln in order.lines] == [
        ("LB-400", Decimal(6)),
        ("RAG-10", Decimal(4)),
        ("ABS-GRAN-20", Decimal(6)),
    ]
    corrected = order.lines[2]
    assert corrected.field_confidence["quantity"] < 0.7
    assert order.lines[1].field_confidence["quantity"] == 0.9  # untouched: a plainly listed item


def test_a_correction_whose_line_is_unclear_adds_no_line():
    order = extract_from_text(
        "- 4 x LB-400\n- 4 x RAG-10\n\nSorry, make that 6 instead of 4, please."
    )
    assert [(ln.customer_sku, ln.quantity) for ln in order.lines] == [
        ("LB-400", Decimal(4)),
        ("RAG-10", Decimal(4)),
    ]


def test_a_price_phrase_in_words_is_the_unit_price():
    order = extract_from_text(
        "Bitte liefern Sie 18 Stück Art.-Nr. GT-12MM-BK zum Preis von 5,82 € netto."
    )
    assert [(ln.quantity, ln.customer_sku, ln.unit_price) for ln in order.lines] == [
        (Decimal(18), "GT-12MM-BK", Decimal("5.82"))
    ]
    order = extract_from_text("Merci de nous livrer 18 x réf A-751 au prix de 2,75 € HT.")
    assert [(ln.quantity, ln.customer_sku, ln.unit_price) for ln in order.lines] == [
        (Decimal(18), "A-751", Decimal("2.75"))
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "5 bx MAT-86067663 - Flat washers M6, zinc plated, box of 200 @ £1.81",
            (Decimal(5), "MAT-86067663", Decimal("1.81")),
        ),
        (
            "20 U PNT-RAL3000 - Peinture aérosol RAL 3000 rouge feu à 7,40 €",
            (Decimal(20), "PNT-RAL3000", Decimal("7.40")),
        ),
        (
            "100 mtr NV-CH-GALV-5MM - Galvanised steel chain 5 mm @ 2,60 €",
            (Decimal(100), "NV-CH-GALV-5MM", Decimal("2.60")),
        ),
        (
            "EMB.6211  Galvanised steel chain 8 mm, short link  25 mtr",
            (Decimal(25), "EMB.6211", None),
        ),
        ("VS-23-761  Hydrauliköl HLP 32  40 l", (Decimal(40), "VS-23-761", None)),
        (
            "GT-9MM-BK  Joint mousse adhésif 9 mm x 10 m, noir  2 pce à 4,89 €",
            (Decimal(2), "GT-9MM-BK", Decimal("4.89")),
        ),
        (
            "LG-S-NT  Gants jetables latex taille S, boîte de 100  12 bte à 6,20 €",
            (Decimal(12), "LG-S-NT", Decimal("6.20")),
        ),
        # a Swiss hotel's bottles and cartons, the currency before the price
        (
            "LL-VR-019  Ch. Haut-Brignon 2019            24 bt   à CHF 31.50   = CHF   756.00",
            (Decimal(24), "LL-VR-019", Decimal("31.50")),
        ),
        (
            "LL-CH-002  Champagne V-L Brut, carton 6     10 ct   à CHF 165.00  = CHF 1'650.00",
            (Decimal(10), "LL-CH-002", Decimal("165.00")),
        ),
    ],
)
def test_short_units_and_a_price_after_a_trailing_quantity(text, expected):
    order = extract_from_text(text)
    assert [(ln.quantity, ln.customer_sku, ln.unit_price) for ln in order.lines] == [expected]


def test_an_item_listed_alone_in_a_plain_form_is_read_with_confidence():
    order = extract_from_text(
        "Hello,\n\n- 2 x SCR-4X30-ZN (Chipboard screws)\n- SF-500-23 x 24\n- 20 Stück 4711-B\n"
        "- 1,000 x EP-35-1200\n- 2 x 25 m Kabel\nil nous faudrait 200 disques CW-500\n"
        "- 1,250 kg CLN-ABS-GR\n"
    )
    assert [(ln.customer_sku, ln.quantity, ln.confidence >= 0.85) for ln in order.lines] == [
        ("SCR-4X30-ZN", Decimal("2"), True),
        ("SF-500-23", Decimal("24"), True),
        ("4711-B", Decimal("20"), True),
        ("EP-35-1200", Decimal("1000"), True),  # a count has no three decimals: one thousand
        ("25", Decimal("2"), False),  # a size, not a code
        ("CW-500", Decimal("200"), False),  # a number in a sentence
        ("CLN-ABS-GR", Decimal("1250"), False),  # 1,250 kg: a weight may have decimals
    ]


def test_code_description_then_quantity_times_price():
    order = extract_from_text(
        "Voici notre commande :\n- TPB-11607  Disjoncteur 1P C10 : 1 x 8,72 € HT\n"
        "- TPB-10663  Câble H07 : 7,5 x 2,45 € HT\n"
    )
    assert [(ln.customer_sku, ln.quantity, ln.unit_price) for ln in order.lines] == [
        ("TPB-11607", Decimal("1"), Decimal("8.72")),
        ("TPB-10663", Decimal("7.5"), Decimal("2.45")),
    ]


def test_a_restated_line_that_says_what_it_replaces_keeps_its_new_quantity_for_a_person():
    text = (
        "Die vollständige, gültige Bestellung lautet:\n\n"
        "ELE-CAB-3G15     Leitung H05VV-F 3G1,5          300 m\n"
        "ELE-CAB-5G25     Gummileitung H07RN-F 5G2,5      50 m   (statt 100 m)\n"
        "ELE-WAGO-3       Hebelklemmen 3-polig             6 Box\n"
    )
    order = extract_from_text(text)
    assert [(ln.customer_sku, ln.quantity) for ln in order.lines] == [
        ("ELE-CAB-3G15", Decimal("300")),
        ("ELE-CAB-5G25", Decimal("50")),
        ("ELE-WAGO-3", Decimal("6")),
    ]
    assert order.lines[1].field_confidence["quantity"] <= 0.6


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a price after the words of the item, its "à" not the first one ("A2 à CHF 9.95")
        (
            "- 20 Pack MPT-40-118 Sechskantschraube DIN 933 M6x20 A2 à CHF 9.95",
            ("MPT-40-118", Decimal("20"), "PK", Decimal("9.95")),
        ),
        (
            "- 24 rlx TAP-DUC50-SI Ruban toilé 50 mm x 50 m, gris argent - PU 6,80 €",
            ("TAP-DUC50-SI", Decimal("24"), "ROL", Decimal("6.80")),
        ),
        (
            " 1.200 x PAL-EUR-NEW    Euro pallets new EPAL       € 13,85",
            ("PAL-EUR-NEW", Decimal("1200"), None, Decimal("13.85")),
        ),
        (
            "- 100 kg CLN-ABS-GR Absorbant granulés (sacs de 20 kg) - PU 0,62 €",
            ("CLN-ABS-GR", Decimal("100"), "KG", Decimal("0.62")),
        ),
    ],
)
def test_items_with_their_price_written_after_them(text, expected):
    order = extract_from_text(text)
    assert [(ln.customer_sku, ln.quantity, ln.unit, ln.unit_price) for ln in order.lines] == [
        expected
    ]


def test_items_with_their_quantity_last_after_an_x():
    text = (
        "Can we place a new order please:\n\n"
        "  4730 hi-vis vests L x 40\n"
        "  4751 cut gloves size 10 x 24 pairs\n"
        "  floor tape yellow/black (TAP-FLR50-YB) x 10 rolls\n"
        "  carton 400 x 300\n"
        "  FP-4003   x 6\n"
        "  M8 x 40\n"
    )
    order = extract_from_text(text)
    assert [(ln.customer_sku, ln.quantity, ln.unit) for ln in order.lines] == [
        ("4730", Decimal("40"), None),
        ("4751", Decimal("24"), "PR"),
        ("TAP-FLR50-YB", Decimal("10"), "ROL"),
        ("FP-4003", Decimal("6"), None),  # an article alone and its count, no size
    ]


@pytest.mark.parametrize(
    "line",
    [
        "ELE-CAB-3G15     Leitung H05VV-F 3G1,5          300 m",
        "VD-1204   machine stretch film 20my            36 rolls",
        "  60 Stk   Europaletten gebraucht, Klasse A   (PAL-EUR-USED)",
        "- 20 Pack MPT-40-118 Sechskantschraube DIN 933 M6x20 A2 à CHF 9.95",
        "Pos. 10   100045871   Maschinenstretchfolie 23 µm 500 mm x 1500 m     48 Rollen",
        "  BAG-PE-600800   PE flat bags 600x800 50mu               6 packs    @ £33.10",
        "- 8 palettes plastique 1200x800 hygiéniques (PAL-PLA-1200)",
        "- 200 kg d'absorbant en granulés (CLN-ABS-GR)",
        "- EMB-0013 boîtes d'expédition A4 : 40 paquets",
        "  4730 hi-vis vests L x 40",
        "  4751 cut gloves size 10 x 24 pairs",
    ],
)
def test_an_item_listed_in_columns_or_after_its_count_is_read_with_confidence(line):
    order = extract_from_text(f"Bestellung:\n\n{line}\n")
    assert len(order.lines) == 1
    assert order.lines[0].field_confidence["quantity"] >= 0.9
    assert order.lines[0].rule.endswith("+listed")


def test_items_plainly_written_in_a_sentence_are_read_with_confidence():
    text = (
        "Hi,\n\nPlease ship 10 EA of 4711, 10 EA of 4712 and 4 boxes of 5102 (cutting discs).\n"
        "Also 20 pairs of 4750 please.\n"
        "Merci de nous livrer 12 x REF A-778 et 3 cartons de film étirable (réf. A-812), ainsi que :\n"
        "Could you send us 2 boxes nitrile gloves size L\n"
    )
    order = extract_from_text(text)
    assert [
        (ln.customer_sku, ln.quantity, ln.field_confidence["quantity"]) for ln in order.lines
    ] == [
        ("4711", Decimal("10"), 0.9),
        ("4712", Decimal("10"), 0.9),
        ("5102", Decimal("4"), 0.9),
        ("4750", Decimal("20"), 0.9),
        ("A-778", Decimal("12"), 0.9),
        ("A-812", Decimal("3"), 0.9),
        (None, Decimal("2"), 0.7),  # words only: the catalogue decides, a person checks
    ]


def test_a_list_of_counts_and_words_is_read_with_confidence_a_size_is_not_a_count():
    order = extract_from_text(
        "Hi,\n\nwe would like to order the following items:\n\n"
        "- 20 bx Hexagon head bolts M6 x 40 mm, 8.8, zinc plated, box of 100\n"
        "- 10 EA Packaging tape PP acrylic 75 mm x 132 m, white\n"
        "- 2 x 25 m Kabel NYM-J 3x1,5\n"
        "- 1,250 kg absorbant en granulés\n"
    )
    assert [(ln.quantity, ln.field_confidence["quantity"] >= 0.9) for ln in order.lines] == [
        (Decimal("20"), True),
        (Decimal("10"), True),
        (Decimal("2"), False),  # two cables of 25 m, or 2 x 25 m of one: a person reads it
        (Decimal("1250"), False),  # a weight may have decimals
    ]


def test_an_items_amount_after_its_price_confirms_the_quantity():
    text = (
        "Gemäss Ihrer Offerte bestellen wir folgende Artikel:\n"
        "12 Pak. Nylon-Dübel 6 mm, Pack. 100 St., Art.-Nr. FIX-1506, à CHF 3.67 = CHF 44.04\n"
        "2 Pak. Nylon-Dübel 10 mm, Pack. 100 St., Art.-Nr. FIX-1510, à CHF 7.33 = CHF 15.66\n"
    )
    first, second = extract_from_text(text).lines
    assert (first.customer_sku, first.quantity, first.unit, first.unit_price) == (
        "FIX-1506",
        Decimal("12"),
        "PK",
        Decimal("3.67"),
    )
    assert first.field_confidence["quantity"] >= 0.9
    assert second.quantity == Decimal("2")
    assert second.field_confidence["quantity"] <= 0.6  # 2 × 7.33 is not 15.66


def test_an_item_the_message_cancels_by_its_code_is_no_line():
    text = (
        "Merci de nous livrer les articles ci-dessous, SAUF les chips de calage (EMB-0090) "
        "qui sont annulées.\n\n"
        "- EMB-0013 boîtes d'expédition A4 : 40 paquets\n"
        "- EMB-0090 chips de calage : 10 sacs\n"
        "- EMB-0077 étiquettes Fragile : 12 rouleaux\n"
    )
    order = extract_from_text(text)
    assert [(ln.line_no, ln.customer_sku) for ln in order.lines] == [
        (1, "EMB-0013"),
        (2, "EMB-0077"),
    ]


def test_barcodes_and_article_numbers_with_a_labelled_quantity_are_listed_items():
    order = extract_from_text(
        "Réassort magasin, merci de livrer (codes EAN scannés) :\n\n"
        "EAN 3760120000119    qté 6\nEAN 3760120000287    qté 10\nArt.-Nr. 4711  Menge: 20 Stk\n"
    )
    assert [
        (ln.customer_sku, ln.quantity, ln.field_confidence["quantity"]) for ln in order.lines
    ] == [
        ("3760120000119", Decimal("6"), 0.9),
        ("3760120000287", Decimal("10"), 0.9),
        ("4711", Decimal("20"), 0.9),
    ]


def test_items_counted_of_the_things_in_one_sentence():
    order = extract_from_text(
        "Hi Anna,\n\nCould you please send us 24 of the 600x600 LED panels (4000K), 10 of the "
        "18W downlights (200mm cut-out) and 6 of the 3-hour emergency bulkheads? We need them "
        "on site by Friday 4 December at the latest.\n\nThanks"
    )
    assert [(ln.quantity, ln.description) for ln in order.lines] == [
        (Decimal("24"), "the 600x600 LED panels (4000K)"),
        (Decimal("10"), "the 18W downlights (200mm cut-out)"),
        (Decimal("6"), "the 3-hour emergency bulkheads"),
    ]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "wir bräuchten bis Mittwoch, 25. November 50 Stück FI/LS C16 30mA, 2 Ringe NYM-J "
            "3x1,5 (je 100 m) und 50 m NYM-J 5x2,5. Dazu bitte noch eine Packung Kabelbinder "
            "3,6x140 schwarz.",
            [
                ("50", "FI/LS C16 30mA"),
                ("200", "NYM-J 3x1,5"),  # two rings of 100 m each
                ("50", "NYM-J 5x2,5"),
                ("1", "Kabelbinder 3,6x140 schwarz"),
            ],
        ),
        (
            "Peux-tu nous livrer 3 couronnes de 100 m de R2V 3G2,5 et 2 couronnes de 100 m de "
            "3G1,5, avec une boîte de Wago 221-415 et 4 couronnes de gaine ICTA 20 ?",
            [
                ("300", "R2V 3G2,5"),
                ("200", "3G1,5"),
                ("1", "Wago 221-415"),
                ("4", "gaine ICTA 20"),  # coils of no stated length stay coils
            ],
        ),
    ],
)
def test_items_in_a_running_sentence_with_coils_and_words_for_one(body, expected):
    order = extract_from_text(f"Hallo,\n\n{body}\n\nDanke")
    assert [(str(ln.quantity), ln.description) for ln in order.lines] == expected


def test_a_position_number_before_the_count_is_a_bullet():
    order = extract_from_text(
        "bitte liefern Sie folgende Positionen:\n\nPos. 1: 300 m   Mat.-Nr. 100-2300\n"
        "Pos. 2: 30 Stk. Mat.-Nr. 100-2334\n"
    )
    assert [(ln.customer_sku, ln.quantity, ln.unit) for ln in order.lines] == [
        ("100-2300", Decimal("300"), "M"),
        ("100-2334", Decimal("30"), "EA"),
    ]


def test_a_rating_after_the_count_is_no_article_number():
    order = extract_from_text(
        "Thanks Anna, in that case please send 40 of the C16 RCBOs (BW-EL-1055) and 10 x 2P "
        "63A 30mA type A RCDs. We'll leave the C32s for now.\n"
    )
    assert [(ln.customer_sku, ln.quantity, ln.description) for ln in order.lines] == [
        ("BW-EL-1055", Decimal("40"), "the C16 RCBOs"),
        (None, Decimal("10"), "2P 63A 30mA type A RCDs"),
    ]


def test_our_article_named_in_brackets_beside_the_customers():
    order = extract_from_text(
        "Please go ahead and deliver the following:\n\n"
        "- VD412000 (your ref. MCB-1PN-C16): 40 pcs @ EUR 12.71\n"
        "- VD412015 (your ref. H07VK-2.5-BU): 300 m @ EUR 0.49\n"
    )
    assert [(ln.sku, ln.customer_sku, ln.quantity, ln.unit_price) for ln in order.lines] == [
        ("MCB-1PN-C16", "VD412000", Decimal("40"), Decimal("12.71")),
        ("H07VK-2.5-BU", "VD412015", Decimal("300"), Decimal("0.49")),
    ]


def test_a_run_of_code_colon_count_lines_is_a_list():
    order = extract_from_text(
        "Voici notre commande n° 47 :\n\nCU-WD-TSP : 3  (Cuillère à café bois 11 cm)\n"
        "NP-2-3333-BX : 24  (Serviette ouate 2 plis 33x33 cm bordeaux)\n\n"
        "Livraison comme d'habitude.\n"
    )
    assert [(ln.customer_sku, ln.quantity, ln.description) for ln in order.lines] == [
        ("CU-WD-TSP", Decimal("3"), "Cuillère à café bois 11 cm"),
        ("NP-2-3333-BX", Decimal("24"), "Serviette ouate 2 plis 33x33 cm bordeaux"),
    ]


def test_packing_units_ve_count_items():
    order = extract_from_text("Bitte liefern:\n\nNH00-100         5 VE\nNH00-125         3 VPE\n")
    assert [(ln.customer_sku, ln.quantity) for ln in order.lines] == [
        ("NH00-100", Decimal("5")),
        ("NH00-125", Decimal("3")),
    ]


def test_a_count_after_a_colon_with_no_unit_ends_an_item():
    order = extract_from_text(
        "Commande n° 26-0512 – chantier EHPAD :\n\n"
        "1) MCB-3P-C20 - Disjoncteur modulaire 3P 20A courbe C 6kA : 6\n"
        "2) RCD-4P-40-30A - Interrupteur différentiel 4P 40A 30mA type A : 3\n"
        "SGL10450 Disj. Ph+N C16 : 30\nBoîte dériv. 105x105 IP55 : 25\n\nLivraison : 3\n"
    )
    assert [(ln.customer_sku, ln.quantity, ln.description) for ln in order.lines] == [
        ("MCB-3P-C20", Decimal("6"), "Disjoncteur modulaire 3P 20A courbe C 6kA"),
        ("RCD-4P-40-30A", Decimal("3"), "Interrupteur différentiel 4P 40A 30mA type A"),
        ("SGL10450", Decimal("30"), "Disj. Ph+N C16"),
        (None, Decimal("25"), "Boîte dériv. 105x105 IP55"),
    ]


def test_a_remark_on_an_item_that_cancels_keeps_it_for_a_person():
    text = (
        "Merci pour le retour. Dans ce cas merci de nous livrer :\n\n"
        "- ART208313 Contacteur 9A bob. 230V AC x 40\n"
        "- ART208326 Contacteur 12A bob. 24V DC x 12 (uniquement le stock, on annule le reliquat)\n"
        "- ART208339 Fusibles 10x38 10A x 25 boîtes\n"
    )
    order = extract_from_text(text)
    # the remark takes back what is left over, not the item: it stays, and a person reads it
    assert [(ln.customer_sku, ln.quantity) for ln in order.lines] == [
        ("ART208313", Decimal("40")),
        ("ART208326", Decimal("12")),
        ("ART208339", Decimal("25")),
    ]
    assert order.lines[1].field_confidence["quantity"] < 0.85
    assert order.lines[1].description == "Contacteur 12A bob. 24V DC"


def test_items_of_a_list_that_could_not_be_read_are_named():
    order = extract_from_text(
        "Bonjour,\n\nmerci de nous livrer :\n\n- 12 x ZX-99-Q\n"
        "- la même quantité de ZX-77-B que d'habitude\n- Livraison avant le 4/12 svp\n"
    )
    assert [ln.customer_sku for ln in order.lines] == ["ZX-99-Q"]
    assert order.unread_lines == ("- la même quantité de ZX-77-B que d'habitude",)


def test_an_accepted_quote_without_the_lines_the_reply_takes_back():
    from ingestion.splitting.quotes import newest_part
    from tests.ingestion.test_quotes_forward import QUOTE_REPLY

    subject = "RE: Devis D26-00318 - emballages"
    sent = dt.date(2026, 12, 1)
    order = extract_from_text(
        newest_part(QUOTE_REPLY, subject=subject), subject=subject, sent_date=sent
    )
    assert order.is_order
    assert order.order_date.value == sent  # not the day the quoted quote was sent
    assert order.po_number.value == "FV-2026-0457"
    assert [ln.customer_sku for ln in order.lines] == ["PAL-PLA-1200", "GLV-NIT-M"]
    assert order.total.value == Decimal("1304.00")
    assert order.total.confidence < 0.9  # the printed total counted the sacks: a person looks


def test_listed_items_with_thousands_and_more_count_words():
    text = (
        "bitte senden Sie uns folgende Positionen:\n\n"
        "NV-SS-16-M  Verschlusshülsen 16 mm, Metall, Karton à 1000  20 Pck\n"
        "NV-CB-310220200-DW  Faltkarton 310x220x200 mm, 2-wellig, braun  2.500 St.\n"
        "48 each HV-XXL-OR - High-visibility vest orange, size XXL\n"
    )
    order = extract_from_text(text)
    assert [
        (ln.customer_sku, ln.quantity, ln.field_confidence["quantity"]) for ln in order.lines
    ] == [
        ("NV-SS-16-M", Decimal("20"), 0.9),
        ("NV-CB-310220200-DW", Decimal("2500"), 0.9),
        ("HV-XXL-OR", Decimal("48"), 0.9),
    ]


def test_a_list_without_bullets_counts_every_line_that_starts_with_its_count():
    text = (
        "für den Versand der Spindeln brauchen wir bitte:\n\n"
        "10 Europaletten neu (VP-10090)\n"
        "6 Rollen Luftpolsterfolie 1 m x 50 m (VP-10077)\n"
        "2 Abroller für Klebeband (die einfachen bis 50 mm)\n"
        "50 Stk. Karton 2-wellig 500x400x400 (VP-10024)\n\n"
        "Danke!\nCem Yilmaz\nHollerbach Feinmechanik GmbH\n"
        "Gottlieb-Daimler-Straße 7\n71254 Ditzingen\n"
    )
    order = extract_from_text(text)
    assert [(ln.customer_sku, ln.quantity) for ln in order.lines] == [
        ("VP-10090", Decimal("10")),
        ("VP-10077", Decimal("6")),
        (None, Decimal("2")),
        ("VP-10024", Decimal("50")),
    ]


def test_prices_per_thousand_and_thousands_in_a_german_message():
    text = (
        "Hallo Herr Keller,\n\n"
        "bitte liefern Sie uns bis Freitag, den 20.11., folgende Artikel:\n"
        "2.400 Stück Faltkarton 1-wellig 300x200x200 (700-1130), 1.200 Stück 400x300x200 "
        "(700-1140) sowie 36 Rollen Packband braun 48 mm (700-2010).\n\n"
        "Pos. 4: 3.000 Stk. Faltkarton 500x350x300 (700-1150) à 1.090,00 € / 1000 Stk.\n"
    )
    order = extract_from_text(text, sent_date=dt.date(2026, 11, 16))
    assert [(ln.customer_sku, ln.quantity) for ln in order.lines] == [
        ("700-1130", Decimal("2400")),
        ("700-1140", Decimal("1200")),
        ("700-2010", Decimal("36")),
        ("700-1150", Decimal("3000")),
    ]
    last = order.lines[-1]
    assert (last.unit_price, last.price_unit, last.line_total) == (
        Decimal("1090.00"),
        Decimal("1000"),
        Decimal("3270.00"),
    )
    # "bis Freitag, den 20.11." is the delivery's day, not the order's
    assert order.order_date.value == dt.date(2026, 11, 16)
    assert order.requested_delivery_date.value == dt.date(2026, 11, 20)


@pytest.mark.parametrize(
    "body",
    [
        "Order 2026-0466:\n\nP-26617  front pads BMW F30  qty 2\nP-74131  front discs BMW F30  qty 20\n",
        "Commande :\nP-26617 plaquettes avant - qté 2\nP-74131 disques avant - qté : 20\n",
        "Bestellung:\nP-26617 Bremsbeläge vorne, Menge 2\nP-74131 Bremsscheiben vorne, Menge 20 Stk\n",
    ],
)
def test_a_quantity_labelled_at_the_end_of_each_item(body):
    order = extract_from_text(f"Hello,\n\n{body}\nThanks,\nKoen")
    assert [(ln.customer_sku, ln.quantity) for ln in order.lines] == [
        ("P-26617", Decimal("2")),
        ("P-74131", Decimal("20")),
    ]


def test_counts_written_in_words_before_their_unit():
    order = extract_from_text(
        "Bonjour,\n\npeux-tu nous envoyer : deux bidons de 5 L de liquide vaisselle, "
        "trois sacs de lessive et 8 paquets d'éponges.\n\nMerci"
    )
    assert [(ln.quantity, ln.unit) for ln in order.lines] == [
        (Decimal("2"), "CAN"),
        (Decimal("3"), "BAG"),
        (Decimal("8"), "PK"),
    ]
    assert "bidons de 5 L" in order.lines[0].raw_text  # what each holds, for the product's unit
    german = extract_from_text("Hallo,\n\nbitte zwei Kanister Spülmittel und 4 Eimer Seife.\n")
    assert [ln.quantity for ln in german.lines] == [Decimal("2"), Decimal("4")]


def test_a_list_item_ending_in_containers_and_what_each_holds():
    order = extract_from_text(
        "Bonjour,\n\n- ECO-2210  Gants nitrile T. M .............. 20 boîtes\n"
        "- ECO-3105  Détergent désinfectant surfaces . 3 bidons de 5 L\n\nCordialement"
    )
    assert [(ln.customer_sku, ln.quantity, ln.unit) for ln in order.lines] == [
        ("ECO-2210", Decimal("20"), "BOX"),
        ("ECO-3105", Decimal("3"), "CAN"),
    ]
    assert order.lines[1].raw_text.endswith("3 bidons de 5 L")


def test_a_list_item_ending_in_a_bare_count_at_a_price():
    order = extract_from_text(
        "Hi,\n\nplease go ahead as quoted:\n\n"
        "• NG/29038 – Brass compression tee 15 mm – 50 @ £6.20\n"
        "• NG/29039 – Brass compression elbow 15 mm – 20 @ £5.10\n\nThanks"
    )
    assert [(ln.customer_sku, ln.quantity, ln.unit_price) for ln in order.lines] == [
        ("NG/29038", Decimal("50"), Decimal("6.20")),
        ("NG/29039", Decimal("20"), Decimal("5.10")),
    ]


def test_what_a_carton_holds_after_its_count_is_no_article_number():
    order = extract_from_text("Bonjour,\n\nMRG-DARJ1   2 kg\nMRG-CAL24   2 cartons de 24\n")
    assert [(ln.customer_sku, ln.quantity) for ln in order.lines] == [
        ("MRG-DARJ1", Decimal("2")),
        ("MRG-CAL24", Decimal("2")),
    ]


def test_list_items_priced_in_thousands_with_spaces_or_at_a_price_each():
    order = extract_from_text(
        "Bonjour,\n\n"
        "  * 2 variateurs de fréquence 7,5 kW (réf. BL-41075) au prix de 1 640,00 € pièce ;\n"
        "  * 1 limiteur de vitesse (BL-51010) à 1 180,00 € ;\n"
        "  * 4 wedge sockets to suit the 10mm rope (BL-21210) @ 44.20 each\n"
    )
    assert [(ln.customer_sku, ln.quantity, ln.unit_price) for ln in order.lines] == [
        ("BL-41075", Decimal("2"), Decimal("1640.00")),
        ("BL-51010", Decimal("1"), Decimal("1180.00")),
        ("BL-21210", Decimal("4"), Decimal("44.20")),
    ]
    # a price after a comma, said per unit
    per = extract_from_text("Hi,\n\n- 2kg of the rope lubricant BL-71020, 17.40/kg\n")
    assert [(ln.quantity, ln.unit_price) for ln in per.lines] == [(Decimal("2"), Decimal("17.40"))]


@pytest.mark.parametrize(
    ("sentence", "po", "sure"),
    [
        # a number the sentence names as the order's: a person confirms it
        ("Voici notre commande SG-1140 pour mardi 8/12 svp :", "SG-1140", False),
        ("Ja bitte, Bestellung NE-1219 für Freitag 11.12.:", "NE-1219", False),
        ("could you send us the following please, our ref FX2611-12:", "FX2611-12", False),
        ("Official Order SA-1187 – St Aldhelm's School", "SA-1187", False),
        ("bitte notieren Sie folgende Bestellung (unsere Nr. 2024-112):", "2024-112", False),
        ("anbei unsere Bestellung 45-22107 - bitte aus dem Lager liefern.", "45-22107", False),
        # the sentence wraps after its label: the number opens the next line
        ("Please find our order below, quoting order number\nSA-1187.", "SA-1187", False),
        # a number that says it is a PO, or a sentence that says which number is the PO
        ("Thanks for the quote. Please treat this email as our PO-06655.", "PO-06655", True),
        ("Can you get this lot out tomorrow please. Our PO is PPH-10497.", "PPH-10497", True),
        ("Please treat this email as our official order CG-PO-00931.", "CG-PO-00931", True),
        ("Unsere Bestellnummer ist die 2026-347, bitte angeben.", "2026-347", True),
        ("Bestellnummer dafür bitte B-2026-1203. Preise wie gehabt.", "B-2026-1203", True),
    ],
)
def test_an_order_number_named_in_a_sentence(sentence, po, sure):
    order = extract_from_text(f"Bonjour,\n\n{sentence}\n\n- 10 x DSP-10101\n- 4 x DSP-10102\n")
    assert order.po_number.value == po
    assert (order.po_number.confidence >= 0.75) is sure


def test_two_numbers_that_each_say_they_are_a_po_are_for_a_person():
    order = extract_from_text(
        "Hi,\n\nPO-2026-1101 for the flour, PO-2026-1102 for the packaging.\n\n"
        "- 10 x DSP-10101\n- 4 x DSP-10102\n"
    )
    assert order.po_number.confidence < 0.75


def test_a_strong_label_inside_a_weak_one_in_a_sentence():
    order = extract_from_text(
        "Bonjour,\n\nMerci de la traiter sous notre référence de commande 2026-131 et de livrer "
        "au cabinet comme d'habitude.\n\n- 2 cartouches de toner HP 59X\n"
    )
    assert order.po_number.value == "2026-131"


def test_a_count_at_a_price_equal_to_the_lines_amount():
    body = (
        "Hi Sam,\n\nWe'd like to go ahead with the following, PO number CVD 2611-022:\n\n"
        "KL-10230 EDTA 4ml tubes (tray 100) - 10 @ 20.90 = 209.00\n"
        "KL-10240 Universal containers 30ml (case 400) - 1 @ 43.50 = 43.50\n\n"
        "Subtotal 252.50 + VAT\n"
    )
    order = extract_from_text(body)
    assert [(ln.customer_sku, ln.quantity, ln.unit_price, ln.line_total) for ln in order.lines] == [
        ("KL-10230", Decimal("10"), Decimal("20.90"), Decimal("209.00")),
        ("KL-10240", Decimal("1"), Decimal("43.50"), Decimal("43.50")),
    ]
    # an amount that is not the count times the price: the clause is not read as a line
    wrong = extract_from_text(body.replace("= 209.00", "= 290.00"))
    assert [ln.customer_sku for ln in wrong.lines] == ["KL-10240"]


def test_the_total_of_a_sentence_ends_with_the_sentence():
    body = (
        "Urgent one please - PO PO104488\n\n"
        "ADR-300010   Universal USB-C Docking Station    10  €122.18\n\n"
        "Net total €1,221.80. Needed by 17 November 2026 at the latest, please.\n"
    )
    assert extract_from_text(body).total.value == Decimal("1221.80")


def test_a_fertilisers_12_12_17_is_no_date_years_from_the_message():
    body = (
        "Bonjour,\n\nVoici notre commande CA26-1162 :\n\n"
        "- 30 sacs engrais universel 12-12-17 de 25 kg\n"
        "- 4 sacs gazon regarnissage 10 kg\n\n"
        "Livraison souhaitée le mercredi 9 décembre.\n"
    )
    order = extract_from_text(body, sent_date=dt.date(2026, 11, 27))
    assert order.order_date.value == dt.date(2026, 11, 27)
    assert order.requested_delivery_date.value == dt.date(2026, 12, 9)


def test_a_count_after_a_dash_closing_the_item():
    body = (
        "Hi Aoife,\n\nCould you please send out the following - PO KAP-1183:\n\n"
        "KAP-TON-01  Brother TN2420 toner  -  6\n"
        "KAP-KBM  wireless keyboard & mouse sets  -  3\n"
        "Gants nitrile taille 8 - 9\n\nThanks a million,\nSiobhán\n"
    )
    order = extract_from_text(body)
    assert [(ln.customer_sku, ln.quantity) for ln in order.lines] == [
        ("KAP-TON-01", Decimal("6")),
        ("KAP-KBM", Decimal("3")),
    ]


def test_an_order_number_with_its_buyers_prefix_apart_in_a_sentence():
    order = extract_from_text(
        "Bonjour,\n\nCommande BC 2611-03 :\n\n3 paires de gants cuir taille 10\n"
    )
    assert order.po_number.value == "BC 2611-03"


def test_one_garment_in_two_sizes_with_a_count_for_each():
    body = (
        "Bonjour,\n\nPouvez-vous nous livrer :\n"
        "- 4 pantalons Atlas gris en 42, 2 en 44\n"
        "- 10 Poloshirts marine in L und 5 in XL\n\nMerci\n"
    )
    assert [(ln.quantity, ln.description) for ln in extract_from_text(body).lines] == [
        (Decimal("4"), "pantalons Atlas gris taille 42"),
        (Decimal("2"), "pantalons Atlas gris taille 44"),
        (Decimal("10"), "Poloshirts marine taille L"),
        (Decimal("5"), "Poloshirts marine taille XL"),
    ]


def test_prices_named_in_a_sentence_are_kept_but_a_companys_capital_is_no_price():
    order = extract_from_text(
        "Bonjour,\n\nmerci de nous livrer 12 x ZX-99-Q.\n"
        "Prix convenu : 3,40 € HT l'unité.\n\nCordialement,\nDupont SAS au capital de 10 000 €"
    )
    assert order.prices_in_prose == ("Prix convenu : 3,40 € HT l'unité.",)
    unpriced = extract_from_text(
        "Bonjour,\n\nmerci de nous livrer 12 x ZX-99-Q.\n\nCordialement,\nDupont SAS au capital de 10 000 €"
    )
    assert unpriced.prices_in_prose == ()


def test_a_count_of_an_article_number_after_and_is_its_own_line():
    order = extract_from_text(
        "Hi Claire,\n\nplease ship 10 EA of 4711 and 20 of 4712 to our Eeklo warehouse "
        "(Industrielaan 7, 9900 Eeklo).\nAlso 4 boxes of 4720 please.\n"
    )
    assert [(line.quantity, line.customer_sku) for line in order.lines] == [
        (Decimal(10), "4711"),
        (Decimal(20), "4712"),
        (Decimal(4), "4720"),
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "Notre n° de commande : CDP-2026-131.\nLivraison pour le mardi 5 janvier si possible.",
        "Bitte liefern Sie uns bis spätestens 5. Januar:",
        # ISO week 1 of 2027 begins on Monday 4 January: its Tuesday
        "Livraison : mardi de la semaine 1",
    ],
)
def test_a_delivery_day_without_its_year_before_the_order_is_next_years(sentence):
    order = extract_from_text(
        f"Bonjour,\n\n{sentence}\n\n12 x REF GL-NIT-M\n6 x REF GL-NIT-S\n",
        sent_date=dt.date(2026, 12, 28),
    )
    assert order.requested_delivery_date.value == dt.date(2027, 1, 5)
    # a year written stays as written, and says something is wrong
    written = extract_from_text(
        "Bonjour,\n\nLivraison pour le 5 janvier 2026 si possible.\n\n12 x REF GL-NIT-M\n",
        sent_date=dt.date(2026, 12, 28),
    )
    assert written.requested_delivery_date.value == dt.date(2026, 1, 5)


def test_bags_in_boxes_are_counted_like_any_container():
    order = extract_from_text(
        "Bonjour,\n\nVoici notre commande CF-2026-0470 :\n"
        "- Huile de friture colza Bag-in-Box 20 L (réf. 140300) : 8 BiB à 48,00 € = 384,00 €\n"
        "- Farine Tipo 00 sac 25 kg (réf. 116045) : 10 sacs à 21,90 € = 219,00 €\n"
    )
    assert [(ln.customer_sku, ln.quantity, ln.unit_price) for ln in order.lines] == [
        ("140300", Decimal(8), Decimal("48.00")),
        ("116045", Decimal(10), Decimal("21.90")),
    ]


def test_kegs_and_bottles_in_german_and_a_line_of_the_block_not_read_is_named():
    order = extract_from_text(
        "Guten Morgen,\n\nbitte liefern Sie uns bis Freitag, 11.12.2026:\n\n"
        "KH-GET-020  Weißbier vom Fass 20 l        3 Fass\n"
        "KH-GET-031  Orangensaft 0,25 l            6 Kisten\n"
        "KH-GET-008  Riesling Alsace (VB-2004)    24 Fl.\n"
        "KH-GET-050  Sekt Rosé, wie letztes Mal\n\n"
        "Bestellnummer: BE-26-04602\n\nVielen Dank\n"
    )
    assert [(ln.customer_sku, ln.quantity) for ln in order.lines] == [
        ("KH-GET-020", Decimal(3)),
        ("KH-GET-031", Decimal(6)),
        ("KH-GET-008", Decimal(24)),
    ]
    assert order.unread_lines == ("KH-GET-050  Sekt Rosé, wie letztes Mal",)


def test_items_of_a_block_missed_beside_the_one_read_are_named():
    order = extract_from_text(
        "Bonjour,\n\nVoici notre commande CMD-ARL-26-229 :\n\n"
        "FP-4003 ; six\nPF-5201 ; dix\nAM-7009   x 3 boîtes\n\nBien à vous\n"
    )
    assert [(ln.customer_sku, ln.quantity) for ln in order.lines] == [("AM-7009", Decimal(3))]
    assert order.unread_lines == ("FP-4003 ; six", "PF-5201 ; dix")


def test_a_bon_number_in_the_signature_is_the_po_number():
    order = extract_from_text(
        "Bonjour,\n\npour lundi 14 décembre svp :\n\n3 fûts blanche 20L\n10 casiers eau gazeuse\n\n"
        "Merci et bonne soirée\nMarc\n\nBrasserie du Kirchberg – bon n° K-1207\n"
    )
    assert order.po_number.value == "K-1207"


def test_cartons_of_six_keep_the_goods_name_and_the_count_each_holds():
    order = extract_from_text(
        "Bonjour,\n\n2 cartons de 6 Crémant de Bourgogne\n3 fûts blonde 20L\n"
    )
    first = order.lines[0]
    assert (first.quantity, first.unit, first.description) == (
        Decimal(2),
        "BOX",
        "Crémant de Bourgogne",
    )
    assert "cartons de 6" in first.raw_text


def test_a_price_in_a_currency_after_the_count_is_the_price_not_what_one_holds():
    """ "3 Rollen à 27,90 GBP": the price of a roll, not rolls of 27,90 of something."""
    order = extract_from_text(
        "Bestellung 4500012911\n\n"
        "Pos. 10  Mat.-Nr. 10004713  Filterspitzen 10 µl steril    6 Pck.    à 42,90 GBP  =  257,40 GBP\n"
        "Pos. 40  FS-GN-FILM100   Verschlussfolie 100 mm x 38 m    3 Rollen  à 27,90 GBP  =   83,70 GBP\n"
    )
    got = [(ln.customer_sku, ln.quantity, ln.unit_price, ln.line_total) for ln in order.lines]
    assert got == [
        ("10004713", Decimal("6"), Decimal("42.90"), Decimal("257.40")),
        ("FS-GN-FILM100", Decimal("3"), Decimal("27.90"), Decimal("83.70")),
    ]
    assert order.unread_lines == ()


def test_part_numbers_words_and_bare_counts_set_apart_in_columns_of_spaces():
    order = extract_from_text(
        "Dan -\n\nNeed these for the Tigercat grapple:\n\n"
        'NLS-2231   3/4" 2 wire hose           40 ft\n'
        "NLS-2240   3/4 JIC fem swivel crimp    6\n"
        "NLS-4410   twin bolt clamp 3/4        10\n\n"
        "Ship to the yard like always - 4190 State Hwy 17, Rhinelander 54501.\n"
    )
    got = [(ln.customer_sku, ln.quantity, ln.description) for ln in order.lines]
    assert got == [
        ("NLS-2231", Decimal("40"), '3/4" 2 wire hose'),
        ("NLS-2240", Decimal("6"), "3/4 JIC fem swivel crimp"),
        ("NLS-4410", Decimal("10"), "twin bolt clamp 3/4"),
    ]
    assert order.lines[0].unit == "FT"


def test_a_few_things_in_german_are_no_pair():
    order = extract_from_text(
        "Hallo,\n\nich bräuchte wieder ein paar Sachen:\n\n2 Kanister von dem Profi-Shampoo\n"
        "6 Zupfbürsten Größe M\n10 Nylonhalsbänder Gr. M\n"
    )
    assert [ln.quantity for ln in order.lines] == [Decimal("2"), Decimal("6"), Decimal("10")]


def test_a_swiss_count_with_its_apostrophe_is_thousands():
    order = extract_from_text(
        "Bitte liefern:\n\n2'400 Stk   Flachschiebeziegel naturrot (DA-ZIE-FS)    à 1.85   = 4'440.00\n"
        "   60 Stk   Firstziegel konisch naturrot               à 6.40   =   384.00\n"
    )
    assert [(ln.quantity, ln.line_total) for ln in order.lines] == [
        (Decimal("2400"), Decimal("4440.00")),
        (Decimal("60"), Decimal("384.00")),
    ]


def test_trays_counted_with_their_cartons_in_brackets():
    order = extract_from_text(
        "Folgende Artikel:\n\n"
        "TW-204514  Trockenfutter Hund Lamm & Reis 12 kg ....... 5 Säcke\n"
        "TW-320201  Nassfutter Katze Lachs 85 g ................ 96 Schalen (= 4 Kartons à 24)\n"
        "TW-410002  Katzenstreu Silikat 10 L ................... 15 Stk\n"
    )
    assert [(ln.customer_sku, ln.quantity) for ln in order.lines] == [
        ("TW-204514", Decimal("5")),
        ("TW-320201", Decimal("96")),
        ("TW-410002", Decimal("15")),
    ]
    assert "= 4 Kartons" in order.lines[1].raw_text  # for the product's unit to convert


def test_prices_after_dot_leaders_and_a_thank_you_for_the_confirmation_below():
    """A reply to our confirmation that places a new order: "Merci pour la confirmation
    ci-dessous." speaks of our message, and the prices follow dot leaders."""
    order = extract_from_text(
        "Bonjour Monsieur Nguyen,\n\nMerci pour la confirmation ci-dessous.\n\n"
        "Voici une nouvelle commande, notre n° 26-0471 :\n\n"
        "  • 8 pces  roulement à rotule 22210 EK ............ CHF 79.50 pce\n"
        "  • 2 boîtes circlips DIN 472 Ø47 (100 pces) ........ CHF 19.80 la boîte\n"
        "  • 1 chauffe-roulement à induction 3,6 kVA ......... CHF 2'690.00 (prix convenu)\n\n"
        "Meilleures salutations\nSandrine Vuilleumier\n",
        subject="RE: Confirmation de commande 26-0457 - nouvelle commande 26-0471",
    )
    assert order.is_order
    assert [(ln.quantity, ln.unit_price) for ln in order.lines] == [
        (Decimal("8"), Decimal("79.50")),
        (Decimal("2"), Decimal("19.80")),
        (Decimal("1"), Decimal("2690.00")),
    ]


def test_an_email_that_is_a_confirmation_is_still_one():
    order = extract_from_text(
        "Confirmation de commande\n\nNous vous confirmons votre commande 26-0457 :\n\n"
        "20 x ROU-6206-2RS à 9,20\n10 x COU-SPA-1500 à 14,10\n"
    )
    assert not order.is_order


def test_a_table_typed_with_spaces_in_an_email_gives_codes_quantities_units_and_prices():
    order = extract_from_text(
        "Bonjour Sophie,\n\nje vous passe donc la commande :\n\nBon LCB-CA-26-1201\n\n"
        "004512  roulements inox 6204       10 pces   18,90\n"
        "004621  huile chaîne H1            10 L      14,20 le litre (2 bidons)\n"
        "004705  palier UCFL204 inox         2 pces   38,50\n\n"
        "Pour lundi 21/12 si possible.\n"
    )
    assert [(ln.customer_sku, ln.quantity, ln.unit, ln.unit_price) for ln in order.lines] == [
        ("004512", Decimal("10"), "EA", Decimal("18.90")),
        ("004621", Decimal("10"), "L", Decimal("14.20")),
        ("004705", Decimal("2"), "EA", Decimal("38.50")),
    ]
    assert not order.unread_lines


def test_a_typed_table_with_codes_of_letters_and_prices_per_unit():
    order = extract_from_text(
        "Luc,\n\nPour la semaine prochaine il nous faut chez Kestrel :\n\n"
        "FB-SCR-NAT   toile à garnir (scrim)      30 m    4,84 €/m\n"
        "FL-HHR-MIX   crin frisé                   8 kg   23,01 €/kg\n"
        "TK-IMP-13    semences 13 mm               3 kg   13,92 €/kg\n\nMerci\n"
    )
    assert [(ln.customer_sku, ln.quantity, ln.unit, ln.unit_price) for ln in order.lines] == [
        ("FB-SCR-NAT", Decimal("30"), "M", Decimal("4.84")),
        ("FL-HHR-MIX", Decimal("8"), "KG", Decimal("23.01")),
        ("TK-IMP-13", Decimal("3"), "KG", Decimal("13.92")),
    ]


def test_rows_that_price_themselves_and_multiply_out_are_items():
    order = extract_from_text(
        "Veuillez trouver ci-dessous notre commande n° 26-0512 :\n\n"
        "Réf. WZ-10085  Forets HSS-G Ø 8,5 mm, paquet de 5 ........ 6 paquets  x 12,60 € = 75,60 €\n"
        "Réf. WZ-50905  Huile de coupe concentrée .......  2 bidons de 5 l (10 l) x 5,90 €/l = 59,00 €\n"
        "  ST-H10  Magnum 1 kg                5 Btl     à Fr. 23.20   = Fr. 116.00\n"
        "  ST-M01  Pilsner Malz            1'000 kg   à Fr. 0.92    = Fr. 920.00\n"
        "\nTotal HT : 1170,60 €\n"
    )
    assert [
        (ln.customer_sku, ln.description, ln.quantity, ln.unit, ln.unit_price) for ln in order.lines
    ] == [
        ("WZ-10085", "Forets HSS-G Ø 8,5 mm, paquet de 5", Decimal("6"), "PK", Decimal("12.60")),
        # the litres the price is for, not the two cans they come in
        ("WZ-50905", "Huile de coupe concentrée", Decimal("10"), "L", Decimal("5.90")),
        ("ST-H10", "Magnum 1 kg", Decimal("5"), "EA", Decimal("23.20")),
        ("ST-M01", "Pilsner Malz", Decimal("1000"), "KG", Decimal("0.92")),
    ]
    assert not order.unread_lines


def test_swiss_francs_written_fr_before_the_price():
    order = extract_from_text(
        "Hoi Daniel\n\nKannst du bitte folgendes bestellen (Bestell-Nr. PB-2026-121):\n\n"
        "6x Warnweste gelb Gr. XL à Fr. 14.50\n2x Softshelljacke schwarz Gr. M à Fr. 79.–\n"
    )
    assert [(ln.quantity, ln.unit_price) for ln in order.lines] == [
        (Decimal("6"), Decimal("14.50")),
        (Decimal("2"), Decimal("79")),
    ]


@pytest.mark.parametrize("subject", ["Bestellung KW50", "Commande semaine 49", "Order wk 51"])
def test_the_week_an_order_is_for_is_no_order_number(subject):
    order = extract_from_text(
        "Servus Stefan,\n\nanbei unsere Bestellung (Vorlage wie immer). Milch bitte 3 Trays.\n",
        subject=subject,
    )
    assert order.po_number is None


def test_a_week_under_an_order_number_label_is_no_order_number():
    from ingestion.extraction.header import parse_identifier

    assert parse_identifier("KW 50") == (None, 0.0)
    assert parse_identifier("KW-50-2026-118")[0] is not None  # a number that begins so


def test_a_message_is_not_ordered_on_a_day_after_it_was_sent():
    order = extract_from_text(
        "Bonjour,\n\nnotre commande (notre référence : CDE-2026-052) :\n\n"
        "  - 6 pots d'antifouling bleu de 2,5 L\n\n"
        "Merci de nous livrer avant le 15 janvier 2027 s'il vous plaît : nos bateaux sortent de "
        "l'eau\nle 18 janvier pour le carénage.\n",
        sent_date=dt.date(2026, 12, 10),
    )
    assert order.order_date.value == dt.date(2026, 12, 10)
    assert order.requested_delivery_date.value == dt.date(2027, 1, 15)


def test_a_list_announced_by_its_lead_in_and_the_delivery_address_below_it():
    """No bullets, no units, no codes: "Can you send me the following:" says the counted lines
    below are the order. The delivery address's "5931 PK Tegelen" (a Dutch postcode) under its
    street is no "5931 PK" of anything."""
    order = extract_from_text(
        "Good morning,\n\nCan you send me the following:\n\n6 POM rods black 20mm\n"
        "2 plates POM 10mm black 1000x500\n1 PETP rod 30 natural\n\n"
        "We need it by 15 December.\nPlease deliver to our new workshop:\n"
        "De Vries Fijnmechanica, Hal 3\nIndustriestraat 22\n5931 PK Tegelen\n\nGreetings\nHenk"
    )
    assert [(ln.quantity, ln.description) for ln in order.lines] == [
        (Decimal("6"), "POM rods black 20mm"),
        (Decimal("2"), "plates POM 10mm black 1000x500"),
        (Decimal("1"), "PETP rod 30 natural"),
    ]
    assert order.ship_to.value.postal_code == "5931 PK"


def test_items_named_then_counted_after_a_colon_in_sets_and_boxes_of_ten():
    order = extract_from_text(
        "Bonjour Aoife,\n\nVoici notre commande n° 2026-121 :\n\n"
        "- ST-1021 Cordes guitare classique tension forte : 24 jeux\n"
        "- RD-2035 Anches clarinette Sib force 3,5 : 3 boîtes de 10\n"
        "- AC-8050 Graisse pour liège (bâton) : 20\n\nBien cordialement,\nPhilippe"
    )
    assert [(ln.customer_sku, ln.quantity, ln.unit) for ln in order.lines] == [
        ("ST-1021", Decimal("24"), "SET"),
        ("RD-2035", Decimal("3"), "BOX"),
        ("AC-8050", Decimal("20"), None),
    ]
    assert order.lines[1].description == "Anches clarinette Sib force 3,5"


def test_a_text_table_ruled_with_plus_signs_under_its_titles_is_one_table():
    order = extract_from_text(
        "Hello An,\n\nPlease find our order below.\n\n"
        "Our code     | Description                    | Qty      | Price\n"
        "-------------+--------------------------------+----------+----------\n"
        "VD-FOAM-STD  | Foam bricks standard           | 6 boxes  | € 25,00\n"
        "VD-RIB-25RD  | Satin ribbon 25mm red          | 12 rolls | € 6,80\n"
        "VF-30030     | Bubble vase 12cm               | 36 pcs   | € 1,85\n\n"
        "Total excl. VAT: € 298,20\n"
    )
    assert [(ln.customer_sku, ln.quantity, ln.unit_price) for ln in order.lines] == [
        ("VD-FOAM-STD", Decimal("6"), Decimal("25.00")),
        ("VD-RIB-25RD", Decimal("12"), Decimal("6.80")),
        ("VF-30030", Decimal("36"), Decimal("1.85")),
    ]


def test_a_text_table_ruled_with_dashes_keeps_each_cell_under_its_title():
    """ "Menge" over "-----------------": "3 Kan. à 4 L" is the quantity cell, all of it."""
    order = extract_from_text(
        "Pos  Art.-Nr.         Bezeichnung                      Menge              EP EUR     GP EUR\n"
        "---  ---------------  -------------------------------  -----------------  --------  --------\n"
        "1    AVS-HF83282-L    Hydrauliköl MIL-PRF-83282D       3 Kan. à 4 L          79,20    237,60\n"
        "2    AVS-TS-F900-OR   Torque Seal F-900 orange         1 Karton (12 St.)    136,80    136,80\n"
    )
    assert [(ln.description, ln.quantity, ln.unit) for ln in order.lines] == [
        ("Hydrauliköl MIL-PRF-83282D", Decimal("3"), "CAN"),
        ("Torque Seal F-900 orange", Decimal("1"), "BOX"),
    ]


def test_rows_of_fields_set_apart_by_dashes_with_a_piece_price():
    order = extract_from_text(
        "Gerne bestellen wir Folgendes (Bestellnummer RB-PO-26-1203):\n\n"
        "1) KL-15910 – Laborflasche GL 45, 1000 ml – 1 Karton à 12 Stk., Stückpreis EUR 5,20\n"
        "2) KL-15250 – Laborflasche GL 45, 250 ml – 24 Stk., Stückpreis EUR 3,10\n"
        "3) KL-28069 – Silikonschlauch 6x9 – 5 Meter, Meterpreis EUR 3,20\n"
        "4) KL-30150 – Spatel 150 mm – 2 Stk.\n"
    )
    assert [
        (ln.customer_sku, ln.description, ln.quantity, ln.unit, ln.unit_price) for ln in order.lines
    ] == [
        ("KL-15910", "Laborflasche GL 45, 1000 ml", Decimal(12), "EA", Decimal("5.20")),
        ("KL-15250", "Laborflasche GL 45, 250 ml", Decimal(24), "EA", Decimal("3.10")),
        ("KL-28069", "Silikonschlauch 6x9", Decimal(5), "M", Decimal("3.20")),
        ("KL-30150", "Spatel 150 mm", Decimal(2), "EA", None),
    ]


def test_more_of_the_goods_and_a_sentence_that_adds_to_the_order():
    order = extract_from_text(
        "Hi Marc,\n\nCan you please send us 3 more fryer baskets (FE-30040) and two rolls of "
        "the filter paper?\nAlso 1 heating element for the fryer.\n\nAlso 2 weeks ago the "
        "driver was late.\n"
    )
    assert [(ln.quantity, ln.customer_sku, ln.description) for ln in order.lines] == [
        (Decimal(3), "FE-30040", "fryer baskets"),
        (Decimal(2), None, "the filter paper"),
        (Decimal(1), None, "heating element for the fryer"),
    ]


def test_yarn_counted_in_cones_skeins_and_balls():
    order = extract_from_text(
        "Hallo,\n\nGA-40001   Kaschmir 2/28 camel           12 kg\n"
        "GA-30500   Elasthan umsponnen weiss        8 Konen\n"
        "- 6 pelotes de laine mérinos rouge\n"
    )
    assert [(ln.customer_sku, ln.quantity, ln.unit) for ln in order.lines] == [
        ("GA-40001", Decimal(12), "KG"),
        ("GA-30500", Decimal(8), "KONEN"),
        (None, Decimal(6), "PELOTES"),
    ]


def test_typed_rows_priced_at_a_price_per_what_they_count():
    order = extract_from_text(
        "We order as follows - our PO number is 88437:\n\n"
        "318205  PC dripper 4 l/h, bag of 100      30 bags    at CHF 38.50/bag    = CHF 1'155.00\n"
        "318301  Tee 16 mm                         2 cartons of 250 at CHF 0.48/pc = CHF   240.00\n"
        "318410  PE pipe 16 mm                     10 coils of 50 m at CHF 24.00/coil = CHF 240.00\n"
    )
    assert [(ln.customer_sku, ln.quantity, ln.unit_price, ln.line_total) for ln in order.lines] == [
        ("318205", Decimal(30), Decimal("38.50"), Decimal("1155.00")),
        ("318301", Decimal(500), Decimal("0.48"), Decimal("240.00")),
        ("318410", Decimal(10), Decimal("24.00"), Decimal("240.00")),
    ]


def test_a_postscript_takes_back_an_item_it_names_before_its_verb():
    order = extract_from_text(
        "Guten Tag Herr Brandt,\n\nbitte liefern Sie uns (Bestellung Nr. 2026-091):\n\n"
        "3 x Außenfilter CanisPro 450\n4 x Regelheizer ThermoSafe 200 W\n10 x Kescher fein 10 cm\n\n"
        "Freundliche Grüße\nBernd Haas\n\n"
        "P.S. Korrektur: die Heizer 200 W bitte streichen, die haben wir doch\n"
        "noch auf Lager. Der Rest bleibt wie oben.\n"
    )
    assert [ln.description for ln in order.lines] == [
        "Außenfilter CanisPro 450",
        "Kescher fein 10 cm",
    ]


def test_a_price_of_one_after_a_comma():
    order = extract_from_text(
        "Bonjour,\n\nVeuillez trouver ci-dessous notre commande n° BC-2026-1203 :\n\n"
        "- 2 cartons de 12 aérosols de colle contact 500 ml (AD-AER-500), 8,50 € l'unité\n"
        "- 4 tins of contact adhesive (AD-TIN-CON), 9.20 EUR each\n"
    )
    assert [(ln.customer_sku, ln.unit_price) for ln in order.lines] == [
        ("AD-AER-500", Decimal("8.50")),
        ("AD-TIN-CON", Decimal("9.20")),
    ]


def test_two_counts_of_article_numbers_in_one_bullet_are_two_items():
    body = (
        "Bonjour,\n\nPourriez-vous nous envoyer :\n\n  - 10 moteurs PDR-MOT-024\n"
        "  - 6 spirales PDR-SPI-15G et 6 PDR-SPI-15D\n  - 3 cartons de gobelets CONS-GOB-150\n"
    )
    got = [(ln.quantity, ln.codes[:1]) for ln in extract_from_text(body).lines]
    assert got == [
        (Decimal(10), ("PDR-MOT-024",)),
        (Decimal(6), ("PDR-SPI-15G",)),
        (Decimal(6), ("PDR-SPI-15D",)),
        (Decimal(3), ("CONS-GOB-150",)),
    ]


def test_an_item_whose_words_name_another_article_is_for_a_person_to_read():
    """Whatever a sentence does that was not read as two items, an article number left in an
    item's words is not ordered without a person looking."""
    body = (
        "Hello,\n\nplease send:\n- 6 spirals PDR-SPI-15G with PDR-SPI-15D fitted\n"
        "- 2 motors PDR-MOT-024\n\nThanks"
    )
    first, second = extract_from_text(body).lines
    assert (
        first.field_confidence["quantity"] <= 0.6,
        second.field_confidence["quantity"] > 0.6,
    ) == (True, True)


def test_a_foremans_list_with_bars_after_a_colon_and_an_item_called_off_above_it():
    body = (
        "Bonjour Sophie,\n\nMerci de considérer ce mail comme notre bon de commande.\n\n"
        "Attention : PAS de ventouses, on en a récupéré au dépôt. Le reste est ok.\n\n"
        "Salut Isa,\npour Roubaix il me faut :\n"
        "- 2 cartons silicone blanc 310 (25 par carton)\n"
        "- parcloses PVC 18 blanches : 20 barres de 6 m\n"
        "- cales 100x24x3 : 2 sacs\n"
        "- 2 ventouses doubles\n"
    )
    got = [(ln.quantity, ln.description) for ln in extract_from_text(body).lines]
    assert got == [
        (Decimal(2), "silicone blanc 310 (25 par carton)"),
        (Decimal(20), "parcloses PVC 18 blanches"),
        (Decimal(2), "cales 100x24x3"),
    ]


def test_an_item_whose_own_line_takes_it_back_is_no_item():
    body = (
        "Sarah,\n\nStuff we need from Kestrel before the Goodwood build:\n\n"
        "5 packs of the black bungee ties (packs of 100)\n"
        "60 x 1m hex head pegs (32mm)\n"
        "4 x aluminium floor ramps 1.2m  -- scratch these, Chichester are lending us theirs\n\n"
        "Cheers,\nTom\n"
    )
    got = [ln.quantity for ln in extract_from_text(body).lines]
    assert got == [Decimal(5), Decimal(60)]


def test_an_item_taken_off_in_the_forwarding_message_is_no_item():
    body = (
        "Hi Julia,\n\nPlease process the below for our Sheffield branch.\n\n"
        "I've taken off the heel tips, Sheffield can have those out of DC stock.\n\n"
        "---------- Forwarded message ---------\nFrom: Mark\n\nGareth,\n\n"
        "KH104455  UL blanks        x 200\nKH201110  heel tips 10x12  x 4 bags\n"
        "KH606010  black polish     x 24\n\nThanks\nMark\n"
    )
    got = [ln.customer_sku or ln.codes[0] for ln in extract_from_text(body).lines]
    assert got == ["KH104455", "KH606010"]


def test_a_forwarding_note_changes_a_line_named_by_its_code_of_a_list_in_metres_and_sheets():
    body = (
        "Bonjour,\n\nCi-dessous la liste de Karim pour notre commande BC-2026-1203. Merci de "
        "prendre en compte deux modifications :\n"
        " - BAG-CA10-NR : passer à 60 ml au lieu de 45\n"
        " - le fil FIL-3 est à supprimer, on en a retrouvé en stock.\n\nBonne journée,\nJM\n\n"
        "---------- Message transféré ---------\nDe : Karim\n\nSalut,\n\n"
        "BAG-CA10-NR   caisse américaine noire 10 mm    45 ml\n"
        "FIL-3         fil inox n°3                     2 rouleaux\n"
        "PP-CONS-BN    carton PP blanc neige            30 feuilles\n"
        "AGR-V10       agrafes V 10 mm                   2 boîtes\n\nKarim\n"
    )
    got = [(ln.customer_sku or ln.codes[0], ln.quantity) for ln in extract_from_text(body).lines]
    assert got == [
        ("BAG-CA10-NR", Decimal(60)),
        ("PP-CONS-BN", Decimal(30)),
        ("AGR-V10", Decimal(2)),
    ]
