"""Address blocks: find the block under/after a label, and split it into name, street, postcode, city, country."""

from __future__ import annotations

import re
from collections.abc import Collection

from ingestion.extraction.dates import MONTHS
from ingestion.extraction.geometry import TextLine, fold
from ingestion.extraction.labels import LabelHit, find_labels
from ingestion.extraction.model import Address
from ingestion.layout import TextSource

COUNTRIES = {
    "FR": "france|frankreich|fr",
    "DE": "germany|allemagne|deutschland|bundesrepublik deutschland|de|brd",
    "CH": "switzerland|suisse|schweiz|svizzera|ch",
    "AT": "austria|autriche|osterreich|oesterreich|at",
    "BE": "belgium|belgique|belgien|belgie|be",
    "NL": "netherlands|the netherlands|pays-bas|niederlande|nederland|holland|nl",
    "LU": "luxembourg|luxemburg|lu",
    "IT": "italy|italie|italien|italia|it",
    "ES": "spain|espagne|spanien|espana|es",
    "PT": "portugal|pt",
    "GB": "united kingdom|uk|u.k.|great britain|england|scotland|wales|royaume-uni|royaume uni|grossbritannien|vereinigtes konigreich|gb",
    "IE": "ireland|irlande|irland|ie",
    "US": "usa|u.s.a.|united states|united states of america|us|u.s.|etats-unis|etats unis|vereinigte staaten",
    "CA": "canada|kanada",
    "PL": "poland|pologne|polen|polska|pl",
    "CZ": "czech republic|czechia|republique tcheque|tschechien|cz",
    "DK": "denmark|danemark|danemark|dk",
    "SE": "sweden|suede|schweden|se",
    "NO": "norway|norvege|norwegen|no",
    "FI": "finland|finlande|finnland|fi",
}
_COUNTRY_LOOKUP = {name: code for code, names in COUNTRIES.items() for name in names.split("|")}
_EU_PREFIX = {
    "F": "FR",
    "FR": "FR",
    "D": "DE",
    "DE": "DE",
    "CH": "CH",
    "A": "AT",
    "AT": "AT",
    "B": "BE",
    "BE": "BE",
    "L": "LU",
    "LU": "LU",
    "I": "IT",
    "IT": "IT",
    "E": "ES",
    "ES": "ES",
    "NL": "NL",
    "P": "PT",
    "PL": "PL",
    "CZ": "CZ",
    "DK": "DK",
    "S": "SE",
    "N": "NO",
}
US_STATES = set(
    "AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY "
    "NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC PR".split()
)

_US = re.compile(
    r"^(?P<city>[A-Za-z][A-Za-z .'-]*?)\s*,?\s+(?P<state>[A-Z]{2})\.?\s*,?\s+(?P<zip>\d{5}(?:-\d{4})?)\b"
)
_EU = re.compile(
    r"^(?:(?P<cc>[A-Z]{1,2})\s?[-‑–]\s?)?(?P<zip>\d{4,5})\s+(?P<city>[^\d\s,][^,\d]*?)(?:\s+cedex(?:\s+\d+)?)?\s*(?:,\s*(?P<country>.+))?$",
    re.IGNORECASE,
)
_NL = re.compile(r"^(?P<zip>\d{4}\s?[A-Z]{2})\s+(?P<city>[^\d].*)$")
_UK = re.compile(r"\b(?P<zip>(?:[A-Z]{1,2}\d[A-Z\d]?|GIR)\s*\d[A-Z]{2})\b(?![-/.]\w)")
# "Montréal QC H2X 1Y4"; not the cable "R2V 3G2,5"
_CA = re.compile(r"\b(?P<zip>[A-Z]\d[A-Z]\s?\d[A-Z]\d)\b(?![.,]\d)")
# an Irish Eircode: routing key and unique identifier, "P31 KD79", "D6W X2Y8"
_EIRCODE = r"(?:[ACDEFHKNPRTVWXY]\d{2}|D6W)\s?(?=[0-9]*[ACDEFHKNPRTVWXY])[0-9ACDEFHKNPRTVWXY]{4}"
_IE = re.compile(rf"\b(?P<zip>{_EIRCODE})\b")
_CITY_ZIP = re.compile(r"^(?P<city>[^\d,]+?)\s*,?\s+(?P<zip>\d{4,5})$")

