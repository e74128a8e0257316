"""Loan programmes and the funds that run them; applications, their documents and history."""

from .applications import (
    ApplicationDocument,
    ApplicationEvent,
    ChecklistTick,
    DocumentKind,
    EligibilityCheck,
    LoanApplication,
    ReviewNote,
)
from .programmes import Fund, LoanProgramme, Purpose

__all__ = [
    "ApplicationDocument",
    "ApplicationEvent",
    "ChecklistTick",
    "DocumentKind",
    "EligibilityCheck",
    "Fund",
    "LoanApplication",
    "LoanProgramme",
    "Purpose",
    "ReviewNote",
]
