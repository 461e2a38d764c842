"""Plain text and spreadsheets in and out of a :class:`Layout`.

- :func:`group_lines` puts words into reading-order lines (shared with the extractors).
- :func:`layout_to_text` renders a layout as text, keeping column gaps as runs of spaces.
- :func:`text_to_layout` turns an email body into one pseudo-page whose word positions keep the
  columns of text tables (fixed-width characters, tab- and pipe-separated cells aligned).
- :func:`sheet_to_layout` turns spreadsheet rows into a page with one word per cell.
- :func:`read_csv` / :func:`read_xlsx` read spreadsheet bytes into rows of strings.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from decimal import Decimal

from ingestion.layout import Layout, Page, TextSource, Word
from ingestion.reading.errors import UnreadableDocument
from ingestion.reading.formulas import work_out

CHAR_WIDTH = 6.0  # synthetic width of one character of plain text, in points
LINE_HEIGHT = 12.0  # synthetic distance between two text lines
WORD_HEIGHT = 10.0
SHEET_COLUMN_WIDTH = 120.0


def group_lines(words: Iterable[Word], *, min_overlap: float = 0.5) -> list[list[Word]]:
    """Group words into lines, top to bottom, each line sorted left to right.

    Two words share a line when their vertical extents overlap by at least ``min_overlap`` of
    the smaller height; a line's band is the mean of its words' bands so it cannot creep.
    """
    ordered = sorted(words, key=lambda w: (w.yc, w.x0))
    bands: list[list] = []  # [top_sum, bottom_sum, count, words]
    for word in ordered:
        height = max(word.bottom - word.top, 0.1)
        placed = False
        for band in reversed(bands[-4:]):
            top, bottom = band[0] / band[2], band[1] / band[2]
            overlap = min(bottom, word.bottom) - max(top, word.top)
            if overlap >= min_overlap * min(height, max(bottom - top, 0.1)):
                band[0] += word.top
                band[1] += word.bottom
                band[2] += 1
                band[3].append(word)
                placed = True
                break
        if not placed:
            bands.append([word.top, word.bottom, 1, [word]])
    bands.sort(key=lambda b: b[0] / b[2])
    return [sorted(b[3], key=lambda w: w.x0) for b in bands]


def _char_width(words: Sequence[Word]) -> float:
    widths = sorted((w.x1 - w.x0) / len(w.text) for w in words if w.text and w.x1 > w.x0)
    return widths[len(widths) // 2] if widths else CHAR_WIDTH


def page_text(page: Page) -> str:
    """The page as text lines; a horizontal gap becomes as many spaces as characters it spans."""
    if not page.words:
        return ""
    char_width = _char_width(page.words)
    lines = []
    for line in group_lines(page.words):
        parts: list[str] = []
        cursor = 0.0
        for word in line:
            column = word.x0 / char_width
            gap = 1 if not parts else max(1, round(column - cursor))
            if parts:
                parts.append(" " * min(gap, 60))
            parts.append(word.text)
            cursor = word.x1 / char_width
        lines.append("".join(parts))
    return "\n".join(lines)


def layout_to_text(layout: Layout) -> str:
    """All pages as text in reading order, pages separated by a form feed line."""
    return "\n\f\n".join(page_text(page) for page in layout.pages)


_CELL_SPLIT = re.compile(r"\t|\s*\|\s*")


# a text table's rule under its titles: "-------------+-----------+------"
_RULE_ROW = re.compile(r"\s*[|+]?[-=:]{2,}(?:[+|][-=:]{2,})+[|+]?\s*")


def _is_cell_row(line: str) -> bool:
    return "\t" in line.strip("\t ") or line.count("|") >= 2 or bool(_RULE_ROW.fullmatch(line))


def _cells(line: str) -> list[str]:
    text = line.rstrip("\r\n ")
    if "|" in text and "\t" not in text:
        text = text.strip().strip("|")
    return [c.strip() for c in _CELL_SPLIT.split(text)]


def text_to_layout(text: str, *, meta: dict[str, str] | None = None) -> Layout:
    """One pseudo-page: one row per text line, characters of fixed width.

    Runs of lines whose cells are separated by tabs or pipes (HTML tables converted to text)
    are laid out as aligned columns, each column as wide as its widest cell plus two spaces.
    """
    raw_lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    words: list[Word] = []
    width = 0
    i = 0
    row = 0
    while i < len(raw_lines):
        line = raw_lines[i]
        if _is_cell_row(line):
            block = []
            while i < len(raw_lines) and _is_cell_row(raw_lines[i]):
                block.append(_cells(raw_lines[i]))
                i += 1
            ncols = max(len(cells) for cells in block)
            col_widths = [0] * ncols
            for cells in block:
                for c, cell in enumerate(cells):
                    col_widths[c] = max(col_widths[c], len(cell))
            starts = [0]
            for w in col_widths[:-1]:
                starts.append(starts[-1] + w + 3)
            for cells in block:
                if any(set(cell) - set("-=:+ ") for cell in cells):  # skip |---|---| rules
                    for c, cell in enumerate(cells):
                        for m in re.finditer(r"\S+", cell):
                            words.append(_plain_word(m.group(), starts[c] + m.start(), row))
                    width = max(width, starts[-1] + col_widths[-1])
                    row += 1
            continue
        expanded = line.expandtabs(8)
        for m in re.finditer(r"\S+", expanded):
            words.append(_plain_word(m.group(), m.start(), row))
        width = max(width, len(expanded.rstrip()))
        row += 1
        i += 1
    page = Page(
        number=1,
        width=max(width, 1) * CHAR_WIDTH,
        height=max(row, 1) * LINE_HEIGHT,
        words=tuple(words),
        source=TextSource.PLAIN,
    )
    return Layout(pages=(page,), meta=dict(meta or {}))


def _plain_word(text: str, column: int, row: int) -> Word:
    top = row * LINE_HEIGHT
    return Word(
        text=text,
        x0=column * CHAR_WIDTH,
        top=top,
        x1=(column + len(text)) * CHAR_WIDTH,
        bottom=top + WORD_HEIGHT,
    )


class SheetRows(list):
    """The rows of a workbook's order sheet (a list like any other), with ``side_sheets``: the
    key/value rows of its other sheets ("Delivery": "Deliver to | name", "Required by |
    date"), which say things about the order but hold none of its items."""

    def __init__(self, rows: Iterable = (), side_sheets: Sequence[Sequence[Sequence[str]]] = ()):
        super().__init__(rows)
        self.side_sheets = [list(sheet) for sheet in side_sheets]


def sheet_to_layout(
    rows: Sequence[Sequence[object]], *, meta: dict[str, str] | None = None
) -> Layout:
    """One page, one word per non-empty cell, placed at its column; rows are lines. The
    key/value rows of the workbook's other sheets (``SheetRows.side_sheets``) follow as
    further pages, one per sheet, so that the header fields they hold are read."""
    pages = [_sheet_page(rows, 1)]
    for sheet in getattr(rows, "side_sheets", ()):
        if sheet:
            pages.append(_sheet_page(sheet, len(pages) + 1))
    return Layout(pages=tuple(pages), meta=dict(meta or {}))


def _sheet_page(rows: Sequence[Sequence[object]], number: int) -> Page:
    words: list[Word] = []
    ncols = 0
    for r, cells in enumerate(rows):
        top = r * LINE_HEIGHT
        for c, cell in enumerate(cells):
            text = " ".join(_cell_text(cell).split())
            if not text:
                continue
            ncols = max(ncols, c + 1)
            x0 = c * SHEET_COLUMN_WIDTH
            words.append(
                Word(
                    text=text,
                    x0=x0,
                    top=top,
                    x1=x0 + min(SHEET_COLUMN_WIDTH - 10, max(len(text), 1) * CHAR_WIDTH),
                    bottom=top + WORD_HEIGHT,
                )
            )
    return Page(
        number=number,
        width=max(ncols, 1) * SHEET_COLUMN_WIDTH,
        height=max(len(rows), 1) * LINE_HEIGHT,
        words=tuple(words),
        source=TextSource.SHEET,
    )


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return format(Decimal(repr(value)).normalize(), "f")
    return str(value)


def decode_text(data: bytes) -> str:
    """Decode bytes of unknown encoding: UTF-8 (with or without BOM), UTF-16 with BOM, cp1252, latin-1."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _sniff_delimiter(text: str) -> str:
    """The delimiter found on the most lines, then the one that splits them most alike, then
    the one that gives more columns. A file of records ("BGM;220;4711", "LIN;1;…;13,70;1")
    splits its lines unevenly, but every one of them at ``;``, and only some at a decimal
    comma."""
    sample = [line for line in text.splitlines()[:50] if line.strip()]
    best, best_score = ",", (-1, -1, -1)
    for delimiter in (";", ",", "\t", "|"):
        counts = [len(next(csv.reader([line], delimiter=delimiter))) - 1 for line in sample]
        counts = [c for c in counts if c > 0]
        if not counts:
            continue
        mode, freq = Counter(counts).most_common(1)[0]
        score = (len(counts), freq, mode)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def read_csv(data: bytes, *, max_rows: int = 20_000) -> list[list[str]]:
    """Rows of a CSV file; delimiter (; , tab |) and encoding (UTF-8, cp1252, latin-1) sniffed."""
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UnreadableDocument("not a text file (binary content)")
    text = decode_text(data)
    delimiter = _sniff_delimiter(text)
    rows = []
    for row in csv.reader(io.StringIO(text), delimiter=delimiter):
        rows.append([cell.strip() for cell in row])
        if len(rows) > max_rows:
            raise UnreadableDocument(f"spreadsheet has more than {max_rows} rows")
    while rows and not any(rows[-1]):
        rows.pop()
    return rows


def _formula_book(data: bytes):
    """The workbook with its formulas (not their cached results); False when it cannot be
    read so."""
    import openpyxl

    try:
        return openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception:  # noqa: BLE001 - the values were read; the formulas are a bonus
        return False


def read_xlsx(data: bytes, *, max_rows: int = 20_000, max_columns: int = 200) -> SheetRows:
    """Rows of the worksheet that holds the order, cells as strings: of the non-empty sheets
    (the active one first), the one with the most rows that read like items (a number and a
    word side by side), so that an "Instructions" sheet in front does not hide the order.
    The key/value rows of the other visible sheets come along as ``side_sheets`` (a
    "Delivery" tab with the address and the date wanted), those of item lists (an order
    history, a price list) do not.

    Values are the cached results of formulas (``data_only``), worked out where the workbook
    kept a formula without its result (``ingestion.reading.formulas``); dates come out ISO, numbers
    without float noise.
    """
    import openpyxl

    if data[:2] != b"PK":
        raise UnreadableDocument("not an XLSX file (legacy .xls is not supported)")
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on corrupt zips
        raise UnreadableDocument(f"unreadable spreadsheet: {type(exc).__name__}")
    formula_book = None
    try:
        sheets = [workbook.active] + [ws for ws in workbook.worksheets if ws is not workbook.active]
        found: list[list[list[str]]] = []
        visible: list[bool] = []
        titles: list[str] = []
        for sheet in sheets[:20]:
            if sheet is None:
                continue
            raw = []
            for values in sheet.iter_rows(values_only=True, max_col=max_columns):
                raw.append(list(values))
                if len(raw) > max_rows:
                    raise UnreadableDocument(f"spreadsheet has more than {max_rows} rows")
            formula_book = formula_book or _formula_book(data)
            if formula_book is not False and sheet.title in formula_book.sheetnames:
                # a workbook saved by a program keeps its formulas without their results
                formulas = formula_book[sheet.title].iter_rows(
                    values_only=True, max_col=max_columns
                )
                raw = work_out(raw, [list(values) for values in formulas])
            rows = [[_cell_text(v).strip() for v in values] for values in raw]
            while rows and not any(rows[-1]):
                rows.pop()
            if rows:
                width = max(
                    (i + 1 for row in rows for i, cell in enumerate(row) if cell), default=0
                )
                found.append([row[:width] for row in rows])
                visible.append(getattr(sheet, "sheet_state", "visible") == "visible")
                titles.append(getattr(sheet, "title", "") or "")
        if not found:
            return SheetRows()
        # the order's sheet has a quantity column (a price list or instructions have none);
        # a sheet of past orders ("Archiv Nov", "Historique") is not it; the active sheet
        # with items is; else the most item-like rows
        most = max(_item_rows(rows) for rows in found)

        def rank(k: int) -> tuple:
            rows = found[k]
            items = _item_rows(rows)
            return (
                _has_quantity_title(rows),
                not _PAST_ORDERS.search(f"{titles[k]} {' '.join(rows[0])}"),
                # the active sheet, unless another lists far more items
                k == 0 and items > 0 and 2 * items >= most,
                items,
            )

        best = found[max(range(len(found)), key=lambda k: (rank(k), -k))]
        side = [
            _key_value_rows(rows)
            for rows, shown in zip(found, visible, strict=True)
            if rows is not best and shown
        ]
        return SheetRows(best, [rows for rows in side if rows])
    finally:
        workbook.close()
        if formula_book:
            formula_book.close()


_NUMBER_CELL = re.compile(r"^-?\d+(?:[.,]\d+)?$")
# a sheet of orders past: its tab's name, or its first row's words
_PAST_ORDERS = re.compile(
    r"(?i)\b(?:archiv\w*|archive[sd]?|history|historique|verlauf|historie|old|alt|ancien\w*|"
    r"already\s+delivered|bereits\s+geliefert|d[ée]j[àa]\s+livr[ée]e?s?)\b"
)


_QUANTITY_TITLE = re.compile(
    r"(?i)^(?:qt[éey]\.?|qty\.?|quantit[éey]s?|quantity|menge|bestellmenge|anzahl|aantal|"
    r"cantidad|quantit[àa]|q\.t[àa])(?:\s+\S+){0,2}$"
)


def _has_quantity_title(rows: list[list[str]]) -> bool:
    return any(_QUANTITY_TITLE.match(cell.strip()) for row in rows[:60] for cell in row if cell)


def _item_rows(rows: list[list[str]]) -> int:
    """How many rows look like order items: three cells or more, a number and a word."""
    return sum(
        1
        for row in rows
        if sum(1 for c in row if c) >= 3
        and any(_NUMBER_CELL.match(c) for c in row)
        and any(re.search(r"[A-Za-zÀ-ÿ]{3,}", c) for c in row)
    )


_LABEL_CELL = re.compile(r"^(?=.*[^\W\d_]{2})[^\d]{2,40}$")


# a street and number, then a postal code and its town, in one cell
_ADDRESS_IN_A_CELL = re.compile(
    r"\w{3,}\.?\s+\d{1,4}[a-z]?\s*[,;]\s*(?:[A-Z]{1,2}[-\s])?\d{4,5}\s+[^\W\d]{2,}"
)


def _key_value_rows(rows: list[list[str]]) -> list[list[str]]:
    """The rows of a side sheet that give a value beside a label ("Deliver to | Name",
    "Required by | 2026-12-18"), and the lines of a value that go on in the rows below it (the
    rest of an address); other rows are left blank. Nothing of a sheet that lists items, or
    names with a figure each (a price list, a lookup table)."""
    if _has_quantity_title(rows) or _item_rows(rows) >= 2:
        return []
    out: list[list[str]] = []
    value_column = None
    labels = figures = 0
    for row in rows:
        filled = [(i, cell) for i, cell in enumerate(row) if cell]
        keep = False
        if 2 <= len(filled) <= 4 and _LABEL_CELL.match(filled[0][1]):
            keep, value_column = True, filled[1][0]
            labels += 1
            figures += bool(_NUMBER_CELL.match(filled[1][1]))
        elif value_column is not None and len(filled) == 1 and filled[0][0] == value_column:
            keep = True  # the value goes on below, in its column
        elif len(filled) == 1 and _ADDRESS_IN_A_CELL.search(filled[0][1]):
            # "Plant AT12 = Central Warehouse Wörgl, Bahnhofstraße 14, 6300 Wörgl": an address
            # the order's rows point to, written out in one cell
            keep, value_column = True, None
        else:
            value_column = None
        out.append(list(row) if keep else [])
    if figures >= 3 and figures >= labels / 2:
        return []
    while out and not any(out[-1]):
        out.pop()
    while out and not any(out[0]):
        out.pop(0)
    return out
