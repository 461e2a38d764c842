"""Reply chains and forwards: which message of the thread is the order."""

from __future__ import annotations

from ingestion.splitting.quotes import newest_part


def test_a_forward_keeps_the_forwarded_order_when_the_note_and_signature_carry_numbers():
    body = (
        "Pour saisie svp, client Delcourt Frères (Roubaix).\nMerci,\nClaire\n\n"
        "Claire Muller\nTechnico-commerciale Nord\n"
        "Rhenus SAS – 8 rue du Port du Rhin – 67100 Strasbourg\n06 45 78 12 90\n\n"
        "-------- Message transféré --------\n"
        "De : Olivier Lemaire <o.lemaire@delcourt-freres.fr>\n"
        "Date : mer. 18 nov. 2026 à 17:52\nObjet : Commande DFT-4471\n\n"
        "Bonjour Claire,\n- 20 gilets HV taille XL (HV-VEST-XL)\n- 4 boîtes de piles AA (BAT-AA-24)\n"
    )
    chosen = newest_part(body, subject="TR: Commande DFT-4471")
    assert chosen.startswith("De : Olivier Lemaire")
    assert "- 4 boîtes de piles AA (BAT-AA-24)" in chosen
    assert "Pour saisie" not in chosen


def test_a_forward_note_with_a_customer_number_but_no_item_keeps_the_forwarded_order():
    body = (
        "Please process, customer C1020.\n\n"
        "---------- Forwarded message ---------\n"
        "From: Buyer <buyer@customer.example>\nDate: Mon, Nov 24, 2026\nSubject: PO 4711\n\n"
        "Please deliver 12 boxes of GT-6MM-BK.\n"
    )
    assert newest_part(body, subject="Fwd: PO 4711").endswith(
        "Please deliver 12 boxes of GT-6MM-BK."
    )


def test_a_forward_whose_note_adds_an_item_keeps_the_note():
    body = (
        "Please also add 5 x A-778 to this order.\n\n"
        "---------- Forwarded message ---------\n"
        "From: Buyer <buyer@customer.example>\nSubject: PO 4711\n\n"
        "Please deliver 12 boxes of GT-6MM-BK.\n"
    )
    assert newest_part(body, subject="Fwd: PO 4711") == "Please also add 5 x A-778 to this order."


def test_an_outlook_quoted_block_in_german_is_cut_from_a_new_order():
    body = (
        "Hallo Herr Weber,\n\nanbei unsere Folgebestellung 4500124002:\n20 Stück 4711-C\n\n"
        "Mit freundlichen Grüßen\nJürgen Hoffmann\n\n"
        "Von: Hoffmann, Jürgen <j.hoffmann@keller.example>\n"
        "Gesendet: Mittwoch, 4. November 2026 14:37\nAn: Weber, Thomas <t.weber@rhenus.example>\n"
        "Betreff: Bestellung 4500123456\n\nbitte liefern Sie uns:\n5 Pkt. 4712-A\n"
    )
    chosen = newest_part(body, subject="WG: Bestellung 4500123456")
    assert "4712-A" not in chosen
    assert "4500123456" not in chosen
    assert "20 Stück 4711-C" in chosen


def test_a_french_reply_header_wrapped_over_two_lines_is_cut():
    body = (
        "Bonjour,\nvoici une nouvelle commande :\n* 6 x HSS-8.0\n\nPatrick\n\n"
        "Le jeu. 12 nov. 2026 à 10:14, Patrick Delcourt <\np.delcourt@delcourt-meca.example> a écrit :\n"
        "Bonjour,\nCommande DM-2611-02 :\n20 x TD-125-1.0\n"
    )
    chosen = newest_part(body)
    assert "TD-125-1.0" not in chosen
    assert "DM-2611-02" not in chosen
    assert "6 x HSS-8.0" in chosen


