"""Reply chains, forwards, signatures and disclaimers in email bodies.

A reply quotes the older messages below (or above) the new text; a forward wraps the original
under a "Forwarded message" banner. We keep the newest part that says something: the new text
of a reply, or the forwarded original when the forwarder only wrote "please process".
"""

from __future__ import annotations

import re

# Lines that open a quoted or forwarded older message (English, French, German, Outlook).
_QUOTE_HEADERS = [
    re.compile(p, re.IGNORECASE)
    for p in (
        r"^-{2,}\s*(original message|message d'origine|ursprüngliche nachricht|urspr.ngliche nachricht)\s*-{2,}\s*$",
        r"^-{2,}\s*(forwarded message|message transféré|message transfere|weitergeleitete nachricht)\s*-{2,}\s*$",
        r"^-{3,}\s*(begin forwarded message|début du message réexpédié)\s*:?\s*-*\s*$",
        r"^(begin forwarded message|début du message réexpédié|anfang der weitergeleiteten nachricht)\s*:\s*$",
        r"^on .{4,200}\bwrote\s*:\s*$",
        r"^le .{4,200}\ba écrit\s*:\s*$",
        r"^am .{4,200}\bschrieb .{0,100}:\s*$",
        r"^.{0,100}\bschrieb am .{4,100}:\s*$",
        r"^_{10,}\s*$",  # Outlook's line above "From: ... Sent: ..."
    )
]
_OUTLOOK_FIELDS = re.compile(r"^\*?(from|de|von)\s*:\*?\s", re.IGNORECASE)
_OUTLOOK_NEXT = re.compile(
    r"^\*?(sent|date|envoyé|gesendet|to|à|an|subject|objet|betreff)\s*:\*?\s", re.IGNORECASE
)
_OUTLOOK_INLINE = re.compile(
    r"\s\*?(?:sent|envoy[ée]|gesendet)\s*:\*?\s.+\s\*?(?:to|[àa]|an)\s*:\*?\s", re.IGNORECASE
)
_SIGNATURE = re.compile(r"^(-- ?|__)$")
_DISCLAIMER = re.compile(
    r"(this (e-?mail|message)( and any (files|attachments)( transmitted with it)?)? (is|are|may be) (confidential|intended)"
    r"|ce (message|courriel|mail)( et (toutes )?les pi[eè]ces jointes)? (est|sont) (confidentiel|strictement|destin)"
    r"|diese (e-?mail|nachricht) (enth[aä]lt|ist) vertraulich"
    r"|please consider the environment before printing"
    r"|pensez [aà] l'environnement avant d'imprimer"
    r"|disclaimer\s*:|avertissement\s*:|haftungsausschluss)",
    re.IGNORECASE,
)
_HAS_CONTENT = re.compile(r"\d{2,}")
# The words that close a message ("Merci,", "Best regards", "Mit freundlichen Grüßen"): what
# follows is the writer's signature, whose phone numbers and postcodes say nothing of an order.
CLOSING = re.compile(
    r"^\s*(?:with\s+)?(?:merci(?:\s+d'avance|\s+beaucoup|\s+par\s+avance)?|cordialement|bien\s+cordialement"
    r"|bien\s+[àa]\s+vous|salutations(?:\s+distingu[ée]es)?|bonne\s+(?:journ[ée]e|soir[ée]e)"
    r"|thanks?(?:\s+you)?(?:\s+in\s+advance)?|many\s+thanks|best(?:\s+regards)?|kind\s+regards"
    r"|(?:warm\s+)?regards|cheers|mit\s+freundlichen\s+gr(?:ü|ue)(?:ß|ss)en"
    r"|freundliche\s+gr(?:ü|ue)(?:ß|ss)e|viele\s+gr(?:ü|ue)(?:ß|ss)e|(?:beste\s+)?gr(?:ü|ue)(?:ß|ss)e"
    r"|gru(?:ß|ss)|danke(?:\s+sch(?:ö|oe)n)?|vielen\s+dank|met\s+vriendelijke\s+groet(?:en)?)"
    r"\s*[,.!]*\s*$",
    re.IGNORECASE,
)
# Lines of a signature or letterhead: phone, mail, web, company numbers.
_CONTACT = re.compile(
    r"(?:^[\s\d+()./-]{8,}$|\b(?:t[ée]l|tel|fax|phone|mobile?|portable|handy|gsm|www|https?|siret|siren"
    r"|tva|vat|ust|mwst|hrb|iban|bic|kvk|btw)\b|@)",
    re.IGNORECASE,
)
_FORWARD_SUBJECT = re.compile(r"^\s*(fwd?|tr|wg|fw)\s*:", re.IGNORECASE)


