"""Splitting messages into parts: bodies, attachments, what is set aside and why."""

from __future__ import annotations

import email
import email.policy
import io
import zipfile

import pytest

from ingestion.splitting import MessageRefused, Role, split_email, split_file
from ingestion.splitting import files as filetypes
from ingestion.splitting.html import html_sanitise, html_to_text
from ingestion.splitting.quotes import newest_part
from tests.ingestion.docs import order_pdf, text_image
from tests.ingestion.factories import make_email
from tests.paths import SHARED

CORPUS = SHARED / "corpus/eml-php-mime-mail-parser"
CORPUS_FILES = sorted(CORPUS.glob("*.eml")) if CORPUS.exists() else []


def _expected_attachment_names(raw: bytes) -> list[str]:
    """Every leaf part that carries a file name, in nested messages too (an independent walk
    of the standard library's parser)."""
    names = []

    def walk(message):
        for part in message.walk():
            if part.get_content_type() == "message/rfc822":
                continue
            if part.is_multipart():
                continue
            name = part.get_filename()
            if name and "=?" not in name:
                names.append(filetypes.safe_filename(str(name)))

    walk(email.message_from_bytes(raw, policy=email.policy.compat32))
    return names


@pytest.mark.skipif(not CORPUS_FILES, reason="shared corpus not present")
@pytest.mark.parametrize("path", CORPUS_FILES, ids=[p.name for p in CORPUS_FILES])
def test_every_corpus_email_is_split_and_every_attachment_comes_out(path):
    raw = path.read_bytes()
    split = split_email(raw)
    out_names = [p.filename for p in split.parts if p.role != Role.BODY]
    for name in _expected_attachment_names(raw):
        assert name in out_names, f"{name} missing from {out_names}"
    assert all(
        p.role in (Role.BODY, Role.ATTACHMENT, Role.SET_ASIDE, Role.REFUSED) for p in split.parts
    )
    assert all(p.reason for p in split.parts if p.role in (Role.SET_ASIDE, Role.REFUSED))


@pytest.mark.skipif(not CORPUS_FILES, reason="shared corpus not present")
def test_a_base64_encoded_forwarded_message_is_opened():
    split = split_email((CORPUS / "tests__mails__issue274.eml").read_bytes())
    nested = [p.path for p in split.parts if p.path.startswith("test-localhost.eml/")]
    assert nested == [
        "test-localhost.eml/body.txt",
        "test-localhost.eml/Hello from SwiftMailer.docx",
        "test-localhost.eml/Hello from SwiftMailer.pdf",
        "test-localhost.eml/Hello from SwiftMailer.odt",
        "test-localhost.eml/Cours-Tutoriels-Serge-Tahé-1568x268.png",
    ]


@pytest.mark.skipif(not CORPUS_FILES, reason="shared corpus not present")
def test_a_subject_in_broken_iso_2022_jp_is_decoded_without_crashing():
    split = split_email((CORPUS / "tests__mails__issue116.eml").read_bytes())
    assert split.headers.subject.endswith("41 от 28.09.2016")


def test_body_and_pdf_attachment():
    raw = make_email(
        body="Please find our order attached.",
        attachments=[("PO 4711.pdf", "application/pdf", order_pdf())],
    )
    split = split_email(raw)
    assert [(p.role, p.filename, p.file_type) for p in split.parts] == [
        (Role.BODY, "body.txt", filetypes.TEXT),
        (Role.ATTACHMENT, "PO 4711.pdf", filetypes.PDF),
    ]
    assert split.headers.sender == "buyer@customer.example"
    assert split.headers.subject == "Order"


def test_html_tables_become_rows():
    html = """<html><body><p>Hello,</p><p>please deliver:</p>
    <table><tr><th>SKU</th><th>Qty</th><th>Price</th></tr>
    <tr><td>GT-6MM-BK</td><td>12</td><td>3.45</td></tr>
    <tr><td>A-778</td><td>3</td><td>10.00</td></tr></table>
    <p>Thanks</p><script>alert(1)</script></body></html>"""
    assert html_to_text(html) == (
        "Hello,\n\nplease deliver:\n\n| SKU | Qty | Price |\n| GT-6MM-BK | 12 | 3.45 |\n| A-778 | 3 | 10.00 |\n\nThanks"
    )


