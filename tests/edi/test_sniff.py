"""An EDI file is known by its first characters, whatever its name."""

from __future__ import annotations

import pytest

from ingestion.models import DocumentKind
from ingestion.splitting import files


@pytest.mark.parametrize(
    "head",
    [
        b"UNA:+.? 'UNB+UNOC:3+A+B+260301:0900+1'",
        b"UNB+UNOA:1+A+B+991006:1902+1'",
        b"UNH+1+ORDERS:D:96A:UN'",
        b"\xef\xbb\xbfISA*00*          *00*",
        b"\n\tISA|00|          |00|",
        b"STX=ANA:1+:SHOP+:MAKER+940321+REFS'",
    ],
)
def test_edi_is_sniffed_by_content(head):
    assert files.sniff(head, "order.txt") == files.EDI
    assert files.document_kind(files.sniff(head)) == DocumentKind.EDI


@pytest.mark.parametrize("text", [b"UNAVAILABLE until Monday", b"ISABELLE wrote:", b"Hello"])
def test_text_that_starts_like_edi_is_text(text):
    assert files.sniff(text, "note.txt") == files.TEXT
