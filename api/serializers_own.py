"""A cooperative's own data through its token: stock records, batches (drafts too), label runs."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from .serializers_catalogue import whole_dong
from .serializers_trace import ChangeSerializer


class StockRecordSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    sku = serializers.CharField(source="partner_sku")
    product = serializers.IntegerField(source="product_id")
    price = serializers.SerializerMethodField()
    num_in_stock = serializers.IntegerField(allow_null=True)
    num_allocated = serializers.IntegerField(allow_null=True)

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_price(self, record):
        return whole_dong(record.price)


class StockItemSerializer(serializers.Serializer):
    """One stock record to change: found by ``id`` or ``sku``; a new price, stock or change."""

    id = serializers.IntegerField(required=False, min_value=1, max_value=2**62)
    sku = serializers.CharField(required=False, max_length=128)
    price = serializers.IntegerField(
        required=False, min_value=1, help_text="Whole đồng: VND has no decimals."
    )
    num_in_stock = serializers.IntegerField(required=False, min_value=0)
    stock_change = serializers.IntegerField(
        required=False, help_text="Added to the stock as it is when the change is applied."
    )

    def validate_price(self, value):
        if value > settings.OCOP_MAX_PRICE:
            raise serializers.ValidationError(
                _("At most %(max)s đồng.") % {"max": settings.OCOP_MAX_PRICE}
            )
        return value

    def validate_num_in_stock(self, value):
        if value > settings.OCOP_MAX_STOCK:
            raise serializers.ValidationError(
                _("At most %(max)s units.") % {"max": settings.OCOP_MAX_STOCK}
            )
        return value

    def validate_stock_change(self, value):
        if abs(value) > settings.OCOP_MAX_STOCK:
            raise serializers.ValidationError(
                _("At most %(max)s units.") % {"max": settings.OCOP_MAX_STOCK}
            )
        return value

    def validate(self, data):
        if ("id" in data) == ("sku" in data):
            raise serializers.ValidationError(_("Name the stock record by its id or its sku."))
        if not {"price", "num_in_stock", "stock_change"} & data.keys():
            raise serializers.ValidationError(_("Give a price, a stock level or a stock change."))
        if "num_in_stock" in data and "stock_change" in data:
            raise serializers.ValidationError(_("Give a stock level or a change, not both."))
        return data


class StockUpdateSerializer(serializers.Serializer):
    items = StockItemSerializer(many=True, allow_empty=False)

    def validate_items(self, items):
        if len(items) > settings.API_MAX_BULK_ITEMS:
            raise serializers.ValidationError(
                _("At most %(max)s items a request.") % {"max": settings.API_MAX_BULK_ITEMS}
            )
        refs = [item.get("id") or f"sku:{item.get('sku')}" for item in items]
        if len(refs) != len(set(refs)):
            raise serializers.ValidationError(_("Each stock record once a request."))
        return items


class BatchFactsSerializer(serializers.Serializer):
    """What a batch's origin page prints about it (corrected, once published, with a reason)."""

    produced_on = serializers.DateField()
    expires_on = serializers.DateField(required=False, allow_null=True)
    quantity = serializers.IntegerField(min_value=0, max_value=2**31 - 1)
    unit = serializers.CharField(required=False, allow_blank=True, max_length=20)
    origin_name = serializers.CharField(max_length=200)
    growing_area_code = serializers.CharField(required=False, allow_blank=True, max_length=40)
    province_code = serializers.CharField(max_length=2)
    commune_code = serializers.CharField(required=False, allow_blank=True, max_length=5)
    inputs = serializers.CharField(required=False, allow_blank=True, max_length=5000)


class BatchInSerializer(BatchFactsSerializer):
    """A new draft batch, or some of its fields to change; checked by the dashboard's own
    batch form."""

    product = serializers.IntegerField(min_value=1, max_value=2**62)
    lot = serializers.CharField(max_length=20)
    notes = serializers.CharField(required=False, allow_blank=True, max_length=5000)


class BatchCorrectionInSerializer(BatchFactsSerializer):
    """The printed facts that change (any of them) and why: checked by the dashboard's
    correction form, applied by ``Batch.correct``."""

    reason = serializers.CharField(
        max_length=1000,
        help_text="Why it is corrected: the origin page shows it beside the change.",
    )

    def get_fields(self):
        fields = super().get_fields()
        for name, field in fields.items():
            if name != "reason":
                field.required = False
        return fields


class ErrorDeclarationSerializer(serializers.Serializer):
    declarationTime = serializers.DateTimeField(source="created_at")  # noqa: N815 - EPCIS's name
    reason = serializers.SerializerMethodField()

    def get_reason(self, correction) -> str:
        return "incorrect_data"


class CorrectionSerializer(serializers.Serializer):
    """A correction of a published batch's facts as recorded: what changed, when and why."""

    id = serializers.IntegerField()
    batch = serializers.IntegerField(source="batch_id")
    reason = serializers.CharField()
    changes = ChangeSerializer(many=True)
    errorDeclaration = ErrorDeclarationSerializer(source="*")  # noqa: N815
    recorded_by = serializers.CharField(source="actor")


class LabelRunInSerializer(serializers.Serializer):
    quantity = serializers.IntegerField(min_value=1, max_value=2**31 - 1)
    serialised = serializers.BooleanField(required=False, default=False)
    layout = serializers.CharField(
        required=False, allow_blank=True, max_length=20, help_text="A label layout's code."
    )
    plain_paper = serializers.BooleanField(required=False, default=False)
    scale_note = serializers.BooleanField(required=False, default=False)


class LabelRunSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    batch = serializers.IntegerField(source="batch_id")
    status = serializers.CharField()
    quantity = serializers.IntegerField()
    done = serializers.IntegerField()
    percent = serializers.IntegerField()
    serialised = serializers.BooleanField()
    error = serializers.CharField()
    created_at = serializers.DateTimeField()
    finished_at = serializers.DateTimeField(allow_null=True)
    download = serializers.SerializerMethodField()

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_download(self, run):
        from django.urls import reverse

        if run.status != "done" or not run.file:
            return None
        path = reverse("api:own-label-run-pdf", kwargs={"ref": run.pk})
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path


class MeSerializer(serializers.Serializer):
    cooperative = serializers.DictField()
    token = serializers.DictField()
