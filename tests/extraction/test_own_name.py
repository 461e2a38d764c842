"""A block of the page headed by the supplier's own name (``own_names``) is the supplier's
address: its postal code says nothing about where the goods go."""

from ingestion.extraction import extract_from_layout
from ingestion.extraction.sheets import sheet_to_layout
from ingestion.reading import read_pdf
from tests.extraction.docs import pdf

NAMES = ("alpenhof-hotelbedarf",)


def _own_codes(page, names=NAMES):
    return extract_from_layout(read_pdf(pdf([page])), own_names=names).own_postal_codes


def test_the_unlabelled_block_in_the_window_under_our_name():
    page = [
        (40, 40, "Hotel Alpina Klosters"),
        (40, 52, "Landstrasse 171 · 7250 Klosters"),
        (40, 80, "Bestellung Nr. 2026/88"),
        (330, 80, "Alpenhof Hotelbedarf AG"),
        (40, 92, "Datum: 1. Dezember 2026"),
        (330, 92, "Tribschenstrasse 61"),
        (40, 104, "Lieferung: per sofort"),
        (330, 104, "6005 Luzern"),
        (40, 140, "Artikel Anzahl Preis"),
        (40, 152, "Duschtuch Frottee 70x140 40 19.50"),
    ]
    assert _own_codes(page) == ("6005",)
    assert _own_codes(page, names=()) == ()
    # a block that only names us further on is another's ("… – Site de Alpenhof Hotelbedarf")
    other = [
        (x, y, "Hotel Alpina - Site de " + t if t.startswith("Alpenhof") else t) for x, y, t in page
    ]
    assert _own_codes(other) == ()


def test_another_partys_record_under_ours_is_not_ours():
    """An EDI message printed: NAD SU (the supplier, us), then NAD DP (the delivery point)."""
    page = [
        (40, 40, "ORDERS - MESSAGE DE COMMANDE"),
        (40, 60, "NAD BY 3012345000017"),
        (250, 60, "REGALIS CENTRALE ACHATS"),
        (40, 72, "NAD SU 3760171000007"),
        (250, 72, "ALPENHOF HOTELBEDARF AG"),
        (40, 84, "NAD DP 3012345000437"),
        (250, 84, "PLATEFORME REGALIS BOURGOGNE"),
        (250, 96, "5 RUE DES FRERES MONTGOLFIER"),
        (250, 108, "21600 LONGVIC"),
    ]
    assert _own_codes(page) == ()


def test_a_worksheets_delivery_row_under_our_name_is_not_ours():
    rows = [
        ["Purchase Order"],
        ["Supplier", "Alpenhof Hotelbedarf AG (ALP01)"],
        ["Deliver To", "Bean & Crumb Shoreditch, 118 Curtain Road, London EC2A 3AH, UK"],
        ["Line", "Description", "Qty", "Unit Cost"],
        ["1", "Bath towel", "4", "19.50"],
    ]
    order = extract_from_layout(sheet_to_layout(rows), own_names=NAMES)
    assert order.own_postal_codes == ()


def test_a_person_named_beside_our_block_does_not_end_it():
    page = [
        (45, 40, "KESTREL GROUP PURCHASE ORDER"),
        (45, 100, "Date"),
        (130, 100, "2026-11-24"),
        (330, 100, "Fenland Components Ltd"),
        (45, 112, "Delivery date"),
        (130, 112, "2026-12-02"),
        (330, 112, "Unit 5, Milton Road Trade Park"),
        (45, 124, "Buyer"),
        (130, 124, "Dan Pickering"),
        (330, 124, "Cambridge CB4 1XA"),
    ]
    assert _own_codes(page, names=("fenlandcomponents",)) == ("CB41XA",)


def test_a_form_s_next_fields_under_our_name_are_not_our_address():
    """ "Fournisseur : Northgate Cable & Wire Ltd" over "Livraison souhaitée : semaine 51" and
    "Lieu de livraison : …, 44800 Saint-Herblain": the delivery's postal code is no supplier's."""
    page = [
        (40, 40, "RÉSEAUX ATLANTIQUE INSTALLATIONS SAS"),
        (40, 52, "14 boulevard de la Prairie au Duc – 44200 Nantes"),
        (40, 80, "COMMANDE FOURNISSEUR N° CF26-00472"),
        (40, 92, "Date : 07/12/2026"),
        (40, 104, "Fournisseur : Northgate Cable & Wire Ltd (compte 401NORTH)"),
        (40, 116, "Affaire : Résidence Île de Nantes – VDI"),
        (40, 128, "Livraison souhaitée : semaine 51"),
        (40, 140, "Lieu de livraison : Dépôt RAI, 3 rue des Sabliers, 44800 Saint-Herblain"),
        (40, 170, "Réf. Désignation Qté P.U. HT"),
        (40, 182, "NG-30302 Câble Cat6 U/UTP 8 118,00"),
    ]
    assert _own_codes(page, names=("northgate-cable",)) == ()
    order = extract_from_layout(read_pdf(pdf([page])), own_names=("northgate-cable",))
    assert order.ship_to.value.postal_code == "44800"


def test_a_domain_of_a_long_name_and_a_short_one_names_us_in_that_order():
    from ingestion.extraction.addresses import names_us

    assert names_us("Ferrand Équipement CHR SAS", ("ferrand-chr",), reach=12)
    assert not names_us("CHR Ferrand Traiteur", ("ferrand-chr",), reach=12)
    assert not names_us("Brasserie Ferrand", ("ferrand-chr",), reach=12)
