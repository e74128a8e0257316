"""Origin-page and label benchmark: 1,000,000 serials on PostgreSQL, gunicorn, load from another process.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ocop_bench_origin REDIS_URL=redis://127.0.0.1:6379/5 \\
        .venv/bin/python bench/origin.py --serials 1000000

What it does, in order:
 1. creates the database (``--fresh`` drops it first), migrates and loads the demo marketplace;
 2. adds ``--batches`` (20) published bench batches with ``--serials`` (1,000,000) serialised
    unit codes between them and ``--scans`` (300,000) past scans, with PostgreSQL's COPY;
 3. starts gunicorn (production settings, ``--workers``) and, with Redis, a Celery worker with
    beat (the scan flush); from another process, requests a static CSS file for ``--seconds``
    (the stack's ceiling in this run), then random serial URIs (and every tenth a batch URI) at
    ``--concurrency`` (8) for ``--seconds``: every request is a real scan (the per-address rate
    limit is lifted, as all the load comes from 127.0.0.1), buffered in Redis and written in
    batches by the worker (``--no-buffer``: one INSERT per request); once the buffer is flushed
    it checks that the database gained one scan row per request;
 4. times a 10,000-label serialised run end to end (serials issued, PDF drawn and stored) and
    the QR encoders per code: qrcode, segno (when installed) and zxing-cpp.

The results are printed as Markdown and written to ``bench/origin-results.json``.
"""

from __future__ import annotations

import argparse
import base64
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
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

from common import (  # noqa: E402
    ensure_database,
    free_port,
    in_other_process,
    log,
    manage,
    percentile,
    setup_django,
    site_env,
    start_gunicorn,
    stop,
    throughput_worker,
)

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
TO_CROCKFORD = str.maketrans(BASE32, CROCKFORD)
STYLESHEET = "oscar/css/styles.css"  # the static-file ceiling, as bench/compare.py measures it
PHONE = (
    "Mozilla/5.0 (Linux; Android 12; SM-A135F) AppleWebKit/537.36 Chrome/120 Mobile Safari/537.36"
)


def bench_env(database_url: str, redis_url: str, buffer: bool = True) -> dict:
    env = site_env(
        DATABASE_URL=database_url,
        TRACE_BASE_URL="https://ocop.example.vn",
        TRACE_SCANS_PER_MINUTE=str(10**9),
        TRACE_SCAN_BUFFER="true" if buffer else "false",
        MEDIA_ROOT=str(ROOT / "var" / "bench-media"),
    )
    if redis_url:
        env["REDIS_URL"] = redis_url
    return env


# Data (in this process, with Django set up)


def serial_codes(count: int, taken: set[str]) -> list[str]:
    """``count`` fresh 15-character codes from 75 random bits each, as Serial.issue makes them."""
    codes: set[str] = set()
    while len(codes) < count:
        for _ in range(count - len(codes)):
            code = base64.b32encode(os.urandom(10)).decode()[:15].translate(TO_CROCKFORD)
            if code not in taken:
                codes.add(code)
    taken.update(codes)
    return list(codes)


