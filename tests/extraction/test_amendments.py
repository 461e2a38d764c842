"""A reply that changes lines of the order it quotes: the order is the quoted one, amended."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from ingestion.extraction import extract_from_text
from ingestion.extraction.amendments import AMENDED, asks_for_changes
from ingestion.splitting.quotes import newest_part

GERMAN = (
    "Hallo Frau Kaya,\n\n"
    "bitte bei unserer Bestellung 4500018377 noch folgende Änderungen berücksichtigen:\n\n"
    "- Pos. 20 (KMC X10) bitte auf 40 Stück erhöhen statt 20\n"
    "- Pos. 40 (Kettenöl) entfällt komplett, haben wir noch genug am Lager\n\n"
    "Der Rest bleibt wie bestellt, Liefertermin weiterhin 03.12.2026.\n\n"
    "Danke!\nFlorian Maier\nRadhaus Müller GmbH · Leopoldstraße 112 · 80802 München\n\n"
    "-----Ursprüngliche Nachricht-----\n"
    "Von: Florian Maier <f.maier@radhaus-mueller.de>\n"
    "Gesendet: Montag, 23. November 2026 09:30\n"
    "An: bestellung@rheinrad-teile.de\n"
    "Betreff: Bestellung 4500018377\n\n"
    "Guten Morgen,\n\n"
    "nachfolgend unsere Bestellung 4500018377.\n"
    "Liefertermin: 03.12.2026\n\n"
    "Pos  Material  Ihre Art.-Nr.   Bezeichnung                      Menge     Preis      Wert\n"
    ' 10  RM-10610  SCHW-10400017   Schwalbe Schlauch SV17 28"       30 ST     5,40    162,00\n'
    " 20  RM-20115  KMC-X10-114     KMC Kette X10 silber 10-fach      20 ST    22,50    450,00\n"
    " 30  RM-41002  BUM-IQXE-150    Busch+Müller IQ-X Scheinwerfer     5 ST    89,00    445,00\n"
    " 40  RM-60800  FL-WET-1L       Finish Line Wet Lube Kettenöl 1l   6 ST    29,80    178,80\n\n"
    "Gesamtnettowert: 1.235,80 EUR\n\n"
    "Mit freundlichen Grüßen\nFlorian Maier\n"
)

ENGLISH = (
    "Hi,\n\nSorry - change to PO-07745 before it goes out please:\n\n"
    "Line 2 (TRV heads) - change to 40 not 20\n"
    "Line 4 (cylinder stats) - please cancel, we've got them in stock after all\n\n"
    "Everything else the same.\n\nThanks\nMark\n\n"
    "-----Original Message-----\n"
    "From: Mark Denby <mark.denby@kelvinheating.co.uk>\n"
    "Sent: 30 November 2026 15:12\n"
    "To: orders@midlandclimatespares.co.uk\n"
    "Subject: Order PO-07745\n\n"
    "Please supply:\n\nPO number: PO-07745\n\n"
    "Ln Our code     Description                                       Qty    Price\n"
    "1  KH-TRV-B15   Danfoss RA-N 15mm TRV valve body straight          20    14.20\n"
    "2  KH-TRV-H     Danfoss RAW-K TRV sensor head 8-28C                20    12.85\n"
    "3  KH-STAT-RM   Honeywell T6360B1028 room thermostat 230V           6    18.40\n"
    "4  KH-STAT-CYL  Honeywell L641A1039 strap-on cylinder thermostat    4    21.75\n\n"
    "Order total: 738.60\n\nThanks\nMark\n"
)


def test_the_reply_keeps_its_words_over_the_order_it_quotes():
    chosen = newest_part(GERMAN, subject="AW: Bestellung 4500018377")
    assert chosen.startswith("Hallo Frau Kaya,")
    assert "KMC-X10-114" in chosen  # the quoted order is read too
    assert "Leopoldstraße" not in chosen  # the reply's signature is not


def test_a_german_reply_raises_one_position_and_takes_back_another():
    order = extract_from_text(
        newest_part(GERMAN, subject="AW: Bestellung 4500018377"),
        subject="AW: Bestellung 4500018377",
        sent_date=dt.date(2026, 11, 24),
    )
    assert [(ln.raw_text.split()[2], ln.quantity) for ln in order.lines] == [
        ("SCHW-10400017", Decimal("30")),
        ("KMC-X10-114", Decimal("40")),
        ("BUM-IQXE-150", Decimal("5")),
    ]
    assert all(ln.confidence <= AMENDED for ln in order.lines)  # a person confirms
    assert order.amendments == (
        "- Pos. 20 (KMC X10) bitte auf 40 Stück erhöhen statt 20",
        "- Pos. 40 (Kettenöl) entfällt komplett, haben wir noch genug am Lager",
    )
    # the printed total was the original order's: the amended order states none
    assert order.total is None
    # no date printed in the order: the day the amended order was sent, not the reply's
    assert order.order_date.value == dt.date(2026, 11, 23)


def test_an_english_reply_changes_lines_numbered_from_one():
    order = extract_from_text(
        newest_part(ENGLISH, subject="RE: Order PO-07745"), subject="RE: Order PO-07745"
    )
    assert [(ln.customer_sku, ln.quantity) for ln in order.lines] == [
        ("KH-TRV-B15", Decimal("20")),
        ("KH-TRV-H", Decimal("40")),
        ("KH-STAT-RM", Decimal("6")),
    ]
    assert order.po_number.value == "PO-07745"
    assert order.total is None  # "Order total: 738.60" was the order before the change


@pytest.mark.parametrize(
    "text",
    [
        "- ligne 20 (essuie-mains V) : 40 cartons au lieu de 25",
        "- ligne 50 (seaux 15 L) : à supprimer, finalement nous n'en avons pas besoin",
        "- please change line 2 to 40 cases (the Cremant is flying out for Christmas)",
        "- please delete line 4 altogether (the Pauillac)",
        "- Pos. 2 bitte auf 40 Stk. ändern (statt 25)",
        "- Pos. 4 streichen, haben wir noch an Lager.",
    ],
)
def test_changes_by_position_in_three_languages(text):
    assert asks_for_changes(text)


@pytest.mark.parametrize(
    "text",
    [
        "Pos. 1   120.00 lfm  KVH C24 80/140                      à 10.40   1'248.00",
        "Line 2: please confirm the price",
        "Unit 3 Canal Wharf Trade Park, Kirkstall Road, Leeds LS4 2AZ",
        "Pos. 2 und Pos. 4 bitte streichen",  # two positions in one sentence: a person reads
    ],
)
def test_lines_that_change_nothing_by_position(text):
    assert not asks_for_changes(text)


def test_a_reply_that_asks_no_change_keeps_only_its_own_words():
    body = ENGLISH.replace(
        "Line 2 (TRV heads) - change to 40 not 20\n"
        "Line 4 (cylinder stats) - please cancel, we've got them in stock after all\n",
        "Could you confirm the delivery day?\n",
    )
    assert "KH-TRV-B15" not in newest_part(body, subject="RE: Order PO-07745")


FORWARDED_CORRECTION = (
    "Hallo Frau Lorenzen,\n\n"
    "kleine Korrektur zu unserer Bestellung von gestern (siehe unten):\n"
    "bei den Kugelfendern bitte nur 2 statt 4, und bei den Rettungswesten kommen noch 2 dazu "
    "(also 8 Stück).\nDer Rest bleibt wie bestellt.\n\nDanke und viele Grüße\nKathrin Voß\n\n"
    "-----Ursprüngliche Nachricht-----\n"
    "Von: Wassersportzentrum <info@wsz-example.de>\n"
    "Gesendet: Dienstag, 1. Dezember 2026 16:20\n"
    "An: bestellung@nordstern.example\n"
    "Betreff: Bestellung 0815/26\n\n"
    "hiermit bestellen wir (Bestellung Nr. 0815/26 vom 01.12.2026):\n\n"
    "    4  Kugelfender 45 cm orange             Art. FD-4201  à 54,00\n"
    "    6  Rettungswesten 150N automatisch      Art. BS-6801  à 89,00\n"
    "   10  Fender 15 x 58 weiß                  Art. FD-4101  à 19,90\n"
    " 40 m  Festmacherleine 12 mm blau           Art. TW-1012  à 2,40 /m\n\n"
    "Summe netto: 1.117,00 EUR\n\nMit freundlichen Grüßen\nKathrin Voß\n"
)


def test_a_forwarded_order_corrected_by_the_items_names_not_their_positions():
    """ "WG:" forwards the order; the words on top change two of its items by their names."""
    chosen = newest_part(FORWARDED_CORRECTION, subject="WG: Bestellung 0815/26 - Korrektur")
    assert chosen.startswith("Hallo Frau Lorenzen,")
    order = extract_from_text(chosen, subject="WG: Bestellung 0815/26 - Korrektur")
    assert [(ln.customer_sku or ln.codes[0], ln.quantity) for ln in order.lines] == [
        ("FD-4201", Decimal("2")),  # 2 instead of 4
        ("BS-6801", Decimal("8")),  # (also 8 Stück): what the line comes to
        ("FD-4101", Decimal("10")),
        ("TW-1012", Decimal("40")),
    ]
    assert all(ln.confidence <= AMENDED for ln in order.lines)
    assert order.amendments  # the amended_order issue: a person confirms


@pytest.mark.parametrize(
    "text",
    [
        "bei den Kugelfendern bitte nur 2 statt 4",
        "the blue gloves: 10 boxes instead of 6 please",
        "pour les gants nitrile, 20 au lieu de 12 merci",
    ],
)
def test_changes_that_name_the_item_by_its_words(text):
    assert asks_for_changes(text)


@pytest.mark.parametrize(
    "text",
    [
        "> 10 instead of 6",  # a quoted line
        "Liefertermin 12.12. statt 10.12., bitte",  # no item named, a day
    ],
)
def test_lines_that_change_no_item_by_its_words(text):
    assert not asks_for_changes(text)


ACCEPTED_WITH_CHANGES = (
    "Guten Tag Frau Vogt,\n\n"
    "danke für das Angebot. Wir bestellen wie angeboten, mit zwei Änderungen:\n"
    "- Schnittschutzhosen Gr. 52 bitte nur 3 Stück statt 4\n"
    "- die Stiefel bitte in Gr. 43 statt 44 (gleicher Preis laut Liste)\n\n"
    "Unsere Bestellnummer: BL-26-038\n\n"
    "Viele Grüße\nFlorian Lechner\n\n"
    "-----Ursprüngliche Nachricht-----\n"
    "Von: Sabine Vogt <s.vogt@forst.example>\n"
    "Gesendet: Dienstag, 8. Dezember 2026 15:02\n"
    "Betreff: Angebot AN-26-0712\n\n"
    "wie besprochen bieten wir Ihnen an:\n\n"
    "> Pos  Art.-Nr.  Bezeichnung                                    Menge   EP EUR   GP EUR\n"
    "> 1    FT40152   Schnittschutzhose Klasse 1 Form A, Gr. 52         4     119,00   476,00\n"
    "> 2    FT40210   Forsthelm-Kombination mit Gehörschutz/Visier      2      64,90   129,80\n"
    "> 3    FT40411   Schnittschutzstiefel Leder Klasse 2, Gr. 44       2 P   189,00   378,00\n"
    "> 4    FT40310   Schnittschutz-Forsthandschuhe, Gr. 10             4 P    42,50   170,00\n"
    ">                                             Summe netto               1.153,80\n"
)


def test_changes_to_a_quoted_offer_name_the_closest_item_and_one_naming_none_still_counts():
    """ "Schnittschutzhosen" names the "Schnittschutzhose" more than the "Schnittschutzstiefel"
    or "-handschuhe" (all 4 of them): its 3 replaces the 4. The boots' new size names no item
    by its count: the order is still an amended one, for a person, and states no total."""
    chosen = newest_part(ACCEPTED_WITH_CHANGES, subject="AW: Angebot AN-26-0712")
    order = extract_from_text(chosen, subject="AW: Angebot AN-26-0712")
    assert [(ln.codes[0], ln.quantity) for ln in order.lines] == [
        ("FT40152", Decimal("3")),
        ("FT40210", Decimal("2")),
        ("FT40411", Decimal("2")),
        ("FT40310", Decimal("4")),
    ]
    assert len(order.amendments) == 2
    assert all(ln.confidence <= AMENDED for ln in order.lines)
    assert order.total is None


QUOTE_WITH_CHANGES = (
    "Hi Julia,\n\nThanks for the quote. Please treat this email as our order, PO ATE-PO-27855.\n"
    "Go ahead with everything as quoted below, except:\n\n"
    "  - leave out the horsehair brushes for now\n"
    "  - make the red wax 50 kg instead of 25 kg\n"
    "  - Nylon brushes: make it 12 please, not 10\n\n"
    "We need it by 9 December.\n\n"
    "From: Julia Walsh <julia@kantenwerk.example>\nSent: 12 November 2026 14:20\n"
    "Subject: Quotation Q-2026-0471\n\n"
    "Dear Hannah,\n\nas requested please find our quotation Q-2026-0471:\n\n"
    "Pos  Art.     Description                   Qty   Price EUR   Amount EUR\n"
    "1    ET-2010  Edge file chrome 20 cm          20       14.20       284.00\n"
    "2    WS-3080  Horsehair brush oval            10       13.90       139.00\n"
    "3    WS-3070  Nylon brush oval                10       11.50       115.00\n"
    "4    WX-1020  Cheese wax red 5 kg block       25       12.75       318.75\n"
    "5    WX-1030  Cheese wax yellow 5 kg block    25       11.80       295.00\n"
)


def test_a_reply_to_a_quote_leaves_out_an_item_by_name_and_changes_others_by_name():
    subject = "RE: Quotation Q-2026-0471"
    order = extract_from_text(
        newest_part(QUOTE_WITH_CHANGES, subject=subject),
        subject=subject,
        sent_date=dt.date(2026, 11, 30),
    )
    assert [(ln.codes[0], ln.quantity) for ln in order.lines] == [
        ("ET-2010", Decimal("20")),
        ("WS-3070", Decimal("12")),
        ("WX-1020", Decimal("50")),
        ("WX-1030", Decimal("25")),
    ]
    assert order.total is None
    # the quotation's day is not the order's: the reply orders on the day it is sent
    assert order.order_date.value == dt.date(2026, 11, 30)
    assert order.requested_delivery_date.value == dt.date(2026, 12, 9)


@pytest.mark.parametrize(
    ("text", "taken", "changed"),
    [
        ("Bon pour commande, à l'exception de la ligne 2 (les brosses).", 2, None),
        ("La position 2 (BioPress 20000) ne nous intéresse pas pour l'instant.", 2, None),
        ("Abweichend vom Angebot benötigen wir bei Pos. 3 zwölf statt zehn Stück.", None, 3),
    ],
)
def test_changes_by_position_said_in_words(text, taken, changed):
    subject = "RE: Devis DEV-26-1187"
    body = (
        f"Bonjour,\n\n{text}\n\nCordialement\n\n"
        "Le 24/11/2026, Samir Benali <samir@vernier.example> a écrit :\n"
        "> Devis DEV-26-1187 du 24/11/2026\n"
        "> #  Réf.      Désignation          Qté   PU HT  Total HT\n"
        "> 1  ET-2010   Edge file chrome      20   14,20    284,00\n"
        "> 2  WS-3080   Horsehair brush       10   13,90    139,00\n"
        "> 3  WS-3070   Nylon brush           10   11,50    115,00\n"
    )
    assert asks_for_changes(text)
    order = extract_from_text(
        newest_part(body, subject=subject), subject=subject, sent_date=dt.date(2026, 12, 1)
    )
    quantities = {ln.codes[0]: ln.quantity for ln in order.lines}
    if taken:
        assert len(order.lines) == 2
        assert ["ET-2010", "WS-3080", "WS-3070"][taken - 1] not in quantities
    if changed:
        assert quantities["WS-3070"] == Decimal("12")
    assert order.order_date.value == dt.date(2026, 12, 1)


@pytest.mark.parametrize(
    "text",
    [
        "Bonjour,\n\n12 x GT-6MM-BK à 3,45\n\nPas de date précise, livraison sans palette.\n",
        "Hello,\n\n12 x GT-6MM-BK at 3.45\n\nPlease remove the old labels before shipping.\n",
    ],
)
def test_words_that_take_back_nothing_the_order_lists_change_nothing(text):
    order = extract_from_text(text)
    assert [(ln.customer_sku, ln.quantity) for ln in order.lines] == [("GT-6MM-BK", Decimal("12"))]
    assert not order.amendments
    assert all("+amended" not in ln.rule for ln in order.lines)


def test_the_new_total_a_message_states_for_its_amended_lines():
    text = (
        "Bestellung Nr. SA-26-0957\n\n"
        "Pos  Art.-Nr.        Bezeichnung                 Menge     Preis     Total\n"
        "1    CLA-CLASS-A4    Ordner A4 4-Ring            200 Stk    1.60    320.00\n"
        "2    TAB-CRAIE-100   Wandtafelkreide weiss        20 Sch.   4.50     90.00\n"
        "                                                           Total    410.00\n\n"
        "NACHTRAG: Pos. 2 (Kreide) bitte streichen, wir haben noch genug. Neues Total EUR 320.00.\n"
    )
    order = extract_from_text(text)
    assert [ln.quantity for ln in order.lines] == [Decimal("200")]
    assert order.total.value == Decimal("320.00")
    wrong = extract_from_text(text.replace("Neues Total EUR 320.00", "Neues Total EUR 330.00"))
    assert wrong.total is None  # the lines do not make it: none stated for this order


def test_a_colleagues_list_forwarded_with_a_change_is_ordered_the_day_it_is_forwarded():
    text = (
        "Hello,\n\nPlease process the order below. PO number DL-2024-0342.\n"
        "One change: Eva says we need 2 extra child linings, so make GAR-303 4 instead of 2.\n\n"
        "---------- Forwarded message ---------\n"
        "From: Eva Hendriks <e.hendriks@delinde-uitvaart.nl>\n"
        "Date: Fri, 6 Dec 2024 at 17:45\n"
        "Subject: linings\n"
        "To: Sanne Jacobs <inkoop@delinde-uitvaart.nl>\n\n"
        "Hi Sanne,\n\nGAR-301 lining set white satin standard - 12 sets\n"
        "GAR-303 child lining white - 2 sets\n\nThanks!\nEva\n"
    )
    body = newest_part(text, subject="FW: linings")
    sent = dt.date(2024, 12, 9)
    order = extract_from_text(body, sent_date=sent, subject="FW: linings")
    assert [(ln.customer_sku, ln.quantity) for ln in order.lines] == [
        ("GAR-301", Decimal("12")),
        ("GAR-303", Decimal("4")),
    ]
    assert order.order_date.value == sent
    # a reply that amends an order it quotes: that order's day
    reply = extract_from_text(body, sent_date=sent, subject="RE: linings")
    assert reply.order_date.value == dt.date(2024, 12, 6)
