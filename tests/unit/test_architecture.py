"""The layers of ARCHITECTURE.md, read from the import statements of the project's own code.

Every `import` and `from … import`, module-level or lazy inside a function, counts. The rules:
imports between top-level packages only go down (lib → domain apps → cms and dashboards →
marketplace), so there is no cycle; `lib` imports no package of ours; no app imports
`marketplace` but for its settings or URLs; settings import no app code; and no production
module grows past 500 lines.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NOT_PRODUCTION = {"tests", "bench"}
MAX_LINES = 500

# The floors, lowest first. A package may import its own floor or any floor below it.
LAYERS = {
    "lib": 0,
    "cms": 2,
    "dashboard": 2,
    "programme": 2,  # reads cms (fairs, training, sales points) beside the domain apps
    "api": 2,  # the open API: reads cms (fairs, training) beside the domain apps
    "marketplace": 3,
}
DOMAIN = 1  # every other app: catalogue, producers, traceability, search, checkout, …


@cache
def packages() -> frozenset[str]:
    return frozenset(
        path.parent.name
        for path in ROOT.glob("*/__init__.py")
        if path.parent.name not in NOT_PRODUCTION
    )


def modules():
    for package in sorted(packages()):
        for path in sorted((ROOT / package).rglob("*.py")):
            yield package, path


def imported_names(source: str) -> list[tuple[str, int]]:
    """(module, line) of every absolute import in `source`, those inside functions included."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.module, node.lineno))
        # relative imports (level > 0) stay inside their own package
    return found


@cache
def imports() -> tuple[tuple[str, str, str, int], ...]:
    """(importing module, its package, imported module, line) for each import of our packages."""
    found = []
    for package, path in modules():
        module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
        for name, line in imported_names(path.read_text()):
            if name.split(".")[0] in packages():
                found.append((module, package, name, line))
    return tuple(found)


def package_graph() -> dict[str, set[str]]:
    graph = defaultdict(set)
    for _module, package, name, _line in imports():
        target = name.split(".")[0]
        if target != package:
            graph[package].add(target)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one package (Tarjan)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(set(graph).union(*graph.values())):
        if node not in index:
            visit(node)
    return found


def test_the_reader_sees_lazy_imports_and_every_package():
    source = (
        "import catalogue.models\n"
        "from . import sibling\n"
        "def later():\n"
        "    from search.query import Filters\n"
        "    import lib.text as text\n"
    )
    assert imported_names(source) == [("catalogue.models", 1), ("search.query", 4), ("lib.text", 5)]
    assert {"lib", "catalogue", "checkout", "marketplace", "traceability"} <= packages()


def test_no_cycle_between_top_level_packages():
    assert cycles(package_graph()) == []


def test_imports_only_go_down_the_layers():
    upward = [
        f"{module}:{line} imports {name}"
        for module, package, name, line in imports()
        if LAYERS.get(name.split(".")[0], DOMAIN) > LAYERS.get(package, DOMAIN)
    ]
    assert upward == []


def test_lib_imports_no_package_of_ours():
    assert [f"{m}:{line} imports {name}" for m, p, name, line in imports() if p == "lib"] == []


def test_no_app_imports_marketplace_beyond_settings_and_urls():
    allowed = ("marketplace.settings", "marketplace.urls")
    reaching = [
        f"{module}:{line} imports {name}"
        for module, package, name, line in imports()
        if package != "marketplace"
        and name.split(".")[0] == "marketplace"
        and not name.startswith(allowed)
    ]
    assert reaching == []


def test_settings_import_no_app_code():
    app_code = [
        f"{module}:{line} imports {name}"
        for module, _package, name, line in imports()
        if module.startswith("marketplace.settings") and not name.startswith("marketplace.settings")
    ]
    assert app_code == []


def test_no_production_module_is_over_500_lines():
    long = [
        f"{path.relative_to(ROOT)}: {lines} lines"
        for _package, path in modules()
        if "migrations" not in path.parts
        and (lines := len(path.read_text().splitlines())) > MAX_LINES
    ]
    assert long == []


def test_the_cycle_finder_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
