"""A cooperative's writes with its token: stock and prices, batches, journey events, labels.

Each write is scoped to the token's cooperative (another's rows are not found: 404), may carry
an ``Idempotency-Key`` (idempotency.py) and leaves one audit row. Batches and events go
through traceability's own form and model rules, as in the dashboard.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS
from django.db import transaction
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, PolymorphicProxySerializer, extend_schema
from oscar.core.loading import get_model
from rest_framework import exceptions, status
from rest_framework.permissions import SAFE_METHODS
from rest_framework.response import Response

from lib import tasks
from traceability import epcis
from traceability.forms import BatchForm, EventForm, LabelRunForm
from traceability.lookup import Story
from traceability.tasks import generate_labels

from . import epcis_in, idempotency, schema
from .base import ApiView, row_id
from .models import AuditEntry, Scope
from .pagination import Cursor
from .problems import Conflict
from .serializers_own import (
    BatchInSerializer,
    LabelRunInSerializer,
    LabelRunSerializer,
    StockRecordSerializer,
    StockUpdateSerializer,
)
from .serializers_trace import BatchDetailSerializer, BatchSerializer
from .tokens import token_of
from .views_private import SECURED, own_batches

StockRecord = get_model("partner", "StockRecord")
IDEMPOTENCY = OpenApiParameter(
    idempotency.HEADER,
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=False,
    description="Send the same key again to get the first answer, without a second write.",
)


def write_schema(request, ok, status_code: int = 200):
    """The OpenAPI description of a cooperative's write: its body, answers, Idempotency-Key."""
    return extend_schema(
        request=request,
        responses=schema.private(ok, status_code),
        parameters=[IDEMPOTENCY],
        tags=["cooperative"],
        auth=SECURED,
    )


def form_errors(form) -> exceptions.ValidationError:
    """A form's errors by field; those of the whole form point at the body ("#")."""
    return exceptions.ValidationError(
        {
            ("non_field_errors" if name == NON_FIELD_ERRORS else name): [str(e) for e in errors]
            for name, errors in form.errors.items()
        }
    )


class WriteView(ApiView):
    write_scope: str = ""
    owns_transaction = True
    action_name = ""

    def get_required_scope(self):
        if self.request.method in SAFE_METHODS:
            return (Scope.READ, self.write_scope)
        return self.write_scope

    @classmethod
    def as_view(cls, **initkwargs):
        # The write's own transaction (below), so that a refused write's audit row outlives
        # its rollback.
        return transaction.non_atomic_requests(super().as_view(**initkwargs))

    def post(self, request, *args, **kwargs):
        return self.write_once(request, *args, **kwargs)

    def write_once(self, request, *args, **kwargs) -> Response:
        """``write`` in its own transaction, once per ``Idempotency-Key``, audited."""
        token = token_of(request)
        with transaction.atomic():
            response = idempotency.run(
                request, token.partner, lambda: self.write(request, *args, **kwargs)
            )
            if not response.has_header("Idempotent-Replayed"):
                self.audit(request, response.status_code)
        return response

    def audit(self, request, status_code: int) -> None:
        token = token_of(request)
        AuditEntry.objects.create(
            token=token,
            partner=token.partner,
            method=request.method,
            path=request.path[:255],
            action=self.action_name,
            object_ids=getattr(self, "audit_ids", []),
            status=status_code,
            idempotency_key=request.headers.get(idempotency.HEADER, "")[:255],
        )

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        refused = request.method not in SAFE_METHODS and response.status_code >= 400
        if refused and token_of(request) is not None:
            self.audit_ids = []
            self.audit(request, response.status_code)  # tried, refused, nothing changed
        return response

    def write(self, request, *args, **kwargs) -> Response:
        raise NotImplementedError

    def batch_detail(self, batch, **kwargs) -> Response:
        """A batch with its journey, corrections and documents, as GET answers it."""
        context = {**self.get_serializer_context(), "story": Story(batch)}
        return Response(BatchDetailSerializer(batch, context=context).data, **kwargs)

    def valid(self, serializer_class, data=None, partial: bool = False):
        data = self.request.data if data is None else data
        serializer = serializer_class(data=data, partial=partial)
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data


