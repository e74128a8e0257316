"""Production settings fail loudly without their secrets and never run with DEBUG on."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROBE = "from django.conf import settings; print(settings.DEBUG, settings.SECURE_SSL_REDIRECT)"


def run_settings(module: str, **env: str) -> subprocess.CompletedProcess:
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "ALLOWED_HOSTS", "SITE_BASE_URL"))
    }
    clean.update(DJANGO_SETTINGS_MODULE=module, **env)
    return subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {PROBE}"],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = run_settings("marketplace.settings.production", ALLOWED_HOSTS="ocop.example.vn")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_production_refuses_to_start_without_its_public_address():
    result = run_settings(
        "marketplace.settings.production",
        DJANGO_SECRET_KEY="x" * 60,
        ALLOWED_HOSTS="ocop.example.vn",
    )
    assert result.returncode != 0
    assert "SITE_BASE_URL" in result.stderr


def test_production_runs_with_debug_off_and_https_on():
    result = run_settings(
        "marketplace.settings.production",
        DJANGO_SECRET_KEY="x" * 60,
        ALLOWED_HOSTS="ocop.example.vn",
        SITE_BASE_URL="https://ocop.example.vn",
        DJANGO_DEBUG="true",  # ignored: production never debugs
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "True"]


def test_only_dev_settings_turn_debug_on():
    assert run_settings("marketplace.settings.test").stdout.split()[0] == "False"
    assert run_settings("marketplace.settings.dev").stdout.split()[0] == "True"


def test_without_redis_gunicorn_workers_share_one_cache():
    """A change made through one worker must reach the pages the others serve."""
    env = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL",)}
    env.update(
        DJANGO_SETTINGS_MODULE="marketplace.settings.production",
        DJANGO_SECRET_KEY="x" * 60,
        ALLOWED_HOSTS="ocop.example.vn",
        SITE_BASE_URL="https://ocop.example.vn",
    )
    key = f"ocop-shared-probe-{os.getpid()}"

    def worker(code: str) -> str:
        result = subprocess.run(
            [
                sys.executable,
                "-c",
                f"import django; django.setup(); from django.core.cache import cache; {code}",
            ],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, result.stderr
        return result.stdout.strip()

    worker(f"cache.set('{key}', 'new price', 60)")
    assert worker(f"print(cache.get('{key}')); cache.delete('{key}')") == "new price"
