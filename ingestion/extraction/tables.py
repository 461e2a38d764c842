"""Order lines from tables, with or without ruling lines.

1. Header rows are recognised by their vocabulary (EN/FR/DE) — a line whose segments read as
   at least two column titles, one of them a quantity, price or amount — and merged with a
   second header line right below ("Unit" / "Price").
2. Each body line's words are assigned to the columns by a monotonic alignment (dynamic
   programming) that weighs horizontal distance to the column title against the type of the
   word (a price column takes numbers, a description takes anything), so a long description
   running under the quantity title does not swallow the quantity.
3. Rows with a quantity are items; text-only rows are wrapped descriptions, attached to the
   nearest item; rows starting with subtotal/total/tax words end the table. Tables go on over
   page breaks, with or without a repeated header.
4. qty × price ≈ total picks the reading of ambiguous numbers and swaps mislabelled numeric
   columns, and raises the line's confidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal

from ingestion.extraction import dates as dates_mod
from ingestion.extraction.geometry import TextLine, fold
from ingestion.extraction.model import ExtractedLine
from ingestion.extraction.numbers import number_candidates, parse_number
from ingestion.extraction.ocrfix import FIXED_CONFIDENCE
from ingestion.extraction.units import normalise_unit, quantity_text, split_quantity_unit
from ingestion.layout import TextSource
from ingestion.splitting.quotes import CLOSING

# a column counting packs: "Nb colis", "No. of cases", "Anzahl VE", "Outers"
_PACKS_COUNTED_TITLE = (
    r"(?:nb|nbre|nombre|no\.?|number|anzahl|anz\.?)\s*(?:de\s+|of\s+)?"
    r"(?:colis|cartons?|cases|ve|kolli|packs?|boxes|gebinde|pkg|pck|ktn|outers)\.?|colis|kolli|outers"
)

# the pieces the packs make, beside the packs counted: "Total units", "Qté totale"
_TOTAL_QUANTITY_TITLE = (
    r"(?:total|gesamt)\s*(?:units|qty|quantity|pcs|pieces|menge|stuck(?:zahl)?)|"
    r"(?:units|qty|quantity|menge|stuckzahl)\s+(?:total|gesamt)|q(?:te|uantite)\.?\s+totale|"
    r"gesamtmenge|gesamtstuckzahl"
)
_TOTAL_QUANTITY = re.compile(_TOTAL_QUANTITY_TITLE)

_ROLE_PATTERNS: list[tuple[str, str]] = [
    (
        # how many of the inner unit a counted pack holds ("Pack size", "VE-Inhalt")
        "pack_size",
        r"pack(?:ing)?\s*size|pack\s+(?:qty|content)|case\s+(?:pack|qty|size)|inner\s+pack|"
        r"(?:units?|pcs|pieces|qty|rolls?)\s*(?:per|/)\s*(?:pack|case|carton|ctn|box|bundle|outer)|"
        # a British stock list's "Outer Qty | Outers": the units an outer carton holds
        r"outer\s*(?:qty|quantity|size|pack)|"
        r"(?:ve|vpe|pack(?:ungs)?|karton)[\s-]?inhalt|inhalt(?:\s+(?:ve|vpe))?|colisage|"
        r"(?:qte|pieces|pces|unites)\s+par\s+(?:colis|carton|boite|botte|paquet)|"
        # a French retailer's "PCB" (par combien): the units a carton holds
        r"pcb|par\s+combien|uvc\s*(?:/|par)\s*colis|"
        r"(?:stk|stuck|st|pcs|pces?)\.?\s*(?:/|je|pro|per|par)\s*(?:pkg|pack|ve|karton|ktn|ctn|colis|carton)\.?",
    ),
    (
        "gtin",
        r"(?:code\s+)?(?:gtin|ean|upc)(?:[\s-]*(?:13|8|code|nr\.?|no\.?))?|barcode|bar\s+code|code[\s-]+barres?|ean/upc",
    ),
    (
        "line_no",
        r"pos\.?|position|poste|line(?:\s*(?:no\.?|#))?|ln\.?|lfd\.?[\s-]*nr\.?|ligne|zeile|nr\.?|no\.?|n°|#|item\s+line",
    ),
    (
        "sku",
        # "Vendor" or "Supplier" alone is the company's name, not its part number
        r"(?:your|vendor|supplier'?s?|manufacturer|mfr\.?|mfg\.?)\s*(?:(?:part|item|article|art\.?|ref\.?|reference|sku|code|product|cat\.?|catalog)\s*(?:no\.?|number|#|code|nr\.?)?|(?:no\.?|number|#|code|nr\.?))|mfr\.?|mfg\.?|manufacturer|"
        r"your\s+p/?n|(?:vs|vostro)\.?\s+codice|(?:su|vuestro)\s+(?:codigo|ref\.?)|uw\s+(?:artikelnummer|art\.?\s*nr\.?|code)|"
        r"votre\s+ref(?:erence)?\.?|ref(?:erence)?\.?\s+(?:fournisseur|fourn\.?|fabricant)|code\s+(?:article\s+)?fournisseur|ref(?:erence)?\.?\s+article\s+fournisseur|"
        r"ihre\s+art(?:ikel)?[\s.-]*(?:nr\.?|nummer|no\.?)?|lieferanten[\s-]*(?:art(?:ikel)?[\s.-]*(?:nr\.?|nummer)?|nr\.?|nummer)|artikel[\s-]*lieferant|(?:supplier|vendor)\s+(?:item|article|part)(?:\s*(?:no\.?|#|number|code))?|hersteller[\s-]*(?:art(?:ikel)?[\s.-]*)?(?:nr\.?|nummer)|sku|"
        r"(?:art(?:ikel)?[\s.-]*(?:nr\.?|nummer|no\.?)?|ref(?:erence)?\.?|code|item(?:\s*(?:no\.?|code))?|part\s*(?:no\.?|number)|artikelnummer)\s*"
        r"(?:lieferant(?:en)?|fournisseur|fourn\.?|supplier|vendor|leverancier|lev\.?)|"
        r"(?:lieferanten|hersteller)[\s-]*material(?:nummer|[\s.-]*nr\.?)?|"
        r"(?:kred(?:itor(?:en)?)?|lief)\.?[\s-]*(?:art(?:ikel)?|mat(?:erial)?)[\s.-]*(?:nr\.?|nummer|no\.?)?|(?:vendor|supplier)\s+mat(?:erial|\.)?(?:\s*(?:no\.?|number))?",
    ),
    (
        "customer_sku",
        r"(?:our|buyer'?s?|customer|internal|client)\s*(?:part|item|article|ref\.?|reference|code|material|mat\.?|product)\s*(?:no\.?|number|#|code|nr\.?)?|"
        r"our\s+p/?n|(?:ns|nostro)\.?\s+codice|(?:nuestro)\s+(?:codigo|ref\.?)|(?:ons|onze)\s+(?:artikelnummer|art\.?\s*nr\.?|code)|"
        r"notre\s+ref(?:erence)?\.?|ref(?:erence)?\.?\s+(?:interne|client)|code\s+(?:interne|client)|"
        r"unsere\s+art(?:ikel)?[\s.-]*(?:nr\.?|nummer)?|material(?:nummer|[\s.-]*nr\.?|[\s.-]*no\.?)?|mat\.?[\s-]*nr\.?|materialnr\.?",
    ),
    (
        "code",
        r"item(?:\s*(?:no\.?|number|#|code|id|ref\.?))?|part(?:\s*(?:no\.?|number|#|code))?|p/n|pn|"
        r"article(?:\s*(?:no\.?|number|#|code|n°))?|art\.?(?:[\s.-]*(?:nr\.?|no\.?|n°|#))?|artikel(?:[\s.-]*(?:nr\.?|nummer|no\.?))?|artikelnummer|art\.?-?nr\.?|"
        r"product\s*(?:code|no\.?|id|#|number)|prod\.?\s*(?:code|no\.?)|ref(?:erence)?\.?(?:\s*(?:article|produit|no\.?|n°))?|code(?:\s*(?:article|produit|art\.?))?|"
        r"catalog(?:ue)?\s*(?:no\.?|#|number)|cat\.?\s*no\.?|model|modele|teile(?:nummer|[\s-]*nr\.?)|sachnummer|id|"
        r"stock\s*(?:code|no\.?|number|ref\.?)|"
        r"codice(?:\s+articolo)?|codigo|artikelcode|"
        # "Réf. SP": the reference of a company written by its initials
        r"ref(?:erence)?\.?\s+[a-z]{2,3}|"
        # "Art.Nr. Pramberger": the article number the supplier (named) gives it
        r"art(?:ikel)?[\s.-]*(?:nr|no)\.?\s+[a-z]{4,}",
    ),
    (
        "description",
        r"(?:item|article|product|goods)?\s*(?:description|descr\.?|desc\.?)|designation(?:\s+(?:article|produit))?|libelle(?:\s+(?:article|produit|art\.?))?|article|produit|"
        r"(?:artikel)?bezeichnung|beschreibung|artikeltext|produkt|text|denomination|name|details?|goods|marchandises?|products?|items?|articles?|artikel|leistung|item\s+name|product\s+name|"
        r"(?:material)?kurztext|short\s+text|omschrijving|was|what",
    ),
    (
        "quantity",
        r"qty\.?(?:\s*(?:ordered|ord\.?|req(?:uested)?\.?|req'?d|required|to\s+order))?|quantity(?:\s+(?:ordered|required|requested))?|quantities|"
        r"(?:order(?:ed)?|ord\.?|po|purchase)\s*(?:qty\.?|quantity)|qte\.?|ote|q(?:te|uantite)\.?\s+(?:commandee|commande|cdee|cde|cmdee|cmd|uvc|unites|pieces)|q(?:te|uantite)\.?\s+a\s+commander|(?:menge\s+)?(?:zu\s+)?bestellen|quantite|aantal|hoeveelheid|qt\.?|quant\.?|menge|bestellmenge|anzahl|anz\.?|stuck(?:zahl)?|ordered|order\s+qty|nb|nbre|nombre|units|q\.?te|mng\.?|mge\.?|how\s+many|"
        # what is weighed out: "Kgs", "Kilos"
        r"kgs|kilos|" + _TOTAL_QUANTITY_TITLE + "|" + _PACKS_COUNTED_TITLE,
        # cartons counted: "Nb colis", "No. of cases", "Anzahl VE" (a pack size column says of what)
    ),
    (
        "unit",
        r"unit(?:\s+of\s+measure)?(?:\s+code)?|uom(?:\s+code)?|oun|bme|eenheid|bestell(?:mengen)?einheit|(?:order|buying|purchase|purchasing|selling)\s+unit|u/m|u\.?m\.?|unite(?:\s+de\s+mesure)?|udm|u\.?|uq|uv|einheit|mengeneinheit|me|eh|pack(?:aging)?|conditionnement|cond\.?|vpe|ve|per",
    ),
    (
        "price_unit",
        r"pe|preiseinh(?:eit|\.)?|per\s+qty|price\s+unit|unite\s+de\s+prix|p\.?\s?e\.?",
    ),
    (
        "unit_price",
        r"(?:direct\s+)?unit\s*(?:price|cost|rate)(?:\s*\(?(?:eur|usd|gbp|chf|€|\$|£)\)?)?|price(?:\s*(?:each|/\s*unit|per\s+unit|/\s*ea\.?|unit|net|ea\.?|\(?(?:eur|usd|gbp|chf|€|\$|£)\)?))*|u\.?\s*price|rate|cost(?:\s*(?:each|per\s+unit|/\s*unit|ea\.?|\(?(?:eur|usd|gbp|chf|€|\$|£)\)?))*|each|"
        r"prix(?:\s*(?:unitaire|unit\.?|u\.?|net|ht|de\s+base|\(?(?:eur|€)\)?))*|p\.?\s?u\.?(?:\s*(?:ht|net|€|eur))*|pu\s*ht|tarif(?:\s+unitaire)?|"
        r"einzelpreis(?:\s*(?:netto|eur|€))?|e-?preis|ek[\s-]?preis(?:\s*(?:netto|eur|€))?|einkaufspreis|stuckpreis|(?:me-?)?preis(?:\s*(?:/|je|pro)\s*(?:einheit|stk\.?|stuck|st\.?|me|pe|kg|l|m|lfm|sack|gebinde|ve|karton|pkg|pck|ktn)(?:\s+(?:lt\.?|laut|gem\.?|gemass)\s+(?:katalog|liste|preisliste|angebot))?)?(?:\s*bzw\.?\s*(?:me|pe|einheit|stk\.?))?(?:\s*(?:netto|eur|€))?|nettopreis|ep(?:\s*(?:netto|eur|€))?|vk-?preis|net\s*(?:unit\s*)?price|prix\s+net(?:\s+unitaire)?|p\.?u\.?\s*net|"
        r"(?:contract|agreed|special|your|quoted|trade|dealer|wholesale|member|customer)\s+"
        r"(?:unit\s+)?price(?:\s*\(?(?:eur|usd|gbp|chf|€|\$|£)\)?)?|prix\s+(?:convenu|contrat|contractuel)|prijs|eenheidsprijs|stukprijs|"
        # the price of one of what is counted: "Price per roll/pc", "Prix HT par colis"
        r"price\s+per\s+[a-z]+(?:\s*/\s*[a-z]+)?|prix(?:\s+(?:ht|net))?\s+par\s+[a-z]+|preis\s+(?:pro|je)\s+[a-z]+|"
        # "Price/pack", "Price/kg", "Prix/colis": not a path of an export's field names
        r"(?:price|prix|preis)\s*/\s*[a-z]+|"
        # a German buyer's purchase price: "EK (€)", "EK netto"
        r"ek|"
        # a French buyer's purchase price ("PA HT", "PA HT colis"), a carton's price
        r"p\.?a\.?(?:\s*(?:ht|net|€|eur))*(?:\s+(?:colis|carton|unitaire|u\.?))?|(?:p\.?u\.?|prix)(?:\s*(?:ht|net))?\s+(?:colis|carton)",
    ),
    (
        "discount",
        r"(?:line\s+)?disc(?:ount)?\.?\s*(?:%|pct|percent|rate)?|remise\s*%?|rabais|rabatt\s*%?|rab\.?\s*%?|nachlass|%|rem\.?\s*%?|abzug",
    ),
    (
        "gross_price",
        r"p\.?\s?u\.?\s*brut|gross\s*(?:unit\s*)?price|gross|brut|list\s*price|catalog(?:ue)?\s*price|prix\s+(?:brut|catalogue|tarif)|bruttopreis|listenpreis|preis\s+brutto|katalogpreis",
    ),
    (
        "line_total",
        r"(?:line\s+|extended\s+|ext\.?\s*)?(?:total|amount|price|cost)(?:\s*(?:price|amount|net|ht|\(?(?:eur|usd|gbp|chf|€|\$|£)\)?))*|ext\.?|extension|"
        # (a scan runs "PU net" into "Montant": "netMontant")
        r"(?:net\s*)?montant(?:\s*(?:ht|total|net|ligne|\(?(?:eur|€)\)?))*|total\s+(?:ht|ligne)|prix\s+total(?:\s+ht)?|"
        r"gesamt(?:preis|betrag|wert)?(?:\s*(?:netto|eur|€))?|gp(?:\s*(?:netto|eur|€))?|betrag(?:\s*(?:netto|eur|€))?|summe|nebensumme|zeilen(?:summe|betrag)|wert|net\s+amount|net\s+value|value|sum|positionswert|nettowert|gesamtpreis|"
        r"(?:line|total|order|extended|ext\.?|goods)\s+value|bedrag|totaal|(?:netto)?bestell(?:netto)?wert|net\s+order\s+value|"
        r"valeur(?:\s+(?:nette|totale|ligne))?(?:\s+h\.?t\.?)?|"
        # a line's subtotal (Odoo's "Order Lines/Subtotal")
        r"sub[\s-]?total|sous[\s-]total",
    ),
    (
        "date",
        r"(?:delivery|ship(?:ping)?|due|req(?:uested)?\.?|need(?:ed)?|required)\s*(?:date|by)|need(?:ed)?\s+by\s+date|date(?:\s+(?:de\s+)?livraison)?|date\s+livr\.?|livr\.?|livraison|delai|"
        # an ERP's column of the day each item is required: "Required", "Req'd"
        r"required|req'?d|"
        r"liefer(?:datum?|termin|tag|woche|ung)|anlieferung|lief(?:er)?\.?[\s-]*dat(?:um?|\.)?|termin|datum|wunschtermin|kw|(?:benotigt|erforderlich|gewunscht)\s+(?:bis|am)|"
        r"delai\s+(?:de\s+)?livraison|"
        # the week an item is wanted: "Liefer-KW", "Termin KW", "Semaine livr.", "Delivery wk"
        r"(?:(?:lief(?:er)?|liefer(?:ungs)?termin|termin)\.?[\s-]*)?(?:kw|woche)|"
        r"(?:sem(?:aine|\.)?)(?:\s+(?:de\s+)?livr(?:aison|\.)?)?|livr(?:aison|\.)?\s+sem(?:aine|\.)?|"
        r"(?:(?:delivery|del\.?|ship(?:ping)?|due)\s*)?(?:wk|week)|due|"
        r"(?:(?:expected|requested|promised|planned|required|desired|wanted)\s+)?(?:receipt|arrival|delivery|shipment)\s+date|"
        r"(?:expected|requested|promised|planned|scheduled)\s+(?:arrival|receipt|delivery)|"
        r"date\s+(?:req(?:uested|uired)?|prevue|souhaitee|planned|scheduled|expected|due)\.?|(?:scheduled|planned|expected)\s+date|"
        r"date\s+(?:de\s+)?livraison\s+(?:souhaitee|demandee|prevue|requise|voulue|desiree)|"
        r"(?:consegna|entrega|levering|leverdatum)(?:\s*/\s*deliv(?:ery)?\.?)?|deliv(?:ery)?\.?(?:\s*date)?|eta|"
        # Navision's "Erw. Wareneingang" (expected receipt date)
        r"(?:erw(?:\.|artete?s?)?\s*)?(?:waren)?eingang(?:sdatum)?",
    ),
    (
        "ignore",
        r"tax(?:\s*%)?|vat(?:\s*%)?|tva(?:\s*%)?|mwst\.?(?:\s*%)?|ust\.?(?:\s*%)?|taux|cur(?:rency)?\.?|crcy|devise|wahr(?:ung|g)\.?|stor\.?\s*loc\.?|weight|poids|gewicht|status|"
        r"(?:net|gross)\s*(?:weight|wt\.?|mass)|(?:netto|brutto)[\s-]*gewicht|poids\s+(?:net|brut)|"
        # an ERP's line export repeats the order's own columns on every row (SAP ME2L: the
        # purchasing document, its date, the vendor, the plant): not the item's
        r"einkaufsbeleg(?:nummer)?|belegdatum|lieferant|kreditor|werk|lagerort|buchungskreis|"
        r"einkaufer(?:gruppe)?|einkaufsorganisation|purchasing\s+doc(?:ument)?\.?|document\s+date|"
        r"vendor(?:\s+(?:no\.?|number|name))?|supplier(?:\s+(?:no\.?|number|name))?|plant|"
        r"storage\s+location|purchasing\s+group|document\s+d'achat|date\s+(?:du\s+)?document|"
        r"fournisseur|division|magasin|"
        # a replenishment list's stock beside what to order: "Stock magasin | Qté à commander"
        r"stock\s+(?:magasin|actuel|disponible|dispo\.?|on\s+hand|level|mini(?:mum)?)|en\s+stock|"
        r"(?:ist-?|lager)?bestand|on\s+hand|"
        # the order's own fields as columns of a flat export (Odoo: "Référence commande")
        r"reference\s+(?:de\s+(?:la\s+)?)?commande|order\s+reference|date\s+(?:de\s+(?:la\s+)?)?commande|"
        r"order\s+date|adresse\s+de\s+livraison|delivery\s+address|ship[\s-]*to(?:\s+address)?|"
        r"lieferanschrift|lieferadresse",
    ),
    # "Netto", "Net" alone: the net price after a discount, or the line's net amount; which
    # one, the other titles of the row tell (see _settle_roles)
    ("net", r"net|netto|nett"),
]
_ROLE_RES = [(role, re.compile(rf"(?:{pattern})[\s.:#()]*")) for role, pattern in _ROLE_PATTERNS]
NUMERIC_ROLES = {"quantity", "unit_price", "line_total", "discount", "gross_price"}
CODE_ROLES = {"sku", "customer_sku", "code", "gtin"}

_TOTAL_ROW = re.compile(
    # "zzgl. Fracht", "plus carriage", "+ frais de port": a charge added to the goods
    r"^(?:(?:zzgl\.?|zuzgl\.?|plus|\+|hors|excl\.?|ggf\.?)\s*)?"
    r"(?:sub[\s-]?total|total|totals|grand\s+total|net\s+total|order\s+total|po\s+total|sum|summe|zwischensumme|"
    # "Revised PO value EUR 2,507.00": the order's value (as amended)
    r"(?:revised\s+|new\s+|total\s+)?(?:po|order|purchase\s+order)\s+value|"
    r"gesamt(?:summe|betrag|preis)?|endbetrag|nettobetrag|nettowarenwert|netto(?:summe|betrag)?|brutto(?:summe|betrag)?|warenwert|"
    r"sous[\s-]total|montant\s+(?:total|ht|ttc)|total\s+(?:ht|ttc|net|general|commande)|net\s+a\s+payer|"
    r"tax(?:es)?|sales\s+tax|vat|tva|mwst|ust|shipping|freight|ship/ins|handling|carriage|delivery\s+charge|"
    r"frais(?:\s+de\s+port)?|port|fracht|versand(?:kosten)?|verpackung|porto|emballage|discount|remise|rabatt|"
    r"amount\s+due|balance|montant|betrag|gesamtnettowert|valeur\s+(?:nette|totale|h\.?t)"
    # "Goods €2,175.76", "Net 996.60": a label of one word before its amount
    r"|goods$|net$)\b",
)
_CURRENCY_TOKEN = re.compile(r"^(?:[€$£¥]|eur|usd|gbp|chf|fr\.?|euro?s?)$", re.IGNORECASE)
_GTIN = re.compile(r"^\d{8}$|^\d{12,14}$")
_CODE = re.compile(r"^(?=.*\d)[A-Za-z0-9][A-Za-z0-9\-/._#]{1,30}$|^[A-Z]{2,}[A-Z0-9\-/._]*$")


def gtin_valid(code: str) -> bool:
    if not _GTIN.match(code):
        return False
    digits = [int(c) for c in code]
    check = digits.pop()
    total = sum(d * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(digits)))
    return (10 - total % 10) % 10 == check


def _classify_plain(t: str) -> str | None:
    for role, pattern in _ROLE_RES:
        if pattern.fullmatch(t):
            return role
    if " / " in t:
        # a bilingual title, "Q.tà / Qty", "Prezzo / Price": either half may say it
        for part in t.split(" / "):
            part = part.strip(" :.#*")
            for role, pattern in _ROLE_RES:
                if part and pattern.fullmatch(part):
                    return role
    return None


_TAX = r"(?:vat|tax(?:es)?|tva|mwst|ust|btw|gst|sales\s+tax)\.?"
# words after a title that say how its values are given, not what they are: the currency
# ("(EUR)", "in EUR", "£", "LCY"), tax excluded ("Excl. VAT", "HT", "netto"), a unit in
# brackets ("(pcs)"); the title is read by what is left
_QUALIFIER = re.compile(
    r"(?:(?:^|\s|(?<=\S)(?=[(€$£]))(?:"
    r"\([^()\d]{1,24}\)"
    r"|(?:(?:in|en)\s+)?(?:eur|euros?|usd|gbp|chf|sfr|lcy|fcy|[€$£])"
    r"|(?:excl?|excluding|exkl|ex|zzgl|ohne|o|w/o|hors|sans|net\s+of|before)\.?\s*"
    + _TAX
    + r"|h\.?t\.?|htva|hors\s+taxes?|netto|net"
    # a standing order's column for this time ("Qty this week", "Qté cette semaine")
    r"|(?:this|next)\s+(?:week|month)|cette\s+semaine|(?:diese|nachste)\s+woche"
    r"))[\s.:]*$"
)
_CURRENCY_WORD = re.compile(r"eur|usd|gbp|chf|sfr|[€$£]")
# ... and qualifiers that make the values another thing than the order's net figures
_TAX_INCLUDED = re.compile(
    r"(?:^|\s|\()(?:(?:incl?|including|inkl|inc|with|avec|mit)\.?\s*"
    + _TAX
    + r"|ttc|t\.t\.c\.?|tvac)[\s.:)]*$"
)


# SAP purchasing fields (tables EKKO/EKPO/EKET) as column titles: the item's fields by role, the
# order's own (EBELN, BEDAT) read as the order's by their labels
SAP_FIELDS = {
    "EBELP": "line_no",
    "MATNR": "customer_sku",
    "IDNLF": "sku",  # the vendor's material number: ours
    "EAN11": "gtin",
    "TXZ01": "description",
    "MENGE": "quantity",
    "MEINS": "unit",
    "BPRME": "unit",
    "NETPR": "unit_price",
    "PEINH": "price_unit",
    "NETWR": "line_total",
    "EINDT": "date",
    "EBELN": "ignore",
    "BEDAT": "ignore",
    "LIFNR": "ignore",
    "WERKS": "ignore",
    "LGORT": "ignore",
    "WAERS": "ignore",
    "EKORG": "ignore",
    "EKGRP": "ignore",
    "BUKRS": "ignore",
}


# a French ERP's column names, shortened: "LIB_ARTICLE", "MT_HT", "UC", "DATE_LIV"
_ERP_SHORT = {
    "lib article": "description",
    "lib art": "description",
    "mt ht": "line_total",
    "mnt ht": "line_total",
    "uc": "unit",
    "code mag": "customer_sku",
    "date liv": "date",
    "date livr": "date",
    # a British joiner's sheet: "no. off | £ each | £" (how many, the price of one, the amount)
    "no off": "quantity",
    "no. off": "quantity",
    "nr off": "quantity",
    "number off": "quantity",
    "qty off": "quantity",
    "£ each": "unit_price",
    "€ each": "unit_price",
    "$ each": "unit_price",
    "each £": "unit_price",
    "each €": "unit_price",
    "£": "line_total",
    "€": "line_total",
}


def classify_header(text: str) -> str | None:
    # SAP's own field names, as a table download (SE16, ME2N to a spreadsheet) titles them
    sap = SAP_FIELDS.get(text.strip().upper())
    if sap is not None:
        return sap
    # a system export's column names: "article_text", "price_eur", "amount_eur", and in
    # camel case: "NetAmount", "DiscountPct"
    camel = re.sub(r"(?<=[a-z])(?=[A-Z][a-z])", " ", text)
    t = fold(camel.replace("_", " ")).strip(" :.#*,;")
    # a scan's specks and quotes about a title: "‘EAN", "‚Total"
    t = re.sub(r"^[‘’‚'`´\"“”„«»©®°|]+\s*", "", t)
    t = re.sub(r"\s+", " ", t)
    if t in _ERP_SHORT:
        return _ERP_SHORT[t]
    role = _classify_plain(t)
    if role is not None or not t:
        return role
    # a scan's "Preis/VE" read "PreisiVE": the slash taken for a letter
    slashed = re.sub(r"^(preis|prix|price)[il1|!]([a-z]{1,7})$", r"\1/\2", t)
    if slashed != t:
        role = _classify_plain(slashed)
        if role is not None:
            return role
    if (
        "/" in t
        and len(t.rsplit("/", 1)[1]) > 2
        # (not a price per what it is for: "PU HT (€/colis)", "Preis EUR/VE")
        and not re.search(r"(?:[€$£]|\b(?:eur|chf|gbp|usd))\s*/\s*[a-z]+\.?\)?$", t)
    ):
        # Odoo's export names a field by its path: "Order Lines/Quantity",
        # "Lignes de commande/Prix unitaire" (else a slash of the title's own words, "Pack
        # size (rolls/pcs)", "Price per roll/pc")
        role = classify_header(t.rsplit("/", 1)[1])
        if role is not None:
            return role
    # a title with qualifiers is read by its core: "Direct Unit Cost Excl. VAT", "Preis CHF",
    # "Montant (EUR) HT", "Amount Including VAT" (a figure with tax: not the order's)
    core, taxed, money = t, False, False
    for _ in range(4):
        m = _TAX_INCLUDED.search(core)
        if m and m.start() > 0:
            core, taxed = core[: m.start()].rstrip(" :.#*-/,("), True
            continue
        m = _QUALIFIER.search(core)
        if m and m.start() > 0:
            money = money or bool(_CURRENCY_WORD.search(m.group(0)))
            core = core[: m.start()].rstrip(" :.#*-/,")
            continue
        break
    if core == t or not core:
        return None
    role = _classify_plain(core)
    if role is None and not taxed and core in ("net", "netto"):
        role = "net"
    if role == "unit" and money:
        role = "unit_price"  # "Unit £": so much a unit, not the unit of measure
    if taxed and role in NUMERIC_ROLES | {"net"}:
        return "ignore"
    return role


# single-word titles, to read titles cut short by a narrow column or misread by OCR
_TITLE_WORDS = {
    "quantity": "quantity quantite menge anzahl bestellmenge stuckzahl",
    "unit": "mengeneinheit einheit unite",
    "unit_price": "stuckpreis einzelpreis unitprice prixunitaire nettopreis",
    "line_total": "positionswert gesamtpreis gesamtbetrag betrag montant amount extension nettowert",
    "description": "description designation bezeichnung beschreibung artikelbezeichnung libelle",
    "code": "artikelnummer article reference partnumber",
}


_SHORT_TITLES = {
    "uom": "unit",
    "qty": "quantity",
    "item": "code",
    "unit": "unit",
    "pos": "line_no",
    "desc": "description",
}


def classify_title_fragment(text: str) -> str | None:
    """The role of a title cut short ("Positionswer", "Quantit") or a little misread ("Descriptlon")."""
    t = re.sub(r"[^a-z]", "", fold(text))
    if 3 <= len(t) <= 4:
        found = {
            role
            for word, role in _SHORT_TITLES.items()
            if (len(word) == len(t) and sum(a != b for a, b in zip(t, word, strict=True)) <= 1)
            or (word.startswith(t) and len(t) >= 0.75 * len(word))
        }
        return found.pop() if len(found) == 1 else None
    if len(t) < 5:
        return None
    roles = set()
    for role, words in _TITLE_WORDS.items():
        for word in words.split():
            if (
                word.startswith(t)
                and len(t) >= 0.6 * len(word)
                or len(t) == len(word)
                and sum(a != b for a, b in zip(t, word, strict=True)) == 1
            ):
                roles.add(role)
    return roles.pop() if len(roles) == 1 else None


@dataclass
class Column:
    role: str
    x0: float
    x1: float
    text: str
    ruled: bool = False  # as wide as a run of dashes under its title: what is under it is its

    @property
    def xc(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass
class Header:
    line: TextLine
    columns: list[Column]
    lines_used: int = 1
    score: float = 0.0
    bottom: float = 0.0
    inferred: bool = False  # a title not read, its role told by the rows under it


# a worksheet's title that in print would be a word of a longer one: SAP's German lists title
# the price unit "pro" ("12,60 EUR pro 100"), a page's "Preis pro Einheit" is one title
_SHEET_TITLES = {"pro": "price_unit"}


# two titles printed without a space: "NumQty", "NoPrice"
_GLUED_TITLE = re.compile(r"^([A-Z]?[a-z.#°]+)([A-Z][A-Za-z.]+)$")


def _header_cells(line: TextLine) -> tuple[list[Column], int]:
    """Greedy longest-match of column titles over each segment; returns cells and unknown words."""
    cells: list[Column] = []
    unknown = 0
    for s0, s1 in line.segments:
        i = s0
        while i < s1:
            best = None
            for j in range(min(s1, i + 5), i, -1):
                role = classify_header(line.text_of(i, j))
                if role is None and line.source == TextSource.SHEET:
                    role = _SHEET_TITLES.get(fold(line.text_of(i, j)).strip(" .:"))
                if role:
                    best = (j, role)
                    break
            if best is None:
                glued = _GLUED_TITLE.match(line.words[i].text)
                tail_role = classify_header(glued[2]) if glued else None
                if tail_role is not None and (
                    # "Supplier Part NumQty": the end of one title run into the next one
                    cells and cells[-1].x1 >= line.words[i].x0 - 3 * line.char_width()
                ):
                    word = line.words[i]
                    split = word.x0 + (word.x1 - word.x0) * len(glued[1]) / len(word.text)
                    last = cells[-1]
                    cells[-1] = Column(last.role, last.x0, split, f"{last.text} {glued[1]}")
                    cells.append(Column(tail_role, split, word.x1, glued[2]))
                    i += 1
                    continue
                fragment = classify_title_fragment(line.words[i].text)
                if fragment is not None:
                    cells.append(
                        Column(fragment, line.words[i].x0, line.words[i].x1, line.words[i].text)
                    )
                    i += 1
                    continue
                unknown += 1
                word = line.words[i].text
                continuation = (
                    word[:1].islower()
                    or word.startswith("(")
                    or len(word) <= 3
                    or not word[:1].isalpha()
                )
                if (
                    cells
                    and cells[-1].x1 >= line.words[i].x0 - 3 * line.char_width()
                    and line.source != TextSource.SHEET
                    and (continuation or cells[-1].role == "unknown")
                ):
                    # an unknown word glued to a title ("Qty ordered", "Description (EN)")
                    cells[-1] = Column(
                        cells[-1].role,
                        cells[-1].x0,
                        line.words[i].x1,
                        cells[-1].text + " " + line.words[i].text,
                    )
                else:
                    cells.append(
                        Column("unknown", line.words[i].x0, line.words[i].x1, line.words[i].text)
                    )
                i += 1
                continue
            j, role = best
            cells.append(Column(role, line.words[i].x0, line.words[j - 1].x1, line.text_of(i, j)))
            i = j
    # titles cut by a slightly wide gap: "EXT.  PRICE", "UNIT  PRICE" (a spreadsheet's are
    # one cell each, however close the cells are drawn)
    merged: list[Column] = []
    for cell in cells:
        if (
            merged
            and cell.x0 - merged[-1].x1 < 2.5 * line.char_width()
            and line.source != TextSource.SHEET
        ):
            joined = classify_header(merged[-1].text + " " + cell.text)
            if joined and (
                merged[-1].role in ("unknown", joined)
                or cell.role in ("unknown", "unit_price", "unit")
            ):
                if merged[-1].role == "unknown":
                    unknown -= len(merged[-1].text.split())
                if cell.role == "unknown":
                    unknown -= len(cell.text.split())
                merged[-1] = Column(
                    joined, merged[-1].x0, cell.x1, merged[-1].text + " " + cell.text
                )
                continue
        merged.append(cell)
    return _settle_roles(merged), max(0, unknown)


_STOCK_LEVEL = re.compile(
    r"stock|mini(?:mum)?|min|maxi(?:mum)?|max|bestand|soll|ist|reorder\s+level|in\s+stock"
    r"|on\s+hand|en\s+stock|lagerbestand|auf\s+lager"
)
_TO_ORDER = {"order", "to order", "reorder", "commande", "a commander", "bestellen", "bestellung"}


def _bare_date(column: Column) -> bool:
    return fold(column.text).strip(" .:") in ("date", "datum")


def _settle_roles(columns: list[Column]) -> list[Column]:
    """Roles that depend on the titles beside them: "Netto" alone is the net unit price
    between a discount and a line amount (the price before it is then the gross price:
    "Preis | Rabatt % | Netto | Betrag"), the net amount when no other title is one."""
    roles = [c.role for c in columns]
    titles = [fold(c.text).strip(" .:") for c in columns]
    if "quantity" not in roles and any(
        role in ("unknown", "ignore") and _STOCK_LEVEL.fullmatch(t)
        for role, t in zip(roles, titles, strict=True)
    ):
        # "On hand | Min | Order": a reorder sheet's count to order beside the stock levels
        for k, t in enumerate(titles):
            if roles[k] in ("unknown", "ignore") and t in _TO_ORDER:
                roles[k] = "quantity"
    if "quantity" in roles:
        for k, role in enumerate(roles):
            if role == "unknown" and _STOCK_LEVEL.fullmatch(fold(columns[k].text).strip(" .:")):
                # "Stock | Mini | Qté à commander": the store's stock and its reorder level
                # beside what it orders
                roles[k] = "ignore"
    prices = [k for k, role in enumerate(roles) if role == "unit_price"]
    if len(prices) == 2 and "discount" in roles[prices[0] + 1 : prices[1]]:
        # "Prix unitaire | Rem. % | Prix net": the price before the discount, and after it
        roles[prices[0]] = "gross_price"
    if roles.count("date") == 2:
        bare = [k for k, role in enumerate(roles) if role == "date" and _bare_date(columns[k])]
        if len(bare) == 1:
            # "N° commande | Date | Article | … | Délai": an export repeating the order's date
            # on every row beside the item's own, which the other title names
            roles[bare[0]] = "ignore"
    for k in range(len(roles) - 1):
        if (
            roles[k] == roles[k + 1] == "quantity"
            and fold(columns[k].text).strip(" .:") == "colis"
            and _PACKS_COUNTED.fullmatch(fold(columns[k + 1].text).strip(" .:"))
        ):
            # "Colis. | Nb colis | Qté UVC": the first is the packing (colisage), what one
            # carton holds
            roles[k] = "pack_size"
    totals = [
        k
        for k, role in enumerate(roles)
        if role == "quantity" and _TOTAL_QUANTITY.fullmatch(fold(columns[k].text).strip(" .:"))
    ]
    if roles.count("quantity") == 2 and ("pack_size" in roles or len(totals) == 1):
        # "PCB | Nb colis | Qté UVC": the cartons counted beside the units they make; the
        # units are the order's quantity
        for k, role in enumerate(roles):
            if role == "quantity" and _PACKS_COUNTED.fullmatch(fold(columns[k].text).strip(" .:")):
                roles[k] = "ignore"
                break
    for k, role in enumerate(roles):
        if (
            role in ("unit", "unknown")
            and k > 0
            and roles[k - 1] == "unit_price"
            and fold(columns[k].text).strip(" :.") in ("per", "pro", "je", "par")
        ):
            # "Price | per", "Preis | pro": how many units the price is for ("100 ST"), SAP's
            # price unit
            roles[k] = "price_unit"
        if (
            role == "line_no"
            and k == len(roles) - 1 > 0
            and re.sub(r"[€$£]|\b(?:eur|gbp|usd|chf)\b", "", fold(columns[k].text)).strip(" :.()")
            == "line"
            and "line_total" not in roles
            and "unit_price" in roles[:k]
        ):
            # "Qty | Item | Code | Cost each | Line": the line's amount, last after its price
            roles[k] = "line_total"
        if role != "net":
            continue
        if "line_total" in roles[k + 1 :] and "discount" in roles[:k]:
            roles[k] = "unit_price"
            for j in range(k):
                if roles[j] == "unit_price":
                    roles[j] = "gross_price"
        elif "line_total" not in roles:
            roles[k] = "line_total"
        else:
            roles[k] = "unknown"
    if roles == [c.role for c in columns]:
        return columns
    return [Column(role, c.x0, c.x1, c.text) for role, c in zip(roles, columns, strict=True)]


def _header_score(cells: list[Column], unknown: int, nwords: int, *, sheet: bool = False) -> float:
    roles = [c.role for c in cells if c.role != "unknown"]
    distinct = set(roles)
    if len(distinct) < 2:
        return 0.0
    if not distinct & {"quantity", "unit_price", "line_total"}:
        return 0.0
    if not distinct & {"description", "code", "sku", "customer_sku", "gtin"}:
        return 0.0
    if unknown > max(1.5, 0.4 * nwords) and not (sheet and len(distinct) >= 4):
        # a spreadsheet's titles are one cell each: an export repeating the order's header
        # fields on every row ("PO Number", "Ship-to city") holds a table all the same
        return 0.0
    return len(distinct) - 0.5 * unknown


def _has_role(header: Header, role: str) -> bool:
    return any(c.role == role for c in header.columns)


def find_headers(lines: list[TextLine]) -> list[Header]:
    headers = []
    for k, line in enumerate(lines):
        if (
            len(line.words) > 40  # bilingual titles run long: "Q.tà / Qty"
            or any(ch.isdigit() for ch in line.text if ch not in "#°0123456789")
            and False
        ):
            continue
        if sum(ch.isdigit() for ch in line.text) > 6:
            continue
        cells, unknown = _header_cells(line)
        score = _header_score(
            cells, unknown, len(line.words), sheet=line.source == TextSource.SHEET
        )
        if score <= 0:
            # a two-line header: merge with the line right below
            if k + 1 < len(lines) and lines[k + 1].page == line.page:
                merged = _merge_two_lines(line, lines[k + 1])
                if merged:
                    headers.append(merged)
            continue
        header = Header(line=line, columns=cells, score=score, bottom=line.bottom)
        above = lines[k - 1] if k > 0 and lines[k - 1].page == line.page else None
        if above is not None and any(ch.isdigit() for ch in above.text):
            above = None  # title fragments above ("Unit", "Prix") carry no digits ("Seite 2")
        below = lines[k + 1] if k + 1 < len(lines) and lines[k + 1].page == line.page else None
        # titles over two or three lines: "Prix" / "Description … Qté" / "unitaire"
        options = [
            _merge_two_lines(line, below) if below else None,
            _merge_lines([above, line], main=1) if above else None,
            _merge_lines([above, line, below], main=1) if above and below else None,
        ]
        for merged in options:
            if merged and (
                merged.score > header.score
                # "Unit" over "price": as good a reading, and the one that finds the price
                or merged.score == header.score
                and _has_role(merged, "unit_price")
                and not _has_role(header, "unit_price")
            ):
                header = merged
        three = options[2]
        if (
            three
            and three.score >= header.score
            and max(len(above.words), len(below.words)) <= 6
            and len(above.words) + len(below.words) <= len(line.words) + 2
        ):
            # fragments above and below the titles ("Unit" / "Price") belong to them
            header = three
        if below is not None and header.lines_used == 1:
            header = _ruled_under(header, below)
        headers.append(header)
    return headers


_DASHES = re.compile(r"[-=_]{2,}")


def _ruled_under(header: Header, below: TextLine) -> Header:
    """A text table's titles over a rule of dashes, one run per column ("Menge" over
    "-----------------"): each column is as wide as its run, wider than its title, and what is
    written under it ("3 Kan. à 4 L") its cell."""
    if below.source != TextSource.PLAIN or not all(_DASHES.fullmatch(w.text) for w in below.words):
        return header
    runs = sorted(below.words, key=lambda w: w.x0)
    if len(runs) != len(header.columns):
        return header
    columns = []
    for column, run in zip(sorted(header.columns, key=lambda c: c.x0), runs, strict=True):
        if not run.x0 - 1 <= column.x0 <= run.x1:
            return header  # the titles do not stand over the runs
        columns.append(
            replace(column, x0=min(column.x0, run.x0), x1=max(column.x1, run.x1), ruled=True)
        )
    return replace(header, columns=columns)


UNTITLED_QUANTITY = 0.7  # items under a quantity title that was not read: a person checks


def untitled_quantity_headers(lines: list[TextLine]) -> list[Header]:
    """Scanned tables whose quantity title was not read ("Quantité" blurred to "re"): a title
    line of a code and a description title and an unreadable title right of them, under which
    the first rows each hold a code, words and a whole number under that title."""
    out = []
    for k, line in enumerate(lines):
        if line.source != TextSource.OCR or sum(ch.isdigit() for ch in line.text) > 2:
            continue
        cells, _unknown = _header_cells(line)
        roles = [c.role for c in cells]
        if (
            set(roles) & NUMERIC_ROLES
            or not set(roles) & CODE_ROLES
            or "description" not in roles
            or len(line.words) > 12
        ):
            continue
        last_text = max(i for i, role in enumerate(roles) if role in CODE_ROLES | {"description"})
        below = [ln for ln in lines[k + 1 : k + 3] if ln.page == line.page]
        for q in range(last_text + 1, len(cells)):
            if roles[q] != "unknown":
                continue
            columns = [
                Column("quantity" if i == q else c.role, c.x0, c.x1, c.text)
                for i, c in enumerate(cells)
            ]
            reach = 3 * line.char_width()
            if len(below) == 2 and all(_under_title(ln, columns, q, reach) for ln in below):
                out.append(
                    Header(line=line, columns=columns, score=1.0, bottom=line.bottom, inferred=True)
                )
                break
    return out


def _under_title(line: TextLine, columns: list[Column], q: int, reach: float) -> bool:
    """An item row with a code and a whole number right under the title of column ``q``."""
    row = _row(line, columns)
    quantity = row.cells.get(q, [])
    title = columns[q]
    return (
        row.is_item
        and any(row.has(role) for role in CODE_ROLES)
        and len(quantity) == 1
        and bool(re.fullmatch(r"\d{1,5}", quantity[0].text))
        and title.x0 - reach <= (quantity[0].x0 + quantity[0].x1) / 2 <= title.x1 + reach
    )


def _without_specks(line: TextLine) -> TextLine | None:
    """A scanned title line without the lone characters OCR makes of rules and shading
    ("7 7 7 u u Qty u 7" under "Order"); None when nothing else is left."""
    if line.source != TextSource.OCR:
        return line
    words = [w for w in line.words if len(w.text) > 1 or not (w.text.isdigit() or w.text.isascii())]
    if len(words) == len(line.words):
        return line
    if not words:
        return None
    return TextLine(page=line.page, index=line.index, words=words, source=line.source)


def _merge_two_lines(top: TextLine, below: TextLine) -> Header | None:
    return _merge_lines([top, below], main=0)


def _merge_lines(stack: list[TextLine], *, main: int) -> Header | None:
    """One header from title lines stacked close together; ``stack[main]`` is read in title
    cells ("Order", "U/M" apart even in one segment), the others in segments."""
    stack = [ln if n == main else _without_specks(ln) for n, ln in enumerate(stack)]
    if any(ln is None for ln in stack):
        return None
    for upper, lower in zip(stack, stack[1:], strict=False):
        if lower.top - upper.bottom > 1.2 * max(upper.height, 4.0):
            return None
    if any(sum(ch.isdigit() for ch in ln.text) > 2 for ln in stack):
        return None
    pieces: list[tuple[float, float, str, str | None]] = []
    for n, ln in enumerate(stack):
        if n == main:
            pieces += [(c.x0, c.x1, c.text, c.role) for c in _header_cells(ln)[0]]
        else:
            pieces += [
                (ln.words[s0].x0, ln.words[s1 - 1].x1, ln.text_of(s0, s1), None)
                for s0, s1 in ln.segments
            ]
    # cluster pieces that overlap horizontally into one cell per column
    cells: list[list] = []
    for x0, x1, text, role in pieces:
        # the cell it overlaps most: "Cost" right-aligned under "Direct Unit" touches
        # "Direct" at its edge but sits under "Unit"
        overlaps = [(min(cell[1], x1) - max(cell[0], x0), cell) for cell in cells]
        overlap, cell = max(overlaps, key=lambda o: o[0], default=(0.0, None))
        if cell is not None and overlap > 0.5:
            cell[0], cell[1] = min(cell[0], x0), max(cell[1], x1)
            cell[2].append((x0, text))
            cell[3] = None
        else:
            cells.append([x0, x1, [(x0, text)], role if role != "unknown" else None])
    columns = []
    unknown = 0
    for x0, x1, texts, main_role in sorted(cells, key=lambda c: c[0]):
        text = " ".join(t for _, t in texts)
        # a title of the main line alone keeps the role it was read with ("‘Item")
        role = main_role or classify_header(text)
        if role is None and len(texts) >= 2:
            # a title broken inside a word in a narrow column: "Quantit" / "é", "Lin" / "e",
            # or hyphenated: "Bestell-" / "menge"
            role = classify_header("".join(t for _, t in texts)) or classify_header(
                "".join(t[:-1] if t.endswith("-") else t for _, t in texts)
            )
            if role is None and len(texts) >= 2:
                role = (
                    classify_header(texts[0][1] + texts[1][1]) if " " not in texts[1][1] else None
                )
        if role is None:
            # "Unit Price" over "(EUR)": the top part alone may be the title
            role = classify_header(texts[0][1]) or "unknown"
        if role == "unknown":
            unknown += len(text.split())
        columns.append(Column(role, x0, x1, text))
    columns = _settle_roles(columns)
    score = _header_score(columns, unknown, sum(len(ln.words) for ln in stack))
    if score <= 0:
        return None
    return Header(
        line=stack[0], columns=columns, lines_used=len(stack), score=score, bottom=stack[-1].bottom
    )


# ----------------------------------------------------------------------------------------
# body rows


@dataclass
class Token:
    text: str
    x0: float
    x1: float
    conf: float
    segment: int
    fixed: bool = False  # a character the scan misread put back ("2:15" → "2.15")


# an item code of letters, dashes and digits ("CLN-9210", "PAL-PLA-1200")
_CODE_NOT_NUMBER = re.compile(r"^[A-Za-z]{2,}[-–/](?:[A-Za-z0-9]+[-–/])*[A-Za-z]*\d")


def _numbers(text: str) -> list[Decimal]:
    """Readings of a number (see ``numbers.number_candidates``)."""
    return number_candidates(text)


def _is_number(text: str) -> bool:
    return bool(_numbers(text))


def _tokens(line: TextLine) -> list[Token]:
    """Words of a line with currency marks glued to their numbers and split thousands rejoined."""
    out: list[Token] = []
    seg_of = {}
    for n, (s0, s1) in enumerate(line.segments):
        for i in range(s0, s1):
            seg_of[i] = n
    char_width = line.char_width()
    for i, w in enumerate(line.words):
        text = w.text
        if out:
            prev = out[-1]
            gap = w.x0 - prev.x1
            close = (
                gap <= 1.6 * char_width
                and seg_of[i] == prev.segment
                or line.source == TextSource.SHEET
                and False
            )
            if close and _CURRENCY_TOKEN.match(prev.text) and _is_number(text):
                out[-1] = Token(
                    prev.text + text, prev.x0, w.x1, min(prev.conf, w.confidence), prev.segment
                )
                continue
            if close and text == "%" and _is_number(prev.text):
                out[-1] = Token(
                    prev.text + "%", prev.x0, w.x1, min(prev.conf, w.confidence), prev.segment
                )
                continue
            if close and _CURRENCY_TOKEN.match(text) and _is_number(prev.text):
                out[-1] = Token(
                    prev.text + text, prev.x0, w.x1, min(prev.conf, w.confidence), prev.segment
                )
                continue
            if (
                close
                and re.fullmatch(r"\d{1,3}", prev.text)
                and re.fullmatch(r"\d{3}(?:[.,]\d{1,3})?", text)
                and gap <= 0.9 * char_width
            ):
                out[-1] = Token(
                    prev.text + "\u202f" + text,
                    prev.x0,
                    w.x1,
                    min(prev.conf, w.confidence),
                    prev.segment,
                )
                continue
        conf = w.confidence
        if line.source == TextSource.OCR:
            specked = _SPECKED_QTY_UNIT.fullmatch(text)
            if specked and normalise_unit(specked.group(2)):
                cut = w.x0 + (w.x1 - w.x0) * (len(specked.group(1)) + 1) / len(text)
                out.append(Token(specked.group(1), w.x0, cut, conf, seg_of[i]))
                out.append(Token(specked.group(2), cut, w.x1, conf, seg_of[i]))
                continue
            repaired = _repair_ocr_number(
                text, line.words[i + 1].text if i + 1 < len(line.words) else ""
            )
            fixed = ":" in text and repaired != text  # a colon read as a point
            out.append(Token(repaired, w.x0, w.x1, conf, seg_of[i], fixed))
            continue
        out.append(Token(text, w.x0, w.x1, conf, seg_of[i]))
    return out


_OCR_DIGITS = str.maketrans(
    {
        "O": "0",
        "o": "0",
        "D": "0",
        "I": "1",
        "l": "1",
        "|": "1",
        "S": "5",
        "s": "5",
        "B": "8",
        "Z": "2",
        "z": "2",
    }
)


# "2:15" for 2.15: the point of a scanned price grown into a colon
_COLON_DECIMALS = re.compile(r"\d{1,5}:\d{2}")
# "25°EA": a speck between a quantity and its unit, glued to both
_SPECKED_QTY_UNIT = re.compile(r"(\d{1,6}(?:[.,]\d{1,3})?)[°º*'‘’`\"]+([A-Za-z]{1,4}\.?)")


def _repair_ocr_number(text: str, following: str) -> str:
    """OCR reads 5 as S and 0 as O in numbers: "S BOX" → "5", "1O0" → "100", "8.S0" → "8.50";
    and it hangs specks on them: "0,94." → "0,94", "10}" → "10", "«2.40" → "2.40", a dotted
    leader's "...13.90" → "13.90"."""
    if _is_number(text) or not text:
        return text
    stripped = text.rstrip(".,;:}])!|'\"°º*‘’`»").lstrip("‘’'`°º*«»")
    # a dotted leader's dots before the figure ("...13.90"; one alone is ".50", a figure)
    stripped = re.sub(r"^\.{2,}(?=\d)", "", stripped)
    if stripped != text and stripped and _is_number(stripped):
        return stripped
    if _COLON_DECIMALS.fullmatch(text):
        return text.replace(":", ".")  # a decimal point read as a colon: "2:15"
    if len(text) == 1 and text in "SOIlBZ" and normalise_unit(following):
        return text.translate(_OCR_DIGITS)
    if re.fullmatch(r"[\dOoDIl|SsBZz.,]+", text) and sum(ch.isdigit() for ch in text) >= max(
        1, len(text) // 2
    ):
        repaired = text.translate(_OCR_DIGITS)
        if _is_number(repaired):
            return repaired
    return text


