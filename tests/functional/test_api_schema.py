"""The API's OpenAPI schema is valid and complete, its docs page works under the CSP, and a
property-based run of schemathesis against the live site finds no 5xx and no answer outside
the schema."""

from __future__ import annotations

import os
import re

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hypothesis_settings
from openapi_spec_validator import validate
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from api import urls as api_urls
from api.models import ApiToken
from tests.api_helpers import ALL_SCOPES
from tests.factories import CooperativeFactory, ProductFactory, remove_cooperatives
from traceability.models import Batch

# Small, so the run takes well under a minute; API_FUZZ_EXAMPLES=50 for a longer hunt.
EXAMPLES = int(os.environ.get("API_FUZZ_EXAMPLES", "4"))
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.mark.django_db
def test_the_schema_is_valid_openapi_and_lists_every_endpoint(anonymous_client):
    response = anonymous_client.get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    schema = response.json()
    validate(schema)
    documented = set(schema["paths"])
    for pattern in api_urls.urlpatterns:
        route = getattr(pattern.pattern, "_route", None)
        if route is None:
            continue  # the catch-all 404
        path = "/api/v1/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", route)
        assert path in documented, path
    stock = schema["paths"]["/api/v1/me/stock/"]["post"]
    assert {"400", "401", "403", "404", "429"} <= set(stock["responses"])
    assert any(p["name"] == "Idempotency-Key" for p in stock["parameters"])


@pytest.mark.django_db
def test_the_docs_page_loads_swagger_ui_from_our_static_files_without_inline_script(
    anonymous_client,
):
    response = anonymous_client.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S)
    assert scripts and all('src="/static/' in attrs and not body.strip() for attrs, body in scripts)
    assert "https://" not in html.split("<body", 1)[0] + "".join(a for a, _ in scripts)
    policy = response["Content-Security-Policy"]
    script_src = re.search(r"script-src ([^;]*)", policy).group(1)
    assert "'unsafe-inline'" not in script_src and "http" not in script_src
    for src in re.findall(r'src="([^"]+)"', html):
        assert anonymous_client.get(src).status_code == 200, src


@pytest.fixture
def throwaway_token(django_db_blocker):
    """A cooperative of its own, committed for the live server, and its all-scopes token."""
    with django_db_blocker.unblock():
        partner = CooperativeFactory()
        ProductFactory(partner=partner)
        _token, secret = ApiToken.issue(partner, "schemathesis", ALL_SCOPES, partner.users.get())
    yield secret
    with django_db_blocker.unblock():
        Batch.objects.filter(partner=partner).delete()
        remove_cooperatives(partner)


def test_schemathesis_finds_no_server_error_and_no_answer_outside_the_schema(
    site_server, throwaway_token, settings
):
    settings.API_ANON_PER_MINUTE = settings.API_TOKEN_PER_MINUTE = 1_000_000
    schema = schemathesis.openapi.from_url(f"{site_server}/api/schema/?format=json")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 18
    for operation in operations:
        for headers in ({}, {"Authorization": f"Bearer {throwaway_token}"}):
            run_cases(operation, site_server, headers)


def run_cases(operation, base_url: str, headers: dict) -> None:
    @hypothesis_settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy())
    def call(case):
        case.call_and_validate(base_url=base_url, headers=headers, checks=CHECKS)

    call()
