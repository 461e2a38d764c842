import pytest
from django.core.management import CommandError, call_command

from customers.imports import customers_import
from customers.models import Address, AddressKind, Customer, CustomerSender
from tenants.models import Membership, Role, User
from tests.factories import CustomerFactory

pytestmark = pytest.mark.django_db

HEADER = "code,name,vat_number,email_domains,street,postal_code,city,country,sales_rep_email,vip\n"
GOOD = HEADER + (
    "C00001,Brasserie du Port,FR12345678901,port.example|brasserie-port.example,1 quai du Port,13002,Marseille,FR,"
    "c.morel@norvell.example,true\n"
    "C00002,Garage Central,,garage.example,2 rue Neuve,69003,Lyon,fr,,false\n"
)


def _write(tmp_path, text: str | bytes, name="customers.csv"):
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    return str(path)


def test_import_creates_customers_addresses_domains_and_reps(tenant, tmp_path, capsys):
    call_command("import_customers", "--tenant", tenant.slug, _write(tmp_path, GOOD))
    assert capsys.readouterr().out.splitlines() == [
        "customers: created: 2, updated: 0, unchanged: 0, rejected: 0"
    ]
    port = Customer.objects.get(tenant=tenant, code="C00001")
    assert (port.name, port.vat_number, port.vip) == ("Brasserie du Port", "FR12345678901", True)
    address = Address.objects.get(customer=port)
    assert (
        address.kind,
        address.street,
        address.postal_code,
        address.city,
        address.country,
        address.is_default,
    ) == (AddressKind.BILL_TO, "1 quai du Port", "13002", "Marseille", "FR", True)
    assert sorted(CustomerSender.objects.filter(customer=port).values_list("value", flat=True)) == [
        "brasserie-port.example",
        "port.example",
    ]
    rep = User.objects.get(email="c.morel@norvell.example")
    assert rep.is_active is False
    assert port.sales_rep == rep
    assert Membership.objects.get(user=rep, tenant=tenant).role == Role.SALES_REP
    assert Customer.objects.get(tenant=tenant, code="C00002").addresses.get().country == "FR"


@pytest.mark.parametrize(
    "written", ["a.example;b.example", "a.example, b.example", "a.example b.example"]
)
def test_domains_listed_with_another_separator_than_the_bar_are_read(tenant, tmp_path, written):
    content = HEADER + f'C9,Two domains,,"{written}",,,,FR,,false\n'
    call_command("import_customers", "--tenant", tenant.slug, _write(tmp_path, content))
    customer = Customer.objects.get(tenant=tenant, code="C9")
    assert sorted(
        CustomerSender.objects.filter(customer=customer).values_list("value", flat=True)
    ) == [
        "a.example",
        "b.example",
    ]


def test_reimporting_the_same_file_creates_nothing(tenant, tmp_path, capsys):
    path = _write(tmp_path, GOOD)
    call_command("import_customers", "--tenant", tenant.slug, path)
    call_command("import_customers", "--tenant", tenant.slug, path)
    assert (
        capsys.readouterr().out.splitlines()[-1]
        == "customers: created: 0, updated: 0, unchanged: 2, rejected: 0"
    )
    assert Customer.objects.count() == 2
    assert Address.objects.count() == 2
    assert CustomerSender.objects.count() == 3
    assert User.objects.count() == 1


def test_reimport_updates_in_place(tenant, tmp_path, capsys):
    call_command("import_customers", "--tenant", tenant.slug, _write(tmp_path, GOOD))
    changed = GOOD.replace(
        "Garage Central,,garage.example,2 rue Neuve",
        "Garage Central SA,,garage.example,4 rue Neuve",
    )
    call_command(
        "import_customers", "--tenant", tenant.slug, _write(tmp_path, changed, "again.csv")
    )
    assert (
        capsys.readouterr().out.splitlines()[-1]
        == "customers: created: 0, updated: 1, unchanged: 1, rejected: 0"
    )
    garage = Customer.objects.get(tenant=tenant, code="C00002")
    assert garage.name == "Garage Central SA"
    assert garage.addresses.get().street == "4 rue Neuve"


