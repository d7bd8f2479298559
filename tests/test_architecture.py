"""docs/architecture.md's table of modules is the code's: every module is in it, each
with the modules it imports, and at the top of a module imports point down the table."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "positions"


def _imported(node: ast.stmt | ast.expr) -> set[str]:
    """The modules of the package one statement imports (`positions.x` -> `x`)."""
    if isinstance(node, ast.ImportFrom) and node.level:
        return {(node.module or "").split(".")[0]}
    if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("positions"):
        parts = (node.module or "").split(".")
        return {a.name for a in node.names} if len(parts) == 1 else {parts[1]}
    if isinstance(node, ast.Import):
        return {a.name.split(".")[1] for a in node.names if a.name.startswith("positions.")}
    return set()


def _walk(node: ast.AST) -> list[ast.stmt]:
    """Every statement under `node`, but those under `if TYPE_CHECKING:`, which import
    nothing when the code runs."""
    found: list[ast.stmt] = []
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.If) and ast.unparse(child.test).endswith("TYPE_CHECKING"):
            found.extend(_walk(ast.Module(body=child.orelse, type_ignores=[])))
            continue
        if isinstance(child, ast.stmt):
            found.append(child)
        found.extend(_walk(child))
    return found


def _imports() -> dict[str, tuple[set[str], set[str]]]:
    """Each module (a package counts as one): what it imports at its top, and what only
    inside functions. Imports for type checking alone are left out."""
    found: dict[str, tuple[set[str], set[str]]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).parts
        name = f"{parts[0]}/" if len(parts) > 1 else parts[0]
        if name in ("__init__.py", "__main__.py"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        top, inner = found.setdefault(name, (set(), set()))
        for statement in tree.body:
            if not isinstance(statement, ast.If):  # `if TYPE_CHECKING:`
                top |= _imported(statement)
        for node in _walk(tree):
            inner |= _imported(node)
    modules = {n.removesuffix(".py").removesuffix("/"): n for n in found}
    return {
        name: (
            {modules[m] for m in top if m in modules} - {name},
            {modules[m] for m in inner - top if m in modules} - {name},
        )
        for name, (top, inner) in found.items()
    }


NAMED = re.compile(r"`([a-z_]+)(?:\.[a-z_]+)?/?`")  # `views`, `render.json`, `export/`


def _named(cell: str) -> set[str]:
    found = NAMED.findall(cell)
    return {f"{n}.py" if (PACKAGE / f"{n}.py").exists() else f"{n}/" for n in found}


def _table() -> list[tuple[str, set[str], set[str]]]:
    """The rows of the table: module, imports at the top, imports inside functions."""
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    body = text[text.index("| module | owns | imports |") :].split("\n\n")[0]
    rows = []
    for line in body.splitlines()[2:]:
        module, _owns, cell = (c.strip() for c in line.strip("|").split(" | "))
        at_top, _, inside = cell.partition("inside ")
        rows.append((module.strip("`"), _named(at_top), _named(inside)))
    return rows


def test_every_module_is_in_the_table_with_what_it_imports() -> None:
    code = _imports()
    table = _table()
    assert [row[0] for row in table if row[0] not in code] == []
    assert sorted(set(code) - {row[0] for row in table}) == []
    for module, top, inner in table:
        assert (module, top, inner) == (module, *code[module])


def test_imports_at_the_top_point_down_the_table() -> None:
    order = [row[0] for row in _table()]
    code = _imports()
    upward = [
        (module, up)
        for i, module in enumerate(order)
        for up in code[module][0]
        if order.index(up) < i
    ]
    assert upward == []
