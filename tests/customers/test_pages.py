"""Regressions found walking through the customer pages."""

import pytest
from django.urls import reverse

from tenants.models import Role
from tests.factories import CustomerFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("code", "shown"), [("fr", "French"), ("de", "German"), ("xx", "xx")])
def test_the_detail_names_the_customers_language(member_client, tenant, code, shown):
    customer = CustomerFactory(tenant=tenant, language=code)
    response = member_client(tenant, Role.ORDER_DESK).get(
        reverse("customers:detail", args=[customer.pk])
    )
    assert response.context["language_name"] == shown


def test_the_detail_names_the_language_in_french(member_client, tenant):
    customer = CustomerFactory(tenant=tenant, language="de")
    client = member_client(tenant, Role.ORDER_DESK)
    client.post(reverse("set_language"), {"language": "fr", "next": "/"})
    response = client.get(reverse("customers:detail", args=[customer.pk]))
    assert response.context["language_name"] == "Allemand"


def test_the_customer_form_labels_start_with_a_capital(member_client, tenant):
    form = member_client(tenant, Role.MANAGER).get(reverse("customers:create")).context["form"]
    assert form["language"].label == "Language"
    assert [name for name, field in form.fields.items() if not str(field.label)[0].isupper()] == []


def test_the_customer_form_speaks_french(member_client, tenant):
    client = member_client(tenant, Role.MANAGER)
    client.post(reverse("set_language"), {"language": "fr", "next": "/"})
    response = client.get(reverse("customers:create"))
    labels = [
        str(response.context[name].empty_form[field].label)
        for name, field in [
            ("addresses", "kind"),
            ("addresses", "is_default"),
            ("contacts", "receives_acknowledgments"),
            ("senders", "value"),
        ]
    ]
    assert labels == ["Type", "Par défaut", "Reçoit les accusés de réception", "Domaine ou adresse"]
    assert response.context["form"]["language"].label == "Langue"


def test_an_applied_import_reports_its_counts_in_french(member_client, tenant):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from customers.models import ImportBatch

    client = member_client(tenant, Role.MANAGER)
    client.post(reverse("set_language"), {"language": "fr", "next": "/"})
    upload = SimpleUploadedFile(
        "products.csv",
        b"sku,gtin,description,unit,unit_price,currency\nGT-1,,Gaine,EA,3.45,EUR\n",
    )
    client.post(reverse("customers:import"), {"kind": "products", "file": upload})
    batch = ImportBatch.objects.get(tenant=tenant)
    response = client.post(reverse("customers:import_batch_apply", args=[batch.pk]), follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        "Importé : 1 créé(s), 0 mis à jour, 0 inchangé(s), 0 rejeté(s)."
    ]
