"""Cooperatives register batches, record their journey, print labels and watch scans.

Every view reads its objects through ``Batch.objects.for_user``: staff see all, a
cooperative's users only their partner's, so another cooperative's batch is a 404.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, OuterRef
from django.db.models.functions import TruncDate
from django.http import (
    FileResponse,
    Http404,
    HttpResponse,
    HttpResponseRedirect,
    JsonResponse,
    StreamingHttpResponse,
)
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views import generic

from lib import csvsafe, tasks

from .. import label_layouts, labels
from ..forms import AttachmentForm, BatchCorrectionForm, BatchForm, EventForm, LabelRunForm
from ..lookup import count_of
from ..models import Batch, CounterfeitReport, JourneyEvent, LabelRun, Scan, Serial
from ..tasks import generate_labels

CHART_DAYS = 30


class BatchMixin:
    """Finds the batch in the URL among those the user may see."""

    batch_kwarg = "pk"

    def get_batch(self) -> Batch:
        if not hasattr(self, "_batch"):
            batches = Batch.objects.for_user(self.request.user).select_related("product", "partner")
            self._batch = get_object_or_404(batches, pk=self.kwargs[self.batch_kwarg])
        return self._batch

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["batch"] = self.get_batch()
        return ctx


class BatchListView(generic.ListView):
    template_name = "traceability/dashboard/batch_list.html"
    context_object_name = "batches"
    paginate_by = 25

    def get_queryset(self):
        batches = Batch.objects.for_user(self.request.user).select_related("product", "partner")
        status = self.request.GET.get("status", "")
        if status in Batch.Status.values:
            batches = batches.filter(status=status)
        query = self.request.GET.get("q", "").strip()[:50]
        if query:
            batches = batches.filter(lot__icontains=query) | batches.filter(
                product__title__icontains=query
            )
        return batches.annotate(
            scan_count=count_of(Scan.objects.filter(batch=OuterRef("pk")), "batch"),
            flagged_count=count_of(Serial.objects.flagged().filter(batch=OuterRef("pk")), "batch"),
        ).order_by("-created_at", "-pk")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["statuses"] = Batch.Status.choices
        ctx["status"] = self.request.GET.get("status", "")
        ctx["query"] = self.request.GET.get("q", "")
        return ctx


class BatchCreateView(generic.CreateView):
    template_name = "traceability/dashboard/batch_form.html"
    form_class = BatchForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(
            self.request,
            _("Batch %(lot)s is saved as a draft. Add its journey, then publish it.")
            % {"lot": self.object.lot},
        )
        return response


class BatchUpdateView(BatchMixin, generic.UpdateView):
    template_name = "traceability/dashboard/batch_form.html"
    form_class = BatchForm

    def get_object(self, queryset=None):
        return self.get_batch()

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        messages.success(self.request, _("The batch is saved."))
        return super().form_valid(form)


class BatchCorrectView(BatchMixin, generic.UpdateView):
    """A published batch's printed facts change only as a correction, with its reason."""

    template_name = "traceability/dashboard/batch_correct.html"
    form_class = BatchCorrectionForm

    def get_object(self, queryset=None):
        return self.get_batch()

    def dispatch(self, request, *args, **kwargs):
        batch = self.get_batch()
        if not batch.is_published:
            return redirect("dashboard:trace-batch-edit", pk=batch.pk)  # a draft is just edited
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            self.object.correct(form.changes(), form.cleaned_data["reason"], self.request.user)
        except ValidationError as refused:
            form.add_error(None, refused)
            return self.form_invalid(form)
        messages.success(
            self.request, _("The correction is recorded and shown on the origin page.")
        )
        return redirect(self.object.get_absolute_url())


class BatchDetailView(BatchMixin, generic.TemplateView):
    template_name = "traceability/dashboard/batch_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        batch = ctx["batch"]
        ctx["events"] = list(
            batch.events.select_related("corrects", "location", "counterparty__partner").order_by(
                "occurred_at", "pk"
            )
        )
        ctx["attachments"] = list(batch.attachments.select_related("event"))
        ctx["runs"] = list(batch.label_runs.order_by("-created_at")[:20])
        ctx["serial_count"] = batch.serials.count()
        ctx["flagged"] = list(
            batch.serials.flagged()
            .annotate(scan_count=count_of(Scan.objects.filter(serial=OuterRef("pk")), "serial"))
            .order_by("-flagged_at")[:50]
        )
        ctx["chart"] = scan_chart(batch)
        ctx["code_uri"] = batch.code_uri()
        return ctx


