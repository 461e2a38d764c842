"""Master data of a fictional industrial & packaging supplies distributor (the tenant).

Customers in FR, BE, DE, UK, US with valid-looking VAT numbers, products with EAN-13
(valid check digit) and the customers' own part numbers (aliases)."""

from __future__ import annotations

import csv
import random
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from .fmt import money_round

# ---------------------------------------------------------------- the supplier (us)


@dataclass(frozen=True)
class Address:
    name: str
    street: str
    postal_code: str
    city: str
    country: str  # ISO alpha-2 ("GB" for the UK)
    street2: str = ""
    state: str = ""  # US state / none elsewhere

    def truth(self) -> dict:
        return {
            "name": self.name,
            "street": self.street,
            "postal_code": self.postal_code,
            "city": self.city,
            "country": self.country,
        }


SUPPLIER = {
    "name": "Norvell Industrie & Emballage SAS",
    "short": "Norvell",
    "address": Address(
        "Norvell Industrie & Emballage SAS",
        "18 rue des Frères Lumière",
        "69680",
        "Chassieu",
        "FR",
        street2="ZI Mi-Plaine",
    ),
    "vat": "FR38512847605",
    "phone": "+33 4 72 47 15 00",
    "fax": "+33 4 72 47 15 09",
    "email": "commandes@norvell-industrie.fr",
    "domain": "norvell-industrie.fr",
    "reps": [
        "c.morel@norvell-industrie.fr",
        "t.keller@norvell-industrie.fr",
        "s.hughes@norvell-industrie.fr",
        "a.benali@norvell-industrie.fr",
    ],
    "rep_names": {
        "c.morel@norvell-industrie.fr": "Claire Morel",
        "t.keller@norvell-industrie.fr": "Thomas Keller",
        "s.hughes@norvell-industrie.fr": "Sarah Hughes",
        "a.benali@norvell-industrie.fr": "Amine Benali",
    },
}

# ---------------------------------------------------------------- check digits


def ean13_check_digit(first12: str) -> int:
    total = sum(int(c) * (3 if i % 2 else 1) for i, c in enumerate(first12))
    return (10 - total % 10) % 10


def ean13_is_valid(code: str) -> bool:
    return len(code) == 13 and code.isdigit() and ean13_check_digit(code[:12]) == int(code[12])


def vat_fr(siren: int) -> str:
    key = (12 + 3 * (siren % 97)) % 97
    return f"FR{key:02d}{siren:09d}"


def vat_be(rng: random.Random) -> str:
    base = rng.randint(2000000, 9999999)  # the 8 leading digits are "0" + these 7
    check = 97 - (base % 97)
    return f"BE0{base:07d}{check:02d}"


def vat_de(rng: random.Random) -> str:
    digits = [rng.randint(1, 9)] + [rng.randint(0, 9) for _ in range(7)]
    product = 10
    for d in digits:
        s = (d + product) % 10 or 10
        product = (2 * s) % 11
    check = (11 - product) % 10
    return "DE" + "".join(map(str, digits)) + str(check)


def vat_gb(rng: random.Random) -> str:
    while True:
        d = [rng.randint(1, 9)] + [rng.randint(0, 9) for _ in range(6)]
        total = sum(w * x for w, x in zip(range(8, 1, -1), d, strict=True))
        for check in ((-total) % 97, (-(total + 55)) % 97):
            if check < 100:
                return f"GB{''.join(map(str, d))}{check:02d}"


# ---------------------------------------------------------------- customers

# name, email slug, tld, language preference(s), alias style, po style
CUSTOMER_SEEDS = {
    "FR": [
        ("Dupont Emballages SARL", "dupont-emballages", "fr", "fr"),
        ("Transports Giraud & Fils", "giraud-transports", "fr", "fr"),
        ("Métallerie Rhodanienne SAS", "metallerie-rhodanienne", "fr", "fr"),
        ("Boulangeries Lefèvre Industrie", "lefevre-industrie", "fr", "fr"),
        ("Cartonnages de l'Ain SA", "cartonnages-ain", "fr", "fr"),
        ("Laboratoires Vernet SA", "labo-vernet", "com", "fr"),
        ("Menuiserie Bastide", "menuiserie-bastide", "fr", "fr"),
        ("Logistique Armor SAS", "logistique-armor", "fr", "fr"),
        ("Plasturgie du Jura SAS", "plasturgie-jura", "fr", "fr"),
        ("Ateliers Mécaniques Perrin", "amperrin", "fr", "fr"),
        ("Cosmétiques Belval SAS", "belval-cosmetiques", "com", "en"),
        ("Pradel Distribution Pro", "pradel-pro", "fr", "fr"),
    ],
    "BE": [
        ("Brasserie Van Damme SA", "brasserie-vandamme", "be", "fr"),
        ("Logistique Wallonne SRL", "logwal", "be", "fr"),
        ("Chocolaterie Delvaux-Moreau", "delvaux-moreau", "be", "fr"),
        ("Imprimerie Lambert & Cie", "imprimerie-lambert", "be", "fr"),
        ("Technobel Industries NV", "technobel", "eu", "en"),
        ("Kabelwerk Eupen Handels AG", "kabelwerk-eupen", "be", "de"),
    ],
    "DE": [
        ("Huber Verpackungstechnik GmbH", "huber-verpackung", "de", "de"),
        ("Schäfer Logistik GmbH & Co. KG", "schaefer-logistik", "de", "de"),
        ("Maschinenbau Krüger AG", "krueger-maschinenbau", "de", "de"),
        ("Bäckerei Wagner Großhandel GmbH", "wagner-grosshandel", "de", "de"),
        ("Elektro Neumann GmbH", "elektro-neumann", "de", "de"),
        ("Kunststofftechnik Vogel GmbH", "vogel-kunststoff", "de", "en"),
        ("Brandt Lebensmittel AG", "brandt-lebensmittel", "de", "de"),
        ("Hoffmann Werkzeugbau GmbH", "hoffmann-werkzeugbau", "com", "de"),
        ("Spedition Lorenz GmbH", "spedition-lorenz", "de", "de"),
        ("Feinmechanik Zimmermann KG", "zimmermann-feinmechanik", "de", "de"),
    ],
    "GB": [
        ("Ashworth Packaging Ltd", "ashworthpackaging", "co.uk", "en"),
        ("Pennine Logistics Ltd", "penninelogistics", "co.uk", "en"),
        ("Harrow Engineering Supplies Ltd", "harrow-eng", "co.uk", "en"),
        ("Thistle Foods plc", "thistlefoods", "com", "en"),
        ("Blackmore Print & Finish Ltd", "blackmoreprint", "co.uk", "en"),
        ("Caldwell Fabrications Ltd", "caldwellfab", "co.uk", "en"),
    ],
    "US": [
        ("Lakeshore Distribution Inc.", "lakeshoredist", "com", "en"),
        ("Redwood Packaging Co.", "redwoodpkg", "com", "en"),
        ("Keystone Fabrication LLC", "keystonefab", "com", "en"),
        ("Prairie Foods Corp.", "prairiefoods", "com", "en"),
        ("Summit Industrial Supply Inc.", "summit-isupply", "com", "en"),
        ("Bayline Logistics LLC", "baylinelogistics", "com", "en"),
    ],
}

