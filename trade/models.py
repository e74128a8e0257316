"""Trade connection: buyer organisations, sourcing requests (RFQs), quotes and their threads.

State changes live in `trade/services.py` (one function per transition, each writes an
`AuditEntry`); the models hold the states, the allowed transitions and the queries.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from payment.terms import TERMS_CHOICES
from producers.models import Certification, private_storage
from producers.validators import validate_document
from regions import units


def _dated(folder: str, filename: str) -> str:
    return f"trade/{folder}/{timezone.now():%Y/%m}/{filename}"


def request_attachment_path(instance, filename: str) -> str:
    return _dated("requests", filename)


def quote_attachment_path(instance, filename: str) -> str:
    return _dated("quotes", filename)


class Organisation(models.Model):
    """A trade buyer: supermarket, exporter, restaurant, distributor; verified by staff."""

    class Kind(models.TextChoices):
        SUPERMARKET = "supermarket", _("Supermarket or retail chain")
        EXPORTER = "exporter", _("Exporter")
        RESTAURANT = "restaurant", _("Restaurant or hotel")
        DISTRIBUTOR = "distributor", _("Distributor or wholesaler")
        PROCESSOR = "processor", _("Processor or manufacturer")
        OTHER = "other", _("Other buyer")

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting verification")
        VERIFIED = "verified", _("Verified")
        REJECTED = "rejected", _("Rejected")
        SUSPENDED = "suspended", _("Suspended")

    name = models.CharField(_("Organisation name"), max_length=255)
    tax_code = models.CharField(_("Tax code"), max_length=20, db_index=True)
    kind = models.CharField(_("Type of buyer"), max_length=20, choices=Kind.choices)
    province_code = models.CharField(_("Province or city"), max_length=2, blank=True)
    country = models.CharField(_("Country"), max_length=2, default="VN")
    contact_name = models.CharField(_("Contact person"), max_length=150)
    contact_email = models.EmailField(_("Contact e-mail"))
    contact_phone = models.CharField(_("Contact phone"), max_length=30)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("Members"), related_name="trade_organisations"
    )
    status = models.CharField(
        _("Status"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    created_at = models.DateTimeField(_("Registered at"), default=timezone.now)
    verified_at = models.DateTimeField(_("Verified at"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    rejection_reason = models.TextField(_("Reason"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("Trade buyer")
        verbose_name_plural = _("Trade buyers")

    def __str__(self) -> str:
        return self.name

    @property
    def is_verified(self) -> bool:
        return self.status == self.Status.VERIFIED

    @property
    def place(self) -> str:
        province = units.province(self.province_code)
        return province.name if province else self.country


class RequestQuerySet(models.QuerySet):
    def open(self, now=None):
        return self.filter(status=SourcingRequest.Status.OPEN, expires_at__gt=now or timezone.now())

    def for_board(self):
        """What a board row shows, in a fixed number of queries (no buyer identity)."""
        return self.select_related("category").only(
            "pk", "title", "quantity", "unit", "target_price", "delivery_province_code",
            "export_country", "incoterm", "certifications", "min_stars", "needed_by",
            "expires_at", "opened_at", "quote_count", "quote_cap", "category__name",
            "category__name_en", "category__path", "category__depth", "category__slug",
        ).order_by("-opened_at", "-pk")  # fmt: skip

    def of_user(self, user):
        return self.filter(organisation__members=user)


class SourcingRequest(models.Model):
    """A buyer's request for quotation, public on the board once open."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PENDING = "pending", _("Pending review")
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")
        AWARDED = "awarded", _("Awarded")
        CANCELLED = "cancelled", _("Cancelled")

    class CloseReason(models.TextChoices):
        CAP = "cap", _("Quote cap reached")
        EXPIRED = "expired", _("Expired")
        BUYER = "buyer", _("Closed by the buyer")

    class Incoterm(models.TextChoices):
        EXW = "EXW", "EXW"
        FCA = "FCA", "FCA"
        FOB = "FOB", "FOB"
        CFR = "CFR", "CFR"
        CIF = "CIF", "CIF"
        DAP = "DAP", "DAP"
        DDP = "DDP", "DDP"

    # Which state may follow which; services.move() refuses anything else.
    TRANSITIONS = {
        "draft": ("pending", "open", "cancelled"),
        "pending": ("open", "draft", "cancelled"),
        "open": ("closed", "awarded", "cancelled"),
        "closed": ("awarded", "cancelled"),
        "awarded": (),
        "cancelled": (),
    }

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("Buyer"), on_delete=models.CASCADE, related_name="requests"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    title = models.CharField(_("What you are looking for"), max_length=200)
    category = models.ForeignKey(
        "catalogue.Category",
        verbose_name=_("Product sector or group (OCOP)"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    product = models.ForeignKey(
        "catalogue.Product",
        verbose_name=_("Product"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    producer = models.ForeignKey(
        "producers.Producer",
        verbose_name=_("Addressed to"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    description = models.TextField(_("Description"))
    quantity = models.PositiveIntegerField(_("Quantity"))
    unit = models.CharField(_("Unit"), max_length=20, help_text=_("e.g. kg, box, bottle, tonne"))
    target_price = models.PositiveBigIntegerField(
        _("Target unit price (VND)"), null=True, blank=True
    )
    delivery_province_code = models.CharField(
        _("Delivery province"), max_length=2, blank=True, db_index=True
    )
    export_country = models.CharField(_("Export country"), max_length=2, blank=True)
    incoterm = models.CharField(
        _("Incoterm (export)"), max_length=3, choices=Incoterm.choices, blank=True
    )
    # "|vietgap|organic|": filterable with a plain `contains` on SQLite and PostgreSQL.
    certifications = models.CharField(_("Required certifications"), max_length=200, blank=True)
    min_stars = models.PositiveSmallIntegerField(_("Minimum OCOP stars"), default=0)
    needed_by = models.DateField(_("Needed by"), null=True, blank=True)
    expiry_days = models.PositiveSmallIntegerField(_("Open for (days)"), default=14)
    quote_cap = models.PositiveSmallIntegerField(_("Quote cap"), default=10)
    attachment = models.FileField(
        _("Attachment"),
        upload_to=request_attachment_path,
        storage=private_storage,
        max_length=255,
        blank=True,
        validators=[validate_document],
    )
    status = models.CharField(
        _("Status"), max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    close_reason = models.CharField(
        _("Closed because"), max_length=10, choices=CloseReason.choices, blank=True
    )
    flagged = models.BooleanField(_("Held for review"), default=False)
    review_note = models.TextField(_("Review note"), blank=True)
    quote_count = models.PositiveSmallIntegerField(_("Quotes"), default=0)
    created_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(null=True, blank=True)
    opened_at = models.DateTimeField(null=True, blank=True, db_index=True)
    expires_at = models.DateTimeField(null=True, blank=True, db_index=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    objects = RequestQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("Sourcing request")
        verbose_name_plural = _("Sourcing requests")
        indexes = [models.Index(fields=["status", "-opened_at"], name="trade_board_idx")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("trade:request", kwargs={"pk": self.pk})

    @property
    def certification_list(self) -> list[str]:
        return [c for c in self.certifications.split("|") if c]

    @certification_list.setter
    def certification_list(self, kinds) -> None:
        kinds = sorted(set(kinds))
        self.certifications = f"|{'|'.join(kinds)}|" if kinds else ""

    def certification_labels(self) -> list[str]:
        labels = dict(Certification.Kind.choices)
        return [str(labels.get(kind, kind)) for kind in self.certification_list]

    @property
    def destination(self) -> str:
        province = units.province(self.delivery_province_code)
        if province:
            return province.name
        return self.export_country

    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return self.status == self.Status.OPEN and self.expires_at and self.expires_at > now

    @property
    def is_editable(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.PENDING)


class Quote(models.Model):
    """A cooperative's offer on a request; at most one per cooperative and request."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    request = models.ForeignKey(
        SourcingRequest, verbose_name=_("Request"), on_delete=models.CASCADE, related_name="quotes"
    )
    producer = models.ForeignKey(
        "producers.Producer",
        verbose_name=_("Cooperative"),
        on_delete=models.CASCADE,
        related_name="trade_quotes",
    )
    product = models.ForeignKey(
        "catalogue.Product",
        verbose_name=_("Product offered"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    unit_price = models.PositiveBigIntegerField(_("Unit price (VND)"))
    moq = models.PositiveIntegerField(_("Minimum order quantity"))
    lead_time_days = models.PositiveSmallIntegerField(_("Lead time (days)"))
    valid_until = models.DateField(_("Valid until"))
    delivery_terms = models.TextField(_("Delivery terms"))
    sample_offer = models.BooleanField(_("Samples offered"), default=False)
    # 0: paid by bank transfer before delivery; else net days after the order (payment.terms).
    payment_terms_days = models.PositiveSmallIntegerField(
        _("Payment"), choices=TERMS_CHOICES, default=0
    )
    attachment = models.FileField(
        _("Attachment"),
        upload_to=quote_attachment_path,
        storage=private_storage,
        max_length=255,
        blank=True,
        validators=[validate_document],
    )
    status = models.CharField(
        _("Status"), max_length=10, choices=Status.choices, default=Status.SUBMITTED, db_index=True
    )
    edit_count = models.PositiveSmallIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    order = models.OneToOneField(
        "order.Order", on_delete=models.SET_NULL, null=True, blank=True, related_name="trade_quote"
    )

    class Meta:
        ordering = ["unit_price", "pk"]
        verbose_name = _("Price quote")
        verbose_name_plural = _("Quotes")
        constraints = [
            models.UniqueConstraint(fields=["request", "producer"], name="trade_one_quote_each")
        ]

    def __str__(self) -> str:
        return f"{self.producer} → {self.request}"

    def get_absolute_url(self) -> str:
        return reverse("trade:quote", kwargs={"pk": self.pk})

    @property
    def is_accepted(self) -> bool:
        return self.status == self.Status.ACCEPTED


class Match(models.Model):
    """A cooperative found for an open request, ranked, with why it matched."""

    request = models.ForeignKey(SourcingRequest, on_delete=models.CASCADE, related_name="matches")
    producer = models.ForeignKey(
        "producers.Producer", on_delete=models.CASCADE, related_name="trade_matches"
    )
    score = models.PositiveSmallIntegerField(default=0)
    reasons = models.JSONField(default=list)
    notified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-score", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["request", "producer"], name="trade_one_match_each")
        ]

    def __str__(self) -> str:
        return f"{self.producer} ~ {self.request} ({self.score})"

    def reason_texts(self) -> list[str]:
        from .matching import reason_text

        return [reason_text(code) for code in self.reasons]


class Message(models.Model):
    """A message in a quote's thread; held for staff when it looks like an off-platform deal."""

    class Side(models.TextChoices):
        BUYER = "buyer", _("Buyer")
        COOPERATIVE = "cooperative", _("Cooperative")

    quote = models.ForeignKey(Quote, on_delete=models.CASCADE, related_name="messages")
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    side = models.CharField(max_length=12, choices=Side.choices)
    body = models.TextField(_("Message"))
    held = models.BooleanField(default=False, db_index=True)
    hold_reasons = models.JSONField(default=list, blank=True)
    released_at = models.DateTimeField(null=True, blank=True)
    rejected_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"#{self.pk} ({self.side})"

    @property
    def visible_to_recipient(self) -> bool:
        return not self.held and self.rejected_at is None


class Report(models.Model):
    """A party's report of a request, quote or message to staff."""

    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    quote = models.ForeignKey(
        Quote, on_delete=models.CASCADE, null=True, blank=True, related_name="reports"
    )
    request = models.ForeignKey(
        SourcingRequest, on_delete=models.CASCADE, null=True, blank=True, related_name="reports"
    )
    reason = models.TextField(_("What is wrong?"))
    created_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"report #{self.pk}"


class Block(models.Model):
    """One party no longer wants to deal with the other: no more quotes or messages between them."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    producer = models.ForeignKey("producers.Producer", on_delete=models.CASCADE, related_name="+")
    by_side = models.CharField(max_length=12, choices=Message.Side.choices)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "producer"], name="trade_one_block")
        ]

    def __str__(self) -> str:
        return f"{self.organisation} x {self.producer}"

    @classmethod
    def between(cls, organisation, producer) -> bool:
        return cls.objects.filter(organisation=organisation, producer=producer).exists()


class AuditEntry(models.Model):
    """Who did what on the board, when: every transition, hold, release and report."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    action = models.CharField(max_length=40, db_index=True)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    request = models.ForeignKey(
        SourcingRequest, on_delete=models.CASCADE, null=True, blank=True, related_name="audit"
    )
    quote = models.ForeignKey(
        Quote, on_delete=models.CASCADE, null=True, blank=True, related_name="audit"
    )
    detail = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.action


from .slots import MeetingSlot  # noqa: E402, F401  (fairs' business-matching slots)
