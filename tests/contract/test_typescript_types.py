"""openapi-typescript types of the live OpenAPI document compile under ``tsc --strict`` (both
tools with their default options), and every request body example of the document type-checks
against them: a client that leaves out a field with a default compiles.

The pinned tools (``tests/contract/typescript/package.json`` and its lock file) are installed
once into ``.cache/ts-check`` (ignored by git) with ``npm ci``; the test is skipped when npm is
not installed."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.support.live_server import PROJECT_ROOT

TOOLS = PROJECT_ROOT / "tests" / "contract" / "typescript"
CACHE = PROJECT_ROOT / ".cache" / "ts-check"


def _install() -> Path:
    if shutil.which("npm") is None:
        pytest.skip("npm is not installed: the TypeScript types check needs Node.js and npm")
    CACHE.mkdir(parents=True, exist_ok=True)
    lock = (TOOLS / "package-lock.json").read_bytes()
    installed = CACHE / "node_modules" / ".package-lock.json"
    if not installed.exists() or (CACHE / "package-lock.json").read_bytes() != lock:
        for name in ("package.json", "package-lock.json"):
            shutil.copy(TOOLS / name, CACHE / name)
        subprocess.run(
            ["npm", "ci", "--no-audit", "--no-fund"],
            cwd=CACHE,
            check=True,
            capture_output=True,
            timeout=300,
        )
    return CACHE / "node_modules" / ".bin"


def _examples(document: dict[str, Any]) -> list[str]:
    """One typed constant per request body example: ``const b3: Body<P, M> = {...};``."""
    lines = []
    for path, item in document["paths"].items():
        for method, operation in item.items():
            content = operation.get("requestBody", {}).get("content", {})
            schema = content.get("application/json", {}).get("schema")
            if schema is None:
                continue
            if "$ref" in schema:
                schema = document["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
            for example in schema.get("examples", [])[:1]:
                name = f"b{len(lines)}"
                typed = f'Body<"{path}", "{method}">'
                lines.append(f"export const {name}: {typed} = {json.dumps(example)};")
    return lines


def test_the_generated_types_compile_strictly_and_fit_the_examples(
    live_server: str, tmp_path: Path
) -> None:
    bin_dir = _install()
    document = httpx.get(f"{live_server}/api/schema", timeout=30).json()
    (tmp_path / "openapi.json").write_text(json.dumps(document))
    subprocess.run(
        [str(bin_dir / "openapi-typescript"), "openapi.json", "-o", "schema.d.ts"],
        cwd=tmp_path,
        check=True,
        capture_output=True,
        timeout=120,
    )
    examples = _examples(document)
    assert len(examples) > 10  # the check has something to check
    (tmp_path / "check.ts").write_text(
        'import type { paths } from "./schema";\n'
        "type Body<P extends keyof paths, M extends keyof paths[P]> = NonNullable<\n"
        "  paths[P][M] extends { requestBody?: infer R } ? R : never\n"
        '> extends { content: { "application/json": infer T } } ? T : never;\n'
        + "\n".join(examples)
        + "\n"
    )
    compiled = subprocess.run(
        [str(bin_dir / "tsc"), "--strict", "--noEmit", "schema.d.ts", "check.ts"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert compiled.returncode == 0, compiled.stdout + compiled.stderr
