"""The bounded-contexts contract bites: a cross-context import planted in a copy of the tree
(in each layer, and through the shared kernel) makes ``lint-imports`` fail and name it; the
unmodified copy passes; the contexts it knows are the folders that exist."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import grimp
import pytest

from lint.context_contract import BoundedContextsContract

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"
LAYERS = ("domain", "usecases", "adapters", "infrastructure")
CONTRACT = "Bounded contexts are independent in every layer; they meet only at public ports"


def copy_tree(into: Path) -> Path:
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info")
    shutil.copytree(REPO / "src", into / "src", ignore=ignore)
    shutil.copytree(REPO / "lint", into / "lint", ignore=ignore)
    shutil.copy(REPO / "pyproject.toml", into / "pyproject.toml")
    return into


def lint_imports(tree: Path) -> subprocess.CompletedProcess[str]:
    # The copy's packages shadow the editable install; the wide terminal keeps lines whole.
    env = {**os.environ, "PYTHONPATH": str(tree / "src"), "COLUMNS": "400", "NO_COLOR": "1"}
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def append(tree: Path, module: str, line: str) -> None:
    path = tree / "src" / Path(*module.split("."))
    path = path / "__init__.py" if path.is_dir() else path.with_suffix(".py")
    assert path.exists(), path
    with path.open("a") as f:
        f.write(f"\n{line}\n")


def write(tree: Path, module: str, text: str) -> None:
    path = (tree / "src" / Path(*module.split("."))).with_suffix(".py")
    path.parent.mkdir(parents=True, exist_ok=True)
    for parent in path.relative_to(tree / "src").parents:
        init = tree / "src" / parent / "__init__.py"
        if parent != Path(".") and not init.exists():
            init.write_text("")
    path.write_text(text)


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    return copy_tree(tmp_path)


def test_the_unmodified_copy_keeps_the_contract(tree: Path) -> None:
    result = lint_imports(tree)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"{CONTRACT} KEPT" in result.stdout


PLANTS = {
    "domain": ("domain.banking.bank_accounts", "domain.kyc.steps"),
    "usecases": ("usecases.banking.request_deposit", "usecases.identity.authentication.login"),
    "adapters": ("adapters.http.banking.transfers_router", "adapters.persistence.identity.users"),
    "infrastructure": ("infrastructure.wiring.ledger", "infrastructure.wiring.kyc"),
    "a context's own driver": (
        "infrastructure.banking.rail_worker",
        "infrastructure.identity.totp",
    ),
}


@pytest.mark.parametrize(("importer", "imported"), PLANTS.values(), ids=PLANTS.keys())
def test_a_planted_cross_context_import_breaks_the_contract(
    tree: Path, importer: str, imported: str
) -> None:
    append(tree, importer, f"import {imported}  # planted")
    result = lint_imports(tree)
    assert result.returncode == 1, result.stdout
    assert f"{CONTRACT} BROKEN" in result.stdout
    assert f"{importer} -> {imported} (l." in result.stdout
    assert "which is not" in result.stdout


def test_a_tunnel_through_the_shared_kernel_breaks_the_contract(tree: Path) -> None:
    write(
        tree,
        "usecases.shared.ports.kyc_steps",
        "from usecases.kyc.kyc_gate import KycLevelGate\n\n__all__ = ['KycLevelGate']\n",
    )
    append(tree, "usecases.banking.request_deposit", "import usecases.shared.ports.kyc_steps")
    result = lint_imports(tree)
    assert result.returncode == 1, result.stdout
    assert "usecases.shared.ports.kyc_steps -> usecases.kyc.kyc_gate (l.1)" in result.stdout
    assert "the shared kernel imports no context (kyc)" in result.stdout


def test_a_public_port_needs_a_declared_consumer(tree: Path) -> None:
    append(tree, "usecases.ledger.list_journal", "import usecases.kyc.public.kyc_gate")
    result = lint_imports(tree)
    assert result.returncode == 1, result.stdout
    assert "usecases.ledger.list_journal -> usecases.kyc.public.kyc_gate" in result.stdout
    assert "no consumer entry 'ledger -> kyc'" in result.stdout


def test_a_consumer_entry_no_import_uses_breaks_the_contract(tree: Path) -> None:
    config = tree / "pyproject.toml"
    text = config.read_text()
    entry = '"ledger -> kyc: a reason nobody needs",\n'
    config.write_text(text.replace("consumers = [\n", f"consumers = [\n    {entry}", 1))
    result = lint_imports(tree)
    assert result.returncode == 1, result.stdout
    assert "consumer 'ledger -> kyc' is not used by any import" in result.stdout


def test_a_new_context_is_covered_the_day_its_folder_appears(tree: Path) -> None:
    write(tree, "domain.trading.orders", "from domain.banking import bank_accounts\n")
    result = lint_imports(tree)
    assert result.returncode == 1, result.stdout
    assert "domain.trading.orders -> domain.banking.bank_accounts (l.1)" in result.stdout
    assert "trading reaches into banking" in result.stdout


def options() -> dict[str, Any]:
    config = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["importlinter"]
    (found,) = (c for c in config["contracts"] if c["type"] == "bounded_contexts")
    return {k: v for k, v in found.items() if k not in ("name", "type")}


def contract() -> BoundedContextsContract:
    config = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["importlinter"]
    session = {"root_packages": config["root_packages"]}
    return BoundedContextsContract(
        name="contexts", session_options=session, contract_options=options()
    )


def test_the_contexts_it_knows_are_the_folders_that_exist() -> None:
    graph = grimp.build_graph(*LAYERS, cache_dir=None)
    folders = {
        d.name
        for layer in ("domain", "usecases")
        for d in (REPO / "src" / layer).iterdir()
        if (d / "__init__.py").exists() and d.name != "shared"
    }
    assert folders  # the tree has contexts
    assert contract().contexts(graph) == folders


def test_the_architecture_page_lists_every_public_port_and_consumer() -> None:
    page = (REPO / "docs" / "architecture.md").read_text()
    config = options()
    assert [p for p in config["public_ports"] if f"`{p}`" not in page] == []
    importers = {entry.partition("->")[0].strip() for entry in config["consumers"]}
    assert [i for i in importers if i not in page] == []
