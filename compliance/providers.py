"""What the shop and this app hold about a person: sections of the export, and their erasure."""

from __future__ import annotations

from django.contrib.admin.models import LogEntry
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from . import personal_data
from .models import ComplaintEvent, ConsentRecord, DataRequest, SignedInScan

Basket = get_model("basket", "Basket")
Email = get_model("communication", "Email")
Notification = get_model("communication", "Notification")
Order = get_model("order", "Order")
OrderNote = get_model("order", "OrderNote")
ProductAlert = get_model("customer", "ProductAlert")
ProductReview = get_model("reviews", "ProductReview")
UserAddress = get_model("address", "UserAddress")
UserSearch = get_model("analytics", "UserSearch")
WishList = get_model("wishlists", "WishList")

ADDRESS_FIELDS = ("first_name", "last_name", "line1", "line2", "line3", "line4", "state")
ADDRESS_BLANKS = {
    **dict.fromkeys(ADDRESS_FIELDS, ""),
    "title": "",
    "postcode": "",
    "search_text": "",
    "phone_number": "",
    "notes": "",
}


def _address(address) -> dict:
    if address is None:
        return {}
    return {
        "name": address.name,
        "lines": [
            getattr(address, f) for f in ("line1", "line2", "line3", "line4") if getattr(address, f)
        ],
        "phone": str(getattr(address, "phone_number", "") or ""),
        "notes": getattr(address, "notes", ""),
    }


def _orders(user):
    return Order.objects.filter(user=user)


def address_identifiers(user):
    for model, lookup in (
        (UserAddress, "user"),
        (get_model("order", "ShippingAddress"), "order__user"),
    ):
        for row in model.objects.filter(**{lookup: user}):
            yield from (row.name, str(row.phone_number or ""))


# Sections


def export_account(user):
    return [
        {
            "username": user.username,
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "date_joined": user.date_joined,
            "last_login": user.last_login,
        }
    ]


def export_addresses(user):
    return [_address(a) for a in UserAddress.objects.filter(user=user)]


def erase_addresses(user, needles):
    UserAddress.objects.filter(user=user).delete()


def export_orders(user):
    rows = []
    for order in _orders(user).select_related("shipping_address").prefetch_related("lines"):
        rows.append(
            {
                "number": order.number,
                "placed_at": order.date_placed,
                "status": order.status,
                "email": order.email,
                "total_vnd": int(order.total_incl_tax),
                "shipping_address": _address(order.shipping_address),
                "notes": order.customer_notes,
                "lines": [
                    {
                        "product": line.title,
                        "quantity": line.quantity,
                        "price_vnd": int(line.line_price_incl_tax),
                    }
                    for line in order.lines.all()
                ],
            }
        )
    return rows


def erase_orders(user, needles):
    """Orders stay for the accounts (COMPLIANCE_ORDER_RETENTION_DAYS): who and where go."""
    orders = _orders(user)
    ShippingAddress = get_model("order", "ShippingAddress")
    BillingAddress = get_model("order", "BillingAddress")
    ShippingAddress.objects.filter(order__in=orders).update(**ADDRESS_BLANKS)
    billing_blanks = {k: v for k, v in ADDRESS_BLANKS.items() if k not in ("phone_number", "notes")}
    BillingAddress.objects.filter(order__in=orders).update(**billing_blanks)
    orders.update(guest_email="", customer_notes="")
    for note in OrderNote.objects.filter(order__in=orders):
        note.message = personal_data.scrub(note.message, needles)
        note.save(update_fields=["message"])
    Email.objects.filter(Q(user=user) | Q(email__iexact=user.email or "-")).delete()
    Notification.objects.filter(recipient=user).delete()


def export_reviews(user):
    return [
        {
            "product": r.product.get_title() if r.product else "",
            "title": r.title,
            "body": r.body,
            "score": r.score,
            "date": r.date_created,
        }
        for r in ProductReview.objects.filter(user=user).select_related("product")
    ]


def erase_reviews(user, needles):
    ProductReview.objects.filter(user=user).delete()


def export_consents(user):
    return [
        {
            "purpose": c.purpose,
            "granted": c.granted,
            "text_version": c.text_version,
            "method": c.method,
            "at": c.at,
        }
        for c in ConsentRecord.objects.filter(user=user)
    ]


def erase_consents(user, needles):
    ConsentRecord.objects.filter(user=user).delete()


def export_scans(user):
    return [
        {
            "scanned_at": link.scan.scanned_at,
            "product": link.scan.batch.product.get_title() if link.scan.batch.product_id else "",
            "lot": link.scan.batch.lot,
            "latitude": link.scan.latitude,
            "longitude": link.scan.longitude,
        }
        for link in SignedInScan.objects.filter(user=user).select_related("scan__batch__product")
    ]


def erase_scans(user, needles):
    links = SignedInScan.objects.filter(user=user)
    get_model("traceability", "Scan").objects.filter(signed_in__in=links).update(
        latitude=None, longitude=None
    )
    links.delete()


def export_complaints(user):
    return [
        {
            "order": c.order.number,
            "product": c.line.title,
            "reason": c.reason,
            "description": c.description,
            "wanted": c.wanted,
            "status": c.status,
            "outcome": c.outcome,
            "opened_at": c.created_at,
        }
        for c in user.complaints.select_related("order", "line")
    ]


