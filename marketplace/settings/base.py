"""Settings shared by every environment; values come from the environment (django-environ)."""

from __future__ import annotations

from pathlib import Path

import environ
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from oscar.defaults import *  # noqa: F403

from .security import content_security_policy, media_origins

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"  # local data: SQLite, media, collected static
VAR_DIR.mkdir(exist_ok=True)

env = environ.Env()
if (BASE_DIR / ".env").exists():
    env.read_env(str(BASE_DIR / ".env"))

# GENERAL
# ------------------------------------------------------------------------------
DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env("DJANGO_SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
SITE_ID = 1
# The site's public address (scheme, host, port; no path): every link in an e-mail starts
# with it (lib/urls.py), Django's Site row follows it (marketplace/sites.py), and so do
# Wagtail's admin e-mails and, unless TRACE_BASE_URL says otherwise, printed QR codes.
# Production requires it, and `check --deploy` wants a public https address.
SITE_BASE_URL = env("SITE_BASE_URL", default="http://127.0.0.1:8000").rstrip("/")
ROOT_URLCONF = "marketplace.urls"
WSGI_APPLICATION = "marketplace.wsgi.application"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# I18N
# ------------------------------------------------------------------------------
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_NAME = "django_language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60

# DATABASES
# ------------------------------------------------------------------------------
# SQLite under var/ is the embedded default; PostgreSQL is production
# (DATABASE_URL=postgres://postgres@127.0.0.1:5432/ocop).
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {})
    # WAL and a busy timeout let gunicorn's workers share the file.
    DATABASES["default"]["OPTIONS"].update(
        {
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
        }
    )
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
IS_POSTGRES = DATABASES["default"]["ENGINE"].startswith("django.db.backends.postgresql")

# CACHES AND CELERY
# ------------------------------------------------------------------------------
REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "lib.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "ocop",
        }
    }
    CELERY_BROKER_URL = REDIS_URL
    CELERY_RESULT_BACKEND = REDIS_URL
    CELERY_TASK_ALWAYS_EAGER = False
else:
    # Files, not memory: gunicorn's workers must share the cache, or a change made through
    # one worker (a new price) would leave the others serving cached pages without it.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
            "OPTIONS": {"MAX_ENTRIES": 20000},
        }
    }
    # Without a broker, tasks run in the web process, so nothing waits for a worker.
    CELERY_BROKER_URL = "memory://"
    CELERY_RESULT_BACKEND = "cache+memory://"
    CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]

# APPS
# ------------------------------------------------------------------------------
DJANGO_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.flatpages",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
]
OSCAR_APPS = [
    "marketplace.config.MarketplaceShopConfig",
    "oscar.apps.analytics.apps.AnalyticsConfig",
    "checkout.apps.CheckoutConfig",
    "oscar.apps.address.apps.AddressConfig",
    "shipping.apps.ShippingConfig",
    "catalogue.apps.CatalogueConfig",
    "catalogue.reviews.apps.CatalogueReviewsConfig",
    "oscar.apps.communication.apps.CommunicationConfig",
    "partner.apps.PartnerConfig",
    "basket.apps.BasketConfig",
    "payment.apps.PaymentConfig",
    "oscar.apps.offer.apps.OfferConfig",
    "order.apps.OrderConfig",
    "customer.apps.CustomerConfig",
    "search.apps.SearchConfig",
    "oscar.apps.voucher.apps.VoucherConfig",
    "oscar.apps.wishlists.apps.WishlistsConfig",
    "dashboard.apps.DashboardConfig",
    "oscar.apps.dashboard.reports.apps.ReportsDashboardConfig",
    "dashboard.users.apps.UsersDashboardConfig",
    "dashboard.orders.apps.OrdersDashboardConfig",
    "dashboard.catalogue.apps.CatalogueDashboardConfig",
    "oscar.apps.dashboard.offers.apps.OffersDashboardConfig",
    "oscar.apps.dashboard.partners.apps.PartnersDashboardConfig",
    "oscar.apps.dashboard.pages.apps.PagesDashboardConfig",
    "oscar.apps.dashboard.ranges.apps.RangesDashboardConfig",
    "dashboard.reviews.apps.ReviewsDashboardConfig",
    "oscar.apps.dashboard.vouchers.apps.VouchersDashboardConfig",
    "oscar.apps.dashboard.communications.apps.CommunicationsDashboardConfig",
    "oscar.apps.dashboard.shipping.apps.ShippingDashboardConfig",
    "producers.dashboard.apps.ProducersDashboardConfig",
]
WAGTAIL_APPS = [
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
]
THIRD_PARTY_APPS = [
    "widget_tweaks",
    "haystack",
    "treebeard",
    "sorl.thumbnail",
    "django_tables2",
    "modelcluster",
    "taggit",
    "storages",
    "axes",
]
LOCAL_APPS = [
    "marketplace",
    "producers",
    "regions",
    "traceability",
    "evaluation",
    "cms",
    "programme",
]
INSTALLED_APPS = DJANGO_APPS + OSCAR_APPS + WAGTAIL_APPS + THIRD_PARTY_APPS + LOCAL_APPS

