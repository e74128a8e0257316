"""Dossiers, their documents and history, officers' roles, council sessions and certificates.

The rules (which states follow which, who moves them, the score sheets) live in
`evaluation/workflow.py`, `evaluation/roles.py` and the rubric files under `evaluation/data/`;
these models hold what happened.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from producers.validators import validate_document


def private_storage():
    """Dossier documents are not public: served to those who may see the dossier."""
    from django.core.files.storage import storages

    return storages["private"]


def document_path(instance, filename: str) -> str:
    return f"evaluation/dossiers/{timezone.now():%Y/%m}/{filename}"


class State(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned for completion")
    COMMUNE_CHECKED = "commune_checked", _("Checked by the commune")
    PROVINCE_SCORING = "province_scoring", _("Province council scoring")
    PROVINCE_DECIDED = "province_decided", _("Decided by the province council")
    CENTRAL_SCORING = "central_scoring", _("Central council scoring")
    CENTRAL_DECIDED = "central_decided", _("Decided by the central council")
    CERTIFIED = "certified", _("Certified")
    NOT_CERTIFIED = "not_certified", _("Not certified")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Level(models.TextChoices):
    PROVINCE = "province", _("Province council")
    CENTRAL = "central", _("Central council")


class DossierQuerySet(models.QuerySet):
    def visible_to(self, user) -> DossierQuerySet:
        """The dossiers a user may open: see `evaluation.roles.dossiers_visible_to`."""
        from .roles import dossiers_visible_to

        return dossiers_visible_to(user, self)


class Dossier(models.Model):
    """A cooperative's application to have one product rated (a new one, or a renewal)."""

    producer = models.ForeignKey(
        "producers.Producer",
        verbose_name=_("Producer"),
        on_delete=models.CASCADE,
        related_name="ocop_dossiers",
    )
    product = models.ForeignKey(
        "catalogue.Product",
        verbose_name=_("Product"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="ocop_dossiers",
        help_text=_("Empty for a product not yet in the shop."),
    )
    product_name = models.CharField(_("Product name"), max_length=255)
    product_set = models.CharField(
        _("Product set"), max_length=20, help_text=_("The score sheet the product is rated on.")
    )
    province_code = models.CharField(_("Province or city"), max_length=2, db_index=True)
    commune_code = models.CharField(_("Commune, ward or special zone"), max_length=5, db_index=True)
    year = models.PositiveSmallIntegerField(_("Cycle year"), db_index=True)
    state = models.CharField(
        _("State"), max_length=20, choices=State.choices, default=State.DRAFT, db_index=True
    )
    # The rubric in force on the day of submission, copied whole: a later decision never
    # changes the sheet a dossier was submitted under.
    rubric_version = models.CharField(_("Rubric version"), max_length=40, blank=True)
    rubric = models.JSONField(_("Score sheet"), default=dict, blank=True, editable=False)
    self_assessment = models.JSONField(_("Self-assessment"), default=dict, blank=True)
    story = models.TextField(_("Product description and story"), blank=True)
    women_led = models.BooleanField(_("Run by women"), default=False)
    ethnic_minority = models.BooleanField(_("Ethnic-minority producers"), default=False)
    missing = models.TextField(_("What is missing"), blank=True)
    reasons = models.TextField(_("Reasons (not certified)"), blank=True)
    commune_scores = models.JSONField(_("Commune scores"), default=dict, blank=True)
    commune_report = models.FileField(
        _("Commune evaluation report"),
        upload_to=document_path,
        storage=private_storage,
        blank=True,
        validators=[validate_document],
    )
    score = models.DecimalField(_("Score"), max_digits=5, decimal_places=2, null=True, blank=True)
    renewal_of = models.ForeignKey(
        "Certificate",
        verbose_name=_("Renews certificate"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="renewals",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("Created at"), default=timezone.now)
    submitted_at = models.DateTimeField(_("Submitted at"), null=True, blank=True)
    updated_at = models.DateTimeField(_("Updated at"), auto_now=True)

    objects = DossierQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("OCOP dossier")
        verbose_name_plural = _("OCOP dossiers")
        indexes = [models.Index(fields=["province_code", "year", "state"])]

    def __str__(self) -> str:
        return f"{self.product_name} ({self.get_state_display()})"

    def get_absolute_url(self) -> str:
        return reverse("evaluation:dossier", kwargs={"pk": self.pk})

    @property
    def is_editable(self) -> bool:
        return self.state in (State.DRAFT, State.RETURNED)


class Document(models.Model):
    """One file of a dossier: the application form, the business plan, a test report…"""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("Document"), max_length=40)
    file = models.FileField(
        _("File"), upload_to=document_path, storage=private_storage, validators=[validate_document]
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["kind", "pk"]
        verbose_name = _("Dossier document")
        verbose_name_plural = _("Dossier documents")

    def __str__(self) -> str:
        return f"{self.kind}: {self.file.name}"


class Event(models.Model):
    """A move of a dossier from one state to another: who, when, why."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="events")
    from_state = models.CharField(max_length=20, choices=State.choices, blank=True)
    to_state = models.CharField(max_length=20, choices=State.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    note = models.TextField(blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.from_state} → {self.to_state}"


class Role(models.TextChoices):
    COMMUNE_OFFICER = "commune_officer", _("Commune officer")
    PROVINCE_SECRETARY = "province_secretary", _("Province OCOP office / council secretary")
    COUNCIL_MEMBER = "council_member", _("Council member")
    CENTRAL_COUNCIL = "central_council", _("Central council")


class OfficerRole(models.Model):
    """A person's part in the cycle, and the place it covers."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="ocop_roles"
    )
    role = models.CharField(_("Role"), max_length=20, choices=Role.choices)
    province_code = models.CharField(_("Province or city"), max_length=2, blank=True)
    commune_code = models.CharField(_("Commune, ward or special zone"), max_length=5, blank=True)

    class Meta:
        verbose_name = _("OCOP officer role")
        verbose_name_plural = _("OCOP officer roles")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "province_code", "commune_code"],
                name="evaluation_role_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} {self.province_code}{self.commune_code}"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        from .roles import sync_group

        sync_group(self)


