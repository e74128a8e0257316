"""A cooperative's loan application: its pre-check, documents (private), history, review."""

from __future__ import annotations

import os

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from producers.models import private_storage
from producers.validators import validate_document

from .programmes import LoanProgramme, Purpose


class DocumentKind(models.TextChoices):
    BUSINESS_PLAN = "business_plan", _("Business plan")
    FINANCIAL_STATEMENTS = "financial_statements", _("Financial statements")
    BUSINESS_REGISTRATION = "business_registration", _("Business registration")
    COLLATERAL = "collateral", _("Collateral papers")
    OCOP_CERTIFICATE = "ocop_certificate", _("OCOP certificate")
    OTHER = "other", _("Other document")


class EligibilityCheck(models.Model):
    """A cooperative's answers to the pre-check questions, kept so an application can cite them."""

    producer = models.ForeignKey(
        "producers.Producer",
        verbose_name=_("Cooperative"),
        on_delete=models.CASCADE,
        related_name="eligibility_checks",
    )
    product = models.ForeignKey(
        "catalogue.Product",
        verbose_name=_("Product concerned"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    answers = models.JSONField(_("Answers"), default=dict)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("Checked at"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("Eligibility pre-check")
        verbose_name_plural = _("Eligibility pre-checks")

    def __str__(self) -> str:
        return f"{self.producer_id} {self.created_at:%Y-%m-%d %H:%M}"


class ApplicationQuerySet(models.QuerySet):
    def of_cooperative_user(self, user):
        """The applications of the cooperatives a user belongs to; nobody else's."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(producer__partner__users=user)

    def reviewable_by(self, user):
        """A reviewer sees the applications to the programmes of the funds they review for."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        return self.filter(programme__fund__reviewers=user).exclude(
            status=LoanApplication.Status.DRAFT
        )

    def visible_to(self, user):
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        own = Q(producer__partner__users=user)
        reviewed = Q(programme__fund__reviewers=user) & ~Q(status=LoanApplication.Status.DRAFT)
        return self.filter(own | reviewed).distinct()


def document_path(instance, filename: str) -> str:
    # A random folder: a guessed name reaches nothing, and the file name stays the uploader's.
    return f"finance/{timezone.now():%Y/%m}/{os.urandom(8).hex()}/{filename}"


class LoanApplication(models.Model):
    """A cooperative's request for a loan under one programme, from draft to disbursement."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        UNDER_REVIEW = "under_review", _("Under review")
        MORE_DOCUMENTS = "more_documents", _("More documents needed")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")
        DISBURSED = "disbursed", _("Disbursed")

    #: Who may move an application where: the state machine, written once (finance/workflow.py).
    COOPERATIVE_STEPS = {
        Status.DRAFT: (Status.SUBMITTED,),
        Status.MORE_DOCUMENTS: (Status.SUBMITTED,),
    }
    REVIEWER_STEPS = {
        Status.SUBMITTED: (Status.UNDER_REVIEW, Status.DECLINED),
        Status.UNDER_REVIEW: (Status.MORE_DOCUMENTS, Status.APPROVED, Status.DECLINED),
        Status.APPROVED: (Status.DISBURSED,),
    }

    producer = models.ForeignKey(
        "producers.Producer",
        verbose_name=_("Cooperative"),
        on_delete=models.CASCADE,
        related_name="loan_applications",
    )
    programme = models.ForeignKey(
        LoanProgramme,
        verbose_name=_("Loan programme"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    eligibility_check = models.ForeignKey(
        EligibilityCheck,
        verbose_name=_("Eligibility pre-check"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="applications",
    )
    answers = models.JSONField(_("Pre-check answers"), default=dict, blank=True)
    amount = models.PositiveBigIntegerField(_("Amount (VND)"))
    term_months = models.PositiveSmallIntegerField(_("Term (months)"))
    purpose = models.CharField(_("Purpose"), max_length=20, choices=Purpose.choices)
    use_of_funds = models.TextField(_("What the loan is for"), max_length=4000)
    product = models.ForeignKey(
        "catalogue.Product",
        verbose_name=_("Product concerned"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="loan_applications",
    )
    ocop_rating = models.ForeignKey(
        "catalogue.OcopRating",
        verbose_name=_("OCOP certificate"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="loan_applications",
    )
    dossier = models.ForeignKey(
        "evaluation.Dossier",
        verbose_name=_("OCOP evaluation dossier"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="loan_applications",
    )
    certificate = models.ForeignKey(
        "evaluation.Certificate",
        verbose_name=_("OCOP certificate (evaluation)"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="loan_applications",
    )
    value_chain = models.ForeignKey(
        "producers.ValueChain",
        verbose_name=_("Value chain"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="loan_applications",
    )
    declares_true = models.BooleanField(
        _("The information and documents given are true and complete"), default=False
    )
    consents_to_share = models.BooleanField(
        _("The fund may check this information with the alliance and the authorities"),
        default=False,
    )
    status = models.CharField(
        _("Status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Filed by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("Created at"), default=timezone.now)
    submitted_at = models.DateTimeField(_("Submitted at"), null=True, blank=True)
    decided_at = models.DateTimeField(_("Decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    approved_amount = models.PositiveBigIntegerField(
        _("Approved amount (VND)"), null=True, blank=True
    )
    approved_rate = models.DecimalField(
        _("Approved rate (% a year)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    approved_term_months = models.PositiveSmallIntegerField(
        _("Approved term (months)"), null=True, blank=True
    )
    decline_reason = models.TextField(_("Reason for declining"), blank=True)
    documents_requested = models.TextField(_("Documents requested"), blank=True)
    disbursed_at = models.DateField(_("Disbursed on"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("Loan application")
        verbose_name_plural = _("Loan applications")
        permissions = [("review_application", _("Can review loan applications of own funds"))]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="finance_amount_positive"),
        ]

    def __str__(self) -> str:
        return _("Application %(number)s") % {"number": self.number}

    def get_absolute_url(self) -> str:
        return reverse("dashboard:finance-application", kwargs={"pk": self.pk})

    def get_review_url(self) -> str:
        return reverse("dashboard:finance-review", kwargs={"pk": self.pk})

    @property
    def number(self) -> str:
        return f"VV-{self.pk:06d}" if self.pk else "VV-?"

    def next_steps(self, *, reviewer: bool) -> tuple[str, ...]:
        steps = self.REVIEWER_STEPS if reviewer else self.COOPERATIVE_STEPS
        return steps.get(self.status, ())

    @property
    def is_editable(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.MORE_DOCUMENTS)

    def missing_documents(self) -> list[tuple[str, str]]:
        have = set(self.documents.values_list("kind", flat=True)) if self.pk else set()
        return [
            (kind, label) for kind, label in self.programme.document_kinds() if kind not in have
        ]


class ApplicationDocument(models.Model):
    """A file of an application, kept in private storage and served by a checked view."""

    application = models.ForeignKey(
        LoanApplication,
        verbose_name=_("Loan application"),
        on_delete=models.CASCADE,
        related_name="documents",
    )
    kind = models.CharField(_("Kind"), max_length=30, choices=DocumentKind.choices)
    file = models.FileField(
        _("File"),
        upload_to=document_path,
        storage=private_storage,
        max_length=255,
        validators=[validate_document],
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("Uploaded at"), default=timezone.now)

    class Meta:
        ordering = ["kind", "uploaded_at", "pk"]
        verbose_name = _("Application document")
        verbose_name_plural = _("Application documents")

    def __str__(self) -> str:
        return self.filename

    def get_absolute_url(self) -> str:
        return reverse(
            "dashboard:finance-document",
            kwargs={"pk": self.application_id, "document_pk": self.pk},
        )

    @property
    def filename(self) -> str:
        return self.file.name.rsplit("/", 1)[-1]


class ApplicationEvent(models.Model):
    """One step of an application's history: who moved it, from where to where, and why."""

    application = models.ForeignKey(
        LoanApplication, on_delete=models.CASCADE, related_name="events"
    )
    from_status = models.CharField(
        _("From"), max_length=20, choices=LoanApplication.Status.choices, blank=True
    )
    to_status = models.CharField(_("To"), max_length=20, choices=LoanApplication.Status.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    message = models.TextField(_("Message"), blank=True)
    created_at = models.DateTimeField(_("When"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("Application event")
        verbose_name_plural = _("Application events")

    def __str__(self) -> str:
        return f"{self.application_id}: {self.from_status} → {self.to_status}"


class ReviewNote(models.Model):
    """A reviewer's note on an application, seen only by the fund's reviewers."""

    application = models.ForeignKey(LoanApplication, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    text = models.TextField(_("Note"), max_length=4000)
    created_at = models.DateTimeField(_("Written at"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("Review note")
        verbose_name_plural = _("Review notes")

    def __str__(self) -> str:
        return self.text[:60]


class ChecklistTick(models.Model):
    """A review step done: its key comes from finance/data/checklist.json."""

    application = models.ForeignKey(LoanApplication, on_delete=models.CASCADE, related_name="ticks")
    key = models.CharField(max_length=40)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    done_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["done_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["application", "key"], name="finance_one_tick_per_key")
        ]

    def __str__(self) -> str:
        return self.key
