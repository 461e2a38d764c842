"""Splitting a raw message (or an uploaded file) into the parts that become Documents.

Nothing here touches the database: ``split_email`` and ``split_file`` take bytes and return a
:class:`Split` (headers and parts). Every part that came in comes out, either to be read
(``BODY``, ``ATTACHMENT``), set aside with a reason (logos, inline images, disclaimers,
calendar invitations), or refused with a reason (ZIP bomb, legacy formats); only the message
as a whole can be refused (too large, too many attachments).
"""

from __future__ import annotations

import codecs
import email
import email.policy
import io
import re
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from email.header import decode_header
from email.message import Message
from email.utils import getaddresses, parsedate_to_datetime

from ingestion.limits import limit
from ingestion.splitting import files
from ingestion.splitting.html import html_to_text
from ingestion.splitting.quotes import is_disclaimer, newest_part, signature_of


class Role:
    BODY = "body"  # the text of the message (newest part of a reply chain)
    ATTACHMENT = "attachment"  # a file to read
    SET_ASIDE = "set_aside"  # kept, not read: logo, inline image, disclaimer, signature...
    REFUSED = "refused"  # kept, cannot be read: reason says why (needs attention)


class MessageRefused(Exception):
    """The whole message is refused (kept, marked failed): too large, too many attachments."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Part:
    filename: str  # safe to show and to use as a download name
    original_name: str  # as sent, made printable (control and bidi characters escaped)
    file_type: str  # files.PDF, files.TIFF, ... (sniffed from the bytes)
    data: bytes
    role: str
    reason: str = ""
    path: str = ""  # where it sat: "order.zip/po.pdf", "forwarded.eml/scan.tif"
    inline: bool = False

    @property
    def content_type(self) -> str:
        return files.CONTENT_TYPES.get(self.file_type, "application/octet-stream")


@dataclass(frozen=True)
class Headers:
    sender: str = ""
    recipients: str = ""
    subject: str = ""
    message_id: str = ""
    date: datetime | None = None
    extra: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Split:
    headers: Headers
    parts: tuple[Part, ...]
    html: str = ""  # the HTML body as sent (never shown without html_sanitise)
    text: str = ""  # the whole text body, quotes included (for display)


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SET_ASIDE_TYPES = {
    "text/calendar": "calendar invitation",
    "text/vcard": "contact card",
    "text/x-vcard": "contact card",
    "application/pkcs7-signature": "email signature (S/MIME)",
    "application/x-pkcs7-signature": "email signature (S/MIME)",
    "application/pgp-signature": "email signature (PGP)",
    "application/pgp-keys": "PGP key",
    "application/ms-tnef": "Outlook winmail.dat (TNEF) is not read",
    "application/vnd.ms-tnef": "Outlook winmail.dat (TNEF) is not read",
    "message/delivery-status": "delivery report",
    "message/disposition-notification": "read receipt",
    "text/rfc822-headers": "returned message headers",
}


def parse_message(raw: bytes) -> Message:
    # compat32 is the most forgiving parser; we decode headers ourselves.
    return email.message_from_bytes(raw, policy=email.policy.compat32)


def _decode_words(value: str) -> str:
    try:
        chunks = decode_header(value)
    except Exception:  # malformed encoded words: keep what was sent
        return value
    out = []
    for chunk, charset in chunks:
        if isinstance(chunk, str):
            out.append(chunk)
            continue
        out.append(_decode_header_bytes(chunk, charset))
    # decode_header drops the spaces between an encoded word and plain text
    joined = ""
    for index, text in enumerate(out):
        if index and chunks[index - 1][1] != chunks[index][1] and not joined.endswith(" "):
            joined += " "
        joined += text
    return joined


def _decode_header_bytes(data: bytes, charset: str | None) -> str:
    candidates = [c for c in (_charset_ok(charset),) if c]
    if charset and charset.lower().replace("_", "-").startswith("iso-2022-jp"):
        candidates += ["iso2022_jp_2", "iso2022_jp_ext", "iso2022_jp_3"]
    for candidate in candidates or ["utf-8", "cp1252"]:
        try:
            return data.decode(candidate)
        except (UnicodeDecodeError, LookupError):
            continue
    return data.decode(candidates[0] if candidates else "latin-1", "replace")


def header_text(msg: Message, name: str) -> str:
    values = msg.get_all(name) or []
    text = ", ".join(_decode_words(str(value)) for value in values)
    return " ".join(_CONTROL.sub("", text).split())


def headers_of(msg: Message) -> Headers:
    sender_field = (
        header_text(msg, "From") or header_text(msg, "Sender") or header_text(msg, "Return-Path")
    )
    senders = [addr for _name, addr in _addresses([sender_field]) if addr]
    recipients = [
        addr for _name, addr in _addresses([header_text(msg, "To"), header_text(msg, "Cc")]) if addr
    ]
    message_id = header_text(msg, "Message-ID").strip()[:998]
    date = None
    raw_date = header_text(msg, "Date")
    if raw_date:
        try:
            date = parsedate_to_datetime(raw_date)
            if date is not None and date.tzinfo is None:
                date = date.replace(tzinfo=UTC)
        except (TypeError, ValueError, IndexError, OverflowError):
            date = None
    return Headers(
        sender=(senders[0] if senders else sender_field)[:320],
        recipients=", ".join(recipients)[:5000],
        subject=header_text(msg, "Subject")[:998],
        message_id=message_id,
        date=date,
        extra={
            k: header_text(msg, k)[:300]
            for k in ("Reply-To", "In-Reply-To", "X-Mailer")
            if msg.get(k)
        },
    )


def _from_a_public_mailbox(msg: Message) -> bool:
    from ingestion.matching.customers import PUBLIC_MAIL_DOMAINS

    sender = headers_of(msg).sender.lower()
    return sender.rpartition("@")[2].strip(" >") in PUBLIC_MAIL_DOMAINS


def _addresses(values: list[str]) -> list[tuple[str, str]]:
    try:
        return getaddresses([v for v in values if v])
    except Exception:
        return []


def _charset_ok(charset: str | None) -> str | None:
    if not charset:
        return None
    try:
        codecs.lookup(charset)
        return charset
    except LookupError:
        return None


def _decode_text(data: bytes, charset: str | None) -> str:
    from ingestion.reading.text import decode_text

    charset = _charset_ok(charset)
    if charset:
        try:
            return data.decode(charset)
        except (UnicodeDecodeError, LookupError):
            pass
    return decode_text(data)


def _payload(part: Message) -> bytes:
    try:
        data = part.get_payload(decode=True)
    except Exception:
        data = None
    if data is None:
        payload = part.get_payload()
        if isinstance(payload, str):
            return payload.encode("utf-8", "surrogateescape")
        return b""
    return data


def _filename(part: Message) -> str:
    name = None
    try:
        name = part.get_filename()
    except Exception:
        name = None
    if not name:
        try:
            name = part.get_param("name")
            if isinstance(name, tuple):
                name = email.utils.collapse_rfc2231_value(name)
        except Exception:
            name = None
    if not name:
        return ""
    name = str(name)
    if "=?" in name:
        name = _decode_words(name)
    return name


class _Splitter:
    def __init__(self) -> None:
        self.parts: list[Part] = []
        self.leaf_count = 0
        self.max_parts = limit("max_mime_parts")
        self.max_nesting = limit("max_nesting")
        self.html_bodies: list[str] = []
        self.text_bodies: list[str] = []

    def add(self, part: Part) -> None:
        self.parts.append(part)

    # --- emails -----------------------------------------------------------------------
    def email(self, msg: Message, *, depth: int, path: str, subject: str) -> None:
        plain: list[str] = []
        html: list[str] = []
        attachments: list[tuple[Message, str]] = []
        cids = set()
        self._walk(msg, plain, html, attachments, depth=0)
        html_text = "\n".join(html)
        for cid in re.findall(r"cid:([^\"'>\s)]+)", html_text, flags=re.IGNORECASE):
            cids.add(cid.strip("<>").lower())
        if depth == 0:
            self.html_bodies.extend(html)
            self.text_bodies.extend(plain)
        body = _body_text(plain, html)
        chosen = newest_part(body, subject=subject)
        if chosen.strip() and _from_a_public_mailbox(msg):
            # "giulia.rossi.gelato@gmail.com": the signature is all that says which customer
            # writes ("Gelateria Dolce Vita, Groenplaats 9, 2000 Antwerpen")
            signature = signature_of(body)
            if signature and signature not in chosen:
                chosen = f"{chosen}\n\n{signature}"
        if chosen.strip():
            name = "body.txt" if not path else f"{path}/body.txt"
            self.add(
                Part(
                    filename=files.safe_filename(name),
                    original_name=name,
                    file_type=files.TEXT,
                    data=chosen.encode("utf-8"),
                    role=Role.BODY,
                    path=name,
                )
            )
        for index, (part, kind) in enumerate(attachments):
            self.leaf_count += 1
            if self.leaf_count > self.max_parts:
                raise MessageRefused(f"message has more than {self.max_parts} parts")
            self._attachment(part, kind, index=index, depth=depth, path=path, cids=cids)

    def _walk(
        self, part: Message, plain: list[str], html: list[str], attachments: list, *, depth: int
    ) -> None:
        if depth > 50:
            raise MessageRefused("message nests its MIME parts more than 50 levels deep")
        ctype = (part.get_content_type() or "text/plain").lower()
        if ctype == "message/rfc822" or (part.is_multipart() and ctype.startswith("message/")):
            attachments.append((part, "message"))
            return
        if part.is_multipart():
            payload = part.get_payload()
            if isinstance(payload, list):
                for sub in payload:
                    if isinstance(sub, Message):
                        self._walk(sub, plain, html, attachments, depth=depth + 1)
            return
        disposition = (part.get_content_disposition() or "").lower()
        name = _filename(part)
        if ctype in ("text/plain", "text/html") and not name and disposition != "attachment":
            text = _decode_text(_payload(part), part.get_content_charset())
            if ctype == "text/html":
                html.append(text)
            elif plain and is_disclaimer(text):
                attachments.append((part, "disclaimer"))
            else:
                plain.append(text)
            return
        attachments.append((part, "leaf"))

    def _attachment(
        self, part: Message, kind: str, *, index: int, depth: int, path: str, cids: set[str]
    ) -> None:
        ctype = (part.get_content_type() or "").lower()
        name = _filename(part)
        if kind == "message":
            inner = part.get_payload(0) if part.is_multipart() else None
            encoding = (part.get("Content-Transfer-Encoding") or "").strip().lower()
            if isinstance(inner, Message) and encoding in ("base64", "quoted-printable"):
                # RFC 2046 forbids it, mailers do it: an encoded message/rfc822 part.
                inner = parse_message(_decode_transfer(_as_bytes(inner), encoding))
            label = files.safe_filename(name or f"message-{index + 1}.eml")
            if isinstance(inner, Message):
                self._nested_email(inner, name=label, original=name, depth=depth, path=path)
            else:
                self.file(
                    _payload(part),
                    name=label,
                    original=name,
                    depth=depth,
                    path=path,
                    content_type="message/rfc822",
                )
            return
        data = _payload(part)
        if kind == "disclaimer":
            self.add(
                Part(
                    filename=files.safe_filename(name or f"disclaimer-{index + 1}.txt"),
                    original_name=files.display_name(name),
                    file_type=files.TEXT,
                    data=data,
                    role=Role.SET_ASIDE,
                    reason="disclaimer",
                    path=path,
                )
            )
            return
        label = name or f"attachment-{index + 1}"
        if ctype in _SET_ASIDE_TYPES:
            self.add(
                Part(
                    filename=files.safe_filename(label),
                    original_name=files.display_name(name),
                    file_type=files.sniff(data, label, ctype),
                    data=data,
                    role=Role.SET_ASIDE,
                    reason=_SET_ASIDE_TYPES[ctype],
                    path=_join(path, label),
                )
            )
            return
        cid = (part.get("Content-ID") or "").strip().strip("<>").lower()
        inline = bool(cid and cid in cids) or (
            (part.get_content_disposition() or "") == "inline" and not name
        )
        self.file(
            data,
            name=label,
            original=name,
            depth=depth,
            path=path,
            content_type=ctype,
            inline=inline,
        )

    def _nested_email(
        self, inner: Message, *, name: str, original: str, depth: int, path: str
    ) -> None:
        if depth + 1 > self.max_nesting:
            self.add(
                Part(
                    filename=name,
                    original_name=files.display_name(original),
                    file_type=files.EML,
                    data=_as_bytes(inner),
                    role=Role.REFUSED,
                    reason=f"messages nested more than {self.max_nesting} levels deep",
                    path=_join(path, name),
                )
            )
            return
        self.email(
            inner, depth=depth + 1, path=_join(path, name), subject=header_text(inner, "Subject")
        )

    # --- files ------------------------------------------------------------------------
    def file(
        self,
        data: bytes,
        *,
        name: str,
        original: str = "",
        depth: int,
        path: str,
        content_type: str = "",
        inline: bool = False,
    ) -> None:
        safe = files.safe_filename(name)
        shown = files.display_name(original or name)
        file_type = files.sniff(data, safe, content_type)
        here = _join(path, safe)
        base = Part(
            filename=safe,
            original_name=shown,
            file_type=file_type,
            data=data,
            role=Role.ATTACHMENT,
            path=here,
            inline=inline,
        )
        declared = files.name_type(safe)
        if declared == files.PDF and file_type != files.PDF:
            self.add(replace(base, role=Role.REFUSED, reason=_mismatch(safe, file_type)))
            return
        if file_type == files.EML:
            if depth + 1 > self.max_nesting:
                self.add(
                    replace(
                        base,
                        role=Role.REFUSED,
                        reason=f"messages nested more than {self.max_nesting} levels deep",
                    )
                )
                return
            inner = parse_message(data)
            self.email(inner, depth=depth + 1, path=here, subject=header_text(inner, "Subject"))
            return
        if file_type == files.ZIP:
            self._zip(base, depth=depth)
            return
        if file_type in files.IMAGE_TYPES:
            reason = _image_set_aside(data, file_type, inline=inline)
            if reason:
                self.add(replace(base, role=Role.SET_ASIDE, reason=reason))
                return
        if file_type == files.XLS:
            self.add(replace(base, role=Role.REFUSED, reason=_legacy_office(safe)))
            return
        if file_type == files.OFFICE:
            self.add(
                replace(
                    base,
                    role=Role.REFUSED,
                    reason="Word and PowerPoint files are not read; send a PDF",
                )
            )
            return
        if file_type == files.BINARY:
            self.add(replace(base, role=Role.SET_ASIDE, reason="not a document type Carnet reads"))
            return
        if file_type == files.TEXT and is_disclaimer(_decode_text(data, None)):
            self.add(replace(base, role=Role.SET_ASIDE, reason="disclaimer"))
            return
        if file_type == files.HTML:
            text = html_to_text(_decode_text(data, None))
            self.add(replace(base, data=text.encode("utf-8"), file_type=files.TEXT))
            return
        self.add(base)

    def _zip(self, base: Part, *, depth: int) -> None:
        if depth + 1 > self.max_nesting:
            self.add(
                replace(
                    base,
                    role=Role.REFUSED,
                    reason=f"archives nested more than {self.max_nesting} levels deep",
                )
            )
            return
        try:
            members = files.zip_members(
                base.data,
                max_members=limit("max_zip_members"),
                max_total_bytes=limit("max_zip_uncompressed_bytes"),
                max_ratio=limit("max_zip_ratio"),
            )
        except files.ArchiveRefused as refused:
            self.add(replace(base, role=Role.REFUSED, reason=refused.reason))
            return
        for member in members:
            if member.name.startswith("__MACOSX/") or member.name.rsplit("/", 1)[-1].startswith(
                "._"
            ):
                continue  # macOS resource forks
            self.leaf_count += 1
            if self.leaf_count > self.max_parts:
                raise MessageRefused(f"message has more than {self.max_parts} parts")
            self.file(
                member.data, name=member.name, original=member.name, depth=depth + 1, path=base.path
            )


def _decode_transfer(data: bytes, encoding: str) -> bytes:
    import base64
    import binascii
    import quopri

    if encoding == "quoted-printable":
        return quopri.decodestring(data)
    cleaned = re.sub(rb"[^A-Za-z0-9+/]", b"", data.split(b"=", 1)[0])
    try:
        return base64.b64decode(cleaned + b"=" * (-len(cleaned) % 4))
    except (binascii.Error, ValueError):
        return data


def _join(path: str, name: str) -> str:
    return f"{path}/{name}" if path else name


def _as_bytes(msg: Message) -> bytes:
    try:
        return msg.as_bytes(policy=email.policy.compat32)
    except Exception:
        return msg.as_string().encode("utf-8", "replace")


def _legacy_office(name: str) -> str:
    if name.lower().endswith((".doc", ".dot")):
        return "legacy Word .doc files are not read; send a PDF"
    if name.lower().endswith((".xls", ".xlt")):
        return "legacy Excel .xls files are not read; save it as .xlsx or CSV"
    return "legacy Microsoft Office files (.doc, .xls, .ppt) are not read; send a PDF or .xlsx"


def _mismatch(name: str, file_type: str) -> str:
    what = {
        files.HTML: "an HTML page",
        files.TEXT: "a text file",
        files.EML: "an email",
        files.ZIP: "a ZIP archive",
        files.BINARY: "an unknown binary file",
    }.get(file_type, f"a {file_type} file")
    return f"{name!r} is named .pdf but is really {what}"


def _body_text(plain: list[str], html: list[str]) -> str:
    plain_text = "\n\n".join(p for p in plain if p.strip())
    html_text = "\n\n".join(html_to_text(h) for h in html if h.strip())
    if html_text and (not plain_text or any("<table" in h.lower() for h in html)):
        return html_text
    return plain_text or html_text


def _image_set_aside(data: bytes, file_type: str, *, inline: bool) -> str:
    """Why an image is not read as an order (a logo, an icon, an inline picture), or ''."""
    if file_type == files.TIFF:
        return ""  # faxes and scans: always read
    from PIL import Image

    previous = Image.MAX_IMAGE_PIXELS
    Image.MAX_IMAGE_PIXELS = None  # only the header is read here
    try:
        with Image.open(io.BytesIO(data)) as image:
            width, height = image.size
    except Exception:
        # Not an image we can open: the reader will say why, unless it is only a crumb.
        return (
            "small image (signature logo or icon)" if len(data) < limit("tiny_image_bytes") else ""
        )
    finally:
        Image.MAX_IMAGE_PIXELS = previous
    if width * height > limit("max_image_pixels"):
        return ""  # a decompression bomb is refused by the reader, with its size, for staff to see
    if len(data) < limit("tiny_image_bytes"):
        return "small image (signature logo or icon)"
    pixels = width * height
    if pixels < limit("tiny_image_pixels") or min(width, height) < 64:
        return "small image (signature logo or icon)"
    if inline and pixels < limit("inline_image_pixels"):
        return "inline image in the message body"
    return ""


def split_email(raw: bytes) -> Split:
    """Split a raw RFC 5322 message. Raises MessageRefused when the message as a whole is
    beyond the limits (its raw bytes are kept by the caller)."""
    if len(raw) > limit("max_message_bytes"):
        raise MessageRefused(
            f"message is {len(raw)} bytes, more than the limit of {limit('max_message_bytes')}"
        )
    msg = parse_message(raw)
    headers = headers_of(msg)
    splitter = _Splitter()
    splitter.email(msg, depth=0, path="", subject=headers.subject)
    _check_attachments(splitter.parts)
    text = "\n\n".join(p for p in splitter.text_bodies if p.strip())
    if not text and splitter.html_bodies:
        text = "\n\n".join(html_to_text(h, mark_quotes=False) for h in splitter.html_bodies)
    return Split(
        headers=headers,
        parts=tuple(splitter.parts),
        html="\n".join(splitter.html_bodies),
        text=text,
    )


def split_file(data: bytes, *, filename: str, content_type: str = "") -> Split:
    """Split an uploaded file (PDF, image, spreadsheet, .eml, ZIP...) into parts."""
    if len(data) > limit("max_message_bytes"):
        raise MessageRefused(
            f"file is {len(data)} bytes, more than the limit of {limit('max_message_bytes')}"
        )
    if files.sniff(data, filename, content_type) == files.EML:
        return split_email(data)
    splitter = _Splitter()
    splitter.file(
        data,
        name=filename or "upload",
        original=filename,
        depth=0,
        path="",
        content_type=content_type,
    )
    _check_attachments(splitter.parts)
    return Split(
        headers=Headers(subject=files.safe_filename(filename or "upload")),
        parts=tuple(splitter.parts),
    )


def _check_attachments(parts: list[Part]) -> None:
    count = sum(1 for p in parts if p.role != Role.BODY)
    if count > limit("max_attachments"):
        raise MessageRefused(
            f"message has {count} attachments, more than the limit of {limit('max_attachments')}"
        )
