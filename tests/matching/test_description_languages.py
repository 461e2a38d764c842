"""Order lines that carry only a description, in another language than the catalogue's:
German and English buyers of a French catalogue, French and German buyers of an English one,
with sizes, pack words and qualifiers (new/used) that must decide."""

from decimal import Decimal

import pytest

from ingestion.extraction.model import ExtractedLine
from ingestion.matching import MasterData, match_product
from ingestion.matching.glossary import in_english
from ingestion.matching.text import description_similarity, norm_description

CUSTOMERS = """code,name,vat_number,email_domains,street,postal_code,city,country,sales_rep_email,vip
K1,Verpackung Nord GmbH,,vn.example,Hafenweg 1,20457,Hamburg,DE,rep@x.example,false
"""

# a French packaging catalogue
PACKAGING = """sku,gtin,description,unit,unit_price,currency
BX-S-200,,Carton simple cannelure 200x150x100 mm brun,EA,0.38,EUR
BX-S-250,,Carton simple cannelure 250x200x150 mm brun,EA,0.46,EUR
BX-S-4302,,Carton simple cannelure 400x300x200 mm brun,EA,0.79,EUR
BX-S-4303,,Carton simple cannelure 400x300x300 mm brun,EA,0.92,EUR
BX-D-4303,,Carton double cannelure 400x300x300 mm brun,EA,1.48,EUR
TP-48-BR,,Ruban adhésif PP 48 mm x 66 m brun,RL,1.45,EUR
TP-48-BR-36,,Ruban adhésif PP 48 mm x 66 m brun - carton de 36 rouleaux,BOX,49.90,EUR
TP-PVC-BR,,Ruban adhésif PVC 48 mm x 66 m brun silencieux,RL,2.60,EUR
DV-50,,Dévidoir pour ruban adhésif jusqu'à 50 mm,EA,8.90,EUR
DV-75,,Dévidoir professionnel silencieux 75 mm,EA,17.50,EUR
FS-17,,Film étirable manuel 17 µm 450 mm x 300 m transparent,RL,7.90,EUR
FS-23,,Film étirable manuel 23 µm 500 mm x 300 m transparent,RL,10.40,EUR
PL-EU-N,,Palette Europe EPAL neuve 1200x800 mm,EA,17.90,EUR
PL-EU-U,,Palette Europe EPAL occasion choix A 1200x800 mm,EA,11.50,EUR
PL-HALF,,Demi-palette bois 800x600 mm,EA,9.40,EUR
BB-500,,Film bulle 10 mm rouleau 500 mm x 100 m,RL,13.40,EUR
BB-1000,,Film bulle 10 mm rouleau 1000 mm x 50 m,RL,13.40,EUR
FM-2,,Mousse PE 2 mm rouleau 1000 mm x 100 m,RL,29.00,EUR
EN-D,,Enveloppe à bulles D/4 180x265 mm (boîte de 100),BOX,14.90,EUR
EN-F,,Enveloppe à bulles F/6 220x340 mm (boîte de 100),BOX,19.50,EUR
ST-PP12,,Feuillard polypropylène 12 mm x 3000 m,RL,23.90,EUR
ST-SEAL12,,Chapes métalliques pour feuillard 12 mm (boîte de 1000),BOX,21.00,EUR
PB-A4,,Boîte postale à fermeture rapide A4 305x215x50 mm,EA,0.55,EUR
PB-A3,,Boîte postale à fermeture rapide A3 430x305x80 mm,EA,0.89,EUR
"""

# an English catalogue of lab consumables
LAB = """sku,gtin,description,unit,unit_price,currency
TIP-1000-R,,"Pipette tips 100-1000 µl, blue, racked, 10 racks of 96",BOX,26.40,EUR
TIP-1000-B,,"Pipette tips 1000 µl, bulk, bag of 1000",PK,11.20,EUR
FT-10,,"Filter tips 10 µl, sterile, racked, 10 racks of 96",BOX,54.00,EUR
FT-200,,"Filter tips 200 µl, sterile, racked, 10 racks of 96",BOX,52.00,EUR
CRYO-2,,"Cryogenic vials 2 ml, external thread, sterile",EA,0.29,EUR
CF-50,,"Centrifuge tubes 50 ml, conical, sterile, rack of 25",PK,9.90,EUR
CUV,,"Cuvettes semi-micro, PS, 1.5 ml, pack of 100",PK,7.60,EUR
NACL,,"Sodium chloride min. 99.5%, Ph. Eur.",KG,18.40,EUR
AUTOBAG,,"Autoclave bags 600 x 780 mm, pack of 100",PK,42.00,EUR
GLN-M,,"Nitrile examination gloves, powder-free, blue, size M, box of 100",BOX,6.90,EUR
GLN-XL,,"Nitrile examination gloves, powder-free, blue, size XL, box of 100",BOX,6.90,EUR
"""
ALIASES = """customer_code,customer_sku,sku
K1,79948,NACL
"""


def _md(products: str) -> MasterData:
    return MasterData.from_csv(CUSTOMERS, products, ALIASES)


def _line(description: str, **kw) -> ExtractedLine:
    return ExtractedLine(
        description=description,
        description_lines=(description,) if description else (),
        quantity=Decimal("10"),
        **kw,
    )


