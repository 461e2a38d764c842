"""Normalisation and similarity of names and product descriptions."""

from __future__ import annotations

import functools
import math
import os
import re
from decimal import Decimal

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
    "transp": "transparent",
    "etiq": "label",
    "therm": "thermal",
    "ca": "",
    "prs": "pair",
    "earplug": "ear plug",
    "earplugs": "ear plug",
    # the timber trade's short names, as catalogues print them
    "konstruktionsvollholz": "kvh",
    "brettschichtholz": "bsh",
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


# a size in metres or centimetres is the same size in millimetres ("1,50 m" = "1500 mm")
_TO_MM = {"m": Decimal(1000), "cm": Decimal(10), "mm": Decimal(1)}
# volumes and weights in one unit each: "1 L" of our "1000 ml", "0,5 kg" of our "500 g"
_TO_BASE = {
    **{unit: (factor, "mm") for unit, factor in _TO_MM.items()},
    "l": (Decimal(1000), "ml"),
    "dl": (Decimal(100), "ml"),
    "cl": (Decimal(10), "ml"),
    "ml": (Decimal(1), "ml"),
    "kg": (Decimal(1000), "g"),
    "g": (Decimal(1), "g"),
    "tonne": (Decimal(1_000_000), "g"),
    "tonnes": (Decimal(1_000_000), "g"),
}
_UNITS = {
    "u": "um",
    "um": "um",
    "my": "um",
    "mu": "um",
    "mic": "um",
    "micron": "um",
    "microns": "um",
    "ul": "ul",
    "ltr": "l",
    "liter": "l",
    "litre": "l",
    "liters": "l",
    "litres": "l",
}
# a count of what the pack holds follows these ("box of 100", "carton de 36", "Box à 280")
_COUNT_WORDS = {"of", "per", "par", "je", "de", "a", "pro"}
_SIZE_UNITS = {"mm", "um", "ul", "ml", "l", "g", "kg", "mm2", "mm3", "%"}
_WALLS = {"1": "single", "2": "double", "3": "triple"}