_STREET_WORDS = re.compile(
    r"\b(?:street|st\.?|avenue|ave\.?|av\.?|road|rd\.?|lane|ln\.?|drive|dr\.?|boulevard|blvd\.?|way|court|ct\.?|place|pl\.?|"
    r"parkway|pkwy|highway|hwy|freeway|fwy|expressway|expy|turnpike|tpke|pike|circle|cir|terrace|trail|"
    r"square|sq|suite|ste\.?|building|bldg|floor|unit|p\.?\s?o\.?\s?box|"
    r"rue|avenue|bd|allee|chemin|impasse|route|quai|cours|zone|za|zi|zac|lieu-dit|bp|cs|"
    r"stra(?:ss|ß)e|str\.?|weg|gasse|platz|allee|ring|damm|ufer|postfach|chaussee|steig)\b",
    re.IGNORECASE,
)
_NOISE = re.compile(
    r"^(?:phone|tel|t\b|fax|f\b|telefax|telephone|telefon|mobile|e-?mail|mail|courriel|web|www|http|vat|tva|ust|siret|siren|"
    r"tax|steuer|iban|bic|swift|contact|page|seite)|@|www\.|https?://|^\+?[\d\s().-]{7,}$",
    re.IGNORECASE,
)
_PREFIXED_POSTCODE = re.compile(r"^[A-Z]{1,2}\s?[-‑–]\s?\d{4,5}\s+[^\d\s]")
_ATTN = re.compile(
    r"^(?:attn\.?|attention|a l'attention de|a l'att\.?|z\.?\s?hd\.?|zu handen|c/o|ansprechpartner)\s*:?\s*",
    re.IGNORECASE,
)
_COMPANY = re.compile(
    r"\b(?:inc|incorporated|ltd|limited|llc|llp|plc|corp|corporation|co|company|group|gmbh|ag|kg|ohg|gbr|ug|e\.?\s?k|"
    r"sa|sas|sasu|sarl|eurl|snc|sci|scop|bv|nv|srl|spa|ab|as|oy|industries|electronics|systems|solutions|services|"
    r"supplies|supply|manufacturing|trading|technologies|technology|international|holding|werke?|handel|"
    r"societe|ets|etablissements|entreprise|laboratoires?|hospital|hopital|clinique|klinik|university|universite|"
    r"store|stores|shop|market|hotel|restaurant|bakery|boulangerie|baeckerei|pharmacie|apotheke)\b\.?",
    re.IGNORECASE,
)


def country_code(text: str) -> str | None:
    key = fold(text).strip(" .,;:").strip()
    return _COUNTRY_LOOKUP.get(key)


def parse_postal_line(
    line: str, *, language: str | None = None
) -> tuple[str, str, str | None] | None:
    """(postal code, city, country) of a ``12345 City`` / ``City, ST 12345`` / UK-style line."""
    text = line.strip().strip(",")
    m = _US.match(text)
    if m and m["state"] in US_STATES:
        return m["zip"], m["city"].strip(" ,"), "US"
    m = _NL.match(text)
    if m and not (
        # "1200 ST PAUL STREET": an American house number, not "6213 ND Maastricht"
        re.match(r"^\d{4}\s?(?:ST|ND|RD|TH)\b", text, re.IGNORECASE)
        and _STREET_WORDS.search(m["city"])
    ):
        return m["zip"].replace(" ", " "), m["city"].strip(), "NL"
    m = _EU.match(text)
    if m:
        city = m["city"].strip(" ,")
        if (
            len(city) >= 2
            and not _STREET_WORDS.search(" ".join(city.split()[1:]))
            # "1999 N Stemmons Fwy": an American house number before a compass point
            and not re.match(r"(?:[NSEW]|NE|NW|SE|SW)\.?\s+\w", city)
            # "aus Ihrer Liste 2026 übernommen": a year, then no town's capital
            and not (re.fullmatch(r"20\d\d", m["zip"]) and city[:1].islower())
            and not _month_and_year(city, m["zip"])
            # "K-7003 Ardenne Funéraire": an account's letter, no country's ("D-80331")
            and not (m["cc"] and m["cc"].upper() not in _EU_PREFIX)
        ):
            country = None
            if m["cc"]:
                country = _EU_PREFIX.get(m["cc"].upper())
            if m["country"]:
                country = country_code(m["country"]) or country
            if country is None:
                zip_code = m["zip"]
                if len(zip_code) == 4:
                    country = {"de": "CH", "fr": "BE"}.get(language or "", None)
                else:
                    country = {"fr": "FR", "de": "DE"}.get(language or "", None)
            return m["zip"], city, country
    m = _IE.search(text)
    if m and re.search(r"[A-Za-z]{3,}", text.replace(m["zip"], "")):
        rest = text.replace(m["zip"], " ")
        rest = re.sub(r"(?i),?\s*(?:ireland|eire|irlande|irland)\b\.?", " ", rest)
        pieces = [p.strip() for p in " ".join(rest.split()).split(",") if p.strip()]
        city = re.sub(r"^(?:Co\.?\s+)", "", pieces[-1] if pieces else "")
        return m["zip"], city, "IE"
    m = _UK.search(text)
    if m and re.search(r"[A-Za-z]{3,}", text.replace(m["zip"], "")):
        city = text.replace(m["zip"], "").strip(" ,")
        return m["zip"], city, "GB"
    m = _CA.search(text)
    if m and re.search(r"[A-Za-z]{3,}", text.replace(m["zip"], "")):
        return m["zip"], text.replace(m["zip"], "").strip(" ,"), "CA"
    m = _CITY_ZIP.match(text)
    if (
        m
        and len(m["city"]) >= 3
        and len(m["city"].split()) <= 4
        and _PLACE_NAME.fullmatch(m["city"].strip())
        # "Ihr Elektromeister in Aachen seit 1987": a year
        and not re.search(
            r"(?i)\b(?:seit|since|depuis|founded|established|est\.|gegr\.?|gegründet)$",
            m["city"].strip(),
        )
        # "AG Traunstein HRA 9921", "FN 123456", "RCS Liège 4711": a register's number
        and not re.search(
            r"(?i)\b(?:hr[ab]?|fn|rcs|rc|rpm|kvk|siren|siret|uid|reg(?:ister)?|nr|no|tel|fax)\.?$"
            r"|^(?:hr[ab]?|fn|rcs|rpm|kvk)\b",
            m["city"].strip(),
        )
        and not _month_and_year(m["city"], m["zip"])
    ):
        return m["zip"], m["city"].strip(), None
    return None


