"""Changes a reply asks for on the order it quotes.

"Pos. 20 bitte auf 40 Stück erhöhen statt 20", "Line 4 (cylinder stats) - please cancel",
"ligne 20 (essuie-mains V) : 40 cartons au lieu de 25", "please delete line 4 altogether": a
buyer answers the thread of an order with what to change in it. The order is the quoted one
(``ingestion.splitting.quotes`` keeps it under the reply's own words), as amended: each
instruction names a line by its printed position, and either takes it back or gives its new
quantity. The order's stated total was the original's: the amended order's is the sum of its
lines.

An amended line is never sure: a person confirms that the change applies to the order as we
have it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal

from ingestion.extraction.geometry import TextLine, fold
from ingestion.extraction.model import ExtractedLine
from ingestion.extraction.numbers import parse_number

AMENDED = 0.75  # under the auto-approval threshold: a person confirms

# "Pos. 20", "Position 2", "line 4", "ligne 50", "Zeile 3", "item 2", "Ln 2"
_REFERENCE = re.compile(
    r"\b(?:pos(?:ition)?|line|ligne|lig|zeile|item|row|ln)\b\.?\s*(?:n[°o]\.?\s*|#\s*)?"
    r"(?P<ref>\d{1,4})\b(?![.,]\d)",
    re.IGNORECASE,
)
_TAKE_BACK = re.compile(
    r"\b(?:cancel\w*|delete\w*|remove\w*|drop\b|annul\w*|supprim\w*|retir\w*|enlev\w*"
    r"|storn\w*|streich\w*|gestrichen|entf[äa]ll\w*|l[öo]sch\w*|weglass\w*|no\s+longer"
    # "bitte NICHT liefern", "do not send", "ne pas livrer"
    r"|nicht\s+(?:mehr\s+)?(?:liefern|senden|schicken|versenden)|do\s+not\s+(?:deliver|send|ship)"
    r"|don'?t\s+(?:deliver|send|ship)|ne\s+(?:pas|plus)\s+(?:livrer|envoyer|expédier|expedier)"
    # "à l'exception de la ligne 3", "ne nous intéresse pas", "not needed", "außer Pos. 4"
    r"|exception|except\b|sauf\b|au(?:ss|ß)er\b|bis\s+auf\b|int[ée]resse\s+pas|not\s+interested"
    r"|not\s+needed|no\s+need|pas\s+besoin|kein\s+bedarf|brauchen\s+wir\s+nicht)",
    re.IGNORECASE,
)
_CHANGE = re.compile(
    r"\b(?:chang\w*|modif\w*|amend\w*|increas\w*|reduc\w*|rais\w*|lower\w*|make\s+(?:it|that)"
    r"|augment\w*|diminu\w*|r[ée]dui\w*|pass(?:er|ez)|corrig\w*|mettre|mettez"
    r"|[äa]nder\w*|erh[öo]h\w*|reduzier\w*|korrigier\w*|verringer\w*|statt|anstatt"
    r"|au\s+lieu|instead|rather\s+than|auf\s+\d|to\s+\d|not\s+\d)",
    re.IGNORECASE,
)
# what the instruction replaces: "statt 20", "(statt 25)", "au lieu de 25", "not 20"
_OLD = re.compile(
    r"\(?\s*(?:statt|anstatt|anstelle\s+von|au\s+lieu\s+d[eu']s?|[àa]\s+la\s+place\s+d[eu']s?"
    r"|instead\s+of|rather\s+than|not|pas|nicht|vs\.?|from|de|von)\s+"
    r"(?P<old>\d{1,6}(?:[.,]\d{1,3})?)\b[^)\n,;]*\)?",
    re.IGNORECASE,
)
_PARENTHESIS = re.compile(r"\([^)]*\)")
_QUANTITY = re.compile(r"(?<![\d.,/:-])(?P<q>\d{1,6}(?:[.,]\d{1,3})?)(?![\d/:]|[.,]\d)")
# a quantity that is a time or a date, not a count: "9.12.", "bis 14h", "KW 51"
_NOT_A_COUNT = re.compile(
    r"^\s*(?:h\b|uhr\b|heures?\b|am\b|pm\b|\.\d|%)|(?:kw|cw|wk|week|semaine|woche)\s*$",
    re.IGNORECASE,
)


def asks_for_changes(text: str) -> bool:
    """Whether a message's words change a line of an order, by its position or its words
    ("bei den Kugelfendern bitte nur 2 statt 4")."""
    for line in _in_figures(text).split("\n"):
        refs = list(_REFERENCE.finditer(line))
        if not refs and not line.lstrip().startswith(">"):
            if any(
                (
                    (m := _IN_PLACE_OF.search(clause) or _NOT_OLD.search(clause))
                    and _naming_words(clause[: m.start()])
                )
                or _taken_back_by_name(clause)
                for clause in _CLAUSES.split(line)
                if clause
            ):
                return True
            continue
        if len(refs) != 1:
            continue
        rest = _PARENTHESIS.sub(" ", line[: refs[0].start()] + " " + line[refs[0].end() :])
        if _TAKE_BACK.search(rest) or _CHANGE.search(line):
            return True
    return False


@dataclass(frozen=True)
class Amendment:
    line: int  # the document line that asks
    ref: int  # the position it names (0: the line is named by its words)
    quantity: Decimal | None  # the new quantity; None: the line is taken back
    words: tuple[str, ...] = ()  # the words that name the line, when no position does
    old: Decimal | None = None  # the quantity it replaces, as the instruction says
    codes: tuple[str, ...] = ()  # article numbers that name the line ("BAG-CA10-NR : …")


_A_CODE = re.compile(
    r"(?<![\w-])(?=[A-Za-z0-9./-]*\d)(?=[A-Za-z0-9./-]*[A-Za-z])[A-Za-z0-9][A-Za-z0-9./-]{3,}(?![\w-])"
)


# "bei den Kugelfendern bitte nur 2 statt 4", "the blue ones: 10 instead of 6", "les gants :
# 20 au lieu de 12": a new count in place of the one the order gave, the line named by words
_IN_PLACE_OF = re.compile(
    r"(?P<new>\d{1,6}(?:[.,]\d{1,3})?)\s*(?:[^\W\d_]{1,8}\.?\s+)?"
    r"(?:statt|anstatt|anstelle\s+von|instead\s+of|rather\s+than|au\s+lieu\s+d[eu']s?"
    r"|[àa]\s+la\s+place\s+d[eu']s?)\s*(?P<old>\d{1,6}(?:[.,]\d{1,3})?)(?![.,]?\d)",
    re.IGNORECASE,
)
# "make it 30m please, not 25m": the new count, then the one it replaces
_NOT_OLD = re.compile(
    r"(?P<new>\d{1,6}(?:[.,]\d{1,3})?)\s*(?:[^\W\d_]{1,8}\.?)?(?:\s+(?:please|bitte|svp|stp))?"
    r"\s*,?\s+(?:not|nicht|pas)\s+(?P<old>\d{1,6}(?:[.,]\d{1,3})?)(?![.,]?\d)",
    re.IGNORECASE,
)
# "(also 8 Stück)", "(soit 8)", "(i.e. 8 in all)", "insgesamt 8": the count the line comes to
_COMES_TO = re.compile(
    r"\(\s*(?:also|insgesamt|somit|d\.\s?h\.|soit|i\.\s?e\.|in\s+total|that\s+is)\s*:?\s*"
    r"(?P<new>\d{1,6}(?:[.,]\d{1,3})?)(?![.,]?\d)",
    re.IGNORECASE,
)
# "…, und bei den Rettungswesten …", "; and the gloves …": one instruction to a clause
_CLAUSES = re.compile(
    r"[,;]\s*(?:und|and|et|sowie)\s+|;\s+|\s+(?:und|and|et)\s+(?=bei|for|pour|the|les|die|der|den)",
    re.I,
)
# words that name no item (of an instruction, or of a sentence that takes one back)
NO_ITEM_WORDS = {
    "bitte", "please", "merci", "danke", "nur", "only", "seulement", "mais", "aber", "statt",
    "instead", "lieu", "kommen", "noch", "dazu", "also", "stuck", "stueck", "pieces", "piece",
    "bestellung", "order", "commande", "korrektur", "correction", "unserer", "notre", "unser",
    "gestern", "yesterday", "hier", "heute", "rest", "bleibt", "remains", "reste",
    "leave", "from", "moment", "maintenant", "zeit", "time", "erst", "einmal", "vorerst",
    "make", "the", "and", "for", "now", "with", "them", "that", "this", "out", "off", "all",
    "les", "des", "une", "pour", "par", "que", "qui", "avec", "der", "die", "das", "den", "dem",
    "und", "mit", "bei", "auf", "von", "wir", "ihr", "uns", "you", "our", "your", "nous",
    "vous", "altogether", "ganz", "completement", "same", "price", "prix", "preis",
    "leider", "sorry", "finalement", "finally", "actually", "doch", "wieder",
    "auch", "aussi",
}  # fmt: skip


def _naming_words(text: str) -> tuple[str, ...]:
    # (from three letters: "the red wax", "le pH-mètre")
    words = [fold(w) for w in re.findall(r"[^\W\d_]{3,}", text)]
    return tuple(w for w in words if w not in NO_ITEM_WORDS)


# "leave out the horsehair brushes for now", "sans les tabliers", "die Wachsbürsten bitte
# weglassen": a line taken back, named by its words
_LEAVE_OUT = re.compile(
    # (not "without", "sans", "pas de": words of any sentence)
    r"\b(?:leave\s+out|leave\s+off|omit\w*|drop\b(?!\s+(?:off|by|in))|remove\b|cancel\b|delete\b"
    r"|supprime[rz]?\b|retire[rz]?\b|enleve[rz]?\b|annule[rz]?\b"
    r"|pas\s+besoin\b|weglassen\b|streichen\b|entf[äa]ll\w*|nicht\s+(?:mehr\s+)?n[öo]tig"
    # (but "Attention : PAS de ventouses", "NB: no suction cups", "Achtung: keine Sauger")
    r"|\b(?:attention|achtung|note|nb|n\.b\.|ps|p\.s\.)\s*:?\s*(?:pas\s+(?:de\s+|d')|no\s+|keine?n?\s+))",
    re.IGNORECASE,
)


def _taken_back_by_name(clause: str) -> tuple[str, ...]:
    """The words naming the item a clause takes back, and no count: "leave out the horsehair
    brushes for now" names the horsehair brushes."""
    m = _LEAVE_OUT.search(clause)
    if m is None or re.search(r"\d", clause):
        return ()
    return _naming_words(clause[m.end() :]) or _naming_words(clause[: m.start()])


