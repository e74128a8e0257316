"""Complaints and returns on an order line (E-commerce Law 122/2025/QH15: the platform takes
complaints and resolves disputes; consumer-protection law: goods not as described are taken back)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from producers.models import private_storage
from producers.validators import validate_image

REASON_MAX_LENGTH = 2000


class ComplaintQuerySet(models.QuerySet):
    def open(self):
        return self.exclude(status=Complaint.Status.RESOLVED)

    def for_user(self, user):
        """What a user may see: staff every complaint, a cooperative its own, a buyer theirs."""
        if user.is_staff:
            return self.all()
        return self.filter(models.Q(buyer=user) | models.Q(partner__users=user)).distinct()

    def overdue(self, now=None):
        return self.filter(status=Complaint.Status.OPEN, respond_by__lt=now or timezone.now())


class Complaint(models.Model):
    """A buyer's complaint on one order line and what became of it."""

    class Reason(models.TextChoices):
        NOT_AS_DESCRIBED = "not_as_described", _("Not as described")
        DAMAGED = "damaged", _("Damaged or spoiled")
        MISSING = "missing", _("Missing or short")
        WRONG_ITEM = "wrong_item", _("Wrong item")
        LATE = "late", _("Not delivered in time")
        OTHER = "other", _("Other")

    class Outcome(models.TextChoices):
        REFUND = "refund", _("Refund")
        REPLACEMENT = "replacement", _("Replacement")
        RETURN = "return", _("Return and refund")
        REJECTED = "rejected", _("Rejected")

    class Status(models.TextChoices):
        OPEN = "open", _("Waiting for the cooperative")
        ESCALATED = "escalated", _("With the marketplace's staff")
        RESOLVED = "resolved", _("Resolved")

    order = models.ForeignKey(
        "order.Order", verbose_name=_("Order"), on_delete=models.PROTECT, related_name="complaints"
    )
    line = models.ForeignKey(
        "order.Line", verbose_name=_("Order line"), on_delete=models.PROTECT, related_name="+"
    )
    partner = models.ForeignKey(
        "partner.Partner",
        verbose_name=_("Cooperative"),
        on_delete=models.PROTECT,
        related_name="complaints",
    )
    buyer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Buyer"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="complaints",
    )
    reason = models.CharField(_("Reason"), max_length=20, choices=Reason.choices)
    description = models.TextField(_("What happened"), max_length=REASON_MAX_LENGTH)
    wanted = models.CharField(
        _("What you would like"),
        max_length=12,
        choices=[c for c in Outcome.choices if c[0] != "rejected"],
    )
    quantity = models.PositiveIntegerField(_("Quantity concerned"), default=1)
    status = models.CharField(
        _("Status"), max_length=10, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    respond_by = models.DateTimeField(_("Cooperative answers by"))
    reminded_at = models.DateTimeField(_("Reminder sent at"), null=True, blank=True)
    escalated_at = models.DateTimeField(_("Escalated at"), null=True, blank=True)
    outcome = models.CharField(
        _("Outcome"), max_length=12, choices=Outcome.choices, blank=True, default=""
    )
    outcome_reason = models.TextField(_("Reason for the outcome"), max_length=2000, blank=True)
    refund_amount = models.PositiveBigIntegerField(_("Refund (VND)"), default=0)
    goods_returned = models.BooleanField(_("Goods returned"), default=False)
    return_carrier = models.CharField(_("Return carrier"), max_length=100, blank=True)
    return_tracking = models.CharField(_("Return tracking number"), max_length=100, blank=True)
    resolved_at = models.DateTimeField(_("Resolved at"), null=True, blank=True)
    created_at = models.DateTimeField(_("Opened at"), default=timezone.now)

    objects = ComplaintQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("Complaint")
        verbose_name_plural = _("Complaints")

    def __str__(self) -> str:
        return f"#{self.pk} {self.order.number}"

    @property
    def is_overdue(self) -> bool:
        return self.status == self.Status.OPEN and self.respond_by < timezone.now()


def complaint_photo_path(instance, filename: str) -> str:
    return f"complaints/{timezone.now():%Y/%m}/{filename}"


class ComplaintPhoto(models.Model):
    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(
        _("Photo"),
        upload_to=complaint_photo_path,
        storage=private_storage,
        validators=[validate_image],
    )

    class Meta:
        verbose_name = _("Complaint photo")
        verbose_name_plural = _("Complaint photos")

    def __str__(self) -> str:
        return self.image.name


class ComplaintEvent(models.Model):
    """One step of a complaint, as e-mailed to those concerned: the complaint's log."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(_("At"), default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(_("Step"), max_length=20)
    note = models.TextField(_("Note"), blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("Complaint step")
        verbose_name_plural = _("Complaint steps")

    def __str__(self) -> str:
        return f"{self.complaint_id} {self.kind}"