def _month_and_year(city: str, code: str) -> bool:
    """ "semaine 2 (janvier 2027)", "Liefertermin März 2027": a month and its year."""
    return bool(re.fullmatch(r"20\d\d", code)) and fold(city).strip(" .()") in MONTHS


# "Nyon 1260", not "Commande n° 1131" or "Kunden-Nr. bei Ihnen: 20931"
_PLACE_NAME = re.compile(
    r"(?i)(?!.*\b(?:n[°o]|nr|no|nummer|number|num[eé]ro|commande|order|bestellung|client|kunde|"
    r"kunden|ref|r[ée]f[ée]rence|invoice|facture|rechnung|po|cert|certificate|certificat|zertifikat"
    r"|licen[cs]e|permit|approval|agr[ée]ment)\b)[^\W\d_][^\d:#°]*"
)


_POSTCODE_ONLY = re.compile(
    rf"^(?:(?P<ie>{_EIRCODE})|"
    r"(?P<uk>(?:[A-Z]{1,2}\d[A-Z\d]?|GIR)\s*\d[A-Z]{2})|(?P<nl>\d{4}\s?[A-Z]{2})|(?P<ca>[A-Z]\d[A-Z]\s?\d[A-Z]\d)|(?P<num>\d{4,5}(?:-\d{4})?))$"
)


def _postcode_only(line: str, previous: str) -> tuple[str, str, str | None] | None:
    """A postcode alone on its line (UK style: ``Coventry`` / ``CV2 2TN``): the city is above."""
    m = _POSTCODE_ONLY.match(line.strip())
    # "Dublin 2" / "D02 VX88": a town and its postal district above an Eircode
    district = bool(m and m["ie"] and re.fullmatch(r"[A-Za-z .'-]+\s\d{1,2}", previous.strip()))
    if not m or (re.search(r"\d", previous) and not district) or len(previous) > 40:
        return None
    country = (
        "IE" if m["ie"] else "GB" if m["uk"] else "NL" if m["nl"] else "CA" if m["ca"] else None
    )
    return m.group(0), previous.strip(" ,"), country


_US_STATE_ZIP = re.compile(r"[A-Z]{2}\s+\d{5}(?:-\d{4})?")


def split_address_lines(lines: list[str]) -> list[str]:
    """One address part per line: ``Street 1 | 12345 City``, ``Name · Street · City`` and a whole
    address in one cell, ``Name, Street 1, 12345 City``, split."""
    out = []
    # "Haus B, Romanstraße 41, 80639" / "München": a one-line address whose town wrapped to the
    # next line, joined again
    for line in _towns_joined(lines, _ENDS_IN_A_POSTCODE, _WRAPPED_TOWN):
        # "DC Trade Port Noord (Heierhoevenweg 17, 5928 RG Venlo):" — the address in brackets
        line = re.sub(r"\s*\(([^()]*\d[^()]*)\)\s*[:.]?\s*$", r", \1", line)
        parts = [p.strip() for p in re.split(r"\s+[|·•]\s+|\s{3,}", line) if p.strip()]
        for part in parts:
            pieces = [p.strip() for p in part.split(", ") if p.strip()]
            if len(pieces) == 1 and " - " in part:
                # "LRA Dépôt de Lyon - 12 rue J.-B. Clément - 69800 Saint-Priest"
                dashed = [p.strip() for p in part.split(" - ") if p.strip()]
                if len(dashed) >= 3 and any(parse_postal_line(p) for p in dashed[1:]):
                    pieces = dashed
            if (
                len(pieces) >= 4
                and _US_STATE_ZIP.fullmatch(pieces[-1])
                and parse_postal_line(f"{pieces[-2]}, {pieces[-1]}")
            ):
                # "…, Los Angeles, CA 90045": the town and its state line stay together
                pieces[-2:] = [f"{pieces[-2]}, {pieces[-1]}"]
            pieces = [_town_part(p) for p in pieces]
            pieces = [q for p in pieces for q in _street_then_town(p)]
            if (len(pieces) >= 3 and any(parse_postal_line(p) for p in pieces[1:])) or (
                len(pieces) == 2 and parse_postal_line(pieces[1]) and re.search(r"\d", pieces[0])
            ):
                out.extend(pieces)
            else:
                out.append(part)
    # "38400" | "Saint-Martin-d'Hères": a postcode in a cell of its own before its town
    return _towns_joined(out, _A_POSTCODE_ALONE, _A_TOWN)


_ENDS_IN_A_POSTCODE = re.compile(r",\s*\d{4,5}\s*$")
_WRAPPED_TOWN = re.compile(r"\s*[^\W\d_][^\d,]{1,38}")
_A_POSTCODE_ALONE = re.compile(r"^\d{4,5}$")
_A_TOWN = re.compile(r"[^\W\d_][^\d]*")


def _towns_joined(parts: list[str], postcode: re.Pattern, town: re.Pattern) -> list[str]:
    """The parts with a town joined to the part before it that ends in its postcode."""
    out: list[str] = []
    for part in parts:
        if out and postcode.search(out[-1]) and town.fullmatch(part):
            out[-1] = f"{out[-1].rstrip()} {part.strip()}"
        else:
            out.append(part)
    return out


