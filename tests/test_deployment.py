"""The production shape: the compose file is valid and production settings refuse unsafe starts."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import require_service

ROOT = Path(__file__).resolve().parent.parent


def _compose_command() -> list[str] | None:
    if shutil.which("docker-compose"):
        return ["docker-compose"]
    if (
        shutil.which("docker")
        and subprocess.run(["docker", "compose", "version"], capture_output=True).returncode == 0
    ):
        return ["docker", "compose"]
    return None


def test_docker_compose_accepts_the_file():
    command = _compose_command()
    require_service(command is not None, "docker compose")
    result = subprocess.run(
        [*command, "config", "--services"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "SECRET_KEY": "compose-check"},
    )
    assert result.returncode == 0, result.stderr
    assert sorted(result.stdout.split()) == [
        "beat",
        "db",
        "migrate",
        "ocr-worker",
        "redis",
        "web",
        "worker",
    ]


def _settings_import(env: dict) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG", "CARNET_ENV"}}
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='config.settings'; "
            "from django.conf import settings; print(settings.DEBUG)",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**clean, **env},
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = _settings_import({"CARNET_ENV": "production"})
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_debug():
    result = _settings_import(
        {"CARNET_ENV": "production", "SECRET_KEY": "a-real-secret", "DEBUG": "true"}
    )
    assert result.returncode != 0
    assert "DEBUG must be off" in result.stderr


@pytest.mark.parametrize(
    ("env", "expected"), [({}, "True"), ({"CARNET_ENV": "production", "SECRET_KEY": "s"}, "False")]
)
def test_debug_defaults(env, expected):
    result = _settings_import(env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == expected