class Session(models.Model):
    """A council meeting: the dossiers it rates, who sat, the notes and the decision."""

    level = models.CharField(_("Level"), max_length=10, choices=Level.choices)
    province_code = models.CharField(_("Province or city"), max_length=2, blank=True)
    title = models.CharField(_("Title"), max_length=200)
    held_on = models.DateField(_("Held on"))
    secretary = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Secretary"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    dossiers = models.ManyToManyField(
        Dossier, through="SessionDossier", related_name="sessions", blank=True
    )
    notes = models.TextField(_("Discussion notes"), blank=True)
    decision_number = models.CharField(_("Decision number"), max_length=80, blank=True)
    decision_date = models.DateField(_("Decision date"), null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("Council session")
        verbose_name_plural = _("Council sessions")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("evaluation:session", kwargs={"pk": self.pk})


class Seat(models.Model):
    """A council member's seat in a session, and whether they came."""

    class Kind(models.TextChoices):
        CHAIR = "chair", _("Chair")
        MEMBER = "member", _("Member")

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="seats")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="ocop_seats"
    )
    kind = models.CharField(_("Seat"), max_length=10, choices=Kind.choices, default=Kind.MEMBER)
    body = models.CharField(
        _("Department or body"),
        max_length=120,
        blank=True,
        help_text=_("e.g. the cooperative alliance"),
    )
    present = models.BooleanField(_("Present"), default=False)

    class Meta:
        ordering = ["session", "-kind", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["session", "user"], name="evaluation_seat_unique"),
            models.UniqueConstraint(
                fields=["session"], condition=Q(kind="chair"), name="evaluation_one_chair"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.kind})"