_TOWN_AT_END = re.compile(r"^(?P<head>.*\S)\s+(?P<tail>\d{4,5}\s+[^\W\d_][^\d,]*)$")


def _street_then_town(piece: str) -> list[str]:
    """ "Distriport 1 rue du Languedoc 13310 Saint-Martin-de-Crau": the street and the town
    written on one line with no comma between them, as two parts."""
    m = _TOWN_AT_END.match(piece)
    if (
        m
        and not parse_postal_line(piece)
        and parse_postal_line(m["tail"])
        and (_STREET_WORDS.search(m["head"]) or re.search(r"\d", m["head"]))
    ):
        return [m["head"], m["tail"]]
    return [piece]


def _town_part(piece: str) -> str:
    """ "69800 Saint-Priest - quai n° 4": the town, without what follows its dash."""
    head, sep, _tail = piece.partition(" - ")
    if sep and not parse_postal_line(piece) and parse_postal_line(head):
        return head
    return piece


def holds_address(text: str) -> bool:
    """Whether one line of prose holds a whole address: "dépôt de Lyon, 12 rue X, 69800 Y"."""
    pieces = split_address_lines([text])
    if len(pieces) == 1:
        pieces = [p.strip() for p in re.split(r",\s*|\s{2,}", text) if p.strip()]
    if len(pieces) < 3:
        return False
    # "…, Galway, H91 P2DK": a town, then its code as a piece of its own
    joined = [f"{a} {b}" for a, b in zip(pieces[1:], pieces[2:], strict=False)]
    return any(parse_postal_line(p) for p in [*pieces[1:], *joined])


def parse_address(lines: list[str], *, language: str | None = None) -> Address:
    """Name, street, postal code, city and country of an address block."""
    contact = None
    kept: list[str] = []
    for raw in split_address_lines(lines):
        text = " ".join(raw.split())
        if not text:
            continue
        m = _ATTN.match(fold(text))
        if m:
            contact = text[m.end() :].strip() or contact
            continue
        if _NOISE.search(text) and not _PREFIXED_POSTCODE.match(text):
            continue  # "F-67400 Illkirch" is no fax number
        kept.append(text)
    # two addresses run together under one label (the ship-to, then the supplier's address
    # with no gap): the label's is the first, up to its country
    towns = [i for i, t in enumerate(kept) if parse_postal_line(t, language=language)]
    if len(towns) >= 2 and towns[1] - towns[0] >= 3:
        end = towns[0] + 1
        if end < len(kept) and country_code(kept[end]):
            end += 1
        kept = kept[:end]
    postal_index = None
    parsed = None
    for i in range(len(kept) - 1, -1, -1):
        parsed = parse_postal_line(kept[i], language=language)
        if parsed is None and i > 0:
            parsed = _postcode_only(kept[i], kept[i - 1])
            if parsed:
                kept[i - 1 : i + 1] = [kept[i] + " " + kept[i - 1]]
                i -= 1
        if parsed:
            postal_index = i
            break
    country = None
    if postal_index is None:
        name = kept[0] if kept else None
        street = next((t for t in kept[1:] if re.search(r"\d", t) or _STREET_WORDS.search(t)), None)
        return Address(name=name, street=street, contact=contact, lines=tuple(lines))
    zip_code, city, country = parsed
    for t in kept[postal_index + 1 :]:
        country = country_code(t) or country
    before = kept[:postal_index]
    street = None
    # (a street's word with its accents: "Allée du Concours")
    if before and (re.search(r"\d", before[-1]) or _STREET_WORDS.search(fold(before[-1]))):
        street = before.pop()
        if (
            before
            and re.search(r"\d", before[-1])
            and _STREET_WORDS.search(before[-1])
            and len(before) > 1
        ):
            street = before.pop() + ", " + street
    name = None
    if before:
        companies = [t for t in before if _COMPANY.search(t)]
        if companies:
            name = companies[0]
            others = [t for t in before if t is not name]
            if contact is None and others and others[0] != name and before.index(name) > 0:
                contact = others[0]
        elif len(before) >= 2 and _TITLE.match(before[0]):
            name, contact = before[1], contact or before[0]
        else:
            name = before[0]
    return Address(
        name=name,
        street=street,
        postal_code=zip_code,
        city=city,
        country=country,
        contact=contact,
        lines=tuple(lines),
    )


_TITLE = re.compile(r"(?i)^(?:mr|mrs|ms|dr|m\.|mme|mlle|herr|frau)\b")


STOP_FIELDS = {
    "ship_to",
    "bill_to",
    "vendor",
    "buyer",
    "po_number",
    "order_date",
    "requested_delivery_date",
    "customer_number",
    "payment_terms",
    "shipping",
    "subtotal",
    "notes",
    "invoice_number",
    "quote_number",
    "vendor_number",
}


# the words a block's label may start with that are no part of it: "Bitte liefern an:"
_POLITE = re.compile(r"(?:bitte|please|kindly|merci\s+de|priere\s+de|veuillez|svp)\b\.?")