# "10", "0010.", and JD Edwards' "1.000" / "2.001" (a line and its sub-line)
_LINE_NO = re.compile(r"(?P<no>\d{1,6})\.?|(?P<jde>\d{1,4})\.\d{3}")


_PRICE_PER_TOKEN = re.compile(
    r"(?:[€$£]\s?)?\d[\d.,']*[.,]\d{2,4}(?:€|EUR|CHF|GBP|£)?/"
    # "59,00/1", "12,00/100"; "11,40/m", "38,75/VE": the price and what it is for
    r"(?:(?:1|10|100|1[.,]?000)(?:[A-Za-z]{1,4}\.?)?|[^\W\d_]{1,10}\.?)"
)


_PARTED_CAPITALS = re.compile(r"[A-Z]{2,}(?:[/._-][A-Z0-9]{1,8}){2,}")


def _type_cost(token: Token, role: str) -> float:
    text = token.text
    is_num = _is_number(text) or bool(re.fullmatch(r"-?\d+(?:[.,]\d+)?\s?%", text))
    if role in NUMERIC_ROLES or role == "price_unit":
        if is_num:
            return 0.0
        if role in ("unit_price", "gross_price") and _PRICE_PER_TOKEN.fullmatch(text):
            return 0.0  # SAP's "59,00/1" and "12,00/100": a price for one or a hundred
        if role in ("unit_price", "gross_price") and re.fullmatch(
            r"each|ea\.?|/\s*[^\W\d_]{1,10}\.?", text, re.IGNORECASE
        ):
            return 1.0  # "36.00 ea", "12.00 /pk": what the price is for, after it
        if role == "quantity" and split_quantity_unit(text)[0] is not None:
            return 0.2
        if role == "quantity" and normalise_unit(text):
            return 0.3  # "3 BOX" in a quantity column without a unit column
        if role == "quantity" and re.fullmatch(r"[A-Z]{1,4}\.?", text):
            return 0.8  # a unit we do not know, in capitals
        if role == "quantity" and _CORRECTED_QTY.match(text):
            return 1.0  # "24-6": a quantity corrected by hand, the old one struck out
        if role == "quantity" and re.fullmatch(r"\(\d+|\d+\)|à", text):
            return 0.4  # "100 St. (2 VE à 50)": the packs the count makes, in brackets
        return 6.0
    if role == "unit":
        if normalise_unit(text):
            return 0.0
        return 2.5 if is_num else 1.0
    if role == "line_no":
        return 0.0 if _LINE_NO.fullmatch(text) else 4.0
    if role in CODE_ROLES:
        if normalise_unit(text) and not re.search(r"\d", text):
            return 2.0
        if role == "gtin":
            return 0.0 if re.fullmatch(r"\d{8,14}", text) else 3.0
        if _CODE.match(text):
            return 0.0
        return 1.5
    if role == "date":
        if re.fullmatch(r"-?\d+(?:[.,]\d+)?\s?%", text):
            return 3.0  # "5%" beside the date is the discount before it
        if dates_mod.find_dates(text, allow_partial=True):
            return 0.0
        if is_num:
            return 2.0  # "17.30" beside "27/11/2026": the price before the date
        return 0.0 if re.search(r"\d", text) else 3.0
    if role == "description":
        # an item code ("TPB-10541") no more than a number is a description's word: a narrow
        # code title leaves it as near the description's column as its own
        # (nor a code of capitals in parts, "MF/MNT/AW")
        return (
            0.6
            if is_num or _CODE_NOT_NUMBER.match(text) or _PARTED_CAPITALS.fullmatch(text)
            else 0.0
        )
    return 0.8  # unknown / ignore columns take anything, a little reluctantly


