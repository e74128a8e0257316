"""``Idempotency-Key``: a write sent again with the same key gets the first answer, once done.

The key is stored with a fingerprint of the request in the request's own transaction, before
the write. A retry after it committed finds it and replays the stored answer; a retry sent
while the first is still running waits on the key's unique index (PostgreSQL) or the
database lock (SQLite) and then replays it. A refused request stores nothing: its transaction
is rolled back, so a corrected retry with the same key is carried out.
"""

from __future__ import annotations

import datetime
import hashlib

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.response import Response

from .models import IdempotentRequest
from .problems import Conflict

HEADER = "Idempotency-Key"
MAX_KEY = 255


def fingerprint(request) -> str:
    digest = hashlib.sha256()
    for part in (request.method, request.path, request.body):
        digest.update(part if isinstance(part, bytes) else part.encode())
        digest.update(b"\0")
    return digest.hexdigest()


def run(request, partner, write) -> Response:
    """``write()`` once per (cooperative, key); its answer replayed for the same key."""
    key = request.headers.get(HEADER, "").strip()
    if not key:
        return write()
    if len(key) > MAX_KEY or not key.isascii():
        raise exceptions.ValidationError(
            {HEADER: [_("An Idempotency-Key is up to 255 ASCII characters.")]}
        )
    print_ = fingerprint(request)
    cutoff = timezone.now() - datetime.timedelta(hours=settings.API_IDEMPOTENCY_HOURS)
    IdempotentRequest.objects.filter(partner=partner, created_at__lt=cutoff).delete()
    try:
        with transaction.atomic():
            record = IdempotentRequest.objects.create(partner=partner, key=key, fingerprint=print_)
    except IntegrityError:
        record = IdempotentRequest.objects.get(partner=partner, key=key)
        if record.fingerprint != print_:
            raise Conflict(_("This Idempotency-Key was used for a different request.")) from None
        response = Response(record.body, status=record.status)
        response["Idempotent-Replayed"] = "true"
        return response
    response = write()
    record.status, record.body = response.status_code, response.data
    record.save(update_fields=["status", "body"])
    return response
