"""Delivery dates a buyer writes in sentences, counted from the day the message was sent."""

import datetime as dt

import pytest

from ingestion.extraction import extract_from_layout, extract_from_text
from ingestion.reading import read_pdf
from tests.extraction.docs import pdf

SENT = dt.date(2026, 11, 27)  # a Friday


def _delivery(body: str, sent: dt.date | None = SENT):
    return extract_from_text(body, sent_date=sent).requested_delivery_date


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Pour vendredi 4 décembre impérativement svp.", dt.date(2026, 12, 4)),
        ("Pas avant mercredi 2 décembre svp, il n'y a personne.", dt.date(2026, 12, 2)),
        ("Merci de livrer à notre dépôt le 3.12.", dt.date(2026, 12, 3)),
        ("Could you deliver tomorrow morning please?", dt.date(2026, 11, 28)),
        ("Pouvez-vous nous livrer demain matin sans faute :", dt.date(2026, 11, 28)),
        ("Bitte liefern Sie übermorgen.", dt.date(2026, 11, 29)),
        ("We need them by Monday 7th at the latest.", dt.date(2026, 12, 7)),
        ("Bitte bis Freitag liefern.", dt.date(2026, 12, 4)),
        # sending is delivering: "envoyer", "schicken"
        ("Pouvez vous nous envoyer pour demain mardi 1er décembre :", dt.date(2026, 12, 1)),
        ("Bitte schicken Sie die Ware am 3.12.", dt.date(2026, 12, 3)),
        ("Liefern Sie bitte am 12. Jänner, wir haben bis dahin zu.", dt.date(2027, 1, 12)),
        # the Monday of the week asked for
        ("Merci de nous faire parvenir pour la semaine 50 :", dt.date(2026, 12, 7)),
        # a week of January written in November: next year's, the Monday of its own week
        ("Pourriez-vous nous livrer pour la semaine 2 ?", dt.date(2027, 1, 11)),
        # a pick-up is when the goods leave us; a German weekday shortened without its dot
        (
            "Enlèvement : départ usine, notre camion passera le jeudi 10.12.2026 vers 13h30.",
            dt.date(2026, 12, 10),
        ),
        ("Lieferung Do 3.12. morgens VOR 9 Uhr", dt.date(2026, 12, 3)),
        ("Niamh needs it Weds 16/12.", dt.date(2026, 12, 16)),
        # a day and month after the deadline's words
        (
            "Delivery to our Leeds warehouse as usual, at the latest 16/12 please.",
            dt.date(2026, 12, 16),
        ),
        ("Wir brauchen die Ware spätestens 16.12., danke.", dt.date(2026, 12, 16)),
        # a window: from its first day
        ("Période de livraison du 14/12/2026 au 18/12/2026, de 7h à 12h", dt.date(2026, 12, 14)),
        ("Lieferung bitte vom 7.12.2026 bis 11.12.2026.", dt.date(2026, 12, 7)),
    ],
)
def test_a_delivery_sentence_gives_its_date(sentence, expected):
    body = f"Bonjour,\n\n10 x A-778\n4 x B-112\n\n{sentence}\n\nMerci"
    delivery = _delivery(body)
    assert delivery is not None
    assert delivery.value == expected
    assert delivery.rule.startswith("prose_date")
    assert delivery.confidence >= 0.7


@pytest.mark.parametrize(
    "sentence",
    [
        "Merci pour votre offre du 12 novembre 2026.",  # another document's date
        "Warenannahme Montag bis Freitag, 7 bis 15 Uhr.",  # opening days
        "Deliver to: our address above, Goods Inwards (Mon–Fri 8:00–15:30)",
        "Livraison lun.-ven. 8h-12h, quai n° 2.",
        "Livraisons : lundi à vendredi de 7h00 à 14h00.",
        # opening days as a scan reads them twice
        "Livraison du du lundi lundi au au vendredi vendredi de de 8h à 12h.",
        "Livraison dès que possible svp.",  # no date at all
        "Guten Morgen, anbei unsere Bestellung.",
        "10 x A-778 à 4.12 € livrés franco.",  # a price, not the 4th of December
        "Nous livrons tous les lundis.",
        # a measure after a day-and-month's figures
        "Could you also send us the updated spec sheet for the 2.1 bar regulators?",
    ],
)
def test_sentences_that_ask_for_no_date_give_none(sentence):
    body = f"Bonjour,\n\n10 x A-778\n4 x B-112\n\n{sentence}\n\nMerci"
    assert _delivery(body) is None