class Stock(WriteView):
    write_scope = Scope.STOCK_PRICE
    action_name = "stock.update"
    serializer_class = StockRecordSerializer
    pagination_class = Cursor

    @extend_schema(
        parameters=list(schema.CURSOR),
        responses=schema.private(StockRecordSerializer(many=True)),
        tags=["cooperative"],
        auth=SECURED,
    )
    def get(self, request, *args, **kwargs):
        """The cooperative's stock records: price, stock, allocated."""
        return super().get(request, *args, **kwargs)

    def answer(self, request, *args, **kwargs):
        records = StockRecord.objects.filter(partner=token_of(request).partner)
        return self.list_page(records)

    @write_schema(StockUpdateSerializer, StockRecordSerializer(many=True))
    def post(self, request, *args, **kwargs):
        """Change prices and stock of many stock records at once, all or nothing."""
        return super().post(request, *args, **kwargs)

    def write(self, request, *args, **kwargs):
        items = self.valid(StockUpdateSerializer)["items"]
        partner = token_of(request).partner
        ids = [item["id"] for item in items if "id" in item]
        skus = [item["sku"] for item in items if "sku" in item]
        # Locked in one order, so two bulk updates never wait on each other in a circle.
        records = list(
            StockRecord.objects.select_for_update()
            .filter(partner=partner)
            .filter(Q(pk__in=ids) | Q(partner_sku__in=skus))
            .order_by("pk")
        )
        by_id = {r.pk: r for r in records}
        by_sku = {r.partner_sku: r for r in records}
        missing = [
            i
            for i, item in enumerate(items)
            if (by_id.get(item["id"]) if "id" in item else by_sku.get(item["sku"])) is None
        ]
        if missing:
            raise exceptions.NotFound(
                _("No stock record of yours matches items %(items)s.")
                % {"items": ", ".join(map(str, missing))}
            )
        errors, changed = {}, []
        for i, item in enumerate(items):
            record = by_id[item["id"]] if "id" in item else by_sku[item["sku"]]
            if "price" in item:
                record.price = item["price"]
            stock = record.num_in_stock or 0
            if "num_in_stock" in item:
                stock = item["num_in_stock"]
            elif "stock_change" in item:
                stock += item["stock_change"]
            if stock < (record.num_allocated or 0) or stock > settings.OCOP_MAX_STOCK:
                errors[i] = {
                    "num_in_stock" if "num_in_stock" in item else "stock_change": [
                        _(
                            "The stock would be %(stock)s: from %(low)s (units held for orders) to %(high)s."
                        )
                        % {
                            "stock": stock,
                            "low": record.num_allocated or 0,
                            "high": settings.OCOP_MAX_STOCK,
                        }
                    ]
                }
                continue
            record.num_in_stock = stock
            changed.append(record)
        if errors:
            raise exceptions.ValidationError({"items": errors})
        for record in changed:  # saved one by one: the catalogue's signals see each change
            record.save(update_fields=["price", "num_in_stock", "date_updated"])
        self.audit_ids = [r.pk for r in changed]
        return Response({"results": StockRecordSerializer(changed, many=True).data})


def check_own_product(partner, product_id: int) -> None:
    """A batch is of a product the token's cooperative sells."""
    if not StockRecord.objects.filter(partner=partner, product_id=product_id).exists():
        raise exceptions.ValidationError(
            {"product": [_("The cooperative sells no product with this id.")]}
        )


class OwnBatches(WriteView):
    write_scope = Scope.TRACEABILITY
    action_name = "batch.create"
    serializer_class = BatchSerializer
    pagination_class = Cursor

    @extend_schema(
        parameters=list(schema.CURSOR),
        responses=schema.private(BatchSerializer(many=True)),
        tags=["cooperative"],
        auth=SECURED,
    )
    def get(self, request, *args, **kwargs):
        """The cooperative's batches, drafts included."""
        return super().get(request, *args, **kwargs)

    def answer(self, request, *args, **kwargs):
        return self.list_page(own_batches(request))

    @write_schema(BatchInSerializer, BatchDetailSerializer, status.HTTP_201_CREATED)
    def post(self, request, *args, **kwargs):
        """Register a batch of one of the cooperative's products, as a draft."""
        return super().post(request, *args, **kwargs)

    def write(self, request, *args, **kwargs):
        data = self.valid(BatchInSerializer)
        partner = token_of(request).partner
        check_own_product(partner, data["product"])
        form = BatchForm(
            data={k: ("" if v is None else v) for k, v in data.items()}, user=request.user
        )
        if not form.is_valid():
            raise form_errors(form)
        batch = form.save(commit=False)
        batch.partner = partner
        batch.save()
        self.audit_ids = [batch.pk]
        return self.batch_detail(batch, status=201)