_FORWARD_BANNER = re.compile(
    r"^\s*(?:-{2,}\s*)?(?:forwarded message|message transf[ée]r[ée]|weitergeleitete nachricht"
    r"|begin forwarded message|d[ée]but du message r[ée]exp[ée]di[ée]"
    r"|anfang der weitergeleiteten nachricht)\b",
    re.IGNORECASE,
)


def _is_forward_banner(part: str) -> bool:
    return is_forward_banner(part.split("\n", 1)[0])


def is_forward_banner(line: str) -> bool:
    """ "---------- Forwarded message ---------", "Début du message réexpédié :"."""
    return bool(_FORWARD_BANNER.match(line))


def is_header_field(line: str) -> bool:
    """A field of a quoted message's header: "From: …", "Date: …", "Objet : …"."""
    text = line.strip()
    return bool(_OUTLOOK_FIELDS.match(text) or _OUTLOOK_NEXT.match(text))


_WRAPPED_START = re.compile(r"^(?:le|on|am)\s.{4,200}\d.*$", re.IGNORECASE)
_WRAPPED_END = re.compile(r"^.{0,200}\b(?:a [ée]crit|wrote|schrieb)\b.{0,100}:\s*$", re.IGNORECASE)


def is_quote_header(lines: list[str], index: int) -> bool:
    """Whether ``lines[index]`` opens a quoted or forwarded older message."""
    return _is_quote_header(lines, index)


def _is_quote_header(lines: list[str], index: int) -> bool:
    line = lines[index].strip()
    if any(p.match(line) for p in _QUOTE_HEADERS):
        return True
    if _WRAPPED_START.match(line) and index + 1 < len(lines):
        # "Le jeu. 12 nov. 2026 à 10:14, Patrick Delcourt <" / "p.d@x.fr> a écrit :"
        return bool(_WRAPPED_END.match(lines[index + 1].strip()))
    if _OUTLOOK_FIELDS.match(line):
        if _OUTLOOK_INLINE.search(line):
            return True  # "From: X Sent: Monday … To: Y Subject: Z" run into one line
        following = [ln.strip() for ln in lines[index + 1 : index + 4]]
        return any(_OUTLOOK_NEXT.match(ln) for ln in following)
    return False


