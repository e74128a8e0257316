"""Public, read-only endpoints: anyone may call them, anonymous visitors within a rate limit."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db.models import Count, Q
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone, translation
from drf_spectacular.utils import extend_schema
from oscar.core.loading import get_model
from rest_framework import exceptions
from rest_framework.response import Response

from catalogue.versions import CATALOGUE_VERSION
from cms.models import EventPage, TrainingSession
from evaluation.models import Certificate
from evaluation.views_certificates import _recorded_rating
from lib.cache import hashed_key
from producers.models import Producer
from traceability import epcis
from traceability.lookup import Story
from traceability.models import Batch

from . import filters, schema
from .base import ApiView, row_id
from .pagination import Cursor
from .serializers_catalogue import (
    CategorySerializer,
    CertificateSerializer,
    ProducerSerializer,
    ProductDetailSerializer,
    ProductSerializer,
)
from .serializers_trace import (
    BatchDetailSerializer,
    BatchSerializer,
    FairSerializer,
    TrainingSessionSerializer,
)

Product = get_model("catalogue", "Product")
Category = get_model("catalogue", "Category")


class CatalogueVersioned:
    """The ETag and Last-Modified of what the catalogue version covers: known before a query."""

    def cheap_etag(self) -> str:
        version = CATALOGUE_VERSION.current()
        self.last_modified = datetime.datetime.fromtimestamp(version / 1e9, tz=datetime.UTC)
        parts = (self.request.get_full_path(), translation.get_language(), timezone.localdate())
        return f'W/"c{version}-{hashed_key(*map(str, parts))[:16]}"'


def product_queryset():
    """Public products with what the API shows, in a fixed number of queries."""
    return (
        Product.objects.browsable()
        .select_related("ocop_rating", "producer")
        .prefetch_related("stockrecords", "images", "categories")
    )


class ProductList(CatalogueVersioned, ApiView):
    serializer_class = ProductSerializer
    pagination_class = Cursor

    @extend_schema(
        parameters=[filters.ProductFilters, *schema.CURSOR],
        responses=schema.public(ProductSerializer(many=True)),
        tags=["catalogue"],
    )
    def get(self, request, *args, **kwargs):
        """Public products, newest first, with price, stock status and OCOP rating."""
        return super().get(request, *args, **kwargs)

    def answer(self, request, *args, **kwargs):
        params = filters.check(filters.ProductFilters, request)
        return self.list_page(filters.filter_products(product_queryset(), params))


class ProductDetail(CatalogueVersioned, ApiView):
    serializer_class = ProductDetailSerializer

    @extend_schema(responses=schema.public(ProductDetailSerializer), tags=["catalogue"])
    def get(self, request, *args, **kwargs):
        """One public product."""
        return super().get(request, *args, **kwargs)

    def answer(self, request, ref, *args, **kwargs):
        pk = row_id(ref)
        product = get_object_or_404(product_queryset(), pk=pk)
        return Response(self.get_serializer(product).data)


class CategoryList(CatalogueVersioned, ApiView):
    serializer_class = CategorySerializer

    @extend_schema(responses=schema.public(CategorySerializer(many=True)), tags=["catalogue"])
    def get(self, request, *args, **kwargs):
        """The OCOP taxonomy and the shop's categories: sectors, groups and sub-groups."""
        return super().get(request, *args, **kwargs)

    def answer(self, request, *args, **kwargs):
        categories = list(Category.objects.filter(is_public=True).order_by("path"))
        codes = {c.path: c.code for c in categories}
        context = {**self.get_serializer_context(), "codes_by_path": codes}
        return Response(CategorySerializer(categories, many=True, context=context).data)


def producer_queryset():
    return (
        Producer.objects.approved()
        .select_related("partner")
        .prefetch_related("certifications", "value_chains")
    )


class ProducerList(ApiView):
    serializer_class = ProducerSerializer
    pagination_class = Cursor

    @extend_schema(
        parameters=[filters.ProducerFilters, *schema.CURSOR],
        responses=schema.public(ProducerSerializer(many=True)),
        tags=["producers"],
    )
    def get(self, request, *args, **kwargs):
        """Approved cooperatives, with what their public page shows."""
        return super().get(request, *args, **kwargs)

    def answer(self, request, *args, **kwargs):
        params = filters.check(filters.ProducerFilters, request)
        producers = producer_queryset()
        if params.get("province"):
            producers = producers.filter(province_code=params["province"])
        if params.get("updated_since"):
            producers = producers.filter(updated_at__gte=params["updated_since"])
        return self.list_page(producers, modified="updated_at")


class ProducerDetail(ApiView):
    serializer_class = ProducerSerializer

    @extend_schema(responses=schema.public(ProducerSerializer), tags=["producers"])
    def get(self, request, *args, **kwargs):
        """One approved cooperative."""
        return super().get(request, *args, **kwargs)

    def answer(self, request, ref, *args, **kwargs):
        pk = row_id(ref)
        producer = get_object_or_404(producer_queryset(), pk=pk)
        self.last_modified = producer.updated_at
        return Response(self.get_serializer(producer).data)


def certificate_queryset():
    return Certificate.objects.select_related("producer", "product")


