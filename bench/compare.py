"""Our shop against a stock django-oscar 4.2.1 shop, measured side by side in one run.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ocop_bench \\
    REDIS_URL=redis://127.0.0.1:6379/9 \\
        .venv/bin/python bench/compare.py --products 5000 --seconds 20 --rounds 3 --load wrk

What it does, in order:
 1. stock Oscar: creates (or reuses) its own virtualenv, var/bench/oscar-venv, from
    bench/oscar_baseline/requirements.txt; creates its PostgreSQL database
    (``--baseline-database``, by default ours with ``_oscar`` appended), migrates, collects
    static files, grows its catalogue to ``--products`` (categories, stock records, prices) and
    rebuilds its Whoosh index (bench/oscar_baseline/build_catalogue.py);
 2. ours: migrates, loads the demo marketplace, collects static files and grows the catalogue
    to ``--products`` as bench/catalogue.py does;
 3. serves each in turn with gunicorn (``--workers`` sync workers, DEBUG off, the same Redis
    cache when REDIS_URL is set) and, from another process, keeps ``--concurrency``
    keep-alive connections busy for ``--seconds`` per page kind (bench/common.py's load
    generator, every URL fetched once first; ``--load wrk`` uses wrk instead): stock Oscar;
    ours as anonymous visitors get it (page cache on); ours as a signed-in user gets it (the
    session cookie of a signed-in buyer on every request, so no whole page comes from the
    page cache, only the fragments every visitor shares; the page cache is off as well);
    ours with the scan rate limit lifted (every origin-page request writes its scan). Each server
    also serves Oscar's stylesheet, oscar/css/styles.css, through WhiteNoise: the same file on
    both stacks, the ceiling of that server in that run. ``--rounds`` repeats the sequence
    (each figure is then the median of the rounds).

The table is printed as Markdown and written with the raw figures to bench/compare-results.json.
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import importlib.util
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from common import (  # noqa: E402
    ROOT,
    ensure_database,
    free_port,
    in_other_process,
    log,
    manage,
    setup_django,
    site_env,
    start_gunicorn,
    stop,
    throughput_worker,
    wrk_worker,
)

sys.path.insert(0, str(ROOT))

BASELINE = ROOT / "bench" / "oscar_baseline"
VENV = ROOT / "var" / "bench" / "oscar-venv"
BASELINE_VAR = ROOT / "var" / "bench" / "oscar"
STYLESHEET = "oscar/css/styles.css"  # the stylesheet of every stock Oscar page (283 KB)
PHONE = (
    "Mozilla/5.0 (Linux; Android 12; SM-A135F) AppleWebKit/537.36 Chrome/120 Mobile Safari/537.36"
)
PAGES = ["static", "home", "category", "product", "search", "origin", "origin_all_scans"]
TITLES = {
    "static": "a static CSS file (the stack's ceiling)",
    "home": "home page (stock: `/catalogue/`)",
    "category": "category",
    "product": "product",
    "search": "search",
    "origin": "origin page, default scan rate limit",
    "origin_all_scans": "origin page, every scan written (rate limit lifted)",
}


# Stock Oscar (its own virtualenv and database)


def ensure_venv() -> Path:
    """var/bench/oscar-venv with the baseline's requirements; reused while they are unchanged."""
    requirements = BASELINE / "requirements.txt"
    digest = hashlib.sha256(requirements.read_bytes()).hexdigest()
    marker = VENV / "requirements.sha256"
    python = VENV / "bin" / "python"
    if marker.exists() and marker.read_text() == digest and python.exists():
        return python
    log(f"Installing stock django-oscar in {VENV.relative_to(ROOT)}")
    if not python.exists():
        base = getattr(sys, "_base_executable", sys.executable)
        subprocess.run([base, "-m", "venv", str(VENV)], check=True)
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "-r", str(requirements)], check=True
    )
    marker.write_text(digest)
    return python


