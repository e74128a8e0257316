"""The CSP settings, and a scan of every template for scripts the policy would block."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROBE = (
    "from django.conf import settings; "
    "print(bool(settings.CONTENT_SECURITY_POLICY), bool(settings.CONTENT_SECURITY_POLICY_REPORT_ONLY)); "
    "print(settings.CONTENT_SECURITY_POLICY_REPORT_ONLY and "
    "settings.CONTENT_SECURITY_POLICY_REPORT_ONLY['DIRECTIVES']['report-uri']); "
    "print(settings.MEDIA_ORIGINS)"
)
SCRIPT_TAG = re.compile(r"<script\b([^>]*)>", re.IGNORECASE)
HANDLER = re.compile(r"<[a-zA-Z][^>]*\son[a-z]+\s*=", re.IGNORECASE | re.DOTALL)
JS_URL = re.compile(r"""(href|src|action)\s*=\s*["']\s*javascript:""", re.IGNORECASE)


def probe(**env: str) -> list[str]:
    """What the test settings hold under this environment, from a fresh interpreter."""
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {PROBE}"],
        cwd=ROOT,
        env={**_clean_env(), "DJANGO_SETTINGS_MODULE": "marketplace.settings.test", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.split("\n")


def _clean_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith(("CSP_", "AWS_", "MEDIA_"))}


def test_the_policy_is_enforced_by_default():
    assert probe()[:2] == ["True False", "None"]


def test_csp_report_only_sends_the_policy_as_a_report():
    lines = probe(CSP_REPORT_ONLY="true", CSP_REPORT_URI="https://csp.example.vn/report")
    assert lines[:2] == ["False True", "['https://csp.example.vn/report']"]


def test_the_media_store_origin_comes_from_the_s3_settings():
    lines = probe(AWS_STORAGE_BUCKET_NAME="ocop", AWS_S3_CUSTOM_DOMAIN="media.ocop.example.vn")
    assert lines[2] == "['https://media.ocop.example.vn']"


def templates() -> list[Path]:
    found = []
    for folder in ROOT.glob("**/templates"):
        if any(part in (".venv", "var", "node_modules", ".git") for part in folder.parts):
            continue
        found += [p for p in folder.rglob("*") if p.suffix in (".html", ".txt", ".js", ".css")]
    return found


def test_the_scan_sees_our_templates():
    names = {str(p.relative_to(ROOT)) for p in templates()}
    assert "templates/oscar/base.html" in names
    assert "templates/traceability/_locate.html" in names


def test_no_template_has_an_inline_script_without_a_nonce():
    offenders = []
    for path in templates():
        for match in SCRIPT_TAG.finditer(path.read_text()):
            attributes = match.group(1)
            if "src=" in attributes or "nonce=" in attributes:
                continue
            if re.search(r"""type=["']application/(ld\+)?json["']""", attributes):
                continue  # data, never run
            offenders.append(f"{path.relative_to(ROOT)}: {match.group(0)}")
    assert offenders == []


def test_no_template_has_an_inline_event_handler_or_javascript_url():
    offenders = []
    for path in templates():
        text = path.read_text()
        offenders += [
            f"{path.relative_to(ROOT)}: {m.group(0)[-60:]}" for m in HANDLER.finditer(text)
        ]
        offenders += [f"{path.relative_to(ROOT)}: {m.group(0)}" for m in JS_URL.finditer(text)]
    assert offenders == []


def test_no_template_marks_text_safe():
    # Our own output only: the VietQR code is an SVG the server draws from an account number.
    # (Plain-text e-mails turn autoescaping off rightly: they are no HTML.)
    allowed = {("templates/oscar/order/partials/vietqr.html", "vietqr_svg|safe")}
    offenders = []
    for path in (p for p in templates() if p.suffix == ".html"):
        relative = str(path.relative_to(ROOT))
        text = path.read_text()
        for match in re.finditer(r"[\w.]+\|safe\b|autoescape off|\|safeseq", text):
            if (relative, match.group(0)) not in allowed:
                offenders.append(f"{relative}: {match.group(0)}")
    assert offenders == []