class BatchWrite(WriteView):
    write_scope = Scope.TRACEABILITY
    http_method_names = ["post", "options"]

    def get_batch(self, ref, lock: bool = False):
        batches = own_batches(self.request)
        if lock:
            batches = batches.select_for_update(of=("self",))
        return get_object_or_404(batches, pk=row_id(ref))


class Publish(BatchWrite):
    action_name = "batch.publish"
    serializer_class = BatchDetailSerializer

    @write_schema(None, BatchDetailSerializer)
    def post(self, request, *args, **kwargs):
        """Publish a draft: its codes are frozen and its journey becomes append-only."""
        return super().post(request, *args, **kwargs)

    def write(self, request, ref, *args, **kwargs):
        batch = self.get_batch(ref)
        if not batch.events.exists():
            raise Conflict(_("Record at least one step of the journey before publishing."))
        batch.publish()
        self.audit_ids = [batch.pk]
        return self.batch_detail(batch)


class Events(BatchWrite):
    action_name = "event.create"
    serializer_class = epcis_in.ObjectEventSerializer

    @write_schema(
        PolymorphicProxySerializer(
            component_name="EPCISEventIn",
            serializers=epcis_in.SERIALIZERS,
            resource_type_field_name="type",
        ),
        schema.EPCIS_DOCUMENT,
        status.HTTP_201_CREATED,
    )
    def post(self, request, *args, **kwargs):
        """Add a journey step as an EPCIS 2.0 event; answers the event as exported.

        An ObjectEvent for most steps, a TransformationEvent for processing (its input lots:
        published batches, the cooperative's own or another's), an AggregationEvent for
        packing (the unit's SSCC is numbered here and answered as ``parentID``).
        """
        return super().post(request, *args, **kwargs)

    def write(self, request, ref, *args, **kwargs):
        batch = self.get_batch(ref)
        serializer = epcis_in.serializer_for(request.data)
        data = self.valid(serializer)
        epcis_in.check_batch(data, batch, serializer)
        corrects = epcis_in.corrected_event(batch, data.get("corrects"))
        fields = EventForm.base_fields
        form = EventForm(data=epcis_in.form_data(data, batch, corrects, fields), batch=batch)
        if not form.is_valid():
            errors = form_errors(form)
            # The form's names for what EPCIS calls otherwise.
            renames = {
                "kind": "ocop:step",
                "location": "bizLocation",
                "occurred_at": "eventTime",
                "counterparty": "destinationList",
                "input_codes": "inputEPCList"
                if data.get("inputEPCList") and not data.get("inputQuantityList")
                else "inputQuantityList",
            }
            raise exceptions.ValidationError(
                {renames.get(k, epcis_in.ocop_key(k)): v for k, v in errors.detail.items()}
            )
        form.instance.created_by = request.user
        event = form.save()
        self.audit_ids = [event.pk]
        exported = epcis.batch_document(batch, settings.TRACE_BASE_URL)["epcisBody"]["eventList"]
        wanted = epcis.event_id(batch, event.pk)
        body = next(e for e in exported if e.get("eventID") == wanted)
        return Response(body, status=201)


class LabelRuns(BatchWrite):
    action_name = "labels.request"
    serializer_class = LabelRunSerializer

    @write_schema(LabelRunInSerializer, LabelRunSerializer, status.HTTP_202_ACCEPTED)
    def post(self, request, *args, **kwargs):
        """Ask for a sheet of labels of a published batch; follow it at /me/label-runs/{id}/."""
        return super().post(request, *args, **kwargs)

    def write(self, request, ref, *args, **kwargs):
        batch = self.get_batch(ref)
        data = self.valid(LabelRunInSerializer)
        if not batch.is_published:
            raise Conflict(
                _("Publish the batch before printing its labels: drafts have no code yet.")
            )
        form = LabelRunForm(data={k: v for k, v in data.items() if k in LabelRunForm.base_fields})
        if not form.is_valid():
            raise form_errors(form)
        run = form.save(commit=False)
        run.batch = batch
        run.created_by = request.user
        run.save()
        tasks.send_on_commit(generate_labels, [run.pk], queue=settings.TRACE_LABEL_QUEUE)
        self.audit_ids = [run.pk]
        return Response(
            LabelRunSerializer(run, context=self.get_serializer_context()).data, status=202
        )
