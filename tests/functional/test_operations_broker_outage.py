"""The Celery broker down: orders, registration and scans go on; label runs wait, not vanish.

A label run is recorded in the database before its Celery message is sent; with the broker
unreachable the request still succeeds, the run stays pending and its page says it is
waiting. Once the broker is back, the sweeper (Celery beat, every minute) sends it again and
a worker makes the sheet. Order e-mails never went through the broker: they are sent by the
web process once the order is committed, so an outage of the broker does not hold them.
"""

from __future__ import annotations

import datetime
from contextlib import contextmanager

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from django.utils import timezone
from kombu import Connection
from oscar.core.loading import get_model

from lib import tasks as queue
from lib.cache import Breaker
from marketplace.celery import app
from tests import flows
from tests.factories import BatchFactory, CooperativeFactory, ProductFactory
from tests.personas import COOPERATIVE_A
from tests.redis_server import RedisServer
from traceability import tasks
from traceability.models import Batch, LabelRun

Order = get_model("order", "Order")
Product = get_model("catalogue", "Product")

pytestmark = pytest.mark.django_db
QUEUE = "ocop-outage-test"


@contextmanager
def celery_broker(url: str):
    """Celery sends to `url` (no eager in-process tasks) for the duration."""
    saved = {k: app.conf[k] for k in ("broker_url", "task_always_eager", "broker_write_url")}
    app.conf.update(broker_url=url, broker_write_url=url, task_always_eager=False)
    app._pool = None
    app.amqp._producer_pool = None
    try:
        yield
    finally:
        app.conf.update(saved)
        app._pool = None
        app.amqp._producer_pool = None


@pytest.fixture
def broker(monkeypatch, settings):
    """A broker of the test's own, not started yet (so unreachable), on its own queue."""
    settings.TRACE_LABEL_QUEUE = QUEUE
    monkeypatch.setattr(queue, "broker", Breaker("task broker", queue.BROKER_DOWN_SECONDS))
    server = RedisServer()
    try:
        with celery_broker(server.url):
            yield server
    finally:
        server.stop()


def work_off(url: str) -> int:
    """Be the worker: run each task message waiting on the test's queue; how many."""
    ran = 0
    with Connection(url) as conn:
        waiting = conn.SimpleQueue(QUEUE)
        while True:
            try:
                message = waiting.get(timeout=1)
            except waiting.Empty:
                return ran
            args, kwargs, _ = message.decode()
            app.tasks[message.headers["task"]](*args, **kwargs)
            message.ack()
            ran += 1


def test_a_label_run_waits_for_the_broker_and_completes_once_it_is_back(
    broker, django_capture_on_commit_callbacks
):
    user = get_user_model().objects.get(email=COOPERATIVE_A["email"])
    product = Product.objects.filter(stockrecords__partner__users=user).order_by("pk").first()
    batch = BatchFactory(product=product, lot="BROKER/1")
    client = flows.signed_in(user)
    form = {"quantity": 6, "columns": 3, "rows": 8}

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/dashboard/traceability/batches/{batch.pk}/labels/", form)
    run = LabelRun.objects.get(batch=batch)
    assert response.status_code == 302  # the cooperative is not shown an error
    page = client.get(response["Location"])
    assert page.status_code == 200 and 'id="run-waiting"' in page.content.decode()
    run.refresh_from_db()
    assert run.status == LabelRun.Status.PENDING

    # A minute on, the broker still down: the sweeper finds it but cannot send it.
    LabelRun.objects.filter(pk=run.pk).update(
        created_at=timezone.now() - datetime.timedelta(minutes=2)
    )
    assert tasks.requeue_label_runs() == 0

    broker.start()
    queue.broker = Breaker("task broker", queue.BROKER_DOWN_SECONDS)  # a worker's own process
    assert tasks.requeue_label_runs() == 1  # what Celery beat runs every minute
    assert work_off(broker.url) == 1
    run.refresh_from_db()
    assert run.status == LabelRun.Status.DONE and run.file
    assert client.get(f"/dashboard/traceability/runs/{run.pk}/download/").status_code == 200


def test_a_run_sent_twice_is_made_once(broker):
    broker.start()
    user = get_user_model().objects.get(email=COOPERATIVE_A["email"])
    product = Product.objects.filter(stockrecords__partner__users=user).order_by("pk").first()
    run = LabelRun.objects.create(batch=BatchFactory(product=product, lot="BROKER/2"), quantity=3)
    assert queue.send(tasks.generate_labels, [run.pk], queue=QUEUE)
    assert queue.send(tasks.generate_labels, [run.pk], queue=QUEUE)  # the sweeper, meanwhile
    with pytest.MonkeyPatch.context() as patch:
        built = []
        real = tasks.build_sheet
        patch.setattr(tasks, "build_sheet", lambda r: (built.append(r.pk), real(r)))
        assert work_off(broker.url) == 2
    assert built == [run.pk]


def test_orders_are_placed_and_mailed_while_the_broker_is_down(
    broker, django_capture_on_commit_callbacks
):
    item = ProductFactory(partner=CooperativeFactory(flat_rate=20000), price=150000)
    client = Client()
    flows.add_to_basket(client, item, 1)
    with django_capture_on_commit_callbacks(execute=True):
        response = flows.checkout(client)
    assert response.status_code == 302
    order = Order.objects.get(lines__product=item)
    assert any(order.number in message.body for message in mail.outbox)


def test_registration_and_scans_work_while_the_broker_is_down(broker):
    client = Client()
    registered = client.post("/shop/accounts/register/", {"email": "moi@example.vn"})
    assert registered.status_code == 302
    assert [m.to for m in mail.outbox] == [["moi@example.vn"]]  # the link is sent at once
    batch = Batch.objects.published().order_by("pk").first()
    scans = batch.scans.count()
    assert Client().get(flows.path_of(batch.code_uri())).status_code == 200
    assert batch.scans.count() == scans + 1
