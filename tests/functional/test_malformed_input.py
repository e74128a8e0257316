"""No malformed request earns a 500, as a visitor, a buyer, a cooperative or staff.

Two sweeps:

- every URL pattern of the site (Django's resolver walked recursively, and the routes of
  Wagtail's routable pages), its parameters filled with malformed values: 0, 2^63, 2^64,
  forty digits, junk and huge strings, non-ASCII, NUL, broken UTF-8, with junk query strings
  (`?page=`, `?sort`, `?o=`…), by GET and by POST;
- every form found on the demo pages (shop, account, wishlist, reviews, checkout, producer
  page and enquiry, fair and training registration, dashboards), filled plausibly and then
  sent with one field malformed at a time (huge and negative numbers, 2^63, non-ASCII and
  NUL, huge text), with fields missing, with every field sent twice, with broken formset
  management forms and with junk files.

Values rotate over patterns, fields and personas with a fixed seed instead of multiplying,
so the number of requests stays bounded. Each request runs in a savepoint rolled back after
it and every client gets its cookies back, so no request changes what the next one sees.
All failures are reported together: URL, persona, method and the exception. No URL is
left out: nothing here calls an outside service (the Stripe webhook answers a bad signature
with a 400). In the Django and Wagtail admins only staff get past the login, so the sweep
sends staff there, and a visitor now and then.

Debugging: OCOP_SWEEP_TRACEBACKS=/tmp/file writes each 500's traceback to that file;
`pytest -s` prints where the time went.
"""

from __future__ import annotations

import copy
import os
import random
import re
import sys
import time
import traceback
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import quote, urlencode, urljoin, urlsplit

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.signals import got_request_exception
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.converters import IntConverter, PathConverter, SlugConverter, UUIDConverter
from django.urls.resolvers import RegexPattern, RoutePattern
from django.utils.regex_helper import normalize
from oscar.core.loading import get_model
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page

pytestmark = pytest.mark.django_db

Product = get_model("catalogue", "Product")
WishList = get_model("wishlists", "WishList")
Order = get_model("order", "Order")

SEED = 13
TRACEBACKS = os.environ.get("OCOP_SWEEP_TRACEBACKS", "")
BIG = str(2**63)
HUGE = str(2**64)

# Values for URL parameters, by converter. Strings are written as they go in a URL:
# %00 arrives as NUL, %C3%28 as broken UTF-8.
INTS = ["0", BIG, HUGE, "9" * 40]
STRS = [
    "junk",
    BIG,
    quote("đặc-sản-é"),
    "%00",
    "x" * 3000,
    "%C3%28",
    "-1",
    quote("a b'\"<>;"),
]
SLUGS = ["junk-slug", "0", BIG, "x" * 300]
PATHS = [*STRS, "a/b/c", "%2e%2e/%2e%2e/etc/passwd"]
UUIDS = ["00000000-0000-0000-0000-000000000000", "ffffffff-ffff-ffff-ffff-ffffffffffff"]

QUERIES = [
    "page=junk",
    f"page={BIG}",
    "page=-1",
    "sort",
    "sort=junk",
    "sort=-%00",
    "o=junk",
    "o=9.-x",
    "p=junk",
    "q=%00",
    "q=" + quote("é" * 500),
    "order_by=junk",
    "ordering=-junk",
    f"id={BIG}",
    "pk=junk",
    "next=" + quote("é/%00"),
    "format=junk",
    "status=junk",
    "date_from=junk&date_to=2025-13-45",
    "per_page=-1",
]

POST_BODIES = [
    {"pk": BIG, "id": "junk", "quantity": "9" * 30, "action": "junk"},
    {"pk": "-1", "id": HUGE, "product_id": BIG, "q": "\x00"},
    {"quantity": "-1", "score": BIG, "next": "é\x00", "lines-TOTAL_FORMS": "junk"},
    {"selected_product": BIG, "form-INITIAL_FORMS": "x", "form-TOTAL_FORMS": "-1"},
]

FIELD_VALUES = [
    BIG,
    "-1",
    "9" * 30,
    "x" * 20000,
    "Đặc sản é\x00",
    "\x00",
    "junk",
    "",
    "NaN",
    "1e309",
    str(-(2**63) - 1),
    "0",
    HUGE,
    "2025-13-45",
]

FIELDS_PER_FORM = 6  # fields malformed one at a time, sampled, in each form
MANAGEMENT = re.compile(r"^(?P<prefix>.*)-(TOTAL|INITIAL|MIN_NUM|MAX_NUM)_FORMS$")

