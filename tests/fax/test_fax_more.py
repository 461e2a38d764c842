"""More OCR confusions in the item codes of faxes."""

from __future__ import annotations

import pytest

from ingestion.extraction.ocrfix import FIXED_CONFIDENCE, fix_ocr_layout, fix_word_text
from ingestion.layout import Layout, Page, TextSource, Word


@pytest.mark.parametrize(
    ("text", "fixed"),
    [
        ("GLV-2204-§", "GLV-2204-S"),  # a size letter
        ("ABR-§125-60", "ABR-5125-60"),  # a digit
        ("TAP~3470", "TAP-3470"),
        ("TLS~-9815-BK", "TLS-9815-BK"),
        ("TLS_9802", "TLS-9802"),
    ],
)
def test_a_section_sign_or_a_streak_in_an_item_code_is_read_back(text, fixed):
    assert fix_word_text(text) == (fixed, True, False)


@pytest.mark.parametrize("text", ["§12", "GLV-§", "EUR~", "A~3", "§ 5"])
def test_other_section_signs_and_tildes_are_left_alone(text):
    assert fix_word_text(text)[0] == text


def _page(words, source=TextSource.OCR):
    return Page(number=1, width=600, height=800, words=tuple(words), source=source)


def test_an_item_code_cut_after_its_letters_is_joined_and_flagged():
    words = [
        Word("SAF", 62, 421, 88, 433, 0.74),
        Word("-7401-WH", 90, 421, 150, 433, 0.9),
        Word("SCHUTZHELM", 160, 421, 250, 433, 0.9),
        # far apart, or not a code's tail: left alone
        Word("ABC", 300, 421, 320, 433, 0.9),
        Word("-12", 340, 421, 360, 433, 0.9),
        Word("GLV", 400, 421, 420, 433, 0.9),
        Word("-XL", 421, 421, 440, 433, 0.9),
    ]
    layout = fix_ocr_layout(Layout(pages=(_page(words), _page(words, TextSource.PDF_TEXT))))
    ocr, text = layout.pages
    assert [(w.text, w.x0, w.x1) for w in ocr.words[:2]] == [
        ("SAF-7401-WH", 62, 150),
        ("SCHUTZHELM", 160, 250),
    ]
    assert ocr.words[0].confidence == FIXED_CONFIDENCE
    assert [w.text for w in ocr.words[2:]] == ["ABC", "-12", "GLV", "-XL"]
    assert len(text.words) == len(words)  # a text PDF's words are what they say