@pytest.mark.parametrize(
    ("text", "sku"),
    [
        ("Europaletten neu", "PL-EU-N"),
        ("Europaletten gebraucht", "PL-EU-U"),
        ("used euro pallets", "PL-EU-U"),
        ("Abroller für Klebeband (die einfachen bis 50 mm)", "DV-50"),
        ("Profi-Handabroller 75 mm (leise)", "DV-75"),
        ("PE-Schaumfolie 2 mm, 1 m breit", "FM-2"),
        ("Luftpolster-Versandtaschen Gr. D/4 (Karton à 100)", "EN-D"),
        ("Luftpolsterfolie 1 m x 50 m", "BB-1000"),
        ("bubble wrap 500mm", "BB-500"),
        ("Kartons 250x200x150", "BX-S-250"),
        ("shipping boxes 250x200x150", "BX-S-250"),
        ("Handstretchfolie 23my", "FS-23"),
        ("PP-Umreifungsband 12 mm", "ST-PP12"),
        ("Verschlusshülsen 12 mm", "ST-SEAL12"),
    ],
)
def test_a_german_or_english_description_meets_a_french_catalogue(text, sku):
    match = match_product(_line(text), "K1", _md(PACKAGING))
    assert match.sku == sku, match


@pytest.mark.parametrize(
    ("text", "sku"),
    [
        ("Pipettenspitzen 100-1000 µl, blau, im Rack, 10 x 96", "TIP-1000-R"),
        ("Filterspitzen 10 µl, steril, im Rack, 10 x 96", "FT-10"),
        ("Kryoröhrchen 2 ml, Außengewinde, steril", "CRYO-2"),
        ("Halbmikro-Küvetten PS, 1,5 ml, 100 Stk.", "CUV"),
        ("Natriumchlorid mind. 99,5 %, Ph. Eur.", "NACL"),
        ("Autoklavierbeutel 600 x 780 mm, 100 Stk.", "AUTOBAG"),
        ("Nitril-Untersuchungshandschuhe puderfrei, blau, Gr. XL, 100 Stk./Box", "GLN-XL"),
        ("Tubes à centrifuger 50 ml, coniques, stériles", "CF-50"),
    ],
)
def test_a_german_or_french_description_meets_an_english_catalogue(text, sku):
    match = match_product(_line(text), "K1", _md(LAB))
    assert match.sku == sku, match


# a German garden furniture catalogue
GARDEN = """sku,gtin,description,unit,unit_price,currency
SH-T1003,,"Bistrotisch rund Ø 60 cm, Stahl klappbar, moosgrün",EA,79.90,EUR
SH-C2003,,"Bistrostuhl Stahl klappbar, moosgrün",EA,44.90,EUR
SH-P3005,,"Schirmständer Granit 40 kg, grau poliert",EA,89.00,EUR
SH-P3003,,"Balkonschirm 200 x 125 cm, terrakotta",EA,59.90,EUR
SH-K4002,,"Sitzkissen 45 x 45 x 5 cm, natur",EA,12.50,EUR
SH-H5001,,"Schutzhülle Sitzgruppe 220 x 150 x 90 cm, Polyester",EA,39.90,EUR
"""


@pytest.mark.parametrize(
    ("text", "sku"),
    [
        ("tables bistrot rondes assorties, Ø 60", "SH-T1003"),
        ("chaises bistrot pliantes vert mousse", "SH-C2003"),
        ("granite parasol bases 40kg", "SH-P3005"),
        ("parasols balcon terracotta 200 x 125", "SH-P3003"),
    ],
)
def test_a_french_or_english_description_meets_a_german_garden_catalogue(text, sku):
    match = match_product(_line(text), "K1", _md(GARDEN))
    assert match.sku == sku, match


def test_words_before_the_description_taken_for_the_unit_still_say_the_product():
    """ "60 palettes EUR occasion": the reader kept "palettes" as the unit."""
    line = _line("EUR occasion", unit="PAL", raw_text="60 palettes EUR occasion")
    assert match_product(line, "K1", _md(PACKAGING)).sku == "PL-EU-U"


def test_a_size_read_as_the_part_number_selects_the_box_of_that_size():
    line = ExtractedLine(
        customer_sku="250x200x150",
        codes=("250x200x150",),
        quantity=Decimal("200"),
        unit="BOX",
        raw_text="200 cartons 250x200x150",
    )
    match = match_product(line, "K1", _md(PACKAGING))
    assert match.sku == "BX-S-250"
    assert match.confidence < 0.9  # words alone: a person confirms


def test_a_paper_format_read_as_the_part_number_is_part_of_the_description():
    line = _line("postal boxes", customer_sku="A4", codes=("A4",), raw_text="1200 postal boxes")
    assert match_product(line, "K1", _md(PACKAGING)).sku == "PB-A4"


def test_a_box_size_shared_by_two_kinds_stays_for_a_person():
    """400 x 300 x 300 comes single and double wall: not 400 x 300 x 200, and not sure."""
    match = match_product(_line("boxes 400x300x300"), "K1", _md(PACKAGING))
    assert match.sku in ("BX-S-4303", "BX-D-4303")
    assert match.confidence < 0.9


def test_a_description_that_fits_several_products_is_not_confident():
    match = match_product(_line("brown tape"), "K1", _md(PACKAGING))
    assert match.sku in ("TP-48-BR", "TP-48-BR-36", "TP-PVC-BR")
    assert match.confidence < 0.9


def test_the_customers_item_number_before_the_description_on_the_printed_line():
    line = _line(
        "Natriumchlorid Ph. Eur.", raw_text="79948 Natriumchlorid Ph. Eur. 2,5 KG 18,44 46,10"
    )
    match = match_product(line, "K1", _md(LAB))
    assert match.sku == "NACL"
    assert "alias_in_text:79948" in match.rule