# Trade names of several words, and their short forms, in one word each: an electrician writes
# "Disj. Ph+N C16", "LS-Schalter B16" or "FI 4-polig 40A/30mA" for the catalogue's "Miniature
# circuit breaker 1P+N C16A" and "Residual current device 4P 40A 30mA" (applied to folded
# text, punctuation already spaces).
_PHRASES = [
    (re.compile(p), w)
    for p, w in (
        (r"\b(?:miniature )?circuit breakers?\b|\bdisj(?:oncteurs?)?\b|\bls schalter\b", "mcb"),
        (r"\bleitungsschutzschalter\b", "mcb"),
        # cable trays: "chemin de câble", "Gitterrinne", "Kabelrinne"
        (r"\bchemins? de cables?\b|\bkabelrinnen?\b|\bkabeltrassen?\b", "cable tray"),
        (r"\bgitterrinnen?\b|\bgitterkanal\b", "cable tray wire"),
        (r"\bfi ls\b|\bfi ls schalter\b", "rcbo"),  # German "FI/LS": a combined RCBO
        (r"\b(\d+) (?:hours?|heures?|stunden?|std)\b", r"\1 h"),  # "3-hour" is "3h"
        # French switch and socket words: "va-et-vient", "simple allumage", "2P+T" (terre)
        (r"\bva et vient\b", "2 way"),
        # a chemist's words: "pour analyse", "p.a." for an analytical reagent; formulas
        (r"\bpour analyse\b|\bp a\b", "ar"),
        (r"\bhcl\b", "hydrochloric acid"),
        (r"\bnaoh\b", "sodium hydroxide"),
        (r"\bnacl\b", "sodium chloride"),
        (r"\bmanchette longue\b", "extended cuff"),
        # a water heater's tank, not a ball; sewing thread, not an electrician's wire
        (r"\bballons? (?:d )?(?:eau chaude|ecs|thermodynamiques?|electriques?)\b", "water heater"),
        (r"\bfils? (?:a )?coudre\b", "sewing thread"),
        # a size by its number: "taille 3", "size 5", "Gr. 9" are the "T3", "T5", "T9" of ours
        (
            r"(?<![\d.] )\b(?:t|taille|size|gr|grosse|groesse)\s?(\d{1,2})\b(?! ?(?:mm|cm|m|kg|g|l|ml)\b)",
            r"size \1",
        ),
        # a dog's collar, not a cable tie ("collier nylon 4,8 x 200")
        (r"\bcolliers?\b(?=(?: \w+){0,3} (?:taille|chien|chat|chiot)\b)", "collar"),
        # workwear: the French navy, the pockets
        (r"\bbleu marine\b|\bmarine(?= (?:taille|size|t \d|pointure))", "navy"),
        (r"\bmulti ?poches?\b", "multi pocket"),
        # a size by its letters: "taille M", "T. L", "Gr. XL" (after the words that name
        # the goods by their size word) are "size m", "size l", "size xl"
        (r"(?<![\d.] )\b(?:t|taille|gr|grosse|groesse)\.?\s*(xs|s|m|l|xl|xxl|xxxl)\b", r"size \1"),
        (r"\bchlorure de (\w+)", r"\1 chloride"),
        (r"\bacide (\w+)", r"\1 acid"),
        (r"\bsimple allumage\b", "1 way"),
        (r"\b2 ?p t\b", "2p e"),
        (r"\bfil rigide\b", "single core cable"),
        (r"\bgaine icta\b", "flexible conduit icta"),
        (
            r"\bresidual current (?:device|circuit breaker)s?\b|\brccb\b|\binterrupteurs? "
            r"differentiels?\b|\bfi schalter\b|\bfehlerstromschutzschalter\b|\bfi(?= \d)",
            "rcd",
        ),
        (r"\b(?:1 ?p|ph) n\b", "1p n"),
        (r"\b([1-4]) ?(?:polig|poles?|pol|p)\b", r"\1p"),
        (r"\btyp\b", "type"),
        # a breaker's trip curve and rating: "C16", "courbe C 16 A", "B 10A"
        (r"\bcourbe ([bcd])\b", r"curve \1"),
        (r"\b(?:charakteristik|char) ([bcd])\b", r"curve \1"),
        (
            r"\b(mcb|rcbo)\b(.*?)(?<!curve )\b([bcd]) ?(\d{1,3})(?![.\d]| ?ka\b)(?: ?a)?\b",
            r"\1\2\4 a curve \3",
        ),
        (
            r"(?<!curve )\b([bcd]) ?(\d{1,3})(?![.\d]| ?ka\b)(?: ?a)?\b(.*?)\b(mcb|rcbo)\b",
            r"\2 a curve \1\3\4",
        ),
        # a fastener's DIN standard and its ISO successor name one part: "DIN 933" is "ISO 4017"
        (r"\bdin 933\b", "iso 4017"),
        (r"\bdin 931\b", "iso 4014"),
        (r"\bdin 934\b", "iso 4032"),
        (r"\bdin 125(?: a)?\b", "iso 7089"),
        (r"\bdin 912\b", "iso 4762"),
        (r"\bdin 7991\b", "iso 10642"),
        (r"\bdin 7985\b", "iso 7045"),
        (r"\bdin 963\b", "iso 2009"),
        (r"\bdin 976 1\b", "din 976"),
        # the trade's short names: "Vis CHC", "Vis FHC", "hexagon set screw", "through bolt"
        (r"\b6 ?kt\b", "hex"),
        (r"\bsw ?(\d+)\b", r"\1 mm"),  # a spanner's "Schlüsselweite": SW17 is 17 mm
        (r"\bchc\b", "socket head cap"),
        (r"\bfhc\b", "countersunk socket"),
        (r"\bhex(?:agon)? set(?: screw)?\b", "hex head screw"),
        (r"\bfull hex nut\b", "hex nut"),
        (r"\bthrough bolt\b", "wedge anchor"),
        (r"\bjobber drill\b", "drill bit"),
        (r"\bcoffret de douilles\b", "socket set"),
        (r"\btourne a gauche\b", "tap wrench"),
        (r"\barrache clou\b", "claw"),
        (r"\bfrein filet\b", "threadlocker"),
        # the cleaning cupboard's compounds: "essuie-mains", "essuie-tout", "lave-vaisselle"
        (r"\b(?:balais? )?essuie glaces?\b", "wiper blade"),  # no ice cream
        (r"\bessuie mains\b", "hand towel"),
        (r"\bessuie tout\b", "kitchen roll"),
        (r"\blave vaisselle\b", "dishwasher"),
        (r"\bsacs? poubelle\b", "bin bag"),
        (r"\bpost it\b", "sticky notes"),
        (r"\bbin (?:liners?|bags?|sacks?)\b|\bblack sacks?\b|\brefuse sacks?\b", "bin bag"),
        (r"\bhand towels?\b", "hand towel"),
        # the kitchen's compounds: "steak haché" is a burger patty, "H-Milch" UHT milk
        (r"\bsteaks? haches?\b", "burger patty"),
        (r"\bh milch\b", "uht milk"),
        (r"\bcreme liquide\b", "cream"),
        (r"\bfilm etirable alimentaire\b", "cling film"),
        (r"\blever arch files?\b", "binder"),
        (r"\bhole punch(?:es)?\b", "hole punch"),
    )
]


