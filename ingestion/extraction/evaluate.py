"""Score reading + extraction + matching against a corpus with ground truth, in-process.

    python -m ingestion.extraction.evaluate CORPUS_DIR [--only GLOB] [--verbose]

A corpus folder holds ``masterdata/{customers,products,aliases}.csv``, ``documents/``,
``truth/<document>.json`` (the format of ``shared/corpus/README.md``) and optionally
``negatives/`` (documents that must not come out as orders). The metrics are those of
``shared/tools/score_corpus.py``: per-field header accuracy, line precision/recall/F1 on
(sku, quantity, unit_price), the share of documents entirely right, and the touchless and
false-touchless counts (touchless = the draft says no human is needed).

Emails are read with a minimal MIME reader (body text, attachments) so that this harness
needs no database; the production channel code is elsewhere.
"""

from __future__ import annotations

import argparse
import datetime as dt
import email
import email.policy
import email.utils
import fnmatch
import json
import re
import sys
import time
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from ingestion.extraction import extract_from_layout, extract_from_sheet, extract_from_text
from ingestion.extraction.model import ExtractedOrder
from ingestion.matching import MasterData, build_draft
from ingestion.matching.draft import Draft
from ingestion.reading import UnreadableDocument, read_csv, read_image, read_pdf, read_xlsx

HEADER_FIELDS = [
    "customer_code",
    "po_number",
    "order_date",
    "requested_delivery_date",
    "currency",
    "total",
    "ship_to_postal_code",
]


def _dec(v):
    if v is None or v == "":
        return None
    try:
        return Decimal(str(v)).normalize()
    except InvalidOperation:
        return str(v)


def _postal(order: dict | None):
    ship = (order or {}).get("ship_to") or {}
    code = ship.get("postal_code")
    return None if code is None else "".join(str(code).split()).upper()


def _same(name: str, want, got) -> bool:
    if name == "total":
        return _dec(want) == _dec(got)
    if name == "po_number":
        return (None if want is None else str(want).strip().upper()) == (
            None if got is None else str(got).strip().upper()
        )
    return (want or None) == (got or None)


def _line_key(line: dict):
    return (line.get("sku"), _dec(line.get("quantity")), _dec(line.get("unit_price")))


def score_document(truth: dict, order: dict | None) -> dict:
    """Same rules as shared/tools/score_corpus.py for one document."""
    res = {"fields": {}, "lines_truth": len(truth["lines"]), "lines_pred": 0, "lines_hit": 0}
    for f in HEADER_FIELDS:
        if f == "ship_to_postal_code":
            res["fields"][f] = bool(order) and _postal(truth) == _postal(order)
        else:
            res["fields"][f] = bool(order) and _same(f, truth.get(f), order.get(f))
    if order:
        pred = [_line_key(line) for line in order.get("lines", [])]
        res["lines_pred"] = len(pred)
        remaining = list(pred)
        for k in (_line_key(line) for line in truth["lines"]):
            if k in remaining:
                remaining.remove(k)
                res["lines_hit"] += 1
    res["all_right"] = (
        order is not None
        and all(res["fields"].values())
        and res["lines_hit"] == res["lines_truth"] == res["lines_pred"]
    )
    return res


# ----------------------------------------------------------------------------------------
# reading any file of a corpus


@dataclass
class Reading:
    extracted: list[ExtractedOrder] = field(default_factory=list)
    sender: str | None = None
    error: str | None = None


def _html_to_text(html: str) -> str:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(["script", "style", "head"]):
        tag.decompose()
    for br in soup.find_all("br"):
        br.replace_with("\n")
    for row in soup.find_all("tr"):
        cells = [c.get_text(" ", strip=True) for c in row.find_all(["td", "th"])]
        row.replace_with("\n" + "\t".join(cells) + "\n")
    for block in soup.find_all(["p", "div", "li", "h1", "h2", "h3", "table"]):
        block.insert_after("\n")
    text = soup.get_text()
    return re.sub(r"\n{3,}", "\n\n", text.replace("\xa0", " "))


def read_file(name: str, data: bytes, *, hints: dict | None = None) -> Reading:
    lower = name.lower()
    try:
        if lower.endswith(".pdf"):
            return Reading([extract_from_layout(read_pdf(data), hints=hints)])
        if lower.endswith((".tif", ".tiff", ".png", ".jpg", ".jpeg")):
            return Reading([extract_from_layout(read_image(data), hints=hints)])
        if lower.endswith(".csv"):
            return Reading([extract_from_sheet(read_csv(data), hints=hints)])
        if lower.endswith(".xlsx"):
            return Reading([extract_from_sheet(read_xlsx(data), hints=hints)])
        if lower.endswith(".eml"):
            return _read_eml(data, hints=hints)
        if lower.endswith(".txt"):
            return Reading([extract_from_text(data.decode("utf-8", "replace"), hints=hints)])
    except UnreadableDocument as exc:
        return Reading(error=exc.reason)
    return Reading(error=f"unsupported file type: {name}")