def test_sizes_in_metres_and_microns_meet_millimetres():
    assert norm_description("bulle 1,50 m x 100 m") == "bubble 1500 mm x 100000 mm"
    assert norm_description("Film 23 µm") == "film 23 um"
    assert norm_description("Stretchfolie 23my") == "stretch film 23 um"
    assert norm_description("Faltkarton 2-wellig") == "box double wall"


def test_a_size_of_another_unit_or_dimensions_conflict():
    ten = norm_description("filter tips 10 µl racked 10 x 96")
    assert description_similarity(ten, norm_description("Filter tips 10 µl, 10 racks of 96")) > (
        description_similarity(ten, norm_description("Filter tips 200 µl, 10 racks of 96")) + 10
    )
    box = norm_description("Karton 400x300x300")
    assert description_similarity(box, norm_description("Carton 400x300x300 mm")) > (
        description_similarity(box, norm_description("Carton 400x300x200 mm")) + 10
    )


def test_german_compounds_split_into_known_words():
    assert in_english("luftpolsterversandtaschen") == "bubble envelope"
    assert in_english("handabroller") == "hand dispenser"
    assert in_english("pipettenspitzen") == "pipette tip"
    assert in_english("rouleaux") == "roll"
    assert in_english("unbekanntwort") == "unbekanntwort"


def test_an_electricians_german_words_meet_an_english_catalogue():
    catalogue = (
        "sku,gtin,description,unit,unit_price,currency\n"
        "WD-SW1-WH,,Switch 1-way 10A white,EA,3.20,EUR\n"
        "WD-SW2-WH,,Switch 2-way 10A white,EA,3.60,EUR\n"
        "WD-FR1-WH,,Cover frame 1-gang white,EA,1.40,EUR\n"
        "WD-FR2-WH,,Cover frame 2-gang white,EA,2.60,EUR\n"
        "WD-BOX67,,Flush mounting box 67mm (box 50),BOX,28.50,EUR\n"
    )
    md = MasterData.from_csv(CUSTOMERS, catalogue)
    for text, sku in [
        ("Ausschalter 10A reinweiß", "WD-SW1-WH"),
        ("Wechselschalter 10A reinweiß", "WD-SW2-WH"),
        ("Abdeckrahmen 2-fach reinweiß", "WD-FR2-WH"),
        ("Unterputzdose 67mm (VE 50)", "WD-BOX67"),
        ("Interrupteur va-et-vient 10A blanc", "WD-SW2-WH"),
        ("Interrupteur simple allumage 10A blanc", "WD-SW1-WH"),
    ]:
        line = ExtractedLine(description=text, quantity=Decimal(10))
        assert match_product(line, "K1", md).sku == sku, text


def test_a_breakers_curve_and_rating_and_a_cable_tray_in_german_meet_a_french_catalogue():
    catalogue = (
        "sku,gtin,description,unit,unit_price,currency\n"
        'PRO2002,,"Disjoncteur modulaire 1P+N 10A courbe C 4,5kA",EA,7.90,EUR\n'
        'PRO2003,,"Disjoncteur modulaire 1P+N 16A courbe C 4,5kA",EA,8.90,EUR\n'
        'PRO2004,,"Disjoncteur modulaire 1P+N 20A courbe C 4,5kA",EA,9.40,EUR\n'
        "PRO2006,,Disjoncteur modulaire 3P+N 20A courbe C 6kA,EA,61.50,EUR\n"
        "CON4041,,Chemin de câble fil 100x54 galvanisé - longueur 3 m,EA,21.10,EUR\n"
        "CON4042,,Chemin de câble fil 200x54 galvanisé - longueur 3 m,EA,29.80,EUR\n"
    )
    md = MasterData.from_csv(CUSTOMERS, catalogue)
    for text, sku in [
        ("Leitungsschutzschalter 1P+N C16 4,5kA", "PRO2003"),
        ("LS-Schalter 3P+N C20 6kA", "PRO2006"),
        ("Gitterrinne 100x54 verzinkt, 3 m", "CON4041"),
    ]:
        line = ExtractedLine(description=text, quantity=Decimal(10))
        match = match_product(line, "K1", md)
        assert (match.sku if match.confidence >= 0.5 else None) == sku, text
    # curve B: none of ours is; the nearest stays for a person
    line = ExtractedLine(description="MCB 1P+N B10", quantity=Decimal(10))
    assert match_product(line, "K1", md).confidence < 0.9


def test_a_chemists_french_and_german_words_meet_an_english_catalogue():
    catalogue = (
        "sku,gtin,description,unit,unit_price,currency\n"
        "CHS-NACL,,Sodium chloride AR ≥99.5% - per kg,KG,14.50,EUR\n"
        "CHS-SUCR,,Sucrose AR - per kg,KG,17.00,EUR\n"
        'CHL-HCL-37,,"Hydrochloric acid 37% AR - bulk, per litre (25 L container)",L,7.20,EUR\n'
        'MT-20-N,,"Microcentrifuge tubes 2.0 ml, natural, bag of 500",BOX,23.00,EUR\n'
        'MT-20-NS,,"Microcentrifuge tubes 2.0 ml, natural, safe-lock, bag of 500",BOX,32.20,EUR\n'
    )
    md = MasterData.from_csv(CUSTOMERS, catalogue)
    for text, sku in [
        ("Chlorure de sodium pour analyse", "CHS-NACL"),
        ("Saccharose pour analyse", "CHS-SUCR"),
        ("Salzsäure 37% p.a. lose", "CHL-HCL-37"),
        ("Microtubes 2,0 ml, à bouchon sécurisé, naturel", "MT-20-NS"),
    ]:
        line = ExtractedLine(description=text, quantity=Decimal(10))
        assert match_product(line, "K1", md).sku == sku, text


