import datetime as dt

import pytest

from ingestion.extraction.dates import detect_dayfirst, find_dates, parse_date, week_monday


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("27/11/2026", dt.date(2026, 11, 27)),
        ("11/27/2026", dt.date(2026, 11, 27)),
        ("2026-11-27", dt.date(2026, 11, 27)),
        ("27.11.2026", dt.date(2026, 11, 27)),
        ("27.11.26", dt.date(2026, 11, 27)),
        ("Nov 27, 2026", dt.date(2026, 11, 27)),
        ("November 27th, 2026", dt.date(2026, 11, 27)),
        ("27 novembre 2026", dt.date(2026, 11, 27)),
        ("1er décembre 2026", dt.date(2026, 12, 1)),
        ("27. November 2026", dt.date(2026, 11, 27)),
        ("Freitag, 27. Nov. 2026", dt.date(2026, 11, 27)),
        ("27-Nov-26", dt.date(2026, 11, 27)),
        ("3. März 2026", dt.date(2026, 3, 3)),
        ("20261127", dt.date(2026, 11, 27)),
        ("12. Jänner 2027", dt.date(2027, 1, 12)),  # Austrian
        ("Wednesday, 2nd of December 2026", dt.date(2026, 12, 2)),
    ],
)
def test_parse_date_reads_every_common_form(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("semaine 49", dt.date(2026, 11, 30)),
        ("KW 49", dt.date(2026, 11, 30)),
        ("KW 49/2027", dt.date(2027, 12, 6)),
        ("week 2", dt.date(2026, 1, 5)),
        ("49. KW", dt.date(2026, 11, 30)),
    ],
)
def test_weeks_are_the_monday_of_that_iso_week(text, expected):
    assert parse_date(text, default_year=2026) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Liefertermin: bis Ende KW 51", dt.date(2026, 12, 18)),
        ("bis Ende der KW 50", dt.date(2026, 12, 11)),
        ("by the end of week 51", dt.date(2026, 12, 18)),
        ("livraison fin de semaine 49", dt.date(2026, 12, 4)),
        ("spätestens KW 51", dt.date(2026, 12, 14)),
        # a day of that week, named
        ("Liefertermin: Freitag der KW 51", dt.date(2026, 12, 18)),
        ("le mardi de la semaine 50", dt.date(2026, 12, 8)),
        ("Wednesday of week 49", dt.date(2026, 12, 2)),
    ],
)
def test_the_end_of_a_week_is_its_friday(text, expected):
    """ "bis Ende KW 51" asks for the goods by that week's last working day, not its Monday."""
    assert parse_date(text, default_year=2026) == expected


def test_the_cents_of_an_amount_before_a_week_are_no_week_of_their_own():
    found = find_dates("97,44 194,88 KW 2/2027", dayfirst=True)
    assert [(m.text, m.value) for m in found] == [("KW 2/2027", dt.date(2027, 1, 11))]


def test_a_fax_headers_page_count_is_no_week():
    """ "S. 01/61" in a German fax machine's header line: Seite 1 (of 61), not week 1 of 2061;
    "S. 49" alone is still the French semaine."""
    header = "07.12.2026 10:32   +49 8031 407715   SCHMID ELEKTRO   S. 01/61"
    assert [m.value for m in find_dates(header, dayfirst=True)] == [dt.date(2026, 12, 7)]
    assert parse_date("livraison S. 49", default_year=2026) == dt.date(2026, 11, 30)


def test_week_monday():
    assert week_monday(2026, 1) == dt.date(2025, 12, 29)


def test_ambiguous_numeric_dates_follow_dayfirst_and_say_so():
    (match,) = find_dates("03/04/2026", dayfirst=True)
    assert (match.value, match.ambiguous) == (dt.date(2026, 4, 3), True)
    (match,) = find_dates("03/04/2026", dayfirst=False)
    assert (match.value, match.ambiguous) == (dt.date(2026, 3, 4), True)
    (match,) = find_dates("03.04.2026", dayfirst=False)
    assert (match.value, match.ambiguous) == (dt.date(2026, 4, 3), False)


