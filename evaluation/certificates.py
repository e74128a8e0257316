"""Certificates: issued on a council's decision, mirrored on the product's OCOP rating,
revoked by a decision, renewed by a new dossier before they expire."""

from __future__ import annotations

import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from catalogue.models import OcopRating
from catalogue.rating_rules import CENTRAL, PROVINCE, add_months
from regions import units

from . import roles, workflow
from .models import Certificate, Document, Dossier, Level, Session, SessionDossier, State
from .workflow import WorkflowError

CENTRAL_AUTHORITY = "Bộ Nông nghiệp và Môi trường"


def _whole(value) -> int:
    return int(Decimal(str(value)).quantize(Decimal("1"), ROUND_HALF_UP))


def authority_name(level: str, province_code: str) -> str:
    if level == Level.CENTRAL:
        return CENTRAL_AUTHORITY
    province = units.province(province_code)
    return f"Ủy ban nhân dân {province.name if province else province_code}"


def number_for(dossier: Dossier, level: str, issued_on: datetime.date) -> str:
    place = "TW" if level == Level.CENTRAL else dossier.province_code
    return f"OCOP-{place}-{issued_on:%Y}-{dossier.pk:06d}"


def issue(dossier: Dossier, session: Session, item: SessionDossier, user) -> Certificate:
    """Certify the dossier on `session`'s decision with `item`'s score; the rating follows."""
    from .council import council_rules, rating

    score = item.score
    issued_on = session.decision_date
    level = session.level
    months = council_rules()["certificate_validity_months"]
    with transaction.atomic():
        certificate = Certificate.objects.create(
            number=number_for(dossier, level, issued_on),
            dossier=dossier,
            product=dossier.product,
            producer=dossier.producer,
            product_name=dossier.product_name,
            stars=rating(item)[0],
            score=score,
            level=level,
            authority_name=authority_name(level, dossier.province_code),
            decision_number=session.decision_number,
            issued_on=issued_on,
            expires_on=add_months(issued_on, months),
        )
        if dossier.product_id:
            parts = item.parts or {}
            OcopRating.objects.update_or_create(
                product=dossier.product,
                defaults={
                    "score": _whole(score),
                    "score_a": _whole(parts["A"]) if "A" in parts else None,
                    "score_b": _whole(parts["B"]) if "B" in parts else None,
                    "score_c": _whole(parts["C"]) if "C" in parts else None,
                    "authority": CENTRAL if level == Level.CENTRAL else PROVINCE,
                    "authority_name": certificate.authority_name,
                    "decision_number": certificate.decision_number,
                    "certificate_number": certificate.number,
                    "issued_on": certificate.issued_on,
                    "expires_on": certificate.expires_on,
                    "revoked": False,
                },
            )
        workflow.move(
            dossier,
            "certify",
            user,
            _("Certificate %(number)s") % {"number": certificate.number},
            score=score,
        )
    return certificate


def may_revoke(user, certificate: Certificate) -> bool:
    if certificate.level == Level.CENTRAL:
        return roles.is_central(user)
    provinces = roles.secretary_provinces(user)
    return provinces is None or certificate.dossier.province_code in provinces


def revoke(
    certificate: Certificate, user, decision_number: str, decided_on, reason: str
) -> Certificate:
    """Revoke by a decision: the badge goes at once, the verification page says so."""
    errors = {}
    if not (decision_number or "").strip():
        errors["decision_number"] = _("Enter the revocation decision's number.")
    if not decided_on:
        errors["decided_on"] = _("Enter the revocation decision's date.")
    if not (reason or "").strip():
        errors["reason"] = _("Give the reason for the revocation.")
    if user is not None and not may_revoke(user, certificate):
        raise WorkflowError(_("You may not revoke this certificate."))
    if errors:
        raise WorkflowError(errors)
    with transaction.atomic():
        certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if certificate.revoked_on:
            raise WorkflowError(_("This certificate is already revoked."))
        # The rating first: receivers of the certificate's save see both revoked.
        OcopRating.objects.filter(certificate_number=certificate.number).update(
            revoked=True, updated_at=timezone.now()
        )
        certificate.revoked_on = decided_on
        certificate.revocation_decision = decision_number.strip()
        certificate.revocation_reason = reason.strip()
        certificate.save(update_fields=["revoked_on", "revocation_decision", "revocation_reason"])
        from .notify import revocation_email

        transaction.on_commit(lambda: revocation_email(certificate.pk), robust=True)
    return certificate


def start_renewal(certificate: Certificate, user) -> Dossier:
    """A draft dossier filled in from the certified one (documents included), to be completed."""
    if certificate.revoked_on:
        raise WorkflowError(_("A revoked certificate cannot be renewed."))
    open_renewal = certificate.renewals.exclude(
        state__in=[State.WITHDRAWN, State.NOT_CERTIFIED, State.CERTIFIED]
    ).first()
    if open_renewal:
        return open_renewal
    old = certificate.dossier
    with transaction.atomic():
        renewal = Dossier.objects.create(
            producer=old.producer,
            product=old.product,
            product_name=old.product_name,
            product_set=old.product_set,
            province_code=old.producer.province_code,
            commune_code=old.producer.commune_code,
            year=timezone.localdate().year,
            story=old.story,
            women_led=old.women_led,
            ethnic_minority=old.ethnic_minority,
            self_assessment=old.self_assessment,
            renewal_of=certificate,
            created_by=user if getattr(user, "is_authenticated", False) else None,
        )
        Document.objects.bulk_create(
            Document(dossier=renewal, kind=doc.kind, file=doc.file.name)
            for doc in old.documents.all()
        )
    return renewal
