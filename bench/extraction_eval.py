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
import csv
import io
import json
import os
import sys
import tempfile
import time
from pathlib import Path


def _setup(workdir: Path) -> None:
    os.environ.pop("DATABASE_URL", None)
    os.environ.pop("REDIS_URL", None)
    os.environ["SQLITE_PATH"] = str(workdir / "eval.sqlite3")
    os.environ["MEDIA_ROOT"] = str(workdir / "media")
    os.environ["LOG_LEVEL"] = "ERROR"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


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
    from django.core.management import call_command

    from ingestion.decision.calibration import uploaded_by
    from ingestion.extraction.evaluate import score_document

    call_command("create_tenant", slug, name=f"Eval {slug}", stdout=io.StringIO())
    for kind in ("customers", "products", "aliases"):
        path = corpus / "masterdata" / f"{kind}.csv"
        if path.exists():
            call_command(f"import_{kind}", str(path), tenant=slug, stdout=io.StringIO())
    kinds = {}
    if (corpus / "manifest.csv").exists():
        with (corpus / "manifest.csv").open() as handle:
            kinds = {row["file"]: row["kind"] for row in csv.DictReader(handle)}
    files = [(p, False) for p in sorted((corpus / "documents").iterdir())]
    if (corpus / "negatives").is_dir():
        files += [(p, True) for p in sorted((corpus / "negatives").iterdir())]
    rows: list[dict] = []
    seconds: list[float] = []
    for path, negative in files:
        truth_path = corpus / "truth" / f"{path.name}.json"
        truth = json.loads(truth_path.read_text()) if truth_path.exists() else None
        channel = (truth or {}).get("channel") or ("email" if path.suffix == ".eml" else "upload")
        out = io.StringIO()
        t0 = time.perf_counter()
        try:
            call_command(
                "ingest",
                str(path),
                tenant=slug,
                channel=channel,
                sync=True,
                json=True,
                stdout=out,
                **uploaded_by(path, truth),
            )
            result = json.loads(out.getvalue().strip().splitlines()[-1])
        except Exception as error:  # a crash is a scored failure, not the end of the run
            result = {"file": path.name, "orders": [], "error": f"{type(error).__name__}: {error}"}
        seconds.append(time.perf_counter() - t0)
        orders = result.get("orders") or []
        order = orders[0] if len(orders) == 1 else None
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
        _setup(Path(workdir))
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
