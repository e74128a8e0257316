"""What a card-paying buyer, their bank and Stripe do, against localstripe (tests/conftest.py)."""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import requests
from django.conf import settings

from checkout import cards

WEBHOOK = "/shop/checkout/stripe/webhook/"
VISA = "4242424242424242"
DECLINED_ON_CHARGE = "4000000000000341"
THREE_D_SECURE = "4000002760003184"  # 3-D Secure required (the intent: requires_action)
PROCESSING = "4000000000007726"  # ours: the intent stays processing until settle()


def payment_method(number: str) -> str:
    card = {"number": number, "exp_month": 12, "exp_year": 2034, "cvc": "123"}
    return cards.client().v1.payment_methods.create(params={"type": "card", "card": card}).id


def signed(body: str, secret: str | None = None) -> str:
    secret = secret or settings.STRIPE_WEBHOOK_SECRET
    timestamp = int(time.time())
    mac = hmac.new(secret.encode(), f"{timestamp}.{body}".encode(), hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={mac}"


def wait_for(condition, seconds: float = 15.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting")
        time.sleep(0.2)


def _localstripe(method: str, path: str, **data) -> requests.Response:
    return requests.request(
        method,
        f"{settings.STRIPE_API_BASE}{path}",
        **{"params" if method == "GET" else "data": data},
        auth=(settings.STRIPE_SECRET_KEY, ""),
        timeout=10,
    )


def authenticate(intent_id: str, success: bool = True) -> requests.Response:
    """The buyer answers (or fails) the bank's 3-D Secure check, in the bank's window."""
    secret = cards.retrieve(intent_id).client_secret
    return _localstripe(
        "POST",
        f"/v1/payment_intents/{intent_id}/_authenticate",
        client_secret=secret,
        success="true" if success else "false",
    )


def settle(intent_id: str) -> None:
    """The bank finally accepts a processing payment (the PROCESSING card)."""
    _localstripe("POST", f"/_config/settle/{intent_id}").raise_for_status()


def refunds(intent_id: str) -> list[dict]:
    """The refunds localstripe holds for an intent."""
    if not cards.retrieve(intent_id).latest_charge:
        return []  # never charged (localstripe cannot list refunds of such an intent)
    response = _localstripe("GET", "/v1/refunds", payment_intent=intent_id, limit=100)
    response.raise_for_status()
    return response.json()["data"]


def deliver(client, body: str):
    """Post an event to the site's webhook as Stripe would, signed."""
    return client.post(
        WEBHOOK, body, content_type="application/json", HTTP_STRIPE_SIGNATURE=signed(body)
    )


class HeldWebhooks:
    """localstripe's webhook events, caught instead of delivered, for a test to deliver in
    the order it chooses, as often as it likes."""

    def __init__(self):
        self.bodies: list[str] = []
        caught = self.bodies

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 - http.server's name
                caught.append(self.rfile.read(int(self.headers["Content-Length"])).decode())
                self.send_response(200)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_port}/"

    def events(self, intent_id: str, type_: str = "payment_intent.succeeded") -> list[str]:
        return [
            body
            for body in list(self.bodies)
            if json.loads(body)["type"] == type_
            and json.loads(body)["data"]["object"]["id"] == intent_id
        ]

    def wait(self, intent_id: str, type_: str = "payment_intent.succeeded") -> str:
        """The body of the intent's event, once localstripe sent it (about a second later)."""
        wait_for(lambda: self.events(intent_id, type_))
        return self.events(intent_id, type_)[0]

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
