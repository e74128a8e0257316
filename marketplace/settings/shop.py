"""The shop for shoppers and scanners (#19): dates the local way, origin-page reload window.

Imported from base.py; names no app code.
"""

from __future__ import annotations

# DATES: dd/mm/yyyy in Vietnamese, "3 Dec 2026" in English (marketplace/formats/<lang>/).
FORMAT_MODULE_PATH = ["marketplace.formats"]

# ORIGIN PAGE: the same browser reloading a code's page within this many seconds does not
# count as another scan (traceability.scans.seen_recently).
TRACE_RELOAD_WINDOW_SECONDS = 30 * 60
