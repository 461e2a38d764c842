"""Counts written in words, as a buyer dictates an order: "septante-deux bouteilles",
"quatre-vingt-seize", "zweiundsiebzig Flaschen", "twenty-four cases".

French (with the Belgian and Swiss "septante", "huitante", "nonante"), German and English,
from 2 to 999. "un", "ein", "one" stay words: "un carton" is read where its unit is (see
``freetext._ONE``), and a lone "a" or "one" means too many other things.
"""

from __future__ import annotations

import re

from ingestion.extraction.geometry import fold

_FRENCH_UNITS = {
    "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7,
    "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14,
    "quinze": 15, "seize": 16,
}  # fmt: skip
_FRENCH_TENS = {
    "vingt": 20, "vingts": 20, "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60,
    "septante": 70, "huitante": 80, "octante": 80, "nonante": 90,
}  # fmt: skip
_ENGLISH_UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_ENGLISH_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
_GERMAN_UNITS = {
    "ein": 1, "eins": 1, "zwei": 2, "drei": 3, "vier": 4, "funf": 5, "sechs": 6, "sieben": 7,
    "acht": 8, "neun": 9, "zehn": 10, "elf": 11, "zwolf": 12, "dreizehn": 13, "vierzehn": 14,
    "funfzehn": 15, "sechzehn": 16, "siebzehn": 17, "achtzehn": 18, "neunzehn": 19,
}  # fmt: skip
_GERMAN_TENS = {
    "zwanzig": 20, "dreissig": 30, "dreiig": 30, "vierzig": 40, "funfzig": 50, "sechzig": 60,
    "siebzig": 70, "achtzig": 80, "neunzig": 90,
}  # fmt: skip

_WORDS = {**_FRENCH_UNITS, **_FRENCH_TENS, **_ENGLISH_UNITS, **_ENGLISH_TENS, "cent": 100}
_WORDS |= {"cents": 100, "hundred": 100, "and": 0, "et": 0}
_GERMAN = re.compile(
    rf"^(?:(?P<unit>{'|'.join(sorted(_GERMAN_UNITS, key=len, reverse=True))})"
    rf"(?:und(?P<tens>{'|'.join(_GERMAN_TENS)}))?|(?P<alone>{'|'.join(_GERMAN_TENS)}))$"
)
# a phrase of number words at the start of an item: "septante-deux", "quatre-vingt-seize",
# "vingt et un", "twenty-four", "zweiundsiebzig"
_PHRASE = re.compile(
    r"^(?P<phrase>[a-zà-ÿß]+(?:(?:-|\s+(?:et|and)\s+|\s+)[a-zà-ÿß]+){0,4})\s+(?=\S)"
)


def value_of(words: str) -> int | None:
    """The number the words say, or None when they are not all number words."""
    text = fold(words).replace("ß", "ss")
    german = _GERMAN.match(text.replace(" ", ""))
    if german:
        if german["alone"]:
            return _GERMAN_TENS[german["alone"]]
        return _GERMAN_UNITS[german["unit"]] + (
            _GERMAN_TENS[german["tens"]] if german["tens"] else 0
        )
    tokens = [t for t in re.split(r"[-\s]+", text) if t]
    if not tokens or any(t not in _WORDS for t in tokens):
        return None
    total, i = 0, 0
    while i < len(tokens):
        token = tokens[i]
        if token == "quatre" and i + 1 < len(tokens) and tokens[i + 1] in ("vingt", "vingts"):
            total += 80  # "quatre-vingt-seize": 80 + 16
            i += 2
            continue
        if token in ("cent", "cents", "hundred"):
            total = max(total, 1) * 100
        else:
            total += _WORDS[token]
        i += 1
    return total or None


def leading_count(text: str) -> tuple[int, int] | None:
    """(count, length of its words) of number words opening ``text``, 2 or more: "septante-deux
    bouteilles de …" is (72, 13)."""
    m = _PHRASE.match(fold(text).replace("ß", "ss"))
    if not m:
        return None
    words = m["phrase"].split()
    # the longest run of the opening words that is a number
    for n in range(len(words), 0, -1):
        phrase = " ".join(words[:n])
        value = value_of(phrase)
        if value is not None:
            if value < 2:
                return None
            end = re.match(rf"\s*(?:\S+\s+){{{n - 1}}}\S+", text)
            return value, end.end()
    return None


_VOCABULARY = sorted(
    {w for w in _WORDS if w not in ("and", "et", "un", "une", "one")}
    | set(_GERMAN_UNITS)
    | set(_GERMAN_TENS)
    | {"zwolf", "zwölf", "fünf", "fünfzehn", "fünfzig", "dreißig"},
    key=len,
    reverse=True,
)
_WORD = "|".join(_VOCABULARY)
# a count in words anywhere before what it counts: "il nous faudrait dix cartons", "plus deux
# cartons", "soixante bouteilles", "vingt-quatre bouteilles", "vingt et une bouteilles"
_COUNT_PHRASE = re.compile(
    rf"(?<![\w-])(?P<phrase>(?:{_WORD})(?:(?:-|\s+et\s+|\s+and\s+|\s+)(?:{_WORD}|une?|one))*)"
    r"(?=\s+(?P<what>[^\W\d_][\w-]*))",
    re.IGNORECASE,
)


def counts_before(text: str, counted: re.Pattern) -> str:
    """``text`` with each count in words that ``counted`` (a pattern of units and containers)
    follows written in figures: "dix cartons de crémant" is "10 cartons de crémant"."""

    def figures(m: re.Match) -> str:
        if not counted.match(m["what"]):
            return m.group(0)
        value = value_of(m["phrase"])
        return str(value) if value is not None and value >= 2 else m.group(0)

    return _COUNT_PHRASE.sub(figures, text)


# (a scan's brackets may be gone: "ten 10")
_RESTATED = re.compile(r"\(?\s*(\d{1,5})\s*\)?")


def counts_restated(layout):
    """The layout with each count written in words and again in figures ("ten (10)", "zwei
    (2)") as the figure alone, where the words stood: a table's quantity column reads it."""
    from dataclasses import replace

    pages = []
    changed_any = False
    for page in layout.pages:
        words = list(page.words)
        out = []
        changed = False
        i = 0
        while i < len(words):
            done = False
            for n in (3, 2, 1):
                if i + n >= len(words):
                    continue
                run, figure = words[i : i + n], words[i + n]
                m = _RESTATED.fullmatch(figure.text)
                if not m or any(
                    abs(w.top - figure.top) > 0.5 * max(figure.bottom - figure.top, 1) for w in run
                ):
                    continue
                value = value_of(" ".join(w.text for w in run))
                if value is None or value != int(m[1]):
                    continue
                out.append(replace(figure, text=m[1], x0=run[0].x0))
                i += n + 1
                changed = done = True
                break
            if not done:
                out.append(words[i])
                i += 1
        if changed:
            changed_any = True
            page = replace(page, words=tuple(out))
        pages.append(page)
    return replace(layout, pages=tuple(pages)) if changed_any else layout
