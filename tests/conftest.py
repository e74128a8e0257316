"""Shared fixtures: the demo marketplace loaded once per run, and named personas."""

from __future__ import annotations

import os

import pytest
from django.core.management import call_command


def pytest_configure(config):
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs a loop


def _always_with_default_database():
    """pytest-django sets up only the databases that collected tests mark as used; the
    browser tests reach the database through the live server and mark none, so a run of
    them alone would find no tables. The default database is always set up."""
    import pytest_django.fixtures as fixtures

    collect = fixtures._get_databases_for_setup

    def with_default(items):
        aliases, serialized = collect(items)
        return aliases | {"default"}, serialized

    fixtures._get_databases_for_setup = with_default


_always_with_default_database()


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


# SERVERS: the site on 127.0.0.1, localstripe, and tests whose data must be committed.


@pytest.fixture(scope="session")
def site_server(django_db_setup, django_db_blocker):
    """The site served on 127.0.0.1 over the committed demo data.

    Unlike pytest-django's live_server this does not flush the database afterwards,
    so the demo marketplace stays for the next run of a reused test database.
    """
    from django.contrib.staticfiles.handlers import StaticFilesHandler
    from django.test.testcases import LiveServerThread

    with django_db_blocker.unblock():
        thread = LiveServerThread("127.0.0.1", StaticFilesHandler, port=0)
        thread.daemon = True
        thread.start()
        thread.is_ready.wait()
        if thread.error:
            raise thread.error
        try:
            yield f"http://127.0.0.1:{thread.port}"
        finally:
            thread.terminate()


# localstripe listens on every interface by default and keeps its state in /tmp:
# this starts its aiohttp app on 127.0.0.1 only, with its state in a temporary folder.
# It runs in its own process (it is GPL-3.0: a test tool, never imported by the site).
# One addition: a card whose charge stays pending (its intent "processing", as when a bank
# answers late) until POST /_config/settle/<intent id>; see tests/cards.py.
_LOCALSTRIPE = """
import pickle, sys
from aiohttp import web
from localstripe import resources, server

state = sys.argv[2]
PROCESSING_CARD = "4000000000007726"
held = {}

def dump(self):
    with open(state, "wb") as f:
        pickle.dump(dict(self), f, protocol=pickle.HIGHEST_PROTOCOL)

initialize = resources.Charge._initialize_charge

def initialize_charge(self, *callbacks):
    method = resources.PaymentMethod._api_retrieve(self.payment_method)
    if getattr(method, "_card_number", "") == PROCESSING_CARD:
        held[self.id] = callbacks
    else:
        initialize(self, *callbacks)

async def settle(request):
    intent = resources.PaymentIntent._api_retrieve(request.match_info["id"])
    initialize(intent.latest_charge, *held.pop(intent.latest_charge.id))
    return web.Response()

resources.Store.dump_to_disk = dump
resources.Store.try_load_from_disk = lambda self: None
resources.Charge._initialize_charge = initialize_charge
server.app.router.add_post("/_config/settle/{id}", settle)
web.run_app(server.app, host="127.0.0.1", port=int(sys.argv[1]), print=None, access_log=None)
"""


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def localstripe(tmp_path_factory):
    """The base URL of a localstripe server for this test run."""
    import socket
    import subprocess
    import sys
    import time

    folder = tmp_path_factory.mktemp("localstripe")
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-c", _LOCALSTRIPE, str(port), str(folder / "state.pickle")],
        cwd=folder,
        stdout=subprocess.DEVNULL,
        stderr=open(folder / "log.txt", "w"),
    )
    deadline = time.monotonic() + 20
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise RuntimeError((folder / "log.txt").read_text()) from None
            time.sleep(0.1)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)


STRIPE_WEBHOOK_SECRET = "whsec_test_ocop"


@pytest.fixture
def stripe_keys(settings, localstripe):
    """Card payments switched on, against localstripe."""
    settings.STRIPE_SECRET_KEY = "sk_test_ocop"
    settings.STRIPE_PUBLISHABLE_KEY = "pk_test_ocop"
    settings.STRIPE_WEBHOOK_SECRET = STRIPE_WEBHOOK_SECRET
    settings.STRIPE_API_BASE = localstripe
    return settings


@pytest.fixture
def stripe_webhooks(stripe_keys, localstripe, site_server):
    """localstripe sends its payment_intent events to the live site's webhook."""
    import requests

    url = f"{site_server}/shop/checkout/stripe/webhook/"
    response = requests.post(
        f"{localstripe}/_config/webhooks/ocop",
        data={"url": url, "secret": STRIPE_WEBHOOK_SECRET},
        timeout=10,
    )
    response.raise_for_status()
    return url


@pytest.fixture
def held_webhooks(stripe_keys, localstripe):
    """localstripe's payment_intent events caught for the test to deliver itself (tests/cards.py)."""
    import requests

    from tests.cards import HeldWebhooks

    held = HeldWebhooks()
    response = requests.post(
        f"{localstripe}/_config/webhooks/ocop",
        data={"url": held.url, "secret": STRIPE_WEBHOOK_SECRET},
        timeout=10,
    )
    response.raise_for_status()
    yield held
    held.close()


@pytest.fixture
def committed_db(django_db_setup, django_db_blocker):
    """Database access without a wrapping transaction, for tests that share data with
    other threads (the live server, concurrent buyers). The test removes what it made."""
    with django_db_blocker.unblock():
        yield