def test_dates_without_year_take_the_default_year():
    assert parse_date("livraison le 12/12", default_year=2026) == dt.date(2026, 12, 12)
    assert parse_date("27 Nov", default_year=2026) == dt.date(2026, 11, 27)


def test_phone_numbers_and_references_are_not_dates():
    assert find_dates("Tel 01.23.45.67.89, ref A-12/11") == []


def test_detect_dayfirst_from_the_document():
    assert detect_dayfirst(["Date 03/04/2026", "Delivery 25/04/2026"]) is True
    assert detect_dayfirst(["Date 03/04/2026", "Delivery 04/25/2026"]) is False
    assert detect_dayfirst(["Date 03/04/2026"], currency="USD") is False
    assert detect_dayfirst(["Date 03/04/2026"], language="fr") is True
    assert detect_dayfirst(["Datum 03.04.2026"]) is True
    assert detect_dayfirst(["Date 03/04/2026"]) is None


def test_an_abbreviated_month_then_day_without_a_year_takes_the_default_year():
    found = find_dates("please deliver by Dec 15th", default_year=2026)
    assert [d.value for d in found] == [dt.date(2026, 12, 15)]
    assert [d.value for d in find_dates("Jan 4", default_year=2027)] == [dt.date(2027, 1, 4)]
    # "mar 3" is Tuesday the 3rd in French: March only with a year or an ordinal
    assert find_dates("livraison mar 3", default_year=2026) == []
    assert [d.value for d in find_dates("Mar 3rd", default_year=2026)] == [dt.date(2026, 3, 3)]


def test_a_count_after_the_month_is_not_a_two_digit_year():
    found = find_dates("bis Mittwoch, 25. November 50 Stück FI/LS C16", default_year=2026)
    assert [m.value for m in found] == [dt.date(2026, 11, 25)]
    assert [m.value for m in find_dates("le 12 nov 26.")] == [dt.date(2026, 11, 12)]


def test_a_numeric_date_inside_an_article_code_is_no_date():
    assert find_dates("- 6 x CT3-12-24DC") == []
    assert [m.value for m in find_dates("Date de livraison27-10-2026")] == [dt.date(2026, 10, 27)]


@pytest.mark.parametrize(
    "text",
    [
        "Delivery: week 51, 14-18 December 2026",
        "Livraison du 14 au 18 décembre 2026",
        "Lieferung 14. bis 18. Dezember 2026",
        "Lieferfenster 14.–18. Dezember 2026",
    ],
)
def test_a_delivery_window_is_read_from_its_first_day(text):
    named = [m for m in find_dates(text, default_year=2026) if m.kind == "named"]
    assert [m.value for m in named] == [dt.date(2026, 12, 14)]


def test_a_number_weeks_before_a_date_is_no_window():
    (match,) = find_dates("Pos. 1 - 28 December 2026")
    assert match.value == dt.date(2026, 12, 28)


def test_a_scans_speck_before_a_date_is_no_digit():
    from ingestion.extraction.dates import find_dates

    assert [m.value for m in find_dates("Liefertermin.    .23.11.2026", dayfirst=True)] == [
        dt.date(2026, 11, 23)
    ]
    assert find_dates("Version 1.23.11.2026", dayfirst=True) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Livraison souhaitée : S49/2026", dt.date(2026, 11, 30)),  # a French ERP's week
        ("Taille S 12/2026", None),  # a size, then a month and year
        ("S49", None),  # no year: a size or a code as much as a week
        ("Livraison;S02-2027", dt.date(2027, 1, 11)),
        ("Réf. S02-2027-B", None),  # a code
    ],
)
def test_a_french_erp_s_week_with_its_year(text, expected):
    found = [m for m in find_dates(text, default_year=2026) if m.kind == "week"]
    assert (found[0].value if found else None) == expected
