import datetime as dt

from ingestion.extraction import extract_from_layout, learn_from_correction
from ingestion.reading import read_pdf
from tests.extraction.docs import pdf, table


def _order(dossier: str, date: str) -> bytes:
    """A customer whose PO number sits under an unusual label, "Dossier interne"."""
    return pdf(
        [
            [
                (330, 26, "Affaire 4471-B"),
                (40, 40, "ACME Industrie SARL"),
                (40, 52, "12 rue de la Paix"),
                (40, 64, "75002 Paris"),
                (330, 40, "Dossier interne"),
                (440, 40, dossier),
                (330, 52, "Date"),
                (440, 52, date),
                *table(
                    [40, 110, 330, 400, 480],
                    150,
                    [
                        ["Article", "Désignation", "Quantité", "Prix unitaire", "Montant"],
                        ["AB-100", "Widget bleu", "4", "2,50", "10,00"],
                    ],
                ),
            ]
        ]
    )


def test_a_corrected_po_number_is_found_the_next_time():
    # given: the first document of this customer, where the PO number comes out wrong
    first = read_pdf(_order("DS-2026-0042", "27/11/2026"))
    extracted = extract_from_layout(first)
    assert (extracted.po_number.value, extracted.po_number.rule) == (
        "4471-B",
        "unlabelled_reference",
    )
    assert extracted.po_number.confidence == 0.35
    # when: the order desk corrects it and the engine learns
    hints = learn_from_correction(extracted, {"po_number": "DS-2026-0042"}, first)
    assert hints == {
        "version": 1,
        "fields": {
            "po_number": [
                {
                    "page": 1,
                    "x": 0.7392,
                    "y": 0.039,
                    "w": 0.0983,
                    "h": 0.0107,
                    "label": "dossier interne",
                    "relation": "right",
                    "count": 1,
                }
            ]
        },
    }
    # then: the next document of the same layout comes out right
    second = read_pdf(_order("DS-2026-0077", "28/11/2026"))
    again = extract_from_layout(second, hints=hints)
    assert again.po_number.value == "DS-2026-0077"
    assert again.po_number.rule == "hint_right:dossier interne"
    assert again.po_number.confidence >= 0.9
    assert again.order_date.value == dt.date(2026, 11, 28)


def test_confirming_a_hint_strengthens_it_and_inputs_are_not_modified():
    layout = read_pdf(_order("DS-2026-0042", "27/11/2026"))
    extracted = extract_from_layout(layout)
    first = learn_from_correction(extracted, {"po_number": "DS-2026-0042"}, layout)
    second = learn_from_correction(extracted, {"po_number": "DS-2026-0042"}, layout, first)
    assert first["fields"]["po_number"][0]["count"] == 1
    assert second["fields"]["po_number"][0]["count"] == 2


def test_a_learned_date_position_is_used_when_the_label_is_unknown():
    layout = read_pdf(_order("DS-1", "03/12/2026"))
    extracted = extract_from_layout(layout)
    hints = learn_from_correction(extracted, {"requested_delivery_date": "2026-12-03"}, layout)
    assert hints["fields"]["requested_delivery_date"][0]["label"] == "date"
    again = extract_from_layout(read_pdf(_order("DS-2", "04/12/2026")), hints=hints)
    assert again.requested_delivery_date.value == dt.date(2026, 12, 4)
