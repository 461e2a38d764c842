"""Workbooks saved by a program keep their formulas without the results."""

from __future__ import annotations

import io
from decimal import Decimal

import openpyxl
import pytest

from ingestion.reading import read_xlsx
from ingestion.reading.formulas import work_out


def _saved_without_results(rows) -> bytes:
    """openpyxl writes formulas and no cached result, as a web shop's export does."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def test_line_amounts_and_the_total_are_worked_out():
    rows = read_xlsx(
        _saved_without_results(
            [
                ["Item", "Qty", "Price", "Amount"],
                ["LPS/TT/10050", 48, 14.9, "=B2*C2"],
                ["LPS/INK/TIJ-S", 36, 44, "=B3*C3"],
                [None, None, "Subtotal", "=SUM(D2:D3)"],
                [None, None, "VAT 23%", "=ROUND(D4*0.23,2)"],
                [None, None, "Total", "=D4+D5"],
            ]
        )
    )
    assert [row[3] for row in rows] == ["Amount", "715.2", "1584", "2299.2", "528.82", "2828.02"]


def test_values_that_were_saved_stay_as_they_are():
    values = [["Qty", "Price", "Amount"], [2, 3, 7]]  # a cached result wins, right or wrong
    formulas = [["Qty", "Price", "Amount"], [2, 3, "=A2*B2"]]
    assert work_out(values, formulas)[1][2] == 7


@pytest.mark.parametrize(
    "formula",
    [
        "=VLOOKUP(A2,Prices!A:B,2,FALSE)",  # another sheet, a lookup
        "=Sheet2!B4*2",
        '=A2&" pcs"',
        "=A1",  # itself, through its neighbour A1 (=C1): circular
        "=1/0",
    ],
)
def test_what_cannot_be_worked_out_stays_empty(formula):
    values = [[None, None, None]]
    formulas = [["=C1", 4, formula]]
    out = work_out(values, formulas)
    assert out[0][2] is None


def test_percentages_powers_and_the_other_functions():
    values = [[10, 4, None, None, None, None, None]]
    formulas = [
        [
            10,
            4,
            "=A1*(1-25%)",
            "=A1^2",
            "=MAX(A1:B1)-MIN(A1:B1)",
            "=AVERAGE(A1:B1)",
            "=PRODUCT(A1,B1,-1)",
        ]
    ]
    assert work_out(values, formulas)[0][2:] == [
        Decimal("7.5"),
        Decimal("100"),
        Decimal("6"),
        Decimal("7"),
        Decimal("-40"),
    ]
