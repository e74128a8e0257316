"""Who may apply is data: a programme's rules file decides, and changing it changes the outcome."""

from __future__ import annotations

import json
import shutil

import pytest
from django.test import override_settings
from django.utils import translation

from finance import eligibility
from tests.factories import FundFactory, LoanProgrammeFactory

pytestmark = pytest.mark.django_db

ANSWERS = {
    "legal_form": "htx",
    "years_operating": 3,
    "members": 12,
    "ocop_stars": 3,
    "outstanding_loans": 100_000_000,
}


@pytest.fixture
def rules_dir(tmp_path):
    shutil.copytree(eligibility.DEFAULT_DIR, tmp_path / "rules")
    with override_settings(FINANCE_ELIGIBILITY_DIR=str(tmp_path / "rules")):
        yield tmp_path / "rules"


def rewrite(rules_dir, code: str, change) -> None:
    path = rules_dir / f"{code}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def test_changing_the_data_file_changes_the_outcome(rules_dir):
    programme = LoanProgrammeFactory(rules_code="qhtpt-ocop")
    assert eligibility.check(programme, ANSWERS).eligible

    def four_stars(data):
        for rule in data["rules"]:
            if rule["question"] == "ocop_stars":
                rule["min"] = 4

    rewrite(rules_dir, "qhtpt-ocop", four_stars)
    with translation.override("en"):
        outcome = eligibility.check(programme, ANSWERS)
    assert not outcome.eligible
    assert outcome.reasons == [
        "OCOP stars of the product concerned: at least 4 is required; you answered 3."
    ]


def test_every_failed_condition_is_a_reason_in_vietnamese_and_english(rules_dir):
    programme = LoanProgrammeFactory(rules_code="qhtpt-dau-tu")
    answers = {
        **ANSWERS,
        "legal_form": "doanh_nghiep",
        "members": 3,
        "outstanding_loans": 3 * 10**9,
    }
    with translation.override("vi"):
        vi = eligibility.check(programme, answers).reasons
    with translation.override("en"):
        en = eligibility.check(programme, answers).reasons
    assert len(vi) == len(en) == 3
    assert en[1] == "Number of members: at least 7 is required; you answered 3."
    assert vi[1] == "Số thành viên: cần ít nhất 7; câu trả lời của bạn: 3."
    assert "Enterprise" in en[0] and "Doanh nghiệp" in vi[0]


def test_a_province_fund_lends_only_in_its_province():
    programme = LoanProgrammeFactory(fund=FundFactory(province_code="01"))
    assert eligibility.check(programme, ANSWERS, province_code="01").eligible
    with translation.override("en"):
        outcome = eligibility.check(programme, ANSWERS, province_code="79")
    assert not outcome.eligible and "lends only to cooperatives in" in outcome.reasons[0]


def test_a_rules_file_asking_an_unknown_question_is_refused(rules_dir):
    rewrite(
        rules_dir, "qhtpt-dau-tu", lambda data: data["rules"].append({"question": "age", "min": 1})
    )
    with pytest.raises(eligibility.RulesError):
        eligibility.load("qhtpt-dau-tu")


def test_every_bundled_rules_file_reads_and_cites_its_source():
    for code in eligibility.available_codes():
        rules = eligibility.load(code)
        assert rules.source and rules.rules


def test_a_rules_code_cannot_leave_the_rules_folder():
    with pytest.raises(eligibility.RulesError):
        eligibility.load("../checklist")