# a French catalogue of office and cleaning supplies
OFFICE = """sku,gtin,description,unit,unit_price,currency
H40010,,"Essuie-mains pliés en Z Tork H3 Advanced 2 plis, carton de 15 x 250 f.",BX,39.90,EUR
H40031,,"Gants nitrile non poudrés bleus taille M, boîte de 100",BX,6.90,EUR
H40032,,"Gants nitrile non poudrés bleus taille L, boîte de 100",BX,6.90,EUR
H40035,,"Gants de ménage latex taille 8 (M), la paire",EA,1.35,EUR
H40042,,"Sacs poubelle 110 L noirs 50 µ, rouleau de 25",ROL,7.50,EUR
H40071,,Seau de ménage 12 L avec essoreur,EA,9.50,EUR
H40073,,Pelle et balayette avec lèvre caoutchouc,EA,6.80,EUR
B10070,,Classeur à levier Leitz 180° dos 80 mm A4 bleu,EA,3.85,EUR
B10083,,Perforateur 2 trous Leitz 5008 capacité 30 f.,EA,14.90,EUR
"""


@pytest.mark.parametrize(
    ("words", "sku"),
    [
        ("Gants nitrile T. L", "H40032"),  # "T." is taille
        ("the blue nitrile gloves in medium", "H40031"),
        ("Nitrilhandschuhe Gr. L", "H40032"),
        ("Haushaltshandschuhe Latex Gr. 8", "H40035"),  # "(M)" is a size, not 8 metres
        ("Falthandtücher Tork H3", "H40010"),
        ("110L black sacks", "H40042"),
        ("mop bucket with wringer", "H40071"),
        ("dustpan & brush", "H40073"),
        ("Locher 2-fach Leitz 5008", "B10083"),
        ("Leitz Ordner 8 cm blau", "B10070"),
    ],
)
def test_english_and_german_buyers_of_a_french_office_and_cleaning_catalogue(words, sku):
    md = MasterData.from_csv(CUSTOMERS, OFFICE)
    line = ExtractedLine(description=words, quantity=Decimal(2))
    assert match_product(line, "K1", md).sku == sku


# an English catalogue of medical disposables
MEDICAL = """sku,gtin,description,unit,unit_price,currency
MS41030,,Elastic bandage 8 cm x 4 m,EA,0.68,EUR
MS41031,,Elastic bandage 10 cm x 4 m,EA,0.78,EUR
MS22100,,Gravity infusion set 150 cm with roller clamp,EA,0.62,EUR
MS22020,,"IV cannula with injection port 20G pink, box of 50",BX,29.00,EUR
MS41060,,"Cotton wool, hydrophilic, sold per kg (rolls of 500 g)",KG,9.80,EUR
"""


@pytest.mark.parametrize(
    ("words", "sku"),
    [
        ("Elastische Binde 8cmx4m", "MS41030"),  # "8cmx4m": sizes glued to their "x"
        ("Elastic bandage 8emx4m", "MS41030"),  # a fax's c read as an e
        ("Infusionsgerät Schwerkraft 150 cm mit Rollenklemme", "MS22100"),
        ("Venenverweilkanüle mit Zuspritzport 20G", "MS22020"),
        ("Coton hydrophile, rouleaux de 500 g", "MS41060"),
    ],
)
def test_german_and_french_buyers_of_an_english_medical_catalogue(words, sku):
    md = MasterData.from_csv(CUSTOMERS, MEDICAL)
    line = ExtractedLine(description=words, quantity=Decimal(2))
    assert match_product(line, "K1", md).sku == sku


# a French catalogue of food-service supplies
FOOD = """sku,gtin,description,unit,unit_price,currency
GRO-20230,,"Riz long grain étuvé, sac 5 kg",EA,9.80,EUR
GRO-20231,,"Penne rigate, sachet 5 kg",EA,8.70,EUR
GRO-20240,,"Tomates pelées concassées, boîte 5/1 (4,25 kg)",EA,5.90,EUR
GRO-20262,,"Lait UHT demi-écrémé 1 L, pack de 6 (prix au litre)",L,0.98,EUR
GRO-20263,,"Crème liquide 35 % UHT, brique 1 L",EA,4.60,EUR
FRZ-30150,,"Crème glacée vanille, bac 5 L",EA,18.60,EUR
FRZ-30110,,"Steak haché 15 % MG 125 g surgelé, carton de 40 (5 kg)",CS,38.00,EUR
FRZ-30111,,"Pain burger brioché 80 g surgelé, carton de 48",CS,24.90,EUR
DSP-10320,,"Boîte pizza kraft 33x33 cm, paquet de 100",PK,29.90,EUR
DSP-10321,,"Boîte pizza kraft 40x40 cm, paquet de 100",PK,33.90,EUR
AC-WIP-0650,,Flat wiper blade 650 mm,EA,11.90,EUR
"""


