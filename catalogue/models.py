from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from oscar.apps.catalogue.abstract_models import AbstractCategory, AbstractProduct
from oscar.apps.catalogue.managers import ProductQuerySet
from oscar.core.loading import get_model
from oscar.models.fields import NullCharField
from wagtail.fields import RichTextField

from catalogue.rating_rules import CENTRAL, PROVINCE, current_rules
from catalogue.validators import validate_gtin
from lib.html import clean_html
from lib.i18n import pick, wants_english
from lib.text import search_text


def today() -> datetime.date:
    return timezone.localdate()


class Category(AbstractCategory):
    """Oscar's category with an English name beside the Vietnamese one."""

    name_en = models.CharField(_("Name (English)"), max_length=255, blank=True)

    def get_name(self) -> str:
        """The name in the visitor's language, Vietnamese when no translation exists."""
        return pick(self, "name")


class OcopProductQuerySet(ProductQuerySet):
    def ocop_certified(self, on: datetime.date | None = None):
        """Products holding a certified OCOP rating that has not expired."""
        return self.filter(certified_rating_q(on, prefix="ocop_rating__"))

    def for_cards(self):
        """What a product card renders (badge, producer, price, image) in a fixed number of queries.

        Leaner than Oscar's `base_queryset`: listings hold standalone products, so children
        and options are not prefetched; the `has_*_options` flags stand in for them.
        """
        Option = get_model("catalogue", "Option")
        return (
            self.select_related("product_class", "ocop_rating", "producer")
            .annotate(
                has_product_class_options=Exists(
                    Option.objects.filter(productclass=OuterRef("product_class"))
                ),
                has_product_options=Exists(Option.objects.filter(product=OuterRef("pk"))),
            )
            .prefetch_related("stockrecords", "images")
        )


def certified_rating_q(on: datetime.date | None = None, prefix: str = "") -> Q:
    rules = current_rules()
    return Q(
        **{
            f"{prefix}stars__in": sorted(rules.certifiable_stars),
            f"{prefix}issued_on__isnull": False,
            f"{prefix}expires_on__gte": on or today(),
            f"{prefix}revoked": False,
        }
    )


class Product(AbstractProduct):
    """Oscar's product with an English title, the OCOP facts buyers ask about, and folded search text."""

    upc = NullCharField(
        _("GTIN (barcode)"),
        max_length=64,
        blank=True,
        null=True,
        unique=True,
        validators=[validate_gtin],
        help_text=_("The GS1 barcode number (GTIN-8, -12, -13 or -14); Vietnam's prefix is 893."),
    )
    title_en = models.CharField(_("Title (English)"), max_length=255, blank=True)
    producer = models.ForeignKey(
        "producers.Producer",
        verbose_name=_("Producer"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="catalogue_products",
    )
    origin_province_code = models.CharField(
        _("Province of origin"), max_length=2, blank=True, default="", db_index=True
    )
    net_quantity = models.DecimalField(
        _("Net weight or volume"), max_digits=10, decimal_places=3, null=True, blank=True
    )
    unit = models.CharField(
        _("Unit"), max_length=20, blank=True, help_text=_("e.g. g, kg, ml, l, piece")
    )
    shelf_life_months = models.PositiveSmallIntegerField(
        _("Shelf life (months)"), null=True, blank=True
    )
    storage = models.CharField(_("Storage"), max_length=255, blank=True)
    ingredients = models.TextField(_("Ingredients"), blank=True)
    certifications = models.CharField(
        _("Certifications"), max_length=255, blank=True, help_text=_("e.g. VietGAP, HACCP, organic")
    )
    geographical_indication = models.CharField(
        _("Geographical indication"), max_length=255, blank=True
    )
    story = RichTextField(_("Product story"), blank=True)
    search_title = models.CharField(
        _("Search title"), max_length=255, blank=True, default="", editable=False, db_index=True
    )
    search_body = models.TextField(_("Search text"), blank=True, default="", editable=False)
    # Search's last ranking key: in stock, then certified stars (catalogue/rank_boost.py).
    rank_boost = models.SmallIntegerField(_("Search boost"), default=0, editable=False)

    objects = OcopProductQuerySet.as_manager()

    class Meta(AbstractProduct.Meta):
        indexes = [
            # The listings' default order, so a page of 24 needs no sort of the whole catalogue.
            models.Index(
                F("priority").desc(),
                F("date_created").desc(),
                F("id").desc(),
                name="product_listing_order",
            ),
        ]

    def get_title(self) -> str:
        if self.title_en and wants_english():
            return self.title_en
        return super().get_title()

    @property
    def origin_province(self):
        from regions import units

        return units.province(self.origin_province_code) if self.origin_province_code else None

    @property
    def is_vietnamese_gtin(self) -> bool:
        return bool(self.upc) and self.upc.zfill(13)[-13:].startswith("893")

    @property
    def current_rating(self):
        """The product's OCOP rating, or None (no query once `ocop_rating` is selected)."""
        try:
            return self.ocop_rating
        except OcopRating.DoesNotExist:
            return None

    def search_words_source(self) -> tuple[str, str]:
        producer = self.producer if self.producer_id else None
        province = self.origin_province
        body = [
            self.description,
            self.upc,
            producer.name if producer else "",
            producer.short_name if producer else "",
            province.name if province else "",
            self.geographical_indication,
            self.ingredients,
        ]
        return " ".join(filter(None, [self.title, self.title_en])), " ".join(filter(None, body))

    def refresh_search_text(self) -> None:
        title, body = self.search_words_source()
        self.search_title = search_text(title)[:255].rstrip()
        self.search_body = search_text(body)

    def save(self, *args, **kwargs):
        # Cooperatives write the description in the dashboard: only the allow-list is stored.
        self.description = clean_html(self.description)
        self.story = clean_html(self.story)
        self.refresh_search_text()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "search_title", "search_body"}
        super().save(*args, **kwargs)
        SearchWord.add_from(self.search_title, self.search_body)