def test_a_remark_spanning_the_columns_of_a_table_keeps_the_rows_below_aligned():
    from decimal import Decimal

    from ingestion.extraction import extract_from_text

    html = """<table><tr><th>Réf.</th><th>Désignation</th><th>Qté</th><th>PU HT</th>
    <th>Total HT</th></tr>
    <tr><td>FE-10610</td><td>Plancha électrique chrome dur 800 mm</td><td>1</td>
    <td>1 620,00 €</td><td>1 620,00 €</td></tr>
    <tr><td></td><td colspan="4"><i>Merci de reprendre l'ancienne plancha</i></td></tr>
    <tr><td>FE-20130</td><td>Lampe four 15 W E14</td><td>4</td><td>6,90 €</td>
    <td>27,60 €</td></tr></table>"""
    lines = extract_from_text(html_to_text(html)).lines
    assert [(ln.customer_sku, ln.quantity, ln.unit_price) for ln in lines] == [
        ("FE-10610", Decimal("1"), Decimal("1620.00")),
        ("FE-20130", Decimal("4"), Decimal("6.90")),
    ]


@pytest.mark.parametrize(
    "struck",
    [
        "<td><s>{}</s></td>",
        "<td><del>{}</del></td>",
        '<td style="text-decoration: line-through">{}</td>',
    ],
)
def test_a_row_crossed_out_in_a_message_s_table_is_no_item(struck):
    from decimal import Decimal

    from ingestion.extraction import extract_from_text

    cells = ("LA-5010", "Laces 75cm black waxed - still have stock", "10", "£4.10", "-")
    row = "".join(struck.format(c) for c in cells)
    html = f"""<table><tr><th>Code</th><th>Description</th><th>Qty</th><th>Price</th>
    <th>Total</th></tr>
    <tr><td>KB-8030</td><td>HU66 2-button shell</td><td>10</td><td>£3.35</td><td>£33.50</td></tr>
    <tr>{row}</tr>
    <tr><td>CA-6011</td><td>Brown cream 50ml</td><td>12</td><td>£2.45</td><td>£29.40</td></tr>
    </table>"""
    lines = extract_from_text(html_to_text(html)).lines
    assert [(ln.customer_sku, ln.quantity) for ln in lines] == [
        ("KB-8030", Decimal("10")),
        ("CA-6011", Decimal("12")),
    ]


def test_layout_tables_around_the_content_are_read_as_blocks():
    html = "<table><tr><td><p>Order 55</p><table><tr><td>X-1</td><td>4</td></tr></table></td></tr></table>"
    assert html_to_text(html) == "Order 55\n\n| X-1 | 4 |"


def test_a_reply_keeps_only_the_newest_order():
    body = (
        "Please change the quantity: 20 boxes of GT-6MM-BK instead.\n\n"
        "On Mon, 24 Nov 2026 at 10:00, Buyer <buyer@customer.example> wrote:\n"
        "> Please deliver 12 boxes of GT-6MM-BK.\n> PO 4711\n"
    )
    assert newest_part(body) == "Please change the quantity: 20 boxes of GT-6MM-BK instead."


def test_an_outlook_reply_chain_keeps_only_the_newest_order():
    body = (
        "New order: 5 x A-778\n\nBest regards\n\n"
        "From: Buyer <buyer@customer.example>\nSent: Monday, November 24, 2026 10:00\n"
        "To: orders@acme.test\nSubject: PO 4711\n\nPlease deliver 12 x GT-6MM-BK\n"
    )
    assert newest_part(body) == "New order: 5 x A-778\n\nBest regards"


def test_a_forward_keeps_the_forwarded_order_when_the_forwarder_wrote_nothing_of_substance():
    body = (
        "FYI, please process.\n\n"
        "---------- Forwarded message ---------\n"
        "From: Buyer <buyer@customer.example>\nDate: Mon, Nov 24, 2026\nSubject: PO 4711\n\n"
        "Please deliver 12 boxes of GT-6MM-BK.\n"
    )
    assert newest_part(body, subject="Fwd: PO 4711") == (
        "From: Buyer <buyer@customer.example>\nDate: Mon, Nov 24, 2026\nSubject: PO 4711\n\n"
        "Please deliver 12 boxes of GT-6MM-BK."
    )