def _read_eml(data: bytes, *, hints: dict | None) -> Reading:
    message = email.message_from_bytes(data, policy=email.policy.default)
    sender = None
    if message["From"]:
        sender = email.utils.parseaddr(str(message["From"]))[1] or None
    sent = None
    if message["Date"]:
        try:
            sent = email.utils.parsedate_to_datetime(str(message["Date"])).date()
        except (TypeError, ValueError):
            sent = None
    plain, html = None, None
    attachments: list[Reading] = []
    for part in message.walk():
        if part.is_multipart():
            continue
        filename = part.get_filename()
        content_type = part.get_content_type()
        if filename or part.get_content_disposition() == "attachment":
            payload = part.get_payload(decode=True) or b""
            reading = read_file(filename or "attachment", payload, hints=hints)
            attachments.append(reading)
        elif content_type == "text/plain" and plain is None:
            plain = part.get_content()
        elif content_type == "text/html" and html is None:
            html = part.get_content()
    body = plain if plain and plain.strip() else (_html_to_text(html) if html else "")
    extracted = [e for r in attachments for e in r.extracted]
    orders = [e for e in extracted if e.is_order and e.lines]
    subject = str(message["Subject"] or "")
    if not orders:
        body_order = extract_from_text(
            body, hints=hints, sent_date=sent, sender_email=sender, subject=subject
        )
        orders = [body_order]
    else:
        orders = [_with_sender(o, sender) for o in orders]
    return Reading(orders, sender=sender)


def _with_sender(order: ExtractedOrder, sender: str | None) -> ExtractedOrder:
    from dataclasses import replace

    from ingestion.extraction.model import Field

    if sender is None:
        return order
    return replace(order, sender=Field(value=sender, confidence=1.0, rule="envelope"))


# ----------------------------------------------------------------------------------------


def load_masterdata(corpus: Path) -> MasterData:
    md = corpus / "masterdata"
    aliases = md / "aliases.csv"
    return MasterData.from_csv(
        (md / "customers.csv").read_text(encoding="utf-8"),
        (md / "products.csv").read_text(encoding="utf-8"),
        aliases.read_text(encoding="utf-8") if aliases.exists() else None,
    )


def process(
    name: str, data: bytes, md: MasterData, *, known_customer: str | None = None
) -> tuple[list[Draft], str | None]:
    reading = read_file(name, data)
    if reading.error:
        return [], reading.error
    from ingestion.matching.draft import with_lines_priced_as_ours

    # (as the pipeline drafts them: a spreadsheet's cells hold their numbers exactly)
    sheet = name.lower().endswith((".csv", ".xlsx"))
    drafts = []
    for extracted in reading.extracted:
        draft = build_draft(
            extracted, md, sender_email=reading.sender, known_customer_code=known_customer
        )
        drafts.append(with_lines_priced_as_ours(draft, exact_cells=sheet))
    return drafts, None


