"""One of a cooperative's batches with its token: read it, edit it, correct it once published.

The same rules as the dashboard, through its own forms and `Batch.correct`: a draft is edited
freely (`BatchForm`); a published batch keeps what its origin page prints (a change to it is
refused per field) and changes only its notes, or by a correction with a reason
(`BatchCorrectionForm`, then `Batch.correct`), which the origin page shows beside the batch.
Each write is audited and may carry an ``Idempotency-Key`` (views_write.WriteView).
"""

from __future__ import annotations

from django.forms import model_to_dict
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.response import Response

from traceability.corrections import CORRECTABLE_FIELDS, ONLY_PUBLISHED
from traceability.forms import BatchCorrectionForm, BatchForm

from . import schema
from .problems import Conflict
from .serializers_own import BatchCorrectionInSerializer, BatchInSerializer, CorrectionSerializer
from .serializers_trace import BatchDetailSerializer
from .tokens import token_of
from .views_private import SECURED
from .views_write import BatchWrite, check_own_product, form_errors, write_schema


def form_values(batch, fields, changes: dict) -> dict:
    """What a dashboard form would post: the batch's values, with ``changes`` over them."""
    values = {**model_to_dict(batch, fields=fields), **changes}
    return {name: "" if value is None else value for name, value in values.items()}


class OwnBatch(BatchWrite):
    action_name = "batch.update"
    serializer_class = BatchDetailSerializer
    http_method_names = ["get", "patch", "head", "options"]

    @extend_schema(
        responses=schema.private(BatchDetailSerializer), tags=["cooperative"], auth=SECURED
    )
    def get(self, request, *args, **kwargs):
        """One of the cooperative's batches, a draft or published, with its journey."""
        return super().get(request, *args, **kwargs)

    def answer(self, request, ref, *args, **kwargs):
        batch = self.get_batch(ref)
        self.last_modified = batch.updated_at
        return self.batch_detail(batch)

    @write_schema(BatchInSerializer, BatchDetailSerializer)
    def patch(self, request, *args, **kwargs):
        """Change some fields of a batch, as its dashboard form does.

        A draft changes freely. A published batch changes only its notes: what its origin page
        prints is refused field by field; send a correction (``corrections/``) instead.
        """
        return self.write_once(request, *args, **kwargs)

    def write(self, request, ref, *args, **kwargs):
        batch = self.get_batch(ref, lock=True)
        changes = self.valid(BatchInSerializer, partial=True)
        if "product" in changes:
            check_own_product(token_of(request).partner, changes["product"])
        data = form_values(batch, BatchForm._meta.fields, changes)
        form = BatchForm(data=data, instance=batch, user=request.user)
        if not form.is_valid():
            raise form_errors(form)
        batch = form.save()
        self.audit_ids = [batch.pk]
        return self.batch_detail(batch)


class Corrections(BatchWrite):
    action_name = "batch.correct"
    serializer_class = CorrectionSerializer

    @write_schema(BatchCorrectionInSerializer, CorrectionSerializer, status.HTTP_201_CREATED)
    def post(self, request, *args, **kwargs):
        """Correct what a published batch's origin page prints, with the reason shoppers read.

        Send the fields that change and ``reason``. The answer is the correction as recorded:
        its changes (old and new) and an EPCIS-style ``errorDeclaration``. A draft is not
        corrected but edited (PATCH): 409.
        """
        return super().post(request, *args, **kwargs)

    def write(self, request, ref, *args, **kwargs):
        batch = self.get_batch(ref, lock=True)
        given = self.valid(BatchCorrectionInSerializer)
        if not batch.is_published:
            raise Conflict(str(ONLY_PUBLISHED))
        reason = given.pop("reason")
        data = {**form_values(batch, CORRECTABLE_FIELDS, given), "reason": reason}
        form = BatchCorrectionForm(data=data, instance=batch)
        if not form.is_valid():
            raise form_errors(form)
        correction = batch.correct(form.changes(), form.cleaned_data["reason"], request.user)
        self.audit_ids = [batch.pk, correction.pk]
        answer = CorrectionSerializer(correction, context=self.get_serializer_context())
        return Response(answer.data, status=201)
