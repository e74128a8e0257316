"""Cooperatives that sell on the marketplace: their profile, certifications and status."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.files.storage import storages
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from phonenumber_field.modelfields import PhoneNumberField
from wagtail.fields import RichTextField

from lib.html import clean_html
from lib.i18n import pick
from regions import units

from .validators import validate_document, validate_image

RESERVED_SLUGS = {"apply", "applications"}  # the URLs beside /producers/<slug>/


class LegalForm(models.TextChoices):
    HTX = "htx", _("Cooperative (HTX)")
    LIEN_HIEP_HTX = "lien_hiep_htx", _("Union of cooperatives")
    TO_HOP_TAC = "to_hop_tac", _("Cooperative group")
    DOANH_NGHIEP = "doanh_nghiep", _("Enterprise")
    HO_KINH_DOANH = "ho_kinh_doanh", _("Household business")


class ValueChain(models.Model):
    """A value chain (chuỗi giá trị) that cooperatives take part in, e.g. Buôn Ma Thuột coffee."""

    name = models.CharField(_("Name"), max_length=200, unique=True)
    name_en = models.CharField(_("Name (English)"), max_length=200, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("Value chain")
        verbose_name_plural = _("Value chains")

    def __str__(self) -> str:
        return pick(self, "name")


class ProducerQuerySet(models.QuerySet):
    def approved(self):
        """What the public sees: approved cooperatives with their shop partner."""
        return self.filter(status=Producer.Status.APPROVED, partner__isnull=False)

    def pending(self):
        return self.filter(status=Producer.Status.APPLIED)

    def for_listing(self):
        """Approved cooperatives with what a listing card needs, in a fixed number of queries."""
        return (
            self.approved()
            .select_related("partner")
            .prefetch_related("certifications")
            .annotate(
                product_count=Count(
                    "partner__stockrecords__product",
                    filter=Q(partner__stockrecords__product__is_public=True),
                    distinct=True,
                )
            )
            .order_by("name")
        )

    def duplicates_of(self, producer: Producer):
        """Other records with the same registration number or tax code."""
        match = Q(registration_number__iexact=producer.registration_number)
        if producer.tax_code:
            match |= Q(tax_code=producer.tax_code)
        return self.filter(match).exclude(pk=producer.pk)

    def editable_by(self, user):
        """The producers whose profile a user may edit: staff all, a cooperative's users their own."""
        if user.is_staff:
            return self.all()
        return self.filter(partner__users=user)


def private_storage():
    """Not under /media/: served to staff and the cooperative by a checked view."""
    return storages["private"]


def _dated(folder: str, filename: str) -> str:
    return f"producers/{folder}/{timezone.now():%Y/%m}/{filename}"


def logo_path(instance, filename: str) -> str:
    return _dated("logos", filename)


def registration_path(instance, filename: str) -> str:
    return _dated("registrations", filename)


def certificate_path(instance, filename: str) -> str:
    return _dated("certificates", filename)


def photo_path(instance, filename: str) -> str:
    return _dated("photos", filename)


