"""Word pools for believable companies, people and addresses in FR, BE, DE, GB and the US."""

from __future__ import annotations

import random
import re
import unicodedata

SURNAMES = {
    "FR": ["Lefèvre", "Morel", "Girard", "Bonnet", "Dupuis", "Lambert", "Fontaine", "Rousseau",
           "Vincent", "Muller", "Faure", "André", "Mercier", "Blanc", "Guérin", "Boyer", "Garnier",
           "Chevalier", "François", "Legrand", "Gauthier", "Perrin", "Robin", "Clément", "Morin",
           "Nicolas", "Henry", "Roussel", "Mathieu", "Gautier", "Masson", "Marchand", "Duval",
           "Denis", "Dumont", "Marie", "Lemaire", "Noël", "Meyer", "Dufour", "Meunier", "Brun",
           "Blanchard", "Giraud", "Joly", "Rivière", "Lucas", "Brunet", "Gaillard", "Barbier"],
    "BE": ["Peeters", "Janssens", "Maes", "Jacobs", "Mertens", "Willems", "Claes", "Goossens",
           "Wouters", "De Smet", "Dubois", "Lambert", "Dupont", "Martens", "Vermeulen", "Pauwels",
           "Hermans", "Michiels", "Desmet", "Leroy", "Renard", "Lejeune", "Wauters", "Declercq",
           "Van Damme", "Cools", "Segers", "Verstraete", "Simon", "Lemmens"],
    "DE": ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker",
           "Schulz", "Hoffmann", "Koch", "Richter", "Klein", "Wolf", "Schröder", "Neumann",
           "Schwarz", "Braun", "Zimmermann", "Krüger", "Hartmann", "Lange", "Werner", "Krause",
           "Lehmann", "Köhler", "Maier", "Herrmann", "Walter", "Kaiser", "Fuchs", "Peters",
           "Lang", "Scholz", "Möller", "Weiß", "Jung", "Hahn", "Vogel", "Keller"],
    "GB": ["Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies",
           "Robinson", "Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green",
           "Hall", "Wood", "Jackson", "Clarke", "Hartley", "Pennington", "Ashworth", "Holloway",
           "Barraclough", "Whitfield", "Crossley", "Fairbairn", "Hargreaves", "Marsden"],
    "US": ["Miller", "Davis", "Anderson", "Thomas", "Moore", "Martin", "Lee", "Harris", "Clark",
           "Lewis", "Walker", "Young", "Allen", "King", "Scott", "Baker", "Nelson", "Carter",
           "Mitchell", "Campbell", "Parker", "Collins", "Stewart", "Morris", "Murphy", "Cook",
           "Rogers", "Reed", "Bailey", "Cooper"],
}

FIRST_NAMES = {
    "FR": ["Julien", "Nathalie", "Sébastien", "Isabelle", "Nicolas", "Sandrine", "Christophe",
           "Valérie", "Stéphane", "Céline", "Laurent", "Sophie", "Thomas", "Émilie", "Olivier",
           "Claire", "Frédéric", "Aurélie", "Antoine", "Camille", "Mathieu", "Élodie"],
    "BE": ["Pieter", "Els", "Koen", "An", "Bart", "Sofie", "Wim", "Katrien", "Luc", "Marie",
           "Jan", "Nathalie", "Geert", "Sarah", "Tom", "Ann", "Olivier", "Julie"],
    "DE": ["Thomas", "Sabine", "Michael", "Andrea", "Stefan", "Claudia", "Andreas", "Petra",
           "Frank", "Monika", "Jürgen", "Susanne", "Markus", "Katrin", "Tobias", "Julia",
           "Matthias", "Anja", "Christian", "Nicole"],
    "GB": ["James", "Sarah", "David", "Emma", "Paul", "Claire", "Mark", "Rachel", "Andrew",
           "Helen", "Richard", "Louise", "Simon", "Joanne", "Gareth", "Kate", "Neil", "Lucy"],
    "US": ["Michael", "Jennifer", "Robert", "Jessica", "William", "Ashley", "Christopher",
           "Amanda", "Brian", "Melissa", "Kevin", "Stephanie", "Jason", "Nicole", "Ryan",
           "Heather", "Daniel", "Lauren"],
}

