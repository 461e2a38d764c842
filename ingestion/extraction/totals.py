"""Document totals: the net goods total (what ``total`` means in our contracts), tax, charges and
the grand total, read from their labels and checked against the sum of the lines."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ingestion.extraction.geometry import TextLine
from ingestion.extraction.model import ExtractedLine, Field
from ingestion.extraction.numbers import find_numbers, number_candidates, parse_number
from ingestion.layout import TextSource

# How a total was found is said by its rule: "label:net_total=sum_of_lines" (printed, and the
# lines add up to it), "label:total!=sum_of_lines" (printed, and they do not), "edi" (stated by
# an EDI message), "sum_of_lines=grand-tax-charges" (the grand total less its tax and charges),
# "sum_of_lines" (worked out, nothing printed). Other modules ask these, not the words.


def total_printed(rule: str) -> bool:
    """The total was read on the document (or an EDI message), not worked out from the lines."""
    return rule.startswith("label:") or rule == "edi"


def total_printed_and_agrees(rule: str) -> bool:
    """A total printed beside its label that the lines were not found to contradict."""
    return rule.startswith("label:") and "!=" not in rule


def total_from_grand_total(rule: str) -> bool:
    """No net total printed, but the printed grand total less tax and charges states it."""
    return rule.startswith("sum_of_lines=grand")


_NET = re.compile(
    r"(?:(?:gesamt|total|summe)(?:\s+(?:eur|chf|usd|gbp|€))?\s+(?:ohne|exkl\.?|excl\.?|hors|before)\s+(?:mwst|ust|vat|tva|tax)\.?|"
    r"untaxed\s+amount|amount\s+untaxed|total\s+untaxed|(?:goods\s+)?sub[\s-]?total|net\s+total|"
    # "Net goods 11'543.00" under the discount
    r"nett?\s+goods(?:\s+(?:value|total|amount))?|"
    # "Net HT 2 024.00" under the discount
    r"net\s+h\.?t\.?(?=\s*[:|]?\s*[€£$]?\s*\d)|"
    r"total\s+net\s+(?:value|amount)(?:\s+excl\.?(?:uding)?\s+(?:vat|tax))?|total\s+(?:netto|nett|net)|total\s+(?:h\.?t\.?v\.?a\.?|h\.?t\.?|hors\s+taxes?|hors\s+tva|exkl\.?\s+mwst\.?|ohne\s+mwst\.?)|montant\s+(?:h\.?t\.?|net)|sous[\s-]total|"
    r"zwischensumme|nettobetrag|nettowarenwert|netto(?:summe|betrag|wert|gesamt)?|warenwert|summe\s+netto|gesamt\s*netto(?:wert|betrag|summe|preis)?|nettosumme|"
    r"(?:bestell|auftrags)wert\s+netto|gesamtnettowert|"
    # "Summe Ware 421,30" above "inkl. Fracht 439,30": the goods alone
    r"(?:summe|gesamt)\s+(?:ware|waren|artikel|positionen|material)\b|warensumme|"
    r"valeur\s+(?:nette(?:\s+totale)?|totale\s+nette|totale\s+h\.?t\.?|h\.?t\.?)(?:\s+h\.?t\.?)?|"
    r"total\s+excl\.?(?:uding)?\s+(?:vat|tax)|total\s+before\s+tax|total\s+(?:goods|merchandise|marchandises|articles)(?:\s+h\.?t\.?)?|(?:goods|merchandise)\s+total|"
    r"net\s+amount|net\s+value|items?\s+total|total\s+(?:of\s+)?items?|positionen\s+gesamt|"
    # "Net | 996.6" alone at the foot of a sheet (not "Net 30 days")
    r"(?:nett?|goods|marchandises|waren)(?=\s*[:|]?\s*[€£$]?\s*\d[\d.,' ]*\s*(?:€|£|\$|eur|gbp|chf|usd)?\s*$)|"
    r"nett?\s+(?:order|goods|po)\s+(?:value|total|amount)|(?:order|goods|po)\s+nett?\s+(?:value|total|amount)|"
    # "Revised PO value EUR 2,507.00" (the order's value, as amended; no tax in it)
    r"(?:revised|new)\s+(?:po|order|purchase\s+order)\s+value|"
    # "Order Total (excl. VAT)": the order's total, said to be before tax
    r"(?:order|po|purchase\s+order)\s+(?:total|value|amount)(?:\s+(?:eur|chf|gbp|usd|€|£))?"
    r"(?=\s*[,(]?\s*(?:exkl|excl|excluding|ohne|hors|before|ex)\.?\s*(?:mwst|ust|vat|tva|tax|btw))|"
    # Dutch, from a buyer in the Netherlands or Flanders: "Totaal excl. BTW", "Subtotaal"
    r"totaal\s+(?:excl\.?|exclusief)\s+btw|subtotaal|netto\s*totaal|"
    r"total\s*\(\s*(?:net|nett|netto|ht|h\.t\.|excl\.?\s*(?:vat|tax))\s*\))(?:\b|(?<=\)))"
    # …and the tax it leaves out, said again: "Total netto exkl. MWST", "Net total excl. VAT"
    r"(?:\s*[,(]?\s*(?:exkl|excl|excluding|ohne|hors|before|avant|zzgl|plus)\.?\s*"
    r"(?:mwst|ust|vat|tva|tax(?:es)?|btw)\b\.?\)?)?"
)
_GRAND = re.compile(
    r"(?:grand\s+total|total(?:\s+(?:amount|due|ttc|t\.t\.c\.|general|incl\.?|including|order|po|value|a\s+payer|commande|brut))?|"
    r"(?:po|order|purchase\s+order)\s+(?:total|value|amount)|montant\s+(?:ttc|total)|net\s+a\s+payer|"
    r"totaal(?:\s+(?:incl\.?|inclusief)\s+btw)?|gesamt(?:betrag|summe|preis|wert)?|endbetrag|endsumme|rechnungsbetrag|bruttobetrag|brutto(?:summe)?|summe|amount\s+due|balance\s+due)\b"
)
TOTAL_NET, TOTAL_GRAND = _NET, _GRAND  # the labels, for a column's title

_TAX = re.compile(
    r"(?:sales\s+tax|tax(?:es)?|vat|tva|mwst|ust|gst|hst|umsatzsteuer|mehrwertsteuer|btw)\b"
)
CHARGE_WORDS = re.compile(
    r"(?:shipping|freight|ship/ins|handling|carriage|delivery(?:\s+charges?)?|insurance|frais(?:\s+de\s+port)?|port|"
    r"emballage|fracht(?:kosten)?|versand(?:kosten)?|verpackung(?:skosten)?|porto|transport|pack(?:ag)?ing|"
    r"surcharge|(?:minder|kleinmengen)?zuschlag|zustell(?:pauschale|gebuhr|kosten)|liefer(?:pauschale|gebuhr|kosten)"
    r"|frais\s+de\s+livraison|delivery\s+fee|shipping\s+fee|postage"
    # "Participation aux frais de transport", "Éco-participation DEEE": a fee, not goods
    r"|participation\s+(?:aux\s+)?frais|eco[\s-]?(?:participation|contribution|taxe?)|deee|weee)"
    # "Versandkostenpauschale", "Frachtpauschale": a flat charge; "Frachtkostenanteil": a share
    r"(?:pauschale|anteil)?\b"
    # "Delivery address", "Delivery date", "Transport: by truck": words of other rows
    r"(?!\s*(?:address|adresse|anschrift|date|datum|note|terms?|conditions?|instructions?|"
    r"day|time|week|to|point|lieu|par|by|mode|method|via|route))"
)

# "Discount 5 % € -19.73", "Rabatt 3 %", "Remise 2 % : -12,40" below the subtotal: taken off the
# whole order (not an early-payment term, "Skonto 2 % 10 Tage", nor a note that the prices hold
# it already)
_DISCOUNT = re.compile(
    # "Less 3% discount - € 40.29", "abzüglich 2 % Rabatt", "Less 5% bookshop discount" (after
    # "less", whatever the discount is for)
    r"(?:(?:less|minus|moins|abzgl\.?|abz[üu]glich)\s+(?:\d{1,2}(?:[.,]\d{1,2})?\s*%\s*)?"
    r"(?:[a-zà-ÿ]+\s+)?)?"
    r"(?:(?:order|special|introductory|volume|loyalty|trade|project|customer|sonder|auftrags|mengen|"
    r"projekt|objekt|kunden)\s*)?"
    # "Treuerabatt", "Jahresnachlass": a German word that ends in its discount
    r"(?:discount|[a-zäöü]*rabatt|[a-zäöü]*nachlass|remise|r[ée]duction|abattement|ristourne)\b"
    r"(?!.*\b(?:incl|inclus|included|d[ée]duite?s?|deducted|ber[üu]cksichtigt|enthalten|"
    r"already|d[ée]j[àa]|bereits|nets?|netto|nett)\b)"
)


@dataclass
class AmountLine:
    kind: str  # net, grand, tax, charge, discount (an amount), discount_rate (a percentage)
    value: Decimal
    line: TextLine
    candidates: list[Decimal]


def _amount_after(
    line: TextLine, start: int, decimal_sep: str | None
) -> tuple[Decimal, list[Decimal]] | None:
    tail = line.text[start:]
    if line.source == TextSource.SHEET and line.segments:
        # a cell a number: "Summe | 25 | 908.5" is no "25 908.5"; the currency's own cell after
        # it ("Gesamt netto | 19.198,80 | EUR") says nothing more
        cells = [
            (s0, s1)
            for s0, s1 in line.segments
            if not re.fullmatch(r"[€$£]|eur|chf|gbp|usd", line.text_of(s0, s1).strip().lower())
        ]
        if cells and line.spans[cells[-1][0]][0] >= start:
            tail = line.text_of(*cells[-1])
    # "Net total €1,872.10. Needed by 17 November 2026": the amount right after its label, and
    # the sentence ends
    if re.match(r"\s*[:=]?\s*(?:[€$£]|EUR|GBP|USD|CHF)?\s*\d", tail):
        for m in re.finditer(r"[.;!?]\s+(?=[A-Za-zÀ-ÿ])", tail):
            if find_numbers(tail[: m.start()]):
                tail = tail[: m.start()]
                break
    numbers = find_numbers(tail)
    if not numbers:
        return None
    # "19 %" is a rate, not an amount
    numbers = [n for n in numbers if not re.match(r"\s*%", tail[n[1] :])]
    if not numbers:
        return None
    _, _, text = numbers[-1]
    value = parse_number(text, decimal_sep=decimal_sep)
    if value is None:
        return None
    return value, number_candidates(text)


def _amount_wrapped_below(
    lines: list[TextLine], n: int, decimal_sep: str | None
) -> tuple[Decimal, list[Decimal]] | None:
    """ "Total marchandises" / "HT    € 4.460,68": a label wrapped in its cell, the amount on
    the second line beside the label's last words."""
    if n + 1 >= len(lines):
        return None
    line, below = lines[n], lines[n + 1]
    if below.page != line.page or below.top - line.bottom > 1.2 * max(line.height, 4.0):
        return None
    words = re.sub(r"[\d\s.,'’€$£-]+", " ", below.norm).split()
    if len(words) > 3 or not all(re.fullmatch(r"[a-z.]{1,5}|eur|chf|usd|gbp", w) for w in words):
        return None
    return _amount_after(below, 0, decimal_sep)


