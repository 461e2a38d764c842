"""Errors the readers raise."""


class UnreadableDocument(Exception):
    """The document cannot be turned into text (encrypted, broken, too large, not a format we read).

    ``reason`` is a short, human-readable sentence shown to staff and in ``ingest --json``.
    """

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason
