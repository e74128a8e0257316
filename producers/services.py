"""What staff decide about a cooperative, and who is told: approve, reject, suspend, reinstate."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import Permission
from django.core.mail import EmailMessage, send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override
from oscar.core.loading import get_model

from lib.urls import absolute_url

from .models import Producer

Partner = get_model("partner", "Partner")
PartnerAddress = get_model("partner", "PartnerAddress")
Country = get_model("address", "Country")


class InvalidTransition(Exception):
    """The producer's status does not allow this decision."""


def dashboard_permission() -> Permission:
    return Permission.objects.get(codename="dashboard_access", content_type__app_label="partner")


def add_cooperative_user(producer: Producer, user) -> None:
    """Let a user run the cooperative's shop in Oscar's dashboard."""
    user.user_permissions.add(dashboard_permission())
    producer.partner.users.add(user)


def _set_dashboard_access(producer: Producer, allowed: bool) -> None:
    """A suspended cooperative's users lose the dashboard (they could re-publish products),
    unless they also run another approved cooperative."""
    permission = dashboard_permission()
    for user in producer.partner.users.all():
        if allowed:
            user.user_permissions.add(permission)
        elif (
            not Producer.objects.filter(partner__users=user, status=Producer.Status.APPROVED)
            .exclude(pk=producer.pk)
            .exists()
        ):
            user.user_permissions.remove(permission)


def _recipients(producer: Producer) -> list[str]:
    emails = [producer.email]
    if producer.applicant and producer.applicant.email:
        emails.append(producer.applicant.email)
    return sorted(set(filter(None, emails)))


@transaction.atomic
def approve(producer: Producer, by=None, *, notify: bool = True) -> Producer:
    """Create the shop partner, make the applicant its user, and tell them."""
    if producer.status not in (Producer.Status.APPLIED, Producer.Status.REJECTED):
        raise InvalidTransition(producer.status)
    if producer.partner_id is None:
        partner = Partner.objects.create(name=producer.short_name or producer.name)
        producer.partner = partner
        _partner_address(producer)
    producer.status = Producer.Status.APPROVED
    producer.approved_at = timezone.now()
    producer.rejection_reason = ""
    producer.reviewed_by = by
    producer.save()
    if producer.applicant:
        add_cooperative_user(producer, producer.applicant)
    if notify:
        with override(settings.LANGUAGE_CODE):
            send_mail(
                _("Your cooperative is approved on the OCOP Marketplace"),
                _(
                    "Hello %(name)s,\n\n%(producer)s is now a seller on the OCOP Marketplace. "
                    "Sign in and open the dashboard to add your products: %(url)s\n"
                )
                % {
                    "name": producer.representative,
                    "producer": producer.name,
                    "url": absolute_url(reverse("dashboard:index")),
                },
                None,
                _recipients(producer),
            )
    return producer


def _partner_address(producer: Producer) -> None:
    country = Country.objects.filter(iso_3166_1_a2="VN").first()
    if country is None:
        return
    PartnerAddress.objects.create(
        partner=producer.partner,
        first_name=producer.representative,
        line1=producer.street,
        line2=producer.commune.name if producer.commune else "",
        line4=producer.province.name if producer.province else "",
        state=producer.province.name if producer.province else "",
        country=country,
    )


@transaction.atomic
def reject(producer: Producer, reason: str, by=None) -> Producer:
    if producer.status != Producer.Status.APPLIED:
        raise InvalidTransition(producer.status)
    producer.status = Producer.Status.REJECTED
    producer.rejected_at = timezone.now()
    producer.rejection_reason = reason
    producer.reviewed_by = by
    producer.save()
    with override(settings.LANGUAGE_CODE):
        send_mail(
            _("Your application to the OCOP Marketplace"),
            _(
                "Hello %(name)s,\n\nThe application of %(producer)s was not approved, for this reason:\n\n"
                "%(reason)s\n\nYou can correct it and apply again.\n"
            )
            % {"name": producer.representative, "producer": producer.name, "reason": reason},
            None,
            _recipients(producer),
        )
    return producer


@transaction.atomic
def suspend(producer: Producer, by=None) -> Producer:
    """Hide the cooperative and its products from buyers; remember which products to bring back."""
    if producer.status != Producer.Status.APPROVED:
        raise InvalidTransition(producer.status)
    products = producer.products()
    producer.hidden_product_ids = sorted(products.values_list("pk", flat=True))
    get_model("catalogue", "Product").objects.filter(pk__in=producer.hidden_product_ids).update(
        is_public=False
    )
    producer.status = Producer.Status.SUSPENDED
    producer.suspended_at = timezone.now()
    producer.reviewed_by = by
    producer.save()
    _set_dashboard_access(producer, allowed=False)
    return producer


@transaction.atomic
def reinstate(producer: Producer, by=None) -> Producer:
    if producer.status != Producer.Status.SUSPENDED:
        raise InvalidTransition(producer.status)
    Product = get_model("catalogue", "Product")
    Product.objects.filter(
        pk__in=producer.hidden_product_ids, stockrecords__partner=producer.partner
    ).update(is_public=True)
    producer.hidden_product_ids = []
    producer.status = Producer.Status.APPROVED
    producer.reviewed_by = by
    producer.save()
    _set_dashboard_access(producer, allowed=True)
    return producer


def send_enquiry(producer: Producer, *, name: str, email: str, phone: str, message: str) -> None:
    with override(settings.LANGUAGE_CODE):
        subject = _("Enquiry from %(name)s on the OCOP Marketplace") % {"name": name}
        body = _("%(name)s (%(email)s, %(phone)s) writes to %(producer)s:\n\n%(message)s\n") % {
            "name": name,
            "email": email,
            "phone": phone or "-",
            "producer": producer.name,
            "message": message,
        }
    EmailMessage(subject, body, to=[producer.email], reply_to=[email]).send()
