"""A corpus run end to end through the contract's commands, in a throw-away database.

``bench.extraction_eval`` (the scores) and ``ingestion.decision.calibration`` (the evidence for
the thresholds) both run a corpus (the layout of ``shared/corpus/README.md``) as
``shared/tools/score_corpus.py`` does: ``create_tenant``, the three master-data imports, then
``ingest --sync --json`` on every document. Each runs in its own process: the database is set
up here, before Django is.
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Iterator
from pathlib import Path


def throwaway_database(workdir: Path, name: str) -> None:
    """Configure Django for a new SQLite database (and media folder) in ``workdir``."""
    os.environ.pop("DATABASE_URL", None)
    os.environ.pop("REDIS_URL", None)
    os.environ["SQLITE_PATH"] = str(workdir / f"{name}.sqlite3")
    os.environ["MEDIA_ROOT"] = str(workdir / "media")
    os.environ["LOG_LEVEL"] = "ERROR"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def create_corpus_tenant(corpus: Path, slug: str, name: str) -> dict[str, str]:
    """A tenant with the corpus's master data; returns each document's kind from the corpus's
    ``manifest.csv`` (empty when it has none)."""
    from django.core.management import call_command

    call_command("create_tenant", slug, name=name, stdout=io.StringIO())
    for kind in ("customers", "products", "aliases"):
        path = corpus / "masterdata" / f"{kind}.csv"
        if path.exists():
            call_command(f"import_{kind}", str(path), tenant=slug, stdout=io.StringIO())
    manifest = corpus / "manifest.csv"
    if not manifest.exists():
        return {}
    with manifest.open(encoding="utf-8") as handle:
        return {row["file"]: row["kind"] for row in csv.DictReader(handle)}


def corpus_documents(
    corpus: Path, *, negatives: bool = False
) -> Iterator[tuple[Path, dict | None, bool]]:
    """``(path, truth or None, is_negative)`` for every document (and negative, if asked)."""
    folders = [("documents", False)] + ([("negatives", True)] if negatives else [])
    for folder, negative in folders:
        if not (corpus / folder).is_dir():
            continue
        for path in sorted((corpus / folder).iterdir()):
            truth_path = corpus / "truth" / f"{path.name}.json"
            truth = (
                json.loads(truth_path.read_text(encoding="utf-8")) if truth_path.exists() else None
            )
            yield path, truth, negative


def channel_of(path: Path, truth: dict | None) -> str:
    return (truth or {}).get("channel") or ("email" if path.suffix == ".eml" else "upload")


def uploaded_by(path: Path, truth: dict | None) -> dict:
    """As ``shared/tools/score_corpus.py`` does: a spreadsheet is uploaded by a known customer
    (the portal's), any other document must name its sender itself."""
    if path.suffix.lower() in (".csv", ".xlsx") and (truth or {}).get("customer_code"):
        return {"customer": truth["customer_code"]}
    return {}


def ingest_document(path: Path, slug: str, truth: dict | None) -> dict:
    """``ingest --sync --json`` of one file, as printed; a crash is a result with an error (a
    scored failure), not the end of the run."""
    from django.core.management import call_command

    out = io.StringIO()
    try:
        call_command(
            "ingest",
            str(path),
            tenant=slug,
            channel=channel_of(path, truth),
            sync=True,
            json=True,
            stdout=out,
            **uploaded_by(path, truth),
        )
        return json.loads(out.getvalue().strip().splitlines()[-1])
    except Exception as error:  # noqa: BLE001 - a crash is a scored failure
        return {"file": path.name, "orders": [], "error": f"{type(error).__name__}: {error}"}
