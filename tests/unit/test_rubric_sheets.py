"""The score sheets shipped in evaluation/data: every sheet adds up to 40/25/35 and 100, every
heading to the criteria under it, every criterion's best level to its maximum; spot checks
against Annex II of Decision 26/2026/QĐ-TTg; the loader refuses a sheet that does not add up."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest

from evaluation import rubrics
from evaluation.rubrics import DATA_DIR, RubricError

FILES = sorted(DATA_DIR.glob("rubric_*.json"))
SHEETS = [
    (path.name, name, parts)
    for path in FILES
    for name, parts in json.loads(path.read_text(encoding="utf-8"))["templates"].items()
]
TAXONOMY = Path(__file__).resolve().parents[2] / "catalogue" / "data" / "ocop_taxonomy.json"


def decree_2026() -> dict:
    return json.loads((DATA_DIR / "rubric_26_2026.json").read_text(encoding="utf-8"))


def criterion(data: dict, product_set: str, code: str) -> dict:
    parts = data["templates"][data["sets"][product_set]]
    return next(c for part in parts for c in part["criteria"] if c["code"] == code)


def subgroups(node: dict, depth: int = 0) -> list[str]:
    if depth == 3:
        return [node["code"]]
    children = node.get("sectors") or node.get("groups") or node.get("subgroups") or []
    return [code for child in children for code in subgroups(child, depth + 1)]


@pytest.mark.parametrize(("file", "name", "parts"), SHEETS, ids=[f"{f}:{n}" for f, n, _ in SHEETS])
def test_each_shipped_sheet_has_parts_of_40_25_35_adding_up_to_100(file, name, parts):
    assert [(part["code"], part["max"]) for part in parts] == [("A", 40), ("B", 25), ("C", 35)]
    for part in parts:
        assert sum(c["max"] for c in part["criteria"]) == part["max"], (file, name, part["code"])
    assert sum(c["max"] for part in parts for c in part["criteria"]) == 100


@pytest.mark.parametrize(("file", "name", "parts"), SHEETS, ids=[f"{f}:{n}" for f, n, _ in SHEETS])
def test_each_heading_and_each_criterions_best_level_match_its_maximum(file, name, parts):
    for part in parts:
        for group in part.get("groups", []):
            below = {group["code"]}
            below |= {g["code"] for g in part["groups"] if g.get("parent") == group["code"]}
            inside = [c["max"] for c in part["criteria"] if c.get("group") in below]
            assert sum(inside) == group["max"], (file, name, group["code"])
        for c in part["criteria"]:
            points = [lv["points"] for lv in c.get("levels", []) if lv["points"] is not None]
            assert (max(points) if points else c["max"]) == c["max"], (file, name, c["code"])
            assert points or c.get("yes_no") or "levels" not in c, (file, name, c["code"])


def test_the_2026_decree_has_a_sheet_for_every_subgroup_of_the_taxonomy():
    data = decree_2026()
    taxonomy = json.loads(TAXONOMY.read_text(encoding="utf-8"))
    assert sorted(data["sets"]) == sorted(subgroups(taxonomy)) and len(data["sets"]) == 26
    assert [data["set_info"][code]["annex_no"] for code in sorted(data["sets"])] == list(
        range(1, 27)
    )
    assert data["bonus"] == []  # the women / ethnic-minority point is criterion 3.2 of part A


def test_the_2026_sheets_read_as_the_annex_prints_them():
    data = decree_2026()
    fresh = criterion(data, "1.1.1", "1.1")  # Rau, củ, quả, hạt tươi: Nguồn gốc sản phẩm
    assert fresh["name"] == "Nguồn gốc sản phẩm" and fresh["local"]
    assert [(lv["points"], lv.get("min_stars")) for lv in fresh["levels"]] == [
        (1, None),
        (2, None),
        (3, None),
    ]
    women = criterion(data, "1.3.3", "3.2")
    assert women["max"] == 1 and women["name"].startswith("Đại diện pháp luật của chủ thể là nữ")
    linked = criterion(data, "1.1.1", "1.5")
    assert [lv.get("min_stars") for lv in linked["levels"]] == [None, None, 4, 5]
    parts = data["templates"]["6.1.1"]  # tourism: "(35 Điểm)" misprinted in A's heading
    assert [p["max"] for p in parts] == [40, 25, 35]
    assert criterion(data, "1.2.2", "7")["levels"][-1] == {
        "text": "Có trên 2 chỉ tiêu",
        "points": 3,
        "source_points": 13,
    }
    assert {(c["set"], c["criterion"]) for c in data["corrections"]} == {
        ("1.2.2", "7"),
        ("1.5.1", "6.1.1"),
    }


def test_every_2026_sheet_leaves_the_communes_criteria_to_the_commune():
    data = decree_2026()
    for product_set, template in data["sets"].items():
        parts = data["templates"][template]
        local = {c["name"] for part in parts for c in part["criteria"] if c.get("local")}
        assert "Sử dụng lao động địa phương" in local, product_set
        assert any(name.startswith("Nguồn gốc ý tưởng sản phẩm") for name in local), product_set


def test_a_dossier_takes_the_sheet_in_force_on_the_day_it_is_submitted():
    assert rubrics.in_force(datetime.date(2026, 5, 21)).code == "148-2023"
    assert rubrics.in_force(datetime.date(2026, 5, 22)).code == "26-2026"


def test_the_loader_refuses_a_sheet_whose_heading_or_levels_do_not_add_up(settings, tmp_path):
    data = decree_2026()
    data["code"], data["effective_from"] = "test-levels", "2031-01-01"
    criterion(data, "1.1.1", "1.1")["levels"][-1]["points"] = 2
    (tmp_path / "rubric_test.json").write_text(json.dumps(data, ensure_ascii=False))
    settings.OCOP_RUBRIC_DIRS = [str(tmp_path)]
    with pytest.raises(RubricError, match="criterion 1.1's best level is 2, not 3"):
        rubrics.all_rubrics()

    data = decree_2026()
    data["code"], data["effective_from"] = "test-groups", "2031-01-01"
    data["templates"]["1.1.1"][0]["groups"][0]["max"] = 17
    (tmp_path / "again").mkdir()
    (tmp_path / "again" / "rubric_test.json").write_text(json.dumps(data, ensure_ascii=False))
    settings.OCOP_RUBRIC_DIRS = [str(tmp_path / "again")]
    with pytest.raises(RubricError, match="group 1's criteria add up to 18, not 17"):
        rubrics.all_rubrics()
