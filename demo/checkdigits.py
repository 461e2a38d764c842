"""Identifiers with real check digits: VAT numbers (FR, BE, DE, GB), US EINs and EAN-13.

The demo must survive the validations a real customer file goes through, so every number it
invents is built from a random body plus the check digits of its official scheme, and each
scheme has its validator next to its generator.
"""

from __future__ import annotations

import random
import re

# --- France: SIREN (Luhn) and the VAT key (12 + 3 * (SIREN mod 97)) mod 97 -----------------


def luhn_is_valid(digits: str) -> bool:
    total = 0
    for i, char in enumerate(reversed(digits)):
        d = int(char)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def _luhn_complete(body: str) -> str:
    for last in "0123456789":
        if luhn_is_valid(body + last):
            return body + last
    raise AssertionError("unreachable: one Luhn digit always fits")


def fr_vat_key(siren: str) -> int:
    return (12 + 3 * (int(siren) % 97)) % 97


def fr_vat(rng: random.Random) -> str:
    siren = _luhn_complete(str(rng.randint(30_000_000, 99_999_999)))
    return f"FR{fr_vat_key(siren):02d}{siren}"


def fr_vat_is_valid(vat: str) -> bool:
    match = re.fullmatch(r"FR(\d{2})(\d{9})", vat)
    return bool(match) and int(match.group(1)) == fr_vat_key(match.group(2))


# --- Belgium: 10 digits starting 0 or 1, the last two are 97 - (first eight mod 97) ---------


def be_vat(rng: random.Random) -> str:
    body = f"0{rng.randint(2_000_000, 9_999_999)}"
    return f"BE{body}{97 - int(body) % 97:02d}"


def be_vat_is_valid(vat: str) -> bool:
    match = re.fullmatch(r"BE([01]\d{7})(\d{2})", vat)
    return bool(match) and 97 - int(match.group(1)) % 97 == int(match.group(2))


# --- Germany: 9 digits, the last by ISO 7064 MOD 11,10 ---------------------------------------


def de_check_digit(body: str) -> int:
    product = 10
    for char in body:
        total = (int(char) + product) % 10 or 10
        product = (2 * total) % 11
    check = 11 - product
    return 0 if check == 10 else check


def de_vat(rng: random.Random) -> str:
    body = str(rng.randint(10_000_000, 99_999_999))
    return f"DE{body}{de_check_digit(body)}"


def de_vat_is_valid(vat: str) -> bool:
    match = re.fullmatch(r"DE([1-9]\d{7})(\d)", vat)
    return bool(match) and de_check_digit(match.group(1)) == int(match.group(2))


# --- United Kingdom: 7 digits weighted 8..2 plus a two-digit check, total = 0 mod 97 ---------
# (HMRC's newer "9755" range adds 55 before the modulo; we issue numbers of the classic range.)

_GB_WEIGHTS = (8, 7, 6, 5, 4, 3, 2)


def _gb_weighted(body: str) -> int:
    return sum(int(d) * w for d, w in zip(body, _GB_WEIGHTS, strict=True))


def gb_vat(rng: random.Random) -> str:
    while True:
        body = str(rng.randint(1_000_000, 9_999_999))
        check = -_gb_weighted(body) % 97
        if check:
            return f"GB{body}{check:02d}"


def gb_vat_is_valid(vat: str) -> bool:
    match = re.fullmatch(r"GB(\d{7})(\d{2})", vat)
    if not match:
        return False
    total = _gb_weighted(match.group(1)) + int(match.group(2))
    return total % 97 == 0 or (total + 55) % 97 == 0


# --- United States: an EIN, two-digit IRS campus prefix, seven digits (no check digit) -------

EIN_PREFIXES = (
    [10, 12]
    + list(range(20, 28))
    + list(range(30, 40))
    + list(range(41, 49))
    + list(range(50, 69))
    + list(range(71, 78))
    + list(range(80, 89))
    + list(range(90, 96))
    + [98, 99]
)


def us_ein(rng: random.Random) -> str:
    return f"{rng.choice(EIN_PREFIXES):02d}-{rng.randint(1_000_000, 9_999_999)}"


def us_ein_is_valid(ein: str) -> bool:
    match = re.fullmatch(r"(\d{2})-\d{7}", ein)
    return bool(match) and int(match.group(1)) in EIN_PREFIXES


VAT_GENERATORS = {"FR": fr_vat, "BE": be_vat, "DE": de_vat, "GB": gb_vat, "US": us_ein}
VAT_VALIDATORS = {
    "FR": fr_vat_is_valid,
    "BE": be_vat_is_valid,
    "DE": de_vat_is_valid,
    "GB": gb_vat_is_valid,
    "US": us_ein_is_valid,
}


def tax_id_is_valid(country: str, value: str) -> bool:
    validator = VAT_VALIDATORS.get(country)
    return bool(validator) and validator(value)


# --- EAN-13 -----------------------------------------------------------------------------------


def ean13(body12: str) -> str:
    """Completes twelve digits with the GS1 mod-10 check digit (weights 1, 3 from the left)."""
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(body12))
    return body12 + str(-total % 10)
