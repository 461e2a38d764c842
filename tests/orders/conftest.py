import hashlib
import hmac
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest


class ErpServer:
    """A tiny ERP on 127.0.0.1 that answers the configured statuses in turn and keeps what it got."""

    def __init__(self, statuses: list[int]):
        self.statuses = list(statuses)
        self.received: list[dict] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802
                body = self.rfile.read(int(self.headers["Content-Length"]))
                server.received.append({"headers": dict(self.headers), "body": body})
                status = server.statuses.pop(0) if len(server.statuses) > 1 else server.statuses[0]
                answer = json.dumps({"ok": status < 300, "erp_order": "ERP-1"}).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/carnet/orders"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def signature_is_valid(self, secret: str, request: dict) -> bool:
        expected = (
            "sha256=" + hmac.new(secret.encode(), request["body"], hashlib.sha256).hexdigest()
        )
        return hmac.compare_digest(expected, request["headers"]["X-Carnet-Signature"])

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def erp_server():
    servers = []

    def start(*statuses: int) -> ErpServer:
        server = ErpServer(list(statuses) or [200])
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.close()


@pytest.fixture(autouse=True, scope="session")
def _compiled_translations():
    """The .mo files are build products (make setup compiles them); compile ours when stale."""
    import shutil
    from pathlib import Path

    from django.core.management import call_command

    root = Path(__file__).resolve().parents[2]
    for app in ("customers", "catalog", "orders"):
        for po in (root / app / "locale").glob("*/LC_MESSAGES/django.po"):
            mo = po.with_suffix(".mo")
            if (not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime) and shutil.which(
                "msgfmt"
            ):
                call_command(
                    "compilemessages",
                    locale=[po.parent.parent.name],
                    verbosity=0,
                    ignore_patterns=[".venv", "*/.venv/*"],
                )
