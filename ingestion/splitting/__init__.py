"""Raw messages and uploaded files cut into parts: bodies, attachments, set-aside pieces."""

from ingestion.splitting.mime import MessageRefused, Part, Role, Split, split_email, split_file

__all__ = ["MessageRefused", "Part", "Role", "Split", "split_email", "split_file"]
