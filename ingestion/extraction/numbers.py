"""Numbers and currencies as people print them.

``1 234,56`` (FR), ``1.234,56`` (DE), ``1,234.56`` (EN), ``1'234.56`` (CH), ``1 234.56``; a
trailing minus (``12,00-``) or parentheses for negatives; currency symbols or ISO codes on
either side. A lone separator followed by exactly three digits (``1,234`` / ``1.234``) is
ambiguous: the document's decimal separator (:func:`detect_decimal_separator`) decides, and
:func:`number_candidates` gives both readings so arithmetic can choose.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

ISO_CURRENCIES = frozenset(
    "EUR USD GBP CHF CAD AUD NZD JPY CNY HKD SGD SEK NOK DKK PLN CZK HUF RON BGN HRK TRY INR "
    "ZAR BRL MXN AED SAR ILS KRW TWD THB MYR IDR PHP RUB UAH MAD TND XOF XAF".split()
)
# longest first so that "US$" wins over "$"
CURRENCY_SYMBOLS: tuple[tuple[str, str], ...] = (
    ("US$", "USD"),
    ("USD$", "USD"),
    ("CA$", "CAD"),
    ("C$", "CAD"),
    ("AU$", "AUD"),
    ("A$", "AUD"),
    ("NZ$", "NZD"),
    ("HK$", "HKD"),
    ("S$", "SGD"),
    ("SFr.", "CHF"),
    ("Fr.", "CHF"),
    ("€", "EUR"),
    ("£", "GBP"),
    ("$", "USD"),
    ("¥", "JPY"),
    ("₹", "INR"),
    ("zł", "PLN"),
    ("Kč", "CZK"),
)
CURRENCY_WORDS = {
    "euro": "EUR",
    "euros": "EUR",
    "dollar": "USD",
    "dollars": "USD",
    "pound": "GBP",
    "pounds": "GBP",
    "sterling": "GBP",
    "franken": "CHF",
    "francs suisses": "CHF",
}

_SPACES = "\u00a0\u202f\u2009\u2007 "
_GROUPING = _SPACES + "'’"
_NUMBER_BODY = re.compile(
    r"^\d{1,3}(?:[ \u00a0\u202f\u2009\u2007'’.,]\d{3})*(?:[.,]\d+)?$|^\d+(?:[.,]\d+)?$|^[.,]\d+$"
)
# three capitals are a currency only when they are an ISO code: "PVC-110" is an item code, not
# minus 110 in a currency called PVC
_ISO_ALTERNATION = "|".join(sorted(ISO_CURRENCIES))
_CURRENCY_STRIP = re.compile(
    r"^(?:US\$|USD\$|CA\$|C\$|AU\$|A\$|NZ\$|HK\$|S\$|SFr\.|Fr\.|[€£$¥₹]|zł|Kč"
    rf"|(?:{_ISO_ALTERNATION})(?=[\s\d.,-]))\s*"
    rf"|\s*(?:US\$|[€£$¥₹]|zł|Kč|{_ISO_ALTERNATION}|SFr\.|Fr\.)$"
)

# a number inside running text: digits with grouping and a decimal part, optionally signed
NUMBER_IN_TEXT = re.compile(
    r"(?<![\w.,/-])(?P<sign>[-+−])?"
    r"(?P<num>\d{1,3}(?:[\u00a0\u202f\u2009'’]\d{3})+(?:[.,]\d+)?"
    r"|\d{1,3}(?: \d{3})+[.,]\d{1,2}"
    r"|\d{1,3}(?:[.,]\d{3})+(?:[.,]\d+)?"
    r"|\d+(?:[.,]\d+)?)"
    r"(?!\w|[.,/-]\d)"
)


def _to_decimal(text: str) -> Decimal | None:
    try:
        value = Decimal(text)
    except InvalidOperation:
        return None
    if not value.is_finite():
        return None
    return value


def _strip(text: str) -> tuple[str, bool]:
    """Remove currency marks and signs; returns the bare number text and whether it is negative."""
    t = text.strip().replace("−", "-")
    negative = False
    if t.startswith("(") and t.endswith(")"):
        negative, t = True, t[1:-1].strip()
    for _ in range(2):
        t = _CURRENCY_STRIP.sub("", t).strip()
        if t.startswith("-"):
            negative, t = True, t[1:].strip()
        elif t.startswith("+"):
            t = t[1:].strip()
        if t.endswith("-"):
            negative, t = True, t[:-1].strip()
    return t, negative


_POINT_LOST = re.compile(r"\d{1,3}(?:\s\d{3})*\s\d{2}")


def number_candidates(text: str) -> list[Decimal]:
    """Every plausible reading of a printed number: one, or two when ``1,234``/``1.234`` is ambiguous."""
    body, negative = _strip(text)
    sign = -1 if negative else 1
    if body and _POINT_LOST.fullmatch(body):
        # "14 20", "1 113 60": no group of thousands ends in two digits; a scan lost the
        # decimal point and left its gap
        head, tail = body.rsplit(maxsplit=1)
        value = _to_decimal(f"{''.join(head.split())}.{tail}")
        return [sign * value] if value is not None else []
    if not body or not _NUMBER_BODY.match(body):
        return []
    for ch in _GROUPING:  # a space or an apostrophe only ever groups thousands
        body = body.replace(ch, "")
    has_dot, has_comma = "." in body, "," in body
    if has_dot and has_comma:
        decimal = "." if body.rfind(".") > body.rfind(",") else ","
        thousands = "," if decimal == "." else "."
        if body.count(decimal) > 1:
            return []
        value = _to_decimal(body.replace(thousands, "").replace(decimal, "."))
        return [sign * value] if value is not None else []
    sep = "." if has_dot else "," if has_comma else None
    if sep is None:
        value = _to_decimal(body)
        return [sign * value] if value is not None else []
    parts = body.split(sep)
    if len(parts) > 2:  # 1.234.567 or 1,234,567
        if all(len(p) == 3 for p in parts[1:]):
            value = _to_decimal("".join(parts))
            return [sign * value] if value is not None else []
        return []
    head, tail = parts
    as_decimal = _to_decimal(f"{head or '0'}.{tail}")
    if len(tail) == 3 and head not in ("", "0") and len(head) <= 3:
        as_thousands = _to_decimal(head + tail)
        return [sign * v for v in (as_thousands, as_decimal) if v is not None]
    return [sign * as_decimal] if as_decimal is not None else []


def parse_number(text: str, *, decimal_sep: str | None = None) -> Decimal | None:
    """The number printed in ``text`` (currency marks allowed), or None.

    ``decimal_sep`` ("." or ",") settles ``1,234`` vs ``1.234``; without it a lone separator
    before three digits is read as a thousands separator.
    """
    candidates = number_candidates(text)
    if not candidates:
        return None
    if len(candidates) == 2 and decimal_sep:
        body, _ = _strip(text)
        sep = "." if "." in body else ","
        return candidates[1] if sep == decimal_sep else candidates[0]
    return candidates[0]


def is_ambiguous(text: str) -> bool:
    return len(number_candidates(text)) > 1


def detect_decimal_separator(texts: Iterable[str], *, strict: bool = False) -> str | None:
    """The document's decimal separator, from numbers that can only be read one way.

    ``strict``: only from amounts (two decimals or both separators), when at least three agree
    and hardly any (one in ten) disagrees."""
    votes: Counter[str] = Counter()
    for text in texts:
        for m in NUMBER_IN_TEXT.finditer(text):
            num = m.group("num")
            if re.fullmatch(r"\d{1,2}\.\d{1,2}", num) and text[m.end() : m.end() + 1] == ".":
                continue  # "bis Freitag, den 20.11.": a day and a month, not a decimal
            if "." in num and "," in num:
                votes["." if num.rfind(".") > num.rfind(",") else ","] += 2
            elif re.search(r"[.,]\d{2}$" if strict else r"[.,]\d{1,2}$", num):
                votes[num[-3] if num[-3] in ".," else num[-2]] += 1
            elif re.search(r"[.,]\d{3}[.,]\d{3}", num):
                votes["," if "." in num else "."] += 1
    if not votes:
        return None
    (best, count), *rest = votes.most_common()
    if strict:
        return best if count >= 3 and (not rest or rest[0][1] * 10 <= count) else None
    if rest and rest[0][1] * 3 > count:
        return None
    return best


# "EUR pallet", "EUR-Palette", "EUR 1 pallet": the Euro-pallet, not the currency
_EURO_PALLET = re.compile(r"[\s-]*(?:\d\s+)?(?:pal(?:let|ette)s?|paletten)\b", re.IGNORECASE)
# "sterling silver", "argent sterling": a metal, not pounds
_STERLING_SILVER = re.compile(r"\s*(?:silver|argent|silber)\b", re.IGNORECASE)


def find_currencies(text: str) -> list[str]:
    """ISO codes of every currency mark in ``text`` (symbols, codes, words), in order."""
    found: list[tuple[int, str]] = []
    # a code inside an article number ("PAL-EUR-NEW") is no currency mark
    for m in re.finditer(
        r"(?<![A-Za-z])(?<![A-Za-z0-9]-)([A-Z]{3})(?![A-Za-z])(?!-[A-Za-z0-9])", text
    ):
        if m.group(1) in ISO_CURRENCIES and not _EURO_PALLET.match(text, m.end()):
            found.append((m.start(), m.group(1)))
    taken = [False] * (len(text) + 1)
    for symbol, code in CURRENCY_SYMBOLS:
        start = 0
        while (i := text.find(symbol, start)) >= 0:
            start = i + len(symbol)
            if any(taken[i : i + len(symbol)]):
                continue
            if len(symbol) == 1 and re.match(r"[A-Za-z]{2}", text[i + 1 : i + 3]):
                continue  # "¥IX-1212": a scanned letter of a word, not a currency
            if symbol in ("Fr.", "zł", "Kč") and not re.search(
                r"\d", text[max(0, i - 12) : i + 14]
            ):
                continue
            for k in range(i, i + len(symbol)):
                taken[k] = True
            found.append((i, code))
    lowered = text.lower()
    for word, code in CURRENCY_WORDS.items():
        for m in re.finditer(rf"\b{word}\b", lowered):
            if _EURO_PALLET.match(lowered, m.end()):  # "used euro pallets"
                continue
            if word == "sterling" and (
                _STERLING_SILVER.match(lowered, m.end())
                or re.search(r"(?:argent|silver|silber)\s*$", lowered[: m.start()])
            ):
                continue
            found.append((m.start(), code))
    found.sort()
    return [code for _, code in found]


def find_numbers(text: str) -> list[tuple[int, int, str]]:
    """(start, end, printed text) of every number in running text."""
    out = []
    for m in NUMBER_IN_TEXT.finditer(text):
        start = m.start("sign") if m.group("sign") else m.start("num")
        out.append((start, m.end(), m.group(0)))
    return out


def quantize_money(value: Decimal) -> Decimal:
    """Drop meaningless trailing zeros (``62.00`` → ``62``) but keep the value exact."""
    normalized = value.normalize()
    if normalized == normalized.to_integral():
        return normalized.quantize(Decimal(1))
    return normalized
