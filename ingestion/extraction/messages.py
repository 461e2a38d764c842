"""What a message's sentences say besides its items: the order's number named in a sentence
("Our PO is PPH-10497", "as our official order CG-PO-00931", "voici notre commande SG-1140"),
prices written apart from the items, and items written below the message's table.

``extract.extract_from_layout`` asks these of an email body (plain text) once its table or its
free-text items are read.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ingestion.extraction import dates as dates_mod
from ingestion.extraction.geometry import TextLine
from ingestion.extraction.model import Field
from ingestion.layout import TextSource

_PO_IN_SENTENCE = re.compile(
    # "pour la commande …", "voici notre commande SG-1140", "Ja bitte, Bestellung NE-1219",
    # "treat this email as our PO-06655"
    r"(?i)(?:\b(?:f[üu]r|zu[rm]?|pour|sur|for|against|on|under|re|neue[rn]?|new|nouvelle|voici|"
    r"here\s+is|hier\s+(?:ist|die|unsere)|as|ci-?joint|quoting|quote|anbei|beiliegend|attached|"
    r"enclosed)\s+|\(|^|[,;:]\s+)"
    r"(?:(?:la|le|the|our|notre|unsere[rn]?|die|der)\s+)?"
    # "Official Order SA-1187 – St Aldhelm's"
    r"(?:(?:official|offizielle[rn]?|officielle)\s+)?"
    r"(?:bestellung|commande|order|p\.?o\.?|purchase\s+order|bon\s+de\s+commande|auftrag)\s*"
    r"(?:n[°o]\.?|nr\.?|no\.?|number|#)?\s*:?\s*"
    # "Commande BC 2611-03": the buyer's own capital prefix, apart from the number
    r"(?P<value>(?:(?-i:[A-Z]{2,3})\s(?=\d))?(?=[A-Z0-9./-]*\d)[A-Z0-9][A-Z0-9./-]{2,}[A-Z0-9])(?![\w/-])"
)
PO_IN_SENTENCE = 0.7  # a number the sentence names as the order's: a person confirms it
# "could you send us the following please, our ref FX2611-12": the buyer's own reference
_OUR_REF = re.compile(
    # "(unsere Nr. 2024-112)", "notre n° 4471"
    r"(?i)\b(?:our|notre|unsere)\s+(?:ref(?:erence)?|r[ée]f(?:[ée]rence)?|zeichen|nr|no|n°|nummer"
    r"|number)\.?\s*"
    # "Our ref for this one is OD/1118/02", "notre référence pour celle-ci est …"
    r"(?:(?:for\s+(?:this|the)(?:\s+(?:one|order))?|pour\s+(?:celle-ci|cette\s+commande)"
    r"|hierf[üu]r|daf[üu]r)\s+)?(?:(?:is|est|ist|lautet)\s+)?:?\s*"
    r"(?P<value>(?=[A-Z0-9./-]*\d)[A-Z0-9][A-Z0-9./-]{2,}[A-Z0-9])(?![\w/-])"
)
# "please treat this email as our PO-06655": the number is named as the order itself
_AS_OUR_PO = re.compile(
    r"(?i)\b(?:as|comme|als)\s+(?:our|notre|unsere)\s+"
    r"(?P<value>(?:p\.?o\.?|order|commande|bestellung)[-/ #]?\s?\d[A-Z0-9./-]{2,}[A-Z0-9])(?![\w/-])"
)


# "Our PO is PPH-10497.", "unsere Bestellnummer lautet 4711", "Unsere Bestellnummer ist die
# 2026-347", "Bestellnummer dafür bitte B-2026-1203": the sentence says which it is
_PO_IS = re.compile(
    r"(?i)\b(?:p\.?o\.?(?:\s+(?:number|no\.?|ref(?:erence)?))?|order\s+(?:number|no\.?|ref(?:erence)?)|"
    r"bestellnummer|bestellung|num[ée]ro\s+de\s+commande|n°\s+de\s+commande)\s+"
    # "… ist die 2026-347", "Bestellnummer dafür bitte B-2026-1203", "PO number please: …"
    r"(?:(?:is|est|ist|lautet)(?:\s+(?:die|der|le|the))?|(?:daf[üu]r\s+)?bitte|please)\s*:?\s*"
    r"(?P<value>(?=[A-Z0-9./-]*\d)[A-Z0-9][A-Z0-9./-]{2,}[A-Z0-9])(?![\w/-])"
)
PO_IS = 0.85
# "Please treat this email as our official order CG-PO-00931": the message is the order
_AS_OUR_ORDER = re.compile(
    r"(?i)\b(?:as|comme|als)\s+(?:our|notre|unsere)\s+(?:official\s+|offizielle\s+)?"
    r"(?:p\.?o\.?|order|purchase\s+order|commande|bestellung)\s+(?:n[°o]\.?\s*|no\.?\s*|nr\.?\s*)?"
    r"(?P<value>(?=[A-Z0-9./-]*\d)[A-Z0-9][A-Z0-9./-]{2,}[A-Z0-9])(?![\w/-])"
)
# "PO-2026-1101 Kaltenbach - delivery Thu 10 Dec", "for our PO26-1244": the number says it
# is the order's (not "PO Box 12")
_SELF_NAMED_PO = re.compile(
    r"(?<![\w/-])(?P<value>PO-?\d[\dA-Z/.-]*\d|PO-[A-Z]{1,4}-?\d[\dA-Z/.-]*\d)(?![\w/-])"
)
SELF_NAMED_PO = 0.8


# "Bestellung KW50": the week the order is for, no number of it
_A_WEEK = re.compile(r"(?i)(?:kw|cw|wk|week|woche|semaine|sem)[-.]?\d{1,2}")


def po_in_a_sentence(lines: list[TextLine]) -> Field | None:
    """An email's order number written inside a sentence, where no label stands alone."""
    for pattern, confidence, rule in (
        (_PO_IS, PO_IS, "po_is"),
        (_AS_OUR_ORDER, PO_IS, "as_our_order"),
        (_SELF_NAMED_PO, SELF_NAMED_PO, "self_named_po"),
        (_PO_IN_SENTENCE, PO_IN_SENTENCE, "po_in_sentence"),
        (_AS_OUR_PO, PO_IN_SENTENCE, "po_in_sentence"),
        (_OUR_REF, PO_IN_SENTENCE, "our_ref_in_sentence"),
    ):
        if pattern is _SELF_NAMED_PO and (
            len({m["value"].upper() for ln in lines for m in pattern.finditer(ln.text)}) > 1
        ):
            confidence = PO_IN_SENTENCE  # "PO-1101 for the flour, PO-1102 for the boxes"
        for ln, text in _sentences(lines):
            m = pattern.search(text)
            if m and not dates_mod.find_dates(m["value"]) and not _A_WEEK.fullmatch(m["value"]):
                if m.start("value") > len(ln.text):  # the number opens the next line
                    ln = lines[lines.index(ln) + 1]
                    i = 0
                else:
                    i = len(ln.text[: m.start("value")].split())
                return Field(
                    m["value"],
                    confidence,
                    ln.source_ref(i, i + 1) if i < len(ln.words) else ln.source_ref(),
                    rule,
                )
    return None