def _sizes_in_mm(words: list[str]) -> list[str]:
    out: list[str] = []
    for w in words:
        if out and re.fullmatch(r"\d+(?:\.\d+)?", out[-1]):
            w = _UNITS.get(w, w)
            if w in _TO_BASE:
                factor, base = _TO_BASE[w]
                # every number of a dimension takes its unit: "40 x 40 cm" is 400 x 400 mm
                k = len(out) - 1
                while True:
                    value = (Decimal(out[k]) * factor).normalize()
                    out[k] = format(value, "f")
                    if k >= 2 and out[k - 1] == "x" and re.fullmatch(r"\d+(?:\.\d+)?", out[k - 2]):
                        k -= 2
                        continue
                    break
                w = base
        out.append(w)
    return out


def norm_description(text: str) -> str:
    t = text.replace("ß", "ss").replace("µ", "u").replace("μ", "u")
    # ligatures no accent folding takes apart: "Œuf" is "oeuf", "Ærø" "aero"
    t = t.replace("œ", "oe").replace("Œ", "Oe").replace("æ", "ae").replace("Æ", "Ae")
    t = fold(t)
    # a garment size in brackets is no length: "taille 8 (M)" is not 8 metres
    t = re.sub(r"(?<=\s)\((xs|s|m|l|xl|xxl)\)", r" size \1 ", t)
    t = t.replace("²", "2").replace("³", "3")
    t = re.sub(r"(?<=\d),(?=\d)", ".", t)  # 0,5 → 0.5
    t = re.sub(r"(?<=\d)%", " %", t)  # "35%" is "35 %"
    t = re.sub(r"(?<![\d.])(\d+)\.0+(?![\d.])", r"\1", t)  # "Bohrer 8,0" is the 8 mm drill
    t = re.sub(r"(?<=\d)\s*[x×*]\s*(?=\d)", " x ", t)  # 400x300 → 400 x 300
    # a timber's section: "Konterlatten 27/60", "KVH 100/160" are 27 x 60, 100 x 160
    t = re.sub(r"(?<![\d/.,-])([1-9]\d{1,2})/([1-9]\d{1,2})(?![\d/-]|[.,]\d)", r"\1 x \2", t)
    # a cut list, "12 Stk. à 4.00 m": how the metres ordered come, not what the goods are
    t = re.sub(
        r"\b\d+\s*(?:stk|stuck|pcs|pc|pieces|pce|pces|st)\.?\s*(?:a|x|@|of|je|zu)\s*\d+(?:[.,]\d+)?\s*m\b",
        " ",
        t,
    )
    # how the buyer's packs come, "(8 boxes x 12 rolls)", "2 cartons de 6 flacons": no size
    t = re.sub(
        r"\b\d+\s*(?:box(?:es)?|cartons?|cases?|packs?|bags?|kartons?|boites?|colis)\s*"
        r"(?:x|of|de|a|je|zu)\s*\d+\s*(?:rolls?|rouleaux|rollen|pcs|pieces|stk|units?|tubes?|"
        r"bottles?|flacons?|flaschen|tins?|cans?|sachets?)\b",
        " ",
        t,
    )
    t = re.sub(r"(?<=\d)em(?=x|\b)", "cm", t)  # a scan's "8emx4m": the c read as an e
    t = re.sub(r"(?<=\d)\s*(mm|cm|m)\s*[x×*]\s*(?=\d)", r" \1 x ", t)  # 8cmx4m → 8 cm x 4m
    t = re.sub(r"\b([123])\s*-?\s*wellig", lambda m: _WALLS[m.group(1)] + " wall", t)
    t = re.sub(r"(?<=\d)(?=[a-z])", " ", t)  # 50mm → 50 mm
    # two letters or more glued to a number: "EN397" is "EN 397", "CP62" is "CP/62", "SNR37"
    # (not a thread's "M8", nor a size's "x40")
    t = re.sub(r"(?<=[a-z]{2})(?=\d)", " ", t)
    t = re.sub(r"[^a-z0-9.%]+", " ", t)
    t = re.sub(r"(?<![0-9])\.|\.(?![0-9])", " ", t)
    t = re.sub(r"\bhi ?vis\b", "high visibility", t)  # "hi-vis vest" (not the French "vis")
    for pattern, words in _PHRASES:
        t = pattern.sub(words, t)
    words = []
    for w in _sizes_in_mm(t.split()):
        w = in_english(_ABBREVIATIONS.get(w, w))  # "gants jetables" → "gloves disposable"
        for part in w.split():
            # one word for one and many: "screws" and "vis" → "screw" meet
            if len(part) > 3 and part.endswith("s") and not part.endswith("ss") and part.isalpha():
                part = part[:-2] if part.endswith("xes") else part[:-1]
            if words and part == words[-1] and part.isalpha():
                continue  # "Kantenschutzwinkel": "edge protector edge"
            words.append(part)
    # an abrasive's grit: "Körnung 120", "grain 120", "grit 120" are "P120"
    return re.sub(r"\bgrit (?:p )?(\d{2,4})\b", r"p\1", " ".join(words))


