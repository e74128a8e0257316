"""What is past its period goes (PDP Law 91/2025/QH15: kept no longer than its purpose needs;
E-commerce Law 122/2025/QH15: listing data at least one year). Run daily by Celery beat."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone
from oscar.core.loading import get_model

from . import personal_data
from .models import ListingRecord


def _before(days: int, now: datetime.datetime) -> datetime.datetime:
    return now - datetime.timedelta(days=days)


def apply(now: datetime.datetime | None = None) -> dict[str, int]:
    """Delete or anonymise what is past its period; how many of each."""
    now = now or timezone.now()
    Scan = get_model("traceability", "Scan")
    Basket = get_model("basket", "Basket")
    done = {}
    done["scan_locations"] = Scan.objects.filter(
        scanned_at__lt=_before(settings.COMPLIANCE_SCAN_LOCATION_RETENTION_DAYS, now),
        latitude__isnull=False,
    ).update(latitude=None, longitude=None)
    done["baskets"] = Basket.objects.filter(
        status__in=["Open", "Merged", "Saved"],
        date_created__lt=_before(settings.COMPLIANCE_ABANDONED_BASKET_DAYS, now),
    ).delete()[0]
    done["listing_records"] = ListingRecord.objects.filter(
        at__lt=_before(settings.COMPLIANCE_LISTING_RETENTION_DAYS, now)
    ).delete()[0]
    cutoff = _before(settings.COMPLIANCE_UNUSED_ACCOUNT_DAYS, now)
    unused = (
        get_user_model()
        .objects.filter(
            is_active=True,
            is_staff=False,
            date_joined__lt=cutoff,
        )
        .filter(Q(last_login__lt=cutoff) | Q(last_login__isnull=True))
    )
    unused = unused.exclude(partners__isnull=False)  # cooperatives' staff are kept with their shop
    done["accounts"] = 0
    for user in unused:
        personal_data.erase(user)
        done["accounts"] += 1
    return done
