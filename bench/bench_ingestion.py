"""Ingestion throughput on one core: what a worker does per document, without the database.

- ``ingest.text_pdf.pages_per_s``: digital PDFs (the corpus purchase orders): preflight,
  pdfplumber words and rulings, page images rendered for the viewer.
- ``ingest.fax.pages_per_s``: the same orders as faxes (204 × 98 dpi, 1-bit CCITT G3 TIFF):
  preflight, fax clean-up, deskew, tesseract (eng+fra+deu), page images.
- ``ingest.fax.ocr_overhead``: our OCR time per fax page divided by plain ``tesseract`` CLI
  time on the same page images in the same run (goal ≤ 1.2), both in CPU seconds; the CLI's
  CPU seconds per page is the baseline.

The process (and the tesseract it starts) is pinned to one CPU with ``OMP_THREAD_LIMIT=1``.
"""

from __future__ import annotations

import io
import os
import resource
import shutil
import subprocess
import tempfile
import time
from pathlib import Path


def _shared_corpus() -> Path:
    root = Path(__file__).resolve().parent.parent
    for candidate in (root.parent / "shared" / "corpus", Path("/work/shared/corpus")):
        if candidate.is_dir():
            return candidate
    return root.parent / "shared" / "corpus"


NAMES = ["ingest.text_pdf.pages_per_s", "ingest.fax.pages_per_s", "ingest.fax.ocr_overhead"]
CORPUS = Path(os.environ.get("CARNET_CORPUS", str(_shared_corpus()))) / "contoso-po" / "documents"
FAX_PAGES = int(os.environ.get("BENCH_FAX_PAGES", "4"))
LANG = "eng+fra+deu"


def _one_core() -> None:
    os.environ["OMP_THREAD_LIMIT"] = "1"
    if hasattr(os, "sched_setaffinity"):
        cpus = sorted(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpus[-1]})


def _text_pdfs() -> list[bytes]:
    files = sorted(CORPUS.glob("*.pdf")) if CORPUS.exists() else []
    if files:
        return [f.read_bytes() for f in files]
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    out = []
    for n in range(8):
        buffer = io.BytesIO()
        pdf = canvas.Canvas(buffer, pagesize=A4, invariant=True)
        pdf.drawString(50, 800, f"PURCHASE ORDER {4500000 + n}")
        for line in range(30):
            pdf.drawString(
                50,
                760 - 20 * line,
                f"{line + 1}  SKU-{line:04d}  Article {line}  12  EA  3.45  41.40",
            )
        pdf.showPage()
        pdf.save()
        out.append(buffer.getvalue())
    return out


def _fax(pdf: bytes) -> bytes:
    """The first page as a fax machine sends it: 204 × 98 dpi, 1 bit, CCITT G3."""
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    page = document[0]
    image = page.render(scale=204 / 72).to_pil().convert("L")
    page.close()
    document.close()
    image = image.resize((image.width, round(image.height * 98 / 204)))
    bilevel = image.point(lambda v: 255 if v > 160 else 0).convert("1")
    buffer = io.BytesIO()
    bilevel.save(buffer, format="TIFF", compression="group3", dpi=(204, 98))
    return buffer.getvalue()


def _document(kind: str, file_type: str):
    from ingestion.models import Document

    return Document(kind=kind, filename=f"bench.{file_type}", metadata={"file_type": file_type})


def _worker_cost(document, data: bytes) -> int:
    """What document_process does per document, minus the database: read + page images."""
    from ingestion.pipeline import _page_images, page_png, read_document

    layout = read_document(document, data)
    for image in _page_images(document, data):
        page_png(image)
    return len(layout.pages)


def run() -> list[dict]:
    _one_core()
    from ingestion.models import DocumentKind

    pdfs = _text_pdfs()
    pdf_document = _document(DocumentKind.PDF, "pdf")
    _worker_cost(pdf_document, pdfs[0])  # warm-up: imports, font caches
    pages, started = 0, time.perf_counter()
    for _round in range(2):
        for data in pdfs:
            pages += _worker_cost(pdf_document, data)
    text_rate = pages / (time.perf_counter() - started)

    faxes = [_fax(pdfs[n % len(pdfs)]) for n in range(FAX_PAGES)]
    fax_document = _document(DocumentKind.IMAGE, "tiff")
    from ingestion.pipeline import _page_images, page_png, read_document

    tesseract = shutil.which("tesseract")
    ours = cli = 0.0
    fax_seconds = 0.0
    with tempfile.TemporaryDirectory() as folder:
        # Interleaved page by page, and measured in CPU seconds (ours + the tesseract processes
        # we start), so that other load on the machine weighs on both sides alike.
        for index, data in enumerate(faxes):
            started, cpu = time.perf_counter(), _cpu()
            read_document(fax_document, data)
            ours += _cpu() - cpu
            for image in _page_images(fax_document, data):
                page_png(image)
            fax_seconds += time.perf_counter() - started
            if tesseract:
                path = Path(folder) / f"fax-{index}.tif"
                path.write_bytes(data)
                cpu = _cpu()
                subprocess.run(
                    [tesseract, str(path), "stdout", "-l", LANG],
                    check=True,
                    capture_output=True,
                    env={**os.environ, "OMP_THREAD_LIMIT": "1"},
                )
                cli += _cpu() - cpu
    results = [
        _result("ingest.text_pdf.pages_per_s", text_rate, "pages/s", True),
        _result("ingest.fax.pages_per_s", len(faxes) / fax_seconds, "pages/s", True),
    ]
    if tesseract:
        results.append(
            _result(
                "ingest.fax.ocr_overhead",
                ours / cli,
                "ratio",
                False,
                baseline_name="tesseract CLI s/page",
                baseline_value=round(cli / len(faxes), 3),
            )
        )
    return results


def _cpu() -> float:
    """CPU seconds of this process and of the child processes it waited for."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def _result(name, value, unit, higher_is_better, baseline_name=None, baseline_value=None) -> dict:
    return {
        "name": name,
        "value": round(value, 3),
        "unit": unit,
        "higher_is_better": higher_is_better,
        "baseline_name": baseline_name,
        "baseline_value": baseline_value,
    }


if __name__ == "__main__":
    import json
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    print(json.dumps(run(), indent=2))
