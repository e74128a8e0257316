"""What the API shows of products, categories, producers and OCOP certificates: the facts
their public pages show, nothing more (no producer's phone, e-mail or applicant)."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from lib.html import clean_html


def absolute(request, url: str) -> str:
    return request.build_absolute_uri(url) if request is not None else url


def whole_dong(value) -> int | None:
    return None if value is None else int(value)


class RatingSerializer(serializers.Serializer):
    stars = serializers.IntegerField()
    score = serializers.IntegerField(allow_null=True)
    certified = serializers.SerializerMethodField(
        help_text="A certifiable rating with a certificate neither expired nor revoked, today."
    )
    certificate_number = serializers.CharField()
    authority_name = serializers.CharField()
    issued_on = serializers.DateField(allow_null=True)
    expires_on = serializers.DateField(allow_null=True)
    revoked = serializers.BooleanField()

    @extend_schema_field(OpenApiTypes.BOOL)
    def get_certified(self, rating) -> bool:
        return rating.is_certified()


class ProducerRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    slug = serializers.CharField()
    name = serializers.CharField(source="short_name")
    url = serializers.SerializerMethodField()

    def get_url(self, producer) -> str:
        return absolute(self.context.get("request"), producer.get_absolute_url())


def stock_status(stockrecord) -> str:
    if stockrecord is None:
        return "unavailable"
    available = (stockrecord.num_in_stock or 0) - (stockrecord.num_allocated or 0)
    if stockrecord.num_in_stock is None:
        return "in_stock"  # stock not tracked
    return "in_stock" if available > 0 else "out_of_stock"


class ProductSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.SerializerMethodField()
    title_vi = serializers.CharField(source="title")
    title_en = serializers.CharField()
    gtin = serializers.CharField(source="upc", allow_null=True)
    url = serializers.SerializerMethodField()
    price = serializers.SerializerMethodField(help_text="Whole đồng (VND has no decimals).")
    currency = serializers.SerializerMethodField()
    stock_status = serializers.SerializerMethodField()
    ocop_rating = serializers.SerializerMethodField()
    producer = serializers.SerializerMethodField()
    province_code = serializers.CharField(source="origin_province_code")
    commune_code = serializers.SerializerMethodField()
    categories = serializers.SerializerMethodField()
    images = serializers.SerializerMethodField()
    updated_at = serializers.DateTimeField(source="date_updated")

    def _stockrecord(self, product):
        records = list(product.stockrecords.all())
        return min(records, key=lambda r: r.pk) if records else None

    def get_title(self, product) -> str:
        return product.get_title()

    def get_url(self, product) -> str:
        return absolute(self.context.get("request"), product.get_absolute_url())

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_price(self, product):
        record = self._stockrecord(product)
        return whole_dong(record.price) if record else None

    def get_currency(self, product) -> str:
        record = self._stockrecord(product)
        return (record.price_currency if record else None) or "VND"

    @extend_schema_field(
        serializers.ChoiceField(choices=["in_stock", "out_of_stock", "unavailable"])
    )
    def get_stock_status(self, product):
        return stock_status(self._stockrecord(product))

    @extend_schema_field(RatingSerializer(allow_null=True))
    def get_ocop_rating(self, product):
        rating = product.current_rating
        return RatingSerializer(rating).data if rating is not None else None

    @extend_schema_field(ProducerRefSerializer(allow_null=True))
    def get_producer(self, product):
        producer = product.producer
        if producer is None or not producer.is_public:
            return None
        return ProducerRefSerializer(producer, context=self.context).data

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_commune_code(self, product):
        producer = product.producer
        return producer.commune_code if producer is not None and producer.is_public else None

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_categories(self, product):
        return [c.code for c in product.categories.all() if c.code]

    @extend_schema_field(serializers.ListField(child=serializers.URLField()))
    def get_images(self, product):
        request = self.context.get("request")
        images = sorted(product.images.all(), key=lambda i: (i.display_order, i.pk))
        return [absolute(request, image.original.url) for image in images if image.original]


class ProductDetailSerializer(ProductSerializer):
    description = serializers.SerializerMethodField()
    net_quantity = serializers.DecimalField(max_digits=10, decimal_places=3, allow_null=True)
    unit = serializers.CharField()
    shelf_life_months = serializers.IntegerField(allow_null=True)
    storage = serializers.CharField()
    ingredients = serializers.CharField()
    certifications = serializers.CharField()
    geographical_indication = serializers.CharField()

    def get_description(self, product) -> str:
        return clean_html(product.description or "")


class CategorySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField(allow_null=True)
    name = serializers.SerializerMethodField()
    name_vi = serializers.CharField(source="name")
    name_en = serializers.CharField()
    depth = serializers.IntegerField()
    parent = serializers.SerializerMethodField(help_text="The parent category's code.")
    sector = serializers.SerializerMethodField(help_text="The top category's (sector's) code.")

    def get_name(self, category) -> str:
        return category.get_name()

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_parent(self, category):
        codes = self.context.get("codes_by_path", {})
        return codes.get(category.path[: -category.steplen]) if category.depth > 1 else None

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_sector(self, category):
        return self.context.get("codes_by_path", {}).get(category.path[: category.steplen])


class CertificationSerializer(serializers.Serializer):
    kind = serializers.CharField()
    name = serializers.CharField(source="get_kind_display")
    number = serializers.CharField()
    issuer = serializers.CharField()
    expires_on = serializers.DateField(allow_null=True)
    expired = serializers.BooleanField(source="is_expired")


class ProducerSerializer(serializers.Serializer):
    """What the cooperative's public page shows."""

    id = serializers.IntegerField()
    slug = serializers.CharField()
    name = serializers.CharField()
    short_name = serializers.CharField()
    legal_form = serializers.CharField()
    registration_number = serializers.CharField()
    tax_code = serializers.CharField()
    representative = serializers.CharField()
    founded = serializers.IntegerField(allow_null=True)
    members = serializers.IntegerField(allow_null=True)
    address = serializers.CharField()
    province_code = serializers.CharField()
    commune_code = serializers.CharField()
    story = serializers.SerializerMethodField()
    logo = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()
    value_chains = serializers.SerializerMethodField()
    certifications = CertificationSerializer(many=True)
    updated_at = serializers.DateTimeField()

    def get_story(self, producer) -> str:
        return clean_html(producer.get_story() or "")

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_logo(self, producer):
        return absolute(self.context.get("request"), producer.logo.url) if producer.logo else None

    def get_url(self, producer) -> str:
        return absolute(self.context.get("request"), producer.get_absolute_url())

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_value_chains(self, producer):
        return [str(chain) for chain in producer.value_chains.all()]


