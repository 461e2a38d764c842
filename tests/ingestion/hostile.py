"""Hostile files, made in the tests: each aims at one way of eating a worker."""

from __future__ import annotations

import io
import struct
import zlib

from PIL import Image

from tests.ingestion.docs import order_pdf


def raw_pdf(objects: list[bytes]) -> bytes:
    """A PDF from object bodies (object n is objects[n-1]); catalog is object 1."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()


def _stream(data: bytes, compress: bool = True) -> bytes:
    if compress:
        data = zlib.compress(data, 9)
        return (
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream"
        )
    return b"<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"


def encrypted_pdf() -> bytes:
    return order_pdf(encrypt="user-secret")


def truncated_pdf() -> bytes:
    data = order_pdf(lines=30)
    return data[: len(data) // 3]


def looping_pages_pdf() -> bytes:
    # The page tree's only kid is the tree itself.
    return raw_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [2 0 R] /Count 1 >>",
        ]
    )


def many_pages_pdf(pages: int = 2000) -> bytes:
    first_page = 4
    kids = b" ".join(b"%d 0 R" % (first_page + n) for n in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % pages,
        _stream(b"BT /F1 12 Tf 50 800 Td (page) Tj ET", compress=False),
    ]
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R >>"] * pages
    return raw_pdf(objects)


def million_lines_pdf(lines: int = 1_000_000) -> bytes:
    strokes = b"10 10 m 500 800 l S\n" * lines
    return raw_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
            _stream(strokes),
        ]
    )


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return (
        struct.pack(">I", len(data))
        + kind
        + data
        + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    )


def huge_header_png(width: int = 60_000, height: int = 60_000) -> bytes:
    """A few hundred bytes whose header claims width × height pixels (a decompression bomb)."""
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 64)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", idat)
        + _png_chunk(b"IEND", b"")
    )


def many_pages_tiff(pages: int = 1000) -> bytes:
    frames = [Image.new("1", (64, 64), 1) for _ in range(pages)]
    buffer = io.BytesIO()
    frames[0].save(
        buffer, format="TIFF", save_all=True, append_images=frames[1:], compression="group4"
    )
    return buffer.getvalue()


def html_named_pdf() -> bytes:
    return b"<!DOCTYPE html><html><body><h1>Your invoice</h1><script>location='https://evil'</script></body></html>"