def test_an_outlook_header_run_into_one_line_starts_the_quoted_message():
    body = (
        "Please add 5 x A-778.\n\n"
        "From: Buyer <buyer@customer.example> Sent: Monday, November 24, 2026 10:00 "
        "To: orders@acme.example Subject: PO 4711\n\nPlease deliver 12 x GT-6MM-BK\n"
    )
    assert newest_part(body) == "Please add 5 x A-778."


def test_a_forward_whose_note_gives_the_po_and_the_delivery_keeps_the_note_above_the_order():
    body = (
        "Bonjour,\n\nMerci de nous livrer les articles ci-dessous.\n\n"
        "N° de commande : BC-26-2378\nLivraison souhaitée avant le 22/12.\n\n"
        "Cordialement,\nLéa Rossi\nCosmétiques Belvédère SAS\n310 route de Cannes - 06130 Grasse\n\n"
        "-------- Message transféré --------\n"
        "De : Hugo Bernard <h.bernard@belvedere.example>\nObjet : Demande d'achat DA-1187\n\n"
        "- EMB-0013 boîtes d'expédition A4 : 40 paquets\n"
    )
    chosen = newest_part(body, subject="TR: Demande d'achat DA-1187")
    assert chosen.startswith("Bonjour,")
    assert "N° de commande : BC-26-2378" in chosen
    assert "EMB-0013" in chosen
    assert "310 route de Cannes" not in chosen  # the forwarder's signature stays out


QUOTE_REPLY = (
    "Bonjour Monsieur Weber,\n\n"
    "Bon pour accord pour votre devis D26-00318 ci-dessous, sauf les sacs poubelle.\n"
    "Merci de noter notre n° de commande : FV-2026-0457.\n\n"
    "Cordialement,\nClaire Thiébaut\n\n"
    "________________________________________\n"
    "De : Christophe Weber <c.weber@supplier.example>\n"
    "Envoyé : vendredi 27 novembre 2026 16:22\n"
    "Objet : Devis D26-00318 - emballages\n\n"
    "Réf.            Désignation                                 Qté    PU HT    Total HT\n"
    "PAL-PLA-1200    Palette plastique 1200 x 800 mm              20  62,10 €  1 242,00 €\n"
    "BAG-WST-120     Sacs poubelle 120 L, noirs (rouleau de 25)   10   5,60 €     56,00 €\n"
    "GLV-NIT-M       Gants nitrile bleus, taille M                10   6,20 €     62,00 €\n"
    "Total HT : 1 360,00 €\n"
)


def test_a_reply_that_accepts_the_quote_below_orders_what_it_lists():
    chosen = newest_part(QUOTE_REPLY, subject="RE: Devis D26-00318 - emballages")
    assert chosen.startswith("Bonjour Monsieur Weber,")
    assert "PAL-PLA-1200" in chosen
    assert "Objet : Devis" not in chosen


def test_a_forward_of_a_colleagues_list_keeps_the_list_and_what_the_note_adds():
    body = (
        "Hello,\n\nPlease deliver the items below on Tuesday 15 December. Our PO number is "
        "AHG-PO-000455.\nPlease also add 2 cases of lids (AHG-PKG-002).\n\nThanks,\nDaan\n\n"
        "---------- Forwarded message ---------\n"
        "From: Pieter Jansen <p.jansen@ahg-hotels.nl>\nSubject: pastry order week 51\n"
        "To: Daan Visser <purchasing@ahg-hotels.nl>\n\n"
        "Hi Daan,\n\nfor next week can you order:\n- 6 x 25kg flour type 405\n- 10 kg white callets\n"
    )
    chosen = newest_part(body, subject="Fwd: pastry order week 51")
    assert "2 cases of lids (AHG-PKG-002)" in chosen
    assert "- 6 x 25kg flour type 405" in chosen
    assert "- 10 kg white callets" in chosen


