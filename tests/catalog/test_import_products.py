from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from catalog.imports import aliases_import, products_import
from catalog.models import CustomerProductAlias, Product
from tests.factories import CustomerFactory, ProductFactory
from tests.paths import SHARED

pytestmark = pytest.mark.django_db

HEADER = "sku,gtin,description,unit,unit_price,currency\n"
GOOD = (
    HEADER
    + "GT-6MM-BK,4006381333931,Gaine thermo 6 mm noire,EA,3.45,EUR\nBOX-40,,Carton 40x30,box,62,\n"
)


def _write(tmp_path, text, name="products.csv"):
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    return str(path)


def test_import_products_then_reimport_creates_nothing(tenant, tmp_path, capsys):
    path = _write(tmp_path, GOOD)
    call_command("import_products", "--tenant", tenant.slug, path)
    call_command("import_products", "--tenant", tenant.slug, path)
    assert capsys.readouterr().out.splitlines() == [
        "products: created: 2, updated: 0, unchanged: 0, rejected: 0",
        "products: created: 0, updated: 0, unchanged: 2, rejected: 0",
    ]
    glue = Product.objects.get(tenant=tenant, sku="GT-6MM-BK")
    assert (glue.gtin, glue.list_price, glue.currency, glue.unit) == (
        "4006381333931",
        Decimal("3.4500"),
        "EUR",
        "EA",
    )
    box = Product.objects.get(tenant=tenant, sku="BOX-40")
    assert (box.gtin, box.list_price, box.currency, box.unit) == (
        "",
        Decimal("62.0000"),
        "EUR",
        "BOX",
    )


def test_reimport_updates_the_price(tenant, tmp_path, capsys):
    call_command("import_products", "--tenant", tenant.slug, _write(tmp_path, GOOD))
    call_command(
        "import_products",
        "--tenant",
        tenant.slug,
        _write(tmp_path, GOOD.replace("3.45", "3.60"), "b.csv"),
    )
    assert (
        capsys.readouterr().out.splitlines()[-1]
        == "products: created: 0, updated: 1, unchanged: 1, rejected: 0"
    )
    assert Product.objects.get(sku="GT-6MM-BK").list_price == Decimal("3.6000")


def test_a_bad_gtin_is_dropped_with_a_warning_and_the_product_imported(tenant, tmp_path, capsys):
    content = HEADER + "A,4006381333932,Glue,EA,1,EUR\nB,4006381333931,Tape,EA,2,EUR\n"
    call_command("import_products", "--tenant", tenant.slug, _write(tmp_path, content))
    assert capsys.readouterr().out.splitlines() == [
        "products: created: 2, updated: 0, unchanged: 0, rejected: 0",
        "  warning line 2: A: GTIN 4006381333932 has a bad check digit or length; imported without it",
    ]
    assert dict(Product.objects.filter(tenant=tenant).values_list("sku", "gtin")) == {
        "A": "",
        "B": "4006381333931",
    }


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("sku,description,unit,unit_price,currency\nA,x,EA,1,EUR\n", "missing column: gtin"),
        (
            GOOD + "GT-6MM-BK,,Again,EA,1,EUR\n",
            "line 4: duplicate sku GT-6MM-BK (first on line 2); nothing was imported",
        ),
        (
            HEADER + "A,,x,EA,3\u201a45,EUR\n",
            "line 2: A: unit_price '3‚45' is not a number (use . as decimal separator); nothing was imported",
        ),
        (
            HEADER + "A,,x,EA,3,45,EUR\n",
            "line 2: 7 fields where the header has 6; nothing was imported",
        ),
        (
            HEADER + "A,,x,EA,abc,EUR\n",
            "line 2: A: unit_price 'abc' is not a number (use . as decimal separator); nothing was imported",
        ),
        (
            HEADER.encode() + b"A,,\xff\xfe,EA,1,EUR\n",
            "line 2: the file is not valid UTF-8 (byte 0xff)",
        ),
    ],
)
def test_bad_product_files_change_nothing(tenant, tmp_path, content, reason):
    ProductFactory(tenant=tenant, sku="KEEP", list_price=Decimal("1.00"))
    with pytest.raises(CommandError) as refusal:
        call_command("import_products", "--tenant", tenant.slug, _write(tmp_path, content))
    assert str(refusal.value) == f"products.csv: {reason}"
    assert list(Product.objects.values_list("sku", flat=True)) == ["KEEP"]