def _value_column(hit: LabelHit, line: TextLine, nxt: tuple[int, int], lines) -> bool:
    """Other rows near the label's hold a word at the label's left edge and a value that
    starts where the label's does: a form's column of values."""
    cw = line.char_width()
    x_label, x_value = line.words[hit.first_word].x0, line.words[nxt[0]].x0
    if hit.first_word != 0:
        return False
    k = next((n for n, ln in enumerate(lines) if ln.index == line.index), None)
    if k is None:
        return False
    aligned = 0
    for ln in lines[max(0, k - 3) : k] + lines[k + 1 : k + 4]:
        if ln.page != line.page or len(ln.segments) < 2 or not ln.words:
            continue
        if (
            abs(ln.words[0].x0 - x_label) <= 2 * cw
            and any(abs(ln.words[s0].x0 - x_value) <= 2 * cw for s0, _s1 in ln.segments[1:])
            # (a label of its own, its value beside it: not a row of values under titles)
            and any(h.first_word == 0 for h in find_labels(ln))
        ):
            aligned += 1
    return aligned >= 2


def block_lines(
    hit: LabelHit, lines: list[TextLine], *, max_lines: int = 8
) -> list[tuple[TextLine, int, int]]:
    """The block a label heads: inline text after it, then the lines below in its column.

    Returns (line, first word, end word) slices. The column runs from the label (or its inline
    value) to the next segment on the label's line; the block ends at a wide vertical gap, a
    line starting with another block or header label, or a line that overflows the column.
    """
    line = hit.line
    if line.source == TextSource.SHEET:
        rows = _field_rows(hit, lines)
        if rows:
            return rows
    out: list[tuple[TextLine, int, int]] = []
    seg = line.segment_of(hit.last_word)
    start_word = hit.last_word + 1 if hit.end >= line.spans[hit.last_word][1] else hit.last_word
    label_hits = find_labels(line)
    inline_end = seg[1]
    for other in label_hits:
        if other.start >= hit.end and other.first_word < inline_end and other.field in STOP_FIELDS:
            inline_end = other.first_word
    char_width = line.char_width()
    tol = 2.5 * char_width
    left = hit.x0
    seg_start = line.segment_of(hit.first_word)[0]
    if (
        line.source == TextSource.PLAIN
        or (
            seg_start < hit.first_word
            and _POLITE.fullmatch(fold(line.text_of(seg_start, hit.first_word)).strip())
        )
        or (
            # "Objekt: Hotel Belvoir — Lieferung direkt auf die Baustelle:" ending its line:
            # a sentence's label, its address on the lines below from the sentence's margin
            seg_start < hit.first_word
            and hit.last_word == len(line.words) - 1
            and line.text.rstrip().endswith(":")
        )
    ):
        # "Please deliver to:", "Bitte liefern an:": the block starts under the first word
        left = min(left, line.words[seg_start].x0)
    if (
        line.source in (TextSource.PLAIN, TextSource.OCR)
        and start_word < inline_end < len(line.words)
        and not holds_address(line.text_of(start_word, inline_end))
        and holds_address(line.text_of(start_word, len(line.words)))
        and not any(h.first_word >= inline_end and h.field in STOP_FIELDS for h in label_hits)
    ):
        # "Please deliver to: Liffey BioAnalytics  Galway Site, Unit 7, …, H91 P2DK": a
        # sentence's address runs on past a double space
        inline_end = len(line.words)
    if start_word < inline_end:
        out.append((line, start_word, inline_end))
        left = min(left, line.words[start_word].x0)
        if line.source == TextSource.PLAIN and holds_address(line.text_of(start_word, inline_end)):
            return out  # "À livrer à notre dépôt de Lyon, 12 rue …, 69800 Saint-Priest."
    elif inline_end == seg[1]:
        # the label in its own cell, the address in the next one ("Lieferanschrift:  Gruber OG"
        # with a tab between them on a printed form)
        nxt = next((sg for sg in line.segments if sg[0] >= inline_end), None)
        near = line.source in (TextSource.SHEET, TextSource.PLAIN) or (
            nxt is not None
            and (
                hit.text.rstrip().endswith(":")
                # "Ship To   100410": the address's account number heads its column
                or (
                    nxt[1] - nxt[0] == 1
                    and re.fullmatch(r"[A-Z]{0,3}\d{3,}", line.words[nxt[0]].text)
                )
            )
            and line.words[nxt[0]].x0 - hit.x1 < 12 * char_width
        )
        if (
            not near
            and nxt is not None
            and nxt[1] == len(line.words)
            and hit.text.rstrip().endswith(":")
        ):
            # "Lieferanschrift:        BV Wohnanlage, Haus B, Romanstraße 41, 80639": a form's
            # value column, far from its label, holding a whole address
            near = bool(re.search(r",[^,]+,.*\b\d{4,5}\b", line.text_of(nxt[0], nxt[1])))
        if not near and nxt is not None and _value_column(hit, line, nxt, lines):
            # "DELIVER TO      Northern Rose (Glasgow), 210 Sauchiehall" under "Date      05
            # Nov 2025": a form's labels down the left, their values in a column of their own
            near = True
        if near and nxt is not None and not any(h.first_word == nxt[0] for h in label_hits):
            end = nxt[1]
            if line.source == TextSource.SHEET:
                # the address spread over the row's next cells, up to another label
                end = min(
                    [h.first_word for h in label_hits if h.first_word > nxt[0]] + [len(line.words)]
                )
            out.append((line, nxt[0], end))
            left = line.words[nxt[0]].x0
            inline_end = end
    # right bound: the next segment to the right on the label line (a neighbouring column)
    right = float("inf")
    for s0, _s1 in line.segments:
        if s0 >= inline_end and line.words[s0].x0 > max(hit.x1, left):
            right = line.words[s0].x0 - char_width
            break
    # left bound: the previous segment ends a neighbouring column
    left_limit = -float("inf")
    for _s0, s1 in line.segments:
        if s1 <= hit.first_word:
            left_limit = line.words[s1 - 1].x1 + char_width
    height = max(line.height, 4.0)
    last_bottom = line.bottom
    following = [ln for ln in lines if ln.page == line.page and ln.top > line.top + height * 0.5]
    following.sort(key=lambda ln: ln.top)
    gap_limit = 2.6 if line.source not in (TextSource.PLAIN, TextSource.SHEET) else 1.3
    label_column = hit.x1 < left - tol  # "Lieferanschrift:  Gruber OG": labels left of values
    for ln in following:
        if ln.top - last_bottom > gap_limit * height:
            break
        if _is_table_header(ln):
            break
        if label_column and any(
            h.field in STOP_FIELDS and abs(h.x0 - hit.x0) <= tol for h in find_labels(ln)
        ):
            break  # the next label of our label column ("Liefertermin:") ends the block
        if label_column and any(
            w.text.endswith(":") and len(w.text) > 2 and abs(w.x0 - hit.x0) <= tol
            for w in ln.words[:3]
        ):
            break  # …or any "Word:" in it ("Kostenstelle:  4100 Hafenwerkstatt")
        idx = [
            i
            for i, w in enumerate(ln.words)
            if w.x0 >= left - tol and w.x0 < right and w.x0 > left_limit - tol
        ]
        if not idx:
            continue
        i0, i1 = idx[0], idx[-1] + 1
        seg0 = ln.segment_of(i0)
        if seg0[0] < i0 and ln.words[seg0[0]].x0 < left - tol and ln.words[seg0[0]].x0 < left_limit:
            break  # a line that runs across columns: the block is over
        # cut at a wide gap within the column (a second column inside our range)
        for k in range(i0 + 1, i1):
            if (k in (s[0] for s in ln.segments)) and ln.words[k].x0 - ln.words[
                k - 1
            ].x1 > 6 * char_width:
                i1 = k
                break
        hits = [h for h in find_labels(ln) if i0 <= h.first_word < i1]
        if (
            hits
            and hits[0].first_word == i0
            and hits[0].field in STOP_FIELDS
            and hits[0].strength >= 0.7
        ):
            break
        if hits:
            stops = [
                h.first_word
                for h in hits
                if h.field in STOP_FIELDS and h.first_word > i0 and h.strength >= 0.8
            ]
            if stops:
                i1 = min(stops)
        out.append((ln, i0, i1))
        last_bottom = ln.bottom
        if len(out) >= max_lines:
            break
    return out


