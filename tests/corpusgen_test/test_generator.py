import csv
import email
import io
import json
from decimal import Decimal
from email import policy
from pathlib import Path

import pdfplumber
import pytest
from PIL import Image

from tests.corpusgen.__main__ import main
from tests.corpusgen.build import generate_corpus
from tests.corpusgen.fmt import fmt_date, fmt_num
from tests.corpusgen.masterdata import SUPPLIER, ean13_check_digit, ean13_is_valid

N = 12
TRUTH_KEYS = {
    "channel",
    "customer_code",
    "po_number",
    "order_date",
    "requested_delivery_date",
    "currency",
    "ship_to",
    "lines",
    "total",
    "notes",
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("corpus")
    generate_corpus(out, n=N, seed=7)
    return out


def _truths(corpus: Path) -> dict[str, dict]:
    return {
        p.name[: -len(".json")]: json.loads(p.read_text(encoding="utf-8"))
        for p in sorted((corpus / "truth").glob("*.json"))
    }


def _files(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def test_generation_is_deterministic_for_a_seed(corpus, tmp_path):
    # when
    generate_corpus(tmp_path, n=N, seed=7)

    # then
    assert _files(tmp_path) == _files(corpus)


def test_another_seed_gives_other_documents(corpus, tmp_path):
    generate_corpus(tmp_path, n=N, seed=8, negatives=False)

    assert (tmp_path / "documents" / "0001-po.pdf").read_bytes() != (
        corpus / "documents" / "0001-po.pdf"
    ).read_bytes()


def test_layout_matches_the_contoso_corpus(corpus):
    assert sorted(p.name for p in corpus.iterdir()) == [
        "documents",
        "manifest.csv",
        "masterdata",
        "negatives",
        "truth",
    ]
    assert sorted(p.name for p in (corpus / "masterdata").iterdir()) == [
        "aliases.csv",
        "customers.csv",
        "products.csv",
    ]
    assert len(list((corpus / "documents").iterdir())) == N


def test_masterdata_has_the_contract_columns(corpus):
    md = corpus / "masterdata"
    with (md / "customers.csv").open(encoding="utf-8") as fh:
        assert next(csv.reader(fh)) == [
            "code",
            "name",
            "vat_number",
            "email_domains",
            "street",
            "postal_code",
            "city",
            "country",
            "sales_rep_email",
            "vip",
            "currency",  # an optional column of the contract
        ]
    with (md / "products.csv").open(encoding="utf-8") as fh:
        assert next(csv.reader(fh)) == [
            "sku",
            "gtin",
            "description",
            "unit",
            "unit_price",
            "currency",
        ]
    with (md / "aliases.csv").open(encoding="utf-8") as fh:
        assert next(csv.reader(fh)) == ["customer_code", "customer_sku", "sku"]


def test_masterdata_sizes_and_countries(corpus):
    customers = list(
        csv.DictReader((corpus / "masterdata" / "customers.csv").open(encoding="utf-8"))
    )
    products = list(csv.DictReader((corpus / "masterdata" / "products.csv").open(encoding="utf-8")))
    assert len(customers) == 40
    assert {c["country"] for c in customers} == {"FR", "BE", "DE", "GB", "US"}
    assert len({c["code"] for c in customers}) == 40
    assert 280 <= len(products) <= 340
    assert len({p["sku"] for p in products}) == len(products)
    assert len({p["description"] for p in products}) == len(products)
    assert {p["unit"] for p in products} == {"EA", "BOX", "KG", "M", "L", "PAL"}


def test_ean_check_digits_are_valid(corpus):
    assert ean13_check_digit("400638133393") == 1  # 4006381333931, the textbook example
    assert ean13_is_valid("4006381333931") is True
    assert ean13_is_valid("4006381333932") is False
    gtins = [
        row["gtin"]
        for row in csv.DictReader((corpus / "masterdata" / "products.csv").open(encoding="utf-8"))
        if row["gtin"]
    ]
    assert len(gtins) > 100
    assert [g for g in gtins if not ean13_is_valid(g)] == []
    assert len(set(gtins)) == len(gtins)


def test_every_document_has_a_truth_file(corpus):
    docs = sorted(p.name for p in (corpus / "documents").iterdir())
    assert sorted(_truths(corpus)) == docs


def test_negatives_have_no_truth(corpus):
    negatives = sorted(p.name for p in (corpus / "negatives").iterdir())
    assert negatives == [
        "neg-delivery-note.pdf",
        "neg-invoice.pdf",
        "neg-newsletter.eml",
        "neg-out-of-office.eml",
        "neg-trade-confirmation.pdf",
    ]
    assert [n for n in negatives if (corpus / "truth" / f"{n}.json").exists()] == []


def test_truth_has_the_readme_fields(corpus):
    for name, truth in _truths(corpus).items():
        assert set(truth) >= TRUTH_KEYS, name
        assert set(truth["ship_to"]) == {"name", "street", "postal_code", "city", "country"}, name
        assert (
            truth["channel"]
            == {"pdf": "upload", "sheet": "upload", "fax": "fax", "email": "email"}[truth["kind"]]
        ), name
        for line in truth["lines"]:
            assert {"sku", "customer_sku", "quantity", "unit_price"} <= set(line), name


def test_totals_equal_the_sum_of_lines(corpus):
    checked = 0
    for name, truth in _truths(corpus).items():
        prices = [line["unit_price"] for line in truth["lines"]]
        if None in prices:
            assert truth["total"] is None, name
            continue
        amounts = [
            (Decimal(line["quantity"]) * Decimal(line["unit_price"])).quantize(Decimal("0.01"))
            for line in truth["lines"]
        ]
        assert [Decimal(line["line_total"]) for line in truth["lines"]] == amounts, name
        if truth["total"] is None:
            continue  # priced lines, no total printed: none in the truth (CONTRACTS)
        assert Decimal(truth["total"]) == sum(amounts), name
        checked += 1
    assert checked >= N // 3


def test_truth_refers_to_masterdata(corpus):
    md = corpus / "masterdata"
    skus = {r["sku"] for r in csv.DictReader((md / "products.csv").open(encoding="utf-8"))}
    codes = {r["code"]: r for r in csv.DictReader((md / "customers.csv").open(encoding="utf-8"))}
    aliases = {
        (r["customer_code"], r["customer_sku"]): r["sku"]
        for r in csv.DictReader((md / "aliases.csv").open(encoding="utf-8"))
    }
    for name, truth in _truths(corpus).items():
        assert truth["customer_code"] in codes, name
        assert truth["ship_to"]["country"] == codes[truth["customer_code"]]["country"], name
        for line in truth["lines"]:
            assert line["sku"] in skus, name
            if line["customer_sku"] is not None:
                assert aliases[(truth["customer_code"], line["customer_sku"])] == line["sku"], name


def test_pdfs_contain_the_po_number_in_their_text(corpus):
    pdfs = [(name, t) for name, t in _truths(corpus).items() if t["kind"] == "pdf"]
    assert len(pdfs) == 5
    for name, truth in pdfs:
        with pdfplumber.open(corpus / "documents" / name) as pdf:
            text = "\n".join(page.extract_text() or "" for page in pdf.pages)
        assert truth["po_number"] in text, name
        assert truth["ship_to"]["postal_code"] in text, name


def test_faxes_are_one_bit_images_at_fax_resolution(corpus):
    faxes = [name for name, t in _truths(corpus).items() if t["kind"] == "fax"]
    assert len(faxes) == 2
    for name in faxes:
        data = (corpus / "documents" / name).read_bytes()
        if name.endswith(".tif"):
            im = Image.open(io.BytesIO(data))
            assert im.mode == "1"
            assert im.info["compression"] == "group4"
            assert tuple(round(x) for x in im.info["dpi"]) in {(204, 98), (204, 196)}
        else:
            with pdfplumber.open(io.BytesIO(data)) as pdf:
                assert (pdf.pages[0].extract_text() or "").strip() == ""
                assert len(pdf.pages[0].images) == 1


def test_emails_parse_and_come_from_the_customer(corpus):
    md = corpus / "masterdata"
    domains = {
        r["code"]: r["email_domains"].split("|")
        for r in csv.DictReader((md / "customers.csv").open(encoding="utf-8"))
    }
    mails = [(name, t) for name, t in _truths(corpus).items() if t["kind"] == "email"]
    assert len(mails) == 3
    for name, truth in mails:
        msg = email.message_from_bytes(
            (corpus / "documents" / name).read_bytes(), policy=policy.default
        )
        assert msg.defects == [], name
        sender_domain = msg["From"].addresses[0].domain
        if truth["layout"].endswith("-forwarded"):
            assert sender_domain == SUPPLIER["domain"], name
        else:
            assert sender_domain in domains[truth["customer_code"]], name
        assert msg["Date"].datetime.date().isoformat() == truth["order_date"], name
        assert msg.get_body(("plain",)) is not None, name


def test_sheets_hold_the_po_number(corpus):
    from openpyxl import load_workbook

    sheets = [(name, t) for name, t in _truths(corpus).items() if t["kind"] == "sheet"]
    assert len(sheets) == 2
    for name, truth in sheets:
        path = corpus / "documents" / name
        if name.endswith(".xlsx"):
            ws = load_workbook(path).active
            cells = [str(v) for row in ws.iter_rows(values_only=True) for v in row if v is not None]
        else:
            raw = path.read_bytes()
            text = (
                raw.decode("utf-8-sig")
                if raw.startswith(b"\xef\xbb\xbf")
                else raw.decode("cp1252" if b"\xe9" in raw or b"\xfc" in raw else "utf-8")
            )
            cells = [
                c
                for row in csv.reader(
                    io.StringIO(text), delimiter=";" if ";" in text.splitlines()[1] else ","
                )
                for c in row
            ]
        assert truth["po_number"] in cells, name


def test_local_formats():
    import datetime as dt

    d = dt.date(2026, 11, 27)
    assert [fmt_date(d, s) for s in ("dmy_slash", "mdy_slash", "dmy_dot", "long_fr", "iso", "short_en_us", "long_de")] == [
        "27/11/2026", "11/27/2026", "27.11.2026", "27 novembre 2026", "2026-11-27", "Nov 27, 2026", "27. November 2026",
    ]  # fmt: skip
    assert [fmt_num(Decimal("1234.56"), s) for s in ("fr", "en", "de", "plain_comma")] == [
        "1 234,56",
        "1,234.56",
        "1.234,56",
        "1234,56",
    ]
    assert fmt_num(Decimal("12.50"), "de", None) == "12,5"


def test_cli_filters_kinds(tmp_path, capsys):
    assert (
        main([str(tmp_path), "--n", "3", "--seed", "1", "--kinds", "email", "--no-negatives"]) == 0
    )
    assert sorted(p.name for p in (tmp_path / "documents").iterdir()) == [
        "0001-mail.eml",
        "0002-mail.eml",
        "0003-mail.eml",
    ]
    assert list((tmp_path / "negatives").iterdir()) == []
    assert capsys.readouterr().out.strip() == f"corpusgen: wrote {tmp_path}: email 3"


def test_cli_rejects_an_unknown_kind(tmp_path, capsys):
    assert main([str(tmp_path), "--kinds", "pdf,telex"]) == 2
    assert "unknown kind" in capsys.readouterr().err