def _changes_by_name(text: str, index: int, decimal_sep: str | None) -> list[Amendment]:
    """The instructions of a line that name the item by its words, not its position."""
    out = []
    for clause in _CLAUSES.split(text):
        if not clause or _REFERENCE.search(clause):
            continue
        m = _IN_PLACE_OF.search(clause) or _NOT_OLD.search(clause) or _COMES_TO.search(clause)
        if m is None:
            words = _taken_back_by_name(clause)
            if words:
                out.append(Amendment(index, 0, None, words=words))
            continue
        new = parse_number(m["new"], decimal_sep=decimal_sep)
        old = parse_number(m["old"], decimal_sep=decimal_sep) if "old" in m.groupdict() else None
        words = _naming_words(clause[: m.start()])
        codes = tuple(c.upper() for c in _A_CODE.findall(clause[: m.start()]))
        if new is not None and new > 0 and (words or codes):
            out.append(Amendment(index, 0, new, words=words, old=old, codes=codes))
    return out


def _in_figures(text: str) -> str:
    """A count in words written in figures: "bei Pos. 2 zwölf statt zehn Stück"."""
    from ingestion.extraction.number_words import value_of

    def figure(m: re.Match) -> str:
        value = value_of(m.group(0))
        return str(value) if value is not None and value >= 2 else m.group(0)

    return re.sub(r"[^\W\d_]+(?:-[^\W\d_]+)*", figure, text)


