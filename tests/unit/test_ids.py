"""lib.ids: which values can be row ids, and the middleware that 404s the others."""

from __future__ import annotations

import pytest
from django.http import Http404
from django.test import RequestFactory

from lib.ids import BIGINT_MAX, OutOfRangeIdsMiddleware, as_id, valid_ids


def test_it_reads_row_ids():
    assert as_id("42") == 42
    assert as_id(7) == 7
    assert as_id(str(BIGINT_MAX)) == BIGINT_MAX
    for bad in ("", "junk", "-1", -1, str(2**63), 2**64, "٣", "4 2", "1e3", None, True, "\x00"):
        assert as_id(bad) is None, bad


def test_it_keeps_only_the_values_that_can_be_ids():
    assert valid_ids(["3", "junk", str(2**63), "0", "\x00", 5]) == [3, 0, 5]


def view(model=None):
    def func(request):
        return None

    func.view_initkwargs = {"model": model} if model else {}
    return func


@pytest.mark.parametrize(
    ("args", "kwargs"),
    [
        ((), {"pk": 2**63}),
        ((), {"product_pk": str(2**64)}),
        ((str(10**30),), {}),
        ((), {"line_id": -(2**63) - 1}),
    ],
)
def test_the_middleware_404s_ids_beyond_64_bits(args, kwargs):
    middleware = OutOfRangeIdsMiddleware(lambda request: None)
    with pytest.raises(Http404):
        middleware.process_view(RequestFactory().get("/"), view(), args, kwargs)


def test_the_middleware_lets_other_values_through():
    middleware = OutOfRangeIdsMiddleware(lambda request: None)
    request = RequestFactory().get("/")
    for kwargs in ({"pk": 12}, {"order_number": "9" * 30}, {"key": "junk"}, {"pk": "junk"}):
        assert middleware.process_view(request, view(), (), kwargs) is None


def test_the_middleware_404s_text_ids_of_integer_keyed_models():
    middleware = OutOfRangeIdsMiddleware(lambda request: None)
    request = RequestFactory().get("/")
    with pytest.raises(Http404):
        middleware.process_view(request, view("catalogue.Product"), (), {"pk": "junk"})
    assert middleware.process_view(request, view("catalogue.Product"), (), {"pk": "12"}) is None
