"""Web serving: requests per second of the login page under gunicorn on loopback."""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

NAMES = ["web.login_page.requests_per_s"]
ROOT = Path(__file__).resolve().parent.parent
DURATION_S = 5.0
MAX_REQUESTS = 200_000  # a bounded loop, on loopback only
CLIENTS = 4


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(port: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("gunicorn did not start")


def _client(port: int, stop_at: float, counts: list[int], errors: list[int]) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    done = 0
    while time.monotonic() < stop_at and done < MAX_REQUESTS // CLIENTS:
        conn.request("GET", "/accounts/login/")
        response = conn.getresponse()
        response.read()
        if response.status != 200:
            errors.append(response.status)
        done += 1
    conn.close()
    counts.append(done)


def run() -> list[dict]:
    port = _free_port()
    env = {**os.environ, "DEBUG": "false", "ALLOWED_HOSTS": "127.0.0.1", "LOG_LEVEL": "WARNING"}
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        _wait_for(port)
        _client(port, time.monotonic() + 1.0, [], [])  # warm-up
        counts: list[int] = []
        errors: list[int] = []
        stop_at = time.monotonic() + DURATION_S
        t0 = time.monotonic()
        threads = [
            threading.Thread(target=_client, args=(port, stop_at, counts, errors))
            for _ in range(CLIENTS)
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.monotonic() - t0
        if errors:
            raise RuntimeError(f"{len(errors)} requests failed, e.g. HTTP {errors[0]}")
    finally:
        server.terminate()
        server.wait(timeout=10)
    return [
        {
            "name": "web.login_page.requests_per_s",
            "value": round(sum(counts) / elapsed, 1),
            "unit": "req/s",
            "higher_is_better": True,
            "baseline_name": None,
            "baseline_value": None,
        }
    ]
