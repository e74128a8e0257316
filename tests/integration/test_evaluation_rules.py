"""The rules as data: a later rubric applies only to dossiers submitted after it takes effect;
bad input gets a clear error in Vietnamese or English and saves nothing; the figures other
apps read are counted in the database."""

from __future__ import annotations

import copy
import datetime
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from evaluation import rubrics, stats, workflow
from evaluation.models import Dossier, Event, State
from evaluation.rubrics import DATA_DIR, RubricError
from evaluation.workflow import WorkflowError
from tests import evaluation_world as world
from tests.flows import signed_in

pytestmark = pytest.mark.django_db


def later_rubric(folder, effective: datetime.date) -> None:
    """A later decision: part A's first criterion of set 1.3.3 renamed and re-weighted."""
    data = json.loads((DATA_DIR / "rubric_26_2026.json").read_text(encoding="utf-8"))
    data = copy.deepcopy(data)
    data.update(code="later-test", version="a later decision (test)", effective_from=str(effective))
    first, second = data["templates"]["1.3.3"][0]["criteria"][:2]
    first.update(code="1.1n", name="Vùng nguyên liệu", max=4)
    second["max"] = 1  # 3 + 2 → 4 + 1: group 1 and part A still add up
    for criterion in (first, second):
        criterion.pop("levels")
    (folder / "rubric_later_test.json").write_text(json.dumps(data, ensure_ascii=False))


def test_a_new_rubric_applies_only_to_dossiers_submitted_after_its_date(settings, tmp_path):
    producer, owner, product = world.cooperative()
    old = world.draft(producer, owner, product)
    workflow.move(old, "submit", owner)
    assert old.rubric_version == "26-2026"

    later_rubric(tmp_path, timezone.localdate())
    settings.OCOP_RUBRIC_DIRS = [str(tmp_path)]
    new = world.draft(producer, owner, product)
    workflow.move(new, "submit", owner)

    old.refresh_from_db()
    new.refresh_from_db()
    assert new.rubric_version == "later-test"
    codes = [c["code"] for _part, c in rubrics.criteria(new.rubric)]
    assert "1.1n" in codes and "1.1" not in codes
    assert old.rubric_version == "26-2026"
    assert "1.1" in [c["code"] for _part, c in rubrics.criteria(old.rubric)]
    # The old dossier is still scored on its own sheet: 3 points for 1.1 are fine there.
    assert rubrics.check_scores(old.rubric, {"1.1": 3}, only=["1.1"]) == {}


def test_a_rubric_whose_criteria_do_not_add_up_is_refused(settings, tmp_path):
    later_rubric(tmp_path, datetime.date(2030, 1, 1))
    path = tmp_path / "rubric_later_test.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["templates"]["1.3.3"][0]["criteria"][0]["max"] = 6
    path.write_text(json.dumps(data, ensure_ascii=False))
    settings.OCOP_RUBRIC_DIRS = [str(tmp_path)]
    with pytest.raises(RubricError, match="42"):
        rubrics.all_rubrics()


def test_a_dossier_without_its_required_documents_is_not_submitted():
    producer, owner, product = world.cooperative()
    dossier = world.draft(producer, owner, product, documents=["application_form"])
    for language, words in (("vi", "Còn thiếu giấy tờ bắt buộc"), ("en", "Required documents")):
        response = signed_in(owner).post(
            reverse("evaluation:move", args=[dossier.pk, "submit"]),
            HTTP_ACCEPT_LANGUAGE=language,
            follow=True,
        )
        assert words in response.content.decode()
    dossier.refresh_from_db()
    assert dossier.state == State.DRAFT and dossier.rubric == {} and not dossier.events.exists()


def test_a_certified_dossier_cannot_be_submitted_again():
    producer, owner, product = world.cooperative()
    dossier = world.draft(producer, owner, product)
    Dossier.objects.filter(pk=dossier.pk).update(state=State.CERTIFIED)
    with pytest.raises(WorkflowError, match="renewal|gia hạn"):
        workflow.move(dossier, "submit", owner)
    assert not Event.objects.filter(dossier=dossier).exists()


