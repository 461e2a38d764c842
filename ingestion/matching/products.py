"""Which of our products is this order line?

Candidates come from every code printed on the line — our SKU (compared without case,
spaces, dashes, dots), the customer's alias, a GTIN — and from the description (rapidfuzz over
the normalised catalogue, with sizes and colours that must agree). Each candidate's evidence
adds up: a code, a similar description, the price the customer pays. A code that contradicts
both the description and the price of the line (a template copying one part number onto
three lines) loses to the product the description and price agree on, with a lower confidence.

Units: the line keeps the quantity and unit as printed; ``quantity_in_product_unit`` is the
quantity in the product's own unit (see :mod:`ingestion.matching.quantities`), which the draft
books for a person to confirm.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from rapidfuzz import fuzz, process

from ingestion.extraction.model import ExtractedLine
from ingestion.matching.masterdata import MasterData, code_shape, norm_code, price_close
from ingestion.matching.quantities import quantity_in_product_unit
from ingestion.matching.text import description_similarity, garment_sizes, norm_description


@dataclass(frozen=True)
class ProductMatch:
    sku: str | None
    confidence: float
    candidates: tuple[tuple[str, float], ...] = ()  # (sku, evidence score), best first
    rule: str = ""
    unit: str | None = None  # the product's unit
    quantity_in_product_unit: Decimal | None = None
    expected_price: Decimal | None = None
    evidence: dict[str, list[str]] = field(default_factory=dict)

    def to_json(self) -> dict:
        return {
            "sku": self.sku,
            "confidence": round(self.confidence, 4),
            "candidates": [[s, round(v, 3)] for s, v in self.candidates],
            "rule": self.rule,
            "unit": self.unit,
            "quantity_in_product_unit": None
            if self.quantity_in_product_unit is None
            else format(self.quantity_in_product_unit, "f"),
            "expected_price": None
            if self.expected_price is None
            else format(self.expected_price, "f"),
        }


def _priced_like_one_of_ours(price: Decimal, query: str, md: MasterData, add) -> None:
    """Words nobody matched ("Vérin compact ISO 21287 Ø40 course 50", the catalogue in another
    language), priced to the cent as one product of ours that shares a telling word with them
    ("21287", "compact"): that one, proposed for a person to confirm."""
    index = md.index
    priced = index.products_by_price.get(price.quantize(Decimal("0.01")), [])
    if not priced or len(priced) > 20:
        return
    words = {w for w in query.split() if len(w) >= 5 or (re.search(r"\d", w) and len(w) >= 2)}
    sharing = [i for i in priced if words & set(index.product_descriptions[i].split())]
    if len(sharing) == 1:
        add(index.product_skus[sharing[0]], 1.6, "price_and_a_word")


def _code_variants(code: str) -> list[str]:
    n = norm_code(code)
    out = [n]
    # a printed prefix or suffix the catalogue does not carry: "ART-12345", "12345-EA"
    m = re.match(r"^(?:ART|REF|SKU|NR|NO|PN)(.+)$", n)
    if m:
        out.append(m.group(1))
    return out


MAX_POOL = 2000


def _description_pool(query: str, md: MasterData) -> dict[int, str]:
    """Catalogue descriptions sharing words with the query, the rarest shared words first."""
    index = md.index
    tokens = sorted(
        {t for t in query.split() if t in index.description_tokens},
        key=lambda t: len(index.description_tokens[t]),
    )
    if not tokens:
        return (
            dict(enumerate(index.product_descriptions))
            if len(index.product_descriptions) <= MAX_POOL
            else {}
        )
    counts: dict[int, int] = defaultdict(int)
    for token in tokens:
        postings = index.description_tokens[token]
        if len(postings) > 5 * MAX_POOL and counts:
            continue  # a word most products share adds nothing
        for i in postings:
            counts[i] += 1
    best = sorted(counts, key=lambda i: -counts[i])[:MAX_POOL]
    return {i: index.product_descriptions[i] for i in best}


def _says_less(queries: list[str], catalogue: str | None) -> bool:
    """The written description is the catalogue's, shortened: every word and size of it is
    in the catalogue's ("tape brown 50 mm" of "PP packaging tape 50 mm x 66 m, brown")."""
    if not catalogue:
        return False
    words = set(catalogue.split())
    return any(q and set(q.split()) <= words for q in queries)


