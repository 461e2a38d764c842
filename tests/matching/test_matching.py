import time
from dataclasses import replace
from decimal import Decimal

import pytest

from ingestion.extraction import extract_from_sheet, extract_from_text
from ingestion.extraction.model import Address, ExtractedLine, ExtractedOrder, Field
from ingestion.matching import MasterData, build_draft, match_customer, match_product
from ingestion.matching.draft import UNSTATED_CURRENCY

CUSTOMERS = """code,name,vat_number,email_domains,street,postal_code,city,country,sales_rep_email,vip
C00001,Brasserie du Nord SARL,FR12345678901,brasserie-nord.fr,12 rue de la Gare,59000,Lille,FR,rep@x.example,false
C00002,Brasserie du Sud SAS,,brasserie-sud.fr|sud-group.com,3 avenue Foch,13001,Marseille,FR,rep@x.example,false
C00003,Müller Verpackung GmbH,DE123456789,mueller-verpackung.de,Industriestraße 5,80331,München,DE,rep@x.example,false
"""
PRODUCTS = """sku,gtin,description,unit,unit_price,currency
GT-6MM-BK,4006381333931,"Heat shrink sleeve 6 mm, black",EA,3.45,EUR
GT-6MM-RD,,"Heat shrink sleeve 6 mm, red",EA,3.45,EUR
CT-200-NT,,"Cable tie 200 mm, natural, bag of 100",BOX,4.10,EUR
APA-SUB1,,"APA Assembly, Sub1",EA,388,EUR
APA-SUB2,,"APA Assembly, Sub2",EA,164,EUR
"""
ALIASES = """customer_code,customer_sku,sku
C00001,A-778,GT-6MM-BK
C00001,APA-S118,APA-SUB1
"""


def _md() -> MasterData:
    return MasterData.from_csv(CUSTOMERS, PRODUCTS, ALIASES)


def test_customer_by_sender_domain():
    order = extract_from_text("Bonjour,\nmerci de livrer 12 x réf A-778\n")
    match = match_customer(order, _md(), sender_email="achats@brasserie-nord.fr")
    assert (match.code, match.rule) == ("C00001", "sender_domain")
    assert match.confidence == 0.9561


def test_a_customers_second_domain_after_a_semicolon_is_its_own_as_the_import_reads_it():
    two = CUSTOMERS.replace("brasserie-sud.fr|sud-group.com", '"brasserie-sud.fr; sud-group.com"')
    md = MasterData.from_csv(two, PRODUCTS, ALIASES)
    order = extract_from_text("Hello,\nplease ship 12 x A-778\n")
    match = match_customer(order, md, sender_email="buyer@sud-group.com")
    assert (match.code, match.rule) == ("C00002", "sender_domain")


def test_customer_by_vat_number_and_name_while_the_vendor_block_is_ignored():
    order = ExtractedOrder(
        buyer=Field(
            Address(name="Müller Verpackung GmbH", postal_code="80331", city="München"), 0.6
        ),
        vendor=Field(
            Address(name="Brasserie du Nord SARL", postal_code="59000", city="Lille"), 0.8
        ),
        vat_numbers=Field(("DE123456789",), 0.9),
    )
    match = match_customer(order, _md())
    assert match.code == "C00003"
    assert match.rule == "vat_number+name:buyer+address:buyer"
    assert match.confidence >= 0.95


def test_two_similar_names_lower_the_confidence_instead_of_guessing():
    order = ExtractedOrder(buyer=Field(Address(name="Brasserie du"), 0.6))
    match = match_customer(order, _md())
    assert match.confidence < 0.6


def test_a_known_customer_wins():
    match = match_customer(ExtractedOrder(), _md(), known_customer_code="c00002")
    assert (match.code, match.confidence, match.rule) == ("C00002", 0.99, "known_customer")


def test_product_by_alias_sku_gtin_and_description():
    md = _md()
    by_alias = match_product(ExtractedLine(customer_sku="a 778", quantity=Decimal(1)), "C00001", md)
    by_sku = match_product(ExtractedLine(codes=("gt-6mm-bk",), quantity=Decimal(1)), None, md)
    by_gtin = match_product(ExtractedLine(gtin="4006381333931"), None, md)
    by_description = match_product(
        ExtractedLine(description="Cable ties 200mm natural, bag of 100"), None, md
    )
    assert [m.sku for m in (by_alias, by_sku, by_gtin, by_description)] == [
        "GT-6MM-BK",
        "GT-6MM-BK",
        "GT-6MM-BK",
        "CT-200-NT",
    ]
    assert by_alias.rule == "alias:a 778"
    # "ties" and "tie" are one word: our description, word for word
    assert by_description.rule == "description:100+exact_description"


def test_colours_and_sizes_must_agree_in_descriptions():
    match = match_product(ExtractedLine(description="Heat shrink sleeve 6 mm, red"), None, _md())
    assert match.sku == "GT-6MM-RD"


def test_a_code_contradicted_by_description_and_price_loses():
    line = ExtractedLine(
        customer_sku="APA-S118", description="APA Assembly, Sub2", unit_price=Decimal("164")
    )
    match = match_product(line, "C00001", _md())
    assert match.sku == "APA-SUB2"
    assert match.confidence < 0.9


def test_ocr_misread_codes_still_match():
    match = match_product(
        ExtractedLine(customer_sku="GT-6MM-8K", description="HEAT SHRINK SLEEVE 6 MM, BLACK"),
        None,
        _md(),
    )
    assert match.sku == "GT-6MM-BK"


def test_signs_a_scan_reads_for_an_s_or_a_stroke_in_a_code_are_its_letters():
    # "APA-SUB1" read "APA-§UB]": no description to fall back on
    match = match_product(ExtractedLine(customer_sku="APA-§UB]", description="x"), None, _md())
    assert (match.sku, match.rule.split("+")[0]) == ("APA-SUB1", "sku_ocr:APA-§UB]")


def test_a_code_a_scan_misread_inside_the_description_still_finds_its_product():
    # the code's column ran into the description: "GT-6MM-8K Schrumpfschlauch" (B read 8)
    line = ExtractedLine(description="GT-6MM-8K Schrumpfschlauch", unit_price=Decimal("3.45"))
    match = match_product(line, None, _md())
    assert (match.sku, match.rule.split("+")[0]) == ("GT-6MM-BK", "sku_ocr_in_text:GT-6MM-8K")


def test_draft_fills_currency_and_ship_to_from_the_customer_and_flags_prices():
    order = extract_from_text("Bonjour,\n- 10 x réf A-778 à 3,10 €\n")
    draft = build_draft(order, _md(), sender_email="achats@brasserie-nord.fr")
    data = draft.to_json()
    assert data["customer_code"] == "C00001"
    assert data["currency"] == "EUR"
    assert data["ship_to"] == {
        "name": "Brasserie du Nord SARL",
        "street": "12 rue de la Gare",
        "postal_code": "59000",
        "city": "Lille",
        "country": "FR",
    }
    assert data["lines"] == [
        {
            "sku": "GT-6MM-BK",
            "customer_sku": "A-778",
            "description": "",
            "quantity": "10",
            "unit": "EA",
            "unit_price": "3.10",
            "line_total": "31",
        }
    ]
    assert data["issues"] == [
        {
            "code": "price_mismatch",
            "field": "lines[0].unit_price",
            "message": "document says 3.10, price list says 3.45",
            "severity": "error",
        }
    ]
    assert draft.touchless is False


def test_matching_twenty_thousand_products_is_fast():
    rows = ["sku,gtin,description,unit,unit_price,currency"]
    words = ["carton", "tape", "film", "glove", "screw", "bolt", "label", "marker", "rope", "bag"]
    colours = ["black", "white", "red", "blue", "green"]
    for i in range(20_000):
        rows.append(
            f"P-{i:05d},,{words[i % 10]} {colours[i % 5]} {i % 97} mm size {i // 97},EA,1.00,EUR"
        )
    md = MasterData.from_csv(CUSTOMERS, "\n".join(rows))
    lines = [
        ExtractedLine(description=f"{words[k % 10]} {colours[k % 5]} {k % 97} mm size {k // 97}")
        for k in range(1000, 1050)
    ]
    started = time.perf_counter()
    matches = [match_product(line, None, md) for line in lines]
    elapsed = time.perf_counter() - started
    assert [m.sku for m in matches] == [f"P-{k:05d}" for k in range(1000, 1050)]
    assert elapsed < 10


def test_a_defaulted_ship_to_is_sure_only_when_the_document_names_no_other_address():
    signature = "\n\nCordialement,\nBrasserie du Nord SARL\n12 rue de la Gare\n59000 Lille"
    alone = extract_from_text("Bonjour,\n- 10 x réf A-778" + signature)
    draft = build_draft(alone, _md(), sender_email="achats@brasserie-nord.fr")
    assert draft.ship_to.value.postal_code == "59000"
    assert draft.ship_to.rule == "letterhead_as_ship_to+only_address"
    assert draft.ship_to.confidence == 0.9
    elsewhere = extract_from_text(
        "Bonjour,\n- 10 x réf A-778\nEntrepôt : 5 rue du Port, 69007 Lyon" + signature
    )
    draft = build_draft(elsewhere, _md(), sender_email="achats@brasserie-nord.fr")
    assert draft.ship_to.confidence < 0.85


def test_an_exact_description_with_no_close_rival_is_a_confident_match():
    line = ExtractedLine(description="Cable tie 200 mm, natural, bag of 100", quantity=Decimal(3))
    match = match_product(line, "C00002", _md())
    assert match.sku == "CT-200-NT"
    assert match.confidence >= 0.9


def test_our_description_word_for_word_is_sure_even_beside_a_product_a_word_apart():
    boxes = (
        'CB-DW,,"Shipping carton 800x600x500 mm, double wall, brown",EA,5.14,EUR\n'
        'CB-SW,,"Shipping carton 800x600x500 mm, single wall, brown",EA,3.90,EUR\n'
    )
    md = MasterData.from_csv(CUSTOMERS, PRODUCTS + boxes, ALIASES)
    line = ExtractedLine(
        description="Shipping carton 800x600x500 mm, double wall, brown", quantity=Decimal(6)
    )
    match = match_product(line, "C00002", md)
    assert (match.sku, match.candidates[1][0]) == ("CB-DW", "CB-SW")
    assert match.confidence >= 0.9
    # a word left out is no copy of ours: single or double wall stays for a person
    shorter = match_product(replace(line, description="Shipping carton 800x600x500 mm"), None, md)
    assert shorter.confidence < 0.9


def test_an_unstated_currency_is_the_customers_own_then_its_countrys():
    british = "C00009,Harrow Engineering Ltd,,harrow.co.uk,2 Brindley Road,MK1 1QZ,Milton Keynes,GB,rep@x.example,false\n"
    md = MasterData.from_csv(CUSTOMERS + british, PRODUCTS, ALIASES)
    assert md.customer_currency("C00009") == "EUR"  # priced from the EUR catalogue
    header = CUSTOMERS.splitlines()[0] + ",currency\n"
    own = header + british.rstrip("\n") + ",GBP\n"
    assert MasterData.from_csv(own, PRODUCTS, ALIASES).customer_currency("C00009") == "GBP"
    order = extract_from_text("Hello,\nplease ship 10 x GT-6MM-BK @ 2.95\n")
    assert order.lines[0].unit_price == Decimal("2.95")
    draft = build_draft(order, md, sender_email="buyer@harrow.co.uk")
    # a British customer's prices, a catalogue in euros and no currency on the order: pounds,
    # more likely than not, and a person confirms
    assert draft.to_json()["currency"] == "GBP"
    assert draft.confidence["currency"] < 0.85
    # …unless the prices are our list's to the cent: our list's euros (sure from two lines)
    listed = extract_from_text("Hello,\nplease ship 10 x GT-6MM-BK @ 3.45\n")
    draft = build_draft(listed, md, sender_email="buyer@harrow.co.uk")
    assert draft.to_json()["currency"] == "EUR"
    assert draft.confidence["currency"] < 0.85
    both = extract_from_text("Hello,\nplease ship\n10 x GT-6MM-BK @ 3.45\n20 x GT-6MM-RD @ 3.45\n")
    draft = build_draft(both, md, sender_email="buyer@harrow.co.uk")
    assert draft.to_json()["currency"] == "EUR"
    assert draft.confidence["currency"] >= 0.9
    # an order that prices nothing states no currency: it is booked off our list, in its
    # euros, and no figure of the order waits on the guess
    unpriced = extract_from_text("Hello,\nplease ship 10 x GT-6MM-BK\n")
    draft = build_draft(unpriced, md, sender_email="buyer@harrow.co.uk")
    assert draft.to_json()["currency"] is None
    assert (draft.currency.value, draft.currency.rule) == ("EUR", UNSTATED_CURRENCY)
    assert draft.confidence["currency"] >= 0.9


def test_prices_all_one_rate_from_our_list_are_in_the_customers_countrys_currency():
    british = "C00009,Harrow Engineering Ltd,,harrow.co.uk,2 Brindley Road,MK1 1QZ,Milton Keynes,GB,rep@x.example,false\n"
    md = MasterData.from_csv(CUSTOMERS + british, PRODUCTS, ALIASES)
    # 2.95 for our 3.45, 3.51 for our 4.10: our list in pounds, as an exchange rate makes it
    converted = extract_from_text(
        "Hello,\nplease ship\n10 x GT-6MM-BK @ 2.95\n20 x GT-6MM-RD @ 2.95\n5 x CT-200-NT @ 3.51\n"
    )
    draft = build_draft(converted, md, sender_email="buyer@harrow.co.uk")
    assert draft.to_json()["currency"] == "GBP"
    assert draft.confidence["currency"] >= 0.9
    # shares of our prices that no one rate makes: for a person, as before
    mixed = extract_from_text(
        "Hello,\nplease ship\n10 x GT-6MM-BK @ 2.95\n20 x GT-6MM-RD @ 3.30\n5 x CT-200-NT @ 3.51\n"
    )
    draft = build_draft(mixed, md, sender_email="buyer@harrow.co.uk")
    assert draft.to_json()["currency"] == "GBP"
    assert draft.confidence["currency"] < 0.85
    # one line at our own price: our list's currency is as likely
    ours = extract_from_text(
        "Hello,\nplease ship\n10 x GT-6MM-BK @ 3.45\n20 x GT-6MM-RD @ 2.95\n5 x CT-200-NT @ 3.51\n"
    )
    draft = build_draft(ours, md, sender_email="buyer@harrow.co.uk")
    assert draft.confidence["currency"] < 0.85


def test_a_line_priced_at_the_share_of_our_list_the_sure_lines_are_priced_at_is_that_product():
    """An order in francs for our list in euros: its lines found by their part numbers are at
    1.1014 times our price; "APA Assembly" (Sub1 or Sub2?) at that share of Sub2's is Sub2."""
    md = _md()

    def draft_of(price):
        text = (
            "Bonjour,\nCommande PO-2231, prix en CHF\n- 10 x réf A-778 à CHF 3.80\n"
            f"- 3 x réf APA-S118 à CHF 427.35\n- 5 x APA Assembly à CHF {price}\n"
        )
        return build_draft(extract_from_text(text), md, sender_email="achats@brasserie-nord.fr")

    match = draft_of("180.63").lines[2].match
    assert (match.sku, match.rule) == ("APA-SUB2", "description:93+price")
    assert match.confidence >= 0.9
    # our list's own figure in another currency says nothing: a person says which
    assert draft_of("164.00").lines[2].match.confidence < 0.85
    # a carton's price is no share of ours, and says nothing against the product either
    text = (
        "Bonjour,\nCommande PO-2231, prix en CHF\n- 10 x réf A-778 à CHF 3.80\n"
        "- 3 x réf APA-S118 à CHF 427.35\n"
        "- 2 x PVA Kabelbinder natur, Karton à 10 Beutel à CHF 45.20\n"
    )
    carton = build_draft(extract_from_text(text), md, sender_email="achats@brasserie-nord.fr")
    assert carton.lines[2].sku == "CT-200-NT"


def test_a_drum_priced_at_the_share_of_our_list_the_other_lines_are_at_counts_its_metres():
    """An order in francs for our list in euros, its sure lines at 1.1014 times ours: "2 tourets
    de 500 m" at 1 569,50 are 1 000 metres of our cable at 2.85 the metre (3.14 in francs). At
    1 400,00 the drum holds no count the price can say, and nothing is converted."""
    cable = "GM-6050,,Signal cable 4 x 1.5 mm2,M,2.85,EUR\n"
    md = MasterData.from_csv(CUSTOMERS, PRODUCTS + cable, ALIASES)

    def drums(price):
        order = ExtractedOrder(
            currency=Field("CHF", 0.95, rule="currency_marks"),
            lines=(
                ExtractedLine(
                    customer_sku="A-778", quantity=Decimal(10), unit_price=Decimal("3.80")
                ),
                ExtractedLine(
                    customer_sku="APA-S118", quantity=Decimal(3), unit_price=Decimal("427.35")
                ),
                ExtractedLine(
                    sku="GM-6050",
                    description="Câble de signalisation 4x1,5 mm2 - touret de 500 m",
                    quantity=Decimal(2),
                    unit="touret",
                    unit_price=Decimal(price),
                ),
            ),
        )
        return build_draft(order, md, known_customer_code="C00001").lines[2].match

    assert drums("1569.50").quantity_in_product_unit == 1000
    assert drums("1400.00").quantity_in_product_unit == 2