def _numbers(text: str) -> set[str]:
    """The sizes written in a description, not its pack count ("box of 200")."""
    return _counted(text)[0]


@functools.lru_cache(maxsize=16384)
def _counted(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """The sizes of a description, and its counts: "box of 200", "100 pc"."""
    # "250 x 200 x 150" is one size: a box 250 x 200 x 200 does not share two thirds of it
    # (nor is "70 mm x 27000 mm", each number with its unit)
    text = re.sub(r"\b(\d+(?:\.\d+)?) (mm|ml|g) x (?=\d+(?:\.\d+)? \2\b)", r"\1 x ", text)
    words = re.sub(r"\b(\d+(?:\.\d+)?)(?: x (?=\d))", r"\1x", text).split()
    sizes: set[str] = set()
    counts: set[str] = set()
    for i, w in enumerate(words):
        if not re.fullmatch(r"\d+(?:\.\d+)?(?:x\d+(?:\.\d+)?)*", w):
            continue
        after = words[i + 1] if i + 1 < len(words) else ""
        if after in _SIZE_UNITS:
            sizes.add(w + after)  # "10ul" is not "10" racks
        elif (i and words[i - 1] in _COUNT_WORDS) or after in ("pc", "pair", "sheet"):
            counts.add(w)
        else:
            sizes.add(w)
    return frozenset(sizes), frozenset(counts)


@functools.lru_cache(maxsize=16384)
def _marks(text: str) -> frozenset[str]:
    """Words of letters and digits: a model ("Sub1"), a drive type ("TX25")."""
    return frozenset(
        {
            w
            for w in text.split()
            if re.search(r"\d", w)
            and re.search(r"[a-z]", w)
            and not re.fullmatch(r"(?:mm|cm|m|dm)[23]", w)  # mm², a unit
        }
    )


_SIZE_LETTERS = {"xs", "s", "m", "l", "xl", "xxl", "xxxl", "2xl", "3xl"}
_SIZE_WORDS = {"small": "s", "medium": "m", "large": "l"}


@functools.lru_cache(maxsize=16384)
def garment_sizes(text: str) -> frozenset[str]:
    """Garment sizes: "size L", "taille M", "Gr. XL"."""
    words = [_SIZE_WORDS.get(w, w) for w in text.split()]
    return frozenset(
        {
            w
            for i, w in enumerate(words)
            if w in _SIZE_LETTERS
            and i
            # "T. L" and "T.M" (taille), "Gr. XL", "gloves in medium"
            and text.split()[i - 1] in ("size", "taille", "gr", "grosse", "groesse", "t", "in")
        }
    )


@functools.lru_cache(maxsize=16384)
def _colours(text: str) -> frozenset[str]:
    return frozenset(_COLOURS[w] for w in text.split() if w in _COLOURS)


# words that say nothing of the product, and units (the numbers before them say the size)
_STOP = set(
    """de du des la le les l d a au aux en et un une the an and of for with to on in our your
    pour avec sans sur die der das den dem des ein eine einen im und mit fur zu bis vom von
    per par je pro x same as usual one les meme format modele model ca approx please merci
    bitte wie immer unsere ihre votre notre nos vos jusqu qu width length thickness height
    diameter coloris colori""".split()
)
_UNIT_WORDS = {"mm", "cm", "m", "ml", "l", "um", "ul", "g", "kg", "mm2", "mm3", "pc", "%"}


def _content(text: str) -> list[str]:
    return [
        w
        for w in text.split()
        if w not in _STOP and w not in _UNIT_WORDS and not re.fullmatch(r"[\d.]+", w)
    ]


def _word_found(word: str, words: set[str]) -> float:
    """1 for a word of the other description; less for an abbreviation ("therm", "transp")
    or a spelling a letter off ("nitril", "filtre")."""
    if word in words:
        return 1.0
    if len(word) >= 3 and any(w.startswith(word) for w in words):
        return 0.9
    if len(word) >= 5:
        best = max((fuzz.ratio(word, w) for w in words if len(w) >= 4), default=0.0)
        if best >= 85:
            return 0.8
    if len(word) >= 6:
        # the same word in a neighbour language, as it is spelled there ("Kondolenzbücher" of
        # a "registre de condoléances", "Trokar" of a "trocart")
        mine = _skeleton(word)
        for w in words:
            if len(w) >= 6:
                theirs = _skeleton(w)
                shared = len(os.path.commonprefix([mine, theirs]))
                if shared >= 6 and shared >= 0.6 * min(len(mine), len(theirs)):
                    return 0.7
    return 0.0


@functools.lru_cache(maxsize=16384)
def _skeleton(word: str) -> str:
    """A word as its neighbours spell it: "k" and "c", "z" and "s", "ph" and "f", "y" and "i"
    alike, no letter doubled."""
    w = word.replace("ph", "f").replace("k", "c").replace("z", "s").replace("y", "i")
    return re.sub(r"(.)\1+", r"\1", w)


def _weight(word: str, vocabulary, products: int) -> float:
    """What a word says of the product: a word few products of the catalogue say ("foam",
    "dispenser") more than one most say ("box", "mm"); one none says ("l'ancien est cassé")
    little."""
    if vocabulary is None:
        return 1.0
    postings = vocabulary.get(word)
    if not postings:
        return 0.25
    products = max(products, len(postings))
    return min(1.0, 0.35 + math.log((products + 1) / (len(postings) + 1)) / math.log(products + 1))


def _shares(query: str, candidate: str, vocabulary=None, products: int = 0) -> tuple[float, float]:
    """How much of what the buyer wrote the catalogue's description says, in any order, and
    how much of the catalogue's description the buyer wrote ("strapping PP 12 mm" of
    "Feuillard polypropylène 12 mm x 3000 m": all of it, and most)."""
    q, c = _content(query), _content(candidate)
    if not q or not c:
        return 0.0, 0.0
    cw, qw = set(c), set(q)
    weights = [_weight(w, vocabulary, products) for w in q]
    hits = [k * _word_found(w, cw) for k, w in zip(weights, q, strict=True)]
    # a word the product lacks counts against it, half as much as one it has counts for
    found = sum(hits) / (sum(hits) + 0.5 * (sum(weights) - sum(hits)) or 1)
    said = sum(
        1
        for w in cw
        if w in qw or any(x.startswith(w) or w.startswith(x) for x in qw if len(x) >= 3)
    ) / len(cw)
    return found, said


@functools.lru_cache(maxsize=16384)
def _split_unit(size: str) -> tuple[str, str]:
    m = re.fullmatch(r"(\d[\d.]*(?:x\d[\d.]*)*)((?!x\d)[a-z%][a-z0-9]*)", size)
    return (m.group(1), m.group(2)) if m else (size, "")


def _same(a: str, b: str, metres: bool) -> bool:
    if a == b:
        return True
    if not metres:
        return False
    try:
        x, y = Decimal(a), Decimal(b)
    except ArithmeticError:
        return False
    # a bare number: the metres or the centimetres of a size in millimetres ("40x40" of a
    # "40x40 cm" box, now 400 x 400 mm)
    return x * 1000 == y or y * 1000 == x or x * 10 == y or y * 10 == x


def _agrees(size: str, sizes: set[str]) -> bool:
    """A size written is one of the other's: the same, its first dimensions ("1200 x 800" of
    "1200 x 800 x 20"), or dimensions the other writes apart ("10 x 96" of "10 racks of 96").
    A size with its unit meets only a size in that unit, or a bare number when the other says
    nothing in that unit ("10 µl" is not the "10" racks of a 200 µl box); a bare number may be
    the metres of a length in millimetres ("tape 50 x 66" of "48 mm x 66 m")."""
    value, unit = _split_unit(size)
    units = {_split_unit(s)[1] for s in sizes}
    parts: list[tuple[str, bool]] = []
    for s in sizes:
        v, u = _split_unit(s)
        if unit and u != unit and (u or unit in units):
            continue
        metres = "mm" in (unit, u) and not (unit and u)
        if _same(value, v, metres) or v.startswith(value + "x") or value.startswith(v + "x"):
            return True
        ours, theirs = value.split("x"), v.split("x")
        if len(ours) == len(theirs) > 1 and all(
            _same(a, b, metres) for a, b in zip(ours, theirs, strict=True)
        ):
            return True  # "40x40" of "400 x 400 mm", dimension by dimension
        if "x" not in v or "x" not in value:  # dimensions meet dimensions whole
            parts += [(p, metres) for p in v.split("x")]
    return all(any(_same(p, q, metres) for q, metres in parts) for p in value.split("x"))


def description_similarity(
    query: str, candidate: str, vocabulary=None, products: int = 0, **_kwargs
) -> float:
    """0–100: similarity of two normalised descriptions (fuzzy, or the share of the query's
    words the catalogue says), with sizes and colours that must agree (a 48 mm tape is not a
    50 mm tape, a black marker is not a green one)."""
    if not query or not candidate:
        return 0.0
    found, said = _shares(query, candidate, vocabulary, products)
    score = max(
        fuzz.token_sort_ratio(query, candidate),
        # a few words that all are in a long description: the more it says besides, the less
        0.96 * fuzz.token_set_ratio(query, candidate) * (0.9 + 0.1 * said),
        # the buyer's words in any order, abbreviated or a letter off (never "the same text":
        # alone, a product named so is one for a person to confirm)
        96 * found * (0.8 + 0.2 * said),
    )
    qn, q_counts = _counted(query)
    cn, c_counts = _counted(candidate)
    qm = _marks(query)
    if qm:  # marks weigh when the query writes some ("Sub1"), not when it leaves them out
        qn, cn = qn | qm, cn | _marks(candidate)
    # a count written without "of" ("rlx 1000") is no stray size
    extra = {n for n in qn if not _agrees(n, cn | c_counts)}
    left_out = {n for n in cn if not _agrees(n, qn | q_counts)}
    if qn and cn and (extra or left_out):
        # sizes in the query the product lacks conflict; sizes of the product the query
        # leaves out ("MCB 1P B16" of "MCB 1P B16 6kA") conflict less
        missing = (len(left_out) + 0.3 * len(extra)) / max(len(qn | cn), 1)
        weight = 0.35 if extra else 0.05
        score *= 1 - weight * min(1.0, missing * 2)
    elif qn and not cn and not c_counts:
        score *= 0.92  # a size written, a product with none
    dims = {_split_unit(n)[0] for n in cn if "x" in n}
    if not extra and found > 0 and any(_split_unit(n)[0] in dims for n in qn if "x" in n):
        # the same box size, 250 x 200 x 150, and a word of what it is: that box (or, if the
        # catalogue has it in two kinds, one of two)
        score = max(score, 96.0)
    if q_counts and c_counts and not q_counts & (c_counts | cn):
        score *= 0.9  # a box of 100 is not a box of 1000
    qc, cc = _colours(query), _colours(candidate)
    if qc and cc and qc != cc:
        score *= 0.8
    qs, cs = garment_sizes(query), garment_sizes(candidate)
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
