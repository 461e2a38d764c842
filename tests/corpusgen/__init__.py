"""Synthetic purchase-order corpus generator with exact ground truth.

    python -m tests.corpusgen OUT_DIR --n 60 --seed 7 [--kinds pdf,fax,email,sheet]

Writes OUT_DIR in the layout of shared/corpus/contoso-po (masterdata/, documents/,
truth/<document>.json, negatives/) plus manifest.csv (file, kind, layout, ...), which
shared/tools/score_corpus.py reads to report results per kind. See README.md here.
"""