def _fuzzy_codes(codes: list[str], customer: str | None, md: MasterData, add) -> None:
    """Codes misread by OCR (LBL-100-S0-TT) or mistyped: the same shape, or one character off."""
    index = md.index
    for code in codes[:3]:
        n = norm_code(code)
        if len(n) < 4:
            continue
        shape = code_shape(n)
        for sku in index.product_by_shape.get(shape, []):
            add(sku, 3.0, f"sku_ocr:{code}")
        if customer and (customer, shape) in index.alias_by_shape:
            add(index.alias_by_shape[(customer, shape)], 3.0, f"alias_ocr:{code}")
        for match, score, idx in process.extract(
            n, index.norm_skus, scorer=fuzz.ratio, limit=3, score_cutoff=84
        ):
            add(index.product_skus[idx], _fuzzy_points(n, match, score), f"sku_fuzzy:{code}")
        if customer:
            keys = index.alias_keys_by_customer.get(customer, [])
            for match, score, _idx in process.extract(
                n, keys, scorer=fuzz.ratio, limit=2, score_cutoff=84
            ):
                add(
                    index.alias[(customer, match)],
                    _fuzzy_points(n, match, score),
                    f"alias_fuzzy:{code}",
                )


def _fuzzy_points(code: str, match: str, score: float) -> float:
    """A code near one of ours: a letter off is a typo; another number in the same series
    ("MIP-VIS-2330" beside our alias "MIP-VIS-2308") is as likely the next article as a typo,
    so alone it proposes nothing."""
    if re.sub(r"\d", "#", code) == re.sub(r"\d", "#", match):
        return 0.9
    return 2.2 if score >= 90 else 1.5


_TEXT_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9./_-]*[A-Za-z0-9]")


def _codes_in_text(
    line: ExtractedLine, codes: list[str], customer: str | None, md: MasterData, add
) -> None:
    """Our SKU, the customer's part number or a GTIN written inside the description or a text
    line under the item ("Ihre Materialnummer: 281-0016", "[280-0028] Foret HSS", "210-0113
    Roulement"): each word looked up exactly. A bare number of four digits or fewer counts
    only as the description's first word (where codes lead), not as a size inside it."""
    index = md.index
    texts = [line.description or "", *(line.description_lines or ())]
    raw, head = line.raw_text or "", (line.description or "")[:20]
    if head and head in raw and raw.index(head) > 0:
        # the words before the description on the printed line: "79948 Natriumchlorid ..."
        # (the customer's item number, in no column the reader knew)
        texts.append(" ".join(w for w in raw[: raw.index(head)].split() if len(w) >= 5))
    seen: set[str] = {norm_code(c) for c in codes}
    if customer:
        # "COL 5.0 Coloration crème 5/0": a part number with a space in it, split by the
        # reader at its space into the code and a word the code's column did not hold
        for code in codes:
            after = re.search(rf"(?<!\S){re.escape(code)}\s+(\S{{1,6}})", line.raw_text or "")
            if after is None or not re.search(r"\d", after[1]):
                continue
            joined = norm_code(f"{code} {after[1]}")
            if (customer, joined) in index.alias:
                add(index.alias[(customer, joined)], 4.0, f"alias_split:{code} {after[1]}")
    for text in texts:
        for k, m in enumerate(_TEXT_TOKEN.finditer(text)):
            token = m.group(0)
            n = norm_code(token)
            # a code has a digit, or is an upper-case word with a dash ("ABS-GRAN", "NG-S-BL")
            # (or one of our SKUs word for word, whatever its case: "CHL-AcOH-GL")
            upper_code = (
                "-" in token
                and len(token) >= 5
                and (token.upper() == token or n in index.product_by_norm_sku)
            )
            if n in seen or len(n) < 3 or not (re.search(r"\d", n) or upper_code):
                continue
            seen.add(n)
            if n.isdigit() and len(n) <= 4 and (k > 0 or token != n):
                continue
            # a token shaped like a code ("210-0113", "MF-48525") says more than bare digits
            points = 3.2 if token.isdigit() else 3.7
            for sku in index.product_by_norm_sku.get(n, []):
                add(sku, points, f"sku_in_text:{token}")
            if customer and (customer, n) in index.alias:
                add(index.alias[(customer, n)], points, f"alias_in_text:{token}")
            if len(n) >= 5 and re.search(r"[A-Z]", n) and n not in index.product_by_norm_sku:
                # a code a scan misread inside the text ("DMX-NCSMXX" for DMX-NC5MXX)
                shape = code_shape(n)
                for sku in index.product_by_shape.get(shape, []):
                    add(sku, 3.0, f"sku_ocr_in_text:{token}")
                if customer and (customer, shape) in index.alias_by_shape:
                    add(index.alias_by_shape[(customer, shape)], 3.0, f"alias_ocr_in_text:{token}")
            if len(n) in (8, 12, 13, 14) and n.isdigit():
                sku = index.product_by_gtin.get(n.lstrip("0"))
                if sku:
                    add(sku, 3.7, f"gtin_in_text:{token}")
    _split_codes(line, customer, md, add)


