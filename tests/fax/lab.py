"""Fax OCR lab: OCR a generated fax corpus once (cached), then score extraction quickly.

    python -m tests.fax.lab ocr CORPUS --tag T [--jobs 2] [--only GLOB]
    python -m tests.fax.lab score CORPUS --tag T [--verbose]
    python -m tests.fax.lab clean CORPUS --seed S     # the same orders as digital PDFs (ceiling)

Not a test: a tool to see whether a miss comes from the image, tesseract or the extraction.
Layouts are cached under /tmp/faxlab/<tag>/<document>.json.
"""

from __future__ import annotations

import argparse
import csv
import fnmatch
import json
import sys
import time
from multiprocessing import Pool
from pathlib import Path

CACHE = Path("/tmp/faxlab")


def _ocr_one(args):
    path, out = args
    from ingestion.reading import read_image, read_pdf

    data = Path(path).read_bytes()
    t = time.monotonic()
    layout = read_pdf(data) if path.endswith(".pdf") else read_image(data)
    seconds = time.monotonic() - t
    doc = layout.to_json()
    doc["seconds"] = seconds
    Path(out).write_text(json.dumps(doc))
    return Path(path).name, seconds


def ocr(corpus: Path, tag: str, jobs: int, only: str) -> None:
    out_dir = CACHE / tag
    out_dir.mkdir(parents=True, exist_ok=True)
    todo = [
        (str(p), str(out_dir / f"{p.name}.json"))
        for p in sorted((corpus / "documents").glob("*"))
        if fnmatch.fnmatch(p.name, only)
    ]
    todo += [
        (str(p), str(out_dir / f"{p.name}.json"))
        for p in sorted((corpus / "negatives").glob("*"))
        if fnmatch.fnmatch(p.name, only) and p.suffix in (".pdf", ".tif")
    ]
    started = time.monotonic()
    with Pool(jobs) as pool:
        total = 0.0
        for _name, seconds in pool.imap_unordered(_ocr_one, todo):
            total += seconds
    print(f"ocr {len(todo)} docs, {total:.1f}s cpu-ish, {time.monotonic() - started:.1f}s wall")


def score(corpus: Path, tag: str, verbose: bool, only: str) -> dict:
    from ingestion.extraction import extract_from_layout
    from ingestion.extraction.evaluate import _explain, load_masterdata, score_document
    from ingestion.layout import Layout
    from ingestion.matching import build_draft

    md = load_masterdata(corpus)
    rows = {}
    for truth_path in sorted((corpus / "truth").glob("*.json")):
        name = truth_path.name[: -len(".json")]
        if not fnmatch.fnmatch(name, only):
            continue
        cached = CACHE / tag / f"{name}.json"
        if not cached.exists():
            continue
        truth = json.loads(truth_path.read_text())
        layout = Layout.from_json(json.loads(cached.read_text()))
        draft = build_draft(extract_from_layout(layout), md)
        order = draft.to_json() if draft.extracted.is_order else None
        res = score_document(truth, order)
        res["touchless"] = bool(order) and draft.touchless
        rows[name] = res
        if verbose and not res["all_right"]:
            _explain(name, truth, order, res, sys.stdout)
        if res["touchless"] and not res["all_right"]:
            print(f"!!! FALSE TOUCHLESS {name}")
    negs = 0
    for cached in sorted((CACHE / tag).glob("*.json")):
        name = cached.name[:-5]
        if (corpus / "negatives" / name).exists():
            layout = Layout.from_json(json.loads(cached.read_text()))
            ex = extract_from_layout(layout)
            if ex.is_order and ex.lines:
                negs += 1
                print(f"NEGATIVE TAKEN AS ORDER {name}")
    _summary(rows)
    return rows


def _summary(rows: dict) -> None:
    from ingestion.extraction.evaluate import HEADER_FIELDS

    n = len(rows)
    if not n:
        print("nothing scored")
        return
    fields = {f: sum(r["fields"][f] for r in rows.values()) / n for f in HEADER_FIELDS}
    hit = sum(r["lines_hit"] for r in rows.values())
    tru = sum(r["lines_truth"] for r in rows.values())
    pre = sum(r["lines_pred"] for r in rows.values())
    p, rc = (hit / pre if pre else 0), (hit / tru if tru else 0)
    f1 = 2 * p * rc / (p + rc) if p + rc else 0
    print(
        f"docs {n}  header {sum(fields.values()) / len(fields):.3f}  "
        + " ".join(f"{k[:8]}={v:.2f}" for k, v in fields.items())
        + f"  lineF1 {f1:.3f} (P {p:.3f} R {rc:.3f})  all_right {sum(r['all_right'] for r in rows.values()) / n:.3f}"
        f"  touchless {sum(r['touchless'] for r in rows.values()) / n:.3f}"
        f"  false_tl {sum(r['touchless'] and not r['all_right'] for r in rows.values())}"
    )


def clean(corpus: Path, seed: int, out_tag: str) -> None:
    """Regenerate each fax's underlying digital PDF and cache its Layout (the ceiling)."""
    import random

    from ingestion.reading import read_pdf
    from tests.corpusgen.build import build_world, order_for_layout
    from tests.corpusgen.pdf_layouts import LAYOUTS

    world = build_world(seed)
    out_dir = CACHE / out_tag
    out_dir.mkdir(parents=True, exist_ok=True)
    pdf_dir = CACHE / f"{out_tag}-pdf"
    pdf_dir.mkdir(parents=True, exist_ok=True)
    manifest = list(csv.DictReader((corpus / "manifest.csv").open()))
    for row in manifest:
        if row["kind"] != "fax":
            continue
        idx = int(row["file"][:4])
        rng = random.Random(f"doc-{seed}-{idx - 1}")
        order = order_for_layout(rng, world, row["layout"], long=rng.random() < 0.1)
        pdf = LAYOUTS[row["layout"]].render(order, rng)
        (pdf_dir / f"{row['file']}.pdf").write_bytes(pdf)
        (out_dir / f"{row['file']}.json").write_text(json.dumps(read_pdf(pdf).to_json()))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("cmd", choices=["ocr", "score", "clean"])
    ap.add_argument("corpus")
    ap.add_argument("--tag", default="cur")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--only", default="*")
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--verbose", "-v", action="store_true")
    ap.add_argument("--patch", help="a Python file executed first (monkeypatch experiments)")
    a = ap.parse_args(argv)
    import os

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    corpus = Path(a.corpus)
    if a.patch:
        exec(compile(Path(a.patch).read_text(), a.patch, "exec"), {"__name__": "patch"})
    if a.cmd == "ocr":
        ocr(corpus, a.tag, a.jobs, a.only)
    elif a.cmd == "score":
        score(corpus, a.tag, a.verbose, a.only)
    else:
        clean(corpus, a.seed, a.tag)
    return 0


if __name__ == "__main__":
    sys.exit(main())