# (trade words, pattern list, legal forms)
TRADES = {
    "FR": ["Emballages", "Mécanique", "Industries", "Logistique", "Plasturgie", "Chaudronnerie",
           "Distribution", "Métallerie", "Transports", "Cartonnages", "Conditionnement",
           "Agroalimentaire", "Usinage", "Menuiserie Industrielle", "Fonderie", "Découpage"],
    "BE": ["Verpakking", "Logistics", "Metaalbouw", "Industries", "Plastics", "Food Products",
           "Emballages", "Techniek", "Distribution", "Constructie", "Mécanique", "Transport"],
    "DE": ["Verpackung", "Maschinenbau", "Metallbau", "Logistik", "Kunststofftechnik",
           "Antriebstechnik", "Lebensmittel", "Stahlbau", "Feinmechanik", "Elektrotechnik",
           "Werkzeugbau", "Industriebedarf", "Oberflächentechnik"],
    "GB": ["Engineering", "Packaging", "Logistics", "Fabrications", "Plastics", "Foods",
           "Precision", "Components", "Distribution", "Manufacturing", "Industrial Supplies"],
    "US": ["Manufacturing", "Packaging", "Logistics", "Fastener Supply", "Industrial",
           "Food Packaging", "Precision Parts", "Distribution", "Fabrication", "Plastics",
           "Machine Works"],
}
REGIONS = {
    "FR": ["du Nord", "de l'Artois", "du Rhône", "Atlantique", "des Alpes", "du Centre",
           "Val de Loire", "de Bourgogne", "d'Alsace", "du Sud-Ouest", "Normandes", "de Picardie"],
    "BE": ["Vlaanderen", "Wallonie", "Kempen", "Brabant", "Hainaut", "Limburg", "Meuse"],
    "DE": ["Rhein", "Ruhr", "Main", "Nord", "Süd", "Westfalen", "Schwaben", "Sachsen", "Elbe"],
    "GB": ["Northern", "Midlands", "Pennine", "Thames", "Severn", "Yorkshire", "Mersey",
           "Caledonian", "Wessex"],
    "US": ["Midwest", "Great Lakes", "Gulf Coast", "Keystone", "Buckeye", "Lone Star",
           "Carolina", "Heartland", "Tri-State", "Ohio Valley"],
}
LEGAL_FORMS = {
    "FR": ["SAS", "SAS", "SARL", "SA"],
    "BE": ["NV", "SA", "BV", "SRL"],
    "DE": ["GmbH", "GmbH", "GmbH & Co. KG", "AG"],
    "GB": ["Ltd", "Ltd", "Ltd", "plc"],
    "US": ["Inc.", "LLC", "Corp.", "Co."],
}