def erase_complaints(user, needles):
    """The outcome stays with the order; what the buyer wrote and showed goes."""
    for complaint in user.complaints.all():
        for photo in complaint.photos.all():
            photo.image.delete(save=False)
            photo.delete()
        complaint.description = ""
        complaint.save(update_fields=["description"])
        for event in complaint.events.all():
            event.note = personal_data.scrub(event.note, needles)
            event.save(update_fields=["note"])
    ComplaintEvent.objects.filter(complaint__buyer=user).update(actor=None)


def export_requests(user):
    return [
        {
            "kind": r.kind,
            "details": r.details,
            "status": r.status,
            "received_at": r.received_at,
            "done_at": r.done_at,
        }
        for r in DataRequest.objects.filter(user=user)
    ]


def erase_requests(user, needles):
    DataRequest.objects.filter(user=user).update(details="", answer="")


def export_other(user):
    rows = [
        {"kind": "product_alert", "product": a.product_id, "status": a.status}
        for a in ProductAlert.objects.filter(user=user)
    ]
    rows += [{"kind": "wish_list", "name": w.name} for w in WishList.objects.filter(owner=user)]
    rows += [{"kind": "search", "query": s.query} for s in UserSearch.objects.filter(user=user)]
    rows += [
        {"kind": "email_sent", "subject": e.subject, "at": e.date_sent}
        for e in Email.objects.filter(user=user)
    ]
    return rows


def erase_other(user, needles):
    ProductAlert.objects.filter(Q(user=user) | Q(email__iexact=user.email or "-")).delete()
    WishList.objects.filter(owner=user).delete()
    UserSearch.objects.filter(user=user).delete()
    Basket.objects.filter(owner=user).exclude(status="Submitted").delete()
    for model_name in ("UserRecord", "UserProductView"):
        get_model("analytics", model_name).objects.filter(user=user).delete()
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        model.objects.filter(username__in=[user.email, user.username]).delete()
    LogEntry.objects.filter(user=user).delete()
    for needle in needles:
        LogEntry.objects.filter(object_repr__icontains=needle).delete()


def export_producers(user):
    Producer = get_model("producers", "Producer")
    Invitation = get_model("producers", "Invitation")
    rows = [
        {"kind": "application", "cooperative": p.name, "applied_at": p.applied_at}
        for p in Producer.objects.filter(applicant=user)
    ]
    rows += [
        {
            "kind": "invitation",
            "cooperative": i.producer.name,
            "status": i.status,
            "sent_at": i.sent_at,
        }
        for i in Invitation.objects.filter(email__iexact=user.email or "-").select_related(
            "producer"
        )
    ]
    return rows


def erase_producers(user, needles):
    """The cooperative's own record is the business's, not the person's: only the link goes."""
    get_model("producers", "Producer").objects.filter(applicant=user).update(applicant=None)
    get_model("producers", "Invitation").objects.filter(email__iexact=user.email or "-").delete()


def _trade(name: str):
    """A model of the trade board, if it is installed (its buyers' sourcing enquiries)."""
    from django.apps import apps

    return apps.get_model("trade", name) if apps.is_installed("trade") else None


def export_enquiries(user):
    """Sourcing enquiries on the trade board and messages sent there. Enquiries sent from a
    cooperative's page are e-mailed to it and not stored."""
    SourcingRequest, Message = _trade("SourcingRequest"), _trade("Message")
    if SourcingRequest is None:
        return []
    rows = [
        {
            "kind": "sourcing_request",
            "title": r.title,
            "description": r.description,
            "quantity": r.quantity,
            "unit": r.unit,
            "status": r.status,
            "created_at": r.created_at,
        }
        for r in SourcingRequest.objects.filter(created_by=user)
    ]
    rows += [
        {"kind": "message", "body": m.body, "at": m.created_at}
        for m in Message.objects.filter(sender=user)
    ]
    return rows


def erase_enquiries(user, needles):
    """The organisation's requests are the business's: the person's link and words go."""
    SourcingRequest, Message, Organisation = (
        _trade("SourcingRequest"),
        _trade("Message"),
        _trade("Organisation"),
    )
    if SourcingRequest is None:
        return
    for request in SourcingRequest.objects.filter(created_by=user):
        request.title = personal_data.scrub(request.title, needles)
        request.description = personal_data.scrub(request.description, needles)
        request.created_by = None
        request.save(update_fields=["title", "description", "created_by"])
    for message in Message.objects.filter(sender=user):
        message.body = personal_data.scrub(message.body, needles)
        message.sender = None
        message.save(update_fields=["body", "sender"])
    Organisation.objects.filter(contact_email__iexact=user.email or "-").update(
        contact_name="", contact_email="", contact_phone=""
    )
    for organisation in Organisation.objects.filter(members=user):
        organisation.members.remove(user)


def register_core() -> None:
    register = personal_data.register
    register("account", _("Account"), export_account)
    register("addresses", _("Address book"), export_addresses, erase_addresses)
    register("orders", _("Orders"), export_orders, erase_orders)
    register("reviews", _("Reviews"), export_reviews, erase_reviews)
    register("enquiries", _("Enquiries and messages"), export_enquiries, erase_enquiries)
    register("complaints", _("Complaints"), export_complaints, erase_complaints)
    register("consents", _("Consents"), export_consents, erase_consents)
    register("scans", _("Scans made while signed in"), export_scans, erase_scans)
    register(
        "cooperatives",
        _("Cooperative applications and invitations"),
        export_producers,
        erase_producers,
    )
    register("requests", _("Requests about your data"), export_requests, erase_requests)
    register("other", _("Alerts, wish lists, searches and e-mails"), export_other, erase_other)
    personal_data.register_identifiers(address_identifiers)