@pytest.mark.parametrize(
    ("words", "sku"),
    [
        ("Parboiled Reis, Sack 5 kg", "GRO-20230"),
        ("Tomaten geschält, Dose 5/1", "GRO-20240"),
        ("Schlagsahne 35% 1 l", "GRO-20263"),  # "35%" is "35 %"
        ("Vanilleeis 5-l-Schale", "FRZ-30150"),
        ("Burger-Patties 125 g TK (40 St)", "FRZ-30110"),
        ("Brioche bun 80g frozen cs/48", "FRZ-30111"),
        ("Pizzakarton 40x40 (100)", "DSP-10321"),  # "40x40 cm": both sides in cm
        ("Balais essuie-glace plats 650", "AC-WIP-0650"),  # the glace is no ice cream
    ],
)
def test_german_and_english_buyers_of_a_french_food_service_catalogue(words, sku):
    md = MasterData.from_csv(CUSTOMERS, FOOD)
    line = ExtractedLine(description=words, quantity=Decimal(2))
    assert match_product(line, "K1", md).sku == sku


# an English catalogue of plumbing and heating parts
PLUMBING = '''sku,gtin,description,unit,unit_price,currency
TF-MLF-CPL-20,,Multilayer press coupling 20 mm,EA,3.30,EUR
TF-MLF-TEE-20,,Multilayer press tee 20 mm,EA,5.60,EUR
TF-MLF-TEE-26,,Multilayer press tee 26 mm,EA,8.12,EUR
TF-SGR-34,,"Safety group for water heater 3/4"" 7 bar",EA,21.40,EUR
TF-INS-15,,Pipe insulation 9 mm wall for 15 mm pipe (per m),M,0.95,EUR
TF-INS-22,,Pipe insulation 9 mm wall for 22 mm pipe (per m),M,1.25,EUR
TF-LSV-ANG-12,,"Lockshield valve angle 1/2""",EA,6.85,EUR
TF-TRV-ANG-12,,"Thermostatic radiator valve body angle 1/2""",EA,9.80,EUR
TF-CU-R250-22x1,,"Copper tube R250 half-hard 22x1 mm (per m, bars of 5 m)",M,12.60,EUR
'''


@pytest.mark.parametrize(
    ("words", "sku"),
    [
        ("Manchon à sertir multicouche 20 mm", "TF-MLF-CPL-20"),
        ("Té à sertir multicouche 26 mm", "TF-MLF-TEE-26"),  # a tee is no tea
        ('Sicherheitsgruppe Warmwasserspeicher 3/4" 7 bar', "TF-SGR-34"),
        ("Rohrisolierung 9 mm für Rohr 15 mm (per m)", "TF-INS-15"),
        ('Rücklaufverschraubung Eck 1/2"', "TF-LSV-ANG-12"),
    ],
)
def test_french_and_german_buyers_of_an_english_plumbing_catalogue(words, sku):
    md = MasterData.from_csv(CUSTOMERS, PLUMBING)
    line = ExtractedLine(description=words, quantity=Decimal(2))
    assert match_product(line, "K1", md).sku == sku


def test_bars_of_copper_tube_sold_by_the_metre():
    md = MasterData.from_csv(CUSTOMERS, PLUMBING)
    line = ExtractedLine(
        description="Tube cuivre R250 22x1 écroui - barre de 5 m",
        customer_sku="TF-CU-R250-22x1",
        quantity=Decimal(10),
        unit="barres",
    )
    assert match_product(line, "K1", md).quantity_in_product_unit == Decimal(50)


@pytest.mark.parametrize(
    ("written", "ours"),
    [
        ("Zahnarztkanülen 27G lang, 100 St.", "Dental needle 27G long 0.4 x 35 mm, box of 100"),
        ("Absauganlagenreiniger 1 Liter", "Suction system cleaner concentrate, 1 L"),
        ("Heizungsreiniger 1 Liter", "Central heating system cleaner 1 litre"),
        ("masques FFP2 (sans valve)", "FFP2 NR respirator without valve, box of 20"),
        ("Hefe", "Frischhefe, Block 1 kg"),
        ("Mandelmehl blanchiert", "Blanched almond flour"),
        ("écrous papillon 15 mm", "Flügelmutter 15 mm / Wing nut 15 mm"),
        ("Spindelfüße 60 cm", "Adjustable base jack 0.60 m"),
        ("Buchstütze Acryl L-Form 15 cm", "Bookend, acrylic, L-shape, 15 cm"),
        # a standard or a rating glued to its number
        ("Safety helmets, white, EN397", "Safety helmet white EN 397"),
        ("Foam earplugs SNR37 (box 200 prs)", "Foam ear plugs SNR 37, box of 200 pairs"),
        ("Lampe PAR64 CP62 1000 W", "PAR64 CP/62 1000W MFL lamp"),
        ("Fiche XLR 5p mâle", "5-pin XLR cable connector, male (NC5MXX)"),
    ],
)
def test_a_buyers_words_in_another_language_meet_our_catalogue(written, ours):
    assert description_similarity(norm_description(written), norm_description(ours)) >= 85


# an English workwear catalogue: the same garment in sizes and colours
WORKWEAR = """sku,gtin,description,unit,unit_price,currency
WT-NV-50,,"Work trousers Multi-Pocket 280 g/m2 poly/cotton, navy, size 50",EA,38.90,EUR
WT-NV-54,,"Work trousers Multi-Pocket 280 g/m2 poly/cotton, navy, size 54",EA,38.90,EUR
WT-GR-50,,"Work trousers Multi-Pocket 280 g/m2 poly/cotton, grey, size 50",EA,38.90,EUR
SJ-BK-XL,,"Softshell jacket 3-layer, black, size XL",EA,54.00,EUR
SJ-NV-XL,,"Softshell jacket 3-layer, navy, size XL",EA,54.00,EUR
KP-GEL,,"Knee pads with gel insert, pair",PR,12.50,EUR
EM-SNR30,,"Earmuffs SNR 30 dB, headband",EA,14.20,EUR
"""


