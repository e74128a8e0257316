"""Builders for the evaluation tests: a cooperative's dossier, officers, a council with seats."""

from __future__ import annotations

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from evaluation import council, rubrics, workflow
from evaluation.models import Document, Dossier, Level, OfficerRole, Role, Seat, Session
from tests.factories import CooperativeFactory, CooperativeUserFactory, ProductFactory

PROVINCE, COMMUNE = "01", "00070"  # Hà Nội, Phường Hoàn Kiếm (the factories' default)
OTHER_PROVINCE, OTHER_COMMUNE = "79", "26734"  # TP Hồ Chí Minh, a ward there
REQUIRED = [d["code"] for d in rubrics.in_force(timezone.localdate()).documents if d["required"]]


def pdf(name: str = "ho-so.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n%%EOF\n")


def cooperative(province: str = PROVINCE, commune: str = COMMUNE):
    """(producer, its user, one of its products)."""
    user = CooperativeUserFactory()
    partner = CooperativeFactory(users=[user])
    producer = partner.producer
    producer.province_code, producer.commune_code = province, commune
    producer.save(update_fields=["province_code", "commune_code"])
    product = ProductFactory(partner=partner)
    return producer, user, product


def officer(role: str, province: str = PROVINCE, commune: str = ""):
    user = CooperativeUserFactory(dashboard_access=False)
    OfficerRole.objects.create(user=user, role=role, province_code=province, commune_code=commune)
    return user


def draft(producer, user, product=None, product_set: str = "1.3.3", documents=REQUIRED) -> Dossier:
    dossier = Dossier.objects.create(
        producer=producer,
        product=product,
        product_name=product.title if product else "Mứt gừng",
        product_set=product_set,
        province_code=producer.province_code,
        commune_code=producer.commune_code,
        year=timezone.localdate().year,
        created_by=user,
    )
    for kind in documents:
        Document.objects.create(dossier=dossier, kind=kind, file=pdf(f"{kind}.pdf"))
    return dossier


def scores_totalling(sheet: dict, total: int) -> dict[str, int]:
    """Points on the sheet's levels (bonus left out) adding up to `total`, marks met where they can be."""
    return rubrics.scores_totalling(sheet, total)


def checked(dossier: Dossier, owner, commune_officer) -> Dossier:
    """Submitted by its cooperative and checked by the commune."""
    workflow.move(dossier, "submit", owner)
    local = rubrics.local_codes(dossier.rubric)
    full = scores_totalling(dossier.rubric, 100)
    workflow.move(
        dossier,
        "commune_check",
        commune_officer,
        commune_scores={code: full[code] for code in local},
        commune_report=pdf("bien-ban-xa.pdf"),
    )
    return dossier


def session(
    level: str = Level.PROVINCE, province: str = PROVINCE, members: int = 3, secretary=None
):
    """A session with a chair and members (all present), and its secretary; returns (session, users)."""
    held = Session.objects.create(
        level=level,
        province_code=province if level == Level.PROVINCE else "",
        title=f"Hội đồng OCOP {timezone.now():%H%M%S%f}",
        held_on=timezone.localdate(),
        secretary=secretary,
    )
    users = []
    for n in range(members):
        role = Role.CENTRAL_COUNCIL if level == Level.CENTRAL else Role.COUNCIL_MEMBER
        user = officer(role, province)
        Seat.objects.create(
            session=held,
            user=user,
            kind=Seat.Kind.CHAIR if n == 0 else Seat.Kind.MEMBER,
            present=True,
        )
        users.append(user)
    return held, users


def scored(item, members, totals) -> None:
    for member, total in zip(members, totals, strict=True):
        council.submit_sheet(item, member, scores_totalling(item.dossier.rubric, total))


def decision_date() -> datetime.date:
    return timezone.localdate()