# one row per part of the address: "Ship-to Name | …", "Ship-to Post Code | …" (Dynamics)
_ADDRESS_PARTS = {
    "name": r"name(?:\s*2)?|nom|firma|company",
    "street": r"address(?:\s*(?:2|line\s*\d))?|street|adresse(?:\s*2)?|rue|strasse|anschrift",
    "postal_code": r"post\s*code|postal\s*code|zip(?:\s*code)?|code\s*postal|cp|plz|postleitzahl",
    "city": r"city|town|ville|ort|stadt",
    "country": r"country(?:/region)?(?:\s*code)?|pays|land",
}
_PART_RE = [(part, re.compile(rf"(?:{p})\s*:?$")) for part, p in _ADDRESS_PARTS.items()]


def _address_part(text: str) -> str | None:
    t = fold(text).strip(" :.-")
    return next((part for part, rx in _PART_RE if rx.fullmatch(t)), None)


def _field_rows(hit: LabelHit, lines: list[TextLine]) -> list[tuple[TextLine, int, int]]:
    """A sheet's address given one part per row under the same label ("Ship-to Name",
    "Ship-to Address", "Ship-to Post Code", "Ship-to City"): the value cells of those rows."""
    line = hit.line
    seg = line.segment_of(hit.first_word)
    rest = line.norm[hit.end : line.spans[seg[1] - 1][1]]
    if _address_part(rest) is None:
        return []
    prefix = fold(hit.text).strip(" :")
    out: list[tuple[TextLine, int, int]] = []
    for ln in lines[line.index :]:
        if ln.page != line.page or not ln.segments:
            break
        s0, s1 = ln.segments[0]
        head = fold(ln.text_of(s0, s1))
        if not head.startswith(prefix) or _address_part(head[len(prefix) :]) is None:
            break
        if len(ln.segments) > 1:
            out.append((ln, ln.segments[1][0], ln.segments[1][1]))
    return out if len(out) >= 2 else []