class Producer(models.Model):
    """A seller (chủ thể OCOP): a cooperative's profile, one-to-one with Oscar's Partner once approved."""

    class Status(models.TextChoices):
        APPLIED = "applied", _("Applied")
        APPROVED = "approved", _("Approved")
        SUSPENDED = "suspended", _("Suspended")
        REJECTED = "rejected", _("Rejected")

    partner = models.OneToOneField(
        "partner.Partner",
        verbose_name=_("Shop partner"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="producer",
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Applicant"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="producer_applications",
    )
    slug = models.SlugField(_("Slug"), max_length=120, unique=True, allow_unicode=False)
    name = models.CharField(_("Legal name"), max_length=255)
    short_name = models.CharField(_("Short name"), max_length=120)
    legal_form = models.CharField(
        _("Legal form"), max_length=20, choices=LegalForm.choices, default=LegalForm.HTX
    )
    registration_number = models.CharField(
        _("Registration number"),
        max_length=40,
        unique=True,
        error_messages={
            "unique": _("A cooperative with this registration number is already registered.")
        },
    )
    tax_code = models.CharField(_("Tax code"), max_length=20, blank=True, db_index=True)
    founded = models.PositiveSmallIntegerField(
        _("Year founded"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1945), MaxValueValidator(2100)],
    )
    members = models.PositiveIntegerField(_("Number of members"), null=True, blank=True)
    representative = models.CharField(_("Legal representative"), max_length=150)
    phone = PhoneNumberField(_("Phone number"), region="VN")
    email = models.EmailField(_("Email address"))
    street = models.CharField(_("Street address"), max_length=255, blank=True)
    province_code = models.CharField(_("Province or city"), max_length=2, db_index=True)
    commune_code = models.CharField(_("Commune, ward or special zone"), max_length=5)
    story = RichTextField(_("Story"), blank=True)
    story_en = RichTextField(_("Story (English)"), blank=True)
    logo = models.ImageField(
        _("Logo"), upload_to=logo_path, blank=True, validators=[validate_image]
    )
    registration_certificate = models.FileField(
        _("Business registration certificate"),
        upload_to=registration_path,
        storage=private_storage,
        blank=True,
        validators=[validate_document],
    )
    value_chains = models.ManyToManyField(
        ValueChain, verbose_name=_("Value chains"), blank=True, related_name="producers"
    )
    status = models.CharField(
        _("Status"), max_length=12, choices=Status.choices, default=Status.APPLIED, db_index=True
    )
    applied_at = models.DateTimeField(_("Applied at"), default=timezone.now)
    approved_at = models.DateTimeField(_("Approved at"), null=True, blank=True)
    suspended_at = models.DateTimeField(_("Suspended at"), null=True, blank=True)
    rejected_at = models.DateTimeField(_("Rejected at"), null=True, blank=True)
    rejection_reason = models.TextField(_("Reason for rejection"), blank=True)
    # Products hidden by a suspension, so that reinstating brings back only those.
    hidden_product_ids = models.JSONField(default=list, blank=True, editable=False)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Reviewed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("Updated at"), auto_now=True)

    objects = ProducerQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("Producer")
        verbose_name_plural = _("Producers")

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = self.unique_slug()
        # Applicants and cooperatives write the story: only the allow-list is stored.
        self.story = clean_html(self.story)
        self.story_en = clean_html(self.story_en)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("producers:detail", kwargs={"slug": self.slug})

    def unique_slug(self) -> str:
        base = (
            slugify((self.short_name or self.name).replace("đ", "d").replace("Đ", "D"))[:100]
            or "htx"
        )
        if base in RESERVED_SLUGS:
            base = f"{base}-htx"
        slug, n = base, 2
        while Producer.objects.filter(slug=slug).exclude(pk=self.pk).exists():
            slug, n = f"{base}-{n}", n + 1
        return slug

    # The map

    @property
    def province(self) -> units.Province | None:
        return units.province(self.province_code)

    @property
    def commune(self) -> units.Commune | None:
        return units.commune(self.commune_code)

    @property
    def address(self) -> str:
        return units.place_label(self.street, self.commune_code, self.province_code)

    # Status

    @property
    def is_public(self) -> bool:
        return self.status == self.Status.APPROVED and self.partner_id is not None

    def get_story(self) -> str:
        return pick(self, "story")

    def products(self):
        """The cooperative's products that buyers can see."""
        from oscar.core.loading import get_model

        Product = get_model("catalogue", "Product")
        if not self.partner_id:
            return Product.objects.none()
        return Product.objects.filter(
            stockrecords__partner_id=self.partner_id, is_public=True
        ).distinct()

    def ocop_rated_count(self) -> int | None:
        """How many of its products hold a certified, unexpired OCOP rating (None if unrated)."""
        products = self.products()
        if not hasattr(products, "ocop_certified"):
            return None
        return products.ocop_certified().count()


class Certification(models.Model):
    """A certificate the cooperative holds: VietGAP, organic, HACCP, ISO 22000, a geographical indication…"""

    class Kind(models.TextChoices):
        VIETGAP = "vietgap", "VietGAP"
        GLOBALGAP = "globalgap", "GlobalG.A.P."
        ORGANIC = "organic", _("Organic")
        HACCP = "haccp", "HACCP"
        ISO22000 = "iso22000", "ISO 22000"
        GI = "gi", _("Geographical indication")
        OTHER = "other", _("Other")

    producer = models.ForeignKey(Producer, on_delete=models.CASCADE, related_name="certifications")
    kind = models.CharField(_("Certification"), max_length=20, choices=Kind.choices)
    number = models.CharField(_("Certificate number"), max_length=80, blank=True)
    issuer = models.CharField(_("Issued by"), max_length=200, blank=True)
    expires_on = models.DateField(_("Expires on"), null=True, blank=True)
    document = models.FileField(
        _("Certificate document"),
        upload_to=certificate_path,
        blank=True,
        validators=[validate_document],
    )

    class Meta:
        ordering = ["kind", "expires_on"]
        verbose_name = _("Certification")
        verbose_name_plural = _("Certifications")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}".strip()

    @property
    def is_expired(self) -> bool:
        return self.expires_on is not None and self.expires_on < datetime.date.today()


class ProducerPhoto(models.Model):
    """A photo in the cooperative's gallery: fields, workshop, members."""

    producer = models.ForeignKey(Producer, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(_("Photo"), upload_to=photo_path, validators=[validate_image])
    caption = models.CharField(_("Caption"), max_length=200, blank=True)
    display_order = models.PositiveSmallIntegerField(_("Display order"), default=0)

    class Meta:
        ordering = ["display_order", "pk"]
        verbose_name = _("Photo")
        verbose_name_plural = _("Photos")

    def __str__(self) -> str:
        return self.caption or self.image.name


class InvitationQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=Invitation.Status.PENDING)


class Invitation(models.Model):
    """An e-mailed invitation to run a cooperative's shop, accepted or declined by the person
    signed in with that address; nobody joins a cooperative without saying yes."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    producer = models.ForeignKey(
        Producer, verbose_name=_("Producer"), on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("Email address"))
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Invited by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    status = models.CharField(
        _("Status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    sent_at = models.DateTimeField(_("Sent at"), default=timezone.now)
    answered_at = models.DateTimeField(_("Answered at"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Answered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-sent_at", "-pk"]
        verbose_name = _("Invitation")
        verbose_name_plural = _("Invitations")
        constraints = [
            models.UniqueConstraint(
                fields=["producer", "email"],
                condition=Q(status="pending"),
                name="producer_one_pending_invitation_per_email",
            )
        ]

    def __str__(self) -> str:
        return f"{self.email} → {self.producer}"

    @property
    def is_pending(self) -> bool:
        return self.status == self.Status.PENDING
