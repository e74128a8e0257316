"""Running it in production: outages of Redis, the broker and the database; logs.

See docs/operations.md. Imported at the end of base.py, which applies what needs its values.
"""

import environ

_env = environ.Env()

# The Redis cache degrades by itself (lib/cache.py): after a failure it serves uncached pages
# and does not call Redis for OCOP_CACHE_DOWN_SECONDS, then tries again.
OCOP_CACHE_DOWN_SECONDS = _env.int("OCOP_CACHE_DOWN_SECONDS", default=5)

# With the broker down, sending a task gives up within about a second (not the default
# retries of several seconds each): the request goes on, the work stays recorded in the
# database and a sweeper sends it again (lib/tasks.py).
CELERY_BROKER_CONNECTION_TIMEOUT = 1
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.2,
}
CELERY_BROKER_TRANSPORT_OPTIONS = {"socket_connect_timeout": 1, "socket_timeout": 5}
# The worker keeps trying to reach the broker for as long as it is down.
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_CONNECTION_MAX_RETRIES = None
OPERATIONS_BEAT_SCHEDULE = {
    "requeue-waiting-label-runs": {"task": "traceability.requeue_label_runs", "schedule": 60},
}

# LOG_FORMAT=json writes one JSON object a line (for a log collector); "plain" by default.
LOG_FORMAT = _env("LOG_FORMAT", default="plain")
TASKS_LOG_LEVEL = _env("TASKS_LOG_LEVEL", default="WARNING")


# Pages and JSON are compressed when the browser accepts it (gunicorn serves them directly
# under `make run`; a proxy in front may compress too). Django's middleware pads each gzip
# stream with random bytes against BREACH-style length guessing of the CSRF token.
GZIP_MIDDLEWARE = "django.middleware.gzip.GZipMiddleware"
# Uploads keep their name for life (a new photo is a new file), so browsers keep them a year.
MEDIA_CACHE_SECONDS = _env.int("MEDIA_CACHE_SECONDS", default=365 * 24 * 60 * 60)


def apply_operations(settings: dict) -> None:
    """What needs base.py's values: called at its end with its `vars()`."""
    middleware = settings["MIDDLEWARE"]
    if (
        GZIP_MIDDLEWARE not in middleware
    ):  # after WhiteNoise, which serves static files pre-compressed
        middleware.insert(
            middleware.index("whitenoise.middleware.WhiteNoiseMiddleware") + 1, GZIP_MIDDLEWARE
        )
    if settings["REDIS_URL"]:
        settings["CACHES"]["default"]["OPTIONS"] = {"DOWN_SECONDS": OCOP_CACHE_DOWN_SECONDS}
    # A connection a database restart dropped is noticed and replaced at a request's start.
    settings["DATABASES"]["default"]["CONN_HEALTH_CHECKS"] = True
    settings["CELERY_BEAT_SCHEDULE"].update(OPERATIONS_BEAT_SCHEDULE)
    logging = settings["LOGGING"]
    logging["formatters"]["json"] = {"()": "lib.logs.JsonFormatter"}
    logging["handlers"]["console"]["formatter"] = "json" if LOG_FORMAT == "json" else "plain"
    # One INFO line per Wagtail background task (a reference index update per page saved):
    # 1,900 lines while the demo loads. TASKS_LOG_LEVEL=INFO brings them back.
    logging.setdefault("loggers", {})["django_tasks"] = {"level": TASKS_LOG_LEVEL}
    # django-axes announces itself at INFO in every worker; its lock-outs are warnings.
    logging["loggers"].setdefault("axes", {"level": "WARNING"})
