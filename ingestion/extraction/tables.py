"""Order lines from tables, with or without ruling lines.

1. Header rows are recognised by their vocabulary (EN/FR/DE) — a line whose segments read as
   at least two column titles, one of them a quantity, price or amount — and merged with a
   second header line right below ("Unit" / "Price").
2. Each body line's words are assigned to the columns by a monotonic alignment (dynamic
   programming) that weighs horizontal distance to the column title against the type of the
   word (a price column takes numbers, a description takes anything), so a long description
   running under the quantity title does not swallow the quantity.
3. Rows with a quantity are items; text-only rows are wrapped descriptions, attached to the
   nearest item; rows starting with subtotal/total/tax words end the table. Tables go on over
   page breaks, with or without a repeated header.
4. qty × price ≈ total picks the reading of ambiguous numbers and swaps mislabelled numeric
   columns, and raises the line's confidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from ingestion.extraction import dates as dates_mod
from ingestion.extraction.geometry import TextLine, fold
from ingestion.extraction.model import ExtractedLine
from ingestion.extraction.numbers import number_candidates, parse_number
from ingestion.extraction.units import normalise_unit, split_quantity_unit
from ingestion.layout import TextSource

_ROLE_PATTERNS: list[tuple[str, str]] = [
    (
        "gtin",
        r"gtin|ean(?:[\s-]*(?:13|8|code|nr\.?|no\.?))?|upc|barcode|bar\s+code|code[\s-]+barres?|ean/upc",
    ),
    (
        "line_no",
        r"pos\.?|position|line(?:\s*(?:no\.?|#))?|ln\.?|lfd\.?[\s-]*nr\.?|ligne|zeile|nr\.?|no\.?|n°|#|item\s+line",
    ),
    (
        "sku",
        r"(?:your|vendor|supplier'?s?|manufacturer|mfr\.?|mfg\.?)\s*(?:part|item|article|art\.?|ref\.?|reference|sku|code|product|cat\.?|catalog)?\s*(?:no\.?|number|#|code|nr\.?)?|"
        r"votre\s+ref(?:erence)?\.?|ref(?:erence)?\.?\s+(?:fournisseur|fourn\.?|fabricant)|code\s+fournisseur|"
        r"ihre\s+art(?:ikel)?[\s.-]*(?:nr\.?|nummer|no\.?)?|lieferanten[\s-]*(?:art(?:ikel)?[\s.-]*)?(?:nr\.?|nummer)|hersteller[\s-]*(?:art(?:ikel)?[\s.-]*)?(?:nr\.?|nummer)|sku",
    ),
    (
        "customer_sku",
        r"(?:our|buyer'?s?|customer|internal|client)\s*(?:part|item|article|ref\.?|reference|code|material|product)\s*(?:no\.?|number|#|code|nr\.?)?|"
        r"notre\s+ref(?:erence)?\.?|ref(?:erence)?\.?\s+(?:interne|client)|code\s+(?:interne|client)|"
        r"unsere\s+art(?:ikel)?[\s.-]*(?:nr\.?|nummer)?|material(?:nummer|[\s.-]*nr\.?|[\s.-]*no\.?)?|mat\.?[\s-]*nr\.?|materialnr\.?",
    ),
    (
        "code",
        r"item(?:\s*(?:no\.?|number|#|code|id|ref\.?))?|part(?:\s*(?:no\.?|number|#|code))?|p/n|pn|"
        r"article(?:\s*(?:no\.?|number|#|code|n°))?|art\.?(?:[\s.-]*(?:nr\.?|no\.?|n°|#))?|artikel(?:[\s.-]*(?:nr\.?|nummer|no\.?))?|artikelnummer|art\.?-?nr\.?|"
        r"product(?:\s*(?:code|no\.?|id|#|number))?|prod\.?\s*(?:code|no\.?)|ref(?:erence)?\.?(?:\s*(?:article|produit|no\.?|n°))?|code(?:\s*(?:article|produit|art\.?))?|"
        r"catalog(?:ue)?\s*(?:no\.?|#|number)|cat\.?\s*no\.?|model|modele|teile(?:nummer|[\s-]*nr\.?)|sachnummer|id",
    ),
    (
        "description",
        r"(?:item|article|product|goods)?\s*(?:description|descr\.?|desc\.?)|designation(?:\s+(?:article|produit))?|libelle|article|produit|"
        r"(?:artikel)?bezeichnung|beschreibung|artikeltext|produkt|text|denomination|name|details?|goods|marchandises?|products?|items?|articles?|artikel|leistung|item\s+name|product\s+name",
    ),
    (
        "quantity",
        r"qty\.?(?:\s*(?:ordered|ord\.?|req(?:uested)?\.?))?|quantity(?:\s+ordered)?|quantities|qte\.?|qte\s+commandee|quantite(?:\s+commandee)?|qt\.?|quant\.?|menge|bestellmenge|anzahl|anz\.?|stuck(?:zahl)?|ordered|order\s+qty|nb|nbre|nombre|units|q\.?te|mng\.?|mge\.?",
    ),
    (
        "unit",
        r"unit(?:\s+of\s+measure)?|uom|u/m|u\.?m\.?|unite|u\.?|einheit|mengeneinheit|me|eh|pack(?:aging)?|conditionnement|cond\.?|vpe|ve|per",
    ),
    (
        "unit_price",
        r"unit\s*(?:price|cost|rate)(?:\s*\(?(?:eur|usd|gbp|chf|€|\$|£)\)?)?|price(?:\s*(?:each|/\s*unit|per\s+unit|/\s*ea\.?|unit|net|ea\.?|\(?(?:eur|usd|gbp|chf|€|\$|£)\)?))*|u\.?\s*price|rate|cost|each|"
        r"prix(?:\s*(?:unitaire|unit\.?|u\.?|net|ht|de\s+base|\(?(?:eur|€)\)?))*|p\.?\s?u\.?(?:\s*(?:ht|net|€|eur))*|pu\s*ht|tarif(?:\s+unitaire)?|"
        r"einzelpreis(?:\s*(?:netto|eur|€))?|e-?preis|stuckpreis|preis(?:\s*(?:/|je|pro)\s*(?:einheit|stk\.?|stuck|st\.?|me|pe))?(?:\s*(?:netto|eur|€))?|nettopreis|listenpreis|ep|vk-?preis",
    ),
    ("discount", r"disc(?:ount)?\.?\s*%?|remise\s*%?|rabais|rabatt\s*%?|nachlass|%|rem\.?"),
    (
        "line_total",
        r"(?:line\s+|extended\s+|ext\.?\s*)?(?:total|amount|price|cost)(?:\s*(?:price|amount|net|ht|\(?(?:eur|usd|gbp|chf|€|\$|£)\)?))*|ext\.?|extension|"
        r"montant(?:\s*(?:ht|total|net|ligne|\(?(?:eur|€)\)?))*|total\s+(?:ht|ligne)|prix\s+total(?:\s+ht)?|"
        r"gesamt(?:preis|betrag|wert)?(?:\s*(?:netto|eur|€))?|betrag(?:\s*(?:netto|eur|€))?|summe|wert|net\s+amount|net\s+value|value|sum|positionswert|nettowert|gesamtpreis",
    ),
    (
        "date",
        r"(?:delivery|ship(?:ping)?|due|req(?:uested)?\.?|need(?:ed)?|required)\s*(?:date|by)|date(?:\s+(?:de\s+)?livraison)?|date\s+livr\.?|livraison|delai|"
        r"liefer(?:datum|termin|tag|woche)|termin|datum|wunschtermin|kw",
    ),
    (
        "ignore",
        r"tax(?:\s*%)?|vat(?:\s*%)?|tva(?:\s*%)?|mwst\.?(?:\s*%)?|ust\.?(?:\s*%)?|taux|cur(?:rency)?\.?|devise|wahrung|weight|poids|gewicht|status",
    ),
]
_ROLE_RES = [(role, re.compile(rf"(?:{pattern})[\s.:#()]*")) for role, pattern in _ROLE_PATTERNS]
NUMERIC_ROLES = {"quantity", "unit_price", "line_total", "discount"}
CODE_ROLES = {"sku", "customer_sku", "code", "gtin"}

_TOTAL_ROW = re.compile(
    r"^(?:sub[\s-]?total|total|totals|grand\s+total|net\s+total|order\s+total|po\s+total|sum|summe|zwischensumme|"
    r"gesamt(?:summe|betrag|preis)?|endbetrag|nettobetrag|netto(?:summe|betrag)?|brutto(?:summe|betrag)?|warenwert|"
    r"sous[\s-]total|montant\s+(?:total|ht|ttc)|total\s+(?:ht|ttc|net|general|commande)|net\s+a\s+payer|"
    r"tax(?:es)?|sales\s+tax|vat|tva|mwst|ust|shipping|freight|ship/ins|handling|carriage|delivery\s+charge|"
    r"frais(?:\s+de\s+port)?|port|fracht|versand(?:kosten)?|verpackung|porto|emballage|discount|remise|rabatt|"
    r"amount\s+due|balance|montant|betrag)\b",
)
_CURRENCY_TOKEN = re.compile(r"^(?:[€$£¥]|eur|usd|gbp|chf|fr\.?|euro?s?)$", re.IGNORECASE)
_GTIN = re.compile(r"^\d{8}$|^\d{12,14}$")
_CODE = re.compile(r"^(?=.*\d)[A-Za-z0-9][A-Za-z0-9\-/._#]{1,30}$|^[A-Z]{2,}[A-Z0-9\-/._]*$")


def gtin_valid(code: str) -> bool:
    if not _GTIN.match(code):
        return False
    digits = [int(c) for c in code]
    check = digits.pop()
    total = sum(d * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(digits)))
    return (10 - total % 10) % 10 == check


def classify_header(text: str) -> str | None:
    t = fold(text).strip(" :.#*")
    t = re.sub(r"\s+", " ", t)
    for role, pattern in _ROLE_RES:
        if pattern.fullmatch(t):
            return role
    return None


@dataclass
class Column:
    role: str
    x0: float
    x1: float
    text: str

    @property
    def xc(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass
class Header:
    line: TextLine
    columns: list[Column]
    lines_used: int = 1
    score: float = 0.0
    bottom: float = 0.0


def _header_cells(line: TextLine) -> tuple[list[Column], int]:
    """Greedy longest-match of column titles over each segment; returns cells and unknown words."""
    cells: list[Column] = []
    unknown = 0
    for s0, s1 in line.segments:
        i = s0
        while i < s1:
            best = None
            for j in range(min(s1, i + 5), i, -1):
                role = classify_header(line.text_of(i, j))
                if role:
                    best = (j, role)
                    break
            if best is None:
                unknown += 1
                if (
                    cells
                    and cells[-1].x1 >= line.words[i].x0 - 3 * line.char_width()
                    and line.source != TextSource.SHEET
                ):
                    # an unknown word glued to a title ("Qty ordered", "Description (EN)")
                    cells[-1] = Column(
                        cells[-1].role,
                        cells[-1].x0,
                        line.words[i].x1,
                        cells[-1].text + " " + line.words[i].text,
                    )
                else:
                    cells.append(
                        Column("unknown", line.words[i].x0, line.words[i].x1, line.words[i].text)
                    )
                i += 1
                continue
            j, role = best
            cells.append(Column(role, line.words[i].x0, line.words[j - 1].x1, line.text_of(i, j)))
            i = j
    return cells, unknown


def _header_score(cells: list[Column], unknown: int, nwords: int) -> float:
    roles = [c.role for c in cells if c.role != "unknown"]
    distinct = set(roles)
    if len(distinct) < 2:
        return 0.0
    if not distinct & {"quantity", "unit_price", "line_total"}:
        return 0.0
    if not distinct & {"description", "code", "sku", "customer_sku", "gtin"}:
        return 0.0
    if unknown > max(1, 0.4 * nwords):
        return 0.0
    return len(distinct) - 0.5 * unknown


def find_headers(lines: list[TextLine]) -> list[Header]:
    headers = []
    for k, line in enumerate(lines):
        if (
            len(line.words) > 25
            or any(ch.isdigit() for ch in line.text if ch not in "#°0123456789")
            and False
        ):
            continue
        if sum(ch.isdigit() for ch in line.text) > 6:
            continue
        cells, unknown = _header_cells(line)
        score = _header_score(cells, unknown, len(line.words))
        if score <= 0:
            # a two-line header: merge with the line right below
            if k + 1 < len(lines) and lines[k + 1].page == line.page:
                merged = _merge_two_lines(line, lines[k + 1])
                if merged:
                    headers.append(merged)
            continue
        header = Header(line=line, columns=cells, score=score, bottom=line.bottom)
        if k + 1 < len(lines) and lines[k + 1].page == line.page:
            merged = _merge_two_lines(line, lines[k + 1])
            if merged and merged.score > score:
                header = merged
        headers.append(header)
    return headers


def _merge_two_lines(top: TextLine, below: TextLine) -> Header | None:
    if below.top - top.bottom > 1.2 * max(top.height, 4.0):
        return None
    if sum(ch.isdigit() for ch in below.text) > 2 or sum(ch.isdigit() for ch in top.text) > 2:
        return None
    pieces: list[tuple[float, float, str]] = []
    for line in (top, below):
        for s0, s1 in line.segments:
            pieces.append((line.words[s0].x0, line.words[s1 - 1].x1, line.text_of(s0, s1)))
    # cluster pieces that overlap horizontally into one cell per column
    pieces.sort(key=lambda p: p[0])
    cells: list[list] = []
    for x0, x1, text in sorted(pieces, key=lambda p: (p[0], p[1])):
        for cell in cells:
            if min(cell[1], x1) - max(cell[0], x0) > 0:
                cell[0], cell[1] = min(cell[0], x0), max(cell[1], x1)
                cell[2].append((x0, text))
                break
        else:
            cells.append([x0, x1, [(x0, text)]])
    columns = []
    unknown = 0
    for x0, x1, texts in sorted(cells, key=lambda c: c[0]):
        text = " ".join(t for _, t in texts)
        role = classify_header(text)
        if role is None:
            # "Unit Price" over "(EUR)": the top part alone may be the title
            role = classify_header(texts[0][1]) or "unknown"
        if role == "unknown":
            unknown += len(text.split())
        columns.append(Column(role, x0, x1, text))
    score = _header_score(columns, unknown, len(top.words) + len(below.words))
    if score <= 0:
        return None
    return Header(line=top, columns=columns, lines_used=2, score=score, bottom=below.bottom)


# ----------------------------------------------------------------------------------------
# body rows


@dataclass
class Token:
    text: str
    x0: float
    x1: float
    conf: float
    segment: int


def _is_number(text: str) -> bool:
    return bool(number_candidates(text))


def _tokens(line: TextLine) -> list[Token]:
    """Words of a line with currency marks glued to their numbers and split thousands rejoined."""
    out: list[Token] = []
    seg_of = {}
    for n, (s0, s1) in enumerate(line.segments):
        for i in range(s0, s1):
            seg_of[i] = n
    char_width = line.char_width()
    for i, w in enumerate(line.words):
        text = w.text
        if out:
            prev = out[-1]
            gap = w.x0 - prev.x1
            close = (
                gap <= 1.6 * char_width
                and seg_of[i] == prev.segment
                or line.source == TextSource.SHEET
                and False
            )
            if close and _CURRENCY_TOKEN.match(prev.text) and _is_number(text):
                out[-1] = Token(
                    prev.text + text, prev.x0, w.x1, min(prev.conf, w.confidence), prev.segment
                )
                continue
            if close and _CURRENCY_TOKEN.match(text) and _is_number(prev.text):
                out[-1] = Token(
                    prev.text + text, prev.x0, w.x1, min(prev.conf, w.confidence), prev.segment
                )
                continue
            if (
                close
                and re.fullmatch(r"\d{1,3}", prev.text)
                and re.fullmatch(r"\d{3}(?:[.,]\d{1,3})?", text)
                and gap <= 0.9 * char_width
            ):
                out[-1] = Token(
                    prev.text + "\u202f" + text,
                    prev.x0,
                    w.x1,
                    min(prev.conf, w.confidence),
                    prev.segment,
                )
                continue
        out.append(Token(text, w.x0, w.x1, w.confidence, seg_of[i]))
    return out


def _type_cost(token: Token, role: str) -> float:
    text = token.text
    is_num = _is_number(text) or bool(re.fullmatch(r"-?\d+(?:[.,]\d+)?\s?%", text))
    if role in NUMERIC_ROLES:
        if is_num:
            return 0.0
        if role == "quantity" and split_quantity_unit(text)[0] is not None:
            return 0.2
        return 6.0
    if role == "unit":
        if normalise_unit(text):
            return 0.0
        return 2.5 if is_num else 1.0
    if role == "line_no":
        return 0.0 if re.fullmatch(r"\d{1,4}\.?", text) else 4.0
    if role in CODE_ROLES:
        if _CODE.match(text):
            return 0.0
        return 1.5
    if role == "date":
        return 0.0 if dates_mod.find_dates(text) or re.search(r"\d", text) else 3.0
    if role == "description":
        return 0.6 if is_num else 0.0
    return 0.8  # unknown / ignore columns take anything, a little reluctantly


def assign(tokens: list[Token], columns: list[Column], char_width: float) -> list[int]:
    """Column index of each token: monotonic, minimising distance + type costs (DP)."""
    n, m = len(tokens), len(columns)
    if n == 0:
        return []
    inf = float("inf")
    unit = max(char_width, 1.0)

    def place_cost(t: Token, c: Column) -> float:
        gap = max(0.0, c.x0 - t.x1, t.x0 - c.x1)
        distance = gap / unit
        if c.role == "description" and t.x0 >= c.x0 - unit:
            distance *= 0.3  # descriptions run long to the right
        return min(distance, 30.0) * 0.35 + _type_cost(t, c.role)

    costs = [[place_cost(t, c) for c in columns] for t in tokens]
    dp = [[inf] * m for _ in range(n)]
    back = [[0] * m for _ in range(n)]
    for c in range(m):
        dp[0][c] = costs[0][c]
    for i in range(1, n):
        same_segment = tokens[i].segment == tokens[i - 1].segment
        best_prev, best_prev_c = inf, 0
        for c in range(m):
            # best over previous columns < c (a column change)
            if c > 0 and dp[i - 1][c - 1] < best_prev:
                best_prev, best_prev_c = dp[i - 1][c - 1], c - 1
            stay = dp[i - 1][c]
            if not same_segment and columns[c].role != "description":
                stay += 1.2  # two separate values in one non-description cell
            if columns[c].role in NUMERIC_ROLES and not same_segment:
                stay += 2.0
            change = best_prev + (0.8 if same_segment else 0.0)
            if stay <= change:
                dp[i][c], back[i][c] = stay + costs[i][c], c
            else:
                dp[i][c], back[i][c] = change + costs[i][c], best_prev_c
    c = min(range(m), key=lambda k: dp[n - 1][k])
    out = [0] * n
    for i in range(n - 1, -1, -1):
        out[i] = c
        c = back[i][c]
    return out


@dataclass
class Row:
    line: TextLine
    cells: dict[str, list[Token]] = field(default_factory=dict)
    is_item: bool = False
    extra_text: list[str] = field(default_factory=list)
    extra_codes: list[str] = field(default_factory=list)

    def text(self, role: str) -> str:
        return " ".join(t.text for t in self.cells.get(role, []))


def is_total_row(line: TextLine) -> bool:
    for s0, s1 in line.segments[:3]:
        text = fold(line.text_of(s0, s1)).strip(" :*")
        if _TOTAL_ROW.match(text) and len(text.split()) <= 6:
            return True
    return False


def _row(line: TextLine, columns: list[Column]) -> Row:
    tokens = _tokens(line)
    assignment = assign(tokens, columns, line.char_width())
    row = Row(line=line)
    for token, c in zip(tokens, assignment, strict=True):
        row.cells.setdefault(columns[c].role, []).append(token)
    qty_text = row.text("quantity")
    quantity, _unit = split_quantity_unit(qty_text) if qty_text else (None, None)
    has_amount = any(
        _is_number(row.text(r)) for r in ("unit_price", "line_total") if row.cells.get(r)
    )
    has_qty_column = any(c.role == "quantity" for c in columns)
    if has_qty_column:
        row.is_item = quantity is not None and quantity > 0
    else:
        row.is_item = has_amount
    if row.is_item and not any(
        row.cells.get(r) for r in ("description", "code", "sku", "customer_sku", "gtin")
    ):
        row.is_item = False
    return row


# ----------------------------------------------------------------------------------------
# numbers and arithmetic


def _close(a: Decimal, b: Decimal) -> bool:
    return abs(a - b) <= max(Decimal("0.011"), abs(b) * Decimal("0.002"))


def _pick_numbers(
    qty_text: str, price_text: str, total_text: str, disc_text: str, decimal_sep: str | None
):
    """Readings of quantity, price and total that satisfy qty × price (× discount) ≈ total.

    Returns (qty, price, total, discount, price_unit, arithmetic_ok)."""
    quantity, _unit = split_quantity_unit(qty_text) if qty_text else (None, None)
    qty_options = (
        number_candidates(qty_text.split()[0]) if qty_text and quantity is not None else []
    )
    if quantity is not None and not qty_options:
        qty_options = [quantity]
    price_options = number_candidates(price_text) if price_text else []
    total_options = number_candidates(total_text) if total_text else []
    discount = parse_number(disc_text.replace("%", "")) if disc_text else None
    if discount is not None and discount < 0:
        discount = -discount
    default_q = (
        parse_number(qty_text.split()[0], decimal_sep=decimal_sep) if qty_options else quantity
    )
    default_p = parse_number(price_text, decimal_sep=decimal_sep) if price_options else None
    default_t = parse_number(total_text, decimal_sep=decimal_sep) if total_options else None
    if qty_options and price_options and total_options:
        factor = (Decimal(100) - discount) / 100 if discount else Decimal(1)
        ordered = sorted(
            ((q, p, t) for q in qty_options for p in price_options for t in total_options),
            key=lambda qpt: (qpt[0] != default_q) + (qpt[1] != default_p) + (qpt[2] != default_t),
        )
        for q, p, t in ordered:
            for price_unit in (Decimal(1), Decimal(100), Decimal(1000), Decimal(10)):
                if _close(q * p * factor / price_unit, t):
                    return q, p, t, discount, (None if price_unit == 1 else price_unit), True
            if discount is None and _close(q * p, t):
                return q, p, t, discount, None, True
    return default_q, default_p, default_t, discount, None, False


def _fix_numeric_roles(rows: list[Row], columns: list[Column]) -> list[Column]:
    """Swap the roles of numeric columns when arithmetic says the titles lie (or are missing)."""
    numeric_idx = [
        i for i, c in enumerate(columns) if c.role in NUMERIC_ROLES | {"unknown", "ignore"}
    ]
    if len(numeric_idx) < 3:
        return columns
    items = [r for r in rows if r.is_item]
    if not items:
        return columns

    def values(role_of: dict[int, str]) -> int:
        ok = 0
        for r in items:
            texts = {}
            for i, role in role_of.items():
                texts[role] = " ".join(t.text for t in r.cells.get(columns[i].role, []))
            if all(texts.get(k) for k in ("quantity", "unit_price", "line_total")):
                if _pick_numbers(
                    texts["quantity"], texts["unit_price"], texts["line_total"], "", None
                )[5]:
                    ok += 1
        return ok

    current = {
        i: columns[i].role
        for i in numeric_idx
        if columns[i].role in ("quantity", "unit_price", "line_total")
    }
    if len(current) == 3 and values(current) >= max(1, len(items) // 2):
        return columns
    return columns


# ----------------------------------------------------------------------------------------


@dataclass
class TableResult:
    lines: list[ExtractedLine]
    rows: list[Row]
    header_lines: list[int]  # indices of the lines used as table headers
    consumed: set[int]  # indices of every line the tables used
    columns: list[Column] | None = None


def extract_lines(
    lines: list[TextLine],
    *,
    decimal_sep: str | None,
    dayfirst: bool | None,
    default_year: int | None,
) -> TableResult:
    headers = find_headers(lines)
    if not headers:
        return TableResult([], [], [], set())
    header_at = {h.line.index: h for h in headers}
    rows: list[Row] = []
    header_lines: list[int] = []
    consumed: set[int] = set()
    current: Header | None = None
    open_table = False
    skip_until = -1
    item_rows_in_table = 0
    last_item_bottom = None
    for line in lines:
        if line.index <= skip_until:
            continue
        header = header_at.get(line.index)
        if header is not None:
            if current is None or open_table or _same_columns(current, header):
                current = header
                open_table = True
                header_lines.append(line.index)
                consumed.add(line.index)
                if header.lines_used == 2:
                    skip_until = line.index + 1
                    consumed.add(line.index + 1)
                last_item_bottom = header.bottom
                item_rows_in_table = 0
                continue
        if current is None or not open_table:
            continue
        if line.page != current.line.page and line.page != getattr(
            rows[-1].line if rows else current.line, "page", line.page
        ):
            pass
        if is_total_row(line):
            open_table = False
            continue
        row = _row(line, current.columns)
        height = max(line.height, 4.0)
        if last_item_bottom is not None and line.page == (
            rows[-1].line.page if rows else current.line.page
        ):
            gap = line.top - last_item_bottom
            if not row.is_item and gap > 4 * height:
                if item_rows_in_table:
                    open_table = False
                continue
        if (
            line.page != (rows[-1].line.page if rows else current.line.page)
            and not row.is_item
            and not item_rows_in_table
        ):
            continue  # the top of a new page before the table goes on: letterhead, page header
        if row.is_item:
            item_rows_in_table += 1
            last_item_bottom = line.bottom
        elif rows and len(line.words) > 0 and _is_paragraph(line, current):
            open_table = False
            continue
        rows.append(row)
        consumed.add(line.index)
    columns = current.columns if current else None
    extracted = _rows_to_lines(
        rows, decimal_sep=decimal_sep, dayfirst=dayfirst, default_year=default_year
    )
    return TableResult(extracted, rows, header_lines, consumed, columns)


def _same_columns(a: Header, b: Header) -> bool:
    return [c.role for c in a.columns] == [c.role for c in b.columns]


def _is_paragraph(line: TextLine, header: Header) -> bool:
    """A line of running text under a table (a note) rather than a wrapped description."""
    desc = [c for c in header.columns if c.role == "description"]
    if not desc:
        return len(line.words) > 8
    d = desc[0]
    right_edge = max(c.x1 for c in header.columns)
    return line.x1 > right_edge * 0.92 and line.x0 < d.x0 - 20 and len(line.words) > 6


def _attach_continuations(rows: list[Row]) -> list[Row]:
    items = [r for r in rows if r.is_item]
    for r in rows:
        if r.is_item or not items:
            continue
        # nearest item by vertical distance on the same page, the previous one on a tie
        same_page = [it for it in items if it.line.page == r.line.page]
        candidates = same_page or items

        def distance(it: Row) -> tuple[float, int]:
            d = abs(it.line.yc - r.line.yc)
            return (d, 0 if it.line.index < r.line.index else 1)

        target = min(candidates, key=distance)
        if target.line.page != r.line.page and target is not items[-1]:
            continue
        text = r.text("description") or " ".join(r.text(k) for k in ("unknown",) if r.cells.get(k))
        if text:
            target.extra_text.append((r.line.index, text))  # type: ignore[arg-type]
        for role in ("code", "sku", "customer_sku"):
            if r.cells.get(role):
                target.extra_codes.append(r.text(role))
    return items


def _rows_to_lines(
    rows: list[Row], *, decimal_sep: str | None, dayfirst: bool | None, default_year: int | None
) -> list[ExtractedLine]:
    items = _attach_continuations(rows)
    out: list[ExtractedLine] = []
    for n, row in enumerate(items, start=1):
        qty_text = row.text("quantity")
        unit_text = row.text("unit")
        quantity, unit_from_qty = split_quantity_unit(qty_text) if qty_text else (None, None)
        q, p, t, discount, price_unit, arithmetic_ok = _pick_numbers(
            qty_text,
            row.text("unit_price"),
            row.text("line_total"),
            row.text("discount"),
            decimal_sep,
        )
        if q is not None:
            quantity = q
        description_parts = [(row.line.index, row.text("description"))] + list(row.extra_text)
        description_parts.sort()
        description = " ".join(t_ for _, t_ in description_parts if t_).strip()
        codes: list[str] = []
        role_codes: dict[str, str] = {}
        for role in ("sku", "customer_sku", "code"):
            text = row.text(role)
            if text:
                token = text.split()[0].strip(",;")
                role_codes[role] = token
                codes.append(token)
        codes.extend(c.split()[0] for c in row.extra_codes if c)
        gtin = None
        gtin_text = row.text("gtin")
        if gtin_text and gtin_valid(re.sub(r"\D", "", gtin_text)):
            gtin = re.sub(r"\D", "", gtin_text)
        for token in re.findall(r"\b\d{8,14}\b", description + " " + " ".join(codes)):
            if gtin is None and len(token) in (8, 12, 13, 14) and gtin_valid(token):
                gtin = token
        for token in re.findall(
            r"(?<![\w-])(?=[A-Za-z0-9-]*\d)[A-Za-z0-9][A-Za-z0-9\-/.]{2,}[A-Za-z0-9](?![\w-])",
            description,
        ):
            if (
                token not in codes
                and not dates_mod.find_dates(token)
                and not re.fullmatch(r"\d{1,3}", token)
            ):
                codes.append(token)
        line_no = None
        if row.text("line_no"):
            try:
                line_no = int(re.sub(r"\D", "", row.text("line_no")) or 0) or None
            except ValueError:
                line_no = None
        requested = None
        if row.text("date"):
            found = dates_mod.find_dates(
                row.text("date"), dayfirst=dayfirst, default_year=default_year, allow_partial=True
            )
            requested = found[0].value if found else None
        unit = normalise_unit(unit_text) or unit_from_qty or (unit_text.strip() or None)
        confidence = 0.72
        if arithmetic_ok:
            confidence = 0.95
        elif p is not None and t is not None and quantity is not None:
            confidence = 0.5  # the numbers disagree
        elif p is None and t is None:
            confidence = 0.8
        if not codes and len(description) < 4:
            confidence -= 0.2
        ocr_words = [tok.conf for toks in row.cells.values() for tok in toks]
        if row.line.source == TextSource.OCR and ocr_words:
            confidence *= 0.6 + 0.4 * min(ocr_words)
        field_conf = {
            "quantity": round(confidence, 3),
            "unit_price": round(confidence if p is not None else 0.0, 3),
            "description": round(min(0.95, confidence), 3),
        }
        out.append(
            ExtractedLine(
                line_no=line_no or n,
                sku=role_codes.get("sku"),
                customer_sku=role_codes.get("customer_sku") or role_codes.get("code"),
                gtin=gtin,
                description=description,
                quantity=quantity,
                unit=unit,
                unit_price=p,
                discount=discount,
                line_total=t,
                requested_date=requested,
                price_unit=price_unit,
                codes=tuple(dict.fromkeys(codes)),
                confidence=round(max(0.0, min(0.99, confidence)), 3),
                field_confidence=field_conf,
                source=row.line.source_ref(),
                rule="table_row" + ("+arithmetic" if arithmetic_ok else ""),
                raw_text=row.line.text,
            )
        )
    return out
