"""The OCOP product taxonomy as Oscar categories, loaded from a data file.

The taxonomy is set by government decision (Decision 148/QĐ-TTg in 2023) and a later
decision may replace it: a new data file, loaded with `manage.py load_taxonomy`, is
all such a change needs.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from oscar.core.loading import get_model

DEFAULT_TAXONOMY = Path(__file__).resolve().parent / "data" / "ocop_taxonomy.json"


@dataclass
class Node:
    code: str
    name: str
    name_en: str
    children: list[Node] = field(default_factory=list)


@dataclass
class Taxonomy:
    version: str
    source: str
    sectors: list[Node]
    legacy: dict[str, list[str]]  # a 2019 group's code -> the current codes it became
    legacy_names: dict[str, tuple[str, str]]

    def walk(self):
        """Every node with its depth (1 = sector, 2 = group, 3 = sub-group)."""
        stack = [(sector, 1) for sector in reversed(self.sectors)]
        while stack:
            node, depth = stack.pop()
            yield node, depth
            stack.extend((child, depth + 1) for child in reversed(node.children))

    def counts(self) -> tuple[int, int, int]:
        depths = [depth for _node, depth in self.walk()]
        return depths.count(1), depths.count(2), depths.count(3)

    def codes(self) -> set[str]:
        return {node.code for node, _depth in self.walk()}


class TaxonomyError(ValueError):
    pass


def _node(data: dict, child_key: str | None, grandchild_key: str | None = None) -> Node:
    try:
        node = Node(code=str(data["code"]), name=data["name"], name_en=data.get("name_en", ""))
    except KeyError as exc:
        raise TaxonomyError(f"taxonomy entry {data!r} lacks {exc}") from None
    if child_key:
        node.children = [_node(child, grandchild_key) for child in data.get(child_key, [])]
    return node


def read_taxonomy(path: Path | str = DEFAULT_TAXONOMY) -> Taxonomy:
    with open(path, encoding="utf-8") as handle:
        data = json.load(handle)
    sectors = [_node(sector, "groups", "subgroups") for sector in data.get("sectors", [])]
    taxonomy = Taxonomy(
        version=str(data.get("version", "")),
        source=data.get("source", ""),
        sectors=sectors,
        legacy={item["code"]: list(item["maps_to"]) for item in data.get("legacy_2019", [])},
        legacy_names={
            item["code"]: (item["name"], item.get("name_en", ""))
            for item in data.get("legacy_2019", [])
        },
    )
    codes = [node.code for node, _depth in taxonomy.walk()]
    if len(codes) != len(set(codes)):
        raise TaxonomyError("taxonomy codes must be unique")
    unknown = {code for targets in taxonomy.legacy.values() for code in targets} - set(codes)
    if unknown:
        raise TaxonomyError(f"legacy mapping names unknown codes: {sorted(unknown)}")
    return taxonomy


def map_legacy(taxonomy: Taxonomy, legacy_code: str) -> list[str]:
    """The current taxonomy codes that a 2019 group's code became."""
    return taxonomy.legacy.get(legacy_code, [])


@transaction.atomic
def load_taxonomy(taxonomy: Taxonomy) -> dict[str, object]:
    """Create or update one category per taxonomy node, keyed by its code; returns code -> category."""
    Category = get_model("catalogue", "Category")
    by_code: dict[str, object] = {}
    existing = {c.code: c for c in Category.objects.exclude(code=None)}

    def upsert(node: Node, parent) -> object:
        category = existing.get(node.code)
        if category is None:
            fields = {"name": node.name, "name_en": node.name_en, "code": node.code}
            category = parent.add_child(**fields) if parent else Category.add_root(**fields)
        elif (category.name, category.name_en) != (node.name, node.name_en):
            category.name, category.name_en = node.name, node.name_en
            category.save()
        by_code[node.code] = category
        for child in node.children:
            upsert(child, category)
        return category

    for sector in taxonomy.sectors:
        upsert(sector, None)
    return by_code