def test_the_share_of_our_list_most_lines_are_priced_at():
    from ingestion.matching.masterdata import common_share

    pairs = [(Decimal("3.80"), Decimal("3.45")), (Decimal("427.35"), Decimal("388"))]
    discounted = (Decimal("3.10"), Decimal("3.45"))
    assert round(common_share([*pairs, discounted]), 4) == Decimal("1.1014")
    # two lines that disagree, or half of them at one share: none
    assert common_share([pairs[0], discounted]) is None
    assert common_share([*pairs, discounted, (Decimal("2.10"), Decimal("3.45"))]) is None


def _line(description, *lines):
    return ExtractedLine(
        description=description,
        description_lines=(description, *lines),
        quantity=Decimal("10"),
    )


def test_a_code_written_in_the_description_or_a_text_line_under_the_item_is_matched():
    md = MasterData.from_csv(
        CUSTOMERS,
        PRODUCTS + "210-0113,,Ball bearing 6306 2RS,EA,8.20,EUR\n6306,,Seal,EA,1.00,EUR\n",
        ALIASES,
    )
    below = _line("Kabelbinder", "Ihre Materialnummer: CT-200-NT")
    assert match_product(below, "C00003", md).sku == "CT-200-NT"
    leading = _line("210-0113 Roulement à billes 6306 2RS")
    assert match_product(leading, "C00001", md).sku == "210-0113"
    bracketed = _line("[A-778] Gaine thermo")
    assert match_product(bracketed, "C00001", md).sku == "GT-6MM-BK"
    # a bare short number inside a description is a size, not the product "6306"
    inside = _line("Roulement à billes 6306 2RS")
    assert match_product(inside, "C00001", md).sku != "6306"


def test_a_dollar_sign_on_a_us_customers_order_is_sure():
    american = "C00010,Great Lakes Fasteners Inc,,greatlakes.com,1 Main St,48201,Detroit,US,rep@x.example,false\n"
    md = MasterData.from_csv(CUSTOMERS + american, PRODUCTS, ALIASES)
    order = extract_from_text("Hello,\nplease ship 10 x GT-6MM-BK at $3.45\n")
    draft = build_draft(order, md, sender_email="buyer@greatlakes.com")
    assert draft.currency.value == "USD"
    assert draft.currency.confidence >= 0.95


CANADIAN_LIST = PRODUCTS.replace(",EUR\n", ",CAD\n")
NORTH_AMERICANS = (
    "code,name,vat_number,email_domains,street,postal_code,city,country,sales_rep_email,vip\n"
    "C1,Lakeshore Fabrication Ltd.,,lakeshore.ca,88 Advance Road,M8Z 2T7,Toronto,CA,,false\n"
    "C2,Great Lakes Assembly Inc,,glia.com,4400 W 150th Street,44135,Cleveland,US,,false\n"
)


@pytest.mark.parametrize(
    ("customer", "price", "want", "sure"),
    [
        # a Canadian customer's "$" on a Canadian list: the list's dollar
        ("C1", "3.45", "CAD", True),
        # a US customer's "$": its own dollar, not the list's
        ("C2", "2.60", "USD", True),
        # ... unless every price is ours to the cent: which dollar, a person says
        ("C2", "3.45", "CAD", False),
    ],
)
def test_a_dollar_sign_on_a_canadian_list_is_the_customers_countrys_dollar(
    customer, price, want, sure
):
    md = MasterData.from_csv(NORTH_AMERICANS, CANADIAN_LIST, "customer_code,customer_sku,sku\n")
    order = extract_from_text(
        f"Hello,\nplease ship:\n10 x GT-6MM-BK at ${price} each\n5 x GT-6MM-RD at ${price} each\n"
    )
    assert order.currency.rule == "currency_marks:$"
    draft = build_draft(order, md, known_customer_code=customer)
    assert (draft.currency.value, draft.currency.confidence >= 0.9) == (want, sure)


def test_a_dollar_written_out_is_not_the_customers_other_dollar():
    md = MasterData.from_csv(NORTH_AMERICANS, CANADIAN_LIST, "customer_code,customer_sku,sku\n")
    order = extract_from_text("Hello,\nplease ship 10 x GT-6MM-BK at USD 2.60 each\n")
    draft = build_draft(order, md, known_customer_code="C1")
    assert draft.currency.value == "USD"


def test_a_code_shaped_word_in_the_text_matches_as_surely_as_a_code_column():
    line = _line("Kabelbinder", "Ihre Materialnummer: CT-200-NT")
    assert match_product(line, "C00003", _md()).confidence >= 0.9


def test_a_code_read_in_pieces_is_joined():
    md = MasterData.from_csv(
        CUSTOMERS, PRODUCTS + "MF-35449,,Safety shoes S3 42,PR,49.00,EUR\n", ALIASES
    )
    line = ExtractedLine(
        customer_sku="MF",
        codes=("MF",),
        description="Chaussures de sécurité S3 pointure 42",
        raw_text="10 MF 35449 Chaussures de sécurité S3 pointure 42 49,00 490,00",
        quantity=Decimal("10"),
    )
    assert match_product(line, "C00001", md).sku == "MF-35449"


def test_the_usual_delivery_address_is_the_customers_only_one():
    order = extract_from_text(
        "Hello,\n- 10 x GT-6MM-BK\n\nUsual delivery address (Lille).\n\nRegards\n"
        "Brasserie du Nord SARL\n12 rue de la Gare, 59000 Lille\n"
    )
    draft = build_draft(order, _md(), sender_email="achats@brasserie-nord.fr")
    assert draft.ship_to.value.postal_code == "59000"
    assert draft.ship_to.confidence >= 0.9
    elsewhere = extract_from_text(
        "Hello,\n- 10 x GT-6MM-BK\n\nDelivery address: our Roubaix depot.\n\nRegards\n"
        "Brasserie du Nord SARL\n12 rue de la Gare, 59000 Lille\n"
    )
    draft = build_draft(elsewhere, _md(), sender_email="achats@brasserie-nord.fr")
    assert draft.ship_to.confidence < 0.85


@pytest.mark.parametrize(
    ("label", "sure"),
    [
        ("Please deliver to: reception, 2nd floor.", True),
        ("Livraison : vendredi 4 décembre avant 7h", True),
        ("Lieferung an: Praxisadresse, Anlieferung Mo–Fr", True),
        ("Please deliver to: our Roubaix depot, 2nd floor.", False),
        ("Lieferung an: Baustelle Haus 8", False),
        ("Please deliver to: reception, 5 rue du Port", False),
        ("Livraison : 17/12/2026", True),  # when, not where
        ("Livraison : KW 51", True),
        ("Livraison : à l'atelier, lundi", True),
        # a workshop named after its town is another place
        ("Livraison : 22/12/2026 ou 23/12/2026 - Atelier Erpent", False),
        ("Livraison : à l'atelier d'Erpent", False),
        # the customer's own place, by a word of its address
        ("Deliver to: our Lille address", True),
        ("Livraison : à notre adresse de la Gare", True),
        ("Deliver to: our Roubaix address", False),
        ("Delivery: ASAP please", True),
        ("Livraison : dès que possible", True),
        ("Livraison : dès que possible au chantier", False),
        ("Lieferung: per sofort", True),
        ("Deliver to our Lille site, Goods In door 2.", True),
        # the customer's own street, written out
        ("Merci de livrer à la réception (12 rue de la Gare).", True),
        ("Merci de livrer à la réception (14 rue de la Gare).", False),
        # when and which floor, whatever line the reader took for a street
        ("Lieferung: ehestmöglich, Mo–Fr 8–16 Uhr, 3. Stock (Lift vorhanden)", True),
        # its town and its street's name, no number
        ("Delivery to Lille (rue de la Gare) this time, as soon as possible.", True),
        ("Delivery to Roubaix (rue de la Gare) this time, as soon as possible.", False),
        # its premises in its own town, in the sentence that says it
        ("Delivery to: our warehouse in Lille. Please confirm by email.", True),
        ("Wir bestellen zur Lieferung an unseren Salon in Lille.", True),
        ("Delivery to: our warehouse in Roubaix. Please confirm by email.", False),
        # when, in a word that wishes it
        ("Livraison souhaitée", True),
        # when, its month in words, its day of the week and its time of day
        ("Delivery: Dec 14 2026", True),
        ("Delivery: Thu 26-11-2026 in the morning please.", True),
        # its head office, in its own town
        ("Lieferadresse: Hauptstelle Lille", True),
        ("Lieferadresse: Hauptstelle Roubaix", False),
        ("Deliver To: Head Office - Lille", True),
        ("Deliver To: Head Office - Roubaix", False),
        # when, over another label's row read as its street
        ("Delivery: week 13\nDelivery terms: DAP Lille\nPayment: 90 days end of month", True),
        # a week and its year, over the contact's row
        ("Livraison : semaine 10 (2027)\nMathieu Cuendet, chef de culture", True),
        # a department of the customer's
        ("Wir bestellen zur Lieferung an den Fachbereich Chemie.", True),
        ("Wir bestellen zur Lieferung an den Fachbereich Chemie, Gebäude 5.", False),
        # its main address, its shop's back yard, the lift its lorry needs
        ("Deliver to main address, tail-lift required.", True),
        ("Lieferung an Ladengeschäft, Anlieferung über Hinterhof.", True),
        ("Deliver to: our Roubaix shop, tail-lift required.", False),
        # when: the week it begins, and why
        ("Delivery: w/c 27/01/2025 - route setting week, please do not deliver earlier", True),
        ("Delivery: w/c 12/01/2026", True),
        ("Delivery: w/c 12/01/2026 to the Roubaix site", False),
        # its own street's name alone, no other town or number
        ("Livraison : rue de la Gare (entrée principale)", True),
        ("Livraison : rue de la Gare 14", False),
        ("Lieferung an Geschäftsadresse.", True),
    ],
)
def test_a_delivery_label_that_names_no_other_place_leaves_the_only_address_sure(label, sure):
    order = extract_from_text(
        f"Hello,\n- 10 x GT-6MM-BK\n\n{label}\n\nRegards\n"
        "Brasserie du Nord SARL\n12 rue de la Gare, 59000 Lille\n"
    )
    draft = build_draft(order, _md(), sender_email="achats@brasserie-nord.fr")
    assert draft.ship_to.value.postal_code == "59000" or not sure
    assert (draft.ship_to.confidence >= 0.9) == sure


def _md_with_a_depot() -> MasterData:
    """The master data with a second address for C00001: its depot in Roubaix, learned."""
    from ingestion.matching.masterdata import AddressRecord

    md = _md()
    depot = AddressRecord(
        "Brasserie du Nord - Dépôt", "5 rue du Port", "59100", "Roubaix", "FR", "ship_to"
    )
    customers = tuple(
        replace(c, addresses=(*c.addresses, depot)) if c.code == "C00001" else c
        for c in md.customers
    )
    return replace(md, customers=customers)


def test_the_letterhead_is_sure_when_the_page_prints_no_other_address_of_a_customer_with_two():
    md = _md_with_a_depot()
    letter = (
        "Brasserie du Nord SARL\n12 rue de la Gare\n59000 Lille\n\nBon de commande BC-118\n\n"
        "- 10 x réf A-778\n\nLivraison : à notre adresse ci-dessus (réception de 8 h à 11 h).\n"
    )
    draft = build_draft(extract_from_text(letter), md, sender_email="achats@brasserie-nord.fr")
    assert (draft.ship_to.value.postal_code, draft.ship_to.confidence) == ("59000", 0.9)
    # the depot's postcode printed too: which one, a person says
    both = letter + "Copie : dépôt de Roubaix, 5 rue du Port, 59100 Roubaix\n"
    draft = build_draft(extract_from_text(both), md, sender_email="achats@brasserie-nord.fr")
    assert draft.ship_to.confidence < 0.85


def test_the_main_address_of_a_customer_with_two_is_sure_when_a_sheet_says_nothing_of_either():
    md = _md_with_a_depot()
    rows = [
        ["Purchase Order", "PO-7790"],
        ["Order date", "16.12.2026"],
        [],
        ["Line", "BDN Part", "Our Part", "Description", "Qty", "Unit Price"],
        ["1", "BDN 77410", "GT-6MM-BK", "Heat shrink sleeve 6 mm, black", "10", "3.45"],
        ["2", "BDN 77422", "GT-6MM-RD", "Heat shrink sleeve 6 mm, red", "20", "3.45"],
    ]
    order = extract_from_sheet(rows)
    # the customer's part numbers are no postal codes of another address
    assert order.postal_codes == ()
    draft = build_draft(order, md, known_customer_code="C00001")
    assert draft.ship_to.rule.startswith("customer_main_address")
    assert (draft.ship_to.value.postal_code, draft.ship_to.confidence) == ("59000", 0.9)
    # the depot's town printed: which one, a person says
    rows.insert(2, ["Delivery", "5 rue du Port, 59100 Roubaix"])
    draft = build_draft(extract_from_sheet(rows), md, known_customer_code="C00001")
    assert draft.ship_to.value.postal_code != "59000" or draft.ship_to.confidence < 0.85


def test_a_us_customers_delivery_date_read_day_first_before_the_order_is_turned():
    import datetime as dt

    american = "C00010,Great Lakes Fasteners Inc,,greatlakes.com,1 Main St,48201,Detroit,US,rep@x.example,false\n"
    md = MasterData.from_csv(CUSTOMERS + american, PRODUCTS, ALIASES)
    order = extract_from_text(
        "Hello,\nplease ship 10 x GT-6MM-BK\nNeed by 12/04/2026\n",
        sent_date=dt.date(2026, 11, 5),
    )
    assert order.requested_delivery_date.value == dt.date(2026, 4, 12)
    draft = build_draft(order, md, sender_email="buyer@greatlakes.com")
    assert draft.extracted.requested_delivery_date.value == dt.date(2026, 12, 4)


def test_an_unread_delivery_date_of_a_us_customer_stays_unread():
    import datetime as dt

    american = "C00010,Great Lakes Fasteners Inc,,greatlakes.com,1 Main St,48201,Detroit,US,rep@x.example,false\n"
    md = MasterData.from_csv(CUSTOMERS + american, PRODUCTS, ALIASES)
    order = extract_from_text(
        "Hello,\nplease ship 10 x GT-6MM-BK\n", sent_date=dt.date(2026, 11, 5)
    )
    order = replace(
        order, requested_delivery_date=Field(None, 0.3, rule="unread_delivery_label:need by")
    )
    draft = build_draft(order, md, sender_email="buyer@greatlakes.com")
    assert draft.extracted.requested_delivery_date.value is None


def test_a_scanned_dollar_mark_agrees_with_a_us_customer():
    american = "C00010,Great Lakes Fasteners Inc,,greatlakes.com,1 Main St,48201,Detroit,US,rep@x.example,false\n"
    md = MasterData.from_csv(CUSTOMERS + american, PRODUCTS, ALIASES)
    order = replace(
        extract_from_text("Hello,\nplease ship 10 x GT-6MM-BK\n"),
        currency=Field("USD", 0.8, rule="currency_marks:ocr"),
    )
    draft = build_draft(order, md, known_customer_code="C00010")
    assert (draft.currency.value, draft.currency.confidence >= 0.9) == ("USD", True)
    french = build_draft(order, md, known_customer_code="C00001")
    assert french.currency.value == "EUR"  # a scanned "$" for a French customer: a misread


def test_a_scanned_euro_mark_from_a_swiss_customer_priced_from_a_euro_list_is_checked():
    swiss = "C00011,Précision Horlogère SA,,ph.ch,Rue du Marais 21,2400,Le Locle,CH,rep@x.example,false\n"
    md = MasterData.from_csv(CUSTOMERS + swiss, PRODUCTS, ALIASES)
    order = replace(
        extract_from_text("Bonjour,\nmerci de livrer 10 x GT-6MM-BK\n"),
        currency=Field("EUR", 0.8, rule="currency_marks:ocr:mixed"),
    )
    swiss_draft = build_draft(order, md, known_customer_code="C00011")
    assert swiss_draft.currency.confidence < 0.9  # "CHF" misread, or euros: a person says
    french = build_draft(order, md, known_customer_code="C00001")
    assert (french.currency.value, french.currency.confidence >= 0.9) == ("EUR", True)
    # every line at our euro price to the cent: euros, whatever the scan read
    priced = replace(
        extract_from_text(
            "Bonjour,\nmerci de livrer\n10 x GT-6MM-BK à 3.45\n4 x CT-200-NT à 4.10\n"
        ),
        currency=Field("EUR", 0.8, rule="currency_marks:ocr"),
    )
    listed = build_draft(priced, md, known_customer_code="C00011")
    assert (listed.currency.value, listed.currency.confidence >= 0.9) == ("EUR", True)
    # the code written in letters on the scan ("Total EUR"): no symbol misread
    written = replace(order, currency=Field("EUR", 0.8, rule="currency_marks:ocr:code"))
    coded = build_draft(written, md, known_customer_code="C00011")
    assert (coded.currency.value, coded.currency.confidence >= 0.9) == ("EUR", True)


