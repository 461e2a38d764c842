"""Demo data load: the large scale (5,000 customers, 20,000 products, 50 reps, ~1,000,000 order
lines, with deliveries, invoices and events) into PostgreSQL, target under 10 minutes.

Runs only when ``BENCH_DATABASE_URL`` or ``DATABASE_URL`` points at PostgreSQL: the load goes
into a throw-away database created next to it (dropped afterwards), or, when the role may not
create databases, into a throw-away tenant of that database (deleted afterwards). Otherwise the
small scale (the ``make run`` default, target under a minute) is measured on a throw-away SQLite
file and reported under its own name.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

NAMES = [
    "demo.large.load_seconds",
    "demo.large.order_lines_per_s",
    "demo.small_sqlite.load_seconds",
]
ROOT = Path(__file__).resolve().parent.parent
SLUG = "bench-demo"

CHILD = r"""
import json, sys, time
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from demo.services import demo_load, demo_tenant_purge
from tenants.models import Tenant
scale, slug, purge = sys.argv[1], sys.argv[2], sys.argv[3] == "purge"
existing = Tenant.objects.filter(slug=slug).first()
if existing is not None:
    demo_tenant_purge(tenant=existing)
t0 = time.perf_counter()
result = demo_load(slug=slug, scale=scale, seed=42, inbound=False)
seconds = time.perf_counter() - t0
if purge:
    demo_tenant_purge(tenant=Tenant.objects.get(slug=slug))
print("RESULT " + json.dumps({"seconds": seconds, "counts": result.counts[slug]}))
"""


def _child(scale: str, database_url: str, purge: bool) -> dict:
    env = {**os.environ, "DATABASE_URL": database_url, "DJANGO_SETTINGS_MODULE": "config.settings"}
    done = subprocess.run(
        [sys.executable, "-c", CHILD, scale, SLUG, "purge" if purge else "keep"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=3600,
        check=False,
    )
    for line in done.stdout.splitlines():
        if line.startswith("RESULT "):
            return json.loads(line[7:])
    raise RuntimeError(f"demo load failed: {done.stderr[-2000:]}")


def _postgres_large(url: str) -> dict:
    import dj_database_url
    import psycopg2

    config = dj_database_url.parse(url)
    name = f"carnet_bench_demo_{os.getpid()}"
    try:
        admin = psycopg2.connect(
            host=config["HOST"] or None,
            port=config["PORT"] or None,
            user=config["USER"] or None,
            password=config["PASSWORD"] or None,
            dbname=config["NAME"],
        )
        admin.autocommit = True
        admin.cursor().execute(f'CREATE DATABASE "{name}"')
    except psycopg2.Error:  # no CREATEDB: a throw-away tenant of the given database
        return _child("large", url, purge=True)
    try:
        base, _, _ = url.rpartition("/")
        return _child("large", f"{base}/{name}", purge=False)
    finally:
        admin.cursor().execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.close()


def run() -> list[dict]:
    url = os.environ.get("BENCH_DATABASE_URL") or os.environ.get("DATABASE_URL") or ""
    if url.startswith(("postgres://", "postgresql://", "pgsql://")):
        out = _postgres_large(url.split("?", 1)[0])
        lines = out["counts"].get("OrderLine", 0)
        return [
            {
                "name": "demo.large.load_seconds",
                "value": round(out["seconds"], 1),
                "unit": "s",
                "higher_is_better": False,
                "baseline_name": "target (issue 4)",
                "baseline_value": 600,
            },
            {
                "name": "demo.large.order_lines_per_s",
                "value": round(lines / out["seconds"]),
                "unit": "lines/s",
                "higher_is_better": True,
                "baseline_name": None,
                "baseline_value": None,
            },
        ]
    with tempfile.TemporaryDirectory() as tmp:
        out = _child("small", f"sqlite:///{tmp}/bench.sqlite3", purge=False)
    return [
        {
            "name": "demo.small_sqlite.load_seconds",
            "value": round(out["seconds"], 1),
            "unit": "s",
            "higher_is_better": False,
            "baseline_name": "target (issue 4)",
            "baseline_value": 60,
        }
    ]


if __name__ == "__main__":
    print(json.dumps(run(), indent=2))
