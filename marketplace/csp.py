"""The Content-Security-Policy middleware: django-csp's, plus what a few screens add to it.

The policy itself is in settings (`CONTENT_SECURITY_POLICY`, under `# SECURITY`). Two kinds of
screen need more than it allows, and get it here, scoped to their own paths only:

- the checkout, when card payments are on: Stripe.js and its frames and API (js.stripe.com,
  hooks.stripe.com, api.stripe.com);
- Wagtail's admin (/cms/, staff only): its panels, widgets and scripts write inline scripts that
  no template of ours can give a nonce (widgets render without the request; its JavaScript
  inserts more). There script-src allows 'unsafe-inline' instead of the nonce, and the editor
  may frame its own preview. Its login and password pages, and every preview or draft of a
  public page (which shows what cooperatives wrote), keep the strict policy.
"""

from __future__ import annotations

import re

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CSPMiddleware, PolicyParts
from django.http import HttpRequest, HttpResponseBase

STRIPE = {
    "script-src": ["https://js.stripe.com"],
    "frame-src": ["https://js.stripe.com", "https://hooks.stripe.com"],
    "connect-src": ["https://api.stripe.com"],
    "img-src": ["https://*.stripe.com"],
}
WAGTAIL_ADMIN_PREFIX = "/cms/"
WAGTAIL_ADMIN_STRICT = re.compile(
    r"^/cms/(login|logout|password_reset)/|/(preview|view_draft)/|/revisions/\d+/view/"
)
WAGTAIL_ADMIN = {"script-src": ["'self'", "'unsafe-inline'"], "frame-ancestors": ["'self'"]}
WAGTAIL_PREVIEW = {"frame-ancestors": ["'self'"]}  # the editor frames it


def _merge(first: dict | None, second: dict) -> dict:
    merged = {key: list(value) for key, value in (first or {}).items()}
    for key, value in second.items():
        merged.setdefault(key, []).extend(value)
    return merged


def on_checkout(request: HttpRequest) -> bool:
    match = getattr(request, "resolver_match", None)
    return match is not None and "checkout" in match.namespaces


def additions(request: HttpRequest) -> tuple[dict, dict]:
    """What this request's screen adds to the policy (update) and what it sets anew (replace)."""
    update: dict = {}
    replace: dict = {}
    if on_checkout(request):
        from payment.methods import card_enabled

        if card_enabled():
            update = _merge(update, STRIPE)
    path = request.path_info
    if path.startswith(WAGTAIL_ADMIN_PREFIX):
        replace = {
            **replace,
            **(WAGTAIL_PREVIEW if WAGTAIL_ADMIN_STRICT.search(path) else WAGTAIL_ADMIN),
        }
    return update, replace


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponseBase, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        update, replace = additions(request)
        if update:
            parts.update = _merge(parts.update, update)
        if replace:
            parts.replace = {**replace, **(parts.replace or {})}
        return parts

    def process_response(self, request: HttpRequest, response: HttpResponseBase):
        response = super().process_response(request, response)
        path = request.path_info
        if path.startswith(WAGTAIL_ADMIN_PREFIX) and WAGTAIL_ADMIN_STRICT.search(path):
            # Wagtail renders a preview through the whole middleware stack as a request for the
            # public page, whose policy is already on the response: only let the editor frame it.
            for header in (HEADER, HEADER_REPORT_ONLY):
                if header in response:
                    response[header] = response[header].replace(
                        "frame-ancestors 'none'", "frame-ancestors 'self'"
                    )
        return response