def test_a_price_column_titled_in_two_currencies_settles_nothing():
    swiss = "C00011,Précision Horlogère SA,,ph.ch,Rue du Marais 21,2400,Le Locle,CH,rep@x.example,false\n"
    md = MasterData.from_csv(CUSTOMERS + swiss, PRODUCTS, ALIASES)
    order = extract_from_text(
        "Commande n° 4500-PH-7781\n\nArticle\tQuantité\tPrix CHF/EUR\tTotal\n"
        "GT-6MM-BK\t20\t3.45\t69.00\n"
    )
    assert order.currency.rule.endswith(":mixed")
    draft = build_draft(order, md, known_customer_code="C00011")
    assert draft.currency.value == "EUR" or draft.currency.confidence < 0.9


def test_a_price_per_100_is_compared_per_piece():
    line = ExtractedLine(
        customer_sku="GT-6MM-BK",
        codes=("GT-6MM-BK",),
        description="Heat shrink sleeve 6 mm, black",
        quantity=Decimal("500"),
        unit_price=Decimal("345.00"),
        price_unit=Decimal("100"),
    )
    match = match_product(line, "C00001", _md())
    assert "price" in match.rule.split("+")
    assert "price_differs" not in match.rule


def test_a_customer_named_only_in_the_text_of_the_page_is_found_but_checked():
    order = ExtractedOrder(
        header_lines=(
            "10/03/2025 16:20 FAX P.001/001",
            "De:            Marie   Brasserie du Nord SARL",
            "Commande N° GCN 1088",
        )
    )
    match = match_customer(order, _md())
    assert (match.code, match.rule) == ("C00001", "name_in_text")
    assert match.confidence < 0.9  # a name in passing: a person confirms it
    nothing = ExtractedOrder(header_lines=("Commande N° GCN 1088", "Merci d'avance"))
    assert match_customer(nothing, _md()).code is None


def test_a_customers_street_and_town_written_in_a_sentence_say_who_wrote():
    """From a private address, signed with a first name: where to deliver says who it is."""
    order = ExtractedOrder(
        header_lines=(
            "Salut Marc,",
            "A livrer jeudi à l'atelier, 3 avenue Foch à Marseille (on ouvre à 7h).",
            "Jean-Marc",
        )
    )
    match = match_customer(order, _md())
    assert (match.code, match.rule) == ("C00002", "street_in_text")
    assert match.confidence < 0.9  # a person confirms it
    elsewhere = ExtractedOrder(header_lines=("A livrer au 3 avenue Foch à Toulon",))
    assert match_customer(elsewhere, _md()).code is None
    # the street's kind shortened, as people write it
    short = ExtractedOrder(header_lines=("A livrer comme d'hab au 3 av. Foch à Marseille.",))
    assert match_customer(short, _md()).code == "C00002"


@pytest.mark.parametrize(("street", "sure"), [("12 rue de la Gare", True), ("7 rue Neuve", False)])
def test_a_scanned_letterhead_read_as_text_is_sure_when_its_street_is_the_customers(street, sure):
    """The letterhead's name read as a line of text, its address block from the postal code
    on: the street printed before the postal code on that line agrees, or not."""
    order = ExtractedOrder(
        header_lines=(
            "10/03/2025 16:20 FAX P.001/001",
            "Brasserie du Nord SARL",
            f"{street} 59000 Lille",
            "Commande N° GCN 1088",
        ),
        buyer=Field(Address(postal_code="59000", city="Lille", lines=("59000 Lille",)), 0.6),
    )
    match = match_customer(order, _md())
    assert match.code == "C00001"
    assert (match.confidence >= 0.9) is sure


def test_a_customer_named_in_passing_is_sure_when_the_lines_print_its_part_numbers():
    aliases = ALIASES + "C00001,A-779,GT-6MM-RD\n"
    md = MasterData.from_csv(CUSTOMERS, PRODUCTS, aliases)
    header = ("10/03/2025 16:20 FAX P.001/001", "De:   Marie   Brasserie du Nord SARL")

    def draft(*parts):
        lines = tuple(
            ExtractedLine(description=f"{part} sleeve", quantity=Decimal(5)) for part in parts
        )
        return build_draft(ExtractedOrder(header_lines=header, lines=lines), md)

    assert draft("A-778", "A-779").customer.confidence >= 0.9  # two of its own numbers
    assert draft("A-778", "X-1", "X-2").customer.confidence < 0.9  # one of three: doubt stays


def test_a_currency_code_inside_an_article_number_is_no_currency_mark():
    from ingestion.extraction.numbers import find_currencies

    assert find_currencies("PAL-EUR-NEW EUR pallet 1200 x 800 mm") == []
    assert find_currencies("Total 12,50 EUR") == ["EUR"]


def test_a_printed_currency_that_is_not_the_customers_own_is_checked():
    header = CUSTOMERS.splitlines()[0] + ",currency\n"
    american = (
        header
        + "C00010,Redwood Packaging Co,,redwoodpkg.com,555 Spice Islands Dr,89431,Sparks,US,rep@x.example,false,USD\n"
    )
    md = MasterData.from_csv(american, PRODUCTS, ALIASES)
    order = extract_from_text("PO 123\nplease ship 10 x GT-6MM-BK at 3.45 EUR\n")
    draft = build_draft(order, md, known_customer_code="C00010")
    assert draft.currency.value == "EUR"
    assert draft.currency.confidence < 0.9


def test_a_code_in_pieces_on_the_line_under_the_item_is_joined():
    md = MasterData.from_csv(
        CUSTOMERS, PRODUCTS + "TPB-11670,,Circuit breaker 3P C16,EA,11.60,EUR\n", ALIASES
    )
    line = ExtractedLine(
        customer_sku="972/91",
        codes=("972/91",),
        description="Leitungsschutzschalter 3P C16 Ihre Art.-Nr. TPB 11670",
        description_lines=("Leitungsschutzschalter 3P C16", "Ihre Art.-Nr. TPB 11670"),
        raw_text="40 972/91 Leitungsschutzschalter 3P C16 20 Stück 11,6000 232,00",
        quantity=Decimal("20"),
    )
    assert match_product(line, "C00001", md).sku == "TPB-11670"


def test_an_upper_case_code_without_digits_under_the_item_is_looked_up():
    md = MasterData.from_csv(
        CUSTOMERS, PRODUCTS + "ABS-GRAN,,Absorbent granules,KG,0.92,EUR\n", ALIASES
    )
    line = _line("Ölbindemittel Granulat", "Ihre Materialnummer: ABS-GRAN")
    assert match_product(line, "C00003", md).sku == "ABS-GRAN"
    mixed = _line("Gaffer-Tape matt schwarz")  # a word with a dash is no code
    assert match_product(mixed, "C00003", md).rule != "sku_in_text:Gaffer-Tape"


def test_a_letterhead_read_from_someone_elses_address_gives_way_to_the_customers_own():
    """The reader took the address window (the supplier's own) for the sender's letterhead,
    while the customer's own postcode is printed on the page's top line: the customer's
    address it is."""
    order = ExtractedOrder(
        vat_numbers=Field(("DE123456789",), 0.9),
        buyer=Field(
            Address(name="Müller Verpackung GmbH", street="14 rue du Port", postal_code="67100"),
            0.6,
            rule="letterhead:ocr",
        ),
        postal_codes=("80331", "67100"),
        lines=[ExtractedLine(customer_sku="GT-6MM-BK", quantity=Decimal(4), confidence=0.9)],
    )
    draft = build_draft(order, _md())
    assert draft.customer.code == "C00003"
    assert draft.ship_to.value.postal_code == "80331"
    assert draft.ship_to.rule.startswith("customer_main_address")
    # the letterhead is the customer's own when nothing says otherwise
    alone = replace(order, postal_codes=("67100",))
    assert build_draft(alone, _md()).ship_to.value.postal_code == "67100"
    # typed text (an email): an address above the items is more often the delivery's
    typed = replace(order, buyer=replace(order.buyer, rule="letterhead"))
    assert build_draft(typed, _md()).ship_to.value.postal_code == "67100"
    # a typed letter whose sender's one-line letterhead was not read as a block: the block read
    # as the letterhead is the one the letter is addressed to
    letter = replace(order, buyer=replace(order.buyer, rule="letterhead:pdf"))
    assert build_draft(letter, _md()).ship_to.value.postal_code == "80331"


def _munich_letterhead(rule: str) -> ExtractedOrder:
    """An order from the customer in München (C00003), its letterhead read by ``rule``, no
    delivery place named and no postal code printed but the letterhead's."""
    return ExtractedOrder(
        vat_numbers=Field(("DE123456789",), 0.9),
        buyer=Field(
            Address(postal_code="80331", city="München", lines=("80331 München",)), 0.6, rule=rule
        ),
        postal_codes=("80331",),
        lines=[ExtractedLine(customer_sku="GT-6MM-BK", quantity=Decimal(4), confidence=0.9)],
    )


def test_a_scanned_letterhead_is_sure_when_the_page_sends_the_goods_to_the_billing_address():
    """A fax whose letterhead was read, the supplier's address nowhere on the page, and
    another postal code printed (a delivery block whose label the scan lost?): unsure, unless
    "Lieferung an Rechnungsanschrift" says the goods go to the letterhead's address."""
    order = _munich_letterhead("letterhead:ocr")
    unsure = build_draft(replace(order, postal_codes=("80331", "85748")), _md())
    assert unsure.customer.code == "C00003"
    assert unsure.ship_to.confidence < 0.85  # the scan may have lost another address's label
    billed = build_draft(replace(order, delivers_to_billing=True), _md())
    assert billed.ship_to.value.postal_code == "80331"
    assert billed.ship_to.confidence >= 0.85


def test_a_letterhead_is_sure_when_the_page_sends_the_goods_to_the_invoice_address():
    """ "Deliver to: As invoice address", and a sentence read after another delivery label
    ("goods to be delivered DAP Birmingham") that names no postal code."""
    order = replace(
        _munich_letterhead("letterhead:pdf"),
        ship_to=Field(Address(name="be delivered DAP München"), 0.58, rule="block:goods to"),
    )
    assert build_draft(order, _md()).ship_to.confidence < 0.85
    billed = build_draft(replace(order, delivers_to_billing=True), _md())
    assert billed.ship_to.value.postal_code == "80331"
    assert billed.ship_to.confidence >= 0.85


def test_a_scanned_letterhead_is_sure_when_the_page_prints_no_other_postal_code():
    """A fax naming no delivery place, whose only postal code read is its letterhead's, the
    customer's own: no delivery block's label was lost, its address would be left."""
    order = _munich_letterhead("letterhead:ocr")
    draft = build_draft(order, _md())
    assert (draft.ship_to.value.postal_code, draft.ship_to.confidence) == ("80331", 0.9)
    # a postcode misread (not the customer's) stays for a person
    misread = replace(
        order,
        buyer=Field(Address(postal_code="80381", city="München"), 0.6, rule="letterhead:ocr"),
        postal_codes=("80381",),
    )
    assert build_draft(misread, _md()).ship_to.confidence < 0.85


def test_a_scanned_delivery_label_over_a_day_only_leaves_the_letterhead_sure():
    order = _munich_letterhead("letterhead:ocr")
    when = Field(Address(name="w/c 06/01/2025", lines=("w/c 06/01/2025",)), 0.54)
    dated = replace(order, ship_to=replace(when, rule="block:delivery+ocr"))
    assert build_draft(dated, _md()).ship_to.confidence == 0.9
    # words a scan read there may be a place whose postal code it lost
    place = Field(Address(name="Lager Garching", lines=("Lager Garching",)), 0.54)
    named = replace(order, ship_to=replace(place, rule="block:delivery+ocr"))
    assert build_draft(named, _md()).ship_to.confidence < 0.85


def test_french_and_german_descriptions_meet_an_english_catalogue():
    products = PRODUCTS + (
        'GLV-NIT-S,,"Nitrile disposable gloves powder-free blue, size S, box of 100",BOX,7.90,EUR\n'
        'GLV-NIT-M,,"Nitrile disposable gloves powder-free blue, size M, box of 100",BOX,7.90,EUR\n'
        'HB-M8X30,,"Hex bolt DIN 933 M8x30 8.8 zinc plated",BOX,10.50,EUR\n'
        'HB-M8X40,,"Hex bolt DIN 933 M8x40 8.8 zinc plated",BOX,11.50,EUR\n'
    )
    md = MasterData.from_csv(CUSTOMERS, products, ALIASES)
    for text, sku in [
        ("gants nitrile jetables non poudrés bleus, taille M", "GLV-NIT-M"),
        ("Sechskantschraube DIN 933 M8x30 8.8 verzinkt", "HB-M8X30"),
    ]:
        match = match_product(_line(text), "C00001", md)
        assert match.sku == sku, (text, match)


def test_a_shortened_description_does_not_contradict_the_customers_part_number():
    products = PRODUCTS + (
        'TAP-PP50-BR,,"PP packaging tape 50 mm x 66 m, brown",ROL,1.95,EUR\n'
        'TAP-PAP50-BR,,"Gummed paper tape 50 mm x 50 m, brown",ROL,4.20,EUR\n'
    )
    aliases = ALIASES + "C00001,VD-1402,TAP-PP50-BR\n"
    md = MasterData.from_csv(CUSTOMERS, products, aliases)
    line = replace(_line("tape brown 50mm"), customer_sku="VD-1402", codes=("VD-1402",))
    match = match_product(line, "C00001", md)
    assert match.sku == "TAP-PP50-BR"
    assert "description_contradicts" not in match.rule
    # a description that says another product does contradict the code
    other = replace(line, description="gummed paper tape 50 x 50 brown")
    other = replace(other, description_lines=(other.description,))
    assert "description_contradicts" in match_product(other, "C00001", md).rule


def test_our_own_address_read_as_the_ship_to_is_set_aside():
    order = ExtractedOrder(
        vat_numbers=Field(("DE123456789",), 0.9),
        ship_to=Field(
            Address(name="Supplier GmbH", street="Carl-Benz-Str. 22", postal_code="66131"), 0.97
        ),
        lines=[ExtractedLine(customer_sku="GT-6MM-BK", quantity=Decimal(4), confidence=0.9)],
    )
    draft = build_draft(order, _md(), own_postal_codes=frozenset({"66131"}))
    assert draft.ship_to.value.postal_code == "80331"  # the customer's own
    assert draft.ship_to.confidence < 0.85
    assert build_draft(order, _md()).ship_to.value.postal_code == "66131"


def test_the_page_addressed_to_us_leaves_the_letterhead_a_sure_ship_to():
    """ "Destinataire : <our address>" under the customer's letterhead: the page's addressee,
    not where the goods go. The letterhead is the customer's only address, no other place is
    printed: a sure ship-to. A delivery block that names us is another matter (above)."""
    letterhead = Address(name="Müller Verpackung GmbH", street="Industriestraße 5")
    ours = Address(name="Supplier GmbH", street="Carl-Benz-Str. 22", postal_code="66131")
    order = ExtractedOrder(
        vat_numbers=Field(("DE123456789",), 0.9),
        buyer=Field(
            replace(letterhead, postal_code="80331", city="München"), 0.6, {}, "letterhead:pdf"
        ),
        ship_to=Field(ours, 0.68, {}, "block:destinataire"),
        postal_codes=("80331", "66131"),
        lines=[ExtractedLine(customer_sku="GT-6MM-BK", quantity=Decimal(4), confidence=0.9)],
    )
    draft = build_draft(order, _md(), own_postal_codes=frozenset({"66131"}))
    assert draft.ship_to.value.postal_code == "80331"
    assert draft.ship_to.confidence >= 0.9
    delivery = replace(order, ship_to=replace(order.ship_to, rule="block:lieferadresse"))
    draft = build_draft(delivery, _md(), own_postal_codes=frozenset({"66131"}))
    assert draft.ship_to.confidence < 0.85
    # a sentence's address that is ours: "Livraison souhaitée : 2026-11-16" read on into the
    # window's "66131 Saarbrücken" beside it
    sentence = replace(order, ship_to=replace(order.ship_to, rule="prose_address"))
    draft = build_draft(sentence, _md(), own_postal_codes=frozenset({"66131"}))
    assert (draft.ship_to.value.postal_code, draft.ship_to.confidence) == ("80331", 0.9)


def test_a_buyers_short_words_meet_the_catalogue_without_its_pack_count_or_type():
    products = PRODUCTS + (
        'FST-WS-5X60,,"Wood screws 5 x 60 TX25, zinc plated (box of 200)",BOX,12.90,EUR\n'
        'FST-WS-4X40,,"Wood screws 4 x 40 TX20, zinc plated (box of 500)",BOX,11.50,EUR\n'
        'GLV-NIT-L,,"Nitrile gloves powder-free, blue, size L (box of 100)",BOX,6.90,EUR\n'
        'GLV-NIT-M,,"Nitrile gloves powder-free, blue, size M (box of 100)",BOX,6.90,EUR\n'
        'SAF-VST-YE-XL,,"High visibility vest, yellow, size XL",EA,2.90,EUR\n'
    )
    md = MasterData.from_csv(CUSTOMERS, products, ALIASES)
    for text, sku in [
        ("hi-vis vests, size XL", "SAF-VST-YE-XL"),
        ("vis 5x60", "FST-WS-5X60"),
        ("vis 4x40", "FST-WS-4X40"),
        ("gants nitrile taille L", "GLV-NIT-L"),
    ]:
        match = match_product(_line(text), "C00001", md)
        assert match.sku == sku, (text, match)
        assert len([c for c in match.candidates if c[1] >= 1.0]) == 1, match.candidates


