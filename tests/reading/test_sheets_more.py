import datetime as dt
import io
from decimal import Decimal

import openpyxl

from ingestion.extraction import extract_from_sheet
from ingestion.reading import read_xlsx, sheet_to_layout


def _workbook() -> bytes:
    workbook = openpyxl.Workbook()
    order = workbook.active
    order.title = "Order"
    order.append(["Order No:", "PO-5521"])
    order.append(["Date:", dt.datetime(2026, 10, 5)])
    order.append(["Delivery: see the Delivery tab"])
    order.append(["Part No.", "Description", "Qty", "Unit Price", "Amount"])
    order.append(["HX-100", "Hex key set", 3, 12.5, 37.5])
    order.append(["HX-200", "Torque wrench 20-100 Nm", 1, 89.0, 89.0])
    delivery = workbook.create_sheet("Delivery")
    delivery.append(["Deliver to", "Norbury Tools Ltd"])
    delivery.append([None, "Unit 4, Canal Side"])
    delivery.append([None, "Leeds"])
    delivery.append([None, "LS11 5QR"])
    delivery.append(["Required by", dt.datetime(2026, 10, 19)])
    delivery.append(["Terms and conditions of purchase apply to every order we place."])
    history = workbook.create_sheet("History")
    history.append(["Date", "Part No.", "Qty", "Unit Price"])
    history.append([dt.datetime(2026, 6, 1), "HX-900", 40, 3.1])
    history.append([dt.datetime(2026, 7, 1), "HX-901", 25, 4.2])
    hidden = workbook.create_sheet("Lists")
    hidden.append(["Deliver to", "Somewhere Else Ltd, 1 Other Road, Bristol BS1 1AA"])
    hidden.sheet_state = "hidden"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_the_key_value_rows_of_the_other_sheets_come_along_with_the_order_sheet():
    rows = read_xlsx(_workbook())
    assert rows[0][:2] == ["Order No:", "PO-5521"]
    assert rows.side_sheets == [
        [
            ["Deliver to", "Norbury Tools Ltd"],
            ["", "Unit 4, Canal Side"],
            ["", "Leeds"],
            ["", "LS11 5QR"],
            ["Required by", "2026-10-19"],
        ]
    ]
    layout = sheet_to_layout(rows)
    assert [page.number for page in layout.pages] == [1, 2]


def test_a_delivery_tab_gives_the_address_and_date_and_no_items():
    order = extract_from_sheet(read_xlsx(_workbook()))
    assert [(ln.customer_sku, ln.quantity) for ln in order.lines] == [
        ("HX-100", Decimal("3")),
        ("HX-200", Decimal("1")),
    ]
    assert order.requested_delivery_date.value == dt.date(2026, 10, 19)
    assert order.ship_to.value.postal_code == "LS11 5QR"


def test_a_side_sheet_of_names_with_a_figure_each_is_a_list_not_key_values():
    workbook = openpyxl.Workbook()
    workbook.active.append(["Part No.", "Description", "Qty"])
    workbook.active.append(["HX-100", "Hex key set", 3])
    prices = workbook.create_sheet("Prices")
    for name, price in [("Hex key set", 12.5), ("Torque wrench", 89), ("Socket set", 45.2)]:
        prices.append([name, price])
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert read_xlsx(buffer.getvalue()).side_sheets == []


def test_the_items_of_a_workbook_are_only_those_of_its_order_sheet():
    from ingestion.extraction import extract_from_layout
    from ingestion.reading.text import SheetRows

    rows = SheetRows(
        [["Part No.", "Description", "Qty"], ["HX-100", "Hex key set", "3"]],
        [[["Part No.", "Description", "Qty"], ["HX-900", "Old order's item", "40"]]],
    )
    order = extract_from_layout(sheet_to_layout(rows))
    assert [ln.customer_sku for ln in order.lines] == ["HX-100"]


def test_a_workbooks_other_sheets_do_not_make_its_table_less_complete():
    """No printed total: the sum of a table read whole is sure, side tabs or not."""
    order = extract_from_sheet(read_xlsx(_workbook()))
    assert order.total.value == Decimal("126.5")
    assert "complete_table" in order.total.rule


def test_an_address_written_out_in_one_cell_of_another_sheet_is_printed_on_the_order():
    """SAP's list export: the items name a plant ("AT12"), an "Info" tab writes it out. Its
    postal code is printed on the order: a default ship-to (the customer's own) is not sure."""
    workbook = openpyxl.Workbook()
    items = workbook.active
    items.append(["Purchasing Doc.", "Item", "Short Text", "Vendor Material", "PO Quantity"])
    items.append([4500099342, 10, "SAW CHAIN 3/8 1.6MM 84DL", "FT10122", 30])
    items.append([4500099342, 20, "GUIDE BAR 75CM 3/8 1.6MM", "FT20175", 6])
    info = workbook.create_sheet("Info")
    info.append(["Exported from SAP ME2N by L. Obermoser"])
    info.append(["Plant AT12 = Central Warehouse Wörgl, Bahnhofstraße 14, 6300 Wörgl"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    rows = read_xlsx(buffer.getvalue())
    assert rows.side_sheets == [
        [["Plant AT12 = Central Warehouse Wörgl, Bahnhofstraße 14, 6300 Wörgl"]]
    ]
    assert "6300" in extract_from_sheet(rows).postal_codes