def _bands(columns: list[Column]) -> list[tuple[float, float]]:
    """The horizontal band of each column: up to halfway to its neighbours."""
    bands = []
    for k, c in enumerate(columns):
        left = (columns[k - 1].x1 + c.x0) / 2 if k > 0 else c.x0 - 1e4
        right = (c.x1 + columns[k + 1].x0) / 2 if k + 1 < len(columns) else c.x1 + 1e4
        bands.append((min(left, c.x0), max(right, c.x1)))
    return bands


# a title that says "number" and nothing of what: "No.", "Nr.", "N°", "#"
_BARE_NUMBER_TITLE = re.compile(r"(?i)(?:no|nr|n°|num|#)\.?")

# a code or a number of one word: "00010", "100034135", "GL-4471"
_CODE_TOKEN = re.compile(r"(?=[^\s]*\d)[A-Za-z0-9][A-Za-z0-9\-/.]*")


def assign(
    tokens: list[Token], columns: list[Column], char_width: float, *, cells: bool = False
) -> list[int]:
    """Column index of each token: monotonic, minimising distance + type costs (DP).

    With ``cells`` (a spreadsheet: one token per cell, titles in the cells above), a token
    belongs to the column whose title sits in its own cell, whatever it holds."""
    n, m = len(tokens), len(columns)
    if n == 0:
        return []
    inf = float("inf")
    unit = max(char_width, 1.0)
    bands = _bands(columns)

    def place_cost(t: Token, k: int) -> float:
        c = columns[k]
        if cells and any(abs(col.x0 - t.x0) < 1.0 for col in columns):
            return 0.0 if abs(c.x0 - t.x0) < 1.0 else 50.0
        if any(col.ruled and col.x0 <= t.x0 and t.x1 <= col.x1 for col in columns):
            # a text table ruled with dashes: the word stands in its column's run
            return 0.0 if c.x0 <= t.x0 and t.x1 <= c.x1 else 50.0
        left, right = bands[k]
        gap = max(0.0, left - t.x1, t.x0 - right)
        distance = gap / unit
        if c.role == "description" and t.x0 >= c.x0 - unit:
            distance *= 0.3  # descriptions run long to the right
        if (
            c.role == "line_no"
            and _BARE_NUMBER_TITLE.fullmatch(c.text.strip())
            and abs(t.x0 - c.x0) <= 1.2 * unit
            and _CODE_NOT_NUMBER.match(t.text)
        ):
            # Business Central's "No." is the item's number ("BWE/FX/4016"), not the line's:
            # the column holds it, and the roles are told from what it holds
            return min(distance, 30.0) * 0.35
        return min(distance, 30.0) * 0.35 + _type_cost(t, c.role)

    costs = [[place_cost(t, k) for k in range(m)] for t in tokens]
    unit_words = [bool(normalise_unit(t.text)) and not _is_number(t.text) for t in tokens]
    dp = [[inf] * m for _ in range(n)]
    back = [[0] * m for _ in range(n)]
    for c in range(m):
        dp[0][c] = costs[0][c]
    coded = [bool(_CODE_TOKEN.fullmatch(t.text)) for t in tokens]
    aligned = [[abs(t.x0 - col.x0) <= 1.2 * unit for col in columns] for t in tokens]
    for i in range(1, n):
        same_segment = tokens[i].segment == tokens[i - 1].segment
        # two codes side by side ("00010 100034135", SAP's position and material) are two
        # cells more often than one, however close
        two_codes = same_segment and coded[i] and coded[i - 1]
        best_prev, best_prev_c = inf, 0
        for c in range(m):
            if c > 0 and dp[i - 1][c - 1] < best_prev:
                best_prev, best_prev_c = dp[i - 1][c - 1], c - 1
            stay = dp[i - 1][c]
            role = columns[c].role
            unit_after_qty = role == "quantity" and unit_words[i]
            if not same_segment and role not in ("description", "unknown") and not unit_after_qty:
                stay += 1.2  # two separate values in one cell
            if role in NUMERIC_ROLES and not same_segment and not unit_after_qty:
                stay += 2.0
            if two_codes and (role in CODE_ROLES or role == "line_no"):
                stay += 0.6
            change = best_prev + (0.3 if two_codes else 0.8 if same_segment else 0.0)
            if same_segment and aligned[i][c]:
                # a fixed-width print runs its cells one space apart: a word that starts where
                # a title starts opens that column however close it follows the one before
                change = min(change, best_prev + 0.3)
            if stay <= change:
                dp[i][c], back[i][c] = stay + costs[i][c], c
            else:
                dp[i][c], back[i][c] = change + costs[i][c], best_prev_c
    c = min(range(m), key=lambda k: dp[n - 1][k])
    out = [0] * n
    for i in range(n - 1, -1, -1):
        out[i] = c
        c = back[i][c]
    return out


@dataclass
class Row:
    line: TextLine
    cells: dict[int, list[Token]] = field(default_factory=dict)
    roles: list[str] = field(default_factory=list)
    is_item: bool = False
    extra_text: list[tuple[int, str]] = field(default_factory=list)
    extra_codes: list[str] = field(default_factory=list)
    dates: list[str] = field(default_factory=list)
    # on a scan: the quantity cell holds two numbers, one struck out ("24-6"), or nothing
    # that reads as a quantity ("0", "a") beside an item's own code
    quantity_doubt: str = ""
    # a price and an amount printed on the row below the item's (SAP's two-row items)
    price_below: str = ""
    total_below: str = ""
    # a date cell wrapped onto the row below ("11/19/202" over "6"), put back together
    wrapped_date: str = ""

    def text(self, role: str) -> str:
        return " ".join(
            t.text for k, toks in sorted(self.cells.items()) if self.roles[k] == role for t in toks
        )

    def has(self, role: str) -> bool:
        return any(self.roles[k] == role and toks for k, toks in self.cells.items())


def is_total_row(line: TextLine) -> bool:
    for n, (s0, s1) in enumerate(line.segments[:3]):
        text = fold(line.text_of(s0, s1)).strip(" :*")
        if line.source == TextSource.OCR:
            text = re.sub(r"^[^\w€$£]{1,3}\s*(?=[a-z])", "", text)  # "© Montant total HT"
        # further right, a "VAT" cell of an item's wrapped second row is no total label:
        # a total row states an amount
        if _TAX_RATE_ROW.match(text) and (n == 0 or _MONEY_AMOUNT.search(line.text)):
            return True  # "VAT 0 % – reverse charge (Art. 196 VAT Directive)   0.00"
        if (
            _TOTAL_ROW.match(text)
            and len(text.split()) <= 6
            and (n == 0 or _MONEY_AMOUNT.search(line.text))
            and (text not in ("goods", "net") or _MONEY_AMOUNT.search(line.text))
        ):
            return True
    return False


_MONEY_AMOUNT = re.compile(r"\d[.,]\d{2}(?!\d)")


def _tax_at_its_rate(line: TextLine) -> bool:
    s0, s1 = line.segments[0]
    return bool(_TAX_RATE_ROW.match(fold(line.text_of(s0, s1)).strip(" :*")))


# a tax at its rate, whatever words follow: "VAT 0 % – reverse charge (…)", "TVA 20 % sur …"
_TAX_RATE_ROW = re.compile(
    r"^(?:vat|tva|mwst|ust|tax|iva|btw|gst)\.?\s*\d{1,2}(?:[.,]\d{1,2})?\s*%"
)

# a page's number in its footer or header: "Seite 1/2", "Page 2 of 3", "page 1 sur 2"
_PAGE_MARK = re.compile(
    r"(?i)\b(?:seite|page|pag\.?|blatt|blad)\s*\d{1,3}\s*(?:/|von|of|sur|de|van)\s*\d{1,3}\b"
    # a footer's "… | Purchase order 4500187390 | Page 1", closing the line
    r"|(?:^|[|·•]\s*)(?:seite|page|blatt)\s*\d{1,3}\s*$"
)

