import os

from django.core.wsgi import get_wsgi_application

from lib.heap import freeze_when_warm

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings.production")

application = get_wsgi_application()
# Set OCOP_GC_FREEZE=0 to measure without it (bench/api_products.py --no-freeze).
if os.environ.get("OCOP_GC_FREEZE", "1") != "0":
    application = freeze_when_warm(application)