@pytest.mark.parametrize(
    ("text", "sku"),
    [
        ("pantalons de travail multipoches, coloris marine, taille 50", "WT-NV-50"),
        ("Pantalon de travail multi-poches bleu marine T.54", "WT-NV-54"),
        ("Veste softshell noire taille XL", "SJ-BK-XL"),
        ("Knieschoner mit Gel-Einlage", "KP-GEL"),
        ("Kapselgehörschutz SNR 30 dB", "EM-SNR30"),
    ],
)
def test_workwear_words_in_french_and_german_meet_an_english_catalogue(text, sku):
    match = match_product(_line(text), "K1", _md(WORKWEAR))
    assert match.sku == sku, match


TIMBER = """sku,gtin,description,unit,unit_price,currency
HL-KVH-0612,,"KVH C24 Fichte/Tanne 60x120 mm, keilgezinkt",M,6.90,CHF
HL-KVH-1016,,"KVH C24 Fichte/Tanne 100x160 mm, keilgezinkt",M,14.20,CHF
HL-BSH-1632,,"Brettschichtholz BSH GL24h Fichte 160x320 mm, Industriequalität",M,62.00,CHF
HL-KON-2760,,"Konterlatte Fichte 27x60 mm, sägerau",M,1.35,CHF
"""


@pytest.mark.parametrize(
    ("description", "sku"),
    [
        # the trade's section "100/160" and its long name for "KVH"; the cut list is no size
        ("Konstruktionsvollholz 100/160, 12 Stk. à 4.00 m", "HL-KVH-1016"),
        ("Brettschichtholz GL24h 160 x 320 mm, 4 Stk. à 6.50 m", "HL-BSH-1632"),
        ("Konterlatten 27/60", "HL-KON-2760"),
    ],
)
def test_a_timber_merchants_sections_and_short_names(description, sku):
    md = MasterData.from_csv(CUSTOMERS, TIMBER, None)
    line = ExtractedLine(description=description, quantity=Decimal("48"), unit="m")
    assert match_product(line, None, md).sku == sku


def test_a_slash_between_other_numbers_is_no_section():
    assert "18 x 28" not in norm_description('Schwalbe Schlauch SV17 28" 18/28-622')
    assert "1 x 2" not in norm_description("Laiton 1/2 pouce")


PET_SHOP = """sku,gtin,description,unit,unit_price,currency
PN-40102,,Collier nylon réglable taille M (30–45 cm),PCE,5.10,EUR
PN-40202,,"Laisse nylon 1,2 m taille M",PCE,6.90,EUR
PN-70103,,Brosse carde taille M,PCE,7.40,EUR
PN-10106,,Croquettes chiot poulet 12 kg,EA,44.50,EUR
CB-200,,Collier nylon 4.8 x 200 mm noir (sachet de 100),PK,3.20,EUR
"""


@pytest.mark.parametrize(
    ("description", "sku"),
    [
        ("Zupfbürsten Größe M", "PN-70103"),  # a head we do not know, a brush we do
        ("Nylonhalsbänder Gr. M", "PN-40102"),
        ("Nylonleinen Gr. M, 1,2 m", "PN-40202"),
        ("Welpenfutter Huhn, den großen 12 kg", "PN-10106"),
        ("Kabelbinder Nylon 4,8 x 200 schwarz", "CB-200"),  # a cable tie stays one
    ],
)
def test_a_german_groomer_orders_from_a_french_pet_catalogue(description, sku):
    md = MasterData.from_csv(CUSTOMERS, PET_SHOP, None)
    line = ExtractedLine(description=description, quantity=Decimal("6"))
    assert match_product(line, None, md).sku == sku


HOTEL = """sku,gtin,description,unit,unit_price,currency
FR-HT-50W,,"Handtuch Frottee 50x100 cm, weiss",EA,9.80,CHF
FR-DT-70W,,"Duschtuch Frottee 70x140 cm, weiss",EA,19.50,CHF
FR-BV-50,,"Badvorleger Frottee 50x70 cm, weiss",EA,8.90,CHF
AM-DG-030,,"Duschgel Alpenkräuter 30 ml, Flasche (Karton à 200 Stk)",CS,96.00,CHF
AM-SH-030,,"Shampoo Alpenkräuter 30 ml, Flasche (Karton à 200 Stk)",CS,96.00,CHF
AM-DH-01,,Duschhaube in Kartonschachtel,EA,0.29,CHF
AM-SF-020,,Seife plissiert 20 g (VE 500 Stk),EA,0.38,CHF
"""


@pytest.mark.parametrize(
    ("description", "sku"),
    [
        ("gel douche 30 ml", "AM-DG-030"),
        ("savonnettes 20 g", "AM-SF-020"),
        ("linges de mains blancs", "FR-HT-50W"),
        ("tapis de bain", "FR-BV-50"),
        ("bonnets de douche", "AM-DH-01"),
    ],
)
def test_a_french_hotel_orders_from_a_german_catalogue(description, sku):
    md = MasterData.from_csv(CUSTOMERS, HOTEL, None)
    line = ExtractedLine(description=description, quantity=Decimal("6"))
    assert match_product(line, None, md).sku == sku