def grow(batches: int, serials: int, scans: int) -> dict:
    """Bench batches with their serials and past scans, added once; returns the URIs to load."""
    from django.db import connection, transaction
    from django.utils import timezone
    from oscar.core.loading import get_model

    from tests.factories import BatchFactory
    from traceability.models import Batch, Scan, Serial

    Product = get_model("catalogue", "Product")
    existing = list(Batch.objects.filter(lot__startswith="BENCH-").order_by("pk"))
    if len(existing) < batches:
        products = list(
            Product.objects.filter(stockrecords__isnull=False, upc__startswith="893").order_by("pk")
        )
        for index in range(len(existing), batches):
            existing.append(
                BatchFactory(
                    product=products[index % len(products)], lot=f"BENCH-{index:03d}", events=7
                )
            )
    per_batch = -(-serials // batches)
    have = Serial.objects.filter(batch__in=existing).count()
    if have < serials:
        log(f"writing {serials - have:,} serials with COPY…")
        taken = set(Serial.objects.values_list("code", flat=True))
        missing = {
            b.pk: per_batch - b.serials.count() for b in existing
        }  # before COPY holds the line
        now = timezone.now()
        with transaction.atomic(), connection.cursor() as cursor:
            with cursor.cursor.copy(
                "COPY traceability_serial (batch_id, code, flag, created_at) FROM STDIN"
            ) as copy:
                for batch_id, count in missing.items():
                    for code in serial_codes(max(0, count), taken):
                        copy.write_row((batch_id, code, "", now))
    have_scans = Scan.objects.filter(batch__in=existing).count()
    if have_scans < scans:
        log(f"writing {scans - have_scans:,} past scans with COPY…")
        rng = random.Random(3)
        ids = list(Serial.objects.filter(batch__in=existing).values_list("pk", "batch_id")[:scans])
        now = timezone.now()
        with transaction.atomic(), connection.cursor() as cursor:
            with cursor.cursor.copy(
                "COPY traceability_scan (batch_id, serial_id, scanned_at, device) FROM STDIN"
            ) as copy:
                for n in range(scans - have_scans):
                    serial_id, batch_id = ids[n % len(ids)]
                    if n % 10 == 0:
                        serial_id = None  # a scan of the batch code itself
                    when = now - datetime.timedelta(minutes=rng.randint(1, 60 * 24 * 90))
                    copy.write_row((batch_id, serial_id, when, "phone"))
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE traceability_serial; ANALYZE traceability_scan")
    sample = list(
        Serial.objects.filter(batch__in=existing)
        .order_by("?")
        .values_list("batch_id", "code")[:5000]
    )
    by_pk = {b.pk: b for b in existing}
    serial_paths = [urlsplit(by_pk[batch_id].serial_uri(code)).path for batch_id, code in sample]
    batch_paths = [urlsplit(b.uri).path for b in existing]
    return {
        "serial_paths": serial_paths,
        "batch_paths": batch_paths,
        "serials": Serial.objects.filter(batch__in=existing).count(),
        "scans": Scan.objects.count(),
    }


def start_scan_worker(env: dict) -> subprocess.Popen:
    """A Celery worker with beat, as production runs it: it writes the buffered scans."""
    command = [sys.executable, "-m", "celery", "-A", "marketplace", "worker", "-B",
               "--pool=solo", "--without-gossip", "--without-mingle", "-l", "WARNING",
               "--schedule", str(ROOT / "var" / "bench-celerybeat-schedule")]  # fmt: skip
    return subprocess.Popen(command, env=env, cwd=ROOT, start_new_session=True)


def scans_written(timeout: float = 120) -> int:
    """The scan rows in the database once the buffer is empty (waits for the worker's flush)."""
    from traceability import scan_buffer
    from traceability.models import Scan

    deadline = time.monotonic() + timeout
    while scan_buffer.waiting() and time.monotonic() < deadline:
        time.sleep(0.5)
    scan_buffer.flush()  # whatever is left, if the worker was slow
    return Scan.objects.count()


# Load (in a separate process)


def _get(conn: http.client.HTTPConnection, path: str) -> int:
    conn.request("GET", path, headers={"User-Agent": PHONE, "Accept-Language": "vi-VN,vi;q=0.9"})
    response = conn.getresponse()
    response.read()
    return response.status


def load_worker(
    port: int,
    serial_paths: list[str],
    batch_paths: list[str],
    concurrency: int,
    seconds: float,
    queue,
) -> None:
    """``concurrency`` keep-alive connections, each sending its next request when the last answered."""
    warm = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    for path in batch_paths + serial_paths[:50]:  # fragment caches and thumbnails, once
        _get(warm, path)
    times: list[list[float]] = [[] for _ in range(concurrency)]
    errors = [0] * concurrency
    stop_at = time.perf_counter() + seconds

    def run(index: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        rng = random.Random(index)
        while time.perf_counter() < stop_at:
            path = rng.choice(batch_paths) if rng.random() < 0.1 else rng.choice(serial_paths)
            start = time.perf_counter()
            status = _get(conn, path)
            times[index].append((time.perf_counter() - start) * 1000)
            errors[index] += status != 200

    started = time.perf_counter()
    threads = [threading.Thread(target=run, args=(i,)) for i in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    queue.put(
        {
            "times": [t for ts in times for t in ts],
            "errors": sum(errors),
            "seconds": time.perf_counter() - started,
            "warm_up": len(batch_paths) + len(serial_paths[:50]),
        }
    )


# Labels and encoders (in this process)


def time_label_run(labels_count: int) -> dict:
    from oscar.core.loading import get_model

    from tests.factories import BatchFactory
    from traceability import tasks
    from traceability.models import LabelRun

    product = (
        get_model("catalogue", "Product")
        .objects.filter(stockrecords__isnull=False, is_public=True, upc__startswith="893")
        .order_by("pk")
        .first()
    )
    batch = BatchFactory(product=product, lot=f"LBL-{secrets.token_hex(3)}", events=3)
    run = LabelRun.objects.create(batch=batch, serialised=True, quantity=labels_count)
    marks: list[tuple[float, int]] = []
    real = tasks._progress

    def progress(run, done):
        marks.append((time.perf_counter(), done))
        real(run, done)

    tasks._progress = progress
    start = time.perf_counter()
    try:
        tasks.generate_labels(run.pk)
    finally:
        tasks._progress = real
    total = time.perf_counter() - start
    run.refresh_from_db()
    issued = (
        next((t for t, done in marks if done >= labels_count * tasks.ISSUE_SHARE), start) - start
    )
    return {"labels": labels_count, "seconds": total, "issue_seconds": issued, "status": run.status,
            "pdf_bytes": run.file.size if run.file else 0}  # fmt: skip


def time_encoders(count: int = 1000) -> dict:
    import qrcode
    import zxingcpp

    uris = [
        f"https://ocop.example.vn/01/08931000000013/10/L25%2F07-001/21/{secrets.token_hex(8).upper()[:15]}"
        for _ in range(count)
    ]

    def per_code(make) -> float:
        start = time.perf_counter()
        for uri in uris:
            make(uri)
        return (time.perf_counter() - start) / count * 1000

    def with_qrcode(uri):
        code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=0)
        code.add_data(uri)
        code.make(fit=True)
        return code.get_matrix()

    results = {
        "qrcode": per_code(with_qrcode),
        "zxing-cpp": per_code(lambda uri: zxingcpp.create_barcode(uri, zxingcpp.BarcodeFormat.QRCode, ec_level="M").to_image(scale=1, add_quiet_zones=False)),
    }  # fmt: skip
    try:
        import segno

        results["segno"] = per_code(
            lambda uri: segno.make_qr(uri, error="m", boost_error=False).matrix
        )
    except ImportError:
        pass
    return results


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--serials", type=int, default=1_000_000)
    parser.add_argument("--batches", type=int, default=20)
    parser.add_argument("--scans", type=int, default=300_000)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=1, help="gunicorn threads per worker")
    parser.add_argument("--labels", type=int, default=10_000)
    parser.add_argument("--fresh", action="store_true", help="drop and recreate the database")
    parser.add_argument(
        "--skip-load", action="store_true", help="only the label and encoder timings"
    )
    parser.add_argument(
        "--no-buffer", action="store_true", help="write each scan on the request (no Redis buffer)"
    )
    parser.add_argument("--skip-labels", action="store_true", help="only the origin page")
    args = parser.parse_args()

    database_url = os.environ.get(
        "DATABASE_URL", "postgres://postgres@127.0.0.1:5432/ocop_bench_origin"
    )
    if not database_url.startswith("postgres"):
        sys.exit("bench/origin.py measures PostgreSQL: set DATABASE_URL=postgres://…")
    redis_url = os.environ.get("REDIS_URL", "")
    env = bench_env(database_url, redis_url, buffer=not args.no_buffer)
    ensure_database(database_url, args.fresh)
    log("migrating and loading the demo marketplace…")
    manage("migrate", "--noinput", "-v0", env=env)
    manage("load_demo", env={**env, "DJANGO_SETTINGS_MODULE": "marketplace.settings.production"})
    manage("collectstatic", "--noinput", "-v0", env=env)
    setup_django(env)

    results: dict = {
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
        "settings": vars(args),
    }
    if not args.skip_load:
        data = grow(args.batches, args.serials, args.scans)
        log(f"{data['serials']:,} serials, {data['scans']:,} scans in the database")
        from django.templatetags.static import static

        from traceability import scan_buffer

        buffered = scan_buffer.enabled()
        before = scans_written()
        port = free_port()
        server = start_gunicorn(env, port, args.workers, threads=args.threads)
        worker = start_scan_worker(env) if buffered else None
        try:
            log(f"the static-file ceiling: {STYLESHEET} for {args.seconds:.0f} s…")
            ceiling = in_other_process(
                throughput_worker, port, [static(STYLESHEET)], args.concurrency, args.seconds
            )
            log(
                f"loading /01/…/21/<serial> at concurrency {args.concurrency} for {args.seconds:.0f} s…"
            )
            load = in_other_process(
                load_worker,
                port,
                data["serial_paths"],
                data["batch_paths"],
                args.concurrency,
                args.seconds,
            )
            log("waiting for the buffered scans to be written…")
            written = scans_written() - before
        finally:
            stop(server)
            if worker is not None:
                stop(worker)
        times = load["times"]
        static_rate = ceiling["requests"] / ceiling["seconds"]
        rate = len(times) / load["seconds"]
        results["origin"] = {
            "serials": data["serials"],
            "scans_before": data["scans"],
            "scans": "buffered in Redis" if buffered else "one INSERT per request",
            "requests": len(times),
            "errors": load["errors"],
            "requests_per_second": rate,
            "static_requests_per_second": static_rate,
            "share_of_static": rate / static_rate if static_rate else None,
            "scans_written": written,
            "scans_expected": len(times) + load["warm_up"],
            "p50_ms": percentile(times, 50),
            "p95_ms": percentile(times, 95),
            "p99_ms": percentile(times, 99),
            "mean_ms": statistics.fmean(times),
        }
    if not args.skip_labels:
        log(f"timing a {args.labels:,}-label serialised run…")
        results["labels"] = time_label_run(args.labels)
        results["encoders_ms_per_code"] = time_encoders()

    (ROOT / "bench" / "origin-results.json").write_text(json.dumps(results, indent=2, default=str))
    print()
    if "origin" in results:
        o = results["origin"]
        print(
            f"Origin page, {o['serials']:,} serials, concurrency {args.concurrency}, gunicorn {args.workers} workers, scans {o['scans']}:"
        )
        print("| requests | req/s | static req/s | share | p50 ms | p95 ms | p99 ms | errors |")
        print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        print(
            f"| {o['requests']:,} | {o['requests_per_second']:.0f} | {o['static_requests_per_second']:.0f} | {o['share_of_static']:.1%} | {o['p50_ms']:.1f} | {o['p95_ms']:.1f} | {o['p99_ms']:.1f} | {o['errors']} |"
        )
        print(
            f"Scans written: {o['scans_written']:,} for {o['scans_expected']:,} requests (warm-up included)"
            + ("" if o["scans_written"] == o["scans_expected"] else ": NOT one per request")
        )
        print()
    if "labels" not in results:
        return
    lab = results["labels"]
    print(
        f"{lab['labels']:,}-label PDF: {lab['seconds']:.1f} s ({lab['issue_seconds']:.1f} s issuing serials), {lab['pdf_bytes'] / 1e6:.1f} MB, {lab['status']}"
    )
    print(
        "QR encoders, ms a code: "
        + ", ".join(f"{k} {v:.2f}" for k, v in results["encoders_ms_per_code"].items())
    )


if __name__ == "__main__":
    main()
