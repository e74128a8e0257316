"""Trade board benchmark: 10,000 open sourcing requests on PostgreSQL, served by gunicorn.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ocop_bench_trade REDIS_URL=redis://127.0.0.1:6379/11 \\
        .venv/bin/python bench/trade_board.py --requests 10000

What it does, in order:
 1. creates the database (``--fresh`` drops it first), migrates, loads the demo marketplace
    and collects static files;
 2. adds open sourcing requests until there are ``--requests`` (10,000), spread over the
    OCOP taxonomy, the 34 provinces, certifications, stars and quantities, with COPY-speed
    ``bulk_create``;
 3. starts gunicorn (production settings, ``--workers``) and, from another process, times
    ``--samples`` sequential requests per kind of board page over keep-alive HTTP: the first
    page, a random page of the whole board, and filtered pages (sector, province,
    certification, stars, quantity, and all at once). Every URL is fetched once before timing.

Visitors without a session are served the rendered page (the board is not page-cached), so
these figures are those of a rendered page. Results are printed as Markdown and written to
``bench/trade-results.json``.
"""

from __future__ import annotations

import argparse
import datetime
import http.client
import json
import os
import platform
import random
import secrets
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

from common import (  # noqa: E402
    ensure_database,
    free_port,
    in_other_process,
    log,
    manage,
    percentile,
    setup_django,
    stop,
    wait_until_serving,
)

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def bench_env(database_url: str, redis_url: str) -> dict:
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "marketplace.settings.production",
        "DJANGO_SECRET_KEY": "bench-" + secrets.token_urlsafe(40),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_SECURE_COOKIES": "0",
        "DJANGO_SECURE_HSTS_SECONDS": "0",
        "SITE_BASE_URL": "http://127.0.0.1",
        "MEDIA_ROOT": str(ROOT / "var" / "bench-media"),
        "LOG_LEVEL": "WARNING",
    }
    if redis_url:
        env["REDIS_URL"] = redis_url
    return env


