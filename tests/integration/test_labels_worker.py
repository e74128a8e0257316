"""A 10,000-label run: a real Celery worker when REDIS_URL is set, in-process otherwise.

With Redis this test starts its own worker on a queue of its own, pointed at the test
database, so the data it reads must be committed: the test works outside the usual
rolled-back transaction and removes what it made.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pypdfium2
import pytest
import zxingcpp
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client, override_settings
from oscar.core.loading import get_model

from tests.factories import BatchFactory, ProductFactory
from tests.personas import COOPERATIVE_A
from tests.processes import database_url
from traceability import tasks
from traceability.models import Batch, LabelRun

LABELS = 10_000
REDIS_URL = os.environ.get("REDIS_URL", "")
BASE_DIR = Path(settings.BASE_DIR)


@pytest.fixture
def worker_queue(tmp_path):
    """A Celery worker of our own on a fresh queue, or None to run tasks in-process."""
    if not REDIS_URL:
        yield None
        return
    queue = f"trace-test-{uuid.uuid4().hex[:8]}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "marketplace.settings.test",
        "DATABASE_URL": database_url(),
    }
    log = open(tmp_path / "worker.log", "w")  # noqa: SIM115 - closed below
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "marketplace", "worker", "--pool=solo", "-Q", queue,
         "--without-gossip", "--without-mingle", "--without-heartbeat", "-l", "WARNING"],
        cwd=BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        yield queue
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()
        log.close()
        print((tmp_path / "worker.log").read_text()[-3000:])


@pytest.fixture
def committed(django_db_setup, django_db_blocker):
    """Database access without a wrapping transaction; whatever batches it records are removed."""
    made: list[Batch] = []
    with django_db_blocker.unblock():
        yield made
        for batch in made:
            batch.serials.all().delete()
            LabelRun.objects.filter(batch=batch).delete()
            batch.scans.all().delete()
            batch.events.all().delete()
            batch.delete()


def test_a_ten_thousand_label_run_reports_progress_and_decodes(
    committed, worker_queue, monkeypatch
):
    user = get_user_model().objects.get(email=COOPERATIVE_A["email"])
    # A demo product: this test commits, and leaves the demo catalogue as it found it.
    product = (
        get_model("catalogue", "Product")
        .objects.filter(stockrecords__partner__users=user, upc__startswith="893")
        .order_by("pk")
        .first()
    )
    batch = BatchFactory(product=product, lot=f"W/{uuid.uuid4().hex[:6]}")
    committed.append(batch)
    client = Client()
    client.force_login(user)

    stored: list[int] = []
    if worker_queue is None:  # in-process: watch the progress rows being written
        real = tasks._progress
        monkeypatch.setattr(
            tasks, "_progress", lambda run, done: (stored.append(done), real(run, done))
        )

    form = {"serialised": "on", "quantity": LABELS, "columns": 3, "rows": 8}
    with override_settings(TRACE_LABEL_QUEUE=worker_queue or "celery"):
        response = client.post(f"/dashboard/traceability/batches/{batch.pk}/labels/", form)
    run = LabelRun.objects.get(batch=batch)
    assert (
        response.status_code == 302
        and response["Location"] == f"/dashboard/traceability/runs/{run.pk}/"
    )

    if worker_queue is not None:
        page = client.get(f"/dashboard/traceability/runs/{run.pk}/").content.decode()
        assert 'http-equiv="refresh"' in page  # the bar refreshes itself without JavaScript
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline:
            status = client.get(f"/dashboard/traceability/runs/{run.pk}/status.json").json()
            stored.append(status["done"])
            if status["status"] in ("done", "failed"):
                break
            time.sleep(0.2)
        assert status["status"] == "done", status

    run.refresh_from_db()
    assert run.status == LabelRun.Status.DONE and run.done == LABELS and run.percent == 100
    assert any(0 < done < LABELS for done in stored), stored  # progress was stored as it went
    assert stored == sorted(stored)
    page = client.get(f"/dashboard/traceability/runs/{run.pk}/").content.decode()
    assert (
        'http-equiv="refresh"' not in page
        and f"/dashboard/traceability/runs/{run.pk}/download/" in page
    )

    pdf = b"".join(client.get(f"/dashboard/traceability/runs/{run.pk}/download/").streaming_content)
    document = pypdfium2.PdfDocument(pdf)
    assert len(document) == -(-LABELS // 24)
    codes = list(run.serials.order_by("pk").values_list("code", flat=True))
    assert len(codes) == len(set(codes)) == LABELS
    for index in (0, len(document) // 2, len(document) - 1):
        image = document[index].render(scale=200 / 72).to_pil()
        decoded = sorted(
            r.text for r in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
        )
        expected = sorted(batch.serial_uri(code) for code in codes[index * 24 : (index + 1) * 24])
        assert decoded == expected, index


# The test above works outside a rolled-back transaction; this one, marked like the rest of
# the suite, also makes sure pytest-django sets the test database up when the module runs alone.
@pytest.mark.django_db
def test_a_failed_run_says_why_on_its_page(client, coop_a_user, monkeypatch):
    product = ProductFactory(partner=coop_a_user.partners.get())
    run = LabelRun.objects.create(batch=BatchFactory(product=product, lot="FAIL-1"), quantity=5)
    monkeypatch.setattr(tasks, "build_sheet", lambda run: 1 / 0)
    tasks.generate_labels(run.pk)
    run.refresh_from_db()
    assert run.status == LabelRun.Status.FAILED and "division by zero" in run.error
    client.force_login(coop_a_user)
    page = client.get(f"/dashboard/traceability/runs/{run.pk}/").content.decode()
    assert "Không tạo được tờ tem." in page and 'http-equiv="refresh"' not in page
    assert client.get(f"/dashboard/traceability/runs/{run.pk}/download/").status_code == 404
