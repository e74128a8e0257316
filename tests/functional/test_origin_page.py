"""The origin page a shopper sees after scanning: who made it, where, when, and is it genuine."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from tests.factories import BatchFactory
from tests.flows import path_of
from traceability import lookup
from traceability.models import Attachment, Batch, JourneyEvent

pytestmark = pytest.mark.django_db

PHONE = (
    "Mozilla/5.0 (Linux; Android 11; Redmi 9A) AppleWebKit/537.36 Chrome/120 Mobile Safari/537.36"
)


@pytest.fixture
def demo_batch():
    """A published demo batch with a journey, a photo and a test report."""
    return (
        Batch.objects.published()
        .filter(attachments__kind=Attachment.Kind.PHOTO, product__ocop_rating__isnull=False)
        .select_related("product__ocop_rating", "partner__producer")
        .first()
    )


def scan(client, uri: str, **headers):
    headers.setdefault("HTTP_USER_AGENT", PHONE)
    return client.get(path_of(uri), **headers)


def test_the_origin_page_tells_who_made_it_where_and_when(client, demo_batch):
    response = scan(client, demo_batch.uri)
    assert response.status_code == 200
    html = response.content.decode()
    product, producer, rating = (
        demo_batch.product,
        demo_batch.partner.producer,
        demo_batch.product.ocop_rating,
    )
    assert product.title in html
    assert f"OCOP {rating.stars} sao" in html
    assert rating.certificate_number in html
    assert producer.get_absolute_url() in html and producer.name in html
    assert demo_batch.lot in html
    assert demo_batch.province.name in html
    assert product.get_absolute_url() in html  # buy this product
    for event in demo_batch.events.all():
        assert event.get_kind_display() in html
    assert 'class="timeline"' in html
    assert "Phiếu kết quả thử nghiệm" in html  # the batch's test report


def test_it_is_in_vietnamese_by_default_and_in_english_on_request(client, demo_batch):
    html = scan(client, demo_batch.uri).content.decode()
    assert '<html lang="vi">' in html and "Mã chính hãng" in html and "Hành trình" in html
    english = scan(client, demo_batch.uri, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="en">' in english and "Genuine code" in english and "Journey" in english
    assert demo_batch.product.title_en in english


def test_the_language_switch_is_a_plain_link_that_keeps_the_shopper_on_the_page(client, demo_batch):
    page = scan(client, demo_batch.uri).content.decode()
    assert 'href="?lang=en"' in page and "csrfmiddlewaretoken" not in page
    scans = demo_batch.scans.count()
    response = client.get(path_of(demo_batch.uri) + "?lang=en")
    assert response.status_code == 302 and response["Location"] == path_of(demo_batch.uri)
    assert response.cookies["django_language"].value == "en"
    assert demo_batch.scans.count() == scans  # the switch itself is no scan
    assert "Genuine code" in scan(client, demo_batch.uri).content.decode()


def test_it_counts_scans_and_remembers_the_first(client, demo_batch):
    batch = BatchFactory(product=demo_batch.product)
    assert "lần quét đầu tiên" in scan(client, batch.uri).content.decode()
    html = scan(client, batch.uri).content.decode()
    assert "Đã được quét 2 lần" in html
    assert batch.scans.count() == 2


def test_the_page_needs_no_script_and_inlines_its_css(client, demo_batch):
    html = scan(client, demo_batch.uri).content.decode()
    assert "<style>" in html
    assert '<link rel="stylesheet"' not in html
    assert "<script src" not in html
    # The only script is the optional location button, hidden until it runs.
    assert 'id="locate" hidden' in html


def test_photos_are_phone_sized(client, demo_batch):
    html = scan(client, demo_batch.uri).content.decode()
    photo = demo_batch.attachments.filter(kind=Attachment.Kind.PHOTO).first()
    assert photo.thumbnail.url in html
    assert photo.thumbnail.width <= 192 and photo.thumbnail.height <= 192
    assert 'width="112" height="112"' in html  # the product photo, a 224 px thumbnail


@pytest.mark.parametrize("events", [1, 50])
def test_the_origin_page_runs_a_constant_number_of_queries(
    client, demo_batch, events, django_assert_max_num_queries
):
    batch = BatchFactory(product=demo_batch.product, events=events)
    for event in batch.events.all()[:5]:  # photos on some steps cost no query of their own
        Attachment.objects.create(
            batch=batch,
            event=event,
            kind=Attachment.Kind.PHOTO,
            file=demo_batch.attachments.first().file.name,
        )
    scan(client, batch.uri)  # the product photo's thumbnail is made once, on its first view ever
    cache.clear()
    # A cold cache: the code, the photo's thumbnail, journey, files, certificates, the scan.
    with django_assert_max_num_queries(6):
        response = scan(client, batch.uri)
    assert response.content.decode().count("<li") >= events
    batch.refresh_from_db()
    cache.delete(lookup.page_cache_key(lookup.cache_id(batch), "vi"))
    with django_assert_max_num_queries(5):  # the journey rendered again, the thumbnail known
        scan(client, batch.uri)
    with django_assert_max_num_queries(2):  # the usual case: look the code up, log the scan
        scan(client, batch.uri)


def test_a_new_journey_step_shows_at_once_despite_the_cache(client, demo_batch):
    batch = BatchFactory(product=demo_batch.product, events=1)
    scan(client, batch.uri)
    JourneyEvent.objects.create(
        batch=batch,
        kind="shipping",
        occurred_at=batch.events.first().occurred_at,
        place="Kho Hà Nội",
        actor="Giao hàng",
    )
    assert "Kho Hà Nội" in scan(client, batch.uri).content.decode()


def test_a_draft_batch_has_no_origin_page_yet(client, demo_batch):
    draft = BatchFactory(product=demo_batch.product, publish=False)
    response = client.get(path_of(draft.code_uri()))
    assert response.status_code == 404
    assert "chưa được đăng ký" in response.content.decode()