def test_a_german_hand_disinfectant_is_the_french_gel_hydroalcoolique():
    products = (
        "sku,gtin,description,unit,unit_price,currency\n"
        "LVD-5512,,Gel hydroalcoolique 1 L flacon airless,EA,6.95,EUR\n"
        "LVD-5510,,Gel hydroalcoolique 500 ml flacon pompe,EA,4.20,EUR\n"
        "LVD-6611,,Savon liquide doux 5 L bidon,L,2.10,EUR\n"
    )
    md = MasterData.from_csv(CUSTOMERS, products, None)
    line = ExtractedLine(description="Händedesinfektion Gel 1 Liter Airless", quantity=Decimal(10))
    match = match_product(line, None, md)
    assert match.sku == "LVD-5512"
    assert match.confidence >= 0.9  # the same words once both are in English


def test_workwear_embroidery_in_german_meets_a_french_catalogue():
    assert in_english("ruckenbestickung") == "spine embroidery"
    assert [in_english(w) for w in ("broderie", "dos")] == ["embroidery", "spine"]
    ordered = norm_description("Rückenbestickung SECURITY").split()
    assert sorted(ordered) == sorted(norm_description("Broderie dos SECURITY").split())


# a French haberdasher's and sports distributor's catalogue
HABERDASHERY_AND_SPORT = """sku,gtin,description,unit,unit_price,currency
FIL-W,,"Fil à coudre polyester n°120, bobine 1000 m, blanc",EA,2.35,EUR
FIL-B,,"Fil à coudre polyester n°120, bobine 1000 m, noir",EA,2.35,EUR
BT-15-B,,"Bouton polyester 4 trous 15 mm, noir - grosse de 144",PAK,7.20,EUR
BT-18-B,,"Bouton polyester 4 trous 18 mm, noir - grosse de 144",PAK,7.90,EUR
PR-12,,"Boutons pression à coudre 12 mm, nickelé, boîte de 144",BOX,8.90,EUR
BF-3,,Ballon de football T3 junior,EA,8.90,EUR
BF-5,,Ballon de football T5 match,EA,14.90,EUR
BV-5,,Ballon de volley T5 soft touch,EA,17.80,EUR
BH-200,,Ballon d'eau chaude électrique 200 L,EA,389.00,EUR
"""


@pytest.mark.parametrize(
    ("text", "sku"),
    [
        ("Polyester sewing thread 120 - 1000 m spool - black", "FIL-B"),
        ("Polyesterknöpfe 4-Loch 15 mm schwarz", "BT-15-B"),
        ("Annähdruckknöpfe 12 mm vernickelt", "PR-12"),
        # a size by its number: "taille 3", "size 5" of our "T3", "T5"
        ("ballons taille 3 junior", "BF-3"),
        ("volleyballs soft touch, size 5", "BV-5"),
        ("Fußball Größe 5 Match", "BF-5"),
        # a water heater's tank is no ball
        ("Warmwasserspeicher 200 l", None),
    ],
)
def test_a_haberdashers_and_a_sports_halls_words_meet_a_french_catalogue(text, sku):
    match = match_product(_line(text), "K1", _md(HABERDASHERY_AND_SPORT))
    if sku is None:
        assert match.sku not in ("BF-3", "BF-5", "BV-5"), match
    else:
        assert match.sku == sku, match
    assert norm_description("ballon d'eau chaude 200 L").startswith("water heater")


# a Dutch plastics catalogue
DUTCH_PLASTICS = """sku,gtin,description,unit,unit_price,currency
ST-POM-20Z,,"POM-C staf Ø20 mm zwart, lengte 1000 mm",EA,6.85,EUR
ST-POM-30N,,"POM-C staf Ø30 mm naturel, lengte 1000 mm",EA,12.40,EUR
ST-PA6G-100,,"PA6G gegoten staf Ø100 mm naturel, lengte 1000 mm",EA,97.80,EUR
ST-PTFE-25,,"PTFE staf Ø25 mm wit, lengte 1000 mm",EA,38.10,EUR
PL-PE500-10,,PE500 plaat 10 mm naturel 2000x1000 mm,EA,68.40,EUR
PL-POM-10Z,,POM-C plaat 10 mm zwart 1000x500 mm,EA,58.90,EUR
"""


@pytest.mark.parametrize(
    ("words", "sku"),
    [
        ("POM-C round rod black Ø 20 mm, in 1 m lengths", "ST-POM-20Z"),
        ("PA6 cast rod Ø100 natural, 1 metre", "ST-PA6G-100"),
        ("PTFE Rundstab weiß Ø 25 mm, 1 m", "ST-PTFE-25"),
    ],
)
def test_english_and_german_buyers_of_a_dutch_catalogue(words, sku):
    md = MasterData.from_csv(CUSTOMERS, DUTCH_PLASTICS, "customer_code,customer_sku,sku\n")
    line = ExtractedLine(description=words, quantity=Decimal("2"))
    assert match_product(line, "K1", md).sku == sku


def test_a_size_written_taille_m_meets_our_t_dot_m():
    """ "gants nitrile taille M" and our "Gants d'examen nitrile … T. M (boîte 100)": the
    same size said two ways; the L of the same gloves is another product."""
    products = (
        "sku,gtin,description,unit,unit_price,currency\n"
        "GA-1002,,Gants d'examen nitrile non poudrés bleus T. M (boîte 100),BOX,6.90,EUR\n"
        "GA-1003,,Gants d'examen nitrile non poudrés bleus T. L (boîte 100),BOX,6.90,EUR\n"
    )
    md = MasterData.from_csv(CUSTOMERS, products, "customer_code,customer_sku,sku\n")
    match = match_product(
        ExtractedLine(description="gants nitrile taille M", quantity=Decimal("20")), "K1", md
    )
    assert (match.sku, match.confidence >= 0.85) == ("GA-1002", True)