def test_imports_are_per_tenant(tenant, other_tenant, tmp_path):
    CustomerFactory(tenant=other_tenant, code="C00001", name="Theirs")
    call_command("import_customers", "--tenant", tenant.slug, _write(tmp_path, GOOD))
    assert Customer.objects.get(tenant=other_tenant, code="C00001").name == "Theirs"
    assert Customer.objects.filter(tenant=tenant).count() == 2


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (HEADER.replace(",vip", "") + "C1,A,,,,,,,,\n", "customers.csv: missing column: vip"),
        (
            GOOD + "C00001,Again,,,,,,,,false\n",
            "customers.csv: line 4: duplicate code C00001 (first on line 2); nothing was imported",
        ),
        (
            HEADER + "C9,Bad vip,,,,,,,,maybe\n",
            "customers.csv: line 2: C9: vip must be true or false, not 'maybe'; nothing was imported",
        ),
        (
            HEADER + "C9,X,,,,,,FRANCE,,false\n",
            "customers.csv: line 2: C9: country must be an ISO 3166-1 alpha-2 code, not 'FRANCE'; nothing was imported",
        ),
        (
            HEADER + "C9,X,,not_a_domain,,,,FR,,false\n",
            "customers.csv: line 2: C9: email domain 'not_a_domain' is not a domain name; nothing was imported",
        ),
        (
            HEADER + ",No code,,,,,,FR,,false\nC8,,,,,,,FR,,false\n",
            "customers.csv: line 2: code is empty (and 1 more rejected row); nothing was imported",
        ),
        (
            HEADER.encode() + b"C9,Caf\xe9,,,,,,FR,,false\n",
            "customers.csv: line 2: the file is not valid UTF-8 (byte 0xe9)",
        ),
        (b"", "customers.csv: the file is empty: a header row is required"),
    ],
)
def test_bad_files_are_refused_with_a_line_numbered_reason_and_change_nothing(
    tenant, tmp_path, content, reason
):
    with pytest.raises(CommandError) as refusal:
        call_command("import_customers", "--tenant", tenant.slug, _write(tmp_path, content))
    assert str(refusal.value) == reason
    assert Customer.objects.count() == 0
    assert User.objects.count() == 0


def test_unknown_tenant_and_unreadable_file(tenant, tmp_path):
    with pytest.raises(CommandError, match="^unknown tenant 'nope'$"):
        call_command("import_customers", "--tenant", "nope", _write(tmp_path, GOOD))
    with pytest.raises(
        CommandError, match="^cannot read .*missing.csv: No such file or directory$"
    ):
        call_command("import_customers", "--tenant", tenant.slug, str(tmp_path / "missing.csv"))


def test_a_domain_claimed_twice_is_kept_on_the_first_customer_with_a_warning(tenant):
    data = (
        HEADER
        + "C1,One,,shared.example,,,,FR,,false\nC2,Two,,shared.example|two.example,,,,FR,,false\n"
    ).encode()
    report = customers_import(tenant=tenant, data=data)
    assert report.applied is True
    assert [(w.line, w.reason) for w in report.warnings] == [
        (3, "C2: email domain shared.example is already given to C1 on line 2; ignored")
    ]
    assert CustomerSender.objects.get(value="shared.example").customer.code == "C1"


def test_optional_columns_language_and_currency(tenant):
    data = (
        HEADER.strip() + ",language,currency,segment\n" + "C1,One,,,,,,DE,,false,de,chf,Retail\n"
    ).encode()
    customers_import(tenant=tenant, data=data)
    customer = Customer.objects.get(code="C1")
    assert (customer.language, customer.currency, customer.segment) == ("de", "CHF", "Retail")


def test_the_dry_run_reports_without_writing(tenant):
    report = customers_import(tenant=tenant, data=GOOD.encode(), dry_run=True)
    assert (report.created, report.applied) == (["C00001", "C00002"], False)
    assert Customer.objects.count() == 0
