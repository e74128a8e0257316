"""Legal pages with a version and an effective date, and who accepted which version.

E-commerce Law 122/2025/QH15 (in force 1 July 2026), like Decree 52/2013 before it: a
marketplace publishes its operating rules (the parties' rights and duties, seller checks,
listing rules, ordering, payment, delivery, returns and complaints, disputes, personal data,
how listings are ranked), its terms and its registration with the Ministry of Industry and
Trade. PDP Law 91/2025/QH15, Art. 9: a privacy notice tells people what is processed and why.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField

from lib.i18n import TranslatedField

from .base import BasePage


class LegalPage(BasePage):
    """One legal text (operating rules, terms of sale, privacy notice, registration notice)."""

    class Kind(models.TextChoices):
        OPERATING_RULES = "operating_rules", _("Operating rules")
        TERMS_OF_SALE = "terms_of_sale", _("Terms of sale")
        PRIVACY_NOTICE = "privacy_notice", _("Privacy notice")
        REGISTRATION = "registration", _("Registration with the authority")

    kind = models.CharField(
        _("Kind"),
        max_length=20,
        choices=Kind.choices,
        unique=True,
        help_text=_("One page of each kind; the footer links to each."),
    )
    version = models.CharField(
        _("Version"),
        max_length=20,
        help_text=_(
            "Change it when the text changes in substance: signed-in users are asked to accept "
            "the new version where acceptance is required."
        ),
    )
    effective_date = models.DateField(_("In effect from"), default=timezone.localdate)
    requires_acceptance = models.BooleanField(
        _("Users accept it"),
        default=False,
        help_text=_("Operating rules and terms: users accept each new version."),
    )
    body = RichTextField(_("Text"))
    body_en = RichTextField(_("Text (English)"), blank=True)
    tr_body = TranslatedField("body")

    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("kind"),
                FieldPanel("version"),
                FieldPanel("effective_date"),
                FieldPanel("requires_acceptance"),
            ],
            heading=_("Version"),
        ),
        FieldPanel("body"),
    ]
    english_panels = BasePage.english_panels + [FieldPanel("body_en")]
    edit_handler = BasePage.tabbed(content_panels, english_panels)
    search_text_fields = BasePage.search_text_fields + ("body", "body_en")
    parent_page_types = ["cms.HomePage"]
    subpage_types: list[str] = []
    template = "cms/legal_page.html"

    class Meta:
        verbose_name = _("Legal page")
        verbose_name_plural = _("Legal pages")


class LegalAcceptance(models.Model):
    """A signed-in user accepted this version of a legal page."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="legal_acceptances"
    )
    kind = models.CharField(_("Kind"), max_length=20, choices=LegalPage.Kind.choices)
    version = models.CharField(_("Version"), max_length=20)
    accepted_at = models.DateTimeField(_("Accepted at"), default=timezone.now)

    class Meta:
        ordering = ["-accepted_at"]
        verbose_name = _("Acceptance of a legal page")
        verbose_name_plural = _("Acceptances of legal pages")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind", "version"], name="cms_accept_once_per_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.kind} {self.version}"
