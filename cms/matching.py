"""A fair's business-matching slots (models and booking in `trade.slots`): the list, and a
verified trade buyer booking a free slot with an exhibiting cooperative."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from lib.ids import as_id
from trade.access import organisation_of
from trade.services import Refused
from trade.slots import MeetingSlot, book_slot


def matching_slots(request, event):
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        slot_pk = as_id(request.POST.get("slot"))
        if slot_pk is None or not MeetingSlot.objects.filter(event=event, pk=slot_pk).exists():
            raise Http404
        try:
            slot = book_slot(slot_pk, request.user)
        except Refused as refused:
            messages.error(request, refused.message)
        else:
            messages.success(
                request,
                _("Booked: table %(table)s, %(when)s. Both of you were e-mailed.")
                % {"table": slot.table, "when": slot.when},
            )
        return redirect(request.path)
    slots = MeetingSlot.objects.filter(event=event).select_related("producer", "organisation")
    organisation = organisation_of(request.user)
    return TemplateResponse(
        request,
        "cms/matching_slots.html",
        {
            "page": event,
            "self": event,
            "slots": slots,
            "organisation": organisation,
            "can_book": organisation is not None and organisation.status == "verified",
        },
    )
