"""The Cooperative Development Support Fund, its provincial funds, and their loan programmes."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lib.i18n import TranslatedField
from regions import units


class Purpose(models.TextChoices):
    INVESTMENT = "investment", _("Investment")
    WORKING_CAPITAL = "working_capital", _("Working capital")
    VALUE_CHAIN = "value_chain", _("Value-chain project")
    OCOP_UPGRADE = "ocop_upgrade", _("OCOP product upgrade")


class Fund(models.Model):
    """A lender: the central fund (no province) or a province's fund, and who reviews for it."""

    name = models.CharField(_("Name"), max_length=200, unique=True)
    name_en = models.CharField(_("Name (English)"), max_length=200, blank=True)
    province_code = models.CharField(
        _("Province or city"),
        max_length=2,
        blank=True,
        db_index=True,
        help_text=_("Empty for the central fund, which lends in every province."),
    )
    email = models.EmailField(_("Email address"), blank=True)
    phone = models.CharField(_("Phone number"), max_length=40, blank=True)
    reviewers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Reviewers"),
        blank=True,
        related_name="finance_funds",
        help_text=_("Who reviews this fund's applications in the dashboard."),
    )

    tr_name = TranslatedField("name")

    class Meta:
        ordering = ["province_code", "name"]
        verbose_name = _("Fund")
        verbose_name_plural = _("Funds")

    def __str__(self) -> str:
        return str(self.tr_name)

    def clean(self) -> None:
        if self.province_code and units.province(self.province_code) is None:
            raise ValidationError({"province_code": _("Choose a province from the list.")})

    @property
    def is_central(self) -> bool:
        return not self.province_code

    @property
    def province_name(self) -> str:
        province = units.province(self.province_code) if self.province_code else None
        return province.name if province else ""


class ProgrammeQuerySet(models.QuerySet):
    def open(self):
        return self.filter(is_open=True)

    def for_province(self, province_code: str):
        """Programmes a cooperative of a province may look at: the central fund's and its own."""
        return self.filter(Q(fund__province_code="") | Q(fund__province_code=province_code))


class LoanProgramme(models.Model):
    """A loan programme as the fund publishes it: terms, rate and its date, documents needed.

    Who may apply is data: `rules_code` names a file in finance/data/eligibility/.
    """

    fund = models.ForeignKey(
        Fund, verbose_name=_("Fund"), on_delete=models.PROTECT, related_name="programmes"
    )
    name = models.CharField(_("Name"), max_length=200)
    name_en = models.CharField(_("Name (English)"), max_length=200, blank=True)
    purpose = models.CharField(_("Purpose"), max_length=20, choices=Purpose.choices)
    rules_code = models.CharField(
        _("Eligibility rules"),
        max_length=80,
        blank=True,
        help_text=_("The name of the programme's rules file in finance/data/eligibility/."),
    )
    min_amount = models.PositiveBigIntegerField(_("Minimum amount (VND)"), default=0)
    max_amount = models.PositiveBigIntegerField(_("Maximum amount (VND)"))
    max_term_months = models.PositiveSmallIntegerField(
        _("Longest term (months)"), validators=[MinValueValidator(1), MaxValueValidator(240)]
    )
    interest_rate = models.DecimalField(
        _("Interest rate (% a year)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    rate_effective_from = models.DateField(_("Rate in force since"))
    eligible_text = models.TextField(_("Who may apply"), blank=True)
    eligible_text_en = models.TextField(_("Who may apply (English)"), blank=True)
    collateral = models.TextField(_("Collateral"), blank=True)
    collateral_en = models.TextField(_("Collateral (English)"), blank=True)
    required_documents = models.JSONField(
        _("Documents needed"),
        default=list,
        blank=True,
        help_text=_("Kinds of document an application must include."),
    )
    contact = models.TextField(_("Contact"), blank=True)
    is_open = models.BooleanField(_("Open for applications"), default=True)

    objects = ProgrammeQuerySet.as_manager()

    tr_name = TranslatedField("name")
    tr_eligible_text = TranslatedField("eligible_text")
    tr_collateral = TranslatedField("collateral")

    class Meta:
        ordering = ["fund__province_code", "name"]
        verbose_name = _("Loan programme")
        verbose_name_plural = _("Loan programmes")

    def __str__(self) -> str:
        return str(self.tr_name)

    def clean(self) -> None:
        from finance import eligibility
        from finance.models.applications import DocumentKind

        errors = {}
        if self.rules_code:
            try:
                eligibility.load(self.rules_code)
            except eligibility.RulesError:
                errors["rules_code"] = _("There is no valid rules file with this name.")
        if self.max_amount is not None and self.min_amount and self.min_amount > self.max_amount:
            errors["min_amount"] = _("The minimum cannot be above the maximum.")
        unknown = set(self.required_documents or []) - set(DocumentKind.values)
        if unknown:
            errors["required_documents"] = _("Unknown kinds of document: %(kinds)s.") % {
                "kinds": ", ".join(sorted(map(str, unknown)))
            }
        if errors:
            raise ValidationError(errors)

    def document_kinds(self) -> list[tuple[str, str]]:
        """(kind, label) of each document the programme requires, in a fixed order."""
        from finance.models.applications import DocumentKind

        wanted = set(self.required_documents or [])
        return [(value, label) for value, label in DocumentKind.choices if value in wanted]