def certificate_path(instance, filename: str) -> str:
    return f"ocop/certificates/{timezone.now():%Y/%m}/{filename}"


class OcopRating(models.Model):
    """A product's OCOP star rating and the certificate that recognises it."""

    class Authority(models.TextChoices):
        PROVINCE = PROVINCE, _("Provincial People's Committee")
        CENTRAL = CENTRAL, _("Ministry of Agriculture and Environment")

    product = models.OneToOneField(
        Product, verbose_name=_("Product"), on_delete=models.CASCADE, related_name="ocop_rating"
    )
    score = models.PositiveSmallIntegerField(
        _("Total score"), validators=[MaxValueValidator(100)], help_text=_("Out of 100.")
    )
    score_a = models.PositiveSmallIntegerField(
        _("Part A: product and community strength"), null=True, blank=True
    )
    score_b = models.PositiveSmallIntegerField(
        _("Part B: marketing ability and product story"), null=True, blank=True
    )
    score_c = models.PositiveSmallIntegerField(_("Part C: product quality"), null=True, blank=True)
    stars = models.PositiveSmallIntegerField(
        _("Stars"),
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        db_index=True,
        editable=False,
        help_text=_("Set from the score by the rating bands."),
    )
    authority = models.CharField(
        _("Rating authority"), max_length=20, choices=Authority.choices, blank=True
    )
    authority_name = models.CharField(
        _("Issued by"),
        max_length=200,
        blank=True,
        help_text=_("e.g. People's Committee of Đắk Lắk province"),
    )
    decision_number = models.CharField(_("Decision number"), max_length=80, blank=True)
    certificate_number = models.CharField(_("Certificate number"), max_length=80, blank=True)
    issued_on = models.DateField(_("Issue date"), null=True, blank=True)
    expires_on = models.DateField(
        _("Expiry date"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("36 months after issue when left empty."),
    )
    certificate_scan = models.FileField(
        _("Certificate scan"), upload_to=certificate_path, blank=True
    )
    revoked = models.BooleanField(_("Revoked"), default=False)
    # The expiry date a reminder was sent for: a renewed certificate gets its own reminder.
    reminded_for_expiry = models.DateField(null=True, blank=True, editable=False)
    reminded_at = models.DateTimeField(null=True, blank=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("OCOP rating")
        verbose_name_plural = _("OCOP ratings")
        constraints = [
            models.CheckConstraint(condition=Q(score__lte=100), name="ocop_rating_score_lte_100"),
            models.CheckConstraint(
                condition=Q(stars__gte=1, stars__lte=5), name="ocop_rating_stars_1_to_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.product_id}: {self.stars}★ ({self.score})"

    def save(self, *args, **kwargs):
        rules = current_rules()
        if self.score is None and None not in (self.score_a, self.score_b, self.score_c):
            self.score = self.score_a + self.score_b + self.score_c
        self.stars = rules.stars_for(self.score)
        if not self.authority:
            self.authority = rules.authority_for(self.stars)
        if self.issued_on and not self.expires_on:
            self.expires_on = rules.expiry_for(self.issued_on)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "stars", "authority", "expires_on"}
        super().save(*args, **kwargs)

    def clean(self) -> None:
        rules = current_rules()
        errors: dict[str, str] = {}
        if self.score is not None and not 0 <= self.score <= rules.max_score:
            errors["score"] = _("The score is between 0 and %(max)s.") % {"max": rules.max_score}
        parts = {"A": self.score_a, "B": self.score_b, "C": self.score_c}
        for code, value in parts.items():
            try:
                part = rules.part(code)
            except KeyError:
                continue
            if value is not None and value > part.max:
                errors[f"score_{code.lower()}"] = _("Part %(code)s is scored out of %(max)s.") % {
                    "code": code,
                    "max": part.max,
                }
        if not errors and None not in parts.values() and self.score is not None:
            if sum(parts.values()) != self.score:
                errors["score"] = _("The total score must be the sum of parts A, B and C.")
        if "score" not in errors and self.score is not None and self.authority:
            # Who recognises a rating follows its stars (province for 3–4, central for 5 today).
            stars = rules.stars_for(self.score)
            expected = rules.authority_for(stars)
            if expected and self.authority != expected:
                errors["authority"] = _("A %(stars)s★ rating is recognised by: %(authority)s.") % {
                    "stars": stars,
                    "authority": dict(self.Authority.choices).get(expected, expected),
                }
        if self.issued_on and self.expires_on and self.expires_on <= self.issued_on:
            errors["expires_on"] = _("The certificate must expire after it is issued.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_certifiable(self) -> bool:
        return current_rules().is_certifiable(self.stars)

    def is_expired(self, on: datetime.date | None = None) -> bool:
        return self.expires_on is not None and self.expires_on < (on or today())

    def is_certified(self, on: datetime.date | None = None) -> bool:
        """A certifiable rating with an issued certificate that is neither expired nor revoked."""
        return (
            self.is_certifiable
            and self.issued_on is not None
            and not self.revoked
            and not self.is_expired(on)
        )

    @property
    def certified(self) -> bool:
        return self.is_certified()

    @property
    def expired(self) -> bool:
        return self.is_certifiable and self.is_expired()

    def days_to_expiry(self, on: datetime.date | None = None) -> int | None:
        if self.expires_on is None:
            return None
        return (self.expires_on - (on or today())).days

    @property
    def star_range(self) -> range:
        return range(self.stars)

    def parts(self) -> list[tuple[object, int | None]]:
        rules = current_rules()
        values = {"A": self.score_a, "B": self.score_b, "C": self.score_c}
        return [(part, values.get(part.code)) for part in rules.parts]


class SearchWord(models.Model):
    """Every folded word of the catalogue's text: the vocabulary that typo tolerance corrects to."""

    word = models.CharField(max_length=64, unique=True)
    length = models.PositiveSmallIntegerField(db_index=True)

    class Meta:
        verbose_name = _("Search word")
        verbose_name_plural = _("Search words")

    def __str__(self) -> str:
        return self.word

    @classmethod
    def words_in(cls, *texts: str) -> set[str]:
        return {w for text in texts for w in text.split() if 2 <= len(w) <= 64 and w.isalnum()}

    @classmethod
    def add_from(cls, *texts: str) -> None:
        words = cls.words_in(*texts)
        if words:
            cls.objects.bulk_create(
                [cls(word=w, length=len(w)) for w in words], ignore_conflicts=True, batch_size=500
            )


from oscar.apps.catalogue.models import *  # noqa: E402, F403