# (street, postal_code, city, state)
ADDRESSES = {
    "FR": [
        ("12 rue de la République", "69002", "Lyon", ""),
        ("ZI des Bruyères, 4 allée des Frênes", "01150", "Saint-Vulbas", ""),
        ("145 avenue Jean Jaurès", "69007", "Lyon", ""),
        ("Parc d'activités du Chêne, 8 rue Lavoisier", "69800", "Saint-Priest", ""),
        ("27 boulevard Voltaire", "75011", "Paris", ""),
        ("3 rue de la Belle Étoile", "95700", "Roissy-en-France", ""),
        ("56 rue Nationale", "59000", "Lille", ""),
        ("ZAC des Arnavaux, 210 chemin de la Madrague-Ville", "13015", "Marseille", ""),
        ("9 impasse des Tanneurs", "31100", "Toulouse", ""),
        ("Zone Industrielle de Carquefou, 6 rue de la Garde", "44470", "Carquefou", ""),
        ("31 quai de Brazza", "33100", "Bordeaux", ""),
        ("17 route du Rhin", "67100", "Strasbourg", ""),
        ("4 rue du Bignon", "35000", "Rennes", ""),
        ("72 cours Berriat", "38000", "Grenoble", ""),
        ("Rue Jules Verne, ZI du Brézet", "63100", "Clermont-Ferrand", ""),
        ("5 avenue du Grand Cours", "76600", "Le Havre", ""),
        ("118 rue des Murlins", "45000", "Orléans", ""),
        ("Parc Technologique, 2 allée Alan Turing", "21000", "Dijon", ""),
        ("14 rue de l'Industrie", "39100", "Dole", ""),
        ("Zone Artisanale Les Plaines, 11 rue des Artisans", "26000", "Valence", ""),
        ("40 rue Ampère", "51100", "Reims", ""),
        ("Port de Gennevilliers, 2 route du Bassin n°6", "92230", "Gennevilliers", ""),
    ],
    "BE": [
        ("Rue de l'Industrie 22", "1400", "Nivelles", ""),
        ("Chaussée de Louvain 431", "1030", "Schaerbeek", ""),
        ("Avenue Louise 149", "1050", "Bruxelles", ""),
        ("Rue du Fort 3, Zoning de Ghlin", "7011", "Mons", ""),
        ("Rue des Gaillettes 18", "4651", "Battice", ""),
        ("Boulevard de l'Europe 131", "1301", "Wavre", ""),
        ("Rue Saint-Gilles 55", "4000", "Liège", ""),
        ("Chaussée de Namur 240", "5030", "Gembloux", ""),
        ("Industriestraße 14", "4700", "Eupen", ""),
        ("Noorderlaan 133", "2030", "Antwerpen", ""),
        ("Rue de la Station 7", "6000", "Charleroi", ""),
        ("Avenue Jean Mermoz 29", "6041", "Gosselies", ""),
        ("Rue de Rhode 118", "1630", "Linkebeek", ""),
        ("Parc Industriel des Hauts-Sarts, 2e Avenue 65", "4040", "Herstal", ""),
        ("Rue du Progrès 5", "5100", "Namur", ""),
    ],
    "DE": [
        ("Industriestraße 12", "70565", "Stuttgart", ""),
        ("Heerdter Landstraße 189", "40549", "Düsseldorf", ""),
        ("Billstraße 84", "20539", "Hamburg", ""),
        ("Schleißheimer Straße 441", "80935", "München", ""),
        ("Widdersdorfer Straße 213", "50825", "Köln", ""),
        ("Hanauer Landstraße 291", "60314", "Frankfurt am Main", ""),
        ("Am Tullnaupark 8", "90402", "Nürnberg", ""),
        ("Torgauer Straße 233", "04347", "Leipzig", ""),
        ("Am Speicher XI 4", "28217", "Bremen", ""),
        ("Hafenstraße 2", "44147", "Dortmund", ""),
        ("Neckarauer Straße 106", "68163", "Mannheim", ""),
        ("Herforder Straße 155", "33609", "Bielefeld", ""),
        ("Gewerbepark Süd 7", "86368", "Gersthofen", ""),
        ("Im Taubental 21", "41468", "Neuss", ""),
        ("Lise-Meitner-Straße 5", "89081", "Ulm", ""),
        ("Robert-Bosch-Straße 30", "63225", "Langen", ""),
        ("Rheinstraße 45", "55116", "Mainz", ""),
        ("Zeppelinstraße 3", "01099", "Dresden", ""),
    ],
    "GB": [
        ("Unit 4, Riverside Industrial Estate", "B6 7EU", "Birmingham", ""),
        ("Westinghouse Road, Trafford Park", "M17 1PG", "Manchester", ""),
        ("27 Sweet Street West", "LS11 9DB", "Leeds", ""),
        ("Units 9-11, Meadowhall Way", "S9 2RX", "Sheffield", ""),
        ("Meadow Lane Industrial Park", "NG2 3HQ", "Nottingham", ""),
        ("Kingsweston Lane, Avonmouth", "BS11 8AZ", "Bristol", ""),
        ("2 Brindley Road, Bletchley", "MK1 1QZ", "Milton Keynes", ""),
        ("Hillington Park, 55 Montrose Avenue", "G52 4LA", "Glasgow", ""),
        ("Unit 17, Shaw Lane Industrial Estate", "DN2 4SE", "Doncaster", ""),
        ("Parkway, 1 Enterprise Drive", "CV2 2TN", "Coventry", ""),
    ],
    "US": [
        ("1450 Commerce Pkwy", "43228", "Columbus", "OH"),
        ("9120 Southern Pine Blvd", "28273", "Charlotte", "NC"),
        ("2801 Channahon Rd", "60436", "Joliet", "IL"),
        ("1999 N Stemmons Fwy", "75207", "Dallas", "TX"),
        ("555 Spice Islands Dr", "89431", "Sparks", "NV"),
        ("7355 Industrial Blvd", "18106", "Allentown", "PA"),
        ("4600 Produce Rd", "40218", "Louisville", "KY"),
        ("3760 Lamar Ave", "38118", "Memphis", "TN"),
        ("1200 Harbor Bay Pkwy", "94502", "Alameda", "CA"),
        ("880 Crossroads Blvd", "30337", "Atlanta", "GA"),
        ("215 Elm St, Suite 300", "06902", "Stamford", "CT"),
        ("6101 W Centinela Ave", "90045", "Los Angeles", "CA"),
    ],
}