def test_a_delivery_time_that_cannot_be_pinned_down_is_left_for_a_person():
    delivery = _delivery("Hello,\n\n10 x A-778\n\nPlease deliver early next week.\n\nThanks")
    assert delivery is not None
    assert delivery.value is None
    assert delivery.confidence < 0.5


def test_a_weekday_that_is_not_the_dates_weekday_is_doubtful():
    delivery = _delivery("10 x A-778\nPour jeudi 4 décembre svp.")  # the 4th is a Friday
    assert delivery.value == dt.date(2026, 12, 4)
    assert delivery.confidence < 0.7


def test_two_dates_asked_for_are_left_for_a_person():
    delivery = _delivery("10 x A-778\nWir brauchen die Ware am 2.12. oder spätestens am 4.12.")
    assert delivery.confidence < 0.7


def test_tomorrow_without_the_sent_day_is_no_date():
    assert _delivery("10 x A-778\nPlease deliver tomorrow.", sent=None) is None


def test_a_labelled_delivery_date_stays_first():
    body = "Délai souhaité : 14/12/2026\n\n10 x A-778\n\nMerci de livrer avant 16h."
    delivery = _delivery(body)
    assert delivery.value == dt.date(2026, 12, 14)
    assert not delivery.rule.startswith("prose_date")
    assert delivery.confidence >= 0.8


def test_a_note_asking_for_an_earlier_day_than_the_label_is_for_a_person():
    body = (
        "Liefertermin: 10.12.2026\n\n2 x BOS-BCS220\n\nLiebe Grüße\n"
        "Bitte schon bis Fr. 04.12. liefern\n"
    )
    delivery = _delivery(body, sent=dt.date(2026, 12, 3))
    assert delivery.value == dt.date(2026, 12, 4)  # the earliest day asked for
    assert delivery.confidence < 0.7


def test_a_note_asking_for_a_later_day_keeps_the_label_for_a_person():
    body = "Liefertermin: 14.12.2026\n\n10 x A-778\n\nBitte nicht vor dem 18.12. anliefern."
    delivery = _delivery(body)
    assert delivery.value == dt.date(2026, 12, 14)
    assert delivery.confidence < 0.7


def test_a_note_repeating_the_labelled_day_changes_nothing():
    body = "Délai souhaité : 14/12/2026\n\n10 x A-778\n\nMerci de livrer le 14/12/2026."
    delivery = _delivery(body)
    assert delivery.value == dt.date(2026, 12, 14)
    assert delivery.confidence >= 0.8


def test_the_day_preferred_within_a_week_is_the_date_for_a_person_to_confirm():
    delivery = _delivery(
        "Hi,\n\n10 x A-778\n\nDelivery w/c 7th December, ideally Tuesday 8th. Usual address.\n"
    )
    assert delivery.value == dt.date(2026, 12, 8)
    assert delivery.confidence < 0.7  # under the delivery date's threshold


@pytest.mark.parametrize(
    ("body", "sent", "expected"),
    [
        (
            "hi guys\n\ncan i get for tues:\n2 boxes of the 12oz cups\n",
            dt.date(2026, 11, 29),
            dt.date(2026, 12, 1),
        ),
        (
            "hier unsere Bestellung für Donnerstag:\n\n– 80 kg Pommes 9/9\n",
            dt.date(2026, 11, 23),
            dt.date(2026, 11, 26),
        ),
    ],
)
def test_for_a_weekday_in_a_hurried_message(body, sent, expected):
    assert _delivery(body, sent).value == expected


