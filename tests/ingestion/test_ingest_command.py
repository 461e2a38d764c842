"""The ``ingest`` command exactly as ../shared/spec/CONTRACTS.md states it."""

from __future__ import annotations

import contextlib
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from ingestion.models import InboundMessage, MessageStatus
from tests.ingestion import hostile
from tests.ingestion.docs import order_pdf
from tests.ingestion.factories import make_email

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def _run(*args) -> list[dict]:
    out = io.StringIO()
    err = io.StringIO()
    with contextlib.suppress(CommandError):  # exits non-zero when a file is unreadable
        call_command("ingest", *args, stdout=out, stderr=err)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_one_json_line_per_file_in_input_order_even_with_an_unreadable_file(tenant, tmp_path):
    good = tmp_path / "po-0042.pdf"
    good.write_bytes(order_pdf("0042"))
    locked = tmp_path / "locked.pdf"
    locked.write_bytes(hostile.encrypted_pdf())
    mail = tmp_path / "order.eml"
    mail.write_bytes(make_email(body="Hello"))
    missing = tmp_path / "missing.pdf"
    lines = _run(
        "--tenant", "acme", "--sync", "--json", str(good), str(locked), str(mail), str(missing)
    )
    assert [line["file"] for line in lines] == [str(good), str(locked), str(mail), str(missing)]
    assert lines[1] == {
        "file": str(locked),
        "orders": [],
        "error": "locked.pdf: encrypted PDF (password protected)",
    }
    assert lines[3] == {
        "file": str(missing),
        "orders": [],
        "error": "cannot open file: No such file or directory",
    }
    assert "error" not in lines[0]
    assert (
        InboundMessage.objects.for_tenant(tenant).get(raw_filename="order.eml").channel == "email"
    )
    assert (
        InboundMessage.objects.for_tenant(tenant).get(raw_filename="po-0042.pdf").channel
        == "upload"
    )


def test_a_duplicate_file_reports_the_first_orders_as_duplicate(tenant, tmp_path):
    path = tmp_path / "po.pdf"
    path.write_bytes(order_pdf("DUP-1"))
    first = _run("--tenant", "acme", "--sync", "--json", str(path))[0]
    second = _run("--tenant", "acme", "--sync", "--json", str(path))[0]
    assert [o["id"] for o in second["orders"]] == [o["id"] for o in first["orders"]]
    assert {o["status"] for o in second["orders"]} <= {"duplicate"}
    assert (
        InboundMessage.objects.for_tenant(tenant).filter(status=MessageStatus.DUPLICATE).count()
        == 1
    )


def test_channel_and_customer_are_recorded(tenant, tmp_path):
    from tests.factories import CustomerFactory

    customer = CustomerFactory(tenant=tenant, code="C00042")
    path = tmp_path / "fax.pdf"
    path.write_bytes(order_pdf("FAX-1"))
    _run(
        "--tenant",
        "acme",
        "--channel",
        "fax",
        "--customer",
        "C00042",
        "--sync",
        "--json",
        str(path),
    )
    message = InboundMessage.objects.for_tenant(tenant).get()
    assert (message.channel, message.known_customer) == ("fax", customer)


def test_unknown_tenant_and_customer_fail_with_a_reason(tenant, tmp_path):
    with pytest.raises(CommandError, match="unknown tenant 'nope'"):
        call_command("ingest", "--tenant", "nope", str(tmp_path / "x.pdf"))
    with pytest.raises(CommandError, match="unknown customer 'C404' in tenant 'acme'"):
        call_command("ingest", "--tenant", "acme", "--customer", "C404", str(tmp_path / "x.pdf"))