# "… quoting order number" and the number on the next line: the sentence wraps after its label
_LABEL_AT_THE_END = re.compile(
    r"(?i)\b(?:order|commande|bestellung|auftrag|p\.?o\.?)\s*"
    r"(?:number|nummer|n[°o]\.?|nr\.?|no\.?|#)?\s*:?$|\bbestellnummer\s*:?$"
)


def _sentences(lines: list[TextLine]):
    """Each line's text, and a line ending with an order label joined to the next line."""
    for k, ln in enumerate(lines):
        if k + 1 < len(lines) and _LABEL_AT_THE_END.search(ln.text.rstrip()):
            yield ln, f"{ln.text.rstrip()} {lines[k + 1].text.strip()}"
        else:
            yield ln, ln.text


AFTER_THE_TABLE = 0.6  # an item written below a message's table: a person confirms it


def items_after_the_table(lines, table, order_lines, decimal_sep, dayfirst, default_year):
    """Items a message writes in a sentence below its table ("PS: please also ship 24 cans of
    release spray 140800 at EUR 6,90"), for a person to confirm; an article the table already
    holds is not taken twice."""
    from ingestion.extraction.freetext import doubted, extract_free_lines
    from ingestion.splitting.quotes import CLOSING

    end = max(table.consumed | {ln.source.get("line", -1) for ln in order_lines}, default=-1)
    below = []
    for ln in lines:
        if ln.index <= end:
            continue
        if CLOSING.match(ln.text):
            break  # "Kind regards," and the signature's address below it
        below.append(ln)
    if not below:
        return []
    held = {
        code.upper()
        for ln in order_lines
        for code in (ln.sku, ln.customer_sku, ln.gtin, *ln.codes)
        if code
    }
    found = extract_free_lines(
        below, decimal_sep=decimal_sep, dayfirst=dayfirst, default_year=default_year
    )
    out = []
    for item in found:
        codes = {c.upper() for c in (item.sku, item.customer_sku, item.gtin, *item.codes) if c}
        if codes & held:
            continue
        item = replace(item, line_no=len(order_lines) + len(out) + 1)
        out.append(doubted(item, AFTER_THE_TABLE, "+after_the_table"))
    return out


# an amount with its currency ("EUR 82.00", "82,00 €", "£12.50", "CHF 5.-")
_PRICE_IN_WORDS = re.compile(
    r"(?:(?<![a-z])(?:eur|gbp|chf|usd)|[€£$])\s?\d[\d\s.,'’]*(?:\d|-)"
    r"|\d[\d.,'’]*\s?(?:€|£|(?<![a-z])(?:eur|gbp|chf|usd)\b)",
    re.IGNORECASE,
)
_NOT_A_PRICE = re.compile(
    r"capital|kapital|stammkapital|iban|minimum|franco|free\s+(?:shipping|delivery)"
)


def prices_in_prose(lines: list[TextLine], order_lines, total) -> tuple[str, ...]:
    """The sentences of a message (plain text) that name prices while no line carries a price
    and no total was read: the buyer wrote the prices, apart from the items."""
    if not lines or lines[0].source != TextSource.PLAIN or not order_lines or total is not None:
        return ()
    if any(ln.unit_price is not None or ln.line_total is not None for ln in order_lines):
        return ()
    items = {ln.source.get("line") for ln in order_lines}
    return tuple(
        ln.text[:200]
        for ln in lines
        if ln.index not in items
        and _PRICE_IN_WORDS.search(ln.text)
        and not _NOT_A_PRICE.search(ln.norm)
    )[:5]
