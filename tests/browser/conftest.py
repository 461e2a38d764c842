"""Browser helpers; the `browser` and `page` fixtures live in tests/conftest.py (one Chromium per run)."""

from tests.conftest import login

__all__ = ["login"]
