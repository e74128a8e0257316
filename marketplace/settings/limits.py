"""Limits on what untrusted people send: pictures, prices and stock, and login attempts.

Imported at the end of base.py; it reads the same environment, which base.py has already
filled from .env.
"""

from __future__ import annotations

import datetime

import environ

env = environ.Env()

# UPLOAD LIMITS (lib/images.py)
# ------------------------------------------------------------------------------
# A picture's pixels, read from its header before anything decodes it: 40 megapixels is
# more than any phone camera (a 50 MP sensor bins to 12.5 MP) and about 160 MB decoded in
# RGBA. The same number guards Pillow everywhere (set in MarketplaceConfig.ready) and the CMS.
OCOP_MAX_IMAGE_PIXELS = env.int("OCOP_MAX_IMAGE_PIXELS", default=40_000_000)
WAGTAILIMAGES_MAX_IMAGE_PIXELS = OCOP_MAX_IMAGE_PIXELS
WAGTAILIMAGES_IMAGE_FORM_BASE = "cms.images.ImageForm"

# PRICE AND STOCK LIMITS (partner/validators.py)
# ------------------------------------------------------------------------------
# Ceilings that catch a slipped finger in the dashboard (an extra zero or three), not rules
# of trade: the dearest OCOP goods (agarwood, bonsai, ceramics by artisans) sell for
# hundreds of millions of đồng, and a cooperative's stock of one product is thousands of
# units. Prices are whole đồng above 0 and stock is never negative at the database too.
OCOP_MAX_PRICE = env.int("OCOP_MAX_PRICE", default=1_000_000_000)  # 1 billion đồng
OCOP_MAX_STOCK = env.int("OCOP_MAX_STOCK", default=1_000_000)

# LOGIN THROTTLING (django-axes)
# ------------------------------------------------------------------------------
# Every sign-in form (shop, dashboard, CMS, Django admin) goes through django.contrib.auth,
# so one throttle covers them all: after LOGIN_FAILURE_LIMIT failures an account, and
# separately an address, is locked out for LOGIN_COOLOFF_MINUTES; a failure during the
# lock-out starts the wait again. Addresses get the same limit as accounts: mobile networks
# share addresses, so it is set for people, not for one person's typos.
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=10)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env.int("LOGIN_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username"], ["ip_address"]]
AXES_CLIENT_IP_CALLABLE = "lib.logins.client_address"  # honours CLIENT_IP_HEADER
AXES_USERNAME_CALLABLE = "lib.logins.login_name"  # case and spaces do not make a new account
AXES_LOCKOUT_CALLABLE = "lib.logins.lockout_response"  # templates/lockout.html
AXES_HTTP_RESPONSE_CODE = 429
# Never reset on success: a successful sign-in to one's own account would otherwise wipe
# the failures counted against the address, and with them an attacker's trail.
AXES_RESET_ON_SUCCESS = False
# Only failures are kept (personal data: addresses, names), and only while they count.
AXES_DISABLE_ACCESS_LOG = True
AXES_SENSITIVE_PARAMETERS = [
    "username",
    "ip_address",
    "login-username",
    "login-password",
    "password1",
    "password2",
]