def _split_codes(line: ExtractedLine, customer: str | None, md: MasterData, add) -> None:
    """A code printed or read in pieces ("MF 35449", "KP-707 79", "BP 514 781"): a word with
    letters followed by one or two groups of digits, joined, looked up exactly."""
    index = md.index
    for text in (line.raw_text or "", *(line.description_lines or ())):
        _split_codes_in(text.split(), customer, index, add)


def _split_codes_in(words: list[str], customer: str | None, index, add) -> None:
    for i, first in enumerate(words):
        if not re.search(r"[A-Za-z]", first) or len(first) > 10:
            continue
        for span in (2, 3):
            parts = words[i : i + span]
            if len(parts) < span or not all(re.fullmatch(r"\d{2,6}", p) for p in parts[1:]):
                break
            joined = norm_code("".join(parts).replace(":", ""))
            for sku in index.product_by_norm_sku.get(joined, []):
                add(sku, 3.2, f"sku_split:{' '.join(parts)}")
            if customer and (customer, joined) in index.alias:
                add(index.alias[(customer, joined)], 3.2, f"alias_split:{' '.join(parts)}")


# a size or a paper format read as a part number: "250x200x150", "1200 x 800", "A4", "D/4"
_SIZE_CODE = re.compile(
    r"\d+(?:[.,]\d+)?(?:\s*[x×*]\s*\d+(?:[.,]\d+)?)+(?:\s*mm)?|[A-C][0-6]|[A-K]\s*/\s*\d{1,2}",
    re.IGNORECASE,
)


def _size_codes(codes: list[str]) -> list[str]:
    return [c for c in codes if _SIZE_CODE.fullmatch(c.strip())]


def _written(line: ExtractedLine, codes: list[str]) -> str:
    """What the buyer wrote of the product: the description, with the words before it that
    the reader took for the unit ("60 *palettes* EUR occasion", "200 *cartons* 250x200x150")
    and a size read as a part number."""
    description = line.description or ""
    raw = line.raw_text or ""
    before = ""
    if description and description in raw:
        before = raw[: raw.index(description)]
    elif not description:
        before = raw
    words = [
        w
        for w in re.split(r"\s+", before)
        if re.fullmatch(r"[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ.'’-]+", w)  # words, not a code or a number
    ]
    sizes = [c for c in _size_codes(codes) if c not in description]
    if len(words) > 3:
        words = []  # a sentence, not a unit ("Merci de nous livrer 20 rouleaux de")
    return " ".join([*words, description, *sizes]).strip()


