"""Eligibility pre-check: each programme's conditions are data, one JSON file per programme.

A file in `FINANCE_ELIGIBILITY_DIR` (default `finance/data/eligibility/`) names the programme,
cites its source and lists rules on the questions below: `{"question": …, "min": n}`,
`{"question": …, "max": n}` or `{"question": …, "one_of": [...]}`. A fund that changes its
conditions changes the file; nothing here is a threshold.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from oscar.templatetags.currency_filters import currency

from producers.models import LegalForm

DEFAULT_DIR = Path(__file__).resolve().parent / "data" / "eligibility"

#: The questions a cooperative answers, with their labels.
QUESTIONS = {
    "legal_form": gettext_lazy("Legal form"),
    "years_operating": gettext_lazy("Years operating"),
    "members": gettext_lazy("Number of members"),
    "ocop_stars": gettext_lazy("OCOP stars of the product concerned"),
    "outstanding_loans": gettext_lazy("Outstanding loans (VND)"),
}
MONEY_QUESTIONS = {"outstanding_loans"}
TESTS = ("min", "max", "one_of")


class RulesError(ValueError):
    """A rules file that cannot be read or names what the pre-check does not ask."""


@dataclass(frozen=True)
class Rule:
    question: str
    test: str
    limit: object

    def passes(self, answer) -> bool:
        if answer is None or answer == "":
            return False
        if self.test == "min":
            return answer >= self.limit
        if self.test == "max":
            return answer <= self.limit
        return answer in self.limit

    def _shown(self, value) -> str:
        if self.question in MONEY_QUESTIONS and isinstance(value, int):
            return currency(value, "VND")
        if self.question == "legal_form":
            labels = dict(LegalForm.choices)
            if isinstance(value, list | tuple):
                return ", ".join(str(labels.get(v, v)) for v in value)
            return str(labels.get(value, value))
        return str(value)

    def reason(self, answer) -> str:
        """Why the answer fails this rule, in the visitor's language."""
        params = {
            "question": QUESTIONS[self.question],
            "limit": self._shown(self.limit),
            "answer": self._shown(answer) if answer not in (None, "") else "–",
        }
        if self.test == "min":
            return _("%(question)s: at least %(limit)s is required; you answered %(answer)s.") % (
                params
            )
        if self.test == "max":
            return _("%(question)s: at most %(limit)s is allowed; you answered %(answer)s.") % (
                params
            )
        return _("%(question)s: open to %(limit)s; you answered %(answer)s.") % params


@dataclass(frozen=True)
class Rules:
    programme: str
    source: str
    version: str
    rules: tuple[Rule, ...] = ()


@dataclass
class Outcome:
    """Whether a cooperative may apply to a programme, and every reason why not."""

    eligible: bool
    reasons: list[str] = field(default_factory=list)


def rules_dir() -> Path:
    return Path(getattr(settings, "FINANCE_ELIGIBILITY_DIR", "") or DEFAULT_DIR)


def available_codes() -> list[str]:
    """The programme codes that have a rules file."""
    return sorted(path.stem for path in rules_dir().glob("*.json"))


def parse(data: dict, code: str) -> Rules:
    rules = []
    for item in data.get("rules", []):
        question = item.get("question")
        if question not in QUESTIONS:
            raise RulesError(f"{code}: unknown question {question!r}")
        tests = [test for test in TESTS if test in item]
        if len(tests) != 1:
            raise RulesError(f"{code}: a rule on {question} needs one of {TESTS}")
        limit = item[tests[0]]
        if tests[0] == "one_of" and not isinstance(limit, list):
            raise RulesError(f"{code}: one_of takes a list")
        if tests[0] != "one_of" and not isinstance(limit, int):
            raise RulesError(f"{code}: {tests[0]} takes a whole number")
        rules.append(Rule(question, tests[0], limit))
    if not data.get("source"):
        raise RulesError(f"{code}: cite the source of the conditions")
    return Rules(code, data["source"], str(data.get("version", "")), tuple(rules))


def load(code: str) -> Rules:
    """The rules of a programme; a programme without a file has no conditions of its own."""
    if not code:
        return Rules("", "", "")
    path = rules_dir() / f"{code}.json"
    if not path.is_file() or path.resolve().parent != rules_dir().resolve():
        raise RulesError(f"no rules file for {code!r}")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise RulesError(f"{code}: {error}") from error
    return parse(data, code)


def check(programme, answers: dict, province_code: str = "") -> Outcome:
    """The outcome of one programme's rules for a cooperative's answers."""
    reasons = []
    fund = programme.fund
    if fund.province_code and province_code != fund.province_code:
        reasons.append(
            _("This fund lends only to cooperatives in %(province)s.")
            % {"province": fund.province_name}
        )
    for rule in load(programme.rules_code).rules:
        answer = answers.get(rule.question)
        if not rule.passes(answer):
            reasons.append(rule.reason(answer))
    return Outcome(eligible=not reasons, reasons=reasons)
