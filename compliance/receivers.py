"""What other apps tell us: scans made while signed in, locations shared at the browser's prompt."""

from __future__ import annotations

from django.dispatch import receiver

from traceability.signals import location_recorded, scan_recorded

from . import consent
from .models import ConsentRecord, SignedInScan


def _signed_in(request):
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


@receiver(scan_recorded, dispatch_uid="compliance-signed-in-scan")
def link_scan(sender, request, scan, **kwargs):
    user = _signed_in(request)
    if user is not None:
        SignedInScan.objects.create(user=user, scan=scan)


@receiver(location_recorded, dispatch_uid="compliance-location-consent")
def record_location_consent(sender, request, scan, **kwargs):
    """The browser asked and the user agreed: the consent is recorded the first time."""
    user = _signed_in(request)
    if user is None:
        return
    now = consent.latest(user).get("scan_location")
    if now is None or not now.granted:
        consent.record(user, "scan_location", True, ConsentRecord.Method.PROMPT)