def _field_row_texts(block: list[tuple[TextLine, int, int]]) -> list[str] | None:
    """The lines of an address given part by part, in the order an address is written."""
    parts: dict[str, list[str]] = {}
    for ln, i, j in block:
        if ln.source != TextSource.SHEET or not ln.segments or i == ln.segments[0][0]:
            return None
        s0, s1 = ln.segments[0]
        head = fold(ln.text_of(s0, s1))
        part = next(
            (p for k in range(len(head)) if (p := _address_part(head[k:])) is not None), None
        )
        if part is None:
            return None
        parts.setdefault(part, []).append(ln.text_of(i, j))
    town = " ".join(parts.get("postal_code", []) + parts.get("city", []))
    return [*parts.get("name", []), *parts.get("street", []), town, *parts.get("country", [])]


def _is_table_header(line: TextLine) -> bool:
    from ingestion.extraction.tables import _header_cells, _header_score

    cells, unknown = _header_cells(line)
    return _header_score(cells, unknown, len(line.words)) > 0


def block_text_lines(block: list[tuple[TextLine, int, int]]) -> list[str]:
    return _field_row_texts(block) or [
        # a worksheet's cells stay apart: "Restaurant … | 2 rue Jean Moulin | 38400 | Saint-…"
        " | ".join(w.text for w in ln.words[i:j])
        if ln.source == TextSource.SHEET
        else ln.text_of(i, j)
        for ln, i, j in block
    ]


def block_source(block: list[tuple[TextLine, int, int]]) -> dict:
    if not block:
        return {}
    boxes = [ln.bbox(i, j) for ln, i, j in block]
    return {
        "page": block[0][0].page,
        "bbox": [
            min(b[0] for b in boxes),
            min(b[1] for b in boxes),
            max(b[2] for b in boxes),
            max(b[3] for b in boxes),
        ],
    }


# a sentence about where the goods go: "Merci de livrer sur le chantier : …", "deliver to …"
_PROSE_CUE = re.compile(
    r"\b(?:livr\w*|deliver\w*|\w*liefer(?!ant)\w*|ship(?:ped|ping)?\s+(?:it\s+|them\s+)?to|chantier|baustelle"
    r"|goes\s+to|(?:send|ship)\b[^.:;]{0,80}?\bto\s+(?:our|the|my|this)\b|ship\b[^.:;]{0,40}?\bto\b|envo\w*\s+(?:sur|au|chez)|geht\s+an|schicken\s+sie\s+(?:bitte\s+)?an)\b"
)
_LEAD_IN = re.compile(
    r"(?i)^.*?\b(?:to|at|a|à|au|aux|sur|ins?|im|an|nach|zum|zur|vers|chez)\s+(?:the\s+|our\s+|notre\s+|le\s+|la\s+|l'|unser\w*\s+|das\s+|die\s+|den\s+)?"
)


_ITEM_LINE = re.compile(
    r"(?i)^\s*(?:[-*•·–]\s|\d{1,5}(?:[.,]\d+)?\s*(?:x|×|m|kg|l|pcs?|pces?|pi[eè]ces?|stk|st[üu]ck|ea|"
    r"box(?:es)?|bo[iî]tes?|sachets?|rouleaux|rolls?|cartons?|paquets?|packs?|sacs?|bags?|"
    r"palettes?|pallets?)\.?\s)"
)


def _lines_below(lines: list[TextLine], n: int, most: int = 5) -> list[str]:
    """The lines right under line ``n`` (one empty line after it allowed: "Please ship to the
    job site:", a blank, the address), up to an empty line."""
    out: list[str] = []
    previous = lines[n]
    for ln in lines[n + 1 : n + 1 + most]:
        gap = ln.top - previous.bottom
        height = max(previous.height, 4.0)
        if ln.page != previous.page or gap > (0.8 if out else 2.2) * height:
            break
        out.append(ln.text)
        previous = ln
    return out


def _sentence_runs_on(lines: list[TextLine], n: int, most: int = 2) -> list[str]:
    """The lines of a page's paragraph that carry on line ``n``'s sentence: right under it,
    starting where it starts, while it has not ended with a full stop."""
    out: list[str] = []
    previous = lines[n]
    for ln in lines[n + 1 : n + 1 + most]:
        if (
            previous.text.rstrip().endswith((".", "!", "?", ":"))  # ":" the address below
            or ln.page != previous.page
            or not 0 <= ln.top - previous.bottom <= 0.9 * max(previous.height, 4.0)
            or abs(ln.x0 - previous.x0) > 2 * previous.char_width()
            or len(previous.segments) > 1
        ):
            break
        out.append(ln.text)
        previous = ln
    return out


def _year_of_a_date(before: str, town: str) -> bool:
    """Whether the number that opens ``town`` is the year of a date ending ``before``."""
    from ingestion.extraction.dates import find_dates

    joined = f"{before} {town}"
    return any(d.start < len(before) < d.end for d in find_dates(joined))


