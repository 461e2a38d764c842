"""Is this document a purchase order? Titles decide: an invoice, a quote, a trade or order
confirmation, a delivery note or a statement is not an order, even when it lists items."""

from __future__ import annotations

import re

from ingestion.extraction.geometry import TextLine
from ingestion.layout import TextSource

_NEGATIVE = [
    (
        "order_confirmation",
        r"order\s+(?:confirmation|acknowledge?ment)|confirmation\s+de\s+commande|accuse\s+de\s+reception(?:\s+de\s+commande)?|auftragsbestatigung|bestellbestatigung|sales\s+order\s+confirmation",
    ),
    (
        "invoice",
        r"(?:(?:tax\s+|commercial\s+|pro[\s-]?forma\s+)?invoice(?!\s*(?:to|address|adresse|date))|facture(?!r|\s*(?:a\b|adresse))|rechnung(?!s?\s*(?:an\b|adresse|anschrift|empfanger))|factuur)"
        # "Rechnung wie immer an Basel.", "facture comme d'habitude à Lyon": where to bill
        r"(?!(?:\s+[a-z']+){1,3}\s+(?:an|to|a|chez|au)\b)",
    ),
    ("credit_note", r"credit\s+(?:note|memo)|avoir|gutschrift"),
    (
        "quote_request",
        r"demande\s+de\s+prix|demande\s+d'?\s*offre|demande\s+de\s+cotation"
        r"|request\s+for\s+(?:quotation|quote|proposal|pricing)|rfq|price\s+(?:request|enquiry|inquiry)"
        r"|(?:preis|angebots)anfrage|anfrage",
    ),
    (
        "quote",
        r"quotation|quote|devis|offre\s+de\s+prix|proposition\s+commerciale|angebot|kostenvoranschlag",
    ),
    (
        "delivery_note",
        r"delivery\s+note|packing\s+(?:list|slip)|bon\s+de\s+livraison|lieferschein|dispatch\s+note",
    ),
    (
        "statement",
        r"statement(?:\s+of\s+account)?|releve\s+de\s+compte|kontoauszug|account\s+statement",
    ),
    ("remittance", r"remittance(?:\s+advice)?|avis\s+de\s+paiement|zahlungsavis"),
    (
        "return_note",
        r"(?:waren)?rucksende(?:schein|schreiben)|(?:waren)?rucksendung|retouren?(?:schein)?"
        r"|returns?\s+(?:note|form|slip|authori[sz]ation|request)|goods\s+return(?:ed)?"
        r"|bon\s+de\s+retour|avis\s+de\s+retour|retour\s+(?:de\s+)?marchandises?"
        r"|reklamation|reclamation",
    ),
    ("confirmation", r"trade\s+confirmation|confirmation|bestatigung"),
    ("receipt", r"receipt|recu|quittung|kassenbon"),
    ("reminder", r"payment\s+reminder|dunning|mahnung|relance"),
]
_ORDER = r"purchase\s+order|order\s+form|p\.?\s?o\.?(?=\s|$|#|:)|bon\s+de\s+commande|commande(?:\s+fournisseur)?|bestellung|bestellschein|einkaufsbestellung|auftrag|order|replenishment\s+order|reorder|nachbestellung"
# "réf. devis", "your quotation", "Votre commande n°": a reference to another document, not a title
_REFERENCE_TO = re.compile(
    r"(?:\bref(?:erence)?\.?|\bvotre|\bvos|\bnotre|\bnos|\byour|\bour|\bihre?|\bunsere?|\bn°|\bno\.?|\bselon|\bsuivant|\bper|\bas\s+per|\bgemass|\bgem\.|\blaut|\blt\.|\bzu(?:r|m)?|\bsee|\bvoir|\bsiehe|\baccording\s+to|\bfollowing|\bsuite\s+a|\bconformement\s+a|\bcf\.?|\bwie|\bim|\bdem|\bdu|\bau|\bthe)\s*$"
)
# "merci pour la confirmation ci-dessous", "thanks for your quote below": a word on a message
# of the thread, not what this one is
_OF_ANOTHER_MESSAGE = re.compile(
    r"\b(?:merci|thanks?|thank\s+you|danke|vielen\s+dank)\b.*\b(?:pour|for|fur)\b"
    r"|ci-dessous|ci-apres|\bbelow\b|\bunten\b|untenstehend"
)
_NEG_RES = [(kind, re.compile(rf"(?<![a-z])(?:{p})(?![a-z])")) for kind, p in _NEGATIVE]
_ORDER_RE = re.compile(rf"(?<![a-z])(?:{_ORDER})(?![a-z])")


