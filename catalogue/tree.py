"""The public category tree, built in one query and cached until a category changes.

Listing pages need it three times (the facet, the sidebar, breadcrumbs); building it
from the database each time would cost queries on every page view.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.urls import reverse
from oscar.core.loading import get_model

from lib.i18n import pick

CACHE_KEY = "ocop:category-tree:v1"
CACHE_SECONDS = 60 * 60


@dataclass(frozen=True)
class Node:
    pk: int
    path: str
    depth: int
    code: str
    name: str
    name_en: str
    url: str

    def get_name(self) -> str:
        return pick(self, "name")

    def get_absolute_url(self) -> str:
        return self.url

    @property
    def level(self) -> int:
        return self.depth - 1


def _build() -> list[Node]:
    Category = get_model("catalogue", "Category")
    rows = list(
        Category.objects.browsable()
        .order_by("path")
        .values("pk", "path", "depth", "code", "name", "name_en", "slug")
    )
    slugs = {row["path"]: row["slug"] for row in rows}
    steplen = Category.steplen
    nodes = []
    for row in rows:
        full_slug = Category._slug_separator.join(
            slugs.get(row["path"][:end], "")
            for end in range(steplen, len(row["path"]) + 1, steplen)
        )
        url = reverse("catalogue:category", kwargs={"category_slug": full_slug, "pk": row["pk"]})
        nodes.append(
            Node(
                row["pk"],
                row["path"],
                row["depth"],
                row["code"] or "",
                row["name"],
                row["name_en"],
                url,
            )
        )
    return nodes


def category_tree() -> list[Node]:
    nodes = cache.get(CACHE_KEY)
    if nodes is None:
        nodes = _build()
        cache.set(CACHE_KEY, nodes, CACHE_SECONDS)
    return nodes


def children_of(path: str | None, depth: int) -> list[Node]:
    """Nodes at `depth` under `path` (the sectors when `path` is None)."""
    return [
        n for n in category_tree() if n.depth == depth and (path is None or n.path.startswith(path))
    ]


def ancestors_and_self(path: str) -> list[Node]:
    return [n for n in category_tree() if path.startswith(n.path)]


def forget(**kwargs) -> None:
    cache.delete(CACHE_KEY)


def connect() -> None:
    Category = get_model("catalogue", "Category")
    post_save.connect(forget, sender=Category, dispatch_uid="ocop-category-tree-save")
    post_delete.connect(forget, sender=Category, dispatch_uid="ocop-category-tree-delete")