def test_a_letters_delivery_date_wrapped_at_its_day_is_read():
    from ingestion.extraction import extract_from_layout
    from ingestion.reading import read_pdf
    from tests.extraction.docs import pdf, table

    letter = [
        (40, 40, "Holzbau Brunner GmbH"),
        (40, 52, "Bernstrasse 12 | 3072 Ostermundigen"),
        (330, 70, "Ostermundigen, 30.10.2026"),
        (40, 100, "Bestellung Nr. 2026-118"),
        (40, 120, "Gerne bestellen wir folgendes Material. Lieferung bitte bis 12."),
        (40, 132, "November 2026 an: Holzbau Brunner GmbH, Bernstrasse 12, 3072 Ostermundigen."),
        *table(
            [40, 90, 330, 420, 490],
            160,
            [
                ["Menge", "Artikel", "Art.-Nr.", "Preis CHF", "Total CHF"],
                ["5 Stk", "Abdeckplane 4 x 5 m", "BAU-ABDP-4M", "6.30", "31.50"],
            ],
        ),
    ]
    delivery = extract_from_layout(read_pdf(pdf([letter]))).requested_delivery_date
    assert (delivery.value, delivery.rule) == (dt.date(2026, 11, 12), "prose_date:named+by")


def test_a_letters_delivery_date_after_a_line_ending_with_before_is_read():
    """ "… and in any case before" / "Friday 4 December 2026 as our stock is low.": the word
    that asks for the date ends the line above it."""
    from ingestion.extraction import extract_from_layout
    from ingestion.reading import read_pdf
    from tests.extraction.docs import pdf, table

    letter = [
        (40, 40, "DIERENKLINIEK ZUIDHOEK"),
        (40, 52, "Havenweg 3 · 4381 AB Vlissingen"),
        (330, 70, "Vlissingen, 27 November 2026"),
        (40, 100, "Purchase order no. 2026-207"),
        (
            40,
            120,
            "Please supply the following items at your earliest convenience, and in any case before",
        ),
        (40, 132, "Friday 4 December 2026 as our stock of gloves is running low."),
        *table(
            [40, 120, 330, 420, 490],
            160,
            [
                ["Article", "Description", "Qty", "Price", "Amount"],
                ["DVS-GL-NM", "Nitrile gloves size M (box 100)", "20", "5,90", "118,00"],
            ],
        ),
    ]
    delivery = extract_from_layout(read_pdf(pdf([letter]))).requested_delivery_date
    assert (delivery.value, delivery.rule) == (dt.date(2026, 12, 4), "prose_date:named+by")


def test_the_week_asked_for_by_its_first_day_is_that_day():
    """ "pour la semaine du 14/12/2026": "du" names no other document's date here, and the
    week's Monday is its first day, as the week's number would say (a Wednesday would leave
    the day for a person to pin down)."""
    body = (
        "Bonjour,\n\n3 x A-778\n\nÀ livrer à notre adresse habituelle\n"
        "(Rue des Faubourgs 112, 6700 Arlon) pour la semaine du 14/12/2026 :\n\nMerci"
    )
    delivery = _delivery(body)
    assert (delivery.value, delivery.confidence >= 0.7) == (dt.date(2026, 12, 14), True)
    wednesday = _delivery(body.replace("14/12/2026", "16/12/2026"))
    assert (wednesday.value, wednesday.confidence < 0.7) == (dt.date(2026, 12, 16), True)


@pytest.mark.parametrize(
    "sentence",
    [
        "Pouvez-vous me préparer pour la semaine prochaine :",
        "Could you deliver next week please:",
        "Bitte nächste Woche liefern:",
    ],
)
def test_next_week_is_its_monday_for_a_person_to_confirm(sentence):
    delivery = _delivery(f"Bonjour,\n\n{sentence}\n\n - 100 m de tresse ronde\n")
    assert delivery.value == dt.date(2026, 11, 30)  # the Monday after Friday 27 November
    assert delivery.confidence < 0.7