# "ce n'est pas encore une commande", "This is NOT an order yet", "dies ist keine neue
# Bestellung": the sender says so; "not a new order, but a change to PO 4711" is still one
_SAYS_NOT_AN_ORDER = re.compile(
    r"(?:\b(?:this|it|which)\s+is\s+not\s+(?:yet\s+)?(?:an?\s+)?(?:firm\s+|new\s+|official\s+)?"
    r"(?:purchase\s+)?order(?!\s+(?:confirmation|number|no\b))"
    r"|\bnot\s+to\s+be\s+(?:treated|processed)\s+as\s+an?\s+order"
    r"|\b(?:ce(?:ci)?\s+n'?\s*est|il\s+ne\s+s'?\s*agit)\s+pas\s+(?:encore\s+)?(?:d'?\s*)?une\s+"
    r"(?:nouvelle\s+|vraie\s+)?commande"
    r"|\b(?:dies|das|es)\s+ist\s+(?:noch\s+)?kein(?:e)?\s+(?:neue\s+|feste\s+|verbindliche\s+)?"
    r"(?:bestellung|auftrag)"
    r"|\bkeine\s+neue\s+bestellung|\bnoch\s+keine\s+bestellung"
    # "ne constitue pas une commande", "does not constitute an order", "stellt keine
    # Bestellung dar"
    r"|\bne\s+(?:constitue|vaut)\s+pas\s+(?:une\s+)?(?:bon\s+de\s+)?commande"
    r"|\bdoes\s+not\s+(?:constitute|represent)\s+an?\s+(?:firm\s+|purchase\s+)?order"
    r"|\bstellt\s+(?:noch\s+)?keine\s+(?:verbindliche\s+)?(?:bestellung|auftrag))\b"
    r"(?![^.;]{0,60}\b(?:but|sondern|mais)\b)"
)


def says_it_is_not_an_order(lines: list[TextLine]) -> bool:
    """The document's own words (not those of a message it quotes) say it is no order."""
    from ingestion.splitting.quotes import is_quote_header

    texts = [ln.text for ln in lines]
    own = []
    for k, ln in enumerate(lines):
        if ln.source == TextSource.PLAIN and (
            ln.text.lstrip().startswith(">") or is_quote_header(texts, k)
        ):
            break  # what follows is a message it quotes
        own.append(ln.norm)
    return bool(_SAYS_NOT_AN_ORDER.search(" ".join(own)))


def classify(
    lines: list[TextLine], *, has_lines: bool, title_lines: int = 14
) -> tuple[bool, str, str]:
    """(is_order, document_type, reason)."""
    if not lines:
        return False, "empty", "no text found"
    if says_it_is_not_an_order(lines):
        return False, "not_an_order", "the document says it is not an order"
    negative, order_score = _title_scores(lines, title_lines)
    if negative:
        kind = max(negative, key=lambda k: negative[k])
        if negative[kind] > order_score or (negative[kind] == order_score and not has_lines):
            return (
                False,
                kind,
                f"the document is titled as a {kind.replace('_', ' ')}, not a purchase order",
            )
    if order_score > 0 or has_lines:
        return True, "purchase_order", ""
    return False, "unknown", "no order title and no order lines found"


def titled_as_order(lines: list[TextLine], *, title_lines: int = 14) -> bool:
    """The top of the first page names the document an order ("COMMANDE", "Bestellung")."""
    if not lines:
        return False
    negative, order_score = _title_scores(lines, title_lines)
    return order_score > 0 and order_score > max(negative.values(), default=0.0)


def _title_scores(lines: list[TextLine], title_lines: int) -> tuple[dict[str, float], float]:
    first_page = lines[0].page
    top = [ln for ln in lines if ln.page == first_page][:title_lines]
    heights = sorted(ln.height for ln in lines)
    median_height = heights[len(heights) // 2] if heights else 10
    negative: dict[str, float] = {}
    order_score = 0.0
    for rank, ln in enumerate(top):
        weight = (
            1.0
            + max(0.0, (ln.height / max(median_height, 1)) - 1.0) * 2
            + (0.5 if rank < 4 else 0.0)
        )
        for s0, s1 in ln.segments:
            if s1 - s0 > 6:
                continue
            text = ln.norm[ln.spans[s0][0] : ln.spans[s1 - 1][1]]
            masked = text
            # an email's sentence ("Merci pour la confirmation ci-dessous.") speaks of another
            # document; a title does not end with a full stop
            sentence = (
                ln.source == TextSource.PLAIN
                and text.rstrip().endswith(".")
                and s1 - s0 >= 3
                and _OF_ANOTHER_MESSAGE.search(text)
            )
            for kind, pattern in _NEG_RES if not sentence else ():
                for m in pattern.finditer(masked):
                    masked = masked[: m.start()] + " " * (m.end() - m.start()) + masked[m.end() :]
                    if not _REFERENCE_TO.search(text[: m.start()]):
                        negative[kind] = negative.get(kind, 0.0) + weight
            for m in _ORDER_RE.finditer(masked):
                if not _REFERENCE_TO.search(masked[: m.start()]):
                    order_score += weight
                    break
    return negative, order_score