# City, postal code (or its stem), and for the US the state.
CITIES = {
    "FR": [("Lille", "59000"), ("Roubaix", "59100"), ("Tourcoing", "59200"), ("Valenciennes", "59300"),
           ("Lyon", "69007"), ("Villeurbanne", "69100"), ("Marseille", "13015"), ("Toulouse", "31200"),
           ("Nantes", "44300"), ("Strasbourg", "67100"), ("Bordeaux", "33300"), ("Rennes", "35000"),
           ("Grenoble", "38000"), ("Saint-Étienne", "42000"), ("Clermont-Ferrand", "63000"),
           ("Orléans", "45000"), ("Reims", "51100"), ("Le Havre", "76600"), ("Rouen", "76000"),
           ("Dijon", "21000"), ("Tours", "37000"), ("Amiens", "80000"), ("Metz", "57000"),
           ("Nancy", "54000"), ("Mulhouse", "68100"), ("Limoges", "87000"), ("Annecy", "74000"),
           ("Besançon", "25000"), ("Angers", "49000"), ("Le Mans", "72000"), ("Arras", "62000"),
           ("Dunkerque", "59140"), ("Compiègne", "60200"), ("Chartres", "28000")],
    "BE": [("Bruxelles", "1000"), ("Antwerpen", "2000"), ("Gent", "9000"), ("Liège", "4000"),
           ("Charleroi", "6000"), ("Namur", "5000"), ("Brugge", "8000"), ("Mechelen", "2800"),
           ("Leuven", "3000"), ("Kortrijk", "8500"), ("Mons", "7000"), ("Hasselt", "3500"),
           ("Aalst", "9300"), ("Wavre", "1300"), ("Tournai", "7500"), ("Genk", "3600")],
    "DE": [("Hamburg", "20095"), ("München", "80331"), ("Köln", "50667"), ("Frankfurt am Main", "60311"),
           ("Stuttgart", "70173"), ("Düsseldorf", "40213"), ("Dortmund", "44135"), ("Essen", "45127"),
           ("Leipzig", "04109"), ("Bremen", "28195"), ("Dresden", "01067"), ("Hannover", "30159"),
           ("Nürnberg", "90402"), ("Duisburg", "47051"), ("Bochum", "44787"), ("Wuppertal", "42103"),
           ("Bielefeld", "33602"), ("Mannheim", "68159"), ("Karlsruhe", "76133"), ("Augsburg", "86150"),
           ("Aachen", "52062"), ("Saarbrücken", "66111"), ("Kassel", "34117"), ("Ulm", "89073")],
    "GB": [("Birmingham", "B6"), ("Manchester", "M17"), ("Leeds", "LS11"), ("Sheffield", "S9"),
           ("Bristol", "BS11"), ("Coventry", "CV3"), ("Leicester", "LE4"), ("Nottingham", "NG2"),
           ("Glasgow", "G52"), ("Cardiff", "CF24"), ("Liverpool", "L24"), ("Derby", "DE21"),
           ("Newcastle upon Tyne", "NE6"), ("Reading", "RG2"), ("Northampton", "NN3"),
           ("Bradford", "BD4"), ("Stoke-on-Trent", "ST4"), ("Warrington", "WA5")],
    "US": [("Chicago, IL", "60608"), ("Houston, TX", "77029"), ("Columbus, OH", "43228"),
           ("Atlanta, GA", "30336"), ("Charlotte, NC", "28208"), ("Indianapolis, IN", "46241"),
           ("Memphis, TN", "38118"), ("Dallas, TX", "75212"), ("Detroit, MI", "48209"),
           ("Milwaukee, WI", "53218"), ("Cleveland, OH", "44135"), ("Louisville, KY", "40213"),
           ("Allentown, PA", "18109"), ("Kansas City, MO", "64120"), ("Newark, NJ", "07105"),
           ("Grand Rapids, MI", "49548"), ("Greenville, SC", "29605")],
}

STREETS = {
    "FR": ["rue de l'Industrie", "avenue Jean Jaurès", "rue des Frères Lumière", "rue du Commerce",
           "rue Pasteur", "boulevard Victor Hugo", "rue des Artisans", "allée des Tilleuls",
           "rue de la Gare", "chemin du Moulin", "rue Gustave Eiffel", "avenue de la République",
           "rue Denis Papin", "rue Ampère", "rue du Port"],
    "BE": ["Rue de l'Industrie", "Industrieweg", "Nijverheidsstraat", "Avenue Louise",
           "Kanaalstraat", "Rue du Parc Industriel", "Ambachtsweg", "Chaussée de Mons",
           "Steenweg op Brussel", "Havenlaan"],
    "DE": ["Industriestraße", "Gewerbering", "Hafenstraße", "Robert-Bosch-Straße",
           "Carl-Benz-Straße", "Max-Planck-Straße", "Am Güterbahnhof", "Siemensstraße",
           "Daimlerstraße", "Im Gewerbepark", "Lindenstraße", "Otto-Hahn-Straße"],
    "GB": ["Riverside Industrial Estate", "Kingsway Business Park", "Trafford Park Road",
           "Station Road", "Millbrook Way", "Enterprise Park", "Canal Street", "Ashby Road",
           "Heathfield Way", "Mill Lane"],
    "US": ["Industrial Dr", "Commerce Pkwy", "Distribution Way", "W Fulton St", "Elm St",
           "Airport Rd", "Logistics Blvd", "Enterprise Ave", "River Rd", "Corporate Dr"],
}

