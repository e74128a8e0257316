"""A cooperative's own data, read with its token: who it is, its batches (drafts too), label runs.

Everything is looked up among the token's cooperative's own rows, so another cooperative's
id is simply not found (404).
"""

from __future__ import annotations

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.response import Response

from traceability.models import Batch, LabelRun

from . import schema
from .base import ApiView, row_id
from .models import Scope
from .serializers_own import LabelRunSerializer, MeSerializer
from .tokens import token_of

ANY_SCOPE = (Scope.READ, Scope.STOCK_PRICE, Scope.TRACEABILITY)
SECURED = [{"token": []}]


def own_batches(request):
    return Batch.objects.filter(partner=token_of(request).partner).select_related(
        "product", "partner", "partner__producer"
    )


class Me(ApiView):
    required_scope = ANY_SCOPE
    serializer_class = MeSerializer

    @extend_schema(responses=schema.private(MeSerializer), tags=["cooperative"], auth=SECURED)
    def get(self, request, *args, **kwargs):
        """The token's cooperative, name and scopes."""
        return super().get(request, *args, **kwargs)

    def answer(self, request, *args, **kwargs):
        token = token_of(request)
        producer = getattr(token.partner, "producer", None)
        return Response(
            {
                "cooperative": {
                    "partner": token.partner_id,
                    "name": token.partner.name,
                    "producer": producer.pk if producer else None,
                },
                "token": {
                    "name": token.name,
                    "scopes": token.scopes,
                    "created_at": token.created_at,
                    "last_used_at": token.last_used_at,
                },
            }
        )


def own_runs(request):
    return LabelRun.objects.filter(batch__partner=token_of(request).partner).select_related("batch")


class LabelRunDetail(ApiView):
    required_scope = (Scope.READ, Scope.TRACEABILITY)
    serializer_class = LabelRunSerializer

    @extend_schema(responses=schema.private(LabelRunSerializer), tags=["cooperative"], auth=SECURED)
    def get(self, request, *args, **kwargs):
        """A label run's progress; its PDF once it is ready."""
        return super().get(request, *args, **kwargs)

    def answer(self, request, ref, *args, **kwargs):
        run = get_object_or_404(own_runs(request), pk=row_id(ref))
        return Response(self.get_serializer(run).data)


class LabelRunPdf(ApiView):
    required_scope = (Scope.READ, Scope.TRACEABILITY)
    serializer_class = LabelRunSerializer

    @extend_schema(
        responses={
            (200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY),
            **{k: v for k, v in schema.private(None).items() if k != 200},
        },
        tags=["cooperative"],
        auth=SECURED,
    )
    def get(self, request, *args, **kwargs):
        """The label sheet (A4 PDF) of a finished run."""
        return super().get(request, *args, **kwargs)

    def answer(self, request, ref, *args, **kwargs):
        run = get_object_or_404(own_runs(request), pk=row_id(ref))
        if run.status != LabelRun.Status.DONE or not run.file:
            raise Http404("not ready")
        name = f"labels-{run.batch.lot}-{run.pk}.pdf".replace("/", "-")
        return FileResponse(
            run.file.open("rb"), as_attachment=True, filename=name, content_type="application/pdf"
        )