def test_signature_and_disclaimer_are_cut_from_the_body():
    body = "Please deliver 12 x GT-6MM-BK\n\n-- \nJohn Buyer\n+33 1 23 45 67 89\n"
    assert newest_part(body) == "Please deliver 12 x GT-6MM-BK"
    body = "Please deliver 12 x GT-6MM-BK\n\nThis email and any attachments are confidential and intended solely for..."
    assert newest_part(body) == "Please deliver 12 x GT-6MM-BK"


def test_logos_inline_images_and_disclaimers_are_set_aside():
    message = email.message.EmailMessage()
    message["From"] = "buyer@customer.example"
    message["Subject"] = "PO"
    message.set_content("Order 4711: 12 x GT-6MM-BK")
    message.add_alternative(
        '<p>Order 4711: 12 x GT-6MM-BK</p><img src="cid:photo@x">', subtype="html"
    )
    photo = text_image("inline photo", size=(500, 400))
    message.get_payload()[1].add_related(photo, maintype="image", subtype="png", cid="<photo@x>")
    logo = text_image("LOGO", size=(120, 40))
    message.add_attachment(logo, maintype="image", subtype="png", filename="logo.png")
    scan = text_image("PURCHASE ORDER 4711\n12 x GT-6MM-BK", size=(1700, 2200))
    message.add_attachment(scan, maintype="image", subtype="png", filename="scan.png")
    message.add_attachment(
        "This e-mail and any attachments are confidential and intended solely for the addressee.",
        filename="disclaimer.txt",
    )
    message.add_attachment(
        b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n",
        maintype="text",
        subtype="calendar",
        filename="invite.ics",
    )
    split = split_email(bytes(message))
    assert [(p.role, p.filename, p.reason) for p in split.parts] == [
        (Role.BODY, "body.txt", ""),
        (Role.SET_ASIDE, "attachment-1", "inline image in the message body"),
        (Role.SET_ASIDE, "logo.png", "small image (signature logo or icon)"),
        (Role.ATTACHMENT, "scan.png", ""),
        (Role.SET_ASIDE, "disclaimer.txt", "disclaimer"),
        (Role.SET_ASIDE, "invite.ics", "calendar invitation"),
    ]


def test_an_eml_attached_inside_an_email_is_opened():
    inner = make_email(
        subject="PO 4711",
        body="Original order",
        attachments=[("po.pdf", "application/pdf", order_pdf())],
    )
    outer = make_email(
        subject="Fwd: PO 4711",
        body="see attached",
        attachments=[("original.eml", "message/rfc822", inner)],
    )
    split = split_email(outer)
    assert [(p.role, p.path) for p in split.parts] == [
        (Role.BODY, "body.txt"),
        (Role.BODY, "original.eml/body.txt"),
        (Role.ATTACHMENT, "original.eml/po.pdf"),
    ]


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_a_zip_is_expanded_with_safe_names():
    data = _zip(
        {
            "orders/po1.pdf": order_pdf("1"),
            "../../etc/passwd.csv": b"sku;qty\nA;1\n",
            "__MACOSX/._po1.pdf": b"x",
        }
    )
    split = split_file(data, filename="orders.zip")
    assert [(p.role, p.filename, p.path, p.original_name) for p in split.parts] == [
        (Role.ATTACHMENT, "po1.pdf", "orders.zip/po1.pdf", "orders/po1.pdf"),
        (Role.ATTACHMENT, "passwd.csv", "orders.zip/passwd.csv", "../../etc/passwd.csv"),
    ]


def test_a_zip_bomb_is_refused_and_kept(settings):
    settings.CARNET_LIMITS = {
        **settings.CARNET_LIMITS,
        "max_zip_uncompressed_bytes": 20 * 1024 * 1024,
    }
    bomb = _zip({f"layer{n}.csv": b"0" * (8 * 1024 * 1024) for n in range(4)})
    assert len(bomb) < 200_000
    split = split_file(bomb, filename="orders.zip")
    assert [(p.role, p.filename) for p in split.parts] == [(Role.REFUSED, "orders.zip")]
    assert split.parts[0].reason == (
        "ZIP archive expands to 33554432 bytes, more than the limit of 20971520 (ZIP bomb?)"
    )


