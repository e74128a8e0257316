"""Lighthouse (mobile preset) on the pages shoppers and scanners land on, with Debian's Chromium.

Run the site first (`make run`, in another terminal), then:

    .venv/bin/python bench/lighthouse.py [--base http://127.0.0.1:8000] [--runs 3]

Lighthouse's CLI (Apache-2.0) is installed with npm into var/bench/lighthouse on the first
run; Chromium is /usr/bin/chromium (or $CHROMIUM). The pages: home, a category, a product,
a search, the basket and the checkout with one product in the basket (the visitor's cookies
are passed to Lighthouse), and a published batch's origin page. For each page the median of
`--runs` runs of performance, accessibility, LCP and bytes transferred is printed as a
Markdown table and written to bench/lighthouse-results.json with every failing audit, so an
accessibility score under 100 says what to fix.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TOOLS = ROOT / "var" / "bench" / "lighthouse"
LIGHTHOUSE = TOOLS / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
RESULTS = ROOT / "bench" / "lighthouse-results.json"
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage"


def install() -> None:
    if LIGHTHOUSE.exists():
        return
    TOOLS.mkdir(parents=True, exist_ok=True)
    print("Installing Lighthouse 12 with npm into", TOOLS, flush=True)
    subprocess.run(
        ["npm", "install", "--no-audit", "--no-fund", "--prefix", str(TOOLS), "lighthouse@12"],
        check=True,
    )


class Visitor:
    """A shopper with cookies, to find pages by following links as a browser would."""

    def __init__(self, base: str):
        self.base = base.rstrip("/")
        self.jar = CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def get(self, path: str) -> str:
        with self.opener.open(self.base + path, timeout=30) as response:  # noqa: S310 - our site
            return response.read().decode()

    def post(self, path: str, data: dict, referer: str) -> None:
        request = urllib.request.Request(  # noqa: S310 - our site
            self.base + path,
            data=urllib.parse.urlencode(data).encode(),
            headers={"Referer": self.base + referer},
        )
        self.opener.open(request, timeout=30).read()

    def cookie_header(self) -> str:
        return "; ".join(f"{c.name}={c.value}" for c in self.jar)


def first(pattern: str, html: str, what: str) -> str:
    match = re.search(pattern, html)
    if not match:
        sys.exit(f"No {what} found on the page: is the demo loaded (make run)?")
    return match[1]


def find_pages(base: str) -> tuple[dict[str, str], str]:
    """The pages to audit, and the cookies of a visitor with one product in the basket."""
    visitor = Visitor(base)
    home = visitor.get("/")
    category = first(r'href="(/shop/catalogue/category/[^"]+)"', home, "category link")
    product = first(r'href="(/shop/catalogue/[^"/]+_\d+/)"', visitor.get(category), "product")
    product_html = visitor.get(product)
    origin = re.search(r'href="((?:https?://[^"/]+)?/01/\d{14}/10/[^"]+)"', product_html)
    pages = {
        "home": "/",
        "category": category,
        "product": product,
        "search": "/shop/search/?q=mat+ong",
    }
    if origin:
        pages["origin"] = urllib.parse.urlparse(origin[1]).path
    add = first(r'action="(/shop/basket/add/\d+/)"', product_html, "add-to-basket form")
    token = first(r'name="csrfmiddlewaretoken" value="([^"]+)"', product_html, "CSRF token")
    visitor.post(add, {"csrfmiddlewaretoken": token, "quantity": "1"}, referer=product)
    pages["basket"] = "/shop/basket/"
    pages["checkout"] = "/shop/checkout/"
    return pages, visitor.cookie_header()


def audit(url: str, cookies: str, with_cookies: bool) -> dict:
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        command = [
            str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out.name}",
            f"--chrome-flags={CHROME_FLAGS}", "--only-categories=performance,accessibility",
        ]  # fmt: skip
        if with_cookies:
            command.append("--extra-headers=" + json.dumps({"Cookie": cookies}))
        for attempt in range(3):  # a trace is sometimes lost on a busy machine (NO_NAVSTART)
            done = subprocess.run(command, env={**os.environ, "CHROME_PATH": CHROMIUM})
            if done.returncode == 0:
                break
            print(f"Lighthouse failed on {url}; trying again ({attempt + 1}/3)", flush=True)
        else:
            sys.exit(f"Lighthouse could not audit {url}")
        report = json.loads(Path(out.name).read_text())
    audits = report["audits"]
    failing = sorted(
        key
        for key, item in audits.items()
        if item.get("score") is not None
        and item["score"] < 1
        and item.get("scoreDisplayMode") == "binary"
        and key in {ref["id"] for ref in report["categories"]["accessibility"]["auditRefs"]}
    )
    return {
        "performance": round(report["categories"]["performance"]["score"] * 100),
        "accessibility": round(report["categories"]["accessibility"]["score"] * 100),
        "lcp_s": round(audits["largest-contentful-paint"]["numericValue"] / 1000, 2),
        "kb": round(audits["total-byte-weight"]["numericValue"] / 1024),
        "failing_accessibility_audits": failing,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    install()
    pages, cookies = find_pages(args.base)
    results = {}
    for name, path in pages.items():
        runs = [
            audit(args.base + path, cookies, name in ("basket", "checkout"))
            for _ in range(args.runs)
        ]
        summary = {
            key: statistics.median(run[key] for run in runs)
            for key in ("performance", "accessibility", "lcp_s", "kb")
        }
        summary["failing_accessibility_audits"] = sorted(
            {a for run in runs for a in run["failing_accessibility_audits"]}
        )
        results[name] = {"path": path, **summary}
        print(f"{name}: {summary}", flush=True)
    RESULTS.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    print("\n| page | performance | accessibility | LCP (s) | KB | failing a11y audits |")
    print("| --- | ---: | ---: | ---: | ---: | --- |")
    for name, row in results.items():
        failing = ", ".join(row["failing_accessibility_audits"]) or "–"
        print(
            f"| {name} | {row['performance']} | {row['accessibility']} | {row['lcp_s']} "
            f"| {row['kb']} | {failing} |"
        )


if __name__ == "__main__":
    main()
