"""Digits read as letters inside numbers and identifiers of OCR words."""

from __future__ import annotations

import pytest

from ingestion.extraction.ocrfix import FIXED_CONFIDENCE, fix_ocr_layout, fix_word_text
from ingestion.layout import Layout, Page, TextSource, Word


@pytest.mark.parametrize(
    ("text", "fixed"),
    [
        ("FRO2409476702", ("FR02409476702", True, False)),
        ("BEO756258718", ("BE0756258718", True, False)),
        ("4S00", ("4500", True, False)),
        ("S00", ("500", True, False)),
        ("1O0", ("100", True, False)),
        ("12,S0", ("12,50", True, False)),
        ("2O26-1l-03", ("2026-11-03", True, False)),
        ("7,40:", ("7,40", False, True)),
        ("10,43,", ("10,43", False, True)),
        ("_12", ("12", False, True)),
        ("_MF-48657", ("MF-48657", False, True)),
        ("MF:-49817", ("MF-49817", False, True)),
        ("MF-.49817", ("MF-49817", False, True)),
        ("§52.70", ("552.70", True, False)),
        ("{278,87", ("1278,87", True, False)),
        ("P0-6648812", ("PO-6648812", True, False)),
        ("0A/2026/1342", ("OA/2026/1342", True, False)),
        ("06:01.2027", ("06.01.2027", True, False)),  # a dot read as a colon
        ("11.01,2027", ("11.01.2027", True, False)),
    ],
)
def test_letters_for_digits_and_specks_are_fixed(text, fixed):
    assert fix_word_text(text) == fixed


@pytest.mark.parametrize(
    "text",
    [
        "BC26-6455",
        "NV-SS-16-M",
        "GT-9MM-GY",
        "M6X60",
        "B2",
        "SO",
        "3.5",
        "DE170581219",
        "Il",
        "PO-123",
        "00-123",
        "A0",
        "§12",
        "§1.278,87",
        "{12}",
        "MF-475",
        "13:36",  # the fax header's time
    ],
)
def test_codes_and_words_are_left_alone(text):
    assert fix_word_text(text) == (text, False, False)


def test_only_ocr_words_are_fixed_and_a_fixed_word_loses_confidence():
    def page(source):
        words = (Word("Total", 10, 10, 40, 20, 0.97), Word("4S0,00", 50, 10, 90, 20, 0.95))
        return Page(number=1, width=600, height=800, words=words, source=source)

    layout = fix_ocr_layout(Layout(pages=(page(TextSource.OCR), page(TextSource.PDF_TEXT))))
    ocr, text = layout.pages
    assert [(w.text, w.confidence) for w in ocr.words] == [
        ("Total", 0.97),
        ("450,00", FIXED_CONFIDENCE),
    ]
    assert [w.text for w in text.words] == ["Total", "4S0,00"]