def test_the_tail_of_the_item_above_does_not_decide_the_product():
    """ "SIZE 8", wrapped from the gloves above, heads the tape's description: the tape."""
    products = PRODUCTS + (
        'AS-PU-08,,"Assembly gloves PU coated, size 8",PR,1.15,EUR\n'
        'KL-MT-5050,,"Masking tape 50 mm x 50 m",ROL,3.10,EUR\n'
    )
    md = MasterData.from_csv(CUSTOMERS, products, ALIASES)
    line = _line("SIZE 8 MASKING TAPE 50 MM X 50 M")
    line = replace(line, description_lines=("SIZE 8", "MASKING TAPE 50 MM X 50 M"))
    assert match_product(line, "C00001", md).sku == "KL-MT-5050"


def test_a_part_number_nobody_knows_leaves_the_words_match_for_a_person():
    line = replace(_line("Cable ties 200mm"), customer_sku="311-6464", codes=("311-6464",))
    match = match_product(line, "C00002", _md())
    assert match.sku == "CT-200-NT"
    assert match.confidence <= 0.85  # confirmed once, the part number is learned
    # the words and the customer's price agree on the product: no person needed
    priced = replace(line, unit_price=Decimal("4.10"))
    assert match_product(priced, "C00002", _md()).confidence >= 0.9


def test_words_that_name_our_product_alone_settle_a_part_number_nobody_knows():
    """The buyer's own number beside our description word for word: the words say which
    product, unless the price printed beside them is not ours for it."""
    line = replace(
        _line("Cable tie 200 mm, natural, bag of 100"), customer_sku="311-6464", codes=("311-6464",)
    )
    assert match_product(line, "C00002", _md()).sku == "CT-200-NT"
    assert match_product(line, "C00002", _md()).confidence >= 0.9
    discounted = replace(line, unit_price=Decimal("3.95"))  # our 4.10 less the customer's 4 %
    assert match_product(discounted, "C00002", _md()).confidence >= 0.9
    # a price that is not ours for it settles nothing
    another = replace(line, unit_price=Decimal("3.10"))
    assert match_product(another, "C00002", _md()).confidence <= 0.85


def test_an_electricians_words_and_a_spec_left_out():
    products = PRODUCTS + (
        'CB-10204,,"H07V-K 2,5 mm² blue, ring 100 m",RL,22.50,EUR\n'
        'CB-10205,,"H07V-K 2,5 mm² brown, ring 100 m",RL,22.50,EUR\n'
        'PR-20116,,"MCB 1P B16 6kA, Norelek NB116",EA,4.95,EUR\n'
        'PR-20110,,"MCB 1P B10 6kA, Norelek NB110",EA,4.95,EUR\n'
    )
    md = MasterData.from_csv(CUSTOMERS, products, ALIASES)
    for text, sku in [
        ("H07V-K 2,5 bleu", "CB-10204"),
        ("disjoncteurs 1P B16 Norelek NB116", "PR-20116"),
    ]:
        assert match_product(_line(text), "C00001", md).sku == sku, text


def test_an_electricians_short_names_meet_the_catalogues_long_ones():
    products = PRODUCTS + (
        'MCB-1PN-C16,,"Miniature circuit breaker 1P+N C16A 6kA",EA,13.10,EUR\n'
        'MCB-1PN-C20,,"Miniature circuit breaker 1P+N C20A 6kA",EA,13.50,EUR\n'
        'RCBO-1PN-C16,,"RCBO 1P+N C16A 30mA type A",EA,39.96,EUR\n'
        'RCD-4P-40-30A,,"Residual current device 4P 40A 30mA type A",EA,96.00,EUR\n'
        'RCD-4P-40-30AC,,"Residual current device 4P 40A 30mA type AC",EA,81.00,EUR\n'
    )
    md = MasterData.from_csv(CUSTOMERS, products, ALIASES)
    for text, sku in [
        ("Disj. Ph+N C16", "MCB-1PN-C16"),
        ("LS-Schalter C20 1P+N", "MCB-1PN-C20"),
        ("FI 4-polig 40A/30mA Typ A", "RCD-4P-40-30A"),
        ("interrupteur différentiel 4P 40A 30mA type AC", "RCD-4P-40-30AC"),
    ]:
        assert match_product(_line(text), "C00001", md).sku == sku, text


def test_a_manufacturers_number_our_description_quotes_and_trade_shorthands():
    products = PRODUCTS + (
        'WG-221-413,,"Lever connector 221-413 3-way (box 100)",BOX,29.80,EUR\n'
        'WG-221-415,,"Lever connector 221-415 5-way (box 100)",BOX,36.20,EUR\n'
        'RCBO-C16,,"RCBO 1P+N C16A 30mA type A",EA,39.96,EUR\n'
        'LED-EM3H,,"Emergency bulkhead LED 3h non-maintained IP65",EA,39.99,EUR\n'
        'LED-EM1H,,"Emergency bulkhead LED 1h non-maintained IP65",EA,31.99,EUR\n'
    )
    md = MasterData.from_csv(CUSTOMERS, products, ALIASES)
    for text, sku in [
        ("Wago 221-415", "WG-221-415"),
        ("FI/LS C16 30mA", "RCBO-C16"),
        ("3-hour emergency bulkheads", "LED-EM3H"),
    ]:
        assert match_product(_line(text), "C00001", md).sku == sku, text


def test_words_nobody_matched_priced_as_one_of_ours_propose_it_for_a_person():
    products = PRODUCTS + (
        'KC-CMP-040-050,,"Compact cylinder ISO 21287, double-acting, bore 40 mm, stroke 50 mm",EA,74.00,EUR\n'
        'KC-CMP-032-050,,"Compact cylinder ISO 21287, double-acting, bore 32 mm, stroke 50 mm",EA,66.00,EUR\n'
        'KV-52B-G14,,"Solenoid valve 5/2 bistable, G1/4, 230 V AC",EA,74.00,EUR\n'
    )
    md = MasterData.from_csv(CUSTOMERS, products, ALIASES)
    line = replace(_line("Vérin compact ISO 21287 Ø40 course 50"), unit_price=Decimal("74.00"))
    match = match_product(line, "C00001", md)
    assert (match.sku, match.rule) == ("KC-CMP-040-050", "price_and_a_word")
    assert match.confidence < 0.9
    # another price: nothing to go by
    other = match_product(replace(line, unit_price=Decimal("70.00")), "C00001", md)
    assert other.sku is None


def test_our_mixed_case_sku_written_in_the_description_is_found():
    products = PRODUCTS + 'CHL-AcOH-GL,,"Acetic acid glacial 100% bulk (25 L can)",L,9.47,EUR\n'
    md = MasterData.from_csv(CUSTOMERS, products, ALIASES)
    line = _line("Essigsäure 100% p.a. lose (25-L-Kanister) Ihre Materialnummer: CHL-AcOH-GL")
    match = match_product(line, "C00003", md)
    assert (match.sku, match.rule.split("+")[0]) == ("CHL-AcOH-GL", "sku_in_text:CHL-AcOH-GL")


def test_a_size_on_the_items_second_row_decides_among_gloves():
    products = PRODUCTS + (
        'GL-NI-S,,"Nitrile examination gloves, powder-free, size S, box of 200",BOX,15.80,EUR\n'
        'GL-NI-XL,,"Nitrile examination gloves, powder-free, size XL, box of 200",BOX,15.80,EUR\n'
    )
    md = MasterData.from_csv(CUSTOMERS, products, ALIASES)
    rows = ("Gants d'examen nitrile non poudrés carton(s)", "taille XL")
    line = ExtractedLine(
        description=" ".join(rows),
        description_lines=rows,
        quantity=Decimal(10),
        unit_price=Decimal("15.80"),
    )
    assert match_product(line, "C00001", md).sku == "GL-NI-XL"


def test_a_ligature_is_its_two_letters():
    from ingestion.matching.text import norm_description

    assert norm_description("Œuf entier liquide").split()[0] == norm_description("oeufs").split()[0]


HARDWARE = """sku,gtin,description,unit,unit_price,currency
HB88-M12060-Z,,"Hex head screw ISO 4017 M12x60 grade 8.8 zinc plated, box of 100",BX,29.90,EUR
HB88-M12050-Z,,"Hex head screw ISO 4017 M12x50 grade 8.8 zinc plated, box of 100",BX,27.10,EUR
HB88-M08040-Z,,"Hex head screw ISO 4017 M8x40 grade 8.8 zinc plated, box of 100",BX,11.60,EUR
HB88-M08050-Z,,"Hex head screw ISO 4017 M8x50 grade 8.8 zinc plated, box of 100",BX,12.90,EUR
SHC129-M08025,,"Socket head cap screw ISO 4762 M8x25 12.9 black, box of 100",BX,13.80,EUR
SHC129-M08040,,"Socket head cap screw ISO 4762 M8x40 12.9 black, box of 100",BX,18.20,EUR
GL-NIT-09,,"Nitrile coated work gloves size 9, EN 388",PR,2.40,EUR
GL-NIT-10,,"Nitrile coated work gloves size 10, EN 388",PR,2.40,EUR
CW-13,,Combination spanner 13 mm chrome vanadium,EA,5.90,EUR
CW-17,,Combination spanner 17 mm chrome vanadium,EA,7.40,EUR
DR-HSS-08,,"HSS-G drill bit 8.0 mm DIN 338, pack of 10",PK,13.40,EUR
DR-HSS-10,,"HSS-G drill bit 10 mm DIN 338, pack of 10",PK,19.80,EUR
CT-STRAP,,Strapping tensioner for PP strap 12-16 mm,EA,89.00,EUR
"""


def test_a_fastener_buyers_words_and_din_numbers_meet_an_english_catalogue():
    md = MasterData.from_csv(CUSTOMERS, HARDWARE, ALIASES)
    for words, sku in [
        ("6kt-Schr. DIN 933 M12x60 8.8 vz", "HB88-M12060-Z"),  # DIN 933 is ISO 4017
        ("Zyl.-Schr. DIN 912 M8x25 12.9", "SHC129-M08025"),
        ("Montagehandschuhe Nitril beschichtet Größe 10", "GL-NIT-10"),
        ("Ringmaulschl. SW17", "CW-17"),  # a spanner is no strapping tensioner
        ("Bohrer HSS 8,0", "DR-HSS-08"),
        ("Vis CHC ISO 4762 M8x40 classe 12.9", "SHC129-M08040"),
        ("Comb spanner 13mm", "CW-13"),
    ]:
        match = match_product(_line(words), "C00003", md)
        assert match.sku == sku, words
    assert match_product(_line("Bandspanner für PP-Band"), "C00003", md).sku == "CT-STRAP"


def test_words_far_closer_to_one_product_than_to_any_other_propose_it():
    md = MasterData.from_csv(CUSTOMERS, HARDWARE, ALIASES)
    # a loose German name of our hex head screw M8x40, and no other product near it
    line = _line("Sechskantschraube M8x40 verzinkt Festigkeitsklasse 8.8 lose")
    match = match_product(line, "C00001", md)
    assert match.sku == "HB88-M08040-Z"
    assert match.rule.startswith("description:7")
    assert match.confidence < 0.9  # the words alone: a person confirms


LAB_LITRES = """sku,gtin,description,unit,unit_price,currency
MS43400,,"Demineralised water, per litre (10 l can)",L,0.85,EUR
MS43070,,"Ethanol 70% denatured, per litre (5 l canister)",L,3.20,EUR
MS41060,,"Cotton wool, hydrophilic, sold per kg (rolls of 500 g)",KG,9.80,EUR
MS41070,,"Tubular net bandage size 3, sold per metre",M,0.32,EUR
B10085,,"Ruban adhésif invisible Scotch Magic 19 mm x 33 m, tour de 8 rouleaux",PK,18.40,EUR
"""


def test_containers_of_a_product_sold_by_the_litre_or_kilo_count_what_they_hold():
    md = MasterData.from_csv(CUSTOMERS, LAB_LITRES + HARDWARE.split("\n", 1)[1], ALIASES)

    def converted(description, quantity, unit, sku):
        line = ExtractedLine(
            description=description, quantity=Decimal(quantity), unit=unit, customer_sku=sku
        )
        return match_product(line, "C00001", md).quantity_in_product_unit

    # our description says what the can holds, after the amount: "(10 l can)"
    assert converted("Demineralised water", "5", "can", "MS43400") == Decimal("50")
    # the container named in the words only, its "l" read as a 1 on a fax
    assert converted("Ethanol 70% denatured, per litre 5 1 canister)", "5", None, "MS43070") == 25
    # rolls of 500 g of a product sold by the kilo
    assert converted("Cotton wool (rolls of 500 g)", "4", "rolls", "MS41060") == Decimal("2")
    # "12 sachets de 2,5 kg": bags of what we sell by the kilo
    assert converted("sachets de 2,5 kg coton hydrophile", "12", "sachets", "MS41060") == 30
    # nothing says how long a roll of net bandage is: the line stays as written
    assert converted("Tubular net bandage size 3", "2", "rolls", "MS41070") == Decimal("2")
    # pieces of screws we sell by the box of 100: boxes, when the pieces make whole boxes
    assert converted("Hex head screw M8x40 8.8", "1000", "Stk", "HB88-M08040-Z") == 10
    assert converted("Hex head screw M8x40 8.8", "150", "Stk", "HB88-M08040-Z") == 150
    # rolls counted, then the packs they make, in brackets: the packs are ordered
    assert (
        converted("Scotch Magic 19 mm 16 Rollen (2 Packungen à 8)", "16", "Rollen", "B10085") == 2
    )


@pytest.mark.parametrize(("price", "discount"), [("69.00", None), ("62.10", "10")])
def test_a_carton_of_ten_of_our_boxes_priced_as_ten_before_the_line_discount(price, discount):
    """ "2 | Karton à 10 | 69,00 | Rab. 10 % | 124,20" of gloves we sell by the box of 100 at
    6,90: twenty boxes, the carton's price before the discount is ten of ours."""
    products = (
        "sku,gtin,description,unit,unit_price,currency\n"
        "GA-1002,,Gants d'examen nitrile non poudrés bleus T. M (boîte 100),BOX,6.90,EUR\n"
    )
    md = MasterData.from_csv(CUSTOMERS, products, ALIASES)
    discounted = {"discount": Decimal(discount)} if discount else {}
    assert _in_our_unit(md, "GA-1002", "2", "Karton à 10", price, **discounted) == 20


@pytest.mark.parametrize("written", ["speculoos paste (5kg)", "pâte speculoos (5 kg)"])
def test_containers_of_what_we_sell_by_the_kilo_hold_what_their_brackets_say(written):
    """ "3 buckets speculoos paste (5kg)", unpriced, of a paste we sell by the kilo: 15 kg."""
    products = (
        "sku,gtin,description,unit,unit_price,currency\nPAS-2005,,Speculoos paste,KG,14.20,EUR\n"
    )
    md = MasterData.from_csv(CUSTOMERS, products, ALIASES)
    assert _in_our_unit(md, "PAS-2005", "3", "buckets", None, description=written) == 15
    # a bracket that counts the containers again is no content
    assert _in_our_unit(md, "PAS-2005", "3", "buckets", None, description="paste (3)") == 3


def test_a_container_glued_to_its_count_in_the_unit_cell_holds_that_many():
    """ "2 | BOX24 | 246,24" of gaffer tape we sell by the roll at 11.40: 48 rolls at 10.26."""
    products = (
        "sku,gtin,description,unit,unit_price,currency\n"
        'TPE-GAF50-BK,,"Gaffer tape 50mm x 50m, matt black",ROLL,11.40,GBP\n'
    )
    md = MasterData.from_csv(CUSTOMERS, products, ALIASES)
    assert _in_our_unit(md, "TPE-GAF50-BK", "2", "BOX24", "246.24") == 48
    assert _in_our_unit(md, "TPE-GAF50-BK", "2", "CTN 24", "246.24") == 48


def test_cartons_of_our_boxes_priced_by_the_box_count_boxes_when_the_amount_says_so():
    """ "3 | cartons de 10 boîtes | Prix/boîte 6,90 | 207,00": thirty of our boxes."""
    products = (
        "sku,gtin,description,unit,unit_price,currency\n"
        "GA-1002,,Gants d'examen nitrile non poudrés bleus T. M (boîte 100),BOX,6.90,EUR\n"
    )
    md = MasterData.from_csv(CUSTOMERS, products, ALIASES)

    def converted(total):
        unit = "cartons de 10 boîtes"
        return _in_our_unit(md, "GA-1002", "3", unit, "6.90", line_total=Decimal(total))

    assert converted("207.00") == 30
    assert converted("20.70") == 3  # the amount counts three at that price