def amendments_in(lines: list[TextLine], *, decimal_sep: str | None) -> list[Amendment]:
    """The instructions of a message that change lines of an order by their position."""
    out: list[Amendment] = []
    for ln in lines:
        text = _in_figures(ln.text)
        refs = list(_REFERENCE.finditer(text))
        if not refs and not text.lstrip().startswith(">"):
            out += _changes_by_name(text, ln.index, decimal_sep)
            continue
        if len(refs) != 1:
            continue  # "Pos. 2 und Pos. 4": read by a person
        ref = refs[0]
        rest = _PARENTHESIS.sub(" ", text[: ref.start()] + " " + text[ref.end() :])
        if _TAKE_BACK.search(rest):
            out.append(Amendment(ln.index, int(ref["ref"]), None))
            continue
        if not _CHANGE.search(text):
            continue  # "Pos. 1  120.00 lfm KVH C24 … à 10.40": a line of the order itself
        rest = _OLD.sub(" ", rest)
        counts = [
            m
            for m in _QUANTITY.finditer(rest)
            if not _NOT_A_COUNT.search(rest[m.end() : m.end() + 6])
            and not _NOT_A_COUNT.search(rest[max(0, m.start() - 8) : m.start()])
        ]
        if len(counts) != 1:
            continue
        quantity = parse_number(counts[0]["q"], decimal_sep=decimal_sep)
        if quantity is not None and quantity > 0:
            out.append(Amendment(ln.index, int(ref["ref"]), quantity))
    return out


_POSITION = re.compile(r"^\s*(?:pos(?:ition)?\.?\s*|ln\.?\s*)?(?P<pos>\d{1,4})\b(?![.,]\d)", re.I)


def _printed_position(line: ExtractedLine) -> int | None:
    m = _POSITION.match(line.raw_text or "")
    return int(m["pos"]) if m else None


