"""The extractor stays small modules over plain data: none over 300 lines, none importing ingest,
the web, the database or the models (issue 11)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

EXTRACT = Path(__file__).resolve().parents[2] / "app" / "extract"
MODULES = sorted(EXTRACT.glob("*.py"))
FORBIDDEN = ("app.ingest", "app.web", "app.query", "app.db", "app.models", "app.calculator")


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_module_is_small(path: Path) -> None:
    assert len(path.read_text("utf-8").splitlines()) <= 300


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_module_imports_no_later_stage(path: Path) -> None:
    tree = ast.parse(path.read_text("utf-8"))
    imported = [n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
    imported += [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
    assert not [m for m in imported if m.startswith(FORBIDDEN)]
