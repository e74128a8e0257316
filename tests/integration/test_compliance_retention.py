"""Retention (daily): what is past its period goes; the breach register's 72-hour clock."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from oscar.core.loading import get_model

from compliance import retention
from compliance.models import Breach
from compliance.models.requests import add_working_days
from tests.factories import BatchFactory

pytestmark = pytest.mark.django_db

Basket = get_model("basket", "Basket")
Scan = get_model("traceability", "Scan")


def test_retention_forgets_what_is_past_its_period(django_user_model, buyer, settings):
    now = timezone.now()
    batch = BatchFactory()
    old = Scan.objects.create(batch=batch, latitude=21.0, longitude=105.8)
    Scan.objects.filter(pk=old.pk).update(scanned_at=now - datetime.timedelta(days=91))
    fresh = Scan.objects.create(batch=batch, latitude=10.8, longitude=106.7)
    stale_basket = Basket.objects.create()
    Basket.objects.filter(pk=stale_basket.pk).update(date_created=now - datetime.timedelta(days=91))
    live_basket = Basket.objects.create()
    long_ago = now - datetime.timedelta(days=settings.COMPLIANCE_UNUSED_ACCOUNT_DAYS + 1)
    idle = django_user_model.objects.create_user("ngu-dong@example.vn", "ngu-dong@example.vn", "x")
    django_user_model.objects.filter(pk=idle.pk).update(date_joined=long_ago, last_login=long_ago)

    done = retention.apply(now)

    assert done["scan_locations"] >= 1
    old.refresh_from_db()
    fresh.refresh_from_db()
    assert old.latitude is None and old.longitude is None
    assert fresh.latitude is not None
    assert not Basket.objects.filter(pk=stale_basket.pk).exists()
    assert Basket.objects.filter(pk=live_basket.pk).exists()
    idle.refresh_from_db()
    assert (idle.is_active, idle.email) == (False, "")
    buyer.refresh_from_db()
    assert buyer.is_active and buyer.email


def test_a_late_notification_needs_a_reason(settings):
    discovered = timezone.now() - datetime.timedelta(hours=80)
    breach = Breach(
        discovered_at=discovered,
        description="Lộ danh sách người mua",
        data_categories="Họ tên, số điện thoại",
        subjects="Người mua",
        subject_count=12,
    )
    assert breach.notify_by == discovered + datetime.timedelta(hours=72)
    assert breach.notification_overdue
    breach.notified_authority_at = discovered + datetime.timedelta(hours=73)
    with pytest.raises(ValidationError) as error:
        breach.clean()
    assert "late_reason" in error.value.message_dict
    breach.late_reason = "Phát hiện vào kỳ nghỉ lễ"
    breach.clean()
    breach.save()
    assert not breach.notification_overdue


def test_working_days_skip_the_weekend():
    friday = datetime.datetime(2026, 12, 4, 10, 0, tzinfo=datetime.UTC)
    assert add_working_days(friday, 2) == datetime.datetime(2026, 12, 8, 10, 0, tzinfo=datetime.UTC)
    assert add_working_days(friday, 0) == friday