# a Belgian funeral supplier's French catalogue
FUNERAL = """sku,gtin,description,unit,unit_price,currency
PAP-503,,"Registre de condoléances relié noir, 100 pages",EA,22.00,EUR
PAP-506,,"Enveloppe deuil C6 bord noir (boîte de 500)",BOX,41.00,EUR
THA-609,,Gants nitrile noirs taille L (boîte de 100),BOX,8.90,EUR
BOU-407,,Bougeoir sur pied fer forgé noir 1200 mm,EA,89.00,EUR
THA-606,,Trocart inox 45 cm,EA,64.00,EUR
BOU-403,,Veilleuse funéraire rouge 3 jours,EA,2.10,EUR
BOU-406,,Chandelier laiton 3 branches,EA,49.00,EUR
"""


def test_the_same_word_spelled_as_a_neighbour_language_spells_it():
    """ "Kondolenzbücher" and "condoléances": one word, as German and French spell it."""
    md = MasterData.from_csv(CUSTOMERS, FUNERAL, "customer_code,customer_sku,sku\n")
    query = norm_description("Kondolenzbücher schwarz")
    scores = {
        sku: description_similarity(
            query,
            norm_description(md.product(sku).description),
            vocabulary=md.index.description_tokens,
            products=len(md.index.product_descriptions),
        )
        for sku in ("PAP-503", "PAP-506", "THA-609", "BOU-407")
    }
    assert max(scores, key=scores.get) == "PAP-503"
    assert scores["PAP-503"] - max(v for k, v in scores.items() if k != "PAP-503") >= 5


def test_words_that_fit_one_product_a_little_better_propose_it_for_a_person():
    md = MasterData.from_csv(CUSTOMERS, FUNERAL, "customer_code,customer_sku,sku\n")
    line = ExtractedLine(description="Kondolenzbücher schwarz", quantity=Decimal("2"))
    match = match_product(line, "K1", md)
    assert match.sku == "PAP-503"
    assert match.confidence < 0.5
    # a colour alone fits many products equally: nothing to propose
    vague = match_product(
        ExtractedLine(description="Zubehör schwarz", quantity=Decimal("2")), "K1", md
    )
    assert vague.sku is None


def test_days_are_days_in_every_language():
    md = MasterData.from_csv(CUSTOMERS, FUNERAL, "customer_code,customer_sku,sku\n")
    line = ExtractedLine(description="Grablichter rot (3-Tage)", quantity=Decimal("50"))
    assert match_product(line, "K1", md).sku == "BOU-403"


# an English catalogue of event and therapy supplies, sizes in every unit
EVENTS = """sku,gtin,description,unit,unit_price,currency
UW-0727,,"Foam underwrap 7 cm x 27 m, skin colour",ROL,3.05,CHF
KT-5032-BG,,"Kinesiology tape clinic roll 5 cm x 32 m, beige",ROL,24.00,CHF
RT-3810-W,,"Rigid sports tape zinc oxide 3.8 cm x 10 m, white",ROL,2.90,CHF
MC-NEU-1000,,Neutral massage cream 1000 ml,EA,22.35,CHF
MO-ALM-1000,,Sweet almond massage oil 1000 ml,EA,19.80,CHF
HC-CHERRY-2030,,Cherry stone pillow 20 x 30 cm,EA,16.60,CHF
HC-GEL-2030,,Hot/cold gel pack 20 x 30 cm,EA,9.60,CHF
SB-100-24-3,,"Glazing setting block 100 x 24 x 3 mm, bag of 1000",PK,33.00,EUR
SB-100-24-4,,"Glazing setting block 100 x 24 x 4 mm, bag of 1000",PK,33.00,EUR
CS-7009,,Hook-and-loop strip 50mm white (per metre),M,2.33,GBP
RS-4002,,"Ratchet strap 50mm x 6m, 2000kg",EA,14.50,GBP
RS-4003,,"Ratchet strap 50mm x 10m, 5000kg",EA,21.80,GBP
GL-3010,,"Contact adhesive KontaktFix K1000 (per litre, 1 L / 5 L tins)",L,12.60,EUR
GL-3030,,Instant adhesive cyanoacrylate 20 g,EA,3.10,EUR
MS-9040,,Sanding belt 100x2250 mm P80 (pack of 10),PK,29.00,EUR
MS-9041,,Sanding belt 100x2250 mm P120 (pack of 10),PK,29.00,EUR
"""


@pytest.mark.parametrize(
    ("written", "sku"),
    [
        # the same size in its own unit: 7 cm x 27 m, 1 L, 2 tonne
        ("Sous-bandage mousse 7 cm x 27 m, chair", "UW-0727"),
        ("Massage cream neutral 1L", "MC-NEU-1000"),
        ("50mm 6m ratchet straps (2 tonne)", "RS-4002"),
        # how the buyer's packs come is no size of the goods
        ("Rigid zinc oxide tape 3.8cm (8 boxes x 12 rolls)", "RT-3810-W"),
        ("Coussin noyaux de cerise 20 x 30 cm", "HC-CHERRY-2030"),
        ("cales 100x24x3", "SB-100-24-3"),
        ("Klettband 50 mm weiß", "CS-7009"),
        # an English adhesive is no tape; a grit is its P number
        ("Kontaktkleber K1000 à 5 Liter", "GL-3010"),
        ("Schleifbänder 100x2250 Körnung 120", "MS-9041"),
    ],
)
def test_sizes_in_any_unit_and_trade_words_of_any_trade(written, sku):
    match = match_product(_line(written), "K1", _md(EVENTS))
    assert match.sku == sku, match