def test_a_bad_row_among_good_ones_imports_nothing(tenant):
    report = products_import(tenant=tenant, data=(GOOD + "C,,x,EA,-1,EUR\n").encode())
    assert [(r.line, r.reason) for r in report.rejected] == [
        (4, "C: unit_price '-1' is out of range")
    ]
    assert (report.applied, Product.objects.count()) == (False, 0)


def test_import_aliases(tenant, tmp_path, capsys):
    customer = CustomerFactory(tenant=tenant, code="C00042")
    glue = ProductFactory(tenant=tenant, sku="GT-6MM-BK")
    box = ProductFactory(tenant=tenant, sku="BOX-40")
    path = _write(
        tmp_path,
        "customer_code,customer_sku,sku\nC00042,A-778,GT-6MM-BK\nC00042,A-779,BOX-40\n",
        "a.csv",
    )
    call_command("import_aliases", "--tenant", tenant.slug, path)
    call_command("import_aliases", "--tenant", tenant.slug, path)
    out = capsys.readouterr().out.splitlines()
    assert out == [
        "aliases: created: 2, updated: 0, unchanged: 0, rejected: 0",
        "aliases: created: 0, updated: 0, unchanged: 2, rejected: 0",
    ]
    assert CustomerProductAlias.objects.get(customer=customer, customer_sku="A-778").product == glue
    report = aliases_import(
        tenant=tenant, data=b"customer_code,customer_sku,sku\nC00042,A-778,BOX-40\n"
    )
    assert report.updated == ["C00042/A-778"]
    assert CustomerProductAlias.objects.get(customer=customer, customer_sku="A-778").product == box


def test_aliases_with_unknown_references_are_refused(tenant):
    CustomerFactory(tenant=tenant, code="C00042")
    ProductFactory(tenant=tenant, sku="GT-6MM-BK")
    data = (
        b"customer_code,customer_sku,sku\nC00042,A-1,GT-6MM-BK\nC99999,A-2,GT-6MM-BK\nC00042,A-3,NOPE\n"
        b"C00042,A-1,GT-6MM-BK\n"
    )
    report = aliases_import(tenant=tenant, data=data)
    assert [(r.line, r.reason) for r in report.rejected] == [
        (3, "unknown customer code C99999"),
        (4, "unknown sku NOPE"),
        (5, "duplicate part number A-1 of customer C00042 (first on line 2)"),
    ]
    assert CustomerProductAlias.objects.count() == 0


def test_the_shared_corpus_master_data_imports(tenant, tmp_path):
    folder = SHARED / "corpus/contoso-po/masterdata"
    if not folder.exists():
        pytest.skip("shared corpus not available")
    for kind in ("customers", "products", "aliases"):
        call_command(f"import_{kind}", "--tenant", tenant.slug, str(folder / f"{kind}.csv"))
    assert Product.objects.filter(tenant=tenant).count() == 32
    assert CustomerProductAlias.objects.filter(tenant=tenant).count() == 30


def test_a_unit_written_out_with_its_content_imports_as_printed(tenant):
    """A catalogue sells "pack of 100" or "tin (2.5 l)": the unit as printed, whole."""
    data = (
        HEADER
        + "TE-3001,,Earl Grey tea bags,pack of 100,6.90,EUR\n"
        + "AF-2207,,Antifouling blue,tin (2.5 l),116.10,EUR\n"
        + "X-1,,Too long,"
        + "u" * 41
        + ",1,EUR\n"
    ).encode()
    report = products_import(tenant=tenant, data=data)
    assert [(r.line, r.reason) for r in report.rejected] == [
        (4, "X-1: unit '" + "u" * 41 + "' is longer than 40 characters")
    ]
    report = products_import(tenant=tenant, data=data.rsplit(b"X-1", 1)[0])
    assert report.applied
    assert dict(Product.objects.values_list("sku", "unit")) == {
        "TE-3001": "PACK OF 100",
        "AF-2207": "TIN (2.5 L)",
    }