def find_amount_lines(lines: list[TextLine], decimal_sep: str | None) -> list[AmountLine]:
    out = []
    for n, line in enumerate(lines):
        starts = [line.spans[s0][0] for s0, _s1 in line.segments]
        # "… via the Oudegracht entrance. Untaxed Amount 1.639,60 €": a total after a sentence
        # of another column, too close to make a segment of its own
        starts += [
            m.end() for m in re.finditer(r"[.;!]\s+(?=[a-z])", line.norm) if m.end() not in starts
        ]
        labelled: list[tuple[int, int, AmountLine]] = []  # label start, label end, amount
        for start in sorted(starts):
            # a scan's speck before the label ("© Montant total HT")
            lead = re.match(r"[^\w€$£]{1,3}\s*(?=[a-z])", line.norm[start:])
            if lead and line.source == TextSource.OCR:
                start += lead.end()
            text = line.norm[start:]
            for kind, pattern in (
                ("net", _NET),
                ("tax", _TAX),
                ("charge", CHARGE_WORDS),
                ("discount", _DISCOUNT),
                ("grand", _GRAND),
            ):
                m = pattern.match(text)
                if not m:
                    continue
                label_words = len(line.norm[start : start + m.end()].split())
                if label_words > 5:
                    continue
                found = _amount_after(line, start + m.end(), decimal_sep)
                if (
                    found is None
                    and kind in ("net", "grand")
                    and not line.norm[m.end() + start :].strip()
                ):
                    found = _amount_wrapped_below(lines, n, decimal_sep)
                if found is None and kind == "discount":
                    rate = re.search(r"(\d{1,2}(?:[.,]\d{1,2})?)\s*%", line.norm[start + m.end() :])
                    if rate:
                        kind = "discount_rate"
                        found = (Decimal(rate[1].replace(",", ".")), [])
                if found:
                    labelled.append(
                        (start, start + m.end(), AmountLine(kind, found[0], line, found[1]))
                    )
                break
        # one amount a line, named by the label nearest before it ("Delivery between 7:00 and
        # 10:00 … Untaxed Amount 1.639,60": the untaxed amount, no delivery charge)
        for k, (_start, end, a) in enumerate(labelled):
            # a later label only when it starts past this one ("Total excl. VAT 2552,72" is
            # one label, not a "VAT" of its own)
            if not any(b.value == a.value and s >= end for s, _e, b in labelled[k + 1 :]):
                out.append(a)
                break
    return out


