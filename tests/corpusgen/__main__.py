"""python -m tests.corpusgen OUT_DIR --n 60 --seed 7 [--kinds pdf,fax,email,sheet]"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from .build import KINDS, generate_corpus


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m tests.corpusgen",
        description="Generate a synthetic purchase-order corpus with exact ground truth.",
    )
    ap.add_argument("out_dir", type=Path)
    ap.add_argument(
        "--n", type=int, default=60, help="number of order documents (negatives come on top)"
    )
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument(
        "--kinds", default=",".join(KINDS), help="comma-separated subset of " + ",".join(KINDS)
    )
    ap.add_argument("--no-negatives", action="store_true")
    a = ap.parse_args(argv)
    kinds = tuple(k.strip() for k in a.kinds.split(",") if k.strip())
    unknown = [k for k in kinds if k not in KINDS]
    if unknown or not kinds:
        print(
            f"corpusgen: unknown kind(s) {unknown or kinds}; choose from {','.join(KINDS)}",
            file=sys.stderr,
        )
        return 2
    if a.n < 1:
        print("corpusgen: --n must be at least 1", file=sys.stderr)
        return 2
    docs = generate_corpus(a.out_dir, n=a.n, seed=a.seed, kinds=kinds, negatives=not a.no_negatives)
    counts = Counter(g.kind for g in docs)
    print(
        f"corpusgen: wrote {a.out_dir}: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