def segments(text: str) -> list[str]:
    """The body cut into messages, newest first: the new text, then each quoted older message.
    Lines quoted with ``>`` belong to the older message that follows the new text."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    parts: list[list[str]] = [[]]
    in_quote = False
    for index, line in enumerate(lines):
        quoted = line.lstrip().startswith(">")
        if _is_quote_header(lines, index):
            parts.append([line])
            in_quote = False
            continue
        if quoted and not in_quote:
            parts.append([])
            in_quote = True
        elif not quoted and in_quote and line.strip():
            # Text after a quote (bottom-posting / inline answers): it is new text.
            parts.append([])
            in_quote = False
        parts[-1].append(re.sub(r"^\s*(>\s?)+", "", line) if quoted else line)
    return ["\n".join(p).strip() for p in parts if "\n".join(p).strip()]


def strip_signature_and_disclaimer(text: str) -> str:
    lines = text.split("\n")
    for index, line in enumerate(lines):
        if _SIGNATURE.match(line.rstrip()) or _DISCLAIMER.search(line):
            return "\n".join(lines[:index]).rstrip()
    return text.strip()


def signature_of(text: str, *, most: int = 8) -> str:
    """The newest message's signature, after its "-- " line (up to a disclaimer): who wrote
    it, for a sender whose address names no company."""
    parts = segments(text)
    lines = (parts[0] if parts else text).split("\n")
    for index, line in enumerate(lines):
        if _SIGNATURE.match(line.rstrip()):
            kept = []
            for after in lines[index + 1 :]:
                if _DISCLAIMER.search(after):
                    break
                kept.append(after)
            return "\n".join(kept[:most]).strip()
    return ""


def says_something(text: str) -> bool:
    """More than a greeting and a "please see below": numbers (quantities, references) or a
    few real lines."""
    body = strip_signature_and_disclaimer(text)
    kept: list[str] = []
    for line in body.split("\n"):
        if CLOSING.match(line) and any(k.strip() for k in kept):
            break  # the rest is the signature
        if not _CONTACT.search(line):
            kept.append(line)
    body = "\n".join(kept)
    meaningful = [ln for ln in kept if len(ln.strip()) > 2]
    if _HAS_CONTENT.search(body) or len(meaningful) >= 6:
        return True
    from ingestion.extraction.freetext import mentions_items

    return mentions_items(body)  # "* 6 x HSS-8.0": an item with no two digits in a row


def newest_part(text: str, *, subject: str = "") -> str:
    """The part of a body worth reading: the newest text of a reply chain, or the forwarded
    original when the forwarder's own words carry no order."""
    parts = segments(text)
    if not parts:
        return ""
    cleaned = [strip_signature_and_disclaimer(p) for p in parts]
    if len(parts) > 1:
        # "Pos. 3 bitte streichen", "bei den Kugelfendern nur 2 statt 4" over the order it
        # quotes or forwards: the order as the new words change it
        amended = _amended_order(cleaned)
        if amended:
            return amended
    if len(parts) > 1 and (is_forward(subject) or any(_is_forward_banner(p) for p in parts[1:])):
        # A forward: the forwarder's note ("pour saisie svp, client C1020") holds no item, the
        # forwarded message does: that is the order.
        from ingestion.extraction.freetext import mentions_items

        if not mentions_items(cleaned[0]):
            for part, clean in zip(parts[1:], cleaned[1:], strict=True):
                if mentions_items(clean):
                    note = _order_note(cleaned[0])
                    if note and _sent_within(part):
                        # a colleague's list the forwarder orders today: its header is no part
                        clean = _HEADER_FIELD.sub("", clean).strip()
                    return f"{note}\n\n{clean}" if note else clean
        else:
            # "Please deliver the items below … Please also add 2 cases of lids", over a chef's
            # list sent to the buyer's own colleague: the forwarded list and what the
            # forwarder adds to it (a forwarded order that was sent to us stays what it was:
            # the note then amends it)
            for part, clean in zip(parts[1:], cleaned[1:], strict=True):
                if mentions_items(clean) and (
                    _POINTS_BELOW.search(cleaned[0]) or _sent_within(part)
                ):
                    # the order is the forwarder's, placed the day it is sent: the colleague's
                    # message header (its date, its subject) is no part of it
                    return f"{cleaned[0]}\n\n{_HEADER_FIELD.sub('', clean).strip()}"
    if len(parts) > 1 and _POINTS_BELOW.search(cleaned[0]) and _ACCEPTS.search(cleaned[0]):
        # "Bon pour accord pour votre devis ci-dessous, sauf …": the order is the quoted quote,
        # with what the reply changes
        from ingestion.extraction.freetext import mentions_items

        if not mentions_items(cleaned[0]):
            for clean in cleaned[1:]:
                if mentions_items(clean):
                    # the quoted message's subject ("Objet : Devis D26-00318") is what is
                    # accepted, not what this message is
                    clean = re.sub(
                        r"(?im)^\*?(?:subject|objet|betreff)\s*:.*$\n?", "", clean, count=1
                    )
                    note = _order_note(cleaned[0])
                    return f"{note}\n\n{clean}" if note else clean
    if says_something(parts[0]) or len(parts) == 1:
        return cleaned[0]
    # The new text is only "see below": the order is in the quoted / forwarded part.
    for part, clean in zip(parts[1:], cleaned[1:], strict=True):
        if says_something(part):
            return clean
    return cleaned[0]