PERSONAS = ("visitor", "buyer", "cooperative", "staff")


# ---------------------------------------------------------------------------------------
# Requests


@dataclass
class Sweep:
    """Clients for each persona, and what went wrong."""

    clients: dict[str, Client]
    cookies: dict = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)
    count: int = 0
    last_exception: str = ""
    timings: dict = field(default_factory=dict)

    def snapshot(self):
        self.cookies = {name: copy.deepcopy(c.cookies) for name, c in self.clients.items()}

    def request(self, persona: str, method: str, url: str, data=None, *, label: str = ""):
        client = self.clients[persona]
        self.last_exception = ""
        self.count += 1
        sid = transaction.savepoint()
        started = time.monotonic()
        try:
            if method == "get":
                response = client.get(url, data or None)
            else:
                response = client.post(url, data or {})
        finally:
            transaction.savepoint_rollback(sid)
            client.cookies = copy.deepcopy(self.cookies[persona])
        self.clock(persona, url, time.monotonic() - started)
        if response.status_code >= 500:
            shown = url if len(url) < 160 else url[:150] + f"…({len(url)} chars)"
            self.failures.append(
                f"{response.status_code} {persona} {method.upper()} {shown}"
                + (f" [{label}]" if label else "")
                + (f": {self.last_exception}" if self.last_exception else "")
            )
        return response

    def on_exception(self, sender, request=None, **kwargs):
        exc = sys.exc_info()[1]
        if exc is not None:
            frames = traceback.extract_tb(exc.__traceback__)
            if TRACEBACKS:  # OCOP_SWEEP_TRACEBACKS=file: every 500's traceback, for debugging
                with open(TRACEBACKS, "a") as out:
                    out.write("=" * 80 + "\n" + request.get_full_path()[:300] + "\n")
                    out.write("".join(traceback.format_exception(exc)))
            where = (
                f"{frames[-1].filename.split('site-packages/')[-1]}:{frames[-1].lineno}"
                if frames
                else ""
            )
            self.last_exception = f"{type(exc).__name__}: {str(exc)[:200]} @ {where}"

    def clock(self, persona: str, url: str, seconds: float) -> None:
        key = (persona, "/".join(url.split("/")[:3])[:40])
        count, total = self.timings.get(key, (0, 0.0))
        self.timings[key] = (count + 1, total + seconds)

    def slowest(self) -> str:
        """Where the time went, by persona and URL prefix (printed with pytest -s)."""
        return "\n".join(
            f"{t:7.1f}s {n:5d} {k}"
            for k, (n, t) in sorted(self.timings.items(), key=lambda kv: -kv[1][1])[:25]
        )

    def report(self) -> str:
        return f"{len(self.failures)} of {self.count} malformed requests got a 5xx:\n" + "\n".join(
            self.failures
        )


@pytest.fixture
def sweep(buyer, coop_a_user, staff):
    clients = {persona: Client(raise_request_exception=False) for persona in PERSONAS}
    clients["buyer"].force_login(buyer)
    clients["cooperative"].force_login(coop_a_user)
    clients["staff"].force_login(staff)
    product = buyable_product()
    for client in clients.values():  # a basket for the checkout and basket pages
        client.post(f"/shop/basket/add/{product.pk}/", {"quantity": 1})
    WishList.objects.create(owner=buyer, name="Quà Tết").add(product)
    result = Sweep(clients)
    result.snapshot()
    got_request_exception.connect(result.on_exception)
    yield result
    got_request_exception.disconnect(result.on_exception)


def buyable_product():
    return (
        Product.objects.browsable()
        .filter(stockrecords__num_in_stock__gt=5, stockrecords__price__gt=0)
        .order_by("pk")
        .first()
    )


# ---------------------------------------------------------------------------------------
# URL patterns