class CertificateSerializer(serializers.Serializer):
    """The live record of an OCOP certificate, as its verification page shows it."""

    number = serializers.CharField()
    status = serializers.SerializerMethodField()
    product_name = serializers.CharField()
    product_id = serializers.SerializerMethodField()
    producer = serializers.SerializerMethodField()
    stars = serializers.IntegerField()
    score = serializers.DecimalField(max_digits=5, decimal_places=2, coerce_to_string=False)
    authority_name = serializers.CharField()
    decision_number = serializers.CharField()
    issued_on = serializers.DateField(allow_null=True)
    expires_on = serializers.DateField(allow_null=True)
    revoked_on = serializers.DateField(allow_null=True)
    revocation_decision = serializers.CharField()
    revocation_reason = serializers.CharField()
    verify_url = serializers.SerializerMethodField()

    @extend_schema_field(serializers.ChoiceField(choices=["valid", "expired", "revoked"]))
    def get_status(self, certificate):
        return str(certificate.status())

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_product_id(self, certificate):
        product = certificate.product
        return product.pk if product is not None and product.is_public else None

    @extend_schema_field(ProducerRefSerializer(allow_null=True))
    def get_producer(self, certificate):
        producer = certificate.producer
        if producer is None or not producer.is_public:
            return None
        return ProducerRefSerializer(producer, context=self.context).data

    def get_verify_url(self, certificate) -> str:
        from django.urls import reverse

        path = reverse("evaluation:verify", kwargs={"number": certificate.number})
        return absolute(self.context.get("request"), path)
