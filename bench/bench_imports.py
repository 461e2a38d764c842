"""Master-data import: 5,000 customers and 50,000 products into a fresh tenant (target < 60 s
together), then the same files again (which must create nothing); then the matcher's view of
those 50,000 products, built once and then served from the process cache.

Runs in a child process against a throw-away SQLite database (or ``BENCH_DATABASE_URL`` when
set), so the development database is never touched.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

NAMES = [
    "import.customers_5k.seconds",
    "import.products_50k.seconds",
    "import.products_50k_reimport.seconds",
    "import.masterdata_view_50k.seconds",
    "import.masterdata_view_cached.seconds",
]
ROOT = Path(__file__).resolve().parent.parent
CUSTOMERS = 5_000
PRODUCTS = 50_000

CHILD = r"""
import json, time
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from tenants.models import Tenant
from customers.imports import customers_import
from catalog.imports import products_import

def ean13(n):
    body = f"{400000000000 + n:012d}"
    total = sum(int(c) * (3 if i % 2 else 1) for i, c in enumerate(body))
    return body + str((10 - total % 10) % 10)

customers = ["code,name,vat_number,email_domains,street,postal_code,city,country,sales_rep_email,vip"]
for i in range(CUSTOMERS):
    customers.append(f"C{i:05d},Customer {i} SARL,FR{i:011d},c{i}.example|c{i}-group.example,"
                     f"{i} rue des Lilas,{69000 + i % 900},Lyon,FR,rep{i % 40}@supplier.example,{'true' if i % 17 == 0 else 'false'}")
products = ["sku,gtin,description,unit,unit_price,currency"]
for i in range(PRODUCTS):
    products.append(f"SKU-{i:06d},{ean13(i) if i % 3 else ''},\"Article {i}, packaging {i % 50}\",EA,{i % 997}.{i % 100:02d},EUR")
customers_csv = ("\n".join(customers) + "\n").encode()
products_csv = ("\n".join(products) + "\n").encode()
tenant = Tenant.objects.create(slug="bench", name="Bench")
out = {}
t0 = time.perf_counter(); r = customers_import(tenant=tenant, data=customers_csv); out["customers"] = time.perf_counter() - t0
assert r.applied and len(r.created) == CUSTOMERS, r.lines()[:5]
t0 = time.perf_counter(); r = products_import(tenant=tenant, data=products_csv); out["products"] = time.perf_counter() - t0
assert r.applied and len(r.created) == PRODUCTS, r.lines()[:5]
t0 = time.perf_counter(); r = products_import(tenant=tenant, data=products_csv); out["products_again"] = time.perf_counter() - t0
assert r.applied and not r.created and not r.updated, r.lines()[:5]
r = customers_import(tenant=tenant, data=customers_csv)
assert r.applied and not r.created and not r.updated, r.lines()[:5]
from ingestion.masterdata import masterdata_for
t0 = time.perf_counter(); view = masterdata_for(tenant); out["view"] = time.perf_counter() - t0
assert len(view.product_ids) == PRODUCTS
t0 = time.perf_counter(); again = masterdata_for(tenant); out["view_cached"] = time.perf_counter() - t0
assert again is view
print("RESULT " + json.dumps(out))
"""


def measure() -> dict:
    with tempfile.TemporaryDirectory() as folder:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "LOG_LEVEL": "WARNING",
            "SQLITE_PATH": str(Path(folder) / "bench.sqlite3"),
            "MEDIA_ROOT": folder,
        }
        env.pop("DATABASE_URL", None)
        if os.environ.get("BENCH_DATABASE_URL"):
            env["DATABASE_URL"] = os.environ["BENCH_DATABASE_URL"]
        code = f"CUSTOMERS = {CUSTOMERS}\nPRODUCTS = {PRODUCTS}\n" + CHILD
        done = subprocess.run(
            [sys.executable, "-c", code],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=900,
            check=False,
        )
    line = next((x for x in done.stdout.splitlines() if x.startswith("RESULT ")), None)
    if done.returncode != 0 or line is None:
        raise RuntimeError(f"import benchmark failed: {done.stderr[-2000:]}")
    return json.loads(line[len("RESULT ") :])


def run() -> list[dict]:
    seconds = measure()

    def result(name: str, value: float) -> dict:
        return {
            "name": name,
            "value": round(value, 2),
            "unit": "s",
            "higher_is_better": False,
            "baseline_name": "target (issue 3), customers + products together",
            "baseline_value": 60.0,
        }

    return [
        result("import.customers_5k.seconds", seconds["customers"]),
        result("import.products_50k.seconds", seconds["products"]),
        result("import.products_50k_reimport.seconds", seconds["products_again"]),
        {
            "name": "import.masterdata_view_50k.seconds",
            "value": round(seconds["view"], 2),
            "unit": "s",
            "higher_is_better": False,
            "baseline_name": "built once per process and master-data version",
            "baseline_value": None,
        },
        {
            "name": "import.masterdata_view_cached.seconds",
            "value": round(seconds["view_cached"], 4),
            "unit": "s",
            "higher_is_better": False,
            "baseline_name": "served from the process cache",
            "baseline_value": None,
        },
    ]


if __name__ == "__main__":
    print(json.dumps(run(), indent=2))
