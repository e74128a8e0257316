"""Production: every secret from the environment, nothing insecure by default."""

from .base import *  # noqa: F403
from .base import env

DEBUG = False
SECRET_KEY = env("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
# The public address is required: links in e-mails are built from it (see base.py).
SITE_BASE_URL = env("SITE_BASE_URL").rstrip("/")
WAGTAILADMIN_BASE_URL = SITE_BASE_URL
OSCAR_URL_SCHEMA = SITE_BASE_URL.split("://", 1)[0]
SERVE_MEDIA = env.bool("SERVE_MEDIA", default=False)

# SECURITY
# ------------------------------------------------------------------------------
# Behind a TLS-terminating reverse proxy. `make run` serves plain HTTP on
# 127.0.0.1 and so turns the HTTPS-only switches off through the environment.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
SESSION_COOKIE_SECURE = env.bool("DJANGO_SECURE_COOKIES", default=True)
CSRF_COOKIE_SECURE = env.bool("DJANGO_SECURE_COOKIES", default=True)
OSCAR_BASKET_COOKIE_SECURE = env.bool("DJANGO_SECURE_COOKIES", default=True)
OSCAR_RECENTLY_VIEWED_COOKIE_SECURE = env.bool("DJANGO_SECURE_COOKIES", default=True)
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("DJANGO_SECURE_HSTS_PRELOAD", default=True)

LOGGING["root"]["level"] = env("LOG_LEVEL", default="INFO")  # noqa: F405

# TRACEABILITY
# ------------------------------------------------------------------------------
# QR codes are printed with this address; by default the site's public address.
TRACE_BASE_URL = env("TRACE_BASE_URL", default=SITE_BASE_URL).rstrip("/")