# MIDDLEWARE
# ------------------------------------------------------------------------------
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "lib.ids.OutOfRangeIdsMiddleware",  # 404, not 500, for ids no row can have
    "oscar.apps.basket.middleware.BasketMiddleware",
    "lib.http.NulInUrlMiddleware",  # NUL in a URL: 400 or 404 (the page needs user and basket)
    "django.contrib.flatpages.middleware.FlatpageFallbackMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "axes.middleware.AxesMiddleware",  # the lock-out page (marketplace/settings/limits.py)
]

# TEMPLATES
# ------------------------------------------------------------------------------
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "search.context_processors.search_query",
                "oscar.apps.checkout.context_processors.checkout",
                "oscar.apps.communication.notifications.context_processors.notifications",
                "oscar.core.context_processors.metadata",
                "marketplace.context_processors.site",
            ],
        },
    }
]

# AUTH
# ------------------------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses locked-out accounts and addresses
    "oscar.apps.customer.auth_backends.EmailBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Without this, checkout's login redirect falls into Wagtail's catch-all and 404s.
LOGIN_URL = "/shop/accounts/login/"
LOGIN_REDIRECT_URL = "/shop/accounts/"

# STATIC AND MEDIA
# ------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = env("STATIC_ROOT", default=str(VAR_DIR / "static"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env("MEDIA_ROOT", default=str(VAR_DIR / "media"))
# Serve uploaded media from Django itself: right for a single machine (`make run`),
# off behind a reverse proxy or with S3-compatible storage.
SERVE_MEDIA = env.bool("SERVE_MEDIA", default=False)
FILE_UPLOAD_PERMISSIONS = 0o644

AWS_STORAGE_BUCKET_NAME = env("AWS_STORAGE_BUCKET_NAME", default="")
if AWS_STORAGE_BUCKET_NAME:
    AWS_S3_ENDPOINT_URL = env("AWS_S3_ENDPOINT_URL", default=None)
    AWS_S3_REGION_NAME = env("AWS_S3_REGION_NAME", default=None)
    AWS_S3_CUSTOM_DOMAIN = env("AWS_S3_CUSTOM_DOMAIN", default=None)
    AWS_QUERYSTRING_AUTH = env.bool("AWS_QUERYSTRING_AUTH", default=False)
    AWS_DEFAULT_ACL = None
    DEFAULT_FILE_STORAGE_BACKEND = "storages.backends.s3.S3Storage"
else:
    DEFAULT_FILE_STORAGE_BACKEND = "django.core.files.storage.FileSystemStorage"
# Documents that carry personal data (business registration certificates) live apart
# from public media and are served only through permission-checked views.
PRIVATE_MEDIA_ROOT = env("PRIVATE_MEDIA_ROOT", default=str(VAR_DIR / "private"))
if AWS_STORAGE_BUCKET_NAME:
    PRIVATE_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {"location": "private", "default_acl": "private", "querystring_auth": True},
    }
else:
    PRIVATE_STORAGE = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None},
    }