SITE_NAMES = {
    "fr": ["Entrepôt", "Plateforme logistique", "Usine", "Magasin central", "Site de production"],
    "de": ["Lager", "Zentrallager", "Werk 2", "Logistikzentrum", "Warenannahme Tor 3"],
    "en": ["Warehouse", "Distribution Center", "Plant 2", "Receiving Dock", "Main Warehouse"],
}

FIRST_LAST = {
    "FR": (
        [
            "Julien",
            "Sophie",
            "Nicolas",
            "Camille",
            "Laurent",
            "Isabelle",
            "Mathieu",
            "Nathalie",
            "Céline",
            "Olivier",
        ],
        [
            "Martin",
            "Bernard",
            "Durand",
            "Lefèvre",
            "Moreau",
            "Girard",
            "Roux",
            "Fournier",
            "Chevalier",
            "Gauthier",
        ],
    ),
    "BE": (
        ["Pierre", "Anne", "Luc", "Marie", "Geert", "Sarah", "Thomas", "Els", "Jérôme", "Inge"],
        [
            "Dubois",
            "Lambert",
            "Peeters",
            "Janssens",
            "Maes",
            "Renard",
            "Leclercq",
            "Wouters",
            "Simon",
            "Hermans",
        ],
    ),
    "DE": (
        [
            "Stefan",
            "Katrin",
            "Michael",
            "Sabine",
            "Jürgen",
            "Andrea",
            "Thomas",
            "Claudia",
            "Jörg",
            "Petra",
        ],
        [
            "Müller",
            "Schmidt",
            "Schneider",
            "Fischer",
            "Weber",
            "Becker",
            "Schulz",
            "Köhler",
            "Richter",
            "Wolf",
        ],
    ),
    "GB": (
        [
            "James",
            "Emma",
            "Oliver",
            "Charlotte",
            "Daniel",
            "Sophie",
            "Mark",
            "Rachel",
            "Gareth",
            "Fiona",
        ],
        [
            "Smith",
            "Jones",
            "Taylor",
            "Brown",
            "Wilson",
            "Evans",
            "Thomas",
            "Roberts",
            "Walker",
            "Wright",
        ],
    ),
    "US": (
        [
            "Michael",
            "Jennifer",
            "David",
            "Ashley",
            "Robert",
            "Jessica",
            "Brian",
            "Amanda",
            "Kevin",
            "Megan",
        ],
        [
            "Johnson",
            "Williams",
            "Miller",
            "Davis",
            "Garcia",
            "Rodriguez",
            "Martinez",
            "Anderson",
            "Thompson",
            "Clark",
        ],
    ),
}

PHONE_PREFIX = {"FR": "+33", "BE": "+32", "DE": "+49", "GB": "+44", "US": "+1"}


@dataclass
class Customer:
    code: str
    name: str
    country: str
    lang: str
    address: Address
    sites: list[Address]  # delivery sites; sites[0] is the main address
    vat_number: str
    email_domains: list[str]
    sales_rep_email: str
    vip: bool
    currency: str
    contacts: list[tuple[str, str]]  # (full name, email)
    phone: str
    fax: str
    alias_style: str
    po_style: str
    vendor_no: str  # the number this customer gives us as supplier
    aliases: dict[str, str] = field(default_factory=dict)  # our sku -> customer part number
    catalogue: list[str] = field(default_factory=list)  # skus this customer buys


@dataclass(frozen=True)
class Product:
    sku: str
    gtin: str
    description: str
    unit: str
    unit_price: Decimal
    currency: str
    family: str
    desc_fr: str
    desc_de: str
    pack: str  # e.g. "carton de 36" / packaging remark for long wrapped descriptions

    def desc(self, lang: str) -> str:
        return {"en": self.description, "fr": self.desc_fr, "de": self.desc_de}[lang]


def _phone(rng: random.Random, country: str) -> str:
    if country == "FR":
        return f"+33 {rng.randint(1, 5)} {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)}"
    if country == "BE":
        return f"+32 {rng.randint(2, 87)} {rng.randint(100, 999)} {rng.randint(10, 99)} {rng.randint(10, 99)}"
    if country == "DE":
        return f"+49 {rng.randint(30, 911)} {rng.randint(100000, 9999999)}"
    if country == "GB":
        return f"+44 {rng.randint(113, 191)} {rng.randint(100, 999)} {rng.randint(1000, 9999)}"
    return f"+1 ({rng.randint(201, 989)}) {rng.randint(200, 999)}-{rng.randint(1000, 9999)}"


def _strip_accents(text: str) -> str:
    import unicodedata

    text = text.replace("ß", "ss").replace("ä", "ae").replace("ö", "oe").replace("ü", "ue")
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


ALIAS_STYLES = [
    "A-###",
    "####-##",
    "MAT-########",
    "EMB.####",
    "LL#####",
    "VS-##-###",
    "1000####",
    "NV-{sku}",
    "#####",
]
PO_STYLES = ["sap", "po-year", "cmd", "bc", "digits6", "slash", "e-year", "us-dash"]


