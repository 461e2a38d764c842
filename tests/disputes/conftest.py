import pytest


@pytest.fixture(autouse=True, scope="session")
def _compiled_dispute_translations():
    """The .mo files are build products (make setup compiles them); compile ours when stale."""
    import shutil
    from pathlib import Path

    from django.core.management import call_command

    root = Path(__file__).resolve().parents[2]
    for po in (root / "disputes" / "locale").glob("*/LC_MESSAGES/django.po"):
        mo = po.with_suffix(".mo")
        if (not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime) and shutil.which("msgfmt"):
            call_command(
                "compilemessages",
                locale=[po.parent.parent.name],
                verbosity=0,
                ignore_patterns=[".venv", "*/.venv/*"],
            )
