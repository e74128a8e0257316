"""Training for cooperative leaders: courses, their sessions and who registered and attended."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable
from wagtail.search import index

from cms.blocks import material_blocks
from lib.i18n import TranslatedField

from .base import BasePage, IndexPage


class TrainingIndexPage(IndexPage):
    """The training programme: every course with its next session."""

    subpage_types = ["cms.CoursePage"]

    class Meta:
        verbose_name = _("Training index")

    def courses(self):
        return CoursePage.objects.child_of(self).live().public().order_by("title")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["courses"] = self.courses()
        return context


class CoursePage(RoutablePageMixin, BasePage):
    """A training course: what it teaches, its materials, and sessions cooperatives register for."""

    summary = models.TextField(_("Summary"), blank=True)
    summary_en = models.TextField(_("Summary (English)"), blank=True)
    audience = models.CharField(_("For whom"), max_length=255, blank=True)
    audience_en = models.CharField(_("For whom (English)"), max_length=255, blank=True)
    body = RichTextField(_("Programme"), blank=True)
    body_en = RichTextField(_("Programme (English)"), blank=True)
    materials = StreamField(material_blocks(), verbose_name=_("Materials"), blank=True)

    tr_summary = TranslatedField("summary")
    tr_audience = TranslatedField("audience")
    tr_body = TranslatedField("body")

    content_panels = BasePage.content_panels + [
        FieldPanel("summary"),
        FieldPanel("audience"),
        FieldPanel("body"),
        FieldPanel("materials"),
        InlinePanel("sessions", label=_("Sessions")),
    ]
    english_panels = BasePage.english_panels + [
        FieldPanel("summary_en"),
        FieldPanel("audience_en"),
        FieldPanel("body_en"),
    ]
    edit_handler = BasePage.tabbed(content_panels, english_panels)
    search_fields = BasePage.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
    ]
    search_text_fields = BasePage.search_text_fields + (
        "summary",
        "summary_en",
        "audience",
        "audience_en",
        "body",
        "body_en",
    )

    parent_page_types = ["cms.TrainingIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("Training course")

    def session_list(self):
        """Sessions with their registration counts, soonest first."""
        return self.sessions.annotate(registered=Count("registrations")).order_by("starts_at", "pk")

    @path("")
    def course(self, request, *args, **kwargs):
        return self.render(request)

    @path("sessions/<int:session_id>/register/", name="register")
    def register(self, request, session_id: int):
        from cms.views import session_registration

        return session_registration(request, self, session_id)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        sessions = list(self.session_list())
        for session in sessions:
            session.register_url = self.url + self.reverse_subpage("register", args=[session.pk])
        context["sessions"] = sessions
        return context


class TrainingSession(Orderable):
    """One run of a course, at a place or online, with a capacity."""

    course = ParentalKey(CoursePage, on_delete=models.CASCADE, related_name="sessions")
    starts_at = models.DateTimeField(_("Starts at"))
    ends_at = models.DateTimeField(_("Ends at"), null=True, blank=True)
    place = models.CharField(_("Place"), max_length=255, blank=True)
    online_url = models.URLField(_("Online link"), blank=True)
    capacity = models.PositiveSmallIntegerField(_("Places"), default=30)

    panels = [
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
        FieldPanel("place"),
        FieldPanel("online_url"),
        FieldPanel("capacity"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("Training session")
        verbose_name_plural = _("Training sessions")

    def __str__(self) -> str:
        when = (
            timezone.localtime(self.starts_at).strftime("%d/%m/%Y %H:%M") if self.starts_at else ""
        )
        return f"{self.course.title} – {when}"

    def clean(self):
        super().clean()
        errors = {}
        if self.ends_at and self.starts_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("A session must end after it starts.")
        if not self.place and not self.online_url:
            errors["place"] = _("Give a place, an online link, or both.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_open(self) -> bool:
        return self.starts_at > timezone.now()

    def places_left(self) -> int:
        registered = getattr(self, "registered", None)
        if registered is None:
            registered = self.registrations.count()
        return max(0, self.capacity - registered)


class SessionRegistration(models.Model):
    """A cooperative user's place in a training session, and whether they attended."""

    session = models.ForeignKey(
        TrainingSession,
        verbose_name=_("Session"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    producer = models.ForeignKey(
        "producers.Producer",
        verbose_name=_("Cooperative"),
        on_delete=models.CASCADE,
        related_name="training_registrations",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("User"), on_delete=models.CASCADE, related_name="+"
    )
    participant_name = models.CharField(_("Participant"), max_length=150)
    participant_role = models.CharField(_("Role in the cooperative"), max_length=100, blank=True)
    phone = models.CharField(_("Phone number"), max_length=40)
    attended = models.BooleanField(_("Attended"), default=False)
    created_at = models.DateTimeField(_("Registered at"), auto_now_add=True)

    class Meta:
        ordering = ["session__starts_at", "created_at"]
        verbose_name = _("Training registration")
        verbose_name_plural = _("Training registrations")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "user"], name="cms_one_training_place_per_user"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.participant_name} – {self.session}"