def test_rolls_times_their_length_priced_by_the_metre_are_metres():
    """ "3 rolls x 50 m" at 6.55 a metre, 982.50, of a vinyl we sell by the metre: 150."""
    products = (
        "sku,gtin,description,unit,unit_price,currency\n"
        "VI-MONO-137,,Vinyle impression monomère blanc brillant 137 cm,M,6.90,CHF\n"
    )
    md = MasterData.from_csv(CUSTOMERS, products, ALIASES)
    printed = "VI-MONO-137 Print vinyl monomeric white gloss 137 3 rolls x 50 m 6.55 / m 982.50"
    converted = _in_our_unit(
        md, "VI-MONO-137", "3", "ROL", "6.55", raw_text=printed, line_total=Decimal("982.50")
    )
    assert converted == 150


def test_a_size_in_inches_after_a_container_word_is_no_pack():
    """Our "Cymbal bag 22\"": a bag for a 22-inch cymbal, not a bag of 22."""
    products = (
        'sku,gtin,description,unit,unit_price,currency\nCS-7040,,"Cymbal bag 22""",EA,21.00,GBP\n'
    )
    md = MasterData.from_csv(CUSTOMERS, products, ALIASES)
    bags = _in_our_unit(
        md, "CS-7040", "3", None, "20.00", description='Cymbal bag 22"', line_total=Decimal("60")
    )
    assert bags == 3


def test_pieces_of_a_pack_whose_description_says_what_it_holds_count_packs():
    """ "1.000 Stk" of our "Kabelbinder …, Pkg. 100 Stk" (sold by the pack) is 10 packs; our
    "Nageldübel 6x40 mm, Box 100 Stk": 500 pieces are 5 boxes."""
    products = (
        "sku,gtin,description,unit,unit_price,currency\n"
        '610101,,"Kabelbinder 2,5x100 mm natur, Pkg. 100 Stk",PK,1.90,EUR\n'
        '610131,,"Nageldübel 6x40 mm, Box 100 Stk",BOX,6.80,EUR\n'
    )
    md = MasterData.from_csv(CUSTOMERS, products, ALIASES)

    def converted(sku, quantity):
        line = ExtractedLine(sku=sku, description="", quantity=Decimal(quantity), unit="Stk")
        return match_product(line, "C00001", md).quantity_in_product_unit

    assert converted("610101", "1000") == 10
    assert converted("610131", "500") == 5
    assert converted("610131", "250") == 250  # no whole boxes: as written, for a person


def test_pieces_of_what_our_catalogue_sells_by_the_carton_of_a_thousand_count_cartons():
    """Cups we sell by the "carton of 1000" at 58,00 (the unit says it, not the description):
    "5.000 Stk" at 56,00 per 1.000 is 5 cartons, "300 Stk" of tea in "pack of 100" is 3."""
    products = (
        "sku,gtin,description,unit,unit_price,currency\n"
        "BE-4002,,Coffee-to-go-Becher 300 ml weiß,carton of 1000,58.00,EUR\n"
        "TE-3001,,Earl Grey Teebeutel,pack of 100,6.90,EUR\n"
    )
    md = MasterData.from_csv(CUSTOMERS, products, ALIASES)

    def converted(sku, quantity, price=None, per=None):
        line = ExtractedLine(
            sku=sku,
            description="",
            quantity=Decimal(quantity),
            unit="Stk",
            unit_price=price,
            price_unit=per,
        )
        return match_product(line, "C00001", md).quantity_in_product_unit

    assert converted("BE-4002", "5000", Decimal("56.00"), Decimal("1000")) == 5
    assert converted("BE-4002", "5000") == 5
    assert converted("TE-3001", "300") == 3
    assert converted("TE-3001", "250") == 250  # no whole packs: as written, for a person


def test_pieces_priced_by_our_pack_count_packs_when_the_amount_says_so():
    """ "500 pièces" at "14,90 / botte" of our "… brune - botte de 25" at 14,90, 298,00: 20."""
    products = (
        "sku,gtin,description,unit,unit_price,currency\n"
        "ME-10130,,Caisse carton simple cannelure 305x215x150 mm brune - botte de 25,PK,14.90,EUR\n"
    )
    md = MasterData.from_csv(CUSTOMERS, products, ALIASES)

    def converted(total):
        line = ExtractedLine(
            sku="ME-10130",
            description="Caisse SC 305x215x150 brune (botte de 25)",
            quantity=Decimal("500"),
            unit="pièces",
            unit_price=Decimal("14.90"),
            line_total=total,
        )
        return match_product(line, "C00001", md).quantity_in_product_unit

    assert converted(Decimal("298.00")) == 20
    assert converted(Decimal("7450.00")) == 500  # the amount counts the pieces at that price


def test_our_prices_in_another_currency_say_nothing_of_the_line_s():
    """4 "sachet de 50" at 78,00 EUR of a module we list at 1.45 CHF: 78 / 1.45 is no pack size
    (54), the sachet's 50 is; and the CHF price is no evidence for or against the EUR one."""
    products = (
        "sku,gtin,description,unit,unit_price,currency\n"
        "LED-M3-W40,,Module LED 3 LED SMD2835 blanc neutre 4000K 12V IP67,EA,1.45,CHF\n"
    )
    md = MasterData.from_csv(CUSTOMERS, products, ALIASES)
    line = ExtractedLine(
        sku="LED-M3-W40",
        description="Modules LED blanc 4000K sachet de 50",
        quantity=Decimal("4"),
        unit="sachet de 50",
        unit_price=Decimal("78.00"),
        line_total=Decimal("312.00"),
    )
    in_chf = match_product(line, "C00001", md, currency="CHF")
    in_eur = match_product(line, "C00001", md, currency="EUR")
    assert in_chf.expected_price == Decimal("1.45")
    assert (in_eur.expected_price, in_eur.quantity_in_product_unit) == (None, Decimal("200"))


PACKED = """sku,gtin,description,unit,unit_price,currency
KL-10640,,"Virkon S disinfectant powder, 5 kg tub",EA,74.00,GBP
KB-PVC-50,,"PVC-Klebeband weiß, 50 mm x 66 m",ROL,2.05,EUR
KL-10217,,"PCR plate 96-well, skirted, clear, box of 25",BOX,64.00,GBP
KL-10211,,"Microcentrifuge tubes 1.5 ml, bag of 500",PK,24.60,GBP
"""


def test_a_unit_cell_box_of_36_and_kilos_of_a_tub_count_in_our_unit():
    md = MasterData.from_csv(CUSTOMERS, PACKED, ALIASES)

    def converted(description, quantity, unit, sku):
        line = ExtractedLine(
            description=description, quantity=Decimal(quantity), unit=unit, customer_sku=sku
        )
        return match_product(line, "C00001", md).quantity_in_product_unit

    # the unit cell says what a box holds, of what we sell by the roll
    assert converted("PVC tape white 50mm x 66m", "2", "Box of 36", "KB-PVC-50") == 72
    # kilos of a powder we sell by the 5 kg tub: whole tubs only
    assert converted("Virkon S Desinfektionspulver", "10", "KG", "KL-10640") == 2
    assert converted("Virkon S Desinfektionspulver", "7", "KG", "KL-10640") == 7

    # nothing says what a carton holds, its price is 36 rolls at our price to the cent
    def priced(quantity, unit, price):
        line = ExtractedLine(
            description="PP-Klebeband transparent 48 mm x 66 m",
            quantity=Decimal(quantity),
            unit=unit,
            unit_price=Decimal(price),
            customer_sku="KB-PVC-50",
        )
        return match_product(line, "C00001", md).quantity_in_product_unit

    assert priced("12", "KRT", "73.80") == 432
    # the price is our piece's, and only the pieces give the line's printed amount
    bundles = ExtractedLine(
        description="Faltkarton",
        raw_text="NG-TP-2 Klebeband 8 Bündel à 25 Rollen 2,05 €/Rolle 410,00 €",
        quantity=Decimal("8"),
        unit="PK",
        unit_price=Decimal("2.05"),
        line_total=Decimal("410.00"),
        customer_sku="KB-PVC-50",
    )
    assert match_product(bundles, "C00001", md).quantity_in_product_unit == 200
    # a bare count of pieces to a box, before the price's currency
    boxes = replace(
        bundles,
        raw_text="KB-PVC-50 Klebeband 2 boxes of 36 CHF 2.05 CHF 147.60",
        quantity=Decimal("2"),
        unit="BOX",
        line_total=Decimal("147.60"),
    )
    assert match_product(boxes, "C00001", md).quantity_in_product_unit == 72
    # dozens of what we sell by the piece
    assert converted("Virkon S Desinfektionspulver", "3", "douzaines", "KL-10640") == 36
    assert priced("12", "KRT", "73.00") == 12  # no whole number of rolls: as written
    # "box of 25", "bag of 500" in the buyer's words describe the product, as ours do
    assert converted("PCR plate 96-well, box of 25", "4", None, "KL-10217") == 4
    assert converted("Microcentrifuge tubes 1.5 ml, bag of 500", "6", None, "KL-10211") == 6


def test_words_that_name_a_product_well_at_the_customers_price_settle_an_unknown_part_number():
    md = MasterData.from_csv(CUSTOMERS, HARDWARE, ALIASES)
    line = replace(
        _line("Sechskantschraube ISO 4017 M8x40 Festigkeitsklasse 8.8 verzinkt"),
        customer_sku="X-4471",
        codes=("X-4471",),
    )
    assert match_product(line, "C00001", md).confidence < 0.9  # the words alone
    priced = match_product(replace(line, unit_price=Decimal("11.60")), "C00001", md)
    assert (priced.sku, priced.confidence >= 0.9) == ("HB88-M08040-Z", True)
    # loose words ("Hex bolt … zinc") at the same price still want a person
    loose = replace(line, description="Hex bolt M8x40 8.8 zinc", unit_price=Decimal("11.60"))
    assert match_product(loose, "C00001", md).confidence < 0.9


def test_a_part_number_one_character_off_gives_way_to_words_that_fit_another_product():
    gloves = (
        'H40031,,"Gants nitrile non poudrés bleus taille M, boîte de 100",BX,6.90,EUR\n'
        'H40032,,"Gants nitrile non poudrés bleus taille L, boîte de 100",BX,6.90,EUR\n'
    )
    md = MasterData.from_csv(CUSTOMERS, PRODUCTS + gloves, ALIASES + "C00001,ECO-2210,H40031\n")
    line = replace(_line("Gants nitrile T. L"), customer_sku="ECO-2211", codes=("ECO-2211",))
    assert match_product(line, "C00001", md).sku == "H40032"
    # where the words say nothing against it, the near part number still points the way
    vague = replace(line, description="Gants nitrile", description_lines=("Gants nitrile",))
    assert match_product(vague, "C00001", md).sku == "H40031"


def test_a_sentences_count_before_a_part_number_we_know_is_as_sure_as_a_tables():
    products = (
        PRODUCTS + 'H40010,,"Essuie-mains pliés Tork H3, carton de 15 x 250 f.",CT,39.90,EUR\n'
    )
    md = MasterData.from_csv(CUSTOMERS, products, ALIASES + "C00001,ECO-4451,H40010\n")
    order = extract_from_text(
        "Bonjour,\n\n- ECO-4451  Essuie-mains Tork H3 ............ 6 cartons\n"
        "- Gaine thermo noire  ZX-99 ........ 4 cartons\n\nCordialement"
    )
    assert [ln.field_confidence["quantity"] for ln in order.lines] == [0.8, 0.8]
    draft = build_draft(order, md, sender_email="achats@brasserie-nord.fr")
    quantities = [ln.field_confidence["quantity"] for ln in draft.extracted.lines]
    # cartons of a product sold by the carton ("CT" is a carton) under our alias: sure
    assert quantities[0] >= 0.85
    # a part number nobody knows: the count waits with it
    assert quantities[1] < 0.85


def test_a_discounted_line_whose_price_before_discount_is_our_list_price():
    md = MasterData.from_csv(CUSTOMERS, HARDWARE, ALIASES)
    line = replace(
        _line("Vis CHC ISO 4762 M8x25 classe 12.9 brute"),
        customer_sku="AMR-982973",
        codes=("AMR-982973",),
        unit_price=Decimal("8.28"),  # 13.80 less 40 %
        discount=Decimal("40"),
    )
    match = match_product(line, "C00001", md)
    assert (match.sku, "price" in match.rule.split("+")) == ("SHC129-M08025", True)


def test_another_number_of_the_customers_series_is_no_typo_of_its_alias():
    products = PRODUCTS + (
        'CSK-M6,,"Countersunk socket screw ISO 10642 M6x20 10.9 zinc",BX,10.90,EUR\n'
        'LN-M10,,"Nylon insert lock nut DIN 985 M10 zinc plated",BX,4.20,EUR\n'
    )
    md = MasterData.from_csv(CUSTOMERS, products, ALIASES + "C00001,MIP-VIS-2308,LN-M10\n")
    line = replace(
        _line("Vis FHC ISO 10642 M6x20 classe zinguée"),
        customer_sku="MIP-VIS-2330",
        codes=("MIP-VIS-2330",),
        unit_price=Decimal("10.90"),
    )
    assert match_product(line, "C00001", md).sku == "CSK-M6"
    # words that name nothing of ours: the near number alone proposes nothing
    bare = replace(line, description="Pièce spéciale", description_lines=("Pièce spéciale",))
    assert match_product(replace(bare, unit_price=None), "C00001", md).sku is None
    # a letter off is a typo of the alias
    typo = replace(
        line,
        description="",
        description_lines=(),
        customer_sku="MIP-VIZ-2308",
        codes=("MIP-VIZ-2308",),
        unit_price=None,
    )
    assert match_product(typo, "C00001", md).sku == "LN-M10"


def test_words_that_fit_fairly_at_the_customers_exact_price_propose_the_product():
    products = PRODUCTS + (
        'FLEX-30,,"Stainless braided flexible hose 1/2"" F/F 300 mm",EA,4.90,EUR\n'
        'FLEX-50,,"Stainless braided flexible hose 1/2"" F/F 500 mm",EA,5.70,EUR\n'
        'FLEX-50-38,,"Stainless braided flexible hose 3/8"" F/F 500 mm",EA,6.10,EUR\n'
    )
    md = MasterData.from_csv(CUSTOMERS, products, ALIASES)
    line = replace(_line("Edelstahl-Flexschlauch IG/IG 500 mm"), unit_price=Decimal("5.70"))
    match = match_product(line, "C00001", md)
    assert match.sku == "FLEX-50"
    assert 0.5 < match.confidence < 0.9  # proposed, for a person to confirm


BY_THE_PRICE = """sku,gtin,description,unit,unit_price,currency
140700,,"Süßrahmbutter 82 %, Block 10 kg",KG,7.45,EUR
140300,,"Frittieröl HOLL-Raps, Bag-in-Box 20 L",L,2.40,EUR
BN-10101,,Nettoyant multi-surfaces neutre Brillanet Multi - carton 12 x 1 L,CS,27.60,EUR
160400,,"Tortenunterlage gold Ø 28 cm, Pack à 100 St.",CS,14.20,EUR
BN-40101,,Gants nitrile non poudrés bleu taille S - boîte 100,BX,6.90,EUR
ESD-BAG,,"Antistatic shielding bag 150x200mm, bag of 100",BAG,7.80,EUR
VC-3003,,Crémant de Bourgogne brut 75cl,EA,10.80,EUR
HB-10105,,"Kopierpapier A4 weiss, Karton à 5 Ries / Papier copie A4, carton de 5 rames",BX,27.50,CHF
HB-30051,,"Whiteboard-Marker Edding 360, Set 4 Farben",SET,9.90,CHF
LS-10021,,"Acetonitrile HPLC gradient grade, bottle 2.5 L",L,42.80,EUR
AL30700,,"Armierungsgewebe 160 g/m², 1 m breit, je lfm",M,1.15,EUR
TW-WA-30,,Wasserglas 30 cl (Karton à 6 Stk),BOX,15.60,CHF
GRS-EP2-400,,EP2 grease cartridge 400 g,EA,3.60,EUR
SH-K4001,,"Hochlehner-Auflage 120 x 50 x 6 cm, grau meliert",EA,29.90,EUR
SH-M6003,,"Quarzsand-Füllung für Schirmsockel, lose (Preis je kg)",KG,0.68,EUR
APP-AO05,,"Anneaux ouverts 5 mm argent 925, sachet de 100",PAK,9.80,EUR
STD-10604,,Krill Liquid Attractor,L,19.80,EUR
STD-10205,,Leadcore Leader 45lb Weed Green (per metre),M,0.85,EUR
GB-5004,,"Tea advent calendar, 24 pyramid tea bags",EA,16.50,EUR
"""