# a company's legal identifiers, as its footer prints them: no item
_LEGAL_FOOTER = re.compile(
    r"(?i)\b(?:rcs|siret|siren|ust-?id(?:nr)?\.?|handelsregister|amtsgericht|hrb|iban|kvk|"
    # "Registered in England & Wales No. 04417823", "Company No. 05519034"
    r"registered\s+in\s+(?:england|scotland|wales|ireland|northern\s+ireland)|registered\s+office|"
    r"company\s+(?:reg(?:istration)?\.?\s+)?(?:no|number)\b|"
    r"tva\s+(?:intra(?:communautaire)?|fr\s?\d)|vat\s+(?:reg(?:istration)?|no\.?)\s*:?\s*[a-z]{2}\s?\d)"
)

# the sum of a group of items ("Summe Bremsen", "Sous-total Filtres", "Subtotal page 1"), not
# of the order: a total of the whole says so ("Total HT", "Gesamtsumme netto", "Grand total")
_SUBTOTAL = re.compile(
    r"^(?:sub[\s-]?total|sous[\s-]total|zwischensumme|teilsumme|"
    r"(?:summe|total|somme|totaal)\s+(?!(?:ht|ttc|net|netto|nett|brutto|gross|general|"
    r"commande|order|goods|excl|incl|hors|due|amount|eur|chf|usd|gbp|a\s+payer)\b)[a-z])"
)


def _subtotal_row(line: TextLine) -> bool:
    s0, s1 = line.segments[0]
    return bool(_SUBTOTAL.match(fold(line.text_of(s0, s1)).strip(" :*")))


_ITEM_TEXT_ROLES = ("description", "code", "sku", "customer_sku", "gtin")


def _row(line: TextLine, columns: list[Column]) -> Row:
    tokens = _tokens(line)
    assignment = assign(tokens, columns, line.char_width(), cells=line.source == TextSource.SHEET)
    row = Row(line=line, roles=[c.role for c in columns])
    for token, c in zip(tokens, assignment, strict=True):
        row.cells.setdefault(c, []).append(token)
    if line.source != TextSource.SHEET:
        for cell in row.cells.values():
            cell.sort(key=lambda t: t.x0)  # one line's words, read left to right
        _description_ran_into_quantity(row)
        _pack_under_the_unit_title(row, columns)
    if line.source == TextSource.OCR:
        _corrected_quantity(row)
    _classify_row(row, columns)
    if not row.is_item:
        _rescue_by_arithmetic(row)
    if not row.is_item and line.source == TextSource.OCR and _quantity_of_amount(row) is not None:
        row.is_item, row.quantity_doubt = True, "derived"
    if not row.is_item and line.source == TextSource.OCR and _unread_quantity(row):
        row.is_item, row.quantity_doubt = True, "unread"
        q = row.roles.index("quantity")
        if not row.cells.get(q):  # the scrap under the unit was the quantity, not a unit
            row.cells[q] = row.cells.pop(row.roles.index("unit"))
    return row


def _price_and_amount(row: Row) -> tuple[Decimal, Decimal] | None:
    values = []
    for role in ("unit_price", "line_total"):
        text = _CURRENCY_SUFFIX.sub("", row.text(role)).strip()
        value = parse_number(text) if text and _is_number(text) else None
        if value is None or value <= 0:
            return None
        values.append(value)
    return values[0], values[1]


def _quantity_of_amount(row: Row) -> Decimal | None:
    """A scanned item row with a price and an amount whose quantity was not read as a number
    ("pc" for "4 pc"): the whole number of units the amount is of the price, for a person to
    check (nothing on the row vouches for it)."""
    if not all(role in row.roles for role in ("quantity", "unit_price", "line_total")):
        return None
    qty_text = row.text("quantity")
    if re.search(r"\d", qty_text) or not re.search(r"[^\W\d_]{3}", row.text("description")):
        return None
    amounts = _price_and_amount(row)
    return _whole_units(*amounts) if amounts is not None else None


def _whole_units(price: Decimal, amount: Decimal) -> Decimal | None:
    """The whole number of units (1 to 10,000) an amount is of a price, if it is one."""
    quantity = amount / price
    if quantity != quantity.to_integral_value() or not 1 <= quantity <= 10000:
        return None
    return quantity.quantize(Decimal(1))


def _description_ran_into_quantity(row: Row) -> None:
    """A description that runs under a wide quantity title ("Bestellmenge") gives its last
    words to the quantity: "… MIND. 98 % 1,000 KG" (a percentage is never the quantity), or
    "… 30 LAGEN, 4 ST   5 PAK" where the count of the description took the quantity and the
    quantity itself went under the unit beside it. The description's words go back to it."""
    if "quantity" not in row.roles or "description" not in row.roles:
        return
    q, d = row.roles.index("quantity"), row.roles.index("description")
    quantity, desc = row.cells.get(q, []), row.cells.get(d, [])
    if not quantity or not desc or d > q:
        return
    percent = [i for i, t in enumerate(quantity) if t.text.endswith("%")]
    if percent and percent[-1] + 1 < len(quantity):
        cut = percent[-1] + 1
        if split_quantity_unit(" ".join(t.text for t in quantity[cut:]))[0] is not None:
            row.cells[d] = desc + quantity[:cut]
            row.cells[q] = quantity = quantity[cut:]
    u = row.roles.index("unit") if "unit" in row.roles else None
    unit = row.cells.get(u, []) if u is not None else []
    if (
        u == q + 1
        and len(unit) == 2
        and _is_number(unit[0].text)
        and not _is_number(unit[1].text)
        and unit[0].segment != quantity[-1].segment
        and all(t.segment == desc[-1].segment for t in quantity)
        and split_quantity_unit(" ".join(t.text for t in quantity))[0] is not None
    ):
        # the quantity shares the description's cell; the unit cell holds "5 PAK"
        row.cells[d] = desc + quantity
        row.cells[q] = [unit[0]]
        row.cells[u] = [unit[1]]


def _pack_under_the_unit_title(row: Row, columns: list[Column]) -> None:
    """ "40 | sac 25 kg": a unit word under the unit's title and the pack size after it (a
    number, which the quantity's column would rather take) are the unit's cell."""
    if "quantity" not in row.roles or "unit" not in row.roles:
        return
    q, u = row.roles.index("quantity"), row.roles.index("unit")
    quantity = row.cells.get(q, [])
    if u != q + 1 or len(quantity) < 2 or not _is_number(quantity[0].text):
        return
    title = columns[u]
    for k, token in enumerate(quantity[1:], start=1):
        if (
            token.x0 >= title.x0 - 1.0
            and not _is_number(token.text)
            and normalise_unit(token.text)
            and all(_is_number(t.text) for t in quantity[:k])
        ):
            row.cells[q] = quantity[:k]
            row.cells[u] = quantity[k:] + row.cells.get(u, [])
            return


# two whole numbers in a scanned quantity cell, a stroke between them: one was struck out and
# the other written beside it ("24-6", "20=40")
_CORRECTED_QTY = re.compile(r"^(\d{1,5})\s*[-=~—–]+\s*(\d{1,5})$")
_LETTER_QTY_UNIT = re.compile(r"^([SIl|LBZ])([A-Za-z]{2,4}\.?)$")
CORRECTED_QUANTITY = 0.45  # which of the two numbers stands, a person decides
UNREAD_QUANTITY = 0.3


def _corrected_quantity(row: Row) -> None:
    """The first number of a corrected quantity cell stands for the quantity, flagged; a
    number beside an unsure scrap that is no unit ("26 a", "b= 12": a struck number) is
    flagged too."""
    k = row.roles.index("quantity") if "quantity" in row.roles else None
    tokens = row.cells.get(k, []) if k is not None else []
    if k is not None and _glued_quantity(row, k):
        return
    if len(tokens) == 1:
        m = _CORRECTED_QTY.match(tokens[0].text)
        if m:
            tok = tokens[0]
            row.cells[k] = [Token(m.group(1), tok.x0, tok.x1, tok.conf, tok.segment)]
            row.quantity_doubt = "corrected"
    elif len(tokens) == 2 and sum(_is_number(t.text) for t in tokens) == 1:
        scrap = next(t for t in tokens if not _is_number(t.text))
        if (
            len(scrap.text) <= 3
            and scrap.conf < 0.6
            and not re.search(r"\d", scrap.text)
            and not normalise_unit(scrap.text)
        ):
            row.quantity_doubt = "corrected"


def _glued_quantity(row: Row, k: int) -> bool:
    """A quantity of one digit read as a letter and glued to its unit ("SEA" for 5 EA, "lea"
    for 1 ea), alone under the quantity (or under the unit, the quantity empty): the digit goes
    under the quantity, with the confidence of a word whose letters were read as digits."""
    unit_k = row.roles.index("unit") if "unit" in row.roles else None
    for j in (k, unit_k):
        tokens = row.cells.get(j, []) if j is not None else []
        if len(tokens) != 1 or (j != k and row.cells.get(k)):
            continue
        glued = _LETTER_QTY_UNIT.match(tokens[0].text)
        if not glued or not normalise_unit(glued.group(2)):
            continue
        tok = tokens[0]
        cut = tok.x0 + (tok.x1 - tok.x0) / len(tok.text)
        digit = glued.group(1).replace("L", "1").translate(_OCR_DIGITS)
        conf = min(tok.conf, FIXED_CONFIDENCE)
        row.cells[k] = [Token(digit, tok.x0, cut, conf, tok.segment)]
        unit = Token(glued.group(2), cut, tok.x1, tok.conf, tok.segment)
        if j == k:
            row.cells[k].append(unit)
        else:
            row.cells[j] = [unit]
        return True
    return False


def _unread_quantity(row: Row) -> bool:
    """A scanned row with a code of its own under a code title, words under the description
    and something under the quantity title that reads as no quantity ("0" for a handwritten
    10, a struck number read "a", "Au" for 24 beside a price and an amount that do not divide):
    an item whose quantity a person has to read."""
    if "quantity" not in row.roles or not row.has("description"):
        return False
    quantity = row.cells.get(row.roles.index("quantity"), [])
    if not quantity and "unit" in row.roles:
        # the scrap sits under the unit, the quantity's cell empty: no unit either
        quantity = row.cells.get(row.roles.index("unit"), [])
        if len(quantity) != 1 or normalise_unit(quantity[0].text):
            return False
    if len(quantity) != 1 or len(quantity[0].text) > 3:
        return False
    if not re.search(r"[^\W\d_]{3}", row.text("description")):
        return False
    if any(row.has(r) for r in ("unit_price", "line_total")) and re.search(r"\d", quantity[0].text):
        return False  # numbers there: _rescue_by_arithmetic's rows, or no item at all
    codes = [
        t.text
        for k, toks in row.cells.items()
        if row.roles[k] in CODE_ROLES
        for t in toks
        if _CODE.match(t.text) and re.search(r"\d", t.text) and re.search(r"[A-Za-z]", t.text)
    ]
    return bool(codes) and not _looks_like_date(row.text("quantity"))


def _looks_like_date(text: str) -> bool:
    return bool(re.fullmatch(r"\d{1,4}[./-]\d{1,2}[./-]\d{2,4}", text.strip()))


def _rescue_by_arithmetic(row: Row) -> None:
    """A row whose numbers missed their columns (titles narrower than the values under them,
    "80" under the reference, the amount under the date) is still an item when exactly one
    quantity, price and amount among its numbers, left to right, agree: q × p = amount. The
    numbers move to their columns; anything less sure stays as it was."""
    roles = row.roles
    if not all(role in roles for role in ("quantity", "unit_price", "line_total")):
        return
    if not any(row.has(r) for r in _ITEM_TEXT_ROLES):
        return
    seq = sorted(
        ((k, t) for k, toks in row.cells.items() if roles[k] != "line_no" for t in toks),
        key=lambda kt: kt[1].x0,
    )
    numeric = [
        (k, t)
        for k, t in seq
        if _is_number(t.text) and not t.text.endswith("%") and not _looks_like_date(t.text)
    ]
    if len(numeric) < 3 or len(numeric) > 8:
        return
    found = []
    for c in range(len(numeric) - 1, max(len(numeric) - 3, 1), -1):
        for b in range(c - 1, 0, -1):
            for a in range(b - 1, -1, -1):
                nums = _pick_numbers(
                    numeric[a][1].text, numeric[b][1].text, numeric[c][1].text, "", "", "", None
                )
                if (
                    nums.arithmetic_ok
                    and nums.quantity
                    and nums.quantity > 0
                    and nums.unit_price
                    and nums.unit_price > 0
                ):
                    # a nought proves nothing: 2.70 × 0 = 0.00 whatever 2.70 is
                    found.append((a, b, c, nums.quantity, nums.unit_price, nums.line_total))
    if len({f[3:] for f in found}) != 1:
        return  # none, or readings that disagree
    # the same numbers found twice ("box 200" in the description, 200 under the quantity): the
    # rightmost, nearest the number columns
    chosen = max(found, key=lambda f: f[:3])[:3]
    for role, index in zip(("quantity", "unit_price", "line_total"), chosen, strict=True):
        k, token = numeric[index]
        row.cells[k].remove(token)
        cell = row.cells.setdefault(roles.index(role), [])
        cell.append(token)
        cell.sort(key=lambda t: t.x0)  # "5" before "x 5L cans": the line's own order
    row.cells = {k: toks for k, toks in row.cells.items() if toks}
    row.is_item = True


# a row that is a note to the items: "Hinweis:", "Note:", "Remarque :", "NB:"
_NOTE_ROW = re.compile(
    r"^\s*(?:hinweis|anmerkung|bemerkung|achtung|note|nota|nb|n\.b\.|remarque|attention|info)"
    r"\s*:"
)


def _ordered_none(row: Row) -> bool:
    """A row of an item with its quantity 0, named by a code or words."""
    counts = re.findall(r"\d+(?:[.,]\d+)?", row.text("quantity"))  # "0 0": cartons and units
    return (
        bool(counts)
        and all(parse_number(c) == 0 for c in counts)
        and any(row.has(r) for r in _ITEM_TEXT_ROLES)
    )


def _classify_row(row: Row, columns: list[Column]) -> None:
    qty_text = row.text("quantity")
    quantity, _unit = split_quantity_unit(qty_text) if qty_text else (None, None)
    has_amount = any(_is_number(row.text(r)) for r in ("unit_price", "line_total") if row.has(r))
    if any(c.role == "quantity" for c in columns):
        row.is_item = quantity is not None and quantity > 0
    else:
        row.is_item = has_amount
    if row.is_item and not any(row.has(r) for r in _ITEM_TEXT_ROLES):
        row.is_item = False
    if row.is_item and all(
        row.text(r).rstrip().endswith(":") for r in _ITEM_TEXT_ROLES if row.has(r)
    ):
        row.is_item = False  # a label and its figure ("Nombre total de colis: 554"), no item
    if row.is_item and _NOTE_ROW.match(fold(row.line.text)):
        # "Hinweis: Katheter bitte nur mit Restlaufzeit > 18 Monate liefern.": a note
        row.is_item = False


def _titled_as_code(title: str) -> bool:
    """A title that starts as a code's: "Art.-Nr. Meier", "Item no. Harrington"."""
    words = title.split()
    return any(classify_header(" ".join(words[:i])) in CODE_ROLES for i in range(1, len(words)))


def _refine_roles(rows: list[Row], columns: list[Column]) -> list[Column] | None:
    """Correct column roles from what the columns hold; None when nothing changes."""
    items = [r for r in rows if r.is_item] or rows
    if not items:
        return None
    roles = [c.role for c in columns]
    stats = []
    for k in range(len(columns)):
        cells = [r.cells.get(k, []) for r in items]
        filled = [c for c in cells if c]
        texts = [" ".join(t.text for t in c) for c in filled]
        stats.append(
            {
                "filled": len(filled),
                # words, not tokens: a spreadsheet's cell is one token however long its text
                "words": sum(len(t.split()) for t in texts) / max(1, len(filled)),
                "units": sum(1 for t in texts if normalise_unit(t)),
                "codes": sum(
                    1
                    for t in texts
                    if len(t.split()) == 1 and _CODE.match(t) and not normalise_unit(t)
                ),
                "ints": [int(t) for t in texts if re.fullmatch(r"\d{1,6}", t)],
                "line_nos": sum(1 for t in texts if _LINE_NO.fullmatch(t)),
                # a whole number last, after words that ran in from the left ("x 33 m, 100")
                "ends_int": sum(1 for t in texts if re.fullmatch(r"\d{1,6}", t.split()[-1])),
                "gtins": sum(1 for t in texts if gtin_valid(t)),
                "decimals": sum(
                    1 for t in texts if re.fullmatch(r"[€$£]?\s?\d{1,7}[.,]\d{2,4}\s?[€$£]?", t)
                ),
            }
        )
    changed = False
    for k, st in enumerate(stats):
        n = st["filled"]
        if not n:
            continue
        role = roles[k]
        if (
            role in ("quantity", "code", "unknown", "ignore")
            and st["units"] >= 0.7 * n
            and "unit" not in roles
        ):
            roles[k], changed = "unit", True
        elif (
            role in ("code", "description", "unknown", "sku", "customer_sku")
            and st["gtins"] >= 0.8 * n
        ):
            roles[k], changed = "gtin", True
        elif (
            role == "unknown"
            and st["codes"] >= 0.8 * n
            and not set(roles) & {"code", "sku", "customer_sku"}
        ):
            roles[k], changed = "code", True
        elif (
            role in ("line_no", "unknown")
            and st["codes"] >= 0.8 * n
            and n - st["line_nos"] >= 0.5 * n
            and not {"code", "customer_sku"} <= set(roles)
            and (role == "line_no" or _titled_as_code(columns[k].text))
        ):
            # "No." over item codes (an ERP export), "Art.-Nr. Meier": the item's code
            roles[k] = "code" if "code" not in roles else "customer_sku"
            changed = True
        elif (
            (role == "unknown" or role == "unit" and st["units"] == 0)
            and st["decimals"] >= 0.8 * n
            and "unit_price" not in roles
        ):
            # …and "Unit" over "€310.88": the unit price, as titled in short
            roles[k], changed = "unit_price", True
        elif (
            role == "unknown"
            and "quantity" not in roles
            and n >= 2
            and st["ends_int"] >= 0.8 * n
            and len(st["ints"]) >= 0.5 * n
            and set(roles[:k]) & (CODE_ROLES | {"description"})
            and set(roles[k + 1 :]) & {"unit_price", "line_total", "gross_price"}
        ):
            # whole numbers between the items' words and their prices, under a title that was
            # not read ("Qté cdée" read "até cade"): the quantity; the arithmetic checks it
            roles[k], changed = "quantity", True
        elif (
            (
                role in ("code", "unknown")
                # "Material" over "Brettschichtholz GL24h 160 x 320 mm, 4 Stk. à 6.50 m": a
                # material's name, not its number
                or role in ("customer_sku", "sku")
                and st["words"] >= 2.5
                and st["codes"] < 0.5 * n
            )
            and "description" not in roles
            and (
                st["words"] >= 2.5
                # "Artikel" over "Weizenmehl 550er", beside an "Art.-Nr." of codes: the
                # words are the goods, the other column their codes
                or st["words"] >= 1.5
                and st["codes"] < 0.5 * n
                and any(r in CODE_ROLES for j, r in enumerate(roles) if j != k)
            )
        ):
            roles[k], changed = "description", True
        elif role == "description" and st["words"] <= 1.2 and st["codes"] >= 0.8 * n:
            # codes under a description title, the words beside them: under another title, or
            # under a second description title ("Désignation" / "Bezeichnung" read as two)
            wider = [
                j
                for j, s in enumerate(stats)
                if j != k
                and s["words"] >= 2.5
                and (
                    roles[j] in ("code", "unknown")
                    and roles.count("description") == 1
                    or roles[j] == "description"
                    and not set(roles) & CODE_ROLES
                )
            ]
            if wider:
                roles[k], roles[wider[0]], changed = "code", "description", True
        elif role in ("code", "unknown") and len(st["ints"]) == n and n >= 2 and k == 0:
            ints = st["ints"]
            steps = {b - a for a, b in zip(ints, ints[1:], strict=False)}
            if len(steps) == 1 and steps.pop() in (1, 10, 100) and "line_no" not in roles:
                roles[k], changed = "line_no", True
    if not changed:
        return None
    return [Column(role, c.x0, c.x1, c.text) for role, c in zip(roles, columns, strict=True)]


# ----------------------------------------------------------------------------------------
# numbers and arithmetic


def _close(a: Decimal, b: Decimal) -> bool:
    return abs(a - b) <= max(Decimal("0.011"), abs(b) * Decimal("0.002"))


def _decimals(text: str) -> int:
    m = re.search(r"[.,](\d+)\s*\D*$", text.strip())
    return len(m.group(1)) if m else 0


@dataclass
class Numbers:
    quantity: Decimal | None
    unit_price: Decimal | None  # net, after the line discount
    line_total: Decimal | None
    discount: Decimal | None
    price_unit: Decimal | None
    gross_price: Decimal | None
    arithmetic_ok: bool
    # the net price is ours: the gross price printed less the discount printed beside it
    net_worked_out: bool = False


def _discount_as_a_fraction(
    discount: Decimal, price_text: str, gross_text: str, decimal_sep: str | None
) -> Decimal:
    """A spreadsheet's 5 % kept as 0.05 (a cell formatted as a percentage): the gross and net
    prices beside it say so (148 less 5 % is 140.60)."""
    if not 0 < discount < 1 or not price_text or not gross_text:
        return discount
    net = parse_number(price_text, decimal_sep=decimal_sep)
    gross = parse_number(gross_text, decimal_sep=decimal_sep)
    if net and gross and _close(gross * (1 - discount), net):
        return discount * 100
    return discount