# a reply that orders what the message below lists: "bon pour accord pour votre devis
# ci-dessous", "please supply as per your quote below", "gemäß Ihrem Angebot unten"
_POINTS_BELOW = re.compile(
    r"ci-dessous|ci-apr[eè]s|\bbelow\b|\bunten\b|untenstehend", re.IGNORECASE
)
_HEADER_FIELD = re.compile(
    r"(?im)^\*?(?:from|de|von|date|datum|sent|envoy[ée]|gesendet|to|à|an|pour|cc|subject|objet|sujet"
    r"|betreff)"
    r"\s*:.*$\n?"
)
_HEADER_ADDRESS = re.compile(
    r"(?im)^\*?(?P<field>from|de|von|to|à|a|an|pour)\s*:\s*[^\n]*?@(?P<domain>[\w.-]+\.[a-z]{2,})"
)


def _sent_within(part: str) -> bool:
    """A forwarded message whose header shows it went from one colleague to another (the same
    mail domain): an internal request, never sent to us."""
    domains: dict[str, set[str]] = {}
    for m in _HEADER_ADDRESS.finditer(part[:1500]):
        side = "from" if m["field"].lower() in ("from", "de", "von") else "to"
        domains.setdefault(side, set()).add(m["domain"].lower())
    return bool(domains.get("from")) and domains.get("from") == domains.get("to")


_ACCEPTS = re.compile(
    r"bon\s+pour\s+accord|d'accord|\baccept|einverstanden|as\s+per\s+your|gem[äa](?:ß|ss)\s+ihrem"
    r"|\bcommand|\border|\bbestell|\blivr|\bdeliver|\bliefer",
    re.IGNORECASE,
)


# what a forwarder adds to the order below: its number, when and where to deliver, what to drop
_NOTE_FIELDS = re.compile(
    r"(?:\b(?:po|p\.o\.|order|commande|bestellung|bestell-?nr|auftrag)\b[^\n]{0,25}?\d"
    r"|\b(?:livr|deliver|liefer|annul|cancel|storn|entf[aä]ll|sauf|except|ohne|need|besoin|"
    r"ben[öo]tig|brauch)\w*)",
    re.IGNORECASE,
)


def _amended_order(cleaned: list[str]) -> str:
    """A reply that changes lines of the order it quotes ("Pos. 20 bitte auf 40 Stück erhöhen",
    "line 4 - please cancel"): its own words, up to the closing, over the quoted order (see
    ``ingestion.extraction.amendments``). Empty when the reply asks no such change or quotes
    no order."""
    from ingestion.extraction.amendments import asks_for_changes
    from ingestion.extraction.freetext import mentions_items

    kept: list[str] = []
    for line in cleaned[0].split("\n"):
        if CLOSING.match(line) and any(k.strip() for k in kept):
            break
        kept.append(line)
    note = "\n".join(kept).strip()
    if not asks_for_changes(note):
        return ""
    for clean in cleaned[1:]:
        if mentions_items(clean) and not asks_for_changes(clean):
            return f"{note}\n\n{clean}"
    return ""


def _order_note(text: str) -> str:
    """The forwarder's own words, up to the closing, when they say something of the order
    ("N° de commande : BC-26-2378", "livraison avant le 22/12", "sauf EMB-0090"); a note
    that only passes the message on ("pour saisie svp") gives nothing."""
    kept: list[str] = []
    for line in text.split("\n"):
        if CLOSING.match(line) and any(k.strip() for k in kept):
            break
        kept.append(line)
    note = "\n".join(kept).strip()
    return note if _NOTE_FIELDS.search(note) else ""


def is_disclaimer(text: str) -> bool:
    """A separate text part that is only a legal disclaimer (added by a mail gateway)."""
    stripped = text.strip()
    return bool(stripped) and len(stripped) < 3000 and bool(_DISCLAIMER.search(stripped[:400]))


def is_forward(subject: str) -> bool:
    return bool(_FORWARD_SUBJECT.match(subject or ""))