@pytest.mark.parametrize(
    ("sku", "description", "quantity", "unit", "price", "expected"),
    [
        # the price is ten of our kilos, and the words say a block holds 10 kg
        ("140700", "Beurre doux 82% MG, bloc de 10 kg", "2", "bloc", "74.50", 20),
        # a bag-in-box at twenty of our litres, an abbreviation we do not know
        ("140300", "Frittieröl Raps BiB 20 L", "10", "BIB", "48.00", 200),
        # twelve flasks make our carton of 12, at a twelfth of its price
        ("BN-10101", "Nettoyant multi-usages neutre", "24", "flacon", "2.30", 2),
        # pieces at the hundredth of our pack of 100
        ("160400", "Tortenunterlagen gold Ø 28 cm", "300", "St", "0.142", 3),
        # a box of 100 gloves is our box: "Boîte de 100" converts nothing
        ("BN-40101", "Gants nitrile taille S", "10", "Boîte de 100", "6.90", 10),
        # a price that is no whole number of ours: as written
        ("140700", "Beurre doux 82% MG, bloc de 10 kg", "2", "bloc", "70.00", 2),
        # twelve flasks that make no whole carton: as written
        ("BN-10101", "Nettoyant multi-usages neutre", "30", "flacon", "2.30", 30),
        # pieces at twice our box's price: a price that differs, not a pack (pieces are no
        # container)
        ("BN-40101", "Gants nitrile taille S", "10", "pce", "13.80", 10),
        # cartons of six bottles of a wine we sell by the bottle
        ("VC-3003", "Crémant de Bourgogne (cartons de 6 bouteilles)", "2", "cartons", "", 12),
        ("VC-3003", "2 cartons de 6 Crémant de Bourgogne", "2", "cartons", "", 12),
        # our own carton "de 5 rames" counted in a word we do not know, near our price: ours
        ("HB-10105", "Kopierpapier A4 weiss, Karton à 5 Ries", "8", "Sch", "26.40", 8),
        # a "lot de 4" of our "Set 4 Farben": our set
        ("HB-30051", "Marqueurs effaçables tableau blanc, lot de 4 couleurs", "15", "lots", "", 15),
        # a size in a unit we do not know is no container: as written
        ("VC-3003", "Crémant de Bourgogne brut 75 cl", "120", "bouteilles", "", 120),
        # "300 bags" of the bags we sell by the bag of 100, at the hundredth of our price
        ("ESD-BAG", "Antistatic bags 150 x 200 mm", "300", "bags", "0.078", 3),
        # a carton "of 10 boxes" of the gloves we sell by the box, at ten of our boxes' price
        ("BN-40101", "Gants nitrile taille S (bte 100)", "6", "CART (10 BTE)", "69.00", 60),
        # …and the same carton at our box's price: a box, whatever the cell calls it
        ("BN-40101", "Gants nitrile taille S (bte 100)", "6", "CART (10 BTE)", "6.90", 6),
        # bottles of the 2,5 litres the line names, priced at two and a half of our litres
        ("LS-10021", "Acetonitril HPLC gradient grade, Fl. 2,5 l", "8", "", "107.00", 20),
        # the same bottles at a price that is no such multiple: as written
        ("LS-10021", "Acetonitril HPLC gradient grade, Fl. 2,5 l", "8", "", "100.00", 8),
        # the whole in our unit, written beside a count of rolls priced as our metre
        ("AL30700", "Armierungsgewebe 160 g – 2 Rollen (= 100 lfm)", "2", "Rollen", "1.15", 100),
        # a carton "= 10 boxes" defines the carton, it is no whole: the price converts
        ("BN-40101", "Nitrile gloves S (CAR = 10 BOXES A 100)", "10", "CAR", "69.00", 100),
        # glasses "delivered by cartons of 6" of our carton of 6, priced in another currency
        # (EUR of our CHF): the line and our description both say six
        ("TW-WA-30", "Verres à eau 30 cl (livrés par cartons de 6)", "48", "verres", "2.80", 8),
        # …the line saying nothing of six: as written
        ("TW-WA-30", "Verres à eau 30 cl", "48", "verres", "2.80", 48),
        # a "CTN of 24" of our piece at about 24 of our price (in GBP of our EUR)
        ("GRS-EP2-400", "EP2 Grease cartridges 400g - CTN of 24", "3", "", "74.40", 72),
        # …at about our price: pieces whose carton the words describe
        ("GRS-EP2-400", "EP2 Grease cartridges 400g - CTN of 24", "72", "", "3.10", 72),
        # a carton of six of our cushion "120 x 50 x 6 cm" at six of the buyer's own price:
        # a size in our description is no pack of ours
        ("SH-K4001", "High-back cushion 120x50 grey, Carton of 6", "4", "CTN6", "156.06", 24),
        # a German "Verpackungseinheit" of six
        ("SH-K4001", "Auflage Hochlehner grau meliert", "3", "VE à 6", "157.86", 18),
        # sacks "à 25" of a sand we sell by the kilo, the words saying 25 kg
        ("SH-M6003", "Quarzsand für Schirmsockel, 25-kg-Sack", "20", "Sack à 25", "15.25", 500),
        # pieces of a pack we sell, a "sachet de 100" by its word, at the buyer's own price
        ("APP-AO05", "Open jump rings 5mm sterling silver", "2000", "pcs", "0.092", 20),
        # bottles of millilitres of a liquid we sell by the litre
        ("STD-10604", "Krill Liquid Attractor 500ml", "6", "500ml btl", "11.60", 3),
        ("STD-10604", "Attractant liquide krill - flacon 500 ml", "6", "flacon 500", "11.60", 3),
        ("STD-10604", "Krill-Flüssiglockstoff 250 ml", "24", "FL", "5.34", 6),
        # spools of ten metres of what we sell by the metre
        ("STD-10205", "Leadcore 45 lb vert - bobine 10 m", "4", "bobine 10 m", "10.00", 40),
        # cartons "with 10 boxes each", or "10 boxes per carton", of what we sell by the box
        ("BN-40101", "Gants nitrile taille S, 10 boîtes par carton", "2", "cartons", "", 20),
        # cartons of 24 of a piece whose description counts 24 of something else
        ("GB-5004", "Calendriers thé, cartons de 24 calendriers", "2", "cartons", "", 48),
    ],
)
def test_a_price_that_is_a_whole_number_of_ours_says_the_count_in_our_unit(
    sku, description, quantity, unit, price, expected
):
    md = MasterData.from_csv(CUSTOMERS, BY_THE_PRICE, ALIASES)
    line = ExtractedLine(
        description=description,
        quantity=Decimal(quantity),
        unit=unit or None,
        unit_price=Decimal(price) if price else None,
        sku=sku,
    )
    assert match_product(line, "C00001", md).quantity_in_product_unit == expected


def test_grams_priced_by_the_thousand_of_a_bead_we_sell_by_the_kilo():
    """ "1000 g" at "28,00" for "PE 1000" (28,00): one kilo at our 28,00 the kilo."""
    products = "sku,gtin,description,unit,unit_price,currency\nROC11,,Perles de rocaille 11/0 noir au kilo,KG,28.00,EUR\n"
    md = MasterData.from_csv(CUSTOMERS, products, ALIASES)
    line = ExtractedLine(
        sku="ROC11",
        description="Rocailles 11/0 schwarz opak, per kg",
        quantity=Decimal("1000"),
        unit="g",
        unit_price=Decimal("28.00"),
        price_unit=Decimal("1000"),
        line_total=Decimal("28.00"),
    )
    assert match_product(line, "C00001", md).quantity_in_product_unit == 1


def test_sacks_priced_by_the_kilo_of_our_flour_sold_by_the_kilo_in_sacks():
    """ "8 Sack" at 1,18 /kg, 236,00, of our "Farine de seigle T130 - sac 25 kg" sold by the
    kilo: our description says what a sack holds, the amount says the price is the kilo's."""
    products = (
        "sku,gtin,description,unit,unit_price,currency\n"
        "DUF-FAR-SEI130-25,,Farine de seigle T130 - sac 25 kg,KG,1.18,EUR\n"
    )
    md = MasterData.from_csv(CUSTOMERS, products, ALIASES)

    def converted(total):
        line = ExtractedLine(
            description="Farine de seigle T130",
            sku="DUF-FAR-SEI130-25",
            quantity=Decimal(8),
            unit="Sack",
            unit_price=Decimal("1.18"),
            line_total=Decimal(total),
        )
        return match_product(line, "C00001", md).quantity_in_product_unit

    assert converted("236.00") == 200
    assert converted("9.44") == 8  # eight kilos, whatever the unit cell says


def test_a_piece_our_description_names_as_a_sachet_of_fifty_units_is_the_sachet():
    """ "Mesophilic culture MA 4001, 50 U sachet" we sell by the piece: the sachet is ours, so
    "5 Beutel (50 U)" is five, and "20" of it at about our price (in euros) is twenty."""
    products = (
        "sku,gtin,description,unit,unit_price,currency\n"
        'CA-CUL-MA4001,,"Mesophilic culture MA 4001, 50 U sachet",EA,18.90,CHF\n'
    )
    md = MasterData.from_csv(CUSTOMERS, products, ALIASES)
    bags = "Mesophile Kultur MA 4001 (50 U)"
    assert _in_our_unit(md, "CA-CUL-MA4001", "5", "Beutel", None, description=bags) == 5
    named = "Mesophilic culture MA 4001, 50 U sachet"
    assert _in_our_unit(md, "CA-CUL-MA4001", "20", None, "20.40", description=named) == 20


def test_blocks_of_a_wax_we_sell_by_the_kilo_hold_what_the_line_says():
    products = (
        "sku,gtin,description,unit,unit_price,currency\n"
        "CA-WAX-YEL,,Cheese wax yellow (5 kg block),KG,11.80,CHF\n"
    )
    md = MasterData.from_csv(CUSTOMERS, products, ALIASES)
    wax = "Käsewachs gelb, Blöcke à 5 kg"
    assert _in_our_unit(md, "CA-WAX-YEL", "2", "Blöcke", None, description=wax) == 10
    assert _in_our_unit(md, "CA-WAX-YEL", "2", "blocks", None, description="wax") == 10


def test_pairs_of_what_we_sell_by_the_piece_priced_by_the_pair_are_two_pieces():
    products = (
        "sku,gtin,description,unit,unit_price,currency\n"
        'KB-HNG-1001,,"Butt hinge 100x76 mm, stainless steel, ball bearing",EA,8.90,EUR\n'
    )
    md = MasterData.from_csv(CUSTOMERS, products, ALIASES)
    butts = "100mm ball bearing butts, stainless"
    assert _in_our_unit(md, "KB-HNG-1001", "30", "pairs", "15.20", description=butts) == 60
    # a pair priced as one of ours is one of ours (a glove's pair, say)
    assert _in_our_unit(md, "KB-HNG-1001", "30", "pairs", "8.50", description=butts) == 30
    assert _in_our_unit(md, "KB-HNG-1001", "30", "pairs", None, description=butts) == 30


def test_a_unit_cell_written_carton_slash_count_holds_that_many():
    products = (
        "sku,gtin,description,unit,unit_price,currency\n"
        "KB-HDL-1200,,Fire door lever handle set DIN 18273,SET,42.00,EUR\n"
    )
    md = MasterData.from_csv(CUSTOMERS, products, ALIASES)
    lever = "Lever on rose, fire door"
    assert _in_our_unit(md, "KB-HDL-1200", "3", "CTN/10", "365.00", description=lever) == 30


@pytest.mark.parametrize("currency", ["CHF", "EUR"])
def test_bags_of_pieces_written_out_priced_by_the_bag_count_the_pieces(currency):
    """ "Dichtring EPDM DN 50, Beutel à 25 Stk | 2 Btl | 91,25" of a gasket we sell by the
    piece at 3.40 (CHF) or 3.65: fifty pieces."""
    price = "3.40" if currency == "CHF" else "3.65"
    products = (
        "sku,gtin,description,unit,unit_price,currency\n"
        f"CA-VAT-GSK50,,Gasket EPDM DN 50 DIN 11851,PCE,{price},{currency}\n"
    )
    md = MasterData.from_csv(CUSTOMERS, products, ALIASES)
    bag = "Dichtring EPDM DN 50 DIN 11851, Beutel à 25 Stk"
    line = ExtractedLine(
        sku="CA-VAT-GSK50",
        description=bag,
        quantity=Decimal("2"),
        unit="Btl",
        unit_price=Decimal("91.25"),
    )
    # (an order in euros: a list in francs gives no expected price, only our list's)
    match = match_product(line, "C00001", md, currency="EUR")
    assert match.quantity_in_product_unit == 50


def test_cartons_of_pieces_priced_by_the_piece_count_the_pieces():
    products = (
        "sku,gtin,description,unit,unit_price,currency\n"
        "BW-WT-AS250,,Water conditioner AquaSafe 250 ml,EA,5.90,EUR\n"
    )
    md = MasterData.from_csv(CUSTOMERS, products, ALIASES)
    said = "1 carton (12 pc) BW-WT-AS250 AquaSafe 250 ml à 5,90 la pièce"
    kw = {"description": "AquaSafe 250 ml", "raw_text": said}
    assert _in_our_unit(md, "BW-WT-AS250", "1", "carton", "5.90", **kw) == 12
    written = "2 cartons de 12 aérosols AquaSafe 250 ml, 5,90 € l'unité"
    kw = {"description": "AquaSafe 250 ml", "raw_text": written}
    assert _in_our_unit(md, "BW-WT-AS250", "2", "cartons", "5.90", **kw) == 24
    # a carton priced as one of ours, nothing said of a piece's price: one of ours
    plain = "1 carton (12 pc) BW-WT-AS250 AquaSafe 250 ml à 5,90"
    kw = {"description": "AquaSafe 250 ml", "raw_text": plain}
    assert _in_our_unit(md, "BW-WT-AS250", "1", "carton", "5.90", **kw) == 1


def test_so_many_times_a_content_of_our_measure_counts_the_content():
    products = (
        "sku,gtin,description,unit,unit_price,currency\n"
        "CV-S704,,Huile de coco désodorisée,KG,4.00,EUR\n"
    )
    md = MasterData.from_csv(CUSTOMERS, products, ALIASES)
    text = "- 2 x 5kg deodorised coconut oil"
    kw = {"description": "5kg deodorised coconut oil", "raw_text": text}
    assert _in_our_unit(md, "CV-S704", "2", None, None, **kw) == 10
    grams = {"description": "500 g coconut oil", "raw_text": "- 3 x 500 g coconut oil"}
    assert _in_our_unit(md, "CV-S704", "3", None, None, **grams) == Decimal("1.5")


def test_cartons_said_to_hold_so_many_per_carton_count_the_pieces():
    products = (
        "sku,gtin,description,unit,unit_price,currency\n"
        "SW-CH-BLK-56,,Chalk-Block 56 g (VE 24 Stück),EA,1.90,EUR\n"
    )
    md = MasterData.from_csv(CUSTOMERS, products, ALIASES)
    for text in ("2 cartons of the chalk blocks (24/ctn)", "2 boxes chalk blocks, 24/box"):
        kw = {"description": text, "raw_text": text}
        assert _in_our_unit(md, "SW-CH-BLK-56", "2", "cartons", None, **kw) == 48, text


def test_a_carton_our_description_says_holds_twenty_of_our_pieces():
    products = (
        "sku,gtin,description,unit,unit_price,currency\n"
        "DUF-LEV-FR-500,,Levure fraîche boulangère - pain 500 g (carton de 20),EA,1.45,EUR\n"
    )
    md = MasterData.from_csv(CUSTOMERS, products, ALIASES)
    line = ExtractedLine(
        description="levure fraiche (les 500g)", quantity=Decimal(1), unit="carton"
    )
    match = match_product(line, "C00001", md)
    assert (match.sku, match.quantity_in_product_unit) == ("DUF-LEV-FR-500", 20)


def test_cartons_of_boxes_of_what_we_sell_by_the_box():
    products = (
        "sku,gtin,description,unit,unit_price,currency\n"
        "BN-40103,,Gants nitrile non poudrés bleu taille L - boîte 100,BX,6.90,EUR\n"
        "BN-20101,,Essuie-mains pliés en Z - carton de 20 paquets,CS,34.50,EUR\n"
    )
    md = MasterData.from_csv(CUSTOMERS, products, ALIASES)

    def converted(sku, raw):
        line = ExtractedLine(
            description=raw, raw_text=raw, quantity=Decimal(2), unit="cartons", sku=sku
        )
        return match_product(line, "C00001", md).quantity_in_product_unit

    # our box is the "boîte": two cartons of ten boxes are twenty boxes
    assert converted("BN-40103", "2 cartons de gants nitrile L (cartons de 10 boîtes)") == 20
    # in English, the carton's word taken by the count before it; and in brackets
    assert converted("BN-40103", "Nitrile gloves size L: 2 cartons of 10 boîtes") == 20
    assert converted("BN-40103", "Nitrile gloves size L: 2 carton (10 boîtes)") == 20
    # our unit is the carton itself: two cartons
    assert converted("BN-20101", "2 cartons d'essuie-mains (cartons de 20 paquets)") == 2


