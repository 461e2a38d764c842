"""What a file really is (by its bytes, not its name), safe names, and ZIP archives with limits."""

from __future__ import annotations

import io
import posixpath
import unicodedata
import zipfile
from dataclasses import dataclass

from ingestion.models import DocumentKind

# Kinds the sniffer tells apart; mapped to DocumentKind by ``document_kind``.
PDF, TIFF, PNG, JPEG, GIF, BMP, WEBP = "pdf", "tiff", "png", "jpeg", "gif", "bmp", "webp"
ZIP, XLSX, XLS, OFFICE, CSV, EML, HTML, TEXT, EDI, BINARY = (
    "zip",
    "xlsx",
    "xls",
    "office",
    "csv",
    "eml",
    "html",
    "text",
    "edi",
    "binary",
)

CONTENT_TYPES = {
    PDF: "application/pdf",
    TIFF: "image/tiff",
    PNG: "image/png",
    JPEG: "image/jpeg",
    GIF: "image/gif",
    BMP: "image/bmp",
    WEBP: "image/webp",
    ZIP: "application/zip",
    XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    XLS: "application/vnd.ms-excel",
    OFFICE: "application/vnd.openxmlformats-officedocument",
    CSV: "text/csv",
    EML: "message/rfc822",
    HTML: "text/html",
    TEXT: "text/plain",
    EDI: "application/edifact",
    BINARY: "application/octet-stream",
}
EXTENSIONS = {
    PDF: ".pdf",
    TIFF: ".tif",
    PNG: ".png",
    JPEG: ".jpg",
    GIF: ".gif",
    BMP: ".bmp",
    WEBP: ".webp",
    ZIP: ".zip",
    XLSX: ".xlsx",
    XLS: ".xls",
    OFFICE: ".docx",
    CSV: ".csv",
    EML: ".eml",
    HTML: ".html",
    TEXT: ".txt",
    EDI: ".edi",
    BINARY: ".bin",
}
IMAGE_TYPES = {TIFF, PNG, JPEG, GIF, BMP, WEBP}
_NAME_TYPES = {
    ".pdf": PDF,
    ".tif": TIFF,
    ".tiff": TIFF,
    ".png": PNG,
    ".jpg": JPEG,
    ".jpeg": JPEG,
    ".gif": GIF,
    ".zip": ZIP,
    ".xlsx": XLSX,
    ".xlsm": XLSX,
    ".xls": XLS,
    ".csv": CSV,
    ".eml": EML,
    ".html": HTML,
    ".htm": HTML,
    ".txt": TEXT,
    ".edi": EDI,
    ".edifact": EDI,
    ".x12": EDI,
}


def name_type(filename: str) -> str | None:
    return _NAME_TYPES.get(posixpath.splitext(filename.lower())[1])


def sniff(data: bytes, filename: str = "", content_type: str = "") -> str:
    """The type of ``data`` from its first bytes; the name and MIME type only break ties
    between formats that look alike (CSV and plain text, XLSX and ZIP, EML and text)."""
    head = data[:8192]
    stripped = head.lstrip()
    by_name = name_type(filename)
    if head.startswith(b"%PDF") or (b"%PDF-" in head[:1024] and by_name == PDF):
        return PDF
    if head.startswith((b"II*\x00", b"MM\x00*")):
        return TIFF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith((b"GIF87a", b"GIF89a")):
        return GIF
    if head.startswith(b"BM") and by_name is None and content_type == "image/bmp":
        return BMP
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return WEBP
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _zip_type(data)
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return XLS
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return EML if _looks_like_email(head) else BINARY
    lowered = stripped[:512].lower()
    if lowered.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<meta", b"<table")):
        return HTML
    from ingestion.edi import looks_like_edi  # EDIFACT UNA/UNB/UNH, X12 ISA, TRADACOMS STX=

    if looks_like_edi(stripped):
        return EDI
    if by_name == CSV or content_type in ("text/csv", "application/csv"):
        return CSV
    if by_name == EML or content_type == "message/rfc822" or _looks_like_email(head):
        return EML
    if by_name == HTML or content_type == "text/html":
        return HTML
    return TEXT