class SessionDossier(models.Model):
    """A dossier on a session's agenda: its scoring round and, once finalised, its score."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="items")
    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="session_items")
    round = models.PositiveSmallIntegerField(default=1)
    score = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    parts = models.JSONField(default=dict, blank=True)
    finalised_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["session", "dossier"], name="evaluation_item_unique")
        ]

    def __str__(self) -> str:
        return f"{self.session_id}/{self.dossier_id}"


class ScoreSheet(models.Model):
    """One member's scores for one dossier in one round; earlier rounds are kept."""

    item = models.ForeignKey(SessionDossier, on_delete=models.CASCADE, related_name="sheets")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="ocop_sheets"
    )
    round = models.PositiveSmallIntegerField(default=1)
    scores = models.JSONField(default=dict)
    part_a = models.PositiveSmallIntegerField(default=0)
    part_b = models.PositiveSmallIntegerField(default=0)
    part_c = models.PositiveSmallIntegerField(default=0)
    bonus = models.PositiveSmallIntegerField(default=0)
    total = models.PositiveSmallIntegerField(default=0, validators=[MaxValueValidator(100)])
    submitted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["round", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["item", "member", "round"], name="evaluation_sheet_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.member} r{self.round}: {self.total}"


class CertificateQuerySet(models.QuerySet):
    def current(self, on: datetime.date | None = None) -> CertificateQuerySet:
        on = on or timezone.localdate()
        return self.filter(revoked_on__isnull=True, expires_on__gte=on)


class Certificate(models.Model):
    """An OCOP certificate as issued; its verification page reads this row, never the PDF."""

    class Status(models.TextChoices):
        VALID = "valid", _("Valid")
        EXPIRED = "expired", _("Expired")
        REVOKED = "revoked", _("Revoked")

    number = models.CharField(_("Certificate number"), max_length=80, unique=True)
    dossier = models.OneToOneField(Dossier, on_delete=models.CASCADE, related_name="certificate")
    product = models.ForeignKey(
        "catalogue.Product",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="ocop_certificates",
    )
    producer = models.ForeignKey(
        "producers.Producer", on_delete=models.CASCADE, related_name="ocop_certificates"
    )
    product_name = models.CharField(_("Product name"), max_length=255)
    stars = models.PositiveSmallIntegerField(_("Stars"))
    score = models.DecimalField(_("Score"), max_digits=5, decimal_places=2)
    level = models.CharField(_("Level"), max_length=10, choices=Level.choices)
    authority_name = models.CharField(_("Issued by"), max_length=200)
    decision_number = models.CharField(_("Decision number"), max_length=80)
    issued_on = models.DateField(_("Issue date"))
    expires_on = models.DateField(_("Expiry date"), db_index=True)
    revoked_on = models.DateField(_("Revoked on"), null=True, blank=True)
    revocation_decision = models.CharField(_("Revocation decision"), max_length=80, blank=True)
    revocation_reason = models.TextField(_("Reason for revocation"), blank=True)
    expiry_applied = models.BooleanField(default=False, editable=False)

    objects = CertificateQuerySet.as_manager()

    class Meta:
        ordering = ["-issued_on", "-pk"]
        verbose_name = _("OCOP certificate")
        verbose_name_plural = _("OCOP certificates")

    def __str__(self) -> str:
        return self.number

    def get_absolute_url(self) -> str:
        return reverse("evaluation:verify", kwargs={"number": self.number})

    def status(self, on: datetime.date | None = None) -> str:
        on = on or timezone.localdate()
        if self.revoked_on is not None:
            return self.Status.REVOKED
        if self.expires_on < on:
            return self.Status.EXPIRED
        return self.Status.VALID


class Reminder(models.Model):
    """A renewal invitation sent for a certificate, once per threshold (120, 60, 30 days)."""

    certificate = models.ForeignKey(Certificate, on_delete=models.CASCADE, related_name="reminders")
    days_before = models.PositiveSmallIntegerField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["certificate", "days_before"], name="evaluation_reminder_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.certificate_id} −{self.days_before}d"
