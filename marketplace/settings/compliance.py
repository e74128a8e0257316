"""Periods and deadlines the law sets for the marketplace (compliance app, issue #16).

Each is a setting because its detail could not be confirmed against the published text, or
because a new decision may change it; the default is the safe side. docs/compliance.md lists
the source of each.
"""

# Decree 356/2025/NĐ-CP: a data subject's request is answered within 2 working days.
COMPLIANCE_REQUEST_ACK_WORKING_DAYS = 2
# The period to carry a request out: not confirmed; 10 days is shorter than any reported.
COMPLIANCE_REQUEST_FULFIL_DAYS = 10
# PDP Law 91/2025/QH15 and Decree 356/2025: a breach is notified to the Ministry of Public
# Security (A05) within 72 hours of its discovery.
COMPLIANCE_BREACH_NOTIFY_HOURS = 72
# Complaints: what the cooperative has to answer, then staff step in (operating rules).
COMPLIANCE_COMPLAINT_RESPONSE_HOURS = 48
COMPLIANCE_COMPLAINT_REMINDER_HOURS = 24  # a reminder this long before the deadline
# How long after delivery a buyer may open a complaint (terms of sale).
COMPLIANCE_COMPLAINT_WINDOW_DAYS = 30
# E-commerce Law 122/2025/QH15: listing data kept at least 1 year; orders 3 years or more
# (reported for its implementing decree; accounting law keeps invoices 10 years).
COMPLIANCE_LISTING_RETENTION_DAYS = 365
COMPLIANCE_ORDER_RETENTION_DAYS = 3 * 365
# Retention of what is collected for convenience only (PDP Law: no longer than needed).
COMPLIANCE_SCAN_LOCATION_RETENTION_DAYS = 90
COMPLIANCE_ABANDONED_BASKET_DAYS = 90
COMPLIANCE_UNUSED_ACCOUNT_DAYS = 3 * 365

COMPLIANCE_BEAT_SCHEDULE = {
    "compliance-complaint-deadlines": {
        "task": "compliance.complaint_deadlines",
        "schedule": 60 * 60,
    },
    "compliance-retention": {
        "task": "compliance.apply_retention",
        "schedule": 24 * 60 * 60,
    },
}
