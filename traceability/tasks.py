"""Background work: label sheets, which for 10,000 serials take seconds, not a request's time;
buffered scans, written in batches (scan_buffer.py)."""

from __future__ import annotations

import datetime
import logging
import tempfile

from celery import shared_task
from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.utils import formats, timezone

from lib import tasks as queue

from . import label_layouts, labels, scan_buffer
from .models import LabelRun, Serial

logger = logging.getLogger(__name__)

# Serials are drawn first (a fifth of the bar), then the sheet is drawn.
ISSUE_SHARE = 0.2


def _progress(run: LabelRun, done: int) -> None:
    LabelRun.objects.filter(pk=run.pk).update(done=done)


@shared_task(ignore_result=True)
def generate_labels(run_id: int) -> None:
    """Issue the run's serials if it has any, draw its PDF sheet and store it."""
    claimed = LabelRun.objects.filter(pk=run_id, status=LabelRun.Status.PENDING).update(
        status=LabelRun.Status.RUNNING
    )
    if not claimed:
        return  # delivered twice (the sweeper below), or already handled
    run = LabelRun.objects.select_related("batch", "batch__product").get(pk=run_id)
    try:
        build_sheet(run)
    except Exception as exc:  # noqa: BLE001 - whatever went wrong, the cooperative must see it
        logger.exception("label run %s failed", run.pk)
        LabelRun.objects.filter(pk=run.pk).update(
            status=LabelRun.Status.FAILED, error=str(exc)[:500], finished_at=timezone.now()
        )


#: A run still pending this long was never picked up (the broker was down): send it again.
REQUEUE_AFTER = datetime.timedelta(minutes=1)


@shared_task(name="traceability.requeue_label_runs", ignore_result=True)
def requeue_label_runs() -> int:
    """Send the runs that are still waiting again (Celery beat, every minute); how many."""
    waiting = LabelRun.objects.filter(
        status=LabelRun.Status.PENDING, created_at__lt=timezone.now() - REQUEUE_AFTER
    ).values_list("pk", flat=True)
    return sum(
        queue.send(generate_labels, [pk], queue=settings.TRACE_LABEL_QUEUE) for pk in waiting
    )


def build_sheet(run: LabelRun) -> None:
    batch = run.batch
    issue_weight = ISSUE_SHARE if run.serialised else 0.0

    def drawn(n: int) -> None:
        _progress(run, int(run.quantity * issue_weight + n * (1 - issue_weight)))

    if run.serialised:
        have = run.serials.count()
        if have < run.quantity:  # a retried run keeps the serials it already issued
            Serial.issue(
                batch,
                run.quantity - have,
                run=run,
                on_chunk=lambda n: _progress(run, int((have + n) * issue_weight)),
            )
        codes = run.serials.order_by("pk").values_list("code", flat=True)[: run.quantity]
        items = ((batch.serial_uri(code), code) for code in codes.iterator(chunk_size=2000))
    else:
        uri = batch.code_uri()
        items = ((uri, "") for _ in range(run.quantity))
    text = labels.LabelText(
        title=batch.product.title,
        lot=batch.lot,
        expires=formats.date_format(batch.expires_on, "d/m/Y") if batch.expires_on else "",
    )
    layout = label_layouts.get(run.layout)
    with tempfile.TemporaryFile() as out:
        labels.write_sheet(
            out,
            items,
            text,
            layout,
            plain_paper=run.plain_paper,
            scale_note=run.scale_note,
            on_progress=drawn,
        )
        out.seek(0)
        name = f"nhan-{batch.lot}-{run.pk}.pdf".replace("/", "-")
        with transaction.atomic():
            run.file.save(name, File(out), save=False)
            LabelRun.objects.filter(pk=run.pk).update(
                file=run.file.name,
                status=LabelRun.Status.DONE,
                done=run.quantity,
                finished_at=timezone.now(),
            )


@shared_task(name="traceability.flush_scans", ignore_result=True)
def flush_scans() -> int:
    """Write the scans buffered in Redis (Celery beat, every TRACE_SCAN_FLUSH_SECONDS); how many."""
    return scan_buffer.flush()