def _named_line(items: list[ExtractedLine], amendment: Amendment) -> int | None:
    """The one item the instruction's words name (a word of its description begins as one of
    them does: "Kugelfendern", "Kugelfender"), with the count it replaces, if it says one."""
    coded = [
        i
        for i, item in enumerate(items)
        if item.source.get("line") != amendment.line
        and {c.upper() for c in (item.customer_sku, item.sku, *item.codes) if c}
        & set(amendment.codes)
        and (amendment.old is None or item.quantity == amendment.old)
    ]
    if len(coded) == 1:
        return coded[0]  # "BAG-CA10-NR : passer à 60 au lieu de 45": the item of that code
    stems = {w[:5] for w in amendment.words}
    found = []
    for i, item in enumerate(items):
        if item.source.get("line") == amendment.line:
            continue  # "frites : 300 kg au lieu de 250" with nothing quoted: the item itself
        words = [fold(w) for w in re.findall(r"[^\W\d_]{3,}", item.description or "")]
        if stems & {w[:5] for w in words} and (
            amendment.old is None or item.quantity == amendment.old
        ):
            # the item most of the words name ("nylon brushes": the nylon brush, not the
            # horsehair one), then the one sharing the longest start with them
            named = len(stems & {w[:5] for w in words})
            found.append(
                ((named, max(_shared_start(a, w) for a in amendment.words for w in words)), i)
            )
    if len(found) > 1:
        # "Schnittschutzhosen" names the "Schnittschutzhose" more than the "…stiefel": the
        # item sharing the longest start with the words, if one does
        found.sort(reverse=True)
        if found[0][0] > found[1][0]:
            found = found[:1]
    return found[0][1] if len(found) == 1 else None


def _shared_start(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def applicable(order_lines: list[ExtractedLine], amendments: list[Amendment]) -> list[Amendment]:
    """The instructions that change the order: by position, or naming by its words one of the
    order's other lines ("bei den Kugelfendern nur 2 statt 4" over the quoted order; "frites :
    300 kg au lieu de 250" alone is an item of its own, written with its history)."""
    return [a for a in amendments if a.ref != 0 or _named_line(order_lines, a) is not None]


def apply_amendments(
    order_lines: list[ExtractedLine], amendments: list[Amendment]
) -> list[ExtractedLine]:
    """The order's lines as the instructions change them (the instructions' own lines are
    no items). An instruction naming no line changes nothing: the order's ``amended_order``
    issue has a person read it."""
    asking = {a.line for a in amendments}
    items = [ln for ln in order_lines if ln.source.get("line") not in asking]
    positions = [_printed_position(ln) for ln in items]
    numbered = all(p is not None for p in positions) and len(set(positions)) == len(positions)
    dropped: set[int] = set()
    for amendment in amendments:
        if amendment.ref == 0:
            named = _named_line(items, amendment)
            if named is None:
                continue
            index = named
        elif numbered and amendment.ref in positions:
            index = positions.index(amendment.ref)
        elif not numbered and 1 <= amendment.ref <= len(items):
            index = amendment.ref - 1
        else:
            continue
        line = items[index]
        if amendment.quantity is None:
            dropped.add(index)
            continue
        quantity = amendment.quantity
        items[index] = replace(
            line,
            quantity=quantity,
            line_total=(quantity * line.unit_price / (line.price_unit or 1)).quantize(
                Decimal("0.01")
            )
            if line.unit_price is not None
            else None,
            confidence=min(line.confidence, AMENDED),
            field_confidence={**line.field_confidence, "quantity": AMENDED},
            rule=line.rule + "+amended",
        )
    kept = [
        replace(item, confidence=min(item.confidence, AMENDED), rule=item.rule + "+amended_order")
        if "+amended" not in item.rule
        else item
        for i, item in enumerate(items)
        if i not in dropped
    ]
    return [replace(item, line_no=n) for n, item in enumerate(kept, start=1)]


def amended_by_its_email(order, body_lines: list[TextLine], *, decimal_sep: str | None = None):
    """An attachment's order as the email it came with changes it: "ACHTUNG: Pos. 3
    (Instantkaffee) bitte NICHT liefern" over the customer's PDF. The lines the email names
    are changed or taken back, every line is left for a person to confirm, and the order has
    no total (the attachment's was the order's before the change; the changed order states
    none). None when the email changes nothing of it."""
    asked = amendments_in(body_lines, decimal_sep=decimal_sep)
    # the instructions are the email's lines, none of the attachment's items
    changes = applicable(list(order.lines), [replace(c, line=-1) for c in asked])
    if not changes or not order.lines:
        return None
    lines = apply_amendments(list(order.lines), changes)
    asking = {c.line for c in asked if c.ref != 0 or replace(c, line=-1) in changes}
    said = tuple(ln.text[:200] for ln in body_lines if ln.index in asking)
    return replace(order, lines=tuple(lines), total=None, amendments=(*order.amendments, *said))
