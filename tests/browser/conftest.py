# The session fixture `site_server` lives in tests/conftest.py: the Stripe tests use it too.