class CertificateList(ApiView):
    serializer_class = CertificateSerializer
    pagination_class = Cursor

    @extend_schema(
        parameters=[filters.CertificateFilters, *schema.CURSOR],
        responses=schema.public(CertificateSerializer(many=True)),
        tags=["certificates"],
    )
    def get(self, request, *args, **kwargs):
        """OCOP certificates as issued, with their live status (valid, expired, revoked)."""
        return super().get(request, *args, **kwargs)

    def answer(self, request, *args, **kwargs):
        params = filters.check(filters.CertificateFilters, request)
        certificates = certificate_queryset()
        today = timezone.localdate()
        status = params.get("status")
        if status == "valid":
            certificates = certificates.current(today)
        elif status == "expired":
            certificates = certificates.filter(revoked_on__isnull=True, expires_on__lt=today)
        elif status == "revoked":
            certificates = certificates.filter(revoked_on__isnull=False)
        if params.get("province"):
            certificates = certificates.filter(producer__province_code=params["province"])
        return self.list_page(certificates)


class CertificateDetail(ApiView):
    serializer_class = CertificateSerializer

    @extend_schema(responses=schema.public(CertificateSerializer), tags=["certificates"])
    def get(self, request, *args, **kwargs):
        """What the live record says about a certificate number, as the verification page."""
        return super().get(request, *args, **kwargs)

    def answer(self, request, number, *args, **kwargs):
        number = number[:80]
        certificate = certificate_queryset().filter(number=number).first()
        if certificate is None:
            certificate = _recorded_rating(number)
        if certificate is None:
            raise exceptions.NotFound()
        return Response(self.get_serializer(certificate).data)


def published_batches():
    return Batch.objects.published().select_related("product", "partner", "partner__producer")


class BatchList(ApiView):
    serializer_class = BatchSerializer
    pagination_class = Cursor

    @extend_schema(
        parameters=[filters.BatchFilters, *schema.CURSOR],
        responses=schema.public(BatchSerializer(many=True)),
        tags=["traceability"],
    )
    def get(self, request, *args, **kwargs):
        """Published batches (drafts are never shown)."""
        return super().get(request, *args, **kwargs)

    def answer(self, request, *args, **kwargs):
        params = filters.check(filters.BatchFilters, request)
        batches = published_batches()
        if params.get("product"):
            batches = batches.filter(product_id=params["product"])
        if params.get("producer"):
            batches = batches.filter(partner__producer__pk=params["producer"])
        if params.get("updated_since"):
            batches = batches.filter(updated_at__gte=params["updated_since"])
        return self.list_page(batches, modified="updated_at")


class BatchDetail(ApiView):
    serializer_class = BatchDetailSerializer

    @extend_schema(responses=schema.public(BatchDetailSerializer), tags=["traceability"])
    def get(self, request, *args, **kwargs):
        """A published batch with its journey, corrections and documents: the origin page's facts."""
        return super().get(request, *args, **kwargs)

    def answer(self, request, ref, *args, **kwargs):
        pk = row_id(ref)
        batch = get_object_or_404(published_batches(), pk=pk)
        self.last_modified = batch.updated_at
        context = {**self.get_serializer_context(), "story": Story(batch)}
        return Response(BatchDetailSerializer(batch, context=context).data)


class BatchEpcis(ApiView):
    @extend_schema(
        responses=schema.public(schema.EPCIS_DOCUMENT, "application/ld+json"), tags=["traceability"]
    )
    def get(self, request, *args, **kwargs):
        """The batch's journey as a GS1 EPCIS 2.0 JSON-LD document (the origin page's export)."""
        return super().get(request, *args, **kwargs)

    def answer(self, request, ref, *args, **kwargs):
        pk = row_id(ref)
        batch = get_object_or_404(published_batches(), pk=pk)
        self.last_modified = batch.updated_at
        # The same document as the batch's own URI: its units' commissioning and the lots
        # it was made from, not only its journey steps.
        document = epcis.batch_document(batch, settings.TRACE_BASE_URL)
        return JsonResponse(
            document, content_type=epcis.CONTENT_TYPE, json_dumps_params={"ensure_ascii": False}
        )


class FairList(ApiView):
    serializer_class = FairSerializer
    pagination_class = Cursor

    @extend_schema(
        parameters=[filters.UpdatedSince, *schema.CURSOR],
        responses=schema.public(FairSerializer(many=True)),
        tags=["programme"],
    )
    def get(self, request, *args, **kwargs):
        """Fairs and exhibitions published in the CMS."""
        return super().get(request, *args, **kwargs)

    def answer(self, request, *args, **kwargs):
        params = filters.check(filters.UpdatedSince, request)
        pages = EventPage.objects.live().public()
        if params.get("updated_since"):
            pages = pages.filter(last_published_at__gte=params["updated_since"])
        return self.list_page(pages)


class TrainingSessionList(ApiView):
    serializer_class = TrainingSessionSerializer
    pagination_class = Cursor

    @extend_schema(
        parameters=list(schema.CURSOR),
        responses=schema.public(TrainingSessionSerializer(many=True)),
        tags=["programme"],
    )
    def get(self, request, *args, **kwargs):
        """Sessions of the published training courses, with the places left."""
        return super().get(request, *args, **kwargs)

    def answer(self, request, *args, **kwargs):
        sessions = (
            TrainingSession.objects.filter(Q(course__live=True))
            .select_related("course")
            .annotate(registered=Count("registrations"))
        )
        return self.list_page(sessions)
