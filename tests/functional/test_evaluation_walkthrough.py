"""One dossier from draft to certificate through the pages: the cooperative, the commune, the
province council's three members and its secretary; every move logged and e-mailed."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from catalogue.models import OcopRating
from evaluation import rubrics
from evaluation.models import Dossier, Event, Level, State
from tests import evaluation_world as world
from tests.flows import signed_in

pytestmark = pytest.mark.django_db


def test_a_dossier_goes_from_draft_to_certificate(django_capture_on_commit_callbacks):
    producer, owner, product = world.cooperative()
    commune_officer = world.officer("commune_officer", commune=world.COMMUNE)
    secretary = world.officer("province_secretary")
    coop = signed_in(owner)

    # The cooperative starts a dossier, adds the required documents, assesses itself, submits.
    response = coop.post(
        reverse("evaluation:dossier_create"),
        {
            "producer": producer.pk,
            "product": product.pk,
            "product_name": "",
            "product_set": "1.3.3",
            "story": "Gừng trồng trên đồi, sên tay.",
            "women_led": "on",
        },
    )
    dossier = Dossier.objects.get(producer=producer)
    assert response.status_code == 302 and dossier.state == State.DRAFT
    assert dossier.product_name == product.title
    for kind in world.REQUIRED:
        coop.post(
            reverse("evaluation:document_upload", args=[dossier.pk]),
            {"kind": kind, "file": world.pdf(f"{kind}.pdf")},
        )
    assert dossier.documents.count() == len(world.REQUIRED)
    sheet_today = coop.get(reverse("evaluation:self_assessment", args=[dossier.pk]))
    fields = sheet_today.context["form"].fields
    assert "1.1" in fields and "3.2" in fields  # 3.2: a woman or ethnic-minority representative
    self_scores = world.scores_totalling(rubrics.in_force(timezone.localdate()).sheet("1.3.3"), 72)
    coop.post(reverse("evaluation:self_assessment", args=[dossier.pk]), self_scores)
    with django_capture_on_commit_callbacks(execute=True):
        coop.post(reverse("evaluation:move", args=[dossier.pk, "submit"]))
    dossier.refresh_from_db()
    assert dossier.state == State.SUBMITTED
    assert dossier.rubric_version == "26-2026" and dossier.self_assessment == self_scores

    # The commune scores the local criteria and uploads its report.
    local = dict.fromkeys(("1.1", "2.1", "3.3"), 3) | {"5.3": 5}
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in(commune_officer).post(
            reverse("evaluation:commune_check", args=[dossier.pk]),
            {**local, "commune_report": world.pdf("bien-ban.pdf"), "note": "Đủ hồ sơ"},
        )
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.state == State.COMMUNE_CHECKED and dossier.commune_scores == local

    # The province secretary puts it on a session; three members score alone; it is decided.
    held, members = world.session(secretary=secretary)
    office = signed_in(secretary)
    with django_capture_on_commit_callbacks(execute=True):
        office.post(reverse("evaluation:schedule", args=[held.pk]), {"dossier": dossier.pk})
    for member, total in zip(members, [78, 74, 73], strict=True):
        scores = world.scores_totalling(dossier.rubric, total)
        response = signed_in(member).post(
            reverse("evaluation:score", args=[held.pk, dossier.pk]), scores
        )
        assert response.status_code == 302
    office.post(reverse("evaluation:finalise", args=[held.pk, dossier.pk]))
    with django_capture_on_commit_callbacks(execute=True):
        response = office.post(
            reverse("evaluation:decide", args=[held.pk]),
            {"decision_number": "1234/QĐ-UBND", "decision_date": "2026-11-20"},
        )
    assert response.status_code == 302

    dossier.refresh_from_db()
    assert dossier.state == State.CERTIFIED and str(dossier.score) == "75.00"
    certificate = dossier.certificate
    assert certificate.stars == 4 and certificate.level == Level.PROVINCE
    assert certificate.decision_number == "1234/QĐ-UBND"
    assert str(certificate.expires_on) == "2029-11-20"  # 36 months
    rating = OcopRating.objects.get(product=product)
    assert (rating.stars, rating.score, rating.certificate_number) == (4, 75, certificate.number)
    assert rating.authority == "province" and "Hà Nội" in rating.authority_name

    # Every move is logged with who made it, and e-mailed to the cooperative.
    path = list(Event.objects.filter(dossier=dossier).values_list("to_state", flat=True))
    assert path == [
        State.SUBMITTED,
        State.COMMUNE_CHECKED,
        State.PROVINCE_SCORING,
        State.PROVINCE_DECIDED,
        State.CERTIFIED,
    ]
    assert Event.objects.filter(dossier=dossier, actor__isnull=True).count() == 0
    to_coop = [m for m in mail.outbox if owner.email in m.to]
    assert len(to_coop) == 5
    assert certificate.number in to_coop[-1].body

    # The dossier page shows the certificate; its page is public.
    page = coop.get(dossier.get_absolute_url())
    assert certificate.number in page.content.decode()
    assert signed_in(owner).get(certificate.get_absolute_url()).status_code == 200
