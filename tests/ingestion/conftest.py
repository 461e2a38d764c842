from __future__ import annotations

import pytest

from tests.conftest import require_service
from tests.ingestion.dovecot import DOVECOT, Dovecot


@pytest.fixture
def dovecot():
    """A real Dovecot IMAP server on 127.0.0.1, with its own maildir, for one test."""
    require_service(DOVECOT is not None, "dovecot (apt-get install dovecot-imapd)")
    server = Dovecot()
    try:
        server.start()
        yield server
    finally:
        server.cleanup()
