"""Dates in every common printed form, English, French and German.

27/11/2026, 11/27/2026, 27.11.2026, 27-11-26, 2026-11-27, 20261127 (when asked), Nov 27, 2026,
27 novembre 2026, 1er décembre 2026, 27. November 2026, Freitag, 27. Nov. 2026, and weeks
("KW 49", "semaine 49", "week 49/2026") as the Monday of that ISO week.

Numeric day/month order: a part above 12 decides; otherwise the caller's ``dayfirst`` (see
:func:`detect_dayfirst` for a whole document) and the match is flagged ``ambiguous``.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    [
        "january jan janvier janv janv. januar jänner jaenner",
        "february feb fevrier février fevr févr fev fév februar",
        "march mar mars märz maerz marz mrz",
        "april apr avril avr",
        "may mai",
        "june jun juin juni",
        "july jul juillet juil juli",
        "august aug aout août",
        "september sep sept septembre",
        "october oct octobre oktober okt",
        "november nov novembre",
        "december dec decembre décembre dezember dez déc",
    ],
    start=1,
):
    for _name in _names.split():
        MONTHS[_name.rstrip(".")] = _number
        MONTHS["".join(c for c in unicodedata.normalize("NFKD", _name) if c.isascii())] = _number


def _fold(text: str) -> str:
    return "".join(
        c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)
    ).lower()


_MONTH_NAMES = sorted({_fold(m) for m in MONTHS} | set(MONTHS), key=len, reverse=True)
_MONTH_RE = "(?:" + "|".join(re.escape(m) for m in _MONTH_NAMES) + r")\.?"
_WEEKDAYS = (
    r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|"
    r"montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|mon|tue|wed|thu|fri|sat|sun|"
    r"lun|mar|mer|jeu|ven|sam|dim|mo|di|mi|do|fr|sa|so)\.?,?\s+"
)

_ISO = re.compile(r"(?<![\d.])(?P<y>(?:19|20)\d{2})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})(?![\d])")
_NUMERIC = re.compile(
    # (a scan's speck before it, ".23.11.2026", is no digit)
    r"(?<![\d,/-])(?<![\d.,]\.)(?<!\d\.)(?P<a>\d{1,2})\s?(?P<s>[./-])\s?(?P<b>\d{1,2})\s?(?P=s)\s?(?P<y>(?:19|20)\d{2}|\d{2})(?![\d]|[.,]\d)"
)
# "bis 25. November 50 Stück": a count after the month, not the year '50
_COUNT_AFTER = (
    r"(?:x|stk|st[üu]ck|pcs?|pieces?|pi[eè]ces?|m|kg|ea|units?|rolls?|ringe?|cartons?|box(?:es)?|"
    r"bo[iî]tes?|packs?|packungen?|paquets?|sets?|sacs?|bags?|l)\b"
)
_DAY_MONTH = re.compile(
    rf"(?<![\w])(?P<d>\d{{1,2}})(?:er|st|nd|rd|th|\.)?\s*(?:de\s+|of\s+|-|/)?\s*(?P<mon>{_MONTH_RE})(?:\s*(?:de\s+|-|/)?\s*(?P<y>(?:19|20)\d{{2}}|'?\d{{2}}(?!\s*(?:h|:|\d|{_COUNT_AFTER}))))?(?![\w])",
    re.IGNORECASE,
)
# "14-18 December", "du 14 au 18 décembre", "14. bis 18. Dezember": a window, read from its start
_RANGE_START = re.compile(
    r"(?<![\w.,/])(?P<d>\d{1,2})(?:\.|er|st|nd|rd|th)?\s*(?:-|–|—|to|au|bis|till|until|a)\s*$"
)
_MONTH_DAY = re.compile(
    rf"(?<![\w])(?P<mon>{_MONTH_RE})\s*(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?:\s*,?\s*(?P<y>(?:19|20)\d{{2}}))?(?![\w])",
    re.IGNORECASE,
)
_WEEK = re.compile(
    r"(?<![\w])(?:kw|cw|wk|week|semaine|sem\.?|woche|kalenderwoche|calendar\s+week|s\.)\s*[.:#-]?\s*(?P<w>\d{1,2})"
    r"(?:\s*(?:/|-|\.|,|\s)\s*(?P<y>(?:19|20)\d{2}|\d{2})(?![.,/-]?\d))?(?![\d])"
    # (not the cents of an amount before it: "194,88 KW 2/2027")
    r"|(?<![\w.,])(?P<w2>\d{1,2})\.?\s*(?:kw|woche|kalenderwoche)(?:\s*(?P<y2>(?:19|20)\d{2}))?(?![\w])"
    # a French ERP's "S49/2026", "S02-2027": the week with its year (an "S49" alone may be a
    # size)
    r"|(?<![\w])s(?P<w3>\d{1,2})\s?[/-]\s?(?P<y3>(?:19|20)\d{2})(?![\w-])",
    re.IGNORECASE,
)
# "bis Ende KW 51", "end of week 51", "fin de semaine 51": the week's last working day
_WEEK_END_BEFORE = re.compile(
    r"(?i)(?:\bende(?:\s+der)?|\bend\s+of(?:\s+the)?|\bfin(?:\s+de(?:\s+la)?)?)\s*$"
)
# "Freitag der KW 51", "vendredi de la semaine 51", "Friday of week 51": a day of that week
_DAY_OF_THE_WEEK = re.compile(
    r"(?i)\b(?P<day>montag|dienstag|mittwoch|donnerstag|freitag|samstag|lundi|mardi|mercredi|"
    r"jeudi|vendredi|samedi|monday|tuesday|wednesday|thursday|friday|saturday)"
    r"\s+(?:der|in\s+der|de\s+la|of(?:\s+the)?|in)\s*$"
)
_DAY_INDEX = {
    **dict.fromkeys(("mo", "lu"), 0),
    **dict.fromkeys(("di", "ma", "tu"), 1),
    **dict.fromkeys(("mi", "me", "we"), 2),
    **dict.fromkeys(("do", "je", "th"), 3),
    **dict.fromkeys(("fr", "ve"), 4),
    **dict.fromkeys(("sa",), 5),
}
_NUMERIC_NO_YEAR = re.compile(
    r"(?<![\w.,/-])(?P<a>\d{1,2})(?P<s>[./])(?P<b>\d{1,2})(?P=s)?(?![\w]|[.,/-]\d)"
)
_COMPACT = re.compile(r"(?<!\d)(?P<y>20\d{2})(?P<m>[01]\d)(?P<d>[0-3]\d)(?!\d)")


def _inside_a_code(text: str, m: re.Match) -> bool:
    """Letters glued to both ends of a numeric date ("CT3-12-24DC"): part of a code. (Glued on
    one side only, "livraison27-10-2026", is a date a PDF printed without its space.)"""
    before = text[m.start() - 1] if m.start() else ""
    after = text[m.end()] if m.end() < len(text) else ""
    return before.isalpha() and after.isalpha()


@dataclass(frozen=True, slots=True)
class DateMatch:
    start: int
    end: int
    value: dt.date
    ambiguous: bool  # day and month could be swapped
    kind: str  # iso, numeric, named, week, partial
    text: str


def _year(text: str | None, default_year: int | None) -> int | None:
    if text is None:
        return default_year
    text = text.lstrip("'")
    year = int(text)
    if len(text) == 2:
        year += 2000 if year < 70 else 1900
    return year


def _make(year: int | None, month: int, day: int) -> dt.date | None:
    if year is None:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def swapped_day_month(day: dt.date) -> dt.date | None:
    """The same numbers read the other way round: 12 March for 3 December (None if no date)."""
    try:
        return dt.date(day.year, day.day, day.month)
    except ValueError:
        return None


def week_monday(year: int, week: int) -> dt.date | None:
    """Monday of ISO week ``week`` of ``year``."""
    try:
        return dt.date.fromisocalendar(year, week, 1)
    except ValueError:
        return None


def a_year_later(value: dt.date, kind: str = "") -> dt.date | None:
    """The same day a year later; for a week ("semaine 2" written in December) the same day of
    the same week of the next year, which is not the same date."""
    try:
        if kind == "week":
            iso = value.isocalendar()
            return dt.date.fromisocalendar(iso.year + 1, iso.week, iso.weekday)
        return value.replace(year=value.year + 1)
    except ValueError:
        return None


def _numeric(
    a: int, b: int, year: int | None, dayfirst: bool | None
) -> tuple[dt.date | None, bool]:
    day_month = _make(year, b, a)
    month_day = _make(year, a, b)
    if day_month and month_day and day_month != month_day:
        return (day_month if dayfirst is not False else month_day), True
    return day_month or month_day, False


def find_dates(
    text: str,
    *,
    dayfirst: bool | None = None,
    default_year: int | None = None,
    allow_compact: bool = False,
    allow_partial: bool = False,
) -> list[DateMatch]:
    """Every date printed in ``text``, left to right, overlapping readings removed.

    ``dayfirst`` is the reading of an ambiguous 03/04/2026 (None: day first). ``default_year``
    completes dates printed without a year ("27 Nov", "KW 49") and, with ``allow_partial``,
    numeric ones ("27/11").
    """
    folded = _fold(text)
    if len(folded) != len(text):  # folding changed lengths (rare ligatures): work on the original
        folded = text.lower()
    found: list[DateMatch] = []

    def add(m: re.Match, value: dt.date | None, ambiguous: bool, kind: str) -> None:
        if value is not None and 1900 <= value.year <= 2100:
            found.append(
                DateMatch(m.start(), m.end(), value, ambiguous, kind, text[m.start() : m.end()])
            )

    for m in _ISO.finditer(folded):
        add(m, _make(int(m["y"]), int(m["m"]), int(m["d"])), False, "iso")
    for m in _NUMERIC.finditer(folded):
        if _inside_a_code(folded, m):
            continue  # "CT3-12-24DC" is an article, not 3 December 2024
        a, b = int(m["a"]), int(m["b"])
        sep_dayfirst = True if m["s"] == "." else dayfirst
        value, ambiguous = _numeric(a, b, _year(m["y"], None), sep_dayfirst)
        add(m, value, ambiguous and m["s"] != ".", "numeric")
    for m in _DAY_MONTH.finditer(folded):
        month = MONTHS.get(m["mon"].rstrip(".")) or MONTHS.get(_fold(m["mon"].rstrip(".")))
        if not month:
            continue
        day, start = int(m["d"]), m.start()
        window = _RANGE_START.search(folded, max(0, start - 12), start)
        if window and 0 < day - int(window["d"]) <= 14:  # a window is days, not weeks
            day, start = int(window["d"]), window.start()
        value = _make(_year(m["y"], default_year), month, day)
        if value is not None and 1900 <= value.year <= 2100:
            found.append(DateMatch(start, m.end(), value, False, "named", text[start : m.end()]))
    for m in _MONTH_DAY.finditer(folded):
        month = MONTHS.get(m["mon"].rstrip(".")) or MONTHS.get(_fold(m["mon"].rstrip(".")))
        # "mar 3" is Tuesday in French and March in English: that one needs a year, an
        # ordinal ("Mar 3rd") or the full month name
        ordinal = re.search(r"\d(?:st|nd|rd|th)$", m.group(0))
        if month and (m["y"] or ordinal or m["mon"].rstrip(".") != "mar"):
            add(m, _make(_year(m["y"], default_year), month, int(m["d"])), False, "named")
    for m in _WEEK.finditer(folded):
        if m.group(0).lower().startswith("s.") and m["y"] and len(m["y"]) == 2:
            continue  # "S. 01/61": a fax's page (Seite) of its pages, no week of 2061
        week = int(m["w"] or m["w2"] or m["w3"])
        year = _year(m["y"] or m["y2"] or m["y3"], default_year)
        if year and 1 <= week <= 53:
            monday = week_monday(year, week)
            before = folded[max(0, m.start() - 24) : m.start()]
            named = _DAY_OF_THE_WEEK.search(before)
            if monday and named:
                # "Freitag der KW 51", "le vendredi de la semaine 51": that day of the week
                monday += dt.timedelta(days=_DAY_INDEX[named["day"][:2]])
            elif monday and _WEEK_END_BEFORE.search(before):
                monday += dt.timedelta(days=4)  # "bis Ende KW 51": that week's Friday
            add(m, monday, False, "week")
    if allow_compact:
        for m in _COMPACT.finditer(folded):
            add(m, _make(int(m["y"]), int(m["m"]), int(m["d"])), False, "iso")
    if allow_partial and default_year:
        for m in _NUMERIC_NO_YEAR.finditer(folded):
            a, b = int(m["a"]), int(m["b"])
            if m["s"] == "." and not (1 <= b <= 12):
                continue
            value, ambiguous = _numeric(a, b, default_year, True if m["s"] == "." else dayfirst)
            add(m, value, ambiguous and m["s"] != ".", "partial")
    # keep the longest reading where matches overlap
    found.sort(key=lambda d: (d.start, -(d.end - d.start)))
    out: list[DateMatch] = []
    for d in found:
        if out and d.start < out[-1].end:
            if (d.end - d.start) > (out[-1].end - out[-1].start):
                out[-1] = d
            continue
        out.append(d)
    return out


def parse_date(
    text: str, *, dayfirst: bool | None = None, default_year: int | None = None
) -> dt.date | None:
    """The first date in ``text`` (also compact 20261127 and, with a default year, 27/11)."""
    matches = find_dates(
        text, dayfirst=dayfirst, default_year=default_year, allow_compact=True, allow_partial=True
    )
    return matches[0].value if matches else None


DECLARED_ORDER = re.compile(
    r"(?i)(?<![\w/.-])(?:(?P<day>dd|tt|jj)[/.-]mm|mm[/.-](?:dd|tt|jj))[/.-](?:yyyy|yy|jjjj|jj|aaaa|aa)(?![\w/.-])"
)


def detect_dayfirst(
    texts: Iterable[str], *, language: str | None = None, currency: str | None = None
) -> bool | None:
    """Whether numeric dates of a document are day-first.

    Unambiguous dates of the same document decide (13/11 → day first, 11/13 → month first);
    then a dot separator (always day first), the language (fr/de day first) and the currency
    (USD month first). None when nothing tells.
    """
    day_votes = month_votes = 0
    dotted = slashed = 0
    texts = list(texts)
    for text in texts:
        # the document says how it writes dates ("All dates MM/DD/YYYY", "Datum (TT.MM.JJJJ)")
        declared = DECLARED_ORDER.search(text)
        if declared:
            return declared["day"] is not None
    for text in texts:
        for m in _NUMERIC.finditer(text):
            a, b = int(m["a"]), int(m["b"])
            if m["s"] == ".":
                dotted += 1
            else:
                slashed += 1
            if a > 12 >= b:
                day_votes += 1
            elif b > 12 >= a:
                month_votes += 1
    if day_votes != month_votes:
        return day_votes > month_votes
    if dotted and not slashed:
        return True
    if language in ("fr", "de"):
        return True
    if currency == "USD":
        return False
    if language == "en" and currency in ("EUR", "GBP", "CHF"):
        return True
    return None


# a week given by one of its days: "semaine du 14 décembre", "week commencing 14 Dec", "w/c 7th
# December", "Woche vom 14.12." (some day of that week, for a person to settle)
WEEK_OF = re.compile(
    r"(?i)\b(?:(?:la\s+)?semaine\s+du|(?:the\s+)?week\s+(?:of|commencing|beginning|starting)|"
    r"w/c|(?:in\s+der\s+)?woche\s+(?:vom|ab))\s*$"
)
