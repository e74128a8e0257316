"""Published batches and their journeys: the same facts as the origin page."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from .serializers_catalogue import ProducerRefSerializer, absolute


class AttachmentSerializer(serializers.Serializer):
    kind = serializers.CharField()
    title = serializers.CharField(source="__str__")
    url = serializers.SerializerMethodField()

    def get_url(self, attachment) -> str:
        return absolute(self.context.get("request"), attachment.file.url)


class ChangeSerializer(serializers.Serializer):
    field = serializers.CharField()
    old = serializers.JSONField()
    new = serializers.JSONField()


class JourneyEventSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    kind_name = serializers.CharField(source="get_kind_display")
    occurred_at = serializers.DateTimeField()
    place = serializers.CharField()
    actor = serializers.CharField()
    description = serializers.CharField(source="get_description")
    corrects = serializers.IntegerField(source="corrects_id", allow_null=True)
    corrected_by = serializers.SerializerMethodField()
    reason = serializers.CharField()
    changes = ChangeSerializer(many=True, help_text="A correction of the batch's own facts.")
    files = serializers.SerializerMethodField()

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_corrected_by(self, event):
        corrected_by = getattr(event, "corrected_by", None)
        return corrected_by.pk if corrected_by is not None else None

    @extend_schema_field(AttachmentSerializer(many=True))
    def get_files(self, event):
        return AttachmentSerializer(
            getattr(event, "files", []), many=True, context=self.context
        ).data


class BatchSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.CharField()
    product = serializers.SerializerMethodField()
    producer = serializers.SerializerMethodField()
    lot = serializers.CharField()
    gtin = serializers.CharField()
    code_uri = serializers.SerializerMethodField()
    produced_on = serializers.DateField()
    expires_on = serializers.DateField(allow_null=True)
    quantity = serializers.IntegerField()
    unit = serializers.CharField()
    origin_name = serializers.CharField()
    place = serializers.CharField()
    growing_area_code = serializers.CharField()
    province_code = serializers.CharField()
    commune_code = serializers.CharField()
    inputs = serializers.CharField()
    published_at = serializers.DateTimeField(allow_null=True)
    updated_at = serializers.DateTimeField()

    @extend_schema_field(serializers.DictField())
    def get_product(self, batch):
        product = batch.product
        return {"id": product.pk, "title": product.get_title()}

    @extend_schema_field(ProducerRefSerializer(allow_null=True))
    def get_producer(self, batch):
        producer = getattr(batch.partner, "producer", None)
        if producer is None or not producer.is_public:
            return None
        return ProducerRefSerializer(producer, context=self.context).data

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_code_uri(self, batch):
        return batch.code_uri() if batch.is_published else None


class BatchDetailSerializer(BatchSerializer):
    journey = serializers.SerializerMethodField()
    corrections = serializers.SerializerMethodField()
    documents = serializers.SerializerMethodField()
    epcis_url = serializers.SerializerMethodField()

    @extend_schema_field(JourneyEventSerializer(many=True))
    def get_journey(self, batch):
        return JourneyEventSerializer(
            self.context["story"].timeline, many=True, context=self.context
        ).data

    @extend_schema_field(JourneyEventSerializer(many=True))
    def get_corrections(self, batch):
        return JourneyEventSerializer(
            self.context["story"].corrections, many=True, context=self.context
        ).data

    @extend_schema_field(AttachmentSerializer(many=True))
    def get_documents(self, batch):
        return AttachmentSerializer(
            self.context["story"].documents, many=True, context=self.context
        ).data

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_epcis_url(self, batch):
        from django.urls import reverse

        if not batch.is_published:
            return None
        path = reverse("api:batch-epcis", kwargs={"ref": batch.pk})
        return absolute(self.context.get("request"), path)


class FairSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    kind = serializers.CharField()
    start_date = serializers.DateField()
    end_date = serializers.DateField()
    venue = serializers.CharField()
    province_code = serializers.CharField()
    organiser = serializers.CharField()
    summary = serializers.SerializerMethodField()
    registration_open = serializers.BooleanField()
    last_registration_day = serializers.DateField()
    url = serializers.SerializerMethodField()

    def get_summary(self, page) -> str:
        return str(page.tr_summary or "")

    def get_url(self, page) -> str:
        return absolute(self.context.get("request"), page.url or "")


class TrainingSessionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    course_id = serializers.IntegerField()
    course_title = serializers.CharField(source="course.title")
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField(allow_null=True)
    place = serializers.CharField()
    online_url = serializers.CharField()
    capacity = serializers.IntegerField()
    places_left = serializers.IntegerField()
    url = serializers.SerializerMethodField()

    def get_url(self, session) -> str:
        return absolute(self.context.get("request"), session.course.url or "")
