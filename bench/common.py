"""Helpers shared by the benchmarks: databases, Django, gunicorn, timing."""

from __future__ import annotations

import datetime
import http.client
import multiprocessing
import os
import random
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent


def log(message: str) -> None:
    print(
        f"[{datetime.datetime.now(datetime.UTC):%H:%M:%S}] {message}", flush=True
    )  # UTC: Django sets TZ


def manage(*args: str, env: dict) -> None:
    subprocess.run([sys.executable, str(ROOT / "manage.py"), *args], env=env, check=True, cwd=ROOT)


def ensure_database(url: str, fresh: bool) -> None:
    import psycopg

    parts = urlparse(url)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and fresh:
            conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            exists = None
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def setup_django(env: dict) -> None:
    os.environ.update(env)
    import django

    django.setup()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def stop(process: subprocess.Popen) -> None:
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=30)


def in_other_process(target, *args, **kwargs):
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    process = context.Process(target=target, args=(*args, queue), kwargs=kwargs)
    process.start()
    result = queue.get()
    process.join()
    return result


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def wait_until_serving(process: subprocess.Popen, port: int) -> subprocess.Popen:
    """Return the server process once /healthz answers 200; kill it after about a minute."""
    for _ in range(300):
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("gunicorn did not start")


def site_env(**extra: str) -> dict:
    """The environment our site is served with in a benchmark: production settings, DEBUG off."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "marketplace.settings.production",
        "DJANGO_SECRET_KEY": "bench-" + secrets.token_urlsafe(40),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_SECURE_COOKIES": "0",
        "DJANGO_SECURE_HSTS_SECONDS": "0",
        "LOG_LEVEL": "WARNING",
        "SITE_BASE_URL": "http://127.0.0.1",
        **extra,
    }


def start_gunicorn(
    env: dict,
    port: int,
    workers: int,
    *,
    app: str = "marketplace.wsgi:application",
    gunicorn: Path | None = None,
    cwd: Path = ROOT,
    threads: int = 1,
) -> subprocess.Popen:
    """gunicorn with ``workers`` sync workers on 127.0.0.1:``port``, once it answers /healthz."""
    command = [str(gunicorn or Path(sys.executable).parent / "gunicorn"), app,
               "--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--log-level", "warning"]  # fmt: skip
    if threads > 1:
        command += ["--threads", str(threads)]
    process = subprocess.Popen(command, env=env, cwd=cwd, start_new_session=True)
    return wait_until_serving(process, port)


# The load generator (runs in a separate process: in_other_process)


def fetch(conn: http.client.HTTPConnection, url: str, headers: dict | None = None) -> int:
    conn.request("GET", url, headers=headers or {"Accept-Language": "vi"})
    response = conn.getresponse()
    response.read()
    return response.status


def in_threads(target, count: int) -> None:
    threads = [threading.Thread(target=target, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def warm_up(port: int, urls: list[str], concurrency: int, headers: dict | None) -> None:
    """Every URL once, spread over ``concurrency`` connections (so over every worker)."""

    def warm(index: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        for url in urls[index::concurrency] or [urls[index % len(urls)]]:
            fetch(conn, url, headers)

    in_threads(warm, concurrency)


WRK_SCRIPT = """
local paths = {%(paths)s}
local headers = {%(headers)s}
math.randomseed(os.time())
request = function()
  return wrk.format("GET", paths[math.random(#paths)], headers)
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("BENCH %%d %%d %%d\\n", summary.requests, summary.duration,
    e.status + e.connect + e.read + e.write + e.timeout))
end
"""


def wrk_worker(
    port: int, urls: list[str], concurrency: int, seconds: float, queue, headers: dict | None = None
) -> None:
    """The same load as throughput_worker, generated by wrk (``-t2 -c<concurrency>``, a random
    URL of ``urls`` per request): a C client that leaves more of the CPUs to the server."""
    import json
    import tempfile

    warm_up(port, urls, concurrency, headers)
    headers = headers or {"Accept-Language": "vi"}
    script = WRK_SCRIPT % {
        "paths": ", ".join(json.dumps(u) for u in urls),
        "headers": ", ".join(f"[{json.dumps(k)}] = {json.dumps(v)}" for k, v in headers.items()),
    }
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as lua:
        lua.write(script)
        lua.flush()
        out = subprocess.run(
            ["wrk", f"-t{min(2, concurrency)}", f"-c{concurrency}", f"-d{seconds:g}s",
             "--timeout", "60s", "-s", lua.name, f"http://127.0.0.1:{port}"],
            capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
    requests, microseconds, errors = next(
        map(int, line.split()[1:]) for line in out.splitlines() if line.startswith("BENCH ")
    )
    queue.put({"requests": requests, "errors": errors, "seconds": microseconds / 1e6})


def throughput_worker(
    port: int, urls: list[str], concurrency: int, seconds: float, queue, headers: dict | None = None
) -> None:
    """``concurrency`` keep-alive connections for ``seconds``, each sending a random URL of
    ``urls`` as soon as its last answer arrived, after fetching every URL once (warm caches).

    The warm-up is spread over the same connections, so that every gunicorn worker has served
    a request of the kind (its first one loads modules and templates) before the clock starts.
    """
    done, errors = [0] * concurrency, [0] * concurrency
    stop_at = [0.0]

    def run(index: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        rng = random.Random(index)
        while time.perf_counter() < stop_at[0]:
            status = fetch(conn, rng.choice(urls), headers)
            done[index] += 1
            errors[index] += status != 200

    warm_up(port, urls, concurrency, headers)
    stop_at[0] = time.perf_counter() + seconds
    start = time.perf_counter()
    in_threads(run, concurrency)
    elapsed = time.perf_counter() - start
    queue.put({"requests": sum(done), "errors": sum(errors), "seconds": elapsed})


# Synthetic product names, shared by our catalogue and the stock-Oscar baseline's

KINDS = [
    "Cà phê Robusta",
    "Cà phê Arabica",
    "Nước mắm cá cơm",
    "Chè Shan tuyết",
    "Chè búp",
    "Mật ong rừng",
    "Gạo ST25",
    "Gạo nếp cái hoa vàng",
    "Bánh tráng",
    "Rượu cần",
    "Rượu nếp",
    "Tinh dầu sả chanh",
    "Tinh dầu quế",
    "Gốm men lam",
    "Lụa tơ tằm",
    "Mứt gừng",
    "Hạt điều rang muối",
    "Hạt tiêu đen",
    "Nấm linh chi",
    "Miến dong",
    "Bánh pía",
    "Kẹo dừa",
    "Trà atiso",
    "Yến sào",
    "Sâm Ngọc Linh",
    "Đông trùng hạ thảo",
    "Xoài sấy dẻo",
    "Măng khô",
    "Mắm tôm",
    "Chả mực",
]
DESCRIPTORS = [
    "hảo hạng",
    "đặc biệt",
    "hữu cơ",
    "truyền thống",
    "rang xay",
    "hộp quà",
    "túi 500g",
    "chai 500ml",
    "loại 1",
    "xuất khẩu",
    "thủ công",
    "nguyên chất",
    "sấy lạnh",
    "gia truyền",
]
