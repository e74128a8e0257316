"""The one place an application changes state: the step is checked, applied, logged, e-mailed.

Which steps exist and who takes them is data on the model (`COOPERATIVE_STEPS`,
`REVIEWER_STEPS`); views only call `move`.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from lib.urls import absolute_url

from . import checklist, eligibility
from .models import ApplicationEvent, LoanApplication

Status = LoanApplication.Status


class InvalidStep(Exception):
    """The application's state does not allow this step, or what it needs is missing."""

    def __init__(self, messages: list[str]):
        super().__init__("; ".join(map(str, messages)))
        self.messages = messages


def submission_problems(application: LoanApplication) -> list[str]:
    """What keeps an application from being submitted, in words for the cooperative."""
    problems: list[str] = []
    programme = application.programme
    if not programme.is_open:
        problems.append(_("This programme is not taking applications."))
    if application.amount > programme.max_amount:
        problems.append(_("The amount is above the programme's maximum."))
    if application.term_months > programme.max_term_months:
        problems.append(_("The term is longer than the programme allows."))
    missing = application.missing_documents()
    if missing:
        problems.append(
            _("Documents still missing: %(kinds)s.")
            % {"kinds": ", ".join(str(m[1]) for m in missing)}
        )
    if not (application.declares_true and application.consents_to_share):
        problems.append(_("Tick both declarations before submitting."))
    outcome = eligibility.check(programme, application.answers, application.producer.province_code)
    problems.extend(outcome.reasons)
    return problems


def review_problems(application: LoanApplication, to: str, fields: dict) -> list[str]:
    problems: list[str] = []
    if to == Status.APPROVED:
        done = set(application.ticks.values_list("key", flat=True))
        if set(checklist.keys()) - done:
            problems.append(_("Tick every item of the checklist before approving."))
        amount = fields.get("approved_amount")
        if not amount or amount > application.programme.max_amount:
            problems.append(_("The approved amount must be within the programme's maximum."))
        if not fields.get("approved_term_months"):
            problems.append(_("Give the approved term."))
        if fields.get("approved_rate") is None:
            problems.append(_("Give the approved interest rate."))
    elif to == Status.DECLINED and not (fields.get("decline_reason") or "").strip():
        problems.append(_("Give the reason for declining."))
    elif to == Status.MORE_DOCUMENTS and not (fields.get("documents_requested") or "").strip():
        problems.append(_("Say which documents are needed."))
    elif to == Status.DISBURSED and not fields.get("disbursed_at"):
        problems.append(_("Give the date of disbursement."))
    return problems


@transaction.atomic
def move(
    application: LoanApplication, to: str, *, by, reviewer: bool, message: str = "", **fields
) -> LoanApplication:
    """Take one step; raise InvalidStep with the reasons when it cannot be taken."""
    locked = LoanApplication.objects.select_for_update().get(pk=application.pk)
    if to not in locked.next_steps(reviewer=reviewer):
        raise InvalidStep(
            [
                _("An application that is %(status)s cannot be moved to %(to)s.")
                % {"status": locked.get_status_display(), "to": Status(to).label}
            ]
        )
    problems = review_problems(locked, to, fields) if reviewer else submission_problems(locked)
    if problems:
        raise InvalidStep(problems)
    from_status = locked.status
    now = timezone.now()
    for name, value in fields.items():
        setattr(locked, name, value)
    if to == Status.SUBMITTED:
        locked.submitted_at = now
    if to in (Status.APPROVED, Status.DECLINED):
        locked.decided_at, locked.decided_by = now, by
    locked.status = to
    locked.save()
    ApplicationEvent.objects.create(
        application=locked,
        from_status=from_status,
        to_status=to,
        actor=by,
        message=message or _event_text(locked, to),
    )
    # Mailed once the step is committed: a step rolled back later is never announced, and a
    # mail server that fails does not undo it (the error is logged).
    transaction.on_commit(lambda: notify(locked, to), robust=True)
    application.refresh_from_db()
    return locked


def _event_text(application: LoanApplication, to: str) -> str:
    if to == Status.DECLINED:
        return application.decline_reason
    if to == Status.MORE_DOCUMENTS:
        return application.documents_requested
    return ""


def log_created(application: LoanApplication, by) -> None:
    ApplicationEvent.objects.create(
        application=application, from_status="", to_status=Status.DRAFT, actor=by
    )


def _cooperative_emails(application: LoanApplication) -> list[str]:
    emails = {application.producer.email}
    if application.created_by and application.created_by.email:
        emails.add(application.created_by.email)
    return sorted(filter(None, emails))


def _reviewer_emails(application: LoanApplication) -> list[str]:
    fund = application.programme.fund
    emails = {user.email for user in fund.reviewers.all()} | {fund.email}
    return sorted(filter(None, emails))


def _detail(application: LoanApplication, to: str) -> str:
    if to == Status.APPROVED:
        return _("Approved: %(amount)s VND at %(rate)s%% a year for %(term)s months.") % {
            "amount": f"{application.approved_amount:,}".replace(",", "."),
            "rate": application.approved_rate,
            "term": application.approved_term_months,
        }
    if to == Status.DECLINED:
        return _("Reason: %(reason)s") % {"reason": application.decline_reason}
    if to == Status.MORE_DOCUMENTS:
        return _("Documents needed: %(documents)s") % {"documents": application.documents_requested}
    if to == Status.DISBURSED:
        return _("Disbursed on %(date)s.") % {"date": application.disbursed_at}
    return ""


def notify(application: LoanApplication, to: str) -> None:
    """Every step is e-mailed: to the cooperative, and to the fund when the file reaches it."""
    with override(settings.LANGUAGE_CODE):
        params = {
            "number": application.number,
            "programme": application.programme.name,
            "status": Status(to).label,
        }
        subject = _("Loan application %(number)s: %(status)s") % params
        body = _(
            "Loan application %(number)s to %(programme)s is now: %(status)s.\n\n%(detail)s\n\n"
            "Follow it here: %(url)s\n"
        ) % {
            **params,
            "detail": _detail(application, to),
            "url": absolute_url(application.get_absolute_url()),
        }
        send_mail(subject, body, None, _cooperative_emails(application))
        if to == Status.SUBMITTED:
            reviewers = _reviewer_emails(application)
            if reviewers:
                review_body = _(
                    "%(producer)s submitted loan application %(number)s to %(programme)s.\n\n"
                    "Review it here: %(url)s\n"
                ) % {
                    **params,
                    "producer": application.producer.name,
                    "url": absolute_url(application.get_review_url()),
                }
                send_mail(subject, review_body, None, reviewers)
