"""Flat EDI files: an ERP's order written as tagged records, no column titles."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from ingestion.edi import edi_syntax
from ingestion.extraction import extract_from_sheet
from ingestion.reading import read_csv
from tests.factories import AliasFactory, CustomerFactory, ProductFactory

SEGMENTS = (
    "UNH;ORDERS;D96A;MEYER-AG;SUPPLIER;20261130;0815\r\n"
    "BGM;220;PO-77120;9\r\n"
    "DTM;137;20261130;102\r\n"
    "DTM;2;20261207;102\r\n"
    "NAD;BY;4012345000009;Meyer Antriebstechnik AG;Gewerbestrasse 9;Zug;6300;CH\r\n"
    "NAD;DP;4012345000016;Meyer Antriebstechnik AG Lager Baar;Industriestrasse 4;Baar;6340;CH\r\n"
    "NAD;SU;;Rouleurs SA;Rue du Marche 3;Geneve;1204;CH\r\n"
    "CUX;2;CHF;9\r\n"
    "LIN;10;4006381333931;MEY-55012;BRG-6204;250;PCE;4.40;1;1100.00\r\n"
    "LIN;20;;MEY-55013;BRG-6205;40;PCE;5.90;1;236.00\r\n"
    "FTX;AAI;Rampe 2\r\n"
    "MOA;79;1336.00\r\n"
    "CNT;2;2\r\n"
    "UNT;14;0815\r\n"
)


def _read(text: str, encoding: str = "utf-8"):
    return extract_from_sheet(read_csv(text.encode(encoding)))


def test_flattened_edifact_segments_give_every_header_value_and_line():
    order = _read(SEGMENTS)
    assert order.is_order
    assert (order.po_number.value, order.po_number.confidence) == ("PO-77120", 0.97)
    assert order.order_date.value == dt.date(2026, 11, 30)
    assert order.requested_delivery_date.value == dt.date(2026, 12, 7)
    assert order.currency.value == "CHF"
    # the delivery party, its postal code found after its town
    ship_to = order.ship_to.value
    assert (ship_to.name, ship_to.postal_code, ship_to.city) == (
        "Meyer Antriebstechnik AG Lager Baar",
        "6340",
        "Baar",
    )
    assert order.buyer.value.postal_code == "6300"
    assert order.vendor.value.name == "Rouleurs SA"
    assert "1204" not in order.postal_codes  # the supplier's own address
    first, second = order.lines
    assert (first.line_no, first.gtin, first.codes) == (
        10,
        "4006381333931",
        ("MEY-55012", "BRG-6204"),
    )
    assert (first.quantity, first.unit, first.unit_price, first.line_total) == (
        Decimal("250"),
        "EA",
        Decimal("4.40"),
        Decimal("1100.00"),
    )
    assert first.confidence == 0.96  # 250 × 4.40 = 1100.00
    assert (second.gtin, second.codes) == (None, ("MEY-55013", "BRG-6205"))
    assert order.total.value == Decimal("1336.00")
    assert order.total.rule.startswith("label:")  # printed, not worked out
    assert order.notes.value == "Rampe 2"


def test_a_semicolon_after_unh_is_a_flat_file_not_edifact():
    assert edi_syntax(SEGMENTS.encode()) is None
    assert edi_syntax(b"UNH+1+ORDERS:D:96A:UN'BGM+220+1'") == "edifact"


def test_pipe_records_with_a_header_record_and_a_trailer_total():
    text = (
        "HDR|ORDERS|NW/PO/5521|20261201|SUP01|NORTHWIND STORES LTD|GBP|20261209\n"
        "NAD|BY|C200|NORTHWIND STORES LTD|14 MILL LANE|DERBY|DE1 3AA|GB\n"
        "NAD|DP|DC2|NORTHWIND STORES LTD - DC2|2 DOCK ROAD|HULL|HU9 1TY|GB\n"
        "DTL|1|NW-4411||12|ROL|3.25|39.00\n"
        "DTL|2||LBL-100X50|5|BX|12.00|60.00\n"
        "TRL|2|99.00|17\n"
    )
    order = _read(text)
    assert order.po_number.value == "NW/PO/5521"
    assert order.order_date.value == dt.date(2026, 12, 1)
    assert order.requested_delivery_date.value == dt.date(2026, 12, 9)
    assert order.currency.value == "GBP"
    assert order.ship_to.value.postal_code == "HU9 1TY"
    assert order.customer_number.value == "C200"
    assert [(ln.codes, ln.quantity, ln.unit) for ln in order.lines] == [
        (("NW-4411",), Decimal("12"), "ROL"),
        (("LBL-100X50",), Decimal("5"), "BOX"),
    ]
    assert order.total.value == Decimal("99.00")  # the trailer's amount that sums the lines


def test_one_letter_header_detail_and_trailer_records():
    """ "H", "D", "T": a header with the British address at its end, details, a trailer."""
    text = (
        "H,KH-PO-118512,20261215,20261222,EUR,HAM001,Keys & Heels York,22 Coney Street,York,"
        "YO1 9QL,GB\n"
        "D,1,KH104456,,300,EA,0.41,123.00\n"
        "D,2,KH201111,,15,PK,14.20,213.00\n"
        "T,2,336.00\n"
    )
    order = _read(text)
    assert order.po_number.value == "KH-PO-118512"
    assert (order.order_date.value, order.requested_delivery_date.value) == (
        dt.date(2026, 12, 15),
        dt.date(2026, 12, 22),
    )
    ship = order.ship_to.value
    assert (ship.name, ship.street, ship.postal_code, ship.city) == (
        "Keys & Heels York",
        "22 Coney Street",
        "YO1 9QL",
        "York",
    )
    assert [(ln.codes, ln.quantity, ln.unit_price) for ln in order.lines] == [
        (("KH104456",), Decimal("300"), Decimal("0.41")),
        (("KH201111",), Decimal("15"), Decimal("14.20")),
    ]
    assert order.total.value == Decimal("336.00")


def test_a_trailer_that_counts_quantities_is_no_total():
    text = (
        "HDR;ORDERS;D96A;7710-26-0031;20261203;20261210;EUR\n"
        "LIN;1;8719327012574;120;BX;5.60;EUR\n"
        "LIN;2;8719327012505;20;BX;5.60;EUR\n"
        "TRL;2;140\n"
    )
    order = _read(text)
    assert order.po_number.value == "7710-26-0031"
    assert [(ln.gtin, ln.quantity, ln.unit_price) for ln in order.lines] == [
        ("8719327012574", Decimal("120"), Decimal("5.60")),
        ("8719327012505", Decimal("20"), Decimal("5.60")),
    ]
    assert order.lines[0].confidence == 0.9  # nothing on the line checks it
    assert order.total is None


def test_a_header_record_that_ends_with_the_address_and_lines_dated_each():
    text = (
        "HDR;ORDERS;4500012345;20261214;20270111;EUR;70412;WK01;"
        "Werft Petersen GmbH;Hafenstrasse 3;24103;Kiel;DE\n"
        "LIN;00010;MAT-1;TW-10;600.000;M;1.85;1;1110.00;20270111\n"
        "LIN;00020;MAT-2;AF-22;20.000;DS;116.10;1;2322.00;20270108\n"
        "TRL;2;3432.00\n"
    )
    order = _read(text)
    assert order.po_number.value == "4500012345"
    assert (order.ship_to.value.name, order.ship_to.value.postal_code) == (
        "Werft Petersen GmbH",
        "24103",
    )
    first, second = order.lines
    assert (first.quantity, first.unit, first.requested_date) == (
        Decimal("600.000"),
        "M",
        dt.date(2027, 1, 11),
    )
    assert (second.quantity, second.unit, second.unit_price) == (
        Decimal("20.000"),
        "CAN",  # SAP's "DS", a Dose
        Decimal("116.10"),
    )
    assert order.requested_delivery_date.value == dt.date(2027, 1, 11)  # the header's
    assert order.total.value == Decimal("3432.00")


def test_comma_decimals_and_a_description_among_the_codes():
    text = (
        "BGM;2026-140;220;9\n"
        "DTM;137;20261203\n"
        "CUX;EUR\n"
        "LIN;1;9012345000172;100234;Kaffee Bohne 1kg;60;KGM;13,70;1\n"
        "LIN;2;;100251;Instant-Tee Zitrone;10;KGM;7,65;1\n"
        "MOA;79;898,50\n"
    )
    order = _read(text)
    assert order.po_number.value == "2026-140"
    assert [
        (ln.codes, ln.description, ln.quantity, ln.unit, ln.unit_price) for ln in order.lines
    ] == [
        (("100234",), "Kaffee Bohne 1kg", Decimal("60"), "KG", Decimal("13.70")),
        (("100251",), "Instant-Tee Zitrone", Decimal("10"), "KG", Decimal("7.65")),
    ]
    assert order.total.value == Decimal("898.50")
    assert order.total.confidence == 0.97  # 60 × 13.70 + 10 × 7.65


def test_an_invoice_flat_file_is_not_an_order():
    text = (
        "HDR;INVOIC;D96A;RE-2026-1;20261203\nLIN;1;4006381333931;10;PCE;4.40;44.00\nTRL;1;44.00\n"
    )
    order = _read(text)
    assert not order.is_order
    assert "flat EDI" in order.not_order_reason


def test_a_sheet_with_column_titles_is_read_as_a_table_not_as_records():
    text = (
        "Article;Description;Qty;Price\nBRG-6204;Bearing 6204;250;4.40\nLIN-2;Linear bush;3;7.20\n"
    )
    order = _read(text)
    assert [(ln.quantity, ln.unit_price) for ln in order.lines] == [
        (Decimal("250"), Decimal("4.40")),
        (Decimal("3"), Decimal("7.20")),
    ]
    assert not order.lines[0].rule.startswith("flat_edi")


@pytest.mark.django_db
def test_a_flat_file_through_ingest_is_approved_when_everything_agrees(tenant, tmp_path):
    customer = CustomerFactory(tenant=tenant, code="C-MEY", name="Meyer Antriebstechnik AG")
    ProductFactory(tenant=tenant, sku="BRG-6204", list_price="4.40", currency="CHF")
    AliasFactory(
        customer=customer,
        customer_sku="MEY-55013",
        product=ProductFactory(tenant=tenant, sku="BRG-6205", list_price="5.90", currency="CHF"),
    )
    path = tmp_path / "MEYER_ORDERS_PO-77120.csv"
    path.write_bytes(SEGMENTS.replace("Gewerbestrasse", "Gewerbestraße").encode("cp1252"))
    out = io.StringIO()
    with contextlib.suppress(CommandError):
        call_command("ingest", str(path), tenant=tenant.slug, sync=True, json=True, stdout=out)
    [order] = json.loads(out.getvalue().splitlines()[-1])["orders"]
    assert order["customer_code"] == "C-MEY"
    assert order["po_number"] == "PO-77120"
    assert order["ship_to"]["postal_code"] == "6340"
    assert [(ln["sku"], ln["quantity"], ln["unit_price"]) for ln in order["lines"]] == [
        ("BRG-6204", "250", "4.40"),
        ("BRG-6205", "40", "5.90"),
    ]
    assert order["total"] == "1336"
    assert order["status"] == "auto_approved", order["issues"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "#ENT;type;num_cde;date_cde;date_livr;tva_client;nom_client;lieu_livr;rue;cp;ville;pays\n"
            "#LIG;num_ligne;ref_marche;ref_fourn;qte;unite;pu_htva\n"
            "#FIN;nb_lignes;total_htva\n"
            "ENT;ORDERS;2026/SPO/01318;20261209;20261221;BE0207150910;VILLE DE CHARLEROI;"
            "COMPLEXE SPORTIF DE LA NEUVILLE;RUE DE LA NEUVILLE 46;6000;CHARLEROI;BE\n"
            "LIG;1;LOT3-024;NS-1130;12;PCE;19.60\n"
            "LIG;2;LOT4-011;NS-1240;18;MTR;14.50\n"
            "FIN;2;496.20\n",
            ("2026/SPO/01318", "COMPLEXE SPORTIF DE LA NEUVILLE", "6000", "496.20"),
        ),
        (
            # the records before their descriptions' order, an address without a place name
            "#K;Bestellnummer;Bestelldatum;Liefertermin;Lieferung_Strasse;Lieferung_PLZ;Lieferung_Ort\n"
            "#P;Pos;Artikel;Bezeichnung;Menge;ME;Preis\n"
            "K;B-2026-0481;09.12.2026;21.12.2026;Hafenstr. 7;24103;Kiel\n"
            "P;10;NS-1130;Ball Größe 5;12;ST;19,60\n"
            "P;20;NS-1240;Netz je Meter;18;M;14,50\n",
            ("B-2026-0481", None, "24103", None),
        ),
    ],
)
def test_records_the_file_describes_itself_are_read_by_their_names(text, expected):
    po, ship_name, postal, total = expected
    order = extract_from_sheet(read_csv(text.encode()))
    assert order.po_number.value == po
    assert order.order_date.value == dt.date(2026, 12, 9)
    assert order.requested_delivery_date.value == dt.date(2026, 12, 21)
    assert order.ship_to.value.postal_code == postal
    if ship_name:
        assert order.ship_to.value.name == ship_name
    assert [(ln.sku or ln.customer_sku, ln.quantity, ln.unit_price) for ln in order.lines] == [
        ("NS-1130", Decimal("12"), Decimal("19.60")),
        ("NS-1240", Decimal("18"), Decimal("14.50")),
    ]
    if total:
        assert order.total.value == Decimal(total)


def test_parties_tagged_by_their_qualifier_and_one_letter_records_are_segments():
    qualified = (
        "HDR;ORDERS;4500012456;20261214;20261221;CHF;NETTO\n"
        "BY;Optik Hürlimann AG;Bahnhofstrasse 58;8001;Zürich;CH;CHE-109.773.218\n"
        "SU;Léman Optique SA;Avenue de Sévelin 20;1004;Lausanne;CH;70012\n"
        "DP;Optik Hürlimann AG Filiale Oerlikon;Schaffhauserstrasse 355;8050;Zürich;CH;\n"
        "LIN;10;HU-40118;;Acetatfassung schwarz matt 52-18-14;10;PCE;38.50;385.00\n"
        "LIN;20;HU-52004;;Brillenreinigungsspray 30 ml;96;PCE;1.80;172.80\n"
        "TRL;2;557.80\n"
    )
    one_letter = (
        "H;ORDERS;BSF-2026-1201;20261215;EUR;BRENNAN SHOPFITTERS LTD;IE6388047V;SUPP-0117\n"
        "D;DP;BRENNAN SHOPFITTERS LTD;CRESCENT SHOPPING CENTRE, UNIT 44;DOORADOYLE ROAD;"
        "LIMERICK;V94 X2E6;IE\n"
        "R;DELDATE;20270108\n"
        "L;1;NB-FIRE-310-WH;5060412031639;120;EA;8.72;1046.40\n"
        "L;2;NB-FOAM-750;;24;EA;10.47;251.28\n"
        "T;2;1297.68\n"
    )
    order = extract_from_sheet(read_csv(qualified.encode("latin-1")))
    assert (order.po_number.value, order.order_date.value) == ("4500012456", dt.date(2026, 12, 14))
    assert order.requested_delivery_date.value == dt.date(2026, 12, 21)
    assert order.ship_to.value.postal_code == "8050"  # the delivery party's, not the buyer's
    assert [(ln.codes[0], ln.quantity) for ln in order.lines] == [
        ("HU-40118", Decimal("10")),
        ("HU-52004", Decimal("96")),
    ]
    assert order.total.value == Decimal("557.80")
    order = extract_from_sheet(read_csv(one_letter.encode()))
    assert (order.po_number.value, order.currency.value) == ("BSF-2026-1201", "EUR")
    assert order.requested_delivery_date.value == dt.date(2027, 1, 8)
    assert order.ship_to.value.postal_code == "V94 X2E6"
    assert [(ln.codes[0], ln.gtin, ln.quantity, ln.unit_price) for ln in order.lines] == [
        ("NB-FIRE-310-WH", "5060412031639", Decimal("120"), Decimal("8.72")),
        ("NB-FOAM-750", None, Decimal("24"), Decimal("10.47")),
    ]
    assert order.total.value == Decimal("1297.68")


def test_an_items_codes_qualified_as_the_suppliers_and_the_buyers_after_its_gtin():
    text = (
        "UNH;1;ORDERS:D:96A:UN\nBGM;220;7003602;9\nDTM;137;20261215;102\n"
        "LIN;1;9120038014440;PIA;SA:WZ-30140;IN:GS-70140;100;EA;3.95;395.00\n"
        "LIN;2;;PIA;SA:WZ-30850;IN:GS-70160;12.5;M;2.15;26.88\n"
        "MOA;79;421.88\nUNT;7;1\n"
    )
    order = extract_from_sheet(read_csv(text.encode()))
    assert [
        (ln.sku, ln.customer_sku, ln.gtin, ln.quantity, ln.unit, ln.unit_price)
        for ln in order.lines
    ] == [
        ("WZ-30140", "GS-70140", "9120038014440", Decimal("100"), "EA", Decimal("3.95")),
        ("WZ-30850", "GS-70160", None, Decimal("12.5"), "M", Decimal("2.15")),
    ]
    assert not order.unread_lines
