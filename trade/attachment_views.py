"""Attachments of requests and quotes: private files, served to the parties and staff only.

Anyone else gets a 404, as for the objects themselves (`access.py`).
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404

from .access import may_read_request_attachment, visible_quote
from .models import SourcingRequest


def _serve(field):
    if not field or not field.storage.exists(field.name):
        raise Http404
    return FileResponse(
        field.open("rb"), as_attachment=True, filename=field.name.rsplit("/", 1)[-1]
    )


@login_required
def request_attachment(request, pk):
    rfq = SourcingRequest.objects.filter(pk=pk).select_related("organisation").first()
    if rfq is None or not may_read_request_attachment(request.user, rfq):
        raise Http404
    return _serve(rfq.attachment)


@login_required
def quote_attachment(request, pk):
    return _serve(visible_quote(request.user, pk).attachment)
