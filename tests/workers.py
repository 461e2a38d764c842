"""Starting a real Celery worker against Redis for tests that depend on it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent


def worker_env() -> dict[str, str]:
    """The environment of a worker that sees the test database and the test Redis."""
    db = settings.DATABASES["default"]
    env = dict(os.environ)
    if db["ENGINE"].endswith("postgresql"):
        env["DATABASE_URL"] = (
            f"postgres://{db.get('USER') or 'postgres'}:{db.get('PASSWORD') or ''}@{db.get('HOST') or '127.0.0.1'}:"
            f"{db.get('PORT') or 5432}/{db['NAME']}"
        )
    else:
        env["SQLITE_PATH"] = str(db["NAME"])
    env["MEDIA_ROOT"] = str(settings.MEDIA_ROOT)
    env["CELERY_TASK_ALWAYS_EAGER"] = "false"
    env["OMP_THREAD_LIMIT"] = "1"
    return env


def start_worker(queues: str = "default,ocr", extra_env: dict | None = None) -> subprocess.Popen:
    env = {**worker_env(), **(extra_env or {})}
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            "--pool=solo",
            "-Q",
            queues,
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "-l",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )


def stop_worker(process: subprocess.Popen, sig: int = signal.SIGTERM) -> None:
    if process.poll() is None:
        os.killpg(process.pid, sig)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)


@contextmanager
def running_worker(queues: str = "default,ocr", extra_env: dict | None = None):
    process = start_worker(queues, extra_env)
    try:
        yield process
    finally:
        stop_worker(process)


def wait_until(predicate, timeout: float = 30.0, interval: float = 0.2) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return False


__all__ = ["running_worker", "start_worker", "stop_worker", "wait_until", "worker_env", "sys"]