def evaluate(corpus: str | Path, *, only: str = "*", verbose: bool = False, out=sys.stdout) -> dict:
    corpus = Path(corpus)
    md = load_masterdata(corpus)
    kinds = {}
    manifest = corpus / "manifest.csv"
    if manifest.exists():
        import csv

        kinds = {
            row["file"]: row["kind"] for row in csv.DictReader(manifest.open(encoding="utf-8"))
        }
    per_doc: dict[str, dict] = {}
    started = time.monotonic()
    for truth_path in sorted((corpus / "truth").glob("*.json")):
        name = truth_path.name[: -len(".json")]
        doc = corpus / "documents" / name
        if not fnmatch.fnmatch(name, only) or not doc.exists():
            continue
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
        known = truth.get("customer_code") if name.lower().endswith((".csv", ".xlsx")) else None
        drafts, error = process(name, doc.read_bytes(), md, known_customer=known)
        orders = [d for d in drafts if d.extracted.is_order]
        order = orders[0].to_json() if len(orders) == 1 else None
        result = score_document(truth, order)
        result["error"] = error
        result["kind"] = kinds.get(name) or truth.get("kind") or truth.get("channel")
        result["touchless"] = len(orders) == 1 and orders[0].touchless
        per_doc[name] = result
        if verbose and not result["all_right"]:
            _explain(name, truth, order, result, out)
    negatives = {}
    for neg in sorted((corpus / "negatives").glob("*")) if (corpus / "negatives").exists() else []:
        if not fnmatch.fnmatch(neg.name, only):
            continue
        drafts, error = process(neg.name, neg.read_bytes(), md)
        negatives[neg.name] = not any(d.extracted.is_order and d.extracted.lines for d in drafts)
        if verbose and not negatives[neg.name]:
            print(f"NEGATIVE TAKEN AS ORDER: {neg.name}", file=out)
    elapsed = time.monotonic() - started

    def summary(rows: list[dict]) -> dict | None:
        n = len(rows)
        if not n:
            return None
        fields = {f: round(sum(r["fields"][f] for r in rows) / n, 4) for f in HEADER_FIELDS}
        hit = sum(r["lines_hit"] for r in rows)
        tru = sum(r["lines_truth"] for r in rows)
        pre = sum(r["lines_pred"] for r in rows)
        p = hit / pre if pre else 0.0
        rc = hit / tru if tru else 0.0
        return {
            "docs": n,
            "header_accuracy": round(sum(fields.values()) / len(fields), 4),
            "fields": fields,
            "line_precision": round(p, 4),
            "line_recall": round(rc, 4),
            "line_f1": round(2 * p * rc / (p + rc), 4) if p + rc else 0.0,
            "docs_all_right": round(sum(r["all_right"] for r in rows) / n, 4),
            "touchless": round(sum(r["touchless"] for r in rows) / n, 4),
            "false_touchless": sum(r["touchless"] and not r["all_right"] for r in rows),
            "errors": sum(bool(r["error"]) for r in rows),
        }

    report = {
        "overall": summary(list(per_doc.values())),
        "by_kind": {
            k: summary([r for r in per_doc.values() if r["kind"] == k])
            for k in sorted({r["kind"] for r in per_doc.values()})
        },
        "negatives_rejected": f"{sum(negatives.values())}/{len(negatives)}",
        "seconds_per_doc": round(elapsed / max(1, len(per_doc) + len(negatives)), 3),
        "docs": per_doc,
    }
    return report


def _explain(name: str, truth: dict, order: dict | None, result: dict, out) -> None:
    print(f"--- {name} ({result.get('kind')})", file=out)
    if order is None:
        print("    no single order", file=out)
        return
    for f, ok in result["fields"].items():
        if not ok:
            want = truth.get(f) if f != "ship_to_postal_code" else _postal(truth)
            got = order.get(f) if f != "ship_to_postal_code" else _postal(order)
            print(
                f"    {f}: want {want!r} got {got!r} (conf {order['confidence'].get(f if f != 'ship_to_postal_code' else 'ship_to')})",
                file=out,
            )
    if not (result["lines_hit"] == result["lines_truth"] == result["lines_pred"]):
        want = sorted(map(str, (_line_key(line) for line in truth["lines"])))
        got = sorted(map(str, (_line_key(line) for line in order["lines"])))
        print(
            f"    lines: hit {result['lines_hit']}/{result['lines_truth']} pred {result['lines_pred']}",
            file=out,
        )
        for w in want:
            if w not in got:
                print(f"      missing {w}", file=out)
        for g in got:
            if g not in want:
                print(f"      extra   {g}", file=out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m ingestion.extraction.evaluate")
    ap.add_argument("corpus")
    ap.add_argument("--only", default="*")
    ap.add_argument("--verbose", "-v", action="store_true")
    ap.add_argument("--json", action="store_true", help="print the whole report as JSON")
    a = ap.parse_args(argv)
    report = evaluate(a.corpus, only=a.only, verbose=a.verbose)
    if a.json:
        print(json.dumps(report, indent=1, default=str))
        return 0
    o = report["overall"]
    if not o:
        print("evaluate: no documents scored")
        return 1
    print(
        f"{'kind':10} docs header  "
        + " ".join(f"{f[:10]:>10}" for f in HEADER_FIELDS)
        + "   line_P line_R line_F1 all_right touchless false_tl"
    )
    for kind, s in [("overall", o), *report["by_kind"].items()]:
        if not s:
            continue
        print(
            f"{kind:10} {s['docs']:4} {s['header_accuracy']:.3f}  "
            + " ".join(f"{s['fields'][f]:10.3f}" for f in HEADER_FIELDS)
            + f"   {s['line_precision']:.3f}  {s['line_recall']:.3f}  {s['line_f1']:.3f}   {s['docs_all_right']:.3f}    {s['touchless']:.3f}    {s['false_touchless']}"
        )
    print(
        f"negatives rejected: {report['negatives_rejected']}   seconds/doc: {report['seconds_per_doc']}"
    )
    return 0


if __name__ == "__main__":
    _ = dt  # keep the import for type users
    sys.exit(main())
