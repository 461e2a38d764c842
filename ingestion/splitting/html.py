"""HTML email bodies: to text for reading (tables kept as rows), and sanitised for display."""

from __future__ import annotations

import re
import warnings

import nh3
from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning, NavigableString, Tag

_BLOCKS = {
    "p",
    "div",
    "br",
    "tr",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "pre",
    "address",
    "article",
    "section",
    "header",
    "footer",
    "dl",
    "dt",
    "dd",
    "hr",
    "center",
}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_HEADING_END = "\x00"
_DROP = {
    "script",
    "style",
    "head",
    "title",
    "meta",
    "noscript",
    "template",
    "svg",
    "object",
    "iframe",
}
# Containers mail clients wrap quoted (replied-to / forwarded) text in.
_QUOTE_CLASSES = (
    "gmail_quote",
    "moz-cite-prefix",
    "yahoo_quoted",
    "protonmail_quote",
    "OutlookMessageHeader",
)
QUOTE_PREFIX = "> "


def _is_quote(tag: Tag) -> bool:
    if tag.name == "blockquote":
        return True
    classes = tag.get("class") or []
    if any(c in _QUOTE_CLASSES for c in classes):
        return True
    return tag.get("id") in ("appendonsend", "divRplyFwdMsg")


def html_to_text(html: str, *, mark_quotes: bool = True) -> str:
    """Text of an HTML body. Table rows become ``| cell | cell |`` lines so that
    :func:`ingestion.reading.text_to_layout` aligns them as columns; quoted blocks are prefixed
    with ``> `` so that the reply-chain logic can cut them."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        soup = BeautifulSoup(html, "html.parser")
    out: list[str] = []
    _walk(soup, out, quote_depth=0, mark_quotes=mark_quotes)
    # a heading sits on the block it titles: "Ship To" over the address, with no blank line
    text = re.sub(_HEADING_END + r"[\s]*", "\n", "".join(out))
    lines = [re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in text.split("\n")]
    # Collapse runs of blank lines.
    cleaned: list[str] = []
    for line in lines:
        if line or (cleaned and cleaned[-1]):
            cleaned.append(line)
    return "\n".join(cleaned).strip()


def _walk(node, out: list[str], *, quote_depth: int, mark_quotes: bool) -> None:
    for child in list(node.children):
        if isinstance(child, NavigableString):
            if type(child).__name__ in (
                "Comment",
                "Declaration",
                "ProcessingInstruction",
                "Doctype",
                "CData",
            ):
                continue
            out.append(str(child).replace("\n", " ").replace("\r", " "))
            continue
        if not isinstance(child, Tag):
            continue
        name = (child.name or "").lower()
        if name in _DROP:
            continue
        if name == "table":
            _table(child, out, quote_depth=quote_depth, mark_quotes=mark_quotes)
            continue
        if mark_quotes and _is_quote(child):
            inner: list[str] = []
            _walk(child, inner, quote_depth=quote_depth + 1, mark_quotes=mark_quotes)
            quoted = "".join(inner).strip("\n")
            out.append("\n" + "\n".join(QUOTE_PREFIX + line for line in quoted.split("\n")) + "\n")
            continue
        if name == "br":
            out.append("\n")
            continue
        if name in _BLOCKS:
            out.append("\n")
        if name == "li":
            out.append("- ")
        _walk(child, out, quote_depth=quote_depth, mark_quotes=mark_quotes)
        if name in _HEADINGS:
            out.append(_HEADING_END)
        elif name in _BLOCKS:
            out.append("\n")


def _cell_text(cell: Tag) -> str:
    parts: list[str] = []
    _walk(cell, parts, quote_depth=0, mark_quotes=False)
    return " ".join("".join(parts).split()).replace("|", "/")


STRUCK_OUT = "(struck out)"
_STRIKE_TAGS = ("s", "strike", "del")


def _struck(cell: Tag) -> bool:
    """Whether all the text of a cell is crossed out (``<s>``, ``<del>``, ``line-through``)."""
    text = cell.get_text("", strip=True)
    if not text:
        return False
    if _crossed(cell):
        return True
    struck = "".join(t.get_text("", strip=True) for t in cell.find_all(True) if _crossed(t))
    return len(struck) >= len(text)


def _crossed(tag: Tag) -> bool:
    return tag.name in _STRIKE_TAGS or "line-through" in (tag.get("style") or "").replace(" ", "")


def _table(table: Tag, out: list[str], *, quote_depth: int, mark_quotes: bool) -> None:
    out.append("\n")
    for row in table.find_all("tr"):
        if row.find_parent("table") is not table:
            continue  # a nested table's rows are read with their own table
        cells = [c for c in row.find_all(["td", "th"]) if c.find_parent("tr") is row]
        if any(c.find("table") for c in cells):
            # A layout table around the real content: read its cells as blocks.
            for cell in cells:
                _walk(cell, out, quote_depth=quote_depth, mark_quotes=mark_quotes)
                out.append("\n")
            continue
        texts = [_cell_text(c) for c in cells]
        filled = [t for t in texts if t]
        if len(filled) >= 2 and all(_struck(c) for c, t in zip(cells, texts, strict=True) if t):
            # a row crossed out in the message ("<s>LA-5010</s> | <s>Laces</s> …"): the words
            # say so, for the reading that cannot see the line through it
            longest = max(range(len(texts)), key=lambda k: len(texts[k]))
            texts[longest] = f"{texts[longest]} {STRUCK_OUT}"
        if len(filled) == 1 and (len(texts) < 2 or texts[0]):
            out.append(filled[0] + "\n")
        elif filled:
            out.append("| " + " | ".join(texts) + " |\n")
    out.append("\n")


ALLOWED_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "caption",
    "code",
    "dd",
    "del",
    "div",
    "dl",
    "dt",
    "em",
    "font",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "li",
    "ol",
    "p",
    "pre",
    "s",
    "small",
    "span",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "u",
    "ul",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align"},
}


def html_sanitise(html: str) -> str:
    """HTML safe to show to staff: no scripts, no event handlers, no ``javascript:`` links,
    no remote images (tracking pixels), links opened without referrer."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )
