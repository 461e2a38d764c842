"""Normalisation and similarity of names and product descriptions."""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from ingestion.matching.glossary import in_english
from ingestion.matching.masterdata import fold

_LEGAL = re.compile(
    r"\b(?:inc|incorporated|ltd|limited|llc|llp|plc|corp|corporation|co|company|gmbh|ag|kg|ohg|gbr|ug|mbh|"
    r"sa|sas|sasu|sarl|eurl|snc|sci|bv|nv|srl|spa|ab|as|oy|the|et|cie|und|co\.?kg|e\.?k)\b\.?"
)
_ABBREVIATIONS = {
    "pcs": "pc",
    "pce": "pc",
    "piece": "pc",
    "pieces": "pc",
    "stk": "pc",
    "stuck": "pc",
    "blk": "black",
    "wht": "white",
    "asst": "assorted",
    "qty": "",
    "w/": "with",
    "approx": "",
    "ca": "",
}
_COLOURS = {
    "black": "black",
    "noir": "black",
    "noire": "black",
    "schwarz": "black",
    "white": "white",
    "blanc": "white",
    "blanche": "white",
    "weiss": "white",
    "weiß": "white",
    "red": "red",
    "rouge": "red",
    "rot": "red",
    "blue": "blue",
    "bleu": "blue",
    "blau": "blue",
    "green": "green",
    "vert": "green",
    "verte": "green",
    "grun": "green",
    "yellow": "yellow",
    "jaune": "yellow",
    "gelb": "yellow",
    "brown": "brown",
    "brun": "brown",
    "havane": "brown",
    "braun": "brown",
    "clear": "clear",
    "transparent": "clear",
    "transparente": "clear",
    "grey": "grey",
    "gray": "grey",
    "gris": "grey",
    "grau": "grey",
    "orange": "orange",
    "silver": "silver",
    "argent": "silver",
    "silber": "silver",
}


def norm_name(text: str) -> str:
    t = fold(text)
    t = t.replace("&", " ")
    t = _LEGAL.sub(" ", t)
    t = re.sub(r"[^a-z0-9]+", " ", t)
    return " ".join(t.split())


def norm_description(text: str) -> str:
    t = fold(text)
    t = t.replace("µ", "u").replace("²", "2").replace("³", "3")
    t = re.sub(r"(?<=\d),(?=\d)", ".", t)  # 0,5 → 0.5
    t = re.sub(r"(?<=\d)\s*[x×*]\s*(?=\d)", " x ", t)  # 400x300 → 400 x 300
    t = re.sub(r"(?<=\d)(?=[a-z])", " ", t)  # 50mm → 50 mm
    t = re.sub(r"[^a-z0-9.%]+", " ", t)
    t = re.sub(r"(?<![0-9])\.|\.(?![0-9])", " ", t)
    t = re.sub(r"\bhi ?vis\b", "high visibility", t)  # "hi-vis vest" (not the French "vis")
    words = []
    for w in t.split():
        w = in_english(_ABBREVIATIONS.get(w, w))  # "gants jetables" → "gloves disposable"
        for part in w.split():
            # one word for one and many: "screws" and "vis" → "screw" meet
            if len(part) > 3 and part.endswith("s") and not part.endswith("ss") and part.isalpha():
                part = part[:-1]
            words.append(part)
    return " ".join(words)


def _numbers(text: str) -> set[str]:
    """The sizes written in a description, not its pack count ("box of 200")."""
    words = text.split()
    return {
        w
        for i, w in enumerate(words)
        if re.fullmatch(r"\d+(?:\.\d+)?", w)
        and not (i and words[i - 1] in ("of", "per", "par", "je"))
    }


def _marks(text: str) -> set[str]:
    """Words of letters and digits: a model ("Sub1"), a drive type ("TX25")."""
    return {
        w
        for w in text.split()
        if re.search(r"\d", w)
        and re.search(r"[a-z]", w)
        and not re.fullmatch(r"(?:mm|cm|m|dm)[23]", w)  # mm², a unit
    }


_SIZE_LETTERS = {"xs", "s", "m", "l", "xl", "xxl", "xxxl", "2xl", "3xl"}


def _sizes(text: str) -> set[str]:
    """Garment sizes: "size L", "taille M", "Gr. XL"."""
    words = text.split()
    return {
        w
        for i, w in enumerate(words)
        if w in _SIZE_LETTERS
        and i
        and words[i - 1] in ("size", "taille", "gr", "grosse", "groesse")
    }


def _colours(text: str) -> set[str]:
    return {_COLOURS[w] for w in text.split() if w in _COLOURS}


def description_similarity(query: str, candidate: str, **_kwargs) -> float:
    """0–100: fuzzy similarity of two normalised descriptions, with sizes and colours that
    must agree (a 48 mm tape is not a 50 mm tape, a black marker is not a green one)."""
    if not query or not candidate:
        return 0.0
    score = max(
        fuzz.token_sort_ratio(query, candidate), 0.96 * fuzz.token_set_ratio(query, candidate)
    )
    qn, cn = _numbers(query), _numbers(candidate)
    qm = _marks(query)
    if qm:  # marks weigh when the query writes some ("Sub1"), not when it leaves them out
        qn, cn = qn | qm, cn | _marks(candidate)
    if qn and cn and qn != cn:
        # sizes of the product the query lacks weigh more than stray numbers in the query;
        # a query that only leaves some out ("MCB 1P B16" of "MCB 1P B16 6kA") conflicts less
        missing = (len(cn - qn) + 0.3 * len(qn - cn)) / max(len(qn | cn), 1)
        weight = 0.35 if qn - cn else 0.15
        score *= 1 - weight * min(1.0, missing * 2)
    qc, cc = _colours(query), _colours(candidate)
    if qc and cc and qc != cc:
        score *= 0.8
    qs, cs = _sizes(query), _sizes(candidate)
    if qs and cs and qs != cs:
        score *= 0.8  # gloves size L are not gloves size M
    return score


def name_similarity(a: str, b: str, **_kwargs) -> float:
    if not a or not b:
        return 0.0
    return max(
        fuzz.token_sort_ratio(a, b),
        0.95 * fuzz.token_set_ratio(a, b) if min(len(a), len(b)) >= 6 else 0,
    )
