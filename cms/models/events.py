"""Trade fairs and exhibitions, and cooperatives' applications for a booth."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.search import index

from cms.products import province_choices, province_name
from lib.i18n import TranslatedField

from .base import BasePage, IndexPage


class EventIndexPage(IndexPage):
    """Trade fairs and exhibitions: upcoming first, then past ones."""

    subpage_types = ["cms.EventPage"]

    class Meta:
        verbose_name = _("Fairs and exhibitions index")

    def events(self):
        return EventPage.objects.child_of(self).live().public().select_related("image")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        today = timezone.localdate()
        context["upcoming"] = self.events().filter(end_date__gte=today).order_by("start_date", "pk")
        context["past"] = self.events().filter(end_date__lt=today).order_by("-start_date", "-pk")
        return context


class EventPage(RoutablePageMixin, BasePage):
    """A trade fair or exhibition, with booth registration for approved cooperatives."""

    class Kind(models.TextChoices):
        FAIR = "fair", _("Trade fair")
        EXHIBITION = "exhibition", _("Exhibition")

    kind = models.CharField(_("Kind"), max_length=20, choices=Kind.choices, default=Kind.FAIR)
    start_date = models.DateField(_("Start date"))
    end_date = models.DateField(_("End date"))
    venue = models.CharField(_("Venue"), max_length=255)
    province_code = models.CharField(_("Province or city"), max_length=2, choices=province_choices)
    organiser = models.CharField(_("Organiser"), max_length=255, blank=True)
    summary = models.TextField(_("Summary"), blank=True)
    summary_en = models.TextField(_("Summary (English)"), blank=True)
    description = RichTextField(_("Description"), blank=True)
    description_en = RichTextField(_("Description (English)"), blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("Image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    booth_capacity = models.PositiveSmallIntegerField(
        _("Booths for cooperatives"),
        default=0,
        help_text=_("0 closes online booth registration."),
    )
    registration_deadline = models.DateField(
        _("Registration deadline"),
        null=True,
        blank=True,
        help_text=_("Last day cooperatives may apply; the day before the start when empty."),
    )

    tr_summary = TranslatedField("summary")
    tr_description = TranslatedField("description")

    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("kind"),
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
                FieldPanel("venue"),
                FieldPanel("province_code"),
                FieldPanel("organiser"),
            ],
            heading=_("When and where"),
        ),
        FieldPanel("summary"),
        FieldPanel("description"),
        FieldPanel("image"),
        MultiFieldPanel(
            [FieldPanel("booth_capacity"), FieldPanel("registration_deadline")],
            heading=_("Booth registration"),
        ),
    ]
    english_panels = BasePage.english_panels + [
        FieldPanel("summary_en"),
        FieldPanel("description_en"),
    ]
    edit_handler = BasePage.tabbed(content_panels, english_panels)
    search_fields = BasePage.search_fields + [
        index.SearchField("venue"),
        index.SearchField("summary"),
        index.SearchField("description"),
        index.FilterField("start_date"),
    ]
    search_text_fields = BasePage.search_text_fields + (
        "venue",
        "organiser",
        "summary",
        "summary_en",
        "description",
        "description_en",
    )

    parent_page_types = ["cms.EventIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("Fair or exhibition")

    def clean(self):
        super().clean()
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The event cannot end before it starts.")
        if (
            self.registration_deadline
            and self.end_date
            and self.registration_deadline > self.end_date
        ):
            errors["registration_deadline"] = _("Registration must close before the event ends.")
        if errors:
            raise ValidationError(errors)

    @property
    def province_name(self) -> str:
        return province_name(self.province_code)

    @property
    def last_registration_day(self):
        if self.registration_deadline:
            return self.registration_deadline
        return self.start_date - datetime.timedelta(days=1)

    @property
    def is_past(self) -> bool:
        return self.end_date < timezone.localdate()

    @property
    def registration_open(self) -> bool:
        return self.booth_capacity > 0 and timezone.localdate() <= self.last_registration_day

    def booths_taken(self) -> int:
        return self.booth_registrations.filter(status__in=BoothRegistration.HOLDS_A_BOOTH).count()

    def booths_left(self) -> int:
        return max(0, self.booth_capacity - self.booths_taken())

    def participants(self):
        """Accepted cooperatives with the products they bring, in a fixed number of queries."""
        from cms.products import card_queryset

        return (
            self.booth_registrations.filter(status=BoothRegistration.Status.ACCEPTED)
            .select_related("producer")
            .prefetch_related(Prefetch("products", queryset=card_queryset()))
            .order_by("producer__name")
        )

    def search_text(self) -> str:
        return f"{super().search_text()} {self.province_name}"

    @path("")
    def event(self, request, *args, **kwargs):
        return self.render(request)

    @path("register/", name="register")
    def register(self, request):
        from cms.views import booth_registration

        return booth_registration(request, self)

    @path("matching/", name="matching")
    def matching(self, request):
        from cms.matching import matching_slots

        return matching_slots(request, self)

    def get_context(self, request, *args, **kwargs):
        from trade.slots import MeetingSlot

        context = super().get_context(request, *args, **kwargs)
        context["participants"] = self.participants()
        context["register_url"] = self.url + self.reverse_subpage("register")
        if MeetingSlot.objects.filter(event=self).exists():
            context["matching_url"] = self.url + self.reverse_subpage("matching")
        return context


class BoothRegistration(models.Model):
    """A cooperative's application for a booth at a fair; staff accept or decline it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for review")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    HOLDS_A_BOOTH = (Status.PENDING, Status.ACCEPTED)

    event = models.ForeignKey(
        EventPage,
        verbose_name=_("Event"),
        on_delete=models.CASCADE,
        related_name="booth_registrations",
    )
    producer = models.ForeignKey(
        "producers.Producer",
        verbose_name=_("Cooperative"),
        on_delete=models.CASCADE,
        related_name="booth_registrations",
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Applicant"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    products = models.ManyToManyField(
        "catalogue.Product", verbose_name=_("Products exhibited"), blank=True, related_name="+"
    )
    contact_name = models.CharField(_("Contact person"), max_length=150)
    contact_phone = models.CharField(_("Contact phone"), max_length=40)
    note = models.TextField(_("Note"), blank=True)
    status = models.CharField(
        _("Status"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    created_at = models.DateTimeField(_("Applied at"), auto_now_add=True)
    decided_at = models.DateTimeField(_("Decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("Booth registration")
        verbose_name_plural = _("Booth registrations")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "producer"], name="cms_one_booth_per_cooperative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.producer} – {self.event.title}"

    def clean(self):
        # Staff accepting (or reopening) an application may not overbook the fair.
        if self.status in self.HOLDS_A_BOOTH and self.event_id:
            others = (
                BoothRegistration.objects.filter(
                    event_id=self.event_id, status__in=self.HOLDS_A_BOOTH
                )
                .exclude(pk=self.pk)
                .count()
            )
            if others >= self.event.booth_capacity:
                raise ValidationError(
                    {
                        "status": _("All %(count)s booths of this event are taken.")
                        % {"count": self.event.booth_capacity}
                    }
                )