def _one_digit_misread(printed: Decimal, worked_out: Decimal) -> bool:
    """Two amounts written alike but for one digit of the cents: 933,65 for 933,05 (a missing
    item would not cost less than a euro)."""
    a, b = f"{printed:.2f}", f"{worked_out:.2f}"
    return (
        abs(printed - worked_out) < 1
        and len(a) == len(b)
        and sum(x != y for x, y in zip(a, b, strict=True)) == 1
    )


def _close(a: Decimal, b: Decimal) -> bool:
    return abs(a - b) <= max(Decimal("0.011"), abs(b) * Decimal("0.0005"))


DISCOUNTED = 0.7  # an order discount below the lines: a person books it


def _after_discount(
    printed: AmountLine, value: Decimal, amount_lines: list[AmountLine], warnings: list[str]
) -> Field | None:
    """The net total after an order discount printed below the lines' sum ("Subtotal 394.60 /
    Discount 5 % -19.73 / Net goods value 374.87"): the goods' net, for a person to confirm
    (the lines stay at their prices)."""
    # …above the last total printed after it ("Trade discount 5% as agreed (Oct 2026)." in the
    # notes below the totals says no more), and less than the sum
    totals_after = [
        a.line.index
        for a in amount_lines
        if a.kind in ("net", "grand") and a.line.index > printed.line.index
    ]
    below = [
        a
        for a in amount_lines
        if a.kind in ("discount", "discount_rate")
        and printed.line.index < a.line.index < max(totals_after, default=10**9)
        and (a.kind == "discount_rate" or abs(a.value) < value)
    ]
    if not below:
        return None
    off = Decimal(0)
    for a in below:
        if a.kind == "discount":
            off += abs(a.value)
        else:
            off += (value * a.value / 100).quantize(Decimal("0.01"))
    if not 0 < off < value:
        return None
    after = value - off
    last = max(a.line.index for a in below)
    stated = next(
        (
            a
            for a in amount_lines
            if a.kind in ("net", "grand") and a.line.index > last and _close(a.value, after)
        ),
        None,
    )
    warnings.append(f"an order discount of {off} below the lines' sum {value}")
    return Field(
        value=stated.value if stated else after,
        confidence=DISCOUNTED,
        source=(stated or below[-1]).line.source_ref(),
        rule="label:net_total=sum_of_lines-discount",
    )