def _near_our_price(price: Decimal, expected: Decimal | None) -> bool:
    """Our price, or at most a tenth below it (the customer's discount)."""
    return (
        expected is not None
        and expected > 0
        and Decimal("0.9") <= price / expected <= Decimal("1.005")
    )


# a product the words fit a little better than any other: proposed, never trusted
WEAK_WORDS = 72.0
WEAK_LEAD = 5.0
WEAK_PROPOSAL = 0.3


def match_product(
    line: ExtractedLine,
    customer_code: str | None,
    md: MasterData,
    *,
    top: int = 5,
    currency: str | None = None,
    price_share: Decimal | None = None,
) -> ProductMatch:
    """Match one extracted line to our catalogue (see module docstring). ``currency`` is the
    one the document prints: our prices in another say nothing of the line's, unless
    ``price_share`` says at what share of ours the order's other lines are priced."""
    index = md.index
    scores: dict[str, float] = defaultdict(float)
    reasons: dict[str, list[str]] = defaultdict(list)

    def expected_of(sku: str) -> Decimal | None:
        """The customer's price, else our list's; in another currency, our list's at the
        share of it the order's other lines are priced at (to the cent), if one is known."""
        expected = md.expected_price(customer_code, sku, currency)
        if expected is None and price_share is not None:
            ours = md.product(sku).list_price
            expected = (ours * price_share).quantize(Decimal("0.01")) if ours else None
        return expected

    def add(sku: str, points: float, reason: str) -> None:
        kind = reason.split(":")[0]
        if any(r.split(":")[0] == kind for r in reasons[sku]):
            return
        scores[sku] += points
        reasons[sku].append(reason)

    codes = []
    for code in (line.sku, line.customer_sku, *line.codes):
        if code and code not in codes:
            codes.append(code)
    customer = customer_code.upper() if customer_code else None
    for position, code in enumerate(codes):
        weight = 1.0 if position == 0 or code in (line.sku, line.customer_sku) else 0.85
        for variant in _code_variants(code):
            for sku in index.product_by_norm_sku.get(variant, []):
                exact = sku == code
                add(sku, (4.2 if exact else 3.8) * weight, f"sku:{code}")
            if customer and (customer, variant) in index.alias:
                add(index.alias[(customer, variant)], 4.2 * weight, f"alias:{code}")
            elif variant in index.alias_any and len(index.alias_any[variant]) == 1:
                add(
                    next(iter(index.alias_any[variant])),
                    1.2 * weight,
                    f"alias_other_customer:{code}",
                )
            digits = re.sub(r"\D", "", code)
            if len(digits) in (8, 12, 13, 14) and digits == norm_code(code):
                sku = index.product_by_gtin.get(digits.lstrip("0"))
                if sku:
                    add(sku, 4.2 * weight, f"gtin:{code}")
    if not scores:
        # a manufacturer's number our description quotes ("Wago 221-415")
        written = " ".join([*codes, line.description or ""])
        for token in re.findall(r"(?<![\w-])\d{2,}[-./]\d{2,}(?:[-./]\d+)*(?![\w-])", written):
            skus = index.description_codes.get(norm_code(token), [])
            if len(skus) == 1:
                add(skus[0], 3.0, f"code_in_description:{token}")
    if not scores:
        _codes_in_text(line, codes, customer, md, add)
    if not scores:
        _fuzzy_codes(codes, customer, md, add)
    if line.gtin:
        sku = index.product_by_gtin.get(line.gtin.lstrip("0"))
        if sku:
            add(sku, 4.2, f"gtin:{line.gtin}")
    # description
    descriptions = []
    if line.description or _size_codes(codes):
        descriptions.append(norm_description(_written(line, codes)))
        if line.description and descriptions[0] != norm_description(line.description):
            descriptions.append(norm_description(line.description))
    elif codes and not scores:
        # "2 sac de T45": a word read as a part number that names none of ours; what the
        # buyer wrote, the code among the words
        descriptions.append(norm_description(" ".join([_written(line, codes), *codes])))
    whole = set(descriptions)  # the line's whole text, not the first of its rows
    if descriptions:
        for k in (1, 2):
            if len(line.description_lines) > k:
                partial = norm_description(" ".join(line.description_lines[:k]))
                # a first line of two words ("SIZE 8", the tail of the item above) says nothing
                if partial not in descriptions and len(partial.split()) >= 3:
                    descriptions.append(partial)
    desc_scores: dict[str, float] = {}
    exact: set[str] = set()  # our own catalogue text, word for word (in any order)
    for query in descriptions:
        if len(query) < 4:
            continue
        pool: dict[int, float] = {}
        choices = _description_pool(query, md)
        for scorer in (fuzz.token_sort_ratio, fuzz.token_set_ratio):
            for _m, _s, idx in process.extract(
                query, choices, scorer=scorer, limit=12, score_cutoff=50
            ):
                pool[idx] = 0.0
        for idx in list(choices)[:12]:  # the most rare words shared, in other words' company
            pool[idx] = 0.0
        for idx in pool:
            sku = index.product_skus[idx]
            similarity = description_similarity(
                query,
                index.product_descriptions[idx],
                vocabulary=index.description_tokens,
                products=len(index.product_descriptions),
            )
            desc_scores[sku] = max(desc_scores.get(sku, 0.0), similarity)
            if query in whole and sorted(query.split()) == sorted(
                index.product_descriptions[idx].split()
            ):
                exact.add(sku)
    if descriptions:
        # the whole line names a size ("… carton(s) taille XL"): its first row alone, which does
        # not, cannot make gloves size S as good a match
        wanted = garment_sizes(descriptions[0])
        for sku in list(desc_scores) if wanted else ():
            sizes = garment_sizes(index.description_by_sku.get(sku, ""))
            if sizes and sizes != wanted:
                desc_scores[sku] = min(desc_scores[sku], 80.0)
    strong_desc = max(desc_scores.values(), default=0.0)
    ranked_desc = sorted(desc_scores.values(), reverse=True)
    # far ahead of every other product ("Hexagon set screw … M8 x 40mm … bright zinc plated"
    # for our "Hex head screw ISO 4017 M8x40 grade 8.8 zinc plated", 71 for the next): what
    # the words point at, for a person to confirm
    lead = strong_desc - (ranked_desc[1] if len(ranked_desc) > 1 else 0)
    distinct = (strong_desc >= 75 and lead >= 15) or (strong_desc >= 70 and lead >= 20)
    # a description written out (not a size read as the part number) and no code on the line
    # naming a product
    words_only = len((line.description or "").split()) >= 2 and not any(
        r.startswith(("sku:", "alias:", "gtin:")) for rs in reasons.values() for r in rs
    )
    for sku, similarity in desc_scores.items():
        if distinct and similarity == strong_desc and similarity < 90:
            add(sku, 1.4 + similarity / 10_000, f"description:{similarity:.0f}")
            continue
        others = max((v for k, v in desc_scores.items() if k != sku), default=0.0)
        if similarity >= 97:
            points = 3.6  # alone, with no other product near it: confident (base 0.91)
        elif words_only and (
            (similarity >= 93 and similarity - others >= 8)
            # a little less close but far ahead of every other product, in words enough to
            # say which ("billes d'argile 50 L", "Bauhelm ABS weiss": right in 21 lines of 21
            # across six corpora new to us)
            or (
                similarity >= 90
                and similarity - others >= 10
                and len((line.description or "").split()) >= 3
            )
        ):
            # the buyer's own words name this product and no other comes near (seen right in
            # 75 lines of 75 across six independent corpora, sizes and colours agreeing)
            points = 3.6
        elif similarity >= 90:
            points = 2.4
        elif similarity >= 82:
            points = 1.4
        elif similarity >= 72:
            points = 0.5
        else:
            continue
        # the closer description first among products of equal points (no bearing on confidence)
        add(sku, points + similarity / 10_000, f"description:{similarity:.0f}")
    if len(exact) == 1:
        # the buyer copied our description: a neighbour that differs by a word ("single wall"
        # for "double wall") is not in doubt
        add(next(iter(exact)), 1.8, "exact_description")
    # a code that the description flatly contradicts, while another product fits the description
    # (unless the code's product is priced to the cent and the described one is not: words
    # wrapped into the row from its neighbour's, "infusion Chamomile flowers" beside HB-2001)
    each = line.unit_price
    if each is not None and line.price_unit and line.price_unit > 1:
        each = each / line.price_unit

    def priced_as(sku: str) -> bool:
        expected = expected_of(sku)
        return each is not None and expected is not None and price_close(each, expected)

    if strong_desc >= 95:
        for sku in list(scores):
            if (
                any(r.startswith(("sku:", "alias:", "gtin:")) for r in reasons[sku])
                and desc_scores.get(sku, 0.0) < 80
                and max((v for k, v in desc_scores.items() if k != sku), default=0.0) >= 95
                and not _says_less(descriptions, md.index.description_by_sku.get(sku))
                and not (
                    priced_as(sku)
                    and not any(
                        priced_as(other)
                        for other, v in desc_scores.items()
                        if other != sku and v >= 95
                    )
                )
            ):
                scores[sku] -= 1.2
                reasons[sku].append("description_contradicts")
    # a code read one character off ("ECO-2211" for our alias "ECO-2210") says less than words
    # that fit another product better ("Gants nitrile T. L": size L, the alias's is M)
    for sku in list(scores):
        if (
            any(r.startswith(("alias_fuzzy:", "sku_fuzzy:")) for r in reasons[sku])
            and not any(r.startswith(("sku:", "alias:", "gtin:")) for r in reasons[sku])
            and max((v for k, v in desc_scores.items() if k != sku), default=0.0)
            >= desc_scores.get(sku, 0.0) + 8
        ):
            scores[sku] -= 1.0
            reasons[sku].append("description_prefers_another")
    # price
    price = line.unit_price
    if price is not None and line.price_unit and line.price_unit > 1:
        price = price / line.price_unit  # "12,00 / 100": 0.12 a piece
    # a line discount: the price before it is our list price ("6,20 - 40 % = 3,72")
    gross = (
        price / (1 - line.discount / 100)
        if price is not None and line.discount and 0 < line.discount < 100
        else None
    )
    if price is not None:
        for sku in list(scores):
            # (our price at the order's share in another currency, not the customer's own)
            at_share = (
                price_share is not None and md.expected_price(customer_code, sku, currency) is None
            )
            expected = expected_of(sku)
            if expected is None:
                continue
            if price_close(price, expected) or (gross is not None and price_close(gross, expected)):
                # the customer's price to the cent beside words that name the product well:
                # as telling as a part number (seen right in 68 documents of 68)
                points = 2.1 if desc_scores.get(sku, 0.0) >= 82 else 1.5
                if (
                    points < 2.1
                    and desc_scores.get(sku, 0.0) >= 75
                    and max((v for k, v in desc_scores.items() if k != sku), default=0.0) < 72
                    and len(scores) == 1
                ):
                    # words that fit ours fairly, no other product of ours near them in any
                    # way, and the customer's price to the cent: one product only
                    points = 2.1
                # words that fit fairly (72+) and the price to the cent: a proposal worth making
                named = scores[sku] >= 1.0 or desc_scores.get(sku, 0.0) >= 72
                add(sku, points if named else 0.5, "price")
            elif expected and not at_share and abs(price - expected) / expected > Decimal("0.3"):
                # (a price off the share the other lines are at may be a pack's: it says
                # nothing against the product)
                scores[sku] -= 0.6
                reasons[sku].append("price_differs")
    other_currency = bool(
        currency
        and index.price_list_currency
        and currency.upper() != index.price_list_currency.upper()
    )
    if (
        max(scores.values(), default=0.0) < 1.0
        and price is not None
        and descriptions
        and not other_currency
    ):
        _priced_like_one_of_ours(price, descriptions[0], md, add)
    if not scores:
        return ProductMatch(None, 0.0, (), "no_candidate")
    ranked = sorted(scores.items(), key=lambda kv: kv[1], reverse=True)

    def matched(sku: str, confidence: float, prefix: str = "") -> ProductMatch:
        product = md.product(sku)
        return ProductMatch(
            sku=sku,
            confidence=confidence,
            candidates=tuple((s, round(v, 3)) for s, v in ranked[:top]),
            rule=prefix + "+".join(reasons[sku]),
            unit=product.unit if product else None,
            quantity_in_product_unit=(
                quantity_in_product_unit(line, product, expected_of(sku))
                if product is not None
                else None
            ),
            expected_price=expected_of(sku),
            evidence={s: reasons[s] for s, _ in ranked[:top]},
        )

    best_sku, best = ranked[0]
    if best < 1.0:
        ahead = sorted(desc_scores.items(), key=lambda kv: kv[1], reverse=True)
        if (
            ahead
            and ahead[0][0] == best_sku
            and ahead[0][1] >= WEAK_WORDS
            and ahead[0][1] - (ahead[1][1] if len(ahead) > 1 else 0.0) >= WEAK_LEAD
            and not any(r == "price_differs" for r in reasons[best_sku])
        ):
            # words that fit one product a little better than any other: the order desk's
            # first proposal, far below any threshold (a person picks it or another)
            return matched(best_sku, WEAK_PROPOSAL, "weak_description:")
        return ProductMatch(None, 0.0, tuple((s, round(v, 3)) for s, v in ranked[:top]), "too_weak")
    runner = ranked[1][1] if len(ranked) > 1 else 0.0
    base = 1 - math.exp(-best / 1.5)
    margin = min(1.0, max(0.0, best - runner) / 2.0)
    confidence = base * (0.4 + 0.6 * margin)
    code_kinds = ("sku:", "alias:", "gtin:")
    if not any(r.startswith(code_kinds) for r in reasons[best_sku]) and any(
        r.startswith(code_kinds) for sku, _ in ranked[1:] for r in reasons[sku]
    ):
        confidence = min(confidence, 0.85)  # the printed code says another product
    printed = line.customer_sku or line.sku
    if (
        printed
        and not _SIZE_CODE.fullmatch(printed.strip())
        and not any(r.startswith(code_kinds) for r in reasons[best_sku])
        and re.search(r"\d", printed)
        and len(printed) >= 4
        and not re.fullmatch(r"\d{1,4}(?:[.,]\d{1,3})?", printed)
        # unless the words name the product closely and the price is the one the customer
        # pays for it: two things the buyer wrote agree on it (seen right 68 times in 68)
        and not ("price" in reasons[best_sku] and desc_scores.get(best_sku, 0.0) >= 82)
        # …or the words name ours alone, no other product near them, and no price says
        # otherwise (the buyer's own number beside our description: seen right in 30 lines of
        # 30 across six corpora new to us)
        and not (
            desc_scores.get(best_sku, 0.0) >= 93
            and desc_scores[best_sku]
            - max((v for k, v in desc_scores.items() if k != best_sku), default=0.0)
            >= 8
            and (price is None or _near_our_price(price, expected_of(best_sku)))
        )
    ):
        # a part number nobody knows ("311-6464"): the words say which product, a person
        # confirms it once and the part number is learned
        confidence = min(confidence, 0.85)
    return matched(best_sku, round(min(0.99, confidence), 4))