def test_a_zip_bomb_lying_about_its_sizes_is_caught_while_reading(settings):
    settings.CARNET_LIMITS = {
        **settings.CARNET_LIMITS,
        "max_zip_uncompressed_bytes": 4 * 1024 * 1024,
    }
    data = bytearray(_zip({"big.csv": b"0" * (16 * 1024 * 1024)}))
    # Patch the declared uncompressed size (local header and central directory) to 1 KB.
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        start = data.find(signature)
        data[start + offset : start + offset + 4] = (1024).to_bytes(4, "little")
    split = split_file(bytes(data), filename="lying.zip")
    assert [p.role for p in split.parts] == [Role.REFUSED]
    assert "ZIP" in split.parts[0].reason


def test_hostile_attachment_names_are_made_safe():
    names = [
        "../../../etc/passwd.pdf",
        "po\x00.pdf",
        "a" * 300 + ".pdf",
        "invoice\u202efdp.exe",
        "..\\..\\boot.ini.pdf",
    ]
    raw = make_email(
        attachments=[(name, "application/pdf", order_pdf(str(i))) for i, name in enumerate(names)]
    )
    split = split_email(raw)
    attachments = [p for p in split.parts if p.role == Role.ATTACHMENT]
    assert [p.filename for p in attachments] == [
        "passwd.pdf",
        "po.pdf",
        "a" * 146 + ".pdf",
        "invoicefdp.exe",
        "boot.ini.pdf",
    ]
    assert attachments[3].original_name == "invoice\\u202efdp.exe"
    assert all(p.file_type == filetypes.PDF for p in attachments)


def test_a_heading_sits_on_the_block_it_titles():
    # a procurement system's notification: "Ship To" as a heading over the address
    html = (
        "<h2>Purchase Order #7712101</h2><h3>Ship To</h3><p>Kessler Instruments Inc.<br>"
        "301 College Road East<br>Princeton, NJ 08540</p><h3>Bill To</h3><p>PO Box 2210</p>"
    )
    assert html_to_text(html) == (
        "Purchase Order #7712101\nShip To\nKessler Instruments Inc.\n301 College Road East\n"
        "Princeton, NJ 08540\n\nBill To\nPO Box 2210"
    )


def test_a_pdf_that_is_really_html_is_refused_with_the_reason():
    raw = make_email(
        attachments=[
            ("order.pdf", "application/pdf", b"<!DOCTYPE html><html><body>Phish</body></html>")
        ]
    )
    parts = split_email(raw).parts
    assert [(p.role, p.reason) for p in parts if p.role != Role.BODY] == [
        (Role.REFUSED, "'order.pdf' is named .pdf but is really an HTML page")
    ]


def test_500_attachments_refuse_the_message(settings):
    raw = make_email(
        attachments=[(f"po{n}.csv", "text/csv", f"sku;qty\nA;{n}\n".encode()) for n in range(500)]
    )
    with pytest.raises(MessageRefused) as refused:
        split_email(raw)
    assert refused.value.reason == "message has 500 attachments, more than the limit of 100"


def test_a_50_mb_email_is_refused_by_size():
    raw = make_email(
        attachments=[("big.pdf", "application/pdf", b"%PDF-1.4\n" + b"0" * (50 * 1024 * 1024))]
    )
    with pytest.raises(MessageRefused) as refused:
        split_email(raw)
    assert refused.value.reason.startswith(f"message is {len(raw)} bytes, more than the limit of ")


def test_hostile_html_is_sanitised_for_display():
    html = (
        '<p onclick="steal()">Order</p><script>alert(1)</script>'
        '<img src="x" onerror="alert(2)"><a href="javascript:alert(3)">click</a>'
        '<a href="https://example.com/ok">ok</a><iframe src="https://evil"></iframe>'
    )
    clean = html_sanitise(html)
    assert clean == (
        '<p>Order</p><a rel="noopener noreferrer nofollow">click</a>'
        '<a href="https://example.com/ok" rel="noopener noreferrer nofollow">ok</a>'
    )


def test_sniffing_trusts_bytes_not_names():
    assert filetypes.sniff(order_pdf(), "x.txt") == filetypes.PDF
    assert filetypes.sniff(text_image("x", fmt="TIFF"), "x.pdf") == filetypes.TIFF
    assert filetypes.sniff(b"sku;qty\nA;1\n", "x.csv") == filetypes.CSV
    assert filetypes.sniff(make_email(), "") == filetypes.EML
