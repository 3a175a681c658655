"""Walk the use cases: every module that commits a change must also say what it did for the
audit trail. (At run time the unit of work refuses such a commit too: ``AuditMissing``.)"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

USECASES = Path(__file__).resolve().parents[2] / "src" / "usecases"
AUDITING_CALLS = {"audit", "AuditRecord"}  # uow.audit(...), audit(uow, ...), AuditRecord(...)
RECORDERS = {"_recorder", "recorder"}  # SecurityRecorder.record(...) audits each event


def calls(tree: ast.AST) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Name):
            names.add(func.id)
        elif isinstance(func, ast.Attribute):
            names.add(func.attr)
            receiver = func.value
            if (
                func.attr == "record"
                and isinstance(receiver, ast.Attribute)
                and (receiver.attr in RECORDERS)
            ):
                names.add("recorder.record")
    return names


def committing_modules() -> list[Path]:
    found = []
    for path in sorted(USECASES.rglob("*.py")):
        if "commit" in calls(ast.parse(path.read_text())):
            found.append(path)
    return found


def test_the_walk_finds_the_use_cases() -> None:
    assert len(committing_modules()) > 20


@pytest.mark.parametrize("module", committing_modules(), ids=lambda p: p.stem)
def test_a_committing_use_case_records_an_audit_event(module: Path) -> None:
    made = calls(ast.parse(module.read_text()))
    assert made & (AUDITING_CALLS | {"recorder.record"}), (
        f"{module.relative_to(USECASES)} commits but records nothing for the audit trail"
    )
