"""The package's shape, computed from its source: no import cycle between its modules, no module too long to read.

Every import counts, including those inside functions and under ``TYPE_CHECKING``: a lazy import is still a
dependency a reader has to hold in mind, and it is how the cycle between the composition root and the smoke test
hid. (``lint-imports`` checks the layers in CI; this test needs nothing but the standard library.)
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "unipile_desktop"
MAX_MODULE_LINES = 700
MAX_APPLICATION_LINES = 400  # the start-up sequence reads in one sitting


def module_name(path: Path, root: Path) -> str:
    parts = path.relative_to(root.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def package_modules(root: Path = PACKAGE) -> dict[str, Path]:
    return {module_name(path, root): path for path in sorted(root.rglob("*.py"))}


def imported_modules(name: str, path: Path, known: set[str]) -> Iterator[str]:
    """The package's own modules that ``path`` imports, anywhere in the file (functions and TYPE_CHECKING too)."""
    is_package = path.name == "__init__.py"
    for node in ast.walk(ast.parse(path.read_text("utf-8"), str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name in known:
                    yield alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = name.split(".") if is_package else name.split(".")[:-1]
                base = base[: len(base) - (node.level - 1)]
                source = ".".join(base + ([node.module] if node.module else []))
            else:
                source = node.module or ""
            for alias in node.names:
                submodule = f"{source}.{alias.name}"  # "from package import module"
                if submodule in known:
                    yield submodule
                elif source in known:
                    yield source


def import_graph(root: Path = PACKAGE) -> dict[str, set[str]]:
    modules = package_modules(root)
    known = set(modules)
    return {name: set(imported_modules(name, path, known)) - {name} for name, path in modules.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan), each sorted, for a readable failure."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

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

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_package_has_no_import_cycle() -> None:
    graph = import_graph()
    assert len(graph) > 50 and sum(map(len, graph.values())) > 200  # the walk really read the package
    assert cycles(graph) == []


def test_no_module_is_longer_than_a_reader_can_hold() -> None:
    lengths = {name: len(path.read_text("utf-8").splitlines()) for name, path in package_modules().items()}
    assert {name: n for name, n in lengths.items() if n > MAX_MODULE_LINES} == {}
    assert lengths["unipile_desktop.app.application"] < MAX_APPLICATION_LINES


# ---------------------------------------------------------------------------------------------- the checks see


def write_package(root: Path, files: dict[str, str]) -> Path:
    package = root / "unipile_desktop"
    for relative, text in files.items():
        target = package / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, "utf-8")
    return package


@pytest.mark.parametrize(
    "files",
    [
        # A lazy import inside a function closes the loop (app ↔ smoke, as it was).
        {
            "__init__.py": "",
            "app.py": "def run():\n    from .selftest import smoke\n",
            "selftest/__init__.py": "",
            "selftest/smoke.py": "from ..app import run\n",
        },
        # An import only for type checking closes it too.
        {
            "__init__.py": "",
            "a.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from . import b\n",
            "b.py": "import unipile_desktop.a\n",
        },
        # "from package import module" is an edge to the module (seed ↔ state, as it was).
        {
            "__init__.py": "",
            "sandbox/__init__.py": "",
            "sandbox/state.py": "from . import seed\n",
            "sandbox/seed.py": "from .state import State\n",
        },
    ],
)
def test_cycles_are_seen_through_lazy_typing_and_module_imports(tmp_path: Path, files: dict[str, str]) -> None:
    package = write_package(tmp_path, files)
    assert len(cycles(import_graph(package))) == 1


def test_an_acyclic_package_passes(tmp_path: Path) -> None:
    package = write_package(
        tmp_path,
        {"__init__.py": "", "low.py": "X = 1\n", "high.py": "from .low import X\n", "top.py": "from . import high\n"},
    )
    graph = import_graph(package)
    assert graph["unipile_desktop.top"] == {"unipile_desktop.high"}
    assert graph["unipile_desktop.high"] == {"unipile_desktop.low"}
    assert cycles(graph) == []
