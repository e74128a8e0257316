"""Redis killed under four visitors at once: real threads, each with its own connection to a
committed database (no wrapping transaction), so the pages read and write as in production.
What the visits write (scans, product view counts) is put back afterwards."""

from __future__ import annotations

import threading

from django.db import connection
from django.test import Client, override_settings
from oscar.core.loading import get_model

from tests.functional.test_operations_redis_outage import DOWN_SECONDS, shop_pages
from tests.redis_server import RedisServer
from traceability.models import Scan

ProductRecord = get_model("analytics", "ProductRecord")


def test_four_clients_at_once_get_no_5xx_while_redis_dies_under_them(committed_db):
    """Real threads, each with its own database connection, while the server is killed."""
    shop = shop_pages()
    server = RedisServer().start()
    pages = [shop[name] for name in ("home", "category", "product", "search", "origin")]
    last_scan = Scan.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    records = list(ProductRecord.objects.values())
    statuses: list[int] = []
    errors: list[BaseException] = []
    killed = threading.Event()

    def visitor(n: int) -> None:
        client = Client()
        try:
            for round_ in range(6):  # bounded: 30 requests a visitor
                if round_ == 2 and n == 0:
                    server.stop()  # mid-run, while the others are still requesting
                    killed.set()
                for page in pages:
                    statuses.append(client.get(page).status_code)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    try:
        with override_settings(CACHES=server.cache_settings(DOWN_SECONDS)):
            threads = [threading.Thread(target=visitor, args=(n,)) for n in range(4)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=300)
    finally:
        server.stop()
        Scan.objects.filter(pk__gt=last_scan).delete()
        for record in records:
            ProductRecord.objects.filter(pk=record["id"]).update(**record)
    assert killed.is_set() and not errors, errors
    assert len(statuses) == 4 * 6 * len(pages)
    assert all(status == 200 for status in statuses), sorted(set(statuses))
