"""Production batches, their journey, the codes printed for them and the scans of those codes."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.dispatch import Signal
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lib.i18n import pick
from producers.validators import validate_document, validate_image
from regions import units

from . import gs1
from .codes import SHORT_CODE_LENGTH, random_code
from .places import EventWhereWho, Party, Place  # noqa: F401 - registered here
from .thumbnails import photo_thumbnail
from .validators import validate_lot

# Sent after a batch or its journey changed, so whatever cached it forgets it (see lookup.py).
batch_changed = Signal()

APPEND_ONLY = _("The journey of a published batch is append-only: record a correction.")


class BatchQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Batch.Status.PUBLISHED)

    def for_user(self, user):
        """What a dashboard user may see and change: staff everything, a cooperative its own."""
        if not user.is_authenticated:
            return self.none()
        if user.is_staff:
            return self.all()
        return self.filter(partner__users=user)

    def update(self, **kwargs):
        """Bulk updates may not change what a published batch prints: see Batch.correct."""
        from .corrections import refuse_frozen_update

        refuse_frozen_update(self, kwargs)
        return super().update(**kwargs)


def _dated(folder: str, filename: str) -> str:
    return f"traceability/{folder}/{timezone.now():%Y/%m}/{filename}"


def attachment_path(instance, filename: str) -> str:
    return _dated("files", filename)


def label_path(instance, filename: str) -> str:
    # Label sheets hold unissued serials: an unguessable folder keeps them off listings.
    return _dated(f"labels/{secrets.token_hex(8)}", filename)


class Batch(models.Model):
    """A production batch (lot) of one product, registered by the cooperative that made it."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    product = models.ForeignKey(
        "catalogue.Product",
        verbose_name=_("Product"),
        on_delete=models.PROTECT,
        related_name="batches",
    )
    partner = models.ForeignKey(
        "partner.Partner",
        verbose_name=_("Cooperative"),
        on_delete=models.PROTECT,
        related_name="batches",
        help_text=_("The cooperative that sells the product owns its batches."),
    )
    lot = models.CharField(
        _("Lot code"),
        max_length=gs1.MAX_LOT_LENGTH,
        validators=[validate_lot],
        help_text=_(
            "Up to 20 characters: letters without accents, digits and "
            "! \" % & ' ( ) * + , - . / : ; < = > ? _ — no spaces. Printed codes never change."
        ),
    )
    # Frozen when the batch is published, so printed codes keep resolving if the product changes.
    gtin = models.CharField(_("GTIN-14"), max_length=14, blank=True, editable=False)
    short_code = models.CharField(_("Short code"), max_length=12, unique=True, editable=False)
    uri = models.CharField(_("Code URI"), max_length=255, blank=True, editable=False)
    produced_on = models.DateField(_("Production or harvest date"))
    expires_on = models.DateField(_("Expiry date"), null=True, blank=True)
    quantity = models.PositiveIntegerField(_("Quantity"))
    unit = models.CharField(
        _("Unit"), max_length=20, blank=True, help_text=_("e.g. bottles, kg, boxes")
    )
    origin_name = models.CharField(
        _("Growing area or workshop"), max_length=200, help_text=_("e.g. Đồi chè Tân Cương, lô 3")
    )
    growing_area_code = models.CharField(
        _("Growing area code"),
        max_length=40,
        blank=True,
        help_text=_("The registered growing-area code (mã số vùng trồng), where one exists."),
    )
    province_code = models.CharField(_("Province or city"), max_length=2)
    commune_code = models.CharField(_("Commune, ward or special zone"), max_length=5, blank=True)
    inputs = models.TextField(
        _("Inputs"),
        blank=True,
        help_text=_("Seeds, fertilisers, raw materials and where they came from."),
    )
    notes = models.TextField(_("Notes"), blank=True)
    status = models.CharField(
        _("Status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(_("Published at"), null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(_("Created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("Updated at"), auto_now=True)

    objects = BatchQuerySet.as_manager()

    class Meta:
        ordering = ["-produced_on", "-pk"]
        verbose_name = _("Batch")
        verbose_name_plural = _("Batches")
        constraints = [
            models.UniqueConstraint(
                fields=["product", "lot"], name="trace_batch_lot_unique_per_product"
            ),
            # Digital Link URIs resolve by GTIN and lot, so those must not meet twice either.
            models.UniqueConstraint(
                fields=["gtin", "lot"], condition=~Q(gtin=""), name="trace_batch_gtin_lot_unique"
            ),
        ]
        indexes = [models.Index(fields=["partner", "status"], name="trace_batch_partner_status")]

    def __str__(self) -> str:
        return f"{self.product.get_title()} – {self.lot}"

    def save(self, *args, **kwargs):
        from .corrections import refuse_frozen_changes

        if not self.short_code:
            self.short_code = random_code(SHORT_CODE_LENGTH)
        with transaction.atomic():  # what a published batch printed stays as it was
            refuse_frozen_changes(self, lock=True)
            super().save(*args, **kwargs)
        batch_changed.send(sender=Batch, batch=self)

    def get_absolute_url(self) -> str:
        return reverse("dashboard:trace-batch-detail", kwargs={"pk": self.pk})

    def clean(self) -> None:
        from .corrections import refuse_frozen_changes

        refuse_frozen_changes(self)

    def touch(self) -> None:
        """Start a new version: the origin page is cached per batch version."""
        self.updated_at = timezone.now()
        Batch.objects.filter(pk=self.pk).update(updated_at=self.updated_at)
        batch_changed.send(sender=Batch, batch=self)

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def province(self) -> units.Province | None:
        return units.province(self.province_code)

    @property
    def commune(self) -> units.Commune | None:
        return units.commune(self.commune_code) if self.commune_code else None

    @property
    def place(self) -> str:
        return units.place_label(self.origin_name, self.commune_code, self.province_code)

    # Codes

    @staticmethod
    def product_gtin(product) -> str:
        upc = (product.upc or "").strip()
        return gs1.to_gtin14(upc) if gs1.is_valid_gtin(upc) else ""

    def code_uri(self, base_url: str | None = None) -> str:
        """The URI printed for the batch: a GS1 Digital Link, or /t/<code> without a GTIN."""
        if self.uri and base_url is None:
            return self.uri
        base = (base_url or settings.TRACE_BASE_URL).rstrip("/")
        gtin = self.gtin or self.product_gtin(self.product)
        if gtin:
            return gs1.DigitalLink(gtin, self.lot).uri(base)
        return f"{base}/t/{self.short_code}"

    def serial_uri(self, serial: str) -> str:
        """The URI printed on one serialised unit of the batch."""
        if self.gtin:
            return f"{self.code_uri()}/{gs1.AI_SERIAL}/{gs1.encode_value(serial)}"
        base = self.code_uri().rsplit("/t/", 1)[0]
        return f"{base}/t/{serial}"

    def publish(self) -> None:
        """Freeze the codes and open the batch to scanners; its journey becomes append-only."""
        if self.is_published:
            return
        with transaction.atomic():
            stored = Batch.objects.select_for_update().filter(pk=self.pk).values("status")
            if stored.first() == {"status": self.Status.PUBLISHED}:
                self.refresh_from_db()  # published meanwhile (a second click): nothing to do
                return
            self.gtin = self.product_gtin(self.product)
            self.uri = self.code_uri(settings.TRACE_BASE_URL)
            self.status = self.Status.PUBLISHED
            self.published_at = timezone.now()
            self.save()

    def correct(self, changes: dict, reason: str, user) -> JourneyEvent:
        """Change what a published batch prints: recorded, with its reason, as a correction."""
        from .corrections import correct

        return correct(self, changes, reason, user)


class JourneyEvent(EventWhereWho, models.Model):
    """One step of a batch's journey, in the spirit of a GS1 EPCIS 2.0 event."""

    class Kind(models.TextChoices):
        CULTIVATION = "cultivation", _("Cultivation")
        HARVEST = "harvest", _("Harvest")
        PROCESSING = "processing", _("Processing")
        PACKING = "packing", _("Packing")
        INSPECTION = "inspection", _("Inspection")
        STORAGE = "storage", _("Storage")
        SHIPPING = "shipping", _("Shipping")
        RECEIVING = "receiving", _("Receiving")
        # Not a step: a change to the batch's printed facts after publication (corrections.py).
        CORRECTION = "correction", _("Correction")

    batch = models.ForeignKey(Batch, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("Step"), max_length=12, choices=Kind.choices)
    occurred_at = models.DateTimeField(_("When"))
    place = models.CharField(_("Where"), max_length=200)
    actor = models.CharField(
        _("Who"), max_length=200, help_text=_("The person, team or company that did it.")
    )
    description = models.TextField(_("What was done"), blank=True)
    description_en = models.TextField(_("What was done (English)"), blank=True)
    corrects = models.ForeignKey(
        "self",
        verbose_name=_("Corrects"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="corrections",
        help_text=_(
            "Once a batch is published its events cannot change: record a correction instead."
        ),
    )
    reason = models.TextField(
        _("Why is it corrected?"),
        max_length=1000,
        blank=True,
        help_text=_("Shown on the origin page beside the correction."),
    )
    # A correction of the batch: [{"field", "old", "new"}], values as JSON (dates ISO).
    changes = models.JSONField(_("Changes"), default=list, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(_("Recorded at"), auto_now_add=True)

    class Meta:
        ordering = ["occurred_at", "pk"]
        verbose_name = _("Journey event")
        verbose_name_plural = _("Journey events")
        indexes = [models.Index(fields=["batch", "occurred_at"], name="trace_event_batch_time")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.occurred_at:%Y-%m-%d}"

    def save(self, *args, **kwargs):
        if self.pk and self.batch.is_published:
            raise ValidationError(APPEND_ONLY)
        super().save(*args, **kwargs)
        self.batch.touch()

    def delete(self, *args, **kwargs):
        if self.batch.is_published:
            raise ValidationError(APPEND_ONLY)
        return super().delete(*args, **kwargs)

    def clean(self) -> None:
        if self.corrects_id and self.corrects.batch_id != self.batch_id:
            raise ValidationError(
                {"corrects": _("A correction must refer to an event of the same batch.")}
            )

    def get_description(self) -> str:
        return pick(self, "description")

    @property
    def is_batch_correction(self) -> bool:
        return self.kind == self.Kind.CORRECTION

    def changed_facts(self) -> list[tuple[str, object, object]]:
        """A batch correction's changes: (what, before, after), ready to show."""
        from .corrections import changed_facts

        return changed_facts(self)


class Attachment(models.Model):
    """A photo or document of a batch (test report, certificate) or of one of its events."""

    class Kind(models.TextChoices):
        PHOTO = "photo", _("Photo")
        TEST_REPORT = "test_report", _("Test report")
        CERTIFICATE = "certificate", _("Certificate")
        DOCUMENT = "document", _("Other document")

    batch = models.ForeignKey(Batch, on_delete=models.CASCADE, related_name="attachments")
    event = models.ForeignKey(
        JourneyEvent, on_delete=models.CASCADE, null=True, blank=True, related_name="attachments"
    )
    kind = models.CharField(_("Kind"), max_length=12, choices=Kind.choices)
    title = models.CharField(_("Title"), max_length=200, blank=True)
    file = models.FileField(_("File"), upload_to=attachment_path, max_length=255)
    # Made once on upload, so the origin page shows phone-sized photos without a lookup each.
    thumbnail = models.ImageField(
        upload_to=attachment_path, max_length=255, blank=True, editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("Attachment")
        verbose_name_plural = _("Attachments")

    def __str__(self) -> str:
        return self.title or self.file.name.rsplit("/", 1)[-1]

    def save(self, *args, **kwargs):
        if self.is_photo and self.file and not self.thumbnail:
            self.thumbnail = photo_thumbnail(self.file, self.file.name)
        super().save(*args, **kwargs)
        self.batch.touch()

    @property
    def is_photo(self) -> bool:
        return self.kind == self.Kind.PHOTO

    def clean(self) -> None:
        if self.file and not getattr(self.file, "_committed", True):
            (validate_image if self.is_photo else validate_document)(self.file)
        if self.event_id and self.event.batch_id != self.batch_id:
            raise ValidationError(_("The event belongs to another batch."))


class Scan(models.Model):
    """One view of an origin page: when, on what kind of device, and roughly where if allowed."""

    class Device(models.TextChoices):
        PHONE = "phone", _("Phone")
        TABLET = "tablet", _("Tablet")
        DESKTOP = "desktop", _("Computer")
        OTHER = "other", _("Other")

    batch = models.ForeignKey(Batch, on_delete=models.CASCADE, related_name="scans")
    serial = models.ForeignKey(
        "Serial", on_delete=models.CASCADE, null=True, blank=True, related_name="scans"
    )
    # Given when the scan is made, before it is written: a buffered scan written twice (a
    # flush retried after a crash) is one row (scan_buffer.py). Scans older than it have none.
    uid = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    scanned_at = models.DateTimeField(default=timezone.now)
    device = models.CharField(max_length=8, choices=Device.choices, default=Device.OTHER)
    # Coarse (one decimal, about 10 km) and only when the visitor agreed to share it.
    latitude = models.DecimalField(max_digits=4, decimal_places=1, null=True, blank=True)
    longitude = models.DecimalField(max_digits=4, decimal_places=1, null=True, blank=True)

    class Meta:
        ordering = ["-scanned_at"]
        verbose_name = _("Scan")
        verbose_name_plural = _("Scans")
        indexes = [
            models.Index(fields=["batch", "scanned_at"], name="trace_scan_batch_time"),
            models.Index(fields=["serial", "scanned_at"], name="trace_scan_serial_time"),
            # The batch code's own figures skip its units' scans without reading them.
            models.Index(
                fields=["batch", "scanned_at"],
                condition=Q(serial__isnull=True),
                name="trace_scan_batch_code_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.batch_id} {self.scanned_at:%Y-%m-%d %H:%M}"


class LabelRun(models.Model):
    """A sheet of labels being made for a batch: the batch code repeated, or new serials."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        RUNNING = "running", _("Generating")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    batch = models.ForeignKey(Batch, on_delete=models.CASCADE, related_name="label_runs")
    serialised = models.BooleanField(_("One new serial per label"), default=False)
    quantity = models.PositiveIntegerField(_("Number of labels"))
    # A key of data/label_layouts.json (label_layouts.py); the form offers only those.
    layout = models.CharField(_("Label layout"), max_length=20, default="a4-3x8")
    plain_paper = models.BooleanField(_("Plain paper, with cut marks"), default=False)
    scale_note = models.BooleanField(_("First page: “print at 100 %” and a ruler"), default=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    done = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    file = models.FileField(upload_to=label_path, blank=True, max_length=255)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("Label run")
        verbose_name_plural = _("Label runs")

    def __str__(self) -> str:
        return f"{self.batch} × {self.quantity}"

    @property
    def percent(self) -> int:
        return min(100, self.done * 100 // self.quantity) if self.quantity else 100

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)


class CounterfeitReport(models.Model):
    """A shopper's report of a code the marketplace does not know, or of a suspicious one."""

    code = models.CharField(_("Scanned code"), max_length=500)
    place = models.CharField(_("Where did you buy it?"), max_length=200, blank=True)
    message = models.TextField(_("What did you notice?"), max_length=2000, blank=True)
    contact = models.CharField(_("Your phone or e-mail (optional)"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    handled = models.BooleanField(_("Handled"), default=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("Counterfeit report")
        verbose_name_plural = _("Counterfeit reports")

    def __str__(self) -> str:
        return self.code[:80]


# Unit codes and their flags live in serials.py, by concept; imported here to be registered.
from .serials import FlagReview, Serial, SerialQuerySet  # noqa: E402, F401
