"""``python manage.py ingest --tenant SLUG [--channel email|fax|upload] [--customer CODE] [--sync] [--json] FILE...``

See ../shared/spec/CONTRACTS.md. Each file becomes an inbound message of the tenant, stored raw
first, like any other channel. With ``--json`` exactly one JSON object per input file is printed
on stdout, in input order, and nothing else (logs go to stderr).
"""

from __future__ import annotations

import contextlib
import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ingestion.models import Channel
from ingestion.splitting import files as filetypes

CHANNELS = (Channel.EMAIL, Channel.FAX, Channel.UPLOAD)


class Command(BaseCommand):
    help = "Ingest documents (.eml, PDF, TIFF, PNG/JPEG, CSV/XLSX) as inbound messages of a tenant."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE")
        parser.add_argument("--tenant", required=True)
        parser.add_argument("--channel", choices=[str(c) for c in CHANNELS])
        parser.add_argument("--customer", help="the sender's customer code, when known")
        parser.add_argument(
            "--sync", action="store_true", help="process each file before returning"
        )
        parser.add_argument(
            "--json", action="store_true", help="one JSON object per file on stdout"
        )

    def handle(self, *args, files, tenant, channel, customer, sync, json: bool, **options):
        from customers.models import Customer
        from tenants.models import Tenant

        tenant_obj = Tenant.objects.filter(slug=tenant).first()
        if tenant_obj is None:
            raise CommandError(f"unknown tenant {tenant!r}")
        known_customer = None
        if customer:
            known_customer = Customer.objects.for_tenant(tenant_obj).filter(code=customer).first()
            if known_customer is None:
                raise CommandError(f"unknown customer {customer!r} in tenant {tenant!r}")
        out = self.stdout._out if hasattr(self.stdout, "_out") else sys.stdout
        failures = 0
        for path in files:
            # Whatever a library prints while reading must not reach the JSON stream.
            with contextlib.redirect_stdout(sys.stderr) if json else contextlib.nullcontext():
                result = self._ingest_one(
                    Path(path),
                    tenant=tenant_obj,
                    channel=channel,
                    customer=known_customer,
                    sync=sync,
                )
            if "error" in result:
                failures += 1
            if json:
                out.write(_dumps({"file": path, **result}) + "\n")
                out.flush()
            else:
                self._print_human(path, result)
        if failures:
            # Exit non-zero with a one-line reason on stderr; stdout keeps only the JSON lines.
            raise CommandError(f"{failures} of {len(files)} file(s) could not be read")

    def _ingest_one(self, path: Path, *, tenant, channel, customer, sync: bool) -> dict:
        from ingestion.pipeline import message_process
        from ingestion.selectors import message_contract_result
        from ingestion.services import message_store

        try:
            raw = path.read_bytes()
        except OSError as exc:
            return {"orders": [], "error": f"cannot open file: {exc.strerror or exc}"}
        file_type = filetypes.sniff(raw, path.name)
        chosen = channel or (Channel.EMAIL if file_type == filetypes.EML else Channel.UPLOAD)
        message = message_store(
            tenant=tenant,
            channel=chosen,
            raw=raw,
            filename=path.name,
            known_customer=customer,
            metadata={"source": "ingest command"},
            queue=not sync,
        )
        if sync and message.duplicate_of_id is None:
            message_process(message_id=message.pk, sync=True)
        message.refresh_from_db()
        result = message_contract_result(message=message)
        if not sync and message.duplicate_of_id is None:
            result["inbound_message"] = message.pk
        return result

    def _print_human(self, path: str, result: dict) -> None:
        if "error" in result:
            self.stderr.write(f"{path}: {result['error']}")
        orders = result["orders"]
        if not orders and "error" not in result:
            self.stdout.write(
                f"{path}: no order" + (" (queued)" if "inbound_message" in result else "")
            )
        for order in orders:
            self.stdout.write(
                f"{path}: order {order['id']} {order['status']} customer={order['customer_code']} "
                f"po={order['po_number']} lines={len(order['lines'])} total={order['total']}"
            )


def _dumps(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, default=str)
