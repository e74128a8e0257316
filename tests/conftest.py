"""Shared fixtures: the demo marketplace loaded once per run, and named personas."""

from __future__ import annotations

import os

import pytest
from django.core.management import call_command


def pytest_configure(config):
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs a loop


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Migrate (once, with --reuse-db) and load the demo marketplace every test can rely on."""
    with django_db_blocker.unblock():
        call_command("load_demo", verbosity=0, stdout=open(os.devnull, "w"))


@pytest.fixture(autouse=True)
def _fresh_cache():
    from django.core.cache import cache

    cache.clear()
    yield


def pytest_sessionfinish(session, exitstatus):
    """In CI a skipped test is a failure: a dependency missing there must not pass unseen."""
    if os.environ.get("CI", "").lower() not in ("1", "true", "yes"):
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = len(reporter.stats.get("skipped", [])) if reporter else 0
    if skipped and session.exitstatus == 0:
        reporter.write_line(f"CI: {skipped} test(s) skipped; skips are failures in CI.", red=True)
        session.exitstatus = 1


# PERSONAS: a buyer, cooperative A's user, cooperative B's user, alliance staff, anonymous.


def _user(email: str):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(email=email)


def _client_for(user):
    from django.test import Client

    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def buyer(db):
    from tests.personas import BUYER

    return _user(BUYER["email"])


@pytest.fixture
def staff(db):
    from tests.personas import STAFF

    return _user(STAFF["email"])


@pytest.fixture
def coop_a_user(db):
    from tests.personas import COOPERATIVE_A

    return _user(COOPERATIVE_A["email"])


@pytest.fixture
def coop_b_user(db):
    from tests.personas import COOPERATIVE_B

    return _user(COOPERATIVE_B["email"])


@pytest.fixture
def buyer_client(buyer):
    return _client_for(buyer)


@pytest.fixture
def staff_client(staff):
    return _client_for(staff)


@pytest.fixture
def coop_a_client(coop_a_user):
    return _client_for(coop_a_user)


@pytest.fixture
def coop_b_client(coop_b_user):
    return _client_for(coop_b_user)


@pytest.fixture
def anonymous_client(db):
    return _client_for(None)