def leaves(resolver, chain=()):
    """Every URL pattern under `resolver`, with the patterns leading to it."""
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            yield from leaves(pattern, (*chain, pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield (*chain, pattern.pattern)


def values_for(converter) -> list[str]:
    if isinstance(converter, IntConverter):
        return INTS
    if isinstance(converter, SlugConverter):
        return SLUGS
    if isinstance(converter, PathConverter):
        return PATHS
    if isinstance(converter, UUIDConverter):
        return UUIDS
    return STRS


ROUTE_PARAM = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")


def fill_route(pattern: RoutePattern, turn: int) -> str:
    position = iter(range(100))

    def value(match):
        pool = values_for(pattern.converters[match["name"]])
        return pool[(turn + next(position)) % len(pool)]

    return ROUTE_PARAM.sub(value, str(pattern._route))


def fill_regex(pattern: RegexPattern, turn: int) -> str:
    """A string the regex matches, with malformed values in its groups where it takes them."""
    template, params = normalize(pattern.regex.pattern)[0]
    pool = [*INTS, *STRS, *SLUGS, *PATHS]
    values = {}
    for position, name in enumerate(params):
        start = turn + position
        for offset in range(len(pool)):
            candidate = pool[(start + offset) % len(pool)]
            trial = template % {**dict.fromkeys(params, "0"), **values, name: candidate}
            if pattern.regex.fullmatch(trial) or pattern.regex.match(trial):
                values[name] = candidate
                break
        else:
            values[name] = "0"
    return template % values


def fill(chain, turn: int) -> str:
    parts = []
    for pattern in chain:
        if isinstance(pattern, RoutePattern):
            parts.append(fill_route(pattern, turn))
        elif isinstance(pattern, RegexPattern):
            parts.append(fill_regex(pattern, turn))
        else:  # a language prefix
            parts.append(str(pattern))
    return "/" + "".join(parts)


def has_params(chain) -> bool:
    return any(
        (isinstance(p, RoutePattern) and p.converters)
        or (isinstance(p, RegexPattern) and normalize(p.regex.pattern)[0][1])
        for p in chain
    )


def routable_page_chains():
    """The sub-routes of one live page of each routable type (fairs, training, news)."""
    seen = set()
    for page in Page.objects.live().specific().order_by("path"):
        if not isinstance(page, RoutablePageMixin) or type(page) in seen:
            continue
        seen.add(type(page))
        base = page.url.rstrip("/")
        for chain in leaves(page.get_resolver()):
            yield base, chain


def query(turn: int) -> str:
    return QUERIES[turn % len(QUERIES)] + "&" + QUERIES[(turn * 7 + 3) % len(QUERIES)]


def is_admin(url: str) -> bool:
    return url.startswith(("/django-admin/", "/cms/"))


def test_no_url_pattern_answers_malformed_values_with_a_server_error(sweep):
    started = time.monotonic()
    chains = [("", chain) for chain in leaves(get_resolver())]
    chains += list(routable_page_chains())
    rng = random.Random(SEED)
    for number, (base, chain) in enumerate(chains):
        if is_admin(base + fill(chain, number)):
            # Only staff get past the admins' login; a visitor now and then checks the door.
            personas = ["staff"] + (["visitor"] if number % 10 == 0 else [])
        else:
            personas = list(PERSONAS)
        for turn, persona in enumerate(personas):
            url = base + fill(chain, number + turn)
            method = "get" if (number + turn) % 2 == 0 else "post"
            if not has_params(chain) or rng.random() < 0.5:
                url += "?" + query(number + turn)
            data = POST_BODIES[(number + turn) % len(POST_BODIES)] if method == "post" else None
            sweep.request(persona, method, url, data)
    print(f"\nURL sweep: {sweep.count} requests in {time.monotonic() - started:.1f}s")
    print(sweep.slowest())
    assert not sweep.failures, sweep.report()


# ---------------------------------------------------------------------------------------
# Forms


@dataclass
class Form:
    action: str
    method: str
    multipart: bool
    fields: list[tuple[str, str, str]] = field(default_factory=list)  # (name, type, value)
    options: dict[str, list[str]] = field(default_factory=dict)
    checked: set[tuple[str, str]] = field(default_factory=set)
    buttons: list[tuple[str, str]] = field(default_factory=list)

    def signature(self):
        path = re.sub(
            r"\d+", "#", urlsplit(self.action).path
        )  # one add-to-basket form, not one a product
        return (self.method, path, tuple(sorted({f[0] for f in self.fields})))

    def plausible(self) -> dict[str, list[str]]:
        """Every field with a value a person could have entered or picked."""
        data: dict[str, list[str]] = {}
        for name, kind, value in self.fields:
            if kind in ("checkbox", "radio"):
                if (name, value) in self.checked:
                    data.setdefault(name, []).append(value)
                elif kind == "radio" and name not in data and not self.checked_any(name):
                    data[name] = [value]
                continue
            if kind == "file":
                continue
            if kind == "select":
                options = [o for o in self.options.get(name, []) if o]
                data.setdefault(name, []).append(value or (options[0] if options else ""))
                continue
            data.setdefault(name, []).append(value or PLAUSIBLE.get(kind, PLAUSIBLE["text"]))
        if self.buttons:
            name, value = self.buttons[0]
            data.setdefault(name, [value])
        return data

    def checked_any(self, name: str) -> bool:
        return any(n == name for n, _v in self.checked)

    def names(self) -> list[str]:
        return list(dict.fromkeys(f[0] for f in self.fields if f[1] != "file"))

    def files(self) -> list[str]:
        return [f[0] for f in self.fields if f[1] == "file"]


PLAUSIBLE = {
    "text": "Thử",
    "textarea": "Nội dung thử nghiệm",
    "email": "thu.nghiem@example.vn",
    "number": "1",
    "tel": "0912345678",
    "date": "2026-01-15",
    "datetime-local": "2026-01-15T10:00",
    "time": "10:00",
    "url": "https://ocop.example.vn/",
    "password": "mat-khau-thu-2025",
    "search": "chè",
    "hidden": "",
}


class FormParser(HTMLParser):
    def __init__(self, url: str):
        super().__init__(convert_charrefs=True)
        self.url = url
        self.forms: list[Form] = []
        self.form: Form | None = None
        self.select: str | None = None
        self.select_value = ""
        self.textarea: str | None = None
        self.text = ""

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        if tag == "form":
            self.form = Form(
                action=urljoin(self.url, a.get("action") or self.url),
                method=(a.get("method") or "get").lower(),
                multipart="multipart" in a.get("enctype", ""),
            )
            self.forms.append(self.form)
        if self.form is None or "disabled" in a:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = a.get("type", "text").lower()
            if kind in ("submit", "image", "button"):
                self.form.buttons.append((name, a.get("value", "")))
                return
            if kind == "reset":
                return
            self.form.fields.append((name, kind, a.get("value", "")))
            if kind in ("checkbox", "radio") and "checked" in a:
                self.form.checked.add((name, a.get("value", "on")))
        elif tag == "button" and name and a.get("type", "submit") == "submit":
            self.form.buttons.append((name, a.get("value", "")))
        elif tag == "select" and name:
            self.select, self.select_value = name, ""
            self.form.options[name] = []
        elif tag == "option" and self.select:
            value = a.get("value", "")
            self.form.options[self.select].append(value)
            if "selected" in a and not self.select_value:
                self.select_value = value
        elif tag == "textarea" and name:
            self.textarea, self.text = name, ""

    def handle_data(self, data):
        if self.textarea:
            self.text += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.form = None
        elif tag == "select" and self.select and self.form:
            self.form.fields.append((self.select, "select", self.select_value))
            self.select = None
        elif tag == "textarea" and self.textarea and self.form:
            self.form.fields.append((self.textarea, "textarea", self.text.strip()))
            self.textarea = None


def demo_pages() -> list[str]:
    """The pages whose forms are swept: the shop, the account, the dashboards, the CMS pages
    with registrations, a cooperative's page with its enquiry form."""
    from cms.models import CoursePage, EventPage
    from producers.models import Producer
    from traceability.models import Batch

    product = buyable_product()
    pages = [
        "/",
        product.get_absolute_url(),
        product.get_absolute_url() + "reviews/",
        product.get_absolute_url() + "reviews/add/",
        "/shop/catalogue/",
        "/shop/search/?q=ch%C3%A8",
        "/shop/basket/",
        "/shop/checkout/",
        "/shop/accounts/login/",
        "/shop/accounts/register/",
        "/shop/password-reset/",
        "/shop/accounts/",
        "/shop/accounts/profile/edit/",
        "/shop/accounts/change-password/",
        "/shop/accounts/addresses/add/",
        "/shop/accounts/wishlists/",
        "/shop/accounts/wishlists/create/",
        f"/shop/accounts/wishlists/create/with-product/{product.pk}/",
        f"/shop/accounts/alerts/create/{product.pk}/",
        "/producers/",
        "/producers/apply/",
        "/t/report/",
        "/dashboard/",
        "/dashboard/catalogue/",
        f"/dashboard/catalogue/products/{product.pk}/",
        "/dashboard/catalogue/products/create/",
        "/dashboard/catalogue/categories/",
        "/dashboard/orders/",
        "/dashboard/orders/statistics/",
        "/dashboard/shipments/",
        "/dashboard/reviews/",
        "/dashboard/producers/",
        "/dashboard/producers/mine/",
        "/dashboard/traceability/",
        "/dashboard/traceability/batches/new/",
        "/dashboard/traceability/flags/",
        "/dashboard/ocop/expiring/",
        f"/dashboard/ocop/products/{product.pk}/rating/",
        "/dashboard/users/",
        "/dashboard/partners/",
        "/dashboard/pages/create/",
        "/dashboard/offers/new/metadata/",
        "/dashboard/vouchers/create/",
        "/dashboard/reports/",
    ]
    wishlist = WishList.objects.filter(owner__email__startswith="khach").first()
    if wishlist:
        pages.append(f"/shop/accounts/wishlists/{wishlist.key}/")
    producer = Producer.objects.approved().order_by("pk").first()
    pages += [
        producer.get_absolute_url(),
        f"/dashboard/producers/{producer.pk}/",
        f"/dashboard/producers/{producer.pk}/profile/",
        f"/dashboard/producers/{producer.pk}/users/",
    ]
    order = Order.objects.order_by("pk").first()
    if order:
        pages += [f"/dashboard/orders/{order.number}/", f"/shop/accounts/orders/{order.number}/"]
        shipment = order.shipments.first() if hasattr(order, "shipments") else None
        if shipment:
            pages.append(f"/dashboard/shipments/{shipment.pk}/")
    batch = Batch.objects.order_by("pk").first()
    if batch:
        pages += [
            f"/dashboard/traceability/batches/{batch.pk}/",
            f"/dashboard/traceability/batches/{batch.pk}/edit/",
            f"/dashboard/traceability/batches/{batch.pk}/events/new/",
            f"/dashboard/traceability/batches/{batch.pk}/labels/",
        ]
    event = EventPage.objects.live().order_by("-start_date").first()
    if event:
        pages += [event.url, event.url + "register/"]
    course = CoursePage.objects.live().first()
    if course:
        pages.append(course.url)
        session = course.sessions.order_by("-starts_at").first()
        if session:
            pages.append(f"{course.url}sessions/{session.pk}/register/")
    return pages


def forms_on(sweep: Sweep, persona: str, url: str) -> list[Form]:
    response = sweep.request(persona, "get", url, label="demo page")
    if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
        return []
    parser = FormParser(url)
    parser.feed(response.content.decode(errors="replace"))
    return parser.forms


def variants(form: Form, rng: random.Random, turn: int):
    """(label, data, files) to send: plausible, then malformed in one way each."""
    base = form.plausible()
    yield "plausible", base, {}
    names = form.names()
    for position, name in enumerate(rng.sample(names, min(len(names), FIELDS_PER_FORM))):
        value = FIELD_VALUES[(turn + position) % len(FIELD_VALUES)]
        yield f"{name}={value[:20]!r}", {**base, name: [value]}, {}
    yield "nothing", {}, {}
    kept = {k: v for i, (k, v) in enumerate(base.items()) if i % 2}
    yield "half the fields missing", kept, {}
    doubled = {
        k: [*v, FIELD_VALUES[(turn + i) % len(FIELD_VALUES)]]
        for i, (k, v) in enumerate(base.items())
    }
    yield "every field twice", doubled, {}
    huge = {  # the management forms keep their counts: they have variants of their own
        k: v if MANAGEMENT.match(k) else ["9" * 25 if v and v[0][:1].isdigit() else "é\x00" * 3000]
        for k, v in base.items()
    }
    yield "every field huge", huge, {}
    prefixes = {m["prefix"] for name in names if (m := MANAGEMENT.match(name))}
    for prefix in sorted(prefixes):
        total, initial = f"{prefix}-TOTAL_FORMS", f"{prefix}-INITIAL_FORMS"
        without = {k: v for k, v in base.items() if k not in (total, initial)}
        yield f"{prefix} management form missing", without, {}
        yield f"{prefix} INITIAL_FORMS junk", {**base, initial: ["junk"]}, {}
        yield f"{prefix} INITIAL_FORMS huge", {**base, initial: [BIG], total: ["-1"]}, {}
        yield f"{prefix} TOTAL_FORMS huge", {**base, total: ["99999999"]}, {}
    if form.files():
        junk = {
            name: SimpleUploadedFile("é\x00.jpg", b"\x00not a picture", "image/jpeg")
            for name in form.files()
        }
        yield "junk files", base, junk
    for name, value in form.buttons[1:4]:
        yield f"button {name}", {**base, name: [value]}, {}


def send(sweep: Sweep, persona: str, form: Form, label: str, data: dict, files: dict):
    action = form.action
    if form.method == "get":
        flat = [(k, v) for k, values in data.items() for v in values]
        url = urlsplit(action)._replace(query=urlencode(flat)).geturl()
        sweep.request(persona, "get", url, label=label)
    else:
        sweep.request(persona, "post", action, {**data, **files}, label=label)


def test_no_form_answers_malformed_fields_with_a_server_error(sweep):
    started = time.monotonic()
    rng = random.Random(SEED)
    pages = demo_pages()
    seen = set()
    turn = 0
    for persona in PERSONAS:
        for url in pages:
            for form in forms_on(sweep, persona, url):
                key = form.signature()
                if key in seen:
                    continue
                seen.add(key)
                for label, data, files in variants(form, rng, turn):
                    send(sweep, persona, form, label, data, files)
                turn += 1
            for extra in (query(turn), query(turn + 1)):
                sweep.request(persona, "get", url + ("&" if "?" in url else "?") + extra)
    print(
        f"\nForm sweep: {len(seen)} forms, {sweep.count} requests in {time.monotonic() - started:.1f}s"
    )
    print(sweep.slowest())
    assert not sweep.failures, sweep.report()


# ---------------------------------------------------------------------------------------
# The cases reported in issue #13, each pinned whatever the sweeps sample.


def test_the_reported_cases_answer_without_a_server_error(sweep, buyer):
    product = buyable_product()
    wishlist = WishList.objects.get(owner=buyer)
    detail = f"/shop/accounts/wishlists/{wishlist.key}/"
    line = wishlist.lines.get()
    reviews = product.get_absolute_url() + "reviews/"
    review = {"title": "Ngon", "body": "Rất ngon", "score": "5"}
    login = {"login_submit": "1", "login-username": buyer.email}
    cases = [
        ("buyer", "get", "/shop/accounts/wishlists/create/with-product/0/", None, 302),
        ("buyer", "get", f"/shop/accounts/wishlists/create/with-product/{BIG}/", None, 404),
        ("buyer", "post", f"/shop/accounts/wishlists/add/{HUGE}/", {}, 404),
        ("visitor", "get", f"/shop/catalogue/x_{BIG}/reviews/", None, 404),
        ("buyer", "post", reviews + "add/", {**review, "score": "9" * 30}, 200),
        ("buyer", "post", reviews + "add/", {**review, "score": ["5", "junk"]}, 200),
        ("buyer", "post", reviews + "add/", {**review, "title": ["Ngon", "Dở"], "body": ""}, 200),
        ("buyer", "post", detail, {"lines-TOTAL_FORMS": "1", "lines-0-id": line.pk}, 302),
        (
            "buyer",
            "post",
            detail,
            {"lines-TOTAL_FORMS": "1", "lines-INITIAL_FORMS": "junk", "lines-0-quantity": "2"},
            302,
        ),
        (
            "buyer",
            "post",
            detail,
            {"lines-TOTAL_FORMS": "1", "lines-INITIAL_FORMS": "1", "lines-0-id": BIG},
            302,
        ),
        (
            "visitor",
            "post",
            "/shop/accounts/login/",
            {**login, "login-password": "khach-demo-2025", "login-redirect_url": "/é/đặc-sản/"},
            302,
        ),
        (
            "visitor",
            "post",
            "/shop/accounts/login/",
            {**login, "login-password": "x", "login-redirect_url": "é\x00"},
            200,
        ),
        ("staff", "get", "/dashboard/catalogue/?sort", None, 200),
        ("staff", "get", "/dashboard/catalogue/categories/?sort", None, 200),
        ("cooperative", "get", "/dashboard/catalogue/?sort=-junk&per_page=0", None, 200),
        ("staff", "get", "/dashboard/catalogue/product-lookup/?page=-1&page_limit=junk", None, 200),
        ("visitor", "get", "/shop/search/?q=%00", None, 400),
        ("buyer", "get", "/shop/accounts/wishlists/%00/", None, 404),
        ("visitor", "post", "/shop/checkout/stripe/webhook/", {"type": "junk"}, 400),
    ]
    answers = []
    for persona, method, url, data, expected in cases:
        response = sweep.request(persona, method, url, data)
        if response.status_code != expected:
            answers.append(f"{persona} {method.upper()} {url} {data}: {response.status_code}")
    assert not sweep.failures, sweep.report()
    assert not answers, "\n".join(answers)
