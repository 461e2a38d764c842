"""Where the shared material (../shared: corpus, spec) is, wherever the checkout lives.

CI clones the repository into another folder with a copy of shared/ beside it; developers have
it at /work/shared. ``CARNET_SHARED_DIR`` overrides both.
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _shared_dir() -> Path:
    candidates = [os.environ.get("CARNET_SHARED_DIR"), ROOT.parent / "shared", "/work/shared"]
    for candidate in candidates:
        if candidate and (Path(candidate) / "corpus").is_dir():
            return Path(candidate)
    return ROOT.parent / "shared"


SHARED = _shared_dir()
CORPUS = SHARED / "corpus"