@pytest.mark.parametrize(
    "language, words",
    [
        ("vi", "Chọn một trong các mức của tiêu chí này: 0, 1, 3, 5 điểm."),
        ("en", "Choose one of this criterion&#x27;s levels: 0, 1, 3, 5 points."),
    ],
)
def test_a_score_above_the_maximum_is_a_field_error(language, words):
    producer, owner, product = world.cooperative()
    commune_officer = world.officer("commune_officer", commune=world.COMMUNE)
    dossier = world.draft(producer, owner, product)
    workflow.move(dossier, "submit", owner)
    response = signed_in(commune_officer).post(
        reverse("evaluation:commune_check", args=[dossier.pk]),
        {"1.1": 3, "2.1": 3, "3.3": 3, "5.3": 9, "commune_report": world.pdf()},
        HTTP_ACCEPT_LANGUAGE=language,
    )
    assert response.status_code == 200
    assert words in response.content.decode()
    dossier.refresh_from_db()
    assert dossier.state == State.SUBMITTED and dossier.commune_scores == {}


def test_a_renamed_file_is_refused_as_a_document():
    producer, owner, product = world.cooperative()
    dossier = world.draft(producer, owner, product, documents=[])
    fake = world.pdf("anh.png")
    response = signed_in(owner).post(
        reverse("evaluation:document_upload", args=[dossier.pk]),
        {"kind": "business_plan", "file": fake},
        HTTP_ACCEPT_LANGUAGE="en",
        follow=True,
    )
    assert "contains a PDF file" in response.content.decode()
    assert not dossier.documents.exists()


def test_dossier_counts_are_one_query_and_list_every_state(django_assert_num_queries):
    producer, owner, product = world.cooperative()
    world.draft(producer, owner, product)
    submitted = world.draft(producer, owner, product)
    workflow.move(submitted, "submit", owner)
    year = timezone.localdate().year
    with django_assert_num_queries(1):
        counts = stats.dossier_counts(province_code=world.PROVINCE, year=year)
    assert set(counts) == set(State.values)
    assert counts[State.DRAFT] >= 1 and counts[State.SUBMITTED] >= 1
    assert stats.dossier_counts(province_code="99", year=year)[State.DRAFT] == 0


def test_renewal_invitations_run_daily_on_celery_beat():
    from evaluation.tasks import send_renewal_reminders
    from marketplace.celery import app

    entry = app.conf.beat_schedule["ocop-renewal-invitations"]
    assert entry["task"] == send_renewal_reminders.name and entry["schedule"] == 24 * 60 * 60
    assert isinstance(send_renewal_reminders.apply().get(), int)


@pytest.mark.parametrize(
    "language, words",
    [
        ("vi", "Chọn một trong các mức của tiêu chí này: 0, 1, 3, 5 điểm."),
        ("en", "Choose one of this criterion&#x27;s levels: 0, 1, 3, 5 points."),
    ],
)
def test_points_between_two_levels_are_refused_and_nothing_is_saved(language, words):
    producer, owner, product = world.cooperative()
    commune_officer = world.officer("commune_officer", commune=world.COMMUNE)
    dossier = world.draft(producer, owner, product)
    workflow.move(dossier, "submit", owner)
    response = signed_in(commune_officer).post(
        reverse("evaluation:commune_check", args=[dossier.pk]),
        {"1.1": 3, "2.1": 3, "3.3": 3, "5.3": 2, "commune_report": world.pdf()},
        HTTP_ACCEPT_LANGUAGE=language,
    )
    assert response.status_code == 200
    assert words in response.content.decode()
    assert 'type="radio"' in response.content.decode()
    dossier.refresh_from_db()
    assert dossier.state == State.SUBMITTED and dossier.commune_scores == {}
