"""Query parameters of the public lists, checked: a bad value is a 400 naming the parameter."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model
from rest_framework import serializers

from catalogue.models import certified_rating_q
from regions import units
from search.filters import in_category

from .problems import QueryValidationError

Category = get_model("catalogue", "Category")


def check(serializer_class, request) -> dict:
    serializer = serializer_class(data=request.query_params)
    if not serializer.is_valid():
        raise QueryValidationError(serializer.errors)
    return serializer.validated_data


class ProvinceField(serializers.CharField):
    default_error_messages = {"unknown": _("No province or city has this code.")}

    def to_internal_value(self, data):
        code = super().to_internal_value(data)
        if units.province(code) is None:
            self.fail("unknown")
        return code


class UpdatedSince(serializers.Serializer):
    updated_since = serializers.DateTimeField(
        required=False, help_text="Only what changed at or after this time (ISO 8601)."
    )


class ProductFilters(UpdatedSince):
    sector = serializers.CharField(
        required=False, max_length=20, help_text="A sector's code in the OCOP taxonomy."
    )
    category = serializers.CharField(
        required=False, max_length=20, help_text="A category's code: it and those below it."
    )
    province = ProvinceField(required=False, max_length=2, help_text="Province of origin code.")
    stars = serializers.IntegerField(
        required=False, min_value=1, max_value=5, help_text="Certified OCOP stars."
    )
    certified = serializers.BooleanField(
        required=False, allow_null=True, default=None, help_text="Holds a valid OCOP certificate."
    )
    producer = serializers.IntegerField(required=False, min_value=1, max_value=2**62)

    def validate_sector(self, code):
        category = Category.objects.filter(code=code, depth=1).first()
        if category is None:
            raise serializers.ValidationError(_("No sector has this code."))
        return category

    def validate_category(self, code):
        category = Category.objects.filter(code=code).first()
        if category is None:
            raise serializers.ValidationError(_("No category has this code."))
        return category


def filter_products(queryset, params: dict):
    for key in ("sector", "category"):
        if params.get(key) is not None:
            queryset = queryset.filter(in_category(params[key]))
    if params.get("province"):
        queryset = queryset.filter(origin_province_code=params["province"])
    if params.get("stars"):
        queryset = queryset.filter(
            certified_rating_q(prefix="ocop_rating__"), ocop_rating__stars=params["stars"]
        )
    if params.get("certified") is True:
        queryset = queryset.filter(certified_rating_q(prefix="ocop_rating__"))
    elif params.get("certified") is False:
        queryset = queryset.exclude(pk__in=queryset.model.objects.ocop_certified().values("pk"))
    if params.get("producer"):
        queryset = queryset.filter(producer_id=params["producer"])
    if params.get("updated_since"):
        queryset = queryset.filter(date_updated__gte=params["updated_since"])
    return queryset


class ProducerFilters(UpdatedSince):
    province = ProvinceField(required=False, max_length=2)


class BatchFilters(UpdatedSince):
    product = serializers.IntegerField(required=False, min_value=1, max_value=2**62)
    producer = serializers.IntegerField(required=False, min_value=1, max_value=2**62)


class CertificateFilters(serializers.Serializer):
    status = serializers.ChoiceField(choices=["valid", "expired", "revoked"], required=False)
    province = ProvinceField(required=False, max_length=2)
