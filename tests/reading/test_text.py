import datetime as dt
import io

import openpyxl
import pytest

from ingestion.layout import TextSource
from ingestion.reading import (
    UnreadableDocument,
    layout_to_text,
    read_csv,
    read_xlsx,
    sheet_to_layout,
    text_to_layout,
)


def test_text_to_layout_keeps_columns_and_lines():
    layout = text_to_layout("Qty   Item\n12    A-778\n")
    (page,) = layout.pages
    assert page.source == TextSource.PLAIN
    assert [(w.text, w.x0, w.top) for w in page.words] == [
        ("Qty", 0.0, 0.0),
        ("Item", 36.0, 0.0),
        ("12", 0.0, 12.0),
        ("A-778", 36.0, 12.0),
    ]


def test_tab_separated_rows_are_aligned_as_columns_even_with_an_empty_first_cell():
    layout = text_to_layout("Ref\tDescription\tQty\nA-1\tLong description here\t5\n\tOther\t7\n")
    words = {(w.text, w.x0) for w in layout.pages[0].words}
    assert {("Qty", 180.0), ("5", 180.0), ("7", 180.0), ("Other", 36.0)} <= words


def test_sheet_to_layout_puts_one_word_per_cell():
    layout = sheet_to_layout([["PO", "4711"], [], ["Qty", "Item description"], [3, 2.5, None]])
    assert [(w.text, w.x0, w.top) for w in layout.pages[0].words] == [
        ("PO", 0.0, 0.0),
        ("4711", 120.0, 0.0),
        ("Qty", 0.0, 24.0),
        ("Item description", 120.0, 24.0),
        ("3", 0.0, 36.0),
        ("2.5", 120.0, 36.0),
    ]
    assert layout.pages[0].source == TextSource.SHEET


def test_layout_to_text_renders_gaps_as_spaces():
    assert layout_to_text(text_to_layout("Qty   Item\n12    A-778")) == "Qty   Item\n12    A-778"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("Référence;Qté\nA-1;5\n".encode("cp1252"), [["Référence", "Qté"], ["A-1", "5"]]),
        ("\ufeffRef,Qty\nA-1,5\n".encode(), [["Ref", "Qty"], ["A-1", "5"]]),
        (b"Ref\tQty\tPrice\nA-1\t5\t1,50\n", [["Ref", "Qty", "Price"], ["A-1", "5", "1,50"]]),
        (
            b'Ref;Description;Qty\nA-1;"Box, large";5\n',
            [["Ref", "Description", "Qty"], ["A-1", "Box, large", "5"]],
        ),
        # records of uneven length, every one split at ";", some with a decimal comma
        (
            b"BGM;2026-140;220;9\nCUX;EUR\nLIN;1;100234;60;KGM;13,70;1\nMOA;79;822,00\n",
            [
                ["BGM", "2026-140", "220", "9"],
                ["CUX", "EUR"],
                ["LIN", "1", "100234", "60", "KGM", "13,70", "1"],
                ["MOA", "79", "822,00"],
            ],
        ),
    ],
)
def test_read_csv_sniffs_delimiter_and_encoding(data, expected):
    assert read_csv(data) == expected


def test_read_csv_refuses_binary():
    with pytest.raises(UnreadableDocument, match="binary"):
        read_csv(b"\x00\x01\x02PK")


def test_read_xlsx_gives_strings_with_iso_dates_and_clean_numbers():
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["PO", "4711"])
    sheet.append(["Date", dt.datetime(2026, 11, 27)])
    sheet.append(["Qty", 12, 0.1 + 0.2, 3.0])
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert read_xlsx(buffer.getvalue()) == [
        ["PO", "4711", "", ""],
        ["Date", "2026-11-27", "", ""],
        ["Qty", "12", "0.3", "3"],
    ]


def test_read_xlsx_takes_the_sheet_that_holds_the_order():
    workbook = openpyxl.Workbook()
    notes = workbook.active
    notes.title = "Instructions"
    notes.append(["Please fill in the order sheet and send it to orders@example.com"])
    notes.append(["Prices are net, excluding VAT"])
    order = workbook.create_sheet("Order")
    order.append(["Article", "Description", "Qty"])
    order.append(["A-778", "Heat shrink sleeve", 12])
    order.append(["B-120", "Cable tie", 100])
    prices = workbook.create_sheet("Price list 2026")  # more rows, but no quantities
    prices.append(["Article", "Description", "Unit price"])
    for n in range(10):
        prices.append([f"C-{n}", f"Product number {n}", 1.5 + n])
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert read_xlsx(buffer.getvalue())[0] == ["Article", "Description", "Qty"]


def test_read_xlsx_takes_the_active_order_not_an_archive_of_past_orders_beside_it():
    workbook = openpyxl.Workbook()
    order = workbook.active
    order.title = "Bestellung"
    order.append(["Bestell-Nr.", "PL-26-322"])
    order.append(["Artikel-Nr.", "Artikel", "Anz.", "Preis"])
    for n in range(3):
        order.append([f"FR-{n}", f"Duschtuch Frottee {n}", 40, 21.5])
    archive = workbook.create_sheet("Archiv Nov")  # more items, but delivered already
    archive.append(["Bestellung PL-26-311 vom 30.11.26 (bereits geliefert)"])
    archive.append(["Artikel-Nr.", "Artikel", "Anz.", "Preis"])
    for n in range(5):
        archive.append([f"AM-{n}", f"Seife plissiert {n}", 100, 0.38])
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert read_xlsx(buffer.getvalue())[0][:2] == ["Bestell-Nr.", "PL-26-322"]
    archive.title = "Sheet2"  # …and said so in its first row only
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert read_xlsx(buffer.getvalue())[0][:2] == ["Bestell-Nr.", "PL-26-322"]


def test_read_xlsx_refuses_other_files():
    with pytest.raises(UnreadableDocument, match="not an XLSX file"):
        read_xlsx(b"\xd0\xcf\x11\xe0 legacy xls")