def test_with_json_nothing_but_json_reaches_stdout(tmp_path):
    """A real process: logs, warnings and library prints go to stderr."""
    db = tmp_path / "db.sqlite3"
    env = {
        "SQLITE_PATH": str(db),
        "MEDIA_ROOT": str(tmp_path / "media"),
        "PATH": "/usr/bin:/bin",
        "LOG_LEVEL": "DEBUG",
    }
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "-v0"], env=env, check=True, cwd=ROOT, capture_output=True)
    subprocess.run(
        [*manage, "create_tenant", "acme", "--name", "Acme"],
        env=env,
        check=True,
        cwd=ROOT,
        capture_output=True,
    )
    good = tmp_path / "po.pdf"
    good.write_bytes(order_pdf("CLEAN-1"))
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(hostile.truncated_pdf())
    result = subprocess.run(
        [
            *manage,
            "ingest",
            "--tenant",
            "acme",
            "--sync",
            "--json",
            str(good),
            str(broken),
            str(good),
        ],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    lines = result.stdout.splitlines()
    assert len(lines) == 3
    parsed = [json.loads(line) for line in lines]
    assert [p["file"] for p in parsed] == [str(good), str(broken), str(good)]
    assert parsed[1]["error"] == "broken.pdf: broken or truncated PDF (PDFium: data format error)"
    assert all(o["status"] == "duplicate" for o in parsed[2]["orders"])
    assert result.returncode == 1
    assert (
        result.stderr.strip().splitlines()[-1] == "CommandError: 1 of 3 file(s) could not be read"
    )


def test_a_document_that_prints_no_total_has_none(tenant, tmp_path):
    """CONTRACTS: ``total`` is what the document states, ``null`` if it states none."""
    mail = tmp_path / "order.eml"
    mail.write_bytes(
        make_email(
            subject="PO 4711",
            body="Hello,\n\nplease ship:\n- 12 x GT-6MM-BK at 3.45\n- 5 x A-778 at 2.00\n\nThanks",
        )
    )
    (order,) = _run("--tenant", "acme", "--sync", "--json", str(mail))[0]["orders"]
    assert [line["unit_price"] for line in order["lines"]] == ["3.45", "2"]
    assert order["total"] is None
    from tests.extraction.docs import pdf, table

    rows = [
        ["Item", "Description", "Qty", "Unit price", "Amount"],
        ["GT-6MM-BK", "Gaffer tape 6mm black", "12", "3.45", "41.40"],
        ["", "Total", "", "", "41.40"],
    ]
    printed = tmp_path / "po.pdf"
    printed.write_bytes(
        pdf([[(40, 40, "PURCHASE ORDER TOT-1"), *table([40, 140, 330, 400, 480], 100, rows)]])
    )
    (order,) = _run("--tenant", "acme", "--sync", "--json", str(printed))[0]["orders"]
    assert order["total"] == "41.40"


def test_an_order_that_prices_nothing_and_names_no_currency_states_none(tenant, tmp_path):
    """CONTRACTS: unknown values are ``null``; the order is still booked in the customer's."""
    mail = tmp_path / "order.eml"
    mail.write_bytes(
        make_email(subject="PO 4712", body="Hello,\n\nplease ship:\n- 12 x GT-6MM-BK\n\nThanks")
    )
    (order,) = _run("--tenant", "acme", "--sync", "--json", str(mail))[0]["orders"]
    assert order["lines"][0]["unit_price"] is None
    assert order["currency"] is None
    from orders.models import Order

    assert Order.objects.get(pk=order["id"]).currency == "EUR"
    priced = tmp_path / "priced.eml"
    priced.write_bytes(
        make_email(subject="PO 4713", body="Hello,\n\nplease ship:\n- 12 x GT-6MM-BK at 3.45\n")
    )
    (order,) = _run("--tenant", "acme", "--sync", "--json", str(priced))[0]["orders"]
    assert order["currency"] == "EUR"  # prices with no mark: the customer's currency


def test_a_price_per_thousand_is_kept_to_the_fraction_of_a_cent(tenant, tmp_path):
    from tests.extraction.docs import pdf, table

    rows = [
        ["Pos.", "Material", "Bezeichnung", "Menge", "ME", "Preis", "PE", "Nettowert"],
        [
            "00010",
            "TB-MC20",
            "Mikroreaktionsgefäße 2,0 ml",
            "10.000",
            "ST",
            "27,75",
            "1000",
            "277,50",
        ],
    ]
    path = tmp_path / "po.pdf"
    path.write_bytes(
        pdf(
            [
                [
                    (40, 40, "Bestellung 4500012345"),
                    *table([30, 70, 130, 300, 350, 380, 430, 480], 100, rows),
                ]
            ]
        )
    )
    (order,) = _run("--tenant", "acme", "--sync", "--json", str(path))[0]["orders"]
    assert [(ln["quantity"], ln["unit_price"]) for ln in order["lines"]] == [("10000", "0.02775")]
