import random

import pytest

from catalog.models import gtin_is_valid
from demo.checkdigits import (
    VAT_GENERATORS,
    be_vat_is_valid,
    de_vat_is_valid,
    ean13,
    fr_vat_is_valid,
    gb_vat_is_valid,
    tax_id_is_valid,
    us_ein_is_valid,
)


@pytest.mark.parametrize(
    ("validator", "value", "valid"),
    [
        (fr_vat_is_valid, "FR40303265045", True),
        (fr_vat_is_valid, "FR41303265045", False),
        (be_vat_is_valid, "BE0403170701", True),
        (be_vat_is_valid, "BE0403170702", False),
        (de_vat_is_valid, "DE136695976", True),
        (de_vat_is_valid, "DE136695977", False),
        (gb_vat_is_valid, "GB980780684", True),
        (gb_vat_is_valid, "GB980780685", False),
        (us_ein_is_valid, "12-3456789", True),
        (us_ein_is_valid, "00-3456789", False),
    ],
)
def test_validators_know_published_numbers(validator, value, valid):
    assert validator(value) is valid


@pytest.mark.parametrize("country", ["FR", "BE", "DE", "GB", "US"])
def test_generated_tax_ids_have_valid_check_digits(country):
    rng = random.Random(7)
    values = [VAT_GENERATORS[country](rng) for _ in range(500)]
    assert [v for v in values if not tax_id_is_valid(country, v)] == []


def test_ean13_completes_a_known_barcode():
    assert ean13("400638133393") == "4006381333931"
    assert gtin_is_valid(ean13("376012345678")) is True
