"""The core names its own fields (``amount``), never where a request carried them
(``body.amount``): the HTTP error handler adds the request location (adapters/http/field_paths.py).
"""

from __future__ import annotations

import io
import re
import tokenize
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src"
REQUEST_PATH = re.compile(r"(?<![\w.])(body|path|query|header|cookie)\.[A-Za-z_{]")


def request_paths_in(source: str) -> list[str]:
    """The string literals (f-strings and docstrings included) that name a request location."""
    tokens = tokenize.generate_tokens(io.StringIO(source).readline)
    return [t.string for t in tokens if t.type == tokenize.STRING and REQUEST_PATH.search(t.string)]


def test_the_check_sees_a_request_path_in_any_string_form() -> None:
    planted = 'A = "body.amount"\nB = f"path.{x}"\nC = 3  # query.until in a comment is fine\n'
    assert request_paths_in(planted) == ['"body.amount"', 'f"path.{x}"']
    assert request_paths_in('body = body.replace("O", "0")\nD = "amount"\n') == []


def test_no_domain_or_use_case_module_names_a_request_path() -> None:
    found = {
        str(module.relative_to(SRC)): hits
        for layer in ("domain", "usecases")
        for module in sorted((SRC / layer).rglob("*.py"))
        if (hits := request_paths_in(module.read_text()))
    }
    assert found == {}