STORAGES = {
    "private": PRIVATE_STORAGE,
    "default": {"BACKEND": DEFAULT_FILE_STORAGE_BACKEND},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024

# EMAIL
# ------------------------------------------------------------------------------
EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
if env("EMAIL_URL", default=""):
    vars().update(env.email_url("EMAIL_URL"))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="OCOP Marketplace <no-reply@ocop.local>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# SECURITY
# ------------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"  # Wagtail marks its preview views SAMEORIGIN itself.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Images in what users write (lib/html.py) and img-src: our media only (security.py).
MEDIA_ORIGINS = media_origins(vars(), env.list("MEDIA_ORIGINS", default=[]))
# Content-Security-Policy (django-csp; marketplace/csp.py adds per-path exceptions), inline
# scripts with `nonce="{{ request.csp_nonce }}"`. CSP_REPORT_ONLY=true only reports, to
# CSP_REPORT_URI, for a first deployment.
MIDDLEWARE.insert(
    MIDDLEWARE.index("whitenoise.middleware.WhiteNoiseMiddleware") + 1,
    "marketplace.csp.ContentSecurityPolicyMiddleware",
)
_csp = content_security_policy(MEDIA_ORIGINS, env.list("CSP_REPORT_URI", default=[]))
_csp_report_only = env.bool("CSP_REPORT_ONLY", default=False)
CONTENT_SECURITY_POLICY = None if _csp_report_only else _csp
CONTENT_SECURITY_POLICY_REPORT_ONLY = _csp if _csp_report_only else None
TEMPLATES[0]["OPTIONS"]["builtins"] = ["lib.templatetags"]  # the clean_html filter
TEMPLATES[0]["OPTIONS"]["loaders"] = ["lib.template_loaders.Loader"]  # Oscar's labels in vi
# Widgets render through TEMPLATES, so templates/ overrides one with inline handlers.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"
INSTALLED_APPS += ["django.forms"]  # Django's own widget templates, for that renderer
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # no avatars from another origin in Wagtail's admin

# LOGGING
# ------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="WARNING")},
}

# OSCAR
# ------------------------------------------------------------------------------
OSCAR_SHOP_NAME = _("OCOP Marketplace")
OSCAR_SHOP_TAGLINE = _("One Commune One Product")
OSCAR_HOMEPAGE = reverse_lazy("catalogue:index")
OSCAR_DEFAULT_CURRENCY = "VND"
OSCAR_CURRENCY_FORMAT = {"VND": {"currency_digits": True, "format_type": "standard"}}
OSCAR_ALLOW_ANON_CHECKOUT = True
OSCAR_FROM_EMAIL = DEFAULT_FROM_EMAIL
OSCAR_URL_SCHEMA = SITE_BASE_URL.split("://", 1)[0]  # Oscar's e-mail links: this + Site.domain
OSCAR_PRODUCTS_PER_PAGE = 24
OSCAR_SLUG_ALLOW_UNICODE = False
OSCAR_SLUG_MAP = {"đ": "d", "Đ": "d"}
OSCAR_REQUIRED_ADDRESS_FIELDS = ("first_name", "line1", "line4", "country")
OSCAR_THUMBNAILER = "oscar.core.thumbnails.SorlThumbnail"
from .dashboard_menu import *  # noqa: E402, F403  (the cooperatives', traceability and shipments entries)

OSCAR_DASHBOARD_NAVIGATION = OSCAR_DASHBOARD_NAVIGATION + COOPERATIVES_NAVIGATION  # noqa: F405
THUMBNAIL_KVSTORE = "sorl.thumbnail.kvstores.cached_db_kvstore.KVStore"
THUMBNAIL_PRESERVE_FORMAT = True
# Oscar needs a haystack connection configured even though nothing here uses it:
# browsing and search are served from the database (see search/).
HAYSTACK_CONNECTIONS = {"default": {"ENGINE": "haystack.backends.simple_backend.SimpleEngine"}}
HAYSTACK_SIGNAL_PROCESSOR = "haystack.signals.BaseSignalProcessor"

# OCOP CATALOGUE AND SEARCH
# ------------------------------------------------------------------------------
# The rating rules (score parts, star bands, certifiable stars) are data: empty means
# the bundled catalogue/data/ocop_rating_rules.json.
OCOP_RATING_RULES_FILE = env("OCOP_RATING_RULES_FILE", default="")
# What search shows beside products, in this order (see search/providers.py).
OCOP_SEARCH_PROVIDERS = ["search.providers.ProducerProvider", "cms.search.PageSearchProvider"]
# Facet counts are cached this long (0: not at all); any catalogue change invalidates them.
OCOP_FACET_CACHE_SECONDS = env.int("OCOP_FACET_CACHE_SECONDS", default=300)
# Catalogue, search and product pages are shared between anonymous visitors this long
# (0: not at all), with their CSRF tokens and basket counts filled in per visitor
# (lib/pagecache.py); any catalogue change invalidates them.
OCOP_PAGE_CACHE_SECONDS = env.int("OCOP_PAGE_CACHE_SECONDS", default=300)

# Search's staff pages (search/urls.py): synonyms and the weekly query report.
from .search_menu import *  # noqa: E402, F403