def test_a_forward_of_an_order_sent_to_us_with_an_item_added_is_not_read_twice():
    body = (
        "Please also add 5 x A-778 to this order.\n\n"
        "---------- Forwarded message ---------\n"
        "From: Buyer <buyer@customer.example>\nTo: orders@supplier.example\nSubject: PO 4711\n\n"
        "Please deliver 12 boxes of GT-6MM-BK.\n"
    )
    assert newest_part(body, subject="Fwd: PO 4711") == "Please also add 5 x A-778 to this order."


def test_a_forward_note_saying_when_it_is_needed_is_kept_above_the_order():
    body = (
        "Hi Sophie,\n\nPlease process the below for Glasgow – they need it by 15 Dec at the "
        "latest. Thanks!\n\nKirsty Blair\n\n"
        "---------- Forwarded message ---------\n"
        "From: Callum Reid <c.reid@harrowfinch.com>\nSubject: PO HF-PO-056010\n\n"
        "PO number: HF-PO-056010\n"
        "HF-BEV-1120 |  | Sparkling water 330ml (crate 24) | 20 crate | EUR 11.80 | EUR 236.00\n"
        " | VC-3001 | Champagne Brut Dufresne 75cl | 24 btl | EUR 27.50 | EUR 660.00\n"
    )
    chosen = newest_part(body, subject="Fwd: PO HF-PO-056010")
    assert "need it by 15 Dec" in chosen
    assert "24 btl" in chosen


def test_a_colleagues_list_ordered_by_the_forwarder_keeps_no_header_of_the_colleague():
    body = (
        "Hi Paddy,\n\nCan you send the below down to Cork on PO-2317 please. "
        "Niamh needs it Weds 09/12.\n\n"
        "From: Niamh Walsh <niamh.walsh@liffeyrefrigeration.ie>\n"
        "Date: Thu, 3 Dec 2026 at 17:02\n"
        "Subject: stuff for the Mahon cold store job\n"
        "To: Aoife Brennan <aoife.brennan@liffeyrefrigeration.ie>\n\n"
        "Aoife,\n\nFor the Mahon job can you order from Midlands:\n\n"
        "2 x R134a 12kg (LR-GAS-134)\n6 x LR-FD-083 driers\n3 x LR-FM-10W fan motors\n"
    )
    chosen = newest_part(body, subject="Fwd: stuff for the Mahon cold store job")
    assert "PO-2317" in chosen
    assert "6 x LR-FD-083 driers" in chosen
    assert "Date: Thu, 3 Dec 2026" not in chosen  # the order is placed the day it is sent


def test_a_french_forward_of_a_colleagues_typed_list_keeps_the_list_under_the_note():
    body = (
        "Bonjour Claire,\n\nVoici notre commande n° 26/0431 du 30/11/2026 (voir le message de "
        "Marc ci-dessous).\nMerci d'ajouter 2 boîtes d'agrafes 80/10 (ST-80-10).\n\n"
        "Bien à vous,\nLuc\n\n-------- Message transféré --------\n"
        "Sujet : commande atelier\nDate : Fri, 27 Nov 2026 16:48:12 +0100\n"
        "De : Marc Lambert <atelier@vandenbossche.be>\n"
        "Pour : Luc Van den Bossche <luc@vandenbossche.be>\n\n"
        "Luc,\n\nPour la semaine prochaine il nous faut chez Kestrel :\n\n"
        "FB-SCR-NAT   toile à garnir (scrim)      30 m    4,84 €/m\n"
        "FL-HHR-MIX   crin frisé                   8 kg   23,01 €/kg\n\nMerci\nMarc\n"
    )
    chosen = newest_part(body, subject="TR: commande atelier")
    assert "2 boîtes d'agrafes 80/10 (ST-80-10)" in chosen
    assert "FB-SCR-NAT   toile à garnir" in chosen
    assert "Pour : Luc" not in chosen
    assert "Sujet :" not in chosen