def scan_chart(batch: Batch, days: int = CHART_DAYS) -> dict:
    """Scans a day over the last ``days`` days, with bar heights for an inline SVG chart."""
    today = timezone.localdate()
    start = today - datetime.timedelta(days=days - 1)
    since = timezone.make_aware(datetime.datetime.combine(start, datetime.time.min))
    rows = (
        Scan.objects.filter(batch=batch, scanned_at__gte=since)
        .annotate(day=TruncDate("scanned_at", tzinfo=timezone.get_current_timezone()))
        .values("day")
        .annotate(n=Count("pk"))
    )
    counts = {row["day"]: row["n"] for row in rows}
    series = [
        (start + datetime.timedelta(days=i), counts.get(start + datetime.timedelta(days=i), 0))
        for i in range(days)
    ]
    top = max((n for _, n in series), default=0) or 1
    bars = [
        {
            "day": day,
            "count": n,
            "x": i * 10,
            "height": round(n * 100 / top),
            "y": 100 - round(n * 100 / top),
        }
        for i, (day, n) in enumerate(series)
    ]
    return {"bars": bars, "total": sum(n for _, n in series), "top": top, "width": days * 10}


class BatchPublishView(BatchMixin, generic.View):
    def post(self, request, *args, **kwargs):
        batch = self.get_batch()
        if not batch.events.exists():
            messages.error(request, _("Record at least one step of the journey before publishing."))
        else:
            batch.publish()
            messages.success(
                request,
                _("Batch %(lot)s is published: its code now leads to its origin page.")
                % {"lot": batch.lot},
            )
        return redirect(batch.get_absolute_url())


class EventCreateView(BatchMixin, generic.CreateView):
    template_name = "traceability/dashboard/event_form.html"
    form_class = EventForm

    def get_initial(self):
        initial = {"occurred_at": timezone.localtime().replace(second=0, microsecond=0)}
        corrects = self.request.GET.get("corrects")
        if corrects and corrects.isdigit():
            steps = self.get_batch().events.exclude(kind=JourneyEvent.Kind.CORRECTION)
            event = steps.filter(pk=corrects).first()
            if event:
                initial.update(
                    corrects=event,
                    kind=event.kind,
                    occurred_at=event.occurred_at,
                    location=event.location,
                    place=event.place,
                    counterparty=event.counterparty,
                    actor=event.actor,
                    description=event.description,
                    description_en=event.description_en,
                )
        return initial

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "batch": self.get_batch()}

    def form_valid(self, form):
        form.instance.created_by = self.request.user
        form.save()
        messages.success(self.request, _("The step is added to the journey."))
        return redirect(self.get_batch().get_absolute_url())


class DraftEventMixin(BatchMixin):
    """Events can be changed or removed only while their batch is a draft."""

    def get_object(self, queryset=None):
        batch = self.get_batch()
        if batch.is_published:
            raise Http404("published journeys are append-only")
        return get_object_or_404(JourneyEvent, batch=batch, pk=self.kwargs["event_pk"])


class EventUpdateView(DraftEventMixin, generic.UpdateView):
    template_name = "traceability/dashboard/event_form.html"
    form_class = EventForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "batch": self.get_batch()}

    def get_success_url(self):
        return self.get_batch().get_absolute_url()


class EventDeleteView(DraftEventMixin, generic.View):
    def post(self, request, *args, **kwargs):
        event = self.get_object()
        try:
            event.delete()
        except ValidationError:
            raise Http404("published journeys are append-only") from None
        messages.success(request, _("The step is removed."))
        return redirect(self.get_batch().get_absolute_url())


class AttachmentCreateView(BatchMixin, generic.CreateView):
    template_name = "traceability/dashboard/attachment_form.html"
    form_class = AttachmentForm

    def get_initial(self):
        event = self.request.GET.get("event", "")
        return {"event": event} if event.isdigit() else {}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "batch": self.get_batch()}

    def form_valid(self, form):
        form.save()
        messages.success(self.request, _("The file is added."))
        return redirect(self.get_batch().get_absolute_url())


class LabelRunCreateView(BatchMixin, generic.CreateView):
    template_name = "traceability/dashboard/label_form.html"
    form_class = LabelRunForm

    def dispatch(self, request, *args, **kwargs):
        if not self.get_batch().is_published:
            messages.error(
                request, _("Publish the batch before printing its labels: drafts have no code yet.")
            )
            return redirect(self.get_batch().get_absolute_url())
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        run = form.save(commit=False)
        run.batch = self.get_batch()
        run.created_by = self.request.user
        run.save()
        start_label_run(run)
        return redirect("dashboard:trace-label-run", pk=run.pk)


