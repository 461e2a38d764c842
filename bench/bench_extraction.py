"""Extraction quality and speed, per channel: a generated corpus and the real sample corpus.

The generated corpus (tests/corpusgen, fixed seed) covers digital PDFs, fax scans, emails and
spreadsheets in English, French and German; the real one is ../shared/corpus/contoso-po when it
is there. Everything runs through the real commands in a throw-away database (bench.extraction_eval).
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REAL_CORPUS = ROOT.parent / "shared" / "corpus" / "contoso-po"
NAMES = ["extract."]
GENERATED_N = int(os.environ.get("CARNET_BENCH_CORPUS_N", "60"))
METRICS = [
    ("header_accuracy", "ratio", True),
    ("line_f1", "ratio", True),
    ("docs_all_right", "ratio", True),
    ("touchless", "ratio", True),
    ("false_touchless", "docs", False),
]


def _results(prefix: str, summary: dict) -> list[dict]:
    out = []
    for key, unit, higher in METRICS:
        if summary.get(key) is not None:
            out.append(
                {
                    "name": f"{prefix}.{key}",
                    "value": summary[key],
                    "unit": unit,
                    "higher_is_better": higher,
                }
            )
    return out


def _pages(path: Path) -> int:
    import pypdfium2

    pdf = pypdfium2.PdfDocument(str(path))
    try:
        return len(pdf)
    finally:
        pdf.close()


def run(only: str = "") -> list[dict]:
    with tempfile.TemporaryDirectory(prefix="carnet-bench-corpus-") as tmp:
        generated = Path(tmp) / "generated"
        subprocess.run(
            [
                sys.executable,
                "-m",
                "tests.corpusgen",
                str(generated),
                "--n",
                str(GENERATED_N),
                "--seed",
                "2026",
            ],
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
        corpora = [str(generated)] + ([str(REAL_CORPUS)] if REAL_CORPUS.is_dir() else [])
        report_path = Path(tmp) / "report.json"
        subprocess.run(
            [sys.executable, "-m", "bench.extraction_eval", *corpora, "--json", str(report_path)],
            cwd=ROOT,
            check=True,
        )
        report = json.loads(report_path.read_text())
        two_page = [
            row["seconds"]
            for row in report["generated"]["documents"]
            if row["kind"] == "pdf" and _pages(generated / "documents" / row["file"]) == 2
        ]
    results: list[dict] = []
    gen = report["generated"]
    results += _results("extract.generated.overall", gen["overall"])
    for kind, summary in sorted(gen["by_kind"].items()):
        results += _results(f"extract.generated.{kind}", summary)
    results.append(
        {
            "name": "extract.generated.docs_per_s",
            "value": gen["overall"]["docs_per_s"],
            "unit": "docs/s",
            "higher_is_better": True,
        }
    )
    if two_page:
        results.append(
            {
                "name": "extract.two_page_pdf.seconds",
                "value": round(statistics.median(two_page), 3),
                "unit": "s",
                "higher_is_better": False,
                "baseline_name": "target",
                "baseline_value": 1.0,
            }
        )
    if "contoso-po" in report:
        results += _results("extract.contoso.overall", report["contoso-po"]["overall"])
    return results
