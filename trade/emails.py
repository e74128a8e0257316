"""E-mails for every step of the board: to staff, to the buyer's members, to cooperatives.

Each is rendered in Vietnamese, the site's language, unless `language` says otherwise; links
are built on SITE_BASE_URL (`lib.urls.absolute_url`).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from lib.urls import absolute_url


def _send(to, subject: str, body: str, link: str = "", language: str = "") -> None:
    to = sorted({address for address in to if address})
    if not to:
        return
    with translation.override(language or settings.LANGUAGE_CODE):
        text = render_to_string(
            "trade/emails/notice.txt",
            {"body": str(body), "link": absolute_url(link) if link else ""},
        )
        send_mail(f"[OCOP] {subject}", text, settings.OSCAR_FROM_EMAIL, to)


def _lazy(build):
    """Render subject and body inside the recipient's language."""

    def send(to, language: str = "", **ctx):
        with translation.override(language or settings.LANGUAGE_CODE):
            subject, body, link = build(**ctx)
            _send(to, subject, body, link, language)

    return send


def staff_emails() -> list[str]:
    return list(
        get_user_model()
        .objects.filter(is_staff=True, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )


def organisation_emails(organisation) -> list[str]:
    return [organisation.contact_email, *organisation.members.values_list("email", flat=True)]


def producer_emails(producer) -> list[str]:
    users = producer.partner.users.values_list("email", flat=True) if producer.partner_id else []
    return [producer.email, *users]


@_lazy
def organisation_registered(organisation):
    return (
        _("New trade buyer to verify: %(name)s") % {"name": organisation.name},
        _("%(name)s (tax code %(tax)s) registered as a trade buyer and waits for verification.")
        % {"name": organisation.name, "tax": organisation.tax_code},
        reverse("trade:staff"),
    )


@_lazy
def organisation_verified(organisation):
    return (
        _("Your organisation is verified"),
        _("%(name)s is verified: your sourcing requests can now be published.")
        % {"name": organisation.name},
        reverse("trade:mine"),
    )


@_lazy
def organisation_rejected(organisation):
    return (
        _("Your organisation was not verified"),
        _("%(name)s was not verified. Reason: %(reason)s")
        % {"name": organisation.name, "reason": organisation.rejection_reason or "-"},
        reverse("trade:mine"),
    )


@_lazy
def request_to_review(rfq):
    return (
        _("Sourcing request to review: %(title)s") % {"title": rfq.title},
        _("A sourcing request waits for review before it is published."),
        reverse("trade:staff"),
    )


@_lazy
def request_submitted(rfq):
    return (
        _("Your request is waiting for review: %(title)s") % {"title": rfq.title},
        _("Staff review a buyer's first request before it is published. We will e-mail you."),
        rfq.get_absolute_url(),
    )


@_lazy
def request_opened(rfq):
    return (
        _("Your request is open: %(title)s") % {"title": rfq.title},
        _("Your request is on the board until %(date)s. Matching cooperatives were told.")
        % {"date": rfq.expires_at.date().isoformat()},
        rfq.get_absolute_url(),
    )


@_lazy
def request_returned(rfq):
    return (
        _("Your request needs changes: %(title)s") % {"title": rfq.title},
        _("Staff returned your request as a draft. Note: %(note)s") % {"note": rfq.review_note},
        reverse("trade:request-edit", kwargs={"pk": rfq.pk}),
    )


@_lazy
def request_closed(rfq):
    return (
        _("Your request is closed: %(title)s") % {"title": rfq.title},
        _("Your request closed (%(reason)s). Compare the quotes and accept one.")
        % {"reason": rfq.get_close_reason_display()},
        reverse("trade:compare", kwargs={"pk": rfq.pk}),
    )


@_lazy
def matched(rfq, match):
    return (
        _("A buyer is looking for: %(title)s") % {"title": rfq.title},
        _("A sourcing request matches your cooperative: %(reasons)s. Send a quote before %(date)s.")
        % {
            "reasons": "; ".join(str(r) for r in match.reason_texts()),
            "date": rfq.expires_at.date().isoformat(),
        },
        rfq.get_absolute_url(),
    )


@_lazy
def quote_received(quote):
    return (
        _("New quote on %(title)s") % {"title": quote.request.title},
        _("%(cooperative)s quoted %(price)s ₫ per %(unit)s.")
        % {
            "cooperative": quote.producer.name,
            "price": f"{quote.unit_price:,}".replace(",", "."),
            "unit": quote.request.unit,
        },
        reverse("trade:compare", kwargs={"pk": quote.request_id}),
    )


@_lazy
def quote_accepted(quote):
    return (
        _("Your quote was accepted: %(title)s") % {"title": quote.request.title},
        _("The buyer accepted your quote. Wholesale order %(number)s was placed; "
          "the buyer's contact is on the quote page.") % {"number": quote.order.number},
        quote.get_absolute_url(),
    )  # fmt: skip


@_lazy
def quote_declined(quote):
    return (
        _("Your quote was not chosen: %(title)s") % {"title": quote.request.title},
        _("The buyer accepted another quote. Thank you for quoting."),
        quote.get_absolute_url(),
    )


@_lazy
def request_cancelled(quote):
    return (
        _("Request cancelled: %(title)s") % {"title": quote.request.title},
        _("The buyer cancelled this request; your quote is closed. Thank you for quoting."),
        quote.get_absolute_url(),
    )


@_lazy
def message_received(message):
    return (
        _("New message about %(title)s") % {"title": message.quote.request.title},
        _("You have a new message in a quote's thread."),
        message.quote.get_absolute_url(),
    )


@_lazy
def message_held_warning(message):
    return (
        _("Warning: a message to you was held for review"),
        _("A message to you about %(title)s was held because it contained bank account "
          "details, a phone number or a request to pay outside the marketplace. Never pay "
          "outside the marketplace before a quote is accepted; report anyone who asks.")
        % {"title": message.quote.request.title},
        message.quote.get_absolute_url(),
    )  # fmt: skip


@_lazy
def message_held_staff(message):
    return (
        _("Message held for review"),
        _("A message in a quote's thread was held: %(reasons)s")
        % {"reasons": ", ".join(message.hold_reasons)},
        reverse("trade:staff"),
    )


@_lazy
def reported(report):
    return (
        _("New report on the trade board"),
        report.reason,
        reverse("trade:staff"),
    )


@_lazy
def _slot_booked_buyer(slot):
    return (
        _("Business-matching meeting booked"),
        _("You meet %(cooperative)s at %(fair)s, table %(table)s, on %(when)s.")
        % {"cooperative": slot.producer.name, "fair": slot.event.title, "table": slot.table,
           "when": slot.when},
        slot.event.url or "",
    )  # fmt: skip


@_lazy
def _slot_booked_cooperative(slot):
    return (
        _("A trade buyer booked a meeting with you"),
        _("%(buyer)s meets your cooperative at %(fair)s, table %(table)s, on %(when)s.")
        % {"buyer": slot.organisation.name, "fair": slot.event.title, "table": slot.table,
           "when": slot.when},
        slot.event.url or "",
    )  # fmt: skip


def slot_booked(slot) -> None:
    """Both parties of a business-matching slot are told its time and table."""
    _slot_booked_buyer(organisation_emails(slot.organisation), slot=slot)
    _slot_booked_cooperative(producer_emails(slot.producer), slot=slot)


@_lazy
def _payment_overdue(order, days: int):
    return (
        _("Payment overdue for wholesale order %(number)s") % {"number": order.number},
        _(
            "Wholesale order %(number)s (%(total)s ₫) was to be paid on terms by %(due)s; it is "
            "%(days)s day(s) overdue. Please pay it, or tell the marketplace if it was paid."
        )
        % {
            "number": order.number,
            "total": int(order.total_incl_tax),
            "due": order.payment_due_on.strftime("%d/%m/%Y"),
            "days": days,
        },
        order.get_status_url(),
    )


def payment_overdue(order, days: int) -> None:
    """The buyer's organisation (and whoever placed the order) is reminded of an unpaid order
    on terms."""
    quote = getattr(order, "trade_quote", None)
    buyers = organisation_emails(quote.request.organisation) if quote else []
    _payment_overdue([*buyers, order.email], language=order.language, order=order, days=days)