def prose_ship_to(
    lines: list[TextLine], *, language: str | None = None, table_lines: Collection[int] = ()
):
    """A delivery address written in a sentence of an email or a letter: "Merci de livrer sur le chantier :
    Résidence Les Tilleuls, 22 boulevard des Poilus, 44300 Nantes (appeler M. Lebrun)", "bitte
    ins Sägewerk Schwaz (Industriestraße 8, 6130 Schwaz)". The first such address, with the
    sentence's line as its source; None when no delivery sentence holds a whole address."""
    for n, ln in enumerate(lines):
        if ln.source == TextSource.SHEET and len(ln.words) > 1:
            continue  # a sheet's table row; a header cell ("Livraison : Chantier …") may say
        cue = _PROSE_CUE.search(ln.norm)
        if cue is None:
            continue
        text = ln.text[cue.start() :]
        last = n
        # a letter's (or an email's wrapped) sentence runs on over the next lines
        runs_on = _sentence_runs_on(lines, n)
        text, last = " ".join([text, *runs_on]), n + len(runs_on)
        if text.rstrip().endswith(":"):
            # "… à livrer le 26 novembre à notre entrepôt :" and the address on the lines below
            block = _lines_below(lines, last)
            if ln.source != TextSource.PLAIN and any(
                len(below.segments) > 1 for below in lines[last + 1 : last + 1 + len(block)]
            ):
                block = []  # a page's table under the sentence, not an address
            if any(_ITEM_LINE.match(line) for line in block) or any(
                i in table_lines for i in range(last + 1, last + 1 + len(block))
            ):
                block = []  # "Merci de nous livrer :" over the items, not over an address
            if len(block) == 1 and block[0].count(",") >= 2:
                # the address on one line: "Redline - DC2, 6255 Alum Creek Dr, Groveport, OH
                # 43125."
                pieces = [p.strip(" .;") for p in block[0].split(",") if p.strip(" .;")]
                if len(pieces) >= 3 and _US_STATE_ZIP.fullmatch(pieces[-1]):
                    pieces[-2:] = [f"{pieces[-2]}, {pieces[-1]}"]
                block = pieces
            address = parse_address(block, language=language) if block else None
            if address is not None and address.postal_code and address.street:
                return address, ln
        # the address runs in a bracket, or after a colon, up to the next bracket or sentence
        chunks = re.findall(r"\(([^()]*)\)", text) + re.split(r"\s*[:(]\s*", text)
        for chunk in chunks:
            chunk = re.split(r"(?<=[a-zà-ÿ)\d])\.\s", chunk)[0].strip(" .;)")
            pieces = [p.strip() for p in chunk.split(",") if p.strip()]
            pieces = [_town_part(p) for p in pieces]
            pieces = [q for p in pieces for q in _street_then_town(p)]
            # the postcode's piece after a street's ("1450 route de Lozanne, 69380 Chazay":
            # a house number before its street first, the postcode after it)
            postal = next(
                (
                    i
                    for i, p in enumerate(pieces)
                    if i
                    and parse_postal_line(p, language=language)
                    and (re.search(r"\d", pieces[i - 1]) or _STREET_WORDS.search(pieces[i - 1]))
                ),
                None,
            )
            if postal is None:
                continue
            street = pieces[postal - 1]
            if _year_of_a_date(street, pieces[postal]):
                continue  # "… le mardi 12 janvier 2027 à l'entrée de service": no postcode
            kept = pieces[: postal + 1]
            if len(kept) > 2:
                kept[0] = _LEAD_IN.sub("", kept[0]) or kept[0]
                if kept[0] == pieces[0] and re.search(r"\b(?:livr|deliver|liefer)", fold(kept[0])):
                    kept = kept[1:]
            else:
                before = text[: text.find(chunk)].rstrip(" (:")
                name = _LEAD_IN.sub("", before.split(",")[-1]).strip()
                if (
                    name
                    and len(name.split()) <= 6
                    and not re.search(r"\d", name)
                    and not _PROSE_CUE.fullmatch(fold(name))  # "Livraison : …" names nothing
                ):
                    kept = [name, *kept]
            address = parse_address(kept, language=language)
            if address.postal_code:
                return address, ln
    return None


# the supplier's names, from its staff's email domains (``ingestion.own_addresses.own_names``)
SHORTEST_NAME = 5


def squash(text: str) -> str:
    """Letters and digits only, lower-case, accent-free: "Alpenhof Hotelbedarf AG" →
    "alpenhofhotelbedarfag"."""
    return "".join(c for c in fold(text) if c.isalnum())


def names_us(text: str, names: tuple[str, ...], *, reach: int | None = None) -> bool:
    """``text`` names the supplier by one of its domain names: "Schweisstechnik Brandl GmbH"
    for "brandl-schweisstechnik", "Ballymore Agri Parts Ltd" for "ballymoreagri". With
    ``reach``, the name starts within so many letters of the text's start (a block's first
    line is the name, not "… – Site de Norvell Industrie")."""
    squashed = squash(text)
    for name in names:
        whole = name.replace("-", "")
        parts = [p for p in name.split("-") if len(p) >= 4]
        if (
            len(whole) >= SHORTEST_NAME
            and whole in squashed
            and (reach is None or squashed.index(whole) <= reach)
        ):
            return True
        if (
            len(parts) >= 2
            and all(p in squashed for p in parts)
            and (reach is None or min(squashed.index(p) for p in parts) <= reach)
        ):
            return True
        # "Ferrand Équipement CHR SAS" for "ferrand-chr": a long part, then a short one after it
        short = [p for p in name.split("-") if len(p) >= 3]
        if len(short) >= 2 and max(len(p) for p in short) >= 5 and _in_order(squashed, short):
            at = squashed.index(short[0])
            if reach is None or at <= reach:
                return True
    return False


def _in_order(text: str, parts: list[str]) -> bool:
    at = 0
    for part in parts:
        at = text.find(part, at)
        if at < 0:
            return False
        at += len(part)
    return True
