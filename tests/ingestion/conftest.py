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


@pytest.fixture
def eager_tasks():
    """Tasks run in-process, even when REDIS_URL points at a real broker (CI)."""
    from config.celery import app

    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield app
    app.conf.task_always_eager = previous