@pytest.mark.parametrize(
    ("sku", "unit", "price", "expected"),
    [
        # the unit cell says what the carton holds, in German or abridged: boxes, whatever the
        # price (in another currency than our list's)
        ("BN-40101", "Karton (10 Box)", "88.00", 20),
        ("BN-40101", "carton de 10 btes", "88.00", 20),
        # a bottle of two of our litres
        ("LS-10021", "Fl. à 2 l", "38.60", 4),
        # a box is our box
        ("BN-40101", "Box", "8.80", 2),
    ],
)
def test_a_unit_cell_that_says_what_one_holds_converts_the_count(sku, unit, price, expected):
    md = MasterData.from_csv(CUSTOMERS, BY_THE_PRICE, ALIASES)
    line = ExtractedLine(
        description="Handschuhe / Desinfektion",
        quantity=Decimal(2),
        unit=unit,
        unit_price=Decimal(price),
        sku=sku,
    )
    match = match_product(line, "C00001", md)
    assert (match.quantity_in_product_unit or Decimal(2)) == expected


def test_the_buyers_own_words_naming_one_product_and_no_other_are_confident():
    products = (
        "sku,gtin,description,unit,unit_price,currency\n"
        "DS-HR500,,Alcohol hand rub 80% ethanol 500 ml bottle with pump,EA,5.85,EUR\n"
        "GZ-1010N,,Gauze swabs 10 x 10 cm 8-ply non-sterile pack of 100,PK,2.95,EUR\n"
        "GZ-1010S,,Gauze swabs 10 x 10 cm 8-ply sterile pack of 100,PK,3.40,EUR\n"
    )
    md = MasterData.from_csv(CUSTOMERS, products, ALIASES)

    def match(description):
        line = ExtractedLine(
            description=description,
            description_lines=(description,),
            quantity=Decimal(2),
        )
        return match_product(line, "C00001", md)

    alone = match("hand rub 80% ethanol, 500 ml pump bottle")
    assert (alone.sku, alone.confidence >= 0.9) == ("DS-HR500", True)
    # words that fit a little less well, far ahead of every other product: confident too
    assert match("ethanol hand rub 80% 500ml").confidence >= 0.9
    # …but not two words that fit as little
    assert match("hand rub").confidence < 0.9
    # two of ours differ by a word the buyer may have left out: a person says which
    twins = match("Gauze swabs 10 x 10 cm 8-ply pack of 100")
    assert twins.confidence < 0.9


def test_bars_of_a_tube_we_sell_by_the_metre_are_metres():
    products = (
        "sku,gtin,description,unit,unit_price,currency\n"
        'SR-10015,,"Kupferrohr 15 x 1,0 mm halbhart, Stange 5 m",M,6.20,EUR\n'
    )
    md = MasterData.from_csv(CUSTOMERS, products, ALIASES)
    line = ExtractedLine(
        description="Cu-Rohr 15x1 halbhart 5m",
        raw_text="1 GI-CU-15 Cu-Rohr 15x1 halbhart 5m 20 Stg. 2026-12-17",
        quantity=Decimal(20),
        unit="Stg.",
        sku="SR-10015",
    )
    assert match_product(line, "C00001", md).quantity_in_product_unit == 100


def test_a_delivery_date_written_as_the_order_date_the_customers_country_read_is_as_sure():
    import datetime as dt

    british = "C00011,Kelvin Heating Ltd,,kelvinheating.co.uk,1 Canal Wharf,LS4 2AZ,Leeds,GB,rep@x.example,false\n"
    md = MasterData.from_csv(CUSTOMERS + british, PRODUCTS, ALIASES)
    order = extract_from_sheet(
        [
            ["KELVIN HEATING LTD"],
            ["Purchase Order", "PO-07760"],
            ["Date", "03/12/2026"],
            ["Required", "08/12/2026"],
            [],
            ["Code", "Description", "Qty"],
            ["GT-6MM-BK", "Joint mousse 6 mm", 10],
        ]
    )
    assert order.requested_delivery_date.confidence < 0.7  # 8 December or 12 August?
    draft = build_draft(order, md, known_customer_code="C00011")
    decided = draft.extracted
    assert decided.order_date.value == dt.date(2026, 12, 3)
    assert decided.requested_delivery_date.value == dt.date(2026, 12, 8)
    assert decided.requested_delivery_date.confidence >= 0.7
    # the other reading also falls within weeks of the order: the country that writes the
    # day first settles it, as it settled the order date
    later = replace(
        order,
        requested_delivery_date=Field(dt.date(2027, 1, 2), 0.55, rule="label_right:required"),
    )
    draft = build_draft(later, md, known_customer_code="C00011")
    assert draft.extracted.requested_delivery_date.value == dt.date(2027, 1, 2)
    assert draft.extracted.requested_delivery_date.confidence >= 0.7
    # …not a delivery date written in words, which no order of digits was read for
    worded = replace(
        order,
        requested_delivery_date=Field(dt.date(2027, 1, 2), 0.55, rule="prose_date:named"),
    )
    draft = build_draft(worded, md, known_customer_code="C00011")
    assert draft.extracted.requested_delivery_date.confidence < 0.7


def _in_our_unit(
    md,
    sku: str,
    quantity: str,
    unit: str | None,
    price: str | None,
    *,
    description: str = "",
    **line,
) -> Decimal | None:
    """The quantity a line of ``sku`` (no description unless given; its other fields as
    ``line`` gives them) books in our unit."""
    extracted = ExtractedLine(
        sku=sku,
        description=description,
        quantity=Decimal(quantity),
        unit=unit,
        unit_price=Decimal(price) if price else None,
        **line,
    )
    return match_product(extracted, "C00001", md).quantity_in_product_unit


def test_cartons_of_rolls_and_rolls_of_our_cartons_at_a_buyers_own_price():
    """A Flemish buyer's "4 carton of 6 rolls" at 24,00 of a roll we sell by the piece at
    4,10 is 24 rolls; "24 rolls" at 2,55 of our "carton de 12 rouleaux" at 31,20 is 2
    cartons; "40 rouleau de 25" at 5,20 of our "rouleau de 25" bags is 40 of ours."""
    products = (
        "sku,gtin,description,unit,unit_price,currency\n"
        "HN20110,,Bobine essuie-mains dévidage central 450 formats 2 plis - à la bobine,PCE,4.10,EUR\n"
        "HN20120,,Papier toilette Jumbo 2 plis 350 m - carton de 12 rouleaux,CASE,31.20,EUR\n"
        "HN50140,,Sac DASRI jaune 50 L - rouleau de 25,PACK,5.40,EUR\n"
    )
    md = MasterData.from_csv(CUSTOMERS, products, ALIASES)

    def converted(sku, quantity, unit, price):
        return _in_our_unit(md, sku, quantity, unit, price)

    assert converted("HN20110", "4", "carton of 6 rolls", "24.00") == 24
    assert converted("HN20110", "3", "carton (6 rolls)", "24.00") == 18
    # a carton priced far from six of ours: not our rolls, as written for a person
    assert converted("HN20110", "4", "carton of 6 rolls", "60.00") == 4
    assert converted("HN20120", "24", "rolls", "2.55") == 2
    assert converted("HN50140", "40", "rouleau de 25", "5.20") == 40


def test_cases_of_bottles_and_bottles_of_our_cases():
    """ "10 Kt. à 6" and "10 cs x6" of a wine we sell by the bottle are 60 bottles; "48 Fl." of
    a wine we sell by the "carton 6x75cl" at about a sixth of its price are 8 cartons."""
    products = (
        "sku,gtin,description,unit,unit_price,currency\n"
        "VIN-1020,,Château Peyrelongue Margaux 2017 75cl,BTL,41.00,EUR\n"
        "VIN-1040,,Château Moulin de Tersac Bordeaux Supérieur 2021 carton 6x75cl,CASE,57.00,EUR\n"
    )
    md = MasterData.from_csv(CUSTOMERS, products, ALIASES)

    def converted(sku, quantity, unit, price):
        return _in_our_unit(md, sku, quantity, unit, price)

    assert converted("VIN-1020", "10", "Kt. à 6", "236.40") == 60
    assert converted("VIN-1020", "10", "cs x6", "236.40") == 60
    assert converted("VIN-1040", "48", "Fl.", "9.30") == 8
    assert converted("VIN-1020", "12", "Fl.", "41.00") == 12  # our bottles, as written
    # bottles of our "pack 12" of water
    water = "sku,gtin,description,unit,unit_price,currency\nSFT-8002,,Eau minérale gazeuse 1L verre consigné pack 12,PACK,10.80,EUR\n"
    md = MasterData.from_csv(CUSTOMERS, water, ALIASES)
    assert _in_our_unit(md, "SFT-8002", "96", "bouteilles", None) == 8


def test_fair_words_and_our_price_to_the_cent_name_the_only_product_near_them():
    products = (
        "sku,gtin,description,unit,unit_price,currency\n"
        "BUM-TLLP-DYN,,Busch+Müller Toplight Line plus Rücklicht Dynamo Gepäckträger,EA,21.50,EUR\n"
        "ABUS-HYB2-M,,Abus Hyban 2.0 Helm titan Gr. M (52-58 cm),EA,59.90,EUR\n"
        "ABUS-HYB2-L,,Abus Hyban 2.0 Helm titan Gr. L (56-61 cm),EA,59.90,EUR\n"
    )
    md = MasterData.from_csv(CUSTOMERS, products, ALIASES)

    def matched(description, price, md=md):
        line = ExtractedLine(
            description=description, quantity=Decimal("3"), unit_price=Decimal(price)
        )
        return match_product(line, "C00001", md)

    for words, sku, price in (
        ("Casque Abus Hyban 2.0 gris titane, taille L", "ABUS-HYB2-L", "59.90"),
        ("Feu arrière B&M Toplight Line plus (dynamo)", "BUM-TLLP-DYN", "21.50"),
    ):
        sure = matched(words, price)
        assert (sure.sku, sure.confidence >= 0.9) == (sku, True)
        # another price: the words alone, for a person to confirm
        assert matched(words, "19.00").confidence < 0.9
    # a second light near the words: which one, a person says
    other = "BUM-TLLP-BAT,,Busch+Müller Toplight Line plus Rücklicht Batterie,EA,21.50,EUR\n"
    md = MasterData.from_csv(CUSTOMERS, products + other, ALIASES)
    assert matched("Feu arrière B&M Toplight Line plus", "21.50", md).confidence < 0.9


def test_an_unknown_senders_order_is_priced_in_the_currency_of_our_price_list():
    pounds = PRODUCTS.replace(",EUR", ",GBP")
    md = replace(MasterData.from_csv(CUSTOMERS, pounds, ALIASES), default_currency="EUR")
    assert md.customer_currency(None) == "GBP"
    draft = build_draft(extract_from_text("Alright Jas,\n\n- 10 x GT-6MM-BK\n\nCheers\nDave"), md)
    assert (draft.customer.code, draft.currency.value) == (None, "GBP")


def test_square_metres_of_our_packs_priced_by_the_pack_count_packs_when_the_amount_says_so():
    """ "45 m²" of our "Klemmfilz …, Paket à 3.00 m²" at 43,50 the pack, 652,50: 15 packs."""
    products = (
        "sku,gtin,description,unit,unit_price,currency\n"
        'DM-MW-160,,"Glaswolle Klemmfilz 032, 160 mm, Paket à 3.00 m²",PACK,43.50,CHF\n'
    )
    md = MasterData.from_csv(CUSTOMERS, products, ALIASES)

    def converted(total):
        line = ExtractedLine(
            sku="DM-MW-160",
            description="Klemmfilz 032 160 mm",
            quantity=Decimal("45"),
            unit="m²",
            unit_price=Decimal("43.50"),
            line_total=total,
        )
        return match_product(line, "C00001", md).quantity_in_product_unit

    assert converted(Decimal("652.50")) == 15
    assert converted(Decimal("1957.50")) == 45  # the amount is of 45: as written


def test_a_word_read_as_a_part_number_that_names_none_of_ours_is_matched_as_words():
    """ "2 sac de T45" in a baker's email: "T45" is no part number of ours, but our flour's
    description says it (for a person to confirm), and the sack converts to kilos."""
    products = (
        "sku,gtin,description,unit,unit_price,currency\n"
        "DUF-FAR-T45-25,,Farine de blé T45 gruau - sac 25 kg,KG,0.98,EUR\n"
        "DUF-FAR-T55-25,,Farine de blé T55 boulangère - sac 25 kg,KG,0.72,EUR\n"
        "DUF-LEV-FR-500,,Levure fraîche boulangère - pain 500 g (carton de 20),EA,1.45,EUR\n"
    )
    md = MasterData.from_csv(CUSTOMERS, products, ALIASES)
    line = ExtractedLine(
        customer_sku="T45", quantity=Decimal(2), unit="BAG", raw_text="2 sac de T45"
    )
    match = match_product(line, "C00001", md)
    assert (match.sku, match.quantity_in_product_unit) == ("DUF-FAR-T45-25", 50)
    assert match.confidence < 0.9


def test_our_description_copied_after_a_unit_word_is_still_our_exact_description():
    """ "2 12 PC Safety helmet EN 397, red": the words before the description (the unit "PC")
    go into one reading of the line, the description alone into another, which is ours."""
    products = (
        "sku,gtin,description,unit,unit_price,currency\n"
        'HLM-RD,,"Safety helmet EN 397, red",EA,7.80,EUR\n'
        'HLM-WH,,"Safety helmet EN 397, white",EA,7.80,EUR\n'
    )
    md = MasterData.from_csv(CUSTOMERS, products, ALIASES)
    line = ExtractedLine(
        description="Safety helmet EN 397, red",
        raw_text="2 12 PC Safety helmet EN 397, red 8.50 102.00",
        quantity=Decimal(12),
    )
    match = match_product(line, "C00001", md)
    assert match.sku == "HLM-RD"
    assert "exact_description" in match.rule


def test_a_scanned_letterhead_is_sure_when_the_delivery_label_names_the_customers_own_town():
    from ingestion.extraction import extract_from_layout
    from ingestion.reading import read_pdf
    from tests.extraction.docs import as_scan, pdf, table

    def fax(delivery):
        page = [
            (40, 40, "Brasserie du Nord SARL"),
            (40, 52, "12 rue de la Gare - 59000 Lille"),
            (40, 90, "BON DE COMMANDE N° BC-118 du 03/12/2026"),
            *table(
                [40, 110, 330, 400, 480],
                120,
                [
                    ["Réf.", "Désignation", "Qté", "P.U. HT", "Total HT"],
                    ["GT-6MM-BK", "Gaine thermo 6 mm noire", "12", "3,45", "41,40"],
                ],
            ),
            (40, 170, delivery),
        ]
        order = extract_from_layout(as_scan(read_pdf(pdf([page]))))
        return build_draft(order, _md(), sender_email="achats@brasserie-nord.fr").ship_to

    home = fax("Livraison à : Lille.")
    assert (home.value.postal_code, home.confidence >= 0.9) == ("59000", True)
    away = fax("Livraison à : Roubaix.")
    assert away.confidence < 0.85


def test_a_unit_cell_that_leaves_its_count_to_the_next_column_still_says_it():
    """ "3 KAR à | 25 | 352,50" of a ribbon we sell by the roll: 75 rolls."""
    products = (
        "sku,gtin,description,unit,unit_price,currency\n"
        'RIB-R-110300,,"Full resin thermal transfer ribbon 110 mm x 300 m",ROLL,14.90,GBP\n'
    )
    md = MasterData.from_csv(CUSTOMERS, products, ALIASES)
    line = ExtractedLine(
        sku="RIB-R-110300",
        description="Thermotransferband Harz 110 mm x 300 m",
        raw_text="3 2200315 Thermotransferband Harz 110 mm x 3 KAR à 25 352,50 – 352,50 1.057,50",
        quantity=Decimal("3"),
        unit="KAR à",
        unit_price=Decimal("352.50"),
        line_total=Decimal("1057.50"),
    )
    assert match_product(line, "C00001", md).quantity_in_product_unit == 75


def test_cartons_the_buyers_words_say_hold_24_of_our_pieces_in_another_currency():
    """ "4 ct" of "Spray 30 ml (carton de 24)" at 45,60 EUR, our spray listed at 1.80 CHF: 96
    sprays; a carton price about 25 of ours says no other count than the 24 written."""
    products = (
        "sku,gtin,description,unit,unit_price,currency\n"
        "LD-2010,,Spray nettoyant verres 30 ml,EA,1.80,CHF\n"
        "LD-5002,,Solution multifonction lentilles 100 ml (format voyage),EA,3.40,CHF\n"
    )
    md = MasterData.from_csv(CUSTOMERS, products, ALIASES)
    spray = "Spray nettoyant verres 30 ml (carton de 24)"
    assert _in_our_unit(md, "LD-2010", "4", "BOX", "45.60", description=spray) == 96
    solution = "Solution multifonction 100 ml (carton de 24)"
    assert _in_our_unit(md, "LD-5002", "2", "BOX", "85.20", description=solution) == 48


