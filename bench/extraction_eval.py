"""End-to-end extraction scoring through the real commands, in one process.

    python -m bench.extraction_eval CORPUS_DIR [CORPUS_DIR ...] [--json OUT]

For each corpus (the layout of ../shared/corpus/README.md): a throw-away SQLite database,
`create_tenant`, the three master-data imports, then `ingest --sync --json` on every document
and negative, timed one by one. Scores with the rules of shared/tools/score_corpus.py, per kind
(manifest.csv's `kind`, else the truth's channel) and overall. Run it in its own process: it
configures Django for the throw-away database itself.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

from ingestion.corpus_run import channel_of, throwaway_database


def _summary(rows: list[dict], seconds: list[float]) -> dict:
    from ingestion.extraction.evaluate import HEADER_FIELDS

    docs = [r for r in rows if not r["negative"]]
    negatives = [r for r in rows if r["negative"]]
    fields = [ok for r in docs for ok in r["fields"].values()]
    truth = sum(r["lines_truth"] for r in docs)
    pred = sum(r["lines_pred"] for r in docs)
    hit = sum(r["lines_hit"] for r in docs)
    precision = hit / pred if pred else 0.0
    recall = hit / truth if truth else 0.0
    return {
        "docs": len(docs),
        "negatives": len(negatives),
        "header_accuracy": round(sum(fields) / len(fields), 4) if fields else None,
        "per_field": {
            f: round(sum(r["fields"][f] for r in docs) / len(docs), 4) if docs else None
            for f in HEADER_FIELDS
        },
        "line_precision": round(precision, 4),
        "line_recall": round(recall, 4),
        "line_f1": round(2 * precision * recall / (precision + recall), 4)
        if precision + recall
        else 0.0,
        "docs_all_right": round(sum(r["all_right"] for r in docs) / len(docs), 4) if docs else None,
        "touchless": round(sum(r["touchless"] for r in docs) / len(docs), 4) if docs else None,
        "false_touchless": sum(r["touchless"] and not r["all_right"] for r in docs)
        + sum(r["touchless"] for r in negatives),
        "negatives_rejected": sum(
            r["status"] == "rejected" or r["status"] == "no order" for r in negatives
        ),
        "docs_per_s": round(len(seconds) / sum(seconds), 3) if seconds else None,
        "max_s_per_doc": round(max(seconds), 3) if seconds else None,
    }


def evaluate_corpus(corpus: Path, slug: str) -> dict:
    from ingestion.corpus_run import corpus_documents, create_corpus_tenant, ingest_document
    from ingestion.extraction.evaluate import score_document

    kinds = create_corpus_tenant(corpus, slug, f"Eval {slug}")
    rows: list[dict] = []
    seconds: list[float] = []
    for path, truth, negative in corpus_documents(corpus, negatives=True):
        t0 = time.perf_counter()
        result = ingest_document(path, slug, truth)
        seconds.append(time.perf_counter() - t0)
        orders = result.get("orders") or []
        order = orders[0] if len(orders) == 1 else None
        channel = channel_of(path, truth)
        if truth is None:
            truth = {"lines": []}
        row = score_document(truth, order)
        row.update(
            seconds=round(seconds[-1], 4),
            file=path.name,
            negative=negative,
            kind=kinds.get(path.name) or truth.get("kind") or channel,
            status=order.get("status")
            if order
            else ("no order" if not orders else f"{len(orders)} orders"),
            error=result.get("error"),
        )
        row["touchless"] = row["status"] == "auto_approved"
        rows.append(row)
    kinds_seen = sorted({r["kind"] for r in rows if not r["negative"]})
    return {
        "overall": _summary(rows, seconds),
        "by_kind": {k: _summary([r for r in rows if r["kind"] == k], []) for k in kinds_seen},
        "documents": rows,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("corpora", nargs="+")
    parser.add_argument("--json", dest="json_out")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="carnet-eval-") as workdir:
        throwaway_database(Path(workdir), "eval")
        report = {
            Path(c).name: evaluate_corpus(Path(c), f"eval-{i}") for i, c in enumerate(args.corpora)
        }
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(report, indent=2, default=str))
    for name, result in report.items():
        print(name, json.dumps(result["overall"]), file=sys.stderr)
        for kind, summary in result["by_kind"].items():
            print(f"  {kind}", json.dumps(summary), file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