TLD = {"FR": "fr", "BE": "be", "DE": "de", "GB": "co.uk", "US": "com"}
LANGUAGE = {"FR": "fr", "BE": "fr", "DE": "de", "GB": "en", "US": "en"}
CURRENCY = {"FR": "EUR", "BE": "EUR", "DE": "EUR", "GB": "GBP", "US": "USD"}
PHONE_PREFIX = {"FR": "+33 3", "BE": "+32 2", "DE": "+49 211", "GB": "+44 121", "US": "+1 312"}
PAYMENT_TERMS = {
    "FR": ["45 jours fin de mois", "60 jours date de facture", "30 jours fin de mois"],
    "BE": ["30 dagen einde maand", "60 jours date de facture", "30 days net"],
    "DE": ["30 Tage netto", "14 Tage 2 % Skonto, 30 Tage netto", "60 Tage netto"],
    "GB": ["30 days end of month", "Net 30", "Net 60"],
    "US": ["Net 30", "Net 45", "2% 10 Net 30"],
}
SEGMENTS = ["Automotive", "Food & beverage", "Logistics & warehousing", "Construction",
            "Pharma & cosmetics", "E-commerce", "Metalworking", "Electronics", "Chemicals"]
CONTACT_ROLES = ["Purchasing", "Buyer", "Accounts payable", "Warehouse manager", "Plant manager"]


def ascii_slug(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def company_name(rng: random.Random, country: str) -> str:
    surname = rng.choice(SURNAMES[country])
    trade = rng.choice(TRADES[country])
    region = rng.choice(REGIONS[country])
    form = rng.choice(LEGAL_FORMS[country])
    other = rng.choice(SURNAMES[country])
    patterns = {
        "FR": [f"{trade} {surname}", f"{surname} {trade}", f"{trade} {region}",
               f"{surname} & Fils", f"Ets {surname}"],
        "BE": [f"{surname} {trade}", f"{trade} {region}", f"{surname} & {other}"],
        "DE": [f"{surname} {trade}", f"{region}-{trade}", f"{surname} & {other}"],
        "GB": [f"{surname} {trade}", f"{region} {trade}", f"{surname} & Sons"],
        "US": [f"{surname} {trade}", f"{region} {trade}", f"{surname} Brothers"],
    }[country]
    return f"{rng.choice(patterns)} {form}"


def person(rng: random.Random, country: str) -> tuple[str, str]:
    return rng.choice(FIRST_NAMES[country]), rng.choice(SURNAMES[country])


def street_line(rng: random.Random, country: str) -> str:
    street = rng.choice(STREETS[country])
    number = rng.randint(1, 180)
    if country == "FR":
        return f"{number} {street}" if rng.random() < 0.8 else f"ZI Nord, {number} {street}"
    if country in ("BE", "DE"):
        return f"{street} {number}"
    if country == "GB":
        return f"Unit {rng.randint(1, 40)}, {street}"
    return f"{rng.randint(100, 9900)} {street}"


def postal_code(rng: random.Random, country: str, stem: str) -> str:
    if country == "GB":
        letters = "ABDEFGHJLNPQRSTUWXYZ"
        return f"{stem} {rng.randint(1, 9)}{rng.choice(letters)}{rng.choice(letters)}"
    return stem


def phone(rng: random.Random, country: str) -> str:
    digits = f"{rng.randint(0, 99_999_999):08d}"
    if country == "US":
        return f"+1 {rng.choice(['312', '614', '713', '404', '317'])} {digits[:3]} {digits[3:7]}"
    if country == "GB":
        return f"+44 {rng.choice(['121', '161', '113', '114', '117'])} {digits[:3]} {digits[3:7]}"
    if country == "DE":
        return f"+49 {rng.choice(['211', '221', '40', '89', '711'])} {digits[:4]} {digits[4:]}"
    if country == "BE":
        return f"+32 {rng.choice(['2', '3', '9', '4'])} {digits[:3]} {digits[3:5]} {digits[5:7]}"
    return f"+33 {rng.choice(['3', '4', '1', '2', '5'])} {digits[:2]} {digits[2:4]} {digits[4:6]} {digits[6:8]}"