def grow(total: int) -> dict:
    """Open requests up to `total`; returns the filter values the timed URLs use."""
    from django.db import connection
    from django.utils import timezone
    from oscar.core.loading import get_model

    from regions import units
    from trade.models import Organisation, SourcingRequest

    Category = get_model("catalogue", "Category")
    categories = list(Category.objects.filter(depth__lte=3).order_by("path"))
    provinces = [p.code for p in units.provinces()]
    organisation, _ = Organisation.objects.get_or_create(
        tax_code="0100000001",
        defaults={
            "name": "Bench buyer", "kind": "distributor", "province_code": "01",
            "contact_name": "Bench", "contact_email": "bench@example.vn",
            "contact_phone": "+84240000000", "status": "verified",
        },
    )  # fmt: skip
    have = SourcingRequest.objects.open().count()
    missing = max(0, total - have)
    if missing:
        log(f"adding {missing:,} open requests…")
        rng = random.Random(15)
        now = timezone.now()
        certifications = ["", "", "|vietgap|", "|organic|", "|haccp|", "|vietgap|organic|"]
        batch = []
        for i in range(missing):
            batch.append(
                SourcingRequest(
                    organisation=organisation,
                    title=f"Yêu cầu thử {have + i}",
                    category=rng.choice(categories),
                    description="Bench request.",
                    quantity=rng.choice([50, 100, 200, 500, 1000, 5000, 20000]),
                    unit="kg",
                    target_price=rng.choice([None, 50000, 120000, 300000]),
                    delivery_province_code=rng.choice(provinces),
                    certifications=rng.choice(certifications),
                    min_stars=rng.choice([0, 0, 3, 4, 5]),
                    status="open",
                    opened_at=now - datetime.timedelta(minutes=rng.randint(0, 60 * 24 * 20)),
                    expires_at=now + datetime.timedelta(days=rng.randint(1, 25)),
                    quote_count=rng.randint(0, 9),
                )
            )
            if len(batch) == 2000:
                SourcingRequest.objects.bulk_create(batch)
                batch = []
        SourcingRequest.objects.bulk_create(batch)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE trade_sourcingrequest")
    sector = next(c for c in categories if c.depth == 1)
    group = next(c for c in categories if c.depth == 2)
    return {
        "open": SourcingRequest.objects.open().count(),
        "sector": sector.pk,
        "group": group.pk,
        "pages": -(-SourcingRequest.objects.open().count() // 20),
    }


def paths(facts: dict, samples: int) -> dict[str, list[str]]:
    rng = random.Random(7)

    def q(**params) -> str:
        return "/trade/?" + urlencode(params)

    return {
        "first page": ["/trade/"],
        "random page": [q(page=rng.randint(1, facts["pages"])) for _ in range(samples)],
        "sector": [q(sector=facts["sector"]), q(sector=facts["sector"], page=3)],
        "province": [q(province=code) for code in ("01", "79", "48", "66", "92")],
        "certification": [q(certification=c) for c in ("vietgap", "organic", "haccp")],
        "stars and quantity": [q(stars=4, min_quantity=500), q(stars=3, max_quantity=200)],
        "all filters": [
            q(
                sector=facts["group"],
                province="01",
                certification="vietgap",
                stars=5,
                min_quantity=100,
                max_quantity=20000,
            ),
        ],  # fmt: skip
    }


def _get(conn: http.client.HTTPConnection, path: str) -> int:
    conn.request("GET", path, headers={"Accept-Language": "vi-VN,vi;q=0.9"})
    response = conn.getresponse()
    response.read()
    return response.status


def load_worker(port: int, kinds: dict[str, list[str]], samples: int, queue) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    for urls in kinds.values():
        for path in urls:
            assert _get(conn, path) == 200, path
    results = {}
    for kind, urls in kinds.items():
        times = []
        for n in range(samples):
            start = time.perf_counter()
            status = _get(conn, urls[n % len(urls)])
            times.append((time.perf_counter() - start) * 1000)
            assert status == 200
        results[kind] = times
    queue.put(results)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--requests", type=int, default=10_000)
    parser.add_argument("--samples", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--fresh", action="store_true")
    parser.add_argument("--skip-setup", action="store_true", help="database already migrated")
    args = parser.parse_args()
    database_url = os.environ["DATABASE_URL"]
    env = bench_env(database_url, os.environ.get("REDIS_URL", ""))
    if not args.skip_setup:
        ensure_database(database_url, args.fresh)
        log("migrating and loading the demo marketplace…")
        manage("migrate", "--noinput", "-v0", env=env)
        manage("load_demo", env=env)
    manage("collectstatic", "--noinput", "-v0", env=env)
    setup_django(env)
    facts = grow(args.requests)
    log(f"{facts['open']:,} open requests; starting gunicorn…")
    port = free_port()
    command = [str(Path(sys.executable).parent / "gunicorn"), "marketplace.wsgi:application",
               "--bind", f"127.0.0.1:{port}", "--workers", str(args.workers),
               "--log-level", "warning"]  # fmt: skip
    server = wait_until_serving(
        subprocess.Popen(command, env=env, cwd=ROOT, start_new_session=True), port
    )
    try:
        times = in_other_process(load_worker, port, paths(facts, args.samples), args.samples)
    finally:
        stop(server)
    rows = {
        kind: {
            "p50": statistics.median(values),
            "p95": percentile(values, 95),
            "max": max(values),
            "n": len(values),
        }
        for kind, values in times.items()
    }
    result = {
        "date": datetime.date.today().isoformat(),
        "open_requests": facts["open"],
        "workers": args.workers,
        "python": platform.python_version(),
        "pages": rows,
    }
    (ROOT / "bench" / "trade-results.json").write_text(json.dumps(result, indent=2) + "\n")
    print(f"\n| board page ({facts['open']:,} open requests) | p50 ms | p95 ms | max ms |")
    print("| --- | ---: | ---: | ---: |")
    for kind, row in rows.items():
        print(f"| {kind} | {row['p50']:.1f} | {row['p95']:.1f} | {row['max']:.1f} |")


if __name__ == "__main__":
    main()
