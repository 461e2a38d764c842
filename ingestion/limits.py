"""Ingestion limits (``settings.CARNET_LIMITS``) with their defaults."""

from __future__ import annotations

from django.conf import settings

DEFAULTS = {
    "max_message_bytes": 40 * 1024 * 1024,
    "max_attachments": 100,
    "max_pdf_pages": 50,
    "max_tiff_pages": 50,
    "max_image_pixels": 60_000_000,
    "max_page_objects": 200_000,
    "max_zip_members": 50,
    "max_zip_uncompressed_bytes": 100 * 1024 * 1024,
    "max_zip_ratio": 200,  # uncompressed / compressed, per member, beyond 1 MB
    "max_nesting": 5,  # .eml inside .eml inside ZIP...
    "max_mime_parts": 1000,
    "max_document_bytes": 30 * 1024 * 1024,
    "document_time_limit_s": 120,
    "mailbox_degraded_after": 3,
    "mailbox_timeout_s": 30,
    "mailbox_batch": 200,  # messages fetched per poll
    "webhook_max_bytes": 60 * 1024 * 1024,  # above: 413 without storing
    "tiny_image_bytes": 2 * 1024,
    "tiny_image_pixels": 200 * 200,
    "inline_image_pixels": 640 * 640,
}


def limit(name: str) -> int:
    return int(getattr(settings, "CARNET_LIMITS", {}).get(name, DEFAULTS[name]))