OSCAR_DASHBOARD_NAVIGATION = OSCAR_DASHBOARD_NAVIGATION + SEARCH_DASHBOARD_NAVIGATION  # noqa: F405
CELERY_BEAT_SCHEDULE = {
    "ocop-expiry-reminders": {
        "task": "catalogue.send_ocop_expiry_reminders",
        "schedule": 24 * 60 * 60,
    },
    "expire-unpaid-bank-transfers": {
        "task": "order.expire_unpaid_orders",
        "schedule": 60 * 60,
    },
    "expire-abandoned-card-payments": {
        "task": "checkout.expire_card_intents",
        "schedule": 5 * 60,
    },
}
from .compliance import *  # noqa: E402, F403  (LEGAL COMPLIANCE: compliance/, #16)

INSTALLED_APPS += ["compliance"]
CELERY_BEAT_SCHEDULE.update(COMPLIANCE_BEAT_SCHEDULE)  # noqa: F405
# TRADE CONNECTION (trade/): buyers' requests, cooperatives' quotes; expired requests close hourly
INSTALLED_APPS += ["trade"]
CELERY_BEAT_SCHEDULE["trade-expiry"] = {"task": "trade.close_expired_requests", "schedule": 3600}

# WAGTAIL
# ------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "OCOP Marketplace"
WAGTAILADMIN_BASE_URL = SITE_BASE_URL  # links in the CMS's e-mails
WAGTAILADMIN_USER_PASSWORD_RESET_FORM = "cms.forms.AdminPasswordResetForm"
WAGTAIL_I18N_ENABLED = False
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "pptx", "odt", "ods", "csv", "txt"]
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

# PAYMENTS, SHIPPING AND ORDERS (checkout/, order/, payment/, shipping/)
# ------------------------------------------------------------------------------
# Card payments are offered only when both Stripe keys are set. STRIPE_API_BASE
# points the client elsewhere (localstripe in the tests).
STRIPE_SECRET_KEY = env("STRIPE_SECRET_KEY", default="")
STRIPE_PUBLISHABLE_KEY = env("STRIPE_PUBLISHABLE_KEY", default="")
STRIPE_WEBHOOK_SECRET = env("STRIPE_WEBHOOK_SECRET", default="")
STRIPE_API_BASE = env("STRIPE_API_BASE", default="")
# A card payment left at 3-D Secure this long is cancelled and its basket unfrozen
# (checkout.expire_card_intents, every five minutes).
OCOP_CARD_INTENT_TIMEOUT_MINUTES = env.int("OCOP_CARD_INTENT_TIMEOUT_MINUTES", default=30)
# Shared secret of the bank's transfer notifications (HMAC-SHA256 of the body).
BANK_TRANSFER_WEBHOOK_SECRET = env("BANK_TRANSFER_WEBHOOK_SECRET", default="")
# An unpaid bank-transfer order is cancelled (and its stock released) after this long.
OCOP_TRANSFER_EXPIRY_HOURS = env.int("OCOP_TRANSFER_EXPIRY_HOURS", default=48)
# A guest's cash-on-delivery order that no cooperative confirmed is cancelled after this long.
OCOP_COD_CONFIRM_HOURS = env.int("OCOP_COD_CONFIRM_HOURS", default=72)
# Orders placed (cash on delivery, bank transfer) per visitor address and per phone number in
# each window of OCOP_CHECKOUT_LIMIT_SECONDS; beyond it checkout refuses and places nothing.
OCOP_CHECKOUT_LIMIT_SECONDS = env.int("OCOP_CHECKOUT_LIMIT_SECONDS", default=60 * 60)
OCOP_CHECKOUT_ORDERS_PER_ADDRESS = env.int("OCOP_CHECKOUT_ORDERS_PER_ADDRESS", default=20)
OCOP_CHECKOUT_ORDERS_PER_PHONE = env.int("OCOP_CHECKOUT_ORDERS_PER_PHONE", default=5)
# Shipping for a cooperative without its own settings (whole dong).
OCOP_DEFAULT_SHIPPING_RATE = env.int("OCOP_DEFAULT_SHIPPING_RATE", default=30000)
OCOP_DEFAULT_FREE_SHIPPING_ABOVE = env.int("OCOP_DEFAULT_FREE_SHIPPING_ABOVE", default=500000)
OSCAR_INITIAL_ORDER_STATUS = "awaiting-delivery-payment"
# The order statuses and which may follow which are the order app's own data, not settings:
# order/statuses.py (Order.pipeline). Every change goes through Order.transition.