def _alias(rng: random.Random, style: str, sku: str, customer_idx: int) -> str:
    if style == "NV-{sku}":
        return "NV-" + sku
    out = []
    for ch in style:
        if ch == "#":
            out.append(str(rng.randint(0, 9)))
        elif ch == "L":
            out.append(rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ"))
        else:
            out.append(ch)
    return "".join(out)


def build_customers(rng: random.Random, products: list[Product]) -> list[Customer]:
    customers: list[Customer] = []
    idx = 0
    used_addresses: set[tuple[str, str]] = set()
    for country, seeds in CUSTOMER_SEEDS.items():
        pool = [a for a in ADDRESSES[country] if a[2] != "Eupen"]  # Eupen is Kabelwerk's
        rng.shuffle(pool)
        mains = [a for a in pool if a not in ADDRESSES["BE"][8:9]][: len(seeds)]
        for name, slug, tld, lang in seeds:
            idx += 1
            code = f"C{100 + idx * 13:05d}"
            if name.startswith("Kabelwerk Eupen"):
                street, pc, city, state = ADDRESSES["BE"][8]
            else:
                street, pc, city, state = mains.pop(0)
            used_addresses.add((street, pc))
            addr = Address(name, street, pc, city, country, state=state)
            sites = [addr]
            site_lang = lang if lang in SITE_NAMES else "en"
            for _ in range(rng.choice([0, 1, 1, 2])):
                cand = [a for a in pool if (a[0], a[1]) not in used_addresses and a not in mains]
                if not cand:
                    break
                street2, pc2, city2, state2 = rng.choice(cand)
                used_addresses.add((street2, pc2))
                site = rng.choice(SITE_NAMES[site_lang])
                if site_lang == "fr":
                    site_name = f"{name} - {site} de {city2}"
                elif site_lang == "de":
                    site_name = f"{name} - {site} {city2}"
                else:
                    site_name = f"{name} - {city2} {site}"
                sites.append(Address(site_name, street2, pc2, city2, country, state=state2))
            if country == "FR":
                vat = vat_fr(rng.randint(300000000, 899999999))
            elif country == "BE":
                vat = vat_be(rng)
            elif country == "DE":
                vat = vat_de(rng)
            elif country == "GB":
                vat = vat_gb(rng)
            else:
                vat = f"{rng.randint(10, 99)}-{rng.randint(1000000, 9999999)}"
            domains = [f"{slug}.{tld}"]
            if rng.random() < 0.3:
                domains.append(f"{slug.split('-')[0]}-group.com")
            firsts, lasts = FIRST_LAST[country]
            contacts = []
            for _ in range(rng.randint(1, 3)):
                first, last = rng.choice(firsts), rng.choice(lasts)
                local = rng.choice(
                    [
                        f"{first}.{last}",
                        f"{first[0]}.{last}",
                        f"{first[0]}{last}",
                        "achats",
                        "purchasing",
                        "einkauf",
                    ]
                )
                if local in ("achats", "purchasing", "einkauf"):
                    local = {"fr": "achats", "de": "einkauf"}.get(lang, "purchasing")
                contacts.append(
                    (f"{first} {last}", f"{_strip_accents(local).lower()}@{domains[0]}")
                )
            currency = {"GB": "GBP", "US": "USD"}.get(country, "EUR")
            customers.append(
                Customer(
                    code=code,
                    name=name,
                    country=country,
                    lang=lang,
                    address=addr,
                    sites=sites,
                    vat_number=vat if rng.random() < 0.92 else "",
                    email_domains=domains,
                    sales_rep_email=rng.choice(SUPPLIER["reps"]),
                    vip=rng.random() < 0.2,
                    currency=currency,
                    contacts=contacts,
                    phone=_phone(rng, country),
                    fax=_phone(rng, country),
                    alias_style=rng.choice(ALIAS_STYLES) if rng.random() < 0.7 else "",
                    po_style=rng.choice(
                        PO_STYLES if country != "US" else ["us-dash", "digits6", "po-year"]
                    ),
                    vendor_no=str(rng.randint(10000, 799999)),
                )
            )
    # catalogues and aliases
    for i, cust in enumerate(customers):
        cat = rng.sample(products, rng.randint(12, 40))
        cust.catalogue = [p.sku for p in cat]
        if cust.alias_style:
            used: set[str] = set()
            for p in cat:
                for _ in range(50):
                    a = _alias(rng, cust.alias_style, p.sku, i)
                    if a not in used:
                        break
                used.add(a)
                cust.aliases[p.sku] = a
    return customers


# ---------------------------------------------------------------- products

COLOURS = {
    "BK": ("black", "noir", "schwarz"),
    "BR": ("brown", "havane", "braun"),
    "CL": ("clear", "transparent", "transparent"),
    "WH": ("white", "blanc", "weiß"),
    "GY": ("grey", "gris", "grau"),
    "BL": ("blue", "bleu", "blau"),
    "YE": ("yellow", "jaune", "gelb"),
    "RD": ("red", "rouge", "rot"),
    "OR": ("orange", "orange", "orange"),
    "GR": ("green", "vert", "grün"),
    "NT": ("natural", "naturel", "natur"),
    "SI": ("silver", "argent", "silber"),
    "YB": ("yellow/black", "jaune/noir", "gelb/schwarz"),
    "RW": ("red/white", "rouge/blanc", "rot/weiß"),
}


def _family_rows() -> list[tuple]:
    """(family, sku, unit, price, en, fr, de, pack) for every variant."""
    rows = []

    def add(fam, sku, unit, price, en, fr, de, pack=""):
        rows.append((fam, sku, unit, Decimal(price), en, fr, de, pack))

    for w in (48, 50, 75):
        for length in (66, 132):
            for c in ("BR", "CL", "WH"):
                p = Decimal("1.35") * w / 48 * length / 66
                e, f, d = COLOURS[c]
                add("tape", f"PT-{w}-{length}-{c}", "EA", money_round(p),
                    f"Packaging tape PP acrylic {w} mm x {length} m, {e}",
                    f"Ruban adhésif d'emballage PP acrylique {w} mm x {length} m, {f}",
                    f"Packband PP Acryl {w} mm x {length} m, {d}", "36 rolls per carton")  # fmt: skip
    for w in (6, 9, 12, 19, 25):
        for c in ("BK", "GY"):
            e, f, d = COLOURS[c]
            add("gasket", f"GT-{w}MM-{c}", "EA", money_round(Decimal("2.10") + Decimal(w) * Decimal("0.31")),
                f"Foam gasket tape {w} mm x 10 m, {e}", f"Joint mousse adhésif {w} mm x 10 m, {f}",
                f"Dichtungsband Schaumstoff {w} mm x 10 m, {d}", "single-sided EPDM foam")  # fmt: skip
    for size, price in (
        ("100X2.5", "1.20"),
        ("200X4.8", "2.95"),
        ("300X4.8", "4.10"),
        ("370X7.6", "8.60"),
        ("540X9", "14.90"),
    ):
        for c in ("BK", "NT", "WH"):
            e, f, d = COLOURS[c]
            s = size.replace("X", " x ")
            add("ties", f"CT-{size}-{c}", "BOX", price, f"Cable ties {s} mm, {e}, bag of 100",
                f"Colliers de serrage {s} mm, {f}, sachet de 100", f"Kabelbinder {s} mm, {d}, Beutel à 100 Stück",
                "polyamide 6.6, UV resistant" if c == "BK" else "polyamide 6.6")  # fmt: skip
    for w in (400, 450, 500):
        for mic in (17, 20, 23, 30):
            for c in ("CL", "BK"):
                e, f, d = COLOURS[c]
                add("stretch", f"SF-{w}-{mic}-{c}", "EA",
                    money_round(Decimal("0.0042") * w * mic / 23 * 3 + (Decimal("0.40") if c == "BK" else 0)),
                    f"Stretch film hand roll {w} mm {mic} µm, {e}", f"Film étirable manuel {w} mm {mic} µm, {f}",
                    f"Handstretchfolie {w} mm {mic} µm, {d}", "300 m per roll, 6 rolls per carton")  # fmt: skip
    for mic in (17, 20, 23):
        add("mstretch", f"MSF-500-{mic}", "KG", money_round(Decimal("2.35") + Decimal(mic - 17) * Decimal("0.04")),
            f"Machine stretch film 500 mm {mic} µm, 250% pre-stretch", f"Film étirable machine 500 mm {mic} µm, préétirage 250%",
            f"Maschinenstretchfolie 500 mm {mic} µm, 250% Vordehnung", "sold per kg, approx. 16 kg per reel")  # fmt: skip
    add("stretch", "SF-500-23-CL-P54", "PAL", "462.00", "Stretch film hand roll 500 mm 23 µm clear, pallet of 54 rolls",
        "Film étirable manuel 500 mm 23 µm transparent, palette de 54 rouleaux",
        "Handstretchfolie 500 mm 23 µm transparent, Palette à 54 Rollen")  # fmt: skip
    for s in ("S", "M", "L", "XL", "XXL"):
        for c, price in (("BL", "5.90"), ("BK", "6.80")):
            e, f, d = COLOURS[c]
            add("gloves", f"NG-{s}-{c}", "BOX", price, f"Nitrile disposable gloves size {s}, {e}, powder-free, box of 100",
                f"Gants jetables nitrile taille {s}, {f}, non poudrés, boîte de 100",
                f"Nitril-Einmalhandschuhe Größe {s}, {d}, puderfrei, Box à 100", "EN 374, EN 455")  # fmt: skip
    for s in (7, 8, 9, 10):
        add("gloves", f"CRG-{s}", "EA", "4.35", f"Cut resistant gloves level C, size {s}",
            f"Gants anti-coupure niveau C, taille {s}", f"Schnittschutzhandschuhe Stufe C, Größe {s}", "EN 388:2016")  # fmt: skip
    for dims, price in (
        ("200x150x100", "0.38"),
        ("250x200x150", "0.47"),
        ("350x250x200", "0.69"),
        ("500x300x300", "1.12"),
        ("600x400x300", "1.55"),
        ("300x200x150", "0.52"),
        ("310x220x200", "0.61"),
        ("400x300x200", "0.79"),
        ("400x300x300", "0.94"),
        ("500x400x300", "1.28"),
        ("600x400x400", "1.74"),
        ("800x600x500", "2.95"),
    ):
        for wall in ("SW", "DW"):
            p = Decimal(price) * (Decimal("1.6") if wall == "DW" else 1)
            we, wf, wd = {
                "SW": ("single wall", "simple cannelure", "1-wellig"),
                "DW": ("double wall", "double cannelure", "2-wellig"),
            }[wall]
            add("cartons", f"CB-{dims.replace('x', '')}-{wall}", "EA", money_round(p),
                f"Shipping carton {dims} mm, {we}, brown", f"Caisse carton {dims} mm, {wf}, brun",
                f"Faltkarton {dims} mm, {wd}, braun", "FEFCO 0201, supplied flat")  # fmt: skip
    for w, price in ((500, "9.80"), (1000, "18.50"), (1200, "21.90"), (1500, "27.40")):
        add("bubble", f"BW-{w}-50", "EA", price, f"Bubble wrap roll {w} mm x 50 m", f"Film bulle rouleau {w} mm x 50 m",
            f"Luftpolsterfolie Rolle {w} mm x 50 m", "bubble 10 mm, 80 g/m²")  # fmt: skip
    add("bubble", "BWM-1200", "M", "0.46", "Bubble wrap 1200 mm wide, sold by the metre", "Film bulle laize 1200 mm, au mètre",
        "Luftpolsterfolie 1200 mm breit, Meterware")  # fmt: skip
    for w in (12, 16):
        for c in ("BK", "WH"):
            e, f, d = COLOURS[c]
            add("strapping", f"PPS-{w}-{c}", "EA", money_round(Decimal("11.50") + (w - 12) * Decimal("1.9")),
                f"PP strapping {w} mm x 2000 m, {e}", f"Feuillard polypropylène {w} mm x 2000 m, {f}",
                f"PP-Umreifungsband {w} mm x 2000 m, {d}", "core 200 mm")  # fmt: skip
    for w in (16, 19):
        add("strapping", f"PET-{w}-GR", "EA", money_round(Decimal("38.00") + (w - 16) * Decimal("4.5")),
            f"PET strapping {w} mm x 1200 m, green, embossed", f"Feuillard PET {w} mm x 1200 m, vert, gaufré",
            f"PET-Umreifungsband {w} mm x 1200 m, grün, geprägt", "core 406 mm")  # fmt: skip
        for kind, price in (("M", "24.00"), ("P", "31.50")):
            ke, kf, kd = {
                "M": ("metal", "métal", "Metall"),
                "P": ("plastic", "plastique", "Kunststoff"),
            }[kind]
            add("strapping", f"SS-{w}-{kind}", "BOX", price, f"Strapping seals {w} mm, {ke}, box of 1000",
                f"Chapes de cerclage {w} mm, {kf}, boîte de 1000", f"Verschlusshülsen {w} mm, {kd}, Karton à 1000")  # fmt: skip
    for leg in (35, 50):
        for length in (800, 1000, 1200):
            add("edge", f"EP-{leg}-{length}", "EA", money_round(Decimal("0.0000085") * leg * length + Decimal("0.05")),
                f"Cardboard edge protector {leg} x {leg} x 3 mm, length {length} mm",
                f"Cornière carton {leg} x {leg} x 3 mm, longueur {length} mm",
                f"Kantenschutzwinkel Karton {leg} x {leg} x 3 mm, Länge {length} mm")  # fmt: skip
    for dims, price in (
        ("100x50", "6.40"),
        ("100x100", "9.90"),
        ("100x150", "12.80"),
        ("148x210", "19.50"),
        ("57x32", "3.90"),
    ):
        for t in ("TT", "DT"):
            te, tf, td = {
                "TT": ("thermal transfer", "transfert thermique", "Thermotransfer"),
                "DT": ("direct thermal", "thermique direct", "Thermodirekt"),
            }[t]
            add("labels", f"LBL-{dims.replace('x', '-')}-{t}", "EA", money_round(Decimal(price) * (Decimal("0.9") if t == "DT" else 1)),
                f"Labels {dims} mm, {te}, roll of 1000", f"Étiquettes {dims} mm, {tf}, rouleau de 1000",
                f"Etiketten {dims} mm, {td}, Rolle à 1000", "core 76 mm, permanent adhesive")  # fmt: skip
    for w in (60, 110):
        for length in (300, 450):
            add("ribbons", f"RIB-{w}-{length}-WX", "EA", money_round(Decimal("0.021") * w * length / 100),
                f"Thermal transfer ribbon wax {w} mm x {length} m", f"Ruban transfert thermique cire {w} mm x {length} m",
                f"Thermotransferband Wachs {w} mm x {length} m")  # fmt: skip
    for code, en, fr, de, price in (("DGR-IND", "Industrial degreaser, solvent-free", "Dégraissant industriel sans solvant", "Industrieentfetter lösemittelfrei", "4.85"),
                                    ("CLN-INOX", "Stainless steel cleaner", "Nettoyant inox", "Edelstahlreiniger", "7.20"),
                                    ("CLN-MULTI", "Multi-purpose cleaner concentrate", "Nettoyant multi-usages concentré", "Allzweckreiniger Konzentrat", "3.10"),
                                    ("CLN-FLOOR", "Floor cleaner for workshops", "Nettoyant sols ateliers", "Werkstattbodenreiniger", "3.65"),
                                    ("OIL-HYD-32", "Hydraulic oil HLP 32", "Huile hydraulique HLP 32", "Hydrauliköl HLP 32", "3.95"),
                                    ("OIL-HYD-46", "Hydraulic oil HLP 46", "Huile hydraulique HLP 46", "Hydrauliköl HLP 46", "3.95"),
                                    ("OIL-HYD-68", "Hydraulic oil HLP 68", "Huile hydraulique HLP 68", "Hydrauliköl HLP 68", "4.10"),
                                    ("OIL-CUT-EM", "Water-miscible cutting fluid", "Huile de coupe soluble", "Kühlschmierstoff wassermischbar", "6.30")):  # fmt: skip
        add("fluids", code, "L", price, en, fr, de, "supplied in 20 L or 200 L drums")
    for code, en, fr, de, price in (("LUB-SIL-400", "Silicone spray 400 ml", "Aérosol silicone 400 ml", "Silikonspray 400 ml", "5.40"),
                                    ("LUB-PTFE-400", "PTFE dry lubricant spray 400 ml", "Lubrifiant sec PTFE aérosol 400 ml", "PTFE-Trockenschmierspray 400 ml", "8.90"),
                                    ("LUB-MULTI-400", "Multi-purpose penetrating oil spray 400 ml", "Dégrippant multifonction aérosol 400 ml", "Multifunktions-Kriechöl 400 ml", "4.60"),
                                    ("ADH-SPR-500", "Spray adhesive 500 ml", "Colle en aérosol 500 ml", "Sprühkleber 500 ml", "11.20"),
                                    ("MRK-SPR-YE", "Line marking spray yellow 500 ml", "Aérosol de traçage jaune 500 ml", "Markierungsspray gelb 500 ml", "6.75"),
                                    ("MRK-SPR-RD", "Line marking spray red 500 ml", "Aérosol de traçage rouge 500 ml", "Markierungsspray rot 500 ml", "6.75")):  # fmt: skip
        add("aerosols", code, "EA", price, en, fr, de, "12 per carton")
    add("absorb", "ABS-GRAN", "KG", "0.92", "Absorbent granules for oil and chemicals", "Absorbant granulés huiles et produits chimiques",
        "Ölbindemittel Granulat", "20 kg bags")  # fmt: skip
    add("absorb", "ABS-PAD-4050", "BOX", "38.50", "Absorbent pads universal 40 x 50 cm, box of 100",
        "Feuilles absorbantes tous liquides 40 x 50 cm, carton de 100", "Saugmatten universal 40 x 50 cm, Karton à 100")  # fmt: skip
    add("absorb", "DES-SIL-10G", "BOX", "27.00", "Silica gel desiccant bags 10 g, box of 500",
        "Sachets dessicants gel de silice 10 g, boîte de 500", "Silicagel-Trockenmittelbeutel 10 g, Karton à 500")  # fmt: skip
    add(
        "absorb",
        "DES-CLAY-KG",
        "KG",
        "3.40",
        "Clay desiccant, bulk",
        "Dessicant argile, en vrac",
        "Trockenmittel Ton, lose",
    )
    for mm in (6, 8, 10, 12, 14):
        add("rope", f"RP-PP-{mm}MM", "M", money_round(Decimal("0.045") * mm), f"Polypropylene rope {mm} mm, 3-strand",
            f"Cordage polypropylène {mm} mm, 3 torons", f"Polypropylen-Seil {mm} mm, 3-litzig", "coil 220 m")  # fmt: skip
    for dims, price in (("10x14", "0.85"), ("13x18", "1.20"), ("19x25", "1.95"), ("25x32", "2.80")):
        add("hose", f"HS-PVC-{dims.upper()}", "M", price, f"Reinforced PVC hose {dims} mm", f"Tuyau PVC armé {dims} mm",
            f"PVC-Gewebeschlauch {dims} mm", "sold by the metre, max. 50 m per length")  # fmt: skip
    for mm, price in ((4, "1.90"), (5, "2.60"), (6, "3.40"), (8, "5.80")):
        add("chain", f"CH-GALV-{mm}MM", "M", price, f"Galvanised steel chain {mm} mm, short link",
            f"Chaîne acier galvanisé {mm} mm, maille courte", f"Rundstahlkette verzinkt {mm} mm, kurzgliedrig")  # fmt: skip
    for d, price in (("1.2", "3.80"), ("2.0", "3.20"), ("3.0", "2.95")):
        add("wire", f"WR-GALV-{d.replace('.', '')}", "KG", price, f"Galvanised binding wire {d} mm",
            f"Fil de fer galvanisé {d} mm", f"Bindedraht verzinkt {d} mm", "coils of 25 kg")  # fmt: skip
    add("pallets", "PAL-EUR-NEW", "EA", "14.50", "EUR pallet 1200 x 800 mm, new, EPAL", "Palette EUR 1200 x 800 mm, neuve, EPAL",
        "Europalette 1200 x 800 mm, neu, EPAL")  # fmt: skip
    add("pallets", "PAL-EUR-USED", "EA", "8.90", "EUR pallet 1200 x 800 mm, used, grade A", "Palette EUR 1200 x 800 mm, occasion, choix A",
        "Europalette 1200 x 800 mm, gebraucht, Klasse A")  # fmt: skip
    add("pallets", "PAL-IND-1210", "EA", "16.80", "Industrial pallet 1200 x 1000 mm, new", "Palette industrielle 1200 x 1000 mm, neuve",
        "Industriepalette 1200 x 1000 mm, neu")  # fmt: skip
    add("pallets", "PAL-PL-1208", "EA", "52.00", "Plastic pallet 1200 x 800 mm, hygienic", "Palette plastique 1200 x 800 mm, hygiénique",
        "Kunststoffpalette 1200 x 800 mm, hygienisch")  # fmt: skip
    add("pallets", "PAL-CB-PAL", "PAL", "385.00", "Shipping cartons 400x300x200 single wall, pallet of 500",
        "Caisses carton 400x300x200 simple cannelure, palette de 500", "Faltkartons 400x300x200 1-wellig, Palette à 500")  # fmt: skip
    for c in ("CL", "GY", "YE"):
        e, f, d = COLOURS[c]
        add("ppe", f"SG-{c}", "EA", "3.20" if c == "CL" else "3.60", f"Safety glasses, {e} lens, anti-fog",
            f"Lunettes de protection, oculaire {f}, antibuée", f"Schutzbrille, Scheibe {d}, beschlagfrei", "EN 166")  # fmt: skip
    add("ppe", "EPL-200", "BOX", "19.90", "Foam ear plugs SNR 37 dB, box of 200 pairs", "Bouchons d'oreille mousse SNR 37 dB, boîte de 200 paires",
        "Gehörschutzstöpsel Schaum SNR 37 dB, Box à 200 Paar")  # fmt: skip
    for s in ("M", "L", "XL", "XXL"):
        for c in ("YE", "OR"):
            e, f, d = COLOURS[c]
            add("ppe", f"HV-{s}-{c}", "EA", "2.75", f"High-visibility vest {e}, size {s}", f"Gilet haute visibilité {f}, taille {s}",
                f"Warnweste {d}, Größe {s}", "EN ISO 20471 class 2")  # fmt: skip
    for dims, price in (
        ("3.5x25", "3.70"),
        ("4x30", "4.20"),
        ("4x50", "5.60"),
        ("5x70", "9.10"),
        ("6x60", "11.90"),
        ("4x40", "4.90"),
        ("5x50", "7.40"),
        ("5x60", "8.30"),
        ("6x80", "13.60"),
        ("6x100", "16.20"),
    ):
        add("screws", f"SCR-{dims.upper()}-ZN", "BOX", price, f"Chipboard screws {dims} mm, zinc plated, box of 200",
            f"Vis agglo {dims} mm, zinguées, boîte de 200", f"Spanplattenschrauben {dims} mm, verzinkt, Box à 200", "Pozidriv, countersunk")  # fmt: skip
    for rng_, price in (
        ("8-16", "5.50"),
        ("10-16", "5.40"),
        ("60-80", "10.20"),
        ("12-22", "5.90"),
        ("20-32", "6.60"),
        ("32-50", "7.90"),
        ("50-70", "9.40"),
    ):
        add("clamps", f"HC-{rng_}-W4", "BOX", price, f"Hose clamps W4 stainless {rng_} mm, box of 10",
            f"Colliers de serrage inox W4 {rng_} mm, boîte de 10", f"Schlauchschellen W4 Edelstahl {rng_} mm, Packung à 10")  # fmt: skip
    for c in ("CL", "WH", "BK", "GY"):
        e, f, d = COLOURS[c]
        add("sealants", f"SIL-{c}-310", "EA", "4.95", f"Neutral silicone sealant 310 ml, {e}", f"Mastic silicone neutre 310 ml, {f}",
            f"Neutralsilikon 310 ml, {d}", "cartridge, 12 per box")  # fmt: skip
    for grade, price in (("243", "14.20"), ("270", "15.10"), ("638", "19.80")):
        add("sealants", f"TL-{grade}-50", "EA", price, f"Threadlocker grade {grade}, 50 ml", f"Freinfilet grade {grade}, 50 ml",
            f"Schraubensicherung Typ {grade}, 50 ml")  # fmt: skip
    for c in ("BK", "BL", "RD", "GR"):
        e, f, d = COLOURS[c]
        add("office", f"MK-PERM-{c}", "BOX", "9.60", f"Permanent marker, bullet tip, {e}, box of 12",
            f"Marqueur permanent pointe ogive, {f}, boîte de 12", f"Permanentmarker Rundspitze, {d}, Schachtel à 12")  # fmt: skip
    for w, g in ((750, 70), (1000, 70), (1000, 90), (1200, 90)):
        add("paper", f"KP-{w}-{g}G", "KG", money_round(Decimal("1.45") + (g - 70) * Decimal("0.01")),
            f"Kraft paper roll {w} mm, {g} g/m²", f"Papier kraft rouleau {w} mm, {g} g/m²", f"Kraftpapier Rolle {w} mm, {g} g/m²",
            "sold per kg, rolls approx. 10 kg")  # fmt: skip
    for c in ("GY", "BK", "SI"):
        e, f, d = COLOURS[c]
        add("tape", f"DT-50-50-{c}", "EA", "3.85", f"Duct tape 50 mm x 50 m, {e}", f"Ruban toilé américain 50 mm x 50 m, {f}",
            f"Gewebeklebeband 50 mm x 50 m, {d}")  # fmt: skip
    for c in ("BK", "WH"):
        e, f, d = COLOURS[c]
        add("tape", f"GFT-50-{c}", "EA", "8.70", f"Gaffer tape matt 50 mm x 50 m, {e}", f"Gaffer mat 50 mm x 50 m, {f}",
            f"Gaffer-Tape matt 50 mm x 50 m, {d}")  # fmt: skip
    for c in ("YE", "YB", "RW", "GR", "WH", "BL"):
        e, f, d = COLOURS[c]
        add("tape", f"FMT-50-33-{c}", "EA", "6.90" if c in ("YB", "RW") else "5.80", f"Floor marking tape PVC 50 mm x 33 m, {e}",
            f"Ruban de marquage au sol PVC 50 mm x 33 m, {f}", f"Bodenmarkierungsband PVC 50 mm x 33 m, {d}")  # fmt: skip
    for w in (19, 25, 38):
        add("tape", f"MT-{w}-50", "EA", money_round(Decimal("0.052") * w), f"Masking tape {w} mm x 50 m, 60 °C",
            f"Ruban de masquage {w} mm x 50 m, 60 °C", f"Kreppband {w} mm x 50 m, 60 °C")  # fmt: skip
    for w, price in ((12, "1.10"), (19, "1.45"), (25, "1.90")):
        for c in ("CL", "WH"):
            e, f, d = COLOURS[c]
            add("tape", f"DST-{w}-25-{c}", "EA", price, f"Double-sided tape {w} mm x 25 m, {e}", f"Adhésif double face {w} mm x 25 m, {f}",
                f"Doppelseitiges Klebeband {w} mm x 25 m, {d}")  # fmt: skip
    for dims, price in (("230x160", "0.11"), ("330x250", "0.19"), ("460x330", "0.31")):
        add("mailers", f"MB-{dims.replace('x', '')}-PE", "EA", price, f"Polythene mailing bags {dims} mm, grey",
            f"Pochettes d'expédition plastique {dims} mm, grises", f"Versandtaschen Folie {dims} mm, grau")  # fmt: skip
    for dims, price in (("240x150", "0.22"), ("350x250", "0.36")):
        add("mailers", f"MB-{dims.replace('x', '')}-BW", "EA", price, f"Padded bubble envelopes {dims} mm, white",
            f"Enveloppes à bulles {dims} mm, blanches", f"Luftpolstertaschen {dims} mm, weiß")  # fmt: skip
    for dims, price in (
        ("100x150", "0.026"),
        ("200x300", "0.045"),
        ("300x400", "0.072"),
        ("400x600", "0.118"),
    ):
        add("bags", f"PB-{dims.replace('x', '')}-50", "EA", price, f"LDPE zip bags {dims} mm, 50 µm",
            f"Sachets zip PEBD {dims} mm, 50 µm", f"Druckverschlussbeutel LDPE {dims} mm, 50 µm", "sold per bag, cartons of 1000")  # fmt: skip
    for vol, price in (("60", "0.085"), ("120", "0.14"), ("240", "0.26")):
        add("bags", f"RB-{vol}L-BK", "EA", price, f"Refuse sacks {vol} L, black", f"Sacs poubelle {vol} L, noirs",
            f"Müllsäcke {vol} L, schwarz", "rolls of 25")  # fmt: skip
    for c in ("WH", "BL"):
        e, f, d = COLOURS[c]
        add("wipes", f"WP-ROLL-{c}", "EA", "18.40" if c == "WH" else "21.30", f"Industrial wiping roll 2-ply, {e}, 1000 sheets",
            f"Bobine d'essuyage industriel 2 plis, {f}, 1000 formats", f"Putzrolle 2-lagig, {d}, 1000 Blatt")  # fmt: skip
    for s_, price in (("S", "6.20"), ("M", "6.20"), ("L", "6.20"), ("XL", "6.60")):
        add("gloves", f"LG-{s_}-NT", "BOX", price, f"Latex disposable gloves size {s_}, powdered, box of 100",
            f"Gants jetables latex taille {s_}, poudrés, boîte de 100", f"Latex-Einmalhandschuhe Größe {s_}, gepudert, Box à 100")  # fmt: skip
    for s_ in (7, 8, 9, 10):
        add("gloves", f"WG-PU-{s_}", "EA", "1.45", f"Polyurethane-coated work gloves, size {s_}", f"Gants de manutention enduction PU, taille {s_}",
            f"PU-beschichtete Arbeitshandschuhe, Größe {s_}", "EN 388, 12 pairs per bag")  # fmt: skip
    for w, price in ((500, "14.60"), (1000, "27.90")):
        add("bubble", f"BWA-{w}-50", "EA", price, f"Anti-static bubble wrap roll {w} mm x 50 m, pink", f"Film bulle antistatique {w} mm x 50 m, rose",
            f"Antistatische Luftpolsterfolie {w} mm x 50 m, rosa")  # fmt: skip
    for size in range(38, 47):
        add("ppe", f"SHO-S3-{size}", "EA", "42.50", f"Safety shoes S3 SRC, size {size}", f"Chaussures de sécurité S3 SRC, pointure {size}",
            f"Sicherheitsschuhe S3 SRC, Größe {size}", "composite toe cap, anti-perforation")  # fmt: skip
    for c in ("WH", "YE", "BL", "RD"):
        e, f, d = COLOURS[c]
        add(
            "ppe",
            f"HLM-{c}",
            "EA",
            "7.80",
            f"Safety helmet EN 397, {e}",
            f"Casque de chantier EN 397, {f}",
            f"Schutzhelm EN 397, {d}",
        )
    for vol, price in (("30", "0.045"), ("100", "0.12")):
        add(
            "bags",
            f"RB-{vol}L-BK",
            "EA",
            price,
            f"Refuse sacks {vol} L, black",
            f"Sacs poubelle {vol} L, noirs",
            f"Müllsäcke {vol} L, schwarz",
            "rolls of 25",
        )
    for m in (6, 8, 10):
        for length, price in ((30, "9.50"), (40, "10.80"), (60, "13.90")):
            p = Decimal(price) * Decimal(m) / 8
            add("bolts", f"BLT-M{m}X{length}-ZN", "BOX", money_round(p), f"Hexagon head bolts M{m} x {length} mm, 8.8, zinc plated, box of 100",
                f"Vis à tête hexagonale M{m} x {length} mm, 8.8, zinguées, boîte de 100",
                f"Sechskantschrauben M{m} x {length} mm, 8.8, verzinkt, Packung à 100", "DIN 933")  # fmt: skip
    for m, price in ((6, "2.10"), (8, "2.90"), (10, "3.80"), (12, "5.10")):
        add("bolts", f"WSH-M{m}-ZN", "BOX", price, f"Flat washers M{m}, zinc plated, box of 200", f"Rondelles plates M{m}, zinguées, boîte de 200",
            f"Unterlegscheiben M{m}, verzinkt, Packung à 200", "DIN 125")  # fmt: skip
    for ral, en, fr, de in (("9005", "jet black", "noir foncé", "tiefschwarz"), ("9010", "pure white", "blanc pur", "reinweiß"),
                            ("7035", "light grey", "gris clair", "lichtgrau"), ("3000", "flame red", "rouge feu", "feuerrot"),
                            ("5010", "gentian blue", "bleu gentiane", "enzianblau"), ("6018", "yellow green", "vert jaune", "gelbgrün")):  # fmt: skip
        add("aerosols", f"PNT-RAL{ral}", "EA", "7.40", f"Spray paint RAL {ral} {en}, gloss, 400 ml", f"Peinture aérosol RAL {ral} {fr}, brillant, 400 ml",
            f"Sprühlack RAL {ral} {de}, glänzend, 400 ml")  # fmt: skip
    return rows


def build_products(rng: random.Random) -> list[Product]:
    rows = _family_rows()
    prefixes = [
        "3760128",
        "3700451",
        "4012637",
        "4260153",
        "5012346",
        "5410873",
        "8712345",
        "3660212",
    ]
    fam_prefix: dict[str, str] = {}
    used_gtins: set[str] = set()
    products = []
    for fam, sku, unit, price, en, fr, de, pack in rows:
        if fam not in fam_prefix:
            fam_prefix[fam] = rng.choice(prefixes)
        gtin = ""
        if unit in ("EA", "BOX", "PAL") and rng.random() < 0.85:
            while True:
                first12 = fam_prefix[fam] + f"{rng.randint(0, 99999):05d}"
                gtin = first12 + str(ean13_check_digit(first12))
                if gtin not in used_gtins:
                    used_gtins.add(gtin)
                    break
        products.append(Product(sku, gtin, en, unit, price, "EUR", fam, fr, de, pack))
    return products


# ---------------------------------------------------------------- writing


def write_masterdata(folder: Path, customers: list[Customer], products: list[Product]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "customers.csv").open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(
            [
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
                "currency",
            ]
        )
        for c in customers:
            a = c.address
            w.writerow([c.code, c.name, c.vat_number, "|".join(c.email_domains), a.street, a.postal_code, a.city, a.country,
                        c.sales_rep_email, "true" if c.vip else "false", c.currency])  # fmt: skip
    with (folder / "products.csv").open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["sku", "gtin", "description", "unit", "unit_price", "currency"])
        for p in products:
            w.writerow(
                [p.sku, p.gtin, p.description, p.unit, format(p.unit_price, "f"), p.currency]
            )
    with (folder / "aliases.csv").open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["customer_code", "customer_sku", "sku"])
        for c in customers:
            for sku, alias in c.aliases.items():
                w.writerow([c.code, alias, sku])