def _zip_type(data: bytes) -> str:
    """XLSX and Word/PowerPoint files are ZIP archives too; they are read (or not) whole."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()[:5000]
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return ZIP
    if "xl/workbook.xml" in names or any(n.startswith("xl/") for n in names[:200]):
        return XLSX
    if "[Content_Types].xml" in names or names[:1] == ["mimetype"]:
        return OFFICE
    return ZIP


_EMAIL_FIELDS = {
    b"from",
    b"to",
    b"subject",
    b"date",
    b"message-id",
    b"received",
    b"mime-version",
    b"return-path",
    b"delivered-to",
    b"dkim-signature",
    b"arc-seal",
    b"authentication-results",
    b"x-received",
}


def _looks_like_email(head: bytes) -> bool:
    lines = head.split(b"\n", 60)[:60]
    fields = {
        line.split(b":", 1)[0].strip().lower()
        for line in lines
        if b":" in line and not line.startswith((b" ", b"\t"))
    }
    return len(fields & _EMAIL_FIELDS) >= 2


def document_kind(file_type: str) -> str:
    if file_type == PDF:
        return DocumentKind.PDF
    if file_type in IMAGE_TYPES:
        return DocumentKind.IMAGE
    if file_type in (CSV, XLSX):
        return DocumentKind.SHEET
    if file_type == EDI:
        return DocumentKind.EDI
    if file_type in (TEXT, HTML):
        return DocumentKind.BODY
    return DocumentKind.OTHER


# Characters never kept in a file name: controls (NUL, newlines), and format characters
# (right-to-left override U+202E and friends, zero-width joiners) that make "gpj.exe" read as
# "exe.jpg".
def safe_filename(name: str, *, default: str = "attachment", max_length: int = 150) -> str:
    name = unicodedata.normalize("NFC", name or "")
    name = "".join(ch for ch in name if unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Co"))
    name = name.replace("\\", "/")
    name = posixpath.basename(name.rstrip("/")).strip().lstrip(".").strip()
    if not name or name in (".", ".."):
        name = default
    if len(name) > max_length:
        stem, ext = posixpath.splitext(name)
        ext = ext if len(ext) <= 10 else ""
        name = stem[: max_length - len(ext)].rstrip() + ext
    return name


def display_name(name: str, max_length: int = 300) -> str:
    """The name as received, made printable (for staff to see what was sent)."""
    printable = "".join(
        ch if unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Co") else f"\\u{ord(ch):04x}"
        for ch in (name or "")
    )
    return printable[:max_length]


class ArchiveRefused(Exception):
    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class ArchiveMember:
    name: str  # as stored in the archive (may be hostile: ../, absolute, NUL)
    data: bytes


def zip_members(
    data: bytes, *, max_members: int, max_total_bytes: int, max_ratio: int
) -> list[ArchiveMember]:
    """The files of a ZIP archive, refusing bombs: too many members, too many bytes once
    expanded (declared or actual), or an absurd compression ratio. Nothing is written to disk,
    so ``../`` names cannot escape anywhere; callers still sanitise them."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise ArchiveRefused(f"broken ZIP archive ({exc})"[:200])
    with archive:
        infos = [info for info in archive.infolist() if not info.is_dir()]
        if len(infos) > max_members:
            raise ArchiveRefused(
                f"ZIP archive has {len(infos)} files, more than the limit of {max_members}"
            )
        declared = sum(info.file_size for info in infos)
        if declared > max_total_bytes:
            raise ArchiveRefused(
                f"ZIP archive expands to {declared} bytes, more than the limit of {max_total_bytes} (ZIP bomb?)"
            )
        members = []
        total = 0
        for info in infos:
            if info.flag_bits & 0x1:
                raise ArchiveRefused(
                    f"ZIP archive member {display_name(info.filename, 80)!r} is encrypted"
                )
            try:
                with archive.open(info) as handle:
                    # Declared sizes can lie: read at most what is left of the budget.
                    chunk = handle.read(max_total_bytes - total + 1)
            except (
                zipfile.BadZipFile,
                OSError,
                ValueError,
                EOFError,
                NotImplementedError,
                RuntimeError,
            ) as exc:
                raise ArchiveRefused(
                    f"broken ZIP archive member {display_name(info.filename, 80)!r} ({exc})"[:200]
                )
            total += len(chunk)
            if total > max_total_bytes:
                raise ArchiveRefused(
                    f"ZIP archive expands to more than the limit of {max_total_bytes} bytes (ZIP bomb?)"
                )
            if len(chunk) > 1024 * 1024 and len(chunk) > max_ratio * max(info.compress_size, 1):
                raise ArchiveRefused(
                    f"ZIP archive member {display_name(info.filename, 80)!r} is compressed "
                    f"{len(chunk) // max(info.compress_size, 1)}:1 (ZIP bomb?)"
                )
            members.append(ArchiveMember(name=info.filename, data=chunk))
        return members