def _pick_numbers(
    qty_text: str,
    price_text: str,
    total_text: str,
    disc_text: str,
    gross_text: str,
    pe_text: str,
    decimal_sep: str | None,
    *,
    per_hundred: bool = False,
) -> Numbers:
    """Readings of quantity, price and total that satisfy qty × price (÷ price unit) ≈ total.

    With a discount, the net unit price is the gross price less the discount, rounded to the
    decimals the price is printed with."""
    quantity, _unit = split_quantity_unit(qty_text) if qty_text else (None, None)
    first = quantity_text(qty_text) if qty_text else ""
    qty_options = _numbers(first) if quantity is not None else []
    if quantity is not None and not qty_options:
        qty_options = [quantity]
    if not price_text and gross_text:
        price_text, gross_text = gross_text, ""
    # a gross price column beside the price column: the price printed is already net
    price_is_net = bool(gross_text)
    price_options = _numbers(price_text) if price_text else []
    total_options = _numbers(total_text) if total_text else []
    discount = parse_number(disc_text.replace("%", "")) if disc_text else None
    if discount is not None:
        discount = abs(discount)
        discount = _discount_as_a_fraction(discount, price_text, gross_text, decimal_sep)
    gross = parse_number(gross_text, decimal_sep=decimal_sep) if gross_text else None
    price_unit = parse_number(pe_text) if pe_text else None
    # "PE 1": the price is for one, whatever "per 100" the title allows
    priced_for_one = price_unit == 1
    if price_unit is not None and price_unit <= 1:
        price_unit = None
    default_q = (
        (parse_number(first, decimal_sep=decimal_sep) or quantity) if qty_options else quantity
    )
    default_p = parse_number(price_text, decimal_sep=decimal_sep) if price_options else None
    default_t = parse_number(total_text, decimal_sep=decimal_sep) if total_options else None
    decimals = _decimals(price_text) if price_text else 2

    def net_of(p: Decimal) -> Decimal:
        if not discount or price_is_net:
            return p
        # commercial rounding: 9,50 less 5 % is 9,03 (not the banker's 9,02)
        return (p * (100 - discount) / 100).quantize(
            Decimal(1).scaleb(-max(decimals, 2)), rounding=ROUND_HALF_UP
        )

    if qty_options and price_options and total_options:
        ordered = sorted(
            ((q, p, t) for q in qty_options for p in price_options for t in total_options),
            key=lambda qpt: (qpt[0] != default_q) + (qpt[1] != default_p) + (qpt[2] != default_t),
        )
        for q, p, t in ordered:
            units = (
                (price_unit,)
                if price_unit
                else (Decimal(1), Decimal(100), Decimal(1000))
                if per_hundred and not priced_for_one
                else (Decimal(1),)
            )
            for pu in units:
                exact = p * (100 - discount) / 100 if discount and not price_is_net else p
                rounded_fits = abs(q * net_of(p) / pu - t) <= Decimal("0.005")
                if (
                    exact != net_of(p)
                    and not rounded_fits
                    and abs(q * exact / pu - t) <= Decimal("0.005")
                ):
                    # the amount is the quantity times the net price unrounded (58,96 less
                    # 12 % is 51,8848; ten cost 518,85, not 518,80): that is the price. When
                    # the price rounded to cents multiplies out too, that one is stated
                    return Numbers(
                        q, exact, t, discount, None if pu == 1 else pu, gross, True, exact != p
                    )
                if _close(q * net_of(p) / pu, t):
                    return Numbers(
                        q,
                        net_of(p),
                        t,
                        discount,
                        None if pu == 1 else pu,
                        gross,
                        True,
                        net_of(p) != p,
                    )
                if discount and _close(q * p / pu, t):
                    # the printed price is already net
                    return Numbers(q, p, t, discount, None if pu == 1 else pu, gross, True)
    if qty_options and price_options and total_options and default_q:
        # a decimal separator lost in a scan: "7,26" read "726"
        for p in price_options:
            for t in total_options:
                for p_fix, t_fix in ((p / 100, t), (p, t / 100), (p / 100, t / 100)):
                    if _close(default_q * net_of(p_fix), t_fix) and (
                        p_fix != p
                        and "," not in price_text
                        and "." not in price_text
                        or t_fix != t
                        and "," not in total_text
                        and "." not in total_text
                    ):
                        return Numbers(
                            default_q,
                            net_of(p_fix),
                            t_fix,
                            discount,
                            None,
                            gross,
                            True,
                            net_of(p_fix) != p_fix,
                        )
    price = net_of(default_p) if default_p is not None else None
    return Numbers(
        default_q, price, default_t, discount, price_unit, gross, False, price != default_p
    )


# ----------------------------------------------------------------------------------------


@dataclass
class TableResult:
    lines: list[ExtractedLine]
    rows: list[Row]
    header_lines: list[int]  # indices of the lines used as table headers
    consumed: set[int]  # indices of every line the tables used
    columns: list[Column] | None = None
    charges: Decimal = Decimal(0)  # freight, packaging… printed as rows of the item table


# a row of the item table that is a charge, not goods ("PORT ET EMBALLAGE", "Carriage"): the
# charge words of the totals block, alone or nearly
_CHARGE_WORDS_MAX = 5  # "Frais de port et emballage"


def _charge_label(text: str) -> bool:
    from ingestion.extraction.totals import CHARGE_WORDS

    label = fold(text).strip(" :.")
    # "Express delivery surcharge", "Frais de port urgent": a charge qualified first
    label = re.sub(
        r"^(?:express|urgent|expedited|standard|extra|additional|flat|eil)\s+", "", label
    )
    # "Carriage to Cork (pallet, 48h)" priced on its row: a charge to a place
    to_a_place = re.match(
        r"(?:carriage|freight|shipping|transport|fracht|versand)\s+(?:to|nach)\b", label
    )
    # "Delivery, installation and commissioning by your technician": a service, however long
    if to_a_place or re.match(
        r"(?:delivery|livraison|lieferung)\s*(?:,|and|et|und|&)\s*(?:and\s+|et\s+|und\s+)?"
        r"(?:installation|montage|mise\s+en\s+service|commissioning|inbetriebnahme)\b",
        label,
    ):
        return True
    # "Participation aux frais de transport (forfait)": what the brackets say adds no word
    words = re.sub(r"\([^()]*\)", " ", label).split()
    return bool(CHARGE_WORDS.match(label)) and len(words) <= _CHARGE_WORDS_MAX


def _is_charge(line: ExtractedLine) -> bool:
    if line.gtin or (line.line_total is None and line.unit_price is None):
        return False
    code = line.sku or line.customer_sku
    if code and (re.search(r"\d", code) or not _charge_label(line.description or "")):
        # an article's code; a word in the code column ("PORT", "FRAIS") over a charge's
        # label is the ERP's name for the charge, no article
        return False
    return _charge_label(line.description or "")


def _charge_row_amount(row: Row, decimal_sep: str | None) -> Decimal | None:
    """The amount of a charge row of the table that is no item ("Carriage   15.00")."""
    words = row.line.text.split()
    if len(words) < 2:
        return None
    amount = parse_number(words[-1].strip("€$£"), decimal_sep=decimal_sep)
    label = re.sub(r"[\s\d.,€$£]+$", "", " ".join(words[:-1]))  # "Frais de port 1 22,00"
    if amount is None or not _charge_label(label):
        return None
    return amount


def _table_body(
    lines: list[TextLine], start: int, header: Header, header_at: dict[int, Header]
) -> tuple[list[TextLine], int, bool]:
    """Lines of a table body from ``start``: (lines, next index, ended by a total row).

    A wide gap ends the table unless the next page goes on with items (a page footer, then
    the letterhead and maybe a repeated header of the next page, are skipped)."""
    body: list[TextLine] = []
    k = start
    last_bottom = header.bottom
    page = header.line.page
    page_items = 0
    items_seen = 0
    while k < len(lines):
        line = lines[k]
        if line.index in header_at and _same_columns(header_at[line.index], header):
            break  # a repeated header: the caller continues the table
        if (
            _PAGE_MARK.search(line.text) or _LEGAL_FOOTER.search(line.text)
        ) and not _MONEY_AMOUNT.search(line.text):
            # the page's footer ("… USt-IdNr. DE 812 554 903 · Seite 1/2", "… RCS Marseille
            # 803 557 219 – TVA FR61 …"): no item
            k += 1
            continue
        is_item = _quick_item(line, header)
        if is_total_row(line) and _subtotal_row(line) and _item_close_below(lines, k, header):
            k += 1  # "Summe Bremsen 531,80", the items of the next group below: no end
            continue
        if (
            is_total_row(line)
            and _charge_label(fold(re.split(r"\s\d", line.text, maxsplit=1)[0]).strip(" :"))
            and _item_close_below(lines, k, header)
        ):
            # "Frais de port | 1 | 25,00" among the items, more items below: a charge row of
            # the table (read as such with the items), not its end
            body.append(line)
            last_bottom = max(last_bottom, line.bottom)
            k += 1
            continue
        if (
            is_total_row(line)
            and (not is_item or _label_and_amount(line) or _tax_at_its_rate(line))
            # "emballage individuel": a wrapped description that starts with a charge word,
            # no amount on it and the items going on below
            and (_MONEY_AMOUNT.search(line.text) or not _item_close_below(lines, k, header))
        ):
            return body, k, True
        if (
            line.source == TextSource.SHEET
            and is_total_row(line)
            and not _item_close_below(lines, k, header)
        ):
            return body, k, True  # "Summe | 85 | 2669.7": the sheet's sums of its columns
        if (
            items_seen
            and _starts_with_block_label(line)
            and not _item_close_below(lines, k, header)
        ):
            return body, k, True
        if items_seen and line.source == TextSource.PLAIN and CLOSING.match(line.text):
            return body, k, True  # "With kind regards": the signature is no item
        if line.page != page:
            if line.source == TextSource.SHEET:
                break  # a worksheet's table ends with it: another sheet is another table
            page, page_items = line.page, 0
            repeated = _repeated_header_below(lines, k, header, header_at)
            if repeated is not None:
                # the letterhead above the titles repeated on this page ("United States
                # 208314 0 2 of 2") holds numbers that may read as an item: skip to them
                k = repeated
                break
        if not is_item and page_items == 0 and line.page != header.line.page:
            k += 1  # the top of a continuation page: letterhead, page header
            continue
        height = max(line.height, 4.0)
        if line.top - last_bottom > 5 * height and items_seen and not is_item:
            nxt = _next_page_items(lines, k, header)
            if nxt is None:
                return body, k, False
            k = nxt
            continue
        body.append(line)
        if is_item:
            items_seen += 1
            page_items += 1
            last_bottom = line.bottom
        elif line.top - last_bottom < 2 * height:
            last_bottom = max(last_bottom, line.bottom)
        k += 1
    return body, k, False


def _repeated_header_below(
    lines: list[TextLine], k: int, header: Header, header_at: dict[int, Header], reach: int = 30
) -> int | None:
    """Index of the table's titles repeated near the top of the page line ``k`` starts."""
    for j in range(k, min(len(lines), k + reach)):
        if lines[j].page != lines[k].page:
            return None
        found = header_at.get(lines[j].index)
        if found is not None and _same_columns(found, header):
            return j
    return None


def _label_and_amount(line: TextLine) -> bool:
    """A total's label and its amount, nothing else: "Gesamtnettowert 1.267,20 EUR" (its
    amount under the quantity's title reads like an item)."""
    s0, s1 = line.segments[0]
    rest = line.text[line.spans[s1 - 1][1] :] if s1 < len(line.words) else ""
    return len(line.text_of(s0, s1).split()) <= 4 and bool(
        re.fullmatch(r"\s*(?:[€$£]\s*)?\d[\d.,' ]*[.,]\d{2}\s*(?:€|EUR|CHF|GBP|USD)?\s*", rest)
    )


def _item_close_below(lines: list[TextLine], k: int, header: Header, reach: int = 4) -> bool:
    """An item row a few lines below line ``k`` on its page, before any total row: the label
    at ``k`` ("Lieferadresse: Visp", "Ship to: Dock 4") is a detail of the item above (an
    Ariba print repeats it under every item), not the block that ends the table."""
    for probe in lines[k + 1 : k + 1 + reach]:
        if probe.page != lines[k].page:
            return False
        row = _row(probe, header.columns)
        if row.is_item:
            # an item with a price or an amount, where the table has them: not a sentence
            # that happens to hold a number under the quantity ("innerhalb von 3 Werktagen")
            priced = [r for r in ("unit_price", "line_total") if r in row.roles]
            return not priced or any(_is_number(row.text(r)) for r in priced)
        if is_total_row(probe):
            return False
    return False


def _next_page_items(lines: list[TextLine], k: int, header: Header) -> int | None:
    """Index of the first line of the next page when that page goes on with items."""
    page = lines[k].page
    j = k
    while j < len(lines) and lines[j].page == page:
        if _quick_item(lines[j], header):
            return None  # an item further down this page: the gap was the end of the table
        j += 1
    if j >= len(lines):
        return None
    for probe in lines[j : j + 15]:
        if probe.page != lines[j].page:
            break
        if is_total_row(probe):
            return None
        if _quick_item(probe, header):
            return j
    return None


_BLOCK_STOP = {
    "ship_to",
    "bill_to",
    "vendor",
    "po_number",
    "po_number_and_date",
    "notes",
    "payment_terms",
    "subtotal",
    "contact",
}


def _starts_with_block_label(line: TextLine) -> bool:
    from ingestion.extraction.labels import find_labels

    hits = find_labels(line)
    return (
        bool(hits)
        and hits[0].first_word == 0
        and hits[0].field in _BLOCK_STOP
        and hits[0].strength >= 0.8
        and (
            hits[0].end >= len(line.text) - 1
            or line.text[hits[0].end - 1 : hits[0].end] == ":"
            or len(line.segments) > 1
        )
    )


def _quick_item(line: TextLine, header: Header) -> bool:
    return _row(line, header.columns).is_item


def extract_lines(
    lines: list[TextLine],
    *,
    decimal_sep: str | None,
    dayfirst: bool | None,
    default_year: int | None,
    decimal_sep_sure: str | None = None,
) -> TableResult:
    """The item table's lines. ``decimal_sep_sure`` is the decimal separator when the whole
    document settles it (see ``numbers.detect_decimal_separator(strict=True)``): "1.000" and
    "0,342" then read one way only."""
    headers = find_headers(lines)
    if lines and lines[0].source == TextSource.SHEET:
        # a workbook's items are on its order sheet (the first page); the other sheets'
        # pages hold what is said about the order, never a table of its items
        headers = [h for h in headers if h.line.page == lines[0].page]
    if not headers:
        headers = untitled_quantity_headers(lines)
    if not headers:
        return TableResult([], [], [], set())
    best = max(headers, key=lambda h: h.score)
    headers = [
        h for h in headers if h is best or _same_columns(h, best) or h.score >= best.score - 1
    ]
    header_at = {h.line.index: h for h in headers}
    position = {ln.index: k for k, ln in enumerate(lines)}
    rows: list[Row] = []
    header_lines: list[int] = []
    consumed: set[int] = set()
    untitled: set[int] = set()  # lines of rows under an inferred title
    columns: list[Column] | None = None
    k = position[headers[0].line.index]
    current = headers[0]
    while k < len(lines):
        line = lines[k]
        header = header_at.get(line.index)
        if header is None:
            k += 1
            continue
        if (
            columns is not None
            and not _same_columns(current, header)
            and header.score < current.score
        ):
            k += 1
            continue
        current = header
        header_lines.append(line.index)
        consumed.add(line.index)
        start = k + header.lines_used
        for extra in range(k + 1, min(start, len(lines))):
            consumed.add(lines[extra].index)
        body, k, _ended = _table_body(lines, start, header, header_at)
        table_columns = header.columns
        table_rows = [_row(ln, table_columns) for ln in body]
        for _ in range(2):  # a column's role told, the next may be told by the rows then
            refined = _refine_roles(table_rows, table_columns)
            if refined is None:
                break
            table_columns = refined
            table_rows = [_row(ln, table_columns) for ln in body]
        _demote_unpriced(table_rows)
        table_rows = _prices_on_row_below(table_rows, decimal_sep)
        _items_between_their_words(table_rows)
        table_rows = _drop_trailing_text(table_rows)
        # drop leading non-item rows at the top of a continuation page (page header, letterhead)
        first_item = next((i for i, r in enumerate(table_rows) if r.is_item), None)
        if first_item is None:
            continue
        table_rows = [
            r
            for i, r in enumerate(table_rows)
            if i >= first_item or _close_above(r, table_rows[first_item])
        ]
        _without_repeated_codes(table_rows)
        rows.extend(table_rows)
        consumed.update(r.line.index for r in table_rows)
        if header.inferred:
            untitled.update(r.line.index for r in table_rows)
        columns = table_columns
    extracted = _rows_to_lines(
        rows,
        decimal_sep=decimal_sep,
        dayfirst=dayfirst,
        default_year=default_year,
        decimal_sep_sure=decimal_sep_sure,
        # "Prix / 1000", "Preis pro 100": the price's title says what it is for
        priced_per_hundred=any(
            _PER_HUNDRED.search(c.text)
            for c in columns or ()
            if c.role in ("unit_price", "gross_price")
        ),
        # "PA HT colis", "Preis/VE": the price is a pack's, the pack size column says of how many
        priced_per_pack=any(
            _PER_PACK.search(fold(c.text))
            for c in columns or ()
            if c.role in ("unit_price", "gross_price")
        ),
        # "DeliveryWeek | 2026-51", "Liefer-KW | 51": the date column names weeks
        dated_by_week=any(
            c.role == "date" and _WEEK_TITLE.search(fold(c.text).strip(" .:"))
            for c in columns or ()
        ),
        # "PCB | Nb colis": the quantity column counts packs of the pack size column's size
        packs_counted=any(
            _PACKS_COUNTED.fullmatch(fold(c.text).strip(" .:"))
            for c in columns or ()
            if c.role == "quantity"
        ),
    )
    extracted = [
        _capped(ln, UNTITLED_QUANTITY) if ln.source.get("line") in untitled else ln
        for ln in extracted
    ]
    charges = [ln for ln in extracted if _is_charge(ln)]
    if charges and len(charges) < len(extracted):
        extracted = [ln for ln in extracted if ln not in charges]
    else:
        charges = []
    charged = sum(
        (
            ln.line_total
            if ln.line_total is not None
            else (ln.quantity or Decimal(1)) * ln.unit_price / (ln.price_unit or 1)
            for ln in charges
        ),
        Decimal(0),
    )
    for row in rows:
        if not row.is_item:
            charged += _charge_row_amount(row, decimal_sep) or 0
    return TableResult(extracted, rows, header_lines, consumed, columns, charges=charged)


def _capped(line: ExtractedLine, cap: float) -> ExtractedLine:
    return replace(
        line,
        confidence=min(line.confidence, cap),
        field_confidence={k: min(v, cap) for k, v in line.field_confidence.items()},
    )


def _demote_unpriced(rows: list[Row]) -> None:
    """In a table whose items carry prices, a row with a bare number under the quantity and no
    code, price or amount is a wrapped description ("box of 100"), not an item."""
    items = [r for r in rows if r.is_item]
    priced = [r for r in items if r.has("unit_price") or r.has("line_total")]
    if len(items) < 2 or len(priced) < 0.6 * len(items):
        return
    for r in items:
        if r in priced or any(
            r.has(role) for role in ("code", "sku", "customer_sku", "gtin", "line_no")
        ):
            continue
        r.is_item = False


_CURRENCY_SUFFIX = re.compile(r"(?i)\s*(?:eur|€|chf|usd|gbp|\$|£)$")


def _row_below_amounts(row: Row) -> tuple[str, str] | None:
    """A price and an amount, alone on their row ("10,45 EUR   522,50"): the numbers of the
    item above, printed on a line of their own. Anything else on the row is a currency word or
    a speck read with little confidence."""
    if any(row.has(role) for role in CODE_ROLES | {"line_no"}):
        return None
    numbers = []
    for k in sorted(row.cells):
        for token in row.cells[k]:
            text = _CURRENCY_SUFFIX.sub("", token.text)
            if text and _MONEY_AMOUNT.search(text) and _is_number(text):
                numbers.append(text)
            elif text and not _CURRENCY_TOKEN.match(text) and (token.conf >= 0.5 or len(text) > 3):
                return None
    return (numbers[0], numbers[1]) if len(numbers) == 2 else None


def _specks_only(row: Row) -> bool:
    tokens = [t for toks in row.cells.values() for t in toks]
    return bool(tokens) and all(t.conf < 0.5 and len(t.text) <= 2 for t in tokens)


def _prices_on_row_below(rows: list[Row], decimal_sep: str | None) -> list[Row]:
    """Items whose price and amount are printed on a row of their own below them (an SAP
    print: "Bestellmenge" over "Preis/ME", the value beside it): the row goes to the item above
    when the item's quantity times the price is the amount."""
    out: list[Row] = []
    skip: set[int] = set()
    for i, row in enumerate(rows):
        if id(row) in skip:
            continue
        out.append(row)
        if not row.is_item or row.has("unit_price") or row.has("line_total") or i + 1 >= len(rows):
            continue
        j = i + 1
        while j + 1 < len(rows) and _specks_only(rows[j]):
            j += 1  # a speck between the item and its amounts
        below = rows[j]
        qty_text = row.text("quantity")
        if (
            not qty_text
            or below.line.page != row.line.page
            or below.line.top - row.line.bottom > 1.5 * max(row.line.height, 4.0)
        ):
            continue
        amounts = _row_below_amounts(below)
        if amounts is None:
            continue
        nums = _pick_numbers(qty_text, amounts[0], amounts[1], "", "", "", decimal_sep)
        if not nums.arithmetic_ok or not nums.quantity:
            continue
        row.price_below, row.total_below = amounts
        skip.update(id(r) for r in rows[i + 1 : j + 1])
    return out


