from ingestion.extraction import extract_from_text


def test_an_invoice_is_not_an_order_even_with_an_order_number():
    order = extract_from_text(
        "FACTURE N° FA-2026-4386\nDate : 03/04/2026\nVotre commande n° 4500050576\n\n"
        "Réf.\tDésignation\tQté\tPrix\tMontant\nA-1\tTransport\t1\t278,85\t278,85\n"
    )
    assert order.is_order is False
    assert order.document_type == "invoice"
    assert order.not_order_reason == "the document is titled as a invoice, not a purchase order"


def test_order_confirmations_and_quotes_are_not_orders():
    assert (
        extract_from_text("Auftragsbestätigung 12345\n\nMenge\tArtikel\n5\tX-1\n").document_type
        == "order_confirmation"
    )
    assert extract_from_text("QUOTATION Q-2026-11\n\nQty\tItem\n5\tX-1\n").document_type == "quote"


def test_a_purchase_order_title_makes_an_order():
    order = extract_from_text("PURCHASE ORDER\nPO number: 4711\n\nQty\tItem\n5\tX-100\n")
    assert (order.is_order, order.document_type) == (True, "purchase_order")


def test_a_text_without_order_content_is_not_an_order():
    order = extract_from_text("Hello,\n\nI am out of office until Monday.\n\nBest regards")
    assert order.is_order is False
    assert order.not_order_reason == "no order title and no order lines found"


def test_words_that_contain_a_negative_title_are_not_that_title():
    # "Devise" (currency) holds "devis" (quote), "savoir" holds "avoir" (credit note)
    order = extract_from_text(
        "N° commande\tCMD648011\nDevise\tEUR\nÀ savoir\tlivrer le matin\n\n"
        "Pos\tRéf\tQté\tP.U.\n1\tX-1\t5\t2,81\n"
    )
    assert (order.is_order, order.document_type) == (True, "purchase_order")


def test_an_order_that_refers_to_a_quote_is_an_order():
    order = extract_from_text(
        "Bestellung 4711\nPreise gem. Angebot AN-26-0931\n\nMenge\tArtikel\n5\tX-1\n"
    )
    assert (order.is_order, order.document_type) == (True, "purchase_order")
    reply = extract_from_text(
        "Hallo,\nbitte liefern Sie:\n- 40 x GC5-09\n- 15 x MASK-FFP2\nGruss",
        subject="AW: Angebot AN-26-0931",
    )
    assert (reply.is_order, reply.document_type) == (True, "purchase_order")
    quote = extract_from_text("Hello,\n- 40 x GC5-09\n", subject="Angebot AN-26-0931")
    assert quote.document_type == "quote"  # not a reply: the message itself is the quote


def test_where_to_send_the_invoice_does_not_make_an_invoice():
    order = extract_from_text(
        "Hallo Herr Keller\n\nAnbei die Bestellung unserer Filiale Liestal, bitte so ausführen"
        " und direkt dorthin liefern.\nRechnung wie immer an Basel.\n\nHoi Daniel\n\n"
        "Kannst du bitte folgendes bei Léman bestellen (unsere Bestell-Nr. PB-2026-121):\n\n"
        "6x Warnweste gelb Gr. XL à Fr. 14.50\n4x Polo weiss Gr. L à Fr. 24.50\n",
        subject="WG: Bestellung Kleider Liestal",
    )
    assert order.is_order
    invoice = extract_from_text("Rechnung Nr. 2026-118\n\n6x Warnweste gelb à 14.50\n")
    assert not invoice.is_order


def test_a_return_note_listing_our_articles_is_not_an_order():
    note = extract_from_text(
        "SPORT BRUNNER\nRÜCKSENDESCHEIN / Rücksende-Nr.: RS-2026-031\nDatum: 19.11.2026\n"
        "Lieferschein: LS 26-118842\nBestellung: 2026-0187\n\n"
        "Pos\tArt.-Nr.\tBezeichnung\tMenge\tGrund\n1\tBD-6030\tTrockenrohr\t4\tdefekt\n"
    )
    assert (note.is_order, note.document_type) == (False, "return_note")


def test_a_message_that_says_it_is_not_an_order_is_none():
    for text in (
        "Bonjour,\nMerci de nous faire une offre de prix (ce n'est pas encore une commande)"
        " pour :\n- 10 x HM-5010\n- 4 x BD-6020\n",
        "Hello,\nCould you price the following for February. This is NOT an order yet - we'll"
        " send a PO once we've seen the numbers.\n\n12 x RN-100 rennet 1 L\n",
        "Folgende Artikel senden wir zurück. Bitte um Gutschrift – dies ist\n"
        "keine neue Bestellung.\n\nPos\tArt.-Nr.\tMenge\n1\tBD-6030\t4\n",
        "Merci de nous adresser votre offre pour :\n\nRéf.\tQuantité\nHF-1410\t40\n\n"
        "Ceci est une demande de prix et ne constitue pas une commande.\n",
        "Please quote for:\n\nItem\tQty\nHF-1410\t40\n\nThis enquiry does not constitute an"
        " order.\n",
        "Bitte um Ihr Angebot:\n\nArtikel\tMenge\nHF-1410\t40\n\nDiese Anfrage stellt keine"
        " Bestellung dar.\n",
    ):
        order = extract_from_text(text)
        assert (order.is_order, order.document_type) == (False, "not_an_order"), text


def test_a_request_for_prices_is_titled_as_one():
    for title in ("DEMANDE DE PRIX", "Request for Quotation", "RFQ 2026-118", "Preisanfrage"):
        order = extract_from_text(
            f"Equi'Pro Distribution SAS   {title}\nDemande n° DP-2025-017\n\n"
            "Réf.\tDésignation\tQuantité\nHF-1410\tCouverture\t40\n"
        )
        assert (order.is_order, order.document_type) == (False, "quote_request"), title


def test_an_order_that_only_quotes_a_request_for_prices_is_an_order():
    order = extract_from_text(
        "Hello,\nPlease ship 12 x RN-100 as quoted, PO 4471.\n\n"
        "On 2 Nov 2026, Dale End Dairy wrote:\n> This is NOT an order yet - please quote.\n"
    )
    assert order.is_order
    amendment = extract_from_text(
        "Hello,\nThis is not a new order, but a change to PO 4471: make it 14 x RN-100.\n"
    )
    assert amendment.is_order