@pytest.mark.parametrize(
    "sentence",
    [
        "Delivery please not before 9 November and no later than 13 November 2026.",
        "Livraison pas avant le 9 novembre et au plus tard le 13 novembre 2026.",
        "Lieferung frühestens am 9. November und spätestens am 13. November 2026.",
    ],
)
def test_a_window_told_in_words_asks_for_its_first_day(sentence):
    """The goods may come from the window's first day: its last is a deadline, not the day."""
    assert _delivery(f"Hello,\n\n10 x A-778\n\n{sentence}\n").value == dt.date(2026, 11, 9)


def test_a_window_read_at_its_deadline_label_gives_its_first_day():
    """On a printed order "no later than" is also a label of the delivery date: read there,
    the sentence's window still starts on the 9th."""
    layout = read_pdf(
        pdf(
            [
                [
                    (50, 60, "PURCHASE ORDER"),
                    (350, 80, "PO no.   VD-2026-0573"),
                    (350, 92, "Date   27-10-2026"),
                    (50, 140, "#   Item   Description   Qty   Price   Total"),
                    (
                        50,
                        156,
                        "1   VD-PS45W   Polystyrene moulding 45mm white   150   3,40   510,00",
                    ),
                    (380, 180, "Total excl. VAT   510,00"),
                    (
                        50,
                        210,
                        "Delivery to our Ghent warehouse please. Not before 9 November and no "
                        "later than 13 November",
                    ),
                    (50, 222, "2026; goods-in Mon-Thu 8:00-15:00."),
                ]
            ]
        )
    )
    delivery = extract_from_layout(layout).requested_delivery_date
    assert delivery.value == dt.date(2026, 11, 9)


def _letter_delivery(*sentence_lines: str, sent: dt.date):
    """The delivery date of a letter dated 2 October 2026 whose sentence is ``sentence_lines``,
    uploaded on ``sent``."""
    items = [
        (400, 60, "2 October 2026"),
        (50, 80, "Our order ref: SES-26-0371"),
        (50, 100, "Dear Jo,"),
    ]
    items += [(50, 116 + 11 * k, text) for k, text in enumerate(sentence_lines)]
    items += [
        (50, 170, "Description   Qty   Unit Price   Amount"),
        (50, 184, "Georgian window sidewalls, 3m x 2.4m   14   121.60   1,702.40"),
        (50, 198, "Zip door panels 3m x 2.4m (sidewall)   4   127.30   509.20"),
        (300, 220, "Net Total   £ 2,211.60"),
    ]
    return extract_from_layout(read_pdf(pdf([items])), sent_date=sent).requested_delivery_date


@pytest.mark.parametrize(
    "wrapped",
    [
        # after its weekday
        (
            "These are for the Broadlands rebuild, so please deliver no later than Friday",
            "16th October – earlier is fine, the build crew are on site from the 12th.",
        ),
        # inside its cue
        (
            "please supply the items below for our project. We need them on site no later",
            "than Friday 16 October (the crane is booked for the following Monday).",
        ),
    ],
)
def test_a_delivery_sentence_wrapped_over_two_lines_is_read_whole(wrapped):
    assert _letter_delivery(*wrapped, sent=dt.date(2026, 11, 30)).value == dt.date(2026, 10, 16)


def test_a_weekday_of_a_letter_uploaded_weeks_later_counts_from_the_letter_s_day():
    delivery = _letter_delivery(
        "Please deliver by Friday, the crew is on site then.", sent=dt.date(2026, 10, 28)
    )
    assert delivery.value == dt.date(2026, 10, 9)  # the Friday after 2 October


def test_latest_sets_the_day_and_a_feast_alone_is_for_a_person():
    sent = dt.date(2026, 12, 7)
    both = _delivery(
        "Hi,\n\n3 x HT-1010\n\nNeeds to be there before Christmas - latest 18 Dec.\n", sent
    )
    feast = _delivery("Hi,\n\n3 x HT-1010\n\nNeeds to be there before Christmas please.\n", sent)
    assert (both.value, feast.value, feast.confidence < 0.5) == (dt.date(2026, 12, 18), None, True)
