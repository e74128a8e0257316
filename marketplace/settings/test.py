"""Settings for the test suite: fast, isolated, no network."""

import tempfile

from .base import *  # noqa: F403
from .base import env

DEBUG = False
SECRET_KEY = "test-only-secret-key-not-for-production-0123456789abcdefghij"
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
SERVE_MEDIA = True
STORAGES = {
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(VAR_DIR / "test-private"), "base_url": None},  # noqa: F405
    },
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Each test run gets its own cache namespace so runs on a shared Redis never meet.
# Servers a test starts in processes of their own share one namespace or folder, as app
# servers do in production (tests/processes.py).
if env("REDIS_URL", default=""):
    CACHES["default"]["KEY_PREFIX"] = env(  # noqa: F405
        "OCOP_TEST_CACHE_PREFIX", default=f"ocop-test-{tempfile.mkdtemp(prefix='k')[-8:]}"
    )
elif env("OCOP_TEST_CACHE_DIR", default=""):
    CACHES["default"]["LOCATION"] = env("OCOP_TEST_CACHE_DIR")  # noqa: F405
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# A file-backed SQLite test database survives between runs with --reuse-db, so the
# 300+ migrations run once per checkout rather than on every run.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test-db.sqlite3")}  # noqa: F405
# Media outlives a test run like the reused database that points at it.
MEDIA_ROOT = str(VAR_DIR / "test-media")  # noqa: F405
# Serve static files from the apps' folders, as `dev` does: no collectstatic needed.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# Engineers working side by side each give their own SQLite file.
if (
    env("TEST_SQLITE_NAME", default="")
    and DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3"
):  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": env("TEST_SQLITE_NAME")}  # noqa: F405
# Every test client comes from 127.0.0.1 with the same phone number and places many orders:
# the checkout's rate limits are set back to small numbers by the tests of those limits
# (tests/functional/test_cod_expiry_and_limits.py).
OCOP_CHECKOUT_ORDERS_PER_ADDRESS = 10_000
OCOP_CHECKOUT_ORDERS_PER_PHONE = 10_000
# A test client often stands for many shoppers scanning one code: a reload by the same
# browser counts as a scan again unless a test sets the window back
# (tests/functional/test_origin_honesty.py).
TRACE_RELOAD_WINDOW_SECONDS = 0
# Tests count scan rows right after a visit: scans are written at once, even with Redis,
# except in the tests of the buffer (tests/integration/test_scan_buffer.py), which turn it on.
TRACE_SCAN_BUFFER = env.bool("TRACE_SCAN_BUFFER", default=False)
