"""Secrets stored in the database (mailbox passwords, webhook secrets), encrypted at rest.

The key is ``settings.FIELD_ENCRYPTION_KEY`` (a Fernet key) or, when it is not set, derived
from ``SECRET_KEY`` so that development needs nothing. Rotating SECRET_KEY without setting
FIELD_ENCRYPTION_KEY makes stored secrets unreadable: production should set the key.
"""

from __future__ import annotations

import base64
import hashlib

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings


class SecretUnreadable(Exception):
    """The stored secret was encrypted with another key."""


def _fernet() -> Fernet:
    key = getattr(settings, "FIELD_ENCRYPTION_KEY", "")
    if not key:
        digest = hashlib.sha256(b"carnet-field-encryption:" + settings.SECRET_KEY.encode()).digest()
        key = base64.urlsafe_b64encode(digest).decode()
    return Fernet(key.encode() if isinstance(key, str) else key)


def secret_encrypt(value: str) -> str:
    return _fernet().encrypt(value.encode("utf-8")).decode("ascii")


def secret_decrypt(token: str) -> str:
    if not token:
        return ""
    try:
        return _fernet().decrypt(token.encode("ascii")).decode("utf-8")
    except (InvalidToken, ValueError):
        raise SecretUnreadable("the stored secret cannot be decrypted with the current key")
