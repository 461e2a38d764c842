"""OCR confusions inside numbers and codes, fixed before extraction, and flagged.

Tesseract on a fax reads the letter for the digit inside numbers and identifiers: ``4S00``
for 4500, ``FRO2409476702`` for a VAT number, ``1O0``, and leaves specks of a ruling around
a number (``_12``, ``7,40:``, ``(2``) or a code (``_MF-48657``, ``MF:-49817``, ``TAP~3470``,
``SAF -7401-WH`` cut in two words); it reads the first digit of a bold amount as a sign
(``§52.70``, ``{278,87``), the S (or 5) of an item code as a ``§`` (``GLV-2204-§``) and the O
of a code's letter prefix as a zero (``P0-0048812``, ``0A/2026/1342``). :func:`fix_ocr_layout`
rewrites such words of OCR pages and lowers their confidence (:data:`FIXED_CONFIDENCE`), so
that a field read from a fixed word is never trusted enough to skip the order desk. Words of
text PDFs are never touched.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ingestion.layout import Layout, TextSource, Word

FIXED_CONFIDENCE = 0.6  # a rewritten word: the field it feeds goes to a person
NOISY_CONFIDENCE = 0.8  # a number that had specks around it

# letters tesseract reads for digits in fax glyphs
TO_DIGIT = {
    "O": "0",
    "o": "0",
    "Q": "0",
    "l": "1",
    "I": "1",
    "|": "1",
    "S": "5",
    "B": "8",
    "Z": "2",
}
_CONFUSABLE = "".join(re.escape(c) for c in TO_DIGIT)
# a confusable letter with a digit on both sides (separators allowed: 4,S0 / 2O26-1l-03)
_BETWEEN_DIGITS = re.compile(
    rf"(?<=\d)([{_CONFUSABLE}])(?=[.,/-]?\d)|(?<=\d[.,/-])([{_CONFUSABLE}])(?=\d)"
)
# a whole token of digits and confusable letters: S00, 1O, 2S,5O (at least two real digits)
_NUMBER_LIKE = re.compile(rf"^[\d{_CONFUSABLE}]+(?:[.,][\d{_CONFUSABLE}]+)*$")
# a VAT number whose first digit came out a letter: FRO2409476702, BEO756258718
_VAT = re.compile(
    r"^(AT|BE|BG|CY|CZ|DE|DK|EE|EL|ES|FI|FR|GB|HR|HU|IE|IT|LT|LU|LV|MT|NL|PL|PT|RO|SE|SI|SK|XI)([OoQ])(\d{7,12})$"
)
# specks of a ruling or a cell border stuck to a number
_SPECKS = re.compile(r"^[(\[|_‘'`]+(?=\d)|(?<=\d)[|)\]:;_‘'`]+$|(?<=\d[.,]\d\d)[.,]$")
# a speck before a letter code (``_MF-48657``), or between its letters and its dash
# (``MF:-49817``, ``MF-.49817``): a fax streak or a ruling's end
_CODE_SPECKS = (
    (re.compile(r"^[_|‘'`.,:;]+(?=[A-Z]{1,5}-?\d)"), ""),
    (re.compile(r"^([A-Z]{1,5})[_‘'`.,:;]+(?=-\d)"), r"\1"),
    (re.compile(r"^([A-Z]{1,5}-)[_‘'`.,:;]+(?=\d)"), r"\1"),
)
# a dotted date with one dot read as a colon or a comma ("06:01.2027", "11.01,2027")
_SCANNED_DATE = re.compile(
    r"^(?P<d>\d{1,2})(?:[:,]\s?(?P<m>\d{1,2})\.|\.(?P<m2>\d{1,2})[:,])(?P<y>(?:19|20)\d{2})$"
)
# the first digit of an amount read as a sign: ``§52.70`` (a bold 5), ``{278,87`` (a 1 whose
# thousands space was lost)
_AMOUNT_FIRST = {"§": "5", "{": "1"}
_AMOUNT_SIGN = re.compile(r"^([§{])(?=\d{1,3}[.,]\d{2}$)")
# a streak read as a tilde, an underscore or an equals sign where a code's dash is
# (``TAP~3470``, ``TLS~-9815-BK``)
_CODE_DASH = re.compile(r"^([A-Z]{2,5})[~_=]+-?(?=\d)")
# a § inside an item code (its dash-separated letters and digits): an S where it stands for a
# size or a letter ("GLV-2204-§"), a 5 beside a digit ("ABR-§125")
_CODE_SECTION = re.compile(r"^[A-Z]{1,5}-[A-Z0-9§-]*§[A-Z0-9§-]*$")
# the letter O of a code's letter prefix read as a zero: ``P0-0048812``, ``0A/2026/1342``
_PREFIX_ZERO = re.compile(r"^(?=[A-Z0]*[A-Z])(?=[A-Z]*0)([A-Z0]{2,4})(?=[-/]\d)")


def fix_word_text(text: str) -> tuple[str, bool, bool]:
    """(fixed text, a letter became a digit, specks were removed)."""
    stripped = _SPECKS.sub("", text)
    for pattern, repl in _CODE_SPECKS:
        stripped = pattern.sub(repl, stripped)
    specks = stripped != text
    text = stripped
    day = _SCANNED_DATE.match(text)
    if day:  # "06:01.2027": a dot read as a colon or a comma
        return f"{day['d']}.{day['m'] or day['m2']}.{day['y']}", True, specks
    sign = _AMOUNT_SIGN.match(text)
    if sign:
        return _AMOUNT_FIRST[sign.group(1)] + text[1:], True, specks
    dash = _CODE_DASH.match(text)
    if dash:
        return _CODE_DASH.sub(r"\1-", text), True, specks
    if _CODE_SECTION.match(text) and re.search(r"\d", text):
        fixed = re.sub(r"(?<=\d)§|§(?=\d)", "5", text).replace("§", "S")
        return fixed, True, specks
    prefix = _PREFIX_ZERO.match(text)
    if prefix:
        return prefix.group(1).replace("0", "O") + text[prefix.end() :], True, specks
    vat = _VAT.match(text)
    if vat:
        return vat.group(1) + "0" + vat.group(3), True, specks
    if (
        _NUMBER_LIKE.match(text)
        and len(text) >= 3
        and sum(c.isdigit() for c in text) >= 2
        and 0 < sum(c in TO_DIGIT for c in text) < sum(c.isdigit() for c in text)
    ):
        return "".join(TO_DIGIT.get(c, c) for c in text), True, specks
    fixed = _BETWEEN_DIGITS.sub(lambda m: TO_DIGIT[m.group(1) or m.group(2)], text)
    return fixed, fixed != text, specks


# a code split after its letters: ``SAF`` and ``-7401-WH`` a hair apart
_CODE_HEAD = re.compile(r"^[A-Z]{2,5}$")
_CODE_TAIL = re.compile(r"^-\d[A-Z0-9-]*$")


def _joined_codes(words: list[Word]) -> list[Word]:
    out: list[Word] = []
    for word in words:
        if out:
            prev = out[-1]
            height = max(prev.bottom - prev.top, word.bottom - word.top, 1.0)
            overlap = min(prev.bottom, word.bottom) - max(prev.top, word.top)
            if (
                _CODE_HEAD.match(prev.text)
                and _CODE_TAIL.match(word.text)
                and 0 <= word.x0 - prev.x1 < 0.4 * height
                and overlap > 0.5 * height
            ):
                out[-1] = replace(
                    prev,
                    text=prev.text + word.text,
                    x1=word.x1,
                    top=min(prev.top, word.top),
                    bottom=max(prev.bottom, word.bottom),
                    confidence=min(prev.confidence, word.confidence, FIXED_CONFIDENCE),
                )
                continue
        out.append(word)
    return out


def fix_ocr_layout(layout: Layout) -> Layout:
    """The layout with the OCR words of its OCR pages fixed (see the module docstring)."""
    if not any(p.source == TextSource.OCR for p in layout.pages):
        return layout
    pages = []
    for page in layout.pages:
        if page.source != TextSource.OCR:
            pages.append(page)
            continue
        words: list[Word] = []
        changed = False
        for word in page.words:
            text, letters, specks = fix_word_text(word.text)
            if text != word.text and text:
                confidence = word.confidence
                if letters:
                    confidence = min(confidence, FIXED_CONFIDENCE)
                elif specks:
                    confidence = min(confidence, NOISY_CONFIDENCE)
                word = replace(word, text=text, confidence=confidence)
                changed = True
            words.append(word)
        joined = _joined_codes(words)
        changed = changed or len(joined) != len(words)
        pages.append(replace(page, words=tuple(joined)) if changed else page)
    return replace(layout, pages=tuple(pages))