def start_label_run(run: LabelRun) -> None:
    """Hand the run to Celery once the row is committed (eagerly, in-process, without Redis).

    With the broker down the run stays pending and `requeue_label_runs` sends it later.
    """
    tasks.send_on_commit(generate_labels, [run.pk], queue=settings.TRACE_LABEL_QUEUE)


def _runs_for(user):
    return LabelRun.objects.filter(batch__in=Batch.objects.for_user(user)).select_related(
        "batch", "batch__product"
    )


class LabelRunDetailView(generic.DetailView):
    """The progress bar: it refreshes itself without JavaScript, and polls with it."""

    template_name = "traceability/dashboard/label_run.html"
    context_object_name = "run"

    def get_queryset(self):
        return _runs_for(self.request.user)

    def get_context_data(self, **kwargs):
        layout = label_layouts.layouts().get(self.object.layout)
        return {
            **super().get_context_data(**kwargs),
            "layout_name": label_layouts.describe(layout) if layout else self.object.layout,
        }


def label_layout_preview(request, key: str):
    """A small SVG of a label layout for the label-run form; a 404 for a layout not listed."""
    layout = label_layouts.layouts().get(key)
    if layout is None:
        raise Http404("no such layout")
    response = HttpResponse(label_layouts.preview_svg(layout), content_type="image/svg+xml")
    response["Cache-Control"] = "private, max-age=86400"
    return response


def label_run_status(request, pk: int):
    run = get_object_or_404(_runs_for(request.user), pk=pk)
    data = {
        "status": run.status,
        "done": run.done,
        "quantity": run.quantity,
        "percent": run.percent,
    }
    if run.status == LabelRun.Status.DONE:
        data["download"] = reverse("dashboard:trace-label-run-download", kwargs={"pk": run.pk})
    if run.status == LabelRun.Status.FAILED:
        data["error"] = run.error
    return JsonResponse(data)


def label_run_download(request, pk: int):
    run = get_object_or_404(_runs_for(request.user), pk=pk)
    if run.status != LabelRun.Status.DONE or not run.file:
        raise Http404("not ready")
    name = f"labels-{run.batch.lot}-{run.pk}.pdf".replace("/", "-")
    return FileResponse(
        run.file.open("rb"), as_attachment=True, filename=name, content_type="application/pdf"
    )


class _Echo:
    def write(self, value):
        return value


def label_run_serials(request, pk: int):
    """The run's serials and their URIs as CSV, for printers that bring their own layout."""
    run = get_object_or_404(_runs_for(request.user), pk=pk)
    if not run.serialised:
        raise Http404("this run has no serials")
    writer = csvsafe.writer(_Echo())
    batch = run.batch

    def rows():
        yield writer.writerow(["serial", "uri"])
        for code in (
            run.serials.order_by("pk").values_list("code", flat=True).iterator(chunk_size=2000)
        ):
            yield writer.writerow([code, batch.serial_uri(code)])

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="serials-{run.pk}.csv"'
    return response


def qr_code(request, pk: int, fmt: str):
    """The batch's code, or one of its serials (``?serial=``), as a PNG or SVG image."""
    batch = get_object_or_404(Batch.objects.for_user(request.user).select_related("product"), pk=pk)
    if fmt not in ("png", "svg") or not batch.is_published:
        raise Http404("no such code")
    code = request.GET.get("serial", "")
    if code:
        serial = get_object_or_404(Serial, batch=batch, code=code[:20])
        uri, name = serial.uri, f"{batch.lot}-{serial.code}"
    else:
        uri, name = batch.code_uri(), batch.lot
    name = name.replace("/", "-")
    if fmt == "png":
        response = HttpResponse(labels.png(uri), content_type="image/png")
    else:
        response = HttpResponse(labels.svg(uri), content_type="image/svg+xml")
    response["Content-Disposition"] = f'attachment; filename="qr-{name}.{fmt}"'
    return response


class ReportListView(generic.ListView):
    """Staff: shoppers' reports of unknown or suspicious codes."""

    template_name = "traceability/dashboard/report_list.html"
    context_object_name = "reports"
    paginate_by = 50
    model = CounterfeitReport

    def post(self, request, *args, **kwargs):
        report_id = request.POST.get("handled", "")
        if report_id.isdigit():
            CounterfeitReport.objects.filter(pk=report_id).update(handled=True)
        return HttpResponseRedirect(reverse("dashboard:trace-report-list"))