@pytest.mark.parametrize(
    ("unit", "ours", "factor", "said"),
    [
        ("cartons (10 boîtes)", "BOX", Decimal("10"), True),
        ("cartons (12 boîtes)", "BOX", Decimal("10"), False),  # says another count
        ("cartons", "BOX", Decimal("10"), False),  # says none
        ("Rolle à 50 m", "M", Decimal("50"), True),
        ("bidon 5L", "L", Decimal("5"), True),
    ],
)
def test_the_unit_counted_says_what_one_holds_of_ours(unit, ours, factor, said):
    from ingestion.matching.quantities import content_in_its_unit

    line = ExtractedLine(description="", quantity=Decimal("2"), unit=unit)
    assert content_in_its_unit(line, ours, "", factor) is said


def test_cartons_of_twelve_written_after_the_unit_read_as_its_code():
    """ "2 Karton à 12", the unit read as "BOX": two cartons of twelve of ours sold by the
    piece, for a person to confirm."""
    products = (
        "sku,gtin,description,unit,unit_price,currency\n"
        "CHL-CHOC-PA1,,Chlore choc pastilles 20 g - seau 1 kg,EA,13.90,EUR\n"
    )
    md = MasterData.from_csv(CUSTOMERS, products, ALIASES)
    printed = "40   GPS-10130   Chlor-Schocktabletten 20 g, 1 kg      2 Karton à 12"
    assert _in_our_unit(md, "CHL-CHOC-PA1", "2", "BOX", None, raw_text=printed) == 24
    # "1 carton (12)": the count in brackets
    printed = "Chlor-Schocktabletten 1 carton (12)"
    assert _in_our_unit(md, "CHL-CHOC-PA1", "1", "BOX", None, raw_text=printed) == 12


@pytest.mark.parametrize(
    ("quantity", "unit", "price", "booked"),
    [
        ("8", "chocks", "22.25", Decimal("4")),  # two single chocks to our pair
        ("8", None, "22.25", Decimal("4")),
        ("4", "pairs", "44.50", Decimal("4")),
        ("8", "chocks", "30.00", None),  # no half of our price: a person counts
    ],
)
def test_single_pieces_at_half_our_pair_s_price_are_pairs(quantity, unit, price, booked):
    products = (
        "sku,gtin,description,unit,unit_price,currency\n"
        "AVS-CHK-PU-PR,,Cales de roue polyuréthane jaune haute visibilité la paire,PAIR,44.50,EUR\n"
    )
    md = MasterData.from_csv(CUSTOMERS, products, ALIASES)
    converted = _in_our_unit(md, "AVS-CHK-PU-PR", quantity, unit, price)
    assert converted == (booked if booked is not None else Decimal(quantity))


def test_a_customer_part_number_with_a_space_split_by_the_reader_is_still_theirs():
    """ "COL 5.0 Coloration crème 5/0 …": the code's column held "COL", its number beside."""
    products = (
        "sku,gtin,description,unit,unit_price,currency\n"
        "CC-0500,,Chromia Crème Haarfarbe 5/0 Hellbraun Box à 6 Tuben,BOX,51.00,CHF\n"
        "CC-0900,,Chromia Crème Haarfarbe 9/0 Lichtblond Box à 6 Tuben,BOX,51.00,CHF\n"
    )
    aliases = "customer_code,customer_sku,sku\nC00001,COL 5.0,CC-0500\nC00001,COL 9.0,CC-0900\n"
    md = MasterData.from_csv(CUSTOMERS, products, aliases)
    line = ExtractedLine(
        customer_sku="COL",
        description="Coloration crème 9/0 blond très clair",
        quantity=Decimal("18"),
        unit_price=Decimal("8.50"),
        raw_text="COL 9.0 Coloration crème 9/0 blond très clair 18 tubes 8,50 153,00",
    )
    assert match_product(line, "C00001", md).sku == "CC-0900"
    assert match_product(line, "C00002", md).sku != "CC-0900"  # another customer's codes


@pytest.mark.parametrize(
    ("quantity", "unit", "price", "total", "booked"),
    [
        ("500", "g", "96.00", "48.00", Decimal("0.5")),  # grams of what we sell by the kilo
        ("200", "g", None, None, Decimal("0.2")),  # nothing priced: the unit says it
        ("2", "kg", "96.00", "192.00", Decimal("2")),
    ],
)
def test_grams_of_a_product_sold_by_the_kilo_are_kilos(quantity, unit, price, total, booked):
    products = "sku,gtin,description,unit,unit_price,currency\nROH-301,,Kobaltoxid schwarz Co3O4,KG,96.00,EUR\n"
    md = MasterData.from_csv(CUSTOMERS, products, ALIASES)
    extra = {"line_total": Decimal(total)} if total else {}
    assert _in_our_unit(md, "ROH-301", quantity, unit, price, **extra) == booked


def test_kilos_priced_by_the_kilo_of_our_sack_of_twelve_and_a_half_kilos_are_sacks():
    """ "Argile rouge (sacs 12,5 kg) | 125 | 0,792 €/kg" of our "Sack 12,5 kg" at 9,90: 10."""
    products = (
        "sku,gtin,description,unit,unit_price,currency\n"
        'TON-104,,"Irdenware-Ton rot 1000–1080 °C, Sack 12,5 kg",BAG,9.90,EUR\n'
    )
    md = MasterData.from_csv(CUSTOMERS, products, ALIASES)
    line = {"description": "Argile rouge faïence (sacs 12,5 kg)", "line_total": Decimal("99")}
    assert _in_our_unit(md, "TON-104", "125", "sacs", "0.792", **line) == 10


def test_bags_of_pieces_priced_by_the_bag_of_a_piece_we_sell_singly_are_pieces():
    """ "2 Btl. à 50 St. | 19,00 €/Btl. | 38,00" of our O-ring at 0,38 the piece: 100."""
    products = (
        "sku,gtin,description,unit,unit_price,currency\n"
        'AVS-MS28775-012,,"Joint torique MS28775-012, à la pièce (sachets de 50)",EA,0.38,EUR\n'
    )
    md = MasterData.from_csv(CUSTOMERS, products, ALIASES)
    line = {"raw_text": "1 AVS-MS28775-012 O-Ring MS28775-012 2 Btl. à 50 St. 19,00 €/Btl. 38,00 €"}
    assert _in_our_unit(md, "AVS-MS28775-012", "2", "EA", "19.00", **line) == 100
    # priced as one of ours: the count is of ours
    assert _in_our_unit(md, "AVS-MS28775-012", "2", "EA", "0.38", **line) == 2


def test_our_code_priced_to_the_cent_beside_a_neighbours_wrapped_words_is_the_product():
    """A middle-aligned table's wrapped words land in the row above: "infusion Chamomile
    flowers, whole, loose herbal" beside HB-2001 at 15,90, our peppermint's code and price."""
    products = (
        "sku,gtin,description,unit,unit_price,currency\n"
        'HB-2001,,"Peppermint leaves, cut, loose herbal infusion",KG,15.90,EUR\n'
        'HB-2002,,"Chamomile flowers, whole, loose herbal infusion",KG,21.40,EUR\n'
    )
    md = MasterData.from_csv(CUSTOMERS, products, ALIASES)

    def matched(price: str) -> str | None:
        line = ExtractedLine(
            customer_sku="HB-2001",
            description="infusion Chamomile flowers, whole, loose herbal",
            quantity=Decimal("3"),
            unit="kg",
            unit_price=Decimal(price),
        )
        return match_product(line, "C00001", md).sku

    assert matched("15.90") == "HB-2001"
    # the price the words' product is sold at: the words win, as before
    assert matched("21.40") == "HB-2002"


@pytest.mark.parametrize(
    ("rule", "price", "total", "exact_cells", "sure"),
    [
        # a scan's row whose amount is count × our price to the cent
        ("table_row+arithmetic", "3.45", "41.40", False, True),
        # …at another price: the customer's, to be looked at
        ("table_row+arithmetic", "3.40", "40.80", False, False),
        # a spreadsheet's cells, no amount to check them, at our price
        ("table_row", "3.45", None, True, True),
        # the same row read off a page: no amount, nothing checks the count
        ("table_row", "3.45", None, False, False),
    ],
)
def test_a_count_at_our_price_to_the_cent_that_the_amount_or_exact_cells_give_is_sure(
    rule, price, total, exact_cells, sure
):
    from ingestion.matching.draft import with_lines_priced_as_ours

    line = ExtractedLine(
        sku="GT-6MM-BK",
        codes=("GT-6MM-BK",),
        description="Heat shrink sleeve 6 mm, black",
        quantity=Decimal("12"),
        unit_price=Decimal(price),
        line_total=Decimal(total) if total else None,
        confidence=0.8,
        field_confidence={"quantity": 0.8, "unit_price": 0.8},
        rule=rule,
    )
    order = ExtractedOrder(lines=(line,))
    draft = build_draft(order, _md(), known_customer_code="C00001")
    draft = with_lines_priced_as_ours(draft, exact_cells=exact_cells)
    assert (draft.confidence["lines"] >= 0.9) == sure
    assert (draft.extracted.lines[0].field_confidence["quantity"] >= 0.9) == sure


def test_a_letterhead_of_a_name_over_a_number_and_no_street_is_no_address():
    line = ExtractedLine(customer_sku="GT-6MM-BK", quantity=Decimal("12"), confidence=0.9)

    def ship_to(postal_code, street=None):
        buyer = Address(name="Brasserie du Nord SARL", street=street, postal_code=postal_code)
        order = ExtractedOrder(
            buyer=Field(value=buyer, confidence=0.6, rule="letterhead:pdf"), lines=(line,)
        )
        return build_draft(order, _md(), known_customer_code="C00001").ship_to

    # "Company | Brasserie du Nord SARL" over "PO no. | 88455": the customer's main address
    assert ship_to("88455").rule.startswith("customer_main_address")
    assert ship_to("88455").value.postal_code == "59000"
    # its own postcode under its name, or a street and a postcode: its letterhead
    assert ship_to("59000").rule.startswith("letterhead_as_ship_to")
    assert ship_to("59100", "5 rue du Port").value.postal_code == "59100"


PACKS_IN_WORDS = """sku,gtin,description,unit,unit_price,currency
HB-13101,,"Tropfer PC Antidrain 2,3 l/h, Beutel à 250 Stk",PK,112.00,CHF
LUD-10190,,"Spielkarten, Deck 54 Karten",EA,2.10,EUR
LUD-50010,,"Filzstifte Set",EA,3.20,EUR
"""


@pytest.mark.parametrize(
    ("sku", "description", "quantity", "unit", "price", "expected"),
    [
        # the whole in packs the size of ours, whatever the buyer calls them
        (
            "HB-13101",
            "goutteurs antidrain 2,3 l/h, soit 2 sachets de 250",
            "500",
            None,
            "112.00",
            2,
        ),
        # the pieces a carton holds, in brackets
        ("LUD-10190", "playing cards (12 decks)", "1", "BOX", None, 12),
        # …not what measures them
        ("LUD-50010", "felt pens (4 colours)", "1", "BOX", None, 1),
    ],
)
def test_the_whole_or_a_cartons_pieces_said_in_words(
    sku, description, quantity, unit, price, expected
):
    md = MasterData.from_csv(CUSTOMERS, PACKS_IN_WORDS, ALIASES)
    line = ExtractedLine(
        customer_sku=sku,
        codes=(sku,),
        description=description,
        raw_text=description,
        quantity=Decimal(quantity),
        unit=unit,
        unit_price=Decimal(price) if price else None,
    )
    assert match_product(line, "C00001", md).quantity_in_product_unit == expected


def test_metres_of_a_roll_whose_description_measures_two_things_by_the_amount():
    md = MasterData.from_csv(
        CUSTOMERS,
        "sku,gtin,description,unit,unit_price,currency\n"
        'HB-12110,,"Tropfband 16 mm 8 mil, Abstand 0,20 m, Rolle 2500 m",ROL,395.00,CHF\n',
        ALIASES,
    )
    line = ExtractedLine(
        customer_sku="HB-12110",
        codes=("HB-12110",),
        description="Tropfband 8 mil, 20 cm",
        quantity=Decimal("7500"),
        unit="M",
        unit_price=Decimal("395.00"),
        line_total=Decimal("1185.00"),
    )
    assert match_product(line, "C00001", md).quantity_in_product_unit == 3


@pytest.mark.parametrize("unit", ["paq. 25 f.", "paquet 25 feuilles", "Pack 25 Blatt"])
def test_packs_of_so_many_sheets_of_what_we_sell_by_the_sheet(unit):
    """ "3 | paq. 25 f. | 163.75" of mount board we sell by the sheet at 6.90: the buyer's own
    price for 25 sheets, 75 sheets."""
    products = (
        "sku,gtin,description,unit,unit_price,currency\n"
        "MB-8101,,Mount board 1.4 mm conservation 81x102 cm snow white,EA,6.90,EUR\n"
    )
    md = MasterData.from_csv(CUSTOMERS, products, ALIASES)
    assert _in_our_unit(md, "MB-8101", "3", unit, "163.75") == 75


def test_a_box_of_so_many_at_about_so_many_of_ours_holds_what_it_says():
    """ "6 | BOX50 | 20,50" of a key blank we list at 0,42: 300 blanks at the buyer's 0,41
    (49 of ours would be 20,58, half a percent off: the box says 50); "2 | Karton à 12 Dosen
    | 37,20" (CHF) of our tin at 2,90: 24 tins."""
    products = (
        "sku,gtin,description,unit,unit_price,currency\n"
        'KB-8011,,"Cylinder key blank nickel, profile YA1 (Yale)",EA,0.42,EUR\n'
        "CA-6011,,Shoe cream brown 50 ml tin,EA,2.90,EUR\n"
    )
    md = MasterData.from_csv(CUSTOMERS, products, ALIASES)
    blanks = _in_our_unit(md, "KB-8011", "6", "BOX50", "20.50", line_total=Decimal("123.00"))
    tins = _in_our_unit(
        md,
        "CA-6011",
        "2",
        "BOX",
        "37.20",
        description="Schuhcreme braun 50 ml, Karton à 12 Dosen",
        line_total=Decimal("74.40"),
    )
    assert (blanks, tins) == (300, 24)


def test_rolls_counted_as_rolls_beside_the_cartons_that_hold_them_are_rolls():
    """ "27,000 | Rolle | 6,70" of our couch roll, the words under it "3 Kartons à 9 Rollen":
    the line already counts rolls."""
    products = (
        "sku,gtin,description,unit,unit_price,currency\n"
        'CR-5050-W,,"Couch roll 50 cm x 50 m, white (carton of 9 rolls)",ROL,6.40,CHF\n'
    )
    md = MasterData.from_csv(CUSTOMERS, products, ALIASES)
    words = "Liegenpapier 50 cm x 50 m (Karton à 9 Rollen) · 3 Kartons à 9 Rollen"
    rolls = _in_our_unit(
        md, "CR-5050-W", "27", "ROL", "6.70", description=words, line_total=Decimal("180.90")
    )
    assert rolls == 27


@pytest.mark.parametrize(
    ("words", "ours", "expected"),
    [
        ("silicone blanc 310 (25 par carton)", "EA", 50),
        ("Liegenpapier 50 cm breit (die mit 9 Rollen pro Karton)", "ROL", 18),
    ],
)
def test_so_many_per_carton_said_after_the_count(words, ours, expected):
    products = (
        "sku,gtin,description,unit,unit_price,currency\n" f"X-1,,Goods of ours,{ours},6.85,EUR\n"
    )
    md = MasterData.from_csv(CUSTOMERS, products, ALIASES)
    assert _in_our_unit(md, "X-1", "2", "BOX", None, description=words) == expected


@pytest.mark.parametrize(
    ("place", "sure"),
    [("Heelcraft Manchester - 45 Oldham St", True), ("Heelcraft Stockport - 14 Merseyway", False)],
)
def test_a_sheets_deliver_to_column_naming_the_customers_own_street_short(place, sure):
    customers = (
        "code,name,vat_number,email_domains,street,postal_code,city,country,sales_rep_email,vip\n"
        "C10011,Heelcraft Ltd,,heelcraft.co.uk,45 Oldham Street,M1 1JG,Manchester,GB,r@x.example,"
        "false\n"
    )
    md = MasterData.from_csv(customers, PRODUCTS, ALIASES)
    rows = [
        ["PO Ref", "Order Date", "Item", "Description", "Qty", "Unit Cost GBP", "Deliver To"],
        ["HC-2335", "14/12/2026", "GT-6MM-BK", "Heat shrink 6 mm black", "6", "3.45", place],
        ["HC-2335", "14/12/2026", "GT-6MM-RD", "Heat shrink 6 mm red", "3", "3.45", place],
    ]
    draft = build_draft(extract_from_sheet(rows), md, known_customer_code="C10011")
    assert (draft.ship_to.confidence >= 0.9) == sure
    assert draft.ship_to.value.postal_code == "M1 1JG" or not sure


def test_lengths_of_so_many_metres_of_what_we_sell_by_the_metre():
    products = (
        "sku,gtin,description,unit,unit_price,currency\n"
        'GB-24,,"PVC glazing bead 24 mm, white (6 m lengths)",M,1.55,EUR\n'
    )
    md = MasterData.from_csv(CUSTOMERS, products, ALIASES)
    words = "PVC glazing bead 24 mm white, 6 m lengths"
    assert _in_our_unit(md, "GB-24", "30", "lengths", None, description=words) == 180
