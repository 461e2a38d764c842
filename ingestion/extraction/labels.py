"""Header labels in English, French and German, and where they sit on a page.

Patterns run on folded text (lower-case, accents removed, see ``geometry.fold``). Every field
has labels of different strength: "PO number" says more than "Reference". Labels of fields
we do not extract (invoice number, vendor number, phone, VAT…) are listed too: they stop a
value from running into the next label and keep, say, an invoice number from being read as
the PO number.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ingestion.extraction.geometry import TextLine

_NO = r"(?:n\s?°|n\s?o\.?|n\.|no\.?|nr\.?|num(?:ber|ero|mer|\.)?|nbr\.?|#|ref\.?|id|code)"
_SP = r"[\s.\-_/]*"

# (field, pattern, strength)
_LABELS: list[tuple[str, str, float]] = [
    # --- PO number ------------------------------------------------------------------------
    ("po_number", rf"purchase{_SP}order{_SP}(?:{_NO}|number)", 1.0),
    ("po_number", rf"p{_SP}o{_SP}(?:{_NO}|number)", 1.0),
    (
        "po_number",
        rf"(?:customer|buyer'?s?)\s+(?:p{_SP}o|order|purchase\s+order){_SP}(?:{_NO}|number)?",
        0.95,
    ),
    # a contractor's "Client Order No.": the work order of its own client, on a purchase order
    # titled with its own number
    (
        "po_number",
        rf"client\s+(?:p{_SP}o|order|purchase\s+order){_SP}(?:{_NO}|number)?",
        0.8,
    ),
    (
        "po_number",
        rf"(?:our|your)\s+(?:p{_SP}o|order|purchase\s+order){_SP}(?:{_NO}|number|reference)",
        0.9,
    ),
    ("po_number", rf"order{_SP}(?:{_NO}|number|reference|ref)", 0.95),
    ("po_number", rf"p{_SP}o{_SP}(?:reference|ref\.?)", 0.95),
    ("po_number", r"purchase\s+order", 0.85),
    # a requisition's number where no PO number is printed: "Requisition no. REQ-DHM-0977"
    (
        "po_number",
        rf"(?:purchase\s+)?requisition{_SP}(?:{_NO}|number)|req{_SP}(?:no\.?|nr\.?|#)",
        0.85,
    ),
    # "PO" alone in its cell, the number in the next ("PO | PO-GS-0482")
    ("po_number", r"p\.\s?o\.?|po(?=\s*[:#])|po(?=\s*$)", 0.85),
    ("po_number", r"order", 0.6),
    ("po_number", r"(?:our|notre|unser[e]?)\s+(?:ref(?:erence)?\.?|zeichen)", 0.65),
    ("po_number", r"customer\s+ref(?:erence)?\.?", 0.7),
    ("po_number", r"your\s+ref(?:erence)?\.?", 0.5),
    ("po_number", r"reference|ref\.?", 0.45),
    ("po_number", rf"(?:{_NO}|numero)\s*(?:de\s+)?(?:la\s+)?(?:bon\s+de\s+)?commande", 1.0),
    (
        "po_number",
        rf"(?:(?:notre|votre|ma|la|une|cette)\s+)?(?:bon\s+de\s+)?commande\s*(?:client\s*)?{_NO}",
        1.0,
    ),
    (
        "po_number",
        r"ref(?:erence)?\.?\s+(?:de\s+)?(?:la\s+)?commande|ref(?:erence)?\.?\s+(?:bon\s+de\s+)?commande",
        0.95,
    ),
    ("po_number", r"bon\s+de\s+commande", 0.85),
    # "Brasserie du Kirchberg – bon n° K-1207": the order form's number, shortened
    ("po_number", rf"bon\s*{_NO}", 0.8),
    # "N° PO 4711", not the "PO-" that starts the number itself ("N° PO-LU-26-01977")
    ("po_number", rf"{_NO}\s*p\.?\s?o\.?(?![a-z]|[-/][a-z0-9])|einkaufsbeleg(?:nummer)?", 0.95),
    # ERP exports' short column names: "NumCde", "N° Cde", "Cde n°"
    # (not "n° BC26-005230": the letters begin the number)
    ("po_number", rf"(?:num|{_NO})[\s_]?(?:cde|bc(?!\d|[-/][a-z0-9]))|cde{_SP}{_NO}", 0.95),
    ("order_date", r"date[\s_](?:bc|cde)", 0.95),
    # "N° BCF" (bon de commande fournisseur), "N° BC", "N° BDC", not the "BC-" of the number
    ("po_number", rf"{_NO}\s?(?:bcf|bdc|bc)(?![a-z0-9]|[-/][a-z0-9])", 0.9),
    ("order_date", r"date\s?(?:de\s+)?cde", 0.95),
    # SAP's field names titling a table download's columns (EKKO-EBELN, EKKO-BEDAT, EKET-EINDT)
    ("po_number", r"ebeln", 0.95),
    ("order_date", r"bedat", 0.95),
    ("requested_delivery_date", r"eindt", 0.95),
    ("requested_delivery_date", r"date\s?liv(?:r(?:aison)?)?\.?", 0.95),
    ("vendor_number", r"code\s?fourn(?:isseur)?\.?", 1.0),
    ("po_number", r"commande", 0.6),
    # the buyer's ERP calls its purchase order a "supplier order"
    (
        "po_number",
        r"(?:bon\s+de\s+)?commande\s+fournisseur|lieferantenbestellung|einkaufsbestellung",
        0.9,
    ),
    # "Notre bon de commande porte le numéro 2026/139", "our order has the number 4471",
    # "unsere Bestellung trägt die Nummer 88-12"
    (
        "po_number",
        r"(?:(?:notre|votre|ce|cette)\s+)?(?:bon\s+de\s+)?commande\s+(?:porte|a)\s+(?:le\s+)?(?:numero|n\s?°)"
        r"|(?:(?:our|this)\s+)?(?:purchase\s+)?order\s+(?:has|carries|bears)\s+(?:the\s+)?(?:number|no\.?)"
        r"|(?:(?:unsere|diese)\s+)?bestellung\s+(?:hat|tragt)\s+(?:die\s+)?(?:nummer|nr\.?)",
        0.9,
    ),
    # "BirchStreet PO will follow, number is HEB-002311"
    ("po_number", r"(?:(?:order|po)\s+)?number\s+is", 0.8),
    # "C'est la commande BC 26-1192": the order named by its number in a sentence
    ("po_number", r"(?:la|notre|cette)\s+commande(?=\s+(?:[a-z]{1,3}\s?)?\d)", 0.8),
    ("po_number", r"cde\.?(?=\s)", 0.6),  # "Cde BC26-2509": commande, shortened
    ("po_number", r"n\s?/\s?ref(?:erence)?\.?|notre\s+commande", 0.7),
    ("po_number", r"votre\s+ref(?:erence)?\.?|v\s?/\s?ref(?:erence)?\.?", 0.55),
    ("po_number", r"ref(?:erence)?\.?\s+client", 0.6),
    ("po_number", rf"bestell(?:ung)?{_SP}(?:nummer|{_NO})|bestellnummer|bestellnr\.?", 1.0),
    (
        "po_number",
        rf"(?:unsere|ihre)\s+bestell(?:ung{_SP}(?:{_NO}|nummer)|nummer|{_SP}nr\.?)",
        0.95,
    ),
    ("po_number", rf"(?:auftrags?{_SP}(?:nummer|{_NO})|auftragsnummer)(?:\s+bei\s+uns)?", 0.85),
    # "Anbei die nächste Bestellung, unsere Nr. BV-261044", "our no. 4471"
    ("po_number", r"(?:unsere|notre|our)\s+(?:n\s?°|no\.?|nr\.?|nummer|number)", 0.8),
    ("po_number", r"bestellzeichen|einkaufsbeleg(?:nummer)?|bestellbeleg(?:nummer)?", 0.85),
    # a web shop's field for the buyer's own reference: "Ihre Bestellreferenz"
    ("po_number", r"(?:ihre\s+|unsere\s+)?bestellreferenz", 0.9),
    ("po_number", r"bestellung", 0.75),
    # a call-off from a framework order: "Abruf Nr. 2027-012", "Abrufnummer", "Call-off no."
    ("po_number", rf"abruf(?:auftrag|bestellung)?(?:{_SP}(?:nummer|{_NO}))?|abrufnummer", 0.9),
    ("po_number", rf"call[\s-]?off(?:\s+order)?(?:{_SP}(?:{_NO}|number))?", 0.9),
    # the order form's own document number (Sage "N° pièce", "Document No.")
    (
        "po_number",
        rf"(?:{_NO}|numero)\s*(?:de\s+)?(?:la\s+)?piece|piece\s*{_NO}|(?:document|doc\.?){_SP}(?:{_NO}|number)|"
        rf"{_NO}\s*(?:du\s+)?document",
        0.85,
    ),
    ("po_number", rf"beleg{_SP}(?:nummer|{_NO})|belegnummer", 0.8),
    # SAP in French: the purchasing document ("Document achat 4500219260")
    ("po_number", r"document\s+(?:d'\s?)?achat", 0.9),
    # "Commande d'achat 4500087402", the Dutch "Inkooporder 2026-00902"
    (
        "po_number",
        rf"commande\s+d'\s?achat|inkooporder(?:nummer|{_SP}nr\.?)?|bestelnummer|bestel{_SP}nr\.?|bestelnr\.?",
        0.9,
    ),
    # and in English, as its ME2N list titles the column
    ("po_number", r"purch(?:asing|\.)?\s*doc(?:ument|\.)?", 0.9),
    ("po_number", r"auftrag", 0.55),
    # "Bestellnummer/Datum  4500120007 / 27.11.2026": one label, two values (SAP forms)
    (
        "po_number_and_date",
        rf"(?:bestell(?:nummer|{_SP}nr\.?)|(?:purchase\s+)?order{_SP}(?:{_NO}|number)|p{_SP}o{_SP}(?:{_NO}|number)|"
        rf"(?:{_NO}\s*(?:de\s+)?)?commande(?:\s*{_NO})?)\s*/\s*(?:datum|date|du)",
        1.0,
    ),
    # --- order date -----------------------------------------------------------------------
    (
        "order_date",
        rf"(?:purchase\s+)?order{_SP}date|p{_SP}o{_SP}date|date\s+of\s+(?:the\s+)?order|date\s+ordered",
        1.0,
    ),
    (
        "order_date",
        r"date\s+(?:de\s+)?(?:la\s+)?commande|date\s+du\s+bon\s+de\s+commande|commande\s+du",
        1.0,
    ),
    (
        "order_date",
        r"bestelldatum|auftragsdatum|datum\s+der\s+bestellung|bestellung\s+vom|belegdatum",
        1.0,
    ),
    (
        "order_date",
        r"issue\s+date|date\s+issued|issued(?:\s+on)?|document\s+date|date\s+(?:du\s+)?doc(?:ument|\.)?|date\s+d'emission|date\s+d'edition|emise?\s+le|etablie?\s+le|ausstellungsdatum|ausgestellt\s+am|erstellt\s+am"
        # a web shop's basket: when it was made
        r"|created(?:\s+(?:on|at))?|creation\s+date|date\s+(?:de\s+)?creation|erstellungsdatum|cree\s+le"
        # a British buyer's "Date raised", "Raised: 10/11/2025"
        r"|date\s+raised|raised(?:\s+(?:on|date))?",
        0.9,
    ),
    # …or when it was exported, the day it was sent
    (
        "order_date",
        r"exportiert\s+am|exported(?:\s+on)?|export\s+date|date\s+d'export|exporte\s+le",
        0.8,
    ),
    ("order_date", r"date|datum|dated|du|vom", 0.8),
    ("order_date", r"order\s+deadline", 0.8),  # Odoo's printed purchase order
    ("order_date", r"le(?=\s+\d{1,2}(?:er)?[\s./-])|den(?=\s+\d{1,2}\.)", 0.8),
    # --- requested delivery date ----------------------------------------------------------
    # Odoo's "Date prévue" / "Expected Arrival": the day the goods are planned in
    ("requested_delivery_date", r"date\s+(?:de\s+(?:livraison|reception)\s+)?prevue", 0.9),
    (
        "requested_delivery_date",
        r"(?:requested|required|desired|expected|planned|wanted)\s+(?:delivery|ship(?:ping|ment)?|arrival|receipt)\s+date",
        1.0,
    ),
    (
        "requested_delivery_date",
        r"delivery\s+(?:date|deadline|due)|date\s+of\s+delivery|deliver(?:y|ed)?\s+(?:by|on|before|no\s+later\s+than)",
        1.0,
    ),
    (
        "requested_delivery_date",
        r"(?:required|need(?:ed)?|wanted|due)[\s-]+(?:by|on|date)(?:[\s-]+date)?(?:\s*\([^)]{0,20}\))?|required\s+date|requested\s+date|date\s+(?:required|requested|needed)|"
        r"expected\s+(?:date|arrival)|date\s+expected|arrivee\s+prevue|date\s+d'arrivee(?:\s+prevue)?",
        0.95,
    ),
    (
        "requested_delivery_date",
        r"ship(?:ping|ment)?\s+(?:date|by)|dispatch\s+date|arrival\s+date|in[\s-]?house\s+date",
        0.85,
    ),
    ("requested_delivery_date", r"due\s+date|eta", 0.6),
    # a stock app's purchase order: "Created: 27 Nov 2026 | Expected: 8 Dec 2026"
    ("requested_delivery_date", r"expected", 0.8),
    # a cell of its own ("Required | 12/17/2026") or with a colon
    ("requested_delivery_date", r"required|requested|needed|req'?d(?:\s+(?:by|date))?", 0.85),
    (
        "requested_delivery_date",
        r"date\s+(?:de\s+)?livraison(?:\s+(?:souhaitee|prevue|demandee|requise|imperative|au\s+plus\s+tard))?(?:\s+le)?",
        1.0,
    ),
    (
        "requested_delivery_date",
        r"livraison\s+(?:souhaitee|prevue|demandee|requise|imperative|au\s+plus\s+tard|le|pour\s+le|avant\s+le)(?:\s+(?:le|pour\s+le|avant\s+le))?|a\s+livrer\s+(?:le|pour\s+le|avant\s+le)|livrer\s+(?:le|avant\s+le)|"
        r"livraison\s*:\s*(?:le|pour\s+le|avant\s+le)(?=\s+\d)",
        1.0,
    ),
    (
        "requested_delivery_date",
        r"delai\s+(?:de\s+)?livraison|delai\s+(?:souhaite|demande|requis|imperatif)|date\s+d'expedition|expedition\s+le",
        0.85,
    ),
    (
        "requested_delivery_date",
        r"(?:gewunschte[rs]?\s+)?(?:wunsch)?liefer(?:datum|termin|tag|zeitpunkt|woche)(?:\s+spatestens)?|wunschtermin|anliefer(?:datum|termin|ung\s+am)|lieferung\s+(?:am|bis|zum|vor)|liefern\s+(?:am|bis)",
        1.0,
    ),
    (
        # a week asked for: "Semaine de livraison | S16", "Liefer-KW | 16", "Delivery week | 16"
        "requested_delivery_date",
        r"semaine\s+(?:de\s+)?livr(?:aison|\.)?|sem\.?\s+(?:de\s+)?livr(?:aison|\.)?|liefer[\s-]?kw|"
        r"kw\s+(?:der\s+)?lieferung|delivery\s+week|week\s+of\s+delivery|wk\s+of\s+delivery",
        1.0,
    ),
    ("requested_delivery_date", r"versanddatum|versandtermin|termin", 0.7),
    (
        "requested_delivery_date",
        r"(?:erwartete[sr]?\s+)?wareneingangs(?:datum|termin)|date\s+de\s+reception(?:\s+(?:prevue|souhaitee))?|"
        r"(?:expected|planned|requested)\s+receipt(?:\s+date)?|receipt\s+date|date\s+of\s+receipt",
        0.95,
    ),
    # --- currency -------------------------------------------------------------------------
    ("currency", r"currency|curr\.|devise|monnaie|wahrung", 1.0),
    # --- address blocks -------------------------------------------------------------------
    (
        "ship_to",
        r"ship(?:ping)?[\s-]*to(?:\s+address)?|(?:please\s+)?(?:deliver(?:y)?|ship|send)\s+(?:the\s+goods\s+)?to|delivery\s+address|shipping\s+address|delivery\s+location|delivery\s+point|(?:point|place)\s+of\s+delivery|consignee|goods\s+to|"
        r"(?:merci\s+de\s+|veuillez\s+)livrer\s+a",
        1.0,
    ),
    (
        "ship_to",
        r"livrer\s+a|adresse\s+(?:de\s+)?livraison|adr\.?\s+(?:de\s+)?livr(?:aison)?\.?|lieu\s+de\s+livraison|livraison\s+a|a\s+livrer\s+a|destinataire\s+(?:de\s+la\s+)?(?:livraison|marchandise)|"
        # a chain's store to deliver: "Magasin à livrer", "Site de livraison", "Dépôt livré"
        r"(?:magasin|site|point|depot|entrepot|agence|succursale|etablissement)\s+(?:a\s+livrer|de\s+livraison|livre)|"
        r"(?:a|sur)\s+l'adresse\s+suivante|(?:to|at)\s+the\s+following\s+address|an\s+(?:die\s+)?folgende\s+(?:adresse|anschrift)",
        1.0,
    ),
    (
        "ship_to",
        r"liefer(?:anschrift|adresse|ort|stelle)|warenempf(?:ae|a)nger|versand(?:anschrift|adresse)|anlieferadresse|anlieferstelle|lieferung\s+an|liefern\s+an|"
        r"(?:bitte\s+)?liefern\s+sie\s+(?:die\s+ware\s+)?(?:bitte\s+)?an",
        1.0,
    ),
    # a building site: where the goods go ("Baustelle | MFH Riehen, Baselstrasse 88, 4125 Riehen")
    (
        "ship_to",
        r"(?:baustelle(?:nadresse)?|adresse\s+(?:du\s+)?chantier|lieu\s+du\s+chantier"
        r"|job\s*site(?:\s+address)?|site\s+address|delivery\s+site)(?=\s*(?::|$))",
        0.85,
    ),
    # "Deliver: | Harewood Lodge (site), Church Lane, …": where, said by the verb alone
    ("ship_to", r"deliver(?=\s*:)", 0.9),
    # "Destination / Destinazione": where the goods go
    # (not "Country of destination:", "Port de destination")
    ("ship_to", r"(?<!of\s)(?<!de\s)destination(?:\s+address)?(?=\s*(?::|/|$))", 0.9),
    # the addressee of a letter: our own address as often as the goods' (a person looks)
    ("ship_to", r"destinataire|empfanger", 0.7),
    (
        "bill_to",
        r"bill(?:ing)?[\s-]*to|billing\s+address|invoice\s+(?:to|address)|invoicing\s+address|sold[\s-]*to",
        1.0,
    ),
    (
        "bill_to",
        r"adresse\s+de\s+facturation|facturer\s+a|facturation|rechnungs(?:anschrift|adresse|empfanger)|rechnung\s+an",
        1.0,
    ),
    (
        "vendor",
        r"vendor|supplier|seller|fournisseur|lieferant|to|an|auftragnehmer|bestellt\s+bei|commande\s+a",
        0.8,
    ),
    (
        "buyer",
        r"buyer|purchaser|customer|client|acheteur|kunde|besteller|auftraggeber|ordered\s+by|commande\s+par|bestellt\s+von|from|de\s+la\s+part\s+de",
        0.7,
    ),
    # --- customer number (our code for them) ----------------------------------------------
    (
        "customer_number",
        rf"(?:customer|cust\.?|client|account|acct\.?)\s*{_SP}(?:{_NO}|number|account)",
        1.0,
    ),
    ("customer_number", rf"(?:{_NO}|numero|code)\s*(?:de\s+)?client|client\s*{_NO}", 1.0),
    (
        "customer_number",
        rf"(?:ihre\s+)?kunden{_SP}(?:nummer|{_NO})|kundennummer|kd{_SP}(?:nr|{_NO})|debitor(?:en)?{_SP}(?:nummer|{_NO})",
        1.0,
    ),
    # --- others we read ---------------------------------------------------------------------
    (
        "payment_terms",
        r"payment\s+terms|terms\s+of\s+payment|terms|conditions\s+de\s+(?:paiement|reglement)|mode\s+de\s+reglement|reglement|zahlungs(?:bedingungen|ziel|konditionen)",
        0.9,
    ),
    (
        "contact",
        r"contact(?:\s+person)?|attn\.?|attention|z\.?\s?hd\.?|ansprechpartner(?:in)?|requisitioner|buyer\s+name|interlocuteur|sachbearbeiter(?:in)?|your\s+contact|votre\s+contact|interlocuteur",
        0.8,
    ),
    (
        "notes",
        r"comments?|notes?|remarks?|special\s+instructions|instructions|remarques?|observations?|commentaires?|bemerkung(?:en)?|hinweis(?:e)?|anmerkung(?:en)?",
        0.8,
    ),
    (
        "vat",
        r"vat(?:\s+(?:no|number|reg(?:istration)?(?:\s+no)?|id))?|tva(?:\s+intra(?:communautaire)?)?|n°\s*tva|numero\s+de\s+tva|ust[\s.-]*id(?:[\s.-]*nr\.?)?|ust-?idnr\.?|mwst[\s.-]*nr\.?|tax\s+id|siret|siren|steuer[\s-]*nr\.?|steuernummer",
        0.9,
    ),
    # --- stoppers: labels of values we must not take for ours --------------------------------
    (
        "invoice_number",
        rf"invoice{_SP}(?:{_NO}|number)|facture{_SP}(?:{_NO}|numero)|rechnungs{_SP}(?:nummer|{_NO})|rechnungsnummer",
        1.0,
    ),
    (
        "quote_number",
        rf"(?:quote|quotation|offer|devis|offre|angebot(?:s)?){_SP}(?:{_NO}|number|nummer)?",
        0.9,
    ),
    (
        "vendor_number",
        rf"(?:vendor|supplier|fournisseur|lieferanten?){_SP}(?:{_NO}|number|nummer|code)|lieferantennummer|code\s+fournisseur",
        1.0,
    ),
    (
        "delivery_note",
        rf"delivery\s+note{_SP}(?:{_NO})?|bon\s+de\s+livraison|lieferschein{_SP}(?:{_NO})?",
        0.9,
    ),
    ("phone", r"phone|tel(?:ephone|efon)?\.?|t\.|mobile|portable|handy|fax|telefax|telecopie", 0.9),
    ("email", r"e-?mail|courriel|mail", 0.9),
    ("web", r"web(?:site)?|site\s+web|internet|url", 0.9),
    (
        "shipping",
        r"ship\s+via|carrier|shipping\s+(?:method|terms)|incoterms?|f\.?o\.?b\.?|transporteur|mode\s+d'expedition|versand(?:art)?|spediteur|lieferbedingungen|frachtkosten",
        0.8,
    ),
    ("page", r"page|seite", 0.6),
    (
        "subtotal",
        r"sub[\s-]?total|net\s+total|total\s+net|total\s+ht|montant\s+ht|sous[\s-]total|zwischensumme|nettobetrag|netto(?:summe|betrag|wert)?|warenwert|summe\s+netto|gesamt\s+netto|total\s+excl",
        1.0,
    ),
]

_LABELS += [
    (
        # the date of another document the order refers to: not the order's date
        "reference_date",
        r"(?:ihre?|unsere?)\s+(?:nachricht|schreiben|anfrage|angebot|e-?mail|mail|zeichen)\s+vom|"
        r"(?:votre|notre)\s+(?:offre|devis|courrier|lettre|message|demande|e-?mail)\s+du|"
        r"(?:your|our)\s+(?:quot(?:e|ation)|offer|letter|message|e-?mail|enquiry|inquiry)\s+(?:of|dated|from)",
        1.0,
    ),
    (
        "invoice_date",
        r"invoice\s+date|date\s+(?:de\s+(?:la\s+)?)?facture|rechnungsdatum|billing\s+date|date\s+of\s+invoice",
        1.0,
    ),
    (
        "po_number",
        rf"(?:bon\s+de\s+)?commande\s+(?:client|fournisseur|d'achat|achat)\s*{_NO}|purchase\s+order\s+(?:number|no\.?|#)|einkaufsbestellung\s*{_NO}",
        1.0,
    ),
    ("po_number", r"po(?=\s+(?!box\b)[a-z0-9/-]*\d)", 0.8),
    # a sheet's header block: "No | GA-1142", "N° : 2026-124" (a cell alone, for a person to
    # confirm: a number it is, whose is less sure)
    ("po_number", r"n\s?°|no\.?|nr\.?", 0.55),
    (
        "requested_delivery_date",
        r"(?:requested|required|desired|wished|planned|expected)\s+(?:delivery|shipment|arrival)|delivery\s+(?:requested|required|wanted|wished)",
        0.95,
    ),
    (
        "requested_delivery_date",
        r"(?:bitte\s+)?liefern\s+sie(?:\s+(?:uns|die\s+ware))?\s+(?:bis|am|zum)(?:\s+spatestens)?(?:\s+(?:am|zum))?|bis\s+spatestens(?:\s+(?:am|zum))?|spatestens\s+(?:am|bis|zum)|"
        r"(?:a\s+)?livrer\s+(?:avant|pour)\s+le|au\s+plus\s+tard\s+le|(?:please\s+)?deliver(?:ed)?\s+(?:by|on|before|no\s+later\s+than)|no\s+later\s+than|at\s+the\s+latest\s+(?:by|on)",
        0.9,
    ),
    # "Livraison dès que possible, au plus" / "tard le 27/11": the words wrapped
    ("requested_delivery_date", r"^tard\s+le(?=\s+\d)", 0.85),
    (
        "po_number",
        rf"(?:{_NO}|numero)\s*(?:de\s+)?b\.?\s?c\.?(?![a-z0-9]|-\d)|b\.?c\.?\s*{_NO}",
        1.0,
    ),
    ("po_number", r"n\s?°|no\.|nr\.|numero", 0.6),
    (
        "quote_number",
        r"ref(?:erence)?\.?\s+(?:du\s+)?(?:devis|offre|quote|quotation|angebot)|(?:your|our|votre|notre|ihr|unser)\s+(?:quot(?:e|ation)|devis|offre|angebot)(?:\s*(?:no\.?|n°|nr\.?|#))?|angebotsnummer|quotation\s+ref(?:erence)?",
        1.0,
    ),
    (
        "requested_delivery_date",
        r"date\s+(?:souhaitee|requise|demandee|imperative)|wunschdatum|gewunschtes\s+datum|gewunschter\s+termin|desired\s+date|target\s+date",
        0.95,
    ),
    (
        "requested_delivery_date",
        r"req(?:uired|uested)?\.?\s*(?:delivery\s+|ship\s+)?date|date\s+(?:req\.?|requested|required)|del(?:iv)?\.?\s*date|dlv\.?\s*date",
        0.95,
    ),
    (
        "requested_delivery_date",
        r"delai|date\s+livr\.?|livr\.?\s+le|livraison\s+prevue|liefertermin",
        0.85,
    ),
    ("ship_to", r"livraison|lieferung|delivery", 0.75),
    (
        "requested_delivery_date",
        r"(?:we\s+)?need(?:ed)?\s+(?:this|these|it|them|the\s+(?:goods|items|parts|order))\s+(?:by|on|before|for)|"
        r"(?:ship|deliver|send)\s+(?:us\s+)?(?:the\s+following(?:\s+items)?|these\s+(?:items|goods|parts)|the\s+(?:goods|items|parts|order)|it|them|everything)\s+(?:by|on|before|no\s+later\s+than)|"
        r"(?:pour|avant|d'ici)\s+le(?=\s+\d{1,2}(?:er)?[\s./-])|"
        r"(?:wir\s+)?ben[oö]tigen\s+(?:die\s+ware\s+|diese\s+|sie\s+)?(?:bis|am|zum)(?:\s+(?:zum|am))?",
        0.9,
    ),
    (
        "vendor_number",
        rf"(?:vendor|supplier|fournisseur|lieferanten?){_SP}(?:id|no|nr|#)|kreditor(?:en)?(?:{_SP}(?:nummer|{_NO}))?|our\s+vendor\s+(?:no|number|#)",
        1.0,
    ),
]

# fields that take a value next to the label (the others are blocks or stoppers)
VALUE_FIELDS = {
    "po_number",
    "order_date",
    "requested_delivery_date",
    "currency",
    "customer_number",
    "payment_terms",
    "contact",
    "vat",
}
BLOCK_FIELDS = {"ship_to", "bill_to", "vendor", "buyer"}

# tiny words that are labels only when they stand alone or end with a colon
# "Requested 27/10/25": a date right after the word makes it a label
_DATE_NEXT = re.compile(r"\s+\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b")
_NEED_COLON = {
    "required",
    "requested",
    "needed",
    "to",
    "an",
    "from",
    "du",
    "vom",
    "de la part de",
    "a l'attention de",
    "order",
    "terms",
    "page",
    "client",
    "customer",
    "kunde",
    "reference",
    "ref",
    "ref.",
    "delivery",
    "livraison",
    "lieferung",
    "delai",
    "commande",
    "auftrag",
    "n°",
    "n °",
    "no",
    "no.",
    "nr.",
    "numero",
    "date",
    "datum",
    "dated",
    "t.",
    "mail",
    "url",
    "internet",
}

# a label ends where a word does (or on its own dot, hash, degree sign or colon): said in the
# pattern, so that "order reference" is not cut at "order ref" and then refused
_ENDS = r"(?:(?<=[.#°:])|(?=$|[\s:#.\-/()\[\]|,;=>]|\d))"
_COMPILED = [(f, re.compile(f"(?:{p}){_ENDS}"), s) for f, p, s in _LABELS]
_ORDER_NUMBER_BEFORE = re.compile(
    r"(?<!\w)(?:commande|bestellung|order|po|bon|auftrag|n°|no\.?|nr\.?|#)\s*[^\s]*\s*[^\s]*\s+$"
)
# "ersetzt unsere Bestellung 2026-118 vom 04.11.2026", "annule et remplace notre commande du
# 02/11": the words of a document that replaces an earlier order (folded, or any case)
REPLACES = r"ersetz|replac|remplac|supersed"
_OTHER_PAPER = re.compile(
    r"offre|offerte|angebot|devis|quot|rechnung|facture|invoice|lieferschein|livraison|delivery|"
    rf"bestatigung|confirmation|contrat|contract|vertrag|avis|{REPLACES}|annule"
)
# "ersetzt unsere Bestellung vom …", "die ursprüngliche Bestellung vom …", "our original order
# of …": another order's day
_REPLACED_BEFORE = re.compile(
    rf"\b(?:{REPLACES}|ursprungl|vorherig|original|previous|precedent|initial)\w*\b[^.;]*$"
)
_AFTER_OK = re.compile(r"$|[\s:#.\-/()\[\]|,;=>]|\d")


@dataclass(frozen=True)
class LabelHit:
    field: str
    strength: float
    line: TextLine
    start: int  # char offset of the label in line.text
    end: int  # char offset just after the label (and its colon)
    first_word: int
    last_word: int  # index of the word where the label ends
    text: str  # the label as printed

    @property
    def x0(self) -> float:
        return self.line.words[self.first_word].x0

    @property
    def x1(self) -> float:
        return self.line.words[self.last_word].x1

    @property
    def label_key(self) -> str:
        return re.sub(r"[^a-z0-9]+", " ", self.line.norm[self.start : self.end]).strip()


def _word_starts(line: TextLine) -> list[int]:
    starts = []
    for start, end in line.spans:
        starts.append(start)
        # labels glued to punctuation inside a word ("Bestell-Nr.:4711", "(PO#)")
        for k in range(start + 1, end):
            if not line.norm[k - 1].isalnum() and line.norm[k].isalpha():
                starts.append(k)
    return starts


# Words of labels worth recognising through a scan's misreadings ("Bestelinummer", "Matum",
# "Ilefern"): an OCR word of the same length, one or two letters off, is read as the label word.
_LABEL_WORDS = frozenset(
    """
    bestellnummer bestellung bestelldatum belegdatum datum lieferanschrift lieferadresse
    liefertermin lieferdatum liefern lieferung lieferant lieferantennr lieferantennummer
    rechnungsanschrift rechnungsadresse wunschtermin ansprechpartner telefon telefax
    kundennummer auftragsnummer warenempfanger bestellnr auftragsnr belegnummer bestellzeichen
    commande numero livraison adresse facturation fournisseur souhaitee reglement
    destinataire interlocuteur
    purchase order number delivery deliver address shipping invoice vendor supplier
    required requested date
    """.split()
)


def _ocr_label_view(norm: str) -> str:
    """``norm`` with scanned words one or two letters off a label word replaced by it (same
    length, so every offset still points at the printed text)."""
    # a speck read as a quote at the start of a word ("BESTELL ‘NR."): no letter of the label
    norm = re.sub(r"(?<=\s)['`|](?=[a-z])", " ", norm)
    out = list(norm)
    for m in re.finditer(r"[a-z]{5,}", norm):
        fixed = _closest_label_word(m.group(0))
        if fixed:
            out[m.start() : m.end()] = fixed
    return "".join(out)


@functools.lru_cache(maxsize=4096)
def _closest_label_word(word: str) -> str | None:
    if word in _LABEL_WORDS:
        return None
    limit = 1 if len(word) < 9 else 2
    found = [
        w
        for w in _LABEL_WORDS
        if len(w) == len(word) and sum(a != b for a, b in zip(w, word, strict=True)) <= limit
    ]
    return found[0] if len(found) == 1 else None


def find_labels(line: TextLine, *, fields: set[str] | None = None) -> list[LabelHit]:
    """Label hits of a line, left to right, the longest label at each position, no overlaps."""
    from ingestion.layout import TextSource

    hits: list[LabelHit] = []
    norm = line.norm if line.source != TextSource.OCR else _ocr_label_view(line.norm)
    # an export's column names are written in snake case ("requested_date", "created_at")
    norm = norm.replace("_", " ")
    starts = _word_starts(line)
    pos_taken = -1
    for start in starts:
        if start < pos_taken:
            continue
        best: tuple[int, str, float] | None = None
        seg = line.segment_of(line.word_at(start))
        seg_end = line.spans[seg[1] - 1][1]  # a label never runs across a column gap
        for field, pattern, strength in _COMPILED:
            if fields is not None and field not in fields:
                continue
            m = pattern.match(norm, start, seg_end)
            if not m or m.end() == start:
                continue
            end = m.end()
            if not _AFTER_OK.match(norm, end) and norm[end - 1 : end] not in (".", "#", "°", ":"):
                continue
            if best is None or end > best[0] or (end == best[0] and strength > best[2]):
                best = (end, field, strength)
        if best is None:
            continue
        end, field, strength = best
        # a bilingual label, "PO / N° commande", "Order date / Date": both halves are the label
        slash = re.match(r"\s*/\s*", norm[end:seg_end])
        if slash:
            after = end + slash.end()
            for other_field, pattern, other_strength in _COMPILED:
                m = pattern.match(norm, after, seg_end) if other_field == field else None
                if (
                    m
                    and m.end() > after
                    and (_AFTER_OK.match(norm, m.end()) or norm[m.end() - 1 : m.end()] in ".#°:")
                ):
                    end = max(end, m.end())
                    strength = max(strength, other_strength)  # "nr. / Bon de commande n°"
            if end < after:
                # "Date / Data 07/10/2026", "Delivery / Consegna": the label again in a
                # language we do not read, one word before its value
                other = re.match(r"[a-z]{2,12}\.?(?=\s*:|\s+\d|\s*$)", norm[after:seg_end])
                if other:
                    end = after + other.end()
        if field == "po_number":
            # "PO / N° commande": the noun after the number sign is still the label
            more = re.match(
                r"\s*(?:de\s+)?(?:commande|bestellung|order|auftrag|cde)(?=\s|:|$)",
                norm[end:seg_end],
            )
            if more:
                end += more.end()
            # "Bestellnummer gemäss SAP: 4500013022", "Bestellnummer für die Rechnung: WS-131",
            # "Order number for your invoice: 4471": what the number is for, up to its colon
            said = re.match(
                r"\s+(?:gemass|laut|lt\.?|fur|for|pour|per|selon|as\s+per|from|aus|im|in)\s+"
                r"(?:[a-z]+\s+){0,2}[a-z]+\s*:",
                norm[end:seg_end],
            )
            if said:
                end += said.end() - 1
        if field == "order_date" and _REPLACED_BEFORE.search(norm[:start]):
            # "ersetzt unsere Bestellung vom 10.03.2026": the day of the order this one replaces
            pos_taken = end
            continue
        # the colon, hash or equal sign that closes the label belongs to it (and a qualifier
        # in brackets before it: "Auftrags-Nr. (Stadt):")
        tail = re.match(r"\s*(?:\([^()]{1,20}\)\s*)?[:#=]+", norm[end:])
        if tail:
            end += tail.end()
        first = line.word_at(start)
        last = min(max(first, line.word_at(max(start, end - 1))), len(line.words) - 1)
        segment = line.segment_of(first)
        at_segment_start = first == segment[0] and start == line.spans[first][0]
        has_colon = bool(tail) or norm[end - 1 : end] in (":", "#")
        alone = last == segment[1] - 1 and end >= line.spans[last][1]
        word = norm[start:end].strip(" :#=")
        # "(notre réf. 2026/327)": a label opening brackets stands apart as at a cell's start
        bracketed = start > 0 and norm[start - 1] in "(["
        # "Ostbelgien Metallbau GmbH - Bestellung P00388": a title's parts set apart by a dash
        dashed = bool(_AFTER_A_DASH.search(norm[:start]))
        if strength < 0.8 and not (at_segment_start or has_colon or bracketed or dashed):
            # a weak label inside a sentence is none, but a strong one may start within it
            # ("notre référence de commande 2026-131": "référence de commande")
            continue
        next_date = _DATE_NEXT.match(norm, end)
        # "N° CF00836 du 09/12/26", "Bestellung 4711 vom 20.11.2026": the number's date (not a
        # span of days: "du 09/12 au 12/12")
        numbers_date = (
            next_date is not None
            and field == "order_date"
            and word in ("du", "vom")
            and not re.match(r"\s+(?:au|bis)\b", norm[next_date.end() :])
        )
        beside_the_number = (
            numbers_date
            # the order's number, not the quote's it refers to ("Offerte Nr. … vom …")
            and bool(re.search(r"\d[^\s]*\s+$", norm[:start]))
            and bool(_ORDER_NUMBER_BEFORE.search(norm[:start]))
            and not _OTHER_PAPER.search(norm[:start])
        )
        # "Bestellung BE-26-1502" over "vom 25.11.2026 · Seite 1/1": what the line above names
        # is not seen here, so the plain label's strength
        numbers_date = beside_the_number or (numbers_date and at_segment_start)
        if beside_the_number:
            strength = 0.95
        # "Requested 27/10/25"; "DATE 24.11.26" opening a cell (an AS/400 print's header)
        dated = next_date is not None and (
            field == "requested_delivery_date"
            or (field == "order_date" and at_segment_start and word in ("date", "datum"))
            or numbers_date
        )
        # "Garage Dubois SRL – Commande GD-2026-1210": a title's part after a dash, a number
        # right after the word
        # …or the document's very first words: "Order 4410029611 - raised 30/11/2026 - …"
        opening = line.index == 0 and start == 0
        titled = (dashed or opening) and bool(
            re.match(
                # (and its date after it: "… - Commande 2026/361 du 18.12.2026")
                r"\s+[a-z]{0,5}[-/]?\d[\w/.-]*\s*"
                + (
                    r"(?:$|[-–—|]\s|(?:du|vom|of|from|dated)\s+\d)"
                    if opening
                    else r"(?:$|(?:du|vom|of|from|dated)\s+\d)"
                ),
                norm[end:seg_end],
            )
        )
        if word in _NEED_COLON and not (has_colon or alone or dated or titled):
            pos_taken = end
            continue
        hits.append(
            LabelHit(
                field=field,
                strength=strength,
                line=line,
                start=start,
                end=end,
                first_word=first,
                last_word=last,
                text=line.text[start:end].strip(),
            )
        )
        pos_taken = end
    return hits


_AFTER_A_DASH = re.compile(r"\S\s+[-–—|]\s+$")


def is_label_start(line: TextLine, word_index: int, hits: list[LabelHit]) -> bool:
    return any(h.first_word == word_index and h.start == line.spans[word_index][0] for h in hits)