def _another_net_below(
    printed: AmountLine,
    value: Decimal,
    nets: list[AmountLine],
    charges: list[AmountLine],
    table_charges: Decimal,
) -> AmountLine | None:
    """Another net total printed below the one that is the lines' sum, which no charge
    explains: a deduction the page names in words we do not know ("Rebate for the site")."""
    for b in nets:
        if b.line.index <= printed.line.index or _close(b.value, value):
            continue
        between = sum(
            (c.value for c in charges if printed.line.index < c.line.index < b.line.index),
            Decimal(0),
        )
        before = sum((c.value for c in charges if c.line.index < b.line.index), Decimal(0))
        # (the charges between them, or above them among the items: "Versandkosten 25,00",
        # "Summe Waren netto 473,30", "Gesamt netto 498,30")
        if not any(
            _close(b.value, value + extra)
            for extra in (between, before, table_charges, table_charges + between)
        ):
            return b
    return None


def net_total(
    amount_lines: list[AmountLine],
    lines: list[ExtractedLine],
    *,
    table_charges: Decimal = Decimal(0),
) -> tuple[Field | None, Field | None, Field | None, list[str]]:
    """(total, grand_total, tax_total, warnings). ``table_charges`` are freight or packaging
    rows of the item table: a printed total that holds them is the goods' sum plus them."""
    warnings: list[str] = []
    line_sum: Decimal | None = None
    priced = [
        ln
        for ln in lines
        if ln.line_total is not None or (ln.unit_price is not None and ln.quantity is not None)
    ]
    if lines and len(priced) == len(lines):
        line_sum = sum(
            (
                ln.line_total
                if ln.line_total is not None
                else (ln.quantity * ln.unit_price / (ln.price_unit or 1)).quantize(Decimal("0.01"))
            )
            for ln in priced
        )
    qp_sum: Decimal | None = None
    if lines and all(ln.unit_price is not None and ln.quantity is not None for ln in lines):
        qp_sum = sum(
            (
                (ln.quantity * ln.unit_price / (ln.price_unit or 1)).quantize(Decimal("0.01"))
                for ln in lines
            ),
            Decimal(0),
        )
    nets = [a for a in amount_lines if a.kind == "net"]
    grands = [a for a in amount_lines if a.kind == "grand"]
    taxes = [a for a in amount_lines if a.kind == "tax"]
    charges = [a for a in amount_lines if a.kind == "charge"]
    tax_total = sum((a.value for a in taxes), Decimal(0)) if taxes else None
    grand = grands[-1] if grands else None
    grand_field = (
        Field(
            value=grand.value,
            confidence=0.8,
            source=grand.line.source_ref(),
            rule="label:grand_total",
        )
        if grand
        else None
    )
    tax_field = (
        Field(value=tax_total, confidence=0.7, source=taxes[0].line.source_ref(), rule="label:tax")
        if taxes
        else None
    )

    item_lines = [ln.source.get("line") for ln in lines if ln.source.get("line") is not None]
    first_item = min(item_lines) if item_lines else 10**9

    def matches_sum(a: AmountLine) -> Decimal | None:
        if line_sum is None:
            return None
        # charges printed among the items or between them and this total ("Carriage 15.00"
        # above "Total excl. VAT"): the total holds them, the goods are the lines' sum
        above = sum(
            (c.value for c in charges if first_item < c.line.index < a.line.index), Decimal(0)
        )
        candidates = list(a.candidates or [a.value])
        if a.line.source == TextSource.OCR:
            # "CHF -670.00" under items that add up to 670.00: a speck before the figure
            candidates += [-c for c in candidates if c < 0]
        if a.line.source == TextSource.OCR and all(c == c.to_integral_value() for c in candidates):
            # a scan's "192068" for 1920,68: the decimal mark lost, the digits the lines' sum
            candidates += [c / 100 for c in candidates]
        for c in candidates:
            if a.line.source == TextSource.OCR and qp_sum is not None and c == qp_sum != line_sum:
                # "Summe netto 547,00" and an item's amount misread "89,66" (4 × 22,40): the
                # quantities and prices add up to what is printed
                return c
            if (
                a.line.source == TextSource.OCR
                and qp_sum == line_sum
                and _one_digit_misread(c, line_sum)
            ):
                # "933,65" printed under items whose amounts and prices agree on 933,05: one
                # digit of the total misread, as a scan does
                return line_sum
            if _close(c, line_sum):
                # a scan's total a few cents off the lines' sum ("315,69" for 315,60): a
                # misread digit more likely than a rounding
                if a.line.source == TextSource.OCR and abs(c - line_sum) > Decimal("0.011"):
                    # …unless the items disagree with their own prices: one of theirs is
                    return line_sum if qp_sum in (None, line_sum) else c
                return c
            for extra in {table_charges, table_charges + above} - {Decimal(0)}:
                if _close(c, line_sum + extra):
                    return line_sum
        return None

    for a in nets:
        v = matches_sum(a)
        if v is not None:
            discounted = _after_discount(a, v, amount_lines, warnings)
            if discounted is not None:
                return discounted, grand_field, tax_field, warnings
            # "Subtotal 6441.20 / Rebate for the site -515.30 / Net total 5925.90": another net
            # below, which no charge between them explains, is what the order comes to
            below = _another_net_below(a, v, nets, charges, table_charges)
            if below is not None:
                warnings.append(f"a net total {below.value} below the lines' sum {v}")
            return (
                Field(
                    value=v,
                    confidence=DISCOUNTED if below is not None else 0.98,
                    source=a.line.source_ref(),
                    rule="label:net_total=sum_of_lines",
                ),
                grand_field,
                tax_field,
                warnings,
            )
    if not taxes and not charges:
        for a in grands:
            v = matches_sum(a)
            if v is not None:
                discounted = _after_discount(a, v, amount_lines, warnings)
                if discounted is not None:
                    return discounted, grand_field, tax_field, warnings
                # "Summe 2.104,60 / abzgl. 3 % Treuerabatt -63,14 / Nettobetrag 2.041,46"
                below = _another_net_below(a, v, nets, charges, table_charges)
                if below is not None:
                    warnings.append(f"a net total {below.value} below the lines' sum {v}")
                return (
                    Field(
                        value=v,
                        confidence=DISCOUNTED if below is not None else 0.96,
                        source=a.line.source_ref(),
                        rule="label:total=sum_of_lines",
                    ),
                    grand_field,
                    tax_field,
                    warnings,
                )
    for a in grands:
        # "Total brut HT 2 086.60 / Remise 3 % -62.60 / Net HT 2 024.00": the lines' sum under
        # a gross label, the discount and the net below it, the tax after
        v = matches_sum(a)
        discounted = _after_discount(a, v, amount_lines, warnings) if v is not None else None
        if discounted is not None:
            return discounted, grand_field, tax_field, warnings
    if nets:
        a = nets[0]
        if line_sum is not None:
            warnings.append(
                f"printed net total {a.value} differs from the sum of the lines {line_sum}"
            )
            return (
                Field(
                    value=a.value,
                    confidence=0.55,
                    source=a.line.source_ref(),
                    rule="label:net_total!=sum_of_lines",
                ),
                grand_field,
                tax_field,
                warnings,
            )
        return (
            Field(
                value=a.value, confidence=0.75, source=a.line.source_ref(), rule="label:net_total"
            ),
            grand_field,
            tax_field,
            warnings,
        )
    if line_sum is not None:
        if grand is not None:
            extra = (tax_total or 0) + sum((c.value for c in charges), Decimal(0))
            if _close(line_sum + extra, grand.value):
                return (
                    Field(
                        value=line_sum,
                        confidence=0.92,
                        source={},
                        rule="sum_of_lines=grand-tax-charges",
                    ),
                    grand_field,
                    tax_field,
                    warnings,
                )
            if not taxes and not charges:
                warnings.append(
                    f"printed total {grand.value} differs from the sum of the lines {line_sum}"
                )
                return (
                    Field(
                        value=grand.value,
                        confidence=0.5,
                        source=grand.line.source_ref(),
                        rule="label:total!=sum_of_lines",
                    ),
                    grand_field,
                    tax_field,
                    warnings,
                )
        return (
            Field(value=line_sum, confidence=0.8, source={}, rule="sum_of_lines"),
            grand_field,
            tax_field,
            warnings,
        )
    if grand is not None and not taxes and not charges:
        return (
            Field(
                value=grand.value,
                confidence=0.6,
                source=grand.line.source_ref(),
                rule="label:total",
            ),
            grand_field,
            tax_field,
            warnings,
        )
    return None, grand_field, tax_field, warnings