def baseline_env(database_url: str) -> dict:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "PYTHONPATH", "DJANGO_SETTINGS_MODULE", "VIRTUAL_ENV"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="baseline.settings",
        BASELINE_DATABASE_URL=database_url,
        # Whoosh index, static and media files: one folder per database
        BASELINE_VAR_DIR=str(BASELINE_VAR / urlsplit(database_url).path.strip("/")),
        PYTHONWARNINGS="ignore",  # Haystack warns on each search that Whoosh has no facets
    )
    return env


def prepare_baseline(python: Path, env: dict, products: int, fresh: bool) -> dict:
    ensure_database(env["BASELINE_DATABASE_URL"], fresh)
    index = Path(env["BASELINE_VAR_DIR"]) / "whoosh_index"
    if fresh and index.exists():
        shutil.rmtree(index)
    for command in (["migrate", "--noinput"], ["collectstatic", "--noinput"]):
        subprocess.run(
            [str(python), "manage.py", *command, "--verbosity", "0"],
            env=env,
            cwd=BASELINE,
            check=True,
        )
    log(f"Stock Oscar: growing the catalogue to {products} products, rebuilding the index")
    built = subprocess.run(
        [str(python), "build_catalogue.py", "--products", str(products)],
        env=env,
        cwd=BASELINE,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(built.stdout)


# Ours


def bench_catalogue():
    """bench/catalogue.py under another name: ``catalogue`` is our Django app's package."""
    spec = importlib.util.spec_from_file_location(
        "bench_catalogue", ROOT / "bench" / "catalogue.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def prepare_ours(env: dict, products: int, fresh: bool) -> dict:
    ensure_database(env["DATABASE_URL"], fresh)
    manage("migrate", "--noinput", "--verbosity", "0", env=env)
    manage("load_demo", "--verbosity", "0", env=env)
    manage("collectstatic", "--noinput", "--verbosity", "0", env=env)
    setup_django(env)
    log(f"Ours: growing the catalogue to {products} products")
    bench = bench_catalogue()
    bench.grow_catalogue(products)
    from django.templatetags.static import static
    from oscar.core.loading import get_model

    from traceability.models import Batch, Serial

    urls = bench.sample_urls(random.Random(3))
    session_cookie = signed_in_cookie()
    batches = list(Batch.objects.published().exclude(uri=""))
    serials = Serial.objects.filter(batch__in=batches).select_related("batch")[:500]
    origin = [urlsplit(b.uri).path for b in batches]
    origin += [urlsplit(s.batch.serial_uri(s.code)).path for s in serials]
    return {
        "products": get_model("catalogue", "Product").objects.count(),
        "static": static(STYLESHEET),
        "home": ["/"],
        "category": urls["category"],
        "product": urls["product"],
        "search": urls["search"],
        "origin": origin,
        "session_cookie": session_cookie,
    }


def signed_in_cookie() -> str:
    """A `Cookie` header value with the session of a signed-in buyer (created if need be)."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client

    email = "bench-buyer@example.com"
    user, _ = get_user_model().objects.get_or_create(
        username=email, defaults={"email": email, "first_name": "Bench", "last_name": "Buyer"}
    )
    client = Client()
    client.force_login(user)  # a session row in the site's own session store
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


# Measuring


def measure(port: int, pages: dict[str, list[str]], args, cookie: str = "") -> dict:
    figures = {}
    for page, urls in pages.items():
        if not urls:
            continue
        headers = {"User-Agent": PHONE, "Accept-Language": "vi"} if "origin" in page else None
        if cookie and page != "static":
            headers = {**(headers or {"Accept-Language": "vi"}), "Cookie": cookie}
        worker = wrk_worker if args.load == "wrk" else throughput_worker
        outcome = in_other_process(
            worker, port, urls, args.concurrency, args.seconds, headers=headers
        )
        outcome["per_second"] = outcome["requests"] / outcome["seconds"]
        outcome["urls"] = len(urls)
        figures[page] = outcome
        log(f"  {page}: {outcome['per_second']:.1f} req/s, {outcome['errors']} errors")
    return figures


def run_round(args, python: Path, stock_env: dict, stock: dict, ours_env: dict, ours: dict):
    kinds = ["home", "category", "product", "search"]
    stock_pages = {"static": [stock["static"]], **{k: stock[k] for k in kinds}}
    ours_pages = {"static": [ours["static"]], **{k: ours[k] for k in kinds}}
    servers = [
        ("stock", stock_pages, {}),
        ("anonymous", {**ours_pages, "origin": ours["origin"]}, {"OCOP_PAGE_CACHE_SECONDS": "300"}),
        # As a signed-in buyer: their session cookie on every page request.
        ("page_cache_off", ours_pages, {"OCOP_PAGE_CACHE_SECONDS": "0"}),
        (
            "all_scans",
            {"static": ours_pages["static"], "origin_all_scans": ours["origin"]},
            {"OCOP_PAGE_CACHE_SECONDS": "300", "TRACE_SCANS_PER_MINUTE": str(10**9)},
        ),
    ]
    figures = {}
    for name, pages, extra in servers:
        port = free_port()
        log(f"Serving {name} on port {port}")
        if name == "stock":
            server = start_gunicorn(
                stock_env,
                port,
                args.workers,
                app="baseline.wsgi:application",
                gunicorn=python.parent / "gunicorn",
                cwd=BASELINE,
            )
        else:
            server = start_gunicorn({**ours_env, **extra}, port, args.workers)
        try:
            cookie = ours["session_cookie"] if name == "page_cache_off" else ""
            figures[name] = measure(port, pages, args, cookie)
        finally:
            stop(server)
    # The last server only measured the origin page: it belongs with the anonymous column.
    all_scans = figures.pop("all_scans")
    figures["anonymous"]["origin_all_scans"] = all_scans["origin_all_scans"]
    figures["anonymous"]["static_all_scans"] = all_scans["static"]
    return figures


def median_of(rounds: list[dict]) -> dict:
    merged: dict = {}
    for server in rounds[0]:
        merged[server] = {}
        for page in rounds[0][server]:
            runs = [r[server][page] for r in rounds if page in r.get(server, {})]
            merged[server][page] = {
                "per_second": statistics.median(r["per_second"] for r in runs),
                "per_round": [round(r["per_second"], 1) for r in runs],
                "errors": sum(r["errors"] for r in runs),
                "requests": sum(r["requests"] for r in runs),
                "urls": runs[0]["urls"],
            }
    return merged


# Reporting


def report(results: dict) -> str:
    f = results["figures"]
    stock, anon, off = f["stock"], f["anonymous"], f["page_cache_off"]

    def cell(server: dict, page: str, ceiling_page: str = "static") -> str:
        if page not in server:
            return "—"
        rate = server[page]["per_second"]
        if page.startswith("static"):
            return f"{rate:,.0f}"
        ceiling = server[ceiling_page]["per_second"]
        return f"{rate:,.1f} ({rate / ceiling:.1%})" if ceiling else f"{rate:,.1f}"

    def ratio(server: dict, page: str) -> str:
        if page not in server or not stock.get(page, {}).get("per_second"):
            return "—"  # not measured, or no request finished within --seconds
        return f"{server[page]['per_second'] / stock[page]['per_second']:.1f}×"

    s = results["settings"]
    lines = [
        f"{results['products']['ours']:,} products (ours) and {results['products']['stock']:,} "
        f"(stock Oscar), gunicorn {s['workers']} sync workers, concurrency {s['concurrency']}, "
        f"{s['seconds']:g} s per page, {s['rounds']} round(s), load from {s['load']}, "
        f"cache: {results['cache']}, "
        f"{results['machine']['cpus']} CPUs, load average {results['load_before']} before and "
        f"{results['load_after']} after.",
        "",
        "Requests/s (in brackets: share of that server's static-file ceiling in this run):",
        "",
        "| page | stock Oscar req/s | ours, anonymous | ours, signed in (page cache off) "
        "| anonymous ÷ stock | signed in ÷ stock |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for page in PAGES:
        ceiling = "static_all_scans" if page == "origin_all_scans" else "static"
        lines.append(
            f"| {TITLES[page]} | {cell(stock, page)} | {cell(anon, page, ceiling)} | "
            f"{cell(off, page)} | {ratio(anon, page)} | {ratio(off, page)} |"
        )
    if "static_all_scans" in anon:
        lines += [
            "",
            f"The origin page with every scan written ran on its own server start, whose static "
            f"ceiling was {anon['static_all_scans']['per_second']:,.0f} req/s.",
        ]
    errors = {f"{srv}/{p}": r["errors"] for srv, pages in f.items() for p, r in pages.items()}
    failed = {k: v for k, v in errors.items() if v}
    lines += ["", f"Failed requests (not 200): {failed or 'none'}."]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--products", type=int, default=5_000)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=20.0, help="load per page kind")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--load",
        choices=["python", "wrk"],
        default="python",
        help="load generator: bench/common.py's threads (as bench/catalogue.py) or wrk",
    )
    parser.add_argument("--rounds", type=int, default=1, help="repeat the whole sequence")
    parser.add_argument("--fresh", action="store_true", help="drop and rebuild both databases")
    parser.add_argument(
        "--baseline-database", help="stock Oscar's PostgreSQL URL (default: ours + '_oscar')"
    )
    parser.add_argument(
        "--output", type=Path, default=ROOT / "bench" / "compare-results.json", help="JSON file"
    )
    args = parser.parse_args()

    if args.load == "wrk" and not shutil.which("wrk"):
        sys.exit("--load wrk needs wrk on the PATH (Debian: apt-get install wrk).")
    database = os.environ.get("DATABASE_URL", "")
    if not database.startswith("postgres"):
        sys.exit("Set DATABASE_URL to a PostgreSQL database for the benchmark (it is created).")
    baseline_database = args.baseline_database or f"{database.rstrip('/')}_oscar"
    load_before = [round(x, 1) for x in os.getloadavg()]

    python = ensure_venv()
    stock_env = baseline_env(baseline_database)
    stock = prepare_baseline(python, stock_env, args.products, args.fresh)
    static_root = Path(tempfile.gettempdir()) / "ocop-bench-static"
    ours_env = site_env(
        STATIC_ROOT=str(static_root),
        TRACE_BASE_URL="https://ocop.example.vn",
        MEDIA_ROOT=str(ROOT / "var" / "bench-media"),
    )
    ours = prepare_ours(ours_env, args.products, args.fresh)

    rounds = []
    for number in range(args.rounds):
        log(f"Round {number + 1} of {args.rounds}")
        rounds.append(run_round(args, python, stock_env, stock, ours_env, ours))

    results = {
        "date": datetime.date.today().isoformat(),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
        "cache": "redis" if os.environ.get("REDIS_URL") else "per-server default (no REDIS_URL)",
        "settings": {k: v for k, v in vars(args).items() if k not in {"output"}},
        "products": {"ours": ours["products"], "stock": stock["products"]},
        "signed_in": "page_cache_off: a signed-in buyer's session cookie on every page request",
        "urls": {
            name: {k: v if k == "static" else len(v) for k, v in side.items() if k in PAGES}
            for name, side in (("stock", stock), ("ours", ours))
        },
        "load_before": load_before,
        "load_after": [round(x, 1) for x in os.getloadavg()],
        "figures": median_of(rounds),
        "rounds": rounds,
    }
    args.output.write_text(json.dumps(results, indent=2, default=str), encoding="utf-8")
    print()
    print(report(results))


if __name__ == "__main__":
    main()
