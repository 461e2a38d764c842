"""Evidence for the confidence thresholds: per field, the confidences of right and wrong values.

    python -m ingestion.decision.calibration CORPUS [CORPUS ...] [--dump OUT.json]
    python -m ingestion.decision.calibration --load OUT.json [--set po_number=0.8 ...]

Runs every document of each corpus end to end (a throw-away SQLite database, the master-data
imports and ``ingest --sync``, as ``bench.extraction_eval`` does), then reads each order as
stored and lists, for every confidence the decision checks (``rules.checked_confidences``),
whether the value is right against the truth. Prints per threshold key the wrong values with
their confidences (each must sit below the threshold), how many right values pass, and the
documents that only a confidence keeps from being touchless. ``--load`` re-scores a dump under
other thresholds (``--set key=value``) without reading the documents again: touchless and
false-touchless per corpus and kind.

Only the scored fields are "right" or "wrong" (``shared/corpus/README.md``); a line's unit is
reported when the truth states one. A wrong value with no confidence at all (a delivery date
not found) is listed apart: no threshold can catch it.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

from ingestion.corpus_run import throwaway_database
from ingestion.decision.settings import DEFAULT_THRESHOLDS


def _align(truth_lines: list[dict], pred_lines: list[dict]) -> list[dict | None]:
    """The truth line of each predicted line (None for a line the truth does not have)."""
    from ingestion.extraction.evaluate import _line_key

    out: list[dict | None] = [None] * len(pred_lines)
    free = list(range(len(truth_lines)))
    for rule in (
        lambda t, p: _line_key(t) == _line_key(p),
        lambda t, p: t.get("sku") and t.get("sku") == p.get("sku"),
        lambda t, p: True,
    ):
        for i, p in enumerate(pred_lines):
            if out[i] is not None:
                continue
            for k in free:
                if rule(truth_lines[k], p):
                    out[i] = truth_lines[k]
                    free.remove(k)
                    break
    return out


def _document_record(order_json: dict, truth: dict) -> dict:
    """Checked confidences of one order with, for each, whether the value is right."""
    from ingestion.decision.rules import checked_confidences, rule_context_for
    from ingestion.extraction.evaluate import _dec, _postal, _same
    from orders.models import Order

    order = Order.objects.get(pk=order_json["id"])
    ctx = rule_context_for(order)
    pred_lines = order_json.get("lines") or []
    aligned = _align(truth.get("lines") or [], pred_lines)

    def header_right(name: str) -> bool:
        if name == "ship_to":
            return _postal(truth) == _postal(order_json)
        return _same(name, truth.get(name), order_json.get(name))

    checks = []
    for key, index, name, confidence in checked_confidences(ctx):
        if index is None:
            right = header_right(name)
        else:
            want, got = aligned[index] if index < len(aligned) else None, pred_lines[index]
            if want is None:
                right = False
            elif name == "sku":
                right = want.get("sku") == got.get("sku")
            elif name in ("quantity", "unit_price"):
                right = _dec(want.get(name)) == _dec(got.get(name))
            else:  # unit: not scored, right or wrong only where the truth says
                right = None if not want.get("unit") else want["unit"] == got.get("unit")
        checks.append({"key": key, "line": index, "confidence": confidence, "right": right})
    blocking = sorted(
        {
            i["code"]
            for i in order.issues or []
            if i.get("blocking") and i["code"] != "low_confidence"
        }
    )
    return {"checks": checks, "blocking": blocking, "rules": _rules_of(order)}


def _rules_of(order) -> dict:
    """The extraction rule behind each header field (for reading the evidence)."""
    fields = (order.extraction or {}).get("fields") or {}
    out = {k: (v or {}).get("rule") for k, v in fields.items() if isinstance(v, dict)}
    out["customer"] = ((order.extraction or {}).get("customer") or {}).get("method")
    return out


def collect(corpus: Path, slug: str) -> list[dict]:
    from ingestion.corpus_run import (
        channel_of,
        corpus_documents,
        create_corpus_tenant,
        ingest_document,
    )
    from ingestion.extraction.evaluate import score_document

    kinds = create_corpus_tenant(corpus, slug, f"Calibration {slug}")
    records = []
    for path, truth, _negative in corpus_documents(corpus):
        if truth is None:
            continue
        channel = channel_of(path, truth)
        result = ingest_document(path, slug, truth)
        orders = result.get("orders") or []
        order = orders[0] if len(orders) == 1 else None
        score = score_document(truth, order)
        record = {
            "corpus": corpus.name,
            "file": path.name,
            "kind": kinds.get(path.name) or truth.get("kind") or channel,
            "status": order.get("status") if order else "no single order",
            "all_right": score["all_right"],
            "fields": score["fields"],
            "missing_lines": max(0, score["lines_truth"] - score["lines_pred"]),
            "checks": [],
            "blocking": ["no_single_order"] if order is None else [],
            "rules": {},
        }
        if order is not None and order.get("id"):
            record.update(_document_record(order, truth))
            if order.get("status") == "rejected":
                record["blocking"] = sorted({*record["blocking"], "rejected"})
        records.append(record)
    return records


# --- scoring a dump under thresholds ---------------------------------------------------------


def _failing(record: dict, thresholds: dict[str, float]) -> list[str]:
    return sorted(
        {
            c["key"]
            for c in record["checks"]
            if c["confidence"] is not None and c["confidence"] < thresholds.get(c["key"], 0.9)
        }
    )


def touchless(record: dict, thresholds: dict[str, float]) -> bool:
    return not record["blocking"] and not _failing(record, thresholds)


def report(
    records: list[dict], thresholds: dict[str, float], *, verbose: bool = False, out=sys.stdout
) -> None:
    def p(*args):
        print(*args, file=out)

    p("== per threshold key: wrong values (all must be below the threshold), right values")
    by_key: dict[str, list[tuple]] = defaultdict(list)
    for r in records:
        for c in r["checks"]:
            by_key[c["key"]].append((c["confidence"], c["right"], r, c["line"]))
    for key in sorted(by_key):
        threshold = thresholds.get(key, 0.9)
        items = [x for x in by_key[key] if x[0] is not None]
        wrong = sorted((x for x in items if x[1] is False), key=lambda x: -x[0])
        right = [x for x in items if x[1]]
        passing = sum(x[0] >= threshold for x in right)
        top_wrong = wrong[0][0] if wrong else None
        p(
            f"{key:24} threshold {threshold:.2f}  right {len(right):4} (pass {passing:4}, "
            f"{passing / len(right) if right else 0:.0%})  wrong {len(wrong):3}  "
            f"max wrong {top_wrong if top_wrong is not None else '-'}"
        )
        for conf, _right, r, line in wrong[:8]:
            flag = "  ABOVE!" if conf >= threshold else ""
            other = f" (also blocked by {','.join(r['blocking'])})" if r["blocking"] else ""
            where = f" line {line}" if line is not None else ""
            rule = r["rules"].get(key, "") if line is None else ""
            p(f"    wrong {conf:.3f} {r['corpus']}/{r['file']}{where} {rule}{other}{flag}")
        below = sorted(x[0] for x in right if x[0] < threshold)
        if below:
            p(f"    right but below: {', '.join(f'{c:.2f}' for c in below[:40])}")
    p("\n== wrong values no confidence can catch (field missing, lines missing)")
    for r in records:
        missing = [f for f, ok in r["fields"].items() if not ok]
        checked = {
            c["key"] for c in r["checks"] if c["right"] is False and c["confidence"] is not None
        }
        unchecked = [
            f
            for f in missing
            if {"customer_code": "customer", "ship_to_postal_code": "ship_to"}.get(f, f)
            not in checked
        ]
        if r["missing_lines"]:
            unchecked.append(f"{r['missing_lines']} line(s) missing")
        if unchecked and not r["all_right"]:
            other = f" (blocked by {','.join(r['blocking'])})" if r["blocking"] else ""
            p(f"    {r['corpus']}/{r['file']}: {', '.join(unchecked)}{other}")
    p("\n== right documents kept from touchless only by confidence (key: count)")
    lever: dict[str, int] = defaultdict(int)
    for r in records:
        if r["all_right"] and not r["blocking"]:
            failing = _failing(r, thresholds)
            for key in failing:
                lever[key] += 1
            if len(failing) == 1:
                lever[f"only {failing[0]}"] += 1
    for key, n in sorted(lever.items(), key=lambda kv: -kv[1]):
        p(f"    {key}: {n}")
    if verbose:
        for r in records:
            if r["all_right"] and not touchless(r, thresholds):
                low = [
                    f"{c['key']}{'' if c['line'] is None else c['line']}="
                    f"{c['confidence']:.2f}"
                    + (f"({r['rules'].get(c['key'])})" if c["line"] is None else "")
                    for c in r["checks"]
                    if c["confidence"] is not None
                    and c["confidence"] < thresholds.get(c["key"], 0.9)
                ]
                p(f"      {r['corpus']}/{r['file']}: {' '.join(r['blocking'])} {' '.join(low)}")
    blockers: dict[str, int] = defaultdict(int)
    for r in records:
        if r["all_right"]:
            for code in r["blocking"]:
                blockers[code] += 1
    p("== right documents blocked by a rule: " + ", ".join(f"{k} {v}" for k, v in blockers.items()))
    p("\n== touchless / false-touchless")
    groups: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for r in records:
        groups[(r["corpus"], "all")].append(r)
        groups[(r["corpus"], r["kind"])].append(r)
    for (corpus, kind), rows in sorted(groups.items()):
        tl = [r for r in rows if touchless(r, thresholds)]
        false = [r["file"] for r in tl if not r["all_right"]]
        p(
            f"    {corpus:14} {kind:7} docs {len(rows):3}  touchless {len(tl) / len(rows):.0%}  "
            f"false {len(false)} {' '.join(false)}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ingestion.decision.calibration")
    parser.add_argument("corpora", nargs="*")
    parser.add_argument("--dump", help="write the records as JSON")
    parser.add_argument("--load", help="score records written by --dump")
    parser.add_argument("--set", action="append", default=[], help="threshold key=value")
    parser.add_argument("--verbose", "-v", action="store_true", help="list the documents")
    args = parser.parse_args(argv)
    thresholds = dict(DEFAULT_THRESHOLDS)
    for item in args.set:
        key, _, value = item.partition("=")
        thresholds[key] = float(value)
    if args.load:
        records = json.loads(Path(args.load).read_text(encoding="utf-8"))
    else:
        if not args.corpora:
            parser.error("give corpora or --load")
        with tempfile.TemporaryDirectory(prefix="carnet-calibration-") as workdir:
            throwaway_database(Path(workdir), "calibration")
            records = [
                r for i, c in enumerate(args.corpora) for r in collect(Path(c), f"calibration-{i}")
            ]
        if args.dump:
            Path(args.dump).write_text(json.dumps(records, indent=1, default=str))
    report(records, thresholds, verbose=args.verbose)
    return 0


if __name__ == "__main__":
    sys.exit(main())