# TRACEABILITY (traceability/)
# ------------------------------------------------------------------------------
# The site address printed in every QR code. Printed codes outlive deployments: set it
# once to the public https address and never change it.
TRACE_BASE_URL = env("TRACE_BASE_URL", default=SITE_BASE_URL).rstrip("/")
# Scans logged per visitor address a minute; beyond it the page still answers, unlogged.
TRACE_SCANS_PER_MINUTE = env.int("TRACE_SCANS_PER_MINUTE", default=30)
# Behind a proxy, the request header holding the visitor's address (e.g. HTTP_X_REAL_IP),
# for the rate limits of scans and enquiries; empty: REMOTE_ADDR. For X-Forwarded-For the
# last address, the one the proxy saw, is used. TRACE_CLIENT_IP_HEADER is its former name.
CLIENT_IP_HEADER = env("CLIENT_IP_HEADER", default=env("TRACE_CLIENT_IP_HEADER", default=""))
# Counterfeit signals for serialised codes: more scans than one unit plausibly gets, or
# two scans farther apart than TRACE_TRAVEL_KM_PER_HOUR allows (and at least TRACE_TRAVEL_MIN_KM).
TRACE_SERIAL_SCAN_LIMIT = env.int("TRACE_SERIAL_SCAN_LIMIT", default=10)
TRACE_TRAVEL_KM_PER_HOUR = env.int("TRACE_TRAVEL_KM_PER_HOUR", default=300)
TRACE_TRAVEL_MIN_KM = env.int("TRACE_TRAVEL_MIN_KM", default=50)
# With a Redis cache, scans are buffered in Redis and written in batches, off the request path
# (traceability/scan_buffer.py): every TRACE_SCAN_FLUSH_SECONDS by Celery beat, and at once
# when TRACE_SCAN_BUFFER_SIZE are waiting. A flusher that dies holds its lock this long.
TRACE_SCAN_BUFFER = env.bool("TRACE_SCAN_BUFFER", default=True)
TRACE_SCAN_BUFFER_SIZE = env.int("TRACE_SCAN_BUFFER_SIZE", default=500)
TRACE_SCAN_FLUSH_SECONDS = env.int("TRACE_SCAN_FLUSH_SECONDS", default=5)
TRACE_SCAN_FLUSH_LOCK_SECONDS = env.int("TRACE_SCAN_FLUSH_LOCK_SECONDS", default=60)
CELERY_BEAT_SCHEDULE["flush-buffered-scans"] = {
    "task": "traceability.flush_scans",
    "schedule": TRACE_SCAN_FLUSH_SECONDS,
}
# Label runs: a sheet is A4 with a grid of stickers; larger runs go to the Celery worker.
TRACE_MAX_LABELS_PER_RUN = env.int("TRACE_MAX_LABELS_PER_RUN", default=10000)
TRACE_LABEL_QUEUE = env("TRACE_LABEL_QUEUE", default="celery")
INSTALLED_APPS += ["traceability.dashboard.apps.TraceabilityDashboardConfig"]
OSCAR_DASHBOARD_NAVIGATION = OSCAR_DASHBOARD_NAVIGATION + TRACEABILITY_NAVIGATION  # noqa: F405
OSCAR_DASHBOARD_NAVIGATION = OSCAR_DASHBOARD_NAVIGATION + SHIPMENTS_NAVIGATION  # noqa: F405

from .finance import *  # noqa: E402, F403  (FINANCE: loans, finance/)

INSTALLED_APPS += FINANCE_APPS  # noqa: F405
OSCAR_DASHBOARD_NAVIGATION = OSCAR_DASHBOARD_NAVIGATION + FINANCE_DASHBOARD_NAVIGATION  # noqa: F405
from .trade import TRADE_DASHBOARD_NAVIGATION  # noqa: E402

OSCAR_DASHBOARD_NAVIGATION = OSCAR_DASHBOARD_NAVIGATION + TRADE_DASHBOARD_NAVIGATION

# OPEN API (api/, #17): /api/v1/, its schema and docs, cooperatives' tokens in the dashboard
from .api import *  # noqa: E402, F403

INSTALLED_APPS += API_APPS  # noqa: F405
OSCAR_DASHBOARD_NAVIGATION = OSCAR_DASHBOARD_NAVIGATION + API_DASHBOARD_NAVIGATION  # noqa: F405

# UNTRUSTED INPUT: upload limits, price and stock limits, login throttling
# ------------------------------------------------------------------------------
from .limits import *  # noqa: E402, F403

# OPERATIONS: Redis, broker and database outages, structured logs (docs/operations.md)
from .operations import *  # noqa: E402, F403

# SHOPPERS AND SCANNERS: local date formats, origin-page reloads (#19)
from .shop import *  # noqa: E402, F403

apply_operations(vars())  # noqa: F405
from .usability import *  # noqa: E402, F403  (USABILITY: labels, exports, the cooperative dashboard, #19)