def _drop_trailing_text(rows: list[Row]) -> list[Row]:
    """Text-only rows after the last item are the end of the table (a vendor name, a note),
    not a wrapped description, unless they sit closer to the item than the items to each
    other, or at the distance the table's other wrapped lines keep from their items."""
    items = [r for r in rows if r.is_item]
    if not items:
        return rows
    last = items[-1]
    trailing = [r for r in rows if not r.is_item and r.line.index > last.line.index]
    if not trailing:
        return rows
    same_page = [it for it in items if it.line.page == last.line.page]
    pitches = [b.line.top - a.line.top for a, b in zip(same_page, same_page[1:], strict=False)]
    if not pitches:
        return rows  # one item: nothing to compare with
    pitches.sort()
    pitch = pitches[len(pitches) // 2]
    # offsets of wrapped lines between items from the item above them
    wraps = []
    for r in rows:
        if r.is_item or r.line.index > last.line.index:
            continue
        above = [it for it in same_page if it.line.index < r.line.index]
        if above and r.line.page == above[-1].line.page:
            wraps.append(r.line.top - above[-1].line.top)
    keep: list[Row] = []
    anchor = last.line
    filled = _description_fills_its_cell(last)
    for r in trailing:
        offset = r.line.top - anchor.top
        wrap_like = filled or any(abs(offset - w) <= 0.15 * max(w, 1.0) for w in wraps)
        if r.line.page != anchor.page or (offset >= 0.85 * pitch and not wrap_like):
            break
        keep.append(r)
        anchor = r.line
    dropped = {id(r) for r in trailing[len(keep) :]}
    return [r for r in rows if id(r) not in dropped]


def _description_fills_its_cell(row: Row) -> bool:
    """The description runs up to the next cell: its text goes on on the next line."""
    if "description" not in row.roles or row.line.source == TextSource.SHEET:
        return False  # a spreadsheet cell holds its whole text, however wide it is drawn
    k = row.roles.index("description")
    desc = row.cells.get(k) or []
    after = [t for c, toks in row.cells.items() if c > k for t in toks]
    if not desc or not after:
        return False
    gap = min(t.x0 for t in after) - max(t.x1 for t in desc)
    return gap < 2.5 * row.line.char_width()


def _close_above(row: Row, item: Row) -> bool:
    """A description line right above its item row (cells centred vertically), or half a line
    above it (a description on two lines beside one-line cells)."""
    return (
        row.line.page == item.line.page
        and row.line.top < item.line.top
        and item.line.top - row.line.bottom < 0.8 * max(item.line.height, 4.0)
    )


def _items_between_their_words(rows: list[Row]) -> None:
    """A row of figures with no words of its own, half a line below a row of words only:
    an item whose description, centred on two lines, sits above and below its figures
    ("Levain de seigle déshydraté 1 kg -" / "1 sachet gratuit 0,00 €" / "ÉCHANTILLON
    GRATUIT")."""
    for above, row in zip(rows, rows[1:], strict=False):
        if (
            row.is_item
            or above.is_item
            or any(row.has(r) for r in _ITEM_TEXT_ROLES)
            or not above.has("description")
            or any(above.has(r) for r in ("quantity", "unit_price", "line_total"))
        ):
            continue
        quantity, _unit = (
            split_quantity_unit(row.text("quantity"))
            if row.has("quantity")
            else (
                None,
                None,
            )
        )
        if (
            quantity
            and quantity > 0
            and any(_is_number(row.text(r)) for r in ("unit_price", "line_total") if row.has(r))
            and row.line.top - above.line.top < 0.8 * max(row.line.height, 4.0)
        ):
            row.is_item = True


def _same_columns(a: Header, b: Header) -> bool:
    return [c.role for c in a.columns] == [c.role for c in b.columns]


# (a week for a date: "Liefertermin: KW 47/2026"; a scan's "Liefartermin")
_DATE_FOLLOWS = r"(?=\d|(?:kw|cw|wk|week|semaine|sem)\.?\s*\d)"
_DATE_LABEL_INSIDE = re.compile(
    r"(?<=\s)(?:liefer(?:termin|datum)|lief\w{1,3}t\w{1,2}min|wunschtermin|delivery\s+date|due\s+date"
    r"|date\s+de\s+livraison)"
    r"\s*[:.]?\s*" + _DATE_FOLLOWS
)
# an item's delivery label inside its description ("… BTE50 / Livr. 08.12.2026"), or ending
# it when the date wraps to the row below
_DELIVERY_INSIDE = re.compile(
    r"(?i)(?:^|(?<=[\s/|,;(]))(?:livr(?:aison)?|liefer(?:ung|termin|datum)?|deliv(?:ery)?|due)\.?"
    r"\s*:?\s*" + _DATE_FOLLOWS
)
_DELIVERY_AT_END = re.compile(
    r"(?i)(?:^|(?<=[\s/|,;(]))(?:livr(?:aison)?|liefer(?:ung|termin|datum)?|deliv(?:ery)?|due)\.?"
    r"\s*:?\s*$"
)
_DATE_ROW = re.compile(
    r"(?i)^\s*(?:req(?:uested|uired)?\.?|deliv(?:ery)?\.?|del\.?|due|ship|need(?:ed)?|date|livr(?:aison)?|delai|liefer(?:ung|datum|termin)?|termin|wunschtermin)"
)


def _description_tail(row: Row) -> bool:
    """A wrapped description's second row ending in a number ("braun, Innenmaß 400 x 300 x"
    "200", "Breite 1000 mm (Rolle" "100 m)" in one run of text, under the quantity's title):
    the number is the description's."""
    if row.line.source == TextSource.SHEET or any(
        row.has(role) for role in ("unit_price", "line_total", *CODE_ROLES)
    ):
        return False
    quantity = [
        t for k, toks in row.cells.items() if row.roles[k] in ("quantity", "unit") for t in toks
    ]
    words = [t for k, toks in row.cells.items() if row.roles[k] == "description" for t in toks]
    if not quantity or len(quantity) > 4 or not words:
        return False
    last = max(words, key=lambda t: t.x1)
    # "… x 200" and "… (Rolle 100 m)": the words run on into the quantity's column
    return all(t.segment == last.segment and t.x0 > last.x1 for t in quantity)


def _attach_continuations(
    rows: list[Row], dayfirst: bool | None, default_year: int | None
) -> list[Row]:
    items = [r for r in rows if r.is_item]
    # in a table whose items all show a price or an amount, a row with none whose "quantity"
    # runs on from its text is the item above's description, wrapped
    if len(items) >= 2 and all(
        r.has("unit_price") or r.has("line_total") for r in items if not _description_tail(r)
    ):
        for r in items:
            if _description_tail(r):
                r.is_item = False
                d = next(j for j, toks in r.cells.items() if r.roles[j] == "description" and toks)
                for k in [k for k in r.cells if r.roles[k] in ("quantity", "unit")]:
                    r.cells[d] = sorted(r.cells[d] + r.cells.pop(k), key=lambda t: t.x0)
        items = [r for r in rows if r.is_item]
    # a row of a worksheet with a code of its own and no quantity is an item not ordered (an
    # order form listing the catalogue), not the text of the row above; a rule drawn with
    # characters ("-----" under the titles of a fixed-width print) is no text at all
    rows = [
        r
        for r in rows
        if r.is_item
        or not (_unordered_sheet_row(r) or _unordered_form_row(r) or _drawn_rule(r.line.text))
    ]
    # cells centred vertically: description lines above the first item's numbers
    centred = bool(items) and any(
        not r.is_item and r.line.index < items[0].line.index and r.line.page == items[0].line.page
        for r in rows
    )
    # rows ordering none of an item ("STABILISANT CHLORE 5KG  1  0  0  33,10  0,00"): what is
    # written under them ("LIGNE ANNULÉE - rupture fournisseur") is theirs, not the item above's
    zeroed = [r.line.index for r in rows if not r.is_item and _ordered_none(r)]
    for r in rows:
        if r.is_item or not items:
            continue
        same_page = [it for it in items if it.line.page == r.line.page]
        candidates = same_page or items

        def distance(it: Row, r: Row = r) -> tuple[float, int]:
            d = abs(it.line.yc - r.line.yc)
            return (d, 0 if it.line.index < r.line.index else 1)

        previous = [it for it in candidates if it.line.index < r.line.index]
        if centred or not previous:
            target = min(candidates, key=distance)
        else:
            target = previous[-1]
        if target.line.page != r.line.page and target is not items[-1]:
            continue
        if any(target.line.index < z <= r.line.index for z in zeroed):
            continue
        text = r.line.text
        if (
            _DELIVERY_AT_END.search(target.text("description"))
            and dates_mod.find_dates(text.strip(), dayfirst=dayfirst, default_year=default_year)
            and re.fullmatch(r"[\d./-]+", text.strip())
        ):
            # "… BTE100 / Livr." over "08.12.2026": the item's date wrapped to the row below
            target.dates.append(text)
            continue
        if _DATE_ROW.match(fold(text)) and dates_mod.find_dates(
            text, dayfirst=dayfirst, default_year=default_year, allow_partial=True
        ):
            target.dates.append(text)
            continue
        # "Ihre Materialnummer NB-CON-BULK   Liefertermin 07.12.2026": the item's date after
        # other words of its second row
        labelled = _DATE_LABEL_INSIDE.search(fold(text)) or _DELIVERY_INSIDE.search(text)
        if labelled and dates_mod.find_dates(
            text[labelled.start() :], dayfirst=dayfirst, default_year=default_year
        ):
            target.dates.append(text[labelled.start() :])
        _join_wrapped_cells(target, r, dayfirst)
        desc = r.text("description") or r.text("unknown")
        if desc:
            target.extra_text.append((r.line.index, desc))
        for role in ("code", "sku", "customer_sku"):
            if r.has(role):
                target.extra_codes.append(r.text(role))
    return items


def _join_wrapped_cells(target: Row, below: Row, dayfirst: bool | None) -> None:
    """Cells too narrow for their value, ended on the row below: a unit "Box of" over "36"
    (which may lean under the quantity's title), a date "11/19/202" over "6"."""
    if re.search(r"(?i)\b(?:of|de|à|a|je|zu)$", target.text("unit")):
        count = [
            k
            for k in below.cells
            if below.roles[k] in ("unit", "quantity")
            and re.fullmatch(r"\d+", below.text(below.roles[k]))
        ]
        if len(count) == 1:
            unit = target.roles.index("unit")
            target.cells[unit] = target.cells.get(unit, []) + below.cells.pop(count[0])
    elif (
        re.search(r"\d$", target.text("unit").strip())
        and below.has("unit")
        and normalise_unit(below.text("unit").strip())
        and not below.has("quantity")
    ):
        # "Kan. 5" over "l": what the container holds, its measure wrapped to the row below
        k = next(k for k, toks in below.cells.items() if below.roles[k] == "unit" and toks)
        unit = target.roles.index("unit")
        target.cells[unit] = target.cells.get(unit, []) + below.cells.pop(k)
    # "10,00" over "0" in a narrow quantity column: "10,000" (the amount then tells whether
    # that is ten thousand or ten)
    if (
        target.has("quantity")
        and below.has("quantity")
        and re.fullmatch(r"\d{1,3}[.,]\d{1,2}", target.text("quantity").strip())
    ):
        tail = below.text("quantity").strip()
        joined = target.text("quantity").strip() + tail
        if re.fullmatch(r"\d{1,2}", tail) and re.fullmatch(r"\d{1,3}[.,]\d{3}", joined):
            q = target.roles.index("quantity")
            first = target.cells[q][-1]
            target.cells[q][-1] = Token(joined, first.x0, first.x1, first.conf, first.segment)
            below.cells.pop(below.roles.index("quantity"))
    if below.has("date") and target.has("date"):
        joined = target.text("date") + below.text("date")
        if re.fullmatch(r"[\d./-]+", joined) and not dates_mod.find_dates(
            target.text("date"), dayfirst=dayfirst
        ):
            target.wrapped_date = joined


def _without_repeated_codes(rows: list[Row]) -> None:
    """An export repeating the order's own columns on every row ("PO_NUMBER | VENDOR_NO |
    LINE_NUM | VENDOR_ITEM"): a code column that holds one value on every item, beside another
    code column whose values differ, says nothing of the items (the vendor's number)."""
    items = [r for r in rows if r.is_item]
    if len(items) < 3:
        return
    columns = sorted({k for r in items for k in r.cells if r.roles[k] in CODE_ROLES})
    values = {k: [" ".join(t.text for t in r.cells.get(k, [])) for r in items] for k in columns}
    varied = [k for k in columns if len(set(values[k])) == len(items)]
    if not varied:
        return
    for k in columns:
        if k not in varied and len(set(values[k])) == 1 and values[k][0]:
            for r in rows:
                r.cells.pop(k, None)


def _drawn_rule(text: str) -> bool:
    """A line of dashes, equals signs or underscores only."""
    return bool(re.fullmatch(r"[\s\-=_–—*.+|]{3,}", text))


def _unordered_sheet_row(row: Row) -> bool:
    if row.line.source != TextSource.SHEET:
        return False
    return any(
        _CODE.match(token.text) and not normalise_unit(token.text)
        for k, toks in row.cells.items()
        if row.roles[k] in CODE_ROLES
        for token in toks
    )


def _unordered_form_row(row: Row) -> bool:
    """A page's row that opens with a code of its own and prints a price but no quantity: an
    item of an order form listing the catalogue that this order leaves blank ("BOU-404 |
    LED-Grablicht | Stk | 4,60 | ___"), not the text of the row above."""
    if row.line.source == TextSource.SHEET or row.has("quantity") or not row.has("unit_price"):
        return False
    if not _is_number(row.text("unit_price")):
        return False
    first = min((k for k, toks in row.cells.items() if toks), default=None)
    if first is None or row.roles[first] not in CODE_ROLES:
        return False
    tokens = row.cells[first]
    return bool(tokens) and bool(_CODE.match(tokens[0].text)) and not normalise_unit(tokens[0].text)


UNPRICED_TEXT_ROW = 0.9
_THOUSANDS = re.compile(r"(?<![\d.,])\d{1,3}[.,]\d{3}(?![\d.,])")


def _two_ways(text: str, sure_sep: str | None) -> bool:
    """``1.000`` or ``1,250`` may group thousands or mark decimals, unless the document's own
    decimal separator is certain or the number starts with 0 ("0,070")."""
    m = _THOUSANDS.search(text or "")
    if not m:
        return False
    return not (sure_sep or m.group(0).startswith("0"))


_MONEY = re.compile(r"\d[.,]\d{2}(?!\d)|[€$£]|\b(?:EUR|USD|GBP|CHF)\b")


def _plain_unpriced_quantity(row: Row, qty_text: str, sure_sep: str | None = None) -> bool:
    """A quantity read from the document's own text (not OCR) in a table without price
    columns, on a row that shows no amount anywhere, and written one way only ("1.000" could
    be one or a thousand): nothing about it is in doubt."""
    if row.line.source == TextSource.OCR or not qty_text:
        return False
    if any(role in row.roles for role in ("unit_price", "line_total", "gross_price")):
        return False
    others = " ".join(row.text(role) for role in set(row.roles) if role != "quantity")
    if _MONEY.search(others):
        return False
    return not _two_ways(qty_text, sure_sep)


def _plain_priced_row(row: Row, qty_text: str, sure_sep: str | None = None) -> bool:
    """A quantity and a unit price read from text in a table with no amount, discount or gross
    price column (nothing to check them against, nothing to confuse them with either), each
    written one way only."""
    price_text = row.text("unit_price")
    if row.line.source == TextSource.OCR or not qty_text or not price_text:
        return False
    checked = ("line_total", "gross_price", "discount", "price_unit")
    if row.line.source == TextSource.SHEET:
        # a spreadsheet's cells cannot run into each other: only a filled cell could confuse
        # (an amount column left empty, a formula saved without its value, is no doubt; nor is
        # a price for one unit, SAP's "Par 1")
        if any(
            row.has(role) and not (role == "price_unit" and row.text(role).strip() == "1")
            for role in checked
        ):
            return False
    elif any(role in row.roles for role in checked):
        return False
    # a sheet's other columns ("Devise: EUR", "Amount incl. VAT", the order's date repeated)
    # are cells of their own: nothing in them runs into the price
    kept = ("description",) if row.line.source == TextSource.SHEET else None
    others = " ".join(
        row.text(role)
        for role in set(row.roles)
        if role not in ("quantity", "unit_price") and (kept is None or role in kept)
    )
    if _MONEY.search(others) or re.search(r"(?i)\b(?:remise|rabatt|discount|skonto)\b", others):
        return False
    return not (_two_ways(qty_text, sure_sep) or _two_ways(price_text, sure_sep))


def _first_code(text: str) -> str:
    """The code of a code cell: Odoo's "[BRA-DCK-UNI] Universal USB-C Dock" is BRA-DCK-UNI."""
    if not text:
        return ""
    bracketed = re.match(r"\s*\[([^\[\]\s]{2,40})\]", text)
    if bracketed:
        return bracketed[1]
    # "1 TS-1012" under "# Art.-Nr.": the position's number, then the code (a narrow "#"
    # column read into the code's)
    numbered = re.fullmatch(
        r"\s*\d{1,3}\.?\s+((?=\S*[A-Za-z])(?=\S*\d)[A-Za-z0-9][\w./-]{2,})\s*", text
    )
    if numbered:
        return numbered[1]
    # "… sac de | 20 kg CV-W101": the end of a description that ran into the code's column,
    # a measure, then the code
    measured = re.fullmatch(
        r"\s*\d+(?:[.,]\d+)?\s*(?:kg|g|l|ml|cl|m|cm|mm|pcs?|pce|stk)\.?\)?\s+"
        r"((?=\S*[A-Za-z])(?=\S*\d)[A-Za-z0-9][\w./-]{2,})\s*",
        text,
        re.IGNORECASE,
    )
    if measured:
        return measured[1]
    # a material number printed in groups: "400 320 006"
    grouped = re.match(r"\s*(\d{3}(?:[ \u202f\u00a0]\d{3}){1,3})(?!\S)", text)
    if grouped:
        return re.sub(r"[\u202f\u00a0]", " ", grouped[1])
    # a buyer's prefix and its number ("RNB 03-2210"), an OEM reference printed in groups
    # ("03N 115 562"): one code in pieces
    pieces = re.match(
        r"\s*((?:[A-Z]{2,5}|[A-Z0-9]{2,4}(?=\s+\d))(?:\s+(?=\S*\d)[A-Z0-9][A-Z0-9-]{1,9}){1,3}(?:\s+[A-Z]{1,2}(?=\s*$))?)(?!\S)",
        text,
    )
    if pieces and re.search(r"\d", pieces[1]) and " " in pieces[1]:
        return pieces[1]
    return text.split()[0].strip(",;")


def _role_index(row: Row, role: str) -> int:
    return row.roles.index(role) if role in row.roles else 0


# "4 ctn x 25", "2 Kartons à 24": so many packs of so many
_PACKS_OF = re.compile(
    r"\s*\d{1,5}\s*[^\W\d_]{1,12}\.?\s*(?:x|×|à|a|de|of|je|zu)\s*(?P<n>\d{1,5})\s*[^\W\d_]*\.?\s*"
)


def _packs_make_the_amount(qty_text: str, nums: Numbers) -> bool:
    """The quantity cell counts packs of a size ("4 ctn x 25") and the amount is the pieces
    they hold at the price (100 at 1,60 = 160,00): the columns agree, as the pack says."""
    m = _PACKS_OF.fullmatch(qty_text or "")
    q, p, t = nums.quantity, nums.unit_price, nums.line_total
    if m is None or q is None or p is None or t is None:
        return False
    return _close(q * Decimal(m["n"]) * p / (nums.price_unit or 1), t)


def _refit_numbers(row: Row, decimal_sep: str | None) -> tuple[Numbers, list[Token]] | None:
    """When the columns' numbers disagree, find the quantity, price (and discount) among the
    row's numbers, left to right, that give its last amount: a description running into the
    quantity column ("50 mm x 132 m,  48  2,67  128,16") is then read right."""
    movable = {
        "description",
        "quantity",
        "unit_price",
        "gross_price",
        "discount",
        "line_total",
        "unknown",
        "unit",
    }
    tokens = [(k, t) for k in sorted(row.cells) if row.roles[k] in movable for t in row.cells[k]]
    numeric = [
        (pos, k, t)
        for pos, (k, t) in enumerate(tokens)
        if _is_number(t.text) and not t.text.endswith("%")
    ]
    if len(numeric) < 3:
        return None
    # a percentage in the description ("70 % IPA") is no discount
    percent = [t for k, t in tokens if t.text.endswith("%") and row.roles[k] != "description"]
    disc_text = percent[-1].text if percent else ""
    total_pos, _tk, total = numeric[-1]
    found = []
    for a in range(len(numeric) - 2, 0, -1):
        for b in range(a - 1, -1, -1):
            q_tok, p_tok = numeric[b][2], numeric[a][2]
            nums = _pick_numbers(q_tok.text, p_tok.text, total.text, disc_text, "", "", decimal_sep)
            if nums.arithmetic_ok:
                found.append((b, a, nums))
        if found:
            break
    if len({(b, a) for b, a, _ in found}) != 1:
        return None  # none, or several readings: leave it to a person
    b, _a, nums = found[0]
    q_pos = numeric[b][0]
    # tokens left of the quantity that sat in number columns go back to the description (a
    # worksheet's cells are exact: a column whose title we do not know keeps what it holds)
    kept = ("description", "unknown") if row.line.source == TextSource.SHEET else ("description",)
    moved = [
        (k, t) for pos, (k, t) in enumerate(tokens) if pos < q_pos and row.roles[k] not in kept
    ]
    for k, t in moved:
        row.cells[k].remove(t)
    return nums, [t for _k, t in moved]


_PER = re.compile(
    r"^(?P<price>\S*\d[.,]\d+)\s*(?:/\s*|per\s+|pro\s+|je\s+)?(?P<per>1|10|100|1[.,]?000)"
    r"(?:\s*(?P<unit>[A-Za-z]{1,4}\.?))?$"
)


def _per_digits(per: str) -> str:
    return per.replace(".", "").replace(",", "")


# a price unit with the unit it counts: "100 ST", "1.000 PC", "1 PAK", "50 PCE" (in the price
# unit's own column, whatever the count)
_PER_WITH_UNIT = re.compile(r"^(?P<per>[1-9]\d{0,2}(?:[.,]?000)?)\s*(?P<unit>[A-Za-z]{1,4}\.?)$")


_SCAN_PRICE_PER = re.compile(r"^(?P<price>[.,]?\d+(?:[.,]\d+)?)\s+(?P<one>[1lI|i!])$")


_CURRENCY_MARK = r"[€$£]|EUR|CHF|GBP|USD"


_PRICE_PER_WORD = re.compile(
    rf"\d{{1,3}}(?:[.' ]\d{{3}})*[.,]\d{{2,4}}\s*(?:{_CURRENCY_MARK})?\s*/\s*[^\W\d_]{{1,10}}\.?"
)


_MONEY_CELL = re.compile(r"\s*(?:[€$£]\s*)?\d{1,3}(?:[,.' ]\d{3})*[.,]\d{2}\s*(?:[€$£])?\s*")


def _price_from_the_unit(row: Row) -> None:
    """A price with what it is for ("1,90 / 100 ST", "19,50 / 1 ROL") wider than its column,
    its start read into the unit's cell before it ("ST 1,90 /"): put back in the price's."""
    if "unit" not in row.roles or "unit_price" not in row.roles:
        return
    k, p = row.roles.index("unit"), row.roles.index("unit_price")
    tokens = row.cells.get(k, [])
    whole = " ".join(t.text for t in tokens)
    if (
        tokens
        and not row.text("unit_price").strip()
        and _PRICE_PER_WORD.fullmatch(whole)
        and split_quantity_unit(row.text("quantity"))[1] is not None
    ):
        # "4 Btl. | 13,92 / kg": the count took its unit, the price and what it is for sit in
        # the unit's column
        row.cells[k], row.cells[p] = [], tokens
        return
    if len(tokens) < 2 or not normalise_unit(tokens[0].text):
        return
    rest = " ".join(t.text for t in tokens[1:])
    # ("Rollen 48.00 /Rolle": the price and what it is for, all in the unit's cell)
    if not re.fullmatch(
        rf"\d{{1,3}}(?:[.' ]\d{{3}})*[.,]\d{{2,4}}\s*(?:{_CURRENCY_MARK})?\s*(?:/\s*(?:[^\W\d_]{{1,10}}\.?)?)?",
        rest,
    ):
        return
    if row.text("unit_price").strip() and not rest.endswith("/"):
        return
    row.cells[k], row.cells[p] = tokens[:1], tokens[1:] + row.cells.get(p, [])


def _price_from_the_description(row: Row) -> None:
    """A price written with what it is for ("16,90 €/Stk", "21,00 €/Pack") wider than its
    column, read into the description's: put back in the price's cell when the row has none."""
    if "unit_price" not in row.roles or row.text("unit_price").strip():
        return
    k = _role_index(row, "description")
    tokens = row.cells.get(k, []) if row.roles[k] == "description" else []
    for n in range(1, min(4, len(tokens) - 1) + 1):
        tail = " ".join(t.text for t in tokens[-n:])
        if _PRICE_PER_WORD.fullmatch(tail):
            moved, row.cells[k] = tokens[-n:], tokens[:-n]
            row.cells.setdefault(row.roles.index("unit_price"), []).extend(moved)
            return


def _price_and_per(row: Row) -> tuple[str, str]:
    """The unit price and its price unit (PE) of a row, where a narrow PE column beside the
    price ran into it: "38,00 100" under "Einzelpreis PE", "12,00 / 100" in the price cell."""
    price_text, pe_text = row.text("unit_price"), row.text("price_unit")
    # "0,41 €/St.", "6,70 €/Rolle": the price of one, the unit it is for said after it
    per_word = re.fullmatch(
        rf"(.*\d)\s*({_CURRENCY_MARK})?\s*/\s*[^\W\d_]{{1,10}}\.?", price_text.strip()
    )
    if per_word:
        price_text = per_word[1] + (f" {per_word[2]}" if per_word[2] else "")
    # "Preis € pro | 2,40 Stk": the price, then the unit it is for, in its cell
    per_unit = re.fullmatch(r"([^/]*\d)\s+([^\W\d_]{1,10}\.?)", price_text.strip())
    if per_unit and (
        normalise_unit(per_unit[2])
        or fold(per_unit[2]).strip(".") == fold(row.text("unit")).strip(" .")
    ):
        price_text = per_unit[1]
    # "62,00 EUR / 100 KG": the price of a hundred, the unit they are counted in after it
    per_count = re.fullmatch(
        rf"(.*\d)\s*(?:{_CURRENCY_MARK})?\s*/\s*(10|100|1[.,]?000)\s*[^\W\d_]{{1,10}}\.?",
        price_text.strip(),
    )
    if per_count and not pe_text:
        return per_count[1], _per_digits(per_count[2])
    if not price_text and not pe_text and "unit_price" not in row.roles:
        # the price title was not read: "85,00/100" under an unknown column
        for word in row.text("unknown").split():
            m = _PER.match(word)
            if m and "/" in word:
                return m["price"], _per_digits(m["per"])
    if not price_text and pe_text:
        m = _PER.match(pe_text.strip())
        if m:
            return m["price"], _per_digits(m["per"])
    if price_text and not pe_text and row.line.source == TextSource.OCR:
        # a scanned "4,95 1" whose separator was lost ("495 1"), or its 1 read as a letter
        # ("6.85 l"): the price, then a price unit of one
        m = _SCAN_PRICE_PER.match(price_text.strip())
        if m and (
            "price_unit" in row.roles or not _PER.match(price_text.strip()) or m["one"] != "1"
        ):
            return m["price"], "1"
    if price_text and not pe_text:
        m = _PER.match(price_text.strip())
        if m and (
            "price_unit" in row.roles
            or "/" in price_text
            # "8,19 100" under "Preis pro": the price, a space, then what it is for
            or re.fullmatch(r"\S+\s+\S+", price_text.strip()) is not None
            # "€2.80 per 100g": the price, and the hundred it is for
            or re.search(r"(?i)\s(?:per|pro|je|par)\s", price_text) is not None
        ):
            return m["price"], _per_digits(m["per"])
    m = _PER_WITH_UNIT.match(pe_text.strip())
    if m:
        pe_text = _per_digits(m["per"])
    return price_text, pe_text


_TWO_AMOUNTS = re.compile(
    r"^\s*[€$£]?\s*(?P<a>\d[\d.,' ]*[.,]\d{2,4})\s*[€$£]?\s+[€$£]?\s*(?P<b>\d[\d.,' ]*[.,]\d{2})\s*[€$£]?\s*$"
)


def _unshare_price_and_amount(price_text: str, total_text: str) -> tuple[str, str]:
    """Right-aligned numbers of different widths land in one column: "2.35 € 117.50" under
    the amount with nothing under the price (or the other way round): price, then amount.
    The arithmetic that follows checks the split."""
    if price_text and total_text:
        return price_text, total_text
    m = _TWO_AMOUNTS.match(total_text or price_text or "")
    if not m:
        return price_text, total_text
    return m["a"], m["b"]


def _amount_before_date(text: str) -> str:
    """A line amount that ran into the date column beside it ("35,16 2026-06-03")."""
    m = re.match(
        r"\s*(\d{1,3}(?:[ .,']\d{3})*[.,]\d{2})\s*(?:€|EUR|USD|GBP|CHF|\$|£)?\s+(?=\S*\d)",
        text or "",
    )
    return m.group(1) if m and dates_mod.find_dates(text[m.end() :]) else ""


ZEROS_FIXED = 0.6  # numbers whose misread zeros the arithmetic put back: a person checks
# a number the other two of its row made up for (one digit inserted, dropped or changed): below
# the decision's corroboration floor too, since lines that add up to a printed total would
# also "confirm" a price the buyer miscalculated
DIGIT_FIXED = 0.45


def _zero_readings(text: str, decimal_sep: str | None) -> dict[Decimal, int]:
    """Readings of a scanned number whose zeros may have come out as 6, 8 or 9 (bold or
    slashed zeros on a fax: "1,606.66" for "1,000.00"), with how many digits each changes."""
    spots = [i for i, ch in enumerate(text) if ch in "689"]
    if len(spots) > 6:
        return {}
    out: dict[Decimal, int] = {}
    for mask in range(1 << len(spots)):
        chars = list(text)
        for bit, i in enumerate(spots):
            if mask >> bit & 1:
                chars[i] = "0"
        value = parse_number("".join(chars), decimal_sep=decimal_sep)
        if value is not None:
            changed = bin(mask).count("1")
            out[value] = min(out.get(value, changed), changed)
    return out


def _zeros_misread(
    qty_text: str, price_text: str, total_text: str, decimal_sep: str | None
) -> Numbers | None:
    """On a scan whose quantity × price is not the amount: the one reading with zeros put back
    that makes it so, if there is exactly one."""
    if not (qty_text and price_text and total_text):
        return None
    qty_first = quantity_text(qty_text)
    readings = [_zero_readings(t, decimal_sep) for t in (qty_first, price_text, total_text)]
    if not all(readings):
        return None
    found = []
    for q, cq in readings[0].items():
        if q <= 0:
            continue
        for p, cp in readings[1].items():
            product = q * p
            for t, ct in readings[2].items():
                if cq + cp + ct and abs(product - t) <= Decimal("0.005"):
                    found.append((q, p, t))
    if len({(q, p) for q, p, _t in found}) != 1:
        return None
    q, p, t = found[0]
    return Numbers(q, p, t, None, None, None, True)


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def _one_digit_apart(read: str, meant: str) -> bool:
    """Digit strings equal but for one digit inserted, dropped or changed."""
    if abs(len(read) - len(meant)) > 1:
        return False
    if len(read) == len(meant):
        return sum(a != b for a, b in zip(read, meant, strict=True)) <= 1
    short, long = sorted((read, meant), key=len)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def _printed(value: Decimal, decimals: int) -> str:
    return f"{value:.{decimals}f}"


_CENT = Decimal("0.01")


def _quantity_unread_beside_a_size(row: Row) -> Numbers | None:
    """A scanned row whose quantity cell holds the size that ends its description ("… x 33 m.")
    while the quantity itself, beside it, was not read as a number ("AU" for "24 U"): the
    size goes back to the description and the quantity is the whole number of units the
    amount is of the price, for a person to check."""
    if "quantity" not in row.roles or "unit" not in row.roles or "description" not in row.roles:
        return None
    q, u = row.roles.index("quantity"), row.roles.index("unit")
    quantity, unit = row.cells.get(q, []), row.cells.get(u, [])
    if (
        len(quantity) != 2
        or not _is_number(quantity[0].text)
        or normalise_unit(quantity[1].text.rstrip(".")) not in ("M", "KG", "G", "L")
        or not unit
        or any(re.search(r"\d", t.text) for t in unit)
        # a unit read as one ("33 m.  U"): no scrap of a quantity beside the size
        or (len(unit) == 1 and normalise_unit(unit[0].text))
    ):
        return None
    amounts = _price_and_amount(row)
    count = _whole_units(*amounts) if amounts is not None else None
    if count is None:
        return None
    row.cells.setdefault(row.roles.index("description"), []).extend(quantity)
    row.cells[q] = []
    return Numbers(count, *amounts, None, None, None, True)


def _magnitude(text: str, decimal_sep: str | None) -> int | None:
    """How many digits a number written with a decimal separator has before it ("8,38": 1,
    "0.259": 0 — its leading zeros do not count); None for a number written without one."""
    value = parse_number(text, decimal_sep=decimal_sep) if _is_number(text) else None
    if value is None or not re.search(r"\d[.,]\d", text):
        return None
    whole = int(abs(value))
    return len(str(whole)) if whole else 0


def _one_digit_misread(
    qty_text: str, price_text: str, total_text: str, decimal_sep: str | None
) -> Numbers | None:
    """On a scan whose quantity × price is not the amount: the reading where one of the three
    numbers is what the other two make it, and differs from what was read by one digit
    inserted, dropped or changed, or only by its separators (a handwritten "3,10" read "3,0",
    "1,10" read "10", a broken "3,10" read "2,10", ".2" for 2 with a speck). When two readings
    fit, the one that changes only separators wins; else nothing is sure enough."""
    if not (qty_text and price_text and total_text):
        return None
    qty_first = quantity_text(qty_text)
    q = parse_number(qty_first, decimal_sep=decimal_sep) if _is_number(qty_first) else None
    p = parse_number(price_text, decimal_sep=decimal_sep) if _is_number(price_text) else None
    t = parse_number(total_text, decimal_sep=decimal_sep) if _is_number(total_text) else None
    if not (q and p and t) or q <= 0 or p <= 0 or t <= 0 or t != t.quantize(_CENT):
        return None
    found: list[tuple[int, Decimal, Decimal, Decimal]] = []

    def fits(read: str, meant: str) -> None | int:
        read_digits, meant_digits = _digits(read), _digits(meant)
        if read_digits == meant_digits:
            return 0
        if not _one_digit_apart(read_digits, meant_digits):
            return None
        # a separator the scan read stays where it was: "8,38" is no misread 83.80, nor
        # "2,59" a misread 0.259 (a digit lost or gained, not a tenfold)
        if _magnitude(read, decimal_sep) not in (None, _magnitude(meant, ".")):
            return None
        return 1

    # the price misread: the amount over the quantity, at the fewest decimals that give it
    for decimals in (2, 3, 4):
        price = (t / q).quantize(Decimal(1).scaleb(-decimals))
        if price > 0 and (q * price).quantize(_CENT) == t:
            costs = [
                fits(price_text, _printed(price, shown))
                for shown in {max(decimals, _decimals(price_text)), decimals}
            ]
            # ".740" for 7.40: its separator moved, printed at the decimals the amount gives
            cost = min((c for c in costs if c is not None), default=None)
            if cost is not None:
                found.append((cost, q, price, t))
            break
    # the amount misread: the quantity times the price
    total = (q * p).quantize(_CENT)
    cost = fits(total_text, _printed(total, max(2, _decimals(total_text))))
    if cost is not None and total > 0:
        found.append((cost, q, p, total))
    # the quantity misread: a whole number (or as many decimals as were read) of units
    places = _decimals(qty_first)
    quantity = (t / p).quantize(Decimal(1).scaleb(-places))
    if quantity > 0 and (quantity * p).quantize(_CENT) == t:
        whole = quantity == quantity.to_integral_value()
        quantity = quantity.quantize(Decimal(1)) if whole else quantity
        cost = fits(qty_first, _printed(quantity, 0 if whole else places))
        shown = _printed(quantity, places)
        if (
            cost is None
            and places
            and len(_digits(qty_first)) == len(_digits(shown))
            and _one_digit_apart(_digits(qty_first), _digits(shown))
        ):
            # "238.000" read for 288,000: the quantity's decimals where they were printed, a
            # digit and the comma misread
            cost = 1
        if cost is None and whole and not places:
            # "2.00" read "200": a scan lost the point of a quantity printed with decimals
            cost = next(
                (0 for shown in (2, 3) if _digits(qty_first) == _digits(_printed(quantity, shown))),
                None,
            )
        if cost is not None:
            found.append((cost, quantity, p, t))
    if not places:
        # "125" read for 12,5 kg: a scan lost the point of a quantity with decimals
        for shown in (1, 2, 3):
            quantity = (t / p).quantize(Decimal(1).scaleb(-shown))
            if (
                quantity > 0
                and quantity != quantity.to_integral_value()
                and (quantity * p).quantize(_CENT) == t
                and _digits(qty_first) == _digits(_printed(quantity, shown))
            ):
                found.append((0, quantity.normalize(), p, t))
                break
    if not found:
        return None
    best = min(cost for cost, *_ in found)
    readings = {(fq, fp) for cost, fq, fp, _ft in found if cost == best}
    if len(readings) != 1:
        return None
    _cost, fq, fp, ft = next(f for f in found if f[0] == best)
    return Numbers(fq, fp, ft, None, None, None, True)


_PER_HUNDRED = re.compile(r"(?i)(?:per|pro|je|pour|/)\s*(?:100|1000|1\.000)\b")


# a row the buyer struck off and kept on the page, saying so in a cell of its own or after
# the words: cancelled
_CANCELLED_ROW = re.compile(
    r"\b(?:annule(?:e|s|es)?|cancell?ed|storniert|gestrichen|entfallt|entfallen|deleted"
    r"|struck\s+out)\b"
)


_CANCEL_WORDS = ("storniert", "annulee", "cancelled", "gestrichen")


def _cancelled_misread(text: str) -> bool:
    """A scan's "SFORNIERF" across a struck-through row: the word that cancels it, a letter or
    two misread (a word of eight letters or more, two letters off at most)."""
    from rapidfuzz.distance import Levenshtein

    return any(
        Levenshtein.distance(word, cancel) <= 2
        for word in re.findall(r"[a-z]{8,}", fold(text))
        for cancel in _CANCEL_WORDS
    )


def _counted_in_packs(row: Row, nums: Numbers) -> Numbers | None:
    """A count of packs beside a pack size, priced by what a pack holds ("4 carton", "36",
    1.45 a roll, 208.80): the line orders 144 of the inner unit, as its amount says."""
    if not row.has("pack_size") or nums.arithmetic_ok:
        return None
    size = parse_number(row.text("pack_size"))
    q, p, t = nums.quantity, nums.unit_price, nums.line_total
    if not size or size <= 1 or q is None or p is None or t is None:
        return None
    if not _close(q * size * p / (nums.price_unit or 1), t):
        return None
    return replace(nums, quantity=q * size, arithmetic_ok=True)


# the unit cell's pack and what it holds: "VE (10 Stk)", "Krt à 20", "carton of 12"
_PACK_IN_UNIT = re.compile(
    r"^\s*[^\W\d_]{1,12}\.?\s*(?:\(\s*|(?:à|a|of|de|x|zu|je)\s+)(?P<n>\d{1,5})\s*[^\W\d_]*\.?\s*\)?\s*$"
)


# an ERP's unit of a hundred or a thousand pieces: "10 | 1.000 St", "25 | 100 Stk"
_HUNDREDS = re.compile(r"1[.,'’]000|100")
_PIECES = re.compile(r"(?:st|stk|stck|stuck|pcs?|pce|pieces?|ea)\.?")


def _counted_in_hundreds_or_thousands(
    row: Row, qty_text: str, unit_text: str, pe_text: str
) -> tuple[str, str]:
    """ "10 1.000 St" at 198,00 (SAP's order unit of a thousand pieces): 10 000 pieces at 198,00
    the thousand, the price's unit the thousand, as a "PE 1.000" column would say. (The
    thousand may have fallen into the description's cell, between the count and its unit.)"""
    if pe_text or not qty_text:
        return qty_text, pe_text
    words = qty_text.split()
    if not any(not re.search(r"\d", w) for w in words):
        words += unit_text.split()  # "10 | 1.000 St": the unit's own cell
    pieces = [w for w in words if not re.search(r"\d", w)]
    numbers = [w for w in words if re.search(r"\d", w)]
    sizes = [w for w in numbers if _HUNDREDS.fullmatch(w)]
    counts = [w for w in numbers if w.isdigit() and w not in sizes]
    if len(pieces) != 1 or not _PIECES.fullmatch(fold(pieces[0])):
        return qty_text, pe_text
    if len(sizes) == 1 and len(counts) == 1:
        count, size = counts[0], sizes[0]
    elif len(numbers) == 1 and numbers[0].isdigit():
        count = numbers[0]
        printed = re.search(
            rf"(?<![\d.,]){count}\s+(1[.,'’]000|100)\s+{re.escape(pieces[0])}", row.line.text
        )
        if printed is None:
            return qty_text, pe_text
        size = printed[1]
        for toks in row.cells.values():  # the thousand is no word of the description
            toks[:] = [t for t in toks if t.text != size]
    else:
        return qty_text, pe_text
    per = int(re.sub(r"\D", "", size))
    return str(int(count) * per), str(per)


_MEASURE_CODES = frozenset({"M", "KG", "G", "L", "M2", "M3", "T"})


def _lengths_priced_by_the_measure(row: Row, nums: Numbers) -> tuple[Numbers, str] | None:
    """ "12 lengths (3m) | £8.50/m | £306.00": the price is the metre's and the amount is of
    lengths of 3 m each: 36 m at 8.50 (with the measure the price is for)."""
    if nums.arithmetic_ok or not (nums.quantity and nums.unit_price and nums.line_total):
        return None
    per = re.search(r"/\s*([^\W\d_]{1,10})\.?\s*$", row.text("unit_price"))
    measure = normalise_unit(per[1]) if per else None
    if measure not in _MEASURE_CODES:
        return None
    for m in re.finditer(r"(?<![\d.,])(\d+(?:[.,]\d+)?)\s*-?\s*([^\W\d_]{1,6})\b", row.line.text):
        each = parse_number(m[1])
        if not each or each <= 1 or normalise_unit(m[2]) != measure:
            continue
        quantity = nums.quantity * each
        if abs(quantity * nums.unit_price - nums.line_total) <= Decimal("0.01"):
            return replace(nums, quantity=quantity, arithmetic_ok=True), measure
    return None


def _packs_in_the_unit_cell(row: Row, nums: Numbers) -> Numbers | None:
    """Packs counted, their size in the unit cell, priced by what a pack holds ("2 | VE (10
    Stk) | 2,40 Stk | 48,00"): twenty of the inner unit, as the amount says."""
    if nums.arithmetic_ok:
        return None
    m = _PACK_IN_UNIT.match(row.text("unit"))
    q, p, t = nums.quantity, nums.unit_price, nums.line_total
    if m is None or q is None or p is None or t is None:
        return None
    size = Decimal(m["n"])
    if size <= 1 or not _close(q * size * p / (nums.price_unit or 1), t):
        return None
    return replace(nums, quantity=q * size, arithmetic_ok=True)


# a price titled as a pack's: "PA HT colis", "Prix carton", "Preis/VE", "Price per case"
_PER_PACK = re.compile(
    r"\b(?:colis|cartons?|ctn|ktn|cases?|packs?|pkg|pck|paquets?|ve|vpe|gebinde|karton|kolli|box(?:es)?)\b"
)


def _pack_size(row: Row) -> Decimal | None:
    """The pack size cell's count: "12", "12 pcs", "50 slides"."""
    text = row.text("pack_size")
    counted = re.fullmatch(r"\s*(\d{1,5})\s*[^\W\d_]+\.?\s*", text)
    return parse_number(text) or (Decimal(counted[1]) if counted else None)


def _pack_priced(row: Row, nums: Numbers) -> str | None:
    """Packs counted and priced by the pack beside the pack's size ("PCB 10 | Nb colis 6 |
    PA HT colis 249,00 | 1 494,00"): the unit the line counts, "carton of 10". Whether that
    is 60 of our pieces or 6 of our cartons, the catalogue says (matching converts)."""
    if not row.has("pack_size") or not nums.arithmetic_ok:
        return None
    size = _pack_size(row)
    if not size or size <= 1 or size != size.to_integral() or nums.quantity is None:
        return None
    return f"carton of {size}"


_PACKS_COUNTED = re.compile(_PACKS_COUNTED_TITLE)


def _packs_unpriced(row: Row, nums: Numbers) -> str | None:
    """Packs counted under a title that says so ("Nb colis") beside the pack's size ("PCB 4"),
    with no price to tell more: the line counts "carton of 4" (matching converts)."""
    if not row.has("pack_size") or nums.unit_price is not None or nums.line_total is not None:
        return None
    size = _pack_size(row)
    if not size or size <= 1 or size != size.to_integral() or nums.quantity is None:
        return None
    return f"carton of {size}"


def _quantity_the_amount_chooses(
    qty_text: str, price_text: str, total_text: str, decimal_sep: str | None
) -> str:
    """Two counts in the quantity's place, an amended order's old and new ("Menge alt | neu":
    "6 10", "4 4"): the one the price and the amount agree with, the new one if both do."""
    m = re.fullmatch(r"\s*(\d{1,6})\s+(\d{1,6})\s*", qty_text or "")
    if m is None or (len(m[1]) <= 3 and len(m[2]) == 3):
        return qty_text  # "1 000", "2 500": a thousand, grouped
    price = parse_number(price_text.split()[0]) if price_text.split() else None
    total = (
        parse_number(total_text.split()[0], decimal_sep=decimal_sep) if total_text.split() else None
    )
    if price is None or total is None:
        return qty_text
    price = parse_number(price_text.split()[0], decimal_sep=decimal_sep)
    for candidate in (m[2], m[1]):
        if price is not None and _close(Decimal(candidate) * price, total):
            return candidate
    return qty_text


# "3 bobines de" before the quantity cell's "100": the containers, then what each holds
_CONTAINERS_BEFORE = re.compile(
    r"(?<![\w.,])(?P<n>\d{1,4})\s+(?P<word>[^\W\d_]{2,}\.?)\s+(?:de|of|à|a|x|zu|je|mit)\s*$"
)


def _containers_counted_before(row: Row, nums: Numbers) -> Numbers | None:
    """A quantity cell written over two columns ("3 bobines de | 100 m", "2 cartons de | 10")
    whose amount is the containers' whole content at the price (1,35 € / m, 405,00): the line
    orders 300."""
    if nums.arithmetic_ok:
        return None
    m = _CONTAINERS_BEFORE.search(row.text("description") or "")
    q, p, t = nums.quantity, nums.unit_price, nums.line_total
    if m is None or q is None or p is None or t is None:
        return None
    count = parse_number(m["n"])
    if not count or count <= 1 or not _close(count * q * p / (nums.price_unit or 1), t):
        return None
    return replace(nums, quantity=count * q, arithmetic_ok=True)


# a price cell's word for nothing to pay
_FREE_WORD = re.compile(
    r"(?i)(?<![\w-])(?:gratuit[es]{0,2}|free(?:\s+of\s+charge)?|gratis|kostenlos|offert[es]{0,2})(?![\w-])"
)


_WEEK_TITLE = re.compile(
    r"(?:kw|cw|wk|week|woche|semaine|sem)$|^(?:kw|cw|wk|week|woche|semaine|sem)\b"
)
_WEEK_CELL = re.compile(
    r"(?P<y1>(?:19|20)\d{2})\s*[-/.]\s*w?(?P<w1>\d{1,2})"
    r"|w?(?P<w2>\d{1,2})\s*[-/.]\s*(?P<y2>(?:19|20)\d{2})|w?(?P<w3>\d{1,2})",
    re.IGNORECASE,
)


def _rows_to_lines(
    rows: list[Row],
    *,
    decimal_sep: str | None,
    dayfirst: bool | None,
    default_year: int | None,
    decimal_sep_sure: str | None = None,
    priced_per_hundred: bool = False,
    priced_per_pack: bool = False,
    packs_counted: bool = False,
    dated_by_week: bool = False,
) -> list[ExtractedLine]:
    items = _attach_continuations(rows, dayfirst, default_year)
    # prices per 100 or 1000 pieces only where the table says so (a PE column, "/100", "per 100")
    per_hundred = (
        priced_per_hundred
        or any(r.has("price_unit") and r.text("price_unit").strip() != "1" for r in items)
        or any(_PER_HUNDRED.search(r.line.text) for r in rows)
    )
    out: list[ExtractedLine] = []
    for n, row in enumerate(items, start=1):
        if (
            _CANCELLED_ROW.search(fold(row.line.text))
            or any(
                _CANCELLED_ROW.search(fold(text)) and len(re.findall(r"\w+", text)) <= 3
                for _k, text in row.extra_text
            )
            or (row.line.source == TextSource.OCR and _cancelled_misread(row.line.text))
            or (
                # "2 Stk | 39,00 | 0,00" over "*** Position storniert lt. Telefonat … ***": a
                # sentence under the item that cancels it, and its amount nil
                any(_CANCELLED_ROW.search(fold(text)) for _k, text in row.extra_text)
                and parse_number(row.text("line_total").strip(" €$£")) == 0
            )
        ):
            # "… 2 rouleau 8,40 0,00 ANNULÉ", "storniert", "CANCELLED", or a row of its own
            # under the item: "*** Position storniert ***": no item
            continue
        _price_from_the_description(row)
        _price_from_the_unit(row)
        qty_text = row.text("quantity")
        unit_text = row.text("unit")
        _quantity, unit_from_qty = split_quantity_unit(qty_text) if qty_text else (None, None)
        total_text = (
            row.text("line_total") or _amount_before_date(row.text("date")) or row.total_below
        )
        price_text, pe_text = _price_and_per(row)
        price_text = price_text or row.price_below
        if not price_text and "unit_price" not in row.roles and _MONEY_CELL.fullmatch(unit_text):
            # "Qty | Unit | Amount" over "1 | 1,940.00 | 1,940.00": the unit's price, so much a
            # unit (the amount checks it below)
            price_text, unit_text = unit_text, ""
        price_text, total_text = _unshare_price_and_amount(price_text, total_text)
        qty_text, pe_text = _counted_in_hundreds_or_thousands(row, qty_text, unit_text, pe_text)
        qty_text = _quantity_the_amount_chooses(qty_text, price_text, total_text, decimal_sep)
        nums = _pick_numbers(
            qty_text,
            price_text,
            total_text,
            row.text("discount"),
            row.text("gross_price"),
            pe_text,
            decimal_sep,
            per_hundred=per_hundred,
        )
        if (
            not nums.arithmetic_ok
            and (row.has("line_total") or row.has("unknown"))
            and (row.has("unit_price") or row.has("gross_price") or row.has("unknown"))
            and not _packs_make_the_amount(qty_text, nums)
        ):
            # numbers under an unreadable title ("unknown") may hold the price or the amount
            refit = _refit_numbers(row, decimal_sep)
            if refit is not None:
                nums, moved = refit
                if moved:
                    row.cells.setdefault(_role_index(row, "description"), []).extend(moved)
                qty_text = ""
        per_pack = (
            _pack_priced(row, nums)
            if priced_per_pack
            else _packs_unpriced(row, nums)
            if packs_counted
            else None
        )
        packed = (
            None
            if per_pack
            else (
                _counted_in_packs(row, nums)
                or _containers_counted_before(row, nums)
                or _packs_in_the_unit_cell(row, nums)
            )
        )
        if packed is not None:
            nums = packed
        measured = (
            _lengths_priced_by_the_measure(row, nums)
            # (lengths, bars, pieces: "3 rolls x 50 m" of a roll we may sell whole are left to
            # matching)
            if packed is None and normalise_unit(unit_text or unit_from_qty) in (None, "EA", "BAR")
            else None
        )
        if measured is not None:
            nums, unit_text = measured
        if row.quantity_doubt == "derived":
            price_total = _price_and_amount(row)
            quantity = _quantity_of_amount(row)
            if price_total is not None and quantity is not None:
                nums = Numbers(quantity, *price_total, None, None, None, False)
        digits_fixed = digit_fixed = False
        if not nums.arithmetic_ok and row.line.source == TextSource.OCR:
            fixed = _zeros_misread(qty_text, price_text, total_text, decimal_sep)
            if fixed is not None:
                nums, digits_fixed = fixed, True
            elif not (
                pe_text not in ("", "1")
                or (per_hundred and pe_text != "1")  # "PE 1": for one, as printed
                or row.text("discount")
                or row.text("gross_price")
            ):
                # (q × p = amount only: no discount or price unit in between)
                fixed = _one_digit_misread(qty_text, price_text, total_text, decimal_sep)
                if fixed is None:
                    fixed = _quantity_unread_beside_a_size(row)
                if fixed is not None:
                    nums, digit_fixed = fixed, True
                    qty_text = row.text("quantity")
        if (
            nums.unit_price is None
            and nums.line_total == 0
            and nums.quantity
            and _FREE_WORD.search(row.line.text)
        ):
            # "1 sachet gratuit 0,00 €": the price cell says free in words, the amount is nil
            nums = replace(nums, unit_price=Decimal(0), arithmetic_ok=True)
        description_parts = sorted(
            [(row.line.index, row.text("description"))] + list(row.extra_text)
        )
        description = " ".join(t for _, t in description_parts if t).strip()
        codes: list[str] = []
        role_codes: dict[str, str] = {}
        for role in ("sku", "customer_sku", "code"):
            text = row.text(role)
            if text:
                token = _first_code(text)
                role_codes[role] = token
                codes.append(token)
        codes.extend(_first_code(c) for c in row.extra_codes if c)
        gtin = None
        gtin_digits = re.sub(r"\D", "", row.text("gtin"))
        if gtin_digits and gtin_valid(gtin_digits):
            gtin = gtin_digits
        for token in re.findall(r"\b\d{8,14}\b", description + " " + " ".join(codes)):
            if gtin is None and gtin_valid(token):
                gtin = token
        for token in re.findall(
            r"(?<![\w-])(?=[A-Za-z0-9-]*\d)(?=[A-Za-z0-9-]*[A-Za-z])[A-Za-z0-9][A-Za-z0-9\-/.]{2,}[A-Za-z0-9](?![\w-])",
            description,
        ):
            if token not in codes and not re.fullmatch(
                r"\d+x\d+(?:x\d+)?|\d+(?:mm|cm|m|ml|l|kg|g|um|µm)", token.lower()
            ):
                codes.append(token)
        line_no = None
        if row.text("line_no"):
            m = _LINE_NO.fullmatch(row.text("line_no").strip())
            digits = (m["no"] or m["jde"]) if m else re.sub(r"\D", "", row.text("line_no"))
            line_no = int(digits) if digits else None
        requested = None
        date_text = row.text("date")
        week_word = re.search(r"(?i)\s*\b(kw|cw|wk|week|woche|sem(?:aine)?)\.?$", unit_text)
        if week_word and re.fullmatch(r"\d{1,2}(?:\s*/\s*\d{2,4})?", date_text.strip()):
            # "Stk KW | 30": the week's word ran into the unit's column, its number under the
            # date's title
            date_text = f"KW {date_text.strip()}"
            unit_text = unit_text[: week_word.start()]
        week = _WEEK_CELL.fullmatch(date_text.strip()) if dated_by_week else None
        if week:
            # a week column's "2026-51", "51/2026", "2026-W51", "51": that week
            number = week["w1"] or week["w2"] or week["w3"]
            year = week["y1"] or week["y2"]
            date_text = f"KW {number}/{year}" if year else f"KW {number}"
        for text in [row.wrapped_date, date_text, *row.dates]:
            if text:
                found = dates_mod.find_dates(
                    text,
                    dayfirst=dayfirst,
                    default_year=default_year,
                    allow_partial=True,
                    # a date column's "20270108" (SAP's EINDT) is a date
                    allow_compact=text == date_text,
                )
                if found:
                    requested = found[0].value
                    break
        if requested is None:
            inside = _DELIVERY_INSIDE.search(row.text("description"))
            found = (
                dates_mod.find_dates(
                    row.text("description")[inside.end() :],
                    dayfirst=dayfirst,
                    default_year=default_year,
                )
                if inside
                else []
            )
            if found and found[0].start == 0:
                requested = found[0].value  # "… / Livr. 08.12.2026" in the item's words
        unit_text = _FREE_WORD.sub("", unit_text).strip()  # "sachet gratuit": a sachet
        unit = normalise_unit(unit_text) or unit_from_qty or (unit_text.strip() or None)
        if packed is not None:
            unit = None  # the packs' count is now of what they hold
        if per_pack and not unit_text:
            unit = per_pack  # "carton of 10": matching says whether that is ours or ten of ours
        confidence = 0.75
        if nums.arithmetic_ok:
            confidence = 0.96
        elif (
            nums.unit_price is not None
            and nums.line_total is not None
            and nums.quantity is not None
        ):
            confidence = 0.45  # the numbers disagree
        elif nums.unit_price is None and nums.line_total is None:
            confidence = 0.85 if codes else 0.75
            if _plain_unpriced_quantity(row, qty_text, decimal_sep_sure):
                confidence = UNPRICED_TEXT_ROW
            elif _two_ways(qty_text, decimal_sep_sure):
                confidence = min(confidence, 0.8)  # "1.000": one or a thousand, nothing checks
        elif (
            nums.line_total is None
            and nums.price_unit in (None, 1)
            and not per_hundred
            and _plain_priced_row(row, qty_text, decimal_sep_sure)
        ):
            confidence = UNPRICED_TEXT_ROW
        if not codes and len(description) < 4:
            confidence -= 0.2
        ocr_confs = [tok.conf for toks in row.cells.values() for tok in toks]
        if row.line.source == TextSource.OCR and ocr_confs:
            confidence *= 0.6 + 0.4 * min(ocr_confs)
        if digits_fixed:
            confidence = min(confidence, ZEROS_FIXED)
        if any(tok.fixed for toks in row.cells.values() for tok in toks):
            confidence = min(confidence, FIXED_CONFIDENCE)
        if digit_fixed:
            confidence = min(confidence, DIGIT_FIXED)
        if row.quantity_doubt == "corrected":
            confidence = min(confidence, CORRECTED_QUANTITY)
        elif row.quantity_doubt == "derived":
            confidence = min(confidence, DIGIT_FIXED)
        elif row.quantity_doubt == "unread":
            nums = replace(nums, quantity=None, arithmetic_ok=False)
            confidence = min(confidence, UNREAD_QUANTITY)
        out.append(
            ExtractedLine(
                line_no=line_no or n,
                sku=role_codes.get("sku"),
                customer_sku=role_codes.get("customer_sku") or role_codes.get("code"),
                gtin=gtin,
                description=description,
                quantity=nums.quantity,
                unit=unit,
                unit_price=nums.unit_price,
                discount=nums.discount,
                line_total=nums.line_total,
                requested_date=requested,
                price_unit=nums.price_unit,
                codes=tuple(dict.fromkeys(c for c in codes if c)),
                description_lines=tuple(t for _, t in description_parts if t),
                confidence=round(max(0.0, min(0.99, confidence)), 3),
                field_confidence={
                    # a date cell that reads as no date ("2026-51" under "Ship"): unread
                    **(
                        {"requested_date": 0.0}
                        if requested is None and re.search(r"\d", date_text)
                        else {}
                    ),
                    "quantity": round(confidence, 3),
                    "unit_price": round(
                        0.0
                        if nums.unit_price is None
                        else min(confidence, NET_WORKED_OUT)
                        if nums.net_worked_out
                        else min(confidence, NET_OF_CENTS)
                        if _net_past_cents(nums)
                        else confidence,
                        3,
                    ),
                },
                source=row.line.source_ref(),
                # a number the others made up: no arithmetic the document vouches for
                rule="table_row"
                + (
                    "+digit_repaired"
                    if digit_fixed
                    else "+arithmetic"
                    if nums.arithmetic_ok
                    else ""
                ),
                raw_text=row.line.text,
            )
        )
    return _outlying_quantities(out, [r.line.source == TextSource.OCR for r in items])


OUTLYING_QUANTITY = 0.45  # a scanned quantity far above the others, nothing to check it


def _outlying_quantities(lines: list[ExtractedLine], scanned: list[bool]) -> list[ExtractedLine]:
    """A scanned quantity of four digits or more, fifty times any other of the table and not
    checked by a price and an amount ("4218": a "12" struck out and "18" written over it):
    kept, for a person to read."""
    out = []
    for n, ln in enumerate(lines):
        others = [o.quantity for o in lines if o is not ln and o.quantity and o.quantity > 0]
        if (
            scanned[n]
            and "arithmetic" not in ln.rule
            and ln.quantity is not None
            and ln.quantity >= 1000
            and others
            and ln.quantity >= 50 * max(others)
        ):
            ln = _capped(ln, OUTLYING_QUANTITY)
        out.append(ln)
    return out


# ----------------------------------------------------------------------------------------
# rows found by their arithmetic alone (no readable table header)

ARITHMETIC_ROW = 0.8  # an item read without column titles: the arithmetic vouches for it


# a net price worked out from a discount that falls between cents (5,67 less 12,5 % is
# 4,96125): kept exact, but whether the buyer's system rounds it a person says
NET_OF_CENTS = 0.8
# a net price no column prints, worked out from the gross price and the discount beside it:
# the document states the gross price and the discount, and whether the order is entered at
# the one less the other or at the gross price with its discount a person says. Below the
# floor at which the document's arithmetic (which holds either way) vouches for a price.
NET_WORKED_OUT = 0.45


def _net_past_cents(nums: Numbers) -> bool:
    if not nums.discount or nums.unit_price is None:
        return False
    gross = nums.gross_price or nums.unit_price
    exact = gross * (100 - nums.discount) / 100 if nums.gross_price else nums.unit_price
    return exact != exact.quantize(Decimal("0.01"))


def _code_like(word: str) -> bool:
    return (
        len(word) >= 3
        and bool(re.search(r"\d", word) or re.search(r"[A-Za-z]{1,5}[-/.]", word))
        and not _is_number(word)
    )


def arithmetic_rows(lines: list[TextLine], decimal_sep: str | None) -> list[ExtractedLine]:
    """Item lines of a table whose title row could not be read (a scan that blurred it, an
    unusual wording): a line that starts with a code (maybe after a line number) and ends with
    exactly one quantity, price and amount where quantity × price = amount (or ÷ 100)."""
    out: list[ExtractedLine] = []
    for k, line in enumerate(lines):
        words = line.text.split()
        if len(words) < 4 or is_total_row(line):
            continue
        start = 1 if len(words) > 4 and re.fullmatch(r"\d{1,3}", words[0]) else 0
        if not _code_like(words[start]):
            continue
        values: list[tuple[int, Decimal]] = []
        for i, word in enumerate(words[start + 1 :], start=start + 1):
            clean = word.strip("€$£")
            if not clean or clean.endswith("%") or _looks_like_date(clean):
                continue
            value = parse_number(clean, decimal_sep=decimal_sep) if _is_number(clean) else None
            if value is not None:
                values.append((i, value))
        if len(values) < 3 or values[-1][0] < len(words) - 2:
            continue  # the amount ends the line (a currency sign may follow)
        t_index, total = values[-1]
        found = []
        for b in range(len(values) - 2, max(len(values) - 5, 0), -1):
            for a in range(b - 1, max(b - 4, -1), -1):
                q, p = values[a][1], values[b][1]
                for per in (Decimal(1), Decimal(100)):
                    if q > 0 and abs(q * p / per - total) <= Decimal("0.01"):
                        found.append((values[a][0], values[b][0], q, p, per))
        if len({f[2:] for f in found}) != 1:
            continue
        q_at, _p_at, quantity, price, per = max(found, key=lambda f: (f[0], f[1]))
        code = words[start]
        description = " ".join(words[start + 1 : q_at]).strip()
        if not description and not code:
            continue
        rows = [description] if description else []
        # the description wrapped onto the rows below ("Gants … bleus T." / "S, bte 100")
        if description and start + 1 < len(line.words):
            left = line.words[start + 1].x0 - 2 * line.char_width()
            last = line
            for below in lines[k + 1 : k + 3]:
                if (
                    below.page != line.page
                    or below.top - last.bottom > 1.2 * max(last.height, 4.0)
                    or len(below.words) > 8
                    or below.words[0].x0 < left
                    or _MONEY_AMOUNT.search(below.text)
                    or is_total_row(below)
                ):
                    break
                rows.append(below.text)
                last = below
            description = " ".join(rows)
        unit_word = words[q_at + 1] if q_at + 1 < t_index else ""
        unit = normalise_unit(unit_word) if unit_word and not _is_number(unit_word) else None
        confidence = ARITHMETIC_ROW
        if line.source == TextSource.OCR and line.words:
            confidence *= 0.6 + 0.4 * min(w.confidence for w in line.words)
        out.append(
            ExtractedLine(
                line_no=len(out) + 1,
                customer_sku=code,
                description=description,
                quantity=quantity,
                unit=unit,
                unit_price=price,
                line_total=total,
                price_unit=per if per != 1 else None,
                codes=(code,),
                description_lines=tuple(rows),
                confidence=round(confidence, 3),
                field_confidence={
                    "quantity": round(confidence, 3),
                    "unit_price": round(confidence, 3),
                },
                source=line.source_ref(),
                rule="arithmetic_row",
                raw_text=line.text,
            )
        )
    return out if len(out) >= 2 else []
