"""OCOP ratings on products: stars from the score, certified or expired, reminders before expiry."""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db.models import F
from django.utils import timezone
from oscar.core.loading import get_model

from catalogue.services import expiring_ratings, send_expiry_reminders
from catalogue.tasks import send_ocop_expiry_reminders
from traceability.gs1 import is_valid_gtin

Product = get_model("catalogue", "Product")
OcopRating = get_model("catalogue", "OcopRating")

pytestmark = pytest.mark.django_db


@pytest.fixture
def product():
    product = Product.objects.filter(producer__isnull=False).order_by("pk").first()
    OcopRating.objects.filter(product=product).delete()
    return product


def rate(product, score=78, issued_days_ago=100, **fields):
    issued = timezone.localdate() - datetime.timedelta(days=issued_days_ago)
    return OcopRating.objects.create(
        product=product, score=score, issued_on=issued, certificate_number="C-1", **fields
    )


def test_stars_authority_and_expiry_are_set_from_the_score_and_issue_date(product):
    rating = rate(product, score=92, issued_days_ago=0)
    assert rating.stars == 5
    assert rating.authority == OcopRating.Authority.CENTRAL
    assert rating.expires_on.year == rating.issued_on.year + 3
    assert rating.is_certified()


def test_parts_above_their_maximum_or_not_adding_up_are_refused(product):
    with pytest.raises(ValidationError) as excinfo:
        OcopRating(product=product, score=80, score_a=41, score_b=20, score_c=19).full_clean()
    assert "score_a" in excinfo.value.message_dict
    with pytest.raises(ValidationError) as excinfo:
        OcopRating(product=product, score=80, score_a=30, score_b=20, score_c=20).full_clean()
    assert "score" in excinfo.value.message_dict


def test_two_stars_are_rated_but_not_certified(product):
    rating = rate(product, score=45)
    assert rating.stars == 2
    assert not rating.is_certified()
    assert not Product.objects.ocop_certified().filter(pk=product.pk).exists()


def test_an_expired_rating_is_not_certified(product):
    rating = rate(product, score=80, issued_days_ago=40 * 31)
    assert rating.is_expired()
    assert not rating.is_certified()
    assert rating.expired
    assert not Product.objects.ocop_certified().filter(pk=product.pk).exists()


def test_a_revoked_rating_is_not_certified(product):
    rate(product, score=80, revoked=True)
    assert not Product.objects.ocop_certified().filter(pk=product.pk).exists()


def test_a_valid_rating_is_certified(product):
    rate(product, score=80)
    assert Product.objects.ocop_certified().filter(pk=product.pk).exists()


def expiring_in(product, days):
    rating = rate(product, score=75)
    rating.expires_on = timezone.localdate() + datetime.timedelta(days=days)
    rating.save()
    return rating


def test_a_certificate_expiring_in_29_days_is_listed_and_emailed_once(product):
    OcopRating.objects.update(reminded_for_expiry=F("expires_on"))
    rating = expiring_in(product, 29)
    assert rating in expiring_ratings()
    mail.outbox.clear()

    assert send_expiry_reminders() == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert product.producer.email in message.to
    assert product.title in message.subject
    assert "29" in message.body

    assert send_expiry_reminders() == 0
    send_ocop_expiry_reminders.delay()
    assert len(mail.outbox) == 1
    rating.refresh_from_db()
    assert rating.reminded_for_expiry == rating.expires_on


def test_a_renewed_certificate_gets_its_own_reminder(product):
    OcopRating.objects.update(reminded_for_expiry=F("expires_on"))
    rating = expiring_in(product, 20)
    send_expiry_reminders()
    rating.expires_on = rating.expires_on + datetime.timedelta(days=3)
    rating.save()
    mail.outbox.clear()
    assert send_expiry_reminders() == 1


def test_a_certificate_expiring_in_45_days_or_already_expired_is_not_listed(product):
    later = expiring_in(product, 45)
    assert later not in expiring_ratings()
    later.expires_on = timezone.localdate() - datetime.timedelta(days=1)
    later.save()
    assert later not in expiring_ratings()


def test_the_daily_command_sends_the_reminders(product):
    OcopRating.objects.update(reminded_for_expiry=F("expires_on"))
    expiring_in(product, 10)
    mail.outbox.clear()
    out = StringIO()
    call_command("send_ocop_expiry_reminders", stdout=out)
    assert "Sent 1" in out.getvalue()
    assert len(mail.outbox) == 1


def test_demo_ratings_span_three_to_five_stars_with_some_expired_and_some_expiring():
    ratings = OcopRating.objects.all()
    assert {r.stars for r in ratings} == {3, 4, 5}
    assert any(r.expired for r in ratings)
    assert expiring_ratings().exists()
    assert ratings.count() >= 200


def test_demo_products_have_valid_gtins_producers_and_origin():
    products = Product.objects.filter(upc__startswith="893")
    assert products.count() >= 200
    assert all(is_valid_gtin(p.upc) for p in products)
    assert not products.filter(producer__isnull=True).exists()
    assert not products.filter(origin_province_code="").exists()


def test_load_demo_twice_changes_no_rating():
    before = list(OcopRating.objects.order_by("pk").values_list("pk", "issued_on", "score"))
    call_command("load_demo", stdout=StringIO())
    assert list(OcopRating.objects.order_by("pk").values_list("pk", "issued_on", "score")) == before


def test_a_bad_gtin_is_refused_by_model_validation(product):
    product.upc = "8931000000010"
    with pytest.raises(ValidationError) as excinfo:
        product.full_clean()
    assert "upc" in excinfo.value.message_dict
